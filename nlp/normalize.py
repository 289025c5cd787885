"""Text normalisation and the search form used for indexing and querying.

Elasticsearch here has only the ``standard`` analyzer, so language analysis
happens in Python: the search form of a text is its tokens normalised
(camel-tools' Arabic normal form: alef, alef maksura, teh marbuta, diacritics;
tatweel removed; digits folded to ASCII; lowercase) and stemmed with Snowball's Arabic or English
stemmer. The same function runs at index time and on queries, so both sides
meet on the same terms.

Search terms are not the tokens of ``nlp.tokens``: ``TOKEN_RE`` here finds the
letter-and-digit runs that are indexed, and ``terms`` gives each one's stemmed ``Term`` with its source offsets.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import NamedTuple

ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
EXTENDED_ARABIC_INDIC = "۰۱۲۳۴۵۶۷۸۹"
_DIGITS = str.maketrans(ARABIC_INDIC + EXTENDED_ARABIC_INDIC, "0123456789" * 2)
TATWEEL = "\u0640"

# A token is a run of letters/digits (with Arabic diacritics and tatweel kept
# inside it) or a decimal number; everything else separates tokens.
TOKEN_RE = re.compile(r"[^\W_]+(?:[\u064B-\u065F\u0670\u0640]+[^\W_]*)*", re.UNICODE)
ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064A\u0671-\u06D3]")

# Snowball stemmers keep the word being stemmed in the object, so one shared
# instance garbles words (or raises IndexError) when threads stem at once — the
# API's gunicorn threads do. Each thread gets its own pair.
_stemmers = threading.local()


def _stemmer(lang: str):
    pair = getattr(_stemmers, "pair", None)
    if pair is None:
        import snowballstemmer  # loaded on first use: importing it builds every language's stemmer

        pair = _stemmers.pair = {"ar": snowballstemmer.stemmer("arabic"), "en": snowballstemmer.stemmer("english")}
    return pair[lang]


def ar_clitic_cut(word: str) -> str:
    """A normalised Arabic word with a proclitic before the article cut off, the article kept ("والشركة" →
    "الشركة", "للشركة" → "الشركة"), as term() reads it before stemming."""
    for prefix in _AR_CLITIC_ARTICLE:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix) - 2 :] if prefix.endswith("ال") else word[len(prefix) - 1 :]
    return word


def ar_stem(word: str) -> str:
    """The Snowball stem of a normalised Arabic word, as term() gives it (``trim_heh``)."""
    return trim_heh(_stemmer("ar").stemWord(word))


def trim_heh(stem: str) -> str:
    """An Arabic stem without a final heh, when three letters or more are left: Snowball knows teh marbuta
    but not its heh spelling, and the trim makes شركة, شركه and الشركات meet on one term."""
    return stem[:-1] if len(stem) >= 3 and stem.endswith("ه") else stem


# Proclitics before a listed word (لوزارة, وبيانات), longest first; not ك, seldom a preposition and the first
# letter of many words (كورنيش is not ك + ورنيش).
_AR_PROCLITICS = ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل")
# Pronoun endings the stemmer cuts (بطاقته, بياناتها), longest first.
_AR_PRONOUN_ENDINGS = ("هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "ه", "ك", "ي")


def _root_initial_base(word: str) -> str | None:
    """The listed word (nlp/data/ar_root_initial.txt) a normalised word is, behind a proclitic and before a
    pronoun ending (وبطاقته: بطاقه, لوزارة: وزاره), or None."""
    listed = _root_initial()
    for w in (word, *(word[len(p):] for p in _AR_PROCLITICS if word.startswith(p) and len(word) - len(p) >= 3)):
        if w in listed:
            return w
        for ending in _AR_PRONOUN_ENDINGS:
            if w.endswith(ending) and len(w) - len(ending) >= 3:
                base = w[: -len(ending)]
                if base in listed:
                    return base
                if base.endswith("ت") and base[:-1] + "ه" in listed:
                    return base[:-1] + "ه"  # بطاقته: بطاقة
    return None


@lru_cache(maxsize=1)
def _root_initial() -> frozenset[str]:
    """Arabic words whose first ب، ك، ل، و or ف is part of the word (nlp/data/ar_root_initial.txt)."""
    from marsad.nlp import data

    return frozenset(data.words("ar_root_initial.txt"))


# camel-tools' Arabic normal form, as one character map. dediac_ar removes the diacritics of its
# AR_DIAC_CHARSET (below); normalize_alef_ar, normalize_alef_maksura_ar and normalize_teh_marbuta_ar each
# replace single characters. Maps of single characters compose into one, so str.translate gives what
# the four camel-tools calls give, in one pass and without importing camel-tools: its charset module
# walks all of Unicode when imported (~0.5 s of CPU in every process that normalised Arabic).
# tests/nlp/test_arabic.py holds the map to camel-tools' functions for every code point.
AR_DIACRITICS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670"
_AR_NORMAL = str.maketrans({
    **dict.fromkeys(AR_DIACRITICS + TATWEEL),
    "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",  # أ إ آ ٱ -> ا
    "\u0649": "\u064a",  # ى -> ي
    "\u0629": "\u0647",  # ة -> ه
    **_DIGITS,
})

# Conjunction/preposition + article clusters that are almost never part of a word.
_AR_CLITIC_ARTICLE = ("وبال", "وال", "فال", "بال", "كال", "ولل")


class Term(NamedTuple):
    """A search term with the offsets of the word it comes from (not a token: see ``nlp.tokens``)."""

    form: str
    start: int
    end: int


def fold_digits(text: str) -> str:
    """Returns text with Arabic-Indic and Persian digits replaced by ASCII digits."""
    return text.translate(_DIGITS)


def normalize_arabic(text: str) -> str:
    """Returns the orthographic normal form of Arabic text.

    Removes diacritics and tatweel and unifies alef variants (أ إ آ ٱ → ا),
    alef maksura (ى → ي) and teh marbuta (ة → ه) as camel-tools does; digits
    are folded to ASCII. The result is for matching, never for display.

    Args:
        text: any text; non-Arabic characters pass through unchanged.

    Returns:
        The normalised text (may be shorter than the input).
    """
    return text.translate(_AR_NORMAL)


def is_arabic_token(token: str) -> bool:
    """Returns True when the token contains an Arabic letter."""
    return ARABIC_LETTER_RE.search(token) is not None


# The version of the search forms term() makes. Raise it when term() gives some word another form: stored
# forms are then remade from their texts when the indices migrate (marsad.indices, documents.reformed).
# 2: a first ب، ك، ل، و or ف that is the word's own is kept (nlp/data/ar_root_initial.txt).
FORMS_VERSION = 2


@lru_cache(maxsize=200_000)
def term(token: str) -> str:
    """Returns the search term of one token: normalised, lowercased and stemmed.

    Args:
        token: a single word as ``TOKEN_RE`` finds it.

    Returns:
        The term, or an empty string when nothing searchable is left.
    """
    if is_arabic_token(token):
        word = ar_clitic_cut(normalize_arabic(token))
        if not word.startswith("ال") and (base := _root_initial_base(word)) is not None:
            # A first ب، ك، ل، و or ف the stemmer would take for a proclitic but which is the word's own
            # (بيانات, not ب + يانات; وزارة, not و + زارة): stemmed as the word with the article is.
            word = "ال" + base
        return ar_stem(word)
    word = fold_digits(token).lower()
    if word.isdigit():
        return word
    return _stemmer("en").stemWord(word)


def terms(text: str) -> list[Term]:
    """Returns the search terms of text with the offsets of their source tokens.

    Offsets index the original text, so a match on a term can be highlighted
    in the text as written.
    """
    out = []
    for m in TOKEN_RE.finditer(text):
        form = term(m.group())
        if form:
            out.append(Term(form, m.start(), m.end()))
    return out


def search_form(text: str) -> str:
    """Returns the search form of text: its terms joined by spaces.

    Index this form with Elasticsearch's ``standard`` analyzer and pass queries
    through the same function.
    """
    # The same terms as terms(text), without the offsets: map over the cached
    # term() runs at C speed (about 3x faster on a 600-word article).
    return " ".join(filter(None, map(term, TOKEN_RE.findall(text))))
