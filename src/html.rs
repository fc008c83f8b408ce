//! The one HTML escaping helper, slugs for ids, and the attribute rewriter that the print view
//! and the question bank use to move HTML from one page to another.

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes text for element content only (not attribute values): `&`, `<` and `>`. Code
/// blocks are full of quotes, which need no escaping there.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut copied = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            _ => continue,
        };
        out.push_str(&s[copied..i]);
        out.push_str(entity);
        copied = i + 1;
    }
    out.push_str(&s[copied..]);
    out
}

/// Heading and term ids: lower-case letters and digits kept, runs of spaces, hyphens and
/// underscores turned into one `-`, everything else dropped.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() || c == '-' || c == '_' {
            dash = true;
        }
    }
    if out.is_empty() {
        "section".into()
    } else {
        out
    }
}

/// One tag met by [`scan_tags`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TagRef<'a> {
    /// The element name as written (compare with `eq_ignore_ascii_case`).
    pub name: &'a str,
    /// `</name>`.
    pub end: bool,
    /// `<name … />`.
    pub self_closing: bool,
}

/// Walks the tags of an HTML text in order, calling `tag` for each and `attr(name, value
/// range)` for each attribute value of a start tag. Text, comments, `<!…>`/`<?…>` and the
/// content of `script`, `style`, `textarea` and `title` are skipped, so an attribute-like
/// `href="x"` in a code block (escaped text) or a comment is never taken for one. Hand-written
/// (a tokenizer crate would parse whole documents; this walks fragments and our own output in
/// one pass, with byte ranges for in-place rewriting).
pub fn scan_tags<'a>(
    html: &'a str,
    mut tag: impl FnMut(TagRef<'a>),
    mut attr: impl FnMut(&'a str, std::ops::Range<usize>),
) {
    let bytes = html.as_bytes();
    let n = bytes.len();
    let find =
        |from: usize, pat: &str| html.get(from..).and_then(|r| r.find(pat)).map(|i| from + i);
    let mut i = 0;
    while let Some(lt) = find(i, "<") {
        let rest = &bytes[lt + 1..];
        if rest.starts_with(b"!--") {
            i = find(lt + 4, "-->").map_or(n, |e| e + 3);
            continue;
        }
        if rest.first().is_some_and(|b| *b == b'!' || *b == b'?') {
            i = find(lt + 1, ">").map_or(n, |e| e + 1);
            continue;
        }
        let end = rest.first() == Some(&b'/');
        let name_start = lt + 1 + usize::from(end);
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            i = lt + 1;
            continue;
        }
        let mut j = name_start;
        while j < n && !bytes[j].is_ascii_whitespace() && !matches!(bytes[j], b'>' | b'/') {
            j += 1;
        }
        let name = &html[name_start..j];
        // Attributes, up to the tag's `>` (quoted values may hold `>`).
        let mut self_closing = false;
        loop {
            while j < n && (bytes[j].is_ascii_whitespace() || bytes[j] == b'/') {
                self_closing = bytes[j] == b'/';
                j += 1;
            }
            if j >= n || bytes[j] == b'>' {
                j = (j + 1).min(n);
                break;
            }
            self_closing = false;
            let attr_start = j;
            while j < n
                && !bytes[j].is_ascii_whitespace()
                && !matches!(bytes[j], b'=' | b'>' | b'/')
            {
                j += 1;
            }
            let attr_name = &html[attr_start..j];
            while j < n && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            if j >= n || bytes[j] != b'=' {
                continue;
            }
            j += 1;
            while j < n && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            let value = match bytes.get(j) {
                Some(&q @ (b'"' | b'\'')) => {
                    let close = html[j + 1..].find(q as char).map_or(n, |e| j + 1 + e);
                    let v = j + 1..close;
                    j = (close + 1).min(n);
                    v
                }
                _ => {
                    let s = j;
                    while j < n && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>' {
                        j += 1;
                    }
                    s..j
                }
            };
            if !end {
                attr(attr_name, value);
            }
        }
        tag(TagRef {
            name,
            end,
            self_closing,
        });
        i = j;
        // Raw text elements: their content is not markup.
        if !end
            && !self_closing
            && ["script", "style", "textarea", "title"]
                .iter()
                .any(|r| r.eq_ignore_ascii_case(name))
        {
            let mut k = i;
            i = n;
            while let Some(c) = find(k, "</") {
                if html
                    .get(c + 2..c + 2 + name.len())
                    .is_some_and(|t| t.eq_ignore_ascii_case(name))
                {
                    i = c;
                    break;
                }
                k = c + 2;
            }
        }
    }
}

/// Rewrites the attribute values of the tags of an HTML text (never text that only looks like
/// an attribute, as in a code sample), in one pass: `f(name, value)` returns the new value, or
/// `None` to keep it.
pub fn rewrite_attrs(html: &str, f: impl Fn(&str, &str) -> Option<String>) -> String {
    let mut result = String::with_capacity(html.len() + html.len() / 8);
    let mut copied = 0;
    scan_tags(
        html,
        |_| {},
        |name, range| {
            if let Some(new) = f(name, &html[range.clone()]) {
                result.push_str(&html[copied..range.start]);
                result.push_str(&new);
                copied = range.end;
            }
        },
    );
    result.push_str(&html[copied..]);
    result
}

/// Rendered Markdown meant to sit inline (an option, a step): a single paragraph loses its
/// `<p>`; anything else is returned trimmed.
pub(crate) fn unwrap_paragraph(html: &str) -> String {
    let trimmed = html.trim();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => trimmed.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Spot vs On-Demand (2024)"), "spot-vs-on-demand-2024");
        assert_eq!(slug("  Amazon S3 "), "amazon-s3");
        assert_eq!(slug("What’s new?"), "whats-new");
        assert_eq!(slug("p3.2xlarge"), "p32xlarge");
        assert_eq!(slug("!!!"), "section");
    }

    #[test]
    fn rewrites_only_the_attributes_asked_for() {
        let html = r#"<a href="x.html" class="c">t="v"</a><img src="i.png">"#;
        let got = rewrite_attrs(html, |name, value| {
            (name == "href" || name == "src").then(|| format!("../{value}"))
        });
        assert_eq!(
            got,
            r#"<a href="../x.html" class="c">t="v"</a><img src="../i.png">"#
        );
    }

    #[test]
    fn escapes_text_content() {
        assert_eq!(escape_text(r#"a<b>&"c"'"#), r#"a&lt;b&gt;&amp;"c"'"#);
    }

    #[test]
    fn escapes() {
        assert_eq!(
            escape(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn attribute_lookalikes_in_text_code_and_comments_are_left_alone() {
        let html = "<pre class=\"code\"><code>&lt;a href=\"other.html\" id=\"x\"&gt;</code></pre>\n<p>say href=\"a\" <!-- <a href=\"c\"> --></p><a\nhref='q.html' title=\"a > b\">x</a><script>let s = '<a href=\"s\">';</script><img src=i.png>";
        let got = rewrite_attrs(html, |name, value| {
            matches!(name, "href" | "src" | "id").then(|| format!("../{value}"))
        });
        assert_eq!(
            got,
            html.replace("'q.html'", "'../q.html'")
                .replace("src=i.png", "src=../i.png")
        );
    }

    #[test]
    fn scans_start_end_and_self_closing_tags() {
        let mut tags = Vec::new();
        scan_tags(
            "<A HREF=x>t</a><br/><code>x < y</code><!-- <b> -->",
            |t| tags.push((t.name.to_string(), t.end, t.self_closing)),
            |_, _| {},
        );
        let want = [
            ("A", false, false),
            ("a", true, false),
            ("br", false, true),
            ("code", false, false),
            ("code", true, false),
        ];
        let want: Vec<(String, bool, bool)> = want
            .iter()
            .map(|(n, e, s)| (n.to_string(), *e, *s))
            .collect();
        assert_eq!(tags, want);
    }
}
