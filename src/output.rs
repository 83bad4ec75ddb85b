//! Writing files the user asked for: atomically, so an interrupted run never leaves a
//! half-written report or baseline behind, and never over the input being read.

use crate::error::Error;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Refuse an output path inside the input: a folder being read (anything under it) or a file
/// being read (that file). `--output corpus/a.md` would replace an article, and a report
/// written as `corpus/outlets.yaml` would break the next run.
pub fn refuse_inside_inputs(output: &Path, flag: &str, inputs: &[PathBuf]) -> Result<(), Error> {
    let Some(target) = resolved(output) else {
        return Ok(());
    };
    for input in inputs {
        let Ok(input_real) = std::fs::canonicalize(input) else {
            continue;
        };
        if target.starts_with(&input_real) {
            let shown = crate::diagnostic::display_path(output);
            let what = if input_real.is_dir() {
                format!(
                    "inside {}, a corpus folder this run reads",
                    crate::diagnostic::display_path(input)
                )
            } else {
                format!(
                    "{}, a file this run reads",
                    crate::diagnostic::display_path(input)
                )
            };
            return Err(Error::Usage(format!(
                "{flag} {shown}: refusing to write {what}; crosscheck never writes into its input"
            )));
        }
    }
    Ok(())
}

/// The real path `output` names: its own when it exists, else its folder's plus its name.
fn resolved(output: &Path) -> Option<PathBuf> {
    if let Ok(p) = std::fs::canonicalize(output) {
        return Some(p);
    }
    let name = output.file_name()?;
    let dir = match output.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    Some(std::fs::canonicalize(dir).ok()?.join(name))
}

/// Write `bytes` to `path` through a securely created temporary file in the same folder and a
/// rename. A path that exists and is not a regular file (a device, a FIFO, `/dev/stdout`) is
/// written directly: renaming over it would replace the device node with a file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let shown = crate::diagnostic::display_path(path);
    let failed = |e: std::io::Error| {
        Error::Usage(format!(
            "cannot write {shown}: {}",
            crate::input::io_reason(&e)
        ))
    };
    // `/dev/stdout` names whatever the standard output is, a regular file too: replacing it
    // would lose the output, so the system's own names are written in place as well.
    let special = [Path::new("/dev"), Path::new("/proc")]
        .iter()
        .any(|d| path.starts_with(d));
    if special || std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        return std::fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(path)
            .and_then(|mut f| {
                f.write_all(bytes)?;
                f.flush()
            })
            .map_err(failed);
    }
    // A link to a file stays a link: its target is replaced.
    let real = std::fs::canonicalize(path).ok();
    let path = real.as_deref().unwrap_or(path);
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(Error::Usage(format!(
            "cannot write {shown}: the folder {} does not exist",
            crate::diagnostic::display_path(dir)
        )));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    // A random name, created with O_EXCL: a link planted in the folder cannot redirect it.
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".crosscheck.tmp");
    // The mode a plain `create` gives (0666 less the umask), not a temporary file's 0600:
    // a report is read by others.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = builder.tempfile_in(dir).map_err(failed)?;
    let _guard = interrupt::Guard::new(tmp.path());
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(failed)?;
    tmp.persist(path).map_err(|e| failed(e.error))?;
    Ok(())
}

/// Removing the temporary file when the run is interrupted (SIGINT, SIGTERM) while writing
/// it: the handler unlinks the one temporary file being written, then lets the signal end
/// the process as it would have.
mod interrupt {
    use std::path::Path;

    #[cfg(unix)]
    mod imp {
        use std::ffi::{CString, c_char, c_int};
        use std::path::Path;
        use std::sync::Once;
        use std::sync::atomic::{AtomicPtr, Ordering};

        /// The temporary file being written, as a C string (null when none).
        static PENDING: AtomicPtr<c_char> = AtomicPtr::new(std::ptr::null_mut());
        static INSTALL: Once = Once::new();

        extern "C" fn on_signal(signal: c_int) {
            let p = PENDING.swap(std::ptr::null_mut(), Ordering::SeqCst);
            // SAFETY: unlink, signal and raise are async-signal-safe; `p` came from
            // `CString::into_raw` and is not freed while it is published.
            unsafe {
                if !p.is_null() {
                    libc::unlink(p);
                }
                libc::signal(signal, libc::SIG_DFL);
                libc::raise(signal);
            }
        }

        pub struct Guard;

        impl Guard {
            pub fn new(path: &Path) -> Guard {
                use std::os::unix::ffi::OsStrExt;
                INSTALL.call_once(|| {
                    let handler = on_signal as extern "C" fn(c_int) as libc::sighandler_t;
                    // SAFETY: installing a handler that only calls async-signal-safe functions.
                    unsafe {
                        libc::signal(libc::SIGINT, handler);
                        libc::signal(libc::SIGTERM, handler);
                    }
                });
                if let Ok(c) = CString::new(path.as_os_str().as_bytes()) {
                    let old = PENDING.swap(c.into_raw(), Ordering::SeqCst);
                    free(old);
                }
                Guard
            }
        }

        impl Drop for Guard {
            fn drop(&mut self) {
                free(PENDING.swap(std::ptr::null_mut(), Ordering::SeqCst));
            }
        }

        fn free(p: *mut c_char) {
            if !p.is_null() {
                // SAFETY: `p` came from `CString::into_raw` and was unpublished by the swap.
                drop(unsafe { CString::from_raw(p) });
            }
        }
    }

    #[cfg(not(unix))]
    mod imp {
        pub struct Guard;
        impl Guard {
            pub fn new(_: &std::path::Path) -> Guard {
                Guard
            }
        }
    }

    pub struct Guard(#[allow(dead_code)] imp::Guard);

    impl Guard {
        pub fn new(path: &Path) -> Guard {
            Guard(imp::Guard::new(path))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_files_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.json");
        write_atomic(&p, b"first").unwrap();
        write_atomic(&p, b"second").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"second");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let e = write_atomic(&dir.path().join("nope/out.json"), b"x").unwrap_err();
        assert!(e.to_string().contains("does not exist"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_at_the_old_temporary_name_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "keep").unwrap();
        let p = dir.path().join("out.json");
        // The name the temporary file used to have, predictable from the process id.
        let planted = dir
            .path()
            .join(format!(".out.json.crosscheck-{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        write_atomic(&p, b"report").unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep");
        assert_eq!(std::fs::read(&p).unwrap(), b"report");
    }

    #[cfg(unix)]
    #[test]
    fn a_written_file_has_the_mode_a_created_file_has() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain");
        std::fs::File::create(&plain).unwrap();
        let p = dir.path().join("out.json");
        write_atomic(&p, b"x").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&p), mode(&plain));
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_written_in_place_not_replaced() {
        // /dev/null stays a device: written directly, never renamed over.
        write_atomic(Path::new("/dev/null"), b"x").unwrap();
        use std::os::unix::fs::FileTypeExt;
        assert!(
            std::fs::metadata("/dev/null")
                .unwrap()
                .file_type()
                .is_char_device()
        );
    }

    #[test]
    fn an_output_inside_an_input_folder_or_over_an_input_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir_all(corpus.join("sub")).unwrap();
        std::fs::write(corpus.join("outlets.yaml"), "x").unwrap();
        let inputs = [corpus.clone()];
        for bad in ["outlets.yaml", "new.sarif", "sub/new.html", "sub/../a.md"] {
            let e = refuse_inside_inputs(&corpus.join(bad), "--output", &inputs).unwrap_err();
            assert!(e.to_string().contains("refusing"), "{e}");
        }
        refuse_inside_inputs(&dir.path().join("report.html"), "--output", &inputs).unwrap();
        let file_input = [corpus.join("outlets.yaml")];
        assert!(refuse_inside_inputs(&corpus.join("outlets.yaml"), "-o", &file_input).is_err());
        refuse_inside_inputs(&corpus.join("other.json"), "-o", &file_input).unwrap();
    }
}
