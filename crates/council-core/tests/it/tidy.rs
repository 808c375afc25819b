//! Tidy checks that keep the core pure and the workspace documented: core's dependencies,
//! module docs on every source file, and a chrono without the clock.
// These tests read the workspace's own files; the core's ban on I/O (clippy.toml) is for
// the library, not for tests that inspect its sources.
#![expect(
    clippy::disallowed_methods,
    reason = "tidy tests read the workspace's files"
)]

use std::fs;
use std::path::{Path, PathBuf};

/// The crates council-core may depend on: dates, serialisation and its error enum.
const ALLOWED_DEPENDENCIES: [&str; 3] = ["chrono", "serde", "thiserror"];

fn core_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn workspace_root() -> PathBuf {
    core_dir().join("../..")
}

fn read(path: &Path) -> String {
    fs::read_to_string(path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

/// The names declared in a manifest's dependency tables whose header satisfies `is_table`,
/// read line by line: `name = ...`, `name.workspace = true` and `[table.name]` forms.
fn declared_in(manifest: &str, is_table: impl Fn(&str) -> bool) -> Vec<String> {
    let mut names = Vec::new();
    let mut in_table = false;
    for line in manifest.lines().map(str::trim) {
        if let Some(header) = line.strip_prefix('[') {
            let header = header.trim_end_matches(']').trim();
            in_table = is_table(header);
            let named_table = header
                .rsplit_once('.')
                .filter(|(table, _)| !in_table && is_table(table));
            if let Some((_, name)) = named_table {
                names.push(name.trim_matches('"').to_owned());
            }
            continue;
        }
        if in_table && !line.is_empty() && !line.starts_with('#') {
            let key = line.split(['=', '.']).next().unwrap_or_default();
            names.push(key.trim().trim_matches('"').to_owned());
        }
    }
    names
}

/// Whether a table header is a normal (not dev, not build) dependency table.
fn is_dependencies_table(header: &str) -> bool {
    header == "dependencies" || (header.starts_with("target.") && header.ends_with(".dependencies"))
}

#[test]
fn council_core_depends_only_on_allowed_crates() {
    let manifest = read(&core_dir().join("Cargo.toml"));
    let dependencies = declared_in(&manifest, is_dependencies_table);
    assert!(
        !dependencies.is_empty(),
        "no [dependencies] found in council-core's Cargo.toml"
    );
    let forbidden: Vec<&String> = dependencies
        .iter()
        .filter(|name| !ALLOWED_DEPENDENCIES.contains(&name.as_str()))
        .collect();
    assert!(
        forbidden.is_empty(),
        "council-core does no I/O and reads no clock, so it may depend only on {ALLOWED_DEPENDENCIES:?}; found {forbidden:?}"
    );
}

#[test]
fn dependency_reader_sees_every_form_of_declaration() {
    let manifest = "[package]\nname = \"x\"\n\n[dependencies]\nchrono.workspace = true\n# a comment\nserde = { version = \"1\" }\n\n[dependencies.tokio]\nversion = \"1\"\n\n[target.'cfg(unix)'.dependencies]\nrand = \"0.9\"\n\n[dev-dependencies]\nproptest = \"1\"\n";
    assert_eq!(
        declared_in(manifest, is_dependencies_table),
        ["chrono", "serde", "tokio", "rand"]
    );
}

/// Every `.rs` file under `dir`, recursively, in a stable order.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            files.push(path);
        }
    }
    files
}

#[test]
fn every_source_file_of_the_workspace_starts_with_a_module_doc() {
    let root = workspace_root();
    let mut crate_dirs: Vec<PathBuf> = fs::read_dir(root.join("crates"))
        .expect("the workspace's crates directory")
        .map(|entry| entry.expect("a directory entry").path().join("src"))
        .filter(|src| src.is_dir())
        .collect();
    crate_dirs.sort();
    assert!(
        !crate_dirs.is_empty(),
        "no crates/*/src under {}",
        root.display()
    );
    let offenders: Vec<String> = crate_dirs
        .iter()
        .flat_map(|src| rust_files(src))
        .filter(|file| {
            let text = read(file);
            let first = text.lines().find(|line| !line.trim().is_empty());
            !first.is_some_and(|line| line.starts_with("//!"))
        })
        .map(|file| {
            file.strip_prefix(&root)
                .unwrap_or(&file)
                .display()
                .to_string()
        })
        .collect();
    assert!(
        offenders.is_empty(),
        "these files do not start with a `//!` module doc line:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn workspace_chrono_cannot_read_the_clock() {
    let manifest = read(&workspace_root().join("Cargo.toml"));
    let mut in_workspace_dependencies = false;
    let mut chrono = None;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_workspace_dependencies = line == "[workspace.dependencies]";
        } else if in_workspace_dependencies
            && line.split(['=', '.']).next().map(str::trim) == Some("chrono")
        {
            chrono = Some(line.to_owned());
        }
    }
    let chrono = chrono.expect("chrono in [workspace.dependencies]");
    let compact: String = chrono
        .chars()
        .filter(|character| !character.is_whitespace())
        .collect();
    assert!(
        compact.contains("default-features=false"),
        "chrono's default features include `clock`; turn them off: {chrono}"
    );
    assert!(
        !compact.contains("\"clock\"") && !compact.contains("\"now\""),
        "chrono's `clock` feature lets the core read the time: {chrono}"
    );
}
