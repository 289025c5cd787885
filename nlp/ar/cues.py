"""Arabic speech cues and the patterns claim finding reads (cue stems, negation,
complementisers, subject stops), and the word view the Arabic claim code shares (``_ar_tokens``).
"""

from __future__ import annotations

import re

from marsad.nlp.tokens import CLAUSE, tokenize

# ---------------------------------------------------------------------------
# Arabic

_A = "[أاإآ]"  # alef with or without hamza: news text writes both
_AR_STATEMENT_STEMS = [
    "قال", "قالت", "قالوا", "يقول", "تقول", "يقولون",
    f"{_A}كد", f"{_A}كدت", f"{_A}كدوا", "يؤكد", "تؤكد",
    f"{_A}ضاف", f"{_A}ضافت", f"{_A}ضافوا", "يضيف", "تضيف",
    f"{_A}وضح", f"{_A}وضحت", "يوضح", "توضح",
    "ذكر", "ذكرت", "يذكر", "تذكر",
    "صرح", "صرحت", "يصرح", "تصرح",
    f"{_A}علن", f"{_A}علنت", "يعلن", "تعلن",
    f"{_A}صر", f"{_A}صرت", f"{_A}صروا", "يصر", "تصر",
    "شدد", "شددت", "يشدد", "تشدد",
    "زعم", "زعمت", "يزعم", "تزعم",
    f"{_A}شار", f"{_A}شارت", "يشير", "تشير",
    "تابع", "تابعت", "جاء في", "بالقول", "حذر", "حذرت", "يحذر", "تحذر", "كتب", "كتبت", "نقل", "نقلت",
    "كشف", "كشفت",
    f"{_A}عترف", f"{_A}عترفت",
    "اعتبر", "اعتبرت",
    # A promise or an opinion is an assertion too (kept a statement by its
    # kind rules: "تعهدت بأنها لن ...").
    "تعهد", "تعهدت", "يتعهد", "تتعهد", "يرى", "ترى", "رأى", "رأت",
    # Forecasts, admissions and answers are assertions too.
    "توقع", "توقعت", "يتوقع", "تتوقع", "يتوقعون", f"{_A}قر", f"{_A}قرت", "يقر", "تقر",
    f"{_A}فاد", f"{_A}فادت", "يفيد", "تفيد", "رجح", "رجحت", "يرجح", "ترجح", "رد", "ردت",
    "يشيرون", "يرون", "يحذرون", "حذروا",
    # "ووصف البنك الأنباء بأنها عارية عن الصحة", "ودفع المتهم بأنه غير مذنب" (pleaded).
    "وصف", "وصفت", "دفع", "دفعت",
    # "ووصفتها بأنها «افتراءات»": the verb with what it describes as a pronoun.
    "وصفها", "وصفه", "وصفتها", "وصفته", "وصفوها", "وصفوه",
    # "سُئل عن التقارير فأجاب: «…»": an answer.
    f"{_A}جاب", f"{_A}جابت", "يجيب", "تجيب",
]
_AR_DENIAL_STEMS = [
    "نفى", "نفي", "نفت", "نفوا", "ينفي", "تنفي", "ينفون",
    f"{_A}نكر", f"{_A}نكرت", "ينكر", "تنكر",
    "رفض", "رفضت", "رفضوا", "يرفض", "ترفض",
    "دحض", "دحضت", "فند", "فندت",
    # Denials only with something said as their object (see _AR_REJECT_RE): "كذّبت الوزارة الأنباء",
    # "اعترضت الشركة على نتائج التدقيق"; "كذبت على المستخدمين" (lied to) and "اعترض على القرار" are not.
    "كذب", "كذبت", "يكذب", "تكذب",
    f"{_A}عترض", f"{_A}عترضت", "يعترض", "تعترض",
]
# Active participles after a comma ("، مؤكدا أن", "، نافية أن") report more of
# what the main clause's speaker said.
_AR_PARTICIPLES = [
    "مؤكدا", "مؤكدة", "مضيفا", "مضيفة", "مشيرا", "مشيرة", "موضحا", "موضحة",
    "مشددا", "مشددة", "معتبرا", "معتبرة", "نافيا", "نافية",
    "متوقعا", "متوقعة", "قائلا", "قائلة", "لافتا", "لافتة", "محذرا", "محذرة", "مرجحا", "مرجحة",
    "واصفا", "واصفة",
    "مؤكدين", "مضيفين", "مشيرين", "موضحين", "مشددين", "معتبرين", "نافين", "محذرين", "قائلين", "واصفين",
]
_AR_PARTICIPLE_RE = re.compile("^(?:" + "|".join(_AR_PARTICIPLES) + "|متهما|متهمة|متهمين)ً?$")
# "ببراءته": (pleaded) his innocence.
_AR_INNOCENCE_RE = re.compile(r"(?<![\w])ببراءت(?:ه|ها|هم|هما|هن)(?![\w])")
# Verbs of describing: "وصف X Y بأنها Z" is a claim when it characterises what was said.
_AR_DESCRIBE_RE = re.compile("^(?:وصف|وصفت|وصفها|وصفه|وصفتها|وصفته|وصفوها|وصفوه|واصفا|واصفة|واصفين)$")
# Verbs of accusing: their object ("اتهمت X أطراف النزاع بعرقلة ...") is the claim.
_AR_ACCUSE_STEMS = ["اتهم", "اتهمت", "يتهم", "تتهم", "اتهموا", "متهما", "متهمة", "متهمين",
                    # "تقرير … اتهمها بتسريب بيانات": the accused as a pronoun.
                    "اتهمها", "اتهمه", "اتهمتها", "اتهمته", "اتهمهم", "اتهموها", "اتهموه", "يتهمها", "يتهمه",
                    "تتهمها", "تتهمه"]
_AR_CUES = sorted(_AR_DENIAL_STEMS + _AR_STATEMENT_STEMS + _AR_ACCUSE_STEMS + [p + "ً?" for p in _AR_PARTICIPLES],
                  key=len, reverse=True)
_AR_ACCUSE_RE = re.compile("^(?:" + "|".join(_AR_ACCUSE_STEMS) + ")$")
_AR_CUE_RE = re.compile(r"(?<![\w])(?:[وف])?(" + "|".join(_AR_CUES) + r")(?![\w])")
_AR_REJECT_RE = re.compile(f"^(?:رفض|رفضت|رفضوا|يرفض|ترفض|كذب|كذبت|يكذب|تكذب|{_A}عترض|{_A}عترضت|يعترض|تعترض)$")
# What can be rejected as untrue: accusations, reports, figures, what was said.
_AR_CLAIM_NOUNS = re.compile(
    r"^(?:ال)?(?:اتهام|اتهامات|ادعاء|ادعاءات|مزاعم|تقرير|تقارير|انتقاد|انتقادات|تهم|تهمة|رواية|أرقام|ارقام|"
    r"حديث|تصريحات|أنباء|انباء|أخبار|اخبار|شائعات|إشاعات|معلومات|نتائج|فكرة|وصف|توصيف|مقارنة|اتهامه|اتهامها)$"
)
_AR_DENIAL_RE = re.compile("^(?:" + "|".join(_AR_DENIAL_STEMS) + "|نافيا|نافية|نافياً|نافين)$")
# Cues in the past tense, which after a contrast pronoun ("، لكنها أصرت", "، لكنه أشار") are the speaker's
# next words; a present tense ("، لكنها تتوقع", "لكنها ترى") goes on with the reported clause's subject.
_AR_SPEECH_STEMS = [c for c in _AR_STATEMENT_STEMS + _AR_DENIAL_STEMS
                    if not c.startswith("ي") and (not c.startswith("ت") or c in ("تابع", "تابعت", "توقع", "توقعت"))
                    and " " not in c and c not in ("بالقول",)]
# What may stand between a comma and the next cue that starts a new attribution.
_AR_NEXT_ATTRIBUTION = re.compile(
    r"[،,]\s*(?:(?:فيما|في حين|بينما|كما|ثم|و?في الوقت نفسه|و?في الوقت ذاته|و?من جهت(?:ه|ها|هم))[\s،,]+)?$"
    # "، لكن بوينغ قالت": a contrast connector, up to three words of subject, the cue.
    r"|[،,]\s*(?:لكن|ولكن|غير أن|إلا أن|بينما|فيما|في حين)\s+(?:\S+\s+){1,5}$"
)
# "، لكنها أصرت على أن": the contrast carries the same speaker as a pronoun; only before a verb of
# saying proper ("أن المنصة لم تحقق أرباحا، لكنها تتوقع …" is more of what was said).
_AR_CONTRAST_PRONOUN_RE = re.compile(r"[،,]\s*و?لكن(?:ه|ها|هم)\s+$")
_AR_SPEECH_RE = re.compile("^(?:" + "|".join(_AR_SPEECH_STEMS) + ")$")
_ATTRIBUTION_WINDOW = 80
# Words between a cue and its complementiser: a long subject with its title
# and occasion ("وقال الرئيس التنفيذي لـX فلان في مؤتمر صحفي عقده في مقر الشركة إن").
_AR_MAX_SUBJECT_WORDS = 18
_AR_MAX_CLAIM = 1200
_AR_LEADING_ADVERBS = re.compile(
    r"(?:(?:مرارا|مراراً|بشدة|قطعيا|قطعياً|تماما|تماماً|أيضا|أيضاً|ايضا|كذلك|مجددا|مجدداً|جملة وتفصيلا|"
    r"في بيان|في تصريح|في وقت سابق|اليوم|أمس|امس)\s+)+"
)
# Verbs that need a reported clause (or a quote) to be a claim: alone they
# often mean something else (ذكر "mention", تابع "follow", كشف "uncover").
_AR_NEEDS_CLAUSE = re.compile(
    "^(?:تعهد|تعهدت|يتعهد|تتعهد|يرى|ترى|رأى|رأت|"
    f"جاء في|كتب|كتبت|نقل|نقلت|ذكر|ذكرت|يذكر|تذكر|تابع|تابعت|كشف|كشفت|اعتبر|اعتبرت|{_A}شار|{_A}شارت|يشير|تشير|"
    "رد|ردت|يرى|يرون|توقع|توقعت|يتوقع|تتوقع|يتوقعون|وصف|وصفت|دفع|دفعت|وصفها|وصفه|وصفتها|وصفته|وصفوها|وصفوه|"
    f"{_A}جاب|{_A}جابت|يجيب|تجيب)$"
)
_AR_ACCORDING_RE = re.compile(
    r"(?<![\w])(?:و|ف)?(?:بحسب|حسبما|حسب|وفق(?:ا|اً|ًا)?\s*ل(?:ـ)?(?=\S)|وفق(?:ا|اً|ًا)?(?=\s+ما\s)|"
    r"طبق(?:ا|اً)\s*ل(?:ـ)?|نقل(?:ا|اً)\s+عن)(?:\s*ما\s+(?:\S+))?"
)
_AR_OUTLET_RE = re.compile(r"^(?:صحيفة|وكالة|موقع|مجلة|قناة|شبكة)\s")
# What opens the claim after "بحسب X" when no comma marks the end of X.
_AR_ACCORDING_OPENER_RE = re.compile(r"\s(?:ف(?:إن|ان|قد)(?:ه|ها|هم)?|(?:إن|أن)(?:ه|ها|هم)?)(?=\s)")
_AR_COMP_RE = re.compile(
    r"(?<![\w])(?:على|إلى|الى|من)?\s*(?:ب|ف)?(?:إن|أن|ان)(?:ه|ها|هم|هما|نا|ني)?(?![\w])"
)
# Words after the cue that end the subject: adverbials of time and manner,
# prepositions introducing the occasion or the addressee.
_AR_SUBJECT_STOP = re.compile(
    r"^(?:في|خلال|عبر|يوم|أمس|امس|اليوم|الاثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة|السبت|الأحد|الاحد|"
    r"صباح|مساء|الشهر|الأسبوع|الاسبوع|العام|السنة|الليلة|الثلاثاء|لوكالة|لصحيفة|لقناة|لموقع|لرويترز|ل\S+|بعد|قبل|حول|أثناء|اثناء|ردا|رداً|تعليقا|تعليقاً|مؤخرا|"
    r"مؤخراً|من|أيضا|أيضاً|ايضا|كذلك|بدوره|بدورها|بشدة|قطعيا|قطعياً|جملة|تماما|تماماً|أي|اي|أية|ما|وجود|صحة|"
    r"الاتهامات|الاتهام|الادعاءات|المزاعم|التقارير|التقرير|تقارير|اتهامات|ادعاءات|مزاعم|ذلك|هذه|هذا|تلك|كل|"
    r"قيامها|قيامه|تورطها|تورطه|علمها|علمه|بيع|بيعها|مشاركة|التعليق|الكشف|الإفصاح|الافصاح|الرد|تسليم|دفع)$"
)
_AR_GENERIC = {
    "الشركة": ("ORG",), "الشركه": ("ORG",), "المجموعة": ("ORG",), "المنصة": ("ORG",),
    "الوزارة": ("ORG", "GPE"), "الحكومة": ("GPE", "ORG"), "الهيئة": ("ORG",), "الصحيفة": ("ORG",),
    "الوكالة": ("ORG",), "البنك": ("ORG",), "المصرف": ("ORG",), "الجامعة": ("ORG",),
    "اللجنة": ("ORG",), "الحزب": ("ORG",), "الشبكة": ("ORG",), "المؤسسة": ("ORG",),
    "الجهة": ("ORG",), "السلطات": ("GPE", "ORG"), "الإدارة": ("ORG",), "الادارة": ("ORG",),
    "التكتل": ("ORG",), "التحالف": ("ORG",), "الاتحاد": ("ORG",), "الصندوق": ("ORG",),
    "المملكة": ("GPE",), "الدولة": ("GPE",), "البلاد": ("GPE",),
}
_AR_SPOKES_RE = re.compile(
    r"(?:ال)?(?:متحدث|متحدثة|ناطق|ناطقة)(?:ة)?\s+(?:رسمي\s+|رسمية\s+)?(?:باسم|عن|ب)\s*|"
    r"(?:مسؤول|مسؤولة|مسؤولون|مصدر|مصادر|ممثل|ممثلة|محامي|محامو|محامية|رئيس|رئيسة|مدير|مديرة|بيان|بيانا|بيانً?ا)\s+"
    r"(?:صادر\s+عن\s+|(?:ال\S+\s+)?(?:في|ب|لدى|عن|ل)\s*)?"
)
# Titles that head a subject before the name: "الباحثة في مختبر X مايا شتاين".
_AR_TITLE_RE = re.compile(
    r"^(?:ال)?(?:باحث|باحثة|محلل|محللة|خبير|خبيرة|مدير|مديرة|رئيس|رئيسة|مسؤول|مسؤولة|أستاذ|أستاذة|"
    r"مستشار|مستشارة|أمين|أمينة|كبير|كبيرة|مؤسس|مؤسسة|شريك|شريكة|وزير|وزيرة|محافظ|محافظة|سفير|سفيرة|"
    r"مبعوث|مبعوثة|متحدث|متحدثة|ناطق|ناطقة|نائب|نائبة|عضو|دكتور|دكتورة)$"
)
_AR_PRONOUN_SUBJECT = re.compile(r"^(?:هو|هي|هم|نحن)$")
# "لصحيفة محلية", "لرويترز": whom the words were told to, which ends the subject.
_AR_TOLD_TO = frozenset({"لوكالة", "لصحيفة", "لقناة", "لموقع", "لرويترز", "لوسائل", "للصحفيين", "للصحافيين",
                         "للصحافة", "لتلفزيون", "لإذاعة", "لاذاعة", "لمحطة", "لمجلة", "لنشرة", "لبرنامج"})
_AR_NEG_RE = re.compile(r"^(?:لم|لا|ليس|ليست|ليسوا|لسنا|لست|ما|لن|عدم|ولم|ولا|ولن|وليس|غير)$")
_AR_NOT_NEG_NEXT = re.compile(r"^(?:تزال|يزال|زال|زالت|سيما|بد|يزالون|تزالان|بأس)$")
_AR_RELATIVE = re.compile(r"^(?:الذي|التي|الذين|اللذين|اللتين|اللاتي|اللواتي|من)$")
_AR_NO_COMMENT_RE = re.compile(
    r"(?:التعليق|تعليق|تعلق|يعلق|نعلق|الرد|الإدلاء|الادلاء|الكشف|الإفصاح|الافصاح)"
)
_AR_FALSE_RE = re.compile(
    r"(?:غير\s+صحيح|غير\s+دقيق|عار(?:ية)?\s+(?:تماما\s+|تماماً\s+)?(?:من|عن)\s+الصحة|لا\s+أساس|لا\s+صحة|كاذب|"
    r"مفبرك|ملفق|مجرد\s+(?:شائعات|إشاعات|اشاعات|ادعاءات|مزاعم)|يفتقر\s+إلى\s+الدقة|تفتقر\s+إلى\s+الدقة|"
    # "لا شيء أبعد عن الحقيقة من ذلك", "مجافية للحقيقة", "لا تمت إلى الحقيقة بصلة".
    r"أبعد\s+(?:ما\s+(?:يكون|تكون)\s+)?عن\s+الحقيقة|(?:مجافي|مناف|منافي|مخالف)(?:ة|ا)?\s+للحقيقة|"
    r"لا\s+(?:تمت|يمت)\s+(?:إلى|الى|ل)\s*(?:ال)?حقيقة)"
)
_AR_COORD_AFTER_QUOTE_RE = re.compile(r"\s*[،,]?\s*و(?:ب)?(?:أن|إن|ان)")
_AR_QUOTE_OPEN = "«\"“"
_AR_QUOTE_CLOSE = {"«": "»", '"': '"', "“": "”"}


# Diacritics, Quranic marks and tatweel: the patterns are written without them.
_AR_MARKS_RE = re.compile("[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")


def _ar_tokens(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """The claim code's words of text[start:end] (``nlp.tokens`` in ``CLAUSE`` mode) as (word, start, end)."""
    return [t[:3] for t in tokenize(text, CLAUSE, start, end)]
