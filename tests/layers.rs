//! The code layout as a rule: each top-level module of `src/` may name (`crate::…`) only itself
//! and the modules before it in the pipeline. An import that runs back up the pipeline, or a
//! cycle between modules, fails here with the file and the name.

use std::path::Path;

/// The pipeline, first to last. Leaves share the first layer.
const LAYERS: &[&[&str]] = &[
    &["diagnostic", "html", "write"],
    &["source"],
    &["model"],
    &["render"],
    &["check"],
    &["coverage"],
    &["assets"],
    &["site"],
    &["pipeline"],
    &["export"],
    &["live"],
    &["serve"],
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// The top-level module a file under `src/` belongs to (`src/assets/search/mod.rs` -> `assets`).
fn module_of(rel: &Path) -> String {
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

#[test]
fn no_module_names_one_later_in_the_pipeline() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    let mut files = 0;
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).unwrap();
        let from = module_of(rel);
        let Some(from_layer) = layer(&from) else {
            continue; // lib.rs, main.rs and cmd/ (the binary) sit above everything.
        };
        files += 1;
        let text = std::fs::read_to_string(path).unwrap();
        for (n, line) in text.lines().enumerate() {
            for (at, _) in line.match_indices("crate::") {
                let name: String = line[at + 7..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                match layer(&name) {
                    Some(to) if to > from_layer => wrong.push(format!(
                        "src/{}:{}: `{from}` names `crate::{name}`, which comes later in the pipeline",
                        rel.display(),
                        n + 1
                    )),
                    Some(_) => {}
                    None => wrong.push(format!(
                        "src/{}:{}: `crate::{name}` is not a module of the layout in tests/layers.rs",
                        rel.display(),
                        n + 1
                    )),
                }
            }
        }
    }
    assert!(files > 40, "only {files} files read under src/");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
