"""Which stored entity a newly seen name is, across articles and scripts: the indexer's merge decisions.

``nlp.translit`` says how far two spellings are (``aligned_gap``, ``cross_gap``,
``institutions_match``, ``same_name``); this module decides with them:
``match_id`` picks the one candidate entity a name spells (or none when it is
ambiguous), and ``spelled_id`` is the indexer's whole rule for an entity first
seen in a batch. Pure functions: the indexer (marsad/indexer.py)
only fetches the candidates and writes the result, and ``marsad eval-parallel
--linked`` runs the same rule.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from marsad.nlp.normalize import search_form
from marsad.nlp.numbers import _DIGIT_TABLE
from marsad.nlp.translit import (
    _CROSS_LABEL_SKELETON,
    _KIND,
    CROSS_LABEL_GAP,
    INSTITUTION_GAP,
    MATCH_GAP,
    MATCH_MARGIN,
    _is_arabic,
    aligned_gap,
    core_name,
    cross_gap,
    institutions_match,
    same_name,
    skeleton,
)

__all__ = ["match_id", "spelled_id", "split_scripts"]


def match_id(name: str, label: str, candidates: list[tuple[str, str, list[str]]]) -> str | None:
    """Returns the id of the one candidate entity that a name spells, for merging ids across articles.

    Meant for the indexer: an Arabic name that got a transliterated slug in
    one article ("fudavon") and a Latin name in another ("Vodafone") should
    end up under one id. Candidates are the stored entities sharing one of
    the name's ``merge_keys``. Across scripts the learned model weighs each
    candidate alias (``aligned_gap``: ``name_gap`` with a person's words
    aligned tolerantly); within a script ``same_name`` decides. Candidates
    of the same label (GPE and LOC count as one) are taken within
    ``MATCH_GAP``, those of another label only within ``CROSS_LABEL_GAP``
    and with no tolerance. The best candidate wins if it is clearly better
    than any other id (``MATCH_MARGIN``), so an ambiguous name keeps its own
    id rather than joining the wrong entity.

    Args:
        name: the new mention's text, in either script.
        label: its contract label (PERSON, ORG, GPE, LOC, MISC).
        candidates: ``(id, label, aliases)`` of known entities.

    Returns:
        The matching candidate's id, or None when none matches or several do.
    """
    best: dict[str, float] = {}
    kind = _KIND.get(label, label)
    numbers = _numbers(name)
    for ident, cand_label, aliases in candidates:
        same_kind = _KIND.get(cand_label, cand_label) == kind
        for alias in aliases:
            if _is_arabic(name) != _is_arabic(alias) and _numbers(alias) != numbers:
                # "Boeing 737" is not "بوينغ", "فورمولا 1" may be "Formula 1": the numbers of a name are
                # written the same in both scripts (digits of either kind).
                continue
            if _is_arabic(name) != _is_arabic(alias):
                if same_kind:
                    ca, cb = core_name(name), core_name(alias)
                    # Gaps over SKELETON_GAP are never taken, so none is weighed further than that.
                    core_ar, core_latin = (ca, cb) if _is_arabic(ca) else (cb, ca)
                    gap = aligned_gap(core_ar, core_latin, label, SKELETON_GAP)
                    if label == "ORG" and gap > INSTITUTION_GAP:
                        arabic, latin = (name, alias) if _is_arabic(name) else (alias, name)
                        gap = INSTITUTION_GAP if institutions_match(arabic, latin) else gap
                    if MATCH_GAP < gap <= SKELETON_GAP and _long_skeletons_agree(core_ar, core_latin):
                        gap = MATCH_GAP
                elif len(skeleton(core_name(name))) < _CROSS_LABEL_SKELETON:
                    gap = math.inf  # too short to trust a spelling across labels (checked before any scoring)
                elif cand_label == "PERSON" and kind == "ORG":
                    # A known person is not an organisation of the same words (a firm named after its
                    # founder); the other way round is the Arabic recogniser calling a company a person.
                    gap = math.inf
                else:
                    gap = cross_gap(name, alias, CROSS_LABEL_GAP)
                    if gap > CROSS_LABEL_GAP:
                        gap = math.inf
            elif same_kind:
                gap = 0.0 if same_name(name, alias) else math.inf
            else:
                gap = math.inf
            if gap <= MATCH_GAP and gap < best.get(ident, math.inf):
                best[ident] = gap
    ranked = sorted((gap, ident) for ident, gap in best.items())
    if not ranked or (len(ranked) > 1 and ranked[1][0] - ranked[0][0] < MATCH_MARGIN):
        return None
    return ranked[0][1]


def _numbers(name: str) -> tuple[str, ...]:
    """The numbers in a name, in order, in Western digits ("G42" and "جي ٤٢" both give ("42",))."""
    return tuple(re.findall(r"\d+", name.translate(_DIGIT_TABLE)))


# A spelling the model puts over MATCH_GAP but within this is still taken when the consonant skeletons
# are equal (_long_skeletons_agree): سينسبري / Sainsbury is 1.56, سلمان / Suleiman 2.85 is another name.
SKELETON_GAP = 1.65


def _long_skeletons_agree(arabic: str, latin: str) -> bool:
    """Equal consonant skeletons of four classes or more (the strict form of ``names_match``'s second test):
    سينسبري and Sainsbury, which the learned model puts just over MATCH_GAP."""
    a = skeleton(arabic)
    return len(a) >= 4 and a == skeleton(latin)


def spelled_id(
    label: str,
    aliases: list[str],
    others: list[tuple[str, str, list[str]]],
    form: Callable[[str], str] = search_form,
    by_script: Callable[[list[str]], dict[bool, list[str]]] | None = None,
) -> str | None:
    """Returns the stored id a newly seen entity is another spelling of, or None: the indexer's rule.

    First, a name of the entity stored (as searched: ``form``) under exactly
    one other id of its label keeps that id, so a change in how slugs are made
    never splits an entity. Otherwise each of its names is weighed with
    ``match_id`` against the other entities' names in the other script only:
    within one script the slug already gives one name one id, and consonant
    skeletons are far too loose a test there (Othello and Total share one).

    Args:
        label: the new entity's label.
        aliases: its names, as found in the article(s).
        others: ``(id, label, aliases)`` of the stored entities sharing one of its merge keys.
        form: the search form of a name (the indexer passes a per-batch memo of it).
        by_script: an alias list split into ``{True: Arabic, False: Latin}`` (memoised by the indexer).

    Returns:
        The matching stored id, or None.
    """
    names = {form(n) for n in aliases} - {""}
    same = {i for i, lab, al in others if lab == label and any(form(a) in names for a in al)}
    if len(same) == 1:
        return same.pop()
    split = by_script or split_scripts
    for name in aliases:
        other = not _is_arabic(name)
        target = match_id(name, label, [(i, lab, split(al)[other]) for i, lab, al in others])
        if target:
            return target
    return None


def split_scripts(aliases: list[str]) -> dict[bool, list[str]]:
    """Returns a list of names split by script: {True: the Arabic ones, False: the others}."""
    out: dict[bool, list[str]] = {True: [], False: []}
    for a in aliases:
        out[_is_arabic(a)].append(a)
    return out
