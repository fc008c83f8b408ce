//! The one HTML escaping helper, and slugs for ids.

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
    fn escapes() {
        assert_eq!(
            escape(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
