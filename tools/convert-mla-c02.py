#!/usr/bin/env python3
"""Converts ../shared/reference/mla-c02-blueprint.toml into content/exams/MLA-C02.toml (the
studyguide blueprint format, ids per version) and mla-c02-sources.md's crosswalk tables into
content/exams/crosswalk.toml. Run from the repository root; the output is committed as data."""
import re, sys, tomllib

REF = sys.argv[1] if len(sys.argv) > 1 else "../shared/reference"

def q(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'

bp = tomllib.load(open(f"{REF}/mla-c02-blueprint.toml", "rb"))
e = bp["exam"]
out = []
out.append("""# The MLA-C02 exam blueprint (the successor of MLA-C01), converted by tools/convert-mla-c02.py
# from ../shared/reference/mla-c02-blueprint.toml; sources and confidence in mla-c02-sources.md.
# MLA-C02 has numbered skills only (no Knowledge/Skills split): items = [...], ids `1.1.1`.
# In pages and questions its items are named with the exam code: `MLA-C02:1.1.1`.
# `unconfirmed = true` marks the 62 skills whose wording is a condensed third-party copy, not
# the official text; `unconfirmed` under [exam] lists the facts no official page confirms.
""")
out.append("[exam]")
out.append(f"code = {q(e['code'])}")
out.append(f"name = {q(e['name'])}")
out.append(f"in-use-from = {q(e['in_use_from'])}")
out.append(f"predecessor = {q(e['predecessor_code'])}")
for k in ["scored_questions", "unscored_questions", "total_questions", "passing_score", "score_min", "score_max"]:
    out.append(f"{k.replace('_', '-')} = {e[k]}")
out.append("# Not in the official guide: one third-party source (TP-MAP) says 130; another says not yet published.")
out.append("minutes = 130")
fmts = {"multiple choice": "multiple-choice", "multiple response": "multiple-response"}
out.append("question-formats = [" + ", ".join(q(fmts[t]) for t in e["question_types"]) + "]")
out.append('unconfirmed = ["scored-questions", "unscored-questions", "total-questions", "minutes", "passing-score", "question-formats"]')
out.append("# Pages for the 45 added skills are a separate issue: no coverage minimum for this version yet.")
out.append("min-item-pages = 0")
out.append("min-item-questions = 0")
for d in bp["domain"]:
    out.append("")
    out.append("[[domain]]")
    out.append(f"id = {q(d['id'])}")
    out.append(f"title = {q(d['title'])}")
    out.append(f"weight = {d['weight']}")
    for t in d["task"]:
        out.append("")
        out.append("[[domain.task]]")
        out.append(f"id = {q(t['id'])}")
        out.append(f"title = {q(t['title'])}")
        out.append("items = [")
        for text, sid, src in zip(t["skills"], t["skill_ids"], t["skill_text_source"]):
            flag = ", unconfirmed = true" if src != "official" else ""
            out.append(f"  {{ id = {q(sid)}, text = {q(text)}{flag} }},")
        out.append("]")
open("content/exams/MLA-C02.toml", "w").write("\n".join(out) + "\n")

# Crosswalk
c01 = tomllib.load(open(f"{REF}/mla-c01-blueprint.toml", "rb"))
old_ids = []
for d in c01["domain"]:
    for t in d["task"]:
        for i, _ in enumerate(t["knowledge"]):
            old_ids.append(f"{t['id']}.K{i+1}")
        for i, _ in enumerate(t["skills"]):
            old_ids.append(f"{t['id']}.S{i+1}")
md = open(f"{REF}/mla-c02-sources.md").read()
rows = []
for line in md.splitlines():
    m = re.match(r"\| (\d\.\d\.\d+) \| (.*?) \| (.*?) \| (.*) \|$", line)
    if not m:
        continue
    cid, short, status, counter = m.groups()
    new = "**new**" in status
    # Ids after "removed", "related", "cf." are context, not counterparts.
    keep = re.split(r"related|partly takes the place of removed", counter)[0]
    ids = [f"{a}.{b}{c}" for a, b, c in re.findall(r"(\d\.\d) ([KS])(\d+)", keep)]
    ids = list(dict.fromkeys(ids))
    if new:
        change = "new"
    elif "moved" in status:
        change = "moved"
    elif "K→S" in status:
        change = "knowledge-to-skill"
    elif "merged" in status and "reworded" not in status:
        change = "merged"
    elif status.strip() == "same":
        change = "same"
    else:
        change = "reworded"
    rel = [f"{a}.{b}{c}" for a, b, c in re.findall(r"(\d\.\d) ([KS])(\d+)", counter[len(keep):])]
    rows.append((cid, short, status.replace("**", ""), counter, [] if new else ids, change, rel))
mapped = {i for r in rows for i in r[4]}
official = {"1.3.S4", "2.2.S3", "2.2.S8", "3.1.K7", "4.2.S4", "4.2.S8"}
out = ["""# Crosswalk from MLA-C01 (content/blueprint.toml) to MLA-C02 (content/exams/MLA-C02.toml),
# converted by tools/convert-mla-c02.py from ../shared/reference/mla-c02-sources.md.
# One [[item]] per MLA-C02 item: the MLA-C01 items it carries over (`from`) and the kind of
# change. Every MLA-C01 item is in some `from` or under [[removed]]. Except for `new` and the
# official deletions, the mapping is the researcher's inference (AWS publishes no item-level map).
from = "MLA-C01"
to = "MLA-C02"
"""]
for cid, short, status, counter, ids, change, _ in rows:
    out.append("[[item]]")
    out.append(f"id = {q(cid)}")
    out.append("from = [" + ", ".join(q(i) for i in ids) + "]")
    out.append(f"change = {q(change)}")
    out.append(f"note = {q(status + ('; ' + counter if counter.strip() not in ('—', '') else ''))}")
    out.append("")
for i in old_ids:
    if i in mapped:
        continue
    note = "official deletion (Comparison of MLA-C01 and MLA-C02)" if i in official else "no MLA-C02 counterpart found (inference from the condensed skill wording)"
    out.append("[[removed]]")
    out.append(f"id = {q(i)}")
    related = [r[0] for r in rows if i in r[6]]
    if related:
        out.append("related = [" + ", ".join(q(r) for r in related) + "]")
        if i not in official:
            note = "no carried-over MLA-C02 counterpart; its topic is related to the added skill(s) listed"
    out.append(f"note = {q(note)}")
    out.append("")
open("content/exams/crosswalk.toml", "w").write("\n".join(out))
print(len(rows), "rows;", len(old_ids), "old items;", len([i for i in old_ids if i not in mapped]), "removed:", [i for i in old_ids if i not in mapped], file=sys.stderr)
