// The practice exam: questions drawn by domain weight, a timer that can be paused, extended
// or turned off, flags, a navigator, results per domain, a review and "retry the missed".
(function () {
  "use strict";
  var bank = window.STUDYGUIDE_BANK;
  var Q = window.StudyGuideQuiz;
  var $ = function (id) { return document.getElementById(id); };
  var state = null;

  var saveKey = "studyguide:" + bank.key + ":exam";

  /** Keeps the exam in progress in localStorage so a reload does not lose it. */
  function persist() {
    if (!state || state.done) return;
    var answers = {};
    document.querySelectorAll("#exam-question .quiz[data-kind]").forEach(function (q) { answers[q.dataset.qid] = Q.grade(q).answer; });
    try {
      localStorage.setItem(saveKey, JSON.stringify({ units: state.units, pos: state.pos, flags: state.flags, timed: state.timed, left: state.left, paused: state.paused, answers: answers }));
    } catch (e) { /* storage full or blocked: the exam still runs */ }
  }
  function forget() { try { localStorage.removeItem(saveKey); } catch (e) { /* ignore */ } }

  function start(units, timed, saved) {
    var container = $("exam-question");
    container.textContent = "";
    // The previous exam's review holds the same questions (ids, radio names): remove it first.
    $("results-review").textContent = "";
    $("results-summary").textContent = "";
    var scored = 0;
    units.forEach(function (u, i) {
      var wrap = document.createElement("div");
      wrap.className = "exam-item";
      wrap.hidden = i !== 0;
      wrap.innerHTML = window.STUDYGUIDE_BANK_HTML[u.id];
      container.appendChild(wrap);
      wrap.querySelectorAll(".quiz[data-kind]").forEach(function (q) { Q.enhance(q, { exam: true }); scored++; });
      wrap.querySelectorAll(".case-explanation").forEach(function (e) { e.hidden = true; });
      renumber(wrap, i + 1);
    });
    var perQuestion = (bank.exam.minutes * 60) / Math.max(1, bank.exam.total_questions);
    state = { units: units, pos: 0, flags: {}, timed: timed, left: Math.round(perQuestion * scored), paused: false, timer: null, total: scored };
    if (saved) {
      state.pos = saved.pos || 0;
      state.flags = saved.flags || {};
      state.left = saved.left;
      state.paused = !!saved.paused && timed;
      container.querySelectorAll(".quiz[data-kind]").forEach(function (q) { Q.restore(q, saved.answers[q.dataset.qid]); });
    }
    $("practice-setup").hidden = true;
    $("practice-results").hidden = true;
    $("practice-exam").hidden = false;
    $("exam-pause").hidden = $("exam-extend").hidden = $("exam-timer-off").hidden = !timed;
    if (timed) state.timer = setInterval(tick, 1000);
    $("exam-alert").textContent = "";
    $("exam-review").hidden = true;
    buildNavigator();
    show(state.pos);
    setPaused(state.paused);
    persist();
  }

  /** Loads the HTML of the exam's question sets (only those), then starts it. */
  function begin(units, timed, saved) {
    var status = $("practice-loading");
    status.textContent = "Loading the questions…";
    Q.loadHtml(bank, units.map(function (u) { return u.id; }), function (missing) {
      if (missing.length) {
        status.textContent = "Could not load " + missing.length + " of the questions: the site may have been rebuilt since this page was opened. Reload the page and start again.";
        return;
      }
      status.textContent = "";
      start(units, timed, saved);
    });
  }

  /** Numbers a question set by its place in the exam instead of its place on its page. */
  function renumber(wrap, n) {
    var sub = 0;
    wrap.querySelectorAll(".quiz").forEach(function (q) {
      var label = q.classList.contains("case-study") || !q.parentNode.closest(".case-study") ? String(n) : n + "." + (++sub);
      q.querySelectorAll(":scope > .quiz-title, :scope > fieldset > legend").forEach(function (el) {
        var t = el.firstChild;
        if (t && t.nodeType === 3) t.nodeValue = t.nodeValue.replace(/^Question [0-9.]+/, "Question " + label);
      });
    });
  }

  /** Question numbers of set `i` ("5" or "5–7" for a case study), counted in questions. */
  function numbers(i) {
    var first = 1;
    for (var k = 0; k < i; k++) first += state.units[k].size || 1;
    var size = state.units[i].size || 1;
    return size > 1 ? first + "–" + (first + size - 1) : String(first);
  }

  function setPaused(paused) {
    state.paused = paused;
    $("exam-pause").textContent = paused ? "Resume" : "Pause";
    $("exam-pause").setAttribute("aria-pressed", String(paused));
    $("exam-question").hidden = paused;
    // Nothing moves while the clock stands still.
    ["exam-prev", "exam-next", "exam-flag", "exam-finish"].forEach(function (id) { $(id).disabled = paused; });
    $("exam-navigator").querySelectorAll("button").forEach(function (b) { b.disabled = paused; });
    if (!paused) {
      $("exam-prev").disabled = state.pos === 0;
      $("exam-next").disabled = state.pos === state.units.length - 1;
    }
    tickLabel();
  }

  var WARN = { 600: "10 minutes left.", 300: "5 minutes left.", 60: "1 minute left." };

  function tick() {
    if (state.paused) return;
    state.left--;
    tickLabel();
    if (WARN[state.left]) $("exam-alert").textContent = WARN[state.left];
    if (state.left % 5 === 0) persist();
    if (state.left <= 0) finish(true);
  }
  function tickLabel() {
    if (!state.timed) { $("exam-timer").textContent = "No timer"; return; }
    var m = Math.floor(Math.max(0, state.left) / 60), s = Math.max(0, state.left) % 60;
    $("exam-timer").textContent = (state.paused ? "Paused · " : "") + m + ":" + (s < 10 ? "0" : "") + s + " left";
  }

  /** The current exam's question sets (a finished exam's sit in the review, not here). */
  function items() { return Array.prototype.slice.call($("exam-question").querySelectorAll(".exam-item")); }

  function buildNavigator() {
    var nav = $("exam-navigator");
    nav.textContent = "";
    state.units.forEach(function (u, i) {
      var li = document.createElement("li");
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = numbers(i);
      b.addEventListener("click", function () { if (!state.paused) show(i); });
      li.appendChild(b);
      nav.appendChild(li);
    });
  }
  function refreshNavigator() {
    var buttons = $("exam-navigator").querySelectorAll("button");
    items().forEach(function (item, i) {
      var answered = Array.prototype.every.call(item.querySelectorAll(".quiz[data-kind]"), function (q) { return Q.grade(q).answered; });
      buttons[i].classList.toggle("answered", answered);
      buttons[i].classList.toggle("flagged", !!state.flags[i]);
      buttons[i].textContent = (answered ? "✓ " : "○ ") + numbers(i);
      if (i === state.pos) buttons[i].setAttribute("aria-current", "step"); else buttons[i].removeAttribute("aria-current");
      var n = numbers(i);
      buttons[i].setAttribute("aria-label", (n.indexOf("–") > 0 ? "Questions " : "Question ") + n + (answered ? ", answered" : ", not answered") + (state.flags[i] ? ", flagged" : ""));
    });
  }

  function show(i) {
    state.pos = i;
    persist();
    items().forEach(function (item, j) { item.hidden = j !== i; });
    var n = numbers(i);
    $("exam-position").textContent = (n.indexOf("–") > 0 ? "Questions " : "Question ") + n + " of " + state.total;
    $("exam-flag").checked = !!state.flags[i];
    $("exam-prev").disabled = i === 0;
    $("exam-next").disabled = i === state.units.length - 1;
    refreshNavigator();
    var h = items()[i].querySelector("h3");
    if (h) { h.setAttribute("tabindex", "-1"); h.focus(); }
  }

  function unanswered(item) {
    return !Array.prototype.every.call(item.querySelectorAll(".quiz[data-kind]"), function (q) { return Q.grade(q).answered; });
  }

  /** The step before finishing: which questions are unanswered or flagged, each a way back. */
  function review() {
    var list = $("exam-review-list");
    list.textContent = "";
    var open = [], flagged = [];
    items().forEach(function (item, i) {
      if (unanswered(item)) open.push(i);
      if (state.flags[i]) flagged.push(i);
    });
    [["Not answered (they count as incorrect)", open], ["Flagged for review", flagged]].forEach(function (group) {
      var p = document.createElement("p");
      p.textContent = group[0] + ": " + (group[1].length ? "" : "none.");
      list.appendChild(p);
      if (!group[1].length) return;
      var ul = document.createElement("ul");
      ul.className = "review-list";
      group[1].forEach(function (i) {
        var li = document.createElement("li"), b = document.createElement("button");
        b.type = "button";
        b.textContent = "Go to question " + numbers(i);
        b.addEventListener("click", function () { $("exam-review").hidden = true; show(i); });
        li.appendChild(b);
        ul.appendChild(li);
      });
      list.appendChild(ul);
    });
    $("exam-review").hidden = false;
    $("exam-review").focus();
  }

  function finish(timeUp) {
    clearInterval(state.timer);
    $("exam-review").hidden = true;
    state.done = true;
    forget();
    var perDomain = {}, missed = [], total = 0, right = 0;
    items().forEach(function (item) {
      item.hidden = false;
      item.querySelectorAll(".quiz[data-kind]").forEach(function (q) {
        var r = Q.grade(q);
        Q.showResult(q, r);
        Q.record(q.dataset.qid, r.correct, r.answer);
        var meta = bank.questions.filter(function (b) { return b.id === q.dataset.qid; })[0] || { domain: "?" };
        var d = (perDomain[meta.domain] = perDomain[meta.domain] || { right: 0, total: 0 });
        d.total++; total++;
        if (r.correct) { d.right++; right++; } else missed.push(q.dataset.qid);
        q.querySelectorAll("fieldset input, fieldset select, fieldset button").forEach(function (c) { c.disabled = true; });
      });
      item.querySelectorAll(".case-explanation").forEach(function (e) { e.hidden = false; });
    });
    state.missed = missed;
    var summary = $("results-summary");
    var pct = total ? Math.round((100 * right) / total) : 0;
    var html = "<p>" + (timeUp ? "Time is up. " : "") + "You answered <strong>" + right + " of " + total + "</strong> correctly (" + pct + "%).</p>";
    if (bank.exam.passing_score) {
      html += "<p class='alert alert-note'>The real exam reports a <strong>scaled score</strong> from " + bank.exam.score_min + " to " + bank.exam.score_max +
        " and you pass with " + bank.exam.passing_score + " or more. A scaled score is not a percentage of questions right, so this result cannot be converted into one; " +
        "treat it as a sign of which domains need more work. Only the overall exam has to be passed, not each domain.</p>";
    }
    html += "<div class='table-wrap'><table><caption>Results per domain</caption><thead><tr><th scope='col'>Domain</th><th scope='col'>Correct</th><th scope='col'>Score</th></tr></thead><tbody>";
    bank.domains.forEach(function (d) {
      var r = perDomain[d.id];
      if (!r) return;
      html += "<tr><th scope='row'>" + d.id + ". " + d.title.replace(/</g, "&lt;") + "</th><td>" + r.right + " of " + r.total + "</td><td>" + Math.round((100 * r.right) / r.total) + "%</td></tr>";
    });
    html += "</tbody></table></div><p>Each question is shown below with your answer marked and its explanation.</p>";
    summary.innerHTML = html;
    var review = $("results-review");
    review.textContent = "";
    items().forEach(function (item) { review.appendChild(item); });
    $("exam-navigator").textContent = "";
    $("results-retry-missed").hidden = missed.length === 0;
    $("practice-exam").hidden = true;
    $("practice-results").hidden = false;
    $("practice-results").focus();
  }

  $("practice-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var length = Number(new FormData(e.target).get("length"));
    var timed = new FormData(e.target).get("timer") === "on";
    var focus = new FormData(e.target).get("draw") === "focus";
    var domains = focus ? window.StudyGuideStudy.focusWeights(bank, Q.loadProgress()) : bank.domains;
    begin(Q.assembleExam(bank.questions, domains, length, Math.random), timed);
  });
  /** What "Focused on my weakest domains" would draw, in words, from the answers so far. */
  (function describeFocus() {
    var hint = $("practice-focus-weights");
    if (!hint) return;
    var w = window.StudyGuideStudy.focusWeights(bank, Q.loadProgress());
    hint.textContent = "Share of questions per domain from your answers so far: " + w.map(function (d) {
      var exam = bank.domains.filter(function (x) { return x.id === d.id; })[0].weight;
      return "domain " + d.id + " " + Math.round(d.weight) + "% (exam " + exam + "%, your mastery " + Math.round(d.mastery * 100) + "%)";
    }).join("; ") + ".";
  })();
  $("exam-prev").addEventListener("click", function () { if (!state.paused && state.pos > 0) show(state.pos - 1); });
  $("exam-next").addEventListener("click", function () { if (!state.paused && state.pos < state.units.length - 1) show(state.pos + 1); });
  $("exam-flag").addEventListener("change", function (e) { state.flags[state.pos] = e.target.checked; refreshNavigator(); persist(); });
  $("exam-question").addEventListener("change", function () { refreshNavigator(); persist(); });
  $("exam-question").addEventListener("click", function (e) { if (e.target.closest(".step-controls button")) persist(); });
  $("exam-pause").addEventListener("click", function () { setPaused(!state.paused); persist(); });
  $("exam-extend").addEventListener("click", function () { state.left += 600; tickLabel(); persist(); });
  $("exam-timer-off").addEventListener("click", function () {
    clearInterval(state.timer);
    state.timed = false;
    if (state.paused) setPaused(false);
    persist();
    $("exam-pause").hidden = $("exam-extend").hidden = $("exam-timer-off").hidden = true;
    $("exam-question").hidden = false;
    tickLabel();
  });
  $("exam-finish").addEventListener("click", function () { if (!state.paused) review(); });
  $("exam-review-back").addEventListener("click", function () { $("exam-review").hidden = true; show(state.pos); });
  $("exam-review-finish").addEventListener("click", function () { finish(false); });
  $("results-retry-missed").addEventListener("click", function () { begin(Q.assembleExam(bank.questions, bank.domains, 0, Math.random, state.missed), state.timed); });
  $("results-new").addEventListener("click", function () {
    $("practice-results").hidden = true;
    $("practice-setup").hidden = false;
  });
  // Resume an exam that was in progress when the page was left or reloaded.
  (function resume() {
    var saved;
    try { saved = JSON.parse(localStorage.getItem(saveKey)); } catch (e) { saved = null; }
    var units = {};
    bank.questions.forEach(function (q) { units[q.case || q.id] = true; });
    if (!saved || !saved.units || !saved.units.every(function (u) { return units[u.id]; })) return;
    begin(saved.units, saved.timed, saved);
  })();
})();
