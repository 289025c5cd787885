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
