"""Arabic denials in forms the third round of kind data showed (session of 2026-12-08): the occasion after a
rebutted object, and more words that call a report false."""

from __future__ import annotations

import pytest
from claimkit import claims_of


def test_the_occasion_after_a_rebutted_object_is_no_part_of_it() -> None:
    text = ("قالت نقابة الأطباء إن المشاركة في الإضراب بلغت 90 في المائة. "
            "وفندت وزارة الصحة هذه الأرقام في بلاغ مساء اليوم نفسه.")
    denials = [c.text for c in claims_of(text, "ar")[0] if c.kind == "denial"]
    assert denials == ["هذه الأرقام"]


@pytest.mark.parametrize("word", ["«تضليل متعمد»", "«معلومات مغلوطة»", "«أخبار زائفة»", "«مضللة»"])
def test_calling_what_was_said_misleading_or_false_denies_it(word: str) -> None:
    text = (f"قال مسؤول في الشركة إن المصنع سيغلق الشهر المقبل. "
            f"وقال المدير العام للمصنع سامر الحداد إن ما ذكره المسؤول {word}.")
    kinds = [c.kind for c in claims_of(text, "ar")[0] if "ما ذكره" in c.text]
    assert kinds == ["denial"]


@pytest.mark.parametrize("text", [
    # A headline run into its report, and one on its own line: the words call a report false.
    "هيئة الأرصاد: لا صحة لتعرض السواحل لإعصار خلال الأيام المقبلة. وقالت الهيئة إن البلاد ستتأثر بمنخفض جوي.",
    "نادي الوحدة: الصور المتداولة عن شجار في غرفة الملابس مفبركة\nوجاء ذلك في بيان للنادي رداً على منشورات.",
])
def test_a_colon_headline_that_calls_a_report_false_is_a_denial(text: str) -> None:
    claims = claims_of(text, "ar")[0]
    headline = [c for c in claims if c.cue == ":"]
    assert [c.kind for c in headline] == ["denial"]
    assert headline[0].speaker is not None and headline[0].speaker.text in ("هيئة الأرصاد", "نادي الوحدة")


@pytest.mark.parametrize("text", [
    "عاجل: لا صحة لتعرض السواحل لإعصار. وقالت الهيئة إن البلاد ستتأثر بمنخفض جوي.",
    "رأي: الحكومة لن تنجح في خفض الأسعار. وكتب المحلل أن الأسعار سترتفع.",
])
def test_a_headline_label_or_a_statement_before_a_colon_is_no_speaker(text: str) -> None:
    assert [c for c in claims_of(text, "ar")[0] if c.cue == ":"] == []
