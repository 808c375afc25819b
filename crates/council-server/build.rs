//! Embeds every file of `assets/` in the binary: writes `assets.rs` into `OUT_DIR`, a table of
//! `(file name, bytes)` that `pages.rs` serves, so adding a page or a script needs no code.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;

fn main() {
    let manifest =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let assets = manifest.join("assets");
    println!("cargo:rerun-if-changed={}", assets.display());
    let mut names: Vec<(String, PathBuf)> = Vec::new();
    if let Ok(entries) = fs::read_dir(&assets) {
        for entry in entries.flatten() {
            let path = entry.path();
            println!("cargo:rerun-if-changed={}", path.display());
            if path.is_file() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if !name.starts_with('.') {
                    names.push((name, path));
                }
            }
        }
    }
    names.sort();
    let mut table = String::from("/// The embedded assets: file name and contents, by name.\n");
    table.push_str("pub(crate) static ASSETS: &[(&str, &[u8])] = &[\n");
    for (name, path) in &names {
        writeln!(
            table,
            "    ({name:?}, include_bytes!({:?})),",
            path.display().to_string()
        )
        .expect("writing to a String cannot fail");
    }
    table.push_str("];\n");
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("assets.rs");
    fs::write(out, table).expect("OUT_DIR is writable");
}
