"""marsad.nlp.analyze and marsad.nlp.analyze_many: language routing, options, errors, offsets, batching."""

from __future__ import annotations

import json

import marsad.nlp.entities  # noqa: F401  (loaded, so nlp.entities below is the module)
import pytest
from marsad.nlp import Analysis, AnalysisError, Options, analyze, analyze_many
from marsad.nlp.models import english

from marsad import nlp

EN = "A spokesperson for Meta said the company had not shared data of 87 million users with Cambridge Analytica."
AR = "وقالت تويتر إن 87 مليون مستخدم تأثروا. ونفت الشركة الاتهامات."


def check_offsets(text: str, a: Analysis) -> None:
    for item in [*a.entities, *a.figures, *a.claims]:
        assert text[item.start:item.end] == item.text
    for c in a.claims:
        assert all(0 <= i < len(a.entities) for i in c.entities)
        assert all(0 <= i < len(a.figures) for i in c.figures)


def test_english_end_to_end() -> None:
    a = analyze(EN)
    assert a.lang == "en"
    check_offsets(EN, a)
    assert {e.id for e in a.entities} >= {"meta", "cambridge-analytica"}
    assert [f.value for f in a.figures] == [87_000_000]
    (c,) = a.claims
    # Not having shared data, with no report in the text that it had, rebuts
    # nothing: a statement under the denial definition of issue 13.
    assert (c.kind, c.speaker.id) == ("statement", "meta")
    assert [a.figures[i].value for i in c.figures] == [87_000_000]
    assert "cambridge-analytica" in {a.entities[i].id for i in c.entities}
    json.dumps(a.to_dict(), ensure_ascii=False)


def test_arabic_end_to_end() -> None:
    a = analyze(AR, "auto")
    assert a.lang == "ar"
    check_offsets(AR, a)
    assert [(c.kind, c.speaker.id) for c in a.claims] == [("statement", "twitter"), ("denial", "twitter")]


def test_other_language_is_honest_and_empty() -> None:
    a = analyze("Le ministre a déclaré que la croissance était forte.", "fr")
    assert a.to_dict() == {"lang": "fr", "entities": [], "figures": [], "claims": []}


def test_detection_of_other_language() -> None:
    a = analyze("Der Minister sagte, dass das Wachstum stark sei und die Regierung zufrieden ist.")
    assert a.lang not in ("ar", "en")
    assert (a.entities, a.figures, a.claims) == ([], [], [])


@pytest.mark.parametrize(
    ("text", "lang", "reason"),
    [
        ("", None, "empty"),
        ("   \n\t ", "en", "empty"),
        (None, None, "must be a string"),
        (b"bytes", None, "must be a string"),
        (42, "en", "must be a string"),
        ("Hello there.", "english", "ISO 639-1"),
        ("Hello there.", 7, "lang must be a string"),
    ],
)
def test_unusable_input_gives_a_reason(text, lang, reason: str) -> None:
    with pytest.raises(AnalysisError, match=reason):
        analyze(text, lang)


def test_too_long() -> None:
    with pytest.raises(AnalysisError, match="too long"):
        analyze("word " * 50, "en", Options(max_chars=100))


def test_options_switch_fields_off() -> None:
    a = analyze(EN, "en", Options(claims=False))
    assert a.claims == [] and a.entities and a.figures
    a = analyze(EN, "en", Options(entities=False, figures=False))
    assert a.entities == [] and a.figures == []
    assert a.claims and a.claims[0].speaker.id == "meta"
    assert a.claims[0].entities == [] and a.claims[0].figures == []
    a = analyze(AR, "ar", Options(entities=False, figures=False, claims=False))
    assert a.to_dict() == {"lang": "ar", "entities": [], "figures": [], "claims": []}


def test_english_runs_spacy_once_and_shares_the_doc(monkeypatch: pytest.MonkeyPatch) -> None:
    model = english()
    calls = []
    real_call = type(model).__call__

    def counting_call(self, text, *args, **kwargs):
        calls.append(text)
        return real_call(self, text, *args, **kwargs)

    seen_docs = []
    real_find = nlp.entities.find_entities

    def spy(text, lang, doc=None, **rest):
        seen_docs.append(doc)
        return real_find(text, lang, doc=doc, **rest)

    monkeypatch.setattr(type(model), "__call__", counting_call)
    monkeypatch.setattr(nlp.entities, "find_entities", spy)
    analyze(EN, "en")
    assert calls == [EN]
    assert seen_docs[0] is not None and seen_docs[0].text == EN
    assert seen_docs[0].has_annotation("DEP")  # claims need the parse
    # Pipes the analysis does not need stay off: without claims, no parse.
    analyze(EN, "en", Options(claims=False))
    assert calls == [EN, EN]
    assert seen_docs[1].has_annotation("ENT_IOB") and not seen_docs[1].has_annotation("DEP")


def test_arabic_runs_no_spacy(monkeypatch: pytest.MonkeyPatch) -> None:
    import marsad.nlp.models  # noqa: F401  (loaded, so nlp.models below is the module)

    def boom():
        raise AssertionError("spaCy loaded for Arabic")

    monkeypatch.setattr(nlp.models, "english", boom)
    assert analyze(AR, "ar").claims


def test_analyze_many_matches_analyze_in_order_with_errors() -> None:
    texts = [EN, "", AR, 5, "Le ministre a déclaré que tout allait bien.", EN.replace("Meta", "Google")]
    langs = ["en", None, None, None, "fr", "auto"]
    out = list(analyze_many(texts, lang=langs, batch_size=2))
    assert len(out) == len(texts)
    assert isinstance(out[1], AnalysisError) and isinstance(out[3], AnalysisError)
    for text, lang, got in zip(texts, langs, out, strict=True):
        if isinstance(got, AnalysisError):
            continue
        assert got.to_dict() == analyze(text, lang).to_dict()


# Arabic texts whose entities need the model: without its spans the rules miss a name.
MODEL_MADE = ["التقى حسان الشمري بنظيره فيصل العتيبي أمس لبحث التعاون.", "فاز فريق الوداد البيضاوي على الترجي في رادس."]


@pytest.mark.parametrize("options", [Options(), Options(entities=False), Options(claims=False),
                                     Options(entities=False, claims=False)])
def test_arabic_batch_through_the_model_matches_analyze(options: Options, monkeypatch: pytest.MonkeyPatch) -> None:
    # Arabic texts of a batch share one pass of the NER model; each must come out as if analysed alone.
    from marsad.nlp.ar import ner
    from marsad.nlp.entities import find_entities

    for text in MODEL_MADE:
        assert find_entities(text, "ar", predicted=[]) != find_entities(text, "ar"), text
    texts = [AR, " \n ", MODEL_MADE[0], EN, "نفى وزير المالية محمد معيط أن تكون مصر قد طلبت قرضا جديدا.",
             MODEL_MADE[1], "x\ud800", AR.replace("\u0627", "\u0623")]
    langs = ["ar", "ar", "ar", "en", "ar", "ar", "ar", None]
    alone: list[dict | None] = []
    for text, lang in zip(texts, langs, strict=True):
        try:
            alone.append(analyze(text, lang, options).to_dict())
        except AnalysisError:
            alone.append(None)
    assert alone[1] is None and alone[6] is None  # blank, and not valid Unicode
    batches: list[int] = []
    real_many = ner.predict_many

    def many(token_lists, *args, **kwargs):
        batches.append(len(token_lists))
        return real_many(token_lists, *args, **kwargs)

    def one(*args, **kwargs):
        raise AssertionError("an Arabic text of a batch went through the model alone")

    monkeypatch.setattr(ner, "predict_many", many)
    monkeypatch.setattr(ner, "predict", one)
    out = list(analyze_many(texts, lang=langs, options=options, batch_size=7))
    for text, expected, got in zip(texts, alone, out, strict=True):
        if expected is None:
            assert isinstance(got, AnalysisError), text
        else:
            assert got.to_dict() == expected, text
    # The first seven texts hold four usable Arabic ones, the eighth is a batch of its own.
    assert batches == ([4, 1] if options.entities or options.claims else [])


def test_a_failing_arabic_batch_falls_back_to_one_text_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    from marsad.nlp.ar import ner

    expected = [analyze(t, "ar").to_dict() for t in MODEL_MADE]

    def broken(*args, **kwargs):
        raise RuntimeError("the batch failed")

    monkeypatch.setattr(ner, "predict_many", broken)
    assert [a.to_dict() for a in analyze_many(MODEL_MADE, lang="ar")] == expected


def test_analyze_many_single_language_and_empty_input() -> None:
    assert list(analyze_many([])) == []
    out = list(analyze_many([AR, AR], lang="ar"))
    assert [a.lang for a in out] == ["ar", "ar"]


def test_package_exports() -> None:
    assert nlp.analyze is analyze and nlp.Options is Options and nlp.Analysis is Analysis


def test_threads_share_the_model_safely() -> None:
    import threading

    texts = [EN, "Google denied the report.", AR] * 5
    expected = [analyze(t).to_dict() for t in texts]
    wrong: list[int] = []

    def work() -> None:
        for i, t in enumerate(texts):
            if analyze(t).to_dict() != expected[i]:
                wrong.append(i)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert wrong == []
