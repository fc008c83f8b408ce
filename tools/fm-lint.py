#!/usr/bin/env python3
"""Quick pre-check for authors (the real check is `studyguide check`): parses each page's TOML
front matter and applies the question-count rules. usage: tools/fm-lint.py FILE.md..."""
import re, sys, tomllib

bp = tomllib.load(open("content/blueprint.toml", "rb"))
items = {i["id"] for d in bp["domain"] for t in d["task"] for i in t["knowledge"] + t["skills"]}
ok = True

def err(f, m):
    global ok
    ok = False
    print(f"{f}: {m}")

def q(f, x, nested=False):
    qid = x.get("id", "?")
    for k in ("id", "kind", "covers", "explanation"):
        if k not in x: err(f, f"{qid}: missing {k}")
    if not re.fullmatch(r"[a-z][a-z0-9-]*", qid): err(f, f"{qid}: bad id")
    for c in x.get("covers", []):
        if c not in items: err(f, f"{qid}: unknown covers id {c}")
    k = x.get("kind")
    if k != "case-study" and "prompt" not in x: err(f, f"{qid}: missing prompt")
    if k in ("multiple-choice", "multiple-response"):
        o = x.get("options", [])
        c = sum(1 for y in o if y.get("correct"))
        if any("why" not in y for y in o): err(f, f"{qid}: option without why")
        if len({y["text"] for y in o}) != len(o): err(f, f"{qid}: duplicate option")
        if k == "multiple-choice" and (len(o) != 4 or c != 1): err(f, f"{qid}: MC needs 4 options, 1 correct")
        if k == "multiple-response" and (len(o) < 5 or c < 2): err(f, f"{qid}: MR needs 5+ options, 2+ correct")
    elif k == "ordering":
        if not 3 <= len(x.get("steps", [])) <= 5: err(f, f"{qid}: ordering needs 3-5 steps")
    elif k == "matching":
        if not 3 <= len(x.get("pairs", [])) <= 7: err(f, f"{qid}: matching needs 3-7 pairs")
    elif k == "case-study":
        if nested: err(f, f"{qid}: nested case study")
        if "scenario" not in x: err(f, f"{qid}: missing scenario")
        subs = x.get("questions", [])
        if len(subs) < 2: err(f, f"{qid}: case study needs 2+ questions")
        for s in subs: q(f, s, True)
    else:
        err(f, f"{qid}: unknown kind {k}")
    return qid

ids = []
for f in sys.argv[1:]:
    text = open(f, encoding="utf-8").read()
    m = re.match(r"\+\+\+\n(.*?)\n\+\+\+\n", text, re.S)
    if not m:
        err(f, "no front matter"); continue
    try:
        fm = tomllib.loads(m.group(1))
    except Exception as e:
        err(f, f"TOML: {e}"); continue
    for c in fm.get("covers", []):
        if c not in items: err(f, f"unknown covers id {c}")
    for x in fm.get("quiz", []):
        ids.append(q(f, x))
        ids += [s.get("id") for s in x.get("questions", [])]
    kinds = [x.get("kind") for x in fm.get("quiz", [])]
    print(f"{f}: {len(kinds)} questions: " + ", ".join(f"{k}={kinds.count(k)}" for k in sorted(set(kinds))))
dups = {i for i in ids if ids.count(i) > 1}
if dups: err("all", f"duplicate ids {dups}")
print("OK" if ok else "PROBLEMS FOUND")
sys.exit(0 if ok else 1)
