"""The indexer's story hook: each batch of articles placed in stories, copies found, claim groups set.

marsad.indexer calls StoryAssigner for every batch it writes; the rules it
applies (what a story is, when two articles are one event) live in
marsad.stories.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter, OrderedDict, defaultdict, deque

from elastic_transport import TransportError
from elasticsearch import Elasticsearch

from marsad import store
from marsad import storyfeatures as SF
from marsad.stories import (
    CANDIDATE_SOURCE,
    HIT_FIELDS,
    IDS_ONLY,
    MAX_CANDIDATES,
    MAX_MEMBERS,
    MEMBER_SOURCE,
    RECENT_LIMIT,
    REFRESH_SECONDS,
    UNSEARCHABLE_SECONDS,
    WINDOW_HOURS,
    Member,
    Stories,
    Window,
    _hit_fields,
    adopt_copies,
    decide,
    group_claims,
    prepare,
    search_keys,
    story_document,
    story_id,
)

log = logging.getLogger(__name__)


# ---- the indexer's hook -------------------------------------------------------------------


Op = tuple[tuple[int, ...], dict, dict | None]


class StoryAssigner:
    """Places the articles of each bulk batch into stories; returns the extra writes (see module docstring).

    Args:
        es: the client (reads and writes go through the aliases of marsad.store).
    """

    def __init__(self, es: Elasticsearch, recent_limit: int = RECENT_LIMIT):
        self.es = es
        # The members this process placed, as it last wrote them (the newest recent_limit), by id.
        self.window = Window(recent_limit, keyed=False)
        # Candidates other processes placed, as last read (by id: when the article was written, its member).
        self.read: OrderedDict[str, tuple[str | None, Member]] = OrderedDict()
        # Those of the last batches, by key: the candidate search may not see them yet.
        self.fresh = Window(limit=10**9)
        self._fresh_count: Counter = Counter()
        self.state = Stories()
        # What this process last wrote (or found stored) of each recent member: (story, duplicate_of, groups).
        self.written: dict[str, tuple] = {}
        self._last_batch = float("-inf")
        # Ids of the last batches placed, with when: a search may not see them yet.
        self._recent: deque[tuple[float, list[str]]] = deque()
        # One batch at a time, from placing to the end of its write (marsad.indexer holds it across both);
        # re-entrant, since assign takes it too.
        self.lock = threading.RLock()

    def assign(self, articles: list[dict], claims: list[list[dict]], now: str,
               es: Elasticsearch | None = None) -> list[Op]:
        """Sets story, duplicate_of and claim groups on a batch's documents; returns the other writes.

        One batch at a time: indexers in several threads (a crawl's spiders) may share the assigner.
        """
        with self.lock:
            return self._assign(articles, claims, now, es)

    def _assign(self, articles: list[dict], claims: list[list[dict]], now: str,
                es: Elasticsearch | None = None) -> list[Op]:
        """The body of :meth:`assign`.

        Args:
            articles: the batch's articles-index documents (changed in place).
            claims: each article's claims-index documents (changed in place).
            now: the batch's time stamp.
            es: the client to use from now on (the indexer's, which a caller may replace).

        Returns:
            (owners, action, source) bulk operations: partial updates of other members, story documents,
            deletions of absorbed story documents. owners are the batch indices the operation belongs to.
        """
        if es is not None:
            self.es = es
        members = [prepare(a, [c.get("text_form") for c in cs] if len(cs) == a.get("claims_count") else None)
                   for a, cs in zip(articles, claims, strict=True)]
        if self._last_batch == float("-inf") or time.monotonic() - self._last_batch < REFRESH_SECONDS:
            # The previous batch (or, before a placer's first, what another writer such as a spool replay
            # wrote just before) may not be searchable yet: rarity weights and candidates would then depend
            # on timing. A refresh makes every decision see every earlier write.
            self.es.indices.refresh(index=[store.alias("articles"), store.alias("stories")])
        self._last_batch = time.monotonic()
        scorer = SF.Scorer(self._idf(articles))
        wanted = [search_keys(m.features, scorer.weight) for m in members]
        hits, stored = self._candidates(articles, wanted)
        fetched = self._known(hits)
        self._learn_stories({c.story for c in fetched.values() if c.story} | {s for s, _ in stored.values() if s})
        recent = self._unsearchable()
        order = sorted(range(len(members)), key=lambda i: members[i].rank)
        touched: dict[str, set[int]] = defaultdict(set)
        gone_all: set[str] = set()
        adopted: list[Member] = []
        started: set[str] = set()  # stories begun by this batch: nothing of them is stored yet
        for i in order:
            m = members[i]
            cands: dict[str, Member] = {}
            for cid, *_ in hits[i]:
                c = self.window.members.get(cid) or fetched.get(cid)
                if c is not None:
                    cands[cid] = c
            for c in recent.nearby(m, wanted[i], scorer.weight):
                cands[c.id] = self.window.members.get(c.id, c)
            decision = decide(m, cands.values(), scorer, self.state.resolve)
            kept = stored.get(m.id, (None, None))[0]
            unseen = story_id(m.id) not in self.state.first
            sid, gone = self.state.place(m, decision, kept)
            if not decision.stories and not kept and unseen:
                started.add(sid)
            m.story, m.duplicate_of = sid, decision.duplicate_of
            for c in decision.copies:
                self._remember_stored(c)
            for c in adopt_copies(m, decision):
                self.window.add(c)
                adopted.append(c)
                touched[self.state.resolve(c.story or sid)].add(i)
            self.window.add(m)
            recent.add(m)
            self._fresh_count[m.id] += 1
            touched[sid].add(i)
            gone_all.update(gone)
        self._recent.append((time.monotonic(), [m.id for m in members]))
        self._complete(adopted)
        # A story absorbed by a later article of this batch hands its units to the survivor.
        final: dict[str, set[int]] = defaultdict(set)
        for sid, owners in touched.items():
            final[self.state.resolve(sid)] |= owners
        for i, m in enumerate(members):
            m.story = self.state.resolve(m.story)
            articles[i]["story"], articles[i]["duplicate_of"] = m.story, m.duplicate_of
        unstored = {sid for sid in started if not self.state.absorbed.get(sid)}
        return self._views(final, gone_all, articles, claims, members, now, unstored)

    def _unsearchable(self) -> Window:
        """Returns the members of the last batches, which the candidate search may not see yet.

        The last two batches, and any placed within UNSEARCHABLE_SECONDS: a batch is
        written after it is placed, and becomes searchable at the next refresh.
        """
        while len(self._recent) > 2 and time.monotonic() - self._recent[0][0] > UNSEARCHABLE_SECONDS:
            for i in self._recent.popleft()[1]:
                self._fresh_count[i] -= 1
                if self._fresh_count[i] <= 0:
                    del self._fresh_count[i]
                    self.fresh.remove(i)
        return self.fresh

    def _known(self, hits: list[list[tuple]]) -> dict[str, Member]:
        """Returns the candidates among hits that this process did not place, as partial members.

        Candidates this process placed are taken from its memory (as it last wrote
        them). The others are read once, however many articles of the batch found
        them, and kept (the newest RECENT_LIMIT) until the article is written again;
        their story and copy family are the ones the search just returned.
        """
        found: dict[str, tuple] = {}
        for row in hits:
            for cid, story, duplicate_of, written in row:
                if cid not in self.window.members:
                    found[cid] = (story, duplicate_of, written)
        stale = sorted(cid for cid, (_, _, written) in found.items()
                       if cid not in self.read or self.read[cid][0] != written)
        for cid, m in self._fetch(stale).items():
            self.read[cid] = (found[cid][2], m)
        out: dict[str, Member] = {}
        for cid, (story, duplicate_of, _) in found.items():
            if cid in self.read:
                self.read.move_to_end(cid)
                m = self.read[cid][1]
                m.story, m.duplicate_of = story, duplicate_of
                out[cid] = m
        while len(self.read) > self.window.limit:
            self.read.popitem(last=False)
        return out

    def _fetch(self, ids: list[str]) -> dict[str, Member]:
        """Returns the stored articles with these ids as partial members (CANDIDATE_SOURCE)."""
        if not ids:
            return {}
        docs = self.es.mget(index=store.alias("articles"), ids=ids, source_includes=CANDIDATE_SOURCE)
        return {d["_id"]: Member.from_doc(d["_source"], partial=True) for d in docs["docs"] if d.get("found")}

    def _complete(self, members: list[Member]) -> None:
        """Replaces the partial members among these, in the window, by whole ones that keep their new state."""
        todo = {m.id: m for m in members if m.partial}
        if not todo:
            return
        docs = self.es.mget(index=store.alias("articles"), ids=sorted(todo), source_includes=MEMBER_SOURCE)["docs"]
        found = {d["_id"]: d["_source"] for d in docs if d.get("found")}
        for mid, m in todo.items():
            if mid not in found:
                self.window.remove(mid)  # gone from the store meanwhile
                continue
            whole = Member.from_doc(found[mid])
            # What the store holds of it, before this batch's writes (the partial member may not have known).
            self.written[mid] = whole.state()
            whole.story, whole.duplicate_of, whole.claim_groups = m.story, m.duplicate_of, m.claim_groups
            self.window.add(whole)

    def _remember_stored(self, m: Member) -> None:
        """Notes what the store holds for a member before this process changes it (once)."""
        if m.id not in self.written:
            self.written[m.id] = m.state()

    def _learn_stories(self, sids: set[str]) -> None:
        """Reads what the store knows of these stories: survivors of absorbed ids, and when each began."""
        unknown = sorted(s for s in sids if s not in self.state.first and s not in self.state.redirect)
        if not unknown:
            return
        res = self.es.search(index=store.alias("stories"), size=len(unknown) * 2 + 10,
                             query={"bool": {"should": [{"terms": {"id": unknown}}, {"terms": {"absorbed": unknown}}]}},
                             source=["id", "absorbed", "first_published", "founder"])
        for h in res["hits"]["hits"]:
            s = h["_source"]
            first = SF._epoch(s.get("first_published"))
            self.state.first.setdefault(s["id"], (first is None, first or 0.0, s.get("founder") or ""))
            for old in s.get("absorbed") or []:
                if old != s["id"]:
                    self.state.redirect.setdefault(old, s["id"])
                    self.state.absorbed[s["id"]].add(old)

    def _idf(self, articles: list[dict]) -> SF.Idf:
        """Returns the rarity weights of the batch's keys and terms, from the store's document frequencies."""
        keys = sorted({k for a in articles for k in a.get("story_keys") or []})
        terms = sorted({t for a in articles for t in (a.get("story_features") or {}).get("t") or []})
        doc = {"story_keys": keys, "body_form": " ".join(terms)}
        res = self.es.mtermvectors(index=store.alias("articles"), docs=[{
            "doc": doc, "fields": ["story_keys", "body_form"], "term_statistics": True, "field_statistics": True,
            "positions": False, "offsets": False}])
        df: dict[str, int] = {}
        total = len(articles)
        vectors = (res["docs"][0].get("term_vectors") or {}) if res.get("docs") else {}
        for fname, prefix in (("story_keys", ""), ("body_form", "t:")):
            data = vectors.get(fname) or {}
            total = max(total, int((data.get("field_statistics") or {}).get("doc_count") or 0))
            for term, stats in (data.get("terms") or {}).items():
                df[prefix + term] = int(stats.get("doc_freq") or 0)
        # This batch's own articles are not in the index yet.
        for a in articles:
            for k in a.get("story_keys") or []:
                df[k] = df.get(k, 0) + 1
        return SF.idf_table(df, total + len(articles))

    def _candidates(self, articles: list[dict], wanted: list[list[str]]) -> tuple[list[list[tuple]], dict[str, tuple]]:
        """Returns each article's candidates in the index, and the stored (story, claim groups) of the batch.

        A candidate is (id, story, duplicate_of, when written).

        One multi-search: per article, the articles published within the window that
        share one of its wanted keys or an LSH band, best MAX_CANDIDATES first (rarer
        shared keys score higher); ids only, as most are in this process's memory.
        """
        alias = store.alias("articles")
        span = WINDOW_HOURS * 3600 * 1000
        searches: list[dict] = []
        for a, keys in zip(articles, wanted, strict=True):
            t = SF._epoch(a.get("published"))
            bands = a.get("lsh_bands") or []
            if t is None or not (keys or bands):
                searches += [{"index": alias}, {"size": 0, "query": {"match_none": {}}}]
                continue
            should: list[dict] = [{"term": {"story_keys": {"value": k}}} for k in keys]
            if bands:
                should.append({"terms": {"lsh_bands": bands, "boost": 2.0}})
            # Ids from doc values: no stored fields are read (an article's _source is large). Articles
            # without a story yet (indexed with stories off) are found too, and passed over by decide().
            searches += [{"index": alias}, {
                "size": MAX_CANDIDATES, **HIT_FIELDS, "track_total_hits": False,
                "query": {"bool": {
                    "filter": [{"range": {"published": {"gte": int(t * 1000 - span), "lte": int(t * 1000 + span),
                                                        "format": "epoch_millis"}}}],
                    "should": should, "minimum_should_match": 1}},
            }]
        ids = [a["id"] for a in articles]
        searches += [{"index": alias}, {"size": len(ids), "query": {"ids": {"values": ids}},
                                        "_source": ["id", "story", "claim_groups"]}]
        responses = self.es.msearch(searches=searches)["responses"]
        for r in responses:
            if "error" in r:
                raise TransportError(f"story candidates: {str(r['error'])[:300]}")
        found = [[_hit_fields(h["fields"]) for h in r["hits"]["hits"]] for r in responses[:-1]]
        stored = {h["_source"]["id"]: (h["_source"].get("story"), h["_source"].get("claim_groups"))
                  for h in responses[-1]["hits"]["hits"]}
        return found, stored

    def _members(self, sids: list[str]) -> dict[str, list[Member]]:
        """Returns the stored members of each story (absorbed ids included), newest MAX_MEMBERS.

        Members this process placed come from its memory; only the others are read.
        """
        if not sids:
            return {}
        alias = store.alias("articles")
        searches: list[dict] = []
        for sid in sids:
            ids = [sid, *sorted(self.state.absorbed.get(sid, ()))]
            searches += [{"index": alias}, {"size": MAX_MEMBERS, **IDS_ONLY, "track_total_hits": False,
                                            "query": {"terms": {"story": ids}},
                                            "sort": [{"published": {"order": "desc", "missing": "_last"}},
                                                     {"id": "asc"}]}]
        listed: dict[str, list[str]] = {}
        for sid, r in zip(sids, self.es.msearch(searches=searches)["responses"], strict=True):
            if "error" in r:
                raise TransportError(f"story members: {str(r['error'])[:300]}")
            listed[sid] = [h["fields"]["id"][0] for h in r["hits"]["hits"]]
        missing = sorted({i for ids in listed.values() for i in ids} - self.window.members.keys())
        read: dict[str, Member] = {}
        if missing:
            docs = self.es.mget(index=alias, ids=missing, source_includes=MEMBER_SOURCE)["docs"]
            read = {d["_id"]: Member.from_doc(d["_source"]) for d in docs if d.get("found")}
        out: dict[str, list[Member]] = {}
        for sid, ids in listed.items():
            out[sid] = [m for i in ids if (m := self.window.members.get(i) or read.get(i)) is not None]
        return out

    def _views(self, final: dict[str, set[int]], gone: set[str], articles: list[dict], claims: list[list[dict]],
               members: list[Member], now: str, unstored: set[str] = frozenset()) -> list[Op]:
        ops: list[Op] = []
        stored = self._members(sorted(set(final) - unstored))
        batch_ids = {m.id: i for i, m in enumerate(members)}
        art_alias, claim_alias, story_alias = (store.alias(k) for k in ("articles", "claims", "stories"))
        recent: dict[str, list[Member]] = defaultdict(list)
        for m in self.window.members.values():
            if m.story:
                recent[self.state.resolve(m.story)].append(m)
        for sid in sorted(final):
            owners = tuple(sorted(final[sid]))
            group: dict[str, Member] = {}
            for m in stored.get(sid, []):
                self.written.setdefault(m.id, m.state())
                group[m.id] = self.window.members.get(m.id, m)
            for m in recent.get(sid, []):
                group[m.id] = m
            for i in final[sid]:
                group[members[i].id] = members[i]
            # A member another batch moved to a different story since the search's snapshot.
            group = {k: m for k, m in group.items() if self.state.resolve(m.story or sid) == sid}
            ordered = sorted(group.values(), key=lambda m: m.rank)
            labels = group_claims(ordered)
            for m in ordered:
                m.story = sid
                m.claim_groups = [labels.get(c.id) for c in m.claims]
                i = batch_ids.get(m.id)
                if i is not None:
                    articles[i]["claim_groups"] = m.claim_groups
                    for n, c in enumerate(claims[i]):
                        c["story"] = sid
                        c["group"] = m.claim_groups[n] if n < len(m.claim_groups) else None
                    self.written[m.id] = m.state()
                    continue
                old_story, old_dup, old_groups = self.written.get(m.id, (None, None, []))
                if (old_story, old_dup, old_groups) == m.state():
                    continue
                ops.append((owners, {"update": {"_index": art_alias, "_id": m.id}},
                            {"doc": {"story": sid, "duplicate_of": m.duplicate_of, "claim_groups": m.claim_groups}}))
                for n, g in enumerate(m.claim_groups):
                    if old_story != sid or n >= len(old_groups) or old_groups[n] != g:
                        ops.append((owners, {"update": {"_index": claim_alias, "_id": f"{m.id}-{n}"}},
                                    {"doc": {"story": sid, "group": g}}))
                self.written[m.id] = m.state()
            absorbed = self.state.absorbed.get(sid, set())
            ops.append((owners, {"index": {"_index": story_alias, "_id": sid}},
                        story_document(sid, ordered, absorbed, now)))
        for sid in sorted(gone):
            ops.append((tuple(sorted(i for s in final.values() for i in s)),
                        {"delete": {"_index": story_alias, "_id": sid}}, None))
        if len(self.written) > 2 * self.window.limit:
            self.written = {k: v for k, v in self.written.items() if k in self.window.members}
        return ops
