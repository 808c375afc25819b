//! Tidy: every source file of this crate starts with a `//!` module doc.

use std::fs;
use std::path::PathBuf;

#[test]
fn every_source_file_starts_with_a_module_doc() {
    let source = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut undocumented = Vec::new();
    for entry in fs::read_dir(&source).expect("the crate's src directory") {
        let path = entry.expect("a directory entry").path();
        let text = fs::read_to_string(&path).expect("a readable source file");
        if !text.starts_with("//!") {
            undocumented.push(path.display().to_string());
        }
    }
    assert!(undocumented.is_empty(), "no `//!` doc: {undocumented:?}");
}
