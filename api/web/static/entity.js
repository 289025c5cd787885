// The entity page: names in both scripts, a timeline of mentions (bars) and
// denials (dots) drawn as inline SVG, the newest claims, co-occurring entities
// and the entity's feeds. Whatever /entities/{id} does not carry (a timeline
// with denials, co-occurrences) is computed here from /articles and /claims.

import {
  api, arrowNavigation, claimItem, config, entityUrl, fill, h, learnEntities, readAll, setStatus, t,
} from './common.js';

const $ = (id) => document.getElementById(id);
const status = $('status');
const id = config.entity_id;
const AR_LETTER = /[\u0600-\u06FF]/;
const MAX_PAGES = 5; // at most 500 articles or claims are read to compute a fallback

/** Returns the aliases split into Arabic-script and Latin-script names. */
function namesByScript(entity) {
  const ar = new Set();
  const latin = new Set();
  const put = (name) => (AR_LETTER.test(name) ? ar : latin).add(name);
  const aliases = entity.aliases || [];
  if (Array.isArray(aliases)) aliases.forEach((a) => put(typeof a === 'string' ? a : a.text || a.name || ''));
  else for (const list of Object.values(aliases)) (list || []).forEach(put);
  if (entity.name) put(entity.name);
  for (const k of ['name_ar', 'name_en']) if (entity[k]) put(entity[k]);
  ar.delete('');
  latin.delete('');
  return { ar: [...ar], latin: [...latin] };
}

function count(v) {
  if (typeof v === 'number') return v;
  if (v && typeof v.value === 'number') return v.value;
  if (v && typeof v.total === 'number') return v.total;
  return null;
}

// ---- Timeline data ---------------------------------------------------------

/** Returns [{date: Date, mentions, denials|null}] from whatever timeline the entity carries. */
function apiTimeline(entity) {
  let tl = entity.timeline || entity.mentions_timeline || entity.histogram || null;
  if (tl && !Array.isArray(tl)) tl = tl.buckets || tl.items || null;
  if (!Array.isArray(tl)) return null;
  return tl.map((b) => {
    const date = new Date(b.date ?? b.key_as_string ?? b.period ?? b.start ?? b.key);
    const mentions = b.mentions ?? b.articles ?? b.count ?? b.doc_count ?? 0;
    const denials = b.denials ?? null;
    return { date, mentions: Number(count(mentions) ?? 0), denials: denials === null ? null : Number(count(denials) ?? 0) };
  }).filter((b) => !Number.isNaN(b.date.getTime()));
}

const DAY = 86400000;

function startOf(unit, d) {
  const x = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  if (unit === 'week') x.setUTCDate(x.getUTCDate() - ((x.getUTCDay() + 6) % 7)); // Monday
  if (unit === 'month' || unit === 'year') x.setUTCDate(1);
  if (unit === 'year') x.setUTCMonth(0);
  return x;
}

function next(unit, d) {
  const x = new Date(d);
  if (unit === 'day') x.setUTCDate(x.getUTCDate() + 1);
  else if (unit === 'week') x.setUTCDate(x.getUTCDate() + 7);
  else if (unit === 'month') x.setUTCMonth(x.getUTCMonth() + 1);
  else x.setUTCFullYear(x.getUTCFullYear() + 1);
  return x;
}

const UNITS = ['day', 'week', 'month', 'year'];

/**
 * Picks a bucket size that gives at most ~60 bars over the dates' span, never
 * finer than the API's own buckets (minUnit).
 */
function pickUnit(min, max, minUnit = 'day') {
  const days = (max - min) / DAY;
  const bySpan = days <= 60 ? 'day' : days <= 420 ? 'week' : days <= 3660 ? 'month' : 'year';
  return UNITS[Math.max(UNITS.indexOf(bySpan), UNITS.indexOf(minUnit))];
}

/**
 * Returns {unit, buckets: [{date, mentions, denials}]} with one bucket per
 * day/week/month from the first to the last date, empty ones included.
 */
function bucketize(mentionPoints, denialDates, minUnit = 'day') {
  const dates = [...mentionPoints.map((p) => p.date), ...denialDates];
  if (!dates.length) return { unit: 'day', buckets: [] };
  const min = new Date(Math.min(...dates));
  const max = new Date(Math.max(...dates));
  const unit = pickUnit(min, max, UNITS.includes(minUnit) ? minUnit : 'day');
  const buckets = [];
  const index = new Map();
  for (let d = startOf(unit, min); d <= max; d = next(unit, d)) {
    index.set(d.getTime(), buckets.length);
    buckets.push({ date: d, mentions: 0, denials: 0 });
  }
  for (const p of mentionPoints) {
    const i = index.get(startOf(unit, p.date).getTime());
    if (i !== undefined) buckets[i].mentions += p.n;
  }
  for (const d of denialDates) {
    const i = index.get(startOf(unit, d).getTime());
    if (i !== undefined) buckets[i].denials += 1;
  }
  return { unit, buckets };
}

// ---- The chart ---------------------------------------------------------------

const MAX_W = 720;
const H = 240;
const M = { top: 14, bottom: 34, side: 40, end: 12 };

function niceMax(v) {
  if (v <= 4) return Math.max(1, v);
  const p = 10 ** Math.floor(Math.log10(v));
  return Math.ceil(v / p) * p;
}

/**
 * Draws the timeline as an SVG: bars for mentions, a line with dots for
 * denials, on one count axis. Time runs in the reading direction of the
 * interface: left to right in English, right to left in Arabic.
 */
function drawChart({ unit, buckets }, name, width) {
  // Drawn at the width it is shown at (within limits), so its labels stay legible on a phone.
  const W = Math.round(Math.max(320, Math.min(MAX_W, width || MAX_W)));
  const rtl = config.dir === 'rtl';
  const n = buckets.length;
  const plotW = W - M.side - M.end;
  const plotH = H - M.top - M.bottom;
  const band = plotW / n;
  const top = niceMax(Math.max(1, ...buckets.map((b) => Math.max(b.mentions, b.denials))));
  // Centre of bucket i, mirrored in RTL so that time reads right to left.
  const cx = (i) => (rtl ? W - M.side - (i + 0.5) * band : M.side + (i + 0.5) * band);
  const y = (v) => M.top + plotH - (v / top) * plotH;
  const axisX = rtl ? W - M.side : M.side;
  const fmtDate = new Intl.DateTimeFormat(config.ui === 'ar' ? 'ar' : 'en-GB',
    {
      timeZone: 'UTC',
      ...{ day: { day: 'numeric', month: 'short' }, week: { day: 'numeric', month: 'short' },
        month: { month: 'short', year: 'numeric' }, year: { year: 'numeric' } }[unit],
    });
  const fmtNum = new Intl.NumberFormat(config.ui === 'ar' ? 'ar' : 'en');
  const totalMentions = buckets.reduce((s, b) => s + b.mentions, 0);
  const totalDenials = buckets.reduce((s, b) => s + b.denials, 0);

  const ticks = [0, top / 2, top].filter((v, i, a) => Number.isInteger(v) && a.indexOf(v) === i);
  const grid = ticks.map((v) => h('g', { class: 'tick' },
    h('line', { class: 'grid', x1: M.side, x2: W - M.end, y1: y(v), y2: y(v), ...(rtl ? { x1: M.end, x2: W - M.side } : {}) }),
    h('text', { x: rtl ? axisX + 6 : axisX - 6, y: y(v) + 4, 'text-anchor': rtl ? 'start' : 'end' }, fmtNum.format(v))));

  const barW = Math.max(2, Math.min(28, band * 0.7));
  const bars = buckets.map((b, i) => (b.mentions
    ? h('rect', { class: 'bar', x: cx(i) - barW / 2, y: y(b.mentions), width: barW, height: y(0) - y(b.mentions), 'data-date': b.date.toISOString().slice(0, 10), 'data-count': b.mentions },
      h('title', {}, `${fmtDate.format(b.date)}: ${t('mentions')} ${fmtNum.format(b.mentions)}`))
    : null));

  const points = buckets.map((b, i) => `${cx(i).toFixed(1)},${y(b.denials).toFixed(1)}`).join(' ');
  const line = totalDenials ? h('polyline', { class: 'denial-line', points }) : null;
  const dots = buckets.map((b, i) => (b.denials
    ? h('circle', { class: 'denial-dot', cx: cx(i), cy: y(b.denials), r: 4.5, 'data-date': b.date.toISOString().slice(0, 10), 'data-count': b.denials },
      h('title', {}, `${fmtDate.format(b.date)}: ${t('denials')} ${fmtNum.format(b.denials)}`))
    : null));

  // Label about six buckets, always the first and the last.
  const step = Math.max(1, Math.ceil(n / Math.max(2, Math.floor(W / 110))));
  const labels = buckets.map((b, i) => ((i % step === 0 || i === n - 1) && !(i !== n - 1 && n - 1 - i < step / 2)
    ? h('text', { x: cx(i), y: H - M.bottom + 16, 'text-anchor': 'middle' }, fmtDate.format(b.date))
    : null));

  const titleId = 'timeline-svg-title';
  const descId = 'timeline-svg-desc';
  return h('svg', {
    xmlns: 'http://www.w3.org/2000/svg', viewBox: `0 0 ${W} ${H}`, role: 'img',
    'aria-labelledby': `${titleId} ${descId}`, class: 'timeline', 'data-unit': unit,
    direction: config.dir, preserveAspectRatio: 'xMidYMid meet',
  },
  h('title', { id: titleId }, `${t('timeline')}: ${name}`),
  h('desc', { id: descId }, `${t('mentions')}: ${fmtNum.format(totalMentions)}; ${t('denials')}: ${fmtNum.format(totalDenials)}; ${fmtDate.format(buckets[0].date)} – ${fmtDate.format(buckets[n - 1].date)}`),
  h('g', { class: 'grid-lines' }, grid),
  h('line', { class: 'axis', x1: M.side, x2: W - M.end, y1: y(0), y2: y(0), ...(rtl ? { x1: M.end, x2: W - M.side } : {}) }),
  h('g', { class: 'bars' }, bars),
  h('g', { class: 'denials' }, line, dots),
  h('g', { class: 'x-labels' }, labels));
}

function legend() {
  return h('ul', { class: 'legend' },
    h('li', {}, h('span', { class: 'swatch bar', 'aria-hidden': 'true' }), t('mentions')),
    h('li', {}, h('span', { class: 'swatch dot', 'aria-hidden': 'true' }), t('denials')));
}

// ---- Co-occurring entities ----------------------------------------------------

function apiCooccurring(entity) {
  const list = entity.cooccurring || entity.co_occurring || entity.cooccurrences || entity.related || null;
  if (!Array.isArray(list)) return null;
  return list.map((e) => ({
    id: e.id || e.key, name: e.name || e.id || e.key,
    n: count(e.count ?? e.articles ?? e.doc_count ?? e.n),
  })).filter((e) => e.id && e.id !== id);
}

/** Counts the other entities of the entity's articles (objects or ids). */
function computeCooccurring(articles) {
  const counts = new Map();
  for (const a of articles) {
    const ents = Array.isArray(a.entities) ? a.entities : a.entity_ids || [];
    const seen = new Set();
    for (const e of ents) {
      const eid = typeof e === 'string' ? e : e && e.id;
      if (!eid || eid === id || seen.has(eid)) continue;
      seen.add(eid);
      const prev = counts.get(eid) || { id: eid, name: (typeof e === 'object' && (e.name || e.text)) || eid, n: 0 };
      prev.n += 1;
      counts.set(eid, prev);
    }
  }
  return [...counts.values()].sort((a, b) => b.n - a.n).slice(0, 12);
}

// ---- Page ----------------------------------------------------------------------

async function main() {
  let entity;
  try {
    entity = await api(`/entities/${encodeURIComponent(id)}`);
  } catch (err) {
    setStatus(status, err.status === 404 ? t('not_found') : t('error', { msg: err.message }), true);
    document.body.dataset.state = 'error';
    return;
  }
  const name = entity.name || id;
  document.title = `${name} · ${t('app_name')}`;
  fill($('entity-name'), name);
  fill($('entity-label'), t(`label_${entity.label}`) === `label_${entity.label}` ? entity.label || '' : t(`label_${entity.label}`));
  const names = namesByScript(entity);
  const chip = (n) => h('li', {}, h('span', { class: 'chip', dir: 'auto' }, n));
  fill($('names-ar'), names.ar.map(chip));
  fill($('names-latin'), names.latin.map(chip));
  const counts = entity.counts || entity;
  const nArticles = count(counts.articles);
  const nClaims = count(counts.claims);
  const nDenials = count(counts.denials);
  fill($('entity-counts'), [
    nArticles !== null ? t('articles_count', { n: nArticles }) : null,
    nClaims !== null ? t('claims_count', { n: nClaims }) : null,
    nDenials !== null ? t('denials_n', { n: nDenials }) : null,
  ].filter(Boolean).join(' · '));
  $('entity').hidden = false;
  setStatus(status, '');

  const claimsPromise = api('/claims', { entity: id, size: 10 }).catch(() => ({ items: [] }));

  // Timeline: the API's when it has one, else counted here from the articles.
  let articles = null;
  const fromApi = apiTimeline(entity);
  let mentionPoints;
  if (fromApi && fromApi.length) {
    mentionPoints = fromApi.map((b) => ({ date: b.date, n: b.mentions }));
  } else {
    articles = await readAll('/articles', { entity: id }, MAX_PAGES).catch(() => []);
    mentionPoints = articles
      .map((a) => ({ date: new Date(a.published || a.fetched), n: 1 }))
      .filter((p) => !Number.isNaN(p.date.getTime()));
  }
  let denialDates;
  if (fromApi && fromApi.length && fromApi.every((b) => b.denials !== null)) {
    denialDates = fromApi.flatMap((b) => Array(b.denials).fill(b.date));
  } else {
    const denials = await readAll('/claims', { entity: id, kind: 'denial' }, MAX_PAGES).catch(() => []);
    denialDates = denials.map((c) => new Date(c.published)).filter((d) => !Number.isNaN(d.getTime()));
  }
  const data = bucketize(mentionPoints, denialDates, fromApi && fromApi.length ? entity.interval : 'day');
  const box = $('timeline-chart');
  if (data.buckets.length) {
    fill(box, drawChart(data, name, box.clientWidth), legend());
    fill($('timeline-caption'), t('timeline_desc', { name, unit: t(data.unit) }));
  } else {
    fill(box, h('p', {}, t('no_timeline')));
  }

  const claims = await claimsPromise;
  // Every alias of this entity is marked where its claims name it.
  learnEntities([{ entities: [...names.ar, ...names.latin].map((text) => ({ id, text, name })) }]);
  fill($('entity-claims'), ((claims && claims.items) || []).map((c) => claimItem(c)));

  let co = apiCooccurring(entity);
  if (!co) {
    if (!articles) articles = await readAll('/articles', { entity: id }, MAX_PAGES).catch(() => []);
    co = computeCooccurring(articles);
  }
  fill($('cooccurring'), co.map((e) => h('li', {},
    h('a', { href: entityUrl(e.id), dir: 'auto' }, e.name, e.n ? h('span', { class: 'n' }, `(${e.n})`) : null))));
  document.body.dataset.state = 'done';
}

arrowNavigation(document.getElementById('entity-claims'));
main().catch((err) => {
  setStatus(status, t('error', { msg: err.message }), true);
  document.body.dataset.state = 'error';
});
