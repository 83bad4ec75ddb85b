//! Opening the files a run reads: regular files only, and never more of one than a limit.
//!
//! A FIFO opened for reading blocks until a writer comes, so a pipe planted in a corpus (or
//! named as `--outlets`) would hang a CI job forever; a device never ends. Files are opened
//! without blocking and their kind checked on the open handle before any byte is read.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// The most bytes read of a YAML file (see [`crate::yaml::MAX_FILE_BYTES`]).
pub const MAX_YAML_BYTES: u64 = crate::yaml::MAX_FILE_BYTES;
/// The most bytes read of a baseline.
pub const MAX_BASELINE_BYTES: u64 = 256 * 1024 * 1024;
/// The most bytes read of one `--claims` file: the claims of about 400,000 articles. Larger
/// shards are split.
pub const MAX_CLAIMS_BYTES: u64 = 1024 * 1024 * 1024;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    Io(io::Error),
    /// Not a regular file: a FIFO, socket or device (its kind, in words).
    NotRegular(&'static str),
    /// Larger than the limit: its size when known.
    TooLarge {
        size: Option<u64>,
        limit: u64,
    },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => f.write_str(&io_reason(e)),
            ReadError::NotRegular(kind) => write!(f, "it is {kind}, not a regular file"),
            ReadError::TooLarge {
                size: Some(size),
                limit,
            } => write!(f, "{size} bytes is more than the limit of {limit}"),
            ReadError::TooLarge { size: None, limit } => {
                write!(f, "it is larger than the limit of {limit} bytes")
            }
        }
    }
}

/// Open `path` for reading if it is a regular file (links followed), without ever blocking
/// on a FIFO. Returns the file and its size.
pub fn open_regular(path: &Path) -> Result<(File, u64), ReadError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(&meta.file_type())));
    }
    Ok((file, meta.len()))
}

/// What a file that is not a regular file or a folder is, in words.
pub fn kind_of(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
    }
    if kind.is_dir() {
        return "a folder";
    }
    "not a regular file"
}

/// The bytes of the regular file at `path`, refused when larger than `limit`.
pub fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (file, size) = open_regular(path)?;
    if size > limit {
        return Err(ReadError::TooLarge {
            size: Some(size),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    read_capped(file, limit, &mut bytes)?;
    Ok(bytes)
}

/// The text of the regular file at `path`, refused when larger than `limit` or not UTF-8.
pub fn read_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    let bytes = read_bytes(path, limit)?;
    String::from_utf8(bytes).map_err(|e| {
        ReadError::Io(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "not valid UTF-8 (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        ))
    })
}

/// Append at most `limit` bytes of `reader` to `out`; more is an error (a file that grew, a
/// stream).
pub fn read_capped(reader: impl Read, limit: u64, out: &mut Vec<u8>) -> Result<(), ReadError> {
    let start = out.len();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(out)
        .map_err(ReadError::Io)?;
    if (out.len() - start) as u64 > limit {
        return Err(ReadError::TooLarge { size: None, limit });
    }
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.yaml");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let e = read_text(&fifo, 100).unwrap_err();
        assert!(e.to_string().contains("FIFO"), "{e}");
    }

    #[test]
    fn files_over_the_limit_are_refused_and_others_read() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.yaml");
        std::fs::write(&p, "0123456789").unwrap();
        assert_eq!(read_text(&p, 10).unwrap(), "0123456789");
        let e = read_text(&p, 9).unwrap_err();
        assert!(e.to_string().contains("limit of 9"), "{e}");
        assert!(matches!(
            read_text(dir.path(), 100),
            Err(ReadError::NotRegular(_) | ReadError::Io(_))
        ));
    }
}

/// The operating system's reason without its error code ("No such file or directory").
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}
