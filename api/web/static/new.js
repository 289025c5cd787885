// The editors' "new since" view. It lists the newest articles grouped by
// story (one row per story, its articles inside, newest first), marks those
// that arrived since the reader's last visit (a timestamp kept in
// localStorage), and polls the API's new-articles feed so that articles appear
// as they are indexed, without reloading the page: an arrival joins its
// story's row, which moves to the top.

import {
  api, arrowNavigation, articleItem, config, dirOf, fill, getStory, h, markText, reportCount, setStatus, storyLink,
  storyTitle, storyUrl, t, timeEl, tNodes,
} from './common.js';

const $ = (id) => document.getElementById(id);
const list = $('new-list');
const summary = $('new-summary');
const status = $('status');
const SEEN_KEY = 'marsad.new.lastSeen';
const FIRST_PAGE = 30;
const FIRST_PAGES = 10; // at most 1,000 articles since the last visit are listed at once
const LOOKBACK_MS = 24 * 3600 * 1000;
const pollMs = Math.max(1, Number(config.poll_seconds) || 30) * 1000;
const baseTitle = document.title;

const shown = new Map(); // article id → list item, so a re-sent article is never shown twice
const rows = new Map(); // story id (its own or one it absorbed) → the story's row
const articles = new WeakMap(); // list item → its article
let cursor = null; // the feed's cursor: where the next poll continues
let lastVisit = null;
let unseen = 0; // articles that arrived while the page was hidden, for the tab title

function readLastVisit() {
  try {
    const v = localStorage.getItem(SEEN_KEY);
    return v && !Number.isNaN(Date.parse(v)) ? v : null;
  } catch {
    return null; // storage disabled: every visit is a first visit
  }
}

function saveSeen(iso) {
  try {
    const prev = localStorage.getItem(SEEN_KEY);
    if (!prev || Date.parse(iso) > Date.parse(prev)) localStorage.setItem(SEEN_KEY, iso);
  } catch {
    // Without storage the marker simply starts afresh next time.
  }
}

/** Returns the time an article reached Marsad (indexed, else fetched, else published). */
function arrival(a) {
  return a.indexed || a.fetched || a.published || null;
}

function isNewSinceVisit(a) {
  const at = arrival(a);
  return lastVisit === null || (at !== null && Date.parse(at) > Date.parse(lastVisit));
}

/** Returns true when item a comes before b: later arrival first, then later publication. */
function newer(a, b) {
  const ta = Date.parse(a.dataset.arrival) || 0;
  const tb = Date.parse(b.dataset.arrival) || 0;
  if (ta !== tb) return ta > tb;
  return (Date.parse(a.dataset.published) || 0) > (Date.parse(b.dataset.published) || 0);
}

// ---- Story rows ------------------------------------------------------------------

/** Returns the row key of an article: its story, or the article itself when it has none. */
function rowKey(a) {
  return a.story || `article:${a.id}`;
}

/** Writes a row's heading: the story's title (a link to its page) and how widely it was reported. */
function showStory(row, story) {
  const title = storyTitle(story);
  fill(row.querySelector('.story-title'),
    h('a', { href: storyUrl(story.id), lang: title.lang || null, dir: title.lang ? dirOf(title.lang) : 'auto' },
      markText(title.text, [], [], { isolateLatin: dirOf(title.lang) === 'rtl' })));
  const meta = row.querySelector('.story-reports');
  if (reportCount(story) > 1) fill(meta, storyLink(story));
  else meta.replaceChildren();
  row.dataset.story = story.id;
  row.dataset.reports = String(reportCount(story));
  rows.set(story.id, row);
  markSingle(row);
}

/** A row holding the one report of its story needs no heading of its own: it shows as the report alone. */
function markSingle(row) {
  const items = row.querySelectorAll('.story-articles > li.result').length;
  row.classList.toggle('single', items === 1 && Number(row.dataset.reports || 1) <= 1);
}

/** Returns a new, empty row for a story, headed by its first article's title until the story is read. */
function newRow(key, first) {
  const lang = first.lang || '';
  const row = h('li', { class: 'story-row', 'data-story': first.story || null, 'data-arrival': '' },
    h('div', { class: 'story-head' },
      h('h2', { class: 'story-title' },
        h('span', { lang, dir: dirOf(lang) }, markText(first.title || first.url || '', [], [],
          { isolateLatin: dirOf(lang) === 'rtl' }))),
      h('p', { class: 'story-meta' },
        h('span', { class: 'story-new-count new-badge', hidden: true }),
        h('span', { class: 'story-reports' }))),
    h('ol', { class: 'result-list story-articles' }));
  rows.set(key, row);
  return row;
}

/**
 * Reads the stories of the given rows and heads each with its title; rows of
 * one story (an id another absorbed) are joined into one.
 */
async function headRows(keys, { fresh = false } = {}) {
  await Promise.all([...new Set(keys)].filter((k) => !k.startsWith('article:')).map(async (key) => {
    let story;
    try {
      story = await getStory(key, { fresh });
    } catch {
      return; // the row keeps its first article's title
    }
    const row = rows.get(key);
    const survivor = rows.get(story.id);
    if (survivor && survivor !== row && row) {
      // Two rows of one story: the articles move into the surviving row.
      for (const li of [...row.querySelectorAll('.story-articles > li')]) placeInRow(survivor, li);
      row.remove();
      rows.set(key, survivor);
      updateRow(survivor);
      showStory(survivor, story);
      return;
    }
    if (row) showStory(row, story);
  }));
}

/** Puts an article item into a row: newest first, a copy right after the report it copies. */
function placeInRow(row, li) {
  const ol = row.querySelector('.story-articles');
  const a = articles.get(li);
  const orig = a && a.duplicate_of && ol.querySelector(`:scope > li[data-id="${CSS.escape(a.duplicate_of)}"]`);
  if (orig) {
    let after = orig;
    while (after.nextElementSibling && after.nextElementSibling.classList.contains('is-copy')) after = after.nextElementSibling;
    li.classList.add('is-copy');
    if (!li.querySelector(':scope > .copy-note')) {
      const source = articles.get(orig).source;
      li.querySelector(':scope > .meta').after(h('p', { class: 'copy-note', lang: config.ui, dir: config.dir },
        h('span', { class: 'copy-badge' }, t('copy_badge')), ' ',
        source ? tNodes('copy_of', { source: h('bdi', {}, source) }) : null));
    }
    ol.insertBefore(li, after.nextElementSibling);
    return;
  }
  const before = [...ol.children].find((x) => !x.classList.contains('is-copy') && newer(li, x));
  ol.insertBefore(li, before || null);
  // Copies already in the row that copy this report move under it.
  for (const other of [...ol.children]) {
    const oa = articles.get(other);
    if (other !== li && oa && oa.duplicate_of === a.id && !other.classList.contains('is-copy')) placeInRow(row, other);
  }
}

/** Updates a row's arrival time, its "N new" badge and its place among the rows. */
function updateRow(row) {
  const items = [...row.querySelectorAll('.story-articles > li.result')];
  const latest = items.reduce((best, li) => (!best || newer(li, best) ? li : best), null);
  row.dataset.arrival = latest ? latest.dataset.arrival : '';
  row.dataset.published = latest ? latest.dataset.published : '';
  markSingle(row);
  const fresh = items.filter((li) => li.classList.contains('is-new')).length;
  row.classList.toggle('is-new', fresh > 0);
  const badge = row.querySelector('.story-new-count');
  badge.hidden = fresh === 0;
  badge.textContent = t('story_new_n', { n: fresh });
  const others = [...list.querySelectorAll(':scope > .story-row')].filter((r) => r !== row);
  const before = others.find((r) => newer(row, r));
  if (row.nextElementSibling !== (before || null) || row.parentNode !== list) list.insertBefore(row, before || null);
}

/** Places the "seen before" divider before the first row with nothing new. */
function placeDivider() {
  list.querySelectorAll('.seen-divider').forEach((d) => d.remove());
  if (lastVisit === null) return;
  const all = [...list.querySelectorAll(':scope > .story-row')];
  const firstOld = all.find((row) => !row.classList.contains('is-new'));
  if (firstOld && firstOld !== all[0]) {
    list.insertBefore(h('li', { class: 'seen-divider', role: 'separator', lang: config.ui, dir: config.dir },
      t('seen_before')), firstOld);
  }
}

function updateSummary() {
  const n = list.querySelectorAll('.result.is-new').length;
  if (lastVisit === null) summary.textContent = t('first_visit');
  else summary.textContent = n ? t('new_count', { n }) : t('new_none');
  document.title = unseen ? `(${unseen}) ${baseTitle}` : baseTitle;
}

function newestArrival(items) {
  let best = null;
  for (const a of items) {
    const at = arrival(a);
    if (at && (best === null || Date.parse(at) > Date.parse(best))) best = at;
  }
  return best;
}

/** Inserts articles into their story rows; returns the ids of the stories whose rows changed. */
function insert(items, { arrived = false } = {}) {
  const touched = new Set();
  const keys = new Set();
  for (const a of items) {
    if (!a || !a.id || shown.has(a.id)) continue;
    const li = articleItem(a, { isNew: arrived || isNewSinceVisit(a), showArrival: true });
    li.dataset.arrival = arrival(a) || '';
    li.dataset.published = a.published || '';
    if (arrived) li.classList.add('just-arrived');
    articles.set(li, a);
    const key = rowKey(a);
    const row = rows.get(key) || newRow(key, a);
    placeInRow(row, li);
    shown.set(a.id, li);
    touched.add(row);
    if (a.story) keys.add(key);
  }
  for (const row of touched) updateRow(row);
  return [...keys];
}

/** Returns the cursor of a feed response, whichever name the API gives it. */
function cursorOf(res) {
  return (res && (res.next_cursor || res.cursor)) || null;
}

/**
 * Reads the feed from where the last read stopped (its cursor, or failing
 * that a timestamp a little before the last poll) until it has nothing more,
 * and returns the articles it sent. Articles already shown are skipped later,
 * so an overlap never shows one twice.
 */
async function drain(maxPages = 20) {
  const got = [];
  for (let page = 0; page < maxPages; page++) {
    const params = cursor ? { cursor, size: 100 } : { since: sinceStamp, size: 100 };
    const res = await api('/articles/new', params);
    const items = (res && res.items) || [];
    got.push(...items);
    const next = cursorOf(res);
    if (next) cursor = next;
    // More waiting only when the API says so, or a full page came back with a cursor to follow.
    const more = res && (res.has_more === true || (res.has_more === undefined && next && items.length >= 100));
    if (!more) break;
  }
  return got;
}

let sinceStamp = new Date().toISOString();

async function poll() {
  const started = new Date(Date.now() - 5000).toISOString(); // a little overlap against clock skew
  try {
    const items = await drain();
    if (!cursor) sinceStamp = started;
    const fresh = items.filter((a) => a && a.id && !shown.has(a.id));
    const keys = insert(fresh, { arrived: true });
    if (fresh.length) {
      if (document.hidden) unseen += fresh.length;
      setStatus(status, t('arrived', { n: fresh.length }));
      saveSeen(newestArrival(items));
      placeDivider();
      // A story that grew has new counts (and maybe a title in the other language).
      await headRows(keys, { fresh: true });
      placeDivider();
    }
    fill($('last-checked'), t('last_checked', { time: '' }), timeEl(new Date().toISOString(), true));
    updateSummary();
    document.body.dataset.polls = String(Number(document.body.dataset.polls || 0) + 1);
  } catch (err) {
    setStatus(status, t('error', { msg: err.message }), true);
  } finally {
    setTimeout(poll, pollMs);
  }
}

async function main() {
  lastVisit = readLastVisit();
  $('poll-every').textContent = t('refresh_every', { s: Math.round(pollMs / 1000), n: Math.round(pollMs / 1000) });
  setStatus(status, t('loading'));
  // What arrived since the last visit (on a first visit, the last day) comes
  // from the feed itself, in the order it was indexed; its cursor then carries
  // on from exactly there, so polling neither misses nor repeats an article.
  sinceStamp = lastVisit || new Date(Date.now() - LOOKBACK_MS).toISOString();
  cursor = null;
  const fresh = await drain(FIRST_PAGES);
  // The newest articles by publication date, for context below what is new.
  const first = await api('/articles', { size: FIRST_PAGE });
  const items = [...fresh, ...((first && first.items) || [])];
  const keys = insert(items);
  placeDivider();
  updateSummary();
  await headRows(keys);
  placeDivider();
  setStatus(status, '');
  const newest = newestArrival(items);
  if (newest) saveSeen(newest);
  document.body.dataset.state = 'done';
  setTimeout(poll, pollMs);
}

$('mark-seen').addEventListener('click', () => {
  list.querySelectorAll('.is-new').forEach((li) => {
    li.classList.remove('is-new');
    const badge = li.querySelector(':scope > .title > .new-badge');
    if (badge) badge.remove();
  });
  list.querySelectorAll('.story-new-count').forEach((b) => { b.hidden = true; });
  lastVisit = new Date().toISOString();
  saveSeen(lastVisit);
  placeDivider();
  updateSummary();
});

document.addEventListener('visibilitychange', () => {
  if (!document.hidden) {
    unseen = 0;
    updateSummary();
  }
});

arrowNavigation(list);
main().catch((err) => {
  setStatus(status, t('error', { msg: err.message }), true);
  document.body.dataset.state = 'error';
});
