"""Arabic ↔ Latin name matching by consonant skeletons, and transliteration slugs.

Arabic news spells foreign names by ear (Kogan → كوغان, Google → غوغل or
جوجل, Cambridge → كامبريدج) and writes few vowels, so a letter-by-letter
comparison with the Latin spelling fails. Both scripts are instead reduced to
a *skeleton*: the sequence of consonant classes, with vowels, the weak letters
alef/waw/yaa, hamza, ayn and h dropped and sounds that Arabic spells with one
letter for several Latin ones (g/j/k/q/c, s/z, t/th, d/dh) merged. كوغان and
Kogan both become ``KKN``; كامبريدج and Cambridge both become ``KMBRDK``.

The skeleton is lossy on purpose: it is for deciding whether two spellings
can be the same name, not for display. ``slug`` gives the deterministic,
readable Latin id used for an Arabic name that nothing else identifies; it
rarely equals the English slug (Arabic writes no short vowels), so ids of
such names are merged after the fact: ``merge_key`` groups stored entities,
``same_name`` compares two spellings in any scripts, and ``match_id`` picks
the one stored entity a new mention spells (for the indexer).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from nlp.normalize import normalize_arabic

# Arabic letter → consonant class ("" = dropped). Classes are merged where
# Arabic transcription of English/European names is unreliable.
_AR_CLASS = {
    "ب": "B", "پ": "B",
    "ت": "T", "ط": "T", "ث": "T",
    "د": "D", "ض": "D", "ذ": "D",
    "س": "S", "ص": "S", "ز": "S", "ظ": "S",
    "ش": "X", "چ": "X",
    "ج": "K", "غ": "K", "ق": "K", "ك": "K", "خ": "K", "گ": "K",
    "ف": "F", "ڤ": "F",
    "ل": "L", "م": "M", "ن": "N", "ر": "R",
    "ح": "", "ه": "", "ع": "", "ء": "", "ا": "", "و": "", "ي": "", "ى": "", "ة": "",
    "ئ": "", "ؤ": "", "أ": "", "إ": "", "آ": "",
}

# Latin multigraphs first (longest first), then single letters.
_LATIN_RULES: list[tuple[str, str]] = [
    ("tch", "X"), ("sch", "X"), ("sh", "X"), ("ch", "X"), ("zh", "X"),
    ("ph", "F"), ("th", "T"), ("dh", "D"), ("kh", "K"), ("gh", "K"), ("ck", "K"),
    ("qu", "K"), ("ts", "TS"), ("x", "KS"),
    ("b", "B"), ("p", "B"), ("t", "T"), ("d", "D"), ("s", "S"), ("z", "S"),
    ("g", "K"), ("j", "K"), ("k", "K"), ("q", "K"), ("c", "K"),
    ("f", "F"), ("v", "F"), ("l", "L"), ("m", "M"), ("n", "N"), ("r", "R"),
]
_LATIN_RE = re.compile("|".join(re.escape(a) for a, _ in _LATIN_RULES) + "|.", re.S)
_LATIN_MAP = dict(_LATIN_RULES)
# A soft c (before e/i/y) sounds like s and Arabic writes it with س.
_SOFT_C = re.compile(r"c(?=[eiy])")
# "ng" before a consonant or at the end is one nasal (Washington → واشنطن).
_NG = re.compile(r"ng(?=[^aeiouy]|$)")

# Readable romanisation for slugs (not a standard; stable and ASCII).
_AR_ROMAN = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ء": "", "ؤ": "", "ئ": "",
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "ة": "a", "و": "w", "ي": "y", "ى": "a", "پ": "p", "چ": "ch", "ڤ": "v", "گ": "g",
}

# Normalisation turns teh marbuta into heh; at a word's end it reads "a".
_FINAL_HEH = re.compile(r"ه\b")

_SLUG_STRIP = re.compile(r"[^a-z0-9]+")


def _latin_fold(text: str) -> str:
    """Lowercase ASCII letters of text, accents removed."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=50_000)
def skeleton(name: str) -> str:
    """Returns the consonant skeleton of a name written in Arabic or Latin script.

    Args:
        name: a name in either script; words are joined.

    Returns:
        A string of consonant classes with repeats collapsed, e.g. ``"KKN"`` for
        both "Kogan" and "كوغان". Empty when the name has no consonants.
    """
    out: list[str] = []
    # تش is how Arabic writes "ch" (Charles → تشارلز).
    for ch in normalize_arabic(name).replace("تش", "ش"):
        if "\u0600" <= ch <= "\u06ff":
            out.append(_AR_CLASS.get(ch, ""))
    latin = _latin_fold(name)
    latin = _NG.sub("n", _SOFT_C.sub("s", latin))
    for m in _LATIN_RE.finditer(latin):
        out.append(_LATIN_MAP.get(m.group(), ""))
    collapsed: list[str] = []
    for cls in "".join(out):
        if not collapsed or collapsed[-1] != cls:
            collapsed.append(cls)
    return "".join(collapsed)


def _distance(a: str, b: str) -> int:
    """Levenshtein distance of two short strings."""
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def skeletons_match(a: str, b: str) -> bool:
    """Returns True when two skeletons can be spellings of the same name.

    Short skeletons must be equal; longer ones may differ by one class per
    five, which absorbs an inserted or dropped consonant (Zuckerberg →
    زوكربيرغ loses nothing, but Aleksandr → ألكسندر vs Alexander differ).
    """
    if not a or not b:
        return False
    if a == b:
        return True
    shortest = min(len(a), len(b))
    if shortest < 4:
        return False
    return _distance(a, b) <= shortest // 5


def names_match(arabic: str, latin: str) -> bool:
    """Returns True when an Arabic-script name can be a spelling of a Latin-script one.

    An Arabic article ("ال") that the Latin name does not start with is ignored,
    so الغارديان matches Guardian.
    """
    sk_latin = skeleton(latin)
    if skeletons_match(skeleton(arabic), sk_latin):
        return True
    words = normalize_arabic(arabic).split()
    if words and words[0].startswith("ال") and len(words[0]) > 3:
        words[0] = words[0][2:]
        return skeletons_match(skeleton(" ".join(words)), sk_latin)
    return False


def slugify(name: str) -> str:
    """Returns a lowercase ASCII slug of a Latin-script name ("Cambridge Analytica" → "cambridge-analytica")."""
    return _SLUG_STRIP.sub("-", _latin_fold(name).replace("'", "").replace("’", "")).strip("-")


def _romanize_letters(text: str) -> str:
    """Letter-by-letter romanisation of normalised Arabic text (no short vowels: Arabic writes none)."""
    out = []
    prev = ""
    for ch in text:
        if ch in _AR_ROMAN:
            r = _AR_ROMAN[ch]
            # Long vowels after a consonant read as vowels, not w/y.
            if ch == "و" and prev and prev != " ":
                r = "u"
            elif ch == "ي" and prev and prev != " ":
                r = "i"
            out.append(r)
        elif unicodedata.category(ch).startswith("M") or ch == "\u0640":
            continue
        else:
            out.append(ch)
        prev = ch
    return "".join(out)


def _name_key(word: str) -> str:
    return _FINAL_HEH.sub("ة", normalize_arabic(word))


def _load_names() -> dict[str, str]:
    """Reads nlp/data/ar_names_latin.tsv: normalised Arabic name word or compound → Latin spelling."""
    from importlib.resources import files

    table: dict[str, str] = {}
    text = files("nlp").joinpath("data/ar_names_latin.tsv").read_text(encoding="utf-8")
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            arabic, latin = line.split("\t")
        except ValueError:
            raise ValueError(f"ar_names_latin.tsv line {n}: expected 'arabic<TAB>latin', got {line!r}") from None
        table.setdefault(" ".join(_name_key(w) for w in arabic.split()), latin.strip())
    return table


_NAMES = _load_names()


def romanize(name: str) -> str:
    """Returns a deterministic readable ASCII romanisation of an Arabic-script name.

    Name words English news has a usual spelling for are written that way
    (محمد → mohammed, عبد الله → abdullah, القحطاني → al-qahtani, from
    nlp/data/ar_names_latin.tsv); other words letter by letter. Spelling
    variants (أ/ا, ة/ه, ى/ي) share one romanisation.
    """
    words = [_name_key(w) for w in name.split()]
    out: list[str] = []
    i = 0
    while i < len(words):
        pair = " ".join(words[i:i + 2]) if i + 1 < len(words) else None
        if pair and pair in _NAMES:
            out.append(_NAMES[pair])
            i += 2
            continue
        word = words[i]
        if word in _NAMES:
            out.append(_NAMES[word])
        elif word.startswith("ال") and word[2:] in _NAMES:
            out.append("al-" + _NAMES[word[2:]])
        elif word.startswith("ال") and len(word) > 3:
            out.append("al-" + _romanize_letters(word[2:]))  # the article written as in the table's names
        else:
            out.append(_romanize_letters(word))
        i += 1
    return " ".join(out)


def slug(name: str) -> str:
    """Returns the id slug of a name in either script.

    Latin names are slugified as written; Arabic names are romanised first, so
    the same Arabic spelling always gives the same id.
    """
    return slugify(romanize(name))


# Institution words that one language writes and the other translates or
# leaves out ("نادي نيوكاسل يونايتد" / "Newcastle United", "جامعة مانشستر" /
# "University of Manchester"): they are dropped before names are compared.
_AR_INSTITUTION = frozenset(
    normalize_arabic(w)
    for w in "نادي جامعة شركة مجموعة مؤسسة منظمة بنك مصرف صحيفة مجلة وكالة منصة موقع قناة".split()
)
_EN_INSTITUTION = frozenset(
    """university of club fc sc group company co inc ltd llc plc the bank foundation
    organization organisation agency newspaper magazine channel""".split()
)
_WORD = re.compile(r"[\w'’-]+")


def _is_arabic(name: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in name)


def core_name(name: str) -> str:
    """Returns a name without the institution words that translations add or drop.

    Args:
        name: a name in Arabic or Latin script.

    Returns:
        The remaining words joined by spaces (the name itself when nothing
        would remain).
    """
    if _is_arabic(name):
        words = normalize_arabic(name).split()
        kept = [w for w in words if w not in _AR_INSTITUTION]
    else:
        words = _WORD.findall(name)
        kept = [w for w in words if w.casefold() not in _EN_INSTITUTION]
    return " ".join(kept or words)


def merge_key(name: str) -> str:
    """Returns a coarse blocking key under which spellings of one name in either script meet.

    The indexer can group the entities it stores by this key and compare only
    the ids inside a group with ``same_name``: two spellings that match have
    the same first three consonant classes of their core name (the Arabic
    article is ignored). The key is lossy; equal keys do not mean equal names.

    Args:
        name: a name in Arabic or Latin script.

    Returns:
        Up to three consonant-class letters ("KKN" for both "Kogan" and
        "كوغان"); empty when the name has no consonants.
    """
    core = core_name(name)
    if _is_arabic(core):
        words = core.split()
        if words and words[0].startswith("ال") and len(words[0]) > 3:
            words[0] = words[0][2:]
        core = " ".join(words)
    return skeleton(core)[:3]


def same_name(a: str, b: str) -> bool:
    """Returns True when two names, in the same script or not, can be spellings of one name.

    Latin and Latin: equal slugs or equal skeletons ("Al-Qahtani" /
    "Al Qahtani"). Arabic and Arabic: equal normal forms or skeletons.
    Arabic and Latin: ``names_match`` on the core names (institution words
    removed), so "هانزا كلاود" matches "Hansa Cloud" and "نادي نيوكاسل
    يونايتد" matches "Newcastle United". Translated names ("أطباء بلا حدود" /
    "Doctors Without Borders") do not match: only the gazetteer knows them.

    Args:
        a: a name in either script.
        b: a name in either script.

    Returns:
        True when the two can be the same name.
    """
    ca, cb = core_name(a), core_name(b)
    ar_a, ar_b = _is_arabic(ca), _is_arabic(cb)
    if ar_a and ar_b:
        return ca == cb or skeleton(ca) == skeleton(cb) != ""
    if not ar_a and not ar_b:
        return slugify(ca) == slugify(cb) or skeleton(ca) == skeleton(cb) != ""
    arabic, latin = (ca, cb) if ar_a else (cb, ca)
    return names_match(arabic, latin)


def match_id(name: str, label: str, candidates: list[tuple[str, str, list[str]]]) -> str | None:
    """Returns the id of the one candidate entity that a name spells, for merging ids across articles.

    Meant for the indexer: an Arabic name that got a romanised slug in one
    article ("fudafun") and a Latin name in another ("Vodafone") should end up
    under one id. Candidates are the stored entities sharing the name's
    ``merge_key``; a name merges only when exactly one candidate id of the
    same label has an alias that ``same_name`` accepts, so an ambiguous name
    keeps its own id rather than joining the wrong entity.

    Args:
        name: the new mention's text, in either script.
        label: its contract label (PERSON, ORG, GPE, LOC, MISC).
        candidates: ``(id, label, aliases)`` of known entities.

    Returns:
        The matching candidate's id, or None when none or several match.
    """
    found = {
        ident
        for ident, cand_label, aliases in candidates
        if cand_label == label and any(same_name(name, alias) for alias in aliases)
    }
    return found.pop() if len(found) == 1 else None
