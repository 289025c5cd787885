"""Gives each entity span its id and display name: gazetteer ids, Latin partners and
skeleton matches, romanised slugs, earlier full mentions, and the country of generic bodies.
"""

from __future__ import annotations

import re

from marsad.nlp import arabic as ar
from marsad.nlp.gazetteer import Gazetteer, gazetteer
from marsad.nlp.latin_names import english_name
from marsad.nlp.normalize import normalize_arabic
from marsad.nlp.spans import _WS_ONLY, _Span
from marsad.nlp.tokens import NAME_RE
from marsad.nlp.translit import MATCH_MARGIN, cross_gap, merge_key, name_gap, names_match, skeleton, slug, slugify
from marsad.nlp.types import Entity

# ---------------------------------------------------------------------------
# ids and names


def _finish(text: str, spans: list[_Span], lang: str) -> list[Entity]:
    """Assigns ids and display names, links short mentions and Arabic to Latin spellings."""
    gaz = gazetteer()
    spans = sorted(spans, key=lambda s: s.start)
    latin = [s for s in spans if not _has_arabic(text[s.start : s.end])]
    out: list[Entity] = []
    known: list[Entity] = []
    # Entities whose id a list gave (the recogniser's or the gazetteer's): never a generic body's.
    listed: set[int] = set()
    glossed = _glossed_names(text, spans, latin)
    for s in spans:
        surface = text[s.start : s.end]
        ident, name, label = s.id, s.name, s.label
        if ident is None:
            entry = gaz.lookup(surface, lang if not _has_arabic(surface) or lang == "ar" else "ar")
            if entry is not None:
                ident, name, label = entry.id, entry.name, entry.label
        if ident == "oman" and "\u0651" in surface:
            # عُمان is Oman, عمّان (with shadda) is Amman; normalisation loses the difference.
            entry = gaz.get("amman")
            if entry is not None:
                ident, name = entry.id, entry.name
        if ident is None and _has_arabic(surface):
            person = _known_person_at_end(surface, gaz)
            if person is not None:
                # "منظمة تيدروس أدهانوم غيبريسوس" (from "المدير العام للمنظمة تيدروس …"): the
                # recogniser ran the organisation a title belongs to into the person's name.
                cut, entry = person
                s = _Span(s.start + cut, s.end, "PERSON", entry.id, entry.name, s.source)
                surface = text[s.start : s.end]
                ident, name, label = entry.id, entry.name, "PERSON"
        if ident is None and (gloss := glossed.get(_gloss_key(surface))) is not None:
            # «الراية» … «الراية» (Al Raya Medical Group): the article's own Latin form names every mention.
            ident = gloss.id or slugify(text[gloss.start : gloss.end])
            name = gloss.name or text[gloss.start : gloss.end]
        if ident is None:
            linked = _earlier_mention(surface, label, known, lang)
            if linked is not None:
                ident, name, label = linked.id, linked.name, linked.label
        if ident is None and label == "ORG" and _has_arabic(surface):
            state = _government_of(surface, gaz)
            if state is not None:
                ident, name = state
        if ident is None and _has_arabic(surface):
            partner = _latin_partner(text, s, latin)
            if partner is not None:
                p_surface = text[partner.start : partner.end]
                ident = partner.id or slugify(p_surface)
                name = partner.name or p_surface
                if partner.id is None and s.label != partner.label and s.source != "latin":
                    partner.label = s.label
            else:
                ident, name = _skeleton_lookup(surface, gaz, label)
                if ident is not None:
                    label = gaz.entries[ident].label
        if ident is None:
            if _has_arabic(surface):
                ident, name = _unknown_arabic(surface, gaz)
            else:
                name = _display(surface)
                ident = _latin_id(name)
        if not ident:
            continue
        ent = Entity(surface, label, s.start, s.end, ident, name or surface)
        if ident == s.id or gaz.get(ident) is not None:
            listed.add(len(out))
        out.append(ent)
        known.append(ent)
    _country_of_generic_bodies(text, lang, out, listed, gaz)
    # A Latin spelling linked to an Arabic name shares that name's id. The
    # script of each mention is found once, and the Arabic labels looked up by
    # id, so this stays linear in the number of mentions.
    arabic = [_has_arabic(e.text) for e in out]
    arabic_label: dict[str, str] = {}
    for e, is_ar in zip(out, arabic, strict=True):
        if is_ar:
            arabic_label[e.id] = e.label  # the last Arabic mention wins, as before
    for e, is_ar in zip(out, arabic, strict=True):
        if not is_ar and e.id in arabic_label:
            e.label = arabic_label[e.id]
    return out


# "Oman's", "the Omani" right before an English name.
_EN_OWNER = re.compile(r"(?:\b([A-Z][\w.-]*(?: [A-Z][\w.-]*){0,2})['’]s|\b([A-Z][a-z]+(?: Korean)?))\s+$")
# "في الكويت" / "بالكويت" right after an Arabic name.
_AR_IN_PLACE = re.compile(r"\s+(?:في|ب)\s*(\S+(?:\s+\S+)?)")


def _country_of_generic_bodies(text: str, lang: str, out: list[Entity], listed: set[int], gaz: Gazetteer) -> None:
    """Gives the generic state bodies of a text their country: "Oman's Ministry of Health" → ministry-of-health-oman.

    Every country has a Ministry of Health, a Capital Market Authority and a
    Public Prosecution (``nlp.countries.generic_body``), so their ids carry
    the country the text names with them ("Oman's", "the Omani", "وزارة الصحة
    العمانية", "… في الكويت"), else the article's (``nlp.countries.article_country``).
    Later mentions of the same body ("the Ministry of Health") take the
    country of its first mention that names one. Bodies the gazetteer knows
    keep its id.
    """
    from marsad.nlp.countries import article_country, country_of_adjective, generic_body

    bodies: list[tuple[int, str, str | None]] = []  # (index in out, English name, country named with it)
    for i, e in enumerate(out):
        if e.label != "ORG" or i in listed:
            continue
        named: str | None = None
        if _has_arabic(e.text):
            words = e.text.split()
            if len(words) > 2 and country_of_adjective(words[-1]) is not None:
                # "وزارة الصحة السودانية": the gentilic names the country, the rest the body.
                named = country_of_adjective(words[-1])
                words = words[:-1]
            english = english_name(" ".join(words), None)
            base = generic_body(english[0]) if english is not None else None
            if base is not None and named is None:
                after = text[e.end : e.end + 40]
                m = re.match(r"\s+(\S+)", after)
                if m is not None and country_of_adjective(m.group(1).strip("،,.")) is not None:
                    named = country_of_adjective(m.group(1).strip("،,."))
                else:
                    m = _AR_IN_PLACE.match(after)
                    if m is not None:
                        place = re.split(r"[،,.؛:()«»\n]", m.group(1))[0].split()
                        for n in (2, 1):
                            named = named or (_place_country(" ".join(place[:n]), "ar", gaz) if len(place) >= n
                                              else None)
        else:
            base = generic_body(_display(e.text))
            if base is not None:
                m = _EN_OWNER.search(text[max(0, e.start - 40) : e.start])
                if m is not None and m.group(1):
                    named = _place_country(m.group(1), "en", gaz)
                elif m is not None and m.group(2):
                    named = country_of_adjective(m.group(2))
        if base is not None:
            bodies.append((i, base, named))
    if not bodies:
        return
    first_named: dict[str, str] = {}
    for _i, base, named in bodies:
        if named is not None:
            first_named.setdefault(base.lower(), named)
    fallback: list[str | None] = []
    for i, base, named in bodies:
        country = named or first_named.get(base.lower())
        if country is None:
            if not fallback:
                fallback.append(article_country(text, lang, out))
            country = fallback[0]
        e = out[i]
        entry = gaz.get(country) if country else None
        e.id = f"{slugify(base)}-{country}" if country else slugify(base)
        e.name = f"{base} ({entry.name})" if entry is not None else base


def _place_country(name: str, lang: str, gaz: Gazetteer) -> str | None:
    """Whose generic bodies a place named as written stands for ("Oman", "Dubai", "الكويت"), else None."""
    from marsad.nlp.countries import government_of

    entry = gaz.lookup(name.strip(), lang)
    if entry is None and lang == "ar" and name[:1] in "وبل":
        entry = gaz.lookup(name[1:], lang)
    return government_of(entry.id) if entry is not None and entry.label == "GPE" else None


def _known_person_at_end(surface: str, gaz: Gazetteer) -> tuple[int, object] | None:
    """(offset in surface, gazetteer entry) of a known person's name of two words or more that ends an
    Arabic name whose first word is a common noun ("منظمة تيدروس أدهانوم غيبريسوس"), else None."""
    words = surface.split()
    if len(words) < 3:
        return None
    at = 0
    for k in range(1, min(3, len(words) - 1)):
        at = surface.index(words[k], at + len(words[k - 1]) if k > 1 else len(words[0]))
        entry = gaz.lookup(" ".join(words[k:]), "ar")
        if entry is not None and entry.label == "PERSON":
            return at, entry
    return None


_AR_GOVERNMENT = frozenset({"الحكومة", "حكومة", "الحكومه", "حكومه"})


def _government_of(surface: str, gaz: Gazetteer) -> tuple[str, str] | None:
    """(id, name) of the country a "government + gentilic" name stands for ("الحكومة الإسرائيلية" → israel), as
    English "the Israeli government" does, else None."""
    from marsad.nlp.countries import gentilic_state

    entry = gentilic_state(surface.split(), _AR_GOVERNMENT, gaz)
    return (entry.id, entry.name) if entry is not None else None


def _unknown_arabic(surface: str, gaz: Gazetteer) -> tuple[str, str]:
    """(id, name) of an Arabic name nothing else identifies: its English name when its words translate, else its
    usual Latin spelling (``nlp.latin_names``, ``nlp.translit.slug``)."""

    def known(name: str) -> tuple[str, str, str] | None:
        entry = gaz.lookup(name, "ar")
        return (entry.id, entry.name, entry.label) if entry is not None else None

    english = english_name(surface, known)
    words = surface.split()
    for cut in range(len(words) - 1, 1, -1):
        if english is not None:
            break
        if words[cut][:1] in "ولب" and len(words[cut]) > 3:
            # A name run on into the sentence ("هيئة تنظيم الطيران المدني للمطالبة",
            # "وزارة الصحة والجهات الأمنية"): the name before the particle, when it translates.
            english = english_name(" ".join(words[:cut]), known)
    if english is not None:
        latin, ident = english
        if ident is not None:
            return ident, latin
        if slugify(latin):
            return slugify(latin), surface
    return slug(surface), surface


def _has_arabic(s: str) -> bool:
    return NAME_RE.match(s) is not None and any("\u0600" <= c <= "\u06ff" for c in s)


# Honorifics in front of a name that are not part of it: "Ms Davis" is Davis,
# whose id is the same as in a text that writes her name without one.
_HONORIFICS_EN = frozenset(
    "Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Prof Prof. Professor Sen. Senator Rep. Judge Justice".split()
)
# A dotted initialism ("U.N.", "N.F.L") is the same name as the undotted one.
_DOTTED = re.compile(r"\b([A-Z])\.(?=[A-Z]\b)|(?<=\b[A-Z])\.(?=\s|$)")


def _display(surface: str) -> str:
    """The display name of a Latin-script mention: without a leading "the" or honorific."""
    words = surface.split()
    while len(words) > 1 and (words[0] in ("the", "The") or words[0] in _HONORIFICS_EN) and words[1][:1].isupper():
        words = words[1:]
    return " ".join(words) if len(words) < len(surface.split()) else surface


def _latin_id(name: str) -> str:
    """The id of a Latin-script name: its slug, with dotted initialisms closed up (U.N. → un)."""
    return slugify(_DOTTED.sub(r"\1", name))


def _earlier_mention(surface: str, label: str, known: list[Entity], lang: str) -> Entity | None:
    """The earlier entity this short mention refers to: a person's family name or an org's first word."""
    words = list(ar.key(surface if _has_arabic(surface) else _display(surface)))
    if not words or len(words) > 2:
        return None
    for e in reversed(known):
        if e.text == surface:
            return e
        k = ar.key(e.text)
        if len(k) <= len(words):
            continue
        if e.label == "PERSON" and label in ("PERSON", "ORG", "GPE", "MISC") and tuple(words) == k[-len(words):]:
            return e
        if e.label == "PERSON" and label == "PERSON" and len(words) == 1 and words[0] == k[0] \
                and "-" in e.text.split()[-1] and not _has_arabic(surface):
            return e  # a family name written first ("Ri Yong-ho", "Kim Jong-un"), then alone: "Mr Ri"
        if e.label == "ORG" and label in ("ORG", "GPE", "PERSON") and tuple(words) == k[: len(words)] \
                and len(words[0]) > 3:
            return e
        if len(words) == 1 and label == "ORG" and e.label == "ORG" and words[0].isupper() \
                and words[0] == "".join(w[0] for w in k if w[:1].isupper()):
            return e  # an acronym of an earlier name ("GSR")
        if len(words) == 1 and label == "ORG" and e.label == "ORG" and not _has_arabic(surface) \
                and words[0][:1].isupper() and len(words[0]) > 3 and words[0] == k[-1]:
            return e  # the head of an earlier name ("the Commission" after "the European Commission")
    return None


def _gloss_key(surface: str) -> str:
    return " ".join(w.strip("«»\"'") for w in normalize_arabic(surface).split()) if _has_arabic(surface) else ""


def _adjacent_latin(text: str, s: _Span, latin: list[_Span]) -> _Span | None:
    """The Latin mention right after an Arabic one, set off by brackets or quotes only
    ("غلوبال ساينس للأبحاث (Global Science Research)"), else None."""
    for p in latin:
        gap = text[s.end : p.start] if p.start >= s.end else None
        if gap is not None and len(gap) <= 3 and _WS_ONLY.fullmatch(gap):
            return p
    return None


def _glossed_names(text: str, spans: list[_Span], latin: list[_Span]) -> dict[str, _Span]:
    """Arabic names the text glosses with their Latin form somewhere (normalised surface → the Latin mention).

    An article writes the Latin form once, usually not at the first mention
    ("مجموعة «الراية» الطبية … مجموعة «الراية» (Al Raya Medical Group)"); every
    mention of the same Arabic words is that entity. Names the text glosses
    with two different Latin forms are left out, and so are glosses that do not
    spell the name (an initialism: برلمان ويلز (MWP) does not make every ويلز MWP),
    and places.
    """
    if not latin:
        return {}
    found: dict[str, _Span | None] = {}
    for s in spans:
        if s.id is not None or s.label not in ("ORG", "PERSON"):
            continue
        key = _gloss_key(text[s.start : s.end])
        p = _adjacent_latin(text, s, latin) if key else None
        if p is None or not _spells_part(key, text[p.start : p.end]):
            continue
        if key in found and (found[key] is None or text[found[key].start : found[key].end] != text[p.start : p.end]):
            found[key] = None
        else:
            found[key] = p
    return {k: v for k, v in found.items() if v is not None}


def _spells_part(arabic: str, latin: str) -> bool:
    """Whether a run of the Latin name's words is a spelling of the Arabic name ("الراية" / "Al Raya Medical Group")."""
    words = latin.split()
    return any(names_match(arabic, " ".join(words[i:j]))
               for i in range(len(words)) for j in range(i + 1, min(len(words), i + 4) + 1))


def _latin_partner(text: str, s: _Span, latin: list[_Span]) -> _Span | None:
    """A Latin-script mention in the same text that spells this Arabic name (the likeliest spelling when several do)."""
    surface = text[s.start : s.end]
    adjacent = _adjacent_latin(text, s, latin)
    if adjacent is not None:
        return adjacent
    found = [p for p in latin if names_match(surface, text[p.start : p.end])]
    if len(found) > 1:
        found.sort(key=lambda p: cross_gap(surface, text[p.start : p.end]))
    return found[0] if found else None


# The gazetteer's Latin names by merge key, for the learned lookup below (built once per gazetteer).
_GAZ_BLOCKS: dict[int, dict[str, list[tuple[str, str]]]] = {}
# A name the gazetteer knows only in Latin script is taken for an Arabic one
# only when the model finds the spelling this likely (stricter than
# translit.MATCH_GAP: nothing else in the text vouches for it).
_GAZ_GAP = 1.0


def _gaz_blocks(gaz: Gazetteer) -> dict[str, list[tuple[str, str]]]:
    blocks = _GAZ_BLOCKS.get(id(gaz))
    if blocks is None:
        blocks = {}
        for entry in gaz.entries.values():
            for alias in {entry.name, *entry.en_aliases}:
                k = merge_key(alias)
                if k:
                    blocks.setdefault(k, []).append((entry.id, alias))
        _GAZ_BLOCKS.clear()
        _GAZ_BLOCKS[id(gaz)] = blocks
    return blocks


# Labels a gazetteer entry found by spelling alone may have for a mention of a label.
_SAME_KIND = {"PERSON": ("PERSON",), "ORG": ("ORG",), "GPE": ("GPE", "LOC"), "LOC": ("GPE", "LOC"), "MISC": ("MISC",)}


def _person_shaped(surface: str, entry_label: str) -> bool:
    """Whether a name of two words or more opens with a known given name while the entry it spells is not a
    person: "إدريس العلمي" has the consonants of دار السلام, and is a man."""
    from marsad.nlp.speakers import gender_of_name

    return entry_label != "PERSON" and len(surface.split()) >= 2 and gender_of_name(surface) is not None


def _skeleton_lookup(surface: str, gaz: Gazetteer, label: str) -> tuple[str | None, str | None]:
    """The gazetteer entry an unknown Arabic name spells: equal long skeletons, else the learned model.

    The learned match also wants the entry's kind to be the mention's: a bank
    called "الأمان" is not Amman, nor a university in Manchester the city.
    """
    sk = skeleton(surface)
    ids = gaz.skeleton_index.get(sk) if len(sk) >= 5 else None
    if not ids and surface.startswith("ال"):
        ids = gaz.skeleton_index.get(skeleton(surface[2:])) if len(skeleton(surface[2:])) >= 5 else None
    if ids and len(ids) == 1 and not _person_shaped(surface, gaz.entries[ids[0]].label):
        return ids[0], gaz.entries[ids[0]].name
    best: dict[str, float] = {}
    for ident, alias in _gaz_blocks(gaz).get(merge_key(surface), ()):
        if gaz.entries[ident].label not in _SAME_KIND.get(label, (label,)):
            continue
        gap = name_gap(surface, alias)
        if gap <= _GAZ_GAP and gap < best.get(ident, float("inf")):
            best[ident] = gap
    ranked = sorted((gap, ident) for ident, gap in best.items())
    if len(ranked) == 1 or (len(ranked) > 1 and ranked[1][0] - ranked[0][0] >= MATCH_MARGIN):
        return ranked[0][1], gaz.entries[ranked[0][1]].name
    return None, None
