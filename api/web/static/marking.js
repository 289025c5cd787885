// Text marking for Marsad's pages: search matches found in displayed text
// the way the search folds it, highlights read from the API's markup, and
// text drawn with its figures, speakers, entities and matches as isolated
// spans (correct bidi). Re-exported by common.js, which pages import.

import { h } from './common.js';

// ---- Matching search terms in displayed text ---------------------------

const AR_DIACRITICS = /[\u064B-\u065F\u0670\u0640]/;
const AR_LETTER = /[\u0621-\u064A\u0671-\u06D3]/;

function foldChar(c) {
  if (AR_DIACRITICS.test(c)) return '';
  if ('أإآٱ'.includes(c)) return 'ا';
  if (c === 'ى') return 'ي';
  if (c === 'ة') return 'ه';
  const ar = '٠١٢٣٤٥٦٧٨٩'.indexOf(c);
  if (ar >= 0) return String(ar);
  const fa = '۰۱۲۳۴۵۶۷۸۹'.indexOf(c);
  if (fa >= 0) return String(fa);
  return c.toLowerCase();
}

/** Returns text folded for matching, with the original index of each folded character. */
function folded(text) {
  let out = '';
  const map = [];
  for (let i = 0; i < text.length; i++) {
    const f = foldChar(text[i]);
    for (let k = 0; k < f.length; k++) {
      out += f[k];
      map.push(i);
    }
  }
  return { text: out, map };
}

const AR_PREFIXES = ['وبال', 'وكال', 'فبال', 'وال', 'فال', 'بال', 'كال', 'لل', 'ال', 'و', 'ف', 'ب', 'ل', 'ك'];
const AR_SUFFIXES = ['ات', 'ون', 'ين', 'ان', 'ها', 'هم', 'ه', 'ي'];
const EN_SUFFIXES = ['ies', 'ing', 'ed', 'es', 's'];

/**
 * Returns the forms a word may take once its affixes are set aside. Every
 * reading is kept (ب may be a preposition or a first letter, as in بيانات),
 * so that two words match when any of their readings agree.
 */
function variants(word) {
  const out = new Set([word]);
  if (AR_LETTER.test(word)) {
    const bases = [word, ...AR_PREFIXES.filter((p) => word.startsWith(p) && word.length - p.length >= 2)
      .map((p) => word.slice(p.length))];
    for (const b of bases) {
      out.add(b);
      for (const x of AR_SUFFIXES) if (b.endsWith(x) && b.length - x.length >= 2) out.add(b.slice(0, -x.length));
    }
    return out;
  }
  for (const x of EN_SUFFIXES) if (word.endsWith(x) && word.length - x.length >= 3) out.add(word.slice(0, -x.length));
  if (word.endsWith('y') && word.length >= 4) out.add(`${word.slice(0, -1)}i`); // deny ~ deni(ed)
  return out;
}

const WORD = /[\p{L}\p{N}]+/gu;
const OPERATORS = new Set(['and', 'or', 'not']);

/** Returns the readings of each word of a query (operators and quotes dropped). */
function queryWords(query) {
  const words = [];
  for (const m of folded(String(query || '')).text.matchAll(WORD)) {
    if (OPERATORS.has(m[0]) || m[0].length < 2) continue;
    words.push([...variants(m[0])].filter((v) => v.length >= 2));
  }
  return words;
}

/**
 * Returns [start, end) ranges of the words of text that match the query, the
 * way the search does: Arabic spelling variants and diacritics folded, common
 * prefixes (و، ب، ال …) and suffixes set aside, English endings trimmed. Used
 * only when the API sent no highlight of its own.
 */
export function matchRanges(text, query) {
  const words = queryWords(query);
  if (!text || !words.length) return [];
  const f = folded(text);
  const ranges = [];
  for (const m of f.text.matchAll(WORD)) {
    const mine = [...variants(m[0])];
    const hit = words.some((qv) => qv.some((q) => mine.some((v) => v === q || (q.length >= 4 && v.startsWith(q)))));
    if (hit) {
      const start = f.map[m.index];
      const end = f.map[m.index + m[0].length - 1] + 1;
      ranges.push([start, end]);
    }
  }
  return ranges;
}

/**
 * Reads a highlighted string from the API ("… <mark>word</mark> …" or with
 * <em>) into plain text plus the ranges that were marked. The string is parsed
 * in a detached document and only its text is kept, so no markup from the API
 * ever reaches the page.
 */
export function parseMarked(markup) {
  const doc = new DOMParser().parseFromString(`<body>${markup}</body>`, 'text/html');
  let text = '';
  const ranges = [];
  const walk = (node, inMark) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        if (inMark) ranges.push([text.length, text.length + child.data.length]);
        text += child.data;
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        walk(child, inMark || ['MARK', 'EM', 'B', 'STRONG'].includes(child.tagName));
      }
    }
  };
  walk(doc.body, false);
  return { text, ranges };
}

/** Returns true when a string carries highlight markup. */
export function hasMarks(s) {
  return typeof s === 'string' && /<(mark|em)\b/i.test(s);
}

// A run of Latin-script words (letters first; inner digits, apostrophes, dots,
// hyphens and ampersands allowed), ending on a letter or digit so that
// sentence punctuation stays with the surrounding text.
const LATIN_WORD = "[A-Za-z\\u00C0-\\u024F](?:[A-Za-z\\u00C0-\\u024F0-9'\u2019&.\\-]*[A-Za-z\\u00C0-\\u024F0-9])?";
const LATIN_RUN = new RegExp(`${LATIN_WORD}(?:\\s+(?:${LATIN_WORD}|[0-9]+(?=\\s|$)))*`, 'g');

/**
 * Returns spans isolating each Latin-script run of right-to-left text in a
 * <bdi dir="ltr">: a name such as "Nebula Networks (NN)" or "Galaxy S24" then
 * keeps its word order, and the punctuation around it stays where the writer put it.
 */
function latinSpans(text) {
  return [...text.matchAll(LATIN_RUN)].map((m) => ({
    start: m.index, end: m.index + m[0].length, cls: 'latin', dir: 'ltr',
  }));
}

/**
 * Returns a fragment showing text with structural spans and highlight ranges.
 *
 * spans: [{start, end, cls, href?, title?}] — figures, speakers, entities; each
 * becomes a <bdi> (or a link with dir="auto", which isolates the same way), so
 * a Latin name or a number keeps its own direction inside Arabic text.
 * Overlapping spans: the earlier (then longer) one wins.
 * highlights: [[start, end)] search matches, drawn as <mark> inside or between spans.
 * isolateLatin: for right-to-left text, isolate Latin-script runs (see latinSpans).
 */
export function markText(text, spans = [], highlights = [], { isolateLatin = false } = {}) {
  const frag = document.createDocumentFragment();
  const put = (parent, str) => parent.appendChild(document.createTextNode(str));
  const valid = (s) => s && s.start >= 0 && s.end > s.start && s.end <= text.length;
  const sorted = spans.filter(valid).sort((a, b) => a.start - b.start || b.end - a.end);
  let kept = [];
  let last = 0;
  for (const s of sorted) {
    if (s.start >= last) {
      kept.push(s);
      last = s.end;
    }
  }
  if (isolateLatin) {
    // Latin runs outside the marked spans (those are isolates already).
    const free = latinSpans(text).filter((l) => !kept.some((s) => l.start < s.end && s.start < l.end));
    kept = [...kept, ...free].sort((a, b) => a.start - b.start);
  }
  const hl = highlights.filter((r) => r[1] > r[0]).sort((a, b) => a[0] - b[0]);
  const withMarks = (parent, from, to) => {
    let pos = from;
    for (const [s, e] of hl) {
      const a = Math.max(s, from);
      const b = Math.min(e, to);
      if (b <= a || a < pos) continue;
      if (a > pos) put(parent, text.slice(pos, a));
      const mark = h('mark');
      put(mark, text.slice(a, b));
      parent.appendChild(mark);
      pos = b;
    }
    if (pos < to) put(parent, text.slice(pos, to));
  };
  let pos = 0;
  for (const s of kept) {
    withMarks(frag, pos, s.start);
    const el = s.href
      ? h('a', { href: s.href, class: s.cls, dir: 'auto', title: s.title })
      : h('bdi', { class: s.cls, title: s.title, dir: s.dir });
    if (s.label) el.setAttribute('aria-label', s.label);
    if (s.data) for (const [k, v] of Object.entries(s.data)) el.dataset[k] = v;
    withMarks(el, s.start, s.end);
    frag.appendChild(el);
    pos = s.end;
  }
  withMarks(frag, pos, text.length);
  return frag;
}
