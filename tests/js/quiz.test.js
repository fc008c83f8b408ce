// Unit tests for the pure grading and shuffling functions of the quiz widget: `node --test tests/js`.
const test = require("node:test");
const assert = require("node:assert");
const Q = require("../../themes/default/static/quiz.js");

test("multiple choice and response are all or nothing", () => {
  assert.equal(Q.gradeChoice([1], [1]), true);
  assert.equal(Q.gradeChoice([0], [1]), false);
  assert.equal(Q.gradeChoice([2, 0], [0, 2]), true);
  assert.equal(Q.gradeChoice([0], [0, 2]), false);
  assert.equal(Q.gradeChoice([0, 1, 2], [0, 2]), false);
  assert.equal(Q.gradeChoice([], [0]), false);
});

test("ordering needs the steps in order and every distractor left out", () => {
  assert.equal(Q.gradeOrdering([0, 1, 2], [], 3), true);
  assert.equal(Q.gradeOrdering([1, 0, 2], [], 3), false);
  assert.equal(Q.gradeOrdering([3, 0, 1, 2], [3], 3), true);
  assert.equal(Q.gradeOrdering([0, 3, 1, 2], [], 3), false);
  assert.equal(Q.gradeOrdering([0, 1, 2, 3], [2, 3], 3), false);
});

test("matching needs every pair", () => {
  assert.equal(Q.gradeMatching([0, 1, 2], 3), true);
  assert.equal(Q.gradeMatching([0, 2, 1], 3), false);
  assert.equal(Q.gradeMatching([0, 1, -1], 3), false);
  assert.equal(Q.gradeMatching([0, 1], 3), false);
});

test("shuffles are permutations, stable per reader and question", () => {
  const a = Q.shuffledOrder(5, "reader-1", "q1");
  assert.deepEqual([...a].sort(), [0, 1, 2, 3, 4]);
  assert.deepEqual(Q.shuffledOrder(5, "reader-1", "q1"), a);
  const others = ["q2", "q3", "q4", "q5", "q6"].map((q) => Q.shuffledOrder(5, "reader-1", q).join());
  assert.ok(others.some((o) => o !== a.join()), "every question shuffled the same way");
});

function bank() {
  // 4 domains weighted like MLA-C01, 30 single questions each, plus one 3-part case study in domain 2.
  const domains = [{ id: "1", weight: 28 }, { id: "2", weight: 26 }, { id: "3", weight: 22 }, { id: "4", weight: 24 }];
  const questions = [];
  for (const d of domains) for (let i = 0; i < 30; i++) questions.push({ id: `d${d.id}-q${i}`, domain: d.id });
  for (let i = 0; i < 3; i++) questions.push({ id: `cs-${i}`, domain: "2", case: "cs" });
  return { domains, questions };
}

test("exam assembly follows the domain weights and never exceeds the length", () => {
  const { domains, questions } = bank();
  const units = Q.assembleExam(questions, domains, 50, Q.prng(42));
  const size = units.reduce((n, u) => n + u.size, 0);
  assert.equal(size, 50);
  const per = {};
  for (const u of units) per[u.domain] = (per[u.domain] || 0) + u.size;
  // 28/26/22/24 % of 50 = 14, 13, 11, 12 (a case study may take a domain one or two over).
  assert.ok(Math.abs(per["1"] - 14) <= 1, JSON.stringify(per));
  assert.ok(Math.abs(per["3"] - 11) <= 1, JSON.stringify(per));
  assert.ok(Math.abs(per["4"] - 12) <= 1, JSON.stringify(per));
  assert.equal(new Set(units.map((u) => u.id)).size, units.length, "a unit drawn twice");
});

test("a case study is one unit whose sub-questions are scored separately", () => {
  const { domains, questions } = bank();
  const units = Q.assembleExam(questions, domains, 200, Q.prng(7));
  const cs = units.find((u) => u.id === "cs");
  assert.equal(cs.size, 3);
  assert.equal(units.reduce((n, u) => n + u.size, 0), 123, "all 120 singles and 3 sub-questions");
  // Each sub-question is graded on its own: one right, one wrong.
  assert.equal(Q.gradeChoice([1], [1]), true);
  assert.equal(Q.gradeMatching([1, 0, 2], 3), false);
});

test("retrying the missed draws exactly those", () => {
  const { domains, questions } = bank();
  const units = Q.assembleExam(questions, domains, 0, Q.prng(1), ["d1-q3", "cs-1", "d4-q9"]);
  assert.deepEqual(units.map((u) => u.id).sort(), ["cs", "d1-q3", "d4-q9"]);
  assert.equal(units.find((u) => u.id === "cs").size, 1);
});
