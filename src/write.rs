//! Write: puts the rendered files on disk atomically. Everything goes to a temporary folder
//! beside the build directory ([`Staging`]), which then replaces it in one rename, so a failed
//! build leaves the previous one untouched. Rendering hands files to a [`Sink`] as it makes
//! them, so a build never holds the whole site in memory; [`Memory`] keeps them instead (for
//! `serve` and tests).

use anyhow::{Context, Result};
use std::path::Path;

/// One file of the site: where it goes and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// `/`-separated path inside the build directory.
    pub path: String,
    /// The file's contents.
    pub bytes: Vec<u8>,
}

/// Where rendered files go.
pub(crate) trait Sink: Send {
    /// One whole file.
    fn file(&mut self, file: OutputFile) -> Result<()>;
    /// One file written piece by piece (the print view, the question bank), so its bytes need
    /// not all be in memory at once.
    fn stream(
        &mut self,
        path: &str,
        fill: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<()>;
}

/// Keeps the files in memory.
#[derive(Debug, Default)]
pub(crate) struct Memory(pub Vec<OutputFile>);

impl Sink for Memory {
    fn file(&mut self, file: OutputFile) -> Result<()> {
        self.0.push(file);
        Ok(())
    }

    fn stream(
        &mut self,
        path: &str,
        fill: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<()> {
        let mut bytes = Vec::new();
        fill(&mut bytes)?;
        self.0.push(OutputFile {
            path: path.to_string(),
            bytes,
        });
        Ok(())
    }
}

/// Counts the files and forgets them (`check` renders everything but writes nothing).
#[derive(Debug, Default)]
pub(crate) struct Discard(pub usize);

impl Sink for Discard {
    fn file(&mut self, _: OutputFile) -> Result<()> {
        self.0 += 1;
        Ok(())
    }

    fn stream(
        &mut self,
        _: &str,
        fill: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<()> {
        self.0 += 1;
        fill(&mut std::io::sink())?;
        Ok(())
    }
}

/// A temporary folder beside the destination that becomes it on [`Staging::commit`]; dropped
/// without a commit, it is removed and the destination stays as it was.
pub(crate) struct Staging {
    dest: std::path::PathBuf,
    dir: tempfile::TempDir,
    made: std::collections::HashSet<std::path::PathBuf>,
}

impl Staging {
    pub(crate) fn new(dest: &Path) -> Result<Staging> {
        let parent = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => Path::new(".").to_path_buf(),
        };
        std::fs::create_dir_all(&parent)
            .with_context(|| format!("creating {}", parent.display()))?;
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{}.new-", name_of(dest)))
            .tempdir_in(&parent)
            .with_context(|| format!("creating a temporary folder in {}", parent.display()))?;
        Ok(Staging {
            dest: dest.to_path_buf(),
            dir,
            made: Default::default(),
        })
    }

    /// The path for `rel`, its folder created.
    fn prepare(&mut self, rel: &str) -> Result<std::path::PathBuf> {
        let path = self.dir.path().join(rel);
        if let Some(parent) = path.parent() {
            if !self.made.contains(parent) {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("creating {}", parent.display()))?;
                self.made.insert(parent.to_path_buf());
            }
        }
        Ok(path)
    }

    /// Replaces the destination with the staged files.
    pub(crate) fn commit(self) -> Result<()> {
        let Staging { dest, dir, .. } = self;
        replace(&dest, dir)
    }
}

impl Staging {
    fn write(&mut self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.prepare(rel)?;
        std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))
    }
}

impl Sink for Staging {
    fn file(&mut self, file: OutputFile) -> Result<()> {
        self.write(&file.path, &file.bytes)
    }

    fn stream(
        &mut self,
        rel: &str,
        fill: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<()> {
        let path = self.prepare(rel)?;
        let file =
            std::fs::File::create(&path).with_context(|| format!("writing {}", path.display()))?;
        let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
        fill(&mut out).with_context(|| format!("writing {}", path.display()))?;
        std::io::Write::flush(&mut out).with_context(|| format!("writing {}", path.display()))
    }
}

fn name_of(dest: &Path) -> String {
    dest.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "book".into())
}

/// What `watch` last wrote: a content hash per path.
pub(crate) type Written = std::collections::HashMap<String, u64>;

/// A content hash, to tell which files changed between two builds.
fn hash(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// Replaces `dest` with exactly `files` (atomically, like a build).
pub(crate) fn replace_all(
    dest: &Path,
    files: &std::collections::HashMap<String, Vec<u8>>,
) -> Result<Written> {
    let mut staging = Staging::new(dest)?;
    for (rel, bytes) in files {
        staging.write(rel, bytes)?;
    }
    staging.commit()?;
    Ok(files.iter().map(|(p, b)| (p.clone(), hash(b))).collect())
}

/// Moves the staged folder to `dest`, putting the previous build back if that fails.
fn replace(dest: &Path, staging: tempfile::TempDir) -> Result<()> {
    let parent = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => Path::new(".").to_path_buf(),
    };
    let name = name_of(dest);
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
/// removes the ones that are gone. Returns how many files it wrote, and what `dest` now holds.
pub(crate) fn sync(
    dest: &Path,
    before: &Written,
    files: &std::collections::HashMap<String, Vec<u8>>,
) -> Result<(usize, Written)> {
    let mut count = 0;
    let mut now = Written::with_capacity(files.len());
    for (rel, bytes) in files {
        let h = hash(bytes);
        now.insert(rel.clone(), h);
        if before.get(rel) == Some(&h) && dest.join(rel).is_file() {
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
    Ok((count, now))
}
