// The progress page: per domain and task, questions answered and correct, links to what is
// left; reset (all or per domain), export and import as JSON.
(function () {
  "use strict";
  var bank = window.STUDYGUIDE_BANK;
  var S = window.StudyGuideStudy;
  var key = "studyguide:" + bank.key + ":progress";

  var load = S.load;
  function save(p) {
    localStorage.setItem(key, JSON.stringify(p));
    document.dispatchEvent(new CustomEvent("studyguide:progress"));
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function meter(done, total) {
    var m = el("span", { class: "meter", role: "img", "aria-label": done + " of " + total });
    var bar = el("span");
    bar.style.width = (total ? Math.round((100 * done) / total) : 0) + "%";
    m.appendChild(bar);
    return m;
  }

  /** One blueprint item: its mastery, where to read about it and the questions that test it
   *  (missed ones first, then unanswered, then right). */
  function itemEntry(m, p) {
    var li = el("li", { class: "item-entry" });
    var head = el("p", { class: "item-head" });
    head.appendChild(el("strong", {}, m.id));
    head.appendChild(document.createTextNode(" " + m.text + " "));
    head.appendChild(S.badge(m));
    li.appendChild(head);
    if (m.teach.length) {
      var read = el("p", { class: "item-read" }, "Read: ");
      m.teach.forEach(function (t, i) {
        if (i) read.appendChild(document.createTextNode("; "));
        read.appendChild(el("a", { href: t[1] }, t[0]));
      });
      li.appendChild(read);
    }
    var rank = function (q) { var r = p.questions[q.id]; return !r ? 1 : r.correct ? 2 : 0; };
    var qs = m.questions.slice().sort(function (a, b) { return rank(a) - rank(b); }).slice(0, 3);
    if (qs.length) {
      var test = el("p", { class: "item-test" }, "Test yourself: ");
      qs.forEach(function (q, i) {
        if (i) test.appendChild(document.createTextNode("; "));
        var r = p.questions[q.id];
        test.appendChild(el("a", { href: q.page + "#q-" + (q.case || q.id) }, q.prompt || q.id));
        test.appendChild(document.createTextNode(r ? (r.correct ? " (right last time)" : " (missed last time)") : " (not answered)"));
      });
      li.appendChild(test);
    }
    return li;
  }

  /** "Study next", "Your weakest items" and the review queue's state, above the tables. */
  function renderStudy(p) {
    var items = S.mastery(bank, p);
    var next = S.studyNext(items, 5), weak = S.weakest(items, 10);
    var holder = document.getElementById("study-next");
    holder.textContent = "";
    if (next.length) {
      var ol = el("ol", { class: "item-list" });
      next.forEach(function (m) { ol.appendChild(itemEntry(m, p)); });
      holder.appendChild(ol);
    } else holder.appendChild(el("p", {}, "Every item with questions is at " + Math.round(S.MASTERED * 100) + "% or more. Keep your review queue empty and try a practice exam."));
    var wh = document.getElementById("weakest");
    wh.textContent = "";
    if (weak.length) {
      var ul = el("ol", { class: "item-list" });
      weak.forEach(function (m) { ul.appendChild(itemEntry(m, p)); });
      wh.appendChild(ul);
    } else wh.appendChild(el("p", {}, items.some(function (m) { return m.score !== null; }) ? "None: every item you have tried is at 100%." : "None yet: answer some questions and the items you miss show here."));
    var due = S.dueList(p, Date.now(), function (id) { return known[id]; }).length;
    var rv = document.getElementById("progress-review");
    rv.textContent = (due ? due + " question" + (due === 1 ? " is" : "s are") + " due for review. " : "No question is due for review now. ");
    rv.appendChild(el("a", { href: "review.html" }, due ? "Review them now" : "Open the review queue"));
  }

  var known = {};
  (window.STUDYGUIDE_BANK_ALL || bank).questions.forEach(function (q) { known[q.id] = true; });

  function render() {
    var p = load();
    renderStudy(p);
    var table = document.getElementById("progress-table");
    table.textContent = "";
    var totalAnswered = 0, totalCorrect = 0;
    bank.domains.forEach(function (d) {
      var section = el("section", { "aria-labelledby": "progress-d" + d.id });
      var h = el("h2", { id: "progress-d" + d.id }, "Domain " + d.id + ": " + d.title);
      section.appendChild(h);
      var wrap = el("div", { class: "table-wrap" });
      var t = el("table");
      t.innerHTML = "<thead><tr><th scope='col'>Task</th><th scope='col'>Answered</th><th scope='col'>Correct</th><th scope='col'>Still to do</th></tr></thead>";
      var body = el("tbody");
      d.tasks.forEach(function (task) {
        // The questions on the task's page (as that page counts them); by the task they
        // test only where the task has no page.
        var qs = bank.questions.filter(function (q) { return task.page ? q.page === task.page : q.task === task.id; });
        var answered = qs.filter(function (q) { return p.questions[q.id]; });
        var correct = qs.filter(function (q) { return p.questions[q.id] && p.questions[q.id].correct; });
        totalAnswered += answered.length; totalCorrect += correct.length;
        var tr = el("tr");
        var th = el("th", { scope: "row" });
        if (task.page) { var a = el("a", { href: task.page }, task.id + " " + task.title); th.appendChild(a); }
        else th.textContent = task.id + " " + task.title;
        tr.appendChild(th);
        var tdA = el("td"); tdA.appendChild(meter(answered.length, qs.length)); tdA.appendChild(document.createTextNode(" " + answered.length + " of " + qs.length)); tr.appendChild(tdA);
        tr.appendChild(el("td", {}, correct.length + " of " + qs.length));
        var left = el("td");
        var todo = qs.filter(function (q) { return !p.questions[q.id] || !p.questions[q.id].correct; });
        if (!todo.length) left.textContent = qs.length ? "✓ All correct" : "No questions yet";
        // Each question by the start of its prompt (its id where an older bank has none).
        var list = el("ul", { class: "todo" });
        todo.slice(0, 6).forEach(function (q) {
          var li = el("li");
          li.appendChild(el("a", { href: q.page + "#q-" + (q.case || q.id) }, q.prompt || q.id));
          list.appendChild(li);
        });
        if (todo.length) left.appendChild(list);
        if (todo.length > 6) left.appendChild(document.createTextNode(" and " + (todo.length - 6) + " more"));
        tr.appendChild(left);
        body.appendChild(tr);
      });
      t.appendChild(body);
      wrap.appendChild(t);
      section.appendChild(wrap);
      var reset = el("button", { type: "button" }, "Reset domain " + d.id);
      reset.addEventListener("click", function () {
        if (!window.confirm("Reset your progress for domain " + d.id + "?")) return;
        var p2 = load();
        bank.questions.forEach(function (q) { if (q.domain === d.id) delete p2.questions[q.id]; });
        save(p2);
        render();
        message("Progress for domain " + d.id + " reset.");
      });
      section.appendChild(reset);
      table.appendChild(section);
    });
    document.getElementById("progress-summary").textContent =
      "You have answered " + totalAnswered + " of " + bank.questions.length + " questions; " + totalCorrect + " correct at the last attempt.";
  }

  function message(text) { document.getElementById("progress-message").textContent = text; }

  document.getElementById("progress-reset-all").addEventListener("click", function () {
    if (!window.confirm("Reset all your progress in this guide?")) return;
    save({ version: 2, questions: {} });
    render();
    message("All progress reset.");
  });
  document.getElementById("progress-export").addEventListener("click", function () {
    var blob = new Blob([JSON.stringify(load(), null, 2)], { type: "application/json" });
    var a = el("a", { href: URL.createObjectURL(blob), download: bank.key + "-progress.json" });
    document.body.appendChild(a);
    a.click();
    a.remove();
    message("Progress exported.");
  });
  document.getElementById("progress-import").addEventListener("change", function (e) {
    var file = e.target.files[0];
    if (!file) return;
    e.target.value = "";
    file.text().then(function (text) {
      var data;
      try { data = JSON.parse(text); } catch (err) { data = null; }
      if (!data || typeof data.questions !== "object" || data.questions === null || Array.isArray(data.questions)) {
        message("Nothing imported: " + file.name + " is not a progress file exported from this guide.");
        return;
      }
      // Only this guide's questions, each with a well-formed record, are merged in (with
      // their review history); a question in both keeps the file's record.
      var merged = S.mergeProgress(load(), data, function (id) { return known[id]; });
      var p = merged.progress, added = merged.added, replaced = merged.replaced, skipped = merged.skipped;
      save(p);
      render();
      message("Merged " + (added + replaced) + " question" + (added + replaced === 1 ? "" : "s") + " from " + file.name + " into the progress already here (" +
        added + " new, " + replaced + " replaced)" + (skipped ? "; skipped " + skipped + " that are not questions of this guide or not valid" : "") + ".");
    }, function () { message("Nothing imported: " + file.name + " could not be read."); });
  });
  render();
  // Answers given in another tab show here without a reload.
  window.addEventListener("storage", function (e) { if (e.key === key) render(); });
})();
