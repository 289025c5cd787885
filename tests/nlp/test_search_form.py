"""The search form (nlp.normalize): what the *_form fields hold and what queries are turned into."""

from __future__ import annotations

import random

import pytest
from marsad.nlp.normalize import search_form, terms


@pytest.mark.parametrize("variants", [
    ["شركة", "شركه", "الشركة", "والشركة", "للشركة"],
    ["denied", "denies", "deny", "Denying"],
    ["87", "٨٧", "۸۷"],
    ["مُستخدِم", "مستخدم"],
    ["أعلنت", "اعلنت", "إعلنت"],
    # A first ب or ك that is the word's own stays (the stemmer took it for a preposition: يانا, طاقا).
    ["بيانات", "البيانات", "وبيانات", "بالبيانات", "والبيانات", "بياناتها"],
    ["بطاقات", "البطاقات", "بطاقة", "البطاقة", "بطاقته", "وبطاقاتهم"],
    ["برنامج", "البرنامج"],
    ["وزارة", "الوزارة", "ووزارة", "لوزارة", "وزارته"],
    ["فريق", "الفريق", "والفريق", "لفريق"],
    # and a preposition still goes.
    ["بدعم", "دعم", "الدعم"],
    ["بسعر", "سعر", "السعر"],
    ["بتسريب", "تسريب"],
])
def test_spellings_of_one_word_meet(variants):
    forms = {search_form(v) for v in variants}
    assert len(forms) == 1 and forms != {""}, forms


def test_only_nouns_that_take_the_article_keep_their_first_letter():
    # A preposition before a noun still goes (بتهمة is ب + تهمة), and a name keeps the form it had: بوتين
    # stemmed as البوتين would be بوت, the form of بوت (a bot) and البوتان.
    assert search_form("بتهمة") == search_form("تهمة")
    assert search_form("بسبب") == search_form("سبب")
    assert search_form("بوتين") != search_form("بوت")
    assert search_form("لبنان") == "لبنان"
    assert search_form("بيانات") != search_form("يانات")


def test_punctuation_and_marks_are_not_terms():
    assert search_form("«نفت» — الشركة، (Twitter) ...") == search_form("نفت الشركة Twitter")
    assert search_form("— … «» ،") == ""


def test_the_form_is_the_tokens_terms_in_order():
    words = ("Twitter denied selling data of 87 million users ; نفت الشركة بيع بيانات ٨٧ مليون مستخدم "
             "والشركات الإعلانية — «لم» 13% في المئة").split()
    rng = random.Random(5)
    for _ in range(200):
        text = " ".join(rng.choices(words, k=rng.randint(0, 60)))
        assert search_form(text) == " ".join(t.form for t in terms(text))


def test_terms_are_right_when_threads_stem_at_once():
    """The API's gunicorn threads stem concurrently; a shared Snowball stemmer garbled words or raised."""
    import threading

    from marsad.nlp.normalize import term

    stem = term.__wrapped__  # past the cache: every call really stems
    words = [w + suffix for w in ("national", "generous", "relational", "connected", "denied", "operational",
                                  "الشركات", "المستخدمين", "والبيانات", "للمعلنين")
             for suffix in ("", "ly", "ness", "izations", "fulness")]
    expected = {w: stem(w) for w in words}
    errors: list[str] = []

    def work(seed: int) -> None:
        rng = random.Random(seed)
        try:
            for _ in range(4000):
                w = rng.choice(words)
                got = stem(w)
                if got != expected[w]:
                    errors.append(f"{w!r}: {got!r} != {expected[w]!r}")
        except Exception as e:  # noqa: BLE001 - the failure being tested for
            errors.append(repr(e))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_the_root_letter_list_takes_only_letters_the_stemmer_cuts_and_the_word_needs():
    from marsad.nlp.data.build_ar_root_initial import candidates
    from marsad.nlp.normalize import _root_initial, _stemmer

    zipf = {"بيانات": 4.9, "يانات": 0.0, "البيانات": 4.6, "لشركة": 4.6, "شركة": 5.6, "الشركة": 5.9,
            "لبنان": 5.3, "بنان": 2.7, "بالبيانات": 3.3, "ليانات": 0.1, "بريد": 4.4, "ريد": 4.5, "البريد": 4.3,
            "بتهمة": 4.0, "تهمة": 3.9, "البتهمة": 0.0, "بوتين": 4.5, "وتين": 1.0, "البوتين": 1.1}
    words = ["بيانات", "لشركة", "لبنان", "بالبيانات", "بريد", "بتهمة", "بوتين"]
    got = candidates(words, lambda w: zipf.get(w, 0.0), _stemmer("ar").stemWord)
    # لشركة: a preposition; لبنان: not cut; بالبيانات: the article says it; بريد: ريد is likelier;
    # بتهمة and بوتين are seldom written with the article.
    assert got == ["بيانات"]
    shipped = _root_initial()
    assert {"بيانات", "بطاقات", "برنامج"} <= shipped
    assert not shipped & {"لشركه", "لبنان", "بالبيانات", "بسبب", "بتهمه", "بوتين", "بيان"}


def test_a_unit_spooled_with_older_search_forms_is_replayed_with_todays():
    """A crawl spools what Elasticsearch could not take; replayed after a forms upgrade (and `marsad index
    init`), its documents carry today's forms, else searches by their words would miss them."""
    import json

    from marsad.indexer import Unit

    body = "نفت وزارة الاتصالات تسريب بيانات المشتركين"
    line = json.dumps({"article": {"id": "a1", "title": "وزارة", "body": body, "title_form": "زار",
                                   "body_form": "نف زار يانا", "body_terms": {}},
                       "claims": [{"id": "a1-0", "text": "تسريب بيانات", "text_form": "تسريب يانا"}],
                       "entities": [{"id": "wzara", "name": "وزارة الاتصالات", "aliases": ["وزارة الاتصالات"],
                                     "names_form": "زار اتصال"}], "token": {}}, ensure_ascii=False)
    unit = Unit.from_json(line)  # spooled before the forms were versioned
    assert unit.article["body_form"] == search_form(body) and unit.article["title_form"] == search_form("وزارة")
    assert unit.claims[0]["text_form"] == search_form("تسريب بيانات")
    assert unit.entities[0]["names_form"] == search_form("وزارة الاتصالات")
    # Written by today's code, it is read as written.
    again = Unit.from_json(unit.to_json())
    assert again.article == unit.article and json.loads(unit.to_json())["forms"] > 1
