"""The Latin name English news gives an Arabic organisation or place name that nothing else identifies.

Transliteration alone turns "المحكمة العليا" into al-mahkama-al-ulia and
"سي إن إن" into si-in-in, where the English coverage of the same story says
Supreme Court and CNN. Institution words are translated instead, from the
table in ``nlp/data/ar_name_words.tsv``: head words (محكمة court, بورصة stock
exchange), what they are about (العليا supreme, الوطنية national), fixed
phrases (مجلس الشيوخ senate), descriptors English drops before a name (شركة،
نادي، ولاية) and the Arabic names of Latin letters. Arabic puts the head
first and English last, so the translated words and the transliterated name
runs between them are read in reverse order: "جامعة سيراكيوز" → Syracuse
University, "الجمعية العامة للأمم المتحدة" → United Nations General Assembly.

A name made only of names (no table word) is left to ``nlp.translit``; a name
with a definite word that is neither in the table nor in the gazetteer
("صندوق المحافظة", a common noun the table lacks) is too, since half a
translation would be a worse id than a consistent transliteration.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from marsad.nlp import data
from marsad.nlp.countries import country_of_adjective
from marsad.nlp.normalize import normalize_arabic
from marsad.nlp.translit import romanize

__all__ = ["english_name"]

_ROLES = ("word", "trade", "owner", "pre", "of", "drop", "letter")
_LONGEST_KNOWN = 4  # words of the longest known name looked for inside a name

# Looks an Arabic name up: (id, display name, label), or None.
Known = Callable[[str], "tuple[str, str, str] | None"]


@dataclass(frozen=True)
class _Table:
    phrases: dict[tuple[str, ...], tuple[str, str]]  # article-free normal forms → (English, role)
    letters: dict[str, str]  # normal form → Latin letter
    longest: int


def _bare(norm: str) -> str:
    """A normalised word without the article, or without ل + article ("للأمم" → "امم")."""
    if norm.startswith("لل") and len(norm) > 3:
        return norm[2:]
    if norm.startswith("ال") and len(norm) > 3:
        return norm[2:]
    return norm


def _definite(norm: str) -> bool:
    """True for a word with the article, also behind a proclitic (والمنعقدة، بالمدينة)."""
    return len(norm) > 3 and norm.startswith(("ال", "لل", "وال", "بال", "فال", "كال", "ولل"))


_lock = threading.Lock()
_table: _Table | None = None


def _load() -> _Table:
    """Reads nlp/data/ar_name_words.tsv once.

    Raises:
        ValueError: on a malformed line (the message names it).
    """
    global _table
    if _table is None:
        with _lock:
            if _table is None:
                phrases: dict[tuple[str, ...], tuple[str, str]] = {}
                letters: dict[str, str] = {}
                text = data.path("ar_name_words.tsv").read_text(encoding="utf-8")
                for n, line in enumerate(text.splitlines(), 1):
                    if not line.strip() or line.startswith("#"):
                        continue
                    parts = line.split("\t")
                    if len(parts) != 3 or parts[2] not in _ROLES:
                        raise ValueError(f"ar_name_words.tsv line {n}: expected 'arabic<TAB>english<TAB>role', "
                                         f"role one of {', '.join(_ROLES)}; got {line!r}")
                    arabic, english, role = parts
                    if role == "letter":
                        letters[normalize_arabic(arabic)] = english
                    else:
                        key = tuple(_bare(normalize_arabic(w)) for w in arabic.split())
                        phrases.setdefault(key, (english, role))
                _table = _Table(phrases, letters, max(len(k) for k in phrases))
    return _table


def _construct(norms: list[str], i: int) -> bool:
    """Whether word i is ل + a noun (not لل) in construct with the definite word after it, inside the phrase
    ("لحقوق الإنسان", "لكرة القدم") or after it ("لحماية البيانات")."""
    w = norms[i]
    return (w.startswith("ل") and not w.startswith("لل") and len(w) > 3 and i + 1 < len(norms)
            and _definite(norms[i + 1]))


def field_word(norm: str) -> bool:
    """Whether a normalised definite word opens a phrase of the table that says what a body does ("الجمارك",
    "الصحة", "الموارد" of "الموارد البشرية"): translated, not a name."""
    if not norm.startswith("ال"):
        return False
    return _bare(norm) in _field_openers()


@cache
def _field_openers() -> frozenset[str]:
    """The first words of the table's translated phrases (role "word")."""
    return frozenset(k[0] for k, (_, role) in _load().phrases.items() if role == "word")


def trade_word(word: str) -> bool:
    """Whether a word of an Arabic company name says what the company does, behind ل ("للاتصالات")."""
    norm = normalize_arabic(word.strip("«»\"'()"))
    if not _behind_li(norm):
        return False
    hit = _load().phrases.get((_bare(norm),))
    return hit is not None and hit[1] in ("word", "trade")


def _behind_li(norm: str) -> bool:
    """Whether a normalised word is a definite word behind ل ("للاتصالات"), where a trade reads "for"."""
    return norm.startswith("لل") and len(norm) > 3


@dataclass
class _Unit:
    kind: str  # "word", "pre", "drop", "letters", "name", "known"
    text: str  # English for table words, Latin letters, a known name, or the Arabic words of a name run
    definite: bool = False
    ident: str | None = None  # the id of a known name
    label: str | None = None  # the label of a known name
    li: bool = False  # a table word behind ل ("للاتصالات", "لحماية"): a trade or purpose, "X for …"
    owner: bool = False  # a table word that is a name of its own ("الأمم المتحدة"): behind ل it comes first


def _units(words: list[str], table: _Table, known: Known | None) -> list[_Unit]:
    norms = [normalize_arabic(w) for w in words]
    bare = [_bare(n) for n in norms]
    out: list[_Unit] = []
    i = 0
    while i < len(words):
        # A known name of several words is one name, before its words are read as table words
        # ("الإمارات العربية المتحدة" is the United Arab Emirates, not "united arab" + a name).
        for size in range(min(_LONGEST_KNOWN, len(words) - i), 1, -1):
            hit = known(" ".join(words[i : i + size])) if known else None
            if hit and hit[2] != "PERSON":
                out.append(_Unit("known", hit[1], ident=hit[0], label=hit[2]))
                i += size
                break
        else:
            hit = None
        if hit:
            continue
        for size in range(min(table.longest, len(words) - i), 0, -1):
            hit = table.phrases.get(tuple(bare[i : i + size]))
            li = hit is not None and _behind_li(norms[i])
            if hit is None and out and out[-1].kind == "word" and _construct(norms, i):
                # ل before a noun in construct with a definite word, inside an institution's name:
                # "المجلس الوطني لحماية البيانات" is the national council for data protection (not
                # "محمد لخضر", whose ل is the name's own).
                hit = table.phrases.get((norms[i][1:], *bare[i + 1 : i + size]))
                li = hit is not None
            if hit and hit[1] == "trade" and not li:
                hit = None  # "دانة غاز", "تمويل": a trade word outside "for …" is part of a name
            if hit:
                kind = "word" if hit[1] in ("owner", "trade") else hit[1]
                out.append(_Unit(kind, hit[0], li=li and i > 0 and kind == "word", owner=hit[1] == "owner"))
                i += size
                break
        else:
            # "والسكان": "and" and a table word ("وزارة الصحة والسكان").
            conj = table.phrases.get((_bare(norms[i][1:]),)) if norms[i].startswith("وال") and i > 0 else None
            if conj is not None and conj[1] == "word":
                out.append(_Unit("and", "and"))
                out.append(_Unit(conj[1], conj[0]))
                i += 1
                continue
            if norms[i] in table.letters or (norms[i] == "ال" and out and out[-1].kind == "letters"):
                letter = table.letters.get(norms[i], "l")  # a lone "ال" inside an initialism is L
                if out and out[-1].kind == "letters":
                    out[-1].text += letter
                else:
                    out.append(_Unit("letters", letter))
            elif out and out[-1].kind == "name" and not _definite(norms[i]):
                out[-1].text += " " + words[i]
            else:
                out.append(_Unit("name", words[i], _definite(norms[i])))
            i += 1
    # One letter name alone is a word that happens to spell a letter (بي, سي).
    for u in out:
        if u.kind == "letters" and len(u.text) < 2:
            u.kind, u.text = "name", u.text
    return out


def english_name(surface: str, known: Known | None = None) -> tuple[str, str | None] | None:
    """Returns the Latin name English news would give an Arabic name built from table words.

    Args:
        surface: the Arabic name as written (words separated by spaces).
        known: a callable ``name → (id, display name, label) | None`` that
            knows entities by their Arabic names (the gazetteer's lookup);
            used for the name left after a dropped descriptor ("ولاية
            أريزونا") and for places and organisations inside ("جامعة
            القاهرة" → Cairo University; a person's name inside is
            transliterated as written, "منظمة ترامب" → Trump Organization).

    Returns:
        ``(latin name, id)``: the id is the known entity's when the name
        reduces to one, else None (the caller slugs the Latin name). None when
        no table word is in the name, or when it holds an unknown definite
        word.
    """
    words = surface.split()
    if not words or not any("\u0600" <= c <= "\u06ff" for c in surface):
        return None
    table = _load()
    units = _units(words, table, known)
    if not any(u.kind in ("word", "pre", "drop", "letters") for u in units):
        return None  # names only (a known name of several words was looked up whole before)
    if units[0].kind == "known" and units[0].label == "ORG" and all(u.kind == "word" for u in units[1:]):
        return units[0].text, units[0].ident  # "صنداي تلغراف البريطانية": a known organisation, described
    if units[0].kind == "drop" and len(units) > 1:
        units = units[1:]
        if len(units) == 1 and units[0].kind == "known":
            return units[0].text, units[0].ident
        if all(u.kind == "name" for u in units):
            rest = " ".join(u.text for u in units)
            hit = known(rest) if known else None
            return (hit[1], hit[0]) if hit else (romanize(rest), None)
    if units[0].kind == "of" and len(units) > 1:
        # "وزارة الصحة" is the Ministry of Health, as its English name is written.
        rest = _assemble(units[1:], known)
        return (f"{units[0].text} of {rest[0]}", None) if rest is not None else None
    return _assemble(units, known)


def _assemble(units: list[_Unit], known: Known | None) -> tuple[str, str | None] | None:
    """The Latin name of a run of units: English reads heads last, so table words come in reverse order;
    words joined by "and" keep their order ("الصحة والسكان" → health and population); a trade behind ل
    follows the name it completes and comes before the head ("بنك قطر للتنمية" → qatar development bank)."""
    cut = next((k for k, u in enumerate(units) if u.li), None)
    if cut and all(u.kind in ("word", "and") for u in units[cut:]):
        tail = list(units[cut:])
        nations = []
        while len(tail) > 1 and tail[-1].kind == "word" and country_of_adjective(tail[-1].text):
            nations.insert(0, tail.pop())  # "… للأمن السيبراني البريطاني": British says whose centre
        core, trade = _assemble([*units[:cut], *nations], known), _assemble(tail, known)
        if core is None or trade is None:
            return None
        if units[cut].owner:
            return f"{trade[0]} {core[0]}", None  # "للأمم المتحدة": the owner's name opens the English one
        head = units[0].text
        if cut > 1 and units[0].kind == "word" and core[0].endswith(" " + head):
            return f"{core[0][: -len(head) - 1]} {trade[0]} {head}", None
        return f"{core[0]} {trade[0]}", None
    if any(u.kind == "and" for u in units):
        groups: list[list[_Unit]] = [[]]
        for u in units:
            if u.kind == "and":
                groups.append([])
            else:
                groups[-1].append(u)
        if any(not g for g in groups):
            return None
        names = [_assemble(g, known) for g in groups]
        if any(n is None for n in names):
            return None
        return " and ".join(n[0] for n in names if n is not None), None
    parts: list[str] = []
    for u in units:
        if u.kind == "name":
            hit = known(u.text) if known else None
            if hit and hit[2] != "PERSON":
                parts.append(hit[1])
            elif u.definite:
                return None
            else:
                parts.append(romanize(u.text))
        else:
            parts.append(u.text)
    kinds = [u.kind for u in units]
    if not any(k in ("word", "pre", "of") for k in kinds):
        return " ".join(parts), None  # names and initialisms keep their order ("بي بي سي راديو" → bbc radio)
    # English reads heads last: reverse, but a "pre" head stays before the name it heads.
    items: list[str] = []
    k = 0
    while k < len(parts):
        if kinds[k] == "pre" and k + 1 < len(parts):
            items.append(f"{parts[k]} {parts[k + 1]}")
            k += 2
        else:
            items.append(parts[k])
            k += 1
    return " ".join(reversed(items)), None
