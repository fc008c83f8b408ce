use super::{hex_run, line_end, next_char, trim_cr, Out, Tok};

pub(super) fn lex(code: &str) -> Vec<(Tok, std::ops::Range<usize>)> {
    let mut lx = Lexer {
        s: code.as_bytes(),
        out: Out::new(code),
        cmd: true,
        in_word: false,
        target: false,
        decl: false,
        expect_in: false,
        next: Next::None,
        ctx: Vec::new(),
        docs: Vec::new(),
    };
    lx.run();
    lx.out.v
}

/// What the next word is, after `for`, `function` or `case`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Next {
    None,
    ForVar,
    FuncName,
    CaseWord,
}

/// An open parenthesis and what its `)` means.
#[derive(Clone, Copy)]
enum Ctx {
    /// `$(`: restores the enclosing command's state.
    Subst { decl: bool, cmd: bool },
    /// `<(` / `>(`.
    Proc { decl: bool, cmd: bool },
    /// `$((` or `((`, with the depth of parentheses inside.
    Arith { depth: u32, dollar: bool },
    /// A subshell or an array literal.
    Paren { cmd_after: bool },
}

/// A heredoc whose body starts after the current line.
struct Heredoc {
    delim: Vec<u8>,
    strip_tabs: bool,
    expand: bool,
}

/// How the word just started is used.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Cont,
    Cmd,
    Arg,
    Target,
    ForVar,
    FuncName,
}

struct Lexer<'a> {
    s: &'a [u8],
    out: Out<'a>,
    /// The next word is in command position.
    cmd: bool,
    /// Inside a word (so `#` is not a comment and the word's role is decided).
    in_word: bool,
    /// The next word is a redirection target.
    target: bool,
    /// The arguments of `export`/`local`/…: names and assignments are variables.
    decl: bool,
    /// `in` is a keyword here (after `for NAME` or `case WORD`).
    expect_in: bool,
    next: Next,
    ctx: Vec<Ctx>,
    docs: Vec<Heredoc>,
}

fn is_word_byte(b: u8) -> bool {
    !matches!(
        b,
        b' ' | b'\t'
            | b'\r'
            | b'\n'
            | b'|'
            | b'&'
            | b';'
            | b'('
            | b')'
            | b'<'
            | b'>'
            | b'\''
            | b'"'
            | b'`'
            | b'$'
            | b'\\'
    )
}

fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_name(w: &[u8]) -> bool {
    w.first().is_some_and(|&c| is_name_start(c))
        && w.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'_')
}

fn is_number(w: &[u8]) -> bool {
    let int = |d: &[u8]| !d.is_empty() && d.iter().all(u8::is_ascii_digit);
    match w.iter().position(|&c| c == b'.') {
        Some(p) => int(&w[..p]) && int(&w[p + 1..]),
        None => int(w),
    }
}

/// `NAME=`, `NAME+=`, `NAME[...]=` at the start of `w`: (end of the name, end of `=`).
fn assignment(w: &[u8]) -> Option<(usize, usize)> {
    if !w.first().is_some_and(|&c| is_name_start(c)) {
        return None;
    }
    let mut k = 1;
    while k < w.len() && (w[k].is_ascii_alphanumeric() || w[k] == b'_') {
        k += 1;
    }
    if k < w.len() && w[k] == b'[' {
        k += w[k..].iter().position(|&c| c == b']')? + 1;
    }
    let name = k;
    if k < w.len() && w[k] == b'+' {
        k += 1;
    }
    (k < w.len() && w[k] == b'=').then_some((name, k + 1))
}

/// The end of the `$` expansion at `j` (not beyond `limit`), or `j + 1` when the `$` is
/// literal.
fn dollar_end(s: &[u8], j: usize, limit: usize) -> usize {
    let Some(&c) = s.get(j + 1).filter(|_| j + 1 < limit) else {
        return j + 1;
    };
    match c {
        b'{' => {
            let mut k = j + 2;
            let mut depth = 1u32;
            while k < limit {
                match s[k] {
                    b'{' => depth += 1,
                    b'}' => {
                        depth -= 1;
                        if depth == 0 {
                            return k + 1;
                        }
                    }
                    b'\n' => return k,
                    b'\\' => k += 1,
                    _ => {}
                }
                k += 1;
            }
            limit
        }
        b'(' => paren_end(s, j + 2, limit),
        c if is_name_start(c) => {
            let mut k = j + 2;
            while k < limit && (s[k].is_ascii_alphanumeric() || s[k] == b'_') {
                k += 1;
            }
            k
        }
        b'0'..=b'9' | b'@' | b'*' | b'#' | b'?' | b'$' | b'!' | b'-' => j + 2,
        _ => j + 1,
    }
}

/// The index after the `)` closing a `(` just before `k` (skipping quoted text).
fn paren_end(s: &[u8], mut k: usize, limit: usize) -> usize {
    let mut depth = 1u32;
    while k < limit {
        match s[k] {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return k + 1;
                }
            }
            b'\'' => {
                k += 1;
                while k < limit && s[k] != b'\'' {
                    k += 1;
                }
            }
            b'"' => {
                k += 1;
                while k < limit && s[k] != b'"' {
                    k += if s[k] == b'\\' { 2 } else { 1 };
                }
            }
            b'\\' => k += 1,
            _ => {}
        }
        k += 1;
    }
    limit
}

/// The index after the backquote closing the one at `i`.
fn backtick_end(s: &[u8], i: usize, limit: usize) -> usize {
    let mut j = i + 1;
    while j < limit {
        match s[j] {
            b'`' => return j + 1,
            b'\\' => j += 2,
            _ => j += 1,
        }
    }
    limit
}

/// Bash builtins and common commands.
#[rustfmt::skip]
fn is_builtin(w: &[u8]) -> bool {
    matches!(
        w,
        b"." | b":" | b"[" | b"alias" | b"apt" | b"apt-get" | b"awk" | b"aws" | b"az"
        | b"base64" | b"basename" | b"bg" | b"bind" | b"break" | b"brew" | b"builtin"
        | b"bzip2" | b"caller" | b"cat" | b"cd" | b"chmod" | b"chown" | b"command" | b"compgen"
        | b"complete" | b"conda" | b"continue" | b"cp" | b"crontab" | b"curl" | b"cut"
        | b"date" | b"dd" | b"declare" | b"df" | b"diff" | b"dig" | b"dirname" | b"dirs"
        | b"disown" | b"dnf" | b"docker" | b"du" | b"echo" | b"enable" | b"env" | b"eval"
        | b"exec" | b"exit" | b"export" | b"false" | b"fc" | b"fg" | b"find" | b"free"
        | b"gcloud" | b"getopts" | b"git" | b"grep" | b"gzip" | b"hash" | b"head" | b"helm"
        | b"help" | b"history" | b"hostname" | b"id" | b"ip" | b"java" | b"jobs"
        | b"journalctl" | b"jq" | b"kill" | b"kubectl" | b"less" | b"let" | b"ln" | b"local"
        | b"logout" | b"ls" | b"make" | b"mapfile" | b"mkdir" | b"mktemp" | b"mv" | b"nc"
        | b"node" | b"nohup" | b"npm" | b"npx" | b"openssl" | b"pip" | b"pip3" | b"popd"
        | b"printf" | b"ps" | b"pushd" | b"pwd" | b"python" | b"python3" | b"read"
        | b"readarray" | b"readonly" | b"realpath" | b"return" | b"rm" | b"rmdir" | b"rsync"
        | b"scp" | b"sed" | b"seq" | b"set" | b"sh" | b"shift" | b"shopt" | b"sleep" | b"sort"
        | b"source" | b"ssh" | b"ssh-keygen" | b"stat" | b"sudo" | b"suspend" | b"systemctl"
        | b"tail" | b"tar" | b"tee" | b"terraform" | b"test" | b"time" | b"times" | b"top"
        | b"touch" | b"tr" | b"trap" | b"true" | b"type" | b"typeset" | b"ulimit" | b"umask"
        | b"unalias" | b"uname" | b"uniq" | b"unset" | b"unzip" | b"uv" | b"wait" | b"wc"
        | b"wget" | b"which" | b"whoami" | b"xargs" | b"yum" | b"zip"
    )
}

impl Lexer<'_> {
    fn run(&mut self) {
        let s = self.s;
        let n = s.len();
        let mut i = 0;
        while i < n {
            if matches!(self.ctx.last(), Some(Ctx::Arith { .. })) {
                if let Some(j) = self.arith_step(i) {
                    i = j;
                    continue;
                }
            }
            i = match s[i] {
                b'\n' => self.newline(i),
                b' ' | b'\t' | b'\r' => {
                    self.in_word = false;
                    i + 1
                }
                b'\\' => self.backslash(i),
                b'#' if !self.in_word => {
                    let e = line_end(s, i);
                    self.out.push(Tok::Comment, i, trim_cr(s, i, e));
                    e
                }
                b'\'' => {
                    self.word_start();
                    let e = s[i + 1..]
                        .iter()
                        .position(|&c| c == b'\'')
                        .map_or(n, |p| i + 1 + p + 1);
                    self.out.push(Tok::String, i, e);
                    e
                }
                b'"' => {
                    self.word_start();
                    self.dquote(i, i + 1, n, false)
                }
                b'`' => {
                    self.word_start();
                    let e = backtick_end(s, i, n);
                    self.out.push(Tok::Variable, i, e);
                    e
                }
                b'$' => {
                    self.word_start();
                    self.dollar(i)
                }
                b'|' | b'&' | b';' => self.control(i),
                b'<' | b'>' => self.redirect(i),
                b'(' => self.open_paren(i),
                b')' => self.close_paren(i),
                _ => self.word(i),
            };
        }
    }

    /// Starts a word (unless inside one) and says how it is used.
    fn word_start(&mut self) -> Role {
        if self.in_word {
            return Role::Cont;
        }
        self.in_word = true;
        if self.target {
            self.target = false;
            return Role::Target;
        }
        match std::mem::replace(&mut self.next, Next::None) {
            Next::ForVar => {
                self.expect_in = true;
                return Role::ForVar;
            }
            Next::FuncName => return Role::FuncName,
            Next::CaseWord => {
                self.expect_in = true;
                return Role::Arg;
            }
            Next::None => {}
        }
        if self.cmd {
            self.cmd = false;
            Role::Cmd
        } else {
            Role::Arg
        }
    }

    /// Resets the state at the end of a command.
    fn end_command(&mut self) {
        self.in_word = false;
        self.cmd = true;
        self.decl = false;
        self.target = false;
        self.expect_in = false;
        self.next = Next::None;
    }

    fn newline(&mut self, i: usize) -> usize {
        self.end_command();
        if self.docs.is_empty() {
            i + 1
        } else {
            self.heredoc_bodies(i + 1)
        }
    }

    fn backslash(&mut self, i: usize) -> usize {
        let s = self.s;
        match s.get(i + 1) {
            Some(b'\n') => i + 2,
            Some(b'\r') if s.get(i + 2) == Some(&b'\n') => i + 3,
            None => i + 1,
            Some(&c) => {
                self.word_start();
                if c.is_ascii_punctuation() || c == b' ' || c == b'\t' {
                    self.out.push(Tok::Escape, i, i + 2);
                    i + 2
                } else {
                    i + 1
                }
            }
        }
    }

    /// A run of plain word bytes at `i`.
    fn word(&mut self, i: usize) -> usize {
        let s = self.s;
        let n = s.len();
        let mut j = i;
        while j < n && is_word_byte(s[j]) {
            j += 1;
        }
        if j == i {
            return next_char(s, i);
        }
        let role = self.word_start();
        // The run is the whole word unless quotes or expansions continue it.
        let whole = j >= n || !matches!(s[j], b'\'' | b'"' | b'$' | b'`' | b'\\');
        let w = &s[i..j];
        match role {
            Role::Cont => {}
            Role::Cmd => return self.command_word(i, j, whole),
            Role::Arg => self.arg_word(i, j, whole),
            Role::Target => {
                if whole && is_number(w) {
                    self.out.push(Tok::Number, i, j);
                }
            }
            Role::ForVar => {
                if is_name(w) {
                    self.out.push(Tok::Variable, i, j);
                }
            }
            Role::FuncName => {
                self.out.push(Tok::Function, i, j);
                self.cmd = true;
                self.in_word = false;
                return self.func_parens(j).unwrap_or(j);
            }
        }
        j
    }

    /// `()` (with optional blanks) after a function name: the index after it.
    fn func_parens(&self, j: usize) -> Option<usize> {
        let s = self.s;
        let k = super::skip_spaces(s, j, s.len());
        if s.get(k) != Some(&b'(') {
            return None;
        }
        let k = super::skip_spaces(s, k + 1, s.len());
        (s.get(k) == Some(&b')')).then_some(k + 1)
    }

    /// Pushes `NAME=` (name as Variable, `=` as Operator) and a numeric value.
    fn push_assignment(&mut self, i: usize, j: usize, whole: bool, (name, eq): (usize, usize)) {
        self.out.push(Tok::Variable, i, i + name);
        self.out.push(Tok::Operator, i + name, i + eq);
        if whole && is_number(&self.s[i + eq..j]) {
            self.out.push(Tok::Number, i + eq, j);
        }
    }

    /// The first word of a command, `i..j`; returns where lexing continues.
    fn command_word(&mut self, i: usize, j: usize, whole: bool) -> usize {
        let w = &self.s[i..j];
        if let Some(a) = assignment(w) {
            self.push_assignment(i, j, whole, a);
            // Still in command position once this word ends.
            self.cmd = true;
            return j;
        }
        if !whole {
            return j;
        }
        let keyword = match w {
            b"if" | b"then" | b"else" | b"elif" | b"while" | b"until" | b"do" | b"!" | b"time"
            | b"coproc" => {
                self.cmd = true;
                true
            }
            b"fi" | b"done" | b"esac" | b"[[" | b"]]" => true,
            b"for" | b"select" => {
                self.next = Next::ForVar;
                true
            }
            b"case" => {
                self.next = Next::CaseWord;
                true
            }
            b"function" => {
                self.next = Next::FuncName;
                true
            }
            b"in" if self.expect_in => {
                self.expect_in = false;
                true
            }
            b"{" => {
                self.cmd = true;
                false
            }
            _ => false,
        };
        if keyword {
            self.out.push(Tok::Keyword, i, j);
            return j;
        }
        if let Some(end) = self.func_parens(j) {
            self.out.push(Tok::Function, i, j);
            self.cmd = true;
            self.in_word = false;
            return end;
        }
        if is_builtin(w) {
            self.out.push(Tok::Builtin, i, j);
            match w {
                b"export" | b"local" | b"declare" | b"readonly" | b"typeset" | b"unset" => {
                    self.decl = true
                }
                b"sudo" | b"nohup" | b"exec" | b"command" | b"builtin" | b"time" => self.cmd = true,
                _ => {}
            }
        } else if is_number(w) {
            self.out.push(Tok::Number, i, j);
        }
        j
    }

    /// A word after the first of a command, `i..j`.
    fn arg_word(&mut self, i: usize, j: usize, whole: bool) {
        let w = &self.s[i..j];
        let expect_in = std::mem::replace(&mut self.expect_in, false);
        if self.decl {
            if let Some(a) = assignment(w) {
                self.push_assignment(i, j, whole, a);
                return;
            }
        }
        if !whole {
            return;
        }
        if (w == b"in" && expect_in) || w == b"]]" {
            self.out.push(Tok::Keyword, i, j);
        } else if is_number(w) {
            self.out.push(Tok::Number, i, j);
        } else if self.decl && is_name(w) {
            self.out.push(Tok::Variable, i, j);
        }
    }

    /// `$…` outside double quotes (the word has been started).
    fn dollar(&mut self, i: usize) -> usize {
        let s = self.s;
        let n = s.len();
        match s.get(i + 1) {
            Some(b'(') if s.get(i + 2) == Some(&b'(') => {
                self.out.push(Tok::Variable, i, i + 3);
                self.ctx.push(Ctx::Arith {
                    depth: 0,
                    dollar: true,
                });
                i + 3
            }
            Some(b'(') => {
                self.out.push(Tok::Variable, i, i + 2);
                self.ctx.push(Ctx::Subst {
                    decl: self.decl,
                    cmd: self.cmd,
                });
                self.end_command();
                i + 2
            }
            Some(b'\'') => self.ansi_c(i),
            Some(b'"') => self.dquote(i, i + 2, n, false),
            _ => {
                let e = dollar_end(s, i, n);
                if e > i + 1 {
                    self.out.push(Tok::Variable, i, e);
                }
                e
            }
        }
    }

    /// `$'…'`: a string with C escapes.
    fn ansi_c(&mut self, i: usize) -> usize {
        let s = self.s;
        let n = s.len();
        let mut seg = i;
        let mut j = i + 2;
        while j < n {
            match s[j] {
                b'\'' => {
                    self.out.push(Tok::String, seg, j + 1);
                    return j + 1;
                }
                b'\\' if j + 1 < n => {
                    let e = match s[j + 1] {
                        b'x' => hex_run(s, j + 2, 2, n),
                        b'u' => hex_run(s, j + 2, 4, n),
                        b'U' => hex_run(s, j + 2, 8, n),
                        _ => next_char(s, j + 1),
                    };
                    self.out.push(Tok::String, seg, j);
                    self.out.push(Tok::Escape, j, e);
                    seg = e;
                    j = e;
                }
                _ => j += 1,
            }
        }
        self.out.push(Tok::String, seg, n);
        n
    }

    /// Double-quoted text from `seg` (scanning from `j`, up to `limit`): String, with
    /// escapes as Escape and expansions as Variable. In a heredoc body `"` is literal.
    /// Returns the index after the closing quote (or `limit`).
    fn dquote(&mut self, mut seg: usize, mut j: usize, limit: usize, heredoc: bool) -> usize {
        let s = self.s;
        while j < limit {
            match s[j] {
                b'"' if !heredoc => {
                    self.out.push(Tok::String, seg, j + 1);
                    return j + 1;
                }
                b'\\' => {
                    let escapes = match s.get(j + 1) {
                        Some(b'"') => !heredoc,
                        Some(b'\\' | b'$' | b'`' | b'\n') => true,
                        _ => false,
                    };
                    if escapes && j + 1 < limit {
                        self.out.push(Tok::String, seg, j);
                        self.out.push(Tok::Escape, j, j + 2);
                        j += 2;
                        seg = j;
                    } else {
                        j += 1;
                    }
                }
                b'$' => {
                    let e = dollar_end(s, j, limit);
                    if e > j + 1 {
                        self.out.push(Tok::String, seg, j);
                        self.out.push(Tok::Variable, j, e);
                        seg = e;
                    }
                    j = e;
                }
                b'`' => {
                    let e = backtick_end(s, j, limit);
                    self.out.push(Tok::String, seg, j);
                    self.out.push(Tok::Variable, j, e);
                    seg = e;
                    j = e;
                }
                _ => j += 1,
            }
        }
        self.out.push(Tok::String, seg, limit);
        limit
    }

    /// `|`, `||`, `|&`, `&`, `&&`, `&>`, `&>>`, `;`, `;;`, `;&`, `;;&`.
    fn control(&mut self, i: usize) -> usize {
        let s = self.s;
        let at = |k: usize| s.get(i + k).copied();
        let (len, tok, redirect) = match (s[i], at(1)) {
            (b'|', Some(b'|' | b'&')) | (b'&', Some(b'&')) => (2, Some(Tok::Operator), false),
            (b'&', Some(b'>')) => (
                if at(2) == Some(b'>') { 3 } else { 2 },
                Some(Tok::Operator),
                true,
            ),
            (b'|' | b'&', _) => (1, Some(Tok::Operator), false),
            (b';', Some(b';')) => (if at(2) == Some(b'&') { 3 } else { 2 }, None, false),
            (b';', Some(b'&')) => (2, None, false),
            _ => (1, None, false),
        };
        if let Some(tok) = tok {
            self.out.push(tok, i, i + len);
        }
        if redirect {
            self.in_word = false;
            self.target = true;
        } else {
            self.end_command();
        }
        i + len
    }

    /// `<`, `>`, `>>`, `>&`, `<&`, `>|`, `<>`, `<<<`, heredocs and process substitution.
    fn redirect(&mut self, i: usize) -> usize {
        let s = self.s;
        let at = |k: usize| s.get(i + k).copied();
        self.in_word = false;
        match (s[i], at(1), at(2)) {
            (b'<', Some(b'<'), Some(b'<')) => {
                self.out.push(Tok::Operator, i, i + 3);
                self.target = true;
                i + 3
            }
            (b'<', Some(b'<'), _) => self.heredoc(i),
            (_, Some(b'('), _) => {
                self.out.push(Tok::Operator, i, i + 2);
                self.ctx.push(Ctx::Proc {
                    decl: self.decl,
                    cmd: self.cmd,
                });
                self.end_command();
                i + 2
            }
            (_, Some(b'>' | b'&' | b'|'), _) => {
                self.out.push(Tok::Operator, i, i + 2);
                self.target = true;
                i + 2
            }
            _ => {
                self.out.push(Tok::Operator, i, i + 1);
                self.target = true;
                i + 1
            }
        }
    }

    /// `<<` or `<<-` and its delimiter word; the body follows the current line.
    fn heredoc(&mut self, i: usize) -> usize {
        let s = self.s;
        let n = s.len();
        let strip_tabs = s.get(i + 2) == Some(&b'-');
        let op_end = i + 2 + usize::from(strip_tabs);
        self.out.push(Tok::Operator, i, op_end);
        let start = super::skip_spaces(s, op_end, n);
        let mut k = start;
        let mut delim = Vec::new();
        let mut quoted = false;
        while k < n {
            match s[k] {
                q @ (b'\'' | b'"') => {
                    quoted = true;
                    k += 1;
                    while k < n && s[k] != q && s[k] != b'\n' {
                        delim.push(s[k]);
                        k += 1;
                    }
                    if k < n && s[k] == q {
                        k += 1;
                    }
                }
                b'\\' => {
                    quoted = true;
                    k += 1;
                    if k < n && s[k] != b'\n' {
                        let e = next_char(s, k);
                        delim.extend_from_slice(&s[k..e]);
                        k = e;
                    }
                }
                b' ' | b'\t' | b'\r' | b'\n' | b';' | b'&' | b'|' | b'<' | b'>' | b'(' | b')' => {
                    break
                }
                c => {
                    delim.push(c);
                    k += 1;
                }
            }
        }
        if k == start {
            return op_end;
        }
        self.out.push(Tok::String, start, k);
        self.docs.push(Heredoc {
            delim,
            strip_tabs,
            expand: !quoted,
        });
        k
    }

    /// The bodies of the pending heredocs, starting at `i` (a line start); returns the
    /// index after the last delimiter line.
    fn heredoc_bodies(&mut self, mut i: usize) -> usize {
        let s = self.s;
        let n = s.len();
        let mut docs = std::mem::take(&mut self.docs);
        for doc in &docs {
            let body = i;
            let mut body_end = n;
            while i < n {
                let le = line_end(s, i);
                let ce = trim_cr(s, i, le);
                let mut cs = i;
                if doc.strip_tabs {
                    while cs < ce && s[cs] == b'\t' {
                        cs += 1;
                    }
                }
                let next_line = (le + 1).min(n);
                if s[cs..ce] == doc.delim[..] {
                    body_end = trim_cr(s, body, i.saturating_sub(1).max(body));
                    self.body(doc, body, body_end);
                    self.out.push(Tok::String, cs, ce);
                    body_end = usize::MAX;
                    i = next_line;
                    break;
                }
                i = next_line;
            }
            if body_end != usize::MAX {
                self.body(doc, body, body_end);
                i = n;
            }
        }
        docs.clear();
        self.docs = docs;
        i
    }

    fn body(&mut self, doc: &Heredoc, start: usize, end: usize) {
        if doc.expand {
            self.dquote(start, start, end, true);
        } else {
            self.out.push(Tok::String, start, end);
        }
    }

    fn open_paren(&mut self, i: usize) -> usize {
        let s = self.s;
        if (self.cmd || self.next == Next::ForVar) && !self.in_word && s.get(i + 1) == Some(&b'(') {
            self.next = Next::None;
            self.cmd = false;
            self.ctx.push(Ctx::Arith {
                depth: 0,
                dollar: false,
            });
            return i + 2;
        }
        if self.in_word {
            // An array literal: `a=(x y)`.
            self.ctx.push(Ctx::Paren {
                cmd_after: self.cmd,
            });
            self.cmd = false;
        } else {
            self.ctx.push(Ctx::Paren { cmd_after: false });
            self.cmd = true;
        }
        self.in_word = false;
        i + 1
    }

    fn close_paren(&mut self, i: usize) -> usize {
        match self.ctx.pop() {
            Some(Ctx::Subst { decl, cmd }) => {
                self.out.push(Tok::Variable, i, i + 1);
                self.decl = decl;
                self.cmd = cmd;
                self.target = false;
                self.expect_in = false;
                self.next = Next::None;
                self.in_word = true;
            }
            Some(Ctx::Proc { decl, cmd }) => {
                self.out.push(Tok::Operator, i, i + 1);
                self.decl = decl;
                self.cmd = cmd;
                self.target = false;
                self.expect_in = false;
                self.next = Next::None;
                self.in_word = true;
            }
            Some(Ctx::Paren { cmd_after }) => {
                self.cmd = cmd_after;
                self.in_word = false;
            }
            Some(arith @ Ctx::Arith { .. }) => self.ctx.push(arith),
            None => {
                // A `case` pattern's `)`: a command follows.
                self.cmd = true;
                self.in_word = false;
            }
        }
        i + 1
    }

    /// One step inside `((…))`/`$((…))`, or None for what the main loop handles.
    fn arith_step(&mut self, i: usize) -> Option<usize> {
        let s = self.s;
        let n = s.len();
        let b = s[i];
        match b {
            b' ' | b'\t' | b'\r' | b'\n' | b';' | b',' => Some(i + 1),
            b'0'..=b'9' => {
                let mut j = i;
                while j < n && (s[j].is_ascii_alphanumeric() || s[j] == b'_' || s[j] == b'#') {
                    j += 1;
                }
                self.out.push(Tok::Number, i, j);
                Some(j)
            }
            c if is_name_start(c) => {
                let mut j = i;
                while j < n && (s[j].is_ascii_alphanumeric() || s[j] == b'_') {
                    j += 1;
                }
                self.out.push(Tok::Variable, i, j);
                Some(j)
            }
            b'(' => {
                if let Some(Ctx::Arith { depth, .. }) = self.ctx.last_mut() {
                    *depth += 1;
                }
                Some(i + 1)
            }
            b')' => {
                let Some(Ctx::Arith { depth, dollar }) = self.ctx.last_mut() else {
                    return None;
                };
                if *depth > 0 {
                    *depth -= 1;
                    return Some(i + 1);
                }
                let dollar = *dollar;
                self.ctx.pop();
                let e = if s.get(i + 1) == Some(&b')') {
                    i + 2
                } else {
                    i + 1
                };
                if dollar {
                    self.out.push(Tok::Variable, i, e);
                    self.in_word = true;
                } else {
                    self.in_word = false;
                }
                self.cmd = false;
                Some(e)
            }
            b'+' | b'-' | b'*' | b'/' | b'%' | b'=' | b'<' | b'>' | b'!' | b'&' | b'|' | b'^'
            | b'~' | b'?' | b':' => {
                self.out.push(Tok::Operator, i, i + 1);
                Some(i + 1)
            }
            _ => None,
        }
    }
}
