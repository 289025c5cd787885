"""Entity recognition: pinned cases with the real spaCy model, and the gold-set score.

Run ``.venv/bin/python tests/nlp/test_entities.py`` to print precision, recall and
F1 per language and per split on ``tests/gold/entities_*.jsonl``, id accuracy,
cross-lingual id agreement on paired passages (``"pair"``), and timing.
Matching is exact: same offsets and same label. Splits: ``dev`` passages were
used to develop the rules; ``heldout`` to ``heldout7`` were
written later, each scored once before the rules were changed again, so only
each batch's first score (in the commit that added it) measures unseen text.
The gazetteer rows added after ``heldout4`` include names from ``heldout2``
and ``heldout4`` (الفاشر، معان، العلا، فودافون …).

It also prints, per batch of paired passages, how many entities whose gold id
the gazetteer does not know get the same id in both languages, and how many
``nlp.idmatch.match_id`` would merge (the indexer's job).

It does not measure entities the gold files do not annotate (nationality
adjectives, dates, money), ids of Arabic-only names the annotator could not
give an English spelling for, or display names.

Annotation guidelines of the gold files:

- Labels PERSON, ORG, GPE (countries, cities), LOC (regions, seas, sites), MISC
  (products, apps). Nationality adjectives are not entities.
- Titles are outside the name ("the Dr"/"الدكتور", "الرئيس التنفيذي").
- English: a leading "the" is outside unless it belongs to an outlet's name
  ("The Guardian", "The Sunday Telegraph"); possessive 's is outside.
- Arabic: proclitics (و ف ب ل ك، لل) are outside; the article ال stays.
  A descriptor cue (شركة، صحيفة، منصة، قناة، وكالة، مجموعة، مركز، تطبيق) is outside
  the name and so is an adjective after it ("صحيفة صنداي تلغراف البريطانية" →
  صنداي تلغراف). An institution head (وزارة، هيئة، لجنة، جامعة، بنك، نادي،
  مستشفى …) is inside, with its adjectives ("وزارة الصحة السعودية"), unless a
  known name follows it ("منظمة هيومن رايتس ووتش" → هيومن رايتس ووتش).
  "X لل+noun" directly after a company name is part of it ("نوفا داتا
  للحلول") unless a definite adjective follows ("أنغامي للبث الموسيقي" →
  أنغامي). A Latin spelling given in the Arabic text is an entity of its own
  with the same id.
- Ids: the gazetteer's id, else the slug of the English name.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

import pytest
from claimkit import entity_rows as _ents
from marsad.nlp.entities import find_entities, resolve
from marsad.nlp.models import english
from marsad.nlp.types import AnalysisError

GOLD = Path(__file__).resolve().parents[1] / "gold"


def load_gold(lang: str) -> list[dict]:
    """Returns the gold passages of one language, each entity with its start and end."""
    out = []
    with (GOLD / f"entities_{lang}.jsonl").open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            for e in rec["entities"]:
                starts = [m.start() for m in re.finditer(re.escape(e["text"]), rec["text"])]
                e["start"] = starts[e.get("occurrence", 0)]
                e["end"] = e["start"] + len(e["text"])
            out.append(rec)
    return out


def evaluate(lang: str, split: str | None = None) -> dict:
    """Scores find_entities on one language's gold set.

    Args:
        lang: "en" or "ar".
        split: "dev" (passages the rules were tuned on), "heldout" (written
            afterwards and scored once before any further change; "heldout2" likewise, after the
            fixes prompted by the first held-out set), or None for all.

    Returns:
        A dict with tp/fp/fn, precision, recall, f1, id accuracy over matched
        entities that have a gold id, seconds, the system output per passage
        and the list of errors.
    """
    gold = [r for r in load_gold(lang) if split is None or r.get("split", "dev") == split]
    tp = fp = fn = 0
    id_ok = id_total = 0
    errors = []
    outputs = {}
    nlp = english() if lang == "en" else None
    t0 = time.perf_counter()
    for rec in gold:
        doc = nlp(rec["text"]) if nlp else None
        outputs[rec["id"]] = find_entities(rec["text"], lang, doc)
    seconds = time.perf_counter() - t0
    for rec in gold:
        system = {(e.start, e.end, e.label): e for e in outputs[rec["id"]]}
        expected = {(e["start"], e["end"], e["label"]): e for e in rec["entities"]}
        for k, e in expected.items():
            if k in system:
                tp += 1
                if "id" in e:
                    id_total += 1
                    if system[k].id == e["id"]:
                        id_ok += 1
                    else:
                        errors.append(("id", rec["id"], e["text"], e["id"], system[k].id))
            else:
                fn += 1
                errors.append(("fn", rec["id"], e["text"], e["label"]))
        for k, e in system.items():
            if k not in expected:
                fp += 1
                errors.append(("fp", rec["id"], e.text, e.label))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f1,
        "id_accuracy": id_ok / id_total if id_total else 0.0, "ids_scored": id_total,
        "seconds": seconds, "passages": len(gold), "outputs": outputs, "gold": gold, "errors": errors,
    }


def cross_lingual_agreement(en: dict, ar: dict) -> tuple[int, int]:
    """Counts paired gold entities (same gold id in an en and an ar passage of one pair)
    whose system ids agree across the two languages."""
    def by_pair(res: dict) -> dict[str, dict[str, set[str]]]:
        out: dict[str, dict[str, set[str]]] = {}
        for rec in res["gold"]:
            if "pair" not in rec:
                continue
            system = {(e.start, e.end): e.id for e in res["outputs"][rec["id"]]}
            ids = out.setdefault(rec["pair"], {})
            for e in rec["entities"]:
                if "id" in e:
                    ids.setdefault(e["id"], set()).add(system.get((e["start"], e["end"]), "∅"))
        return out

    en_p, ar_p = by_pair(en), by_pair(ar)
    agree = total = 0
    for pair, ids in en_p.items():
        for gold_id, sys_en in ids.items():
            sys_ar = ar_p.get(pair, {}).get(gold_id)
            if sys_ar is None:
                continue
            total += 1
            if sys_en & sys_ar - {"∅"}:
                agree += 1
    return agree, total


def unknown_name_agreement(en: dict, ar: dict, batch: str) -> dict[str, int]:
    """Cross-lingual agreement on paired entities whose gold id the gazetteer does not know.

    ``exact`` counts pairs whose system ids are equal as emitted; ``merged``
    counts pairs that ``nlp.idmatch.match_id`` would merge into the English
    id when the Arabic mention is matched against every English entity the
    system found in the whole English gold set (so wrong merges are possible
    and counted in ``wrong``).

    Args:
        en: ``evaluate("en")``.
        ar: ``evaluate("ar")``.
        batch: the pair-name prefix of a held-out batch ("h4", "h5"), or ""
            for the pairs of the earlier batches ("p01" …).
    """
    from marsad.nlp.gazetteer import gazetteer
    from marsad.nlp.idmatch import match_id
    from marsad.nlp.translit import merge_key

    gaz = gazetteer()
    candidates: dict[str, dict[str, tuple[str, str, list[str]]]] = {}
    for rec in en["gold"]:
        for e in en["outputs"][rec["id"]]:
            group = candidates.setdefault(merge_key(e.text), {})
            ident, label, aliases = group.get(e.id, (e.id, e.label, []))
            group[e.id] = (ident, label, [*aliases, e.text])

    def spans(res: dict) -> dict[tuple[str, str], object]:
        out = {}
        for rec in res["gold"]:
            if "pair" not in rec or not (rec["pair"].startswith(batch) if batch else rec["pair"][0] == "p"):
                continue
            system = {(e.start, e.end): e for e in res["outputs"][rec["id"]]}
            for g in rec["entities"]:
                if "id" in g and gaz.get(g["id"]) is None:
                    out.setdefault((rec["pair"], g["id"]), system.get((g["start"], g["end"])))
        return out

    en_s, ar_s = spans(en), spans(ar)
    counts = {"pairs": 0, "exact": 0, "merged": 0, "wrong": 0}
    for k, a in ar_s.items():
        if k not in en_s:
            continue
        counts["pairs"] += 1
        e = en_s[k]
        if a is None or e is None:
            continue
        counts["exact"] += a.id == e.id
        group = list(candidates.get(merge_key(a.text), {}).values())
        merged = a.id if a.id == e.id else match_id(a.text, a.label, group)
        if merged == e.id:
            counts["merged"] += 1
        elif merged is not None:
            counts["wrong"] += 1
    return counts


# --- gold-set thresholds -----------------------------------------------------


@pytest.fixture(scope="module")
def gold_en() -> dict:
    return evaluate("en")


@pytest.fixture(scope="module")
def gold_ar() -> dict:
    return evaluate("ar")


def test_gold_english_f1(gold_en: dict) -> None:
    assert gold_en["passages"] >= 80
    assert gold_en["f1"] >= 0.85, gold_en["errors"][:20]


def test_gold_arabic_f1(gold_ar: dict) -> None:
    assert gold_ar["passages"] >= 80
    assert gold_ar["f1"] >= 0.80, gold_ar["errors"][:20]


def main() -> int:
    """Prints the gold-set scores; with -v also every error."""
    results = {lang: evaluate(lang) for lang in ("en", "ar")}
    for lang in ("en", "ar"):
        for split in ("dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7"):
            res = evaluate(lang, split)
            if not res["passages"]:
                continue
            print(
                f"{lang} {split}: passages={res['passages']} P={res['precision']:.3f} R={res['recall']:.3f} "
                f"F1={res['f1']:.3f} id accuracy={res['id_accuracy']:.3f} of {res['ids_scored']}"
            )
    for lang, res in results.items():
        print(
            f"{lang} all: passages={res['passages']} P={res['precision']:.3f} R={res['recall']:.3f} "
            f"F1={res['f1']:.3f} (tp={res['tp']} fp={res['fp']} fn={res['fn']}) "
            f"id accuracy={res['id_accuracy']:.3f} of {res['ids_scored']} "
            f"time={res['seconds'] * 1000 / res['passages']:.2f} ms/passage"
        )
        if "-v" in sys.argv:
            for err in res["errors"]:
                print("   ", *err)
    agree, total = cross_lingual_agreement(results["en"], results["ar"])
    print(f"cross-lingual id agreement on paired passages: {agree}/{total}")
    for batch in ("", "h4", "h5"):
        c = unknown_name_agreement(results["en"], results["ar"], batch)
        print(
            f"unknown names, pairs {batch or 'p*'}: exact id agreement {c['exact']}/{c['pairs']}, "
            f"with match_id merging {c['merged']}/{c['pairs']} (wrong merges {c['wrong']})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())


# --- pinned cases (real spaCy model, no mocks) ---------------------------------




def test_english_known_orgs_fix_model_labels() -> None:
    text = "Twitter said Cambridge Analytica had used the data, according to The Sunday Telegraph."
    got = _ents(text, "en")
    assert ("Twitter", "ORG", "twitter") in got
    assert ("Cambridge Analytica", "ORG", "cambridge-analytica") in got
    assert ("The Sunday Telegraph", "ORG", "the-sunday-telegraph") in got


def test_english_leading_the_is_dropped_except_in_outlet_names() -> None:
    got = _ents("The European Commission fined the company, the Guardian reported.", "en")
    assert ("European Commission", "ORG", "european-commission") in got
    assert ("Guardian", "ORG", "the-guardian") in got


def test_english_short_mention_and_acronym_take_the_full_names_id() -> None:
    text = ("Aleksandr Kogan of Global Science Research denied it. "
            "Kogan said GSR had followed the rules.")
    got = _ents(text, "en")
    assert ("Kogan", "PERSON", "aleksandr-kogan") in got
    assert ("GSR", "ORG", "global-science-research") in got


def test_english_unknown_company_is_not_a_person() -> None:
    got = _ents("Zenith Pay said it had frozen 12,000 accounts in Egypt.", "en")
    assert ("Zenith Pay", "ORG", "zenith-pay") in got


def test_english_doc_is_reused_and_must_match() -> None:
    text = "Reuters reported that Meta would appeal."
    doc = english()(text)
    assert [e.id for e in find_entities(text, "en", doc)] == ["reuters", "meta"]
    with pytest.raises(AnalysisError):
        find_entities("something else", "en", doc)


def test_english_non_entities_are_dropped() -> None:
    got = _ents("On Monday, 87 million British users lost $5 billion.", "en")
    assert got == []


def test_arabic_proclitic_is_outside_the_entity() -> None:
    text = "نشرت الصحيفة تقريرا عن فيسبوك وكامبريدج أناليتيكا."
    got = _ents(text, "ar")
    assert ("كامبريدج أناليتيكا", "ORG", "cambridge-analytica") in got
    assert ("فيسبوك", "ORG", "facebook") in got


def test_arabic_descriptor_cue_and_nisba_are_not_part_of_the_name() -> None:
    got = _ents("ذكرت صحيفة صنداي تلغراف البريطانية أن الشركة باعت البيانات.", "ar")
    assert got == [("صنداي تلغراف", "ORG", "the-sunday-telegraph")]


def test_arabic_unknown_names_after_cues_and_latin_partner_ids() -> None:
    text = ("قال الدكتور ألكسندر كوغان Aleksandr Kogan إن شركة غلوبال ساينس للأبحاث "
            "(Global Science Research) التزمت بالقواعد، وأصر كوغان على ذلك.")
    got = _ents(text, "ar")
    assert ("غلوبال ساينس للأبحاث", "ORG", "global-science-research") in got
    assert ("Global Science Research", "ORG", "global-science-research") in got
    assert ("كوغان", "PERSON", "aleksandr-kogan") in got


def test_arabic_transliteration_matches_latin_name_elsewhere_in_text() -> None:
    text = "قالت شركة بلوفين إنسايتس إنها لم تبع البيانات. وأكدت Bluefin Insights ذلك في بيان."
    got = _ents(text, "ar")
    assert ("بلوفين إنسايتس", "ORG", "bluefin-insights") in got


def test_arabic_unseen_person_after_title_and_apposition() -> None:
    got = _ents("وقال سامي الحلبي، مؤسس شركة نوفا داتا للحلول، إن الوزير يوسف الخطيب وافق.", "ar")
    labels = {t: label for t, label, _ in got}
    assert labels.get("سامي الحلبي") == "PERSON"
    assert labels.get("نوفا داتا للحلول") == "ORG"
    assert labels.get("يوسف الخطيب") == "PERSON"


def test_arabic_institution_head_is_part_of_the_name() -> None:
    got = _ents("أعلنت وزارة الخارجية السعودية في الرياض أن المتحدث باسم منصة تويتر اعتذر.", "ar")
    assert ("وزارة الخارجية السعودية", "ORG") in [(t, label) for t, label, _ in got]
    assert ("الرياض", "GPE", "riyadh") in got
    assert ("تويتر", "ORG", "twitter") in got


def test_arabic_shadda_tells_amman_from_oman() -> None:
    assert _ents("وصل الوفد إلى عمّان.", "ar") == [("عمّان", "GPE", "amman")]
    assert _ents("وصل الوفد إلى سلطنة عمان.", "ar")[0][2] == "oman"


def test_resolve_both_scripts_and_unknown() -> None:
    assert resolve("تويتر") == ("twitter", "Twitter", "ORG")
    assert resolve("ولتويتر", "ar") == ("twitter", "Twitter", "ORG")
    assert resolve("the Guardian") == ("the-guardian", "The Guardian", "ORG")
    assert resolve("أرامكو السعودية")[0] == "saudi-aramco"
    assert resolve("Nonexistent Widgets") is None


def test_unsupported_language_is_reported() -> None:
    with pytest.raises(AnalysisError):
        find_entities("Bonjour Paris", "fr")
    assert find_entities("   ", "ar") == []


def test_arabic_speaker_after_speech_verb_but_not_common_subjects() -> None:
    got = _ents("قال زهير مراد لـبي بي سي إن الشركة لم تبع برامجها.", "ar")
    assert ("زهير مراد", "PERSON") in [(t, label) for t, label, _ in got]
    assert ("بي بي سي", "ORG", "bbc") in got
    for text in ("قال مسؤول أمريكي إن المحادثات مستمرة.", "قالت مصادر مطلعة إن الاتفاق قريب.",
                 "قال محامو الشركة إن الحكم نهائي."):
        assert _ents(text, "ar") == []


def test_arabic_count_of_companies_is_not_a_cue() -> None:
    got = _ents("قالت إن 30 شركة غادرت لبنان منذ بداية الأزمة.", "ar")
    assert got == [("لبنان", "GPE", "lebanon")]


def test_arabic_company_name_may_end_in_a_place_or_domain_noun() -> None:
    got = _ents("عينت شركة أسمنت تبوك مديرا جديدا، وقالت شركة دلتا للأبحاث إنها ستتوسع.", "ar")
    texts = [t for t, label, _ in got if label == "ORG"]
    assert texts == ["أسمنت تبوك", "دلتا للأبحاث"]


# --- long articles: precision on real-length text ------------------------------
#
# Three news articles written for these tests (400+ words each), with the
# habits of real pages: sentences glued without a space after the full stop
# (".وقال"), many repeated mentions, verbal nouns, plural common nouns and
# deictics next to names.

LONG_ARTICLES = [
    """أعلنت هيئة حماية البيانات في إيرلندا يوم الخميس فرض غرامة قدرها 90 مليون يورو على شركة التسويق الرقمي فيرالينك بسبب جمع بيانات المستخدمين دون موافقتهم.وقالت الهيئة في بيان إن التحقيق استمر أكثر من عامين، وإنه كشف أن فيرالينك استخدمت أسماء المستخدمين وصور ملفاتهم الشخصية لبناء ملامح تسويقية تعتمد على سلوكهم في الإنترنت.
وقال المفوض ديرموت أوكونيل إن الشركة لم تبلغ المستخدمين بطريقة واضحة، مضيفا أن هنا مشكلة تتكرر في قطاع الإعلانات كله.وأوضح أوكونيل أن الهيئة تلقت شكاوى من مستخدمين في إيرلندا وألمانيا وفرنسا، وأن بعضهم اكتشف أن بياناته بيعت لشركات أخرى دون علمه.
من جهتها، نفت فيرالينك هذه الاتهامات.وقالت المتحدثة باسم الشركة كلارا فيشر إن فيرالينك التزمت بالقوانين الأوروبية، وإن عمليات تحليل البيانات كانت تتم بموافقة العملاء.وأضافت فيشر أن الشركة ستطعن في القرار أمام المحكمة العليا في دبلن خلال الأسابيع المقبلة.
وتأسست فيرالينك عام 2016 في دبلن على يد رجل الأعمال الأمريكي بريان ماكنالي، الذي باع حصته لاحقا لصندوق نورثبريدج كابيتال.وقال ماكنالي في مقابلة مع صحيفة آيريش تايمز إنه لا يعلم شيئا عن طريقة استخدام البيانات بعد مغادرته الشركة، مؤكدا أن الفريق الذي أسسه كان يحترم الخصوصية.
ويرى خبراء أن القرار سيؤثر على شركات تسويق كثيرة تعتمد على تتبع المستخدمين عبر التطبيقات والمواقع.وقالت الباحثة في جامعة ترينيتي كوليدج شيفون والش إن أسماء المستخدمين ليست وحدها المشكلة، بل إن شراء البيانات من تطبيقات الاختبارات الشخصية أصبح تجارة واسعة.وأكدت والش أن هناك حاجة إلى رقابة أكبر على الوسطاء الذين يبيعون هذه المعلومات.
وفي سياق متصل، قالت المفوضية الأوروبية إنها تتابع القضية عن كثب.وأشار متحدث باسم المفوضية إلى أن الغرامة تأتي ضمن حملة أوسع لتطبيق القواعد الأوروبية لحماية البيانات، وأن هيئات أخرى في هولندا وإسبانيا تحقق في ممارسات مشابهة.
وكانت فيرالينك قد أعلنت العام الماضي أرباحا بلغت 40 مليون يورو، وتوسعت في أسواق جديدة منها الإمارات والسعودية.وتقول الشركة إن لديها أكثر من 300 موظف في مكاتبها في دبلن ولندن ودبي، وإن عملاءها يشملون متاجر إلكترونية وبنوكا وشركات طيران.
ويأتي القرار بعد أشهر من تحقيق مماثل أجرته الهيئة مع شركة تحليل البيانات كوانتا ميتريكس، التي دفعت غرامة قدرها 12 مليون يورو.وقال أوكونيل إن الهيئة ستنشر تفاصيل القرار كاملة خلال أسبوعين، وإن فيرالينك أمامها 28 يوما لتقديم طعنها.
وعلق ماكنالي على القرار بالقول إنه يتمنى أن تتعلم الشركات من هذه القضية.أما فيشر فقالت إن فيرالينك ستواصل العمل مع عملائها كالمعتاد، وإن أي تغيير في سياساتها سيعلن رسميا.وختم أوكونيل بأن حماية المستخدمين هنا وفي كل مكان هي أولوية الهيئة.
ولم تكشف فيرالينك عن عدد المستخدمين المتأثرين، لكن تقديرات الهيئة تشير إلى أن البيانات شملت ملايين الحسابات في أوروبا.وقالت منظمات تدافع عن الحقوق الرقمية إن الغرامة رسالة واضحة إلى شركات التسويق التي تعتمد على بيع الملامح الشخصية، وطالبت بتعويض المستخدمين الذين تضرروا من هذه الممارسات.""",  # noqa: E501
    """وقعت وزارة الطاقة الأردنية يوم الأحد اتفاقية مع شركة الطاقة المتجددة سولارون لبناء محطة للطاقة الشمسية قرب مدينة معان بقدرة 200 ميغاواط.وقال وزير الطاقة هاني الزعبي إن المشروع سيوفر نحو 400 فرصة عمل خلال مرحلة البناء، وإنه سيغطي حاجة ما يقرب من 100 ألف منزل من الكهرباء.
وأوضح الزعبي أن الحكومة تسعى إلى رفع حصة الطاقة المتجددة إلى نصف الإنتاج بحلول عام 2030، وأن الاتفاقية الجديدة خطوة مهمة في هذا الاتجاه.وأضاف أن تكلفة المشروع تبلغ 180 مليون دولار، تمولها سولارون بالشراكة مع بنك الاستثمار الأوروبي.
وقال المدير التنفيذي لسولارون، ماركوس هالفورسن، إن الشركة اختارت الأردن بسبب الاستقرار التشريعي وتوفر الشمس طوال العام.وأكد هالفورسن أن سولارون تدرس مشاريع مماثلة في مصر والمغرب، لكنها لم تتخذ قرارا نهائيا بعد، مشيرا إلى أن المفاوضات مع الحكومة المصرية مستمرة منذ أشهر.
وتأسست سولارون في أوسلو عام 2011، وتدير اليوم محطات في إسبانيا والبرتغال وتشيلي.وتقول الشركة إن قدرتها الإجمالية تتجاوز ثلاثة آلاف ميغاواط، وإنها توظف أكثر من ألف شخص في ثماني دول.
من جهتها، رحبت نقابة المهندسين الأردنيين بالاتفاقية.وقال نقيب المهندسين أحمد سمارة إن المشروع سيمنح المهندسين الشباب فرصة للتدريب على تقنيات حديثة، لكنه طالب بأن تكون نسبة العمالة المحلية في المشروع مرتفعة.وأكد سمارة أن النقابة ستتابع تنفيذ هذا الشرط.
في المقابل، انتقد النائب خالد أبو حسان توقيت الاتفاقية.وقال أبو حسان إن الحكومة لم تعرض تفاصيل العقد على البرلمان، وإن أسعار شراء الكهرباء من المحطة مرتفعة مقارنة بمشاريع سابقة.ورد الزعبي على هذه الانتقادات بالقول إن الأسعار هي الأدنى في تاريخ المملكة، وإن العقد سينشر كاملا على موقع الوزارة.
ويرى المحلل الاقتصادي رامي العدوان أن الاستثمار في الطاقة الشمسية يخفف عبء فاتورة الطاقة التي تستنزف جزءا كبيرا من الموازنة.وقال العدوان إن الأردن يستورد معظم حاجته من الطاقة، وإن كل مشروع محلي يقلل الاعتماد على الخارج، مضيفا أن هناك مشاريع أخرى قيد الدراسة في العقبة والمفرق.
وكانت سولارون قد فازت العام الماضي بمناقصة لتخزين الطاقة في تشيلي، وأعلنت أرباحا قياسية.وأكد هالفورسن أن الشركة ستفتتح مكتبا إقليميا في عمّان خلال العام المقبل لإدارة مشاريعها في المنطقة.ومن المتوقع أن يبدأ البناء في معان مطلع الربيع، على أن تدخل المحطة الخدمة بعد عامين.وختم الزعبي بأن الوزارة ستعلن قريبا عن جولة جديدة من العطاءات.
ويعاني قطاع الكهرباء في الأردن من ديون متراكمة، إذ تقول الحكومة إن شراء الوقود لتوليد الطاقة كلف الخزينة مبالغ ضخمة خلال العقد الماضي.وقال الزعبي إن محطات مثل محطة معان ستخفف هذه الأعباء تدريجيا، فيما قال العدوان إن النتائج لن تظهر قبل سنوات.وتأمل سولارون أن تكون هذه الخطوة بداية شراكة طويلة، بحسب هالفورسن الذي قال إن الشركة مستعدة لمضاعفة استثماراتها إذا نجح المشروع الأول.""",  # noqa: E501
    """قالت منظمة الإغاثة الإنسانية كير إنترناشونال إن آلاف العائلات نزحت من بلدة كادوقلي في جنوب كردفان خلال الأيام الماضية بعد اشتباكات عنيفة.وأوضحت المنظمة في بيان أن فرقها رصدت وصول أكثر من 15 ألف شخص إلى مخيمات مؤقتة قرب مدينة الأبيض، وأن كثيرا منهم وصلوا دون طعام أو ماء.
وقالت منسقة الطوارئ في المنظمة إيزابيل مورو إن الوضع هناك صعب للغاية.وأضافت مورو أن النساء والأطفال يشكلون أغلبية النازحين، وأن المخيمات تفتقر إلى المراحيض والأدوية.وأكدت أن فرق المنظمة تعمل على توزيع المياه والمواد الغذائية، لكن الاحتياجات تفوق الإمكانات المتاحة.
من جانبه، قال المتحدث باسم برنامج الأغذية العالمي جوليان أوبرايان إن البرنامج أرسل قافلة تحمل 300 طن من المساعدات إلى المنطقة.وأوضح أوبرايان أن القافلة انتظرت ثلاثة أيام عند نقطة تفتيش قبل السماح لها بالمرور، داعيا جميع الأطراف إلى تسهيل وصول الإغاثة.
وفي الخرطوم، نفى مسؤول حكومي أن تكون السلطات قد منعت دخول المساعدات.وقال المسؤول، الذي طلب عدم ذكر اسمه، إن التأخير سببه إجراءات أمنية عادية.لكن مورو قالت إن المنظمة وثقت حالات عديدة لمنع الشاحنات من المرور.
وتشهد ولاية جنوب كردفان توترا منذ أشهر، وسط مخاوف من انتشار القتال إلى مناطق أخرى.وقال الباحث في الشؤون السودانية عثمان الطيب إن المدنيين يدفعون ثمن هذا الصراع، وإن المجتمع الدولي لا يولي الأزمة الاهتمام الكافي.وأضاف الطيب أن تمويل الاستجابة الإنسانية لم يتجاوز ربع المبلغ المطلوب هذا العام.
وفي جنيف، دعا مفوض الأمم المتحدة السامي لشؤون اللاجئين إلى وقف فوري لإطلاق النار.وقالت الأمم المتحدة إن أكثر من عشرة ملايين شخص نزحوا داخل السودان منذ بداية الحرب، وإن مليونين آخرين عبروا إلى دول الجوار مثل تشاد وجنوب السودان ومصر.
وعادت مورو لتؤكد أن كير إنترناشونال ستفتح عيادة متنقلة في الأبيض الأسبوع المقبل، وأن المنظمة تحتاج إلى خمسة ملايين دولار لتغطية احتياجات الأشهر الثلاثة القادمة.وأشار أوبرايان إلى أن برنامج الأغذية العالمي يواجه بدوره نقصا في التمويل، وأنه اضطر إلى تقليص الحصص الغذائية في بعض المخيمات.
أما الطيب فرأى أن الحل لا يكمن في المساعدات وحدها، بل في ضغط دولي جاد على الأطراف المتحاربة.وقال إن هنا فرصة أخيرة قبل موسم الأمطار الذي يقطع الطرق ويعزل القرى.وختمت مورو حديثها بالقول إن العائلات التي التقتها لا تطلب سوى الأمان والعودة إلى بيوتها في كادوقلي.
وتقول كير إنترناشونال إن فرقها في المنطقة تضم أطباء وممرضين ومتطوعين من السكان المحليين، وإن بعضهم فقد منزله في القتال الأخير.وأكد أوبرايان أن تسهيل عمل هذه الفرق هو الطريقة الوحيدة لمنع وقوع مجاعة، فيما قالت مورو إن كل يوم تأخير يعني مزيدا من الوفيات بين الأطفال.وتعتزم المنظمة إصدار تقرير مفصل عن أوضاع النازحين خلال الشهر المقبل، على أن تعرضه مورو أمام المانحين في جنيف."""  # noqa: E501
]

# (name as written, how it is expected to be identified) per article: every
# mention of it in the text must be found, all with one id.
LONG_ARTICLE_MENTIONS = [
    ("فيرالينك", "أوكونيل", "ماكنالي", "فيشر"),
    ("سولارون", "الزعبي", "هالفورسن", "العدوان"),
    ("مورو", "أوبرايان", "كادوقلي", "الطيب"),
]


@pytest.mark.parametrize("article", LONG_ARTICLES)
def test_long_article_has_no_common_word_entities(article: str) -> None:
    from marsad.nlp.arabic import is_common
    from marsad.nlp.tokens import tokenize

    assert len(article.split()) >= 400
    for e in find_entities(article, "ar"):
        assert article[e.start : e.end] == e.text
        words = [t.norm for t in tokenize(e.text) if t.kind == "ar"]
        # A single stoplisted word ("هنا", "تحليل", "المستخدمين") is never a name.
        assert not (len(words) == 1 and is_common(words[0]) and e.label != "GPE"), e
        if e.label == "PERSON":
            # People's names never end in a verb or a verbal noun ("كوغان بشراء").
            assert not is_common(words[-1]), e
        assert "." not in e.text, e


@pytest.mark.parametrize(("article", "names"), list(zip(LONG_ARTICLES, LONG_ARTICLE_MENTIONS, strict=True)))
def test_long_article_finds_every_mention_with_one_id(article: str, names: tuple[str, ...]) -> None:
    ents = find_entities(article, "ar")
    for name in names:
        found = [e for e in ents if e.text.endswith(name)]
        assert len(found) == article.count(name), (name, [e.text for e in found])
        assert len({e.id for e in found}) == 1, (name, {e.id for e in found})


def test_english_profession_before_a_name_is_not_part_of_it() -> None:
    got = _ents("Lawyer Amal Clooney said Newcastle United had agreed.", "en")
    assert ("Amal Clooney", "PERSON") in [(t, label) for t, label, _ in got]
    assert ("Newcastle United", "ORG") in [(t, label) for t, label, _ in got]


def test_english_score_and_trailing_lowercase_word_are_not_part_of_a_name() -> None:
    got = _ents("The striker joined Hearts from Livingston 2-1 winners Kilmarnock.", "en")
    assert not any(any(c.isdigit() for c in t) for t, _, _ in got), got
    assert "Livingston" in {t for t, _, _ in got}
    # A lowercase word closing the model's span ("plc") is cut as one inside it is: one company, one id.
    assert ("Barclays", "ORG", "barclays") in _ents("Shares of Barclays plc fell.", "en")


@pytest.mark.parametrize(("text", "person", "later", "person_id"), [
    # A place and a title before the name: the model took all of it for an organisation.
    ("The deal was engineered by Arizona Sen. Jeff Flake on Friday. Flake said he would vote yes.",
     "Jeff Flake", "Flake", "jeff-flake"),
    # A given name the gazetteer knows as a country, right before a surname.
    ('"It was momentum," said Jordan Spieth as he walked off. Spieth said he was happy.',
     "Jordan Spieth", "Spieth", "jordan-spieth"),
    # A profession opening the sentence is not part of the name.
    ("Rapper Kanye West has changed his name. Kanye West said it was a good word.", "Kanye West", "Kanye West",
     "kanye-west"),
    # A family name written first ("Ri Yong-ho"), then alone after a title.
    ("Foreign Minister Ri Yong-ho blamed the sanctions. Mr Ri said there would be no trust.",
     "Ri Yong-ho", "Ri", "ri-yong-ho"),
])
def test_english_names_in_real_news_word_orders(text: str, person: str, later: str, person_id: str) -> None:
    ents = find_entities(text, "en")
    people = [(e.text, e.id) for e in ents if e.label == "PERSON"]
    assert (person, person_id) in people, people
    assert (later, person_id) in people, people


def test_english_the_name_rules_keep_off_titles_and_places() -> None:
    """"The King" after Stephen King is no family name; "in Jordan" before a name is a place."""
    ents = find_entities("Stephen King wrote the book. The King said the treaty would be signed.", "en")
    assert [e.text for e in ents if e.label == "PERSON"] == ["Stephen King"], ents
    ents = find_entities("Speaking in Jordan Abdullah said the talks would resume.", "en")
    assert "Jordan Abdullah" not in [e.text for e in ents], ents
