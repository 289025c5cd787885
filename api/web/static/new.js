// The editors' "new since" view. It lists the newest articles, marks those
// that arrived since the reader's last visit (a timestamp kept in
// localStorage), and polls the API's new-articles feed so that articles appear
// as they are indexed, without reloading the page.

import { api, arrowNavigation, articleItem, config, setStatus, t, timeEl, fill, h } from './common.js';

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

/** Places the "seen before" divider after the last new item. */
function placeDivider() {
  list.querySelectorAll('.seen-divider').forEach((d) => d.remove());
  if (lastVisit === null) return;
  const items = [...list.querySelectorAll('.result')];
  const firstOld = items.find((li) => !li.classList.contains('is-new'));
  if (firstOld && firstOld !== items[0]) {
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

/** Returns true when list item a comes before b: later arrival first, then later publication. */
function newer(a, b) {
  const ta = Date.parse(a.dataset.arrival) || 0;
  const tb = Date.parse(b.dataset.arrival) || 0;
  if (ta !== tb) return ta > tb;
  return (Date.parse(a.dataset.published) || 0) > (Date.parse(b.dataset.published) || 0);
}

/** Inserts articles keeping the list newest first; returns the items added. */
function insert(items, { arrived = false } = {}) {
  const added = [];
  for (const a of items) {
    if (!a || !a.id || shown.has(a.id)) continue;
    const li = articleItem(a, { isNew: arrived || isNewSinceVisit(a), showArrival: true });
    li.dataset.arrival = arrival(a) || '';
    if (arrived) li.classList.add('just-arrived');
    li.dataset.published = a.published || '';
    const after = [...list.querySelectorAll('.result')].find((x) => newer(li, x));
    list.insertBefore(li, after || null);
    shown.set(a.id, li);
    added.push(li);
  }
  return added;
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
    const added = insert(items, { arrived: true });
    if (added.length) {
      if (document.hidden) unseen += added.length;
      setStatus(status, t('arrived', { n: added.length }));
      saveSeen(newestArrival(items));
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
  insert(items);
  placeDivider();
  updateSummary();
  setStatus(status, '');
  const newest = newestArrival(items);
  if (newest) saveSeen(newest);
  document.body.dataset.state = 'done';
  setTimeout(poll, pollMs);
}

$('mark-seen').addEventListener('click', () => {
  list.querySelectorAll('.is-new').forEach((li) => {
    li.classList.remove('is-new');
    const badge = li.querySelector('.new-badge');
    if (badge) badge.remove();
  });
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
