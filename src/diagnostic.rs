//! Diagnostics: every problem a stage finds, collected rather than thrown, each with the file,
//! line and column it concerns. Not for I/O errors of the tool itself (those are `anyhow`).

use std::fmt;

/// How serious a diagnostic is: errors fail the command, warnings only with `--deny-warnings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The guide cannot be built as written.
    Error,
    /// Probably a mistake; the build goes on.
    Warning,
    /// Not a problem of its own: says which checks were skipped because of an error.
    Note,
}

/// One problem in the input, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Short stable code, e.g. `E004`.
    pub code: &'static str,
    /// Path as the author knows it, relative to the guide root (`content/a.md`).
    pub path: String,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong and, where it helps, how to fix it.
    pub message: String,
    /// A bounded window of the source line, shown with a caret under `column` (never the
    /// whole line: one long line with thousands of problems would be copied thousands of times).
    pub source_line: Option<Snippet>,
}

/// Part of a source line around a column: at most [`Snippet::RADIUS`] characters either side,
/// with `…` where the line was cut.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// The part of the line that is shown.
    pub text: String,
    /// Characters of `text` before the caret.
    pub caret: usize,
}

impl Snippet {
    /// Characters kept on each side of the caret.
    pub const RADIUS: usize = 60;

    /// The window of `line` around byte `at` (a char boundary of `line`).
    pub fn new(line: &str, at: usize) -> Self {
        let at = floor_boundary(line, at);
        let (before, after) = line.split_at(at);
        let mut start = at;
        let mut caret = 0;
        for (i, _) in before.char_indices().rev().take(Self::RADIUS) {
            start = i;
            caret += 1;
        }
        let end = after
            .char_indices()
            .nth(Self::RADIUS)
            .map_or(line.len(), |(i, _)| at + i);
        let mut text = String::with_capacity(end - start + 8);
        if start > 0 {
            text.push('…');
            caret += 1;
        }
        text.push_str(&line[start..end]);
        if end < line.len() {
            text.push('…');
        }
        Snippet { text, caret }
    }
}

fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

impl Diagnostic {
    /// An error in `path`, not yet placed at a line.
    pub fn error(code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            path: path.into(),
            line: 0,
            column: 0,
            message: message.into(),
            source_line: None,
        }
    }

    /// A warning in `path`, not yet placed at a line.
    pub fn warning(
        code: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Self::error(code, path, message)
        }
    }

    /// A note in `path`: what other errors kept from being checked; never fails a command.
    pub fn note(code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Self::error(code, path, message)
        }
    }

    /// Places the diagnostic at a byte offset of `text` (the whole file).
    /// Costs a scan of `text` up to `offset`: to place many diagnostics in one file, use a
    /// [`Locator`].
    pub fn at(mut self, text: &str, offset: usize) -> Self {
        let offset = floor_boundary(text, offset);
        let (line, column, source) = locate(text, offset);
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        self.line = line;
        self.column = column;
        self.source_line = Some(Snippet::new(source, offset - line_start));
        self
    }

    /// Places the diagnostic at a 1-based line (column 1) without looking at the text.
    pub fn at_line(mut self, text: &str, line: usize) -> Self {
        self.line = line;
        self.column = 1;
        self.source_line = text
            .lines()
            .nth(line.saturating_sub(1))
            .map(|l| Snippet::new(l, 0));
        self
    }

    /// Whether this is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col: error[CODE]: message`, the first line of the display form.
    pub fn headline(&self) -> String {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        if self.line == 0 {
            format!("{}: {kind}[{}]: {}", self.path, self.code, self.message)
        } else {
            format!(
                "{}:{}:{}: {kind}[{}]: {}",
                self.path, self.line, self.column, self.code, self.message
            )
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.headline())?;
        if let Some(Snippet { text: src, caret }) = &self.source_line {
            let gutter = self.line.to_string();
            let pad = " ".repeat(gutter.len());
            let caret_pad: String = src
                .chars()
                .take(*caret)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(f, "\n{pad} |\n{gutter} | {src}\n{pad} | {caret_pad}^")?;
        }
        Ok(())
    }
}

/// Line (1-based), column (1-based, in chars) and the line's text for a byte offset.
pub fn locate(text: &str, offset: usize) -> (usize, usize, &str) {
    let offset = floor_boundary(text, offset);
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = text[..line_start].matches('\n').count() + 1;
    let column = text[line_start..offset].chars().count() + 1;
    (line, column, &text[line_start..line_end])
}

/// Places many diagnostics in one file in linear time: the line starts are found once (binary
/// search per diagnostic), and columns are counted on from the previous place when it is
/// earlier on the same line (problems are found in reading order), so a megabyte line with
/// thousands of problems is read once rather than once per problem.
pub struct Locator<'a> {
    text: &'a str,
    /// Byte offset of the start of every line.
    starts: Vec<usize>,
    /// The last place computed: (byte offset, 1-based column).
    last: std::cell::Cell<(usize, usize)>,
}

impl<'a> Locator<'a> {
    /// A locator for `text`, finding its line starts once.
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(
                text.bytes()
                    .enumerate()
                    .filter(|(_, b)| *b == b'\n')
                    .map(|(i, _)| i + 1),
            )
            .collect();
        Locator {
            text,
            starts,
            last: std::cell::Cell::new((0, 1)),
        }
    }

    /// Line (1-based), column (1-based, in chars) and the line's byte range.
    pub fn locate(&self, offset: usize) -> (usize, usize, std::ops::Range<usize>) {
        let offset = floor_boundary(self.text, offset);
        // The last line start at or before `offset`.
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line.saturating_sub(1)];
        let end = self
            .starts
            .get(line)
            .map_or(self.text.len(), |&next| next - 1);
        let (last_offset, last_column) = self.last.get();
        let column = if last_offset >= start && last_offset <= offset {
            last_column + self.text[last_offset..offset].chars().count()
        } else {
            self.text[start..offset].chars().count() + 1
        };
        self.last.set((offset, column));
        (line.max(1), column, start..end)
    }

    /// Places `d` at byte `offset` of the text.
    pub fn place(&self, mut d: Diagnostic, offset: usize) -> Diagnostic {
        let offset = floor_boundary(self.text, offset);
        let (line, column, range) = self.locate(offset);
        d.line = line;
        d.column = column;
        d.source_line = Some(Snippet::new(
            &self.text[range.clone()],
            offset - range.start,
        ));
        d
    }
}

/// Sorts diagnostics by place, so output is stable whatever the order of discovery.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.path, a.line, a.column, a.code, &a.message)
            .cmp(&(&b.path, b.line, b.column, b.code, &b.message))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_counts_lines_and_chars() {
        let text = "ab\ncdé f\n";
        assert_eq!(locate(text, 0), (1, 1, "ab"));
        assert_eq!(locate(text, 3), (2, 1, "cdé f"));
        // 'f' is at byte 3 + 5 (é is two bytes) -> char column 5
        assert_eq!(locate(text, 8), (2, 5, "cdé f"));
        // inside a multi-byte char snaps back
        assert_eq!(locate(text, 6).0, 2);
        assert_eq!(locate(text, 999).0, 3);
    }

    #[test]
    fn display_has_caret_under_column() {
        let d = Diagnostic::error("E1", "a.md", "bad").at("one\ntwo three\n", 8);
        assert_eq!(
            d.to_string(),
            "a.md:2:5: error[E1]: bad\n  |\n2 | two three\n  |     ^"
        );
    }

    #[test]
    fn a_long_line_is_shown_as_a_bounded_window_around_the_column() {
        let line = format!(
            "{}[x](bad.md){}",
            "a".repeat(1_000_000),
            "b".repeat(1_000_000)
        );
        let offset = 1_000_004;
        let d = Diagnostic::error("E1", "a.md", "bad").at(&line, offset);
        assert_eq!((d.line, d.column), (1, 1_000_005));
        let shown = d.to_string();
        assert!(shown.len() < 600, "{} bytes shown", shown.len());
        let snippet = d.source_line.as_ref().unwrap();
        assert!(snippet.text.starts_with('…') && snippet.text.ends_with('…'));
        assert_eq!(snippet.text.chars().nth(snippet.caret), Some('b'));
        let by_locator = Locator::new(&line).place(Diagnostic::error("E1", "a.md", "bad"), offset);
        assert_eq!(by_locator, d);
    }

    #[test]
    fn locator_agrees_with_locate_in_any_order() {
        let text = "ab\ncdé f\n\nİẞ ß\tx\nlast";
        let loc = Locator::new(text);
        let mut offsets: Vec<usize> = (0..=text.len() + 2).collect();
        offsets.extend((0..=text.len()).rev());
        for o in offsets {
            let (line, column, range) = loc.locate(o);
            let (l2, c2, src) = locate(text, o);
            assert_eq!((line, column, &text[range]), (l2, c2, src), "offset {o}");
        }
    }
}
