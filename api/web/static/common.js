// Shared helpers of Marsad's pages: the JSON API, a small DOM builder, the
// shared renderers, and number/date formatting; text marking (figures,
// speakers, entities, search matches, with correct bidi) is in marking.js and
// re-exported here. Untrusted text only ever reaches the page as text nodes:
// nothing from the API is parsed as HTML into the document.

import { hasMarks, markText, matchRanges, parseMarked } from './marking.js';

export { hasMarks, markText, matchRanges, parseMarked };

export const config = JSON.parse(document.getElementById('marsad-config').textContent);

const RTL = new Set(['ar', 'fa', 'ur', 'he']);

/** Returns "rtl" or "ltr" for an ISO 639-1 language code. */
export function dirOf(lang) {
  return RTL.has(String(lang || '').split('-')[0].toLowerCase()) ? 'rtl' : 'ltr';
}

/** Returns the interface string `key` with {name} placeholders filled in. */
export function t(key, vars = {}) {
  // A "<key>_one" string, where the language has one, is the singular of key.
  let s = (vars.n === 1 && config.strings[`${key}_one`]) || config.strings[key] || key;
  for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

/**
 * Returns the interface string `key` as a list of nodes and text, each {name}
 * placeholder replaced by vars[name] (an element such as a <bdi>, or text).
 */
export function tNodes(key, vars = {}) {
  const s = (vars.n === 1 && config.strings[`${key}_one`]) || config.strings[key] || key;
  const out = [];
  let last = 0;
  for (const m of s.matchAll(/\{(\w+)\}/g)) {
    out.push(s.slice(last, m.index));
    const v = vars[m[1]];
    out.push(v === undefined ? m[0] : v);
    last = m.index + m[0].length;
  }
  out.push(s.slice(last));
  return out.filter((x) => x !== '');
}

/** Error of the JSON API, carrying its HTTP status and error code. */
export class ApiError extends Error {
  constructor(message, status, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Returns the URL of an API path with the given query parameters (empty ones left out). */
export function apiUrl(path, params = {}) {
  const url = new URL(config.api + path, location.origin);
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    url.searchParams.set(k, v === true ? 'true' : String(v));
  }
  return url;
}

/** Fetches an API path and returns its JSON; raises ApiError with the API's own message. */
export async function api(path, params = {}, init = {}) {
  const res = await fetch(apiUrl(path, params), { headers: { Accept: 'application/json' }, ...init });
  let body = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) {
    const err = body && body.error;
    throw new ApiError((err && err.message) || `${res.status} ${res.statusText}`, res.status, err && err.code);
  }
  return body;
}

let openapi = null;
/** Returns the names of the query parameters the API documents for a path (empty set if unknown). */
export async function apiParams(path) {
  if (openapi === null) {
    openapi = api('/openapi.json').catch(() => ({}));
  }
  const doc = await openapi;
  const op = doc && doc.paths && doc.paths[path] && doc.paths[path].get;
  const names = new Set();
  for (const p of (op && op.parameters) || []) {
    const param = p.$ref ? resolveRef(doc, p.$ref) : p;
    if (param && param.in === 'query') names.add(param.name);
  }
  return names;
}

function resolveRef(doc, ref) {
  return ref.replace(/^#\//, '').split('/').reduce((node, key) => (node ? node[key] : undefined), doc);
}

/**
 * Builds an element: h('a', {href, class: 'x', dir: 'auto'}, 'text', child, ...).
 * Attributes named on* with a function value become event listeners; null and
 * false attributes and children are skipped; strings become text nodes.
 */
export function h(tag, attrs = {}, ...children) {
  const el = tag === 'svg' || SVG_TAGS.has(tag)
    ? document.createElementNS('http://www.w3.org/2000/svg', tag)
    : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.setAttribute('class', Array.isArray(v) ? v.filter(Boolean).join(' ') : v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

const SVG_TAGS = new Set(['g', 'rect', 'circle', 'line', 'polyline', 'path', 'text', 'title', 'desc', 'tspan']);

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

/** Replaces the content of el with the given children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** Writes a message into a status (live) region, as an error when asked. */
export function setStatus(el, message, isError = false) {
  el.textContent = message;
  el.classList.toggle('error', isError);
}

// ---- Dates and numbers -------------------------------------------------

const uiLocale = config.ui === 'ar' ? 'ar' : 'en-GB';

/** Returns a <time> element showing an ISO date in the interface language. */
export function timeEl(iso, withTime = false) {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return h('bdi', {}, iso);
  const opts = withTime
    ? { dateStyle: 'medium', timeStyle: 'short' }
    : { dateStyle: 'medium' };
  // The date reads in the interface language; <time> keeps it one bidi unit.
  return h('time', { datetime: d.toISOString(), lang: config.ui, dir: config.dir }, new Intl.DateTimeFormat(uiLocale, opts).format(d));
}

/** Returns a short English plural of a counted unit ("user" → "users"). */
function plural(unit, n) {
  if (n === 1) return unit;
  const irregular = { person: 'people', child: 'children', man: 'men', woman: 'women' };
  if (irregular[unit]) return irregular[unit];
  if (/[^aeiou]y$/.test(unit)) return `${unit.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(unit)) return `${unit}es`;
  return `${unit}s`;
}

/**
 * Returns a figure's normalised value as text: money as "€345,000,000", counts
 * as "87,000,000 users", percentages as "13%". Always Latin digits and
 * grouping, so the same value reads the same under an Arabic or English original.
 */
export function formatFigure(fig) {
  const value = Number(fig && fig.value);
  if (!fig || !Number.isFinite(value)) return '';
  const frac = Number.isInteger(value) ? 0 : 2;
  if (fig.kind === 'money' && fig.currency) {
    try {
      return new Intl.NumberFormat('en', {
        style: 'currency', currency: fig.currency, currencyDisplay: 'narrowSymbol',
        minimumFractionDigits: frac, maximumFractionDigits: frac,
      }).format(value);
    } catch {
      // Not an ISO 4217 code Intl knows: show the code itself.
      return `${new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(value)} ${fig.currency}`;
    }
  }
  if (fig.kind === 'percent') {
    return new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 2 }).format(value / 100);
  }
  const n = new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(value);
  return fig.unit ? `${n} ${plural(fig.unit, value)}` : n;
}

// ---- Shared renderers ----------------------------------------------------

/**
 * Returns an article URL fit for a link: http(s) only. The URLs come from
 * crawled pages, and a javascript: or data: URL must never become a link.
 */
export function safeUrl(url) {
  return typeof url === 'string' && /^https?:\/\//i.test(url.trim()) ? url.trim() : null;
}

/** Returns the page URL of an entity. */
export function entityUrl(id) {
  return `${config.base}/entity/${encodeURIComponent(id)}`;
}

/** Returns the page URL of a claim. */
export function claimUrl(id) {
  return `${config.base}/claim/${encodeURIComponent(id)}`;
}

/** Returns the page URL of a story. */
export function storyUrl(id) {
  return `${config.base}/story/${encodeURIComponent(id)}`;
}

/** Returns the start offset of `needle` in text, preferring a hint position, or -1. */
function locate(text, needle, hint) {
  if (!needle) return -1;
  if (hint !== null && hint >= 0 && text.slice(hint, hint + needle.length) === needle) return hint;
  return text.indexOf(needle);
}

// Surface forms of entities seen on this page (id → {name, texts}), so that a
// claim which lists only entity ids can still mark those names in its text.
const knownNames = new Map();

/** Remembers the entity mentions ({id, text, name}) of items such as articles. */
export function learnEntities(items) {
  for (const item of items || []) {
    for (const e of Array.isArray(item.entities) ? item.entities : []) {
      if (!e || typeof e !== 'object' || !e.id || !e.text) continue;
      if (!knownNames.has(e.id)) knownNames.set(e.id, { name: e.name || e.text, texts: new Set() });
      knownNames.get(e.id).texts.add(e.text);
    }
  }
}

/**
 * Returns the spans that mark a claim's figures, entities and speaker inside
 * its text. Offsets from the Analysis (relative to the article) are used when
 * the claim carries them; otherwise the as-written text is looked up.
 */
export function claimSpans(claim, extraEntities = []) {
  const text = claim.text || '';
  const base = typeof claim.start === 'number' ? claim.start : null;
  const spans = [];
  const rel = (obj) => (base !== null && typeof obj.start === 'number' ? obj.start - base : null);
  for (const f of claim.figures || []) {
    if (!f || typeof f !== 'object') continue;
    const s = locate(text, f.text, rel(f));
    if (s < 0) continue;
    const value = formatFigure(f);
    spans.push({ start: s, end: s + f.text.length, cls: 'fig', title: value, data: { value } });
  }
  const ents = [...(claim.entities || []).filter((e) => e && typeof e === 'object'), ...extraEntities];
  for (const e of ents) {
    const s = locate(text, e.text, rel(e));
    if (s < 0) continue;
    const isSpeaker = claim.speaker && e.id && claim.speaker.id === e.id;
    spans.push({
      start: s, end: s + e.text.length, cls: isSpeaker ? 'speaker' : 'ent',
      href: e.id ? entityUrl(e.id) : null, title: e.name || null,
    });
  }
  for (const id of (claim.entities || []).filter((e) => typeof e === 'string')) {
    const known = knownNames.get(id);
    if (!known) continue;
    for (const surface of known.texts) {
      const s = text.indexOf(surface);
      if (s < 0) continue;
      const isSpeaker = claim.speaker && claim.speaker.id === id;
      spans.push({ start: s, end: s + surface.length, cls: isSpeaker ? 'speaker' : 'ent', href: entityUrl(id), title: known.name });
    }
  }
  const sp = claim.speaker;
  if (sp && sp.text) {
    const s = text.indexOf(sp.text);
    if (s >= 0) spans.push({ start: s, end: s + sp.text.length, cls: 'speaker', href: sp.id ? entityUrl(sp.id) : null, title: sp.name || null });
  }
  return spans;
}

/** Returns the speaker of a claim as a marked element (a link to its entity page when known). */
export function speakerEl(speaker) {
  if (!speaker || !(speaker.text || speaker.name)) {
    return h('span', { class: 'speaker unknown', lang: config.ui, dir: config.dir }, t('unknown_speaker'));
  }
  const label = speaker.text || speaker.name;
  const title = speaker.name && speaker.name !== label ? speaker.name : null;
  return speaker.id
    ? h('a', { class: 'speaker', href: entityUrl(speaker.id), dir: 'auto', title }, label)
    : h('bdi', { class: 'speaker', title }, label);
}

/** Returns the kind badge of a claim ("Denial" / "Statement") in the interface language. */
export function kindBadge(kind) {
  const k = kind === 'denial' ? 'denial' : 'statement';
  return h('span', { class: ['kind-badge', k], lang: config.ui, dir: config.dir }, t(k));
}

/** Returns the claim text (with highlight ranges when a query is given) as a fragment. */
function claimTextFragment(claim, query) {
  let text = claim.text || '';
  let ranges = [];
  const marked = claim.highlight && (claim.highlight.text || claim.highlight.text_form || claim.highlight);
  if (typeof marked === 'string' && hasMarks(marked)) {
    const parsed = parseMarked(marked);
    // Only trust API highlights that were made on the text as displayed.
    if (parsed.text === text) ranges = parsed.ranges;
  } else if (Array.isArray(claim.highlights)) {
    ranges = claim.highlights;
  }
  if (!ranges.length && query) ranges = matchRanges(text, query);
  return markText(text, claimSpans(claim), ranges, { isolateLatin: dirOf(claim.lang) === 'rtl' });
}

/**
 * Returns a claim as a result list item: kind badge, speaker, cue and the
 * quoted claim text with figures, entities and matches marked, then its
 * article. The item takes the claim's language and direction; interface
 * labels inside it keep the interface's.
 */
export function claimItem(claim, { query = '', extra = null } = {}) {
  const lang = claim.lang || '';
  const kind = claim.kind === 'denial' ? 'denial' : 'statement';
  return h('li', { class: ['result', 'claim', kind], lang, dir: dirOf(lang), 'data-id': claim.id },
    h('p', { class: 'claim-line' },
      kindBadge(kind), ' ',
      speakerEl(claim.speaker), ' ',
      claim.cue ? h('span', { class: 'cue' }, claim.cue) : null, claim.cue ? ' ' : null,
      h('q', { class: 'quote claim-quote' }, claimTextFragment(claim, query))),
    h('p', { class: 'meta' },
      claim.source ? h('bdi', { class: 'source' }, claim.source) : null,
      timeEl(claim.published),
      claim.title
        ? h('a', { href: safeUrl(claim.url), dir: 'auto', class: 'article-title', rel: 'noopener' },
          markText(claim.title, [], [], { isolateLatin: dirOf(lang) === 'rtl' }))
        : null),
    h('p', { class: 'actions', lang: config.ui, dir: config.dir },
      h('a', { href: claimUrl(claim.id), class: 'open-claim' }, t('open_claim')),
      safeUrl(claim.url) ? h('a', { href: safeUrl(claim.url), rel: 'noopener' }, t('read_article')) : null),
    extra);
}

/** Returns the entity chips of an item whose entities are objects or ids. */
export function entityChips(entities, limit = 8) {
  if (!Array.isArray(entities) || !entities.length) return null;
  const seen = new Set();
  const items = [];
  for (const e of entities) {
    const id = typeof e === 'string' ? e : e && e.id;
    if (!id || seen.has(id)) continue;
    seen.add(id);
    // The name as the article writes it; the display name, when different, as a tooltip.
    const name = typeof e === 'string' ? e : e.text || e.name || id;
    const title = typeof e === 'object' && e.name && e.name !== name ? e.name : null;
    items.push(h('li', {}, h('a', { href: entityUrl(id), dir: 'auto', title }, name)));
    if (items.length >= limit) break;
  }
  return items.length ? h('ul', { class: 'chips entities' }, items) : null;
}

function countOf(v) {
  if (Array.isArray(v)) return v.length;
  return typeof v === 'number' ? v : null;
}

/** Returns the highlighted snippet fragment of an article (API marks, else our own matching). */
function snippetFragment(article, query) {
  const raw = article.snippet || '';
  const opts = { isolateLatin: dirOf(article.lang) === 'rtl' };
  if (hasMarks(raw)) {
    const parsed = parseMarked(raw);
    return markText(parsed.text, [], parsed.ranges, opts);
  }
  return markText(raw, [], query ? matchRanges(raw, query) : [], opts);
}

/**
 * Returns an article as a result list item in its own language and direction.
 * storyLine: leave a slot for "N reports in Arabic and English", filled by
 * fillStoryLines (which also says which report a copy copies).
 */
export function articleItem(article, {
  query = '', isNew = false, showArrival = false, storyLine = false,
} = {}) {
  const lang = article.lang || '';
  const claims = countOf(article.claims ?? article.claims_count);
  const denials = countOf(article.denials ?? article.denials_count);
  let title = article.title || article.url || '';
  let titleRanges = query ? matchRanges(title, query) : [];
  if (hasMarks(article.title_highlight)) {
    const parsed = parseMarked(article.title_highlight);
    if (parsed.text === title) titleRanges = parsed.ranges;
  }
  return h('li', {
    class: ['result', 'article', isNew && 'is-new'], lang, dir: dirOf(lang), 'data-id': article.id,
    'data-duplicate-of': article.duplicate_of || null,
  },
    h('h3', { class: 'title' },
      isNew ? h('span', { class: 'new-badge', lang: config.ui, dir: config.dir }, t('new_badge')) : null,
      h('a', { href: safeUrl(article.url), rel: 'noopener' }, markText(title, [], titleRanges, { isolateLatin: dirOf(lang) === 'rtl' }))),
    h('p', { class: 'meta' },
      article.source ? h('bdi', { class: 'source' }, article.source) : null,
      timeEl(article.published || article.fetched, true),
      showArrival && article.indexed
        ? h('span', { class: 'arrival', lang: config.ui, dir: config.dir }, t('indexed_at'), ' ', timeEl(article.indexed, true))
        : null,
      claims ? h('span', { lang: config.ui, dir: config.dir }, t('claims_n', { n: claims })) : null,
      denials ? h('span', { lang: config.ui, dir: config.dir }, t('denials_n', { n: denials })) : null),
    article.snippet ? h('p', { class: 'snippet' }, snippetFragment(article, query)) : null,
    entityChips(Array.isArray(article.entities) ? article.entities : null),
    storyLine && article.story
      ? h('p', { class: 'story-line', 'data-story': article.story, lang: config.ui, dir: config.dir, hidden: true })
      : null);
}

// ---- Stories -------------------------------------------------------------------

/** Returns the languages of a story as words ("Arabic and English"), in the interface language. */
export function langsText(langs) {
  const set = new Set(langs || []);
  if (set.has('ar') && set.has('en')) return t('in_ar_en');
  if (set.has('ar')) return t('in_ar');
  if (set.has('en')) return t('in_en');
  return [...set].join(', ');
}

/** Returns {text, lang} of a story's title: the interface language's when the story has one. */
export function storyTitle(story) {
  const titles = (story && story.titles) || {};
  const lang = titles[config.ui] ? config.ui : ['en', 'ar', ...Object.keys(titles)].find((l) => titles[l]);
  return lang ? { text: titles[lang], lang } : { text: (story && story.id) || '', lang: '' };
}

/** Returns the number of reports of a story (copies excluded), whichever way the API counts them. */
export function reportCount(story) {
  if (typeof story.article_count === 'number') return story.article_count;
  if (typeof story.articles === 'number') return story.articles;
  return Array.isArray(story.articles) ? story.articles.filter((a) => !a.duplicate_of).length : 0;
}

const stories = new Map(); // story id → promise of the story (with its articles and claim groups)

/**
 * Returns the story with this id from /stories/{id}, once per page (fresh when
 * asked). An absorbed id answers with the story that absorbed it.
 */
export function getStory(id, { fresh = false } = {}) {
  if (fresh || !stories.has(id)) {
    const p = api(`/stories/${encodeURIComponent(id)}`);
    stories.set(id, p);
    p.catch(() => stories.delete(id));
  }
  return stories.get(id);
}

/** Returns the link "N reports in Arabic and English" to a story's page. */
export function storyLink(story) {
  const n = reportCount(story);
  return h('a', { href: storyUrl(story.id), class: 'story-link' }, t('reports_in', { n, langs: langsText(story.langs) }));
}

/**
 * Fills the story slots left by articleItem under root: each becomes a link to
 * its story's page, for stories of more than one report. Resolves once all
 * are filled (a story that cannot be read leaves its slot hidden).
 */
export async function fillStoryLines(root, { fresh = false } = {}) {
  const slots = [...root.querySelectorAll('.story-line[data-story]:not([data-filled])')];
  const ids = [...new Set(slots.map((s) => s.dataset.story))];
  const found = new Map(await Promise.all(ids.map((id) => getStory(id, { fresh }).then((st) => [id, st], () => [id, null]))));
  for (const slot of slots) {
    const story = found.get(slot.dataset.story);
    slot.dataset.filled = '1';
    if (!story) continue;
    const item = slot.closest('li.result');
    if (item && item.dataset.duplicateOf) noteCopy(item, story);
    if (reportCount(story) < 2) continue;
    fill(slot, storyLink(story));
    slot.hidden = false;
  }
}

/** Says under a copy shown on its own (its original elsewhere) which outlet's report it copies. */
function noteCopy(item, story) {
  const orig = (Array.isArray(story.articles) ? story.articles : []).find((a) => a.id === item.dataset.duplicateOf);
  if (!orig || item.querySelector(':scope > .copy-note')) return;
  item.querySelector(':scope > .meta').after(h('p', { class: 'copy-note', lang: config.ui, dir: config.dir },
    h('span', { class: 'copy-badge' }, t('copy_badge')), ' ',
    orig.source ? tNodes('copy_of', { source: h('bdi', {}, orig.source) }) : null));
}

/** Returns one copy of a report as a short list item: outlet, time and its headline. */
export function copyEntry(article) {
  const lang = article.lang || '';
  return h('li', { class: 'copy', lang, dir: dirOf(lang), 'data-id': article.id },
    article.source ? h('bdi', { class: 'source' }, article.source) : null, ' ',
    timeEl(article.published, true), ' ',
    h('a', { href: safeUrl(article.url), rel: 'noopener', dir: 'auto' },
      markText(article.title || article.url || '', [], [], { isolateLatin: dirOf(lang) === 'rtl' })));
}

/**
 * Folds copies under their original inside item (a result list item): a
 * "+N copies" disclosure listing each copy, created on the first and counted up after.
 */
export function addCopies(item, copies) {
  if (!copies.length) return;
  let box = item.querySelector(':scope > details.copies');
  if (!box) {
    box = h('details', { class: 'copies', lang: config.ui, dir: config.dir },
      h('summary', {}), h('ul', { class: 'copy-list' }));
    const anchor = item.querySelector(':scope > .story-line');
    item.insertBefore(box, anchor);
  }
  const list = box.querySelector('ul');
  for (const c of copies) if (!list.querySelector(`[data-id="${CSS.escape(c.id)}"]`)) list.append(copyEntry(c));
  const n = list.children.length;
  box.querySelector('summary').textContent = t('copies_n', { n });
  item.dataset.copies = String(n);
}

/**
 * Lets ArrowDown/ArrowUp move between the items of result lists (each item's
 * first link), in addition to Tab.
 */
export function arrowNavigation(root) {
  root.addEventListener('keydown', (ev) => {
    if (ev.key !== 'ArrowDown' && ev.key !== 'ArrowUp') return;
    const item = ev.target.closest && ev.target.closest('.result');
    if (!item) return;
    const list = [...root.querySelectorAll('.result')];
    const i = list.indexOf(item) + (ev.key === 'ArrowDown' ? 1 : -1);
    if (i < 0 || i >= list.length) return;
    const target = list[i].querySelector('a[href]');
    if (target) {
      ev.preventDefault();
      target.focus();
    }
  });
}

/** Reads the pages of a list endpoint, 100 items a page, up to maxPages pages, and returns the items. */
export async function readAll(path, params, maxPages) {
  const items = [];
  let cursor = null;
  for (let page = 0; page < maxPages; page++) {
    const res = await api(path, { ...params, size: 100, cursor });
    items.push(...((res && res.items) || []));
    cursor = res && res.next_cursor;
    if (!cursor) break;
  }
  return items;
}
