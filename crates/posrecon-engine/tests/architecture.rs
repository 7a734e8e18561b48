//! Architecture invariants checked as tests (in the spirit of rust-analyzer's tidy):
//!
//! - the engine never depends on browser crates, directly or transitively (read from Cargo.lock,
//!   which records the workspace's resolved dependency graph);
//! - the engine's sources never reach for the file system, the clock, threads, the environment or
//!   stdout;
//! - every engine source file starts with a `//!` module doc saying why it exists.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const BROWSER_CRATES: &[&str] =
    &["yew", "web-sys", "js-sys", "wasm-bindgen", "gloo", "gloo-worker", "yew-agent", "wasm-bindgen-futures"];

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Parses Cargo.lock into package name -> dependency names (versions dropped).
fn lock_graph() -> BTreeMap<String, BTreeSet<String>> {
    let text = std::fs::read_to_string(workspace_root().join("Cargo.lock")).expect("Cargo.lock");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for block in text.split("[[package]]").skip(1) {
        let mut name = None;
        let mut deps = BTreeSet::new();
        let mut in_deps = false;
        for line in block.lines() {
            let line = line.trim();
            if let Some(rest) = line.strip_prefix("name = ") {
                name = Some(rest.trim_matches('"').to_owned());
            } else if line.starts_with("dependencies = [") {
                in_deps = true;
            } else if in_deps && line == "]" {
                in_deps = false;
            } else if in_deps {
                let dep = line.trim_matches(|c| c == '"' || c == ',');
                deps.insert(dep.split(' ').next().unwrap_or(dep).to_owned());
            }
        }
        if let Some(name) = name {
            graph.entry(name).or_default().extend(deps);
        }
    }
    graph
}

#[test]
fn engine_never_depends_on_browser_crates() {
    let graph = lock_graph();
    assert!(graph.contains_key("posrecon-engine"), "engine missing from Cargo.lock");
    let mut seen = BTreeSet::new();
    let mut stack = vec![("posrecon-engine".to_owned(), vec!["posrecon-engine".to_owned()])];
    while let Some((name, path)) = stack.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        assert!(
            !BROWSER_CRATES.contains(&name.as_str()),
            "the engine must stay free of browser crates, but depends on {name} via {}",
            path.join(" -> ")
        );
        for dep in graph.get(&name).into_iter().flatten() {
            let mut next = path.clone();
            next.push(dep.clone());
            stack.push((dep.clone(), next));
        }
    }
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
