"""English-Arabic word translations from an installed dictionary, as search forms.

Claims of one story in two languages share figures, entities and speakers,
but not words: "the price of subsidised bread" and "سعر رغيف الخبز المدعم"
have nothing in common until a dictionary joins them. This module reads
FreeDict's English-Arabic and Arabic-English dictionaries (Arabeyes word
list, GPL-2+), as Debian installs them (``dict-freedict-eng-ara`` and
``dict-freedict-ara-eng``, dictd format under ``/usr/share/dictd``), and turns
each entry into pairs of search forms (``nlp.normalize.search_form``, the
forms claims are indexed and compared under): Children -> الأطفال gives
``children`` ~ ``اطفال``.

Nothing is copied into the repository: the dictionary is read where the
package put it (``MARSAD_DICT_DIR`` to look elsewhere). Without it,
``arabic_forms`` returns nothing and cross-language evidence rests on what it
did before (figures, entities, order); ``available()`` says which.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import marshal
import os
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from marsad.nlp.normalize import search_form

log = logging.getLogger(__name__)

DEFAULT_DIR = "/usr/share/dictd"
FILES = {"en-ar": "freedict-eng-ara", "ar-en": "freedict-ara-eng"}
# dictd writes offsets and lengths in this base-64 alphabet.
_B64 = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}
# A translation line of an entry: "1. قبل" or a bare "الأطفال" (the first line is the headword and its IPA).
_NUMBERED = re.compile(r"^\s*\d+\.\s*")
# A translation of more words than this is a paraphrase, not a word.
MAX_WORDS = 2
# Forms this short join unrelated words (stems of two letters).
MIN_FORM = 3
# A word with more translations than this is too vague to be evidence ("get", "take").
MAX_SENSES = 12


def dict_dir() -> Path:
    """Returns the directory the dictionaries are read from (``MARSAD_DICT_DIR``)."""
    from marsad import config

    return Path(config.get(config.DICT_DIR) or DEFAULT_DIR)


def _number(text: str) -> int:
    value = 0
    for c in text:
        value = value * 64 + _B64[c]
    return value


def read_entries(stem: Path) -> list[tuple[str, list[str]]]:
    """Returns (headword, translations) of a dictd dictionary (``stem``.index and ``stem``.dict.dz).

    Raises:
        OSError: when a file is missing or unreadable.
        ValueError: when the index is malformed.
    """
    data = gzip.decompress(stem.with_suffix(".dict.dz").read_bytes())
    out = []
    for line in stem.with_suffix(".index").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 3:
            raise ValueError(f"{stem}.index: malformed line {line[:60]!r}")
        head, offset, length = parts
        if head.startswith("00-database") or head.startswith("00database"):
            continue
        start = _number(offset)
        body = data[start:start + _number(length)].decode("utf-8", "replace").splitlines()
        senses = [_NUMBERED.sub("", s).strip() for s in body[1:]]
        out.append((head, [s for s in senses if s]))
    return out


def _english_word(phrase: str) -> str | None:
    """The one English word of a dictionary side, lowercased, or None for a phrase."""
    words = phrase.split()
    if len(words) != 1 or not _LATIN_WORD.fullmatch(words[0]):
        return None
    return words[0].lower()


def _arabic_phrase(phrase: str) -> str | None:
    """An Arabic translation short enough to be a word (or two), or None."""
    words = phrase.split()
    if not words or len(words) > MAX_WORDS or not all(_ARABIC_WORD.fullmatch(w) for w in words):
        return None
    return phrase


_LATIN_WORD = re.compile(r"[A-Za-z][a-z]+")
_ARABIC_WORD = re.compile("[\u0621-\u0652\u0670]+")


def table() -> dict[str, tuple[str, ...]]:
    """Returns the word table (``build_table``), read from the cache directory when it was built before.

    Reading the two dictionaries takes ~2 s of CPU; every crawl process that
    groups claims would pay it. The table is kept in ``<cache>/bilingual``
    under a name made from the dictionaries' sizes and modification times, so
    an upgraded package is read again.
    """
    global _TABLE
    if _TABLE is None:
        _TABLE = _cached_table()
    return _TABLE


_TABLE: dict[str, tuple[str, ...]] | None = None
# Raise when build_table's output changes for the same dictionaries.
TABLE_FORMAT = 1


def reset() -> None:
    """Forgets the table and the looked-up words (after MARSAD_DICT_DIR changes)."""
    global _TABLE
    _TABLE = None
    _word_forms.cache_clear()


def _cached_table() -> dict[str, tuple[str, ...]]:
    from marsad import config

    files = [dict_dir() / f"{name}{ext}" for name in FILES.values() for ext in (".index", ".dict.dz")]
    try:
        stats = [(str(f), f.stat().st_size, f.stat().st_mtime_ns) for f in files]
    except OSError:
        return build_table()  # not installed: build_table says so
    key = hashlib.blake2b(repr((TABLE_FORMAT, stats)).encode(), digest_size=8).hexdigest()
    path = config.cache_dir() / "bilingual" / f"words-{key}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    built = build_table()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(built))
        os.replace(tmp, path)
    except OSError as exc:
        log.info("bilingual: word table not cached (%s)", exc)
    return built


def build_table() -> dict[str, tuple[str, ...]]:
    """Returns {English word, lowercased: the Arabic words or two-word phrases it translates to}, from both
    dictionaries.

    Words are kept as written; their search forms are made when a word is looked up (``arabic_forms``),
    so reading the dictionaries costs no stemming. Empty (with one warning in the log) when the
    dictionaries are not installed.
    """
    pairs: dict[str, set[str]] = defaultdict(set)
    base = dict_dir()
    for direction, name in FILES.items():
        try:
            entries = read_entries(base / name)
        except (OSError, ValueError) as exc:
            log.warning("bilingual: no %s dictionary (%s): cross-language claim evidence without words", direction,
                        exc)
            continue
        for head, senses in entries:
            if len(senses) > MAX_SENSES:
                continue
            for sense in senses:
                en, ar = (head, sense) if direction == "en-ar" else (sense, head)
                word, phrase = _english_word(en), _arabic_phrase(ar)
                if word and phrase:
                    pairs[word].add(phrase)
    return {en: tuple(sorted(ar)) for en, ar in pairs.items()}


@lru_cache(maxsize=50_000)
def _word_forms(word: str) -> frozenset[str]:
    """The Arabic search forms of one English word's translations (its own, else its singular's or stem's)."""
    t = table()
    phrases = t.get(word)
    if phrases is None:
        for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")):
            if word.endswith(suffix) and len(word) - len(suffix) >= 3 and word[: -len(suffix)] + repl in t:
                phrases = t[word[: -len(suffix)] + repl]
                break
    return frozenset(f for p in phrases or () for f in search_form(p).split() if len(f) >= MIN_FORM)


def available() -> bool:
    """Returns whether a dictionary was found."""
    return bool(table())


def arabic_forms(text: str) -> set[str]:
    """Returns the Arabic search forms the English words of text translate to."""
    return translate(text)[0]


def translate(text: str) -> tuple[set[str], int]:
    """Returns the Arabic search forms of the English words of text, and how many distinct words have any.

    The count is what a comparison can weigh: a word the dictionary does not
    hold ("the", a name) is evidence neither way.
    """
    out: set[str] = set()
    known = 0
    for w in {w.lower() for w in _LATIN_WORD.findall(text)}:
        forms = _word_forms(w)
        if forms:
            out |= forms
            known += 1
    return out, known
