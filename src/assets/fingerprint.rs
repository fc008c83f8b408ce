//! Fingerprints: short content hashes in asset file names, so a browser never uses a stale
//! copy. Hand-written: FNV-1a over 8-byte words is a dozen lines and fast enough for the
//! megabytes of the question bank; a cryptographic hash is not needed for cache busting.

use crate::write::OutputFile;

/// A short, stable content hash for cache-busting file names: FNV-1a over 64-bit words (eight
/// bytes a step, as the question bank is megabytes), then the tail bytes. It can be fed in
/// pieces ([`std::io::Write`]) with the same result as in one.
pub(crate) struct Fingerprint {
    h: u64,
    len: u64,
    word: [u8; 8],
    filled: usize,
}

impl Default for Fingerprint {
    fn default() -> Self {
        Fingerprint {
            h: 0xcbf29ce484222325,
            len: 0,
            word: [0; 8],
            filled: 0,
        }
    }
}

const FNV_PRIME: u64 = 0x100000001b3;

impl Fingerprint {
    fn mix(&mut self, word: [u8; 8]) {
        self.h = (self.h ^ u64::from_le_bytes(word)).wrapping_mul(FNV_PRIME);
        self.h ^= self.h >> 29;
    }

    pub(crate) fn update(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len() as u64;
        if self.filled > 0 {
            let take = (8 - self.filled).min(bytes.len());
            self.word[self.filled..self.filled + take].copy_from_slice(&bytes[..take]);
            self.filled += take;
            bytes = &bytes[take..];
            if self.filled < 8 {
                return;
            }
            self.mix(self.word);
            self.filled = 0;
        }
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut word = [0u8; 8];
            word.copy_from_slice(w);
            self.mix(word);
        }
        let rest = words.remainder();
        self.word[..rest.len()].copy_from_slice(rest);
        self.filled = rest.len();
    }

    pub(crate) fn finish(&self) -> String {
        let mut h = self.h ^ self.len;
        for b in &self.word[..self.filled] {
            h = (h ^ u64::from(*b)).wrapping_mul(FNV_PRIME);
        }
        format!("{:010x}", h >> 24)
    }
}

impl std::io::Write for Fingerprint {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub(crate) fn fingerprint(bytes: &[u8]) -> String {
    let mut f = Fingerprint::default();
    f.update(bytes);
    f.finish()
}

/// A theme or generated asset under its fingerprinted name (`assets/<stem>.<hash>.<ext>`).
pub(crate) fn asset_file(name: &str, bytes: Vec<u8>) -> OutputFile {
    OutputFile {
        path: fingerprinted_name(name, &fingerprint(&bytes)),
        bytes,
    }
}

pub(crate) fn fingerprinted_name(name: &str, hash: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("assets/{stem}.{hash}.{ext}"),
        None => format!("assets/{name}.{hash}"),
    }
}

#[cfg(test)]
mod tests {
    use super::fingerprint;

    #[test]
    fn fingerprints_change_with_any_byte_and_length() {
        let base: Vec<u8> = (0..100u8).collect();
        let h = fingerprint(&base);
        assert_eq!(h.len(), 10);
        assert_eq!(h, fingerprint(&base.clone()));
        for i in [0, 7, 8, 63, 95, 99] {
            let mut changed = base.clone();
            changed[i] ^= 1;
            assert_ne!(fingerprint(&changed), h, "byte {i}");
        }
        assert_ne!(fingerprint(&base[..99]), h);
        assert_ne!(fingerprint(b""), fingerprint(b"\0"));
        // Fed in pieces of any size, the same hash.
        for split in [1, 3, 8, 13] {
            let mut f = super::Fingerprint::default();
            for piece in base.chunks(split) {
                f.update(piece);
            }
            assert_eq!(f.finish(), h, "pieces of {split}");
        }
    }
}
