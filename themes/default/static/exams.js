// Exam versions: turns the version links into a chooser remembered in localStorage, marks
// the chosen version's line on each page, and says clearly when the chosen version is retired
// (from the dates in the blueprint, against today's date). Without JavaScript the links and
// the dated lines stay as they are.
(function () {
  "use strict";
  var bar = document.querySelector(".exam-versions");
  if (!bar) return;
  var key = "studyguide:" + (bar.getAttribute("data-key") || "") + ":exam-version";
  var links = Array.prototype.slice.call(bar.querySelectorAll(".exam-chooser a[data-exam]"));
  if (!links.length) return;
  var codes = links.map(function (a) { return a.getAttribute("data-exam"); });
  var fallback = codes[0];
  links.forEach(function (a) { if (a.hasAttribute("data-default")) fallback = a.getAttribute("data-exam"); });
  function stored() {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }
  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }
  // Until the reader chooses, the version given today, from the blueprints' dates: a reader
  // arriving after a retirement starts on the exam they can still sit. The guide's default
  // when it is given today, when no version is, or when no version has dates.
  function current() {
    var t = today();
    var live = links.filter(function (a) {
      var from = a.getAttribute("data-from"), until = a.getAttribute("data-until");
      return (!from || from <= t) && (!until || t <= until);
    }).map(function (a) { return a.getAttribute("data-exam"); });
    if (!live.length || live.indexOf(fallback) >= 0) return fallback;
    return live[0];
  }
  var chosen = stored();
  if (codes.indexOf(chosen) < 0) chosen = current();

  var label = document.createElement("label");
  label.className = "exam-select-label";
  label.textContent = "Exam version ";
  var select = document.createElement("select");
  select.className = "exam-select";
  codes.forEach(function (c) {
    var o = document.createElement("option");
    o.value = c;
    o.textContent = c;
    select.appendChild(o);
  });
  label.appendChild(select);
  var nav = bar.querySelector(".exam-chooser");
  nav.insertBefore(label, nav.firstChild);
  var plain = nav.querySelector(".exam-chooser-label");
  if (plain) plain.hidden = true;
  var banner = document.createElement("p");
  banner.className = "exam-retired";
  banner.setAttribute("role", "note");
  banner.hidden = true;
  bar.insertBefore(banner, bar.firstChild);

  function apply(code) {
    select.value = code;
    document.documentElement.setAttribute("data-exam", code);
    links.forEach(function (a) {
      if (a.getAttribute("data-exam") === code) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    });
    Array.prototype.forEach.call(document.querySelectorAll(".exam-serves [data-exam]"), function (s) {
      s.classList.toggle("chosen", s.getAttribute("data-exam") === code);
    });
    var dates = bar.querySelector('.exam-dates[data-exam="' + code + '"]');
    var until = dates && dates.getAttribute("data-until");
    if (until && today() > until) {
      var successor = dates.getAttribute("data-successor");
      banner.textContent = "Retired: " + code + " was last given on " + until + "." +
        (successor ? " The exam is now " + successor + "; choose it with the version chooser below." : "");
      banner.hidden = false;
    } else {
      banner.hidden = true;
      banner.textContent = "";
    }
  }
  // The practice exam and the progress page (practice.js, progress.js, which run after this
  // deferred script) read window.STUDYGUIDE_BANK: for a version other than the default, it
  // becomes that version's exam facts, domains and the questions that serve it, each with its
  // domain and task there. A change of version reloads those pages.
  var bank = window.STUDYGUIDE_BANK;
  var version = bank && bank.versions && bank.versions[chosen];
  if (version) {
    var original = bank;
    // The whole bank stays at hand for what does not depend on the version (the review queue).
    window.STUDYGUIDE_BANK_ALL = bank;
    window.STUDYGUIDE_BANK = window.StudyGuideStudy.bankFor(bank, chosen);
    var note = document.getElementById("practice-version");
    if (note) {
      var e = version.exam;
      note.textContent = "Exam version " + e.code + ": " + e.total_questions + " questions in " + e.minutes + " minutes, in these formats: " +
        ((e.question_formats || []).join(", ") || "all five") + ". Only the " + window.STUDYGUIDE_BANK.questions.length +
        " questions of the guide that serve " + e.code + " are drawn." +
        (e.unconfirmed && e.unconfirmed.length ? " Not confirmed by an official source: " + e.unconfirmed.join(", ") + "." : "");
      note.hidden = false;
      var full = document.querySelector('#practice-form input[name="length"][value="' + original.exam.total_questions + '"]');
      if (full) {
        full.value = String(e.total_questions);
        full.parentNode.lastChild.nodeValue = " " + e.total_questions + " questions (full exam)";
      }
      var timed = document.querySelector('#practice-form input[name="timer"][value="on"]');
      if (timed) timed.parentNode.lastChild.nodeValue = " Timed, at the exam's pace (" + e.minutes + " minutes for " + e.total_questions + " questions)";
    }
    var table = document.getElementById("progress-table");
    if (table) {
      var p = document.createElement("p");
      p.className = "exam-progress-version";
      p.textContent = "Tallied by the domains and tasks of exam version " + version.exam.code + ", over the " +
        window.STUDYGUIDE_BANK.questions.length + " questions that serve it.";
      table.parentNode.insertBefore(p, table);
    }
  }
  select.addEventListener("change", function () {
    try { localStorage.setItem(key, select.value); } catch (e) { /* private mode: not remembered */ }
    apply(select.value);
    if (bank && bank.versions && (document.getElementById("practice-form") || document.getElementById("progress-table"))) location.reload();
  });
  apply(chosen);
})();
