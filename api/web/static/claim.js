// The claim view. A claim's id is "<article id>-<n>": the page reads the
// article (with its Analysis) from /articles/{id} and takes its n-th claim, so
// figures and entities are marked at their exact Analysis offsets. The same
// claim in the other language is the claim's group: the article's story
// (/stories/{id}) says which group the claim is in and which reports are
// copies, and /claims?group= gives the group's claims.

import {
  api, claimItem, config, dirOf, entityUrl, fill, formatFigure, h, kindBadge, markText, safeUrl, setStatus,
  speakerEl, storyTitle, storyUrl, t, timeEl,
} from './common.js';

const status = document.getElementById('status');
const card = document.getElementById('claim-card');
const $ = (id) => document.getElementById(id);

/** Splits "<article id>-<n>" into its parts. */
function parseId(id) {
  const cut = id.lastIndexOf('-');
  const n = Number(id.slice(cut + 1));
  if (cut <= 0 || !Number.isInteger(n) || n < 0) return null;
  return { articleId: id.slice(0, cut), n };
}

/** Returns the article's Analysis, whichever way the API nests it. */
function analysisOf(article) {
  return article.analysis || {
    lang: article.lang,
    entities: Array.isArray(article.entities) ? article.entities : [],
    figures: Array.isArray(article.figures) ? article.figures : [],
    claims: Array.isArray(article.claims) ? article.claims : [],
  };
}

/** Returns the claim, with figure and entity objects in place of Analysis indices. */
function resolveClaim(claim, analysis) {
  const pick = (list, refs) => (refs || [])
    .map((r) => (typeof r === 'number' ? list[r] : r))
    .filter((x) => x && typeof x === 'object');
  return {
    ...claim,
    figures: pick(analysis.figures || [], claim.figures),
    entities: pick(analysis.entities || [], claim.entities),
  };
}

/** Returns the analysis entities whose offsets fall inside [start, end). */
function entitiesWithin(analysis, start, end) {
  return (analysis.entities || []).filter((e) => typeof e.start === 'number' && e.start >= start && e.end <= end);
}

/**
 * Returns the sentence around the claim in the article body, with speaker, cue,
 * figures and entities marked at their offsets.
 */
function contextFragment(body, claim, analysis) {
  if (!body || typeof claim.start !== 'number' || body.slice(claim.start, claim.end) !== claim.text) return null;
  const before = body.lastIndexOf('\n', claim.start);
  let start = Math.max(before + 1, claim.start - 240);
  const stop = body.slice(start, claim.start).search(/[.!?؟]\s[^.!?؟]*$/);
  if (stop >= 0) start += stop + 2;
  let end = body.slice(claim.end).search(/[.!?؟\n]/);
  end = end < 0 ? Math.min(body.length, claim.end + 240) : claim.end + end + 1;
  const text = body.slice(start, end);
  const spans = [];
  const add = (s, e, cls, extra = {}) => {
    if (s >= start && e <= end && e > s) spans.push({ start: s - start, end: e - start, cls, ...extra });
  };
  const sp = claim.speaker;
  if (sp && sp.text) {
    const at = body.lastIndexOf(sp.text, claim.start);
    if (at >= start) {
      add(at, at + sp.text.length, 'speaker', { href: sp.id ? entityUrl(sp.id) : null, title: sp.name });
    } else {
      const after = body.indexOf(sp.text, claim.end);
      if (after >= 0 && after < end) add(after, after + sp.text.length, 'speaker', { href: sp.id ? entityUrl(sp.id) : null, title: sp.name });
    }
  }
  if (claim.cue) {
    const cueAt = body.lastIndexOf(claim.cue, claim.start);
    if (cueAt >= start) add(cueAt, cueAt + claim.cue.length, 'cue');
  }
  for (const f of claim.figures) {
    if (typeof f.start === 'number') add(f.start, f.end, 'fig', { title: formatFigure(f), data: { value: formatFigure(f) } });
  }
  for (const e of entitiesWithin(analysis, start, end)) {
    add(e.start, e.end, 'ent', { href: e.id ? entityUrl(e.id) : null, title: e.name });
  }
  return markText(text, spans, [], { isolateLatin: dirOf(claim.lang) === 'rtl' });
}

/** Returns spans of the claim's figures and entities inside its own text (Analysis offsets). */
function ownSpans(claim, analysis) {
  const spans = [];
  for (const f of claim.figures) {
    const s = f.start - claim.start;
    if (claim.text.slice(s, s + f.text.length) === f.text) {
      spans.push({ start: s, end: s + f.text.length, cls: 'fig', title: formatFigure(f), data: { value: formatFigure(f) } });
    }
  }
  for (const e of entitiesWithin(analysis, claim.start, claim.end)) {
    const s = e.start - claim.start;
    const isSpeaker = claim.speaker && claim.speaker.id && claim.speaker.id === e.id;
    spans.push({ start: s, end: s + (e.end - e.start), cls: isSpeaker ? 'speaker' : 'ent', href: e.id ? entityUrl(e.id) : null, title: e.name });
  }
  return spans;
}

function figureRows(figures) {
  return figures.map((f) => h('tr', { class: 'figure' },
    h('td', { dir: 'auto' }, h('bdi', { class: 'fig' }, f.text)),
    h('td', { 'aria-hidden': 'true' }, h('span', { class: 'arrow' }, '→')),
    h('td', { class: 'value', dir: 'ltr' }, formatFigure(f))));
}

/** Returns the entity ids a claim is about: its speaker and the entities it names. */
function entityIds(claim) {
  const ids = new Set();
  if (claim.speaker && claim.speaker.id) ids.add(claim.speaker.id);
  for (const e of claim.entities || []) {
    const id = typeof e === 'string' ? e : e && e.id;
    if (id) ids.add(id);
  }
  for (const id of claim.entity_ids || []) ids.add(id);
  return ids;
}

function figureKey(f) {
  return `${f.kind}:${Number(f.value)}:${f.currency || ''}`;
}

/**
 * Returns the claim's group as the API keeps it: the story the article is in,
 * the group holding this claim, and its claims in the other language, each
 * with what it shares with this one (figure values, entities) to show why.
 * Claims of a copy of a report already listed are left out.
 */
async function claimGroup(claim, article) {
  if (!article.story) return { story: null, group: null, versions: 0, other: [] };
  const story = await api(`/stories/${encodeURIComponent(article.story)}`);
  const group = (story.claim_groups || []).find((g) => (g.claims || []).includes(claim.id));
  if (!group) return { story, group: null, versions: 0, other: [] };
  const res = await api('/claims', { group: group.id, size: 100 });
  const members = (res && res.items) || [];
  const copyOf = new Map((story.articles || []).filter((a) => a.duplicate_of).map((a) => [a.id, a.duplicate_of]));
  const inGroup = new Set(members.map((c) => c.article_id));
  const ids = entityIds(claim);
  const figs = new Set(claim.figures.map(figureKey));
  const versions = members.filter((c) => !(copyOf.has(c.article_id) && inGroup.has(copyOf.get(c.article_id))));
  const other = versions
    .filter((c) => c.id !== claim.id && c.lang !== claim.lang)
    .map((c) => ({
      claim: c,
      sharedFigs: (c.figures || []).filter((f) => figs.has(figureKey(f))),
      sharedIds: [...entityIds(c)].filter((id) => ids.has(id)),
    }))
    .sort((a, b) => String(a.claim.published).localeCompare(String(b.claim.published)));
  return { story, group, versions: versions.length, other };
}

/** Shows why the claim cannot be shown. */
function fail(message) {
  setStatus(status, message, true);
  document.body.dataset.state = 'error';
}

async function main() {
  const parts = parseId(config.claim_id);
  if (!parts) {
    fail(t('not_found'));
    return;
  }
  let article;
  try {
    article = await api(`/articles/${encodeURIComponent(parts.articleId)}`);
  } catch (err) {
    fail(err.status === 404 ? t('not_found') : t('error', { msg: err.message }));
    return;
  }
  const analysis = analysisOf(article);
  const raw = (analysis.claims || [])[parts.n];
  if (!raw || typeof raw !== 'object') {
    fail(t('not_found'));
    return;
  }
  const lang = analysis.lang || article.lang;
  const claim = { ...resolveClaim(raw, analysis), id: config.claim_id, lang };
  const kind = claim.kind === 'denial' ? 'denial' : 'statement';
  const body = article.body || article.text || '';

  card.classList.add(kind);
  fill($('claim-kind'), kindBadge(kind));
  fill($('claim-speaker-h'), speakerEl(claim.speaker));
  const quote = $('claim-text');
  quote.lang = lang;
  quote.dir = dirOf(lang);
  if (safeUrl(article.url)) quote.cite = safeUrl(article.url);
  fill(quote, markText(claim.text, ownSpans(claim, analysis), [], { isolateLatin: dirOf(lang) === 'rtl' }));
  // The display name on a line of its own: parentheses around an isolate that wraps misplace themselves.
  const sp = claim.speaker;
  fill($('claim-speaker'), speakerEl(sp),
    sp && sp.name && sp.text && sp.name !== sp.text ? h('span', { class: 'display-name' }, h('bdi', {}, sp.name)) : null);
  fill($('claim-cue'), claim.cue ? h('bdi', { class: 'cue', lang }, claim.cue) : '—');
  fill($('claim-kind-text'), kindBadge(kind));
  fill($('claim-source'), article.source ? h('bdi', {}, article.source) : '—');
  fill($('claim-published'), timeEl(article.published, true) || '—');

  const ctx = contextFragment(body, claim, analysis);
  const context = $('claim-context');
  if (ctx) {
    context.lang = lang;
    context.dir = dirOf(lang);
    fill(context, ctx);
  } else {
    context.hidden = true;
  }
  const link = $('claim-article');
  if (safeUrl(article.url)) link.href = safeUrl(article.url);
  else link.removeAttribute('href');
  fill(link, t('read_article'), article.title ? [': ', h('bdi', { lang }, article.title)] : null);

  if (claim.figures.length) fill(card.querySelector('#claim-figures tbody'), figureRows(claim.figures));
  else {
    $('claim-figures').hidden = true;
    $('no-figures').hidden = false;
  }
  const ents = new Map();
  if (claim.speaker && claim.speaker.id) ents.set(claim.speaker.id, claim.speaker.name || claim.speaker.text);
  for (const e of [...claim.entities, ...entitiesWithin(analysis, claim.start, claim.end)]) {
    if (e.id && !ents.has(e.id)) ents.set(e.id, e.name || e.text);
  }
  fill($('claim-entities'), [...ents].map(([id, name]) => h('li', {}, h('a', { href: entityUrl(id), dir: 'auto' }, name))));

  document.title = `${t(kind)}: ${claim.speaker ? (claim.speaker.name || claim.speaker.text) : t('unknown_speaker')} · ${t('app_name')}`;
  card.hidden = false;
  setStatus(status, '');

  claim.entity_ids = [...ents.keys()];
  let found;
  try {
    found = await claimGroup(claim, article);
  } catch (err) {
    // The claim itself is shown; only its versions could not be read.
    setStatus(status, t('error', { msg: err.message }), true);
    found = { story: null, group: null, versions: 0, other: [] };
  }
  const { story, group, versions, other } = found;
  const list = $('other-lang');
  const sep = config.ui === 'ar' ? '، ' : ', ';
  fill(list, other.map(({ claim: c, sharedIds, sharedFigs }) => {
    // Each shared value is isolated, so Latin names and numbers stay in order in an Arabic line.
    const what = [...sharedFigs.map(formatFigure), ...sharedIds.map((id) => ents.get(id) || id)];
    if (!what.length) return claimItem(c);
    const [before, after] = t('shared', { what: '\u0000' }).split('\u0000');
    return claimItem(c, {
      extra: h('p', { class: 'shared', lang: config.ui, dir: config.dir },
        before, what.map((w, i) => [i ? sep : '', h('bdi', {}, w)]), after),
    });
  }));
  $('other-none').hidden = other.length > 0;
  if (story) {
    const title = storyTitle(story);
    const anchor = group ? `#group-${encodeURIComponent(group.id)}` : '';
    fill($('claim-story'),
      group && versions > 1
        ? [h('a', { href: `${storyUrl(story.id)}${anchor}`, id: 'all-versions' }, t('all_versions', { n: versions })), ' · ']
        : null,
      h('a', { href: storyUrl(story.id), id: 'story-link' }, t('story_link')), ': ',
      h('bdi', { lang: title.lang, dir: dirOf(title.lang) }, title.text));
    $('claim-story').hidden = false;
  }
  document.body.dataset.state = 'done';
}

main().catch((err) => fail(t('error', { msg: err.message })));
