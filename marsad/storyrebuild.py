"""`marsad stories rebuild`: every story, copy and claim group recomputed from the stored articles.

Deterministic: the articles are read in publication order and placed as the
indexer places them (marsad.stories), so a rebuild of the same articles gives
the same grouping whatever order they arrived in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from elasticsearch import Elasticsearch, helpers

from marsad import store
from marsad import storyfeatures as SF
from marsad.stories import (
    MEMBER_SOURCE,
    WINDOW_HOURS,
    Member,
    Stories,
    Window,
    decide,
    group_claims,
    prepare,
    story_document,
)

# ---- rebuild -------------------------------------------------------------------------------


@dataclass
class RebuildReport:
    articles: int = 0
    stories: int = 0
    copies: int = 0
    merges: int = 0
    updated_articles: int = 0
    updated_claims: int = 0
    deleted_stories: int = 0


def _scan_articles(es: Elasticsearch, page: int = 500) -> Iterator[list[dict]]:
    """Yields the articles in (published, id) order, a page at a time, with what prepare() needs."""
    alias = store.alias("articles")
    pit = es.open_point_in_time(index=alias, keep_alive="5m")["id"]
    after = None
    source = sorted(set(MEMBER_SOURCE) | {"title", "body", "body_form", "analysis"})
    try:
        while True:
            body = {"size": page, "sort": [{"published": {"order": "asc", "missing": "_last"}}, {"id": "asc"}],
                    "_source": source, "pit": {"id": pit, "keep_alive": "5m"}, "track_total_hits": False}
            if after:
                body["search_after"] = after
            res = es.search(**body)
            pit = res.get("pit_id") or pit
            hits = res["hits"]["hits"]
            if not hits:
                return
            after = hits[-1]["sort"]
            yield [h["_source"] for h in hits]
    finally:
        es.options(ignore_status=404).close_point_in_time(id=pit)


def rebuild(es: Elasticsearch, now: str | None = None) -> RebuildReport:
    """Recomputes copies, stories and claim groups of every article from the index, deterministically.

    Articles are placed in publication order (then id) with the same decision as
    the indexer, the candidates being every article within the window (not a
    capped search), and rarity weights from the whole index. A story is written
    once no later article can join it. Old story ids that no longer name a story
    are kept as absorbed ids of the story their first article is now in, so they
    keep answering; story documents of no story any more are deleted.
    """
    from marsad.documents import _now

    now = now or _now()
    report = RebuildReport()
    window = Window(limit=10**9)
    state = Stories()
    pending: dict[str, list[Member]] = defaultdict(list)
    before: dict[str, tuple] = {}  # member id -> (story, duplicate_of, claim groups) stored before
    changed_features: dict[str, dict] = {}
    olds: dict[str, set[str]] = defaultdict(set)  # new story -> old ids whose first article it holds
    seen_old: set[str] = set()
    alive: set[str] = set()
    written: set[str] = set()
    actions: list[dict] = []
    articles, claims, stories_alias = store.alias("articles"), store.alias("claims"), store.alias("stories")
    # Ids absorbed before this rebuild must go on answering: they follow the story they were absorbed by.
    prior = {h["_id"]: set(h["_source"]["absorbed"])
             for h in helpers.scan(es, index=stories_alias, query={"query": {"exists": {"field": "absorbed"}}},
                                   _source=["absorbed"]) if h["_source"].get("absorbed")}

    def finish(sids: Iterable[str]) -> None:
        for sid in sorted(sids):
            group = sorted(pending.pop(sid, []), key=lambda m: m.rank)
            labels = group_claims(group)
            for m in group:
                m.story = sid
                m.claim_groups = [labels.get(c.id) for c in m.claims]
                old_story, _, old_groups = before[m.id]
                if before[m.id] != m.state() or m.id in changed_features:
                    report.updated_articles += 1
                    actions.append({"_op_type": "update", "_index": articles, "_id": m.id, "doc": {
                        "story": sid, "duplicate_of": m.duplicate_of, "claim_groups": m.claim_groups,
                        **changed_features.pop(m.id, {})}})
                for n, g in enumerate(m.claim_groups):
                    if old_story != sid or n >= len(old_groups) or old_groups[n] != g:
                        report.updated_claims += 1
                        actions.append({"_op_type": "update", "_index": claims, "_id": f"{m.id}-{n}",
                                        "doc": {"story": sid, "group": g}})
            absorbed = olds.pop(sid, set()) | state.absorbed.get(sid, set())
            absorbed = (absorbed | {x for o in absorbed | {sid} for x in prior.get(o, ())}) - alive - {sid}
            actions.append({"_op_type": "index", "_index": stories_alias, "_id": sid,
                            "_source": story_document(sid, group, absorbed, now)})
            written.add(sid)
            report.stories += 1
        if len(actions) >= 2000:
            _bulk(es, actions)

    for page in _scan_articles(es):
        placed = []
        for doc in page:
            before[doc["id"]] = (doc.get("story"), doc.get("duplicate_of"), list(doc.get("claim_groups") or []))
            old_features = {k: doc.get(k) for k in ("story_keys", "lsh_bands", "story_features")}
            prepare(doc)
            new_features = {k: doc[k] for k in ("story_keys", "lsh_bands", "story_features")}
            if new_features != old_features:
                changed_features[doc["id"]] = new_features
            placed.append((doc, Member.from_doc(doc)))
        scorer = SF.Scorer(_rebuild_idf(es, [d for d, _ in placed]))
        for _, m in placed:
            report.articles += 1
            if m.t is not None:
                window.expire(m.t - 2 * WINDOW_HOURS * 3600)
            decision = decide(m, window.candidates(m), scorer, state.resolve)
            sid, gone = state.place(m, decision, None)
            alive.add(sid)
            for g in gone:
                report.merges += 1
                alive.discard(g)
                pending[sid].extend(pending.pop(g, []))
                olds[sid] |= olds.pop(g, set())
            m.story, m.duplicate_of = sid, decision.duplicate_of
            report.copies += m.duplicate_of is not None
            pending[sid].append(m)
            old_story = before[m.id][0]
            if old_story and old_story not in seen_old:
                seen_old.add(old_story)
                olds[sid].add(old_story)
            window.add(m)
        # A story whose newest member is further back than the window cannot change any more.
        newest = max((m.t for _, m in placed if m.t is not None), default=None)
        if newest is not None:
            horizon = newest - WINDOW_HOURS * 3600
            finish([s for s, ms in pending.items() if all(x.t is not None and x.t < horizon for x in ms)])
    finish(list(pending))
    _bulk(es, actions)
    # Story documents this rebuild did not write name no story any more.
    stale = [{"_op_type": "delete", "_index": stories_alias, "_id": h["_id"]}
             for h in helpers.scan(es, index=stories_alias, query={"query": {"match_all": {}}}, _source=False)
             if h["_id"] not in written]
    report.deleted_stories = len(stale)
    _bulk(es, stale)
    es.indices.refresh(index=[articles, claims, stories_alias])
    return report


def _rebuild_idf(es: Elasticsearch, docs: list[dict]) -> SF.Idf:
    keys = sorted({k for a in docs for k in a.get("story_keys") or []})
    terms = sorted({t for a in docs for t in (a.get("story_features") or {}).get("t") or []})
    res = es.mtermvectors(index=store.alias("articles"), docs=[{
        "doc": {"story_keys": keys, "body_form": " ".join(terms)}, "fields": ["story_keys", "body_form"],
        "term_statistics": True, "field_statistics": True, "positions": False, "offsets": False}])
    df: dict[str, int] = {}
    total = 0
    vectors = res["docs"][0].get("term_vectors") or {}
    for fname, prefix in (("story_keys", ""), ("body_form", "t:")):
        data = vectors.get(fname) or {}
        total = max(total, int((data.get("field_statistics") or {}).get("doc_count") or 0))
        for term, stats in (data.get("terms") or {}).items():
            df[prefix + term] = int(stats.get("doc_freq") or 0)
    return SF.idf_table(df, total)


def _bulk(es: Elasticsearch, actions: list[dict]) -> None:
    if not actions:
        return
    ok, errors = helpers.bulk(es, list(actions), chunk_size=500, raise_on_error=False, refresh=False)
    actions.clear()
    if errors:
        raise RuntimeError(f"stories rebuild: {len(errors)} writes failed, first: {errors[0]}")
