// Self-check questions: shuffling per reader, grading on "Check", feedback in words and
// icons through a live region, and progress in localStorage. Grading functions are pure and
// exported for `node --test`; the DOM code is a thin layer on top.
(function (global) {
  "use strict";

  // ---- pure functions -------------------------------------------------------------------

  /** A small deterministic PRNG (mulberry32) so a reader's shuffle is stable across reloads. */
  function prng(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6d2b79f5) >>> 0;
      var t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function hash(text) {
    var h = 2166136261;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 16777619);
    }
    return h >>> 0;
  }

  /** The order in which to show `n` items for this reader and question. */
  function shuffledOrder(n, readerSeed, questionId) {
    var order = [];
    for (var i = 0; i < n; i++) order.push(i);
    var rand = prng(hash(readerSeed + ":" + questionId));
    for (var j = n - 1; j > 0; j--) {
      var k = Math.floor(rand() * (j + 1));
      var tmp = order[j]; order[j] = order[k]; order[k] = tmp;
    }
    return order;
  }

  /** All or nothing, as in the exam: exactly the correct options selected. */
  function gradeChoice(selected, correct) {
    if (selected.length !== correct.length) return false;
    var s = selected.slice().sort(), c = correct.slice().sort();
    return s.every(function (v, i) { return v === c[i]; });
  }

  /** `order`: item indices as placed, `leftOut`: indices marked "Leave out"; steps are
   *  indices 0..steps-1 in their correct order, higher indices are distractors. */
  function gradeOrdering(order, leftOut, steps) {
    var kept = order.filter(function (i) { return leftOut.indexOf(i) < 0; });
    if (kept.length !== steps) return false;
    return kept.every(function (v, i) { return v === i; });
  }

  /** `chosen[i]`: index of the right-hand item chosen for left item i; pair i matches right i. */
  function gradeMatching(chosen, pairs) {
    if (chosen.length !== pairs) return false;
    return chosen.every(function (v, i) { return v === i; });
  }

  /** Builds a practice exam from the bank: `questions` are scored questions
   *  ({id, domain, case}); a case study is one unit that counts as its sub-questions. Units are
   *  drawn per domain in proportion to `domains[].weight` (percent) up to `length` scored
   *  questions, then topped up from any domain. `only`: restrict to these question ids.
   *  Returns [{id, domain, size}] in random order (`rand` like Math.random). */
  function assembleExam(questions, domains, length, rand, only) {
    var units = {}, order = [];
    questions.forEach(function (q) {
      if (only && only.indexOf(q.id) < 0) return;
      var top = q.case || q.id;
      if (!units[top]) { units[top] = { id: top, domain: q.domain, size: 0 }; order.push(top); }
      units[top].size++;
    });
    var pool = shuffle(order.map(function (k) { return units[k]; }), rand);
    if (only) return pool;
    var picked = [], count = 0;
    domains.forEach(function (d) {
      var want = Math.round((length * d.weight) / 100), got = 0;
      pool.forEach(function (u) {
        if (u.domain === d.id && got < want && count + u.size <= length) { picked.push(u); got += u.size; count += u.size; }
      });
    });
    pool.forEach(function (u) {
      if (picked.indexOf(u) < 0 && count + u.size <= length) { picked.push(u); count += u.size; }
    });
    return shuffle(picked, rand);
  }

  function shuffle(list, rand) {
    var a = list.slice();
    for (var j = a.length - 1; j > 0; j--) {
      var k = Math.floor(rand() * (j + 1));
      var tmp = a[j]; a[j] = a[k]; a[k] = tmp;
    }
    return a;
  }

  // ---- storage --------------------------------------------------------------------------

  var guide = (typeof document !== "undefined" && document.documentElement.dataset.guide) || "guide";
  var progressKey = "studyguide:" + guide + ":progress";

  function loadProgress() {
    try { return JSON.parse(localStorage.getItem(progressKey)) || { version: 2, questions: {} }; }
    catch (e) { return { version: 2, questions: {} }; }
  }
  function saveProgress(p) {
    try { localStorage.setItem(progressKey, JSON.stringify(p)); } catch (e) { /* storage full or blocked */ }
  }
  /** Saves an answer: the question's history and review box move on (study.js), and the
   *  page's "Review (N due)" link is told. */
  function record(id, correct, answer) {
    var p = loadProgress();
    var now = new Date(Date.now()).toISOString();
    var S = global.StudyGuideStudy;
    var prev = p.questions[id];
    p.questions[id] = S ? S.answer(prev, correct, answer, now)
      : { attempts: ((prev && prev.attempts) || 0) + 1, correct: correct, last: answer, at: now };
    p.version = 2;
    saveProgress(p);
    if (typeof document !== "undefined" && typeof CustomEvent === "function") document.dispatchEvent(new CustomEvent("studyguide:progress"));
  }
  function readerSeed() {
    var key = "studyguide:" + guide + ":seed";
    try {
      var s = localStorage.getItem(key);
      if (!s) { s = String(Math.floor(Math.random() * 1e9)); localStorage.setItem(key, s); }
      return s;
    } catch (e) { return "0"; }
  }

  // ---- DOM ------------------------------------------------------------------------------

  function $all(el, sel) { return Array.prototype.slice.call(el.querySelectorAll(sel)); }
  function indexOf(el) { return Number(el.dataset.index); }

  function reorder(list, items, order) {
    order.forEach(function (i) { list.appendChild(items[i]); });
  }

  /** Current answer of a question section, in original indices. */
  function answerOf(q) {
    var kind = q.dataset.kind;
    if (kind === "multiple-choice" || kind === "multiple-response") {
      return $all(q, ".option input:checked").map(function (i) { return Number(i.value); });
    }
    if (kind === "ordering") {
      return {
        order: $all(q, ".step").map(indexOf),
        leftOut: $all(q, ".leave-out input:checked").map(function (i) { return Number(i.value); }),
      };
    }
    if (kind === "matching") {
      return $all(q, ".match select").map(function (s) { return s.value === "" ? -1 : Number(s.value); });
    }
    return null;
  }

  function isAnswered(q, answer) {
    var kind = q.dataset.kind;
    if (kind === "matching") return answer.every(function (v) { return v >= 0; });
    if (kind === "ordering") return true;
    return answer.length > 0;
  }

  /** Grades a question section: { answered, correct, answer }. */
  function grade(q) {
    var kind = q.dataset.kind;
    var answer = answerOf(q);
    var correct = false;
    if (kind === "multiple-choice" || kind === "multiple-response") {
      var key = $all(q, ".option[data-correct]").map(indexOf);
      correct = gradeChoice(answer, key);
    } else if (kind === "ordering") {
      correct = gradeOrdering(answer.order, answer.leftOut, Number(q.querySelector("fieldset").dataset.steps));
    } else if (kind === "matching") {
      correct = gradeMatching(answer, $all(q, ".match").length);
    }
    return { answered: isAnswered(q, answer), correct: correct, answer: answer };
  }

  function setMark(el, right, text) {
    el.classList.remove("is-right", "is-wrong");
    var mark = el.querySelector(":scope > .mark") || el.querySelector(".mark");
    if (right === null) { if (mark) mark.textContent = ""; return; }
    el.classList.add(right ? "is-right" : "is-wrong");
    if (mark) mark.textContent = (right ? "✓ " : "✗ ") + text;
  }

  /** Marks every part of a graded question and reveals the answer and explanation. */
  function showResult(q, result) {
    var kind = q.dataset.kind;
    if (kind === "multiple-choice" || kind === "multiple-response") {
      $all(q, ".option").forEach(function (o) {
        var chosen = o.querySelector("input").checked, key = o.hasAttribute("data-correct");
        if (key) setMark(o, true, chosen ? "Correct answer, chosen" : "Correct answer, not chosen");
        else if (chosen) setMark(o, false, "Not correct");
        else setMark(o, null);
      });
    } else if (kind === "ordering") {
      var steps = Number(q.querySelector("fieldset").dataset.steps);
      var kept = result.answer.order.filter(function (i) { return result.answer.leftOut.indexOf(i) < 0; });
      $all(q, ".step").forEach(function (s) {
        var i = indexOf(s), out = result.answer.leftOut.indexOf(i) >= 0;
        if (i >= steps) setMark(s, out, out ? "Rightly left out" : "Does not belong");
        else if (out) setMark(s, false, "Belongs at step " + (i + 1));
        else setMark(s, kept.indexOf(i) === i, kept.indexOf(i) === i ? "Right place" : "Belongs at step " + (i + 1));
      });
    } else if (kind === "matching") {
      $all(q, ".match").forEach(function (m) {
        var i = indexOf(m), v = m.querySelector("select").value;
        var right = Number(v) === i && v !== "";
        var answerText = m.querySelector("select option[value='" + i + "']").textContent;
        setMark(m, right, right ? "Right" : "Matches: " + answerText);
      });
    }
    var fb = q.querySelector(".feedback");
    fb.className = "feedback " + (result.correct ? "right" : "wrong");
    fb.textContent = result.correct ? "✓ Correct." : "✗ Not correct. The answer and the reason for each option are shown below.";
    var details = q.querySelector(".answer");
    details.setAttribute("data-revealed", "");
    details.open = true;
  }

  function clearResult(q) {
    $all(q, ".option, .step, .match").forEach(function (el) { setMark(el, null); });
    var fb = q.querySelector(".feedback");
    fb.className = "feedback";
    fb.textContent = "";
    var details = q.querySelector(".answer");
    details.removeAttribute("data-revealed");
    details.open = false;
  }

  function setDisabled(q, disabled) {
    $all(q, "fieldset input, fieldset select, fieldset button").forEach(function (el) { el.disabled = disabled; });
  }

  function move(q, step, delta) {
    var list = step.parentNode;
    var sibling = delta < 0 ? step.previousElementSibling : step.nextElementSibling;
    if (!sibling) return;
    if (delta < 0) list.insertBefore(step, sibling); else list.insertBefore(sibling, step);
    var pos = $all(list, ".step").indexOf(step) + 1;
    var btn = step.querySelector(delta < 0 ? ".move-up" : ".move-down");
    btn.focus();
    var fb = q.querySelector(".feedback");
    fb.className = "feedback";
    fb.textContent = "Moved “" + step.querySelector(".step-text").textContent + "” to position " + pos + ".";
  }

  /** Relabels options A, B, … in the order shown, and the answer key to match. */
  function relabel(q) {
    var options = $all(q, ".option");
    var letters = {};
    options.forEach(function (o, pos) {
      var l = String.fromCharCode(65 + pos);
      letters[indexOf(o)] = l;
      o.querySelector(".option-letter").textContent = l + ".";
    });
    var whys = q.querySelector(".whys");
    if (whys) {
      options.forEach(function (o) {
        var why = whys.querySelector(".why[data-index='" + indexOf(o) + "']");
        if (!why) return;
        var strong = why.querySelector("strong");
        if (strong) strong.textContent = strong.textContent.replace(/^[A-Z]\./, letters[indexOf(o)] + ".");
        whys.appendChild(why);
      });
    }
    var key = q.querySelector(".answer-key");
    if (key && whys) {
      var correct = options.filter(function (o) { return o.hasAttribute("data-correct"); }).map(function (o) { return letters[indexOf(o)]; });
      key.innerHTML = "<strong>Answer:</strong> " + correct.join(", ");
    }
  }

  /** Puts a saved answer (as returned by `grade`) back into a question section. */
  function restore(q, answer) {
    var kind = q.dataset.kind;
    if (!answer) return;
    if (kind === "multiple-choice" || kind === "multiple-response") {
      $all(q, ".option input").forEach(function (i) { i.checked = answer.indexOf(Number(i.value)) >= 0; });
    } else if (kind === "ordering") {
      var list = q.querySelector(".order-list"), steps = $all(list, ".step");
      answer.order.forEach(function (i) {
        var s = steps.filter(function (st) { return indexOf(st) === i; })[0];
        if (s) list.appendChild(s);
      });
      $all(q, ".leave-out input").forEach(function (i) {
        i.checked = answer.leftOut.indexOf(Number(i.value)) >= 0;
        i.closest(".step").classList.toggle("left-out", i.checked);
      });
    } else if (kind === "matching") {
      $all(q, ".match select").forEach(function (sel, n) { sel.value = answer[n] >= 0 ? String(answer[n]) : ""; });
    }
  }

  function make(tag, attrs, text) {
    var el = document.createElement(tag);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (text) el.textContent = text;
    return el;
  }

  /** Adds what only works with JavaScript, which the page's HTML leaves out: each item's
   *  original index, the ✓/✗ marks, the ordering controls, the feedback line and (unless
   *  `exam`) the Check and Try again buttons. */
  function addControls(q, exam) {
    $all(q, ".option-list, .whys, .match-list").forEach(function (list) {
      $all(list, ":scope > li").forEach(function (li, i) { li.dataset.index = i; });
    });
    var steps = $all(q, ".step"), fieldset = q.querySelector("fieldset");
    var distractors = fieldset && steps.length > Number(fieldset.dataset.steps);
    steps.forEach(function (s) {
      var name = s.querySelector(".step-text").textContent;
      var controls = make("span", { class: "step-controls" });
      controls.appendChild(make("button", { type: "button", class: "move-up", "aria-label": "Move up: " + name }, "Move up"));
      controls.appendChild(make("button", { type: "button", class: "move-down", "aria-label": "Move down: " + name }, "Move down"));
      if (distractors) {
        var label = make("label", { class: "leave-out" });
        label.appendChild(make("input", { type: "checkbox", value: s.dataset.index, "aria-label": "Leave out: " + name }));
        label.appendChild(document.createTextNode(" Leave out"));
        controls.appendChild(label);
      }
      s.appendChild(controls);
    });
    $all(q, ".option, .step, .match").forEach(function (el) {
      // An option's mark goes inside its card (the label), under the option's text.
      (el.querySelector(":scope > label") && el.classList.contains("option") ? el.querySelector(":scope > label") : el)
        .appendChild(make("span", { class: "mark", "aria-hidden": "true" }));
    });
    var details = q.querySelector(".answer");
    if (!exam) {
      var actions = make("div", { class: "quiz-actions" });
      actions.appendChild(make("button", { type: "button", class: "check" }, "Check"));
      actions.appendChild(make("button", { type: "button", class: "retry", hidden: "" }, "Try again"));
      details.parentNode.insertBefore(actions, details);
    }
    details.parentNode.insertBefore(make("p", { class: "feedback", role: "status", "aria-live": "polite" }), details);
  }

  /** "On this page: 3 of 8 questions answered, 2 right." from the saved progress. */
  function tally() {
    var el = document.querySelector(".quiz-tally");
    if (!el) return;
    var p = loadProgress().questions, qs = $all(document, ".quiz[data-kind]"), answered = 0, right = 0;
    qs.forEach(function (q) {
      var r = p[q.dataset.qid];
      if (!r) return;
      answered++;
      if (r.correct) right++;
    });
    el.textContent = answered ? "On this page: " + answered + " of " + qs.length + " questions answered, " + right + " right." : "";
  }

  /** Brings one question section to life. `opts.exam`: no per-question checking;
   *  `opts.fresh`: start unanswered even where an answer is saved (a review asks again). */
  function enhance(q, opts) {
    opts = opts || {};
    if (q.dataset.enhanced) return;
    q.dataset.enhanced = "1";
    addControls(q, opts.exam);
    var seed = readerSeed();
    var id = q.dataset.qid;
    var kind = q.dataset.kind;
    if (kind === "multiple-choice" || kind === "multiple-response") {
      var list = q.querySelector(".option-list"), items = $all(list, ".option");
      reorder(list, items, shuffledOrder(items.length, seed, id));
      relabel(q);
    } else if (kind === "ordering") {
      // The page shows the steps scrambled for readers without JavaScript; shuffle from the
      // answer's order so that "never solved" below holds.
      var olist = q.querySelector(".order-list");
      var steps = $all(olist, ".step").sort(function (a, b) { return indexOf(a) - indexOf(b); });
      var order = shuffledOrder(steps.length, seed, id);
      // Never start in the solved order.
      if (order.every(function (v, i) { return v === i; }) && order.length > 1) order.push(order.shift());
      reorder(olist, steps, order);
      olist.addEventListener("click", function (e) {
        var btn = e.target.closest("button");
        if (!btn) return;
        move(q, btn.closest(".step"), btn.classList.contains("move-up") ? -1 : 1);
      });
      olist.addEventListener("change", function (e) {
        if (e.target.closest(".leave-out")) e.target.closest(".step").classList.toggle("left-out", e.target.checked);
      });
    } else if (kind === "matching") {
      $all(q, ".match select").forEach(function (sel, n) {
        var opts2 = $all(sel, "option").slice(1);
        // One order for every dropdown of the question, so a choice is found in one place.
        var ord = shuffledOrder(opts2.length, seed, id);
        ord.forEach(function (i) { sel.appendChild(opts2[i]); });
      });
    }
    if (opts.exam) return;
    var check = q.querySelector(".check"), retry = q.querySelector(".retry");
    // The last answer saved in this browser is shown again, graded, after a reload. Opening
    // "Show answer" without answering records nothing.
    var saved = opts.fresh ? null : loadProgress().questions[id];
    if (saved && saved.last) {
      restore(q, saved.last);
      var again = grade(q);
      if (again.answered) {
        showResult(q, again);
        var fb0 = q.querySelector(".feedback");
        fb0.textContent = "Your last answer: " + fb0.textContent;
        setDisabled(q, true);
        check.hidden = true;
        retry.hidden = false;
      }
    }
    check.addEventListener("click", function () {
      var result = grade(q);
      if (!result.answered) {
        var fb = q.querySelector(".feedback");
        fb.className = "feedback wrong";
        fb.textContent = kind === "matching" ? "Choose a match for every item first." : "Choose an answer first.";
        return;
      }
      showResult(q, result);
      record(id, result.correct, result.answer);
      tally();
      setDisabled(q, true);
      check.hidden = true;
      retry.hidden = false;
      retry.focus();
    });
    retry.addEventListener("click", function () {
      clearResult(q);
      setDisabled(q, false);
      $all(q, ".option input").forEach(function (i) { i.checked = false; });
      $all(q, ".match select").forEach(function (s) { s.value = ""; });
      $all(q, ".leave-out input").forEach(function (i) { i.checked = false; });
      $all(q, ".step").forEach(function (s) { s.classList.remove("left-out"); });
      // A fresh order, not the one just submitted.
      var ol = q.querySelector(".order-list");
      if (ol) {
        var st = $all(ol, ".step").sort(function (a, b) { return indexOf(a) - indexOf(b); });
        var o2 = shuffledOrder(st.length, seed + ":" + Date.now(), id);
        if (o2.every(function (v, i) { return v === i; }) && o2.length > 1) o2.push(o2.shift());
        reorder(ol, st, o2);
      }
      retry.hidden = true;
      check.hidden = false;
      var first = q.querySelector("fieldset input, fieldset select, fieldset button");
      if (first) first.focus();
    });
  }

  /** Loads the HTML of question sets `units` (top-level question ids) from the bank's chunks
   *  (`bank.chunks`, by each question's `chunk`), with script tags so that it works from
   *  file://, then calls `done(missing)` with the units whose HTML is still not there. */
  function loadHtml(bank, units, done) {
    var html = global.STUDYGUIDE_BANK_HTML = global.STUDYGUIDE_BANK_HTML || {};
    var chunkOf = {};
    bank.questions.forEach(function (q) { if (typeof q.chunk === "number") chunkOf[q.case || q.id] = q.chunk; });
    var need = {};
    units.forEach(function (u) { if (!html[u] && chunkOf[u] !== undefined) need[chunkOf[u]] = true; });
    var list = Object.keys(need), left = list.length;
    var finish = function () { done(units.filter(function (u) { return !html[u]; })); };
    if (!left) { finish(); return; }
    list.forEach(function (n) {
      var s = document.createElement("script");
      s.src = (bank.chunks || [])[n];
      s.onload = s.onerror = function () { if (--left === 0) finish(); };
      document.head.appendChild(s);
    });
  }

  var api = {
    prng: prng, hash: hash, shuffledOrder: shuffledOrder,
    gradeChoice: gradeChoice, gradeOrdering: gradeOrdering, gradeMatching: gradeMatching,
    assembleExam: assembleExam, restore: restore, loadHtml: loadHtml,
    enhance: enhance, grade: grade, showResult: showResult, record: record,
    loadProgress: loadProgress, saveProgress: saveProgress, progressKey: progressKey,
  };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  global.StudyGuideQuiz = api;

  if (typeof document !== "undefined" && !document.getElementById("practice-exam")) {
    var run = function () {
      var intro = document.querySelector(".check-yourself .quiz-intro");
      if (intro && !document.querySelector(".quiz-tally")) intro.parentNode.insertBefore(make("p", { class: "quiz-tally" }), intro.nextSibling);
      $all(document, ".quiz[data-kind]").forEach(function (q) { enhance(q); });
      tally();
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run); else run();
  }
})(typeof window !== "undefined" ? window : globalThis);
