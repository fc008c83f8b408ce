//! The question bank as two scripts, loaded with `<script>` tags so they work from `file://`:
//! `assets/bank.<hash>.js` lists every scored question with its domain, task and page (the
//! progress page needs no more), and `assets/bank-html.<hash>.js` holds the questions' HTML for
//! the practice exam. The HTML is most of the bytes; it is serialised in parallel.

use crate::model::Guide;
use crate::write::OutputFile;
use serde::Serialize;

#[derive(Serialize)]
struct BankQuestion<'a> {
    id: &'a str,
    kind: &'static str,
    domain: String,
    task: String,
    /// Output path of the page the question is on.
    page: &'a str,
    /// The case study this question belongs to, if any.
    case: Option<&'a str>,
}

#[derive(Serialize)]
struct BankTask {
    id: String,
    title: String,
    page: Option<String>,
}

#[derive(Serialize)]
struct BankDomain {
    id: String,
    title: String,
    weight: u32,
    tasks: Vec<BankTask>,
}

#[derive(Serialize)]
struct Bank<'a> {
    key: String,
    exam: &'a crate::blueprint::Exam,
    domains: Vec<BankDomain>,
    questions: Vec<BankQuestion<'a>>,
}

/// The bank's two scripts: `bank.js` (small) in full, and the fingerprinted path of
/// `bank-html.js`, whose megabytes are made again by [`write_html`] when written rather than
/// kept (a 10,000-page guide has hundreds of megabytes of question HTML).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scripts {
    pub meta: OutputFile,
    pub html_path: String,
}

/// Asset names, as templates know them.
pub const META_ASSET: &str = "bank.js";
pub const HTML_ASSET: &str = "bank-html.js";

pub fn scripts(guide: &Guide) -> Scripts {
    let (meta, hash) = rayon::join(
        || crate::render::asset_file(META_ASSET, metadata(guide).into_bytes()),
        || {
            let mut hash = crate::render::Fingerprint::default();
            let _ = write_html(guide, &mut hash);
            hash.finish()
        },
    );
    Scripts {
        meta,
        html_path: crate::render::fingerprinted_name(HTML_ASSET, &hash),
    }
}

/// Writes `bank-html.js`: question-set HTML by top-level question id (a case study holds its
/// sub-questions), as `window.STUDYGUIDE_BANK_HTML`, in reading order. The practice exam shows
/// it, so its links are made relative to the practice page. Made a few hundred questions at a
/// time, in parallel.
pub fn write_html(guide: &Guide, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<(&str, &str, &str)> = guide
        .order
        .iter()
        .flat_map(|&i| {
            let page = &guide.pages[i];
            page.src
                .quizzes
                .iter()
                .zip(&page.questions_html)
                .map(|(q, h)| (q.id.as_str(), h.as_str(), page.out.as_str()))
        })
        .collect();
    out.write_all(b"window.STUDYGUIDE_BANK_HTML = {")?;
    for (n, batch) in entries.chunks(512).enumerate() {
        let json: Vec<String> = batch
            .par_iter()
            .map(|(id, h, from)| {
                let mut entry = String::with_capacity(h.len() + h.len() / 8 + id.len() + 8);
                push_js_string(&mut entry, id);
                entry.push(':');
                if h.contains("href=\"") || h.contains("src=\"") {
                    push_template_literal(&mut entry, &rebase(h, from, PRACTICE_PAGE));
                } else {
                    push_template_literal(&mut entry, h);
                }
                entry
            })
            .collect();
        for (k, j) in json.iter().enumerate() {
            if n > 0 || k > 0 {
                out.write_all(b",\n")?;
            }
            out.write_all(j.as_bytes())?;
        }
    }
    out.write_all(b"};\n")
}

/// Where the practice exam is: `bank-html.js` links are relative to it.
const PRACTICE_PAGE: &str = "practice.html";

/// Makes the relative links of HTML written for page `from` work on page `to`.
pub fn rebase(html: &str, from: &str, to: &str) -> String {
    use crate::links::{join, relative_url};
    crate::html::rewrite_attrs(html, |name, value| {
        if !matches!(name, "href" | "src") || value.contains("://") || value.starts_with("mailto:")
        {
            return None;
        }
        let (path, frag) = value.split_once('#').unwrap_or((value, ""));
        let target = if path.is_empty() {
            from.to_string()
        } else {
            join(from, path)?
        };
        let mut url = relative_url(to, &target);
        if !frag.is_empty() {
            url.push('#');
            url.push_str(frag);
        }
        Some(url)
    })
}

/// Appends `s` as a JavaScript template literal that is also safe inside a `<script>` element.
/// HTML is full of `"` but almost never holds `` ` ``, `\`, `${` or `</script`, so this escapes
/// little and is several times faster than a JSON string for the megabytes of the bank.
fn push_template_literal(out: &mut String, s: &str) {
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

/// Appends `s` as a JSON string literal that is also safe inside a `<script>` element (`</`
/// written `<\/`), in one pass.
fn push_js_string(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut copied = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escaped: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            b'/' if i > 0 && bytes[i - 1] == b'<' => "\\/",
            // U+2028 and U+2029 (E2 80 A8/A9) end a line in older JavaScript.
            0xE2 if bytes.get(i + 1) == Some(&0x80)
                && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) =>
            {
                if bytes[i + 2] == 0xA8 {
                    "\\u2028"
                } else {
                    "\\u2029"
                }
            }
            0..=0x1F => "",
            _ => continue,
        };
        out.push_str(&s[copied..i]);
        if escaped.is_empty() {
            out.push_str(&format!("\\u{b:04x}"));
        } else {
            out.push_str(escaped);
        }
        copied = if escaped.starts_with("\\u2") {
            i + 3
        } else {
            i + 1
        };
    }
    out.push_str(&s[copied..]);
    out.push('"');
}

fn metadata(guide: &Guide) -> String {
    let bp = &guide.blueprint;
    let mut questions = Vec::new();
    for &i in &guide.order {
        let page = &guide.pages[i];
        for q in &page.src.quizzes {
            let case = (q.scored().first().map(|s| s.id.as_str()) != Some(q.id.as_str()))
                .then_some(q.id.as_str());
            for s in q.scored() {
                let task = s
                    .covers
                    .first()
                    .and_then(|c| bp.task_of_item(c))
                    .map(|t| t.id.clone())
                    .unwrap_or_default();
                let domain = task.split('.').next().unwrap_or("").to_string();
                questions.push(BankQuestion {
                    id: &s.id,
                    kind: s.kind.name(),
                    domain,
                    task,
                    page: &page.out,
                    case,
                });
            }
        }
    }
    let domains = bp
        .domains
        .iter()
        .map(|d| BankDomain {
            id: d.id.clone(),
            title: d.title.clone(),
            weight: d.weight,
            tasks: d
                .tasks
                .iter()
                .map(|t| BankTask {
                    id: t.id.clone(),
                    title: t.title.clone(),
                    page: guide.links.tasks.get(&t.id).cloned(),
                })
                .collect(),
        })
        .collect();
    let bank = Bank {
        key: crate::html::slug(&guide.config.book.title),
        exam: &bp.exam,
        domains,
        questions,
    };
    let json = serde_json::to_string(&bank).unwrap_or_else(|_| "{}".into());
    // `</script>` inside a string would end an inline script; keep the file safe to inline.
    format!("window.STUDYGUIDE_BANK = {};\n", json.replace("</", "<\\/"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn template_literals_escape_what_javascript_would_read() {
        let mut out = String::new();
        super::push_template_literal(&mut out, "a`b\\c${d}$e</SCRIPT></p>\r\n\"q\"");
        // A template literal may hold a newline as it is.
        assert_eq!(out, "`a\\`b\\\\c\\${d}$e<\\/SCRIPT></p>\\r\n\"q\"`");
    }

    #[test]
    fn js_strings_are_json_and_safe_in_a_script_element() {
        let raw = "a\"b\\c\n</script>\u{1}\u{2028}é";
        let mut out = String::new();
        super::push_js_string(&mut out, raw);
        assert_eq!(out, r#""a\"b\\c\n<\/script>\u0001\u2028é""#);
        let back: String = serde_json::from_str(&out).unwrap();
        assert_eq!(back, raw);
    }

    #[test]
    fn rebases_links_for_the_practice_page() {
        let html = r##"<a href="../glossary.html#s3">S3</a> <a href="#q-x">x</a> <a href="b.html">b</a> <a href="https://aws.amazon.com/">aws</a> <img src="img/a.png">"##;
        assert_eq!(
            super::rebase(html, "d1/a.html", "practice.html"),
            r##"<a href="glossary.html#s3">S3</a> <a href="d1/a.html#q-x">x</a> <a href="d1/b.html">b</a> <a href="https://aws.amazon.com/">aws</a> <img src="d1/img/a.png">"##
        );
    }

    #[test]
    fn code_samples_are_not_rebased() {
        let html = r##"<p>See <a href="b.html">b</a>:</p><pre class="code"><code>&lt;a href="other.html"&gt; src="x.png"</code></pre>"##;
        assert_eq!(
            super::rebase(html, "d1/a.html", "practice.html"),
            html.replace("\"b.html\"", "\"d1/b.html\"")
        );
    }
}
