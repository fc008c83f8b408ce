// Unit tests for the study loop's pure functions (study.js): `node --test tests/js`.
const test = require("node:test");
const assert = require("node:assert");
const S = require("../../themes/default/static/study.js");

const MIN = 60 * 1000, DAY = 24 * 60 * MIN;
const T0 = Date.parse("2026-12-01T09:00:00Z");
const iso = (ms) => new Date(ms).toISOString();

/** The record after answering `results` (true/false) one after another, a minute apart. */
function answered(results, start = T0) {
  let r;
  results.forEach((c, i) => { r = S.answer(r, c, [0], iso(start + i * MIN)); });
  return r;
}

test("a miss comes back after 10 minutes, each right answer waits longer", () => {
  assert.deepEqual(S.INTERVALS, [10 * MIN, DAY, 3 * DAY, 7 * DAY, 16 * DAY, 35 * DAY]);
  const missed = answered([false]);
  assert.equal(missed.box, 0);
  assert.equal(S.dueAt(missed, T0 + MIN), T0 + 10 * MIN);
  const right = answered([true]);
  assert.equal(right.box, 1, "a first right answer waits a day");
  assert.equal(S.dueAt(right, T0 + MIN), T0 + DAY);
  // Right, right, right: boxes 1, 2, 3; a miss drops it to 0 whatever its box.
  assert.equal(answered([true, true, true]).box, 3);
  assert.equal(answered([true, true, true, false]).box, 0);
  assert.equal(answered([false, true]).box, 1);
  // The last box holds.
  assert.equal(answered([true, true, true, true, true, true, true, true]).box, 5);
});

test("history keeps the latest answers and counts every attempt", () => {
  const r = answered([false, true, true, true, true, true, true, true, true, false]);
  assert.equal(r.attempts, 10);
  assert.equal(r.history.length, S.HISTORY);
  assert.equal(r.history[r.history.length - 1].correct, false);
  assert.equal(r.correct, false);
  assert.deepEqual(r.last, [0]);
});

test("due questions come lowest box first, then longest overdue, then by id", () => {
  const p = { questions: {
    a: answered([true]),                      // box 1, due T0+1d
    b: answered([false]),                     // box 0, due T0+10m
    c: answered([false], T0 - DAY),           // box 0, due a day earlier
    d: answered([true, true], T0 - 5 * DAY),  // box 2, due T0-2d+1m
    e: answered([true], T0 + 2 * DAY),        // answered later: not due at T0+1d+1m
    z: answered([false]),                     // same box and time as b
  } };
  const now = T0 + DAY + MIN;
  assert.deepEqual(S.dueList(p, now).map((d) => d.id), ["c", "b", "z", "a", "d"]);
  // Ten minutes after T0 the misses are due (c long ago, b and z exactly now) and d, whose
  // three days ran out two days ago; a is not (a day).
  assert.deepEqual(S.dueList(p, T0 + 10 * MIN).map((d) => d.id), ["c", "b", "z", "d"]);
  assert.deepEqual(S.dueList(p, T0 + 9 * MIN).map((d) => d.id), ["c", "d"]);
  // Ids that are not questions of the guide are left out.
  assert.deepEqual(S.dueList(p, now, (id) => id !== "c").map((d) => d.id), ["b", "z", "a", "d"]);
  assert.equal(S.nextDue(p, T0 + 10 * MIN), T0 + DAY);
});

test("a clock moved back never pushes a question out beyond its interval; moved forward makes it due", () => {
  const r = answered([true, true]); // box 2 (3 days), answered at T0 + 1 minute
  // The clock now reads a year earlier than the answer: due 3 days from that reading, not in a year.
  const back = T0 - 365 * DAY;
  assert.equal(S.dueAt(r, back), back + 3 * DAY);
  assert.deepEqual(S.dueList({ questions: { r } }, back), []);
  // Forward past the interval: due.
  assert.deepEqual(S.dueList({ questions: { r } }, T0 + 4 * DAY).map((d) => d.id), ["r"]);
  // A record without a readable time is due at once.
  assert.equal(S.dueAt({ correct: true, attempts: 1, at: "yesterday-ish" }, T0), T0);
});

test("an older progress record (no history, no box) is brought up to date", () => {
  const old = { attempts: 3, correct: true, last: [2], at: iso(T0) };
  const n = S.normalize(old);
  assert.equal(n.box, 1);
  assert.deepEqual(n.history, [{ at: iso(T0), correct: true }]);
  assert.equal(n.attempts, 3);
  assert.equal(S.dueAt(old, T0 + MIN), T0 + DAY);
  const wrong = S.normalize({ attempts: 1, correct: false, at: iso(T0) });
  assert.equal(wrong.box, 0);
  // The next answer continues from it.
  assert.equal(S.answer(old, true, [1], iso(T0 + DAY)).box, 2);
  assert.equal(S.answer(old, true, [1], iso(T0 + DAY)).attempts, 4);
  // Not records.
  for (const bad of [null, 3, "x", {}, { correct: "yes" }, []]) assert.equal(S.normalize(bad), null);
  // A box out of range is recomputed.
  assert.equal(S.normalize({ attempts: 1, correct: true, at: iso(T0), box: 99 }).box, 1);
  assert.equal(S.normalize({ attempts: 1, correct: true, at: iso(T0), box: 2.5 }).box, 1);
});

test("import merges only known, valid records, upgrades old ones and keeps the queue", () => {
  const current = { version: 2, questions: { a: answered([false]), b: answered([true]) } };
  const file = { version: 1, questions: {
    b: { attempts: 2, correct: false, at: iso(T0 + 5 * MIN) },     // old format: replaces b
    c: answered([true, true, true]),                              // new: kept as is
    gone: { attempts: 1, correct: true, at: iso(T0) },            // not in this guide
    broken: { attempts: "many", correct: true },                  // not valid
  } };
  const known = (id) => ["a", "b", "c", "broken"].includes(id);
  const m = S.mergeProgress(current, file, known);
  assert.equal(m.added, 1);
  assert.equal(m.replaced, 1);
  assert.equal(m.skipped, 2);
  assert.deepEqual(Object.keys(m.progress.questions).sort(), ["a", "b", "c"]);
  assert.equal(m.progress.questions.b.box, 0);
  assert.equal(m.progress.questions.c.box, 3);
  assert.deepEqual(m.progress.questions.c.history, file.questions.c.history);
  // What was due before the import is due after it.
  const now = T0 + 20 * MIN;
  assert.deepEqual(S.dueList(m.progress, now).map((d) => d.id), ["a", "b"]);
  // Export then import into an empty browser gives the same queue and mastery.
  const exported = JSON.parse(JSON.stringify(m.progress));
  const again = S.mergeProgress({ questions: {} }, exported, known);
  assert.deepEqual(S.dueList(again.progress, now), S.dueList(m.progress, now));
  assert.deepEqual(again.progress.questions, m.progress.questions);
  assert.equal(S.mergeProgress(current, { questions: [] }, known), null);
});

test("a question's score weighs the latest answers most", () => {
  assert.equal(S.questionScore(undefined), null);
  assert.equal(S.questionScore(answered([true])), 1);
  assert.equal(S.questionScore(answered([false])), 0);
  // wrong then right: (1*1 + 0*0.5) / 1.5
  assert.ok(Math.abs(S.questionScore(answered([false, true])) - 2 / 3) < 1e-9);
  // right then wrong: 0.5 / 1.5
  assert.ok(Math.abs(S.questionScore(answered([true, false])) - 1 / 3) < 1e-9);
});

function bank() {
  // Two domains: 1 weighs 60%, 2 weighs 40%. Items 1.1.K1 (q1, q2), 1.1.K2 (q3), 2.1.K1 (cs-a, cs-b of a case study), 2.1.K2 (no questions).
  return {
    domains: [
      { id: "1", weight: 60, tasks: [{ id: "1.1", items: [{ id: "1.1.K1", text: "one", teach: [["Page › Sec", "p.html#sec"]] }, { id: "1.1.K2", text: "two", teach: [] }] }] },
      { id: "2", weight: 40, tasks: [{ id: "2.1", items: [{ id: "2.1.K1", text: "three", teach: [] }, { id: "2.1.K2", text: "four", teach: [] }] }] },
    ],
    questions: [
      { id: "q1", domain: "1", items: ["1.1.K1"] },
      { id: "q2", domain: "1", items: ["1.1.K1", "1.1.K2"] },
      { id: "q3", domain: "1", items: ["1.1.K2"] },
      { id: "cs-a", domain: "2", case: "cs", items: ["2.1.K1"] },
      { id: "cs-b", domain: "2", case: "cs", items: ["2.1.K1"] },
    ],
  };
}

test("mastery per item averages its answered questions, case-study parts on their own", () => {
  const p = { questions: { q1: answered([true]), q2: answered([false]), "cs-a": answered([true]), "cs-b": answered([false]) } };
  const m = S.mastery(bank(), p);
  const by = Object.fromEntries(m.map((x) => [x.id, x]));
  assert.equal(by["1.1.K1"].score, 0.5);
  assert.equal(by["1.1.K1"].answered, 2);
  assert.equal(by["1.1.K2"].score, 0, "q2 missed, q3 not answered");
  assert.equal(by["1.1.K2"].answered, 1);
  assert.equal(by["1.1.K2"].total, 2);
  assert.equal(by["2.1.K1"].score, 0.5);
  assert.equal(by["2.1.K2"].score, null);
  assert.equal(by["2.1.K2"].total, 0);
  assert.deepEqual(by["1.1.K1"].teach, [["Page › Sec", "p.html#sec"]]);
  assert.deepEqual(m.map((x) => x.id), ["1.1.K1", "1.1.K2", "2.1.K1", "2.1.K2"], "blueprint order");
});

test("weakest lists tried items below 100%, lowest first; study next weighs by domain", () => {
  const p = { questions: { q1: answered([true]), q2: answered([true]), q3: answered([false]), "cs-a": answered([true]) } };
  const m = S.mastery(bank(), p);
  // 1.1.K1 = 1 (not weak), 1.1.K2 = 0.5, 2.1.K1 = 1 (cs-b unanswered does not count).
  assert.deepEqual(S.weakest(m, 10).map((x) => x.id), ["1.1.K2"]);
  // Priorities: 1.1.K2 (1-0.5)*60 = 30; 2.1.K1 mastered; 2.1.K2 has no questions.
  assert.deepEqual(S.studyNext(m, 5).map((x) => x.id), ["1.1.K2"]);
  // Nothing answered: every item with questions, heavier domain first.
  assert.deepEqual(S.studyNext(S.mastery(bank(), { questions: {} }), 5).map((x) => x.id), ["1.1.K1", "1.1.K2", "2.1.K1"]);
  // A tried item at 0% comes before an untried one of the same domain.
  const p2 = { questions: { q3: answered([false]) } };
  assert.deepEqual(S.studyNext(S.mastery(bank(), p2), 2).map((x) => x.id), ["1.1.K2", "1.1.K1"]);
  // Domain weight times weakness: 1.1.K2 at 0 (60), 2.1.K1 at 0 (40), 1.1.K1 at 0.5 (30).
  const p3 = { questions: { q1: answered([true]), q2: answered([false]), "cs-a": answered([false]) } };
  const next = S.studyNext(S.mastery(bank(), p3), 3).map((x) => x.id);
  assert.deepEqual(next, ["1.1.K2", "2.1.K1", "1.1.K1"]);
});

test("a practice exam focused on weak domains shifts the draw towards them", () => {
  const b = bank();
  const none = S.focusWeights(b, { questions: {} });
  assert.deepEqual(none.map((d) => Math.round(d.weight)), [60, 40], "no answers: the exam's own weights");
  // Domain 1 all right, domain 2 all wrong.
  const p = { questions: { q1: answered([true]), q2: answered([true]), q3: answered([true]), "cs-a": answered([false]), "cs-b": answered([false]) } };
  const w = S.focusWeights(b, p);
  assert.ok(Math.abs(w[0].weight + w[1].weight - 100) < 1e-9);
  // 60 * 0.1 = 6, 40 * 1.1 = 44 → 12% and 88%.
  assert.equal(Math.round(w[0].weight), 12);
  assert.equal(Math.round(w[1].weight), 88);
  assert.equal(w[0].mastery, 1);
  assert.equal(w[1].mastery, 0);
});

test("an exam version's view carries its domains, tasks and items", () => {
  const b = { key: "k", exam: { code: "OLD" }, domains: [], pages: { "p.html": "P" }, questions: [
    { id: "x", kind: "multiple-choice", domain: "1", task: "1.1", items: ["1.1.K1"], page: "p.html", prompt: "X", versions: { NEW: ["2", "2.3", ["2.3.4"]] } },
    { id: "y", kind: "ordering", domain: "1", task: "1.1", items: ["1.1.K1"], page: "p.html", prompt: "Y" },
  ], versions: { NEW: { exam: { code: "NEW" }, domains: [{ id: "2" }] } } };
  assert.equal(S.bankFor(b, "OLD"), b);
  const v = S.bankFor(b, "NEW");
  assert.equal(v.exam.code, "NEW");
  assert.deepEqual(v.questions.map((q) => [q.id, q.domain, q.task, q.items]), [["x", "2", "2.3", ["2.3.4"]]]);
  assert.equal(v.pages["p.html"], "P");
});

test("labels give the value in words and a class for its colour", () => {
  assert.deepEqual(S.label(null), { text: "not tried", cls: "m-none" });
  assert.deepEqual(S.label(0.8), { text: "80%", cls: "m-high" });
  assert.deepEqual(S.label(0.5), { text: "50%", cls: "m-mid" });
  assert.deepEqual(S.label(0.49), { text: "49%", cls: "m-low" });
});
