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

/// Rewrites the double-quoted attribute values of HTML we generated, in one pass: `f(name,
/// value)` returns the new value, or `None` to keep it.
pub fn rewrite_attrs(html: &str, f: impl Fn(&str, &str) -> Option<String>) -> String {
    let mut result = String::with_capacity(html.len() + html.len() / 8);
    let mut copied = 0;
    let mut search = 0;
    while let Some(found) = html[search..].find("=\"") {
        let eq = search + found;
        let value_start = eq + 2;
        let Some(len) = html[value_start..].find('"') else {
            break;
        };
        let value_end = value_start + len;
        search = value_end + 1;
        let Some(name_start) = html[..eq].rfind(' ').map(|p| p + 1) else {
            continue;
        };
        if let Some(new) = f(&html[name_start..eq], &html[value_start..value_end]) {
            result.push_str(&html[copied..value_start]);
            result.push_str(&new);
            copied = value_end;
        }
    }
    result.push_str(&html[copied..]);
    result
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
}
