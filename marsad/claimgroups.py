"""Claim groups: the claims of one story that report the same assertion by the same speaker.

A pure function of a story's claims (no I/O), so the groups do not depend on
the order articles arrived in, and ``marsad stories rebuild`` gets the same
groups as the incremental path.

Two claims of different articles can share a group only when the story's own
evidence says their speakers are one (``same_speaker``):

- their language-independent keys agree (the consonant skeleton of the
  speaker's id, as for entities in ``marsad.storyfeatures``), one is the
  other's surname, or two long keys differ by a letter of transliteration
  (ORBITL COMEONIKISHNS / Orbitel Communications);
- or their ids name the same body once the country is set aside, the two
  naming the same country or only one naming one ("uae-cyber-security-council"
  and the Arabic version's "cybersecurity-united-arab-emirates-council"; never
  two countries' central banks);
- a speaker the analysis gave no id ("Orbitel said…") takes the id of the
  one entity of its article whose name holds the speaker's words, or of the
  one speaker of the story written the same way in its language.

Among those, the evidence that two claims report one assertion is: shared
normalised figures, entities and numbers (years, durations) inside the claim,
the claim's words when both articles are in one language, and where the claim
stands among the speaker's claims in its article (wire copy and its
translations keep the order of quotes). A kind that differs (one outlet wrote
"denied", the other "said … not") costs evidence but does not forbid the
match. Each pair of articles is matched one to one, best evidence first, and
the matches are joined into groups; a group never holds two claims of one
article.

A group's id is the id of its earliest claim (by publication, then id), so it
is stable as long as that claim stays in the group.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from marsad.storyfeatures import entity_key, figure_key
from nlp.normalize import search_form
from nlp.translit import skeletons_match

# Evidence needed for two claims to be matched, and what each kind of evidence is worth.
MIN_EVIDENCE = 0.4
# Where a claim stands among its speaker's claims: the only one on both sides, at the same place
# of as many, at the same rank of different numbers.
ONLY_ONE, SAME_PLACE, SAME_RANK = 0.6, 0.5, 0.4
SAME_LANGUAGE_PLACE = 0.5
# A denial matched with a statement: the outlets' wording differs, so the rest must say more.
KIND_DIFFERS = 0.35
# Keys this long may differ by a transliterated letter (skeletons_match); shorter ones
# (a surname) must agree exactly, or two people of one family would be one speaker.
LONG_KEY = 8
_NUMBER = re.compile(r"\d{2,}")
# Words a speaker's text may hold besides a name ("the company Orbitel" is not in the entity's name).
_SPEAKER_FILLER = frozenset({"the", "a", "an", "its", "ال"})
_FUNCTION_WORDS = frozenset({"of", "the", "and", "for"})


@dataclass
class ClaimInfo:
    """One claim as grouping sees it."""

    id: str
    article_id: str
    lang: str
    kind: str
    speaker: str | None  # speaker key
    published: float
    entities: set[str] = field(default_factory=set)
    figures: set[str] = field(default_factory=set)
    terms: set[str] = field(default_factory=set)
    rank: int = 0  # position among the article's claims with this speaker and kind
    rivals: int = 1  # how many claims of the article share this speaker and kind
    numbers: set[str] = field(default_factory=set)  # numbers of two digits or more in the claim's search form
    speaker_id: str | None = None  # the speaker's entity id as analysed (for same_speaker's country rule)
    said_by: str = ""  # the search form of the speaker's words as the article writes them
    order: int = 0  # position among the article's claims with this speaker, of either kind
    turns: int = 1  # how many claims of the article have this speaker


def claims_of(article: dict, published: float, forms: list[str | None] | None = None) -> list[ClaimInfo]:
    """Returns the claims of an articles-index document (its ``analysis``), with their claim ids.

    ``forms`` may give each claim's search form already made (the claims index's ``text_form``).
    """
    analysis = article.get("analysis") or {}
    entities = analysis.get("entities") or []
    figures = analysis.get("figures") or []
    out: list[ClaimInfo] = []
    for n, c in enumerate(analysis.get("claims") or []):
        speaker = c.get("speaker") or {}
        sid = speaker.get("id") or _named_in_article(speaker.get("text") or "", entities)
        skey = entity_key(sid) if sid else None
        ents = {entity_key(entities[i]["id"]) for i in c.get("entities") or []
                if i < len(entities) and entities[i].get("id")}
        figs = {k for i in c.get("figures") or [] if i < len(figures) and (k := figure_key(figures[i]))}
        form = forms[n] if forms is not None and n < len(forms) else None
        if form is None:
            form = search_form(c.get("text") or "")
        terms = {t for t in form.split() if len(t) > 2}
        said_by = _speaker_form(speaker["text"]) if speaker.get("text") else ""
        out.append(ClaimInfo(f"{article['id']}-{n}", article["id"], article.get("lang") or "", c.get("kind") or "",
                             skey, published, ents - {skey}, figs, terms, numbers=set(_NUMBER.findall(form)),
                             speaker_id=sid, said_by=said_by))
    rank(out)
    return out


def rank(claims: list[ClaimInfo]) -> None:
    """Sets where each claim of one article stands among its speaker's claims (of its kind, and of either)."""
    seen: dict[tuple, int] = defaultdict(int)
    for c in claims:
        c.rank = seen[(c.speaker, c.kind)]
        seen[(c.speaker, c.kind)] += 1
        c.order = seen[c.speaker]
        seen[c.speaker] += 1
    for c in claims:
        c.rivals = seen[(c.speaker, c.kind)]
        c.turns = seen[c.speaker]


def to_row(c: ClaimInfo) -> list:
    """Returns what is stored of a claim on its article (``story_features.c``)."""
    return [c.speaker, c.kind, sorted(c.entities), sorted(c.figures), sorted(c.terms), sorted(c.numbers),
            c.speaker_id, c.said_by]


def from_row(cid: str, article_id: str, lang: str, published: float, row: list) -> ClaimInfo:
    """Returns a claim as stored by ``to_row`` (rows stored before numbers and speaker ids have five fields)."""
    speaker, kind, ents, figs, terms, *rest = row
    numbers, speaker_id, said_by = (*rest, [], None, "")[:3]
    return ClaimInfo(cid, article_id, lang, kind, speaker, published, set(ents), set(figs), set(terms),
                     numbers=set(numbers), speaker_id=speaker_id, said_by=said_by or "")


@lru_cache(maxsize=50_000)
def _speaker_form(text: str) -> str:
    # Speakers and entity names repeat across articles ("the company", a chief executive): made once.
    return search_form(text)


def _named_in_article(text: str, entities: list[dict]) -> str | None:
    """Returns the id of the one person or organisation of the article whose name holds all of a speaker's words.

    "Orbitel said" names "Orbitel Communications" of the same article; "the company" names no one.
    """
    words = set(_speaker_form(text).split()) - _SPEAKER_FILLER
    if not words:
        return None
    found = {e["id"] for e in entities if e.get("id") and e.get("label") in ("ORG", "PERSON")
             and words <= set(_speaker_form(e.get("text") or "").split())}
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=1)
def _place_names() -> dict[tuple[str, ...], str]:
    """Returns {the words of a country's or place's Latin name or alias, as in an id: its gazetteer id}."""
    from nlp.gazetteer import gazetteer
    from nlp.translit import slugify

    out: dict[tuple[str, ...], str] = {}
    for e in gazetteer().entries.values():
        if e.label != "GPE":
            continue
        for name in (e.name, *e.en_aliases):
            words = tuple(w for w in slugify(name).split("-") if w)
            if words:
                out.setdefault(words, e.id)
    return out


@lru_cache(maxsize=20_000)
def body_key(speaker_id: str) -> tuple[str, frozenset[str]]:
    """Returns (the key of a speaker's id with the places it names left out, those places' ids).

    "uae-cyber-security-council" → ("SBRSKRTKNSL", {"united-arab-emirates"}), as for
    "cybersecurity-united-arab-emirates-council". The key is empty when less than
    three consonant classes remain (an id that is only a place).
    """
    names = _place_names()
    longest = max((len(k) for k in names), default=0)
    words = [w for w in speaker_id.split("-") if w]
    kept: list[str] = []
    places: set[str] = set()
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            place = names.get(tuple(words[i:i + size]))
            if place:
                places.add(place)
                i += size
                break
        else:
            kept.append(words[i])
            i += 1
    rest = [w for w in kept if w not in _FUNCTION_WORDS]
    key = entity_key("-".join(rest)) if rest else ""
    return (key if len(key) >= 3 and places else ""), frozenset(places)


def same_key(a: str | None, b: str | None) -> bool:
    """Returns whether two speaker keys name one speaker: equal, one is the other's surname ("FRD", "MNFRD"),
    or both are long and differ by a transliterated letter."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 3 and long_.endswith(short):
        return True
    return len(short) >= LONG_KEY and skeletons_match(a, b)


def same_body(a: str | None, b: str | None) -> bool:
    """Returns whether two speaker ids name one body once their places are set aside (``body_key``).

    Both must name the same places, or only one name any: "central-bank-of-egypt" and
    "central-bank-of-jordan" stay two speakers.
    """
    if not a or not b or a == b:
        return bool(a) and a == b
    (ka, pa), (kb, pb) = body_key(a), body_key(b)
    key_a = ka or entity_key(a)
    key_b = kb or entity_key(b)
    if not (ka or kb) or key_a != key_b:
        return False
    return pa == pb or not pa or not pb


def same_speaker(a: ClaimInfo, b: ClaimInfo) -> bool:
    """Returns whether two claims' speakers are one by the evidence of their ids (module docstring)."""
    return same_key(a.speaker, b.speaker) or same_body(a.speaker_id, b.speaker_id)


def evidence(a: ClaimInfo, b: ClaimInfo, weight: dict[str, float] | None = None) -> float:
    """Returns how strongly two claims of different articles report one assertion (0 when they cannot).

    ``weight`` gives each claim word its weight in the story (``term_weights``); every word counts 1 without it.
    """
    if a.article_id == b.article_id or not same_speaker(a, b):
        return 0.0
    score = 0.0 if a.kind == b.kind else -KIND_DIFFERS
    if a.figures & b.figures:
        score += 0.6
    elif a.figures and b.figures:
        score -= 0.4  # both cite figures, none in common: different assertions
    if a.entities and b.entities:
        score += 0.5 * len(a.entities & b.entities) / math.sqrt(len(a.entities) * len(b.entities))
    if a.numbers & b.numbers:
        score += 0.6  # a year, a duration, an amount written the same in both: as telling as a shared figure
    if a.lang == b.lang and a.terms and b.terms:
        score += 1.2 * _cosine(a.terms, b.terms, weight)
    # Where the claim stands among its speaker's: of its kind when both agree on the kind, else of either.
    rank_a, rivals_a, rank_b, rivals_b = ((a.rank, a.rivals, b.rank, b.rivals) if a.kind == b.kind
                                          else (a.order, a.turns, b.order, b.turns))
    place = 0.0
    if rivals_a == 1 and rivals_b == 1:
        place = ONLY_ONE  # the only claim of this speaker (and kind) on both sides
    elif rank_a == rank_b:
        place = SAME_PLACE if rivals_a == rivals_b else SAME_RANK
    # In one language the words say which claims match; the place only breaks ties between them.
    return score + (place * SAME_LANGUAGE_PLACE if a.lang == b.lang else place)


def _cosine(a: set[str], b: set[str], weight: dict[str, float] | None) -> float:
    if weight is None:
        return len(a & b) / math.sqrt(len(a) * len(b))
    norm = math.sqrt(sum(weight.get(t, 1.0) ** 2 for t in a) * sum(weight.get(t, 1.0) ** 2 for t in b))
    return sum(weight.get(t, 1.0) ** 2 for t in a & b) / norm if norm else 0.0


def term_weights(claims: list[ClaimInfo]) -> dict[str, float]:
    """Returns the weight of each claim word in a story: ln(1 + claims of its language / claims holding it).

    Words most of the story's claims hold ("had", "the", "أن") say little about which assertion two share;
    the story's own claims tell them apart, in either language, with no word list.
    """
    per_lang: dict[str, int] = defaultdict(int)
    df: dict[tuple[str, str], int] = defaultdict(int)
    for c in claims:
        per_lang[c.lang] += 1
        for t in c.terms:
            df[(c.lang, t)] += 1
    out: dict[str, float] = {}
    for (lang, t), n in df.items():
        out[t] = min(out.get(t, math.inf), math.log(1 + per_lang[lang] / n))
    return out


def _bucket_keys(c: ClaimInfo) -> set[str]:
    # Speakers that can be one end alike: in their key (same_key) or in the key of their body (same_body).
    out = {c.speaker[-3:]} if c.speaker else set()
    if c.speaker and len(c.speaker) >= LONG_KEY:
        out.add(c.speaker[:3] + "<")  # long keys may differ at the end by a letter: they begin alike
    if c.speaker_id:
        body = body_key(c.speaker_id)[0]
        if body:
            out.add(body[-3:])
    return out


def resolve_speakers(claims: list[ClaimInfo]) -> list[ClaimInfo]:
    """Returns the claims, one whose speaker has no id given the one speaker of the story written the same way.

    Only within one language: "مشوار" with no id in one article takes the key another
    article gave "مشوار". The claims given are not changed (a resolved claim is a copy).
    """
    named: dict[tuple[str, str], set[tuple[str, str | None]]] = defaultdict(set)
    for c in claims:
        if c.speaker and c.said_by:
            named[(c.lang, c.said_by)].add((c.speaker, c.speaker_id))
    out = []
    for c in claims:
        found = named.get((c.lang, c.said_by)) if not c.speaker and c.said_by else None
        if found and len(found) == 1:
            speaker, speaker_id = next(iter(found))
            c = replace(c, speaker=speaker, speaker_id=speaker_id)
        out.append(c)
    return out


def groups(claims: Iterable[ClaimInfo]) -> dict[str, str]:
    """Returns {claim id: group id} for every claim of one story (a claim alone is its own group)."""
    items = resolve_speakers(sorted(claims, key=lambda c: (c.published, c.id)))
    order = {c.id: i for i, c in enumerate(items)}
    parent = {c.id: c.id for c in items}
    members: dict[str, set[str]] = {c.id: {c.article_id} for c in items}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # Only claims whose speakers can be one (same_speaker: their keys, or the keys of their bodies,
    # end alike) are compared: a long story's claims are not all compared with each other.
    buckets: dict[str, list[ClaimInfo]] = defaultdict(list)
    for c in items:
        for k in _bucket_keys(c):
            buckets[k].append(c)
    scored: dict[tuple[str, str], float] = {}
    weight = term_weights(items)
    for bucket in buckets.values():
        for i, a in enumerate(bucket):
            for b in bucket[i + 1:]:
                if (a.id, b.id) not in scored:
                    scored[(a.id, b.id)] = evidence(a, b, weight)
    pairs = [(score, a, b) for (a, b), score in scored.items() if score >= MIN_EVIDENCE]
    # Best evidence first; ties in a fixed order so the result never depends on input order.
    pairs.sort(key=lambda p: (-p[0], order[p[1]], order[p[2]]))
    matched: set[tuple[str, str]] = set()  # (claim, other article) already matched one to one
    article_of = {c.id: c.article_id for c in items}
    for _, a, b in pairs:
        if (a, article_of[b]) in matched or (b, article_of[a]) in matched:
            continue
        ra, rb = find(a), find(b)
        if ra == rb or members[ra] & members[rb]:
            continue  # a group never holds two claims of one article
        matched.add((a, article_of[b]))
        matched.add((b, article_of[a]))
        keep, gone = (ra, rb) if order[ra] < order[rb] else (rb, ra)
        parent[gone] = keep
        members[keep] |= members.pop(gone)
    return {c.id: find(c.id) for c in items}
