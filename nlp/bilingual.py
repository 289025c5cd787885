"""English-Arabic word translations from an installed dictionary, as Arabic search forms.

Claims of one story in two languages share figures, entities and speakers,
but not words: "the price of subsidised bread" and "سعر رغيف الخبز المدعم"
have nothing in common until a dictionary joins them. This module reads
FreeDict's English-Arabic and Arabic-English dictionaries (Arabeyes word
list, GPL-2+), as Debian installs them (``dict-freedict-eng-ara`` and
``dict-freedict-ara-eng``, dictd format under ``/usr/share/dictd``), into a
table of English words and the Arabic words or two-word phrases they
translate to (Children -> الأطفال). ``translate`` gives an English text's
content words as sets of Arabic search forms (``nlp.normalize.search_form``,
the forms claims are indexed and compared under): ``children`` -> {``اطفال``}.

Nothing is copied into the repository: the dictionary is read where the
package put it (``MARSAD_DICT_DIR`` to look elsewhere). Without it,
``translate`` returns nothing and cross-language evidence rests on what it
did before (figures, entities, order); ``available()`` says which.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import marshal
import os
import re
import tempfile
import threading
import zlib
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from marsad.nlp.en.units import _EN_STOP
from marsad.nlp.normalize import search_form

log = logging.getLogger(__name__)

FILES = {"en-ar": "freedict-eng-ara", "ar-en": "freedict-ara-eng"}
# dictd writes offsets and lengths in this base-64 alphabet.
_B64 = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}
# A translation line of an entry: "1. قبل" or a bare "الأطفال" (the first line is the headword and its IPA).
_NUMBERED = re.compile(r"^\s*\d+\.\s*")
# A translation of more words than this is a paraphrase, not a word.
MAX_WORDS = 2
# Forms this short join unrelated words (stems of two letters).
MIN_FORM = 3
# An entry with more senses than this lists loose associations, not translations ("yoke", 13 senses).
MAX_SENSES = 12
# An English word of a text (apostrophes kept, so "won't" is not "won"), and a Latin or Arabic dictionary side.
_TEXT_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_POSSESSIVE = re.compile(r"['’]s?$|['’]s(?=['’])")
_LATIN_WORD = re.compile(r"[A-Za-z][a-z]+")
_ARABIC_WORD = re.compile("[\u0621-\u0652\u0670]+")
# Raise when build_table's output changes for the same dictionaries (the settings above are in the key).
TABLE_FORMAT = 2


def dict_dir() -> Path:
    """Returns the directory the dictionaries are read from (``MARSAD_DICT_DIR``)."""
    from marsad import config

    return Path(config.get(config.DICT_DIR))


def _number(text: str) -> int:
    value = 0
    for c in text:
        value = value * 64 + _B64[c]
    return value


def read_entries(stem: Path) -> list[tuple[str, list[str]]]:
    """Returns (headword, translations) of a dictd dictionary (``stem``.index and ``stem``.dict.dz).

    Raises:
        OSError: when a file is missing or unreadable.
        ValueError: when a file is not what dictd writes (an index line, an offset, the compressed data).
    """
    try:
        data = gzip.decompress(stem.with_suffix(".dict.dz").read_bytes())
    except (EOFError, zlib.error) as exc:
        raise ValueError(f"{stem}.dict.dz: {exc}") from exc
    out = []
    for line in stem.with_suffix(".index").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or not all(c in _B64 for c in parts[1] + parts[2]):
            raise ValueError(f"{stem}.index: malformed line {line[:60]!r}")
        head, offset, length = parts
        if head.startswith(("00-database", "00database")):
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


def build_table() -> tuple[dict[str, tuple[str, ...]], bool]:
    """Reads both dictionaries: {English word, lowercased: its Arabic words or two-word phrases}, and
    whether both were read whole.

    Words are kept as written; their search forms are made when a word is
    looked up (``_word_forms``), so reading costs no stemming. A dictionary
    that is missing or damaged is left out, with a warning.
    """
    pairs: dict[str, set[str]] = defaultdict(set)
    whole = True
    for direction, name in FILES.items():
        try:
            entries = read_entries(dict_dir() / name)
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            log.warning("bilingual: no %s dictionary (%s): cross-language claim evidence without its words",
                        direction, exc)
            whole = False
            continue
        for head, senses in entries:
            if len(senses) > MAX_SENSES:
                continue
            for sense in senses:
                en, ar = (head, sense) if direction == "en-ar" else (sense, head)
                word, phrase = _english_word(en), _arabic_phrase(ar)
                if word and phrase:
                    pairs[word].add(phrase)
    return {en: tuple(sorted(ar)) for en, ar in pairs.items()}, whole


_TABLE: dict[str, tuple[str, ...]] | None = None
_LOCK = threading.Lock()


def table() -> dict[str, tuple[str, ...]]:
    """Returns the word table (``build_table``), read from the cache directory when it was built before.

    Reading the two dictionaries takes ~1-2 s of CPU, which every crawl
    process that groups claims would pay. A table read whole is kept in
    ``<cache>/bilingual`` under a name made from the dictionaries' sizes and
    modification times and this module's settings, so an upgraded package or
    a changed setting is read again. A table missing a dictionary is used but
    not kept; it is not built again in the same process (``reset`` does).
    """
    global _TABLE
    if _TABLE is None:
        with _LOCK:
            if _TABLE is None:
                _TABLE = _cached_table()
    return _TABLE


def reset() -> None:
    """Forgets the table and the looked-up words (after MARSAD_DICT_DIR changes)."""
    global _TABLE
    with _LOCK:
        _TABLE = None
        _word_forms.cache_clear()


def _cached_table() -> dict[str, tuple[str, ...]]:
    from marsad import config

    files = [dict_dir() / f"{name}{ext}" for name in FILES.values() for ext in (".index", ".dict.dz")]
    try:
        stats = [(str(f), f.stat().st_size, f.stat().st_mtime_ns) for f in files]
    except OSError:
        return build_table()[0]  # not installed: build_table says so
    settings = (TABLE_FORMAT, MAX_WORDS, MAX_SENSES, _LATIN_WORD.pattern, _ARABIC_WORD.pattern, _NUMBERED.pattern)
    key = hashlib.blake2b(repr((settings, stats)).encode(), digest_size=8).hexdigest()
    path = config.cache_dir() / "bilingual" / f"words-{key}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    built, whole = build_table()
    if whole:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".words-", suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                f.write(marshal.dumps(built))
            os.replace(tmp, path)
        except OSError as exc:
            log.info("bilingual: word table not cached (%s)", exc)
    return built


def available() -> bool:
    """Returns whether a dictionary was found."""
    return bool(table())


# Suffixes tried, in order, for an inflected word the dictionary does not list ("downloads" -> download).
# The table is keyed by words as written: stemming its 79,000 keys to meet the Snowball stems of
# nlp.normalize would cost seconds a process.
_SUFFIXES = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"))


@lru_cache(maxsize=50_000)
def _word_forms(word: str) -> frozenset[str]:
    """The Arabic search forms of one English word's translations (its own, else a listed base form's)."""
    t = table()
    phrases = t.get(word)
    if phrases is None:
        for suffix, repl in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3 and word[: -len(suffix)] + repl in t:
                phrases = t[word[: -len(suffix)] + repl]
                break
    return frozenset(f for p in phrases or () for f in search_form(p).split() if len(f) >= MIN_FORM)


def translate(text: str) -> list[frozenset[str]]:
    """Returns, for each distinct content word of an English text that the dictionary translates, the
    Arabic search forms it translates to.

    Left out, as evidence neither way: function words ("that", "was", which
    translate to Arabic function words), contractions ("won't" is not
    "won"; a possessive is its noun), and capitalised words after the first
    (names: "Trump" is not بوق).
    """
    out: dict[str, frozenset[str]] = {}
    for n, w in enumerate(_TEXT_WORD.findall(text)):
        w = _POSSESSIVE.sub("", w)  # "children's" is children
        lower = w.lower()
        if lower in out or lower in _EN_STOP or "'" in w or "’" in w or (n and w[0].isupper()):
            continue
        forms = _word_forms(lower)
        if forms:
            out[lower] = forms
    return list(out.values())


def arabic_forms(text: str) -> set[str]:
    """Returns every Arabic search form the content words of an English text translate to."""
    return set().union(*translate(text))
