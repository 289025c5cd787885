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


@pytest.mark.parametrize("word", ["«تضليل متعمد»", "«معلومات مغلوطة»", "«أخبار زائفة»"])
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


def test_defendants_after_a_number_are_no_participle_of_accusing() -> None:
    text = ("أجلت المحكمة محاكمة رجل الأعمال ماهر السيد و11 متهماً آخرين في قضية الاستيلاء على أموال مودعين. "
            "وقال محامي السيد، عادل فهمي، إن موكله «لم يستولِ على جنيه واحد».")
    claims = claims_of(text, "ar")[0]
    assert [c.cue for c in claims if "متهم" in c.cue] == []
    assert claims[-1].kind == "denial"


@pytest.mark.parametrize("reply", ["تعقيباً على", "رداً على", "تعليقاً على"])
def test_a_reply_to_a_report_after_the_claim_is_no_part_of_it(reply: str) -> None:
    text = (f"قال مصرف «الواحة» في إفصاح للسوق إنه «لم يدخل في أي مفاوضات» للاستحواذ على شركة «نوفا»، "
            f"{reply} تقرير لوكالة «بلومبرغ» أفاد بأن الطرفين في مراحل متقدمة من المحادثات.")
    first = claims_of(text, "ar")[0][0]
    # Up to the company's name (its closing quotation mark is the scorer's business, not this test's).
    assert first.text.rstrip("»") == "«لم يدخل في أي مفاوضات» للاستحواذ على شركة «نوفا"
    assert first.kind == "denial"


@pytest.mark.parametrize("occasion", ["بعد انتشار إعلانات", "إثر تداول منشورات", "عقب نشر تقارير"])
def test_what_prompted_the_words_after_a_comma_is_no_part_of_them(occasion: str) -> None:
    text = (f"شددت وزارة النقل على أنها لم تمنح أي شركة حق بيع تذاكر القطار عبر مواقع التواصل، "
            f"{occasion} تزعم أنها معتمدة من الوزارة.")
    first = claims_of(text, "ar")[0][0]
    assert first.text == "لم تمنح أي شركة حق بيع تذاكر القطار عبر مواقع التواصل"


@pytest.mark.parametrize("text", [
    "قالت الشرطة إن تزييف العملة جريمة يعاقب عليها القانون.",
    "قال الخبير إن تضليل الرأي العام يتم عبر حسابات وهمية.",
    "قالت المعارضة إن ما تفعله الحكومة تضليل للشعب.",
])
def test_a_verbal_noun_with_its_object_or_an_accusation_is_no_denial(text: str) -> None:
    assert [c.kind for c in claims_of(text, "ar")[0]] == ["statement"]


def test_a_country_before_a_colon_is_where_the_news_is_from() -> None:
    text = "لبنان: لا صحة لإغلاق مطار بيروت. وقالت وزارة الأشغال إن الرحلات تسير كالمعتاد."
    assert [c for c in claims_of(text, "ar")[0] if c.cue == ":"] == []


def test_what_came_in_a_recording_is_denied_whole() -> None:
    text = "ونفت الشرطة صحة ما جاء في تسجيل مصور متداول على مواقع التواصل."
    denials = [c.text for c in claims_of(text, "ar")[0] if c.kind == "denial"]
    assert denials == ["صحة ما جاء في تسجيل مصور متداول على مواقع التواصل"]


def test_a_deployment_after_a_comma_stays_in_the_claim() -> None:
    text = "قال الوزير إن الحكومة ستعيد فتح المعبر، بعد نشر قوات حفظ السلام على الحدود."
    assert claims_of(text, "ar")[0][0].text == "الحكومة ستعيد فتح المعبر، بعد نشر قوات حفظ السلام على الحدود"


def test_defendants_counted_in_words_are_no_participle_either() -> None:
    text = "أجلت المحكمة محاكمة رجل الأعمال ماهر السيد وأحد عشر متهماً آخرين في قضية الاستيلاء على أموال مودعين."
    assert [c.cue for c in claims_of(text, "ar")[0] if "متهم" in c.cue] == []
