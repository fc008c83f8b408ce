//! The lexers' tests: every language, malformed input, and the range invariants.

use super::*;

/// Tokens as `[Kind:text]`, space-separated, with line breaks and tabs shown escaped.
fn render(lang: &str, code: &str) -> String {
    lex(lang, code)
        .expect("known language")
        .iter()
        .map(|(t, r)| {
            let text = code[r.clone()]
                .replace('\n', "\\n")
                .replace('\r', "\\r")
                .replace('\t', "\\t");
            format!("[{t:?}:{text}]")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Panics unless the tokens for `code` are in order, non-overlapping, non-empty and on
/// char boundaries.
fn check(lang: &str, code: &str) {
    let toks = lex(lang, code).expect("known language");
    let mut end = 0;
    for (tok, r) in &toks {
        assert!(r.start < r.end, "{lang}: empty {tok:?} {r:?} in {code:?}");
        assert!(
            r.start >= end,
            "{lang}: {tok:?} {r:?} overlaps or is out of order in {code:?}"
        );
        assert!(
            r.end <= code.len(),
            "{lang}: {tok:?} {r:?} past the end of {code:?}"
        );
        assert!(
            code.is_char_boundary(r.start) && code.is_char_boundary(r.end),
            "{lang}: {tok:?} {r:?} not on char boundaries in {code:?}"
        );
        end = r.end;
    }
}

const LANGS: [&str; 4] = ["python", "json", "yaml", "bash"];

const PY: &str = r##"#!/usr/bin/env python3
"""Train a model.

Spans lines."""
import os
from typing import Optional

@dataclass(frozen=True)
class Trainer(Base):
    def fit(self, epochs: int = 1_000, lr=1e-3) -> Optional[float]:
        for i in range(epochs):  # loop
            loss = self.step(i) ** 2 / 0x1F
            print(f"{i:>4} {loss!r} {{x}}", end='\n')
        return None if loss != 0 else 3j

    match command.split():
        case [action, *rest]:
            pass
"##;

const JSON: &str = r##"{
  // settings (jsonc)
  "name": "guide", "tags": ["a", "b\"c\u00e9"],
  "n": -1.5e3, "ok": true, "none": null,
  /* block */ "nested": {"k": [1, 2, false]}
}
"##;

const YAML: &str = r##"%YAML 1.2
---
# CI workflow
name: CI
on:
  push:
    branches: [main, "release/*"]
jobs:
  test:
    runs-on: ubuntu-latest   # host
    steps:
      - uses: actions/checkout@v4
      - name: 'Run it''s tests'
        run: |
          cargo test --all
          echo "# not a comment"
        env: {RUST_LOG: debug, RETRIES: 3}
      - base: &defaults {timeout: 30}
        derived: *defaults
        bucket: !Ref MyBucket
        ratio: 0.75
        version: 1.2.3
        enabled: true
        url: http://example.com/a#b
...
"##;

const BASH: &str = r##"#!/bin/bash
set -euo pipefail
export PATH="$HOME/bin:$PATH"
for f in *.md; do
  echo "Processing ${f%.md} ($(wc -l < "$f") lines)" # progress
done
if [[ $# -gt 0 ]] && grep -q foo "$1"; then exit 1; fi
cat <<EOF > out.txt
Hello $USER
EOF
deploy() { kubectl apply -f "$1" 2>&1 | tee log; }
"##;

// --- Python ---------------------------------------------------------------------------

#[test]
fn python_definitions_decorators_calls() {
    let code = "@app.route(\"/x\")\nclass Model(Base):\n    def train(self, n: int = 1_000) -> Optional[int]:\n        return print(len(x), obj.fit(n), obj.len, cls)\n";
    assert_eq!(
        render("python", code),
        "[Decorator:@app.route] [String:\"/x\"] [Keyword:class] [Type:Model] \
             [Keyword:def] [Function:train] [Variable:self] [Builtin:int] [Operator:=] \
             [Number:1_000] [Operator:->] [Type:Optional] [Builtin:int] [Keyword:return] \
             [Builtin:print] [Builtin:len] [Function:fit] [Variable:cls]"
    );
}

#[test]
fn python_decorator_only_at_statement_start() {
    assert_eq!(
        render("python", "x = a @ b\n  @deco\n"),
        "[Operator:=] [Operator:@] [Decorator:@deco]"
    );
}

#[test]
fn python_string_prefixes_and_escapes() {
    let code =
        r##"a = r'\d' + Rb"\x" + b'\x00\u1234' + u"é\N{BULLET}\n" + BR'''q''' + 'it\'s' + x"##;
    assert_eq!(
        render("python", code),
        r##"[Operator:=] [String:r'\d'] [Operator:+] [String:Rb"\x"] [Operator:+] [String:b'] [Escape:\x00] [String:\u1234'] [Operator:+] [String:u"é] [Escape:\N{BULLET}\n] [String:"] [Operator:+] [String:BR'''q'''] [Operator:+] [String:'it] [Escape:\'] [String:s'] [Operator:+]"##
    );
    // Not prefixes: longer names, or invalid combinations.
    assert_eq!(
        render("python", "ur'x' bb'y' rbx'z'"),
        "[String:'x'] [String:'y'] [String:'z']"
    );
}

#[test]
fn python_triple_quoted_strings_span_lines() {
    assert_eq!(
        render("python", "s = '''one\n\"two\" ''\nthree''' + 1"),
        "[Operator:=] [String:'''one\\n\"two\" ''\\nthree'''] [Operator:+] [Number:1]"
    );
    // Unterminated triple-quoted runs to the end; unterminated single-line stops at EOL.
    assert_eq!(
        render("python", "\"\"\"never\nclosed"),
        "[String:\"\"\"never\\nclosed]"
    );
    assert_eq!(
        render("python", "x = 'open\ny = 2"),
        "[Operator:=] [String:'open] [Operator:=] [Number:2]"
    );
}

#[test]
fn python_fstrings_lex_replacement_fields_as_code() {
    let code = r##"f"{x!r:>{width}} {{lit}} {d["k"] + len(y)} {self.n=}""##;
    assert_eq!(
        render("python", code),
        r##"[String:f"{] [String:!r:>{] [String:}} {{lit}} {] [String:"k"] [Operator:+] [Builtin:len] [String:} {] [Variable:self] [Operator:=] [String:}"]"##
    );
    // A single-line f-string with an unclosed field ends at the line break.
    assert_eq!(
        render("python", "f'{x\nprint(1)"),
        "[String:f'{] [Builtin:print] [Number:1]"
    );
}

#[test]
fn python_numbers() {
    assert_eq!(
        render(
            "python",
            "1_000 0x1F 0o17 0b1010 1e-5 3j 1.5 .5 1. 1E+10J x1 a.b"
        ),
        "[Number:1_000] [Number:0x1F] [Number:0o17] [Number:0b1010] [Number:1e-5] \
             [Number:3j] [Number:1.5] [Number:.5] [Number:1.] [Number:1E+10J]"
    );
}

#[test]
fn python_keywords_constants_and_soft_keywords() {
    let code = "match cmd:  # dispatch\n    case [a]:\n        pass\nmatch = re.match(p)\ntype Point = tuple[int, int]\ntype(x)\nif not x is None and True: yield False\n";
    assert_eq!(
        render("python", code),
        "[Keyword:match] [Comment:# dispatch] [Keyword:case] [Keyword:pass] [Operator:=] \
             [Function:match] [Keyword:type] [Operator:=] [Builtin:tuple] [Builtin:int] \
             [Builtin:int] [Builtin:type] [Keyword:if] [Keyword:not] [Keyword:is] \
             [Constant:None] [Keyword:and] [Constant:True] [Keyword:yield] [Constant:False]"
    );
}

#[test]
fn python_operators_and_walrus() {
    assert_eq!(
        render("python", "if (n := len(a)) >= 10 or b != c: x **= 2"),
        "[Keyword:if] [Operator::=] [Builtin:len] [Operator:>=] [Number:10] [Keyword:or] \
             [Operator:!=] [Operator:**=] [Number:2]"
    );
}

#[test]
fn python_comments_and_crlf() {
    assert_eq!(
        render("python", "x = 1  # note\r\ny = 'a\r\nz"),
        "[Operator:=] [Number:1] [Comment:# note] [Operator:=] [String:'a]"
    );
}

// --- JSON -----------------------------------------------------------------------------

#[test]
fn json_keys_strings_numbers_constants() {
    assert_eq!(
        render(
            "json",
            r##"{"a": "b\"c\u00e9", "n" : [-1.5e+3, 0, true, false, null], "k"
:{}}"##
        ),
        r##"[Key:"a"] [String:"b] [Escape:\"] [String:c] [Escape:\u00e9] [String:"] [Key:"n"] [Number:-1.5e+3] [Number:0] [Constant:true] [Constant:false] [Constant:null] [Key:"k"]"##
    );
}

#[test]
fn json_comments_and_lenient_forms() {
    assert_eq!(
        render(
            "json",
            "// line\n{/* block\n*/ unquoted: 'single', \"x\": NaN, - }\n/* open"
        ),
        "[Comment:// line] [Comment:/* block\\n*/] [Key:unquoted] [String:'single'] \
             [Key:\"x\"] [Constant:NaN] [Comment:/* open]"
    );
    // An unterminated string stops at its line end.
    assert_eq!(
        render("json", "{\"a\": \"open\r\n\"b\": 1}"),
        "[Key:\"a\"] [String:\"open] [Key:\"b\"] [Number:1]"
    );
}

// --- YAML -----------------------------------------------------------------------------

#[test]
fn yaml_keys_lists_and_comments() {
    let code = "# top\nname: CI # trailing\nlist:\n  - a#b\n  - \"quoted key\": 1\n  - 'k2' : x\n  - key: value\n    other: v # c\nurl: http://x:80/a#b\nkey:novalue\nk#1: v\n";
    assert_eq!(
        render("yaml", code),
        "[Comment:# top] [Key:name] [Comment:# trailing] [Key:list] [Punct:-] [Punct:-] \
             [Key:\"quoted key\"] [Number:1] [Punct:-] [Key:'k2'] [Punct:-] [Key:key] \
             [Key:other] [Comment:# c] [Key:url] [Key:k#1]"
    );
}

#[test]
fn yaml_plain_scalars_are_typed_only_when_whole() {
    let code = "a: 42\nb: -3.5e+2\nc: 0x1F\nd: .inf\ne: 1.2.3\nf: 12:30\ng: true\nh: True story\ni: ~\nj: yes\nk: null # none\nl: 1_000\n- 7\n";
    assert_eq!(
        render("yaml", code),
        "[Key:a] [Number:42] [Key:b] [Number:-3.5e+2] [Key:c] [Number:0x1F] [Key:d] \
             [Number:.inf] [Key:e] [Key:f] [Key:g] [Constant:true] [Key:h] [Key:i] \
             [Constant:~] [Key:j] [Key:k] [Constant:null] [Comment:# none] [Key:l] \
             [Number:1_000] [Punct:-] [Number:7]"
    );
}

#[test]
fn yaml_block_scalars() {
    let code = "run: |\n  echo hi # not a comment\n\n    indented more\nnext: >- # fold\n   folded\n- |\n  item text\n-  key: |2\n     body\n   back: 1\n";
    assert_eq!(
            render("yaml", code),
            "[Key:run] [Punct:|] [String:echo hi # not a comment] [String:indented more] \
             [Key:next] [Punct:>-] [Comment:# fold] [String:folded] [Punct:-] [Punct:|] [String:item text] \
             [Punct:-] [Key:key] [Punct:|2] [String:body] [Key:back] [Number:1]"
        );
    // A top-level block scalar after `---` takes unindented lines until a marker.
    assert_eq!(
        render("yaml", "--- |\ntext: not a key\n---\nk: v\n"),
        "[Punct:---] [Punct:|] [String:text: not a key] [Punct:---] [Key:k]"
    );
}

#[test]
fn yaml_quoted_scalars_and_escapes() {
    let code = "a: 'it''s'\nb: \"tab\\there \\u00e9 \\\"q\\\"\"\nc: \"first\n  second\" # after\nd: 'x' y\ne: \"a # b\" # c\n";
    assert_eq!(
        render("yaml", code),
        "[Key:a] [String:'it] [Escape:''] [String:s'] [Key:b] [String:\"tab] [Escape:\\t] \
             [String:here ] [Escape:\\u00e9] [String: ] [Escape:\\\"] [String:q] \
             [Escape:\\\"] [String:\"] [Key:c] [String:\"first] [String:second\"] \
             [Comment:# after] [Key:d] [String:'x'] [Key:e] [String:\"a # b\"] [Comment:# c]"
    );
}

#[test]
fn yaml_documents_directives_anchors_tags() {
    let code = "%YAML 1.2\n--- # doc\nbase: &b {x: 1}\nuse: *b\ns: !!str 123\nr: !Ref Bucket\n? complex\n: value\n...\n";
    assert_eq!(
        render("yaml", code),
        "[Keyword:%YAML] [Punct:---] [Comment:# doc] [Key:base] [Variable:&b] [Key:x] \
             [Number:1] [Key:use] [Variable:*b] [Key:s] [Type:!!str] [Number:123] [Key:r] \
             [Type:!Ref] [Punct:?] [Punct:...]"
    );
}

#[test]
fn yaml_flow_collections_span_lines() {
    let code = "env: {A: 1, \"B\": x,\n  C: [true, 'q']}  # c\nlist: [a, {k: v}, 3]\n";
    assert_eq!(
        render("yaml", code),
        "[Key:env] [Key:A] [Number:1] [Key:\"B\"] [Key:C] [Constant:true] [String:'q'] \
             [Comment:# c] [Key:list] [Key:k] [Number:3]"
    );
}

#[test]
fn yaml_crlf_and_tabs() {
    assert_eq!(
        render("yaml", "a: 1\r\nb:\t'x'\r\n- c\r\n"),
        "[Key:a] [Number:1] [Key:b] [String:'x'] [Punct:-]"
    );
}

// --- Bash -----------------------------------------------------------------------------

#[test]
fn bash_comments_only_at_word_start() {
    assert_eq!(
        render(
            "bash",
            "#!/bin/sh\necho $# a#b \"#x\" \"q\"#1 $v#2 # real\n"
        ),
        "[Comment:#!/bin/sh] [Builtin:echo] [Variable:$#] [String:\"#x\"] [String:\"q\"] \
             [Variable:$v] [Comment:# real]"
    );
}

#[test]
fn bash_double_quotes_split_into_string_and_variables() {
    let code = r##"echo "Hi ${USER:-you} $1, $(date +%s) `id -u` \"q\" \$5" 'no $x' $'a\tb'"##;
    assert_eq!(
        render("bash", code),
        r##"[Builtin:echo] [String:"Hi ] [Variable:${USER:-you}] [String: ] [Variable:$1] [String:, ] [Variable:$(date +%s)] [String: ] [Variable:`id -u`] [String: ] [Escape:\"] [String:q] [Escape:\"] [String: ] [Escape:\$] [String:5"] [String:'no $x'] [String:$'a] [Escape:\t] [String:b']"##
    );
}

#[test]
fn bash_command_position() {
    let code = "if test -f x; then echo if cd; fi\nls | grep a && cd b || exit 1; echo x\nsudo apt-get install -y jq\nFOO=1 make all\n";
    assert_eq!(
        render("bash", code),
        "[Keyword:if] [Builtin:test] [Keyword:then] [Builtin:echo] [Keyword:fi] \
             [Builtin:ls] [Operator:|] [Builtin:grep] [Operator:&&] [Builtin:cd] \
             [Operator:||] [Builtin:exit] [Number:1] [Builtin:echo] [Builtin:sudo] \
             [Builtin:apt-get] [Variable:FOO] [Operator:=] [Number:1] [Builtin:make]"
    );
}

#[test]
fn bash_variables_assignments_and_declarations() {
    let code = "export A=\"$B\" C\nlocal n=${#arr[@]} $@ $? $$ $10\narr=(one two) x+=1\n";
    assert_eq!(
        render("bash", code),
        "[Builtin:export] [Variable:A] [Operator:=] [String:\"] [Variable:$B] [String:\"] \
             [Variable:C] [Builtin:local] [Variable:n] [Operator:=] [Variable:${#arr[@]}] \
             [Variable:$@] [Variable:$?] [Variable:$$] [Variable:$1] [Variable:arr] \
             [Operator:=] [Variable:x] [Operator:+=] [Number:1]"
    );
}

#[test]
fn bash_loops_case_and_functions() {
    let code = "for i in 1 2; do echo \"$i\"; done\ncase $x in\n  a|b) ls ;;\n  *) exit ;;\nesac\nfunction up { cd ..; }\ndown () { cd -; }\nwhile true; do sleep 5s; done\n";
    assert_eq!(
        render("bash", code),
        "[Keyword:for] [Variable:i] [Keyword:in] [Number:1] [Number:2] [Keyword:do] \
             [Builtin:echo] [String:\"] [Variable:$i] [String:\"] [Keyword:done] \
             [Keyword:case] [Variable:$x] [Keyword:in] [Operator:|] [Builtin:ls] \
             [Builtin:exit] [Keyword:esac] [Keyword:function] [Function:up] [Builtin:cd] \
             [Function:down] [Builtin:cd] [Keyword:while] [Builtin:true] [Keyword:do] \
             [Builtin:sleep] [Keyword:done]"
    );
}

#[test]
fn bash_arithmetic_is_not_a_heredoc() {
    assert_eq!(
        render("bash", "x=$(( a << 2 ))\n(( n++ ))\ncat <<< \"$x\"\n"),
        "[Variable:x] [Operator:=] [Variable:$((] [Variable:a] [Operator:<<] [Number:2] \
             [Variable:))] [Variable:n] [Operator:++] [Builtin:cat] [Operator:<<<] \
             [String:\"] [Variable:$x] [String:\"]"
    );
}

#[test]
fn bash_heredocs() {
    let code = "cat <<EOF | tee f\nHello $USER \"q\"\necho not a command\nEOF\necho after\ncat <<-'END' >x; cat <<\"B\"\n\tliteral $HOME\n\tEND\nb $x\nB\nls\n";
    assert_eq!(
        render("bash", code),
        "[Builtin:cat] [Operator:<<] [String:EOF] [Operator:|] [Builtin:tee] \
             [String:Hello ] [Variable:$USER] [String: \"q\"\\necho not a command] [String:EOF] \
             [Builtin:echo] [Builtin:cat] [Operator:<<-] [String:'END'] [Operator:>] \
             [Builtin:cat] [Operator:<<] [String:\"B\"] [String:\\tliteral $HOME] \
             [String:END] [String:b $x] [String:B] [Builtin:ls]"
    );
    // Unterminated: the body runs to the end.
    assert_eq!(
        render("bash", "cat <<EOF\nno end\nls"),
        "[Builtin:cat] [Operator:<<] [String:EOF] [String:no end\\nls]"
    );
}

#[test]
fn bash_line_continuation_and_numbers() {
    assert_eq!(
        render("bash", "ls \\\n  cat 10 a1 5s 3.5 2>/dev/null\ncat\r\n"),
        "[Builtin:ls] [Number:10] [Number:3.5] [Number:2] [Operator:>] [Builtin:cat]"
    );
}

// --- All languages --------------------------------------------------------------------

#[test]
fn only_the_four_languages() {
    for lang in LANGS {
        assert_eq!(lex(lang, ""), Some(Vec::new()), "{lang}");
    }
    for lang in ["rust", "py", "sh", "yml", "Python", "", "jsonc"] {
        assert_eq!(lex(lang, "x = 1"), None, "{lang}");
    }
}

#[test]
fn python_every_keyword() {
    // keyword.kwlist of Python 3.12.
    let kwlist = "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield";
    for kw in kwlist.split(' ') {
        let expected = match kw {
            "False" | "None" | "True" => format!("[Constant:{kw}]"),
            _ => format!("[Keyword:{kw}]"),
        };
        assert_eq!(render("python", kw), expected);
    }
    assert_eq!(render("python", "elsewhere classy"), "");
}

#[test]
fn samples_are_highlighted() {
    // Each sample yields a variety of classes (guards against a lexer silently giving up).
    for (lang, code, min_kinds) in [
        ("python", PY, 11),
        ("json", JSON, 6),
        ("yaml", YAML, 9),
        ("bash", BASH, 8),
    ] {
        let kinds: std::collections::HashSet<Tok> = lex(lang, code)
            .unwrap()
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        assert!(kinds.len() >= min_kinds, "{lang}: only {kinds:?}");
    }
}

const NASTY: &[&str] = &[
    "",
    "\n",
    "\r\n",
    "\r",
    "\t",
    " ",
    "\"",
    "'",
    "`",
    "\\",
    "\\\n",
    "$",
    "${",
    "$(",
    "$((",
    "#",
    "f\"{",
    "f'{x!r:{",
    "'''",
    "\"\"\"",
    "b'\\",
    "r\"\\",
    "u'\\N{",
    "'\\x",
    "0x",
    "1e",
    "1e+",
    ".",
    "@",
    "->",
    ":=",
    "{",
    "}",
    "[",
    "]",
    "{{",
    "}}",
    "- ",
    "-",
    "---",
    "...",
    "? ",
    ": ",
    "|",
    ">-",
    "|2\n x",
    "key:",
    "\"k\":",
    "&",
    "*",
    "!",
    "!!",
    "%",
    "<<",
    "<<-",
    "<<'",
    "<<\"E",
    "<<E\nE",
    "<<<",
    "((",
    "))",
    "(",
    ")",
    "$'\\",
    "é",
    "日本語",
    "🦀",
    "é\\",
    "\\é",
    "$é",
    "#é",
    "'é",
    "\"\\é",
    "f\"{é}\"",
    "k: é",
    "- 'é''",
    "<<é\né",
    "\u{feff}",
    "\0",
    "a\0b",
    "/*",
    "//",
    "/*é",
    "\"\\u",
    "\"\\u12",
    "{\"a\"",
    "[1,",
    "'a\\'",
    "\"\\\"",
    "case x in",
    "for",
    "function",
    "match x:",
    "type X",
    "class",
    "def",
    "@x.",
    "x.(",
    "..5",
    "1..2",
    "\\\r\n",
    "a\\\r",
];

#[test]
fn invariants_hold_for_prefixes_of_samples_and_nasty_inputs() {
    for sample in [PY, JSON, YAML, BASH] {
        for (cut, _) in sample.char_indices() {
            for lang in LANGS {
                check(lang, &sample[..cut]);
                check(lang, &sample[cut..]);
            }
        }
    }
    for a in NASTY {
        for b in NASTY {
            let joined = format!("{a}{b}");
            for lang in LANGS {
                check(lang, &joined);
            }
        }
    }
}

#[test]
fn invariants_hold_for_pseudo_random_inputs() {
    const FRAGMENTS: &[&str] = &[
        " ", "  ", "\t", "\n", "\r\n", "\"", "'", "'''", "\"\"\"", "`", "\\", "$", "${", "}", "$(",
        ")", "(", "((", "))", "[", "]", "{", "#", "# c", ":", ": ", "- ", "---", "...", "|", ">",
        "<<", "<<-", "EOF", "'EOF'", "<<<", "&", "&&", "*", "!", "@", "=", ":=", "->", ".", ",",
        ";", ";;", "0", "1_0", "0x", "1e-", "3j", "f", "rb", "u", "f\"", "if", "then", "fi", "do",
        "done", "for", "in", "case", "esac", "def", "class", "match", "type", "echo", "print",
        "self", "true", "null", "~", "key", "é", "日", "🦀", "\u{301}", "\\u00", "\\N{", "\\x",
        "''", "/*", "*/", "//", "%", "?", "!Ref", "&a", "*a", "|2-", "x",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut code = String::new();
    for _ in 0..4000 {
        code.clear();
        let len = next() % 48;
        for _ in 0..len {
            code.push_str(FRAGMENTS[(next() % FRAGMENTS.len() as u64) as usize]);
        }
        for lang in LANGS {
            check(lang, &code);
        }
    }
}

#[test]
fn deep_nesting_and_long_inputs_do_not_overflow() {
    let inputs = [
        "f\"{".repeat(5000),
        "f'{x:{".repeat(5000),
        "$(".repeat(20_000),
        "$((".repeat(20_000) + &"))".repeat(20_000),
        "${".repeat(20_000),
        "\"$(".repeat(20_000),
        "[".repeat(20_000) + &"]".repeat(20_000),
        "{\"a\":".repeat(20_000),
        "- ".repeat(20_000),
        "match x; ".repeat(20_000),
        "<<EOF ".repeat(2_000) + "\n" + &"EOF\n".repeat(2_000),
        "'".repeat(50_001),
    ];
    for code in &inputs {
        for lang in LANGS {
            check(lang, code);
        }
    }
    // Many nested f-strings still end in one String token once the depth limit is hit.
    let nested = "f\"{".repeat(100) + &"\"}".repeat(100);
    let toks = lex("python", &nested).unwrap();
    assert_eq!(toks.first().map(|t| t.0), Some(Tok::String));
    assert_eq!(toks.last().map(|t| t.1.end), Some(nested.len()));
}

/// Throughput on the samples repeated to ~4 MB each (debug builds are far slower than
/// release): `cargo test --lib lexers::tests::throughput -- --ignored --nocapture`.
#[test]
#[ignore]
fn throughput() {
    for (lang, sample) in [
        ("python", PY),
        ("json", JSON),
        ("yaml", YAML),
        ("bash", BASH),
    ] {
        let code = sample.repeat(4_000_000 / sample.len() + 1);
        let start = std::time::Instant::now();
        let toks = lex(lang, &code).unwrap();
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{lang}: {:.1} MB/s ({} tokens)",
            code.len() as f64 / secs / 1e6,
            toks.len()
        );
    }
}
