"""Claim groups: the claims of one story that report the same assertion by the same speaker.

A pure function of a story's claims (no I/O), so the groups do not depend on
the order articles arrived in, and ``marsad stories rebuild`` gets the same
groups as the incremental path.

Two claims of different articles can share a group only when their speakers
have the same language-independent key (the consonant skeleton of the
speaker's id, as for entities in ``marsad.storyfeatures``, also with the
article words of a romanised id left out) and their kinds fit:
the same kind, or a denial and a negated statement (one outlet writes "denied
that cards were taken", another "said no cards had been accessed"; such a
pair needs its evidence from figures, entities and words). Among those, the
evidence that they report one assertion is:
shared normalised figures and entities inside the claim, the claim's words
(in one language its search forms; across English and Arabic the English
content words whose dictionary translation, ``nlp.bilingual``, is among the
Arabic claim's content words, over the words each side could match), and
where the claim stands among the speaker's claims of that kind in its article
(wire copy and its translations keep the order of quotes). Each pair of
articles is matched one to one, best
evidence first, and the matches are joined into groups; a group never holds
two claims of one article.

When two groups would join, every speaker of the one must be one with every
speaker of the other: a claim by "egypt" (a key that ends both) never links
the central and the national bank of Egypt.

A group's id is the id of its earliest claim (by publication, then id), so it
is stable as long as that claim stays in the group.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from marsad.nlp import bilingual
from marsad.nlp.normalize import search_form
from marsad.storyfeatures import entity_key, figure_key

# Evidence needed for two claims to be matched, and what each kind of evidence is worth.
MIN_EVIDENCE = 0.5
# What a denial paired with a negated statement pays for the difference of kind.
CROSS_KIND = 0.2
# What the English and Arabic words two claims share through the dictionary are worth (nlp.bilingual).
CROSS_WORDS = 1.2


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
    # An English claim's content words the dictionary translates, each as the Arabic search forms it may take.
    bridge: list[frozenset[str]] = field(default_factory=list)
    negated: bool = False  # the claim's words hold a negation ("not", "never", "لم", "لن")
    rank: int = 0  # position among the article's claims with this speaker and kind
    rivals: int = 1  # how many claims of the article share this speaker and kind
    # The speaker's key without the article as a word of its own (al-hadi-al-ferjani: hadi-ferjani), if it has one.
    speaker_bare: str | None = None


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
        skey = entity_key(speaker["id"]) if speaker.get("id") else None
        bare = _without_article(speaker["id"]) if speaker.get("id") else None
        ents = {entity_key(entities[i]["id"]) for i in c.get("entities") or []
                if i < len(entities) and entities[i].get("id")}
        figs = {k for i in c.get("figures") or [] if i < len(figures) and (k := figure_key(figures[i]))}
        form = forms[n] if forms is not None and n < len(forms) else None
        if form is None:
            form = search_form(c.get("text") or "")
        terms = {t for t in form.split() if len(t) > 2}
        lang = article.get("lang") or ""
        bridge = bilingual.translate(c.get("text") or "") if lang == "en" else []
        out.append(ClaimInfo(f"{article['id']}-{n}", article["id"], lang, c.get("kind") or "",
                             skey, published, ents - {skey}, figs, terms, bridge, negated(c.get("text") or ""),
                             speaker_bare=entity_key(bare) if bare else None))
    rank_claims(out)
    return out


def rank_claims(claims: list[ClaimInfo]) -> None:
    """Sets each claim's place among its article's claims of the same speaker and kind."""
    seen: dict[tuple, int] = defaultdict(int)
    for c in claims:
        c.rank = seen[(c.speaker, c.kind)]
        seen[(c.speaker, c.kind)] += 1
    for c in claims:
        c.rivals = seen[(c.speaker, c.kind)]


@lru_cache(maxsize=1)
def _arabic_function_forms() -> frozenset[str]:
    """Search forms of the Arabic function words (في، إن، الذي …): no evidence that two claims say one thing."""
    from marsad.nlp import arabic as ar

    return frozenset(f for w in ar.FUNCTION_WORDS for f in search_form(w).split())


def _without_article(ident: str) -> str | None:
    """An id without its Arabic article words ("al-hadi-al-ferjani" → "hadi-ferjani"), or None when it has none."""
    words = ident.split("-")
    kept = [w for w in words if w not in ("al", "el")]
    return "-".join(kept) if kept and len(kept) < len(words) else None


def speakers_match(a: ClaimInfo, b: ClaimInfo) -> bool:
    """Whether two claims' speakers can be one (same_speaker), also with the article words of either id left out:
    one outlet romanises "الهادي الفرجاني" as al-Hadi al-Ferjani, another writes Hedi Ferjani."""
    return _one_speaker((a.speaker, a.speaker_bare), (b.speaker, b.speaker_bare))


def _one_speaker(x: tuple[str | None, str | None], y: tuple[str | None, str | None]) -> bool:
    """Whether either key of one speaker is the same speaker (same_speaker) as either key of the other."""
    return any(same_speaker(a, b) for a in x for b in y)


def same_speaker(a: str | None, b: str | None) -> bool:
    """Returns whether two speaker keys name one speaker: equal, or one is the other's surname ("FRD", "MNFRD")."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 3 and long_.endswith(short)


def negated(text: str) -> bool:
    """Whether a claim's own words hold a negation, in either language ("had not been accessed", "لم يتم").

    The claim rules' own lists decide (nlp.ar.cues' particles with the words
    after which they are no negation, لا تزال، لا سيما; nlp.en.cues' negative
    words); "not only", "no fewer than" and "none other than" do not deny.
    """
    from marsad.nlp.ar.cues import _AR_NEG_RE, _AR_NOT_NEG_NEXT
    from marsad.nlp.en.cues import _EN_NEG_WORDS
    from marsad.nlp.tokens import AR_MARKS

    words = re.sub(f"[{AR_MARKS}]", "", text).replace("`", "'").split()
    for i, raw in enumerate(words):
        w = raw.strip(".,;:!?\"'«»()“”،؛").lower()
        nxt = words[i + 1].strip(".,;:!?\"'«»()“”،؛").lower() if i + 1 < len(words) else ""
        if _AR_NEG_RE.match(w) or (w[:1] in "وف" and _AR_NEG_RE.match(w[1:])):
            if not _AR_NOT_NEG_NEXT.match(nxt) and w.lstrip("وف") != "غير":
                return True
        elif w == "not" or w.endswith(("n't", "n’t")):
            if nxt != "only":
                return True
        elif w in _EN_NEG_WORDS and nxt not in ("fewer", "less", "more", "later", "sooner", "other"):
            return True
    return False


def _kinds_fit(a: ClaimInfo, b: ClaimInfo) -> bool:
    """Whether two claims' kinds allow one assertion: the same kind, or a denial and a negated statement
    ("denied that card numbers were taken" and "said no card numbers had been accessed"): outlets and
    languages word one denial either way. A denial and a plain statement say opposite things."""
    if a.kind == b.kind:
        return True
    return {a.kind, b.kind} == {"denial", "statement"} and (a if a.kind == "statement" else b).negated


def evidence(a: ClaimInfo, b: ClaimInfo) -> float:
    """Returns how strongly two claims of different articles report one assertion (0 when they cannot)."""
    if a.article_id == b.article_id or not _kinds_fit(a, b) or not speakers_match(a, b):
        return 0.0
    # Across kinds the words must carry it: a price for the kind, and no bonus for the order of quotes.
    cross = a.kind != b.kind
    score = -CROSS_KIND if cross else 0.0
    if a.figures & b.figures:
        score += 0.6
    elif a.figures and b.figures:
        score -= 0.4  # both cite figures, none in common: different assertions
    if a.entities and b.entities:
        score += 0.5 * len(a.entities & b.entities) / math.sqrt(len(a.entities) * len(b.entities))
    words = 0.0
    if a.lang == b.lang and a.terms and b.terms:
        words = 1.2 * len(a.terms & b.terms) / math.sqrt(len(a.terms) * len(b.terms))
    elif a.terms and b.terms and {a.lang, b.lang} == {"en", "ar"}:
        en, ar = (a, b) if a.lang == "en" else (b, a)
        content = ar.terms - _arabic_function_forms()
        if en.bridge and content:
            # English words with a translation among the Arabic claim's content words, over the words
            # each side could match: at most CROSS_WORDS, as the same-language score.
            matched = sum(1 for forms in en.bridge if forms & content)
            words = CROSS_WORDS * min(1.0, matched / math.sqrt(len(en.bridge) * len(content)))
    score += words
    if cross:
        return score
    if a.rivals == 1 and b.rivals == 1:
        score += 0.6  # the only claim of this speaker and kind on both sides
    elif a.rank == b.rank:
        score += 0.5 if a.rivals == b.rivals else 0.3
    return score


def groups(claims: Iterable[ClaimInfo]) -> dict[str, str]:
    """Returns {claim id: group id} for every claim of one story (a claim alone is its own group)."""
    items = sorted(claims, key=lambda c: (c.published, c.id))
    order = {c.id: i for i, c in enumerate(items)}
    parent = {c.id: c.id for c in items}
    members: dict[str, set[str]] = {c.id: {c.article_id} for c in items}
    # The speakers of each group, as (key, article-less key): a join must keep them all one speaker.
    speakers: dict[str, set[tuple[str | None, str | None]]] = {c.id: {(c.speaker, c.speaker_bare)} for c in items}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # Only claims of one kind (or a denial and a negated statement) whose speakers can be one (speakers_match:
    # equal keys, or one ends the other, so both end alike, with or without the article words) are compared:
    # a long story's claims are not all compared with each other.
    by_kind: dict[tuple[str, str], list[ClaimInfo]] = defaultdict(list)
    for c in items:
        for key in dict.fromkeys(k[-3:] for k in (c.speaker, c.speaker_bare) if k):
            by_kind[(c.kind, key)].append(c)
    pairs: list[tuple[float, str, str]] = []
    weighed: set[tuple[str, str]] = set()

    def weigh(a: ClaimInfo, b: ClaimInfo) -> None:
        pair = (a.id, b.id) if order[a.id] < order[b.id] else (b.id, a.id)
        if pair in weighed:
            return  # met in the buckets of both its keys
        weighed.add(pair)
        score = evidence(a, b)
        if score >= MIN_EVIDENCE:
            pairs.append((score, *pair))

    for (kind, suffix), bucket in by_kind.items():
        for i, a in enumerate(bucket):
            for b in bucket[i + 1:]:
                weigh(a, b)
        if kind == "denial":
            # A denial and a negated statement of the same speaker may be one assertion (_kinds_fit).
            for a in bucket:
                for b in by_kind.get(("statement", suffix), ()):
                    if b.negated:
                        weigh(a, b)
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
        if not all(_one_speaker(x, y) for x in speakers[ra] for y in speakers[rb]):
            continue  # each claim matches its own, but the groups would hold two speakers
        matched.add((a, article_of[b]))
        matched.add((b, article_of[a]))
        keep, gone = (ra, rb) if order[ra] < order[rb] else (rb, ra)
        parent[gone] = keep
        members[keep] |= members.pop(gone)
        speakers[keep] |= speakers.pop(gone)
    return {c.id: find(c.id) for c in items}
