//! The Nu Html Checker (`vnu`, from the `vnu-jar` npm package that `.ci/run` installs into
//! `.ci/node/`) on every page of the built MLA-C01 guide: no errors. Without java or the jar
//! the test skips loudly; with `CI=true` it fails.

mod common;
use common::*;

fn vnu_jar() -> Option<std::path::PathBuf> {
    let jar = repo().join(".ci/node/node_modules/vnu-jar/build/dist/vnu.jar");
    let java = std::process::Command::new("java")
        .arg("-version")
        .output()
        .is_ok();
    if jar.exists() && java {
        return Some(jar);
    }
    let why = format!(
        "{} missing or no java (npm install --prefix .ci/node vnu-jar)",
        jar.display()
    );
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("CI=true but {why}");
    }
    eprintln!("\n*** SKIPPING HTML VALIDATION: {why} ***\n");
    None
}

#[test]
fn every_page_of_the_guide_is_valid_html() {
    let Some(jar) = vnu_jar() else { return };
    let dest = tempfile::tempdir().unwrap();
    build(&repo(), dest.path());
    let pages: Vec<_> = read_tree(dest.path())
        .into_keys()
        .filter(|p| p.ends_with(".html"))
        .map(|p| dest.path().join(p))
        .collect();
    assert!(pages.len() >= 19);
    let out = std::process::Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "gnu"])
        .args(&pages)
        .output()
        .expect("run vnu");
    let report = String::from_utf8_lossy(&out.stderr)
        .replace(&format!("file:{}/", dest.path().display()), "");
    let errors: Vec<&str> = report.lines().filter(|l| l.contains("error")).collect();
    assert!(
        errors.is_empty() && out.status.success(),
        "{} HTML errors:\n{}",
        errors.len(),
        errors.join("\n")
    );
}
