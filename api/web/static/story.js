// The story page: one news event as every outlet reported it, in both
// languages. /stories/{id} gives the story, its reports (copies marked with
// duplicate_of) and its claim groups; /claims?story= gives the claims' text.
// The page draws the coverage (one row per outlet, a dot per report coloured
// by language), sets each claim group's versions side by side (Arabic and
// English), and lists the reports with their copies folded under them.

import {
  addCopies, api, arrowNavigation, articleItem, claimSpans, claimUrl, config, dirOf, entityUrl, fill, formatFigure,
  h, kindBadge, langsText, learnEntities, markText, readAll, safeUrl, setStatus, speakerEl, storyTitle, storyUrl, t,
  timeEl,
} from './common.js';

const $ = (id) => document.getElementById(id);
const status = $('status');
const MAX_PAGES = 10; // at most 1,000 claims are read
const LANG_ORDER = ['ar', 'en'];

function langName(lang) {
  return t(`lang_${lang}`) === `lang_${lang}` ? lang : t(`lang_${lang}`);
}

// ---- Coverage chart ------------------------------------------------------------------

const MAX_W = 760;
const ROW_H = 30;
const M = { top: 12, bottom: 34, end: 16 };
const HOUR = 3600000;
const CHAR_W = 7.4; // about the width of a character of the 12px bold labels

/** Returns the outlet name shortened to at most max characters. */
function clip(name, max) {
  return name.length > max ? `${name.slice(0, Math.max(1, max - 1))}…` : name;
}

/** Returns about `want` tick times between lo and hi, on whole hours or days. */
function ticks(lo, hi, want) {
  const span = hi - lo;
  const steps = [1, 3, 6, 12, 24, 48, 24 * 7, 24 * 30].map((x) => x * HOUR);
  const step = steps.find((s) => span / s <= want) || steps[steps.length - 1];
  const out = [];
  for (let x = Math.ceil(lo / step) * step; x <= hi; x += step) out.push(x);
  return { step, times: out };
}

/**
 * Draws the coverage as an SVG: a row per outlet (in the order they first
 * reported), a dot per report at its publication time, filled in its
 * language's colour, hollow for a copy. Time runs in the reading direction of
 * the interface (right to left in Arabic), as on the entity page.
 */
function drawCoverage(reports, width) {
  const W = Math.round(Math.max(300, Math.min(MAX_W, width || MAX_W)));
  const rtl = config.dir === 'rtl';
  const dated = reports.filter((a) => !Number.isNaN(Date.parse(a.published)));
  const outlets = [];
  for (const a of dated) if (!outlets.includes(a.source || '')) outlets.push(a.source || '');
  // The label column fits the longest outlet name, within 40% of the chart; longer names are shortened.
  const longest = Math.max(4, ...outlets.map((o) => o.length));
  const side = Math.round(Math.min(W * 0.4, 20 + longest * CHAR_W));
  const maxChars = Math.floor((side - 20) / CHAR_W);
  const H = M.top + outlets.length * ROW_H + M.bottom;
  let lo = Math.min(...dated.map((a) => Date.parse(a.published)));
  let hi = Math.max(...dated.map((a) => Date.parse(a.published)));
  const pad = Math.max(HOUR, (hi - lo) * 0.06);
  lo -= pad;
  hi += pad;
  const plotW = W - side - M.end;
  const x = (ms) => {
    const f = (ms - lo) / (hi - lo);
    return rtl ? W - side - f * plotW : side + f * plotW;
  };
  const rowY = (i) => M.top + i * ROW_H + ROW_H / 2;
  const { step, times } = ticks(lo, hi, Math.max(2, Math.floor(plotW / 110)));
  const withTime = step < 24 * HOUR;
  const fmt = new Intl.DateTimeFormat(config.ui === 'ar' ? 'ar' : 'en-GB', withTime
    ? { timeZone: 'UTC', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }
    : { timeZone: 'UTC', day: 'numeric', month: 'short' });
  const fmtFull = new Intl.DateTimeFormat(config.ui === 'ar' ? 'ar' : 'en-GB',
    { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' });
  const labelX = rtl ? W - side + 8 : side - 8;
  const plotStart = rtl ? M.end : side;
  const plotEnd = rtl ? W - side : W - M.end;

  const rowsG = outlets.map((name, i) => h('g', { class: 'outlet-row', 'data-source': name },
    h('line', { class: 'grid', x1: plotStart, x2: plotEnd, y1: rowY(i), y2: rowY(i) }),
    h('text', { class: 'outlet', x: labelX, y: rowY(i) + 4, 'text-anchor': 'end', direction: 'ltr' },
      h('title', {}, name), clip(name, maxChars))));
  // The outlet labels stand on the side time starts from; in the Arabic interface the right.
  if (rtl) rowsG.forEach((g) => g.querySelector('text').setAttribute('text-anchor', 'start'));

  const axisY = M.top + outlets.length * ROW_H + 4;
  const tickEls = times.map((ms) => h('g', { class: 'tick' },
    h('line', { class: 'axis', x1: x(ms), x2: x(ms), y1: axisY, y2: axisY + 4 }),
    h('text', { x: x(ms), y: axisY + 18, 'text-anchor': 'middle' }, fmt.format(new Date(ms)))));

  const seen = new Map(); // dots of one outlet at one spot are nudged apart
  const dots = dated.map((a) => {
    const row = outlets.indexOf(a.source || '');
    let cx = x(Date.parse(a.published));
    const key = `${row}:${Math.round(cx / 6)}`;
    const k = seen.get(key) || 0;
    seen.set(key, k + 1);
    cx += (rtl ? -1 : 1) * k * 7;
    const lang = LANG_ORDER.includes(a.lang) ? a.lang : 'other';
    return h('circle', {
      class: ['report', `lang-${lang}`, a.duplicate_of && 'copy'], cx: cx.toFixed(1), cy: rowY(row), r: 6.5,
      'data-id': a.id, 'data-lang': a.lang || '', 'data-source': a.source || '', 'data-date': a.published,
      'data-copy': a.duplicate_of ? '1' : null,
    }, h('title', {}, `${a.source || ''} · ${langName(a.lang)} · ${fmtFull.format(new Date(a.published))}`
      + `${a.duplicate_of ? ` · ${t('copy_badge')}` : ''}\n${a.title || ''}`));
  });

  const first = fmtFull.format(new Date(Math.min(...dated.map((a) => Date.parse(a.published)))));
  const last = fmtFull.format(new Date(Math.max(...dated.map((a) => Date.parse(a.published)))));
  const byLang = LANG_ORDER.map((l) => `${langName(l)}: ${dated.filter((a) => a.lang === l).length}`).join('; ');
  return h('svg', {
    xmlns: 'http://www.w3.org/2000/svg', viewBox: `0 0 ${W} ${H}`, role: 'img', class: 'coverage',
    'aria-labelledby': 'coverage-svg-title coverage-svg-desc', direction: config.dir,
    preserveAspectRatio: 'xMidYMid meet',
  },
  h('title', { id: 'coverage-svg-title' }, t('coverage')),
  h('desc', { id: 'coverage-svg-desc' },
    `${t('coverage_summary', { n: dated.length, m: outlets.length, from: first, to: last })}. ${byLang}.`),
  h('g', { class: 'rows' }, rowsG),
  h('line', { class: 'axis', x1: plotStart, x2: plotEnd, y1: axisY, y2: axisY }),
  h('g', { class: 'x-labels' }, tickEls),
  h('g', { class: 'dots' }, dots));
}

function coverageLegend(reports) {
  const n = (pred) => reports.filter(pred).length;
  return h('ul', { class: 'legend' },
    LANG_ORDER.filter((l) => n((a) => a.lang === l)).map((l) => h('li', {},
      h('span', { class: `swatch lang-${l}`, 'aria-hidden': 'true' }), `${langName(l)} (${n((a) => a.lang === l)})`)),
    n((a) => a.duplicate_of) ? h('li', {},
      h('span', { class: 'swatch copy', 'aria-hidden': 'true' }), t('copies_count', { n: n((a) => a.duplicate_of) })) : null);
}

// ---- Claim groups ----------------------------------------------------------------------

/** Returns one version of a claim: the quote with its marks, then its outlet, date and links. */
function versionItem(claim, copies) {
  const lang = claim.lang || '';
  const kind = claim.kind === 'denial' ? 'denial' : 'statement';
  return h('li', { class: ['version', kind], lang, dir: dirOf(lang), 'data-id': claim.id },
    h('p', { class: 'claim-line' },
      speakerEl(claim.speaker), ' ',
      claim.cue ? h('span', { class: 'cue' }, claim.cue) : null, claim.cue ? ' ' : null,
      h('q', { class: 'quote claim-quote' },
        markText(claim.text || '', claimSpans(claim), [], { isolateLatin: dirOf(lang) === 'rtl' }))),
    h('p', { class: 'meta' },
      claim.source ? h('bdi', { class: 'source' }, claim.source) : null,
      timeEl(claim.published, true)),
    h('p', { class: 'actions', lang: config.ui, dir: config.dir },
      h('a', { href: claimUrl(claim.id), class: 'open-claim' }, t('open_claim')),
      safeUrl(claim.url) ? h('a', { href: safeUrl(claim.url), rel: 'noopener' }, t('read_article')) : null),
    copies.length
      ? h('details', { class: 'copies', lang: config.ui, dir: config.dir },
        h('summary', {}, t('copies_n', { n: copies.length })),
        h('ul', { class: 'copy-list' }, copies.map((c) => h('li', { class: 'copy', 'data-id': c.id },
          h('bdi', { class: 'source' }, c.source || ''), ' ', timeEl(c.published, true), ' ',
          h('a', { href: claimUrl(c.id) }, t('open_claim'))))))
      : null);
}

/**
 * Returns a claim group: its kind, speaker and number of versions, then a
 * column per language of the story with that language's versions, copies
 * folded under the version they copy.
 */
function groupItem(group, claims, copyOf, storyLangs) {
  const members = group.claims.map((id) => claims.get(id)).filter(Boolean);
  if (!members.length) return null;
  const kind = group.kind === 'denial' || members.some((c) => c.kind === 'denial') ? 'denial' : 'statement';
  // A claim in a copy is folded under the claim of the report it copies, when that is in the group.
  const byArticle = new Map(members.map((c) => [c.article_id, c]));
  const foldedInto = new Map();
  for (const c of members) {
    const orig = copyOf.get(c.article_id);
    if (orig && byArticle.has(orig)) foldedInto.set(c.id, byArticle.get(orig).id);
  }
  const versions = members.filter((c) => !foldedInto.has(c.id));
  const copiesOf = (c) => members.filter((x) => foldedInto.get(x.id) === c.id);
  const langs = [...new Set([...storyLangs, ...members.map((c) => c.lang)])]
    .sort((a, b) => (LANG_ORDER.indexOf(a) + 1 || 9) - (LANG_ORDER.indexOf(b) + 1 || 9));
  // The speaker's display name heads the group: each version names the speaker as its report does.
  const speaker = group.speaker || (members.find((c) => c.speaker) || {}).speaker || null;
  const columns = langs.map((lang) => {
    const mine = versions.filter((c) => c.lang === lang);
    return h('section', { class: 'versions-col', 'data-lang': lang, 'aria-label': langName(lang) },
      h('h4', { class: 'col-head', lang: config.ui, dir: config.dir }, langName(lang)),
      mine.length
        ? h('ol', { class: 'version-list' }, mine.map((c) => versionItem(c, copiesOf(c))))
        : h('p', { class: 'no-version', lang: config.ui, dir: config.dir }, t('no_version', { lang: t(`in_${lang}`) })));
  });
  const headId = `group-h-${group.id}`;
  return h('li', { class: ['group', kind], id: `group-${group.id}`, 'data-group': group.id, 'aria-labelledby': headId },
    h('h3', { class: 'group-head', id: headId },
      kindBadge(kind), ' ', speakerEl(speaker), ' ',
      h('span', { class: 'versions-n', lang: config.ui, dir: config.dir },
        t('versions_n', { n: versions.length }),
        foldedInto.size ? ` · ${t('copies_count', { n: foldedInto.size })}` : '')),
    h('div', { class: ['versions', columns.length > 1 && 'two'] }, columns));
}

// ---- Reports ---------------------------------------------------------------------------

/** Returns the story's reports, oldest first, each with its copies folded under it. */
function reportItems(reports, details) {
  const originals = reports.filter((a) => !a.duplicate_of || !reports.some((o) => o.id === a.duplicate_of));
  return originals.map((a) => {
    const item = articleItem({ ...(details.get(a.id) || {}), ...a });
    addCopies(item, reports.filter((c) => c.duplicate_of === a.id && c.id !== a.id));
    return item;
  });
}

// ---- Page ------------------------------------------------------------------------------

function fail(message) {
  setStatus(status, message, true);
  document.body.dataset.state = 'error';
}

async function main() {
  let story;
  try {
    story = await api(`/stories/${encodeURIComponent(config.story_id)}`);
  } catch (err) {
    fail(err.status === 404 ? t('not_found') : t('error', { msg: err.message }));
    return;
  }
  // An id absorbed by a merge answers with the surviving story: show its own address.
  if (story.id !== config.story_id) {
    history.replaceState(null, '', `${storyUrl(story.id)}${location.search}`);
    for (const fmt of ['json', 'atom']) {
      $(`feed-${fmt}`).href = `${config.api}/stories/${encodeURIComponent(story.id)}/feed?format=${fmt}`;
    }
  }
  const [claimList, articlePage] = await Promise.all([
    readAll('/claims', { story: story.id }, MAX_PAGES),
    // The reports with their entities' names and snippets (the story lists them bare).
    api('/articles', { story: story.id, size: 100 }).catch(() => ({ items: [] })),
  ]);
  const details = new Map(((articlePage && articlePage.items) || []).map((a) => [a.id, a]));
  learnEntities([...details.values()]);

  // Titles: the interface language's first, the other language's under it.
  const title = storyTitle(story);
  const h1 = $('story-h');
  fill(h1, h('bdi', { lang: title.lang, dir: dirOf(title.lang) },
    markText(title.text, [], [], { isolateLatin: dirOf(title.lang) === 'rtl' })));
  const others = Object.entries(story.titles || {}).filter(([lang]) => lang !== title.lang);
  const other = $('story-other-title');
  if (others.length) {
    const [lang, text] = others[0];
    other.lang = lang;
    other.dir = dirOf(lang);
    fill(other, markText(text, [], [], { isolateLatin: dirOf(lang) === 'rtl' }));
    other.hidden = false;
  }
  document.title = `${title.text} · ${t('app_name')}`;

  const reports = story.articles || [];
  const nReports = reports.filter((a) => !a.duplicate_of).length;
  const nCopies = reports.length - nReports;
  fill($('story-counts'),
    h('span', {}, t('reports_in', { n: nReports, langs: langsText(story.langs) })),
    nCopies ? h('span', {}, t('copies_count', { n: nCopies })) : null,
    h('span', {}, t('outlets_count', { n: (story.sources || []).length })),
    story.claims ? h('span', {}, t('claims_count', { n: story.claims })) : null,
    story.denials ? h('span', { class: 'denials' }, t('denials_n', { n: story.denials })) : null,
    story.first_published ? h('span', { class: 'span' }, timeEl(story.first_published, true),
      story.last_published && story.last_published !== story.first_published
        ? [' – ', timeEl(story.last_published, true)] : null) : null);
  $('story').hidden = false;
  setStatus(status, '');

  const box = $('coverage-chart');
  if (reports.some((a) => !Number.isNaN(Date.parse(a.published)))) {
    fill(box, drawCoverage(reports, box.clientWidth), coverageLegend(reports));
  } else {
    fill(box, h('p', {}, t('no_timeline')));
  }

  const claims = new Map(claimList.map((c) => [c.id, c]));
  const copyOf = new Map(reports.filter((a) => a.duplicate_of).map((a) => [a.id, a.duplicate_of]));
  const storyLangs = LANG_ORDER.filter((l) => (story.langs || []).includes(l));
  const groups = (story.claim_groups || []).map((g) => groupItem(g, claims, copyOf, storyLangs)).filter(Boolean);
  fill($('claim-groups'), groups);
  $('groups-none').hidden = groups.length > 0;
  $('groups-count').textContent = groups.length ? `(${groups.length})` : '';

  fill($('story-articles'), reportItems(reports, details));
  $('articles-count').textContent = `(${nReports})`;

  const names = new Map();
  for (const a of details.values()) {
    for (const e of a.entities || []) if (e.id && !names.has(e.id)) names.set(e.id, e.name || e.text || e.id);
  }
  fill($('story-entities'), (story.entities || []).slice(0, 16).map((e) => {
    const id = typeof e === 'string' ? e : e.id;
    return h('li', {}, h('a', { href: entityUrl(id), dir: 'auto' }, names.get(id) || (e && e.name) || id));
  }));
  const figures = story.figures || [];
  $('story-figures-h').hidden = figures.length === 0;
  fill($('story-figures'), figures.map((f) => h('li', {},
    h('span', { class: 'chip fig-chip', dir: 'ltr' }, formatFigure(f),
      f.articles ? h('span', { class: 'n' }, `(${f.articles})`) : null))));

  // A link to a group (#group-…) from the claim page scrolls to it once it exists.
  if (location.hash.startsWith('#group-')) {
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) {
      target.scrollIntoView();
      target.classList.add('targeted');
    }
  }
  document.body.dataset.state = 'done';
}

arrowNavigation($('story-articles'));
main().catch((err) => fail(t('error', { msg: err.message })));
