//! Write: puts the rendered files on disk atomically. Everything goes to a temporary folder
//! beside the build directory, which then replaces it in one rename, so a failed build
//! leaves the previous one untouched.

use anyhow::{Context, Result};
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// `/`-separated path inside the build directory.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Replaces `dest` with exactly `files`.
pub fn write_atomic(dest: &Path, files: &[OutputFile]) -> Result<()> {
    let parent = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => Path::new(".").to_path_buf(),
    };
    std::fs::create_dir_all(&parent).with_context(|| format!("creating {}", parent.display()))?;
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "book".into());
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(&parent)
        .with_context(|| format!("creating a temporary folder in {}", parent.display()))?;
    // Folders first, then the files.
    let dirs: std::collections::BTreeSet<_> = files
        .iter()
        .filter_map(|f| staging.path().join(&f.path).parent().map(Path::to_path_buf))
        .collect();
    for dir in &dirs {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    // Sequentially: on these machines parallel writes of many small files were slower.
    for f in files {
        let path = staging.path().join(&f.path);
        std::fs::write(&path, &f.bytes).with_context(|| format!("writing {}", path.display()))?;
    }
    let staged = staging.keep();
    if dest.exists() {
        let old = tempfile::Builder::new()
            .prefix(&format!(".{name}.old-"))
            .tempdir_in(&parent)
            .with_context(|| format!("creating a temporary folder in {}", parent.display()))?;
        let old_path = old.path().join("site");
        std::fs::rename(dest, &old_path)
            .with_context(|| format!("moving the previous build {} aside", dest.display()))?;
        if let Err(e) = std::fs::rename(&staged, dest) {
            // Put the previous build back; nothing is lost.
            let _ = std::fs::rename(&old_path, dest);
            let _ = std::fs::remove_dir_all(&staged);
            return Err(e).with_context(|| format!("replacing {}", dest.display()));
        }
        drop(old);
    } else if let Err(e) = std::fs::rename(&staged, dest) {
        let _ = std::fs::remove_dir_all(&staged);
        return Err(e).with_context(|| format!("creating {}", dest.display()));
    }
    Ok(())
}

/// Brings `dest`, last written with files whose hashes are `before`, up to `files`: writes the
/// files that are new or changed (each to a temporary file, then renamed over the old one) and
/// removes the ones that are gone. Returns how many files it wrote.
pub fn sync(
    dest: &Path,
    before: &std::collections::HashMap<String, u64>,
    files: &std::collections::HashMap<String, Vec<u8>>,
) -> Result<usize> {
    let mut count = 0;
    for (rel, bytes) in files {
        if before.get(rel) == Some(&crate::serve::hash(bytes)) && dest.join(rel).is_file() {
            continue;
        }
        let path = dest.join(rel);
        let dir = path.parent().unwrap_or(dest);
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir)
            .with_context(|| format!("creating a temporary file in {}", dir.display()))?;
        std::io::Write::write_all(&mut tmp, bytes)
            .with_context(|| format!("writing {}", path.display()))?;
        tmp.persist(&path)
            .with_context(|| format!("replacing {}", path.display()))?;
        count += 1;
    }
    for rel in before.keys().filter(|rel| !files.contains_key(*rel)) {
        let path = dest.join(rel);
        if path.is_file() {
            std::fs::remove_file(&path).with_context(|| format!("removing {}", path.display()))?;
        }
    }
    Ok(count)
}
