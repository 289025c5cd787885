"""Accusations as claims (issue 13; the gold's convention: "accused X of Y" is a statement whose text is
"X of Y", "blamed X for Y" one whose text is the object): who accuses whom of what, so that an analyst finds
the charge as well as its denial; and an attribution between commas ("X, he said, Y"). Sentences written
for these tests; then attributions that follow their claim."""

from __future__ import annotations

import pytest
from claimkit import claims_of
from marsad.nlp import analyze

ACCUSATIONS = [
    ("en", "Opposition lawmakers accused the transport minister, Selim Haddad, of hiding the cost of the new "
           "metro line.",
     "accused", "Opposition lawmakers",
     "the transport minister, Selim Haddad, of hiding the cost of the new metro line"),
    ("en", "The union accuses Marlow Foods of cutting night-shift pay without notice.",
     "accuses", "The union", "Marlow Foods of cutting night-shift pay without notice"),
    ("en", "The regulator fined Corvane Bank on Monday, accusing it of weak money-laundering checks.",
     "accusing", "The regulator", "it of weak money-laundering checks"),
    ("en", "Critics were quick to accuse the council of wasting public money.",
     "accuse", "Critics", "the council of wasting public money"),
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
    "Nobody accused the ministry of negligence.",
    "Blaming the weather for the delays is easy.",  # blaming as a subject: nobody blames
    "If anyone accuses us of cheating, we will sue.",  # a condition, not an accusation
    "It is unfair to accuse the nurses of causing the delays.",
    "Residents blamed the flooding on Monday.",  # a day is no culprit
    "The union accused the Ministry of Health on Monday.",  # the "of" of a name is no charge
    "The minister did not accuse anyone of wrongdoing.",
    "Fans blamed the weather.",  # nobody blamed for anything
    "He is accused by prosecutors of fraud.",
])
def test_no_accusation_without_an_accuser_an_accused_and_a_charge(text) -> None:
    claims, _, _ = claims_of(text, "en")
    assert claims == []


def test_the_charge_is_the_culprit_not_the_day() -> None:
    claims, _, _ = claims_of("The army blamed the rebels on Sunday for the attack on the convoy.", "en")
    assert [(c.cue, c.text) for c in claims] == [("blamed", "the rebels on Sunday for the attack on the convoy")]


@pytest.mark.parametrize("text", [
    "He has always maintained his innocence, although prosecutors accused him of fraud.",
    "The minister insisted on his innocence after critics blamed him for the collapse.",
])
def test_an_accusation_later_in_the_sentence_leaves_the_avowal_of_innocence_a_denial(text) -> None:
    claims, _, _ = claims_of(text, "en")
    assert [c.text for c in claims if c.kind == "denial"] == ["his innocence"], [c.to_dict() for c in claims]


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
    # A quoted accused keeps its quotation marks.
    ("اتهمت نقابات عمالية «الشركة الوطنية» بتجميد الأجور.", "نقابات عمالية", "«الشركة الوطنية» بتجميد الأجور"),
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
    # Already right, and staying so: a possessive is no preposition ("لاعبه", his player), a singular noun
    # in construct ends in ن too ("ديوان الرقابة"), an adjective follows its noun ("النيابة العامة", "الرئيس
    # الأسبق", "الأحزاب المعارضة"), and an occasion or an addressee is not the accuser's place.
    ("اتهم ديوان الرقابة المالية الشركة بالتلاعب في الحسابات.", "ديوان الرقابة المالية",
     "الشركة بالتلاعب في الحسابات"),
    ("اتهمت النيابة العامة المتهمين بالتزوير.", "النيابة العامة", "المتهمين بالتزوير"),
    ("اتهم الرئيس الأسبق الحكومة بالفشل.", "الرئيس الأسبق", "الحكومة بالفشل"),
    ("اتهمت الأحزاب المعارضة الحكومة بتزوير الانتخابات.", "الأحزاب المعارضة", "الحكومة بتزوير الانتخابات"),
    ("اتهم الرئيس في مؤتمر صحفي الحكومة السابقة بالفساد.", "الرئيس", "الحكومة السابقة بالفساد"),
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


# An attribution set off by commas inside the sentence ("X, he said, Y"): the sentence is the claim, as the
# gold writes it, with its speaker between the commas.
@pytest.mark.parametrize(("text", "kind", "speaker"), [
    ("Democrats, he said, are on a mission to resist every reform.", "statement", "he"),
    ("The decision, the minister said, was final and would be published on Friday.", "statement", "the minister"),
    ("Such claims, the club insisted, were completely false.", "denial", "the club"),
])
def test_en_an_attribution_between_commas_claims_its_sentence(text, kind, speaker) -> None:
    claims, _, _ = claims_of(text, "en")
    assert [(c.kind, c.speaker.text if c.speaker else None, c.text) for c in claims] == [
        (kind, speaker, text.rstrip("."))]


@pytest.mark.parametrize("text", [
    "The plant, which the ministry said was safe, closed in March.",  # a relative clause: its own claim
    "In March, however, the plant closed.",  # no attribution between the commas
])
def test_en_no_sentence_claim_without_an_attribution_between_commas(text) -> None:
    claims, _, _ = claims_of(text, "en")
    assert all(c.text != text.rstrip(".") for c in claims), [c.to_dict() for c in claims]


def test_en_a_second_cue_the_parser_hung_on_the_first_is_its_own_claim() -> None:
    # spaCy reads "warned" as a second clause of "said": it is a claim of its own, not part of the first.
    text = "Nour Telecom said profit rose 12 percent in the first half but cautioned that growth would slow."
    claims, _, _ = claims_of(text, "en")
    assert [(c.cue, c.text) for c in claims] == [("said", "profit rose 12 percent in the first half"),
                                                 ("cautioned", "growth would slow")]


def test_en_a_second_that_clause_after_a_comma_belongs_to_the_claim() -> None:
    # "said X, and that Y": the parser hangs the second clause on the verb; it is still what was said.
    text = "The union said no strike date had been set, and that members would vote next week in Tunis."
    claims, _, _ = claims_of(text, "en")
    assert [c.text for c in claims] == ["no strike date had been set, and that members would vote next week in Tunis"]


@pytest.mark.parametrize(("text", "claim"), [
    ("The regulator said on Tuesday it would auction two blocks of spectrum in March.",
     "it would auction two blocks of spectrum in March"),
    ("The company said last week it had hired 200 engineers.", "it had hired 200 engineers"),
    ("The ministry said on Monday the talks would resume.", "the talks would resume"),
    # A date inside what was said stays.
    ("The club said the stadium would open in May.", "the stadium would open in May"),
])
def test_en_the_time_of_the_saying_is_no_part_of_the_claim(text, claim) -> None:
    claims, _, _ = claims_of(text, "en")
    assert [c.text for c in claims] == [claim]


# ---------------------------------------------------------------------------
# Attributions after the claim (written for these rules; the pattern comes from the kinds_more dev set)


def _said(text: str) -> list[tuple[str, str, str | None, str | None]]:
    """(cue, claim text, speaker mention, speaker id) of each English claim."""
    return [(c.cue, c.text, c.speaker.text if c.speaker else None, c.speaker.id if c.speaker else None)
            for c in analyze(text, "en").claims]


def test_a_quotation_ends_at_its_closing_mark_when_the_speaker_has_an_apposition() -> None:
    assert _said('"We never wanted to be a bank," Anita Rao, founder of the payments app Paywise, told reporters '
                 'in Pune.') == [("told", "We never wanted to be a bank", "Anita Rao", "anita-rao")]
    # A cue without a subject of its own takes the person named between the quotation and the cue.
    (got,) = _said('"Not one contract was signed without a tender," the authority\'s head of procurement, '
                   'Omar Saleh, said.')
    assert got[1] == "Not one contract was signed without a tender" and got[3] == "omar-saleh"


def test_an_attribution_with_its_own_subject_after_a_comma_claims_what_comes_before() -> None:
    (got,) = _said("Halvard Mining will not reopen the Kiruna shaft this year, its chief executive, Ingrid Berg, "
                   "told analysts on Tuesday.")
    assert got[:2] == ("told", "Halvard Mining will not reopen the Kiruna shaft this year")
    assert got[3] == "ingrid-berg"
    # A second verb joined by "and" is not an attribution of what came before.
    assert _said("Prices rose sharply in May and the retailer told investors that margins would recover.") == [
        ("told", "margins would recover", "the retailer", None)]
    (got,) = _said("The board could not ignore the losses, he said, before resigning.")
    assert got[:3] == ("said", "The board could not ignore the losses", "he")


def test_a_past_event_the_writer_adds_after_a_comma_is_not_what_was_said() -> None:
    assert _said("The party said it had not paid any voters, after a watchdog published receipts from two "
                 "rallies.")[0][1] == "it had not paid any voters"
    # A condition of what was said stays in it.
    assert _said("The firm said it would sell the unit after regulators approve the deal.")[0][1] == (
        "it would sell the unit after regulators approve the deal")


def test_settling_without_admitting_or_denying_denies_nothing() -> None:
    assert [c[0] for c in _said("The lender agreed to pay the fine without admitting or denying the findings, "
                                 "the regulator said.")] == ["said"]
    assert _said("The lender settled without denying the allegations.") == []
    assert _said("The lender denied the allegations on Monday.")[0][:2] == ("denied", "the allegations")


def test_an_act_told_after_the_comma_stays_in_the_claim_when_it_is_the_speakers_account() -> None:
    assert _said("The minister said the border would reopen, after both sides signed the accord.")[0][1] == (
        "the border would reopen, after both sides signed the accord")
    assert _said("Police said the man fled on foot, after he stabbed two people.")[0][1] == (
        "the man fled on foot, after he stabbed two people")
    # Someone's lawyer named after the quotation speaks, not the client.
    assert _said('"We will appeal," Ahmed Karim\'s lawyer, Reem Al Shamsi, said.')[0][3] == "reem-al-shamsi"


def test_an_admission_or_a_warning_is_never_a_denial() -> None:
    text = ("Regulators accused Falaj Bank of lax checks. The bank acknowledged that its checks had not been "
            "thorough enough.")
    assert [c.kind for c in analyze(text, "en").claims][-1] == "statement"
    text = ("A post accused Zayna Foods of selling expired milk. The company cautioned that it would not hesitate "
            "to sue those spreading false information.")
    assert [c.kind for c in analyze(text, "en").claims][-1] == "statement"
    # A denial in the same setting is still one.
    text = "A post accused Zayna Foods of selling expired milk. The company said the post was false."
    assert [c.kind for c in analyze(text, "en").claims][-1] == "denial"
