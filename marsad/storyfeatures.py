"""What story grouping compares: an article's language-independent keys, and the score of a pair.

Pure functions of an articles-index document (marsad.documents) and a
document-frequency table; no I/O. ``marsad.stories`` fetches candidates and
keeps the stories; this module decides whether two articles report one event.

The keys of an article (all language-independent except its terms):

- entity keys: the consonant skeleton of each entity id (``nlp.translit``), so
  the romanised id of an Arabic name meets the English one (``sahil-tlikom``
  and ``sahel-telecom`` are both SLTLKM), weighted by where the entity is
  mentioned (headline or opening paragraph count double) and by its label
  (a country says less about the event than a company or a person);
- figure keys: kind, currency or unit, and value to three significant
  digits (345,000,000 EUR is ``money:EUR:3.45e+08`` in every script); small
  counts (2 people) are left out;
- speaker keys: the skeletons of the claims' speakers;
- terms: the search form of the headline and the opening paragraph, compared
  only between articles of one language.

Every key is weighted by its rarity over the store (``idf``), so a shared
regulator or country links two articles less than a shared company or a
shared, unusual amount.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache

from marsad.nlp.normalize import search_form
from marsad.nlp.translit import core_name, skeleton

# How much a mention of each label says about which event an article reports.
LABEL_WEIGHT = {"PERSON": 1.0, "ORG": 1.0, "MISC": 0.6, "GPE": 0.35, "LOC": 0.5}
LEAD_CHARS = 400
# A key mentioned only past the opening paragraph counts this much: an article
# often recalls another event in a sentence, which must not make it that event.
BODY_WEIGHT = 0.3
# Counts below this are too common to identify an event (two plants, 11 provinces).
MIN_COUNT = 100

# Scoring (tuned on tests/stories/dev.jsonl; see tests/stories/README.md).
HOUR = 3600.0
WINDOW_HOURS = 96.0  # articles further apart are never linked
FULL_HOURS = 30.0  # within this, time does not weaken a link
THRESHOLD = 1.2
SPEAKER = 0.15
PRIOR_DOCS = 1000
CONFLICT = 0.6


@lru_cache(maxsize=100_000)
def entity_key(entity_id: str) -> str:
    """Returns the language-independent key of an entity id: its consonant skeleton, else the id."""
    words = entity_id.replace("-", " ").strip()
    key = skeleton(core_name(words)) if words else ""
    return key if len(key) >= 3 else entity_id.upper()


def figure_key(figure: Mapping) -> str | None:
    """Returns the key of a normalised figure, or None when it is too common to identify an event."""
    kind, value = figure.get("kind"), figure.get("value")
    if kind not in _FIGURE_KINDS or not isinstance(value, (int, float)):
        return None
    return _figure_key(kind, value, figure.get("currency") if kind == "money" else None)


_FIGURE_KINDS = frozenset({"money", "count", "percent"})


@lru_cache(maxsize=50_000)
def _figure_key(kind: str, value: float, currency: str | None) -> str | None:
    # The same figures recur in every story document a member is part of: formatted once.
    if value <= 0 or (kind == "count" and value < MIN_COUNT):
        return None
    return f"{kind}:{currency or ''}:{float(value):.3g}"


def _epoch(value: str | None) -> float | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.timestamp()


@dataclass
class Features:
    """The keys of one article that story grouping compares."""

    id: str
    lang: str
    published: float | None
    entities: dict[str, float] = field(default_factory=dict)  # key -> position × label weight
    figures: dict[str, float] = field(default_factory=dict)  # key -> weight
    speakers: set[str] = field(default_factory=set)
    terms: set[str] = field(default_factory=set)

    def keys(self) -> list[str]:
        """Returns the prefixed keys stored and searched for (e:, f:, s:)."""
        return sorted({f"e:{k}" for k in self.entities} | {f"f:{k}" for k in self.figures}
                      | {f"s:{k}" for k in self.speakers})

    def to_stored(self) -> dict:
        return {"e": self.entities, "f": self.figures, "s": sorted(self.speakers), "t": sorted(self.terms)}

    @classmethod
    def from_stored(cls, doc_id: str, lang: str, published: str | None, data: Mapping) -> Features:
        return cls(doc_id, lang, _epoch(published), dict(data.get("e") or {}), dict(data.get("f") or {}),
                   set(data.get("s") or ()), set(data.get("t") or ()))


def _lead(body: str) -> str:
    first = body.strip().split("\n\n", 1)[0]
    return first[:LEAD_CHARS]


@lru_cache(maxsize=50_000)
def _words(text: str) -> frozenset[str]:
    # Entity mentions repeat across articles (and within one): their search forms are worked out once.
    return frozenset(search_form(text).split())


def features(article: Mapping) -> Features:
    """Returns the features of an articles-index document (with its ``analysis``)."""
    analysis = article.get("analysis") or {}
    body = article.get("body") or ""
    # The document's title_form is search_form(title) already; search forms are made token by token,
    # so the opening's terms are the title's and the lead's.
    title_form = article.get("title_form")
    if not isinstance(title_form, str):
        title_form = search_form(article.get("title") or "")
    title_words = set(title_form.split())
    lead = _lead(body)
    lead_end = len(lead)
    entities: dict[str, float] = {}
    for e in analysis.get("entities") or []:
        if not e.get("id"):
            continue
        key = entity_key(e["id"])
        forms = _words(e.get("text") or "")
        prominent = (e.get("start") or 0) < lead_end or (forms and forms <= title_words)
        weight = LABEL_WEIGHT.get(e.get("label"), 0.5) * (1.0 if prominent else BODY_WEIGHT)
        entities[key] = max(entities.get(key, 0.0), weight)
    figures: dict[str, float] = {}
    for f in analysis.get("figures") or []:
        key = figure_key(f)
        if key:
            weight = (1.0 if f.get("kind") == "money" else 0.7) * (1.0 if (f.get("start") or 0) < lead_end else 0.5)
            figures[key] = max(figures.get(key, 0.0), weight)
    speakers = {entity_key(c["speaker"]["id"]) for c in analysis.get("claims") or []
                if c.get("speaker") and c["speaker"].get("id")}
    terms = title_words | set(search_form(lead).split())
    return Features(article["id"], article.get("lang") or analysis.get("lang") or "", _epoch(article.get("published")),
                    entities, figures, speakers, {t for t in terms if len(t) > 1})


Idf = Callable[[str], float]


def time_factor(a: Features, b: Features) -> float:
    """Returns 1 for articles within FULL_HOURS, falling to 0 at WINDOW_HOURS (0 without dates)."""
    if a.published is None or b.published is None:
        return 0.0
    hours = abs(a.published - b.published) / HOUR
    if hours <= FULL_HOURS:
        return 1.0
    if hours >= WINDOW_HOURS:
        return 0.0
    return 1.0 - (hours - FULL_HOURS) / (WINDOW_HOURS - FULL_HOURS)


@dataclass
class Link:
    """The evidence that two articles report one event, and its total."""

    score: float
    entities: float
    figures: float
    speakers: float
    terms: float
    time: float


def link(a: Features, b: Features, idf: Idf) -> Link:
    """Returns the score of a pair of articles (linked when score ≥ THRESHOLD)."""
    return Scorer(idf).link(a, b)


@dataclass
class _Weighted:
    # An article's keys multiplied by their rarity once, for every pair it is scored in.
    entities: dict[str, float]
    entities_norm: float
    figure_idf: dict[str, float]
    speakers: dict[str, float]
    money_lead: bool  # its opening names an amount of money
    terms: dict[str, float] | None = None  # made when first compared (only within one language)
    terms_norm: float = 0.0


def _cosine(a: dict[str, float], norm_a: float, b: dict[str, float], norm_b: float) -> float:
    if not norm_a or not norm_b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    return dot / (norm_a * norm_b)


class Scorer:
    """Scores pairs of articles under one rarity table (``link``).

    Each article's rarity-weighted keys are worked out once and kept while the
    scorer lives (one batch), since an article is scored against many others.
    """

    def __init__(self, idf: Idf):
        self.idf = idf
        self._idf: dict[str, float] = {}
        self._weighted: dict[int, tuple[Features, _Weighted]] = {}

    def weight(self, key: str) -> float:
        """Returns the rarity weight of a prefixed key (memoised)."""
        w = self._idf.get(key)
        if w is None:
            w = self._idf[key] = self.idf(key)
        return w

    def _weights(self, prefix: str, keys) -> list[float]:
        memo, idf = self._idf, self.idf
        out = []
        for k in keys:
            key = prefix + k
            w = memo.get(key)
            if w is None:
                w = memo[key] = idf(key)
            out.append(w)
        return out

    def _prepare(self, f: Features) -> _Weighted:
        hit = self._weighted.get(id(f))
        if hit is not None and hit[0] is f:
            return hit[1]
        ents = {k: v * w for (k, v), w in zip(f.entities.items(), self._weights("e:", f.entities), strict=True)}
        out = _Weighted(ents, math.sqrt(sum(v * v for v in ents.values())),
                        dict(zip(f.figures, self._weights("f:", f.figures), strict=True)),
                        dict(zip(f.speakers, self._weights("s:", f.speakers), strict=True)),
                        any(v >= 1.0 for v in f.figures.values()))
        # The features object is kept with its entry, so its id() is not reused while the scorer lives.
        self._weighted[id(f)] = (f, out)
        return out

    def _terms(self, f: Features, p: _Weighted) -> _Weighted:
        if p.terms is None:
            p.terms = dict(zip(f.terms, self._weights("t:", f.terms), strict=True))
            p.terms_norm = math.sqrt(sum(v * v for v in p.terms.values()))
        return p

    def link(self, a: Features, b: Features) -> Link:
        """Returns the evidence and score of a pair (see ``link``)."""
        t = time_factor(a, b)
        if t == 0.0:
            return Link(0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
        pa, pb = self._prepare(a), self._prepare(b)
        ent = _cosine(pa.entities, pa.entities_norm, pb.entities, pb.entities_norm)
        shared = a.figures.keys() & b.figures.keys()
        fig = sum(min(a.figures[k], b.figures[k]) * pa.figure_idf[k] for k in shared)
        spk = sum(pa.speakers[k] for k in a.speakers & b.speakers)
        terms = 0.0
        if a.lang == b.lang and a.terms and b.terms:
            pa, pb = self._terms(a, pa), self._terms(b, pb)
            terms = _cosine(pa.terms, pa.terms_norm, pb.terms, pb.terms_norm)
        # Both openings name an amount of money and no amount is shared: two events (two fines of one day).
        conflict = CONFLICT if pa.money_lead and pb.money_lead and not shared else 0.0
        score = (1.6 * ent + 0.7 * min(fig, 2.0) + SPEAKER * min(spk, 2.0) + 1.2 * terms - conflict) * t
        return Link(score, ent, fig, spk, terms, t)

    def score(self, a: Features, b: Features) -> float:
        """Returns the score of a pair (linked when ≥ THRESHOLD)."""
        return self.link(a, b).score


def idf_table(df: Mapping[str, int], total: int) -> Idf:
    """Returns the rarity weight of a key in [0.05, 1] from its document frequency in a store of `total` articles.

    The store is pretended to hold PRIOR_DOCS more articles in which every key
    is as rare as one in PRIOR_DOCS: a young store cannot tell rare from common,
    so its keys start rare and find their weight as articles arrive, and a
    weight hardly moves with the store's size once the store is large.
    ln((N + N0) / (df + 1)) / ln(N0), clipped.
    """
    n = max(total, 0) + PRIOR_DOCS
    top = math.log(PRIOR_DOCS)

    def idf(key: str) -> float:
        count = max(0, df.get(key, 0)) + 1
        return min(1.0, max(0.05, math.log(n / count) / top))

    return idf
