//! Architecture invariants checked as tests (in the spirit of rust-analyzer's tidy):
//!
//! - the engine never depends on browser crates, directly or transitively, on any target (its
//!   normal dependencies as `cargo tree` resolves them; dev-dependencies only serve native tests);
//! - the engine's sources never reach for the file system, the clock, threads, the environment or
//!   stdout;
//! - every engine source file starts with a `//!` module doc saying why it exists.

use std::path::{Path, PathBuf};

const BROWSER_CRATES: &[&str] = &[
    "yew",
    "web-sys",
    "js-sys",
    "wasm-bindgen",
    "gloo",
    "gloo-worker",
    "yew-agent",
    "wasm-bindgen-futures",
];

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The engine's normal dependency graph on every target, resolved as when the engine is built on
/// its own (so features other workspace members switch on do not count), from `cargo tree`.
fn engine_dependency_tree() -> String {
    let out = std::process::Command::new(env!("CARGO"))
        .current_dir(workspace_root())
        .args([
            "tree",
            "-p",
            "posrecon-engine",
            "-e",
            "normal",
            "--target",
            "all",
            "--locked",
            "--offline",
        ])
        .output()
        .expect("run cargo tree");
    assert!(out.status.success(), "cargo tree failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn engine_never_depends_on_browser_crates() {
    let tree = engine_dependency_tree();
    assert!(tree.contains("csv v"), "unexpected cargo tree output:\n{tree}");
    let offenders: Vec<&str> = tree
        .lines()
        .filter(|line| {
            let name =
                line.trim_start_matches(|c: char| !c.is_ascii_alphanumeric()).split(' ').next();
            name.is_some_and(|n| BROWSER_CRATES.contains(&n))
        })
        .collect();
    assert!(offenders.is_empty(), "the engine must stay free of browser crates:\n{tree}");
}

fn engine_sources() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    files.sort();
    files
}

#[test]
fn engine_sources_do_no_io_and_read_no_clock() {
    let banned = [
        "std::fs",
        "std::net",
        "std::thread",
        "std::env",
        "std::process",
        "SystemTime",
        "Instant::now",
        "Local::now",
        "Utc::now",
        "println!",
        "eprintln!",
    ];
    let mut offences = Vec::new();
    for file in engine_sources() {
        let text = std::fs::read_to_string(&file).expect("read");
        for (idx, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for word in banned {
                if line.contains(word) {
                    offences.push(format!("{}:{}: uses {word}", file.display(), idx + 1));
                }
            }
        }
    }
    assert!(offences.is_empty(), "the engine must stay pure:\n{}", offences.join("\n"));
}

#[test]
fn every_engine_module_says_why_it_exists() {
    let missing: Vec<String> = engine_sources()
        .into_iter()
        .filter(|f| !std::fs::read_to_string(f).expect("read").starts_with("//!"))
        .map(|f| f.display().to_string())
        .collect();
    assert!(missing.is_empty(), "files without a //! module doc:\n{}", missing.join("\n"));
}
