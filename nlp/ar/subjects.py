"""The speaker of an Arabic speech cue: the subject after the verb (VSO) or before it
(topic), titled and self-named speakers, implicit speakers and "according to" sources.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from marsad.nlp.ar.clauses import _ar_kind
from marsad.nlp.ar.cues import (
    _AR_ACCORDING_OPENER_RE,
    _AR_COMP_RE,
    _AR_COMP_START_RE,
    _AR_CUE_RE,
    _AR_GENERIC,
    _AR_GENERIC_NAMED,
    _AR_MARKS_RE,
    _AR_OUTLET_RE,
    _AR_PRONOUN_SUBJECT,
    _AR_SPOKES_RE,
    _AR_SUBJECT_STOP,
    _AR_TITLE_RE,
    _AR_TOLD_TO,
    _ar_nisba,
    _ar_tokens,
)
from marsad.nlp.arabic import PERSON_TITLES, unconj
from marsad.nlp.claim_context import _Context, _country, _Raw, _speaker_from_entity, _trim_claim, latest_named_with
from marsad.nlp.countries import country_of_adjective
from marsad.nlp.normalize import normalize_arabic
from marsad.nlp.types import Entity, Speaker


def _ar_subject(text: str, words, ctx: _Context, after: int) -> tuple[Speaker | None, int | None]:
    """The subject after a cue verb (VSO), and where it ends."""
    if not words:
        return None, None
    first = words[0][0]
    start = words[0][1]
    if first in ("لـ", "ل") or first.startswith(("لـ", "ل«")):
        # "قال لـ«الأهرام» إن": whom the words were told to; the subject, if any, came before the verb.
        return None, None
    named = _ar_self_named(text, start, words[-1][2], ctx)
    if named is not None:
        return named
    described = _ar_described_name(text, words, ctx)
    if described is not None:
        return described
    appositive = _ar_appositive_person(text, words, ctx)
    if appositive is not None:
        return appositive
    # "متحدث باسم X" / "مسؤول في X" / "بيان صادر عن X" → X.
    sm = _AR_SPOKES_RE.match(text, start, words[-1][2])
    if sm is not None:
        rest = _ar_tokens(text, sm.end(), words[-1][2])[:4]
        if rest:
            i = ctx.entity_in(rest[0][1] - 1, rest[-1][2] + 1, labels=("ORG", "GPE", "PERSON"))
            if i is not None and ctx.entities[i].start <= rest[min(1, len(rest) - 1)][1]:
                e = ctx.entities[i]
                # "المتحدث باسم الجيش سلمى إدريس": a named spokesperson speaks.
                person = next((x for x in ctx.entities if x.label == "PERSON" and e.end <= x.start <= e.end + 40
                               and len(_ar_tokens(text, e.end, x.start)) <= 1), None)
                if person is not None:
                    return _speaker_from_entity(text[start:person.end], person, ctx), person.end
                return _speaker_from_entity(text[start:e.end], e, ctx), e.end
            body = _ar_body_spoken_for(text, rest, ctx)
            if body is not None:
                # "المتحدث باسم الخارجية الفرنسية": a state body the recogniser did not name, with its country.
                return Speaker(text=text[start:body[1]], id=body[0].id, name=body[0].name), body[1]
            head = rest[0][0]
            head = head[1:] if head.startswith("ل") and head[1:] in _AR_GENERIC else head
            if head in _AR_GENERIC:
                # "الناطق باسم الشركة المصرية للاتصالات خالد منصور إن": a body the recogniser did not take
                # for a name, then the spokesperson's name before the complementiser.
                person = _named_after_body(text, ctx, sm.end(), words[-1][2])
                if person is not None:
                    return _speaker_from_entity(text[start:person.end], person, ctx), person.end
                country = _gentilic_country(head, rest)
                if country is not None:
                    # "الناطق باسم الحكومة اليمنية": as "الحكومة اليمنية", the country.
                    return Speaker(text=text[start:rest[1][2]], id=country[0], name=country[1]), rest[1][2]
                e = _referent(ctx, start, words[-1][2], head)
                end = rest[0][2]
                if e is not None:
                    return Speaker(text=text[start:end], id=e.id, name=e.name), end
                return Speaker(text=text[start:end]), end
    if _ar_stops(ctx, first, start):
        return None, None
    if first in ("على", "إلى", "الى"):
        return None, None
    # The subject ends at a comma, and is found within its first words; after
    # a title ("الباحثة في مختبر X فلان") a preposition does not end it.
    limit = min([i for i in (text.find("،", start, words[-1][2]), text.find(",", start, words[-1][2])) if i != -1]
                or [words[-1][2]])
    titled = bool(_AR_TITLE_RE.match(first))
    for w, ws, _we in words[1:]:
        if ws >= limit:
            break
        if titled and ws - start < 60 and w in ("في", "لدى", "ب", "من"):
            continue
        if titled and ws - start < 30 and w in ("العام", "العامة", "التنفيذي", "التنفيذية", "الأول", "الأولى"):
            continue  # "المدير العام", "الأمين العام": part of the title, not "this year"
        if titled and ws - start < 80 and w.startswith("ل") and len(w) >= 2 and w not in _AR_TOLD_TO:
            # "الرئيس التنفيذي للشركة هشام البدري", "المدير العام للمنظمة X", "الرئيسة التنفيذية لـ«سهم» X":
            # what the title is held at, not whom the words were told to.
            continue
        if _ar_stops(ctx, w, ws):
            limit = ws
            break
    head_words = [w for w in words[:10 if titled else 4] if w[1] < limit]
    if titled and head_words:
        # "وزير الدولة لشؤون الطاقة الرئيس التنفيذي لقطر للطاقة سعد الكعبي": after a title, the person
        # named in it speaks, whatever the recogniser made of the words between.
        person = next((e for e in ctx.entities if e.label == "PERSON" and start < e.start < head_words[-1][2]
                       and e.end <= limit), None)
        if person is None:
            person = _ar_titled_name(text, words, head_words, limit)
        if person is not None:
            return _speaker_from_entity(text[start:person.end], person, ctx), person.end
    chain = _entity_chain(text, ctx, start, head_words[-1][2] if head_words else words[0][2], limit, titled)
    if chain:
        # A title chain ("الرئيس التنفيذي لشركة ميتا مارك زوكربيرغ") names the
        # person speaking for an organisation: the person is the speaker.
        e = next((x for x in chain if x.label == "PERSON"), chain[0])
        end = chain[-1].end
        return _speaker_from_entity(text[start:end], e, ctx), end
    if first in _AR_GENERIC and not (first in _AR_GENERIC_NAMED and len(words) > 1 and words[1][0].startswith("ال")):
        # "الحكومة المصرية": a gentilic after the noun names the country. ("الجماعة الإسلامية": a noun that refers
        # only to a body named with it, followed by a definite word, is that body's name, read below.)
        country = _gentilic_country(first, words)
        if country is not None:
            return Speaker(text=text[start:words[1][2]], id=country[0], name=country[1]), words[1][2]
        e = _referent(ctx, start, words[-1][2], first)
        end = words[0][2]
        if e is not None:
            return Speaker(text=first, id=e.id, name=e.name), end
        return Speaker(text=first), end
    if _AR_PRONOUN_SUBJECT.match(first):
        return None, words[0][2]
    # An unnamed subject ("مسؤول كبير", "الوزير"): keep its words, no id.
    n = min(len(words), 3)
    end = words[0][2]
    for w, ws, we in words[1:n]:
        if ws >= limit or _ar_stops(ctx, w, ws):
            break
        if first.startswith("ال") and not w.startswith("ال"):
            # "ونفت الشرطة استخدام الغاز": after a definite noun, an indefinite word is
            # neither its adjective nor its complement; the object has begun.
            break
        end = we
    owner = _ar_role_of_her(words, start, ctx)
    if owner is not None:
        return Speaker(text=text[start:end], id=owner.id, name=owner.name), end
    if titled:
        # "الرئيس التنفيذي للشؤون القانونية في الشركة": a title held at "the
        # company" speaks for the organisation the story is about.
        for w, ws, _we in words[1:7]:
            bare = w[1:] if w.startswith("ل") and w[1:] in _AR_GENERIC else w
            if bare in ("الشركة", "المجموعة", "المنصة") and ws - start < 60:
                e = _referent(ctx, start, words[-1][2], bare)
                if e is not None:
                    return Speaker(text=text[start:end], id=e.id, name=e.name), end
    return Speaker(text=text[start:end]), end


# "شركة المدفوعات الرقمية السعودية «وصل باي» (Wasl Pay)": a description, the name in quotes, its Latin form.
_AR_QUOTED_NAME_RE = re.compile(r"«([^«»\n]{2,40})»(?:\s*\(([^()\n]{2,60})\))?")
# How far into the subject the quoted name may open.
_AR_DESCRIBED_REACH = 70
# ... and how many words of description may come before it.
_AR_DESCRIBED_WORDS = 5


def _ar_described_name(text: str, words, ctx: _Context) -> tuple[Speaker, int] | None:
    """For a subject that describes an organisation and then names it in quotes ("أعلنت منصة الرعاية الصحية
    الرقمية المصرية «طبيب» (Tabeeb) أنها"), the quoted name as the speaker, with the id of the entity it or
    its Latin form is (none when no entity is there); None when the subject does not open with an
    organisation noun or a comma comes first."""
    from marsad.nlp.speakers import org_noun

    start = words[0][1]
    if not any(org_noun(w, "ar") for w in unconj(words[0][0])):
        return None
    m = _AR_QUOTED_NAME_RE.search(text, start, min(words[-1][2] + 2, start + _AR_DESCRIBED_REACH + 60))
    if m is None or m.start() - start > _AR_DESCRIBED_REACH or re.search(r"[،,.:]", text[start:m.start()]):
        return None
    if len(text[start:m.start()].split()) > _AR_DESCRIBED_WORDS or any(
            e.start <= start < e.end <= m.start() for e in ctx.entities):
        # "نفت هيئة السوق المالية تلقيها أي طلب من «أرامكو»": the subject is a name of its own, and the
        # quoted name belongs to the object.
        return None
    found = None
    if m.group(2):
        i = ctx.entity_in(m.start(2), m.end(2), labels=("ORG", "PERSON"))
        found = ctx.entities[i] if i is not None else None
    if found is None:
        i = ctx.entity_in(m.start(1), m.end(1), labels=("ORG", "PERSON"))
        found = ctx.entities[i] if i is not None else None
    end = m.end()
    # "شركة «طيران اللؤلؤة» البحرينية": the quoted name's relational adjectives belong to the subject.
    for w, ws, we in _ar_tokens(text, end, min(words[-1][2], end + 40))[:2]:
        if ws - end > 2 or not (w.startswith("ال") and _ar_nisba(w)):
            break
        end = we
    if found is None:
        # "حزب «التجديد الديمقراطي» التونسي": a name the recogniser left alone is still the subject.
        return Speaker(text=m.group(1)), end
    return Speaker(text=m.group(1), id=found.id, name=found.name), end


def _ar_body_spoken_for(text: str, rest, ctx: _Context) -> tuple[Entity, int] | None:
    """The generic state body a spokesperson speaks for, from the words after باسم ("الخارجية الفرنسية",
    "وزارة الدفاع الروسية"), with the country its gentilic or else the article names; and where it ends."""
    from marsad.nlp.countries import ar_state_body, article_country, state_body_id

    for n in (3, 2, 1):
        words = rest[:n]
        if len(words) < n or any(_AR_COMP_START_RE.match(w) for w, _, _ in words) \
                or re.search(r"[،,.:]", text[words[0][1]:words[-1][2]]):
            continue
        nxt = rest[n] if len(rest) > n else None
        if nxt is not None and nxt[0].startswith("ال") and country_of_adjective(nxt[0]) is None \
                and not re.search(r"[،,.:]", text[words[-1][2]:nxt[1]]):
            continue  # "الدفاع المدني" is not the ministry of defence: the name goes on
        found = ar_state_body([w.removeprefix("ل") if w.startswith("لل") else w for w, _, _ in words])
        if found is None:
            continue
        body, country = found
        made = state_body_id(body, country or article_country(text, "ar", ctx.entities))
        if made is None:
            return None
        return Entity(text[words[0][1]:words[-1][2]], "ORG", words[0][1], words[-1][2], *made), words[-1][2]
    return None


# How far into the subject the comma after a role may come.
_AR_ROLE_REACH = 90


def _ar_appositive_person(text: str, words, ctx: _Context) -> tuple[Speaker, int] | None:
    """A role, a comma, then the person holding it: the person speaks ("وقال المتحدث باسم الوزارة، حيدر
    العبودي، إن" → حيدر العبودي, the whole phrase as the mention). The role opens with a title or a role noun
    and names nobody itself; the name ends at a comma or the complementiser. A name the recogniser missed
    counts when its first word is a known given name or a word the Arabic model's lexicon knows from people's
    names."""
    from marsad.nlp.speakers import gender_of_name, role_noun
    from marsad.nlp.translit import slug

    start, end = words[0][1], words[-1][2]
    # The word as written and without one proclitic و/ف ("ووزير"; "وزير" and "وكيل" keep their و).
    forms: set[str] = set()
    for first in {words[0][0], words[0][0][1:] if words[0][0][:1] in "وف" else words[0][0]}:
        # "رئيسها التنفيذي", "محاميه", "رئيستها": a title with the pronoun of whom it serves.
        bare = re.sub(r"(?:ها|هم|ه)$", "", first) if len(first) > 4 else first
        forms |= {first, bare, bare[:-1] + "ة" if bare.endswith("ت") else bare}
    if not any(_AR_TITLE_RE.match(w) or role_noun(w, "ar") for w in forms) \
            and not _AR_SPOKES_RE.match(text, start, end):
        return None
    comma = min((i for i in (text.find("،", start, end), text.find(",", start, end)) if i != -1), default=-1)
    if comma == -1 or comma - start > _AR_ROLE_REACH:
        return None
    if any(e.label == "PERSON" and start <= e.start < comma for e in ctx.entities):
        return None  # "وزير المالية سعد الكعبي، الذي …": the role already named its holder.
    if any(_AR_TITLE_RE.match(w) and w.startswith("ال") for w, ws, _ in words[1:] if ws < comma):
        # "مستشار الرئيس الأمريكي، دونالد ترامب،": a definite inner title names a person of its own, who may be
        # the one named. One in construct ("نائب وزير السياحة"، "نائب محافظ البنك") names an office.
        return None
    after = _ar_tokens(text, comma + 1, end)
    # "مدرب منتخب الكويت، الإسباني خافيير لوبيث", "المدير العام للأمن العام، اللواء إيلي شمعون": a nationality or
    # a rank before the name.
    while len(after) > 2 and (after[0][0].startswith("ال") and _ar_nisba(after[0][0])
                              or normalize_arabic(after[0][0]) in PERSON_TITLES):
        after = after[1:]
    if not after:
        return None
    person = next((e for e in ctx.entities if e.label == "PERSON" and e.start == after[0][1]), None)
    if person is None and (gender_of_name(after[0][0]) is not None or _person_name_word(after[0][0])):
        run = [after[0]]
        for w, ws, we in after[1:3]:
            if _AR_COMP_START_RE.match(w) or _AR_SUBJECT_STOP.match(w) or re.search(r"[،,]", text[run[-1][2]:ws]):
                break
            run.append((w, ws, we))
        if len(run) >= 2:
            name = text[run[0][1]:run[-1][2]]
            person = Entity(name, "PERSON", run[0][1], run[-1][2], slug(name), name)
    if person is None or len(person.text.split()) < 2:
        return None  # a given name alone ("المتحدث، محمد،") would be anyone of that name
    rest = _ar_tokens(text, person.end, end)
    closes = text[person.end:].lstrip().startswith(("،", ",")) or not rest or _AR_COMP_START_RE.match(rest[0][0])
    if not closes:
        return None
    return _speaker_from_entity(text[start:person.end], person, ctx), person.end


def _gentilic_country(noun: str, words) -> tuple[str, str] | None:
    """(id, name) of the country a state noun and the gentilic after it name ("الحكومة اليمنية" → yemen), for
    ``words`` that open with the noun; None when the noun stands for no state or no gentilic follows."""
    if len(words) < 2 or "GPE" not in _AR_GENERIC[noun]:
        return None
    return _country(country_of_adjective(words[1][0]))


def _ar_role_of_her(words, start: int, ctx: _Context) -> Entity | None:
    """For an unnamed executive with the pronoun of the body it serves ("رئيسها التنفيذي", "مديرتها العامة"),
    the organisation named last before it, within 300 characters and with no person or place named between
    (whom else "her" could be); None for any other subject ("محاميها": her lawyer may be a woman's)."""
    if len(words) < 2 or normalize_arabic(words[1][0]) not in _AR_EXECUTIVE_ADJECTIVES:
        return None
    if not any(normalize_arabic(w) in _AR_EXECUTIVES_OF_HER for w in unconj(words[0][0])):
        return None
    for e in reversed(ctx.entities):
        if e.end > start:
            continue
        if e.label != "ORG":
            return None  # a person or a place named since: "her" may be theirs
        return e if start - e.end <= 300 else None
    return None


# "رئيسها"، "مديرتها": the executive of a body named as feminine (normalised), and what makes them executive.
_AR_EXECUTIVES_OF_HER = frozenset({"رئيسها", "رئيستها", "مديرها", "مديرتها"})
_AR_EXECUTIVE_ADJECTIVES = frozenset({"التنفيذي", "التنفيذيه", "العام", "العامه"})


def _referent(ctx: _Context, start: int, end: int, noun: str) -> Entity | None:
    """What a generic subject ("الوزارة", "الشركة") refers to (``_ar_referent_of``), but never a name in the
    same subject's words after it: "المتحدثة باسم الوزارة لوكالة رويترز" is not Reuters, whom she spoke to."""
    e = _ar_referent_of(ctx, noun, start)
    return None if e is not None and start < e.start < end else e


def _ar_referent_of(ctx: _Context, noun: str, pos: int) -> Entity | None:
    """The entity an Arabic subject noun of ``_AR_GENERIC`` refers to at pos: for one that refers only to a
    body named with it ("الدائرة", "الجيش"), the latest organisation before pos whose name opens with that
    noun; for the others, the organisation or country the story is about (``ctx.salient``).
    (nlp.claims._generic_referent answers for the nouns inside a claim, by a name that holds the noun.)"""
    if noun not in _AR_GENERIC_NAMED:
        return ctx.salient(pos, _AR_GENERIC[noun])
    return latest_named_with(ctx.entities, noun, pos)


def _person_name_word(word: str) -> bool:
    """Whether the Arabic model's lexicon knows a word only from people's names ("ليث", "نونو": its flag is "P"
    alone, learned from the NER training corpus; "في" is flagged O+P and "أمام" C+P), and it is no function
    word ("من" is flagged P)."""
    from marsad.nlp.ar import ner
    from marsad.nlp.arabic import FUNCTION_WORDS

    norm = normalize_arabic(word)
    return norm not in FUNCTION_WORDS and ner.lexicon().get(norm) == "P"


def _named_after_body(text: str, ctx: _Context, start: int, end: int) -> Entity | None:
    """The first person named within a body's description (six words at most) and before any complementiser."""
    toks = _ar_tokens(text, start, end)[:7]
    for w, ws, _we in toks[1:]:
        if _AR_COMP_START_RE.match(w):
            return None
        person = next((e for e in ctx.entities if e.label == "PERSON" and e.start == ws), None)
        if person is not None:
            return person
    return None


def _ar_titled_name(text: str, words, head_words, limit: int) -> Entity | None:
    """A person's name the recogniser missed after a title: a known given name and the one or two words
    after it, up to the complementiser ("الرئيسة التنفيذية لـ«سهم» نوف القحطاني إن")."""
    from marsad.nlp.speakers import gender_of_name
    from marsad.nlp.translit import slug

    for k, (w, _ws, _we) in enumerate(head_words[1:], 1):
        if gender_of_name(w) is None or w in ("باسم", "وباسم"):  # "المتحدثة باسم المنظمة": "for", not Bassem
            continue
        run = [words[k]]
        for w2, ws2, we2 in words[k + 1:k + 3]:
            if ws2 >= limit or _AR_COMP_START_RE.match(w2) or _AR_SUBJECT_STOP.match(w2):
                break
            run.append((w2, ws2, we2))
        if len(run) < 2:
            return None
        name = text[run[0][1]:run[-1][2]]
        return Entity(name, "PERSON", run[0][1], run[-1][2], slug(name), name)
    return None


def _ar_stops(ctx: _Context, word: str, pos: int) -> bool:
    """Whether a word ends a subject noun phrase: an adverbial or a preposition
    ("في بيان", "يوم الجمعة", "لرويترز"), unless the word is part of a name or a
    clitic opening one ("لجنة التجارة", "ليلى منصور", "لشركة ميتا", "لـأرامكو"), or a role or
    organisation noun whose ل is its own ("لاعب", "لجنة")."""
    if not _AR_SUBJECT_STOP.match(word):
        return False
    if word in _AR_TOLD_TO:
        return True  # "لرويترز", "لوكالة": whom it was told to, even when that is a name
    if word.startswith("ل"):
        from marsad.nlp.speakers import org_noun, role_noun

        if role_noun(word, "ar") or org_noun(word, "ar"):
            return False  # a noun whose ل is its own: "لاعب الوسط", "لجنة التحقيق"
    return not any(e.start <= pos + 2 and pos < e.end for e in ctx.entities)


def _entity_chain(
    text: str, ctx: _Context, start: int, first_by: int, limit: int, titled: bool = False
) -> list[Entity]:
    """The first entity starting in [start, first_by) and those that follow it directly, up to limit.

    "Directly" allows only spaces (after a title also "في" / "لدى": "سفير
    الإمارات في واشنطن يوسف العتيبة"): the entities of one subject name a
    person and what the person speaks for.
    """
    chain: list[Entity] = []
    for e in ctx.entities:
        if e.label not in ("PERSON", "ORG", "GPE") or e.start < start or e.end > limit:
            continue
        if not chain:
            if e.start < first_by:
                chain.append(e)
            continue
        gap = text[chain[-1].end:e.start].strip()
        if not gap or (titled and gap in ("في", "لدى")):
            chain.append(e)
        else:
            break
    return chain


# "مجموعة تطلق على نفسها اسم X", "جماعة تسمي نفسها X", "المعروفة باسم X": what follows is the name.
_AR_SELF_NAMED_RE = re.compile(
    r"(?:(?:تطلق|يطلق|تسمي|يسمي|تسمى|يسمى)\s+(?:على\s+)?(?:نفسها|نفسه|أنفسهم|انفسهم)\s+(?:اسم\s+|باسم\s+)?"
    r"|(?:المعروفة|المعروف|المعروفين|المسماة|المسمى|تدعى|يدعى|تعرف|يعرف)\s+(?:باسم\s+|ب)?)"
)
_AR_NAME_WORDS = 5


def _ar_self_named(text: str, start: int, end: int, ctx: _Context) -> tuple[Speaker, int] | None:
    """For a subject that names itself ("مجموعة قرصنة تطلق على نفسها اسم X"), X as the speaker and where it ends.

    The name runs from the naming phrase to the end of the subject (a
    complementiser, a comma, the cue), at most a few words; an entity found
    there gives its id.
    """
    m = _AR_SELF_NAMED_RE.search(text, start, end)
    if m is None or len(_ar_tokens(text, start, m.start())) > 4:
        return None
    words = _ar_tokens(text, m.end(), end)[:_AR_NAME_WORDS]
    stop = next((k for k, (w, _, _) in enumerate(words) if _AR_CUE_RE.fullmatch(w) or _AR_COMP_RE.fullmatch(w)),
                len(words))
    words = words[:stop]
    if not words:
        return None
    a, b = words[0][1], words[-1][2]
    if b < len(text) and text[b] in "»\"”":
        b += 1
    if text[a - 1:a] in "«\"“":
        a -= 1
    i = ctx.entity_in(a - 1, b + 1, labels=("ORG", "PERSON", "GPE", "MISC"))
    mention = text[a:b].strip("«»\"“” ")
    e = ctx.entities[i] if i is not None else None
    return Speaker(text=mention, id=e.id if e else None, name=e.name if e else None), b


def _ar_topic(text: str, s_start: int, cue_start: int, ctx: _Context) -> Speaker | None:
    """The subject before the cue (SVO or "وكان X قد نفى"), within the same clause."""
    lo = max(s_start, cue_start - 150)
    # The clause opens after a comma or the end of an earlier sentence or paragraph.
    seg_start = max(lo, *(text.rfind(c, lo, cue_start) + 1 for c in "،,.\n؟!"))
    seg = text[seg_start:cue_start]
    if not seg.strip():
        return None
    named = _ar_self_named(text, seg_start, cue_start, ctx)
    if named is not None:
        return named[0]
    i = ctx.entity_in(seg_start, cue_start, labels=("PERSON", "ORG", "GPE"))
    if i is not None:
        e = ctx.entities[i]
        return _speaker_from_entity(e.text, e, ctx)
    kana = _AR_KANA_QAD_RE.search(seg)
    if kana is not None:
        # "وكانت النيابة العامة قد ذكرت": the words between كان and قد are the subject, named or not.
        return Speaker(text=kana.group(1))
    words = _ar_tokens(text, seg_start, cue_start)
    for w, ws, _we in words:
        bare = w[1:] if w.startswith(("و", "ف")) and w[1:] in _AR_GENERIC else w
        if bare in _AR_GENERIC:
            e = _ar_referent_of(ctx, bare, ws)
            if e is not None:
                return Speaker(text=bare, id=e.id, name=e.name)
    if len(words) >= 2 and words[0][0] in _AR_CONTRAST_WORDS and len(words) <= 6:
        # "، لكن مصدرا مطلعا على القضية قال": an unnamed subject after "but".
        return Speaker(text=text[words[1][1]:words[-1][2]])
    return None


def _ar_sentence_subject(text: str, s_start: int, cue_start: int, ctx: _Context) -> Speaker | None:
    """The subject of the verb that opens the sentence (VSO), for a participle cue later in it.

    "وعزت الشركة العطل إلى تحديث خاطئ، مؤكدة أنه …": the company explains and
    insists; the speaker quoted before (a regulator) does not. The words after
    the opening verb are read as any cue's subject (``_ar_subject``); speaker
    resolution (``nlp.attribution``) then ties its mention to an entity.
    """
    words = _ar_tokens(text, s_start, cue_start)
    if len(words) < 2 or words[0][0].removeprefix("و").removeprefix("ف") in _AR_NOT_A_VERB:
        return None  # "ولم تعلق الشركة", "وقد فرضت الهيئة", "وفي اجتماع مع …": no verb opens the sentence
    speaker, _end = _ar_subject(text, words[1:], ctx, words[1][1])
    if speaker is None or not speaker.text or len(speaker.text.split()) > 4:
        return None  # a subject that runs on into the object ("الهيئة مدير شركة … خالد العنزي") is not read
    return speaker


# Sentence openers that are no verb: particles, prepositions, adverbs.
_AR_NOT_A_VERB = frozenset({"لم", "لن", "لا", "قد", "لقد", "في", "كما", "من", "إلى", "الى", "على", "عن", "مع",
                            "بعد", "قبل", "منذ", "إن", "أن", "ان", "ما", "هذا", "هذه", "كان", "كانت"})


_AR_CONTRAST_WORDS = frozenset({"لكن", "ولكن", "بينما", "فيما"})
# "وكان X قد نفى", "وكانت X قد ذكرت": a subject of one to four words before the verb (pluperfect).
_AR_KANA_QAD_RE = re.compile(r"(?:^|\s)[وف]?(?:كان|كانت)\s+((?:[^\s،,.]+\s+){0,3}?[^\s،,.]+)\s+قد\s*$")


def ar_kana_subject(text: str, s_start: int, cue_start: int) -> bool:
    """Whether the cue at cue_start is the verb of "وكان X قد <cue>": its subject stands before it."""
    seg_start = max(s_start, cue_start - 80, *(text.rfind(c, s_start, cue_start) + 1 for c in "،,.\n؟!"))
    return _AR_KANA_QAD_RE.search(text[seg_start:cue_start]) is not None


def _ar_implicit(cue: str, ctx: _Context, history: list[Speaker], pos: int) -> Speaker:
    """A cue with no subject in sight ("وأضاف أن ...", "، مضيفا أن"): the verb carries the subject.

    The mention is the cue itself; who it is, is settled for the whole
    article by nlp.speakers (find_claims).
    """
    prev = history[-1] if history else None
    return Speaker(text=_AR_MARKS_RE.sub("", cue), id=prev.id if prev else None, name=prev.name if prev else None)


def _ar_according(
    text: str, m: re.Match, s_start: int, s_end: int, ctx: _Context, history: Sequence[Speaker] = ()
) -> _Raw | None:
    """'بحسب X، ...' / '...، بحسب ما ذكرت X' / 'وفقا لـX': speaker X, claim the rest of the sentence."""
    np_start = m.end()
    comma = min([i for i in (text.find("،", np_start, s_end), text.find(",", np_start, s_end)) if i != -1] or [s_end])
    # Without a comma the source ends where the claim opens with فإن / فقد /
    # أن ("وبحسب المعلومات فقد قام ..."): the speaker must not run into the clause.
    opener = _AR_ACCORDING_OPENER_RE.search(text, np_start, min(comma, np_start + 120))
    if opener is not None:
        comma = opener.start()
    np_words = _ar_tokens(text, np_start, comma)[:6]
    if not np_words:
        return None
    if " ما " in f" {m.group(0)} ":
        # "بحسب ما قاله محاميه لوكالة فرانس برس": after a verb of saying, a
        # word with the preposition ل names the addressee, not the speaker.
        cut = next((k for k, w in enumerate(np_words) if k > 0 and w[0].startswith("ل")), None)
        if cut is not None:
            np_words = np_words[:cut]
    np_end = np_words[-1][2]
    i = ctx.entity_in(np_start, np_end + 1, labels=("ORG", "PERSON", "GPE"))
    if i is not None:
        e = ctx.entities[i]
        speaker = _speaker_from_entity(text[np_words[0][1]:e.end], e, ctx)
        np_end = max(e.end, np_end if comma < s_end else e.end)
    else:
        first = np_words[0][0]
        bare = first[1:] if first.startswith("ل") and first[1:] in _AR_GENERIC else first
        # "بيانات الشركة", "تقرير الوزارة": a generic noun after the head names the source.
        owner = next((w for w, _, _ in np_words[1:3] if w in _AR_GENERIC), None)
        if bare in _AR_GENERIC or owner is not None:
            key = bare if bare in _AR_GENERIC else owner
            e = _ar_referent_of(ctx, key, m.start())
            mention = first if bare in _AR_GENERIC else text[np_words[0][1]:np_end]
            speaker = Speaker(text=mention, id=e.id if e else None, name=e.name if e else None)
        else:
            mention = text[np_words[0][1]:np_end]
            if m.group(0).rstrip("ـ").endswith("ل") and mention.startswith("ل"):
                # "وفقا للتقرير": the pattern took the preposition's ل; the
                # second ل is the article's, so the source is "التقرير".
                mention = "ا" + mention
            speaker = Speaker(text=mention)
            prev = history[-1] if history else None
            if (mention in ("التقرير", "للتقرير") and prev is not None and prev.id
                    and _AR_OUTLET_RE.match(prev.text)):
                # "وفقا لما ذكرته صحيفة X ... ووفقا للتقرير": the report is that outlet's.
                speaker = Speaker(text=mention, id=prev.id, name=prev.name)
    lead = text[s_start:m.start()].strip(" ،,\u200f")
    if len(lead) >= 8 and not re.search(r"[،,]\s*(?:وذلك\s*)?$", text[max(s_start, m.start() - 12):m.start()]):
        # A trailing source is set off by a comma ("...، بحسب رويترز", "، وذلك وفقا لـ"); without
        # one, "وفقا لقواعد تويتر" means "under Twitter's rules".
        return None
    if len(lead) < 8:
        # The phrase leads: the claim follows the comma (dropping فإن).
        if comma >= s_end:
            return None
        c_start = comma + (0 if opener is not None and comma == opener.start() else 1)
        fm = re.match(r"\s*(?:ف|و)?(?:إن|ان|أن|قد)(?:ه|ها|هم)?\s", text[c_start:s_end])
        if fm:
            c_start += fm.end()
        c_end = s_end
    else:
        c_start, c_end = s_start, m.start()
    c_start, c_end = _trim_claim(text, c_start, c_end)
    if c_end - c_start < 8:
        return None
    kind, side = _ar_kind(text, c_start, c_end, False, ctx)
    return _Raw(c_start, c_end, m.group(0).strip(), kind, speaker, side=side)
