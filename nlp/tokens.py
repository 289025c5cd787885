"""Marsad's one tokenizer and its one ``Token``: text split into tokens with offsets into it.

Every part of ``nlp/`` that needs the words of a text gets them from
``tokenize``; what differs between its users is how fine the split is and what
a token's matching form (``norm``) is, so ``tokenize`` takes a *mode*:

``NAMES`` (the default): entities, the Arabic tagger and the Arabic NER model.
    Kinds ``ar`` (Arabic letters with their diacritics and tatweel), ``lat``
    (a Latin word with inner hyphens/apostrophes but not a possessive 's, a
    dotted initialism, a trailing +), ``num`` (digits of either system with
    ``.``, ``,``, ``٫``, ``٬`` between them) and ``punct`` (any other single
    non-space character). ``norm`` is ``normalize_arabic`` (camel-tools' normal form) of an
    Arabic token and the token as written otherwise. The Arabic NER model
    (nlp/ar/model) was trained on exactly these tokens: do not change them
    without retraining it.
``FIGURES``: numbers, figures and currencies (the hot loop of ``nlp.figures``).
    Kinds ``num``, ``word`` and ``sym``. A number is split the way figures
    read it: grouped thousands ("1,200,000", "٢٬٥٠٠"), European dotted
    thousands with two or more groups ("1.200.000"), else one decimal point or
    comma ("27.5", "2,5"); so "1,200.5" is one token here and "٨٧، ٢٧٫٥" two
    numbers. A word is letters of any script with Arabic diacritics inside.
    Invisible format characters (RLM, LRM, ALM, zero-width space, BOM) are
    skipped like spaces. ``norm`` is ``ar_form`` of a word (Arabic folded by
    one ``str.translate``, lowercased) and the ASCII digits of a number.
``CLAUSE``: the Arabic claim finder's words (nlp/ar/cues.py and the clause
    code). Kind ``word``: a run of anything but white space and clause
    punctuation (``، , : ; ؛ . ! ? ؟ « » " “ ” ( ) [ ]``), so clitics, digits
    and hyphens stay inside the word; ``norm`` is the word as written.

The modes are kept apart because each user's behaviour (and the trained
model) depends on its split; merging them would change results.

Search terms are not tokens: ``nlp.normalize.terms`` gives the stemmed
``Term`` of each letter-and-digit run, the form Elasticsearch indexes, with
the offsets of its source word. They are a different thing with their own
type.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from marsad.nlp.normalize import normalize_arabic

__all__ = ["AR_MARKS", "BARE_ALEF", "CLAUSE", "FIGURES", "NAMES", "NAME_RE", "Token", "ar_form", "tokenize"]

NAMES = "names"
FIGURES = "figures"
CLAUSE = "clause"


class Token(NamedTuple):
    """One token of a text (a named tuple: tokenising is a hot loop).

    Attributes:
        text: the token as written, ``source[start:end]``.
        start: offset of the first character in the source text.
        end: offset just past the last character.
        norm: the matching form; what it is depends on the mode (see the module).
        kind: the token's class; the kinds depend on the mode (see the module).
    """

    text: str
    start: int
    end: int
    norm: str
    kind: str


# --- NAMES ------------------------------------------------------------------
_AR = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3"
# Arabic diacritics and tatweel, as a character-class range: they belong to the word they mark.
AR_MARKS = "\u064b-\u065f\u0670\u0640"
# Alef with hamza or madda made bare, for word-list lookups ("أوكراني" → "اوكراني").
BARE_ALEF = str.maketrans("أإآ", "ااا")
_LAT = "A-Za-z\u00c0-\u024f"

NAME_RE = re.compile(
    rf"(?P<ar>[{_AR}][{_AR}{AR_MARKS}]*)"
    rf"|(?P<lat>(?:[A-Z]\.){{2,}}|[{_LAT}][{_LAT}0-9]*(?:[-'’&](?!s\b)[{_LAT}0-9]+)*\+?)"
    r"|(?P<num>[0-9\u0660-\u0669\u06f0-\u06f9]+(?:[.,\u066b\u066c][0-9\u0660-\u0669\u06f0-\u06f9]+)*)"
    r"|(?P<punct>\S)"
)


@lru_cache(maxsize=100_000)
def _norm(word: str) -> str:
    return normalize_arabic(word)


# --- FIGURES ----------------------------------------------------------------
_NUM_FORM = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹\u066B\u066C", "0123456789" * 2 + ".,")
_D = r"[0-9\u0660-\u0669\u06F0-\u06F9]"
# Order matters: grouped thousands first, then European dotted thousands
# (two or more groups, so "27.500" stays a decimal), then plain/decimal.
_NUMBER = (
    rf"{_D}{{1,3}}(?:[,\u066C]{_D}{{3}})+(?:[.\u066B]{_D}+)?"
    rf"|{_D}{{1,3}}(?:\.{_D}{{3}}){{2,}}"
    rf"|{_D}+(?:[.\u066B,]{_D}+)?"
)
_WORD = r"[^\W\d_](?:[^\W\d_]|[\u064B-\u065F\u0670])*"
_INVISIBLE = "\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff"
_FIGURE_RE = re.compile(rf"(?P<num>{_NUMBER})|(?P<word>{_WORD})|(?P<sym>[^\s{_INVISIBLE}])")

# Orthographic folding for matching, the same choices as
# nlp.normalize.normalize_arabic (alef variants, alef maksura, teh marbuta,
# no diacritics or tatweel) but done with one str.translate for speed.
_AR_FOLD = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ـ": None,
        **{chr(c): None for c in range(0x064B, 0x0660)},
        "\u0670": None,
        "ک": "ك", "ی": "ي",
    }
)


@lru_cache(maxsize=65536)
def ar_form(word: str) -> str:
    """Returns the matching form of a word in ``FIGURES`` mode: Arabic folded, Latin lowercased."""
    return word.translate(_AR_FOLD).lower()


# --- CLAUSE -----------------------------------------------------------------
_CLAUSE_RE = re.compile(r"[^\s،,:;؛.!?؟«»\"“”()\[\]]+")


def tokenize(text: str, mode: str = NAMES, start: int = 0, end: int | None = None) -> list[Token]:
    """Splits text into tokens with offsets into it.

    Args:
        text: Arabic, English or mixed text.
        mode: ``NAMES``, ``FIGURES`` or ``CLAUSE`` (see the module docstring).
        start: where to start reading text.
        end: where to stop reading text (its end when None).

    Returns:
        The tokens of ``text[start:end]`` in order, offsets into ``text``;
        white space is never a token.

    Raises:
        ValueError: for an unknown mode.
    """
    if end is None:
        end = len(text)
    out: list[Token] = []
    append = out.append
    if mode == FIGURES:
        for m in _FIGURE_RE.finditer(text, start, end):
            kind = m.lastgroup or "sym"
            s = m.group()
            a, b = m.span()
            if kind == "word":
                append(Token(s, a, b, ar_form(s), kind))
            elif kind == "num":
                append(Token(s, a, b, s.translate(_NUM_FORM), kind))
            else:
                append(Token(s, a, b, s, kind))
    elif mode == NAMES:
        for m in NAME_RE.finditer(text, start, end):
            kind = m.lastgroup or "punct"
            s = m.group()
            append(Token(s, m.start(), m.end(), _norm(s) if kind == "ar" else s, kind))
    elif mode == CLAUSE:
        for m in _CLAUSE_RE.finditer(text, start, end):
            s = m.group()
            a, b = m.span()
            append(Token(s, a, b, s, "word"))
    else:
        raise ValueError(f"unknown tokenizer mode {mode!r}")
    return out
