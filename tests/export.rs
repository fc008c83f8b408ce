//! `studyguide export` on the repository's guide: the Anki file read back the way Anki reads
//! it (the `csv` crate with Anki's settings), the JSON against the guide's own front matter,
//! and the failures (a broken guide, an unknown exam version).

mod common;
use common::{fixture, repo, run};
use std::collections::{BTreeMap, BTreeSet};

/// A scored question as the content's front matter writes it, read independently of the
/// generator: id -> (kind, whether inside a case study, the TOML table).
fn guide_questions() -> BTreeMap<String, (String, bool, toml::Table)> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(repo().join("content")) {
        let e = e.unwrap();
        if e.path().extension().is_none_or(|x| x != "md") {
            continue;
        }
        let text = std::fs::read_to_string(e.path()).unwrap();
        let Some(rest) = text.strip_prefix("+++\n") else {
            continue;
        };
        let front: toml::Table = toml::from_str(&rest[..rest.find("\n+++").unwrap()]).unwrap();
        if front.get("draft").and_then(|d| d.as_bool()) == Some(true) {
            continue;
        }
        let quizzes = front.get("quiz").and_then(|q| q.as_array()).cloned();
        for q in quizzes.unwrap_or_default() {
            let q = q.as_table().unwrap().clone();
            let kind = q["kind"].as_str().unwrap().to_string();
            if kind == "case-study" {
                for sub in q["questions"].as_array().unwrap() {
                    let sub = sub.as_table().unwrap().clone();
                    let kind = sub["kind"].as_str().unwrap().to_string();
                    out.insert(sub["id"].as_str().unwrap().into(), (kind, true, sub));
                }
            } else {
                out.insert(q["id"].as_str().unwrap().into(), (kind, false, q));
            }
        }
    }
    out
}

fn export(args: &[&str]) -> (i32, String, String) {
    let root = repo();
    let mut all = vec!["--root", root.to_str().unwrap(), "export"];
    all.extend(args);
    run(&all)
}

/// The header lines (`#key:value`) and the records, read as Anki's importer reads them.
fn read_anki(text: &str) -> (BTreeMap<String, String>, Vec<Vec<String>>) {
    let headers = text
        .lines()
        .take_while(|l| l.starts_with('#'))
        .map(|l| {
            let (k, v) = l[1..].split_once(':').unwrap();
            (k.to_string(), v.to_string())
        })
        .collect();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(false)
        .comment(Some(b'#'))
        .delimiter(b'\t')
        .from_reader(text.as_bytes());
    let records = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    (headers, records)
}

/// Note fields by GUID: [GUID, Deck, Front, Back, Tags].
fn notes(records: &[Vec<String>]) -> BTreeMap<String, Vec<String>> {
    records
        .iter()
        .map(|r| {
            let id = r[0].strip_prefix("studyguide:").unwrap().to_string();
            (id, r.clone())
        })
        .collect()
}

#[test]
fn anki_file_holds_every_question_once_with_tags_and_answers() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bank.txt");
    let (code, stdout, stderr) = export(&["--format", "anki", "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.is_empty(), "with --out nothing goes to stdout");
    let text = std::fs::read_to_string(&out).unwrap();
    let (headers, records) = read_anki(&text);

    let expect = [
        ("separator", "tab"),
        ("html", "true"),
        ("notetype", "Basic"),
        ("guid column", "1"),
        ("deck column", "2"),
        ("tags column", "5"),
        ("columns", "GUID\tDeck\tFront\tBack\tTags"),
    ];
    for (k, v) in expect {
        assert_eq!(headers.get(k).map(String::as_str), Some(v), "header #{k}");
    }
    for r in &records {
        assert_eq!(r.len(), 5, "every note has the 5 declared columns: {r:?}");
    }

    let guide = guide_questions();
    let notes = notes(&records);
    assert_eq!(notes.len(), records.len(), "each GUID appears once");
    assert_eq!(
        notes.keys().collect::<BTreeSet<_>>(),
        guide.keys().collect::<BTreeSet<_>>(),
        "every scored question of the guide is a note"
    );
    assert!(
        stderr.contains(&format!("exported {} questions:", guide.len()))
            && stderr.contains("; 0 skipped"),
        "{stderr}"
    );

    for (id, note) in &notes {
        let (kind, in_case, _) = &guide[id];
        assert_eq!(note[1], "MLA-C01 and MLA-C02 study guide");
        assert!(
            note[2].starts_with('<') && note[3].contains("<b>Answer: "),
            "{id}"
        );
        let tags: Vec<&str> = note[4].split(' ').collect();
        assert!(
            tags.iter()
                .all(|t| !t.is_empty() && !t.contains(char::is_whitespace)),
            "{id}: {:?}",
            note[4]
        );
        // Tagged in at least one version (questions written for MLA-C02 only cover its items).
        let placed = ["MLA-C01", "MLA-C02"].iter().any(|code| {
            ["domain-", "task-", "item-"].iter().all(|part| {
                tags.iter()
                    .any(|t| t.starts_with(&format!("{code}::{part}")))
            })
        });
        assert!(placed, "{id}: no domain, task and item tags: {tags:?}");
        assert!(
            tags.contains(&format!("studyguide::{kind}").as_str()),
            "{id}"
        );
        if *in_case {
            assert!(tags.contains(&"studyguide::case-study"), "{id}");
            assert!(
                note[2].contains("<b>Case study</b>"),
                "{id}: scenario first"
            );
        }
        // Internal links become plain text without --base-url.
        for href in [&note[2], &note[3]]
            .iter()
            .flat_map(|f| f.split("href=\"").skip(1))
        {
            assert!(
                href.starts_with("http"),
                "{id}: relative link left: {href:.60}"
            );
        }
    }
    // Every kind is represented, and so are case studies and the other exam version.
    for tag in [
        "studyguide::multiple-choice",
        "studyguide::multiple-response",
        "studyguide::ordering",
        "studyguide::matching",
        "studyguide::case-study",
        "MLA-C02::item-1.1.5",
    ] {
        assert!(
            notes.values().any(|n| n[4].split(' ').any(|t| t == tag)),
            "no note tagged {tag}"
        );
    }

    // A multiple-choice question whose answer is its second option: B on the back, and every
    // option's reason.
    let (id, (_, _, q)) = guide
        .iter()
        .find(|(_, (kind, _, q))| {
            kind == "multiple-choice"
                && q["options"].as_array().unwrap()[1]
                    .get("correct")
                    .and_then(|c| c.as_bool())
                    == Some(true)
        })
        .expect("a question answered B");
    let back = &notes[id][3];
    assert!(back.starts_with("<p><b>Answer: B</b></p>"), "{id}: {back}");
    for o in q["options"].as_array().unwrap() {
        let why = o["why"].as_str().unwrap();
        let start: String = why
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == ' ')
            .collect();
        assert!(back.contains(start.trim()), "{id}: reason {why:?} missing");
    }
    // A multiple-response question that does not say how many: the front says it.
    let front_of = |id: &str| &notes[id][2];
    for (id, (kind, _, q)) in &guide {
        if kind == "multiple-response" {
            let prompt = q["prompt"].as_str().unwrap().to_lowercase();
            assert!(
                prompt.contains("select") || front_of(id).contains("(Select "),
                "{id}: how many to pick"
            );
        }
    }
}

#[test]
fn anki_links_to_the_site_use_the_base_url_when_given() {
    let id = "t43-macie-pii";
    let (code, without, _) = export(&["--format", "anki"]);
    assert_eq!(code, 0);
    let (code, with, _) = export(&[
        "--format",
        "anki",
        "--base-url",
        "https://example.org/guide",
    ]);
    assert_eq!(code, 0);
    let back = |text: &str| {
        let (_, records) = read_anki(text);
        notes(&records).get(id).map(|n| n[3].clone())
    };
    let (plain, linked) = (back(&without), back(&with));
    let (Some(plain), Some(linked)) = (plain, linked) else {
        panic!("question {id} not exported");
    };
    assert!(plain.contains("(see Task 1.3)"), "{plain}");
    assert!(
        linked.contains("<a href=\"https://example.org/guide/domain-1-data-preparation/"),
        "{linked}"
    );
    assert!(linked.contains(
        "<a href=\"https://example.org/guide/domain-4-monitoring-security/4-3-secure-aws-resources.html#q-t43-macie-pii\">"
    ));
}

#[test]
fn json_bank_matches_the_guide() {
    let (code, stdout, stderr) = export(&["--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let bank: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(bank["schema"], 1);
    assert_eq!(
        bank["guide"]["exams"],
        serde_json::json!(["MLA-C01", "MLA-C02"])
    );
    let questions = bank["questions"].as_array().unwrap();
    let outcome = studyguide::pipeline::check(&repo(), &Default::default());
    assert_eq!(
        questions.len(),
        outcome.questions,
        "the count check reports"
    );
    let guide = guide_questions();
    let ids: BTreeSet<&str> = questions
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, guide.keys().map(String::as_str).collect());
    let (guide_pages, _) = studyguide::pipeline::load_guide(&repo());
    let pages: BTreeSet<&str> = questions
        .iter()
        .map(|q| q["page"]["path"].as_str().unwrap())
        .collect();
    assert!(pages.len() <= guide_pages.unwrap().page_count());

    for q in questions {
        let id = q["id"].as_str().unwrap();
        let (kind, in_case, src) = &guide[id];
        assert_eq!(q["kind"], kind.as_str());
        assert_eq!(q["case"].is_object(), *in_case, "{id}");
        assert!(q["page"]["path"].as_str().unwrap().ends_with(".html"));
        assert!(q["page"]["source"].as_str().unwrap().ends_with(".md"));
        assert_eq!(q["prompt"]["markdown"], src["prompt"].as_str().unwrap());
        assert!(q["prompt"]["html"].as_str().unwrap().starts_with('<'));
        assert_eq!(
            q["explanation"]["markdown"],
            src["explanation"].as_str().unwrap()
        );
        let exams = q["exams"].as_array().unwrap();
        assert!(!exams.is_empty(), "{id} serves no exam version");
        for exam in exams {
            assert!(["MLA-C01", "MLA-C02"].contains(&exam["code"].as_str().unwrap()));
            for key in ["domains", "tasks", "items"] {
                assert!(!exam[key].as_array().unwrap().is_empty(), "{id} {key}");
            }
        }
        match kind.as_str() {
            "multiple-choice" | "multiple-response" => {
                let options = q["options"].as_array().unwrap();
                let want = src["options"].as_array().unwrap();
                assert_eq!(options.len(), want.len());
                for (o, w) in options.iter().zip(want) {
                    assert_eq!(o["text"]["markdown"], w["text"].as_str().unwrap());
                    let correct = w.get("correct").and_then(|c| c.as_bool()).unwrap_or(false);
                    assert_eq!(o["correct"], correct);
                    assert_eq!(o["why"]["markdown"], w["why"].as_str().unwrap());
                }
                assert!(q.get("steps").is_none());
            }
            "ordering" => {
                let steps: Vec<&str> = q["steps"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s["markdown"].as_str().unwrap())
                    .collect();
                let want: Vec<&str> = src["steps"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap())
                    .collect();
                assert_eq!(steps, want, "{id}: steps in the correct order");
                assert!(q["distractors"].is_array());
            }
            "matching" => {
                let pairs = q["pairs"].as_array().unwrap();
                assert_eq!(pairs.len(), src["pairs"].as_array().unwrap().len());
                assert_eq!(
                    pairs[0]["left"]["markdown"],
                    src["pairs"][0]["left"].as_str().unwrap()
                );
            }
            other => panic!("{id}: scored question of kind {other}"),
        }
    }
}

#[test]
fn exam_option_keeps_one_version() {
    let (code, stdout, stderr) = export(&["--format", "anki", "--exam", "MLA-C02"]);
    assert_eq!(code, 0, "{stderr}");
    let (_, records) = read_anki(&stdout);
    assert!(!records.is_empty());
    for r in &records {
        for tag in r[4].split(' ') {
            assert!(
                tag.starts_with("MLA-C02::") || tag.starts_with("studyguide::"),
                "{}: {tag}",
                r[0]
            );
        }
        // MLA-C02 uses multiple choice and multiple response only.
        assert!(!r[4].contains("studyguide::ordering") && !r[4].contains("studyguide::matching"));
    }
    let left_out = guide_questions().len() - records.len();
    assert!(
        stderr.contains(&format!("; {left_out} not in MLA-C02 left out")),
        "{stderr}"
    );
}

#[test]
fn unknown_exam_is_an_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bank.json");
    std::fs::write(&out, "old").unwrap();
    let (code, stdout, stderr) = export(&[
        "--format",
        "json",
        "--exam",
        "NOPE",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert_eq!(
        stderr,
        "--exam: error[E078]: the guide has no exam version `NOPE`; it has `MLA-C01`, `MLA-C02`\n1 error(s), 0 warning(s)\n"
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "old",
        "old file kept"
    );
}

/// A broken guide: the diagnostics `check` prints (the fixture's expected.txt), its exit code,
/// no output, and the previous file left alone.
#[test]
fn broken_guides_report_what_check_reports() {
    for name in ["invalid-question", "broken-md-link", "quiz-case-too-few"] {
        let dir = fixture(name);
        let expected = std::fs::read_to_string(dir.join("expected.txt")).unwrap();
        let exit: i32 = std::fs::read_to_string(dir.join("expected-exit"))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        assert_eq!(exit, 1, "{name} is a broken guide");
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("bank.txt");
        std::fs::write(&out, "previous export").unwrap();
        for format in ["anki", "json"] {
            let (code, stdout, stderr) = run(&[
                "--root",
                dir.to_str().unwrap(),
                "export",
                "--format",
                format,
                "--out",
                out.to_str().unwrap(),
            ]);
            assert_eq!(stderr, expected, "{name} ({format})");
            assert_eq!(code, exit, "{name} ({format})");
            assert!(stdout.is_empty());
            assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous export");
        }
    }
}

#[test]
fn fixture_with_two_exam_versions_is_tagged_through_the_crosswalk() {
    let dir = fixture("exam-versions");
    let (code, stdout, stderr) = run(&[
        "--root",
        dir.to_str().unwrap(),
        "export",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let bank: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let questions = bank["questions"].as_array().unwrap();
    assert!(!questions.is_empty());
    let outcome = studyguide::pipeline::check(&dir, &Default::default());
    assert_eq!(questions.len(), outcome.questions);
    assert!(
        questions
            .iter()
            .any(|q| q["exams"].as_array().unwrap().len() == 2),
        "some question serves both versions: {stdout}"
    );
}
