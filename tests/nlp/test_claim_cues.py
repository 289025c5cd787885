"""Cues of saying that repeat or renew what was said, and quoted names inside the subject, on sentences
written for these tests (the real spaCy model and Arabic pipeline). Each case found no claim, or the
wrong one, before the rule it pins."""

from __future__ import annotations

import pytest
from claimkit import claims_of, only


@pytest.mark.parametrize(("text", "lang", "claim"), [
    ("Streamly repeated that it had not shared the data with advertisers.", "en",
     "it had not shared the data with advertisers"),
    ("The ministry reiterated that the subsidy would stay in place.", "en", "the subsidy would stay in place"),
    ("وكررت الشركة أن الخدمة عادت إلى العمل بالكامل.", "ar", "الخدمة عادت إلى العمل بالكامل"),
    ("وجددت الوزارة تأكيدها أن الأسعار لن ترتفع هذا العام.", "ar", "الأسعار لن ترتفع هذا العام"),
])
def test_repeating_what_was_said_is_saying_it(text, lang, claim) -> None:
    assert only(text, lang).text == claim


@pytest.mark.parametrize(("text", "lang"), [
    ("The coach repeated the drill twice before the match.", "en"),
    ("وكرر المدرب التمرين مرتين قبل المباراة.", "ar"),
    ("وجددت الوزارة دعوتها للمواطنين إلى الحذر.", "ar"),
    # A time clause or a purpose after the repeated act is no reported clause.
    ("وكرر الفريق فوزه على الأهلي بعد أن سجل مهاجمه هدفين.", "ar"),
    ("وجدد النادي عقد المدرب بعد أن قاد الفريق إلى اللقب.", "ar"),
    ("وجددت الوزارة دعوتها إلى أن يلتزم المواطنون بالتعليمات.", "ar"),
    ("وتجدد القصف بعد أن انهارت الهدنة.", "ar"),
])
def test_repeating_an_act_is_no_claim(text, lang) -> None:
    claims, _, _ = claims_of(text, lang)
    assert claims == []


def test_repeating_a_denial_is_a_denial() -> None:
    c = only("وكرر الرئيس التنفيذي كريم منصور نفيه أن تكون أرقام البطاقات قد سرقت.", "ar")
    assert c.kind == "denial" and c.text == "تكون أرقام البطاقات قد سرقت"
    c = only("The spokesman repeated his denial that the company had paid bribes.", "en")
    assert c.kind == "denial" and c.text == "the company had paid bribes"
    # نفي is also exile: after another cue, it makes no denial.
    assert only("وقال المعارض السياسي بعد نفيه إلى لندن إن الحكومة تلاحق أسرته.", "ar").kind == "statement"


@pytest.mark.parametrize(("text", "claim"), [
    ('وأكدت مريم السويدي، الرئيسة التنفيذية لـ"فلك"، أن البيانات لن تغادر الإمارات.', "البيانات لن تغادر الإمارات"),
    ('وأكد الرئيس التنفيذي، في اتصال مع «المرصد الاقتصادي»، أن أموال العملاء في أمان.', "أموال العملاء في أمان"),
])
def test_ar_a_quoted_name_closing_the_subject_is_not_the_claim(text, claim) -> None:
    assert only(text, "ar").text == claim
