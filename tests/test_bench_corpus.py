"""The benchmark corpus generator: deterministic, streamed, realistically shaped.

These test behaviour only; nothing here is timed.
"""

from __future__ import annotations

import statistics
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

# bench/ is not an installed package; it is imported from the repository like `python -m bench`.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import corpus  # noqa: E402


def _sample(count: int = 300, seed: int = 5) -> list[corpus.SyntheticArticle]:
    return list(corpus.generate(count, seed))


def test_same_seed_same_corpus():
    first = [a.to_dict() for a in corpus.generate(40, seed=3)]
    again = [a.to_dict() for a in corpus.generate(40, seed=3)]
    assert first == again


def test_other_seed_other_corpus():
    a = [x.body for x in corpus.generate(10, seed=3)]
    b = [x.body for x in corpus.generate(10, seed=4)]
    assert not set(a) & set(b)


def test_articles_are_independent_of_their_neighbours():
    # A shard generated on its own equals the same slice of the whole corpus.
    whole = [a.to_dict() for a in corpus.generate(30, seed=9)]
    shard = [a.to_dict() for a in corpus.generate(10, seed=9, start=20)]
    assert shard == whole[20:]
    assert corpus.article(9, 7).to_dict() == whole[7]


def test_generate_is_lazy():
    stream = corpus.generate(10**9, seed=1)
    assert isinstance(stream, Iterator)
    assert next(stream).n == 0


def test_memory_does_not_grow_with_the_corpus():
    def peak(count: int) -> int:
        tracemalloc.start()
        for _ in corpus.generate(count, seed=2):
            pass
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    small, large = peak(20), peak(400)
    # Twenty times the articles: the peak stays that of one (largest) article.
    assert large < small * 2 + 200_000


def test_length_distribution():
    words = [a.words for a in _sample()]
    assert min(words) >= corpus.MIN_WORDS
    assert max(words) <= corpus.MAX_WORDS
    assert 450 <= statistics.median(words) <= 700
    # A spread, not one fixed size: both short and long articles occur.
    assert sum(w < 400 for w in words) >= 10
    assert sum(w > 900 for w in words) >= 5


def test_both_languages_and_sources():
    sample = _sample(200)
    langs = {a.lang for a in sample}
    assert langs == {"ar", "en"}
    assert 0.35 < sum(a.lang == "ar" for a in sample) / len(sample) < 0.65
    assert all(a.source in corpus.SOURCES[a.lang] for a in sample)
    assert len({a.url for a in sample}) == len(sample)
    ar = [a for a in sample if a.lang == "ar"]
    assert all(any("\u0600" <= ch <= "\u06ff" for ch in a.title) for a in ar)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_forced_language(lang):
    assert {a.lang for a in corpus.generate(20, seed=1, lang=lang)} == {lang}


def test_planted_annotations_point_into_the_text():
    for a in _sample(60):
        t = a.truth
        for span in t["entities"] + t["figures"] + t["claims"]:
            assert a.body[span["start"]:span["end"]] == span["text"]
        for claim in t["claims"]:
            for i in claim["figures"]:
                assert claim["start"] <= t["figures"][i]["start"] < claim["end"]
            assert claim["speaker"]["id"] and claim["speaker"]["text"]


def test_density_of_entities_figures_and_claims():
    sample = _sample(300)
    words = sum(a.words for a in sample)
    per100 = {k: 100 * sum(len(a.truth[k]) for a in sample) / words for k in ("entities", "figures", "claims")}
    assert 4 <= per100["entities"] <= 10
    assert 1.5 <= per100["figures"] <= 4.5
    assert 0.8 <= per100["claims"] <= 2.5
    claims = [c for a in sample for c in a.truth["claims"]]
    denials = sum(c["kind"] == "denial" for c in claims) / len(claims)
    assert 0.12 <= denials <= 0.35
    # Popularity is skewed: the most mentioned person far outnumbers the median one.
    counts: dict[str, int] = {}
    for a in sample:
        for e in a.truth["entities"]:
            if e["label"] == "PERSON":
                counts[e["id"]] = counts.get(e["id"], 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    assert ranked[0] >= 10 * ranked[len(ranked) // 2]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_real_analysis_finds_what_was_planted(lang):
    """The real NLP stage sees a similar density of entities, figures and claims (denials included)."""
    from nlp import analyze

    sample = list(corpus.generate(4, seed=21, lang=lang))
    words = sum(a.words for a in sample)
    found = {"entities": 0, "figures": 0, "claims": 0, "denials": 0}
    planted = dict.fromkeys(found, 0)
    figure_hits = 0
    for a in sample:
        result = analyze(a.body, lang).to_dict()
        for key in ("entities", "figures", "claims"):
            found[key] += len(result[key])
            planted[key] += len(a.truth[key])
        found["denials"] += sum(c["kind"] == "denial" for c in result["claims"])
        planted["denials"] += sum(c["kind"] == "denial" for c in a.truth["claims"])
        got = {(f["start"], f["end"]) for f in result["figures"]}
        figure_hits += sum((f["start"], f["end"]) in got for f in a.truth["figures"])
    assert found["entities"] / words * 100 >= 4
    assert figure_hits >= 0.8 * planted["figures"]
    assert found["claims"] >= 0.8 * planted["claims"]
    assert found["denials"] >= 0.5 * planted["denials"] > 0
