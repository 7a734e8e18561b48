//! Architecture invariants checked as tests (in the spirit of rust-analyzer's tidy):
//!
//! - the engine never depends on browser crates, directly or transitively, on any target (its
//!   normal dependencies as `cargo tree` resolves them; dev-dependencies only serve native tests);
//! - the engine's sources never reach for the file system, the clock, threads, the environment or
//!   stdout;
//! - every engine source file starts with a `//!` module doc saying why it exists;
//! - stages only look down: each engine module has a rank in [`LAYERS`] and may use only modules
//!   of a lower rank, never the crate root, and no two stage modules (nor two files of `ingest/`)
//!   import each other in a circle;
//! - no engine function runs over [`MAX_FN_LINES`] lines outside tests.
//!
//! The layering and length tests carry explicit allow-lists of what was already there when the
//! rules came (issue 11). They only shrink: an entry that no longer applies fails the test too,
//! so whoever fixes a violation deletes its line.

use std::collections::{BTreeMap, BTreeSet};
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

// ---------------------------------------------------------------------------------------------
// Source text without comments, strings and char literals, so braces and paths can be counted.

/// `text` with every comment, string literal and char literal blanked to spaces (newlines kept,
/// so line numbers stay right).
fn code_only(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |out: &mut String, ch: char| out.push(if ch == '\n' { '\n' } else { ' ' });
    while i < c.len() {
        let next = c.get(i + 1).copied();
        if c[i] == '/' && next == Some('/') {
            while i < c.len() && c[i] != '\n' {
                blank(&mut out, c[i]);
                i += 1;
            }
        } else if c[i] == '/' && next == Some('*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    blank(&mut out, c[i]);
                    i += 1;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    blank(&mut out, c[i]);
                    i += 1;
                    if depth == 0 {
                        blank(&mut out, c[i]);
                        i += 1;
                        break;
                    }
                }
                blank(&mut out, c[i]);
                i += 1;
            }
        } else if c[i] == 'r'
            && (next == Some('"') || next == Some('#'))
            && (i == 0 || !(c[i - 1].is_alphanumeric() || c[i - 1] == '_'))
        {
            // Raw string r"..." / r#"..."#.
            let mut j = i + 1;
            let mut hashes = 0;
            while c.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if c.get(j) != Some(&'"') {
                out.push(c[i]);
                i += 1;
                continue;
            }
            j += 1;
            while j < c.len() {
                if c[j] == '"' && (1..=hashes).all(|h| c.get(j + h) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            for &ch in &c[i..j.min(c.len())] {
                blank(&mut out, ch);
            }
            i = j;
        } else if c[i] == '"' {
            blank(&mut out, c[i]);
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    blank(&mut out, c[i]);
                    i += 1;
                }
                if i < c.len() {
                    blank(&mut out, c[i]);
                    i += 1;
                }
            }
            if i < c.len() {
                blank(&mut out, c[i]);
                i += 1;
            }
        } else if c[i] == '\'' && (next == Some('\\') || c.get(i + 2) == Some(&'\'')) {
            // A char literal ('{', '\n', '\u{7b}'); a lifetime ('a) has no closing quote.
            blank(&mut out, c[i]);
            i += 1;
            if c.get(i) == Some(&'\\') {
                blank(&mut out, c[i]);
                i += 1;
            }
            while i < c.len() && c[i] != '\'' {
                blank(&mut out, c[i]);
                i += 1;
            }
            if i < c.len() {
                blank(&mut out, c[i]);
                i += 1;
            }
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

/// The line (0-based) of the brace that closes the one opened on or after line `from`; `None`
/// when a `;` ends the item first (a declaration without a body).
fn item_end(lines: &[&str], from: usize) -> Option<usize> {
    let mut depth = 0i32;
    let mut opened = false;
    for (idx, line) in lines.iter().enumerate().skip(from) {
        for ch in line.chars() {
            match ch {
                '{' => {
                    depth += 1;
                    opened = true;
                }
                '}' => depth -= 1,
                ';' if !opened => return None,
                _ => {}
            }
            if opened && depth == 0 {
                return Some(idx);
            }
        }
    }
    None
}

/// One engine source file, read for the structural tests.
struct Source {
    /// Path under `src/`, with `/` (`matcher/deposit.rs`).
    rel: String,
    /// The module path (`["matcher", "deposit"]`; `[]` for `lib.rs`).
    module: Vec<String>,
    /// Code lines without comments and literals, with `#[cfg(test)]` items blanked out.
    lines: Vec<String>,
}

/// Every engine source file that is not test code: `tests.rs` files, files declared under
/// `#[cfg(test)]` and `#[cfg(test)]` items inside files are left out.
fn engine_code() -> Vec<Source> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut test_only: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for file in engine_sources() {
        let rel = file.strip_prefix(&src).expect("under src").to_string_lossy().replace('\\', "/");
        let code = code_only(&std::fs::read_to_string(&file).expect("read"));
        let mut lines: Vec<String> = code.lines().map(str::to_owned).collect();
        let dir = rel.rsplit_once('/').map_or("", |(d, _)| d).to_owned();
        let own_dir = match rel.as_str() {
            "lib.rs" => String::new(),
            r if r.ends_with("/mod.rs") => dir.clone(),
            r => r.trim_end_matches(".rs").to_owned(),
        };
        let mut idx = 0;
        while idx < lines.len() {
            if lines[idx].trim() != "#[cfg(test)]" {
                idx += 1;
                continue;
            }
            let item = idx + 1;
            let decl = lines.get(item).map(|l| l.trim().to_owned()).unwrap_or_default();
            if let Some(name) = decl.strip_suffix(';').and_then(|d| d.rsplit(' ').next())
                && decl.contains("mod ")
            {
                let base = if own_dir.is_empty() { String::new() } else { format!("{own_dir}/") };
                test_only.push(format!("{base}{name}.rs"));
                test_only.push(format!("{base}{name}/mod.rs"));
            }
            let end = item_end(&lines.iter().map(String::as_str).collect::<Vec<_>>(), item)
                .unwrap_or(item);
            let last = end.min(lines.len() - 1);
            for line in &mut lines[idx..=last] {
                line.clear();
            }
            idx = end + 1;
        }
        let mut module: Vec<String> =
            rel.trim_end_matches(".rs").split('/').map(str::to_owned).collect();
        if module.last().is_some_and(|m| m == "mod" || m == "lib") {
            module.pop();
        }
        out.push(Source { rel, module, lines });
    }
    out.retain(|s| {
        !s.rel.ends_with("/tests.rs") && s.rel != "tests.rs" && !test_only.contains(&s.rel)
    });
    out
}

// ---------------------------------------------------------------------------------------------
// Stages only look down.

/// Where each module of the engine sits: a module may use modules of a lower rank only (and
/// itself). A new module must be given a place here. `report` is the contract types (and
/// `labels.rs`, their names), at the bottom because every stage writes them; `report::export` is
/// the exports of a finished report (`html.rs`, `chart.rs`, `csv.rs`, `table.rs`, the case
/// `sheet.rs` and the chat texts `finding_text.rs`, `run_text.rs`, and `needs.rs`, the
/// files-needed checklist that reads `knowledge::file_sources`), at the top.
const LAYERS: &[(&str, u8)] = &[
    // Plain data and what the caller decides.
    ("model", 0),
    ("config", 1),
    // Leaves below every stage: reading one cell, typed messages, the per-file accounting.
    ("cell", 3),
    ("message", 2),
    ("accounting", 4),
    ("report", 5),
    // Reference data the stages read.
    ("knowledge", 6),
    ("calendar", 6),
    ("fees", 6),
    // The stages, in pipeline order, with the checks between them.
    ("ingest", 7),
    ("totals", 8),
    ("normalize", 9),
    ("matcher", 10),
    ("dedupe", 11),
    ("fail_safe", 11),
    ("pipeline", 12),
    ("diagnose", 13),
    ("chains", 14),
    ("check", 15),
    ("follow", 15),
    ("report::export", 16),
    ("synth", 16),
    // The crate root orchestrates everything.
    ("lib", 17),
];

/// Upward imports (file, module it uses) and crate-root imports (file, `crate::Name`) that were
/// there when the layering test came. The lead empties this list when the branches of issue 11
/// are merged (root imports: rewrite `crate::Lang` to `crate::config::Lang` mechanically); every
/// entry that no longer applies fails the test, so the list only shrinks.
const KNOWN_LAYER_VIOLATIONS: &[(&str, &str)] = &[];

/// Circles between stage modules (sorted names) known when the test came; they come from the
/// upward imports above. Only shrinks.
const KNOWN_STAGE_CYCLES: &[&[&str]] = &[];

/// Circles between files of `ingest/` (sorted file names; imports through `ingest/mod.rs`'s own
/// items do not count) known when the test came. Only shrinks.
const KNOWN_INGEST_CYCLES: &[&[&str]] = &[];

fn rank(stage: &str) -> Option<u8> {
    LAYERS.iter().find(|(name, _)| *name == stage).map(|(_, r)| *r)
}

/// The stage of a module path (`["report", "html"]` -> `report::export`).
fn stage_of(module: &[String]) -> String {
    match module {
        [] => "lib".to_owned(),
        [first, second, ..]
            if first == "report"
                && [
                    "html",
                    "chart",
                    "csv",
                    "finding_text",
                    "needs",
                    "run_text",
                    "sheet",
                    "steps",
                    "table",
                ]
                .contains(&second.as_str()) =>
        {
            "report::export".to_owned()
        }
        [first, ..] => first.clone(),
    }
}

/// Parses a use tree at `c[*i..]` (after `crate::` / `super::`), pushing every full path.
fn use_tree(c: &[char], i: &mut usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    let skip_ws = |i: &mut usize| {
        while *i < c.len() && c[*i].is_whitespace() {
            *i += 1;
        }
    };
    skip_ws(i);
    if c.get(*i) == Some(&'{') {
        *i += 1;
        loop {
            skip_ws(i);
            match c.get(*i) {
                None => return,
                Some('}') => {
                    *i += 1;
                    return;
                }
                Some(',') => *i += 1,
                _ => {
                    let before = *i;
                    use_tree(c, i, prefix.clone(), out);
                    if *i == before {
                        *i += 1;
                    }
                }
            }
        }
    }
    let start = *i;
    while *i < c.len() && (c[*i].is_alphanumeric() || c[*i] == '_') {
        *i += 1;
    }
    let ident: String = c[start..*i].iter().collect();
    if ident.is_empty() || ident == "self" {
        out.push(prefix);
        skip_rename(c, i);
        return;
    }
    let mut path = prefix;
    path.push(ident);
    let mut j = *i;
    skip_ws(&mut j);
    if c.get(j) == Some(&':') && c.get(j + 1) == Some(&':') {
        *i = j + 2;
        use_tree(c, i, path, out);
    } else {
        out.push(path);
        skip_rename(c, i);
    }
}

/// Steps over a rename (` as Name`) after a path in a use tree: the new name is no path, and
/// read as one it would be taken for `crate::as`.
fn skip_rename(c: &[char], i: &mut usize) {
    let mut j = *i;
    while j < c.len() && c[j].is_whitespace() {
        j += 1;
    }
    let is_as = c.get(j) == Some(&'a')
        && c.get(j + 1) == Some(&'s')
        && c.get(j + 2).is_some_and(|ch| ch.is_whitespace());
    if !is_as {
        return;
    }
    j += 2;
    while j < c.len() && c[j].is_whitespace() {
        j += 1;
    }
    while j < c.len() && (c[j].is_alphanumeric() || c[j] == '_') {
        j += 1;
    }
    *i = j;
}

/// Every path a source file names through `crate::` or `super::`, made absolute, with its line
/// (1-based).
fn crate_paths(source: &Source) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    // Inline modules (`mod x { ... }`) open inside the file's module: (name, depth inside them).
    let mut inline: Vec<(String, i32)> = Vec::new();
    let mut depth = 0i32;
    for (idx, line) in source.lines.iter().enumerate() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if let Some(pos) = words.iter().position(|w| *w == "mod")
            && words.get(pos + 2) == Some(&"{")
        {
            inline.push((words[pos + 1].to_owned(), depth + 1));
        }
        let mut module = source.module.clone();
        module.extend(inline.iter().map(|(name, _)| name.clone()));
        for ch in line.chars() {
            match ch {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if inline.last().is_some_and(|(_, d)| depth < *d) {
                        inline.pop();
                    }
                }
                _ => {}
            }
        }
        let c: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < c.len() {
            let word_start = i == 0
                || !(c[i - 1].is_alphanumeric()
                    || c[i - 1] == '_'
                    || c[i - 1] == ':'
                    || c[i - 1] == '$');
            let rest: String = c[i..].iter().take(7).collect();
            let (base, skip) = if word_start && rest.starts_with("crate::") {
                (Vec::new(), 7)
            } else if word_start && rest.starts_with("super::") {
                let mut base = module.clone();
                base.pop();
                let mut k = i + 7;
                while c[k..].iter().take(7).collect::<String>() == "super::" {
                    base.pop();
                    k += 7;
                }
                (base, k - i)
            } else {
                i += 1;
                continue;
            };
            let mut j = i + skip;
            let mut paths = Vec::new();
            use_tree(&c, &mut j, base, &mut paths);
            out.extend(paths.into_iter().map(|p| (idx + 1, p)));
            i = j.max(i + 1);
        }
    }
    out
}

fn top_modules() -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out: Vec<String> = std::fs::read_dir(&src)
        .expect("read src")
        .map(|e| e.expect("entry").path())
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.to_owned();
            if p.is_dir() {
                Some(name)
            } else {
                name.strip_suffix(".rs").filter(|n| *n != "lib").map(str::to_owned)
            }
        })
        .collect();
    out.sort();
    out
}

/// Tarjan's search state: next index, (index, low link) per node, the stack and its members.
type Tarjan = (usize, BTreeMap<String, (usize, usize)>, Vec<String>, BTreeSet<String>);

/// Strongly connected components of more than one node (Tarjan), each sorted.
fn circles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    fn visit(
        v: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut Tarjan,
        out: &mut Vec<Vec<String>>,
    ) {
        let n = state.0;
        state.0 += 1;
        state.1.insert(v.to_owned(), (n, n));
        state.2.push(v.to_owned());
        state.3.insert(v.to_owned());
        for w in edges.get(v).into_iter().flatten() {
            if !state.1.contains_key(w) {
                visit(w, edges, state, out);
                let low = state.1[w].1.min(state.1[v].1);
                state.1.get_mut(v).expect("visited").1 = low;
            } else if state.3.contains(w) {
                let low = state.1[w].0.min(state.1[v].1);
                state.1.get_mut(v).expect("visited").1 = low;
            }
        }
        if state.1[v].0 == state.1[v].1 {
            let mut component = Vec::new();
            while let Some(w) = state.2.pop() {
                state.3.remove(&w);
                let done = w == v;
                component.push(w);
                if done {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                out.push(component);
            }
        }
    }
    let mut state: Tarjan = (0, BTreeMap::new(), Vec::new(), BTreeSet::new());
    let mut out = Vec::new();
    for v in edges.keys() {
        if !state.1.contains_key(v) {
            visit(v, edges, &mut state, &mut out);
        }
    }
    out.sort();
    out
}

/// The problems with the engine's imports: upward or root imports not in
/// [`KNOWN_LAYER_VIOLATIONS`], circles not in the known lists, and stale entries of those lists.
fn layering_problems(sources: &[Source]) -> Vec<String> {
    let modules = top_modules();
    let mut problems = Vec::new();
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    let mut stage_edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut ingest_edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut example: BTreeMap<(String, String), String> = BTreeMap::new();
    for source in sources {
        let from = stage_of(&source.module);
        let Some(from_rank) = rank(&from) else {
            problems.push(format!("{}: module `{from}` has no place in LAYERS", source.rel));
            continue;
        };
        for (line, path) in crate_paths(source) {
            let place = format!("src/{}:{line}: crate::{}", source.rel, path.join("::"));
            if path.first().is_some_and(|m| m == "ingest")
                && source.module.first().is_some_and(|m| m == "ingest")
            {
                // Files of ingest/ that use each other directly.
                let file_of = |m: &[String]| match m {
                    [_, file, ..] if modules.contains(&"ingest".to_owned()) => Some(file.clone()),
                    _ => None,
                };
                if let (Some(a), Some(b)) = (file_of(&source.module), file_of(&path)) {
                    let b_is_file = Path::new(env!("CARGO_MANIFEST_DIR"))
                        .join(format!("src/ingest/{b}.rs"))
                        .exists();
                    if a != b && b_is_file {
                        ingest_edges.entry(a.clone()).or_default().insert(b.clone());
                        example.entry((a, b)).or_insert_with(|| place.clone());
                    }
                }
            }
            let Some(first) = path.first() else { continue };
            let (to, key) = if modules.contains(first) {
                let to = stage_of(&path);
                (to.clone(), to)
            } else if from == "lib" {
                continue;
            } else {
                ("lib".to_owned(), format!("crate::{first}"))
            };
            if to == from {
                continue;
            }
            let Some(to_rank) = rank(&to) else {
                problems.push(format!("{place}: module `{to}` has no place in LAYERS"));
                continue;
            };
            if to != "lib" {
                stage_edges.entry(from.clone()).or_default().insert(to.clone());
                example.entry((from.clone(), to.clone())).or_insert_with(|| place.clone());
            }
            if to_rank >= from_rank {
                let entry = (source.rel.clone(), key.clone());
                let known =
                    KNOWN_LAYER_VIOLATIONS.iter().any(|(f, k)| *f == entry.0 && *k == entry.1);
                if !known && !seen.contains(&entry) {
                    let why = if to == "lib" {
                        format!("uses the crate root (`{key}`); name the module that defines it")
                    } else {
                        format!("`{from}` (rank {from_rank}) uses `{to}` (rank {to_rank}) above it")
                    };
                    problems
                        .push(format!("{place}\n    {why}  [(\"{}\", \"{}\"),]", entry.0, entry.1));
                }
                seen.insert(entry);
            }
        }
    }
    for (file, key) in KNOWN_LAYER_VIOLATIONS {
        if !seen.contains(&(file.to_string(), key.to_string())) {
            problems.push(format!(
                "KNOWN_LAYER_VIOLATIONS: ({file:?}, {key:?}) no longer happens; remove it"
            ));
        }
    }
    let known_as = |list: &[&[&str]], c: &[String]| list.iter().any(|k| k.iter().eq(c.iter()));
    for (what, edges, known) in [
        ("stage modules", &stage_edges, KNOWN_STAGE_CYCLES),
        ("files of ingest/", &ingest_edges, KNOWN_INGEST_CYCLES),
    ] {
        let found = circles(edges);
        for circle in &found {
            if !known_as(known, circle) {
                let mut text = format!("a circle between {what}: {circle:?}");
                for a in circle {
                    for b in edges.get(a).into_iter().flatten().filter(|b| circle.contains(b)) {
                        text.push_str(&format!(
                            "\n    {a} -> {b}: {}",
                            example[&(a.clone(), b.clone())]
                        ));
                    }
                }
                problems.push(text);
            }
        }
        for k in known {
            if !found.iter().any(|c| c.iter().eq(k.iter())) {
                problems
                    .push(format!("known circle between {what} {k:?} no longer exists; remove it"));
            }
        }
    }
    problems
}

#[test]
fn stages_only_look_down() {
    let problems = layering_problems(&engine_code());
    assert!(
        problems.is_empty(),
        "imports that break the layering (see LAYERS in tests/architecture.rs):\n{}",
        problems.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// Functions a reader can hold in their head.

/// Longest engine function (signature to closing brace) outside tests.
const MAX_FN_LINES: usize = 80;

/// Functions over [`MAX_FN_LINES`] when the test came (file under `src/`, name). Their owners
/// shorten them; an entry whose function is now short (or gone) fails the test, so the list only
/// shrinks, and the lead empties it.
const KNOWN_LONG_FNS: &[(&str, &str)] = &[];

/// Every function in `sources` with its length in lines: (file, name, first line, lines).
fn functions(sources: &[Source]) -> Vec<(String, String, usize, usize)> {
    let mut out = Vec::new();
    for source in sources {
        let lines: Vec<&str> = source.lines.iter().map(String::as_str).collect();
        for (idx, line) in lines.iter().enumerate() {
            let words: Vec<&str> = line.split_whitespace().collect();
            let Some(pos) = words.iter().position(|w| *w == "fn") else { continue };
            let modifiers = &words[..pos];
            let is_item = modifiers.iter().all(|w| {
                w.starts_with("pub")
                    || ["const", "async", "unsafe", "extern", "default"].contains(w)
            });
            let Some(name) = words.get(pos + 1).map(|w| {
                w.split(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap_or("")
            }) else {
                continue;
            };
            if !is_item || name.is_empty() {
                continue;
            }
            if let Some(end) = item_end(&lines, idx) {
                out.push((source.rel.clone(), name.to_owned(), idx + 1, end - idx + 1));
            }
        }
    }
    out
}

fn long_function_problems(sources: &[Source]) -> Vec<String> {
    let fns = functions(sources);
    let mut problems = Vec::new();
    for (file, name, line, len) in &fns {
        let known = KNOWN_LONG_FNS.iter().any(|(f, n)| f == file && n == name);
        if *len > MAX_FN_LINES && !known {
            problems.push(format!(
                "src/{file}:{line}: fn {name} is {len} lines (at most {MAX_FN_LINES})  [(\"{file}\", \"{name}\"),]"
            ));
        }
    }
    for (file, name) in KNOWN_LONG_FNS {
        let still_long =
            fns.iter().any(|(f, n, _, len)| f == file && n == name && *len > MAX_FN_LINES);
        if !still_long {
            problems.push(format!(
                "KNOWN_LONG_FNS: ({file:?}, {name:?}) is no longer over {MAX_FN_LINES} lines; remove it"
            ));
        }
    }
    problems
}

#[test]
fn engine_functions_fit_on_a_screen() {
    let problems = long_function_problems(&engine_code());
    assert!(problems.is_empty(), "functions too long to read at once:\n{}", problems.join("\n"));
}

#[test]
fn use_trees_read_renames_as_no_path() {
    let read = |text: &str| {
        let c: Vec<char> = text.chars().collect();
        let mut out = Vec::new();
        use_tree(&c, &mut 0, Vec::new(), &mut out);
        out.iter().map(|p| p.join("::")).collect::<Vec<_>>()
    };
    assert_eq!(
        read("{config::Lang as L, model::{self as m, Role}};"),
        ["config::Lang", "model", "model::Role"]
    );
    assert_eq!(read("report::Report as R;"), ["report::Report"]);
    assert_eq!(read("{assets, ascii::X};"), ["assets", "ascii::X"]);
}
