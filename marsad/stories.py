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
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from marsad import claimgroups, copies
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
        "c": [[c.speaker, c.kind, sorted(c.entities), sorted(c.figures), sorted(c.terms), [sorted(f) for f in c.bridge],
               c.negated, c.speaker_bare] for c in claims],
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
            # Rows stored before the dictionary have neither bridge nor negation (read as none).
            speaker, kind, ents, figs, terms, *rest = row
            bridge = [frozenset(f) for f in rest[0]] if rest else []
            neg = bool(rest[1]) if len(rest) > 1 else False
            bare = rest[2] if len(rest) > 2 else None  # stored since the speaker's article-less key
            claims.append(ClaimInfo(f"{doc['id']}-{n}", doc["id"], feats.lang, kind, speaker, feats.published or 0.0,
                                    set(ents), set(figs), set(terms), bridge, neg, speaker_bare=bare))
        claimgroups.rank_claims(claims)
        return cls(doc["id"], feats.lang, doc.get("source"), doc.get("published"), doc.get("title") or "", feats,
                   sketch, claims, doc.get("story"), doc.get("duplicate_of"), list(doc.get("claim_groups") or []),
                   int(doc.get("claims_count") or 0), int(doc.get("denials_count") or 0),
                   list(doc.get("entity_ids") or []), list(doc.get("figures") or []), _search_keys(doc), partial)


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
