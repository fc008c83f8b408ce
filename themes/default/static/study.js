// The study loop, computed in the reader's browser from the answers kept in localStorage
// (nothing is sent anywhere): mastery per blueprint item, the review queue (Leitner boxes),
// the weights of a practice exam focused on weak domains, and the merge of an imported
// progress file. The functions are pure and exported for `node --test`; the DOM part (the
// "Review (N due)" link on every page, the reader's layer on the coverage matrix) is at the
// end and only runs in a browser.
(function (global) {
  "use strict";

  var MINUTE = 60 * 1000, DAY = 24 * 60 * MINUTE;

  /** Leitner boxes: the wait before a question in box `b` is due again. A missed question
   *  goes to box 0 (back in 10 minutes); a right answer moves it up one box (a first right
   *  answer lands in box 1); box 5 is the last. */
  var INTERVALS = [10 * MINUTE, DAY, 3 * DAY, 7 * DAY, 16 * DAY, 35 * DAY];
  var LAST_BOX = INTERVALS.length - 1;

  /** Answers kept per question for mastery (the latest weigh most). */
  var HISTORY = 8;

  /** Mastery at or above this is "mastered"; below WEAK is "weak". */
  var MASTERED = 0.8, WEAK = 0.5;

  function isDate(s) { return typeof s === "string" && !isNaN(Date.parse(s)); }

  /** A saved record in the current form: `history` (oldest first, at most HISTORY answers)
   *  and `box`. A record from an older progress file (only `correct`, `attempts`, `at`) gets
   *  a history of its last answer and the box that answer earns. `null` if not a record. */
  function normalize(rec) {
    if (!rec || typeof rec !== "object" || typeof rec.correct !== "boolean") return null;
    var history = Array.isArray(rec.history)
      ? rec.history.filter(function (h) { return h && typeof h.correct === "boolean"; })
        .map(function (h) { return { at: isDate(h.at) ? h.at : null, correct: h.correct }; })
      : [];
    if (!history.length) history = [{ at: isDate(rec.at) ? rec.at : null, correct: rec.correct }];
    var box = typeof rec.box === "number" && rec.box >= 0 && rec.box <= LAST_BOX && Math.floor(rec.box) === rec.box
      ? rec.box : (rec.correct ? 1 : 0);
    var out = {
      attempts: typeof rec.attempts === "number" && rec.attempts >= history.length ? Math.floor(rec.attempts) : history.length,
      correct: rec.correct, at: isDate(rec.at) ? rec.at : history[history.length - 1].at,
      history: history.slice(-HISTORY), box: box,
    };
    if (rec.last !== undefined) out.last = rec.last;
    return out;
  }

  /** The record after one more answer at `nowIso`. */
  function answer(prev, correct, last, nowIso) {
    var p = normalize(prev);
    var box = !correct ? 0 : p ? Math.min(LAST_BOX, p.box + 1) : 1;
    var history = (p ? p.history : []).concat([{ at: nowIso, correct: correct }]).slice(-HISTORY);
    return { attempts: (p ? p.attempts : 0) + 1, correct: correct, last: last, at: nowIso, history: history, box: box };
  }

  /** When a record is due (ms since the epoch). An answer time after `now` (the clock was
   *  moved back, or a file came from a device whose clock ran ahead) counts as `now`, so a
   *  question is never pushed further out than its box's interval; a missing or unreadable
   *  time makes it due now. */
  function dueAt(rec, now) {
    var r = normalize(rec);
    if (!r) return null;
    var t = r.at ? Date.parse(r.at) : NaN;
    if (isNaN(t)) return now;
    return Math.min(t, now) + INTERVALS[r.box];
  }

  /** The due questions at `now`, in the order a review asks them: lowest box first (the most
   *  often missed), then the longest overdue, then by id. `known(id)`: whether the id is a
   *  question of this guide (others are ignored). */
  function dueList(progress, now, known) {
    var qs = (progress && progress.questions) || {};
    var out = [];
    Object.keys(qs).forEach(function (id) {
      if (known && !known(id)) return;
      var r = normalize(qs[id]);
      if (!r) return;
      var due = dueAt(r, now);
      if (due <= now) out.push({ id: id, box: r.box, due: due });
    });
    out.sort(function (a, b) { return a.box - b.box || a.due - b.due || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0); });
    return out;
  }

  /** The earliest time (ms) a question not yet due becomes due, or null. */
  function nextDue(progress, now, known) {
    var qs = (progress && progress.questions) || {}, next = null;
    Object.keys(qs).forEach(function (id) {
      if (known && !known(id)) return;
      var due = dueAt(qs[id], now);
      if (due !== null && due > now && (next === null || due < next)) next = due;
    });
    return next;
  }

  /** A question's score from 0 to 1: its answers weighted by recency, the latest 1, the one
   *  before ½, then ¼, …; null if never answered. */
  function questionScore(rec) {
    var r = normalize(rec);
    if (!r) return null;
    var sum = 0, weight = 0, w = 1;
    for (var i = r.history.length - 1; i >= 0; i--) {
      if (r.history[i].correct) sum += w;
      weight += w;
      w /= 2;
    }
    return sum / weight;
  }

  /** Mastery per blueprint item of `bank` (one exam version: `domains[].tasks[].items[]` and
   *  `questions[].items`): the mean score of the item's answered questions (each case-study
   *  sub-question on its own), with how many of its questions are answered. `score` is null
   *  for an item none of whose questions has been answered. In blueprint order. */
  function mastery(bank, progress) {
    var qs = (progress && progress.questions) || {};
    var byItem = {};
    bank.questions.forEach(function (q) {
      (q.items || []).forEach(function (i) { (byItem[i] = byItem[i] || []).push(q); });
    });
    var out = [];
    bank.domains.forEach(function (d) {
      d.tasks.forEach(function (t) {
        (t.items || []).forEach(function (item) {
          var questions = byItem[item.id] || [];
          var scores = questions.map(function (q) { return questionScore(qs[q.id]); }).filter(function (s) { return s !== null; });
          out.push({
            id: item.id, text: item.text, teach: item.teach || [], domain: d.id, weight: d.weight, task: t.id,
            questions: questions, answered: scores.length, total: questions.length,
            score: scores.length ? scores.reduce(function (a, b) { return a + b; }, 0) / scores.length : null,
          });
        });
      });
    });
    return out;
  }

  /** The reader's weakest items: tried items below full mastery, lowest first (then more
   *  questions answered first, then blueprint order). At most `n`. */
  function weakest(items, n) {
    return items.map(function (m, i) { return { m: m, i: i }; })
      .filter(function (x) { return x.m.score !== null && x.m.score < 1; })
      .sort(function (a, b) { return a.m.score - b.m.score || b.m.answered - a.m.answered || a.i - b.i; })
      .slice(0, n).map(function (x) { return x.m; });
  }

  /** What to study next: items by `(1 − mastery) × their domain's exam weight`, an item never
   *  tried counting as mastery 0; on equal priority a tried item (a known weakness) comes
   *  before an untried one, then blueprint order. Mastered items and items without questions
   *  are left out. At most `n`. */
  function studyNext(items, n) {
    return items.map(function (m, i) { return { m: m, i: i, p: (1 - (m.score === null ? 0 : m.score)) * m.weight }; })
      .filter(function (x) { return x.m.total > 0 && (x.m.score === null || x.m.score < MASTERED); })
      .sort(function (a, b) {
        return b.p - a.p || (a.m.score === null) - (b.m.score === null) || a.i - b.i;
      })
      .slice(0, n).map(function (x) { return x.m; });
  }

  /** Mastery per domain: the mean score over all the domain's questions, unanswered ones
   *  counting 0 (a domain never practised is weak). */
  function domainMastery(bank, progress) {
    var qs = (progress && progress.questions) || {}, out = {};
    bank.domains.forEach(function (d) {
      var mine = bank.questions.filter(function (q) { return q.domain === d.id; });
      var sum = mine.reduce(function (a, q) { var s = questionScore(qs[q.id]); return a + (s === null ? 0 : s); }, 0);
      out[d.id] = mine.length ? sum / mine.length : 0;
    });
    return out;
  }

  /** Domain weights for a practice exam focused on weak domains: each exam weight times
   *  (1.1 − the domain's mastery), scaled to 100. With no answers yet this is the exam's own
   *  weighting; a fully mastered domain keeps a tenth of its share. */
  function focusWeights(bank, progress) {
    var m = domainMastery(bank, progress);
    var raw = bank.domains.map(function (d) { return d.weight * (1.1 - m[d.id]); });
    var total = raw.reduce(function (a, b) { return a + b; }, 0) || 1;
    return bank.domains.map(function (d, i) {
      return { id: d.id, title: d.title, weight: (100 * raw[i]) / total, mastery: m[d.id] };
    });
  }

  /** One exam version's view of the bank: its exam facts and domains, and the questions that
   *  serve it with their domain, task and items there. The default version is the bank. */
  function bankFor(bank, code) {
    var version = bank && bank.versions && bank.versions[code];
    if (!version) return bank;
    return {
      key: bank.key, exam: version.exam, domains: version.domains, pages: bank.pages, chunks: bank.chunks,
      questions: bank.questions.filter(function (q) { return q.versions && q.versions[code]; })
        .map(function (q) {
          var v = q.versions[code];
          return { id: q.id, kind: q.kind, domain: v[0], task: v[1], items: v[2] || [], page: q.page, case: q.case, prompt: q.prompt, chunk: q.chunk };
        }),
    };
  }

  /** Merges an imported progress file into `current`: only ids `known` to this guide, each
   *  with a well-formed record (older files without history or box are brought up to date);
   *  a question in both keeps the file's record. Returns the new progress and the counts. */
  function mergeProgress(current, data, known) {
    var out = { version: 2, questions: {} };
    var mine = (current && current.questions) || {};
    Object.keys(mine).forEach(function (id) { out.questions[id] = mine[id]; });
    var added = 0, replaced = 0, skipped = 0;
    var theirs = data && typeof data.questions === "object" && data.questions !== null && !Array.isArray(data.questions) ? data.questions : null;
    if (!theirs) return null;
    Object.keys(theirs).forEach(function (id) {
      var r = theirs[id];
      var ok = known(id) && r && typeof r === "object" && typeof r.correct === "boolean" && typeof r.attempts === "number" && r.attempts >= 0;
      var n = ok ? normalize(r) : null;
      if (!n) { skipped++; return; }
      if (out.questions[id]) replaced++; else added++;
      out.questions[id] = n;
    });
    return { progress: out, added: added, replaced: replaced, skipped: skipped };
  }

  /** "72%" or "not tried", and a class for its colour. */
  function label(score) {
    if (score === null) return { text: "not tried", cls: "m-none" };
    var pct = Math.round(score * 100);
    return { text: pct + "%", cls: score >= MASTERED ? "m-high" : score >= WEAK ? "m-mid" : "m-low" };
  }

  var api = {
    INTERVALS: INTERVALS, HISTORY: HISTORY, MASTERED: MASTERED, WEAK: WEAK,
    normalize: normalize, answer: answer, dueAt: dueAt, dueList: dueList, nextDue: nextDue,
    questionScore: questionScore, mastery: mastery, weakest: weakest, studyNext: studyNext,
    domainMastery: domainMastery, focusWeights: focusWeights, bankFor: bankFor,
    mergeProgress: mergeProgress, label: label,
  };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  global.StudyGuideStudy = api;
  if (typeof document === "undefined") return;

  // ---- DOM ------------------------------------------------------------------------------

  var guide = document.documentElement.dataset.guide || "guide";
  var progressKey = "studyguide:" + guide + ":progress";
  api.progressKey = progressKey;
  api.load = function () {
    try { return JSON.parse(localStorage.getItem(progressKey)) || { version: 2, questions: {} }; }
    catch (e) { return { version: 2, questions: {} }; }
  };

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  api.el = el;

  /** A mastery badge: a coloured square and the value in words. */
  api.badge = function (m) {
    var l = label(m.score);
    var b = el("span", { class: "mastery " + l.cls });
    b.appendChild(el("span", { class: "mastery-swatch", "aria-hidden": "true" }));
    b.appendChild(document.createTextNode(l.text + (m.total ? " · " + m.answered + " of " + m.total + " question" + (m.total === 1 ? "" : "s") + " answered" : " · no questions")));
    return b;
  };

  /** "Review (3 due)" on the sidebar's link to the review page, kept current: after an
   *  answer in this tab, a change in another tab, and once a minute as questions fall due. */
  function reviewLinks() {
    return Array.prototype.slice.call(document.querySelectorAll("a[data-review]"));
  }
  function refreshReview() {
    var n = dueList(api.load(), Date.now()).length;
    reviewLinks().forEach(function (a) {
      if (!a.dataset.label) a.dataset.label = a.textContent;
      a.textContent = a.dataset.label + (n ? " (" + n + " due)" : "");
    });
  }
  api.refreshReview = refreshReview;
  /** The reader's layer on the coverage matrix: a "Your mastery" column (colour and value in
   *  words) and a summary, for the page's exam version. */
  function coverageLayer() {
    var article = document.querySelector("article.coverage[data-exam]");
    var all = window.STUDYGUIDE_BANK_ALL || window.STUDYGUIDE_BANK;
    if (!article || !all) return;
    var bank = bankFor(all, article.getAttribute("data-exam"));
    var items = mastery(bank, api.load());
    var counts = { high: 0, mid: 0, low: 0, none: 0 };
    items.forEach(function (m) {
      var row = document.getElementById("item-" + m.id);
      var cls = label(m.score).cls.slice(2);
      counts[cls]++;
      if (!row) return;
      var table = row.closest("table");
      if (!table.dataset.mastery) {
        table.dataset.mastery = "1";
        table.querySelector("thead tr").appendChild(el("th", { scope: "col" }, "Your mastery"));
      }
      var td = el("td", { class: "mastery-cell" });
      td.appendChild(api.badge(m));
      row.appendChild(td);
      row.classList.add("mastery-" + cls);
    });
    var tried = counts.high + counts.mid + counts.low;
    var p = article.querySelector(".coverage-mastery");
    p.textContent = "Your mastery, from your answers in this browser: " + (tried
      ? counts.high + " item" + (counts.high === 1 ? "" : "s") + " mastered (" + Math.round(MASTERED * 100) + "% or more), " +
        counts.mid + " in progress, " + counts.low + " weak (under " + Math.round(WEAK * 100) + "%), " + counts.none + " not tried. "
      : "no answers yet, so every item is “not tried”. ");
    var link = el("a", { href: "progress.html#study-next-title" }, "What to study next");
    p.appendChild(link);
    p.hidden = false;
  }

  function start() {
    coverageLayer();
    if (!reviewLinks().length) return;
    refreshReview();
    window.addEventListener("storage", function (e) { if (e.key === progressKey || e.key === null) refreshReview(); });
    document.addEventListener("studyguide:progress", refreshReview);
    setInterval(refreshReview, MINUTE);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})(typeof window !== "undefined" ? window : globalThis);
