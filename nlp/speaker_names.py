"""Names of speakers the recogniser left out, found from where they stand, for speaker resolution only.

Arabic news writes a body's name in «», after a word for its kind ("شركة «مشوار»", "منظمة «ديدبان»") or as
the subject between a speech verb and its إن ("قالت «عُمانتل» إنها"); English writes a name the model does
not know as the whole subject of a speech verb ("Villarreal said"). ``nlp.claims`` adds what these find to
the entities the speaker rules see (``nlp.attribution``); the analysis' entities are not changed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from marsad.nlp import arabic as ar
from marsad.nlp.ar.cues import _AR_COMP_START_RE, _AR_CUE_RE, _AR_GENERIC
from marsad.nlp.attribution import _EN_COMPANY_NOUNS, _mention_span, _org_noun
from marsad.nlp.claim_context import _Raw
from marsad.nlp.en.cues import _EN_GENERIC
from marsad.nlp.en.entities import _KIND_NOUNS
from marsad.nlp.normalize import normalize_arabic
from marsad.nlp.types import Entity

# A short name in Arabic quotation marks: "«وصل باي»", "«طيران الواحة»".
_AR_QUOTED_NAME_RE = re.compile(r"«([^«»\n]{2,40})»")
_AR_NAME_CUES = frozenset(normalize_arabic(w) for w in """شركة الشركة منصة المنصة تطبيق مجموعة المجموعة موقع متجر
    خدمة بنك مصرف نادي علامة صحيفة قناة وكالة مشغل شركتا شركتي منظمة جمعية حزب تحالف ائتلاف حركة جماعة نقابة رابطة
    اتحاد شبكة مؤسسة نشرة مجلة فريق مستشفى فندق مصنع""".split())
# Those that describe a business ("شركة «مشوار»"): the quoted name alone is its name.
_AR_COMPANY_CUES = frozenset(normalize_arabic(w) for w in """شركة الشركة منصة المنصة تطبيق موقع متجر خدمة بنك مصرف
    علامة مشغل شركتا شركتي مستشفى فندق مصنع""".split())


def ar_quoted_names(text: str, entities: Sequence[Entity]) -> list[Entity]:
    """Names an Arabic text writes in quotation marks that the recogniser left out, for speakers only: all taken
    for organisations (a person's name in «» is rare in news, and «أبو علي» comes out an ORG).

    Arabic news writes a company's name in «», often with its Latin spelling
    after it: "شركة «طيران الواحة» (Oasis Air)". The quoted name takes the id
    of the Latin spelling in parentheses, else of a Latin name of the text it
    spells (``nlp.translit.names_match``), else, after a descriptor
    ("شركة «مشوار»") or as the subject between a speech verb and its إن
    ("قالت «سكاي هاربر» للتطوير العقاري إنها"), the id the recogniser's
    name would have had (``nlp.linking``); later «…» of the same name take the
    same id. There the quoted name is whole, though the recogniser found a name
    inside it (a family name in "سكاي هاربر"): the caller drops such names.
    These entities serve speaker resolution; the analysis' entities are not
    changed.
    """
    from marsad.nlp.gazetteer import gazetteer
    from marsad.nlp.linking import _unknown_arabic
    from marsad.nlp.translit import names_match

    latin = [e for e in entities if e.label == "ORG" and e.text.isascii()]
    known: dict[str, tuple[str, str, str]] = {}
    out: list[Entity] = []
    for m in _AR_QUOTED_NAME_RE.finditer(text):
        inner = m.group(1).strip()
        start = m.start(1) + m.group(1).find(inner)
        end = start + len(inner)
        if not inner or inner.isascii() or len(inner.split()) > 4:
            continue
        if any(e.start <= start and end <= e.end for e in entities):
            continue  # the recogniser has it
        part = any(start <= e.start and e.end <= end for e in entities)
        key = normalize_arabic(inner)
        hit = known.get(key)
        if hit is None and not part:
            paren = re.match(r"\s*\(\s*", text[m.end():m.end() + 6])
            partner = next((e for e in latin if paren is not None and e.start == m.end() + paren.end()), None)
            if partner is None:
                partner = next((e for e in latin if names_match(inner, e.text)), None)
            if partner is not None:
                hit = (partner.id, partner.name, partner.label)
        if hit is None:
            before = text[max(0, m.start() - 25):m.start()].split()
            # The descriptor without one proclitic ("لجمعية", "وشركة"; "وكالة" keeps its own و).
            cue = next((f for w in before[-1:] for f in _one_proclitic_off(w) if normalize_arabic(f) in _AR_NAME_CUES),
                       "")
            if cue:
                # The kind of body stays in the name ("منظمة ديدبان"), so that "الشركة" is never an
                # organisation, a party or an association (nlp.speakers.is_company).
                hit = (_unknown_arabic(inner, gazetteer())[0],
                       inner if normalize_arabic(cue) in _AR_COMPANY_CUES else f"{cue} {inner}", "ORG")
            elif before and _AR_CUE_RE.fullmatch(before[-1]) and _subject_before_complementiser(text, m.end()) \
                    and _may_be_a_name(inner):
                # "قالت «عُمانتل» إنها": between a speech verb and its إن, the subject.
                hit = (_unknown_arabic(inner, gazetteer())[0], inner, "ORG")
        if hit is None:
            continue
        known[key] = hit
        out.append(Entity(inner, hit[2], start, end, hit[0], hit[1]))
    return out


# Capitalised words that open a sentence or a phrase before a name, not part of it ("But Unite members").
_EN_OPENERS = frozenset("""but and or so yet the a an in on at for of by to from with when while as after before if
    its his her their our this that these those""".split())


def en_named_subjects(text: str, doc, raws: list[_Raw], entities: Sequence[Entity]) -> list[Entity]:
    """Names the English recogniser left out that are the whole subject of a speech verb, or end it after the
    kind of organisation ("Train drivers' union Aslef said"), for speakers only.

    "Villarreal said", "Unite said": one to three words, each a capitalised proper noun (spaCy's tag), no
    entity over them and none the gazetteer knows ("Downing Street" is left to it). Such a subject names
    who speaks: an organisation, or a person when it opens with a given name. Its id is the name's slug.
    Like ``ar_quoted_names``, these serve speaker resolution only.
    """
    from marsad.nlp.entities import resolve
    from marsad.nlp.speakers import gender_of_name, org_noun, role_noun
    from marsad.nlp.translit import slugify

    def common(word: str) -> bool:
        # A headline's capitalised common noun ("Airline: …", "Agent: …"), a role or a kind of company.
        low = word.lower()
        return low in _EN_GENERIC or low in _EN_COMPANY_NOUNS or low in _KIND_NOUNS or role_noun(low, "en")

    named_words = {w for e in entities for w in e.text.split()}
    out: list[Entity] = []
    for r in raws:
        sp = r.speaker
        if sp is None or not sp.text or sp.id:
            continue
        span = _mention_span(text, sp.text, r.cue_at)
        if span is None or any(e.start < span[1] and span[0] < e.end for e in [*entities, *out]):
            continue
        tokens = doc.char_span(span[0], span[1], alignment_mode="contract")
        if tokens is None or tokens.text != sp.text.strip():
            continue
        # "Train drivers' union Aslef", "The health technology body NICE": the kind of organisation, then its
        # name (the proper nouns that end the mention).
        k = len(tokens)
        while k > 0 and tokens[k - 1].pos_ == "PROPN" and tokens[k - 1].text[:1].isupper():
            k -= 1
        if 0 < k < len(tokens) and len(tokens) - k <= 3 and org_noun(tokens[k - 1].text, "en") \
                and all(t.pos_ in ("DET", "NOUN", "ADJ", "PART", "PROPN") for t in tokens[:k]) \
                and not any(t.pos_ == "PROPN" for t in tokens[:k]):
            tokens = tokens[k:]
        if not 1 <= len(tokens) <= 3 or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in tokens):
            continue
        # "Developer Pennine Living": the kind of company or a title is no part of the name.
        while len(tokens) > 1 and common(tokens[0].text):
            tokens = tokens[1:]
        if common(tokens[0].text) or resolve(tokens.text, "en") is not None:
            continue
        name = re.escape(tokens.text)
        longer = re.finditer(rf"\b{name} (?:[A-Z]|of [A-Z])|([A-Z][\w'’-]*) {name}\b", text)
        if any(t.text in named_words for t in tokens) or any(
                not x.group(1) or x.group(1).lower() not in _EN_OPENERS for x in longer):
            # A short form of a name the text gives in full ("Red Dune" of "Red Dune Refining", "Price" of
            # "Helena Price"), which the speaker rules resolve to it; "But Unite members" is no longer name.
            continue
        label = "PERSON" if len(tokens) > 1 and gender_of_name(tokens.text) else "ORG"
        out.append(Entity(tokens.text, label, tokens.start_char, tokens.end_char, slugify(tokens.text), tokens.text))
    return out


def _one_proclitic_off(word: str) -> tuple[str, ...]:
    """A word as written and without one proclitic و, ف or ل (ar.unconj, and ل)."""
    forms = ar.unconj(word)
    return (*forms, word[1:]) if word[:1] == "ل" and len(word) > 3 else forms


# Words that open a quotation, not a name: particles and the verbs' negations («لن نتراجع», «قد نعيد النظر»).
_AR_QUOTE_OPENERS = frozenset({"لن", "لم", "لا", "ما", "قد", "سوف", "ليس", "لقد", "إن", "ان", "نحن", "هذا", "هذه"})


def _may_be_a_name(inner: str) -> bool:
    """Whether quoted words after a speech verb may name a body: not a noun that refers back («الجهاز»), a
    role («الوزير»), a source («مصادر», «مصدر مطلع», «التقرير») or words that open what was said («لن نتراجع»)."""
    from marsad.nlp.speakers import role_noun

    words = [normalize_arabic(w) for w in inner.split()]
    if not words or inner in _AR_GENERIC or _org_noun(inner, "ar") or words[0] in _AR_QUOTE_OPENERS:
        return False
    return not any(ar.strip_article(w) in ar.SUBJECT_NOUNS or role_noun(w, "ar") for w in words)


def _subject_before_complementiser(text: str, at: int) -> bool:
    """Whether إن/أن follows at within three words with no punctuation before it: a quoted name, or one
    with what the company does after it ("«سكاي هاربر» للتطوير العقاري إنها"), is the subject."""
    words = text[at:at + 60].split()
    for k, w in enumerate(words[:4]):
        if _AR_COMP_START_RE.match(w):
            return True
        if any(ch in w for ch in "،,.؛:«»()") or k == 3:
            return False
    return False
