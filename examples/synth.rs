//! Synthetic study guide for benchmarks (issue 8).
//!
//! ```sh
//! cargo run --release --example synth -- --pages 1000 --out /tmp/bench
//! ```
//!
//! Writes the same N pages three times under `--out`:
//!
//! - `studyguide/`: `book.toml`, `content/blueprint.toml` (4 domains, 12 tasks, 3 K and 3 S
//!   items each), `content/_index.md`, one `_index.md` per domain (`domain = "N"`), one page per
//!   task (`task = "N.M"`) and the remaining pages as plain pages in the domain directories. Every
//!   page has headings, lists, a table, three fenced code blocks (python, yaml, json), 2-3
//!   relative links and questions of each kind in its front matter (a case study on every third
//!   page). It passes `studyguide --deny-warnings check`.
//! - `mdbook/`: `book.toml`, `src/SUMMARY.md` and the same pages (questions as plain text).
//! - `hugo/`: `config.toml`, `content/` with the same pages (questions as plain text) and
//!   minimal `layouts/_default/{baseof,single,list}.html`.
//!
//! `--layout` chooses where the pages live (issue 16); every layout has the same page bodies and
//! questions, and the same blueprint:
//!
//! - `domains` (default): as above, 4 domains x 3 tasks with the pages under the domains.
//! - `flat`: the home page and every other page at the top of `content/`.
//! - `folder`: the home page and every other page in one folder without an `_index.md`.
//! - `section`: the home page and one section (`section/_index.md`) holding every other page.
//! - `deep`: sections nested eight levels deep (a binary tree of up to 510 sections, each with
//!   an `_index.md`), the pages spread over them.
//!
//! Output is deterministic: page `i` depends only on `i` (and, for its links, on N).
//! Only std, so it adds no dependency.

use std::cell::Cell;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const DOMAINS: usize = 4;
const TASKS: usize = 3;
const ITEMS: usize = 3; // K items and S items per task
const FIXED_PAGES: usize = 1 + DOMAINS + DOMAINS * TASKS; // home, domains, tasks

fn main() {
    let (pages, out, layout) = parse_args();
    let (written, questions) = generate(pages, &out, layout);
    println!(
        "wrote {written} pages, {questions} scored questions, to {}/{{studyguide,mdbook,hugo}}",
        out.display()
    );
}

/// Writes the three versions of a guide of `pages` pages under `out`; returns the page count and
/// the number of scored questions. (`tests/synth.rs` includes this file to call it.)
pub fn generate(pages: usize, out: &Path, layout: Layout) -> (usize, usize) {
    let plan = match layout {
        Layout::Domains => plan(pages),
        other => plan_layout(pages, other),
    };
    let mut questions = 0;
    let bodies: Vec<(String, Vec<Quiz>)> = (0..plan.len())
        .map(|i| {
            let rng = Rng::new(i as u64);
            let body = body(&rng, &plan, i);
            let quizzes = quizzes(&rng, &plan[i], i);
            questions += quizzes.iter().map(Quiz::scored).sum::<usize>();
            (body, quizzes)
        })
        .collect();

    write_studyguide(&out.join("studyguide"), &plan, &bodies);
    write_mdbook(&out.join("mdbook"), &plan, &bodies, layout);
    write_hugo(&out.join("hugo"), &plan, &bodies);
    (plan.len(), questions)
}

/// Where the pages live (see the file's header).
#[derive(Clone, Copy, PartialEq)]
pub enum Layout {
    Domains,
    Flat,
    Folder,
    Section,
    Deep,
}

fn parse_args() -> (usize, PathBuf, Layout) {
    let usage = "usage: synth --pages N --out DIR [--layout domains|flat|folder|section|deep]   \
                 (N >= 17)";
    let mut pages = 1000;
    let mut out = None;
    let mut layout = Layout::Domains;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--pages" => pages = args.next().and_then(|n| n.parse().ok()).unwrap_or(0),
            "--out" => out = args.next().map(PathBuf::from),
            "--layout" => {
                layout = match args.next().as_deref() {
                    Some("domains") => Layout::Domains,
                    Some("flat") => Layout::Flat,
                    Some("folder") => Layout::Folder,
                    Some("section") => Layout::Section,
                    Some("deep") => Layout::Deep,
                    _ => fail(usage),
                }
            }
            "-h" | "--help" => {
                println!("{usage}");
                std::process::exit(0);
            }
            _ => fail(&format!("unknown argument `{a}`\n{usage}")),
        }
    }
    if pages < FIXED_PAGES {
        fail(usage);
    }
    (pages, out.unwrap_or_else(|| fail(usage)), layout)
}

fn fail(message: &str) -> ! {
    eprintln!("synth: {message}");
    std::process::exit(2)
}

// ---------------------------------------------------------------------------------------------
// The plan: which pages exist, where, and what they are.

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Home,
    Domain(usize),
    /// A task page, or a plain page attached to a task (for the ids its questions cover).
    Task(usize, usize),
    Plain(usize, usize),
    /// A section page (`_index.md`) that is neither the home page nor a domain.
    Section,
}

struct Page {
    dir: String,
    file: String,
    title: String,
    weight: usize,
    kind: Kind,
}

impl Page {
    fn rel(&self) -> String {
        if self.dir.is_empty() {
            self.file.clone()
        } else {
            format!("{}/{}", self.dir, self.file)
        }
    }

    /// The domain and task whose blueprint items this page's questions cover.
    fn task(&self) -> (usize, usize) {
        match self.kind {
            Kind::Home | Kind::Section => (1, 1),
            Kind::Domain(d) => (d, 1),
            Kind::Task(d, t) | Kind::Plain(d, t) => (d, t),
        }
    }
}

fn plan(n: usize) -> Vec<Page> {
    let mut pages = vec![Page {
        dir: String::new(),
        file: "_index.md".into(),
        title: "Synthetic study guide".into(),
        weight: 0,
        kind: Kind::Home,
    }];
    for d in 1..=DOMAINS {
        pages.push(Page {
            dir: domain_dir(d),
            file: "_index.md".into(),
            title: format!("Domain {d}: {}", title_words(d * 100)),
            weight: d * 10,
            kind: Kind::Domain(d),
        });
        for t in 1..=TASKS {
            pages.push(Page {
                dir: domain_dir(d),
                file: format!("task-{d}-{t}.md"),
                title: format!("Task {d}.{t}: {}", title_words(d * 100 + t)),
                weight: t * 10,
                kind: Kind::Task(d, t),
            });
        }
    }
    for k in 0..n - FIXED_PAGES {
        let (d, t) = (k % DOMAINS + 1, (k / DOMAINS) % TASKS + 1);
        let i = pages.len();
        pages.push(Page {
            dir: domain_dir(d),
            file: format!("page-{i:05}.md"),
            title: format!("Topic {i}: {}", title_words(i + 1000)),
            weight: 100 + i,
            kind: Kind::Plain(d, t),
        });
    }
    pages
}

/// The pages of the layouts other than `domains`, in reading order (a section before its pages
/// and subsections). Plain pages still cover the blueprint's items, round robin.
fn plan_layout(n: usize, layout: Layout) -> Vec<Page> {
    let mut pages = vec![Page {
        dir: String::new(),
        file: "_index.md".into(),
        title: "Synthetic study guide".into(),
        weight: 0,
        kind: Kind::Home,
    }];
    let plain = |i: usize, dir: &str, k: usize| Page {
        dir: dir.to_string(),
        file: format!("page-{i:05}.md"),
        title: format!("Topic {i}: {}", title_words(i + 1000)),
        weight: 100 + i,
        kind: Kind::Plain(k % DOMAINS + 1, (k / DOMAINS) % TASKS + 1),
    };
    let section = |i: usize, dir: String| Page {
        dir,
        file: "_index.md".into(),
        title: format!("Section {i}: {}", title_words(i + 500)),
        weight: 100 + i,
        kind: Kind::Section,
    };
    match layout {
        Layout::Flat | Layout::Folder => {
            let dir = if layout == Layout::Flat { "" } else { "pages" };
            for k in 0..n - 1 {
                pages.push(plain(k + 1, dir, k));
            }
        }
        Layout::Section => {
            pages.push(section(1, "section".into()));
            for k in 0..n - 2 {
                pages.push(plain(k + 2, "section", k));
            }
        }
        Layout::Deep | Layout::Domains => {
            // A binary tree of sections in heap order: node s has children 2s+1 and 2s+2 and
            // sits at depth floor(log2(s + 1)) + 1; 510 nodes fill eight levels.
            let sections = (n / 2).clamp(1, 510);
            let dirs: Vec<String> = (0..sections).fold(Vec::new(), |mut dirs, s| {
                let name = format!("s{s:03}");
                dirs.push(if s == 0 {
                    name
                } else {
                    format!("{}/{name}", dirs[(s - 1) / 2])
                });
                dirs
            });
            let others = n - 1 - sections;
            fn visit(
                s: usize,
                sections: usize,
                others: usize,
                dirs: &[String],
                pages: &mut Vec<Page>,
                section: &dyn Fn(usize, String) -> Page,
                plain: &dyn Fn(usize, &str, usize) -> Page,
            ) {
                let i = pages.len();
                pages.push(section(i, dirs[s].clone()));
                for k in (s..others).step_by(sections) {
                    let i = pages.len();
                    pages.push(plain(i, &dirs[s], k));
                }
                for c in [2 * s + 1, 2 * s + 2] {
                    if c < sections {
                        visit(c, sections, others, dirs, pages, section, plain);
                    }
                }
            }
            visit(0, sections, others, &dirs, &mut pages, &section, &plain);
        }
    }
    for (i, p) in pages.iter_mut().enumerate().skip(1) {
        p.weight = 100 + i;
    }
    pages
}

fn domain_dir(d: usize) -> String {
    format!("domain-{d}")
}

fn title_words(seed: usize) -> String {
    let rng = Rng::new(seed as u64 ^ 0x7469746c65);
    capitalise(&words(&rng, 3))
}

/// A relative link from page `from` to page `to`, as an author writes it.
fn relative(from: &Page, to: &Page) -> String {
    let parts = |d: &str| -> Vec<String> {
        d.split('/')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (a, b) = (parts(&from.dir), parts(&to.dir));
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut s = "../".repeat(a.len() - common);
    for part in &b[common..] {
        s += part;
        s.push('/');
    }
    s + &to.file
}

// ---------------------------------------------------------------------------------------------
// Text: a small deterministic generator over a fixed vocabulary.

/// splitmix64 behind a `Cell`, so that `words(rng, rng.range(2, 5))` borrows `rng` only shared.
struct Rng(Cell<u64>);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(Cell::new(
            seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03,
        ))
    }

    fn next(&self) -> u64 {
        let state = self.0.get().wrapping_add(0x9E37_79B9_7F4A_7C15);
        self.0.set(state);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn pick<'a>(&self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }

    fn word(&self) -> &'static str {
        static LIST: OnceLock<Vec<&str>> = OnceLock::new();
        self.pick(LIST.get_or_init(|| WORDS.split_whitespace().collect()))
    }

    fn verb(&self) -> &'static str {
        static LIST: OnceLock<Vec<&str>> = OnceLock::new();
        self.pick(LIST.get_or_init(|| VERBS.split_whitespace().collect()))
    }
}

const WORDS: &str = "\
    data model pipeline endpoint feature training inference bucket stream batch schema \
    partition metric latency throughput cost instance cluster container image registry \
    deployment rollback canary shadow variant traffic autoscaling quota policy role \
    permission key encryption subnet gateway monitor alarm dashboard log trace drift \
    baseline bias fairness label annotation dataset split validation test holdout fold \
    epoch gradient optimizer learning rate regularised dropout layer embedding token vector \
    index query table column row record shard replica snapshot archive lifecycle storage \
    volume throughput capacity scaling warm cold serverless managed custom built-in \
    algorithm estimator hyperparameter tuning search objective accuracy precision recall \
    threshold curve confusion matrix residual outlier imputation encoding scaling \
    normalised categorical numeric sparse dense compressed columnar streaming real-time \
    asynchronous scheduled event trigger workflow step stage artifact version lineage \
    approval review audit compliance region account network private public secure reliable \
    efficient cheap fast durable simple";

const VERBS: &str = "\
    stores reads writes scales monitors encrypts transforms validates deploys trains tunes \
    routes caches compresses partitions replicates schedules audits tracks reduces improves \
    limits exposes records";

fn words(rng: &Rng, n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(rng.word());
    }
    s
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn sentence(rng: &Rng) -> String {
    let subject = words(rng, rng.range(1, 3));
    let verb = rng.verb();
    let object = words(rng, rng.range(3, 9));
    let mut s = format!("{} {verb} the {object}", capitalise(&subject));
    match rng.below(6) {
        0 => write!(s, " with **{}**", words(rng, 2)).unwrap(),
        1 => write!(s, " through `{}`", rng.word()).unwrap(),
        2 => write!(s, ", so the *{}* stays {}", words(rng, 2), rng.word()).unwrap(),
        _ => {}
    }
    s.push('.');
    s
}

fn paragraph(rng: &Rng, sentences: usize) -> String {
    let mut p: Vec<String> = (0..sentences).map(|_| sentence(rng)).collect();
    p.push(String::new());
    p.join(" ").trim_end().to_string() + "\n\n"
}

// ---------------------------------------------------------------------------------------------
// Page bodies: the Markdown all three generators render.

fn body(rng: &Rng, plan: &[Page], i: usize) -> String {
    let page = &plan[i];
    let links = link_targets(plan, i);
    let link = |j: usize, text: &str, anchor: &str| {
        format!("[{text}]({}{anchor})", relative(page, &plan[links[j]]))
    };
    let mut s = String::new();
    s += &paragraph(rng, 3);
    write!(
        s,
        "Read {} first, then come back here. ",
        link(0, "the previous topic", "")
    )
    .unwrap();
    s += &paragraph(rng, 2);

    if let Kind::Home | Kind::Domain(_) = page.kind {
        s += "## Contents\n\n";
        for (j, p) in plan.iter().enumerate() {
            let child = match (page.kind, p.kind) {
                (Kind::Home, Kind::Domain(_)) => true,
                (Kind::Home, Kind::Section) => !p.dir.contains('/'),
                (Kind::Domain(d), Kind::Task(e, _)) => d == e,
                _ => false,
            };
            if child {
                writeln!(s, "- [{}]({})", plan[j].title, relative(page, p)).unwrap();
            }
        }
        s.push('\n');
    }

    s += "## Overview\n\n";
    s += &paragraph(rng, rng.range(3, 5));
    for _ in 0..5 {
        writeln!(s, "- **{}**: {}", capitalise(&words(rng, 2)), sentence(rng)).unwrap();
    }
    s.push('\n');
    s += &paragraph(rng, rng.range(3, 5));

    s += "## Key concepts\n\n";
    for n in 1..=4 {
        writeln!(s, "{n}. {}", sentence(rng)).unwrap();
    }
    s.push('\n');
    write!(s, "See also {}. ", link(1, &words(rng, 2), "#key-concepts")).unwrap();
    s += &paragraph(rng, 3);

    s += "### Comparison\n\n| Option | When to use | Cost | Latency |\n|---|---|---|---|\n";
    for _ in 0..5 {
        writeln!(
            s,
            "| {} | {} | {} | {} ms |",
            capitalise(&words(rng, 2)),
            words(rng, rng.range(4, 9)),
            rng.pick(&["low", "medium", "high"]),
            rng.range(1, 900)
        )
        .unwrap();
    }
    s.push('\n');
    s += "> [!TIP]\n> ";
    s += &sentence(rng);
    s += "\n\n";

    s += "## Worked example\n\n";
    s += &paragraph(rng, 2);
    s += &python(rng);
    s += &paragraph(rng, 2);
    s += &yaml(rng);
    s += &paragraph(rng, 2);
    s += &json(rng);

    s += "## Summary\n\n";
    s += &paragraph(rng, rng.range(3, 6));
    if links.len() > 2 {
        write!(
            s,
            "Next, {}. ",
            link(2, "continue with a related topic", "")
        )
        .unwrap();
        s += &paragraph(rng, 1);
    }
    s
}

/// 2-3 other pages (never the home page): the third on every second page.
fn link_targets(plan: &[Page], i: usize) -> Vec<usize> {
    let n = plan.len() - 1; // pages 1..=n can be linked
    let at = |k: usize| 1 + (i + k) % n;
    let mut targets: Vec<usize> = [1, 5, n / 2]
        .into_iter()
        .map(at)
        .filter(|&t| t != i)
        .collect();
    targets.dedup();
    while targets.len() < 2 {
        targets.push(if i == 1 { 2 } else { 1 });
    }
    targets.truncate(if i.is_multiple_of(2) { 3 } else { 2 });
    targets
}

fn ident(rng: &Rng) -> String {
    rng.word().replace('-', "_")
}

fn python(rng: &Rng) -> String {
    let (a, b, c) = (ident(rng), ident(rng), ident(rng));
    let class = capitalise(&ident(rng));
    format!(
        r#"```python
import json
from dataclasses import dataclass, field


@dataclass
class {class}Config:
    bucket: str = "{a}-{b}"
    batch_size: int = {n}
    tags: dict = field(default_factory=dict)


def select_{a}(records, threshold={f}):
    """{doc}"""
    result = []
    for record in records:
        if record.get("{b}", 0) > threshold:
            result.append({{"id": record["id"], "score": record["{b}"] * {n}}})
    return sorted(result, key=lambda r: r["score"], reverse=True)


if __name__ == "__main__":
    print(json.dumps(select_{a}([{{"id": 1, "{b}": 0.9}}, {{"id": 2, "{c}": 0.1}}])))
```

"#,
        n = rng.range(8, 512),
        f = rng.range(1, 99) as f64 / 100.0,
        doc = sentence(rng).replace(['`', '*'], ""),
    )
}

fn yaml(rng: &Rng) -> String {
    format!(
        r#"```yaml
pipeline:
  name: {a}-{b}
  schedule: "cron(0 {h} * * ? *)"
  steps:
    - name: ingest
      source: s3://{a}-bucket/{c}/
      format: parquet
    - name: train
      instance_type: ml.m5.{size}
      instance_count: {n}
      hyperparameters:
        max_depth: {d}
        eta: 0.{e}
    - name: evaluate
      metric: {metric}
      threshold: 0.{t}
  tags:
    team: {b}
    cost-centre: "{cc}"
```

"#,
        a = ident(rng),
        b = ident(rng),
        c = ident(rng),
        h = rng.below(24),
        size = rng.pick(&["large", "xlarge", "2xlarge", "4xlarge"]),
        n = rng.range(1, 8),
        d = rng.range(3, 10),
        e = rng.range(1, 9),
        metric = rng.pick(&["auc", "f1", "rmse", "accuracy"]),
        t = rng.range(50, 99),
        cc = rng.range(1000, 9999),
    )
}

fn json(rng: &Rng) -> String {
    format!(
        r#"```json
{{
  "EndpointName": "{a}-{b}",
  "ProductionVariants": [
    {{
      "VariantName": "primary",
      "ModelName": "{c}-model",
      "InstanceType": "ml.c5.{size}",
      "InitialInstanceCount": {n},
      "InitialVariantWeight": 0.{w}
    }}
  ],
  "DataCaptureConfig": {{
    "EnableCapture": {capture},
    "InitialSamplingPercentage": {p},
    "DestinationS3Uri": "s3://{a}-capture/{b}/"
  }},
  "Tags": [{{ "Key": "team", "Value": "{c}" }}]
}}
```

"#,
        a = ident(rng),
        b = ident(rng),
        c = ident(rng),
        size = rng.pick(&["large", "xlarge", "2xlarge"]),
        n = rng.range(1, 6),
        w = rng.range(1, 9),
        capture = rng.below(2) == 0,
        p = rng.range(5, 100),
    )
}

// ---------------------------------------------------------------------------------------------
// Questions.

struct Choice {
    text: String,
    correct: bool,
    why: String,
}

enum Body {
    Choice {
        multi: bool,
        options: Vec<Choice>,
    },
    Ordering {
        steps: Vec<String>,
        distractors: Vec<String>,
    },
    Matching {
        pairs: Vec<(String, String)>,
        extra: Vec<String>,
    },
    Case {
        scenario: String,
        questions: Vec<Quiz>,
    },
}

struct Quiz {
    id: String,
    covers: Vec<String>,
    prompt: String,
    explanation: String,
    body: Body,
}

impl Quiz {
    fn scored(&self) -> usize {
        match &self.body {
            Body::Case { questions, .. } => questions.len(),
            _ => 1,
        }
    }

    fn kind(&self) -> &'static str {
        match &self.body {
            Body::Choice { multi: false, .. } => "multiple-choice",
            Body::Choice { multi: true, .. } => "multiple-response",
            Body::Ordering { .. } => "ordering",
            Body::Matching { .. } => "matching",
            Body::Case { .. } => "case-study",
        }
    }
}

/// Two questions of each of the four kinds, and a case study on every third page.
fn quizzes(rng: &Rng, page: &Page, i: usize) -> Vec<Quiz> {
    let (d, t) = page.task();
    let mut q = Vec::new();
    for n in 1..=2 {
        let base = format!("p{i}");
        q.push(choice(rng, format!("{base}-mc-{n}"), (d, t), false));
        q.push(choice(rng, format!("{base}-mr-{n}"), (d, t), true));
        q.push(ordering(rng, format!("{base}-order-{n}"), (d, t)));
        q.push(matching(rng, format!("{base}-match-{n}"), (d, t)));
    }
    if i.is_multiple_of(3) {
        let id = format!("p{i}-case");
        q.push(Quiz {
            covers: Vec::new(),
            prompt: String::new(),
            explanation: paragraph(rng, 2).trim_end().to_string(),
            body: Body::Case {
                scenario: paragraph(rng, 4).trim_end().to_string(),
                questions: vec![
                    choice(rng, format!("{id}-choice"), (d, t), false),
                    ordering(rng, format!("{id}-order"), (d, t)),
                ],
            },
            id,
        });
    }
    q
}

fn item(rng: &Rng, (d, t): (usize, usize)) -> String {
    let letter = if rng.below(2) == 0 { 'K' } else { 'S' };
    format!("{d}.{t}.{letter}{}", rng.range(1, ITEMS))
}

/// `n` texts of 2-8 words, distinct ignoring case.
fn distinct(rng: &Rng, n: usize, lo: usize, hi: usize) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    while out.len() < n {
        let text = capitalise(&words(rng, rng.range(lo, hi)));
        if seen.insert(text.to_lowercase()) {
            out.push(text);
        }
    }
    out
}

fn choice(rng: &Rng, id: String, task: (usize, usize), multi: bool) -> Quiz {
    let (count, keys) = if multi { (5, 2) } else { (4, 1) };
    let mut correct = vec![false; count];
    while correct.iter().filter(|c| **c).count() < keys {
        correct[rng.below(count)] = true; // random positions: no answer-position bias
    }
    let mut texts = distinct(rng, count, 2, 8); // random lengths: no answer-length bias
    if !multi {
        // `check` warns (W042) when the one key is 30% longer than every distractor: give it the
        // longest distractor's text instead, so the key is then shorter than some distractor.
        let key = correct.iter().position(|c| *c).unwrap_or(0);
        let len = |t: &String| t.chars().count();
        let longest = (0..count)
            .filter(|&i| i != key)
            .max_by_key(|&i| len(&texts[i]))
            .unwrap_or(key);
        if len(&texts[key]) * 10 >= len(&texts[longest]) * 13 {
            texts.swap(key, longest);
        }
    }
    let options = texts
        .into_iter()
        .zip(correct)
        .map(|(text, correct)| Choice {
            text,
            correct,
            why: sentence(rng).replace(['`', '*'], ""),
        })
        .collect();
    let mut prompt = sentence(rng).replace(['`', '*'], "");
    prompt.pop();
    prompt += if multi {
        ". Which options meet the requirement? (Select TWO.)"
    } else {
        ". Which option meets the requirement?"
    };
    Quiz {
        id,
        covers: vec![item(rng, task)],
        prompt,
        explanation: paragraph(rng, 2).trim_end().to_string(),
        body: Body::Choice { multi, options },
    }
}

fn ordering(rng: &Rng, id: String, task: (usize, usize)) -> Quiz {
    let mut all = distinct(rng, 4, 3, 6);
    let distractors = if rng.below(2) == 0 {
        all.split_off(3)
    } else {
        Vec::new()
    };
    all.truncate(3);
    Quiz {
        id,
        covers: vec![item(rng, task)],
        prompt: "Put the steps in order.".into(),
        explanation: paragraph(rng, 2).trim_end().to_string(),
        body: Body::Ordering {
            steps: all,
            distractors,
        },
    }
}

fn matching(rng: &Rng, id: String, task: (usize, usize)) -> Quiz {
    let lefts = distinct(rng, 3, 1, 3);
    let mut rights = distinct(rng, 4, 3, 7);
    let extra = rights.split_off(3);
    Quiz {
        id,
        covers: vec![item(rng, task)],
        prompt: "Match each service to its description.".into(),
        explanation: paragraph(rng, 2).trim_end().to_string(),
        body: Body::Matching {
            pairs: lefts.into_iter().zip(rights).collect(),
            extra,
        },
    }
}

// ---------------------------------------------------------------------------------------------
// studyguide: TOML front matter with the questions.

/// A TOML basic string.
fn toml_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn toml_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| toml_str(s)).collect();
    format!("[{}]", items.join(", "))
}

fn quiz_toml(s: &mut String, q: &Quiz, nested: bool) {
    let (header, indent) = if nested {
        ("\n  [[quiz.questions]]\n", "  ")
    } else {
        ("\n[[quiz]]\n", "")
    };
    s.push_str(header);
    let mut line = |k: &str, v: String| writeln!(s, "{indent}{k} = {v}").unwrap();
    line("id", toml_str(&q.id));
    line("kind", toml_str(q.kind()));
    if !q.covers.is_empty() {
        line("covers", toml_list(&q.covers));
    }
    if !q.prompt.is_empty() {
        line("prompt", toml_str(&q.prompt));
    }
    line("explanation", toml_str(&q.explanation));
    match &q.body {
        Body::Choice { options, .. } => {
            writeln!(s, "{indent}options = [").unwrap();
            for o in options {
                let correct = if o.correct { ", correct = true" } else { "" };
                writeln!(
                    s,
                    "{indent}  {{ text = {}{correct}, why = {} }},",
                    toml_str(&o.text),
                    toml_str(&o.why)
                )
                .unwrap();
            }
            writeln!(s, "{indent}]").unwrap();
        }
        Body::Ordering { steps, distractors } => {
            writeln!(s, "{indent}steps = {}", toml_list(steps)).unwrap();
            if !distractors.is_empty() {
                writeln!(s, "{indent}distractors = {}", toml_list(distractors)).unwrap();
            }
        }
        Body::Matching { pairs, extra } => {
            writeln!(s, "{indent}pairs = [").unwrap();
            for (l, r) in pairs {
                writeln!(
                    s,
                    "{indent}  {{ left = {}, right = {} }},",
                    toml_str(l),
                    toml_str(r)
                )
                .unwrap();
            }
            writeln!(s, "{indent}]").unwrap();
            writeln!(s, "{indent}extra_right = {}", toml_list(extra)).unwrap();
        }
        Body::Case {
            scenario,
            questions,
        } => {
            writeln!(s, "scenario = {}", toml_str(scenario)).unwrap();
            for sub in questions {
                quiz_toml(s, sub, true);
            }
        }
    }
}

fn write_studyguide(root: &Path, plan: &[Page], bodies: &[(String, Vec<Quiz>)]) {
    reset(root);
    write(
        &root.join("book.toml"),
        "[book]\ntitle = \"Synthetic study guide\"\n\
         description = \"A generated guide for benchmarks.\"\nlanguage = \"en\"\n\n\
         [build]\ncontent-dir = \"content\"\nbuild-dir = \"book\"\nbase-url = \"/\"\n",
    );
    write(&root.join("content/blueprint.toml"), &blueprint());
    for (page, (body, quizzes)) in plan.iter().zip(bodies) {
        let mut s = String::from("+++\n");
        writeln!(s, "title = {}", toml_str(&page.title)).unwrap();
        writeln!(s, "description = \"Synthetic page for benchmarks.\"").unwrap();
        writeln!(s, "weight = {}", page.weight).unwrap();
        match page.kind {
            Kind::Domain(d) => writeln!(s, "domain = \"{d}\"").unwrap(),
            Kind::Task(d, t) => writeln!(s, "task = \"{d}.{t}\"").unwrap(),
            _ => {}
        }
        if let Kind::Task(d, t) | Kind::Plain(d, t) = page.kind {
            writeln!(s, "covers = [\"{d}.{t}.K1\", \"{d}.{t}.S1\"]").unwrap();
        }
        for q in quizzes {
            quiz_toml(&mut s, q, false);
        }
        s.push_str("+++\n\n");
        s.push_str(body);
        write(&root.join("content").join(page.rel()), &s);
    }
}

fn blueprint() -> String {
    let rng = Rng::new(0xb1u64);
    let mut s = String::from(
        "[exam]\ncode = \"SYN-01\"\nname = \"Synthetic Benchmark Exam\"\nscored-questions = 50\n\
         unscored-questions = 15\ntotal-questions = 65\nminutes = 130\npassing-score = 720\n\
         score-min = 100\nscore-max = 1000\n",
    );
    for d in 1..=DOMAINS {
        let weight = 100 / DOMAINS; // 4 x 25 = 100
        let title = title_words(d * 100);
        write!(
            s,
            "\n[[domain]]\nid = \"{d}\"\ntitle = \"{title}\"\nweight = {weight}\n"
        )
        .unwrap();
        for t in 1..=TASKS {
            let title = title_words(d * 100 + t);
            write!(
                s,
                "\n[[domain.task]]\nid = \"{d}.{t}\"\ntitle = \"{title}\"\n"
            )
            .unwrap();
            for (key, letter) in [("knowledge", 'K'), ("skills", 'S')] {
                writeln!(s, "{key} = [").unwrap();
                for n in 1..=ITEMS {
                    let text = capitalise(&words(&rng, 8));
                    writeln!(
                        s,
                        "  {{ id = \"{d}.{t}.{letter}{n}\", text = \"{text}\" }},"
                    )
                    .unwrap();
                }
                writeln!(s, "]").unwrap();
            }
        }
    }
    s
}

// ---------------------------------------------------------------------------------------------
// mdBook and Hugo: the same bodies, questions as plain Markdown at the end.

fn quiz_markdown(s: &mut String, q: &Quiz, n: &mut usize) {
    *n += 1;
    writeln!(s, "**Question {n}** ({}). {}\n", q.kind(), q.prompt).unwrap();
    match &q.body {
        Body::Choice { options, .. } => {
            for (i, o) in options.iter().enumerate() {
                let letter = (b'A' + i as u8) as char;
                writeln!(s, "- {letter}. {}: {}", o.text, o.why).unwrap();
            }
            let keys: String = options
                .iter()
                .enumerate()
                .filter(|(_, o)| o.correct)
                .map(|(i, _)| (b'A' + i as u8) as char)
                .collect();
            writeln!(s, "\nAnswer: {keys}. {}\n", q.explanation).unwrap();
        }
        Body::Ordering { steps, distractors } => {
            for (i, step) in steps.iter().enumerate() {
                writeln!(s, "{}. {step}", i + 1).unwrap();
            }
            if !distractors.is_empty() {
                writeln!(s, "\nNot a step: {}.", distractors.join(", ")).unwrap();
            }
            writeln!(s, "\n{}\n", q.explanation).unwrap();
        }
        Body::Matching { pairs, extra } => {
            s.push_str("| Item | Match |\n|---|---|\n");
            for (l, r) in pairs {
                writeln!(s, "| {l} | {r} |").unwrap();
            }
            writeln!(s, "\nUnused: {}. {}\n", extra.join(", "), q.explanation).unwrap();
        }
        Body::Case {
            scenario,
            questions,
        } => {
            writeln!(s, "{scenario}\n").unwrap();
            for sub in questions {
                quiz_markdown(s, sub, n);
            }
            writeln!(s, "{}\n", q.explanation).unwrap();
        }
    }
}

fn plain_page(body: &str, quizzes: &[Quiz]) -> String {
    let mut s = String::from(body);
    s.push_str("## Check yourself\n\n");
    let mut n = 0;
    for q in quizzes {
        quiz_markdown(&mut s, q, &mut n);
    }
    s
}

fn write_mdbook(root: &Path, plan: &[Page], bodies: &[(String, Vec<Quiz>)], layout: Layout) {
    reset(root);
    write(
        &root.join("book.toml"),
        "[book]\ntitle = \"Synthetic study guide\"\nlanguage = \"en\"\nsrc = \"src\"\n\n\
         [build]\nbuild-dir = \"book\"\ncreate-missing = false\n",
    );
    // SUMMARY: home as a prefix chapter, then domains > tasks and plain pages.
    let mut summary = format!("# Summary\n\n[{}]({})\n\n", plan[0].title, plan[0].rel());
    // Other layouts: the plan is in reading order; a page nests under its folder's section.
    for p in plan.iter().skip(1).filter(|_| layout != Layout::Domains) {
        let depth = p.dir.matches('/').count() + usize::from(p.kind != Kind::Section);
        let depth =
            if p.kind == Kind::Section || layout == Layout::Section || layout == Layout::Deep {
                depth
            } else {
                0
            };
        writeln!(
            summary,
            "{}- [{}]({})",
            "  ".repeat(depth),
            p.title,
            p.rel()
        )
        .unwrap();
    }
    for d in (1..=DOMAINS).filter(|_| layout == Layout::Domains) {
        let in_domain = |p: &&Page| matches!(p.kind, Kind::Domain(e) | Kind::Task(e, _) | Kind::Plain(e, _) if e == d);
        for p in plan.iter().filter(in_domain) {
            let indent = if let Kind::Domain(_) = p.kind {
                ""
            } else {
                "  "
            };
            writeln!(summary, "{indent}- [{}]({})", p.title, p.rel()).unwrap();
        }
    }
    write(&root.join("src/SUMMARY.md"), &summary);
    for (page, (body, quizzes)) in plan.iter().zip(bodies) {
        let text = format!("# {}\n\n{}", page.title, plain_page(body, quizzes));
        write(&root.join("src").join(page.rel()), &text);
    }
}

const HUGO_BASEOF: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} | {{ .Site.Title }}</title>
<meta name="description" content="{{ .Description }}">
</head>
<body>
<nav><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
</nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"#;

const HUGO_SINGLE: &str = r#"{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<aside>{{ .TableOfContents }}</aside>
{{ .Content }}
</article>
<nav>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
{{ end }}
"#;

const HUGO_LIST: &str = r#"{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
</article>
{{ end }}
"#;

fn write_hugo(root: &Path, plan: &[Page], bodies: &[(String, Vec<Quiz>)]) {
    reset(root);
    write(
        &root.join("config.toml"),
        "baseURL = \"http://localhost/\"\ntitle = \"Synthetic study guide\"\n\
         languageCode = \"en\"\ndisableKinds = [\"taxonomy\", \"term\"]\n\n\
         [markup.highlight]\ncodeFences = true\n",
    );
    let layouts = root.join("layouts/_default");
    write(&layouts.join("baseof.html"), HUGO_BASEOF);
    write(&layouts.join("single.html"), HUGO_SINGLE);
    write(&layouts.join("list.html"), HUGO_LIST);
    for (page, (body, quizzes)) in plan.iter().zip(bodies) {
        let text = format!(
            "+++\ntitle = {}\ndescription = \"Synthetic page for benchmarks.\"\nweight = {}\n+++\n\n{}",
            toml_str(&page.title),
            page.weight,
            plain_page(body, quizzes)
        );
        write(&root.join("content").join(page.rel()), &text);
    }
}

// ---------------------------------------------------------------------------------------------

/// Removes a previous output of this tool (only the directory it is about to write).
fn reset(dir: &Path) {
    if dir.exists() {
        fs::remove_dir_all(dir)
            .unwrap_or_else(|e| fail(&format!("cannot remove {}: {e}", dir.display())));
    }
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .unwrap_or_else(|e| fail(&format!("cannot create {}: {e}", parent.display())));
    }
    fs::write(path, text)
        .unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", path.display())));
}
