//! Sections of rendered HTML: a page cut at its headings, definition terms and questions,
//! with the text of each.

/// One section of a rendered page: the heading or term that starts it (with its id; both
/// empty for the part before the first heading) and its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Section {
    pub(crate) id: String,
    pub(crate) heading: String,
    pub(crate) text: String,
}

/// Text being collected, as HTML text (entities and all); `take` gives it decoded, with runs
/// of whitespace written as one space and none at either end.
#[derive(Default)]
pub(super) struct Collector {
    raw: String,
}

impl Collector {
    pub(super) fn space(&mut self) {
        self.raw.push(' ');
    }

    /// Appends HTML text (between tags).
    pub(super) fn html(&mut self, s: &str) {
        self.raw.push_str(s);
    }

    pub(super) fn take(&mut self) -> String {
        let text = clean(&self.raw);
        self.raw.clear();
        text
    }
}

/// HTML text as plain text: entities decoded, runs of whitespace as one space, none at either
/// end (in one pass).
pub(super) fn clean(raw: &str) -> String {
    let b = raw.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut space = false;
    let mut i = 0;
    while i < b.len() {
        // A run of bytes that are neither whitespace nor `&` nor part of a wider character.
        let run = b[i..]
            .iter()
            .position(|&c| c <= b' ' || c == b'&' || c >= 0x80)
            .map_or(b.len(), |n| i + n);
        if run > i {
            if space && !out.is_empty() {
                out.push(b' ');
            }
            space = false;
            out.extend_from_slice(&b[i..run]);
            i = run;
            continue;
        }
        let c = b[i];
        let (ch, len) = if c == b'&' {
            entity(&raw[i..]).unwrap_or(('&', 1))
        } else if c >= 0x80 {
            let ch = raw[i..].chars().next().unwrap_or(' ');
            (ch, ch.len_utf8())
        } else {
            (char::from(c), 1)
        };
        i += len;
        if ch.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(b' ');
        }
        space = false;
        let mut buf = [0u8; 4];
        out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
    }
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The character of the entity `s` starts with, and the entity's length: the five escapes,
/// `&nbsp;` (as a space) and numeric ones.
pub(super) fn entity(s: &str) -> Option<(char, usize)> {
    let end = s.as_bytes().iter().take(11).position(|&b| b == b';')?;
    let c = match &s[1..end] {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        n => n
            .strip_prefix("#x")
            .or_else(|| n.strip_prefix("#X"))
            .map(|h| u32::from_str_radix(h, 16))
            .or_else(|| n.strip_prefix('#').map(str::parse))
            .and_then(Result::ok)
            .and_then(char::from_u32)?,
    };
    Some((c, end + 1))
}

/// What a tag means to the section splitter.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Tag {
    /// Its contents are left out (`script`, `style`).
    Hidden,
    /// An `a` (left out when it is a heading's self-link).
    Link,
    /// A heading or a definition term: starts a section when it has an id.
    Titled,
    /// Its boundaries separate words.
    Spaced,
    Other,
}

/// The tag named `name` (any case), and its name in lower case (up to 10 bytes).
pub(super) fn tag_kind(name: &str) -> (Tag, [u8; 10], usize) {
    let mut low = [0u8; 10];
    if name.len() > low.len() {
        return (Tag::Other, low, 0);
    }
    for (l, b) in low.iter_mut().zip(name.bytes()) {
        *l = b.to_ascii_lowercase();
    }
    let kind = match &low[..name.len()] {
        b"script" | b"style" => Tag::Hidden,
        b"a" => Tag::Link,
        b"dt" | b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" => Tag::Titled,
        b"p" | b"br" | b"li" | b"ul" | b"ol" | b"dl" | b"dd" | b"tr" | b"td" | b"th" | b"table"
        | b"thead" | b"tbody" | b"div" | b"pre" | b"blockquote" | b"hr" | b"sup" | b"section"
        | b"details" | b"summary" | b"figure" | b"figcaption" => Tag::Spaced,
        _ => Tag::Other,
    };
    (kind, low, name.len())
}

/// Splits rendered HTML into sections at each heading and definition term with an id (as
/// `markdown` writes them), as plain text: tags dropped (with a space for block elements),
/// entities decoded, the self-links of headings and the contents of `script` and `style` left
/// out, whitespace collapsed.
pub(super) fn sections(html: &str) -> Vec<Section> {
    let mut out = vec![Section::default()];
    let mut text = Collector::default();
    // The open heading's name (lower case), and the tag whose end a skipped part waits for.
    let mut heading: Option<([u8; 10], usize)> = None;
    let mut skip: Option<([u8; 10], usize)> = None;
    let b = html.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // The text up to the next tag (a plain loop: tags are close together in code).
        let mut lt = i;
        while lt < b.len() && b[lt] != b'<' {
            lt += 1;
        }
        if skip.is_none() {
            text.html(&html[i..lt]);
        }
        if lt == b.len() {
            break;
        }
        if b[lt + 1..].starts_with(b"!--") {
            i = html[lt + 4..]
                .find("-->")
                .map_or(b.len(), |e| lt + 4 + e + 3);
            continue;
        }
        let mut gt = lt + 1;
        while gt < b.len() && b[gt] != b'>' {
            gt += 1;
        }
        if gt == b.len() {
            break;
        }
        let tag = &html[lt + 1..gt];
        i = gt + 1;
        let closing = tag.starts_with('/');
        // The name: after any `/`, up to a space or `/`.
        let t = tag.as_bytes();
        let from = t.iter().position(|&c| c != b'/').unwrap_or(t.len());
        let to = t[from..]
            .iter()
            .position(|&c| c <= b' ' || c == b'/' || c >= 0x80)
            .map_or(t.len(), |n| from + n);
        let (kind, low, len) = tag_kind(&tag[from..to]);
        if let Some((end, end_len)) = skip {
            if closing && low[..len] == end[..end_len] {
                skip = None;
            }
            continue;
        }
        if closing {
            if heading.is_some_and(|(h, n)| low[..len] == h[..n]) {
                heading = None;
                if let Some(last) = out.last_mut() {
                    last.heading = text.take();
                }
                continue;
            }
        } else {
            match kind {
                Tag::Hidden => {
                    skip = Some((low, len));
                    continue;
                }
                Tag::Link if tag.contains("class=\"self-link\"") => {
                    skip = Some((low, len));
                    continue;
                }
                Tag::Titled if heading.is_none() => {
                    if let Some(id) = attr(tag, "id") {
                        flush(&mut text, &mut out);
                        out.push(Section {
                            id: unescape(id),
                            ..Section::default()
                        });
                        heading = Some((low, len));
                        continue;
                    }
                }
                _ => {}
            }
        }
        if matches!(kind, Tag::Spaced | Tag::Titled) {
            text.space();
        }
    }
    flush(&mut text, &mut out);
    out
}

pub(super) fn flush(text: &mut Collector, out: &mut [Section]) {
    let t = text.take();
    if let Some(last) = out.last_mut() {
        if last.text.is_empty() {
            last.text = t;
        } else if !t.is_empty() {
            last.text.push(' ');
            last.text.push_str(&t);
        }
    }
}

/// The value of `name="…"` in a tag's source.
pub(super) fn attr<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let mut from = 0;
    while let Some(i) = tag[from..].find(name) {
        let at = from + i;
        let value = &tag[at + name.len()..];
        if tag[..at].ends_with(' ') {
            if let Some(v) = value.strip_prefix("=\"") {
                return v.split('"').next();
            }
        }
        from = at + name.len();
    }
    None
}

/// Decodes the entities that HTML writers produce: the five escapes, `&nbsp;` and numeric ones.
pub(super) fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match entity(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
