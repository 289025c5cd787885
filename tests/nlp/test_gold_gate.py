"""The gold gate: every gold set scored with ``marsad eval``'s one scorer, held to its one threshold table.

A regression in entities, figures, claims, denials or speakers, in either
language, fails here; the numbers it must stay above live in
``marsad.evaluate.THRESHOLDS`` and nowhere else. Records of the gold that
point into the shared licensed data (``ref``) are skipped, with the reason
printed, where that data is absent. The gold analysis (``gold_run``) is in
tests/nlp/conftest.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

from marsad.nlp import analyze

from marsad import evaluate as ev

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_the_table_holds_every_field_in_both_languages() -> None:
    for lang in ("ar", "en"):
        metrics = {key.partition(": ")[2].split(" precision")[0].split(" recall")[0]
                   for key in ev.THRESHOLDS[lang]}
        assert {"entities", "figures", "claims", "denials", "speakers (named)"} <= metrics, lang
        for key in ev.THRESHOLDS[lang]:
            set_, _, metric = key.partition(": ")
            assert set_ and metric, key
            ev.LangReport().metric(metric)  # a name the scorer knows, or KeyError


def test_gold_sets_meet_their_thresholds(gold_run) -> None:
    _results, reports = gold_run
    assert set(reports) == {"ar", "en"}
    for lang in ("ar", "en"):
        # Every set the table names is in the gold directory (a renamed file
        # must not switch its thresholds off).
        sets = {key.partition(": ")[0] for key in ev.THRESHOLDS[lang]}
        assert sets <= set(reports[lang].sets), (lang, sets - set(reports[lang].sets))
    assert ev.gate(reports) == []


def test_no_claim_crosses_a_line_break_on_the_gold_set(gold_run) -> None:
    results, _reports = gold_run
    crossing = [(r.passage.id, i) for r in results for i in ev.crossing_claims(r.passage.text, r.analysis)]
    assert crossing == []
    # The articles do have line breaks to cross.
    assert sum("\n" in r.passage.text for r in results) >= 40


def test_no_claim_crosses_a_line_break_on_the_demo_site() -> None:
    from marsad.crawler.demo import site

    checked = 0
    for a in site.articles():
        # Headline, a line break, then the paragraphs with blank lines between.
        text = a.headline + "\n" + "\n\n".join(a.paragraphs)
        analysis = analyze(text, a.lang)
        assert ev.crossing_claims(text, analysis) == [], a.slug
        checked += len(analysis.claims)
    assert checked >= 200


def test_no_claim_crosses_a_line_break_on_the_test_site() -> None:
    sys.path.insert(0, str(FIXTURES.parent))
    try:
        from fixtures.site import articles
    finally:
        sys.path.remove(str(FIXTURES.parent))
    checked = 0
    for lang, story, n in (("en", articles.english, len(articles.EN_STORIES)),
                           ("ar", articles.arabic, len(articles.AR_STORIES))):
        for i in range(n):
            _slug, headline, paras = story(i)
            # As the crawler would see a page whose body repeats its headline,
            # with blank lines between paragraphs.
            text = headline + "\n" + "\n\n".join(paras)
            analysis = analyze(text, lang)
            assert ev.crossing_claims(text, analysis) == [], (lang, i)
            checked += len(analysis.claims)
    assert checked >= 200
