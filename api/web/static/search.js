// The search page: one box over /articles and /claims, filters, cursor paging.
// The page's state lives in its URL (?q=&lang=&source=&since=&until=&entity=
// &claims_only=1&denials_only=1), so a search can be bookmarked, shared and
// reloaded, and the form also works as a plain GET form. An article whose
// original (duplicate_of) is among the results is folded under it ("+1 copy"),
// and each article links to its story when other outlets or the other
// language reported it too ("4 reports in Arabic and English").

import {
  addCopies, api, apiParams, arrowNavigation, articleItem, claimItem, fill, fillStoryLines, h, learnEntities,
  setStatus, t,
} from './common.js';

const DEFAULT_PAGE_SIZE = 10;
const form = document.getElementById('search-form');
const status = document.getElementById('status');
const entityInput = document.getElementById('f-entity');
const entityOptions = document.getElementById('entity-options');
const sourceOptions = document.getElementById('source-options');
const FIELDS = ['q', 'lang', 'source', 'since', 'until', 'entity'];
const CHECKS = ['claims_only', 'denials_only'];

const sections = {
  claims: {
    path: '/claims',
    section: document.getElementById('claims-section'),
    list: document.getElementById('claims-list'),
    count: document.getElementById('claims-count'),
    more: document.getElementById('claims-more'),
    render: (item, q) => claimItem(item, { query: q }),
  },
  articles: {
    path: '/articles',
    section: document.getElementById('articles-section'),
    list: document.getElementById('articles-list'),
    count: document.getElementById('articles-count'),
    more: document.getElementById('articles-more'),
    render: (item, q) => articleItem(item, { query: q, storyLine: true }),
  },
};

// The articles shown at the top level of the list (id → {item, article}); copies are folded inside them.
const shownArticles = new Map();

/**
 * Returns the list items of a page of articles, copies folded: a copy whose
 * original is on this page or an earlier one goes under it, and a copy shown
 * on an earlier page moves under its original when that arrives.
 */
function placeArticles(items, q) {
  const onPage = new Set(items.map((a) => a.id));
  const copies = new Map(); // original id → copies waiting for it
  const nodes = [];
  for (const a of items) {
    const orig = a.duplicate_of;
    if (orig && (onPage.has(orig) || shownArticles.has(orig)) && orig !== a.id) {
      if (!copies.has(orig)) copies.set(orig, []);
      copies.get(orig).push(a);
      continue;
    }
    const item = sections.articles.render(a, q);
    shownArticles.set(a.id, { item, article: a });
    nodes.push(item);
  }
  for (const [id, entry] of shownArticles) {
    const orig = entry.article.duplicate_of;
    if (orig && onPage.has(orig) && shownArticles.has(orig) && entry.item.isConnected) {
      entry.item.remove();
      shownArticles.delete(id);
      if (!copies.has(orig)) copies.set(orig, []);
      copies.get(orig).push(entry.article);
    }
  }
  for (const [orig, list] of copies) {
    const target = shownArticles.get(orig);
    if (target) addCopies(target.item, list);
  }
  return nodes;
}

let generation = 0; // a newer search makes the answers of older ones stale
const sourcesSeen = new Set();

/** Returns the search state held in a URLSearchParams. */
function stateFrom(params) {
  const s = {};
  for (const k of FIELDS) s[k] = (params.get(k) || '').trim();
  for (const k of CHECKS) s[k] = params.get(k) === '1' || params.get(k) === 'true' || params.get(k) === 'on';
  if (s.denials_only) s.claims_only = true; // denials are claims
  s.size = pageSize(params.get('size'));
  return s;
}

/** Returns the page size asked for in the URL (?size=, 1..50), else the default. */
function pageSize(raw) {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 50 ? n : DEFAULT_PAGE_SIZE;
}

function formState() {
  const s = {};
  for (const k of FIELDS) s[k] = (form.elements[k].value || '').trim();
  for (const k of CHECKS) s[k] = form.elements[k].checked;
  s.size = pageSize(new URLSearchParams(location.search).get('size'));
  return s;
}

function showState(s) {
  for (const k of FIELDS) form.elements[k].value = s[k];
  for (const k of CHECKS) form.elements[k].checked = s[k];
}

function urlFor(s) {
  const p = new URLSearchParams();
  for (const k of FIELDS) if (s[k]) p.set(k, s[k]);
  for (const k of CHECKS) if (s[k]) p.set(k, '1');
  if (s.size !== DEFAULT_PAGE_SIZE) p.set('size', String(s.size));
  const qs = p.toString();
  return qs ? `${location.pathname}?${qs}` : location.pathname;
}

/** Keeps the language switch pointing at this very search. */
function updateSwitch() {
  const link = document.getElementById('lang-switch');
  const url = new URL(link.href, location.origin);
  const here = new URLSearchParams(location.search);
  here.set('ui', url.searchParams.get('ui'));
  link.href = `${location.pathname}?${here}`;
}

/** Returns the date filter as the API reads it; "until" covers the whole day chosen. */
function dateParam(value, endOfDay) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value || undefined;
  return endOfDay ? `${value}T23:59:59Z` : `${value}T00:00:00Z`;
}

/** Resolves what the user typed in the entity box to an entity id (the id itself, an alias, or a prefix). */
async function resolveEntity(value) {
  if (!value) return { id: '' };
  const option = [...entityOptions.options].find((o) => o.value === value);
  if (option) return { id: value, name: option.label };
  try {
    const res = await api('/entities', { q: value, size: 5 });
    const items = (res && res.items) || [];
    const lower = value.toLowerCase();
    const exact = items.find((e) => e.id === value
      || (e.name || '').toLowerCase() === lower
      || (e.aliases || []).some((a) => a.toLowerCase() === lower));
    const hit = exact || items[0];
    if (hit) return { id: hit.id, name: hit.name };
  } catch {
    // Fall through: the text is used as an id, and the API says if it is not one.
  }
  return { id: value };
}

let suggestTimer = null;
/** Offers entity names in both scripts as the user types (value: id, label: names). */
function suggestEntities() {
  clearTimeout(suggestTimer);
  const value = entityInput.value.trim();
  if (value.length < 2) return;
  suggestTimer = setTimeout(async () => {
    try {
      const res = await api('/entities', { q: value, size: 8 });
      fill(entityOptions, ((res && res.items) || []).map((e) => {
        const names = [e.name, ...(e.aliases || []).filter((a) => a !== e.name)].slice(0, 3).join(' · ');
        return h('option', { value: e.id, label: names }, names);
      }));
    } catch {
      // Suggestions are a convenience; the search itself reports errors.
    }
  }, 200);
}

function noteSources(items) {
  let added = false;
  for (const it of items) {
    if (it.source && !sourcesSeen.has(it.source)) {
      sourcesSeen.add(it.source);
      added = true;
    }
  }
  if (added) fill(sourceOptions, [...sourcesSeen].sort().map((s) => h('option', { value: s })));
}

/** Builds the API parameters of one result kind, leaving out those the API does not document. */
async function paramsFor(kind, s, entityId) {
  const p = {
    q: s.q, lang: s.lang, entity: entityId, size: s.size,
    since: dateParam(s.since, false), until: dateParam(s.until, true),
  };
  if (kind === 'claims' && s.denials_only) p.kind = 'denial';
  if (s.source) {
    const known = await apiParams(`/${kind}`);
    // /claims may not filter by source: then the page filters what comes back.
    if (kind === 'articles' || known.has('source')) p.source = s.source;
  }
  return p;
}

/** Fetches one page of a result kind; returns {res, items} (null when a newer search started). */
async function fetchPage(kind, s, entityId, cursor, gen) {
  const sec = sections[kind];
  const params = await paramsFor(kind, s, entityId);
  if (cursor) params.cursor = cursor;
  sec.more.disabled = true;
  sec.list.setAttribute('aria-busy', 'true');
  let res;
  try {
    res = await api(sec.path, params);
  } finally {
    sec.list.removeAttribute('aria-busy');
  }
  if (gen !== generation) return null;
  let items = (res && res.items) || [];
  if (s.source && !('source' in params)) items = items.filter((it) => it.source === s.source);
  return { res, items };
}

/** Appends a fetched page to its list; focus moves to its first result when asked. */
function showPage(kind, page, s, focusFirst) {
  const sec = sections[kind];
  noteSources(page.items);
  const nodes = kind === 'articles' ? placeArticles(page.items, s.q) : page.items.map((it) => sec.render(it, s.q));
  sec.list.append(...nodes);
  sec.next = page.res.next_cursor || null;
  sec.more.hidden = !sec.next;
  sec.more.disabled = false;
  if (focusFirst && nodes.length) {
    const link = nodes[0].querySelector('a[href]');
    if (link) link.focus();
  }
}

function totalOf(res) {
  if (!res) return 0;
  const total = res.total;
  if (typeof total === 'number') return total;
  if (total && typeof total.value === 'number') return total.value;
  return (res.items || []).length;
}

/** Runs the search held in state s, replacing all results. */
async function run(s) {
  const gen = ++generation;
  const wantArticles = !s.claims_only && !s.denials_only;
  document.querySelector('.results').classList.toggle('one', !wantArticles);
  sections.articles.section.hidden = !wantArticles;
  shownArticles.clear();
  for (const sec of Object.values(sections)) {
    sec.list.replaceChildren();
    sec.count.textContent = '';
    sec.more.hidden = true;
    sec.next = null;
  }
  setStatus(status, t('loading'));
  document.body.dataset.state = 'loading';
  try {
    const entity = await resolveEntity(s.entity);
    if (gen !== generation) return;
    const [claims, articles] = await Promise.all([
      fetchPage('claims', s, entity.id, null, gen),
      wantArticles ? fetchPage('articles', s, entity.id, null, gen) : Promise.resolve(null),
    ]);
    if (gen !== generation || !claims) return;
    // The articles' entity mentions let the claims mark names they list only by id.
    if (articles) {
      learnEntities(articles.items);
      showPage('articles', articles, s, false);
    }
    showPage('claims', claims, s, false);
    // The stories of the articles found, read once each, before the page says it is done.
    if (articles) await fillStoryLines(sections.articles.list);
    if (gen !== generation) return;
    const nClaims = totalOf(claims.res);
    const nArticles = totalOf(articles && articles.res);
    sections.claims.count.textContent = `(${nClaims})`;
    if (wantArticles) sections.articles.count.textContent = `(${nArticles})`;
    const message = wantArticles
      ? t('results_status', { claims: nClaims, articles: nArticles })
      : t('results_count', { n: nClaims });
    setStatus(status, nClaims + nArticles ? message : t('no_results'));
    document.body.dataset.state = 'done';
  } catch (err) {
    if (gen === generation) {
      setStatus(status, t('error', { msg: err.message }), true);
      document.body.dataset.state = 'error';
    }
  }
}

for (const [kind, sec] of Object.entries(sections)) {
  sec.more.addEventListener('click', async () => {
    const s = stateFrom(new URLSearchParams(location.search));
    try {
      const entity = await resolveEntity(s.entity);
      const page = await fetchPage(kind, s, entity.id, sec.next, generation);
      if (page) {
        if (kind === 'articles') learnEntities(page.items);
        showPage(kind, page, s, true);
        if (kind === 'articles') await fillStoryLines(sec.list);
      }
    } catch (err) {
      sec.more.disabled = false;
      setStatus(status, t('error', { msg: err.message }), true);
    }
  });
}

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const s = formState();
  history.pushState(null, '', urlFor(s));
  updateSwitch();
  run(s);
});

// Denials are claims: ticking "denials only" implies "claims only".
form.elements.denials_only.addEventListener('change', () => {
  if (form.elements.denials_only.checked) form.elements.claims_only.checked = true;
});
form.elements.claims_only.addEventListener('change', () => {
  if (!form.elements.claims_only.checked) form.elements.denials_only.checked = false;
});

window.addEventListener('popstate', () => {
  const s = stateFrom(new URLSearchParams(location.search));
  showState(s);
  updateSwitch();
  run(s);
});

entityInput.addEventListener('input', suggestEntities);
arrowNavigation(document.querySelector('.results'));

// First load: show what the URL asks for (the newest items when it asks nothing).
const initial = stateFrom(new URLSearchParams(location.search));
showState(initial);
// On a phone the filters fold away unless one is in use, so results come into view.
const filtering = ['lang', 'source', 'since', 'until', 'entity'].some((k) => initial[k]) || initial.claims_only;
if (window.matchMedia('(max-width: 30rem)').matches && !filtering) {
  document.getElementById('filters-box').open = false;
}
run(initial);
