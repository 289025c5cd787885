"""Figures in Arabic and English news: counts, money and percentages.

``find_figures`` returns every figure of a text as ``nlp.types.Figure``
records, per the Figures section of ../shared/CONTRACT.md. The span of a
figure covers the currency prefix, the number with its scale words and the
percent, currency or counted-noun words that follow: "$333 million",
"333 مليون دولار", "87 مليون مستخدم", "13 في المئة", "٢٧٫٥٪". An Arabic
proclitic glued to the number ("و87", "بـ333", "لـ5") is left out of the span.

What is a figure (the rules the gold set is annotated by):

* A number followed by a percent sign or word (%, ٪, percent, per cent,
  percentage point(s), في المئة, بالمئة, نقطة مئوية ...) is a ``percent``,
  as is "%5" with the sign typed first (right-to-left keyboards). A change
  in percentage points is reported in the same unit, percent.
* A number with a currency before it ($, US$, €, £, ¥, ISO codes such as USD
  or SAR; Dh, SR, QR, KD ... glued to the number or before a scale, since
  "Flight QR 1014" is no money) or after it (dollars, Egyptian pounds, USD, دولار,
  جنيه إسترليني, ريال سعودي ...) is ``money``. Currency names come from
  Babel's CLDR data in both languages, plus the case forms and plurals CLDR
  lacks (دولارا, جنيهات, دنانير ...). A currency noun that names no country
  takes the country the same text gives it elsewhere ("120 Egyptian pounds,
  up from 40 pounds": both EGP), else the one country the text names among
  those that use the noun ("pound" in a text about Egypt, "دينار" in one
  about Kuwait); failing that, "pound" is sterling, "جنيه"
  the Egyptian pound, "دولار"/"dollar" the US dollar, "ريال" the Saudi riyal,
  and "dinar"/"lira"/"دينار"/"ليرة" give ``currency`` null.
* A number followed by its counted noun is a ``count``; ``unit`` is the noun
  as an English singular. Known nouns come from a table (users, employees,
  people, مستخدم, موظفين, أشخاص, دول ...). An English plural outside the
  table counts by its shape ("14 arrests" -> "arrest"), measures excepted
  (miles, points, degrees, megawatts ...). An Arabic noun right after digits
  is read as the counted noun (التمييز) with ``unit`` null when it is not in
  the table, unless it is a preposition, month, duration, measure or a
  definite or و-prefixed word. In English up to three modifiers may stand
  between number and noun and are part of the span ("87 million Facebook
  users", "300 Amazon warehouse workers"); a singular noun after a plural
  number is a modifier ("27 member states" counts states). Arabic 3 to 10
  count a plural, so a singular after them is not their noun.
* Arabic dual nouns count two ("شخصين", "دولتان", "نقطتين مئويتين"); only
  nouns whose dual cannot be read as a plural are listed.
* A number with a scale word but nothing counted after it ("5 million",
  "ثلاثة ملايين") is a ``count`` with ``unit`` null. A scale word standing
  alone ("مليون", "a million", "ألفين") needs a unit, currency or percent to
  be a figure, since "ألف ليلة" and "عام ألفين" are not quantities.
* A bare number with neither scale nor anything counted after it ("12", "in
  2015", "aged 45", "five months", "2,000 of its 8,000 employees"'s "2,000")
  is not a figure; nor is "one"/"واحد" counting a single thing. So durations,
  ages, years, dates, times, ordinals and most numbers in names are excluded
  by construction. Explicit guards cover the rest: digits glued to letters
  ("A380", "5G", "1st", "38.4C") or behind a hyphenated name ("GPT-4",
  "COVID-19"); numbers after a capitalised word, after "the" before a
  capitalised word, or after a label word ("Windows 11 users", "the 737 Max
  jets", "Section 230", "المادة 5"); a four-digit year after "in", "since",
  "عام", "منذ" ... or before a noun read by its shape; dates (12/03/2024),
  times (10:30), phone numbers; a scale number followed by a duration ("2
  million years"); the denominator in "one in five users" and "واحد من كل
  خمسة"; the number after "versus"/"مقابل".
* Ranges ("between 5 and 10 million users", "5-10%", "بين 5 و10 ملايين",
  "$5-10 million") give two figures. The bound that is written without its
  scale or noun takes them from the other bound, so "between 5 and 10
  million users" gives "5" = 5000000 user and "10 million users" = 10000000
  user; its span is what is written for it ("5").
* "3 آلاف و500 أسرة" is one figure (3500), as is "12 ألفا و400 شخص".

Known gaps: elliptical counts ("4.5 million customers in Morocco and
900,000 in Jordan"), a fronted object ("the 5,000 organisers had expected"
reads as 5,000 organisers), currencies in cents/fils, Indian lakh/crore,
fractions other than half and quarter, and dual nouns outside the list.

The code: this module finds and reads figures; ``nlp.currencies`` holds the
currency names, symbols and codes (and infers a bare currency noun's country),
``nlp.en.units`` and ``nlp.ar.units`` the counted nouns of each language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from marsad.nlp.ar.units import AR_DUALS, AR_SINGULAR, AR_UNITS
from marsad.nlp.currencies import (
    _CODE_SET,
    _CURRENCY_MAX,
    _CURRENCY_PHRASES,
    _CURRENCY_WORDS,
    _DOLLAR_PREFIX,
    _LETTER_PREFIX,
    _PERCENT_MAX,
    _PERCENT_PHRASES,
    _SYMBOL_PREFIX,
    CURRENCY_CODES,
    _currency_from_context,
    _phrase,
)
from marsad.nlp.en.units import _EN_MODIFIERS, _EN_SINGULAR, _EN_STOP, EN_UNITS
from marsad.nlp.numbers import (
    AR_WORDS,
    EN_WORDS,
    SCALE_ABBR,
    SCALE_WORDS_EN,
    NumberMatch,
    clitic_offset,
    read_number,
    strip_ar_clitic,
    to_python,
)
from marsad.nlp.tokens import FIGURES, Token, ar_form, tokenize
from marsad.nlp.types import AnalysisError, Figure

__all__ = ["find_figures", "CURRENCY_CODES"]


_PERCENT_DUALS = frozenset(_phrase(p) for p in ("نقطتين مئويتين", "نقطتان مئويتان"))

# --- context words ----------------------------------------------------------

_DURATIONS = frozenset(
    [ar_form(w) for w in (
        "سنة سنوات سنين عام أعوام عاما شهر أشهر شهور شهرا يوم أيام يوما ساعة ساعات دقيقة دقائق "
        "ثانية ثوان أسبوع أسابيع أسبوعا عقد عقود قرن قرون"
    ).split()]
    + "year years month months week weeks day days hour hours minute minutes second seconds "
    "decade decades century centuries yr yrs".split()
)
# Plural-looking English words after a number that are not counted things:
# measures, multipliers, sports scores and verbs in -s.
_EN_NOT_COUNTED = frozenset(
    "points times miles kilometres kilometers kms metres meters feet inches yards acres hectares litres "
    "liters gallons kilograms kilos kgs grams degrees others ones laps notches steps levels storeys "
    "floors bps basis cents pence fils piastres lakhs crores rounds sets innings wickets places spots "
    "positions ranks remains stands marks sees means shows comes goes makes takes gets seems looks "
    "follows includes contains represents beats leads trails falls rises climbs drops gains adds "
    "results figures data terms megawatts gigawatts kilowatts watts volts bytes kilobytes megabytes "
    "gigabytes terabytes calories pixels decibels knots".split()
)
_EN_CALENDAR = frozenset(
    "january february march april may june july august september october november december jan feb mar "
    "apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday".split()
)
# Arabic words right after digits that are not their counted noun.
_AR_NOT_NOUN_PREFIXES = tuple(ar_form(p) for p in ("ال", "و", "ف", "لل", "بال", "كال"))
_AR_NOT_COUNTED = frozenset(
    ar_form(w) for w in (
        "في من على إلى الى عن مع منذ حتى بين مقابل آخرون آخرين أخرى فقط تقريبا نحو قرابة أو ثم لا لم "
        "لن قد ما هو هي هم التي الذي الذين عند لدى خلال بعد قبل إن أن كما حيث أي كل بحسب وفق وفقا حسب "
        "أيضا فيما مما عندما إذا لكن بل ضمن داخل خارج دون سوى غير عبر نقطة نقاط درجة درجات مرة مرات "
        "ضعف أضعاف كم كيلومتر كيلومترا كيلومترات متر مترا أمتار كيلوغرام كيلوغراما كغ غرام لتر ميل "
        "هكتار دونم دونما فدان فدانا قدم بوصة سم ملم ميغاواط غيغاواط كيلوواط واط هدف أهداف جنيهات "
        "يناير فبراير مارس أبريل إبريل مايو يونيو يونيه يوليو يوليه أغسطس سبتمبر أكتوبر نوفمبر ديسمبر "
        "كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين عالميا محليا دوليا سنويا يوميا شهريا "
        "أسبوعيا حاليا رسميا إجمالا نسبيا جزئيا كليا سابقا لاحقا مجددا تقريبيا فصليا طابق طابقا طوابق "
        "سنتيمتر سنتيمترا ملليمتر كيلو قيراط بوصات أقدام ميلا أميال صباحا صباح مساء مساءً ظهرا عصرا "
        "فجرا ليلا".split()
    )
)
# "بأغلبية 5 مقابل 4 قانون": after "versus" the next word is no counted noun.
_VERSUS = frozenset(["against", "versus", "vs", ar_form("مقابل"), ar_form("ضد")])
# Words after which a four-digit number is a year.
_YEAR_CONTEXT = frozenset(
    [ar_form(w) for w in "عام العام سنة منذ في خلال حتى بحلول مطلع نهاية أواخر أوائل".split()]
    + "in since by until till during year of from early late mid before after around circa".split()
)
# Words after which a number is a label, not a quantity.
_LABEL_CONTEXT = frozenset(
    [ar_form(w) for w in (
        "رقم الرقم المادة مادة الفقرة الصفحة صفحة الفصل البند القرار قرار الحلقة الموسم الإصدار "
        "الطراز طراز الجيل المرتبة المركز رحلة الرحلة الخط الساعة الدقيقة الآية"
    ).split()]
    + "no number page chapter article section clause paragraph resolution episode season version "
    "volume vol level phase grade category class item flight route line gate platform room "
    "top model generation rank ranked tier stage round week day".split()
)
# Capitalised words that may precede a quantity at the start of a sentence.
_CAPITAL_OK = frozenset(
    "about some nearly almost over around roughly only just more fewer less at all the another "
    "approximately up than exactly those these of with and but while when after before by in on "
    "for to from as if that this its their his her our some another least most another total "
    "another estimated an a another".split()
)
_RANGE_WORDS = frozenset(["to", "-", "–", "—", "or", ar_form("إلى"), ar_form("الى"), ar_form("حتى"), ar_form("أو")])
_RANGE_AND = frozenset(["and", "و"])
_BETWEEN = frozenset(["between", ar_form("بين"), ar_form("وبين"), "from", ar_form("من")])
_RATIO_WORDS = frozenset(["in"])
_EVERY = ar_form("كل")

_MASK_RE = re.compile(
    r"(?=[\d+(])(?:"  # every alternative starts with a digit, "+" or "(": fail fast elsewhere
    r"(?<![\d.,])\d{1,4}[/\-.]\d{1,2}[/\-.]\d{1,4}(?!\d)"  # dates 12/03/2024, 12-03-2024
    r"|(?<!\d)\d+(?:[/:]\d+)+"  # times 10:30, fractions 24/7, 9/11
    r"|(?:\+|\b00)\d[\d \-().]{6,30}\d"  # international phone numbers
    r"|(?<![\w.,])\(?\d{2,4}\)?[ \-]\d{3,4}[ \-]\d{3,5}(?![\w])"  # local phone numbers
    r")"
)


@dataclass
class _Cand:
    """A number with what follows it, before the decision whether it is a figure."""

    m: NumberMatch
    start: int  # source offset where the span starts
    last: int  # index of the last token of the span
    kind: str | None  # from a suffix or prefix: percent/money/count with unit
    unit: str | None
    currency: str | None
    prefix: bool  # currency written before the number
    figure: bool
    value: Decimal
    phrase: tuple[str, ...] = ()  # the currency words after the number, if any


_PHRASE_FIRST = frozenset(p[0] for p in _CURRENCY_PHRASES) | frozenset(p[0] for p in _PERCENT_PHRASES)


def _starters() -> frozenset[str]:
    """Returns the word forms that may begin a figure, with Arabic proclitics attached."""
    bare = set(EN_WORDS) | {"a"} | set(AR_WORDS) | set(AR_DUALS) | {p[0] for p in _PERCENT_DUALS}
    bare |= {ar_form(w) for w in ("أحد", "إحدى", "اثنا", "اثني", "اثنتا", "اثنتي")}
    arabic = {w for w in bare if not w.isascii()}
    clitics = [ar_form(c) for c in "و ف ب ل ك وب ول فب فل وك بال".split()]
    return frozenset(bare | {c + w for c in clitics for w in arabic})


_STARTERS = _starters()
_LETTER_STARTERS = frozenset(_LETTER_PREFIX) | frozenset(_DOLLAR_PREFIX) | {"U"}


def _match_phrase(tokens: Sequence[Token], k: int, table, longest: int) -> int:
    """Returns the number of tokens of the longest phrase of table starting at tokens[k] (0: none)."""
    n = len(tokens)
    if k >= n or tokens[k].norm not in _PHRASE_FIRST:
        return 0
    for size in range(min(longest, n - k), 0, -1):
        if tuple(tokens[x].norm for x in range(k, k + size)) in table:
            return size
    return 0


def _prefix_currency(tokens: Sequence[Token], i: int) -> tuple[str, int] | None:
    """Returns (ISO code, index of the number) when a currency prefix starts at tokens[i]."""
    t = tokens[i]
    n = len(tokens)
    if t.kind == "sym" and t.text in _SYMBOL_PREFIX:
        return _SYMBOL_PREFIX[t.text], i + 1
    if t.kind != "word":
        return None
    if i + 1 < n and tokens[i + 1].text in ("$", "£") and tokens[i + 1].start == t.end:
        code = _DOLLAR_PREFIX.get(t.text)
        if code:
            return code, i + 2
    if t.text in ("U", "US") and i + 4 < n and "".join(x.text for x in tokens[i:i + 4]) == "U.S.$":
        return "USD", i + 5
    if t.text in _LETTER_PREFIX and i + 1 < n and tokens[i + 1].kind == "num":
        nxt = tokens[i + 1]
        # "QR 1014" and "SR 71" are a flight and a plane: apart from the
        # number, these letters are money only before a scale or a written
        # amount ("QR 3 billion", "SR2bn", "KD 23.5 billion").
        glued = nxt.start == t.end
        amount = not nxt.norm.isdigit() or (i + 2 < n and (
            tokens[i + 2].norm in SCALE_WORDS_EN or tokens[i + 2].norm in SCALE_ABBR))
        if glued or amount:
            return _LETTER_PREFIX[t.text], i + 1
        return None
    if t.text.isupper() and t.norm.upper() in _CODE_SET:
        return t.norm.upper(), i + 1
    return None


def _is_clitic_word(tok: Token) -> bool:
    f = tok.norm
    return 0 < len(f) <= 3 and f in _CLITIC_FORMS


_CLITIC_FORMS = frozenset(ar_form(c) for c in "و ف ب ل ك وب ول فب فل وك لل".split())


def _name_context(tokens: Sequence[Token], i: int) -> bool:
    """True when the digits at tokens[i] are glued into a name (A380, GPT-4) or a phone (+44)."""
    t = tokens[i]
    if i == 0:
        return False
    prev = tokens[i - 1]
    if prev.end != t.start:
        return False
    if prev.kind == "word":
        return not _is_clitic_word(prev)
    if prev.text in ("-", "‑") and i >= 2 and tokens[i - 2].end == prev.start and tokens[i - 2].kind == "word":
        return True
    return prev.text in ("+", "#", "№")


def _is_latin_word(tok: Token) -> bool:
    return tok.kind == "word" and tok.text[0].isascii()


def _singular(word: str) -> str:
    """Returns the English singular of a regular plural noun ("violations" -> "violation")."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    return word[:-1]


def _looks_plural(tok: Token) -> bool:
    f = tok.norm
    return (len(f) > 3 and f.endswith("s") and not f.endswith(("ss", "us", "is", "'s")) and f.isalpha()
            and tok.text[0].islower() and f not in _EN_STOP and f not in _EN_NOT_COUNTED
            and f not in _DURATIONS and f not in _CURRENCY_WORDS)


def _ar_fallback_noun(tok: Token) -> bool:
    """True when an Arabic word right after digits can be their counted noun (تمييز)."""
    f = tok.norm
    return (tok.kind == "word" and not _is_latin_word(tok) and len(f) >= 3
            and not f.startswith(_AR_NOT_NOUN_PREFIXES) and f not in _AR_NOT_COUNTED
            and f not in _DURATIONS and f not in _CURRENCY_WORDS and f not in AR_WORDS)


def _unit_after(tokens: Sequence[Token], k: int, value: Decimal) -> tuple[str | None, int, bool] | None:
    """Returns (unit, index of the noun, known) for a counted noun at or shortly after tokens[k].

    ``known`` is False for a noun read by its shape rather than from the
    tables (an English plural, any Arabic noun right after digits); its unit is
    the singular for English and None for Arabic.
    """
    n = len(tokens)
    if k >= n or tokens[k].kind != "word":
        return None
    t = tokens[k]
    if t.norm in AR_UNITS:
        if t.norm == ar_form("ملف") and k + 1 < n and tokens[k + 1].norm == ar_form("شخصي"):
            return "profile", k + 1, True
        if 3 <= value <= 10 and value == value.to_integral_value() and t.norm in AR_SINGULAR:
            return None
        return AR_UNITS[t.norm], k, True
    if not _is_latin_word(t):
        return (None, k, False) if _ar_fallback_noun(t) else None
    # English puts modifiers between the number and the noun ("300 Amazon
    # warehouse workers"); a singular noun after a plural number is itself a
    # modifier ("27 member states", "5 million user accounts").
    j = k
    plural = None
    while j < n and j < k + 4:
        tj = tokens[j]
        if not (tj.norm == "-" or _is_latin_word(tj)) or tj.norm in _EN_CALENDAR:
            break
        if tj.norm in EN_UNITS and not (tj.norm in _EN_SINGULAR and value != 1):
            return EN_UNITS[tj.norm], j, True
        if plural is None and value != 1 and _looks_plural(tj):
            plural = j
        if (tj.norm in _EN_MODIFIERS or tj.norm in _EN_SINGULAR
                or (tj.norm not in _EN_STOP and tj.norm not in EN_WORDS and tj.norm not in _DURATIONS
                    and tj.norm not in _EN_NOT_COUNTED)):
            j += 1
            continue
        break
    if plural is not None:
        return _singular(tokens[plural].norm), plural, False
    return None


def _suffix(tokens: Sequence[Token], k: int, value: Decimal) -> tuple | None:
    """Returns (kind, unit, currency, last index[, currency words]) for what follows a number at tokens[k]."""
    n = len(tokens)
    if k >= n:
        return None
    size = _match_phrase(tokens, k, _PERCENT_PHRASES, _PERCENT_MAX)
    if size:
        return "percent", None, None, k + size - 1
    t = tokens[k]
    if t.kind == "sym" and t.text in ("$", "€", "£"):
        return "money", None, _SYMBOL_PREFIX[t.text], k
    if t.kind == "word" and t.text.isupper() and t.norm.upper() in _CODE_SET:
        return "money", None, t.norm.upper(), k
    size = _match_phrase(tokens, k, _CURRENCY_PHRASES, _CURRENCY_MAX)
    if size:
        phrase = tuple(tokens[x].norm for x in range(k, k + size))
        return "money", None, _CURRENCY_PHRASES[phrase], k + size - 1, phrase
    got = _unit_after(tokens, k, value)
    if got:
        return ("count" if got[2] else "count?"), got[0], None, got[1]
    return None


def _lone_scale(tokens: Sequence[Token], m: NumberMatch) -> bool:
    """True when the number is only a scale word ("مليون", "a million", "ألفين")."""
    if not m.words:
        return False
    for x in range(m.first, m.last + 1):
        if tokens[x].kind == "num":
            return False
        f = tokens[x].norm
        bare = strip_ar_clitic(f, AR_WORDS)
        kind = AR_WORDS[bare[0]][0] if bare else (EN_WORDS[f][0] if f in EN_WORDS else None)
        if kind in ("n", "hundred", "frac", "and_half"):
            return False
    return True


def _dual_candidate(tokens: Sequence[Token], i: int) -> _Cand | None:
    """Reads a dual noun that counts two ("شخصين", "نقطتين مئويتين") at tokens[i]."""
    t = tokens[i]
    if i + 1 < len(tokens) and (t.norm, tokens[i + 1].norm) in _PERCENT_DUALS:
        kind, unit, last = "percent", None, i + 1
    else:
        bare = strip_ar_clitic(t.norm, AR_DUALS)
        if bare is None:
            return None
        kind, unit, last = "count", AR_DUALS[bare[0]], i
    bare_form = strip_ar_clitic(t.norm, AR_DUALS) or (t.norm, 0)
    start = t.start + clitic_offset(t.text, bare_form[1])
    m = NumberMatch(Decimal(2), i, i, start, Decimal(1), False, True, Decimal(2))
    return _Cand(m, start, last, kind, unit, None, False, True, Decimal(2))


def _candidate(tokens: Sequence[Token], i: int, masked: frozenset[int]) -> _Cand | None:
    """Reads a number (with a currency prefix, if any) at tokens[i] and decides if it is a figure."""
    t = tokens[i]
    n = len(tokens)
    if t.kind == "word" and not (t.norm in EN_WORDS or t.norm == "a"):
        dual = _dual_candidate(tokens, i)
        if dual is not None:
            return dual
    if (t.kind == "sym" and t.text in ("%", "٪") and i + 1 < n and tokens[i + 1].kind == "num"
            and tokens[i + 1].start == t.end and not (i > 0 and tokens[i - 1].end == t.start
                                                      and tokens[i - 1].kind == "num")):
        # "بنسبة %5": the sign typed before the number, as right-to-left
        # keyboards often leave it.
        m = read_number(tokens, i + 1)
        if m is not None and m.scale == 1 and not (m.last + 1 < n and tokens[m.last + 1].text in ("%", "٪")):
            return _Cand(m, t.start, m.last, "percent", None, None, False, True, m.value)
        return None
    prefix = _prefix_currency(tokens, i) if t.kind != "num" else None
    currency = None
    start_tok = i
    if prefix is not None:
        currency, j = prefix
        if j >= n or tokens[j].kind != "num":
            return None
        i = j
        t = tokens[i]
    if t.kind == "num":
        if t.start in masked:
            return None
        if prefix is None and _name_context(tokens, i):
            return None
    elif not (t.norm in EN_WORDS or t.norm == "a" or strip_ar_clitic(t.norm, AR_WORDS)
              or t.norm in (ar_form("أحد"), ar_form("إحدى"), ar_form("اثنا"), ar_form("اثني"))):
        return None
    m = read_number(tokens, i)
    if m is None:
        return None
    start = tokens[start_tok].start if prefix is not None else m.start_offset
    k = m.last + 1
    suffix = None if prefix is not None else _suffix(tokens, k, m.value)
    if prefix is not None:
        kind, unit, last = "money", None, m.last
    elif suffix is not None:
        kind, unit, currency, last = suffix[:4]
        if kind == "count?":
            # A noun read by its shape only: not after a year, a lone "one"
            # or (in Arabic, where they double as other words) number words.
            first = tokens[m.first]
            year_like = (m.scale == 1 and first.kind == "num" and len(first.norm) == 4
                         and first.norm.isdigit() and 1900 <= int(first.norm) <= 2100)
            versus = m.first > 0 and tokens[m.first - 1].norm in _VERSUS
            if year_like or versus or m.value == 1 or (unit is None and m.words):
                kind, unit, last = None, None, m.last
            else:
                kind = "count"
    else:
        kind, unit, last = None, None, m.last
    cand = _Cand(m, start, last, kind, unit, currency, prefix is not None, False, m.value,
                 suffix[4] if suffix is not None and len(suffix) > 4 else ())
    cand.figure = _is_figure(tokens, cand, i)
    return cand


def _is_figure(tokens: Sequence[Token], c: _Cand, i: int) -> bool:
    """Applies the rules of the module docstring to a candidate."""
    m = c.m
    n = len(tokens)
    prev = tokens[m.first - 1] if m.first > 0 else None
    prev_form = prev.norm if prev is not None else ""
    after = tokens[m.last + 1] if m.last + 1 < n else None
    has_scale = m.scale > 1 and not _lone_scale(tokens, m)
    if c.kind is None:
        if not has_scale or (m.scale_abbr and not m.words):
            return False
        if after is not None and after.norm in _DURATIONS:
            return False
        return True
    if c.kind in ("money", "percent"):
        return True
    # A count of a known noun.
    if m.words and m.value == 1 and m.scale == 1:
        return False
    if m.scale == 1 and prev is not None:
        if prev_form in _LABEL_CONTEXT:
            return False
        nxt = tokens[m.last + 1] if m.last + 1 < n else None
        if (prev_form == "the" and nxt is not None and _is_latin_word(nxt) and nxt.text[0].isupper()
                and tokens[m.first].kind == "num"):
            # "the 737 Max jets", "the 911 Carrera": a model name.
            return False
        t = tokens[m.first]
        if (t.kind == "num" and len(t.norm) == 4 and t.norm.isdigit() and 1900 <= int(t.norm) <= 2100
                and prev_form in _YEAR_CONTEXT):
            return False
        if _is_latin_word(prev) and prev.text[0].isupper() and prev_form not in _CAPITAL_OK and (
                prev_form not in EN_WORDS):
            return False
        if prev_form in _RATIO_WORDS and m.first >= 2:
            # "one in five users", "9 in 10 people": the denominator is no count.
            before = read_number(tokens, m.first - 2) if tokens[m.first - 2].kind == "num" or (
                tokens[m.first - 2].norm in EN_WORDS) else None
            if before is not None and before.value <= m.value:
                return False
        if prev_form == _EVERY:
            # "واحد من كل خمسة مستخدمين": one in every five.
            return False
        if prev_form == "of" and m.first >= 3 and tokens[m.first - 2].norm == "out":
            return False
    return True


def _connected(tokens: Sequence[Token], c1: _Cand, c1_first: int) -> int | None:
    """Returns the index where the second bound of a range starts, if c1 is the first bound."""
    n = len(tokens)
    k = c1.m.last + 1
    if k >= n:
        return None
    t = tokens[k]
    before = tokens[c1_first - 1].norm if c1_first > 0 else ""
    if t.norm in _RANGE_WORDS and k + 1 < n:
        return k + 1
    if before in _BETWEEN or before == "between":
        if t.norm in _RANGE_AND and k + 1 < n:
            return k + 1
        if t.norm.startswith("و") and t.kind == "word" and strip_ar_clitic(t.norm, AR_WORDS):
            return k
    return None


def _masked_starts(text: str, tokens: Sequence[Token]) -> frozenset[int]:
    """Returns the start offsets of the number tokens inside dates, times and phone numbers."""
    spans = [(mm.start(), mm.end()) for mm in _MASK_RE.finditer(text)]
    if not spans:
        return frozenset()
    out = []
    k = 0
    # Both lists are in text order: one merge pass.
    for t in tokens:
        if t.kind != "num":
            continue
        while k < len(spans) and spans[k][1] <= t.start:
            k += 1
        if k < len(spans) and spans[k][0] <= t.start:
            out.append(t.start)
    return frozenset(out)


def find_figures(text: str, lang: str) -> list[Figure]:
    """Finds the counts, amounts of money and percentages in a text.

    Args:
        text: the text as analysed; offsets refer to it unchanged.
        lang: ISO 639-1 code of the text. Both languages' rules run on every
            text (Arabic articles quote English amounts and vice versa), so
            this is only a hint.

    Returns:
        The figures in text order, each with ``text[start:end] == figure.text``.

    Raises:
        AnalysisError: when text is not a string.
    """
    if not isinstance(text, str):
        raise AnalysisError(f"text must be a string, not {type(text).__name__}")
    if not isinstance(lang, str):
        raise AnalysisError(f"lang must be a string, not {type(lang).__name__}")
    tokens = tokenize(text, FIGURES)
    masked = _masked_starts(text, tokens)
    out: list[Figure] = []
    overrides: dict[int, _Cand] = {}
    phrases: list[tuple[str, ...]] = []
    n = len(tokens)
    i = 0
    while i < n:
        t = tokens[i]
        # Cheap test first: most tokens are words that cannot start a figure.
        if i not in overrides and (
                (t.kind == "word" and t.norm not in _STARTERS and t.text not in _LETTER_STARTERS
                 and not (t.text.isupper() and t.norm.upper() in _CODE_SET))
                or (t.kind == "sym" and t.text not in _SYMBOL_PREFIX and t.text not in ("%", "٪"))):
            i += 1
            continue
        c = overrides.pop(i, None) or _candidate(tokens, i, masked)
        if c is None:
            i += 1
            continue
        first_num = c.m.first
        r = _connected(tokens, c, first_num)
        if r is not None and r < n:
            c2 = _candidate(tokens, r, masked)
            if c2 is not None and c2.figure and not c2.prefix:
                c, c2 = _join_range(c, c2)
                overrides[r] = c2
        if c.figure:
            end = tokens[c.last].end
            out.append(Figure(text[c.start:end], c.kind or "count", to_python(c.value), c.start, end,
                              c.unit, c.currency))
            phrases.append(c.phrase)
            i = c.last + 1
        else:
            i = max(i + 1, c.m.last + 1) if c.m.first == i else i + 1
    _currency_from_context(out, phrases, tokens)
    return out


def _join_range(c1: _Cand, c2: _Cand) -> tuple[_Cand, _Cand]:
    """Shares scale, kind, unit and currency between the two bounds of a range."""
    m1 = c1.m
    value1 = c1.value
    if m1.scale == 1 and c2.m.scale > 1 and m1.value < c2.m.base * c2.m.scale and m1.value <= c2.m.base:
        value1 = m1.value * c2.m.scale
    if c1.kind is None or (c1.prefix and m1.scale == 1):
        kind = c1.kind or c2.kind or "count"
        if c1.prefix:
            kind = "money"
        c1 = replace(c1, kind=kind, unit=c1.unit or c2.unit, currency=c1.currency or c2.currency,
                     value=value1, figure=True)
    if c2.kind is None and c1.kind == "money":
        c2 = replace(c2, kind="money", currency=c1.currency)
    return c1, c2
