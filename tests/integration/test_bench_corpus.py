"""The benchmark corpus generator: deterministic, streamed, realistically shaped.

These test behaviour only; nothing here is timed.
"""

from __future__ import annotations

import re
import statistics
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

# bench/ is not an installed package; it is imported from the repository like `python -m bench`.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench import corpus, names, queries  # noqa: E402


def _sample(count: int = 300, seed: int = 5) -> list[corpus.SyntheticArticle]:
    return list(corpus.generate(count, seed))


@pytest.fixture(scope="module")
def big() -> list[corpus.SyntheticArticle]:
    """800 articles of one seed, shared by the tests of growth, stories, words and queries."""
    return _sample(800, seed=11)


@pytest.fixture(scope="module")
def sample() -> list[corpus.SyntheticArticle]:
    """300 articles of another seed, shared by the tests of shape and density (a test may read the first n:
    an article does not depend on its neighbours, test_articles_are_independent_of_their_neighbours)."""
    return _sample(300)


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

    small, large = peak(20), peak(200)
    # Ten times the articles: the peak stays that of one (largest) article (the story cache is bounded).
    assert large < small * 2 + 200_000


def test_length_distribution(sample):
    words = [a.words for a in sample]
    assert min(words) >= corpus.MIN_WORDS
    assert max(words) <= corpus.MAX_WORDS
    assert 450 <= statistics.median(words) <= 700
    # A spread, not one fixed size: both short and long articles occur.
    assert sum(w < 400 for w in words) >= 10
    assert sum(w > 900 for w in words) >= 5


def test_both_languages_and_sources(sample):
    sample = sample[:200]
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


def test_planted_annotations_point_into_the_text(sample):
    for a in sample[:60]:
        t = a.truth
        for span in t["entities"] + t["figures"] + t["claims"]:
            assert a.body[span["start"]:span["end"]] == span["text"]
        for claim in t["claims"]:
            for i in claim["figures"]:
                assert claim["start"] <= t["figures"][i]["start"] < claim["end"]
            assert claim["speaker"]["id"] and claim["speaker"]["text"]


def test_density_of_entities_figures_and_claims(sample):
    words = sum(a.words for a in sample)
    per100 = {k: 100 * sum(len(a.truth[k]) for a in sample) / words for k in ("entities", "figures", "claims")}
    assert 4 <= per100["entities"] <= 10
    assert 1.5 <= per100["figures"] <= 4.5
    assert 0.8 <= per100["claims"] <= 2.5
    claims = [c for a in sample for c in a.truth["claims"]]
    denials = sum(c["kind"] == "denial" for c in claims) / len(claims)
    assert 0.02 <= denials <= 0.15
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
    from marsad.nlp import analyze

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


def _entities(articles) -> dict[str, int]:
    counts: dict[str, int] = {}
    for a in articles:
        for i in {e["id"] for e in a.truth["entities"] if e["label"] in ("PERSON", "ORG")}:
            counts[i] = counts.get(i, 0) + 1
    return counts


def test_new_entities_keep_appearing(big):
    # Heaps-like: four times the articles bring well over half as many entities again, not a closed pool.
    first, all_ = _entities(big[:200]), _entities(big)
    assert len(all_) >= 1.6 * len(first)
    assert len(all_) >= 1500
    # Most entities are rare; a few are everywhere.
    ranked = sorted(all_.values(), reverse=True)
    assert sum(v <= 2 for v in ranked) / len(ranked) >= 0.4
    assert ranked[0] >= 0.05 * len(big)


def test_an_entity_has_one_id_and_one_name_per_script(big):
    seen: dict[tuple[str, str], str] = {}
    for a in big:
        for e in a.truth["entities"]:
            assert seen.setdefault((e["id"], a.lang), e["text"]) == e["text"]
            if a.lang == "en":
                assert names.slug(e["text"]) == e["id"]
    # Generated names never collide: distinct numbers, distinct ids.
    assert len({names.slug(names.person(k)[0]) for k in range(20_000)}) == 20_000
    assert len({names.slug(names.organisation(k)[0]) for k in range(20_000)}) == 20_000
    assert names.core(1_701_000 + 5)[0] != names.core(5)[0]


def test_articles_are_published_in_order_and_stories_burst(big):
    times = [a.published for a in big]
    assert times[0] < times[400] < times[-1]
    by_story: dict[int, list] = {}
    for a in big:
        if a.story is not None:
            by_story.setdefault(a.story, []).append(a)
    assert 0.35 <= sum(len(v) for v in by_story.values()) / len(big) <= 0.65
    largest = max(by_story.values(), key=len)
    assert len(largest) >= 15
    # A story is short-lived: its articles fall within a few days of its start.
    span = max(a.n for a in largest) - min(a.n for a in largest)
    assert span <= corpus.STORY_MAX_DAYS * corpus.ARTICLES_PER_DAY
    # Its lead recurs across its articles far more than anyone's share elsewhere.
    lead = corpus.story(11, largest[0].story).lead.id
    with_lead = sum(any(e["id"] == lead for e in a.truth["entities"]) for a in largest)
    elsewhere = sum(any(e["id"] == lead for e in a.truth["entities"]) for a in big if a.story != largest[0].story)
    assert with_lead / len(largest) >= 0.8
    assert with_lead / len(largest) > 3 * elsewhere / len(big)


def test_vocabulary_is_large_and_zipfian(big):
    for lang in ("en", "ar"):
        docs = [set(re.findall(r"\w+", a.body)) for a in big if a.lang == lang]
        types = set().union(*docs)
        assert len(types) >= 15_000
        share = {r: sum(corpus.word(lang, "noun", r) in d for d in docs) / len(docs) for r in (0, 100, 5000)}
        assert share[0] >= 0.5
        assert 0.01 <= share[100] <= 0.25
        assert share[5000] <= 0.02
    # Ranks map to distinct words (Arabic root-and-pattern forms may coincide now and then, as in Arabic).
    assert len({corpus.word("en", "noun", r) for r in range(5000)}) == 5000
    assert len({corpus.word("ar", "noun", r) for r in range(5000)}) >= 4975


def test_claim_kinds_mix(big):
    claims = [c for a in big for c in a.truth["claims"]]
    denials = sum(c["kind"] == "denial" for c in claims) / len(claims)
    assert 0.03 <= denials <= 0.15
    negated = re.compile(r"\b(not|no|لن|لا|لم)\b")
    statements = [c for c in claims if c["kind"] == "statement"]
    assert 0.05 <= sum(bool(negated.search(c["text"])) for c in statements) / len(statements) <= 0.2


def test_query_mix_selectivity(big):
    mix = queries.mix(11, 300, per_class=3)
    assert {q.kind for q in mix} == set(queries.CLASSES)
    assert {q.lang for q in mix} == {"en", "ar"}
    sel = queries.selectivity(mix, big[:500])
    for q in mix:
        assert q.path().startswith("/api/v1/claims?" if q.figure_kind else "/api/v1/articles?")
        if q.kind == "common word":
            assert 0.005 <= sel[q] <= 0.15, q
        elif q.kind in ("rare word", "rare name", "phrase"):
            assert 0 < sel[q] <= 0.03, q
        else:
            assert 0 < sel[q] <= 0.1, q
    # A phrase is matched in order: its words reversed are matched less often, if ever.
    phrase = next(q for q in mix if q.kind == "phrase")
    words = phrase.q.strip('"').split()
    reversed_ = queries.Query("phrase", '"' + " ".join(reversed(words)) + '"', phrase.lang)
    assert queries.selectivity([reversed_], big[:500])[reversed_] < sel[phrase]
