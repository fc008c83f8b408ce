// Site-wide behaviour: dark-mode toggle, the narrow-screen menu, keyboard shortcuts, loading
// search on first use, the coverage filter.
(function () {
  "use strict";
  var root = document.documentElement;

  function systemDark() {
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  }
  function isDark() {
    return root.dataset.theme ? root.dataset.theme === "dark" : systemDark();
  }
  var toggle = document.querySelector(".theme-toggle");
  function label() {
    if (!toggle) return;
    // A toggle button keeps its name; its pressed state says whether dark mode is on.
    toggle.setAttribute("aria-pressed", String(isDark()));

  }
  if (toggle) {
    label();
    toggle.addEventListener("click", function () {
      root.dataset.theme = isDark() ? "light" : "dark";
      try { localStorage.setItem("studyguide:theme", root.dataset.theme); } catch (e) { /* private mode */ }
      label();
    });
  }

  var navToggle = document.querySelector(".nav-toggle");
  var sidebar = document.getElementById("sidebar");
  if (navToggle && sidebar) {
    // While the menu covers the page, what lies behind it takes no focus (inert).
    var behind = function () { return document.querySelectorAll(".skip-link, main, .footer"); };
    var setMenu = function (open) {
      sidebar.classList.toggle("open", open);
      navToggle.setAttribute("aria-expanded", String(open));
      behind().forEach(function (el) { if (open) el.setAttribute("inert", ""); else el.removeAttribute("inert"); });
      if (open) {
        var first = sidebar.querySelector("[aria-current=page]") || sidebar.querySelector("a");
        if (first) first.focus();
      }
    };
    navToggle.addEventListener("click", function () { setMenu(!sidebar.classList.contains("open")); });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && sidebar.classList.contains("open")) {
        setMenu(false);
        navToggle.focus();
      }
    });
    // Back to a wide window: the menu is the sidebar again and the page is usable.
    if (window.matchMedia) {
      var wide = window.matchMedia("(min-width: 50.01rem)");
      var onWide = function () { if (wide.matches && sidebar.classList.contains("open")) setMenu(false); };
      if (wide.addEventListener) wide.addEventListener("change", onWide);
    }
  }

  // Keyboard: arrows for the previous/next page, "?" for the list of shortcuts. Never while
  // the reader types or works a form control, and never with a modifier held.
  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(el.tagName));
  }
  var dialog = document.getElementById("shortcuts");
  function showShortcuts() {
    if (dialog && typeof dialog.showModal === "function" && !dialog.open) dialog.showModal();
  }
  var opener = document.querySelector(".shortcuts-open");
  if (opener) opener.addEventListener("click", showShortcuts);
  document.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(document.activeElement)) return;
    // In a code block or table that scrolls sideways the arrows scroll it.
    if (document.activeElement && document.activeElement.closest && document.activeElement.closest("[data-scrolls]")) return;
    if (dialog && dialog.open) return;
    if (e.key === "?") {
      e.preventDefault();
      showShortcuts();
    } else if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
      var link = document.querySelector(e.key === "ArrowLeft" ? ".prev-next a[rel=prev]" : ".prev-next a[rel=next]");
      if (link && !e.shiftKey) {
        e.preventDefault();
        window.location.href = link.href;
      }
    }
  });

  // Search: search.js (and then its index) is loaded when the reader first opens search, by the
  // button or "/" (or points at the button): most page views never search, and the script is a
  // fifth of a page's weight. Once loaded, search.js handles both itself.
  var searchBox = document.querySelector(".search[data-script]");
  if (searchBox) {
    searchBox.hidden = false;
    var searchToggle = searchBox.querySelector(".search-toggle");
    var loading = null;
    var loaded = function () {
      return !!(window.StudyGuideSearch && window.StudyGuideSearch.open);
    };
    var loadSearch = function () {
      if (!loading) {
        loading = new Promise(function (resolve, reject) {
          var script = document.createElement("script");
          script.src = searchBox.getAttribute("data-script");
          script.onload = resolve;
          script.onerror = reject;
          document.head.appendChild(script);
        });
      }
      return loading;
    };
    var openSearch = function () {
      loadSearch().then(function () {
        if (loaded()) window.StudyGuideSearch.open();
      }, function () {
        searchToggle.title = "Search is unavailable: its script could not be loaded.";
      });
    };
    // Like search.js: "/" is a character to type in any field, and nothing to do with Ctrl or ⌘.
    var editable = function (el) {
      if (!el || el.nodeType !== 1) return false;
      return el.isContentEditable ||
        !!el.closest("input, select, textarea, [contenteditable]:not([contenteditable='false'])");
    };
    searchToggle.addEventListener("click", function () { if (!loaded()) openSearch(); });
    searchToggle.addEventListener("pointerenter", loadSearch);
    searchToggle.addEventListener("focus", loadSearch);
    document.addEventListener("keydown", function (e) {
      if (loaded() || e.key !== "/" || e.defaultPrevented || e.isComposing) return;
      if (e.metaKey || (e.ctrlKey && !e.altKey)) return;
      if (editable(e.target) || editable(document.activeElement)) return;
      e.preventDefault();
      openSearch();
    });
  }

  // Code blocks and tables wider than the column scroll sideways; those (and only those) get a
  // tab stop and a name so a keyboard can scroll them too. Watched, since a width change or an
  // opened answer can make one overflow.
  function scrollable(el) {
    var wide = el.scrollWidth > el.clientWidth + 1;
    if (wide && !el.hasAttribute("tabindex")) {
      el.setAttribute("tabindex", "0");
      el.setAttribute("role", "region");
      el.setAttribute("aria-label", el.tagName === "PRE" ? "Code, scrolls sideways" : "Table, scrolls sideways");
      el.setAttribute("data-scrolls", "");
    } else if (!wide && el.hasAttribute("data-scrolls")) {
      ["tabindex", "role", "aria-label", "data-scrolls"].forEach(function (a) { el.removeAttribute(a); });
    }
  }
  var wideCandidates = document.querySelectorAll("main pre, main .table-wrap");
  if (window.ResizeObserver) {
    var watcher = new ResizeObserver(function (entries) { entries.forEach(function (e) { scrollable(e.target); }); });
    wideCandidates.forEach(function (el) { watcher.observe(el); });
  } else {
    wideCandidates.forEach(scrollable);
  }

  // Printing: print CSS cannot open a closed <details>, so every answer is opened before the
  // browser lays out the printed pages and closed again afterwards.
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (d) {
      d.open = true;
      openedForPrint.push(d);
    });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (d) { d.open = false; });
    openedForPrint = [];
  });

  // Coverage matrix: all items or gaps only.
  var filter = document.querySelector(".coverage-filter");
  if (filter) {
    var page = document.querySelector(".coverage");
    var count = document.querySelector(".coverage-count");
    // A table or a whole domain without gaps has nothing to show under "Gaps only".
    document.querySelectorAll("table.matrix, .coverage-domain").forEach(function (t) {
      if (!t.querySelector("tr.gap")) t.classList.add("no-gaps");
    });
    filter.hidden = false;
    filter.addEventListener("change", function () {
      var gaps = filter.querySelector("input:checked").value === "gaps";
      page.classList.toggle("gaps-only", gaps);
      var n = document.querySelectorAll("tr.gap").length;
      count.textContent = !gaps ? "Showing all items." : n ? "Showing " + n + " item" + (n === 1 ? "" : "s") + " with a gap." :
        "No gaps: every item is taught on a page and tested by a question.";
    });
  }
})();
