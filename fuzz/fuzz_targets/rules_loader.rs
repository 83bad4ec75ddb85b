//! Arbitrary YAML as a gazetteer, a frames file, a lexicon and a conflict-rules file: errors,
//! never a panic.
#![no_main]
use crosscheck::rules::{Lexicon, conflict, frames::Frames, gazetteer::Gazetteer};
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data).into_owned();
    let files = [(PathBuf::from("f.yaml"), src)];
    let g = Gazetteer::compile(&files).ok();
    let f = Frames::compile(&files, g.as_ref()).ok();
    let l = Lexicon::compile(&files).ok();
    let _ = conflict::compile(&files, g.as_ref(), f.as_ref(), l.as_ref());
});
