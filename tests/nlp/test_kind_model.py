"""The learned second opinion on claim kinds (nlp/kind_model.py) and its training (marsad/train_kinds.py)."""

from __future__ import annotations

import math

import pytest
from marsad.nlp import analyze, data, kind_model
from marsad.nlp.segment import split_sentences

from marsad import train_kinds

REPORTED = "Reports said the port would be sold to a foreign buyer. "
ANSWER = "The harbour board said there had been no talks with any buyer."


def kinds(text: str, lang: str = "en") -> list[str]:
    return [c.kind for c in analyze(text, lang).claims]


def test_the_model_makes_a_denial_of_a_negated_answer_to_a_report_the_rules_left_a_statement():
    with kind_model.rules_only():
        assert kinds(REPORTED + ANSWER) == ["statement", "statement"]
    assert kinds(REPORTED + ANSWER) == ["statement", "denial"]


def test_a_negated_claim_in_an_article_that_reports_no_charge_stays_a_statement():
    text = "The platform said it had sold access to public tweets only and that no private messages were included."
    [claim] = analyze(text, "en").claims
    # The model alone would call it a denial: only the article's lack of a charge keeps it a statement.
    assert kind_model.is_denial(text, "en", claim.start, claim.end, claim.cue, split_sentences(text))
    assert claim.kind == "statement"


def test_features_name_the_zones_the_word_lists_and_the_negation():
    text = REPORTED + ANSWER
    start = text.index("there")
    end = text.index(".", start)
    feats = kind_model.features(text, "en", start, end, "said", split_sentences(text))
    assert {"w=there", "w=no", "b=there_had", "cw=said", "pre=board", "prev=reports", "neg"} <= feats
    assert "prev:en_allegation_words" in feats  # "Reports" is on the allegation list
    assert not any(f.startswith(("post=", "w=reports")) for f in feats)
    # The claim's words only, in the sentence's own language forms.
    ar = "ذكرت تقارير أن الميناء سيباع. وقال المجلس إنه لم يجر أي محادثات."
    s = ar.index(" لم ") + 1
    ar_feats = kind_model.features(ar, "ar", s, len(ar) - 1, "قال", split_sentences(ar))
    assert {"w=لم", "neg", "cw=قال"} <= ar_feats and any(f.startswith("prev=") for f in ar_feats)


def test_model_table_round_trip_and_an_unknown_language():
    m = kind_model.KindModel({"en": {"w=denied": 2.5, "neg": -0.25}}, {"en": -1.0})
    again = kind_model.KindModel.from_rows(m.rows())
    assert again.weights == m.weights and again.bias == m.bias
    assert again.probability("en", {"w=denied", "neg", "w=unseen"}) == pytest.approx(1 / (1 + math.exp(-1.25)))
    assert again.probability("fr", {"w=denied"}) is None
    assert not kind_model.is_denial("Il a nié.", "fr", 0, 9, "a", [(0, 9)])


def test_the_shipped_model_is_what_training_on_the_development_gold_gives(tmp_path):
    """`make train-kinds` reproduces nlp/data/kind_model.tsv byte for byte; stale weights fail here."""
    out = tmp_path / "kind_model.tsv"
    assert train_kinds.main(["--out", str(out)]) == 0
    shipped = data.path(kind_model.MODEL_FILE).read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == shipped, "retrain with `make train-kinds` and commit the table"
    # Trained on the development gold only: the held-out sets are never read.
    assert all("heldout" not in str(p) for p in train_kinds.gold_files())
    assert {p.name for p in train_kinds.gold_files()} >= {"claims_en.jsonl", "denials_more_ar.jsonl",
                                                          "articles_ar.jsonl"}
