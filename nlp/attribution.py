"""Ties each claim's speaker mention to an entity: names inside the mention, titles and
appositives, "on behalf of", described organisations and states, representatives named by a
possessive. Names the recogniser left out are found by ``nlp.speaker_names``.
"""

from __future__ import annotations

import re

from marsad.nlp import arabic as ar
from marsad.nlp import data
from marsad.nlp.ar.clauses import _AR_ALLEGATION, _bare
from marsad.nlp.ar.cues import (
    _AR_GENERIC,
    _AR_GENERIC_NAMED,
    _AR_MARKS_RE,
    AR_BUSINESS_NOUNS,
    _ar_tokens,
)
from marsad.nlp.claim_context import _EDGE, _Context, _label_of, _Raw, _strip, _word_list, latest_named_with
from marsad.nlp.countries import generic_body
from marsad.nlp.en.cues import _EN_ALLEGATION_RE, _EN_GENERIC, en_possessive_at
from marsad.nlp.en.entities import _KIND_NOUNS
from marsad.nlp.en.subjects import _EN_STATE_VOICES
from marsad.nlp.normalize import normalize_arabic
from marsad.nlp.segment import Segments, split_sentences
from marsad.nlp.types import Entity, Speaker


def _allegation_sentences(text: str, lang: str,
                          sentences: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Sentences (of ``split_sentences``, given or made) that report an allegation, a report, a rumour or an
    imputed act (an attack, a leak)."""
    out = []
    for a, b in split_sentences(text) if sentences is None else sentences:
        if lang == "ar":
            words = {_bare(w).lstrip("وفبل") for w, _, _ in _ar_tokens(text, a, b)} | \
                    {_bare(w) for w, _, _ in _ar_tokens(text, a, b)}
            hit = not words.isdisjoint(_AR_ALLEGATION)
        else:
            hit = _EN_ALLEGATION_RE.search(text, a, b) is not None
        if hit:
            out.append((a, b))
    return out


_EN_PRONOUN_MENTIONS = frozenset({"he", "she", "it", "they"})
_AR_PRONOUN_MENTIONS = frozenset({"هو", "هي", "هم"})


def _mention_span(text: str, mention: str, cue_at: int) -> tuple[int, int] | None:
    """Where a speaker mention is written: its occurrence nearest to the cue, in the cue's line."""
    seg = Segments(text)
    a, b = seg.paragraph(cue_at)
    best = None
    for m in re.finditer(re.escape(mention), text[a:b]):
        d = abs(a + m.start() - cue_at)
        if best is None or d < best[0]:
            best = (d, a + m.start(), a + m.end())
    return (best[1], best[2]) if best else None


def _resolve_speakers(text: str, lang: str, raws: list[_Raw], ctx: _Context) -> None:
    """Gives pronouns, verb-carried subjects, roles and descriptions the entity they stand for (nlp.speakers).

    Claims are read in text order; a named speaker keeps its entity (a
    surname becomes the person named in full, a person named inside the
    mention is the speaker, a dateline is not), and every speaker is recorded
    as it speaks, so that "He added" and "وأضاف" find the latest one that fits.
    A plain description ("the regulator", "الهيئة") the article never linked to
    an organisation keeps its text without an id.
    """
    from marsad.nlp.speakers import Discourse

    disc = Discourse.build(text, lang, ctx.entities)
    headline_end = Segments(text).spans[0][1] if len(Segments(text).spans) > 1 else -1
    for r in sorted(raws, key=lambda r: r.cue_at):
        sp = r.speaker
        if sp is None or not sp.text:
            continue
        mention = sp.text
        span = _mention_span(text, mention, r.cue_at)
        if span is not None and lang == "en":
            for a, b in disc.datelines:
                if a <= span[0] < b:
                    # "LONDON, June 20 (Harbour Wire) - Thameside Pension Trust said":
                    # the subject is what follows the dateline.
                    end = span[1] if span[1] > b else r.cue_at
                    span = _strip(text, b, end, _EDGE)
                    mention = text[span[0]:span[1]]
        inside = [e for e in ctx.entities if span is not None and span[0] <= e.start and e.end <= span[1]
                  and not disc.in_dateline(e.start)]
        appositive = _appositive(text, span, r.cue_at, inside, ctx) if lang == "en" else None
        if appositive is None and lang == "en" and span is not None:
            appositive = _titled_name(text, span, inside, ctx)
            if appositive is not None:
                span = (span[0], appositive.end)
        if appositive is None and lang == "en" and span is not None and not _people_somewhere(mention, inside):
            appositive = _en_name_in_mention(text, span, inside, ctx)
            if appositive is not None:
                span = (span[0], max(span[1], appositive.end))
        if appositive is not None:
            # "The riders' union, the Professional Cyclists' Alliance, said", "Airbus's head of
            # sales, Laurent Marchand, said": the name set off by commas is who speaks.
            mention = text[span[0]:appositive.end]
            r.speaker = Speaker(text=mention, id=appositive.id, name=appositive.name)
            disc.note(r.speaker, r.cue_at, r.cue, named=True, label=appositive.label)
            continue
        low = mention.lower().strip()
        bare = low.removeprefix("و").removeprefix("ف") if lang == "ar" else low
        found = None
        named = False
        keep = True
        if not mention:
            continue
        if low in _EN_PRONOUN_MENTIONS or bare in _AR_PRONOUN_MENTIONS:
            found = disc.pronoun(bare, r.cue_at)
            if found is None and sp.id is not None and not disc.fits_pronoun(bare, sp.id):
                # The claim rules' guess is of the wrong kind ("he" for a woman, "it" for a person).
                keep = False
        elif lang == "ar" and _AR_MARKS_RE.sub("", r.cue).strip() == mention.strip():
            if r.subject:
                # "وعزت الشركة العطل …، مؤكدة": the participle's subject is the sentence's.
                subject_span = _mention_span(text, r.subject, r.cue_at)
                subject_inside = [e for e in ctx.entities if subject_span is not None
                                  and subject_span[0] <= e.start and e.end <= subject_span[1]]
                found = _named_speaker(r.subject, subject_inside, sp, ctx, disc) if subject_inside else \
                    _described(r.subject, lang, r.cue_at, disc)[0]
                if found is not None and not disc.agrees(found, r.cue):
                    found = None  # "… مؤكدة" after a man's name: the participle speaks for someone else
            if found is None:
                found = disc.verb_subject(r.cue, r.cue_at)
        elif (behalf := _ar_on_behalf(mention, span, inside, r.cue_at, disc, r.cue_at < headline_end)) is not None:
            found = behalf
        elif inside and not any(e.label == "PERSON" for e in inside) and _opens_with_role(mention, lang) \
                and disc.role(mention, len(text) + 1 if r.cue_at < headline_end else r.cue_at) is not None:
            # "رئيس نادي الشروق" after (or, in a headline, before) "رئيس نادي الشروق السعودي عبد الله
            # الشمري": the person holding the role.
            found = disc.role(mention, len(text) + 1 if r.cue_at < headline_end else r.cue_at)
        elif inside and lang == "en" and _people_somewhere(mention, inside):
            found, keep = None, False  # "Prosecutors in Berlin" are not Berlin
        elif inside:
            named = True
            found = _named_speaker(mention, inside, sp, ctx, disc)
        else:
            found, keep = _described(mention, lang, r.cue_at, disc, headline=r.cue_at < headline_end)
            if found is None:
                by_name = disc.by_name(mention, r.cue_at)
                if by_name is not None:
                    found, named = by_name, True
        if found is not None:
            r.speaker = Speaker(text=mention, id=found.id, name=found.name)
        elif not keep:
            # A plain description the article never linked: no id (precision first).
            r.speaker = Speaker(text=mention)
        elif mention != sp.text:
            r.speaker = Speaker(text=mention, id=sp.id, name=sp.name)
        disc.note(r.speaker, r.cue_at, r.cue, named=named)


_APPOSITION_RE = re.compile(r"\s*,\s*(?:the\s+)?")
# Where an organisation in apposition is based: "Luxembourg-based", "Abu Dhabi-based".
_BASED_RE = re.compile(r"(?:[A-Z][\w'’.]*\s){0,2}[A-Z][\w'’.]*-based\s+")
# A role and a name at the end of a mention: "Chief executive Basel Qudah".
_TITLED_NAME_RE = re.compile(r"\b([A-Za-z-]+)\s+([A-Z][a-zà-ÿ'’-]+(?: [A-Z][a-zà-ÿ'’-]+){1,2})\s*$")


# A name in a mention: capitalised words, with the particles names hold ("Confédération des Producteurs Ruraux").
_NAME_WORD = r"[A-Z](?:[\w&.?-]|['’](?!s\b))*"
_NAME_RUN = _NAME_WORD + r"(?:\s+(?:(?:of|de|des|du|la|le|for|and|al|el|von|van|der)\s+)?" + _NAME_WORD + r"){0,5}"
# "Red Dune Refining, the Saudi refiner …", "The Confédération des Producteurs Ruraux": the name opens the mention
# (after an owner or a place it is based in: "Oman's", "The Paris-based").
_OPENING_NAME_RE = re.compile(r"(?:[Tt]he\s+)?(?:[A-Z][\w.-]*(?:['’]s|-based)\s+)?(" + _NAME_RUN + r")\s*(?:,|$)")
# "the broadcaster NordFunk", "The Brussels-based news site Policy Ledger": a described name closes it.
_CLOSING_NAME_RE = re.compile(r"\b([a-z][a-z-]+)\s+(" + _NAME_RUN + r")\s*$")
_EN_NAME_NOUNS = frozenset({"site", "website", "tracker", "daily", "weekly", "magazine", "blog", "portal"})


def _en_name_in_mention(text: str, span: tuple[int, int], inside: list[Entity], ctx: _Context) -> Entity | None:
    """The organisation or person a mention names when the recogniser did not tag that name whole.

    The name opens the mention ("Red Dune Refining, the Saudi refiner part-owned by …",
    "The UK Information Commissioner's Office", "Levant Mobile" with only "Levant" tagged) or closes a
    description ("the broadcaster NordFunk"). Its id is that of the same name elsewhere in the text or in
    the gazetteer, else its slug; names holding a role ("Prime Minister Karim Nassar") are left alone.
    """
    mention = text[span[0]:span[1]]
    m = _OPENING_NAME_RE.match(mention)
    start = None
    if m is not None:
        start = span[0] + m.start(1)
    else:
        m = _CLOSING_NAME_RE.search(mention)
        if m is None or not (_org_noun(m.group(1), "en") or m.group(1) in _EN_NAME_NOUNS):
            return None
        start = span[0] + m.start(2)
        m = re.match(r"(.*)", m.group(2))
    name = m.group(1).rstrip(".")
    words = name.split()
    if len(words) > 1 and words[0].lower() in _KIND_NOUNS \
            and all(w[:1].isupper() for w in words[1:]):
        # "Developer Marwah Properties": a kind of company, then its name.
        rest = name[len(words[0]):].lstrip()
        start, name, words = start + len(name) - len(rest), rest, words[1:]
    end = start + len(name)
    low = [w.lower().rstrip(".") for w in words]
    if any(_is_role_noun(w, "en") or _is_role_noun(w.removesuffix("s"), "en") for w in low) \
            or name.lower() in _EN_PRONOUN_MENTIONS or low[0] in _EN_HONORIFICS or low[0].endswith("-based"):
        return None
    if any(e.start <= start and e.end >= end and e.label in ("PERSON", "ORG") for e in inside):
        return None  # the recogniser has the whole name
    covered = [e for e in inside if start <= e.start and e.end <= end]
    if len(words) < 2 and not covered:
        return None
    same = next((e for e in ctx.entities if e.text == name and e.label in ("PERSON", "ORG")), None)
    if same is not None:
        return Entity(name, same.label, start, end, same.id, same.name)
    from marsad.nlp.gazetteer import gazetteer
    from marsad.nlp.translit import slugify

    gaz = gazetteer()
    entry = gaz.lookup(name, "en")
    if entry is None and len(words) > 2 and gaz.lookup(words[0], "en") is not None:
        entry = gaz.lookup(" ".join(words[1:]), "en")  # "UK Information Commissioner's Office"
    if entry is not None and entry.label in ("ORG", "PERSON"):
        return Entity(name, entry.label, start, end, entry.id, entry.name)
    if entry is not None or any(e.label in ("GPE", "LOC") and (e.start, e.end) == (start, end) for e in inside):
        return None
    if len(words) < 2:
        return None
    from marsad.nlp.speakers import gender_of_name

    label = "PERSON" if len(words) <= 3 and gender_of_name(name) is not None else "ORG"
    longer = {x.group() for x in re.finditer(re.escape(name) + r"(?:\s+" + _NAME_WORD + r")+", text)}
    if label == "ORG" and len(longer) == 1:
        # "Red Dune" where the story also writes "Red Dune Refining": the full name.
        full = longer.pop()
        return Entity(name, label, start, end, slugify(full), full)
    return Entity(name, label, start, end, slugify(name), name)


_EN_HONORIFICS = frozenset(word for word, lang in data.rows("honorifics.tsv") if lang == "en")


def _titled_name(text: str, span: tuple[int, int], inside: list[Entity], ctx: _Context) -> Entity | None:
    """The person a mention ending in a role and a name stands for, when the recogniser did not tag the
    name as one person ("Chief executive Basel Qudah", with Basel taken for the Swiss city)."""
    m = _TITLED_NAME_RE.search(text, span[0], span[1])
    if m is None or not _is_role_noun(m.group(1).lower(), "en"):
        return None
    start, end = m.start(2), m.end(2)
    name = m.group(2)
    # "Search coordinator Sergeant Hemi Walker": a rank between the role and the name is no part of the name.
    while len(name.split()) > 2 and _is_role_noun(name.split()[0].lower(), "en"):
        cut = len(name.split()[0]) + 1
        start, name = start + cut, name[cut:]
    if any(e.label == "PERSON" and e.start <= start and e.end >= end for e in inside):
        return None
    same = next((e for e in ctx.entities if e.label == "PERSON" and e.text == name), None)
    if same is not None:
        return Entity(name, "PERSON", start, end, same.id, same.name)
    from marsad.nlp.translit import slugify

    return Entity(name, "PERSON", start, end, slugify(name), name)


def _appositive(text: str, span: tuple[int, int] | None, cue_at: int, inside: list[Entity],
                ctx: _Context) -> Entity | None:
    """The name in apposition between a speaker mention and its cue ("…, Laurent Marchand, said"), or None.

    A person set off by commas speaks unless the mention names one already;
    an organisation only after a mention that names nobody ("The riders' union").
    """
    if span is None or span[1] >= cue_at:
        return None
    m = _APPOSITION_RE.match(text, span[1], cue_at)
    if m is None:
        return None
    # "Vale's lawyer, Petra Lund,": a person named as whose the role is does not speak; the name after does.
    inside = [x for x in inside if not en_possessive_at(text, x.end)]
    # "The satellite's operator, Luxembourg-based Orbicom, said": where the organisation is based comes first.
    based = _BASED_RE.match(text, m.end(), cue_at)
    at = based.end() if based is not None else m.end()
    for e in ctx.entities:
        if e.start == at and e.label in ("PERSON", "ORG"):
            if not re.fullmatch(r"\s*,?\s*", text[e.end:cue_at]):
                return None
            if e.label == "PERSON" and not any(x.label == "PERSON" for x in inside):
                return ctx.full_person(e)
            if e.label == "ORG" and not inside:
                return e
            if e.label == "ORG" and _role_mention(text[span[0]:span[1]]) and _APPOSED_NAME_RE.fullmatch(e.text) \
                    and not any(_org_noun(w.lower(), "en") for w in e.text.split()):
                # "Airbus's head of sales, Laurent Marchand,": a person's name the recogniser took for a company.
                return Entity(e.text, "PERSON", e.start, e.end, e.id, e.name)
            return None
    # A name the recogniser missed, after a role ("Airbus's head of sales, Laurent Marchand, said").
    name = _APPOSED_NAME_RE.fullmatch(text, m.end(), cue_at)
    if name is not None and not any(x.label == "PERSON" for x in inside) and _role_mention(text[span[0]:span[1]]):
        from marsad.nlp.translit import slugify

        person = name.group(1)
        return Entity(person, "PERSON", m.end(), m.end() + len(person), slugify(person), person)
    return None


def _role_mention(mention: str) -> bool:
    """Whether an English mention holds a role noun ("Airbus's head of sales", "chief executive")."""
    return any(_is_role_noun(w, "en") for w in mention.lower().replace(",", " ").split())


# Two or three capitalised words and a comma: a person's name in apposition.
_APPOSED_NAME_RE = re.compile(r"([A-Z][a-zà-ÿ'’-]+(?: [A-Z][a-zà-ÿ'’-]+){1,2}),?\s*")


# "باسم الهيئة": on behalf of a definite noun (an organisation described before).
_AR_ON_BEHALF_RE = re.compile(r"باسم\s+(ال\S+)")


def _ar_on_behalf(mention: str, span: tuple[int, int] | None, inside: list[Entity], pos: int, disc,
                  headline: bool) -> Entity | None:
    """For "المتحدثة باسم المنظمة في بورتسودان", the organisation described so before, not where she spoke."""
    m = _AR_ON_BEHALF_RE.search(mention)
    if m is None or span is None or any(e.start == span[0] + m.start(1) for e in inside):
        return None
    return _noun_referent(m.group(1), pos, disc, headline)


def _opens_with_role(mention: str, lang: str) -> bool:
    """Whether a mention opens with a role noun ("رئيس نادي الشروق", "the chief executive of X")."""
    words = mention.split()
    if not words:
        return False
    if lang == "ar":
        return any(_is_role_noun(w, lang) for w in ar.unconj(_AR_MARKS_RE.sub("", words[0])))
    words = [w for w in words if w.lower() not in ("the", "a", "an", "its")]
    return bool(words) and _is_role_noun(words[0].lower(), lang) and not words[0][:1].isupper()


def _named_speaker(mention: str, inside: list[Entity], sp: Speaker, ctx: _Context, disc) -> Entity | None:
    """The entity a mention that names someone stands for, when it is not the one the claim rules chose.

    A surname is the person named in full before; a person named in the
    mention ("Airbus's head of sales, Laurent Marchand") speaks rather than
    the organisation; an id the mention does not hold (a dateline's city)
    gives way to the name the mention holds.
    """
    for e in inside:
        if " " not in e.text.strip():
            full = disc.full_person(e.text, e.start)
            if full is not None:
                return full
    person = next((e for e in inside if e.label == "PERSON" and not _owner_phrase(mention, e.text)), None)
    if person is not None and (sp.id is None or sp.id != person.id and _label_of(ctx, sp.id) != "PERSON"):
        return person
    if sp.id is not None and any(e.id == sp.id for e in inside):
        return None
    first = min(inside, key=lambda e: e.start)
    lead = mention[:mention.find(first.text)].strip().lower() if first.text in mention else "?"
    if first.label in ("ORG", "PERSON") and lead in ("", "the"):
        # "Levant Mobile, Jordan's third-largest mobile operator": the name the mention opens with.
        return first
    if sp.id is not None and not disc.in_dateline_id(sp.id):
        return None
    # A name that heads the mention, not one that modifies it ("the Zurich-based bank").
    end = max(e.end for e in inside)
    for label in ("PERSON", "ORG", "GPE"):
        e = next((e for e in inside if e.label == label and e.end == end and mention.rstrip().endswith(e.text)),
                 None)
        if e is not None:
            return e
    return None


# "Prosecutors in Berlin", "Residents of Aleppo": people, then where they are.
_EN_PEOPLE_SOMEWHERE_RE = re.compile(r"(?:[A-Za-z]+\s+){0,2}?([A-Za-z]+s)\s+(?:in|of|from|at|near)\s")


def _people_somewhere(mention: str, inside: list[Entity]) -> bool:
    """Whether an English mention is a plural of people set in a place, which names no one: every entity in it
    is a place, and the plural is no stand-in for a government ("Authorities in Dubai" keep Dubai's id)."""
    m = _EN_PEOPLE_SOMEWHERE_RE.match(mention)
    return m is not None and m.group(1).lower() not in _EN_STATE_VOICES \
        and all(e.label in ("GPE", "LOC") for e in inside)


def _owner_phrase(mention: str, person: str) -> bool:
    """Whether the person in a mention is whom the speaker speaks for ("A lawyer for Sam Altman", "محامي X")."""
    before = mention[:mention.find(person)].lower()
    return bool(re.search(r"\b(?:for|of)\s*$|(?:باسم|عن|محامي|محامو)\s*$", before))


# Nouns for a company that stand for the organisation the story is about when
# the article described none with them ("the carmaker said").
_EN_COMPANY_NOUNS = frozenset(_word_list("en_company_nouns.txt"))


# "His lawyer", "Its chief executive": a possessive and a role that speaks for its holder's principal.
# (Not "their": "Their lawyers" after a judge sentenced three men are the men's, whom no entity names.)
_EN_POSSESSIVES = {"his": "he", "her": "she", "its": "it"}
_EN_REPRESENTATIVES = frozenset(data.phrases("en_representatives.txt"))


# "محاميه", "وكيلها", "مدير أعماله" (normalised): a lawyer, agent or manager and the pronoun of whom they act for.
_AR_REPRESENTATIVE_RE = re.compile(r"[وف]?(?:محامي|محامو|محاميت|وكيل|وكيلت|ممثل|ممثلت|(?:مدير|مديرة) اعمال)(ه|ها)")
_AR_SUFFIX_PRONOUNS = {"ه": "هو", "ها": "هي"}


def _described(mention: str, lang: str, pos: int, disc, headline: bool = False) -> tuple[Entity | None, bool]:
    """The entity a role or a description stands for ("the chief executive", "the exchange", "الهيئة").

    Returns the entity (or None) and whether the claim rules' own id may stay
    when there is none: it may for mentions with an owner ("a spokesperson for
    the company", "the fund's latest outlook"), not for a plain description.
    """
    words = mention.split()
    if not words or len(words) > 6:
        return None, True
    if lang == "en":
        owner = re.search(r"\b(?:for|of|at|from)\s+(?:the|its|their)\s+([a-z]+)$", mention) or \
            re.match(r"(?:[Tt]he|[Ii]ts)\s+([a-z]+)['’]s\s+[a-z]+$", mention)
        if owner is not None:
            # "Lawyers for the team", "a spokesperson for the regulator", "The fund's team".
            return _noun_referent(owner.group(1), pos, disc, headline), True
        if len(words) > 1 and words[0].lower() in _EN_POSSESSIVES and \
                " ".join(words[1:]).lower() in _EN_REPRESENTATIVES:
            # "His lawyer", "Its chief executive": whom the possessive stands for, as "Ocampo's agent" is Ocampo's.
            return disc.pronoun(_EN_POSSESSIVES[words[0].lower()], pos), False
        if re.search(r"\b(?:for|of|at|from)\b|['’]s\b", mention) or any(w[:1].isupper() for w in words[1:]):
            return None, True
        role = disc.role(mention, pos)
        if role is not None:
            return role, False
        head = words[-1].lower().strip(".,")
        from marsad.nlp.speakers import group_noun

        if group_noun(head) and words[0].lower() == "the" and len(words) == 2 and \
                (group := disc.description(head, pos)) is not None:
            # "The researchers" after "researchers at the University of Leeds": the university.
            return group, False
        if _is_role_noun(head, lang) or not _org_noun(head, lang):
            # "A spokesman said", "the spokesman", "the report": the claim rules know whom it speaks for.
            return None, True
        if words[0].lower() in ("a", "an"):
            # "a ransomware group", "A consumer group": one the article has not named, not its subject.
            return None, False
        if len(words) > 2 and generic_body(" ".join(words[1:])) is not None:
            # "the health ministry": a state body the claim rules gave its country (nlp.en.subjects), or none.
            return None, True
        return _noun_referent(head, pos, disc, headline), False
    rep = _AR_REPRESENTATIVE_RE.fullmatch(normalize_arabic(_AR_MARKS_RE.sub("", mention.strip())))
    if rep is not None:
        # "محاميه", "مدير أعمالها": whom the pronoun stands for, as "محامي الشركة" is the company's.
        pronoun = _AR_SUFFIX_PRONOUNS[rep.group(1)]
        person = disc.person_of(pronoun, pos)
        if "اعمال" in rep.group(0):
            return person, False  # a manager is only ever a person's ("مدير أعمالها" is never a city's)
        # A lawyer or agent may act for a person or a body: the one the pronoun fits, unless both a person and
        # another entity fit (the woman who complained, the company fined): then nobody (precision first).
        found = disc.pronoun(pronoun, pos)
        if person is not None and found is not None and found.id != person.id:
            return None, False
        return found or person, False
    first = _AR_MARKS_RE.sub("", words[0]).lstrip("وف")
    # A definite role ("الوزير"), or a role in construct with a definite word ("وزير الخارجية"; its و its own).
    construct = next((w for w in ar.unconj(_AR_MARKS_RE.sub("", words[0])) if _is_role_noun(w, lang)), None) \
        if len(words) > 1 and words[1].startswith("ال") else None
    if construct is not None:
        first = construct
    elif not first.startswith("ال"):
        return None, True
    role = disc.role(" ".join([first] + words[1:]), pos)
    if role is not None:
        return role, False
    state = _ar_state_mention(words, disc)
    if state is not None:
        return state, False
    if len(words) > 1 or _is_role_noun(first, lang) or not _org_noun(first, lang):
        return None, True
    return _noun_referent(first, pos, disc, headline), False


# Unnamed people who speak for their country: "المندوب الروسي", "السفير الأمريكي".
_AR_ENVOYS = frozenset({"المندوب", "المندوبة", "السفير", "السفيرة", "الممثل", "الممثلة", "المبعوث", "المبعوثة"})
# Heads of a mention that speaks for the country of its gentilic: an envoy, or a referent of a state ("الحكومة").
_AR_STATE_HEADS = _AR_ENVOYS | frozenset(w for w, labels in _AR_GENERIC.items() if "GPE" in labels)


def _ar_state_mention(words: list[str], disc) -> Entity | None:
    """The state an Arabic mention that names no one stands for: "الحكومة الأردنية" or "المندوب الروسي"
    (the country of the gentilic), "النيابة العامة" (a generic state body: the article's country's)."""
    from marsad.nlp.countries import ar_state_body, article_country, gentilic_state, state_body_id
    from marsad.nlp.gazetteer import gazetteer

    # Without a proclitic و/ف only before the article ("والحكومة"): "وزير" keeps its و.
    bare = [next((f for f in ar.unconj(w) if f.startswith("ال")), w) for w in (_AR_MARKS_RE.sub("", x) for x in words)]
    entry = gentilic_state(bare, _AR_STATE_HEADS, gazetteer())
    if entry is not None:
        return Entity(" ".join(words), "GPE", 0, 0, entry.id, entry.name)
    if len(bare) > 1 and normalize_arabic(bare[0]) in ("وزير", "وزيره"):
        # "وزير الصحة السعودي" whom the article does not name: the minister speaks for the ministry.
        bare = ["وزارة", *bare[1:]]
    found = ar_state_body(bare)
    if found is None or (len(bare) < 2 and found[1] is None):
        return None
    body, named = found
    made = state_body_id(body, named or article_country(disc.text, "ar", disc.entities))
    return None if made is None else Entity(" ".join(words), "ORG", 0, 0, *made)


# Nouns for a regulator: with none described so, the latest regulatory body named before.
_REGULATOR_NOUNS = frozenset({"regulator", "watchdog", "الجهة التنظيمية", "الهيئة", "الجهاز"})


def _org_noun(word: str, lang: str) -> bool:
    """Whether a definite noun names a kind of organisation ("the regulator", "الهيئة"), not a document."""
    from marsad.nlp.speakers import org_noun

    return word in (_AR_GENERIC if lang == "ar" else _EN_GENERIC) or org_noun(word, lang)


def _is_role_noun(word: str, lang: str) -> bool:
    from marsad.nlp.speakers import role_noun

    return role_noun(word, lang)


def _noun_referent(noun: str, pos: int, disc, headline: bool) -> Entity | None:
    """The organisation a definite noun refers to: one the article described with it, or, for a company
    noun, the one the story is about. In a headline, the one the body goes on to describe."""
    # A noun that refers only to a body named with it ("الدائرة", "الجيش") is no company of the story.
    company = noun in _EN_COMPANY_NOUNS or (noun in _AR_GENERIC and _AR_GENERIC[noun] == ("ORG",)
                                             and noun not in _AR_GENERIC_NAMED)
    # "the company" is never the regulator or the ministry that the story also names.
    firm = noun in ("company", "firm", "الشركة", "الشركه")
    if company and noun in ("الشركة", "الشركه"):
        # "وقالت الشركة": the company the article last named with شركة when it is named at least as often as
        # the one the story is about (the one just quoted, in a story of two), else the one the story is about.
        described, about = disc.description(noun, pos), disc.salient(pos, company=firm)
        found = described if described is not None and described.label == "ORG" and (
            about is None or disc.counts[described.id] >= disc.counts[about.id]) else about
    elif company and noun in ("company", "firm"):
        found = disc.salient(pos, company=firm) or disc.description(noun, pos)
    elif company and noun in ("group", "المجموعة"):
        # "The group" after "a hacking group calling itself X" is X, not the company attacked.
        found = disc.description(noun, pos) or disc.salient(pos)
    else:
        found = disc.description(noun, pos)
    if found is None and noun in _AR_GENERIC_NAMED:
        found = latest_named_with(disc.entities, noun, pos)  # "وقال الجيش" after "الجيش الإسرائيلي"
    if found is None and noun in _REGULATOR_NOUNS:
        found = disc.regulator(pos)
    if found is None and disc.kind_noun(noun):
        # "the airline" / "الناقلة": the latest airline named. With none, an English noun falls back to the
        # organisation the story is about (a telecom "carrier"); الناقلة, also a tanker, stands for nobody.
        found = disc.of_kind(noun, pos)
        if found is None and disc.lang == "ar":
            return None
    if found is None and headline:
        found = disc.description(noun, len(disc.text) + 1, first=True)
    if found is None and company:
        # A business noun ("البنك", "the lender") is a company of the story, never an association or a party.
        business = firm or noun in _EN_COMPANY_NOUNS or noun in AR_BUSINESS_NOUNS
        found = disc.salient(pos if not headline else len(disc.text) + 1, company=business)
    return found
