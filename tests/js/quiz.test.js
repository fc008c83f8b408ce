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
