"""Numbers as written in Arabic and English news: digits, separators, scale and number words.

This module reads the *number* part of a figure ("٨٧ مليون", "1,200,000",
"$5bn"'s "5bn", "half a million", "ثلاثة ملايين", "خمسة وعشرين"); what is
counted, the currency and the percent sign are the business of
``nlp.figures``.

Digits: Western, Arabic-Indic (٠-٩) and Persian (۰-۹) digits; ``٫`` is the
Arabic decimal separator and ``٬`` the Arabic thousands separator. A comma or
a dot followed by groups of exactly three digits is a thousands separator
("1,200,000", "1.200.000" with two or more groups); any other single dot or
comma is a decimal point ("27.5", "2,5" as written in Maghreb papers). The
Arabic comma ``،`` always separates two numbers.

Words: English cardinals up to the trillions ("twenty-five", "three hundred
and fifty thousand", "a million", "half a million", "a quarter of a
million") and Arabic cardinals in their case forms (ثلاثة/ثلاث, عشرون/عشرين,
مئة/مائة, ثلاثمئة, ألف/آلاف/ألفا, duals ألفان/ألفين/مليونا/مليوني/ملياري,
plurals ملايين/مليارات, نصف مليون, مليون ونصف). pyarabic's ``text2number``
was considered and rejected: it reads "نصف مليون" as 1000000 and gives no
token offsets.

Values are computed with ``Decimal`` so that "1.1 million" is exactly
1100000, and returned as ``int`` when integral, else ``float``. The tokens
are those of ``nlp.tokens.tokenize`` in its ``FIGURES`` mode.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from marsad.nlp.tokens import FIGURES, Token, ar_form, tokenize

__all__ = [
    "NumberMatch",
    "clitic_offset",
    "parse_digits",
    "parse_number",
    "read_number",
    "strip_ar_clitic",
    "to_python",
]

_DIGIT_TABLE = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
def parse_digits(s: str) -> Decimal | None:
    """Returns the value of a digit string with its separators resolved.

    Args:
        s: digits with optional separators, e.g. "1,200,000", "٢٧٫٥", "2,5".

    Returns:
        The value, or None when s is not a number.
    """
    s = s.translate(_DIGIT_TABLE).replace("\u066C", ",").replace("\u066B", ".")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", s):
        s = s.replace(",", "")
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", s):
        s = s.replace(".", "")
    elif re.fullmatch(r"\d+,\d+", s):
        s = s.replace(",", ".")
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def to_python(value: Decimal) -> int | float:
    """Returns value as an int when it is integral, else as a float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


# --- word tables ------------------------------------------------------------
# Kinds: "n" adds to the current group, "hundred" multiplies it by 100,
# "scale" closes a group (thousand and up), "dual" is a self-contained
# 2 x scale (ألفين), "dual_or_acc" is a dual alone but an accusative scale
# after a number (مليونا), "frac" is a fraction waiting for a scale (نصف),
# "and_half" adds half of the last scale (مليون ونصف).

SCALE_WORDS_EN: dict[str, int] = {
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
    "thousands": 0, "millions": 0, "billions": 0,  # plural: no value, see below
}
# Abbreviations that only count as a scale when glued to a number or backed
# by a currency or counted noun ("$5m", "5m users"; "5m" alone may be metres).
SCALE_ABBR: dict[str, int] = {
    "k": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "bn": 10**9, "bln": 10**9,
    "b": 10**9, "tn": 10**12, "tr": 10**12,
}
SAFE_ABBR = frozenset({"mn", "mln", "bn", "bln", "tn"})

_EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_EN_TENS = frozenset({"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"})

EN_WORDS: dict[str, tuple[str, Decimal]] = {w: ("n", Decimal(v)) for w, v in _EN_UNITS.items()}
EN_WORDS["hundred"] = ("hundred", Decimal(100))
for _w, _v in SCALE_WORDS_EN.items():
    if _v:
        EN_WORDS[_w] = ("scale", Decimal(_v))
EN_WORDS["half"] = ("frac", Decimal("0.5"))
EN_WORDS["quarter"] = ("frac", Decimal("0.25"))


def _ar(words: str) -> list[str]:
    return [ar_form(w) for w in words.split()]


AR_WORDS: dict[str, tuple[str, Decimal]] = {}


def _add_ar(kind: str, value: int | str, words: str) -> None:
    for w in _ar(words):
        AR_WORDS[w] = (kind, Decimal(value))


_add_ar("n", 1, "واحد واحدة")
_add_ar("n", 2, "اثنان اثنين اثنتان اثنتين إثنان إثنين")
_add_ar("n", 3, "ثلاثة ثلاث")
_add_ar("n", 4, "أربعة أربع")
_add_ar("n", 5, "خمسة خمس")
_add_ar("n", 6, "ستة ست")
_add_ar("n", 7, "سبعة سبع")
_add_ar("n", 8, "ثمانية ثماني ثمان")
_add_ar("n", 9, "تسعة تسع")
_add_ar("n", 10, "عشرة عشر")
_add_ar("n", 20, "عشرون عشرين")
_add_ar("n", 30, "ثلاثون ثلاثين")
_add_ar("n", 40, "أربعون أربعين")
_add_ar("n", 50, "خمسون خمسين")
_add_ar("n", 60, "ستون ستين")
_add_ar("n", 70, "سبعون سبعين")
_add_ar("n", 80, "ثمانون ثمانين")
_add_ar("n", 90, "تسعون تسعين")
_add_ar("hundred", 100, "مئة مائة مئه مايه ميه")
_add_ar("n", 200, "مئتان مئتين مئتا مئتي مائتان مائتين مائتا مائتي")
for _unit, _val in (("ثلاث", 3), ("أربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7), ("ثمان", 8), ("تسع", 9)):
    _add_ar("n", _val * 100, f"{_unit}مئة {_unit}مائة")
_add_ar("scale", 10**3, "ألف آلاف ألوف")
_add_ar("scale", 10**6, "مليون ملايين")
_add_ar("scale", 10**9, "مليار مليارات بليون بلايين")
_add_ar("scale", 10**12, "تريليون تريليونات ترليون")
_add_ar("dual", 2 * 10**3, "ألفان ألفين ألفي")
_add_ar("dual", 2 * 10**6, "مليونان مليونين مليوني")
_add_ar("dual", 2 * 10**9, "ملياران مليارين ملياري بليونان بليونين بليوني")
_add_ar("dual", 2 * 10**12, "تريليونان تريليونين تريليوني")
_add_ar("dual_or_acc", 10**3, "ألفا")
_add_ar("dual_or_acc", 10**6, "مليونا")
_add_ar("dual_or_acc", 10**9, "مليارا بليونا")
_add_ar("dual_or_acc", 10**12, "تريليونا")
_add_ar("frac", "0.5", "نصف")
_add_ar("frac", "0.25", "ربع")
AR_WORDS[ar_form("ونصف")] = ("and_half", Decimal("0.5"))

# Plural scale words: "ملايين" alone means "millions of" and has no value,
# but after a number (3 ملايين) it is the scale.
AR_PLURAL_SCALES = frozenset(_ar("آلاف ألوف ملايين مليارات بلايين تريليونات"))
# "عشر"/"عشرة" after a unit word makes the teens (ثلاثة عشر = 13).
_AR_TEEN = frozenset(_ar("عشر عشرة"))
_AR_TEEN_ONE = frozenset(_ar("أحد إحدى احد احدى"))
_AR_TEEN_TWO = frozenset(_ar("اثنا اثنتا اثني اثنتي"))

# Proclitic letters that may be glued to a number or number word.
_AR_CLITICS = tuple(sorted({ar_form(c) for c in "و ف ب ل ك وب ول فب فل وك بال".split()}, key=len, reverse=True))


def strip_ar_clitic(form: str, known: dict | frozenset) -> tuple[str, int] | None:
    """Returns (bare form, clitic length) when form is a known word behind proclitics.

    Args:
        form: a folded word form.
        known: the table the bare form must belong to.

    Returns:
        The bare form and the number of folded characters stripped (0 when
        form itself is known), or None.
    """
    if form in known:
        return form, 0
    for c in _AR_CLITICS:
        if form.startswith(c) and form[len(c):] in known:
            return form[len(c):], len(c)
    return None


def clitic_offset(word: str, n_letters: int) -> int:
    """Returns how many source characters the first n_letters folded letters span.

    Diacritics and tatweel after a clitic ("بـ", "وَ") belong to the clitic.
    """
    if n_letters == 0:
        return 0
    i = seen = 0
    while i < len(word) and seen < n_letters:
        if ar_form(word[i]):
            seen += 1
        i += 1
    while i < len(word) and not ar_form(word[i]):
        i += 1
    return i


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """A number read from tokens.

    Attributes:
        value: the number after scales.
        first: index of the first token of the number.
        last: index of its last token (inclusive).
        start_offset: source offset where the number starts (after a clitic).
        scale: the multiplier contributed by scale words (1 when none).
        scale_abbr: the scale came from an abbreviation such as "m" or "k".
        words: the number is (at least partly) written in words.
        base: the value before the trailing scale (5 in "5 million").
    """

    value: Decimal
    first: int
    last: int
    start_offset: int
    scale: Decimal
    scale_abbr: bool
    words: bool
    base: Decimal


def _combine(parts: Sequence[tuple[str, Decimal]]) -> tuple[Decimal, Decimal] | None:
    """Returns (value, last scale) of a sequence of word kinds, or None if malformed."""
    total = Decimal(0)
    current = Decimal(0)
    frac: Decimal | None = None
    last_scale = Decimal(1)
    seen_any = False
    for kind, v in parts:
        if kind == "n":
            current += v
        elif kind == "hundred":
            current = (current or Decimal(1)) * 100
        elif kind in ("scale", "dual_or_acc"):
            if kind == "dual_or_acc" and not current and frac is None:
                total += 2 * v
            else:
                mult = current if current else (frac if frac is not None else Decimal(1))
                total += mult * v
            current = Decimal(0)
            frac = None
            last_scale = v
        elif kind == "dual":
            if current or frac is not None:
                return None
            total += v
            last_scale = v / 2
        elif kind == "frac":
            if current or frac is not None:
                return None
            frac = v
        elif kind == "and_half":
            if last_scale == 1:
                return None
            total += last_scale * v
        seen_any = True
    if frac is not None or not seen_any:
        return None
    return total + current, last_scale


def _is_num_word(tok: Token) -> bool:
    return tok.kind == "word" and (tok.norm in EN_WORDS or strip_ar_clitic(tok.norm, AR_WORDS) is not None)


def _read_en_words(tokens: Sequence[Token], i: int) -> tuple[list[tuple[str, Decimal]], int] | None:
    """Reads English number words from tokens[i]; returns (parts, last index)."""
    parts: list[tuple[str, Decimal]] = []
    j = i
    n = len(tokens)
    last = -1
    while j < n:
        t = tokens[j]
        f = t.norm
        nxt = tokens[j + 1].norm if j + 1 < n else ""
        if f == "a" and not parts:
            # "a million", "a hundred", "a quarter of a million"
            if nxt in ("hundred", "quarter", "half") or SCALE_WORDS_EN.get(nxt):
                j += 1
                continue
            break
        if f in EN_WORDS:
            kind, v = EN_WORDS[f]
            if not parts and j == i and kind in ("scale", "hundred"):
                # "million" alone is no number in English ("a million" is).
                break
            if kind == "frac":
                # "half a million", "a quarter of a million"
                k = j + 1
                if k < n and tokens[k].norm == "of":
                    k += 1
                if k < n and tokens[k].norm == "a":
                    k += 1
                if k < n and tokens[k].norm in EN_WORDS and EN_WORDS[tokens[k].norm][0] == "scale":
                    parts.append((kind, v))
                    j = k
                    continue
                break
            parts.append((kind, v))
            last = j
            j += 1
            continue
        if f == "-" and parts and t.start == tokens[j - 1].end and j + 1 < n:
            # twenty-five
            if tokens[j - 1].norm in _EN_TENS and tokens[j + 1].start == t.end and nxt in _EN_UNITS:
                j += 1
                continue
            break
        if f == "and" and parts and parts[-1][0] == "hundred" and nxt in EN_WORDS and EN_WORDS[nxt][0] == "n":
            j += 1
            continue
        break
    if not parts:
        return None
    return parts, last


def _read_ar_words(tokens: Sequence[Token], i: int) -> tuple[list[tuple[str, Decimal]], int, int] | None:
    """Reads Arabic number words from tokens[i]; returns (parts, last index, clitic length)."""
    parts: list[tuple[str, Decimal]] = []
    first = strip_ar_clitic(tokens[i].norm, AR_WORDS)
    teen_head = None
    if first is None:
        first_teen = strip_ar_clitic(tokens[i].norm, _AR_TEEN_ONE | _AR_TEEN_TWO)
        if first_teen is None:
            return None
        teen_head = first_teen
    clitic = (first or teen_head)[1]
    j = i
    last = -1
    n = len(tokens)
    while j < n:
        t = tokens[j]
        if t.kind != "word":
            break
        if j == i:
            bare = (first or teen_head)[0]
        elif t.norm.startswith("و") and t.norm[1:] in AR_WORDS:
            bare = t.norm[1:]
            # "و" joins a new part (خمسة وعشرين, مليون ونصف): allowed after any part.
            if AR_WORDS[bare][0] == "frac" and bare == ar_form("نصف"):
                bare = ar_form("ونصف")
        elif t.norm in AR_WORDS or t.norm in _AR_TEEN:
            bare = t.norm
            # Without "و", a word may only follow to build a teen, a hundred
            # or a scale (ثلاثة ملايين, ثلاث مئة, خمسة آلاف).
            if bare not in _AR_TEEN and AR_WORDS[bare][0] not in ("scale", "hundred", "dual_or_acc"):
                break
        else:
            break
        if bare in _AR_TEEN and j > i:
            prev = parts[-1] if parts else None
            if prev and prev[0] == "n" and prev[1] < 10:
                parts[-1] = ("n", prev[1] + 10)
                last = j
                j += 1
                continue
            if teen_head is not None and j == i + 1:
                parts.append(("n", Decimal(11) if teen_head[0] in _AR_TEEN_ONE else Decimal(12)))
                last = j
                j += 1
                continue
            break
        if j == i and teen_head is not None:
            j += 1
            continue
        kind, v = AR_WORDS[bare]
        if kind == "and_half" and j + 1 < n and tokens[j + 1].norm.startswith("ال") and (
                AR_WORDS.get(tokens[j + 1].norm[2:], ("",))[0] == "scale"):
            # "مليون ونصف المليون": the repeated scale adds nothing.
            parts.append((kind, v))
            last = j + 1
            j += 2
            continue
        if kind == "scale" and bare in AR_PLURAL_SCALES and not parts:
            # "ملايين" alone: "millions of", not a value.
            return None
        parts.append((kind, v))
        last = j
        j += 1
    if not parts or last < 0:
        return None
    return parts, last, clitic


def read_number(tokens: Sequence[Token], i: int) -> NumberMatch | None:
    """Reads the number that starts at tokens[i], with its scale words.

    Arabic writes large numbers as groups joined by "و": "3 ملايين و500 ألف",
    "مليار و200 مليون", "3 آلاف و500"; a group smaller than the scale before
    it continues the number, while an equal one starts a range ("بين 3 آلاف
    و5 آلاف").

    Args:
        tokens: the output of ``tokenize``.
        i: index of the candidate first token (digits, or a number word,
            possibly behind Arabic proclitics).

    Returns:
        The number, or None when no number starts there. A digit string
        glued to letters that are not a scale ("5G", "1st") is not a number.
    """
    m = _read_group(tokens, i)
    n = len(tokens)
    while m is not None and m.scale > 1 and not m.scale_abbr:
        j = m.last + 1
        if not (j + 1 < n and tokens[j].norm == "و" and tokens[j + 1].kind == "num"
                and tokens[j + 1].start == tokens[j].end):
            break
        m2 = _read_group(tokens, j + 1)
        if m2 is None or m2.scale_abbr or m2.scale >= m.scale or m2.value >= m.scale:
            break
        value = m.value + m2.value
        m = NumberMatch(value, m.first, m2.last, m.start_offset, m.scale, False, m.words, value / m.scale)
    return m


def _read_group(tokens: Sequence[Token], i: int) -> NumberMatch | None:
    """Reads one group of a number: digits or words with their scale."""
    n = len(tokens)
    t = tokens[i]
    if t.kind == "num":
        base = parse_digits(t.text)
        if base is None:
            return None
        j = i + 1
        if j < n and tokens[j].kind == "word" and tokens[j].start == t.end:
            f = tokens[j].norm
            if f in SCALE_ABBR:
                return NumberMatch(base * SCALE_ABBR[f], i, j, t.start, Decimal(SCALE_ABBR[f]),
                                   f not in SAFE_ABBR, False, base)
            if f in SCALE_WORDS_EN and SCALE_WORDS_EN[f]:
                v = Decimal(SCALE_WORDS_EN[f])
                return NumberMatch(base * v, i, j, t.start, v, False, False, base)
            if f in AR_WORDS and AR_WORDS[f][0] in ("scale", "dual_or_acc"):
                v = AR_WORDS[f][1]
                return NumberMatch(base * v, i, j, t.start, v, False, False, base)
            return None
        if j < n and tokens[j].kind == "word":
            f = tokens[j].norm
            scale = None
            if f in SCALE_WORDS_EN and SCALE_WORDS_EN[f]:
                scale = Decimal(SCALE_WORDS_EN[f])
            elif f in AR_WORDS and AR_WORDS[f][0] in ("scale", "dual_or_acc"):
                scale = AR_WORDS[f][1]
            elif f in SCALE_ABBR:
                return NumberMatch(base * SCALE_ABBR[f], i, j, t.start, Decimal(SCALE_ABBR[f]),
                                   f not in SAFE_ABBR, False, base)
            if scale is not None:
                value = base * scale
                last = j
                if j + 1 < n and tokens[j + 1].norm == ar_form("ونصف"):
                    value += scale / 2
                    last = j + 1
                    if j + 2 < n and tokens[j + 2].norm.startswith("ال") and tokens[j + 2].norm[2:] == f:
                        last = j + 2
                return NumberMatch(value, i, last, t.start, scale, False, False, base)
        return NumberMatch(base, i, i, t.start, Decimal(1), False, False, base)
    if t.kind != "word":
        return None
    if t.norm in EN_WORDS or t.norm == "a":
        got = _read_en_words(tokens, i)
        if got is None:
            return None
        parts, last = got
        clitic = 0
    else:
        got_ar = _read_ar_words(tokens, i)
        if got_ar is None:
            return None
        parts, last, clitic = got_ar
    combined = _combine(parts)
    if combined is None:
        return None
    value, last_scale = combined
    has_scale = any(k in ("scale", "dual", "dual_or_acc") for k, _ in parts)
    scale = last_scale if has_scale else Decimal(1)
    start = t.start + clitic_offset(t.text, clitic)
    return NumberMatch(value, i, last, start, scale, False, True, value / scale)


def parse_number(text: str) -> int | float | None:
    """Returns the value of a text that is one number, in digits or words.

    Args:
        text: e.g. "1,200,000", "٢٧٫٥", "3.5bn", "half a million",
            "ثلاثة ملايين", "خمسة وعشرين", "مليون ونصف".

    Returns:
        The value (int when integral), or None when the text is not exactly
        one number.
    """
    tokens = tokenize(text, FIGURES)
    if not tokens:
        return None
    m = read_number(tokens, 0)
    if m is None or m.last != len(tokens) - 1:
        return None
    return to_python(m.value)
