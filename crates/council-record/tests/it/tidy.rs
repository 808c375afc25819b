//! Tidy checks: every source file starts with a module doc.

#[test]
fn every_module_has_a_doc_comment() {
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in std::fs::read_dir(source).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("//!"),
            "{} has no module doc",
            path.display()
        );
    }
}
