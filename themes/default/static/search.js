// Search: the header's search box. The index is built by `src/assets/search/` into scripts under
// assets/search/ (loaded with <script>, so it works from file://): the manifest when search is
// first opened, then the term chunks a query needs (one per word; a word being typed needs
// every chunk that can hold a term starting with it) and the document chunks of the results
// shown.
// The tokenizer, stemmer and ranking mirror src/assets/search/ (text.rs, query.rs) exactly; tests/js/search.test.js and
// the Rust tests run the same cases. Pure functions are exported for `node --test`.
(function (global) {
  "use strict";

  // ---- tokenizer ------------------------------------------------------------------------

  // Scores as in src/assets/search/mod.rs: a title hit, a heading hit; NAMED is the least score
  // of a word in either (a prefix match scores half).
  var TITLE = 1000, HEADING = 100, NAMED = HEADING / 2;
  var STOP_WORDS = [
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "its", "of",
    "on", "or", "that", "the", "this", "to", "with",
  ];
  var STOP = Object.create(null);
  STOP_WORDS.forEach(function (w) { STOP[w] = true; });
  var WORD = /^[\p{Alphabetic}\p{N}]$/u;

  function isWordChar(c) { return WORD.test(c); }
  function isJoiner(c) { return c === "." || c === "_" || c === "'" || c === "\u2019"; }

  /** Words of `text`: {start, end, text}, offsets in UTF-16 code units. */
  function tokens(text) {
    var chars = Array.from(text);
    var offs = [];
    var pos = 0;
    for (var k = 0; k < chars.length; k++) { offs.push(pos); pos += chars[k].length; }
    offs.push(pos);
    var out = [];
    var start = -1;
    function emit(end) {
      out.push({ start: offs[start], end: offs[end], text: text.slice(offs[start], offs[end]) });
      start = -1;
    }
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i];
      if (isWordChar(c)) { if (start < 0) start = i; continue; }
      if (start >= 0 && isJoiner(c) && i + 1 < chars.length && isWordChar(chars[i + 1])) continue;
      if (start >= 0) emit(i);
    }
    if (start >= 0) emit(chars.length);
    return out;
  }

  function fold(raw) { return raw.toLowerCase().replace(/['\u2019]/g, ""); }

  function normalize(raw) {
    var t = fold(raw);
    if (!t || STOP[t]) return null;
    return stem(t);
  }

  function parts(term) {
    if (!/[._]/.test(term)) return [];
    return term.split(/[._]/)
      .filter(function (p) { return Array.from(p).length >= 2; })
      .map(normalize)
      .filter(function (p) { return p !== null; });
  }

  function terms(text) {
    var out = [];
    tokens(text).forEach(function (t) {
      var n = normalize(t.text);
      if (n === null) return;
      out.push(n);
      out.push.apply(out, parts(n));
    });
    return out;
  }

  // ---- stemmer: Porter (1980), `y` -> `i` only after a consonant (Porter2) ----------------

  function isCons(w, i) {
    var c = w[i];
    if (c === "a" || c === "e" || c === "i" || c === "o" || c === "u") return false;
    if (c === "y") return i === 0 || !isCons(w, i - 1);
    return true;
  }
  function measure(w) {
    var n = w.length, i = 0, m = 0;
    while (i < n && isCons(w, i)) i++;
    for (;;) {
      while (i < n && !isCons(w, i)) i++;
      if (i >= n) return m;
      while (i < n && isCons(w, i)) i++;
      m++;
    }
  }
  function hasVowel(w) {
    for (var i = 0; i < w.length; i++) if (!isCons(w, i)) return true;
    return false;
  }
  function doubleCons(w) {
    var n = w.length;
    return n >= 2 && w[n - 1] === w[n - 2] && isCons(w, n - 1);
  }
  function cvc(w) {
    var n = w.length;
    return n >= 3 && isCons(w, n - 3) && !isCons(w, n - 2) && isCons(w, n - 1) &&
      "wxy".indexOf(w[n - 1]) < 0;
  }
  function ends(w, s) { return w.length >= s.length && w.slice(w.length - s.length) === s; }

  var STEP2 = [
    ["ational", "ate"], ["tional", "tion"], ["enci", "ence"], ["anci", "ance"], ["izer", "ize"],
    ["abli", "able"], ["alli", "al"], ["entli", "ent"], ["eli", "e"], ["ousli", "ous"],
    ["ization", "ize"], ["ation", "ate"], ["ator", "ate"], ["alism", "al"], ["iveness", "ive"],
    ["fulness", "ful"], ["ousness", "ous"], ["aliti", "al"], ["iviti", "ive"], ["biliti", "ble"],
  ];
  var STEP3 = [
    ["icate", "ic"], ["ative", ""], ["alize", "al"], ["iciti", "ic"], ["ical", "ic"], ["ful", ""],
    ["ness", ""],
  ];
  var STEP4 = [
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou",
    "ism", "ate", "iti", "ous", "ive", "ize",
  ];

  function replaceSuffix(w, table) {
    for (var i = 0; i < table.length; i++) {
      if (ends(w, table[i][0])) {
        var stem = w.slice(0, w.length - table[i][0].length);
        return measure(stem) > 0 ? stem + table[i][1] : w;
      }
    }
    return w;
  }

  function stem(word) {
    if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
    var w = word;
    // Step 1a.
    if (ends(w, "sses") || ends(w, "ies")) w = w.slice(0, -2);
    else if (!ends(w, "ss") && ends(w, "s")) w = w.slice(0, -1);
    // Step 1b.
    if (ends(w, "eed")) {
      if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
    } else {
      var cut = 0;
      if (ends(w, "ed") && hasVowel(w.slice(0, -2))) cut = 2;
      else if (ends(w, "ing") && hasVowel(w.slice(0, -3))) cut = 3;
      if (cut) {
        w = w.slice(0, -cut);
        if (ends(w, "at") || ends(w, "bl") || ends(w, "iz")) w += "e";
        else if (doubleCons(w) && "lsz".indexOf(w[w.length - 1]) < 0) w = w.slice(0, -1);
        else if (measure(w) === 1 && cvc(w)) w += "e";
      }
    }
    // Step 1c.
    var n = w.length;
    if (n > 2 && w[n - 1] === "y" && isCons(w, n - 2)) w = w.slice(0, -1) + "i";
    w = replaceSuffix(w, STEP2);
    w = replaceSuffix(w, STEP3);
    // Step 4.
    for (var i = 0; i < STEP4.length; i++) {
      var s = STEP4[i];
      if (ends(w, s)) {
        var st = w.length - s.length;
        var ok = s !== "ion" || (st > 0 && (w[st - 1] === "s" || w[st - 1] === "t"));
        if (ok && measure(w.slice(0, st)) > 1) w = w.slice(0, st);
        break;
      }
    }
    // Step 5.
    if (ends(w, "e")) {
      var base = w.slice(0, -1), m = measure(base);
      if (m > 1 || (m === 1 && !cvc(base))) w = base;
    }
    if (ends(w, "ll") && measure(w) > 1) w = w.slice(0, -1);
    return w;
  }

  // ---- queries --------------------------------------------------------------------------

  function parseQuery(query) {
    var toks = tokens(query);
    var out = [];
    toks.forEach(function (t, i) {
      var prefix = i === toks.length - 1 && t.end === query.length;
      var raw = fold(t.text);
      var term = normalize(t.text);
      if (term !== null) out.push({ term: term, raw: raw, prefix: prefix });
      else if (prefix && raw) out.push({ term: raw, raw: raw, prefix: prefix });
    });
    return out;
  }

  /** Compares strings by code point (as Rust compares them), not by UTF-16 unit. */
  function compare(a, b) {
    var n = Math.min(a.length, b.length), i = 0;
    while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    if (i === n) return a.length - b.length;
    return a.codePointAt(i) - b.codePointAt(i);
  }

  /** Index of the last key at or before `term` (0 if none is). */
  function lastAtOrBefore(keys, term) {
    var lo = 0, hi = keys.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (compare(keys[mid], term) <= 0) lo = mid + 1; else hi = mid;
    }
    return Math.max(0, lo - 1);
  }

  /** The chunk that holds `term` (if any does): see `chunk_key` in src/assets/search/query.rs. */
  function chunkKey(keys, term) {
    return keys.length ? keys[lastAtOrBefore(keys, term)] : null;
  }

  /** The chunks that can hold a term starting with `prefix`. */
  function prefixKeys(keys, prefix) {
    if (!keys.length) return [];
    var i = lastAtOrBefore(keys, prefix);
    var out = [keys[i]];
    for (i++; i < keys.length && keys[i].indexOf(prefix) === 0; i++) out.push(keys[i]);
    return out;
  }

  function expands(w) { return w.prefix && Array.from(w.term).length >= 2; }

  function wordKeys(keys, w) {
    var out = [];
    function add(k) { if (k !== null && out.indexOf(k) < 0) out.push(k); }
    add(chunkKey(keys, w.term));
    if (expands(w)) {
      prefixKeys(keys, w.term).forEach(add);
      if (Array.from(w.raw).length >= 2) prefixKeys(keys, w.raw).forEach(add);
    }
    return out;
  }

  /** The chunk keys a query needs, sorted. */
  function neededChunks(words, keys) {
    var out = [];
    words.forEach(function (w) {
      wordKeys(keys, w).forEach(function (k) { if (out.indexOf(k) < 0) out.push(k); });
    });
    return out.sort(compare);
  }

  /** Documents matching every word, best first: [doc, score]; see `rank` in src/assets/search/query.rs. */
  function rank(words, keys, chunk) {
    var total = null;
    words.forEach(function (w) {
      var best = new Map();
      function add(postings, half) {
        for (var i = 0; i + 1 < postings.length; i += 2) {
          var s = half ? Math.floor(postings[i + 1] / 2) : postings[i + 1];
          var d = postings[i];
          if (!best.has(d) || best.get(d) < s) best.set(d, s);
        }
      }
      var ownKey = chunkKey(keys, w.term);
      var own = ownKey === null ? null : chunk(ownKey);
      if (own && Object.prototype.hasOwnProperty.call(own, w.term)) add(own[w.term], false);
      if (expands(w)) {
        var rawOk = Array.from(w.raw).length >= 2;
        wordKeys(keys, w).forEach(function (k) {
          var c = chunk(k);
          if (!c) return;
          Object.keys(c).forEach(function (t) {
            var matches = t.indexOf(w.term) === 0 || (rawOk && t.indexOf(w.raw) === 0);
            if (t !== w.term && matches) add(c[t], true);
          });
        });
      }
      // [score so far, whether every word so far is in the title or a heading].
      if (total === null) {
        total = new Map();
        best.forEach(function (s, d) { total.set(d, [s, s >= NAMED]); });
        return;
      }
      var next = new Map();
      total.forEach(function (v, d) {
        if (best.has(d)) next.set(d, [v[0] + best.get(d), v[1] && best.get(d) >= NAMED]);
      });
      total = next;
    });
    // A section named by every word of a query of several words comes before one whose title
    // holds one word and whose body the other (see `rank` in src/assets/search/query.rs).
    var hits = [];
    var several = words.length > 1;
    if (total) total.forEach(function (v, d) { hits.push([d, v[1] && several ? v[0] + TITLE : v[0]]); });
    hits.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    return hits;
  }

  // ---- postings -------------------------------------------------------------------------

  // See `encode_postings` in src/assets/search/postings.rs: per document one number, (gap to the previous
  // document) * 84 + score class, in base-64 digits of 5 bits, low first, 32+ meaning "more".
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIGIT = Object.create(null);
  for (var di = 0; di < DIGITS.length; di++) DIGIT[DIGITS.charAt(di)] = di;
  var CLASSES = 84;

  function classScore(c) {
    var flags = Math.floor(c / 21), count = c % 21;
    return (flags >= 2 ? TITLE : 0) + (flags % 2 ? HEADING : 0) + count;
  }

  /** `[doc, score, …]` of a term's postings as written; null if they are not postings. */
  function decodePostings(text) {
    var out = [];
    var next = 0, v = 0, scale = 1;
    for (var i = 0; i < text.length; i++) {
      var d = DIGIT[text.charAt(i)];
      if (d === undefined) return null;
      v += (d & 31) * scale;
      if (d < 32) {
        var doc = next + Math.floor(v / CLASSES);
        out.push(doc, classScore(v % CLASSES));
        next = doc + 1;
        v = 0;
        scale = 1;
      } else {
        scale *= 32;
        if (scale > 1e15) return null;
      }
    }
    return scale === 1 ? out : null;
  }

  /** A written chunk ("term postings term postings …") as {term: [doc, score, …]}. */
  function decodeChunk(text) {
    var out = Object.create(null);
    var parts = text.split(" ").filter(function (p) { return p; });
    if (parts.length % 2) return null;
    for (var i = 0; i < parts.length; i += 2) {
      var p = decodePostings(parts[i + 1]);
      if (!p) return null;
      out[parts[i]] = p;
    }
    return out;
  }

  // ---- snippets -------------------------------------------------------------------------

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /** Which query word (index) a term matches, or -1. */
  function matchWord(words, term) {
    for (var i = 0; i < words.length; i++) {
      var w = words[i];
      if (term === w.term) return i;
      if (w.prefix && Array.from(w.term).length >= 2 &&
        (term.indexOf(w.term) === 0 || (Array.from(w.raw).length >= 2 && term.indexOf(w.raw) === 0))) return i;
    }
    return -1;
  }

  /** Tokens of `text` that match a query word (or whose parts do): {start, end, word}. */
  function matches(text, words) {
    var out = [];
    tokens(text).forEach(function (t) {
      var n = normalize(t.text);
      if (n === null) return;
      var i = matchWord(words, n);
      var ps = parts(n);
      for (var k = 0; i < 0 && k < ps.length; k++) i = matchWord(words, ps[k]);
      if (i >= 0) out.push({ start: t.start, end: t.end, word: i });
    });
    return out;
  }

  /** `text` between `from` and `to` as HTML, with the matches in <mark>. */
  function marked(text, found, from, to) {
    var html = "";
    var at = from;
    found.forEach(function (m) {
      if (m.start < from || m.end > to) return;
      html += escapeHtml(text.slice(at, m.start)) + "<mark>" + escapeHtml(text.slice(m.start, m.end)) + "</mark>";
      at = m.end;
    });
    return html + escapeHtml(text.slice(at, to));
  }

  function highlight(text, words) { return marked(text, matches(text, words), 0, text.length); }

  /** About `size` characters of `text` around the window with the most query words. */
  function snippet(text, words, size) {
    size = size || 180;
    var found = matches(text, words);
    if (text.length <= size) return marked(text, found, 0, text.length);
    var start = 0;
    if (found.length) {
      var best = -1;
      for (var i = 0; i < found.length && i < 200; i++) {
        var seen = {};
        var n = 0;
        for (var j = i; j < found.length && found[j].end <= found[i].start + size - 40; j++) {
          if (!seen[found[j].word]) { seen[found[j].word] = true; n++; }
        }
        if (n > best) { best = n; start = found[i].start; }
      }
      start = Math.max(0, start - 40);
    }
    var end = Math.min(text.length, start + size);
    // Start and end on word boundaries.
    if (start > 0) {
      var sp = text.indexOf(" ", start);
      if (sp >= 0 && sp < start + 30) start = sp + 1;
    }
    if (end < text.length) {
      var back = text.lastIndexOf(" ", end);
      if (back > start + size / 2) end = back;
    }
    return (start > 0 ? "…" : "") + marked(text, found, start, end) + (end < text.length ? "…" : "");
  }

  // ---- loading the index ----------------------------------------------------------------

  // The index scripts call these; whichever engine asked for a script reads it from here.
  var store = { manifest: null, chunks: Object.create(null), docs: Object.create(null) };
  global.__sgSearchManifest = function (m) { store.manifest = m; };
  global.__sgSearchChunk = function (key, text) { store.chunks[key] = decodeChunk(text) || {}; };
  global.__sgSearchDocs = function (n, pages) {
    // [[url, title, [[section, id, text], …]], …] -> one row per document.
    var rows = [];
    pages.forEach(function (p) {
      p[2].forEach(function (d) { rows.push({ url: p[0], page: p[1], section: d[0], id: d[1], text: d[2] }); });
    });
    store.docs[n] = rows;
  };

  /** A chunk key as a file name: see `file_key` in src/assets/search/index.rs. */
  function fileKey(key) {
    return Array.from(key).map(function (c) {
      return /^[a-z0-9]$/.test(c) ? c : "_" + c.codePointAt(0).toString(16) + "_";
    }).join("");
  }

  function loadScriptTag(url) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = url;
      s.async = true;
      s.onload = function () { resolve(); };
      s.onerror = function () { reject(new Error("cannot load " + url)); };
      document.head.appendChild(s);
    });
  }

  /** Loads index scripts on demand with `load(url) -> Promise` (a <script> tag by default). */
  function Engine(manifestUrl, load) {
    this.url = manifestUrl;
    this.base = manifestUrl.slice(0, manifestUrl.lastIndexOf("/") + 1);
    this.load = load || loadScriptTag;
    this.scripts = Object.create(null);
    this.loaded = [];
    this.manifest = null;
  }

  Engine.prototype.fetch = function (url) {
    if (!this.scripts[url]) {
      this.loaded.push(url);
      this.scripts[url] = this.load(url);
    }
    return this.scripts[url];
  };

  Engine.prototype.ready = function () {
    var self = this;
    return this.fetch(this.url).then(function () {
      if (!store.manifest) throw new Error("the search index did not load");
      self.manifest = store.manifest;
      return self.manifest;
    });
  };

  /** The document chunk that holds `doc`. */
  function docChunk(m, doc) {
    var lo = 0, hi = m.docs.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (m.docs[mid] <= doc) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  /**
   * Runs `query`: {words, total, hits: [{doc, score, url, page, section, id, text}]}. With
   * `progress`, the best hits whose documents have arrived are passed to it as they arrive
   * (a growing prefix, before the whole result).
   */
  Engine.prototype.search = function (query, limit, progress) {
    var self = this;
    var words = parseQuery(query);
    return this.ready().then(function (m) {
      var keys = neededChunks(words, m.terms);
      return Promise.all(keys.map(function (k) {
        return self.fetch(self.base + fileKey(k) + "." + m.h + ".js");
      })).then(function () {
        var hits = rank(words, m.terms, function (k) { return store.chunks[k] || null; });
        var top = hits.slice(0, limit || 10);
        var needed = top.map(function (h) { return docChunk(m, h[0]); });
        var result = function (n) {
          return { words: words, total: hits.length, hits: top.slice(0, n).map(function (h) { return self.describe(h[0], h[1]); }) };
        };
        var ready = 0;
        function arrived() {
          var before = ready;
          while (ready < top.length && store.docs[needed[ready]]) ready++;
          if (progress && ready > before && ready < top.length) progress(result(ready));
        }
        var chunks = needed.filter(function (c, i) { return needed.indexOf(c) === i; });
        return Promise.all(chunks.map(function (c) {
          return self.fetch(self.base + "d-" + c + "." + m.h + ".js").then(arrived);
        })).then(function () { return result(top.length); });
      });
    });
  };

  Engine.prototype.describe = function (doc, score) {
    var m = this.manifest;
    var c = docChunk(m, doc);
    var row = (store.docs[c] || [])[doc - m.docs[c]] || { url: "", page: "", section: "", id: "", text: "" };
    return {
      doc: doc, score: score, page: row.page, section: row.section, id: row.id, text: row.text,
      url: row.url + (row.id ? "#" + row.id : ""),
    };
  };

  // ---- the search box -------------------------------------------------------------------

  var LIMIT = 10;

  function isEditable(el) {
    if (!el || el.nodeType !== 1) return false;
    if (el.isContentEditable) return true;
    return !!el.closest("input, select, textarea, [contenteditable]:not([contenteditable='false'])");
  }

  function setup() {
    var box = document.querySelector(".search[data-index]");
    if (!box || box.hasAttribute("data-ready")) return;
    box.setAttribute("data-ready", "");
    var toggle = box.querySelector(".search-toggle");
    var panel = box.querySelector(".search-panel");
    var input = box.querySelector(".search-input");
    var list = box.querySelector(".search-results");
    var status = box.querySelector(".search-status");
    var root = box.getAttribute("data-root") || "";
    var engine = null;
    var active = -1;
    var seq = 0;
    // How many results to show: LIMIT, and LIMIT more each time the reader asks for more.
    var limit = LIMIT, focusAt = -1;
    var more = document.createElement("button");
    more.type = "button";
    more.className = "search-more";
    more.hidden = true;
    panel.appendChild(more);
    box.hidden = false;

    function isOpen() { return !panel.hidden; }

    function open() {
      panel.hidden = false;
      toggle.setAttribute("aria-expanded", "true");
      input.focus();
      input.select();
      if (!engine) {
        engine = new Engine(new URL(box.getAttribute("data-index"), document.baseURI).href);
        status.textContent = "Loading the search index…";
        engine.ready().then(function () {
          if (input.value.trim()) run(); else status.textContent = "Type to search the guide.";
        }, failed);
      }
    }

    function close(focusToggle) {
      panel.hidden = true;
      toggle.setAttribute("aria-expanded", "false");
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
      if (focusToggle) toggle.focus();
    }

    function failed() { status.textContent = "Search is unavailable: its index could not be loaded."; }

    function options() { return list.querySelectorAll("[role=option]"); }

    function setActive(i) {
      var opts = options();
      active = i;
      opts.forEach(function (o, k) { o.setAttribute("aria-selected", String(k === i)); });
      if (i >= 0 && opts[i]) {
        input.setAttribute("aria-activedescendant", opts[i].id);
        opts[i].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    // The run whose results the list shows (its later, longer results are appended).
    var shown = -1;

    function render(query, result, run) {
      var hits = result ? result.hits : [];
      var start = 0;
      if (run !== undefined && run === shown) {
        start = options().length;
      } else {
        list.textContent = "";
        setActive(-1);
      }
      shown = run === undefined ? -1 : run;
      for (var i = start; i < hits.length; i++) {
        var h = hits[i];
        // The link itself is the option: an option wrapping a link nests two interactive
        // roles (axe nested-interactive).
        var li = document.createElement("li");
        li.setAttribute("role", "none");
        var a = document.createElement("a");
        a.id = "search-option-" + i;
        a.setAttribute("role", "option");
        a.setAttribute("aria-selected", "false");
        a.href = root + h.url;
        a.tabIndex = -1;
        var title = escapeHtml(h.page);
        if (h.section) title += " <span aria-hidden=\"true\">›</span> " + highlight(h.section, result.words);
        a.innerHTML = "<span class=\"search-result-title\">" + title + "</span>" +
          (h.text ? "<span class=\"search-snippet\">" + snippet(h.text, result.words) + "</span>" : "");
        a.addEventListener("click", function () { close(false); });
        li.appendChild(a);
        list.appendChild(li);
      }
      input.setAttribute("aria-expanded", String(hits.length > 0));
      if (focusAt >= 0 && options().length > focusAt) { setActive(focusAt); focusAt = -1; }
      var rest = result ? result.total - hits.length : 0;
      more.hidden = !(rest > 0 && hits.length >= limit);
      more.textContent = "Show " + Math.min(LIMIT, Math.max(rest, 0)) + " more results";
      var text;
      if (!query.trim()) {
        text = "Type to search the guide.";
      } else if (!result || result.total === 0) {
        text = "No results for “" + query.trim() + "”.";
      } else {
        var n = result.total;
        text = n + (n === 1 ? " result" : " results") +
          (n > Math.min(n, limit) ? ", showing the best " + Math.min(n, limit) : "") + ".";
      }
      // The same words again (a run's later results) are not announced twice.
      if (status.textContent !== text) status.textContent = text;
    }

    function run() {
      var query = input.value;
      var mine = ++seq;
      if (!parseQuery(query).length) { render(query, null); return; }
      engine.search(query, limit, function (partial) {
        if (mine === seq) render(query, partial, mine);
      }).then(function (r) {
        if (mine === seq) render(query, r, mine);
      }, function () { if (mine === seq) failed(); });
    }

    function go(i) {
      var o = options()[i];
      if (!o) return;
      var href = o.href;
      var here = global.location.href.split("#")[0];
      close(false);
      global.location.href = href;
      // On the same page nothing reloads: move the focus to the section, as a reload would.
      var parts = href.split("#");
      if (parts[0] === here && parts[1]) {
        var target = document.getElementById(decodeURIComponent(parts[1]));
        if (target) {
          if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
          target.focus({ preventScroll: true });
        }
      }
    }

    toggle.addEventListener("click", function () { if (isOpen()) close(true); else open(); });
    input.addEventListener("input", function () { limit = LIMIT; focusAt = -1; if (engine) run(); });
    more.addEventListener("click", function () {
      // Back to the box, on the first of the new results once they are in (render()).
      focusAt = options().length;
      limit += LIMIT;
      input.focus();
      run();
    });
    input.addEventListener("keydown", function (e) {
      var n = options().length;
      if (e.key === "ArrowDown") {
        e.preventDefault();
        if (n) setActive(active + 1 >= n ? 0 : active + 1);
      } else if (e.key === "ArrowUp") {
        e.preventDefault();
        if (n) setActive(active <= 0 ? n - 1 : active - 1);
      } else if (e.key === "Enter") {
        e.preventDefault();
        if (n) go(active >= 0 ? active : 0);
      } else if (e.key === "Escape") {
        e.preventDefault();
        close(true);
      }
    });
    list.addEventListener("mousemove", function (e) {
      var o = e.target.closest && e.target.closest("[role=option]");
      var k = Array.prototype.indexOf.call(options(), o);
      if (k >= 0 && k !== active) setActive(k);
    });
    document.addEventListener("click", function (e) {
      if (isOpen() && !box.contains(e.target)) close(false);
    });
    // Focus moving out of the search box (Tab, a click elsewhere) closes the panel.
    box.addEventListener("focusout", function (e) {
      if (isOpen() && e.relatedTarget && !box.contains(e.relatedTarget)) close(false);
    });
    // app.js loads this script on the reader's first search and then opens it through here.
    api.open = open;
    // "/" opens search, except while typing; `key` (not `code`) so any keyboard layout works.
    document.addEventListener("keydown", function (e) {
      if (e.key !== "/" || e.defaultPrevented || e.isComposing) return;
      if (e.metaKey || (e.ctrlKey && !e.altKey)) return;
      if (isEditable(e.target) || isEditable(document.activeElement)) return;
      e.preventDefault();
      open();
    });
  }

  var api = {
    STOP_WORDS: STOP_WORDS, tokens: tokens, fold: fold, normalize: normalize, parts: parts,
    terms: terms, stem: stem, measure: measure, parseQuery: parseQuery, compare: compare,
    chunkKey: chunkKey, prefixKeys: prefixKeys, neededChunks: neededChunks, rank: rank,
    decodePostings: decodePostings, decodeChunk: decodeChunk, matches: matches,
    highlight: highlight, snippet: snippet, escapeHtml: escapeHtml, fileKey: fileKey,
    isEditable: isEditable, Engine: Engine, store: store,
  };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  global.StudyGuideSearch = api;

  if (typeof document !== "undefined") {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup); else setup();
  }
})(typeof window !== "undefined" ? window : globalThis);
