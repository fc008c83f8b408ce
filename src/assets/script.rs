//! Strings written into scripts: the question bank and the search index are JavaScript files
//! that a page loads with `<script>` (so they work from `file://`), and must stay safe if one is
//! ever inlined into a page. The one place such strings are escaped.
//!
//! Hand-written rather than `serde_json::to_string` for the strings themselves: these run over
//! the megabytes of the bank and the index, and skip eight bytes at a time when nothing needs
//! escaping. `json` below is serde_json for whole values.

use serde::Serialize;

/// `value` as JSON with `</` written `<\/`, so the text never closes a script element.
pub(crate) fn json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".into())
        .replace("</", "<\\/")
}

/// Whether any of the 8 bytes of `w` needs a look in a JSON string in a script: a control
/// character, `"`, `\`, `/` or the first byte of U+2028/U+2029 (bit tricks: a byte below n, or
/// equal to v, sets its top bit).
fn needs_escape(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const TOPS: u64 = 0x8080_8080_8080_8080;
    let below = |n: u8| w.wrapping_sub(ONES * u64::from(n)) & !w & TOPS;
    let equal = |v: u8| {
        let x = w ^ (ONES * u64::from(v));
        x.wrapping_sub(ONES) & !x & TOPS
    };
    (below(0x20) | equal(b'"') | equal(b'\\') | equal(b'/') | equal(0xE2)) != 0
}

/// Appends `s` as a JSON string literal, parsed back by `JSON.parse` and by JavaScript alike:
/// `</` written `<\/`, and U+2028/U+2029 escaped (they end a line in older JavaScript).
pub(crate) fn push_json_string(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let b = s.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        if let Some(word) = b.get(i..i + 8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(word);
            if !needs_escape(u64::from_le_bytes(w)) {
                i += 8;
                continue;
            }
        }
        let end = (i + 8).min(b.len());
        let mut j = i;
        while j < end {
            let escaped = match b[j] {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                b'/' if j > 0 && b[j - 1] == b'<' => "\\/",
                0xE2 if b.get(j + 1) == Some(&0x80)
                    && matches!(b.get(j + 2), Some(0xA8 | 0xA9)) =>
                {
                    out.push_str(&s[copied..j]);
                    out.push_str(if b[j + 2] == 0xA8 {
                        "\\u2028"
                    } else {
                        "\\u2029"
                    });
                    copied = j + 3;
                    j += 3;
                    continue;
                }
                c if c < 0x20 => {
                    out.push_str(&s[copied..j]);
                    out.push_str(&format!("\\u{:04x}", c));
                    copied = j + 1;
                    j += 1;
                    continue;
                }
                _ => {
                    j += 1;
                    continue;
                }
            };
            out.push_str(&s[copied..j]);
            out.push_str(escaped);
            copied = j + 1;
            j += 1;
        }
        i = j;
    }
    out.push_str(&s[copied..]);
    out.push('"');
}

/// Appends `s` as a JavaScript template literal that is also safe inside a `<script>` element.
/// HTML is full of `"` but almost never holds `` ` ``, `\`, `${` or `</script`, so this escapes
/// little and is several times faster than a JSON string for the megabytes of the bank.
pub(crate) fn push_template_literal(out: &mut String, s: &str) {
    out.push('`');
    let bytes = s.as_bytes();
    let mut copied = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escaped = match b {
            b'`' => "\\`",
            b'\\' => "\\\\",
            b'$' if bytes.get(i + 1) == Some(&b'{') => "\\$",
            // `</script` would end the script element if the file were ever inlined.
            b'/' if i > 0
                && bytes[i - 1] == b'<'
                && bytes
                    .get(i + 1..i + 7)
                    .is_some_and(|w| w.eq_ignore_ascii_case(b"script")) =>
            {
                "\\/"
            }
            b'\r' => "\\r",
            _ => continue,
        };
        out.push_str(&s[copied..i]);
        out.push_str(escaped);
        copied = i + 1;
    }
    out.push_str(&s[copied..]);
    out.push('`');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_literals_escape_what_javascript_would_read() {
        let mut out = String::new();
        push_template_literal(&mut out, "a`b\\c${d}$e</SCRIPT></p>\r\n\"q\"");
        // A template literal may hold a newline as it is.
        assert_eq!(out, "`a\\`b\\\\c\\${d}$e<\\/SCRIPT></p>\\r\n\"q\"`");
    }

    #[test]
    fn js_strings_are_json_and_safe_in_a_script_element() {
        let raw = "a\"b\\c\n</script>\u{1}\u{2028}é";
        let mut out = String::new();
        push_json_string(&mut out, raw);
        assert_eq!(out, r#""a\"b\\c\n<\/script>\u0001\u2028é""#);
        let back: String = serde_json::from_str(&out).unwrap();
        assert_eq!(back, raw);
    }

    #[test]
    fn json_strings_are_escaped_for_a_script() {
        let mut out = String::new();
        push_json_string(&mut out, "a\"b\\c\nd</script>\u{1}é");
        assert_eq!(out, r#""a\"b\\c\nd<\/script>\u0001é""#);
        let back: String = serde_json::from_str(&out).unwrap();
        assert_eq!(back, "a\"b\\c\nd</script>\u{1}é");
        // Whatever the place of the special characters in the 8-byte blocks.
        for k in 0..20 {
            let text = format!(
                "{}</a\"b\\c\u{1}\u{1f}d\u{7f}é/x{}",
                "x".repeat(k),
                "y".repeat(k % 9)
            );
            let mut out = String::new();
            push_json_string(&mut out, &text);
            assert!(!out.contains("</"), "{out}");
            assert_eq!(serde_json::from_str::<String>(&out).unwrap(), text, "{out}");
        }
    }

    /// Every string, whatever its characters and their place in the 8-byte blocks, reads back
    /// as itself and never holds `</` or a raw line separator.
    #[test]
    fn json_strings_round_trip_for_every_kind_of_character() {
        let pieces = [
            "a", "é", "\u{2028}", "\u{2029}", "\u{E2}", "</", "\"", "\\", "\n", "\u{0}", "😀", "ß",
            "/", "<",
        ];
        for n in 0..400usize {
            let mut text = String::new();
            let mut k = n;
            for _ in 0..(n % 13) {
                text.push_str(pieces[k % pieces.len()]);
                k = k / 3 + 7;
            }
            let mut out = String::new();
            push_json_string(&mut out, &text);
            assert!(!out.contains("</") && !out.contains('\u{2028}'), "{out}");
            assert_eq!(serde_json::from_str::<String>(&out).unwrap(), text, "{out}");
        }
    }
}
