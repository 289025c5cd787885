"""Arabic speech cues and the patterns claim finding reads (cue stems, negation,
complementisers, subject stops), and the word view the Arabic claim code shares (``_ar_tokens``).

The cue words are data: nlp/data/ar_statement_cues.tsv, ar_denial_cues.tsv,
ar_participle_cues.tsv, ar_accusation_cues.tsv and ar_claim_nouns.txt; the
narrower sets (verbs that need a reported clause, rejections, verbs of
describing, the Arabic tagger's speech verbs) are columns of those files.
"""

from __future__ import annotations

import re

from marsad.nlp import data
from marsad.nlp.normalize import normalize_arabic
from marsad.nlp.tokens import CLAUSE, tokenize


def _cues(name: str) -> list[tuple[str, frozenset[str]]]:
    """The (word, uses) rows of a cue table in nlp/data/; see each file's header for its uses."""
    return [(row[0], frozenset(row[1].split(",")) if len(row) > 1 else frozenset()) for row in data.rows(name)]


_STATEMENTS = _cues("ar_statement_cues.tsv")
_DENIALS = _cues("ar_denial_cues.tsv")
_PARTICIPLE_ROWS = _cues("ar_participle_cues.tsv")
_ACCUSATIONS = _cues("ar_accusation_cues.tsv")

_AR_STATEMENT_STEMS = [w for w, uses in _STATEMENTS if "tagger-only" not in uses]
_AR_DENIAL_STEMS = [w for w, _ in _DENIALS]
# Active participles after a comma ("، مؤكدا أن", "، نافية أن") report more of
# what the main clause's speaker said.
_AR_PARTICIPLES = [w for w, _ in _PARTICIPLE_ROWS]
_AR_PARTICIPLE_RE = re.compile(
    "^(?:" + "|".join(_AR_PARTICIPLES + [w for w, uses in _ACCUSATIONS if "participle" in uses]) + ")ً?$"
)
# "ببراءته": (pleaded) his innocence.
_AR_INNOCENCE_RE = re.compile(r"(?<![\w])ببراءت(?:ه|ها|هم|هما|هن)(?![\w])")
# Verbs of describing: "وصف X Y بأنها Z" is a claim when it characterises what was said.
_AR_DESCRIBE_RE = re.compile(
    "^(?:" + "|".join(w for w, uses in _STATEMENTS + _PARTICIPLE_ROWS if "describe" in uses) + ")$"
)
# Verbs of accusing: their object ("اتهمت X أطراف النزاع بعرقلة ...") is the claim.
_AR_ACCUSE_STEMS = [w for w, _ in _ACCUSATIONS]
_AR_CUES = sorted(_AR_DENIAL_STEMS + _AR_STATEMENT_STEMS + _AR_ACCUSE_STEMS + [p + "ً?" for p in _AR_PARTICIPLES],
                  key=len, reverse=True)
_AR_ACCUSE_RE = re.compile("^(?:" + "|".join(_AR_ACCUSE_STEMS) + ")$")
_AR_CUE_RE = re.compile(r"(?<![\w])(?:[وف])?(" + "|".join(_AR_CUES) + r")(?![\w])")
# Denials only with something said as their object (see _AR_CLAIM_NOUNS).
_AR_REJECT_RE = re.compile("^(?:" + "|".join(w for w, uses in _DENIALS if "reject" in uses) + ")$")
# What can be rejected as untrue: accusations, reports, figures, what was said.
_AR_CLAIM_NOUNS = re.compile("^(?:ال)?(?:" + "|".join(data.words("ar_claim_nouns.txt")) + ")$")
# The denying participles, the accusative one also with its tanween (نافياً).
_DENYING_PARTICIPLES = [w for w, uses in _PARTICIPLE_ROWS if "denial" in uses]
_AR_DENIAL_RE = re.compile(
    "^(?:"
    + "|".join(_AR_DENIAL_STEMS + _DENYING_PARTICIPLES + [w + "ً" for w in _DENYING_PARTICIPLES if w.endswith("ا")])
    + ")$"
)
# Verbs that repeat or renew what was said ("وكرر نفيه أن", "وجددت تأكيدها أن").
_AR_REPEAT_RE = re.compile("^(?:" + "|".join(w for w, uses in _STATEMENTS if "repeat" in uses) + ")$")
# A complementiser as a word of its own: إن، أن، بأن, with a pronoun (surface or normalised form).
_AR_COMP_START_RE = re.compile(r"^(?:إن|أن|ان|بأن|بان)(?:ه|ها|هم)?$")
# Verbs whose object is whom the words were told to ("أخبر الوزير الصحفيين أن").
_AR_TOLD_RE = re.compile("^(?:" + "|".join(w for w, uses in _STATEMENTS if "told" in uses) + ")$")
# Verbs that need a reported clause (or a quote) to be a claim: alone they
# often mean something else (ذكر "mention", تابع "follow", كشف "uncover").
_AR_NEEDS_CLAUSE = re.compile("^(?:" + "|".join(w for w, uses in _STATEMENTS if "clause" in uses) + ")$")
# Speech verbs after which the Arabic tagger takes a bare name for the speaker ("قال زهير مراد إن"),
# normalised; "[أاإآ]" in a cue stands for any alef.
SPEECH_VERBS = frozenset(
    normalize_arabic(w.replace("[أاإآ]", "ا")) for w, uses in _STATEMENTS + _DENIALS if uses & {"tagger", "tagger-only"}
)
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
# Words after the cue that end the subject (nlp/data/ar_subject_stops.txt), and any word
# that starts with ل (the addressee or the occasion: "لوكالة", "للصحفيين").
_AR_SUBJECT_STOP = re.compile("^(?:" + "|".join(data.words("ar_subject_stops.txt")) + r"|ل\S+)$")
_AR_GENERIC = {row[0]: tuple(row[1].split(",")) for row in data.rows("ar_generic_referents.tsv")}
# ... those that refer only to a body named with the same noun ("الدائرة" → "دائرة الجمارك").
_AR_GENERIC_NAMED = frozenset(row[0] for row in data.rows("ar_generic_referents.tsv") if row[2:] == ["named"])
# ... those that name a business ("البنك", "المنصة").
AR_BUSINESS_NOUNS = frozenset(row[0] for row in data.rows("ar_generic_referents.tsv") if row[2:] == ["business"])
_AR_SPOKES_RE = re.compile(
    r"(?:ال)?(?:متحدث|متحدثة|ناطق|ناطقة)(?:ة)?\s+(?:رسمي\s+|رسمية\s+)?(?:باسم|عن|ب)\s*|"
    r"(?:مسؤول|مسؤولة|مسؤولون|مصدر|مصادر|ممثل|ممثلة|محامي|محامو|محامية|رئيس|رئيسة|مدير|مديرة|بيان|بيانا|بيانً?ا)\s+"
    r"(?:صادر\s+عن\s+|(?:ال\S+\s+)?(?:في|ب|لدى|عن|ل)\s*)?"
)
# Titles that head a subject before the name: "الباحثة في مختبر X مايا شتاين".
_AR_TITLE_RE = re.compile("^(?:ال)?(?:" + "|".join(data.words("ar_subject_titles.txt")) + ")$")
_AR_PRONOUN_SUBJECT = re.compile(r"^(?:هو|هي|هم|نحن)$")
# "لصحيفة محلية", "لرويترز": whom the words were told to, which ends the subject.
_AR_TOLD_TO = frozenset(data.words("ar_told_to.txt"))
# The same nouns without their ل (لل gives back its article): the object of a verb of telling ("أخبر X موقع
# النادي أن", "أخبر الوزير الصحفيين أن").
_AR_ADDRESSEE_NOUNS = frozenset(("ال" + w[2:]) if w.startswith("لل") else w[1:]
                                for w in _AR_TOLD_TO if w.startswith("ل"))
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


def _ar_nisba(bare: str) -> bool:
    """Whether a word looks like a relational adjective ("حقوقية", "السعودية", "المحليون"; not the verbal
    noun "حماية")."""
    if bare.endswith(("اي", "اية")):
        return False
    return (len(bare) > 3 and bare.endswith("ي")) or (len(bare) > 4 and bare.endswith(("ية", "يون", "يين")))
