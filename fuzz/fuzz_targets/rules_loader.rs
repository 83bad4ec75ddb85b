//! Arbitrary YAML as a gazetteer, a frames file and a conflict-rules file: errors, never a
//! panic.
#![no_main]
use crosscheck::rules::{conflict, frames::Frames, gazetteer::Gazetteer};
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data).into_owned();
    let files = [(PathBuf::from("f.yaml"), src)];
    let g = Gazetteer::compile(&files).ok();
    let f = Frames::compile(&files, g.as_ref()).ok();
    let _ = conflict::compile(&files, g.as_ref(), f.as_ref(), None);
});
