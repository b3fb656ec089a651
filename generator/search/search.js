// The search page's script: it reads the words to find from the box (and
// from ?q= in the address), loads the parts of the index the build wrote
// (assets/search/*.js, see search.go) when the box is first used, indexes
// them with MiniSearch and lists the pages that match, best first, the
// words that matched marked.
//
// Everything stays on the page: the parts are scripts, so that it works
// from file:// and zipped copies, where fetching files does not.
//
// Words match whatever their diacritics: terms are folded (lowercase, no
// combining marks, đ as d) so that "nguyen" finds "Nguyễn" and "tu sach"
// finds "Tủ sách". Each term with diacritics is also indexed as written
// (lowercase), and a query typed with diacritics looks for both forms, so
// that pages with the very word typed come first. The last word of a query
// is also a prefix, so that results come while the reader types.
//
// cmd/bundle bundles this module with MiniSearch and the site's number
// formats into assets/search.js, a classic script.
import MiniSearch from "minisearch";
import numbers from "../locale/numberformat.js";

// tokenize splits text into words as MiniSearch does by default, so that
// the words marked in results are the words indexed.
const tokenize = MiniSearch.getDefault("tokenize");
const wordPattern = /[^\n\r\p{Z}\p{P}]+/gu;
const marks = /\p{M}/gu;

// fold is a word as the index stores it for every reader: lowercase, with
// no diacritics, đ as d.
export function fold(word) {
  return word.toLowerCase().normalize("NFD").replace(marks, "").replace(/[đð]/g, "d");
}

// exact is a word as written, lowercase, in composed form.
export function exact(word) {
  return word.normalize("NFC").toLowerCase();
}

// indexTerms gives the terms a word of a page is indexed under: its folded
// form, and its exact form when that differs.
function indexTerms(word) {
  const e = exact(word);
  const f = fold(e);
  if (f === "") {
    return null;
  }
  return f === e ? f : [f, e];
}

// buildQuery turns what the reader typed into MiniSearch's query tree:
// every word must match, in its folded form or, when typed with
// diacritics, in its exact form too, which adds to the score; the last
// word matches as a prefix, and long words allow one typo.
export function buildQuery(text) {
  const words = tokenize(text).filter((w) => fold(w) !== "");
  if (words.length === 0) {
    return null;
  }
  return {
    combineWith: "AND",
    queries: words.map((w, i) => {
      const e = exact(w);
      const f = fold(e);
      return {
        combineWith: "OR",
        queries: f === e ? [f] : [f, e],
        prefix: i === words.length - 1,
        fuzzy: f.length >= 5 ? 1 : false,
      };
    }),
  };
}

// The fields of a document of a part, in the order search.go writes them.
const PATH = 0, TITLE = 1, SHORT = 2, TEXT = 3;
const fieldIndex = { title: TITLE, short: SHORT, text: TEXT };

// newIndex returns an empty index of documents {id, doc, part}.
function newIndex() {
  return new MiniSearch({
    fields: ["title", "short", "text"],
    extractField: (d, field) => (field === "id" ? d.id : d.doc[fieldIndex[field]]),
    processTerm: indexTerms,
    searchOptions: {
      processTerm: (term) => term,
      boost: { title: 3, short: 2 },
    },
  });
}

// How many results show at first, and how many more each "show more".
const PAGE = 50;
// How many documents are indexed at a time before the page may paint and
// answer the reader.
const CHUNK = 400;

function start() {
  const configEl = document.getElementById("reportsite-search");
  const form = document.getElementById("search-form");
  const input = document.getElementById("search-q");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const more = document.getElementById("search-more");
  if (!configEl || !form || !input || !status || !list || !more) {
    return;
  }
  const config = JSON.parse(configEl.textContent);
  const strings = config.strings;
  const parts = config.parts;
  const index = newIndex();
  const docs = [];
  let loaded = 0; // parts fully indexed
  let started = false;
  let shown = PAGE;
  let pending = false;
  let current = "";

  function text(key, values) {
    let s = strings[key] || key;
    for (const name in values) {
      s = s.split("{" + name + "}").join(values[name]);
    }
    return s;
  }

  // load starts loading the parts of the index, once.
  function load() {
    if (started) {
      return;
    }
    started = true;
    loadNext();
  }

  function loadNext() {
    if (loaded >= parts.length) {
      update();
      return;
    }
    const el = document.createElement("script");
    el.src = parts[loaded].src;
    el.onerror = () => {
      // A part that fails to load is skipped; the others still search.
      loaded++;
      loadNext();
    };
    document.head.appendChild(el);
  }

  // add indexes the documents of the part that a part's script hands
  // over, a chunk at a time, showing the results so far after each.
  window.reportsiteSearch = {
    add(name, list) {
      const part = parts[loaded];
      if (!part || part.name !== name) {
        return;
      }
      let i = 0;
      const step = () => {
        const chunk = [];
        for (const end = Math.min(i + CHUNK, list.length); i < end; i++) {
          const d = { id: docs.length, doc: list[i], part };
          docs.push(d);
          chunk.push(d);
        }
        index.addAll(chunk);
        if (i < list.length) {
          update();
          setTimeout(step, 0);
          return;
        }
        loaded++;
        update();
        setTimeout(loadNext, 0);
      };
      step();
    },
  };

  // update shows the results of the words in the box, once a frame at
  // most.
  function update() {
    if (pending) {
      return;
    }
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      show();
    });
  }

  function show() {
    const q = input.value.trim();
    if (q !== current) {
      current = q;
      shown = PAGE;
    }
    const query = q === "" ? null : buildQuery(q);
    const done = loaded >= parts.length;
    // The list is busy while parts of the index are still to come.
    list.setAttribute("aria-busy", started && !done ? "true" : "false");
    if (query === null) {
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "";
      return;
    }
    const results = index.search(query);
    // A reader who has moved into the results stays on the same link
    // when more parts of the index come in.
    const focused = list.contains(document.activeElement) ? document.activeElement.getAttribute("href") : null;
    list.replaceChildren(...results.slice(0, shown).map(item));
    if (focused !== null) {
      const again = links().find((a) => a.getAttribute("href") === focused);
      (again || input).focus();
    }
    more.hidden = results.length <= shown;
    const count = numbers.number(config.numbers, results.length);
    if (results.length === 0) {
      status.textContent = done ? text("none", { query: q }) : text("loading");
    } else if (!done) {
      status.textContent = text("partial", { count });
    } else {
      status.textContent = results.length === 1 ? text("count_one") : text("count", { count });
    }
  }

  // item is the list item of one result: the page's title as a link, its
  // kind, and the part of its text that matched.
  function item(result) {
    const d = docs[result.id];
    const terms = new Set(result.terms.map(fold));
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = config.root + d.doc[PATH];
    marked(a, d.doc[TITLE], terms);
    const kind = document.createElement("span");
    kind.className = "search-kind";
    kind.textContent = d.part.year ? text(d.part.kind) + " · " + d.part.year : text(d.part.kind);
    li.append(a, " ", kind);
    const excerpt = snippet(d.doc[TEXT], terms) || snippet(d.doc[SHORT], terms) || opening(d.doc[TEXT] || d.doc[SHORT]);
    if (excerpt) {
      const p = document.createElement("p");
      marked(p, excerpt, terms);
      li.append(p);
    }
    return li;
  }

  // opening is the start of s, for a page that matched by its title.
  function opening(s) {
    return s.length > 160 ? cut(s, 0, 160) : s;
  }

  // snippet is the part of s around the first word that matched, or ""
  // when none did.
  function snippet(s, terms) {
    wordPattern.lastIndex = 0;
    for (let m; (m = wordPattern.exec(s)) !== null; ) {
      if (terms.has(fold(m[0]))) {
        const from = Math.max(0, m.index - 60);
        return cut(s, from, from + 180);
      }
    }
    return "";
  }

  // cut is s from from to to, moved out to whole words, with "…" where
  // text is left out.
  function cut(s, from, to) {
    if (from > 0) {
      const space = s.lastIndexOf(" ", from);
      from = space < 0 ? 0 : space + 1;
    }
    if (to < s.length) {
      const space = s.indexOf(" ", to);
      to = space < 0 ? s.length : space;
    }
    return (from > 0 ? "… " : "") + s.slice(from, to) + (to < s.length ? " …" : "");
  }

  // marked writes s into el, each word that matched in a <mark>.
  function marked(el, s, terms) {
    let last = 0;
    wordPattern.lastIndex = 0;
    for (let m; (m = wordPattern.exec(s)) !== null; ) {
      if (!terms.has(fold(m[0]))) {
        continue;
      }
      if (m.index > last) {
        el.append(s.slice(last, m.index));
      }
      const mark = document.createElement("mark");
      mark.textContent = m[0];
      el.append(mark);
      last = m.index + m[0].length;
    }
    if (last < s.length) {
      el.append(s.slice(last));
    }
  }

  // Arrow keys move between the box and the results' links.
  function links() {
    return Array.from(list.querySelectorAll("a"));
  }
  function arrows(e) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") {
      return;
    }
    const all = links();
    const at = all.indexOf(document.activeElement);
    let next = null;
    if (e.key === "ArrowDown") {
      next = at < 0 ? all[0] : all[at + 1];
    } else if (at === 0) {
      next = input;
    } else if (at > 0) {
      next = all[at - 1];
    }
    if (next) {
      e.preventDefault();
      next.focus();
    }
  }
  input.addEventListener("keydown", arrows);
  list.addEventListener("keydown", arrows);

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    load();
    remember();
    show();
  });
  input.addEventListener("focus", load);
  input.addEventListener("input", () => {
    load();
    update();
  });
  input.addEventListener("change", remember);
  more.addEventListener("click", () => {
    const first = list.children.length;
    shown += PAGE;
    show();
    const link = list.children[first] && list.children[first].querySelector("a");
    if (link) {
      link.focus();
    }
  });

  // remember puts the words in the address, so that the page can be
  // bookmarked or reloaded; browsers that refuse it for file:// pages
  // keep the address as it is.
  function remember() {
    try {
      const url = new URL(location.href);
      url.searchParams.set("q", input.value.trim());
      history.replaceState(null, "", url.href);
    } catch (err) {
      // Not worth telling the reader.
    }
  }

  const q = new URLSearchParams(location.search).get("q");
  if (q) {
    input.value = q;
    load();
    show();
  }
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
