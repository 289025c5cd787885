"""Stories: every article joins one news event, as it is indexed; copies and claim groups with it.

How an article is placed (the same code for the indexer and for ``marsad
stories rebuild``):

1. Its features (``marsad.storyfeatures``: entity, figure and speaker keys,
   headline and opening terms) and its MinHash sketch (``marsad.copies``) are
   stored on the article (``story_keys``, ``lsh_bands``, ``story_features``).
2. Candidates are the articles published within ``WINDOW_HOURS`` that share
   one of its ``SEARCH_KEYS`` weightiest keys (``search_keys``) or an LSH
   band, the ``MAX_CANDIDATES`` sharing the rarest first: one search per
   article, all of a batch in one multi-search, under a date-range filter (its
   cost follows the articles in the window, not the size of the index), that
   returns ids and the current story from doc values only; plus, found the
   same way in memory, the articles this process placed in its last batches,
   which a search may not see before the next refresh. What a candidate says
   (its features and sketch) comes from this process's memory when it placed
   the article, else it is read once and kept until the article is written
   again.
3. An earlier candidate in the same language whose sketch says near-identical
   text makes the article a copy (``duplicate_of`` is the first article of
   that copy family). Every candidate whose link score
   (``storyfeatures.link``) passes the threshold, and every copy, links the
   article to the candidate's story.
4. No link: the article starts a story. One: it joins it. Several: the stories
   merge; the survivor is the story that began first (its first article's
   publication, then id), and the absorbed ids are kept on it (``absorbed``)
   so they keep answering.

Links are between articles, so a story is a connected component of linked
articles: which articles end up together does not depend on the order they
arrive in, as long as every link is found (candidate lists are capped at
``MAX_CANDIDATES``; rarity weights change a little as the store grows).
Story ids are stable: a story keeps the id it was given when it began.

After placing a batch, each story that changed is recomputed from all its
members (a search by story id for the members, read only when this process
does not hold them, plus what it wrote moments ago; a story the batch began
has nothing stored yet): the
story document (titles, counts, central entities, shared figures) and the
claim groups (``marsad.claimgroups``, a pure function of the story's claims).
Members whose story or claim groups changed get partial updates.

Several indexing processes may place articles at the same time; each sees the
others' articles after the index refresh. Two processes placing articles of
one new event within the same second may start two stories; ``marsad stories
rebuild`` recomputes everything from the index, deterministically.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections import Counter, OrderedDict, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from elastic_transport import TransportError
from elasticsearch import Elasticsearch, helpers

from marsad import claimgroups, copies, store
from marsad import storyfeatures as SF
from marsad.claimgroups import ClaimInfo
from marsad.storyfeatures import Features

log = logging.getLogger(__name__)

WINDOW_HOURS = SF.WINDOW_HOURS
MAX_CANDIDATES = 40
# Keys an article's candidate search asks for: the ones that can weigh most in a link (``search_keys``).
SEARCH_KEYS = 16
# Members placed this recently (or in the previous batch) may not be searchable yet: they are
# candidates from this process's memory as well.
UNSEARCHABLE_SECONDS = 10.0
# A story larger than this is recomputed from its newest members only (a running story of weeks).
MAX_MEMBERS = 2000
# Batches closer together than the index refresh interval (1 s) refresh the index first.
REFRESH_SECONDS = 1.5
# Articles placed by this process that stay in its memory (their stories may still change).
RECENT_LIMIT = 20000

MEMBER_SOURCE = ["id", "lang", "source", "published", "title", "story", "duplicate_of", "claim_groups",
                 "story_features", "claims_count", "denials_count", "entity_ids", "figures", "story_keys", "lsh_bands"]
# A search that returns only the ids of its hits, from doc values (no stored field is read).
IDS_ONLY = {"stored_fields": "_none_", "docvalue_fields": ["id"]}
# Candidates come with their current story and copy family, and the time the article was last
# written (its features change only then), all from doc values.
HIT_FIELDS = {"stored_fields": "_none_", "docvalue_fields": ["id", "story", "duplicate_of", "indexed"]}
# What deciding a link needs of a candidate (no claims, titles, entity lists or figures): a partial member.
CANDIDATE_SOURCE = ["id", "lang", "source", "published", "story", "duplicate_of", "claim_groups",
                    "story_keys", "lsh_bands", *(f"story_features.{k}" for k in ("e", "f", "s", "t", "sig", "n", "v"))]


def story_id(founder_article: str) -> str:
    """Returns the id of the story an article starts (stable: derived from the article's id)."""
    return "s" + hashlib.sha1(f"story:{founder_article}".encode()).hexdigest()[:15]


# ---- what is stored on an article ------------------------------------------------------


def prepare(article: dict, claim_forms: list[str | None] | None = None) -> Member:
    """Adds the story features, keys and sketch to an articles-index document, in place; returns its member.

    ``claim_forms`` may give the search form of each claim already made (its claims-index ``text_form``).
    The member is the one ``Member.from_doc`` would read back from the stored document.
    """
    feats = SF.features(article)
    body_form = article.get("body_form")
    sketch = copies.sketch_form(body_form) if body_form is not None else copies.sketch(article.get("body") or "")
    claims = claimgroups.claims_of(article, feats.published or 0.0, claim_forms)
    article["story_keys"] = feats.keys()
    article["lsh_bands"] = sketch.bands() if sketch.size >= copies.MIN_SHINGLES else []
    article["story_features"] = {
        **feats.to_stored(), "sig": sketch.encode(), "n": sketch.size, "v": sketch.version,
        "c": [[c.speaker, c.kind, sorted(c.entities), sorted(c.figures), sorted(c.terms)] for c in claims],
    }
    article.setdefault("story", None)
    article.setdefault("duplicate_of", None)
    article["claim_groups"] = [None] * len(claims)
    # As read back: the stored language, the signature as decoded.
    feats.lang = article.get("lang") or ""
    return Member(article["id"], feats.lang, article.get("source"), article.get("published"),
                  article.get("title") or "", feats, sketch,
                  claims, article["story"], article["duplicate_of"], list(article["claim_groups"]),
                  int(article.get("claims_count") or 0), int(article.get("denials_count") or 0),
                  list(article.get("entity_ids") or []), list(article.get("figures") or []), _search_keys(article))


@dataclass
class Member:
    """An article as story grouping sees it (from its stored fields)."""

    id: str
    lang: str
    source: str | None
    published: str | None
    title: str
    features: Features
    sketch: copies.Sketch | None
    claims: list[ClaimInfo]
    story: str | None = None
    duplicate_of: str | None = None
    claim_groups: list = field(default_factory=list)
    claims_count: int = 0
    denials_count: int = 0
    entity_ids: list[str] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)  # what candidates are searched by (story keys, LSH bands)
    partial: bool = False  # read with CANDIDATE_SOURCE: enough to decide links, not to describe a story

    def state(self) -> tuple:
        """Returns what is stored of the member's grouping: (story, duplicate_of, claim groups)."""
        return (self.story, self.duplicate_of, list(self.claim_groups))

    @property
    def t(self) -> float | None:
        return self.features.published

    @property
    def rank(self) -> tuple:
        """Order of arrival in the world: publication time, then id (undated last)."""
        return (self.t is None, self.t or 0.0, self.id)

    @classmethod
    def from_doc(cls, doc: dict, partial: bool = False) -> Member:
        """Returns the member of a stored article (``partial``: read with CANDIDATE_SOURCE)."""
        data = doc.get("story_features") or {}
        feats = Features.from_stored(doc["id"], doc.get("lang") or "", doc.get("published"), data)
        # A signature stored without a version is of version 1 (copies.SIG_VERSION).
        sketch = copies.Sketch.decode(data["sig"], int(data.get("n") or 0), int(data.get("v") or 1)) \
            if data.get("sig") else None
        claims = []
        for n, row in enumerate(data.get("c") or []):
            speaker, kind, ents, figs, terms = row
            claims.append(ClaimInfo(f"{doc['id']}-{n}", doc["id"], feats.lang, kind, speaker, feats.published or 0.0,
                                    set(ents), set(figs), set(terms)))
        _rank_claims(claims)
        return cls(doc["id"], feats.lang, doc.get("source"), doc.get("published"), doc.get("title") or "", feats,
                   sketch, claims, doc.get("story"), doc.get("duplicate_of"), list(doc.get("claim_groups") or []),
                   int(doc.get("claims_count") or 0), int(doc.get("denials_count") or 0),
                   list(doc.get("entity_ids") or []), list(doc.get("figures") or []), _search_keys(doc), partial)


def _rank_claims(claims: list[ClaimInfo]) -> None:
    seen: Counter = Counter()
    for c in claims:
        c.rank = seen[(c.speaker, c.kind)]
        seen[(c.speaker, c.kind)] += 1
    for c in claims:
        c.rivals = seen[(c.speaker, c.kind)]


# ---- placing articles -------------------------------------------------------------------


class Window:
    """Recently placed members (the newest `limit`), by id and, when `keyed`, by key and LSH band."""

    def __init__(self, limit: int = RECENT_LIMIT, keyed: bool = True):
        self.limit = limit
        self.keyed = keyed
        self.members: dict[str, Member] = {}
        self.by_key: dict[str, set[str]] = defaultdict(set)

    def add(self, m: Member) -> None:
        if m.id in self.members:
            self.remove(m.id)
        self.members[m.id] = m
        for k in m.keys if self.keyed else ():
            self.by_key[k].add(m.id)
        while len(self.members) > self.limit:
            self.remove(next(iter(self.members)))

    def remove(self, mid: str) -> None:
        m = self.members.pop(mid, None)
        for k in m.keys if m and self.keyed else ():
            bucket = self.by_key.get(k)
            if bucket:
                bucket.discard(mid)
                if not bucket:
                    del self.by_key[k]

    def expire(self, before: float) -> list[Member]:
        """Removes and returns the members published before `before` (seconds since the epoch)."""
        gone = [m for m in self.members.values() if m.t is not None and m.t < before]
        for m in gone:
            self.remove(m.id)
        return gone

    def candidates(self, m: Member) -> list[Member]:
        """Returns every member sharing a key or an LSH band with m (by id)."""
        found: set[str] = set()
        for k in m.keys:
            found |= self.by_key.get(k, set())
        found.discard(m.id)
        return [self.members[i] for i in sorted(found)]

    def nearby(self, m: Member, keys: list[str], weight: Callable[[str], float],
               limit: int = MAX_CANDIDATES) -> list[Member]:
        """Returns the members the candidate search would find for m here (``StoryAssigner._candidates``).

        Those published within the window of time of m that share one of `keys` or an
        LSH band, the `limit` sharing the rarest keys first (a shared band counts as
        the search boosts it).
        """
        # Each member's worth is added up key by key, from the buckets: members sharing only a
        # common key cost one addition each, not a set intersection.
        worth: dict[str, float] = defaultdict(float)
        for k in set(keys):
            bucket = self.by_key.get(k)
            if bucket:
                w = weight(k)
                for i in bucket:
                    worth[i] += w
        banded: set[str] = set()
        for k in m.keys:
            if k.startswith("b:"):
                banded |= self.by_key.get(k, set())
        for i in banded:
            worth[i] += 2.0
        worth.pop(m.id, None)
        span = WINDOW_HOURS * 3600
        t = m.t
        ranked = []
        for i, value in worth.items():
            ct = self.members[i].features.published
            if t is not None and ct is not None and abs(ct - t) > span:
                continue
            ranked.append((-value, i))
        ranked.sort()
        return [self.members[i] for _, i in ranked[:limit]]


_NONE = (None,)


def _hit_fields(fields: dict) -> tuple:
    # A doc-value field of no value is absent from a hit's fields.
    get = fields.get
    return (fields["id"][0], get("story", _NONE)[0], get("duplicate_of", _NONE)[0], get("indexed", _NONE)[0])


def _search_keys(article: dict) -> list[str]:
    return list(article.get("story_keys") or []) + [f"b:{b}" for b in article.get("lsh_bands") or []]


def search_keys(f: Features, weight: Callable[[str], float], limit: int | None = None) -> list[str]:
    """Returns the story keys an article's candidates are searched by: the `limit` that can weigh most in a link.

    A key's worth is what it can add to a link score (``storyfeatures.link``): an
    entity's weight in the article times its rarity (times the entity coefficient),
    a figure's likewise, a speaker's rarity times the small speaker coefficient. A
    candidate that shares only keys left out (a country named in passing, a
    common regulator) cannot reach the threshold on them, so searching by them
    would only add the work of scoring it.
    """
    worth = [(1.6 * w * weight("e:" + k), "e:" + k) for k, w in f.entities.items()]
    worth += [(0.7 * w * weight("f:" + k), "f:" + k) for k, w in f.figures.items()]
    worth += [(SF.SPEAKER * weight("s:" + k), "s:" + k) for k in f.speakers]
    best: dict[str, float] = {}
    for value, key in worth:
        best[key] = max(best.get(key, 0.0), value)
    return sorted(sorted(best, key=lambda k: (-best[k], k))[:limit or SEARCH_KEYS])


@dataclass
class Decision:
    duplicate_of: str | None
    stories: set[str]
    # Later articles (already placed) that are copies of this one: their family now starts earlier.
    copies: list[Member] = field(default_factory=list)


def decide(m: Member, candidates: Iterable[Member], idf: SF.Idf | SF.Scorer, story_of) -> Decision:
    """Returns the copy family and the stories an article links to, given its candidates.

    Args:
        m: the article being placed.
        candidates: other articles (their ``story`` set), in any order.
        idf: the rarity weight of a key, or a scorer made from it (which keeps weighted keys between calls).
        story_of: maps a stored story id to the story it is now (absorbed ids to their survivor).
    """
    scorer = idf if isinstance(idf, SF.Scorer) else SF.Scorer(idf)
    root: tuple | None = None
    linked: set[str] = set()
    later: list[Member] = []
    for c in candidates:
        if c.id == m.id or c.story is None:
            continue
        copy = (c.lang == m.lang and m.sketch is not None and c.sketch is not None
                and m.sketch.is_copy_of(c.sketch))
        if copy and c.rank < m.rank:
            family = c.duplicate_of or c.id
            if root is None or (c.rank, family) < root:
                root = (c.rank, family)
        elif copy:
            later.append(c)
        if copy or scorer.score(m.features, c.features) >= SF.THRESHOLD:
            linked.add(story_of(c.story))
    return Decision(root[1] if root else None, linked, later)


def adopt_copies(m: Member, decision: Decision) -> list[Member]:
    """Points later copies of m at m's copy family (an original that arrived after its copies); returns them."""
    family = m.duplicate_of or m.id
    later = {c.id for c in decision.copies}
    changed = []
    for c in decision.copies:
        # A copy already in an earlier family keeps it; one whose original is itself later moves here.
        if c.duplicate_of is None or c.duplicate_of in later:
            c.duplicate_of = family
            changed.append(c)
    return changed


class Stories:
    """The story state a placing process keeps: survivors of merges and when each story began."""

    def __init__(self) -> None:
        self.redirect: dict[str, str] = {}
        self.first: dict[str, tuple] = {}  # story id -> rank of its first member
        self.absorbed: dict[str, set[str]] = defaultdict(set)

    def resolve(self, sid: str) -> str:
        seen = set()
        while sid in self.redirect and sid not in seen:
            seen.add(sid)
            sid = self.redirect[sid]
        return sid

    def place(self, m: Member, decision: Decision, kept: str | None) -> tuple[str, list[str]]:
        """Returns (the member's story, the stories it absorbed) for a decision; kept is its stored story."""
        linked = {self.resolve(s) for s in decision.stories}
        if kept:
            linked.add(self.resolve(kept))
        if not linked:
            sid = story_id(m.id)
            self.first[sid] = min(self.first.get(sid, m.rank), m.rank)
            return sid, []
        for s in linked:
            self.first.setdefault(s, m.rank)
        survivor = min(linked, key=lambda s: (self.first[s], s))
        gone = sorted(linked - {survivor})
        for s in gone:
            self.redirect[s] = survivor
            self.absorbed[survivor] |= {s} | self.absorbed.pop(s, set())
            self.first[survivor] = min(self.first[survivor], self.first[s])
        self.first[survivor] = min(self.first[survivor], m.rank)
        return survivor, gone


# ---- story documents ---------------------------------------------------------------------


def story_document(sid: str, members: list[Member], absorbed: Iterable[str], now: str) -> dict:
    """Returns the stories-index document of a story from all its members."""
    members = sorted(members, key=lambda m: m.rank)
    originals = [m for m in members if not m.duplicate_of]
    titles: dict[str, str] = {}
    for m in originals or members:
        if m.lang and m.lang not in titles and m.title:
            titles[m.lang] = m.title
    counts = Counter(e for m in originals for e in dict.fromkeys(m.entity_ids))
    figures: dict[tuple, dict] = {}
    seen_in: dict[tuple, set[str]] = defaultdict(set)
    for m in originals:
        for f in m.figures:
            key = SF.figure_key(f)
            if not key:
                continue
            k = (key, f.get("unit") if f.get("kind") == "count" else None)
            figures.setdefault(k, {"kind": f.get("kind"), "value": f.get("value"), "unit": f.get("unit"),
                                   "currency": f.get("currency")})
            seen_in[k].add(m.id)
    shared = sorted((k for k in figures if len(seen_in[k]) > 1), key=lambda k: (-len(seen_in[k]), k[0]))
    dated = [m.published for m in members if m.published]
    return {
        "id": sid,
        "titles": titles,
        "text_form": " ".join(dict.fromkeys(SF.search_form(m.title) for m in members[:50] if m.title)),
        "langs": sorted({m.lang for m in members if m.lang}),
        "sources": sorted({m.source for m in members if m.source}),
        "articles": len(originals),
        "duplicates": len(members) - len(originals),
        "first_published": min(dated, key=SF._epoch) if dated else None,
        "last_published": max(dated, key=SF._epoch) if dated else None,
        "entities": [e for e, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:25]],
        "figures": [{**figures[k], "articles": len(seen_in[k])} for k in shared[:20]],
        "claims": sum(m.claims_count for m in members),
        "denials": sum(m.denials_count for m in members),
        "absorbed": sorted(set(absorbed) - {sid}),
        "founder": members[0].id if members else None,
        "indexed": now,
    }


def group_claims(members: list[Member]) -> dict[str, str]:
    """Returns {claim id: group id} over every claim of a story's members."""
    return claimgroups.groups(c for m in members for c in m.claims)


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

    def assign(self, articles: list[dict], claims: list[list[dict]], now: str,
               es: Elasticsearch | None = None) -> list[Op]:
        """Sets story, duplicate_of and claim groups on a batch's documents; returns the other writes.

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
        if time.monotonic() - self._last_batch < REFRESH_SECONDS:
            # The previous batch may not be searchable yet: rarity weights and candidates would then
            # depend on timing. A refresh makes every decision see every earlier write.
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
