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
    /// The source line, shown with a caret under `column`.
    pub source_line: Option<String>,
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
    pub fn at(mut self, text: &str, offset: usize) -> Self {
        let (line, column, source) = locate(text, offset);
        self.line = line;
        self.column = column;
        self.source_line = Some(source.to_string());
        self
    }

    /// Places the diagnostic at a 1-based line (column 1) without looking at the text.
    pub fn at_line(mut self, text: &str, line: usize) -> Self {
        self.line = line;
        self.column = 1;
        self.source_line = text.lines().nth(line.saturating_sub(1)).map(str::to_string);
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
        if let Some(src) = &self.source_line {
            let gutter = self.line.to_string();
            let pad = " ".repeat(gutter.len());
            let caret_pad: String = src
                .chars()
                .take(self.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(f, "\n{pad} |\n{gutter} | {src}\n{pad} | {caret_pad}^")?;
        }
        Ok(())
    }
}

/// Line (1-based), column (1-based, in chars) and the line's text for a byte offset.
pub fn locate(text: &str, offset: usize) -> (usize, usize, &str) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = text[..line_start].matches('\n').count() + 1;
    let column = text[line_start..offset].chars().count() + 1;
    (line, column, &text[line_start..line_end])
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
}
