// The review page: the due questions one at a time, with the same widgets and feedback as
// the task pages; each answer moves the question's box (study.js) through quiz.js's record.
(function () {
  "use strict";
  var S = window.StudyGuideStudy, Q = window.StudyGuideQuiz;
  var bank = window.STUDYGUIDE_BANK_ALL || window.STUDYGUIDE_BANK;
  var $ = function (id) { return document.getElementById(id); };
  var byId = {};
  bank.questions.forEach(function (q) { byId[q.id] = q; });
  var known = function (id) { return !!byId[id]; };
  var session = null;

  function when(ms) {
    var d = new Date(ms);
    return d.toLocaleString(undefined, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
  }

  /** The due questions as units to show: a case study once, however many of its parts are due. */
  function dueUnits(now) {
    var units = [], seen = {};
    S.dueList(S.load(), now, known).forEach(function (d) {
      var unit = byId[d.id].case || d.id;
      if (seen[unit]) return;
      seen[unit] = true;
      units.push(unit);
    });
    return units;
  }

  function status() {
    var now = Date.now(), p = S.load();
    var due = S.dueList(p, now, known), next = S.nextDue(p, now, known);
    var answered = Object.keys(p.questions || {}).filter(known).length;
    var text;
    if (due.length) text = due.length + " question" + (due.length === 1 ? " is" : "s are") + " due for review now.";
    else if (answered) text = "Nothing is due now." + (next ? " The next question is due " + when(next) + "." : "");
    else text = "You have not answered any questions yet. Answer some on the task pages or in a practice exam, and they come back here when they are due.";
    $("review-status").textContent = text;
    $("review-start").hidden = !due.length || !!session;
    $("review-start").textContent = "Start the review (" + due.length + " due)";
    queue(p, now);
  }

  /** How many questions wait in each box, and when the next falls due. */
  function queue(p, now) {
    var boxes = S.INTERVALS.map(function () { return { due: 0, later: 0 }; });
    Object.keys(p.questions || {}).forEach(function (id) {
      if (!known(id)) return;
      var r = S.normalize(p.questions[id]);
      if (!r) return;
      if (S.dueAt(r, now) <= now) boxes[r.box].due++; else boxes[r.box].later++;
    });
    var names = S.INTERVALS.map(function (ms) {
      var days = ms / 864e5, minutes = ms / 6e4;
      return days >= 1 ? days + (days === 1 ? " day" : " days") : minutes + " minutes";
    });
    var total = boxes.reduce(function (a, b) { return a + b.due + b.later; }, 0);
    var holder = $("review-queue");
    holder.textContent = "";
    if (!total) { holder.appendChild(S.el("p", {}, "Nothing yet: answer a question on a task page and it joins the queue.")); return; }
    var wrap = S.el("div", { class: "table-wrap" }), t = S.el("table");
    t.appendChild(S.el("caption", {}, "Questions per box: a right answer moves a question to the next box, a miss back to box 0"));
    t.innerHTML += "<thead><tr><th scope='col'>Box</th><th scope='col'>Comes back after</th><th scope='col'>Due now</th><th scope='col'>Waiting</th></tr></thead>";
    var body = S.el("tbody");
    boxes.forEach(function (b, i) {
      var tr = S.el("tr");
      tr.appendChild(S.el("th", { scope: "row" }, "Box " + i));
      tr.appendChild(S.el("td", {}, names[i]));
      tr.appendChild(S.el("td", {}, String(b.due)));
      tr.appendChild(S.el("td", {}, String(b.later)));
      body.appendChild(tr);
    });
    t.appendChild(body);
    wrap.appendChild(t);
    holder.appendChild(wrap);
  }

  function show() {
    var unit = session.units[session.pos];
    var box = $("review-question");
    box.textContent = "";
    var wrap = S.el("div", { class: "review-item" });
    wrap.innerHTML = window.STUDYGUIDE_BANK_HTML[unit];
    box.appendChild(wrap);
    wrap.querySelectorAll(".quiz[data-kind]").forEach(function (q) { Q.enhance(q, { fresh: true }); });
    var q = byId[unit] || bank.questions.filter(function (x) { return x.case === unit; })[0];
    var src = $("review-source");
    src.textContent = "";
    if (q) {
      src.appendChild(document.createTextNode("From the page "));
      src.appendChild(S.el("a", { href: q.page + "#q-" + unit }, pageTitle(q.page)));
    }
    $("review-position").textContent = "Review question " + (session.pos + 1) + " of " + session.units.length;
    $("review-next").textContent = session.pos === session.units.length - 1 ? "Finish the review" : "Next question";
    $("review-position").focus();
  }

  function pageTitle(path) { return (bank.pages && bank.pages[path]) || path; }

  function start() {
    var units = dueUnits(Date.now());
    if (!units.length) { status(); return; }
    $("review-start").disabled = true;
    $("review-status").textContent = "Loading the questions…";
    // Only the due questions' HTML is loaded.
    Q.loadHtml(bank, units, function (missing) {
      $("review-start").disabled = false;
      units = units.filter(function (u) { return missing.indexOf(u) < 0; });
      if (!units.length) { $("review-status").textContent = "Could not load the questions: reload the page."; return; }
      session = { units: units, pos: 0, started: new Date(Date.now()).toISOString() };
      $("review-done").hidden = true;
      $("review-session").hidden = false;
      $("review-start").hidden = true;
      status();
      show();
    });
  }

  function finish() {
    var p = S.load(), right = 0, missed = 0, skipped = 0;
    session.units.forEach(function (unit) {
      bank.questions.filter(function (q) { return q.id === unit || q.case === unit; }).forEach(function (q) {
        var r = S.normalize(p.questions[q.id]);
        var last = r && r.history[r.history.length - 1];
        if (!last || !last.at || last.at < session.started) skipped++;
        else if (last.correct) right++;
        else missed++;
      });
    });
    session = null;
    $("review-session").hidden = true;
    $("review-question").textContent = "";
    $("review-summary").textContent = "You answered " + right + " right (each moves to a longer wait) and missed " + missed +
      " (back in 10 minutes)" + (skipped ? "; " + skipped + " not answered stay due" : "") + ".";
    $("review-done").hidden = false;
    status();
    $("review-done").focus();
  }

  $("review-start").addEventListener("click", start);
  $("review-next").addEventListener("click", function () {
    if (session.pos < session.units.length - 1) { session.pos++; show(); } else finish();
  });
  $("review-stop").addEventListener("click", finish);
  document.addEventListener("studyguide:progress", function () { if (!session) status(); else queue(S.load(), Date.now()); });
  window.addEventListener("storage", function (e) { if (e.key === S.progressKey && !session) status(); });
  status();
})();
