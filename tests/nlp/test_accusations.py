"""Accusations as claims (issue 13; the gold's convention: "accused X of Y" is a statement whose text is
"X of Y", "blamed X for Y" one whose text is the object): who accuses whom of what, so that an analyst finds
the charge as well as its denial. Sentences written for these tests."""

from __future__ import annotations

import pytest
from claimkit import claims_of

ACCUSATIONS = [
    ("en", "Opposition lawmakers accused the transport minister, Selim Haddad, of hiding the cost of the new "
           "metro line.",
     "accused", "Opposition lawmakers",
     "the transport minister, Selim Haddad, of hiding the cost of the new metro line"),
    ("en", "The union accuses Marlow Foods of cutting night-shift pay without notice.",
     "accuses", "The union", "Marlow Foods of cutting night-shift pay without notice"),
    ("en", "The regulator fined Corvane Bank on Monday, accusing it of weak money-laundering checks.",
     "accusing", "The regulator", "it of weak money-laundering checks"),
    ("en", "The army blamed the rebels for the attack on the convoy.",
     "blamed", "The army", "the rebels for the attack on the convoy"),
]


@pytest.mark.parametrize(("lang", "text", "cue", "speaker", "claim"), ACCUSATIONS)
def test_an_accusation_is_a_statement_of_who_is_accused_of_what(lang, text, cue, speaker, claim) -> None:
    claims, _, _ = claims_of(text, lang)
    assert [(c.kind, c.cue, c.speaker.text if c.speaker else None, c.text) for c in claims] == [
        ("statement", cue, speaker, claim)]


@pytest.mark.parametrize("text", [
    "The former mayor was accused of taking bribes.",  # by nobody the sentence names
    "The minister did not accuse anyone of wrongdoing.",
    "Fans blamed the weather.",  # nobody blamed for anything
    "He is accused by prosecutors of fraud.",
])
def test_no_accusation_without_an_accuser_an_accused_and_a_charge(text) -> None:
    claims, _, _ = claims_of(text, "en")
    assert claims == []


def test_the_accused_answers_the_accusation_with_a_denial() -> None:
    text = ("Auditors accused Delta Mining of inflating its reserves. "
            "Delta Mining said on Friday that it had not inflated its reserves.")
    claims, _, _ = claims_of(text, "en")
    assert [(c.kind, c.cue) for c in claims] == [("statement", "accused"), ("denial", "said")]


# Arabic: verb, accuser, accused, then the charge behind ب. Where the accuser ends and the accused begins.
AR_ACCUSATIONS = [
    # The accuser's adjective or genitive, then the accused (a definite noun after a definite word or an
    # indefinite adjective starts a new noun phrase).
    ("اتهمت نقابات عمالية الحكومة بتجميد الأجور منذ عامين.", "نقابات عمالية", "الحكومة بتجميد الأجور منذ عامين"),
    ("واتهم محامو الدفاع النيابة العامة بإخفاء أدلة عن المحكمة.", "محامو الدفاع",
     "النيابة العامة بإخفاء أدلة عن المحكمة"),
    ("اتهمت جمعية لحماية المستأجرين الشركة العقارية الكبرى برفع الإيجارات.", "جمعية لحماية المستأجرين",
     "الشركة العقارية الكبرى برفع الإيجارات"),
    ("اتهم مزارعون التجار باحتكار الأسمدة.", "مزارعون", "التجار باحتكار الأسمدة"),  # a plural keeps its ن
    # The charge is no name: "بتضليل البرلمان" after "الوزير" is not a minister called so.
    ("اتهمت صحيفة محلية الوزير بتضليل البرلمان.", "صحيفة محلية", "الوزير بتضليل البرلمان"),
    # Where the accusers are, or whose they are, before the accused.
    ("اتهم تقرير لديوان المحاسبة هيئة الطرق بإهدار المال العام.", "تقرير لديوان المحاسبة",
     "هيئة الطرق بإهدار المال العام"),
    ("اتهمت شركة محاماة في بيروت موظفتها السابقة بتسريب ملفات العملاء.", "شركة محاماة في بيروت",
     "موظفتها السابقة بتسريب ملفات العملاء"),
    ("اتهم سكان في حي النصر شركة المياه بقطع الإمدادات دون إنذار.", "سكان في حي النصر",
     "شركة المياه بقطع الإمدادات دون إنذار"),
    ("اتهم مزارعون في سهل البقاع التجار باحتكار الأسمدة.", "مزارعون في سهل البقاع", "التجار باحتكار الأسمدة"),
    # Already right, and staying so (a possessive is no preposition: "لاعبه", his player).
    ("اتهم نادي الاتحاد السكندري لاعبه السابق بالإخلال بعقده.", "نادي الاتحاد السكندري",
     "لاعبه السابق بالإخلال بعقده"),
    ("اتهم تقرير لمنظمة الشفافية الدولية البلدية بإهدار المال العام.", "تقرير لمنظمة الشفافية الدولية",
     "البلدية بإهدار المال العام"),
    ("اتهمت رابطة للمستأجرين الشركة العقارية الكبرى برفع الإيجارات.", "رابطة للمستأجرين",
     "الشركة العقارية الكبرى برفع الإيجارات"),
]


@pytest.mark.parametrize(("text", "speaker", "claim"), AR_ACCUSATIONS)
def test_ar_the_accuser_is_the_speaker_and_the_accused_opens_the_claim(text, speaker, claim) -> None:
    claims, _, _ = claims_of(text, "ar")
    assert [(c.kind, c.speaker.text if c.speaker else None, c.text) for c in claims] == [
        ("statement", speaker, claim)]


def test_ar_a_charge_after_a_title_is_no_name() -> None:
    from marsad.nlp import analyze

    analysis = analyze("اتهمت صحيفة محلية الوزير بتضليل البرلمان.", "ar")
    assert not any(e.text.startswith("بتضليل") for e in analysis.entities), analysis.entities
    # A name in the same shape, alone, stays a name.
    assert any(e.text == "باسكال لامي" for e in analyze("وصل باسكال لامي إلى القاهرة.", "ar").entities)
