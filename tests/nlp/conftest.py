"""Fixtures of the NLP tests: the gold sets analysed once for the whole session.

The gold gate's tests (test_gold_gate.py) all read one analysis of every gold
passage. It runs through ``analyze_many``, which batches the English texts
through spaCy (a third less time on the gold than one ``analyze`` call per
passage) and is held to give what ``analyze`` gives: here on a sample of the
gold itself, and in test_pipeline.py on chosen texts.
"""

from __future__ import annotations

import sys

import pytest
from marsad.nlp import AnalysisError, analyze, analyze_many

from marsad import evaluate as ev

# Every n-th gold passage is analysed again alone and must come out the same.
SAMPLE_EVERY = 25


@pytest.fixture(scope="session")
def gold_run() -> tuple[list[ev.Result], dict[str, ev.LangReport]]:
    """Every gold passage and its Analysis, and the scores of ``marsad eval`` per language and set."""
    skipped: list[str] = []
    passages = ev.load_gold(sorted(ev.GOLD_DIR.glob("*.jsonl")), skipped=skipped)
    for msg in skipped:
        print(msg, file=sys.stderr)
    results = []
    batch = analyze_many((p.text for p in passages), [p.lang for p in passages])
    for n, (passage, analysis) in enumerate(zip(passages, batch, strict=True)):
        if isinstance(analysis, AnalysisError):
            raise AssertionError(f"{passage.id}: {analysis}")
        if n % SAMPLE_EVERY == 0:
            alone = analyze(passage.text, passage.lang)
            assert analysis.to_dict() == alone.to_dict(), f"{passage.id}: analyze_many differs from analyze"
        results.append(ev.Result(passage, analysis, 0.0))
    return results, ev.score(results)
