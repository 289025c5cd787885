"""Which country a text gives a place, a state body or the whole article.

Generic state bodies ("Ministry of Health", "هيئة السوق المالية") exist in
every country, so their ids carry the country (``ministry-of-health-oman``,
``capital-market-authority-saudi-arabia``): the one named with the body
("Oman's Ministry of Health", "the Omani Ministry of Health", "وزارة الصحة
العمانية", "… في الكويت"), else the article's, from its dateline ("MUSCAT,
Jan 22 (Wire) -", "الكويت –") or, without one, the country it names most.
The governments of "the Egyptian government" / "الحكومة المصرية" speak as
their country, from the same table of gentilics.

Word lists: ``nlp/data/country_adjectives.tsv`` (gentilics; Arabic ones of other countries are formed from
their names in ``nlp/data/places.tsv``),
``nlp/data/city_countries.tsv`` (each known city's country),
``nlp/data/generic_body_words.tsv`` (the words of generic body names).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from marsad.nlp import data
from marsad.nlp.tokens import AR_MARKS, BARE_ALEF
from marsad.nlp.types import Entity

__all__ = ["article_country", "city_country", "country_of_adjective", "generic_body", "gentilic_state",
           "government_of", "strip_nisba"]

_DATA = Path(__file__).with_name("data")
_FUNCTION_WORDS = frozenset({"of", "and", "for", "the", "&"})
# A dateline: "MUSCAT, Jan 22 (Meridian Wire) - ", "KUWAIT CITY, Nov 5 -", "الكويت – ", "جنيف/بورتسودان –".
_EN_DATELINE = re.compile(r"^([A-Z][A-Z .'-]{1,30}?)(?:,[^\n]{0,60}?)?\s[-–—]\s")
_AR_DATELINE = re.compile(r"^([\u0600-\u06ff][\u0600-\u06ff ]{1,30}?)(?:/[^\n–—-]{1,30})?\s*[–—-]\s")


def _rows(name: str) -> list[list[str]]:
    return data.rows(name)


# Harakat and tatweel, which a country's CLDR name may carry ("عُمان").
_AR_MARKS = re.compile(f"[{AR_MARKS}]")


def _bare_alefs(word: str) -> str:
    """A word with its hamzated alefs bare, as the gentilic table writes them ("أوكراني" → "اوكراني")."""
    return word.translate(BARE_ALEF)


def _derived_gentilic(name: str) -> str | None:
    """The masculine gentilic of a one-word Arabic country name, in the table's form: "السنغال" → "سنغالي",
    "أوكرانيا" → "اوكراني", "سنغافورة" → "سنغافوري", "تشيلي" → "تشيلي"; None for a name of several words."""
    w = _AR_MARKS.sub("", name)
    if " " in w or len(w) < 3:
        return None
    if w.startswith("ال") and len(w) > 4:  # the article, not the أل of "ألمانيا"
        w = w[2:]
    w = _bare_alefs(w)
    if w.endswith(("ا", "ة")):
        w = w[:-1]
    return w if w.endswith("ي") else w + "ي"


@cache
def _adjectives() -> dict[str, str]:
    """Gentilic → country id: the rows of country_adjectives.tsv, then for the Arabic of any other country the
    gentilic formed from its name (nlp/data/places.tsv, rows with an ISO code). A row whose country is "-"
    names no country: a word that looks like a gentilic and is an ordinary adjective ("مالي", financial)."""
    table = {a: c for a, c in _rows("country_adjectives.tsv")}
    for row in _rows("places.tsv")[1:]:
        if len(row) > 5 and row[5]:
            for name in row[4].split("|"):
                made = _derived_gentilic(name)
                if made is not None:
                    table.setdefault(made, row[0])
    return {a: c for a, c in table.items() if c != "-"}


@cache
def _cities() -> dict[str, str]:
    return {row[0]: row[1] for row in _rows("city_countries.tsv")}


@cache
def _own_government() -> frozenset[str]:
    return frozenset(row[0] for row in _rows("city_countries.tsv") if row[2:] == ["own"])


@cache
def _body_words() -> tuple[frozenset[str], frozenset[str]]:
    rows = _rows("generic_body_words.tsv")
    return (frozenset(w for w, role in rows if role == "head"), frozenset(w for w, role in rows if role == "word"))


def body_heads() -> frozenset[str]:
    """Returns the head words of state bodies' English names (authority, commission, agency …;
    nlp/data/generic_body_words.tsv): the kind of body, which a translation may name and English drop."""
    return _body_words()[0]


def strip_nisba(word: str) -> str:
    """A gentilic adjective in the form the table holds: "المصرية" → "مصري" (article and endings off)."""
    w = _bare_alefs(word)
    for p in ("وال", "ال"):
        if w.startswith(p) and len(w) > len(p) + 2:
            w = w[len(p):]
            break
    for end in ("ية", "يه", "يين", "يون"):
        if w.endswith(end):
            return w[: -len(end)] + "ي"
    return w


def country_of_adjective(word: str) -> str | None:
    """The country id of a gentilic ("Omani", "المصرية"), else None."""
    table = _adjectives()
    if word.isascii():
        return table.get(word.lower())
    return table.get(strip_nisba(word))


def gentilic_state(words: Sequence[str], heads: frozenset[str], gaz):
    """The gazetteer's country a two-word Arabic mention "<head> <gentilic>" stands for ("الحكومة الأردنية",
    "المندوب الروسي" → the country of the gentilic), else None. A leading و/ف on the head is ignored; which
    heads count is the caller's (a government, an envoy)."""
    if len(words) != 2 or words[0].lstrip("وف") not in heads:
        return None
    entry = gaz.get(country_of_adjective(words[1]) or "")
    return entry if entry is not None and entry.label == "GPE" else None


def city_country(ident: str) -> str | None:
    """The country id of a place id: itself for a country, its country for a known city, else None."""
    from marsad.nlp.gazetteer import gazetteer

    if ident in _cities():
        return _cities()[ident]
    entry = gazetteer().get(ident)
    if entry is not None and entry.label == "GPE" and ident in set(_cities().values()):
        return ident
    return None


def government_of(ident: str) -> str | None:
    """Whose generic bodies a place named with one stands for: an emirate's own ("Dubai's Real Estate
    Regulatory Agency" → dubai), else its country's (``city_country``)."""
    return ident if ident in _own_government() else city_country(ident)


def generic_body(name: str) -> str | None:
    """The English name of a generic state body in one form, or None when the name is one country's.

    "Ministry of Health", "Health Ministry" → "Ministry of Health"; "Capital
    Markets Authority" stays; "Dubai Land Department", "Ministry of Digital
    Economy" → None.
    """
    words = [w for w in re.split(r"[\s,]+", name.strip()) if w]
    if words and words[0].lower() == "the":
        words = words[1:]
    low = [w.lower() for w in words]
    heads, subjects = _body_words()
    content = [w for w in low if w not in _FUNCTION_WORDS]
    if not content or not any(w in heads for w in content):
        return None
    if not all(w in heads or w in subjects for w in content):
        return None
    if len(content) < 2:
        return None  # "the Ministry", "the Authority": a description, not a name
    if low[-1] == "ministry" and "of" not in low:
        # "Health Ministry" is the "Ministry of Health".
        words = ["Ministry", "of", *words[:-1]]
    if [w.lower() for w in words] == ["ministry", "of", "foreign"]:
        words = [*words, "Affairs"]  # "the foreign ministry"
    if [w.lower() for w in words] == ["ministry", "of", "defense"]:
        # One spelling in both languages' ids: the Arabic glossary writes "defense", British news "defence"
        # (the United States' Department of Defense keeps its name).
        words = [*words[:-1], "Defence"]
    return " ".join(w if w.lower() in _FUNCTION_WORDS else w[:1].upper() + w[1:] for w in words)


def _dateline_place(text: str, lang: str) -> str | None:
    """The place a wire dateline opens the body with (the first lines after the headline), as written."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    for line in lines[1:3] if len(lines) > 1 else lines:
        m = (_EN_DATELINE if lang == "en" else _AR_DATELINE).match(line)
        if m is not None:
            return m.group(1).strip()
    return None


def article_country(text: str, lang: str, entities: Sequence[Entity]) -> str | None:
    """The country an article is set in: its dateline's, else the only one it names, else the one it names
    most (and at least twice).

    Args:
        text: the article (headline, line break, body).
        lang: "en" or "ar".
        entities: its entities with ids (places among them).

    Returns:
        A gazetteer country id, or None when the text does not tell.
    """
    from marsad.nlp.gazetteer import gazetteer

    place = _dateline_place(text, lang)
    if place is not None:
        gaz = gazetteer()
        if lang == "en":
            entry = gaz.lookup(place.title(), "en") or gaz.lookup(place, "en")
        else:
            # A dateline عمان is Amman: Omani datelines name Muscat.
            entry = gaz.get("amman") if place in ("عمان", "عمّان") else gaz.lookup(place, "ar")
        if entry is None and lang == "en":
            ident = re.sub(r"[^a-z]+", "-", place.lower()).strip("-")
            country = city_country(ident)
            if country is not None:
                return country
        if entry is not None and entry.label == "GPE":
            country = city_country(entry.id)
            if country is not None:
                return country
    counts: Counter = Counter()
    first_at: dict[str, int] = {}
    for e in entities:
        if e.label == "GPE":
            country = city_country(e.id)
            if country is not None:
                counts[country] += 1
                first_at.setdefault(country, e.start)
    ranked = counts.most_common(2)
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    if len(ranked) == 1 and _sets_the_scene(text, first_at[ranked[0][0]], lang):
        return ranked[0][0]  # named once, where the story opens: "Cambodia reported …"
    return None


# Words before a place that make it a destination, an origin or a partner, not where the story is set.
_MOTION_BEFORE = {"en": re.compile(r"\b(?:to|from|with|into|towards?|via|than)\s+(?:the\s+)?$", re.I),
                  "ar": re.compile(r"(?:^|\s)(?:إلى|الى|من|مع|نحو|عبر|عن)\s*$")}


def _sets_the_scene(text: str, at: int, lang: str) -> bool:
    """Whether a place named at ``at`` opens the story: in its first line or sentence, and not as where someone
    went, what came from it or whom it dealt with ("aid from China", "سافر إلى تركيا")."""
    ends = [i for i in (text.find("\n"), text.find(". "), text.find("، "), text.find(".")) if i != -1]
    lead_end = min(ends) if ends else len(text)
    return at < lead_end and not _MOTION_BEFORE[lang].search(text[max(0, at - 25):at])


# Ministries Arabic news names by their field alone ("الخارجية الفرنسية": the French foreign ministry), normalised.
@cache
def _ar_ministry_fields() -> frozenset[str]:
    from marsad.nlp.normalize import normalize_arabic

    return frozenset(normalize_arabic(w) for w in data.words("ar_ministry_fields.txt"))


def ar_state_body(words: Sequence[str]) -> tuple[str, str | None] | None:
    """The English name of the generic state body an Arabic mention names, and the country its gentilic
    names: "وزارة الدفاع الروسية" → ("Ministry of Defence", "russia"), "الخارجية الإثيوبية" → ("Ministry of
    Foreign Affairs", "ethiopia"), "النيابة العامة" → ("Public Prosecution", None); None for anything else."""
    from marsad.nlp.latin_names import english_name
    from marsad.nlp.normalize import normalize_arabic

    words = [w for w in words if w]
    country = None
    if len(words) >= 2 and (named := country_of_adjective(words[-1])) is not None:
        country, words = named, words[:-1]
    if len(words) == 1 and normalize_arabic(words[0]) in _ar_ministry_fields():
        words = ["وزارة", *words]
    english = english_name(" ".join(words), None) if words else None
    body = generic_body(english[0]) if english is not None else None
    return (body, country) if body is not None else None


def state_body_id(body: str, country: str | None) -> tuple[str, str] | None:
    """The id and display name of a generic state body of a country: ("Ministry of Health", "oman") →
    ("ministry-of-health-oman", "Ministry of Health (Oman)"); None when the gazetteer knows no such country."""
    from marsad.nlp.gazetteer import gazetteer
    from marsad.nlp.translit import slugify

    entry = gazetteer().get(country) if country else None
    if entry is None:
        return None
    return f"{slugify(body)}-{country}", f"{body} ({entry.name})"
