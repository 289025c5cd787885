"""The fast paths of the transliteration model give exactly the numbers of the plain ones.

``TranslitModel.score`` abandons alignments that cannot reach a floor and
reads per-letter tables; ``TranslitModel.loss`` remembers pairs; ``name_gap``,
``aligned_gap`` and ``cross_gap`` stop weighing once a limit is passed. The
indexer's ids rest on these numbers (issue 12), so each is checked here
against a plain reference on thousands of real name pairs (the usual
spellings of nlp/data/translit_names.tsv and the gazetteer's names in both
scripts, each also paired with other names that share its first consonants).
"""

from __future__ import annotations

import math
import random

import pytest
from marsad.nlp import data
from marsad.nlp import translit as T
from marsad.nlp.gazetteer import load_entries
from marsad.nlp.translit_model import _FLOOR, _MAX_LATIN, TranslitModel, learned_translit

LIMITS = (0.0, 0.5, 1.0, 1.5, 3.0)


def reference_score(model: TranslitModel, arabic: str, latin: str) -> float:
    """The alignment score as first written: every cell of the table, graphone strings looked up."""
    n, m = len(arabic), len(latin)
    if not n or not m:
        return -math.inf
    best = [[-math.inf] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n):
        row, target, a = best[i], best[i + 1], arabic[i] + "|"
        for j in range(m + 1):
            b = row[j]
            if b == -math.inf:
                continue
            for dl in range(min(_MAX_LATIN, m - j) + 1):
                c = model.cond.get(a + latin[j : j + dl])
                if c is None:
                    if dl > 1:
                        continue
                    c = _FLOOR
                if b + c > target[j + dl]:
                    target[j + dl] = b + c
    return best[n][m]


@pytest.fixture(scope="module")
def model() -> TranslitModel:
    return learned_translit().model


@pytest.fixture(scope="module")
def word_pairs() -> list[tuple[str, str]]:
    """Arabic name words with their usual spelling, and with the spelling of another word of the same skeleton start."""
    rows = []
    for line in data.path("translit_names.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            arabic, latin, _ = line.split("\t")
            rows.append((arabic, "".join(c for c in latin.lower() if "a" <= c <= "z")))
    random.Random(12).shuffle(rows)
    rows = rows[:1500]
    by_key: dict[str, list[str]] = {}
    for _arabic, latin in rows:
        by_key.setdefault(T.skeleton(latin)[:2], []).append(latin)
    pairs = list(rows)
    for arabic, latin in rows:
        near = by_key.get(T.skeleton(arabic)[:2], [])
        pairs += [(arabic, other) for other in near[:3] if other != latin]
    # Edge cases: empty sides, Latin too long to align, letters the model never saw.
    pairs += [("", "kogan"), ("كوغان", ""), ("كو", "kogankogan"), ("پچڤ", "pchv"), ("ءءء", "a")]
    return pairs


@pytest.fixture(scope="module")
def name_pairs() -> list[tuple[str, str, str]]:
    """(Arabic name, Latin name, label) of gazetteer entities: their own names, and other entities' names
    under the same merge key (the candidates the indexer weighs)."""
    entries = [e for e in load_entries() if e.ar_aliases]
    by_key: dict[str, list[str]] = {}
    for e in entries:
        for latin in [e.name, *e.en_aliases]:
            by_key.setdefault(T.merge_key(latin), []).append(latin)
    pairs = []
    for e in entries:
        for arabic in e.ar_aliases:
            pairs += [(arabic, latin, e.label) for latin in [e.name, *e.en_aliases]]
            pairs += [(arabic, latin, e.label) for latin in by_key.get(T.merge_key(arabic), [])[:6]]
    return pairs


def test_the_pairs_hold_matches_and_misses(model: TranslitModel, word_pairs, name_pairs) -> None:
    # The comparisons below mean something only if both sides of every threshold are present.
    gaps = [T.name_gap(a, b) for a, b, _ in name_pairs]
    assert len(name_pairs) > 1500 and len(word_pairs) > 2000
    assert sum(g <= T.MATCH_GAP for g in gaps) > 300 and sum(T.MATCH_GAP < g < math.inf for g in gaps) > 300


def test_score_is_the_reference_score(model: TranslitModel, word_pairs) -> None:
    for arabic, latin in word_pairs:
        assert model.score(arabic, latin) == reference_score(model, arabic, latin), (arabic, latin)


def test_score_with_a_floor_is_exact_above_it_and_minus_infinity_below(model: TranslitModel, word_pairs) -> None:
    reached = 0
    for arabic, latin in word_pairs:
        want = reference_score(model, arabic, latin)
        for limit in LIMITS:
            floor = model.best_score(arabic) - limit * len(arabic)
            got = model.score(arabic, latin, floor)
            assert got == (want if want >= floor else -math.inf), (arabic, latin, limit)
            reached += got > -math.inf
    assert reached > len(word_pairs) // 2


def test_loss_is_exact_up_to_its_limit_whatever_was_asked_before(word_pairs) -> None:
    # A fresh model: what it remembers from a low limit must not spoil a later higher one.
    model = learned_translit().model
    fresh = TranslitModel(model.order, model.logp, model.backoff)
    for arabic, latin in word_pairs:
        want = model.best_score(arabic) - reference_score(model, arabic, latin)
        for limit in (*LIMITS, math.inf, 1.0):
            got = fresh.loss(arabic, latin, limit * len(arabic) if limit else 0.0)
            bound = limit * len(arabic) if limit else 0.0
            assert got == (want if want <= bound else math.inf), (arabic, latin, limit)


def test_gaps_with_a_limit_are_the_plain_gaps_up_to_it(name_pairs) -> None:
    for arabic, latin, label in name_pairs:
        plain_name, plain_aligned = T.name_gap(arabic, latin), T.aligned_gap(arabic, latin, label)
        plain_cross = T.cross_gap(arabic, latin)
        for limit in LIMITS:
            assert T.name_gap(arabic, latin, limit) == (plain_name if plain_name <= limit else math.inf)
            assert T.aligned_gap(arabic, latin, label, limit) == (
                plain_aligned if plain_aligned <= limit else math.inf), (arabic, latin, label, limit)
            assert T.cross_gap(latin, arabic, limit) == (plain_cross if plain_cross <= limit else math.inf)
