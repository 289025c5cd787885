"""The speaker of an English speech verb: its subject noun phrase, resolved to an entity,
a spokesperson's organisation, a pronoun's antecedent or a generic referent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from marsad.nlp.claim_context import _EDGE, _Context, _country, _label_of, _speaker_from_entity, _strip, _trim_claim
from marsad.nlp.countries import country_of_adjective
from marsad.nlp.en.cues import _EN_CUES, _EN_GENERIC, _EN_ORG_VOICES, _EN_PRONOUNS, _EN_SPOKES, en_possessive_at
from marsad.nlp.types import Entity, Speaker


def _en_subtree_bounds(tok, exclude: Sequence = ()) -> tuple[int, int]:
    """Character offsets of a token's subtree, leaving out the subtrees of ``exclude``.

    Only the unbroken run of tokens around ``tok`` counts, so that a comma
    after a dropped relative clause does not stretch the span over it.
    """
    dropped = {t.i for x in exclude for t in x.subtree}
    keep = {t.i for t in tok.subtree if t.i not in dropped}
    lo = hi = tok.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    doc = tok.doc
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def en_stray_subject(verb):
    """The subject of a trailing attribution that the parser hung on the quotation's verb: '"We will not build
    a back door," Tom Albright, founder of the app, told MPs' makes Albright a modifier of "build" and "told"
    its conjunct. A proper noun after the closing quote and before the cue, else None."""
    if verb.dep_ != "conj":
        return None
    head = verb.head
    close = next((t.i for t in verb.doc[head.i:verb.i] if t.text in ("\"", "”", "''") and t.i > head.i), None)
    if close is None:
        return _en_comma_named(verb)
    return next((k for k in head.children if k.dep_ in ("npadvmod", "nsubj", "appos") and close < k.i < verb.i
                 and k.tag_ in ("NNP", "NNPS")), None)


def _en_comma_named(verb):
    """A person's name set off by commas right before a trailing cue whose subject the parser hung elsewhere
    ("…, both for routine checks, the airline's operations director, Faisal Al Busaidi, told a newspaper"):
    the name's last word, when the name is in apposition to the noun before it; else None."""
    doc = verb.doc
    k = verb.i - 1
    if k < 2 or doc[k].text != "," or any(c.dep_ == "ccomp" or c.dep_ == "mark" for c in verb.children):
        return None  # "met his counterpart, Hakan Fidan, warned that …": a verb with its own clause leads
    last = doc[k - 1]
    names = [t for t in doc[max(0, k - 4):k] if t.tag_ in ("NNP", "NNPS")]
    if last.tag_ != "NNP" or last.dep_ != "appos" or not names or last.head.i >= last.i:
        return None
    return last


def _en_speaker(text: str, verb, ctx: _Context, history: list[Speaker]) -> Speaker | None:
    """The speaker of a speech verb: its subject, resolved; or the previous speaker for "..., adding"."""
    subj = next((k for k in verb.children if k.dep_ == "nsubj"), None)
    if subj is None:
        subj = en_stray_subject(verb)
    if subj is None and any(k.dep_ == "nsubjpass" for k in verb.children):
        # "… were dismissed by the club": the agent.
        subj = next((c for k in verb.children if k.dep_ == "agent" for c in k.children if c.dep_ == "pobj"), None)
    if subj is None and verb.dep_ in ("advcl", "conj", "xcomp"):
        # "..., adding that", "denied X and said Y": the subject of the nearest
        # speech verb above; the parser sometimes hangs the second verb inside
        # the first one's clause, where the clause's own subject is not the speaker.
        for anc in verb.ancestors:
            if anc.lower_ in _EN_CUES and anc.tag_.startswith("VB"):
                subj = next((k for k in anc.children if k.dep_ == "nsubj"), None)
                break
        if subj is None and verb.head.pos_ in ("VERB", "AUX"):
            subj = next((k for k in verb.head.children if k.dep_ == "nsubj"), None)
    if subj is None and verb.head.lower_ == "as" and verb.head.head.lower_ in ("quoted", "quotes", "quoting", "cited"):
        # "Reuters quoted Antonio Guterres as saying ...": the quoted person speaks.
        subj = next((k for k in verb.head.head.children if k.dep_ == "dobj"), None)
    if subj is None and verb.i > 0:
        glued = re.search(r"[a-z0-9%][.!?]([A-Z][\w'-]+)$", verb.doc[verb.i - 1].text)
        if glued is not None:
            # "$10,000.Kogan insisted": spaCy kept the glued name in the
            # previous sentence's last token; the name after the stop speaks.
            prev = verb.doc[verb.i - 1]
            return _en_glued_speaker(prev.idx + glued.start(1), prev.idx + len(prev.text), ctx)
    if subj is None and (after_quote := _en_named_after_quote(text, verb, ctx)) is not None:
        return after_quote
    if subj is None and (after_comma := _en_named_after_comma(text, verb, ctx)) is not None:
        return after_comma
    if subj is None:
        return history[-1] if verb.dep_ in ("advcl", "conj") and history else None
    if subj.lower_ in ("who", "which", "that") and subj.head.dep_ == "relcl":
        # "X, who said ..." — the relative pronoun's antecedent.
        subj = subj.head.head
    self_named = _en_self_named(subj)
    if self_named is not None:
        # "a hacking group calling itself Dark Falcon": the name is the speaker.
        i = ctx.entity_in(*self_named, labels=("ORG", "PERSON", "GPE", "MISC"))
        mention = text[self_named[0]:self_named[1]]
        return Speaker(text=mention, id=ctx.entities[i].id, name=ctx.entities[i].name) if i is not None \
            else Speaker(text=mention)
    # Exclude relative clauses and appositive descriptions from the mention.
    drop = [c for c in subj.children if c.dep_ in ("relcl", "acl") or (c.dep_ == "appos" and c.i > subj.i)]
    s_start, s_end = _en_subtree_bounds(subj, exclude=drop)
    s_start, s_end = _strip(text, s_start, s_end, _EDGE)
    return _en_resolve_np(text, subj, s_start, s_end, ctx, history)


def _en_named_after_quote(text: str, verb, ctx: _Context) -> Speaker | None:
    """The speaker named between a closing quote and its cue when the parser gave the cue no subject:
    '"…," the ministry's director general, Bambang Sutrisno, said' (the first person named there who is not
    someone else's — "Ahmed Karim's lawyer" — else the first organisation)."""
    start = verb.sent.start_char
    close = max(text.rfind("\"", start, verb.idx), text.rfind("”", start, verb.idx))
    if close == -1 or verb.idx - close > 160 or not text[close + 1 : verb.idx].strip():
        return None
    named = [e for e in ctx.entities if close < e.start and e.end <= verb.idx and e.label in ("PERSON", "ORG")
             and not en_possessive_at(text, e.end)]  # "Ahmed Karim's lawyer, Reem Al Shamsi": not the client
    people = [e for e in named if e.label == "PERSON"]
    e = people[0] if people else (named[0] if named else None)
    return None if e is None else Speaker(text=e.text, id=e.id, name=e.name)


def _en_named_after_comma(text: str, verb, ctx: _Context) -> Speaker | None:
    """The speaker named between the comma that closes a reported clause and its cue, when the parser hung the
    name on the clause ("The council has not approved a permit for developer Gareth Lowe, planning chief Sara
    Osei said": Osei taken for an apposition of Lowe): the person or organisation named right before the cue,
    when the words between are a noun phrase (no verb) of at most eight words and the name is nobody's relation
    ("a neighbour of singer Adele")."""
    if not any(k.dep_ == "ccomp" and k.i < verb.i for k in verb.children):
        return None
    comma = text.rfind(",", verb.sent.start_char, verb.idx)
    if comma == -1 or verb.idx - comma > 80:
        return None
    between = [t for t in verb.doc[verb.sent.start : verb.i] if t.idx > comma]
    verbal = any(t.is_punct or (t.pos_ in ("VERB", "AUX") and t.dep_ not in ("compound", "amod")) for t in between)
    if not between or len(between) > 8 or verbal:
        return None
    # Only the name that ends right before the cue: not "…, a neighbour of singer Adele said".
    e = next((e for e in ctx.entities if comma < e.start and e.label in ("PERSON", "ORG")
              and not text[e.end:verb.idx].strip()), None)
    if e is None or re.search(r"\b(?:of|for|to|at|with|by)\b", text[comma + 1:e.start]):
        return None
    return Speaker(text=e.text, id=e.id, name=e.name)


_EN_NAMING = frozenset({"calling", "called", "named", "dubbed", "styling", "styled", "known"})


def _en_self_named(subj) -> tuple[int, int] | None:
    """The span of X in "a group calling itself X" / "a group called X" / "known as X", if the subject says so."""
    for c in subj.children:
        if c.dep_ not in ("acl", "relcl") or c.lower_ not in _EN_NAMING:
            continue
        for k in c.children:
            if k.dep_ in ("oprd", "attr", "npadvmod", "dobj") and k.lower_ not in ("itself", "themselves", "himself",
                                                                                 "herself"):
                return _en_subtree_bounds(k)
            if k.dep_ == "prep" and k.lower_ == "as":
                objs = [p for p in k.children if p.dep_ == "pobj"]
                if objs:
                    return _en_subtree_bounds(objs[0])
    return None


def _en_glued_speaker(start: int, end: int, ctx: _Context) -> Speaker:
    """The speaker named by a word glued after a full stop: its entity, or the earlier full name it repeats."""
    mention = ctx.text[start:end]
    i = ctx.entity_at(start, end)
    if i is not None:
        return _speaker_from_entity(mention, ctx.entities[i], ctx)
    for e in reversed(ctx.entities):
        if e.start < start and e.label == "PERSON" and e.text.split() and e.text.split()[-1] == mention:
            return Speaker(text=mention, id=e.id, name=e.name)
    return Speaker(text=mention)


def _en_is_time(prep) -> bool:
    """A prepositional phrase of time ("on Wednesday", "in March") modifies the saying, not the claim."""
    return any(t.ent_type_ in ("DATE", "TIME") for t in prep.subtree)


_EN_TRAILING = re.compile(r"(?:[\s,;]+(?:and|but|while|whereas|as|adding|saying|,))+$", re.I)


def _trim_en_conjunctions(text: str, start: int, end: int) -> tuple[int, int]:
    m = _EN_TRAILING.search(text, start, end)
    if m and m.start() > start:
        end = m.start()
    return _trim_claim(text, start, end)


def _en_resolve_np(text: str, head, s_start: int, s_end: int, ctx: _Context, history: list[Speaker]) -> Speaker:
    mention = text[s_start:s_end]
    low = head.lower_
    if low in _EN_PRONOUNS and head.i == next(iter(head.subtree)).i:
        labels = _EN_PRONOUNS[low]
        if low in ("he", "she") and history and history[-1].id and _en_is_spokesperson(history[-1]):
            # "A spokesman for X said ... He added": the spokesperson again, speaking for X.
            return Speaker(text=mention, id=history[-1].id, name=history[-1].name)
        for prev in reversed(history[-3:]):
            if prev.id and _label_of(ctx, prev.id) in labels:
                return Speaker(text=mention, id=prev.id, name=prev.name)
        e = ctx.salient(s_start, labels)
        if e is not None and labels != ("PERSON",):
            return Speaker(text=mention, id=e.id, name=e.name)
        if e is not None:
            # Only a recent person can be "he"/"she": the last one mentioned.
            last = [x for x in ctx.entities if x.label == "PERSON" and x.start < s_start]
            if last:
                return _speaker_from_entity(mention, last[-1], ctx)
        return Speaker(text=mention)
    # "its governor Hassan Abdalla", "the chief executive, Rania Mansour": the
    # named person in apposition is the speaker.
    if ctx.entity_at(head.idx, head.idx + len(head.text)) is None:
        for c in head.children:
            if c.dep_ == "appos":
                i = ctx.entity_in(*_en_subtree_bounds(c), labels=("PERSON",))
                if i is not None:
                    return _speaker_from_entity(mention, ctx.entities[i], ctx)
    # A spokesperson for X / X's spokesperson / an official at X → X.
    if low in _EN_SPOKES:
        own = ctx.entity_at(head.idx, head.idx + len(head.text))
        if own is None:
            for c in head.children:
                if c.dep_ == "prep" and c.lower_ in ("for", "of", "at", "from", "with"):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            i = ctx.entity_in(*_en_subtree_bounds(p), labels=("ORG", "GPE", "PERSON"))
                            if i is not None:
                                return _speaker_from_entity(mention, ctx.entities[i], ctx)
                            generic = _en_generic(p, ctx, s_start)
                            if generic is not None:
                                return Speaker(text=mention, id=generic.id, name=generic.name)
            # A named person in apposition or as a compound ("Meta spokesman Andy Stone").
            i = ctx.entity_in(s_start, s_end, labels=("PERSON",))
            if i is None:
                i = ctx.entity_in(s_start, s_end, labels=("ORG", "GPE"))
            if i is not None:
                return _speaker_from_entity(mention, ctx.entities[i], ctx)
            owners = [c for c in head.children if c.dep_ in ("poss", "compound")]
            generic = next((g for g in (_en_generic(c, ctx, s_start) for c in owners) if g is not None), None)
            if generic is not None:
                return Speaker(text=mention, id=generic.id, name=generic.name)
            if any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
                # "the spokesman" is the one quoted before, for whoever they speak.
                prev = next((h for h in reversed(history) if h.id and low in h.text.lower().split()), None)
                if prev is not None:
                    return Speaker(text=mention, id=prev.id, name=prev.name)
            if low in _EN_ORG_VOICES:
                # "A spokesman said" with no organisation named speaks for the
                # organisation the story is about.
                e = ctx.salient(s_start, ("ORG",))
                if e is not None:
                    return Speaker(text=mention, id=e.id, name=e.name)
            return Speaker(text=mention)
    i = ctx.entity_at(head.idx, head.idx + len(head.text))
    if i is not None:
        return _speaker_from_entity(mention, ctx.entities[i], ctx)
    body = _en_state_body(text, mention, head, ctx)
    if body is not None:
        return body
    generic = _en_generic(head, ctx, s_start)
    if generic is not None:
        return Speaker(text=mention, id=generic.id, name=generic.name)
    if low in _EN_GENERIC:
        # "the Zurich-based bank" is not Zurich.
        return Speaker(text=mention)
    if head.tag_ == "NNS" and low not in _EN_STATE_VOICES:
        # "Prosecutors in Berlin", "Residents of Aleppo": people somewhere are not the place.
        return Speaker(text=mention)
    i = ctx.entity_in(s_start, s_end)
    if i is not None:
        return _speaker_from_entity(mention, ctx.entities[i], ctx)
    return Speaker(text=mention)


# Plurals that stand for a government ("Authorities in Dubai", "Officials in Kabul"): they keep the place's id.
_EN_STATE_VOICES = frozenset({"authorities", "officials", "governments", "ministers", "leaders"})


def _en_state_body(text: str, mention: str, head, ctx: _Context) -> Speaker | None:
    """A generic state body written in lower case, which no entity covers ("Russia's defence ministry",
    "the Egyptian health ministry", "the interior ministry"): its id carries the country its owner or
    adjective names, else the article's (as nlp.linking gives "Oman's Ministry of Health" its country); without
    any, the mention with no id."""
    from marsad.nlp.countries import (
        article_country,
        body_heads,
        country_of_adjective,
        generic_body,
        government_of,
        state_body_id,
    )

    if head.lower_ not in body_heads():
        return None
    before = sorted((c for c in head.children if c.dep_ in ("compound", "amod") and c.i < head.i), key=lambda c: c.i)
    gentilic = next((g for c in before if (g := country_of_adjective(c.lower_)) is not None), None)
    domain = [c.text for c in before if country_of_adjective(c.lower_) is None]
    base = generic_body(" ".join([*domain, head.text])) if domain else None
    if base is None:
        return None
    country = gentilic
    for c in head.children:
        if c.dep_ == "poss" and (k := ctx.entity_at(c.idx, c.idx + len(c.text))) is not None \
                and ctx.entities[k].label == "GPE":
            country = government_of(ctx.entities[k].id) or country
    if country is None and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        country = article_country(text, "en", ctx.entities)
    made = state_body_id(base, country)
    # Without a country, the body is still a state body: no other organisation or country of the story.
    return Speaker(text=mention) if made is None else Speaker(text=mention, id=made[0], name=made[1])


def _en_generic(tok, ctx: _Context, before: int) -> Entity | Speaker | None:
    """'the company' → the salient organisation; only with a definite or possessive determiner.

    "the Egyptian government" names its country instead.
    """
    labels = _EN_GENERIC.get(tok.lower_)
    if labels is None:
        return _en_named_by_head(tok, ctx, before)
    if "GPE" in labels:
        for c in tok.children:
            country = _country(country_of_adjective(c.lower_)) if c.dep_ in ("amod", "compound") else None
            if country is not None:
                return Speaker(text=c.text, id=country[0], name=country[1])
        if tok.lower_ == "government" and not any(c.dep_ == "poss" for c in tok.children):
            # "the government", "a government spokesperson": the government of the country the story is set in.
            country = _country(ctx.country())
            if country is not None:
                return Speaker(text=tok.text, id=country[0], name=country[1])
    dets = [c.lower_ for c in tok.children if c.dep_ in ("det", "poss")]
    if not any(d in ("the", "its", "this", "their") for d in dets):
        return None
    # "the fund" after "the International Monetary Fund" is that fund, even
    # when another organisation is more salient.
    return _en_named_by_head(tok, ctx, before) or ctx.salient(before, labels)


def _en_named_by_head(tok, ctx: _Context, before: int) -> Entity | None:
    """'the commission', 'the fund's outlook' → the organisation named earlier whose name ends in that noun.

    "The European Commission ... A spokesman for the commission": a definite
    noun that repeats the last word of an organisation's name refers to it.
    """
    if not tok.is_lower or not any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "its", "this")
                                   for c in tok.children):
        return None
    found = None
    for e in ctx.entities:
        if e.start >= before:
            break
        if e.label == "ORG" and e.text.split() and e.text.split()[-1].lower() == tok.lower_:
            found = e
    return found


def _en_is_spokesperson(speaker: Speaker) -> bool:
    return any(w in ("spokesperson", "spokesman", "spokeswoman", "representative")
               for w in speaker.text.lower().split())
