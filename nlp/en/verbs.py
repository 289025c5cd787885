"""An English claim anchored on one speech verb: its reported clause, where the clause
ends, its kind and its speaker.
"""

from __future__ import annotations

import re

from marsad.nlp.claim_context import MAYBE, _Context, _inside_quotes, _quote_spans, _Raw, _trim_claim, _word_list
from marsad.nlp.en.cues import (
    _EN_CUES,
    _EN_DENIAL_VERBS,
    _EN_FALSE_RE,
    _EN_HEARSAY_VERBS,
    _EN_MODALS,
    _EN_NO_COMMENT_RE,
    _EN_OBJECT_OK,
    _EN_OCCASION_PREPS,
    _EN_TO_CLAUSE,
    _phrase_list,
)
from marsad.nlp.en.kinds import _EN_COPULAS, _en_kind, en_calls_untrue
from marsad.nlp.en.subjects import (
    _en_is_time,
    _en_speaker,
    _en_subtree_bounds,
    _trim_en_conjunctions,
    en_stray_subject,
)
from marsad.nlp.types import Speaker


def _en_verb(text: str, verb, sent, ctx: _Context, history: list[Speaker]) -> _Raw | None:
    lemma = _EN_CUES[verb.lower_]
    kids = list(verb.children)
    if lemma == "brush":
        # "brushed off suggestions that …" dismisses them; other brushing says nothing.
        if not any(k.dep_ == "prt" and k.lower_ in ("off", "aside") for k in kids):
            return None
        lemma = "dismiss"
    hit_back = lemma == "hit"
    if lemma in ("push", "hit"):
        # "pushed back on claims that …", "hit back at reports that …" reject them; other pushing and hitting
        # say nothing.
        if not any(k.lower_ == "back" and k.dep_ in ("prt", "advmod") for k in kids):
            return None
        lemma = "dismiss"
    if lemma in ("call", "describe", "brand", "label"):
        return _en_characterised(text, verb, ctx, history)
    if any(k.dep_ == "aux" and k.lower_ == "to" for k in kids) and (
            verb.dep_ in ("acl", "relcl") and verb.head.lower_ in _EN_NO_GROUNDS
            or verb.dep_ == "xcomp" and any(k.dep_ == "dobj" and k.lower_ in _EN_NO_GROUNDS
                                            for k in verb.head.children)):
        # "there was nothing to suggest that …", "no evidence to show": what would say it, not a saying.
        return None
    if verb.dep_ == "compound" and verb.tag_ == "VBG" and lemma in _EN_DENIAL_VERBS \
            and _en_claim_noun(verb.head.lower_) and verb.head.dep_ in ("ccomp", "dobj", "conj") \
            and verb.head.head.lower_ in _EN_CUES:
        # "…, the broadcaster said on Tuesday, dismissing reports that …": the parser took the participle for a
        # modifier of what it dismisses; what it dismisses is the claim, the speaker that of the verb above.
        obj = verb.head
        c_start, c_end = _trim_claim(text, obj.idx, max(t.idx + len(t.text) for t in obj.subtree))
        return _Raw(c_start, c_end, verb.text, "denial", _en_speaker(text, obj.head, ctx, history))
    # "did not say", "never denied", "would neither confirm nor deny": no claim is reported.
    if any(k.dep_ == "neg" or k.lower_ in ("never", "neither", "nor") for k in kids):
        return None
    if verb.dep_ == "conj" and any(k.lower_ in ("neither", "nor") for k in verb.head.children):
        return None
    # "without admitting or denying the findings": nothing is denied.
    first = verb.head if verb.dep_ == "conj" else verb
    if first.dep_ == "pcomp" and first.head.lower_ == "without":
        return None
    # A passive ("had been told", "is said to") has no speaker of its own, unless a denial names it: "Reports
    # that … were dismissed by the club" (what was said is the subject, the agent denies it).
    if any(k.dep_ in ("auxpass", "nsubjpass") for k in kids):
        said = next((k for k in kids if k.dep_ == "nsubjpass" and _en_claim_noun(k.lower_)
                     and k.lower_ not in ("it", "this", "that", "them", "these", "those")), None)
        agent = next((k for k in kids if k.dep_ == "agent" and any(c.dep_ == "pobj" for c in k.children)), None)
        if lemma not in _EN_DENIAL_VERBS or said is None or agent is None or any(k.dep_ == "neg" for k in kids):
            return None
        c_start, c_end = _trim_claim(text, *_en_subtree_bounds(said))
        return _Raw(c_start, c_end, verb.text, "denial", _en_speaker(text, verb, ctx, history))
    # "declined to say", "refused to confirm", "did not want to say".
    if verb.dep_ == "xcomp" and (
        verb.head.lower_.startswith(("declin", "refus", "fail"))
        or any(k.dep_ == "neg" for k in verb.head.children)
    ):
        return None
    if lemma in _EN_CHARGING_PREPS:
        return _en_accusation(text, verb, lemma, ctx, history)
    if lemma in _EN_AVOWING:
        # "has always maintained his innocence", "insisted on her innocence": the speaker's own innocence of
        # what is charged. Not "the innocence of childhood", not "nobody maintained their innocence", and not
        # inside what someone else said ("…, his lawyer said": that is the lawyer's claim).
        phrase = next((n for k in kids if k.i > verb.i and k.dep_ in ("dobj", "prep")
                       for n in ([k] if k.dep_ == "dobj" else [c for c in k.children if c.dep_ == "pobj"])
                       if n.lower_ == "innocence" and any(c.dep_ == "poss" for c in n.children)), None)
        nobody = any(k.dep_ == "nsubj" and " ".join(t.lower_ for t in k.subtree) in ("nobody", "no one", "none")
                     for k in kids)
        quoted = any(t.i > verb.i and t.lower_ in _EN_CUES and t.tag_.startswith("VB")
                     and _EN_CUES[t.lower_] not in _EN_CHARGING_PREPS for t in verb.sent)
        if phrase is not None and not nobody and not quoted:
            c_start, c_end = phrase.left_edge.idx, phrase.right_edge.idx + len(phrase.right_edge.text)
            return _Raw(c_start, c_end, verb.text, "denial", _en_speaker(text, verb, ctx, history))
    ccomps = [k for k in kids if k.dep_ == "ccomp"]
    if not ccomps:
        # "said in a statement that ...": the parser may hang the reported
        # clause on the noun of the occasion instead of on the verb.
        # Not "dismissed as baseless allegations that …", "pushed back on claims that …": there
        # the clause tells what the rejected claim said, and the claim is the whole object.
        ccomps = [a for k in kids if k.dep_ == "prep" and k.i > verb.i
                  for p in k.children if p.dep_ == "pobj"
                  and not (lemma in _EN_OBJECT_OK and _en_claim_noun(p.lower_))
                  for a in p.children if a.dep_ in ("acl", "ccomp", "relcl") and a.i > p.i
                  and any(c.dep_ == "mark" and c.lower_ == "that" for c in a.children)]
    # "denied that card numbers or passwords had been accessed", parsed as "denied [that card numbers …]
    # (object) … [accessed] (conj, or a subjectless ccomp)": "that" taken for a determiner. The clause is whole.
    that_obj = next((k for k in kids if k.dep_ == "dobj" and k.left_edge.i == verb.i + 1
                     and k.left_edge.lower_ == "that" and k.left_edge.dep_ == "det" and k.left_edge is not k), None)
    split_verb = None if that_obj is None else next(
        (k for k in kids if k.dep_ in ("ccomp", "conj") and k.i > that_obj.right_edge.i and k.pos_ in ("VERB", "AUX")
         and any(c.dep_ in ("aux", "auxpass") and c.i < k.i for c in k.children)
         and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "cc") for c in k.children)
         and all(t.i == k.i or t.dep_ in ("aux", "auxpass", "neg")
                 for t in k.doc[that_obj.right_edge.i + 1 : k.i + 1])),
        None)
    if split_verb is not None:
        ccomps = [split_verb, that_obj]
    # "did not say whether/how ...": an open question is not an assertion.
    # A quotation before its cue is what was said, even when it opens with "What happened was …".
    if ccomps and (len(ccomps) > 1 or ccomps[0].i > verb.i) and next(iter(ccomps[0].subtree)).lower_ in (
            "whether", "if", "how", "why", "what", "when", "where"):
        return None
    objects = [
        k for k in kids
        if k.i > verb.i and (
            k.dep_ in ("dobj", "xcomp", "pcomp", "oprd")
            or (k.dep_ == "prep" and (not _en_is_time(k) or any(
                p.dep_ == "pobj" and _en_claim_noun(p.lower_) for p in k.children)))
            or (k.dep_ == "advcl" and next(iter(k.subtree)).lower_ == "as"
                # Not "…, as the regulator said it had opened an inquiry": another claim.
                and not (k.lower_ in _EN_CUES and any(c.dep_ == "ccomp" for c in k.children)))
        )
    ]
    claim_toks = None
    # "claimed to have stolen ...", "admitted to having ...": the infinitive
    # or gerund clause is what was said.
    to_clause = [k for k in kids if k.dep_ == "xcomp" and k.i > verb.i and lemma in _EN_TO_CLAUSE
                 and any(c.dep_ == "aux" and c.lower_ == "to" for c in k.children)]
    if any(c.i < verb.i for c in ccomps):
        # "X has not closed its newsroom, the broadcaster said on Tuesday, dismissing reports that …": what
        # follows an attribution placed after the clause is the speaker's next act, not more of what was said
        # (the parser may take the participle's object for a second clause of "said").
        ccomps = [c for c in ccomps if c.i < verb.i or c.left_edge.tag_ != "VBG"]
    if len(ccomps) > 1:
        # "said profit rose … but cautioned that growth would slow", parsed as two clauses of "said": a
        # cue with a clause of its own is its own claim.
        ccomps = [c for c in ccomps if not (c.lower_ in _EN_CUES and c.tag_.startswith("VB")
                                            and any(k.dep_ == "ccomp" for k in c.children))] or ccomps[:1]
    if ccomps and ccomps[0].i > verb.i:
        # "said X, and that Y": a second that-clause the parser hung on the verb is still what was said.
        ccomps = ccomps + [k for k in kids if k.dep_ == "conj" and k.i > ccomps[-1].i and k.tag_.startswith("VB")
                           and k.lower_ not in _EN_CUES
                           and any(c.dep_ == "mark" and c.lower_ == "that" for c in k.children)]
    if ccomps:
        claim_toks = ccomps
    elif to_clause:
        claim_toks = to_clause
    elif lemma in _EN_OBJECT_OK and objects:
        if lemma in ("reject", "dismiss") and not _en_claim_object(objects):
            # "rejected the offer", "dismissed its editor": not a statement.
            return None
        if any(k.dep_ == "dobj" for k in objects):
            # "denied charges of fraud at their first hearing": the object, and
            # "as ..." when the speaker characterises it, not the occasion.
            objects = [k for k in objects if not (k.dep_ == "prep" and k.lower_ in _EN_OCCASION_PREPS)]
        if hit_back:
            # "hit back at reports that …": what was hit back at, without the "at".
            objects = [p for k in objects for p in (
                [c for c in k.children if c.dep_ == "pobj"] if k.dep_ == "prep" and k.lower_ == "at" else [k])]
        claim_toks = objects
    elif (verb.head.i < verb.i and verb.head.lower_ not in _EN_CUES and _en_attribution_after_comma(verb)
          and (verb.dep_ in ("parataxis", "ccomp", "advcl") or _en_trailing_conj(verb))):
        # A quote before its attribution: "'We did nothing wrong,' the firm said."
        head = verb.head
        c_start = sent.start_char
        c_end = min(t.idx for t in verb.subtree)
        stray = en_stray_subject(verb)
        if stray is not None:
            # The quotation ends before its speaker's name, or before the role the name is in apposition to.
            role = stray.dep_ == "appos" and stray.head.tag_.startswith("NN") and stray.head.i < stray.i
            c_end = min(c_end, (stray.head if role else stray).left_edge.idx)
        if head.pos_ in ("VERB", "AUX", "NOUN", "ADJ", "PROPN"):
            c_start, c_end = _trim_claim(text, c_start, c_end)
            if c_end - c_start >= 8:
                c_end = _en_split_quote(text, sent, verb, c_start, c_end)
                speaker = _en_speaker(text, verb, ctx, history)
                side = None
                if lemma in _EN_DENIAL_VERBS or en_calls_untrue(text, verb.doc, c_start, c_end):
                    kind = "denial"
                else:
                    kind, side = _en_kind(head, ctx)
                return _Raw(c_start, c_end, verb.text, kind, speaker, side=side)
        return None
    elif verb.dep_ == "ROOT" and not any(k.dep_ == "dobj" for k in kids) \
            and (quote := _en_closing_quote_before(verb)) is not None and _en_quoted_sentence(text, sent, quote):
        # '"A. B," Varga said': the parser took a name inside the quotation ("Marco and I decided …") for the
        # subject of "said" and found no clause. The quotation, closed right before the name of who says it,
        # is what was said (the whole quotation: see nlp.en.claims._en_whole_quotes).
        c_start, c_end = _trim_claim(text, sent.start_char, quote.idx)
        if c_end - c_start < 8 or _EN_NO_COMMENT_RE.search(text[c_start:c_end]):
            return None
        m_start, m_end = quote.idx + len(quote.text), verb.idx
        mention = text[m_start:m_end].strip()
        i = ctx.entity_in(m_start, m_end, labels=("PERSON", "ORG", "GPE"))
        speaker = Speaker(text=mention, id=ctx.entities[i].id, name=ctx.entities[i].name) if i is not None \
            else Speaker(text=mention)
        kind = "denial" if lemma in _EN_DENIAL_VERBS or en_calls_untrue(text, verb.doc, c_start, c_end) \
            else "statement"
        return _Raw(c_start, c_end, verb.text, kind, speaker)
    elif verb.dep_ == "parataxis" and verb.head.i > verb.i and _en_between_commas(verb):
        # "Democrats, he said, are on a mission …": the sentence around the attribution is the claim, as
        # the gold writes it.
        c_start, c_end = _trim_claim(text, sent.start_char, sent.end_char)
        if c_end - c_start < 8:
            return None
        side = None
        if lemma in _EN_DENIAL_VERBS or en_calls_untrue(text, verb.doc, c_start, c_end):
            kind = "denial"
        else:
            kind, side = _en_kind(verb.head, ctx)
        return _Raw(c_start, c_end, verb.text, kind, _en_speaker(text, verb, ctx, history), side=side)
    if not claim_toks:
        return None
    c_start = min(min(t.idx for t in c.subtree) for c in claim_toks)
    c_end = max(max(t.idx + len(t.text) for t in c.subtree) for c in claim_toks)
    if split_verb is not None and claim_toks is ccomps:
        c_start = that_obj.left_edge.nbor().idx  # after the complementiser, as for a clause parsed whole
    # Another attribution inside the clause ("..., adding that ...", "... and
    # said ...", "..., while the ministry said ...") ends this claim: the rest
    # belongs to that cue.
    for c in claim_toks:
        for t in c.subtree:
            nested_cue = (t is not c and t.lower_ in _EN_CUES and t.tag_.startswith("VB")
                          and t.dep_ in ("advcl", "conj") and t.i > verb.i
                          and _EN_CUES[t.lower_] not in _EN_CHARACTERISING and not _en_as_reported(t))
            according = t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to"
            if nested_cue or according:
                first = min(x.idx for x in t.subtree)
                cut = t.idx if first <= c_start else first
                c_end = min(c_end, max(cut, c_start))
    c_end = _en_cut_trailing_attribution(text, verb.doc, c_start, c_end)
    if claim_toks is ccomps and verb.tag_ == "VBD":
        # "said it was studying the results and urged restraint": a past verb of acting or speaking with no
        # subject of its own, that the parser hung on the reported clause, is the speaker's next act.
        for c in claim_toks:
            # Only when the clause's verb is not a plain past that the joined verb could share ("said the bank
            # held rates and lowered its forecast"): it has an auxiliary ("had jumped", "was studying") or is
            # a form of "be" ("there was … and urged").
            if not (any(x.dep_ in ("aux", "auxpass") for x in c.children) or c.lower_ in _EN_COPULAS):
                continue
            for k in c.children:
                if k.dep_ == "conj" and k.tag_ == "VBD" and k.lower_ in _EN_SPEAKER_ACTS and k.i > c.i \
                        and not any(x.dep_ in ("nsubj", "nsubjpass", "expl", "aux", "auxpass") for x in k.children):
                    cc = next((x for x in c.children if x.dep_ == "cc" and x.i < k.i), None)
                    c_end = min(c_end, max(c_start, (cc or k).idx))
    for c in claim_toks:
        for t in c.subtree:
            # "…, as protests over fuel taxes spread to 40 departments": the writer's setting, not what was said.
            marks = {k.lower_ for k in t.children if k.dep_ == "mark"}
            setting = t.dep_ == "advcl" and not marks.isdisjoint({"as", "while", "amid"})
            # So is "…, after an observer mission published photographs": a new actor's past act, beside a
            # claim that is not modal ("the man fled, after he stabbed two people" and "the border would
            # reopen, after both sides signed" are what was said).
            after_event = not _en_modal(c) and (
                t.dep_ == "advcl" and "after" in marks and t.tag_ == "VBD" and _en_new_actor(t)
                or t.dep_ == "prep" and t.lower_ == "after" and any(
                    k.dep_ == "pcomp" and k.tag_ in ("VBD", "VBN") and _en_new_actor(k) for k in t.children))
            if (setting or after_event) and t.i > c.i and not _en_as_reported(t):
                first = min(x.idx for x in t.subtree)
                before = text[c_start:first].rstrip()
                if before.endswith(",") and first - c_start >= 20 and not _inside_quotes(text, c_start, first):
                    c_end = min(c_end, len(before) + c_start - 1)
    if c_start < verb.idx < c_end:
        # '"It is not the news anyone wanted," manager Kevin Dolan said after confirming …': the parser hung
        # the words after the cue on the quotation's verb; the quotation ends at its closing mark.
        closing = _EN_CLOSING_QUOTE_RE.search(text, c_start, verb.idx)
        if closing is not None:
            c_end = closing.start()
    responding = _EN_RESPONDING_RE.search(text, c_start, c_end)
    if responding is not None and responding.start() - c_start >= 8:
        # "…, responding to a newspaper report that …": the occasion, not what was said.
        c_end = responding.start()
    c_start, c_end = _trim_claim(text, c_start, c_end)
    c_start, c_end = _trim_en_conjunctions(text, c_start, c_end)
    c_start = _en_skip_when(verb.doc, c_start, c_end)
    if text[c_start:c_start + 5].lower() == "that ":
        c_start += 5
    if c_end - c_start < 2:
        return None
    if _EN_NO_COMMENT_RE.search(text[c_start:c_end]):
        return None
    c_end = _en_split_quote(text, sent, verb, c_start, c_end)
    speaker = _en_speaker(text, verb, ctx, history)
    side = None
    if lemma in _EN_DENIAL_VERBS or en_calls_untrue(text, verb.doc, c_start, c_end):
        kind = "denial"
    elif lemma in ("repeat", "reiterate") and any(k.dep_ == "dobj" and k.lower_ in _EN_DENIAL_NOUNS for k in kids):
        # "repeated his denial that the company had paid bribes": a denial, repeated.
        kind = "denial"
    elif ccomps and _en_backs_denial(verb) and not _en_modal(ccomps[0]):
        # "denied the charge, saying every bill was based on meter readings": the reason the
        # speaker gives for a denial denies too, unless it is a promise ("…, saying it would …").
        kind = "denial"
    elif ccomps:
        kind, side = _en_kind(ccomps[0], ctx)
        if kind == MAYBE and any(_en_as_reported(k) for k in ccomps[0].children):
            # "the outage had not been caused by a cyber attack, as some users had claimed":
            # the speaker contradicts what the clause says others said.
            kind, side = "denial", None
    else:
        kind = "statement"
    return _Raw(c_start, c_end, verb.text, kind, speaker, side=side)


def _en_as_reported(clause) -> bool:
    """Whether a clause is "as X had claimed / suggested / reported": a report, not the writer's setting."""
    kids = list(clause.children)
    # With a clause of its own ("as the watchdog said it had opened enquiries") it reports something else.
    return clause.dep_ == "advcl" and clause.lower_ in _EN_HEARSAY_VERBS and any(
        k.dep_ == "mark" and k.lower_ == "as" for k in kids) and not any(k.dep_ in ("ccomp", "dobj") for k in kids)


# Rejecting verbs whose object is a claim only with a particle ("pushed back", "brushed off") or as a
# characterisation ("branded the report lies").
_EN_REJECTING_ONLY_WITH = {"push": ("back",), "hit": ("back",), "brush": ("off", "aside"), "brand": (), "label": ()}


def _en_backs_denial(verb) -> bool:
    """Whether a speech verb hangs on a denial in the same sentence: "denied X, saying …",
    "rejected the report and said …", "pushed back on claims, saying …"."""
    if verb.dep_ not in ("advcl", "conj") or verb.head.i >= verb.i or not verb.head.tag_.startswith("VB"):
        return False
    if any(k.dep_ in ("nsubj", "nsubjpass") for k in verb.children):
        # "Israel rejected the criticism, and Hamas said …": another speaker.
        return False
    head = verb.head
    lemma = _EN_CUES.get(head.lower_)
    if lemma in _EN_DENIAL_VERBS:
        return not any(k.dep_ == "neg" or k.lower_ in ("never", "neither", "nor") for k in head.children)
    if lemma not in _EN_REJECTING_ONLY_WITH:
        return False
    kids = list(head.children)
    particles = _EN_REJECTING_ONLY_WITH[lemma]
    if particles:
        return any(k.lower_ in particles and k.dep_ in ("prt", "advmod") for k in kids)
    return any(k.dep_ == "dobj" and _en_claim_noun(k.lower_) for k in kids)


def _en_new_actor(verb) -> bool:
    """Whether a verb's subject is a noun phrase of its own, not a pronoun ("after a watchdog published …",
    not "after he stabbed …", which goes on telling what was said) nor "both sides"."""
    subj = next((x for x in verb.children if x.dep_ == "nsubj"), None)
    return subj is not None and subj.pos_ not in ("PRON", "DET") and subj.lower_ not in ("sides", "side", "both")


def _en_modal(clause) -> bool:
    """Whether a reported clause speaks of what will, would or could be (a promise or a forecast)."""
    kids = list(clause.children)
    return any(k.dep_ == "aux" and k.lower_ in _EN_MODALS for k in kids) or (
        clause.lower_ == "going" and any(k.dep_ == "xcomp" for k in kids))


# Verbs that are cues only when they call a report false ("called the story 'pure fabrication'").
_EN_CHARACTERISING = frozenset({"call", "describe", "brush", "brand", "label", "push", "hit"})
# Verbs that avow one's innocence ("maintained his innocence", "insisted on her innocence").
_EN_AVOWING = frozenset({"maintain", "insist", "assert"})
# Accusing verbs and the prepositions that bring the charge: "accused X of Y", "blamed X for Y", "blamed Y on X".
_EN_CHARGING_PREPS = {"accuse": ("of",), "blame": ("for", "on")}


def _en_skip_when(doc, start: int, end: int) -> int:
    """Where a claim starts past the time of the saying the parser put at its head ("said on Tuesday it
    would …", "said last week it had …"): a date or time, with its preposition, and a comma after it."""
    i = next((t.i for t in doc if t.idx == start), None)
    if i is None:
        return start
    j = i
    if doc[j].lower_ in ("on", "at", "in", "earlier", "late") and j + 1 < len(doc) and \
            doc[j + 1].ent_type_ in ("DATE", "TIME"):
        j += 1
    if doc[j].ent_type_ not in ("DATE", "TIME"):
        return start
    while j < len(doc) and doc[j].ent_type_ in ("DATE", "TIME") and doc[j].idx < end:
        if doc[j].dep_ in ("amod", "compound") and doc[j].head.i > j and doc[j].head.ent_type_ not in ("DATE", "TIME"):
            return start  # "said quarterly sales had jumped": the date word modifies the clause's subject
        j += 1
    while j < len(doc) and doc[j].text == "," and doc[j].idx < end:
        j += 1
    # Only when a clause follows: a subject and its verb ("it would", "the talks would").
    rest = [t for t in doc[j:] if t.idx < end]
    if len(rest) < 2 or not any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in rest[:4]):
        return start
    return rest[0].idx


def _en_between_commas(verb) -> bool:
    """Whether a cue stands with its subject between two commas inside its sentence, before what it reports
    ("Democrats, he said, are …"; at most six words between the commas)."""
    sent = verb.sent
    left = next((t for t in reversed(verb.doc[sent.start:verb.i]) if t.text == ","), None)
    right = next((t for t in verb.doc[verb.i + 1:sent.end] if t.text == ","), None)
    return (left is not None and right is not None and left.i > sent.start and right.i - left.i <= 7
            and right.i < verb.head.i and any(t.dep_ == "nsubj" and left.i < t.i < verb.i for t in verb.children))


def _en_accusation(text: str, verb, lemma: str, ctx: _Context, history: list[Speaker]) -> _Raw | None:
    """An accusation: a statement whose text is whom and of what ("the minister of hiding the cost"), as the
    gold writes it. Without an object and a charge ("Fans blamed the weather") nothing is claimed."""
    kids = list(verb.children)
    obj = next((k for k in kids if k.dep_ == "dobj" and k.i > verb.i), None)
    if obj is None:
        return None
    # Someone accuses: not "Nobody accused …", "It is unfair to accuse …", "Blaming the weather … is easy",
    # "If anyone accuses us …".
    subject = next((k for k in kids if k.dep_ == "nsubj"), None)
    if subject is not None and " ".join(t.lower_ for t in subject.subtree) in ("nobody", "no one", "none"):
        return None
    if verb.dep_ == "csubj":
        return None
    speaking = verb
    if verb.dep_ == "xcomp" and subject is None:
        # "Critics were quick to accuse …" accuses, as the critics; "It is unfair to accuse …" does not.
        speaking = next((h for h in (verb.head, verb.head.head) if any(k.dep_ == "nsubj" for k in h.children)),
                        None)
        if speaking is None or any(k.dep_ == "nsubj" and k.lower_ == "it" for k in speaking.children):
            return None
    if any(k.dep_ == "mark" and k.lower_ in ("if", "unless", "whether") for k in kids):
        return None
    # The charge: the first preposition of the verb's list, in its order ("for" before "on"), that is no time
    # ("on Monday") and, hanging on the object, no part of its name ("the Ministry of Health").
    def charge_of(prep) -> bool:
        if prep.dep_ != "prep" or prep.i < obj.i or _en_is_time(prep):
            return False
        inner = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
        if not inner:
            return False
        return prep.head is verb or not (prep.nbor(-1).pos_ == "PROPN" and inner[0].pos_ == "PROPN")

    charge = next((k for p in _EN_CHARGING_PREPS[lemma] for k in (*kids, *obj.children)
                   if k.lower_ == p and charge_of(k)), None)
    if charge is None:
        return None
    c_start, c_end = _trim_claim(text, obj.left_edge.idx, charge.right_edge.idx + len(charge.right_edge.text))
    if c_end - c_start < 2:
        return None
    return _Raw(c_start, c_end, verb.text, "statement", _en_speaker(text, speaking, ctx, history))


# What calling a report something rejects it as ("pure fabrication", "a smear", "lies").
_EN_REJECTING_WORDS_RE = re.compile(r"\b(?:" + "|".join(
    r"\s+".join(re.escape(w) for w in line.removesuffix("*").split()) + (r"\w*" if line.endswith("*") else "")
    for line in _phrase_list("en_dismissing_words.txt")) + r")\b(?!-)", re.I)


def _en_characterised(text: str, verb, ctx: _Context, history: list[Speaker]) -> _Raw | None:
    """"called the story 'pure fabrication'", "described the reports as baseless": a denial of what was
    said, when a report or a claim is called something false; otherwise calling and describing say nothing."""
    kids = list(verb.children)
    if any(k.dep_ in ("neg", "auxpass", "nsubjpass") for k in kids):
        return None
    if verb.dep_ in ("advcl", "xcomp", "conj") and any(_EN_CUES.get(a.lower_) in _EN_DENIAL_VERBS
                                                       for a in verb.ancestors):
        return None  # "rejected the allegations that …, calling them baseless": one claim, the denial's

    def said(tok) -> bool:
        return any(w in _EN_CLAIM_NOUNS or w in _EN_REPORT_CARRIERS for w in (tok.lower_, tok.lower_.removesuffix("s")))

    obj = next((k for k in kids if k.dep_ == "dobj" and said(k)), None)
    as_phrase = next((k for k in kids if k.dep_ == "prep" and k.lower_ == "as" and k.i == verb.i + 1
                      and any(c.dep_ == "pobj" and said(c) for c in k.children)), None)
    if obj is None and as_phrase is not None:
        # 'described as "completely baseless" claims circulating online that …': what is called comes
        # before what was said.
        obj = as_phrase
        # The that-clause of the claims may hang on the verb.
        comp = [as_phrase, *(k for k in kids if k.i > as_phrase.i and k.dep_ in ("ccomp", "advcl"))]
    elif obj is None:
        # "called the story pure fabrication" parsed as one phrase, 'called the report "disinformation"' with
        # the report as its object's modifier: the report modifies the complement.
        obj = next((k for k in kids if k.dep_ in ("oprd", "dobj")
                    and any(c.dep_ == "nmod" and said(c) for c in k.children)), None)
        comp = [obj] if obj is not None else []
    else:
        # A second object is the complement ("branded the accusations fake news").
        comp = [k for k in kids if k.i > obj.i and (k.dep_ in ("oprd", "xcomp", "acomp", "ccomp", "npadvmod", "dobj")
                                                    or (k.dep_ == "prep" and k.lower_ == "as"))]
        # The parser may hang the complement on the object ("the story 'pure fabrication'", "the allegations
        # as baseless").
        comp += [k for k in obj.children if k.i > obj.i and (k.dep_ in ("appos", "amod", "npadvmod", "oprd")
                                                            or (k.dep_ == "prep" and k.lower_ == "as"))]
        if not comp:
            # 'branded the report by X "a collection of lies"': the parser left the quoted
            # complement inside the object's phrase or in a phrase after it.
            comp = [k for k in [obj, *kids] if k.i >= obj.i and k.dep_ in ("dobj", "prep")
                    and any(t.i > obj.i and t.lower_ in ("\"", "“") for t in k.subtree)]
    if obj is None or not comp:
        return None
    c_start = min(t.idx for t in obj.subtree)
    c_end = max(max(t.idx + len(t.text) for t in c.subtree) for c in [obj, *comp])
    # What the report is called, not what it is about ("the accusations of false imprisonment as grave").
    called = [(min(t.idx for t in c.subtree), max(t.idx + len(t.text) for t in c.subtree))
              for c in comp if c is not obj]
    if obj is as_phrase:
        # 'as "completely baseless" claims …': what they are called comes before the claims' noun.
        noun = next(c for c in as_phrase.children if c.dep_ == "pobj")
        called = [(as_phrase.idx, noun.idx)]
    if not any(_EN_REJECTING_WORDS_RE.search(text, a, b) for a, b in called or [(c_start, c_end)]):
        return None
    c_start, c_end = _trim_claim(text, c_start, c_end)
    return _Raw(c_start, c_end, verb.text, "denial", _en_speaker(text, verb, ctx, history))


# After the cue of a quotation split by its attribution: the rest of the
# attribution (", the minister said" or "said Amin Nasser"), a comma and the
# quotation's second part opening.
_EN_QUOTE_RESUMES_RE = re.compile(r"[^\"“”.!?;]{0,80}?,\s*[\"“](?=\S)")


def _en_split_quote(text: str, sent, verb, c_start: int, c_end: int) -> int:
    """End of a quotation split by its attribution: "'A,' he said, 'B.'" is one claim from A to B.

    Applies only to a claim that is a quotation ending before its cue; the
    second part must open right after the attribution and close within the
    sentence.
    """
    if c_end > verb.idx or c_start == 0 or text[c_start - 1] not in "\"“":
        return c_end
    m = _EN_QUOTE_RESUMES_RE.match(text, verb.idx + len(verb.text), sent.end_char)
    if m is None:
        return c_end
    close = min((i for i in (text.find("\"", m.end(), sent.end_char), text.find("”", m.end(), sent.end_char))
                 if i != -1), default=-1)
    if close == -1:
        return c_end
    return _trim_claim(text, c_start, close)[1]


_EN_RESPONDING_RE = re.compile(r",\s+(?:responding|replying|in response|in reply|in answer)\b", re.I)
# ", a spokesperson for the company", ", Maria Lopez".
_EN_TRAILING_SUBJECT_RE = re.compile(r",\s*(?:a|an|the|its|his|her|their|[A-Z])[^,]{0,80}$")
# A role without an article before a name: ", planning chief Sara Osei" (the name must be the end of the span).
_EN_TRAILING_ROLE_NAME_RE = re.compile(r",\s*(?:[a-z][\w-]*\s+){1,3}([A-Z][^,]{0,60})$")


def _en_cut_trailing_attribution(text: str, doc, start: int, end: int) -> int:
    """End of a claim before a trailing ", a spokesperson for the company said".

    The parser sometimes hangs the attribution's subject on the reported
    clause (as an apposition) and leaves only the verb outside it; the
    subject belongs to the attribution, not to what was said.
    """
    after = doc.char_span(end, end, alignment_mode="expand")
    nxt = next((t for t in doc[after.start if after is not None else len(doc):] if not t.is_punct), None)
    if nxt is None or nxt.idx - end > 3 or nxt.lower_ not in _EN_CUES or not nxt.tag_.startswith("VB"):
        return end
    opened = start + 1 if text[start:start + 1] in ("\"", "“") else start
    if opened > 0 and text[opened - 1] in "\"“":
        # '"We are not a bank," Priya Raman, co-founder of …, told …': the parser hung the speaker on the
        # quotation; the quotation ends at its closing mark.
        close = min((i for i in (text.find("\"", opened, end), text.find("”", opened, end)) if i != -1),
                    default=-1)
        if close - start >= 8 and text[close + 1 : end].strip():
            return close
    m = _EN_TRAILING_SUBJECT_RE.search(text, start, end)
    if m is None and not any(k.dep_ in ("nsubj", "nsubjpass") for k in nxt.children):
        # ", planning chief Sara Osei said": only a person or an organisation named to the span's end, and only
        # when the cue has no subject of its own (not ", except near Bakhmut, said army spokesman …").
        m = _EN_TRAILING_ROLE_NAME_RE.search(text, start, end)
        if m is not None and not any(e.label_ in ("PERSON", "ORG") and e.start_char == m.start(1)
                                     and e.end_char == end for e in doc.ents):
            m = None
    return m.start() if m is not None and m.start() - start >= 8 else end


_EN_CLAIM_NOUNS = frozenset(_word_list("en_claim_nouns.txt"))
# What would ground a claim, before an infinitive cue ("nothing to suggest", "no evidence to show").
_EN_NO_GROUNDS = frozenset(f for w in _word_list("en_no_grounds.txt") for f in (w, w + "s"))
# What carries a report: only calling it false denies it (nlp/data/en_report_carriers.txt).
_EN_REPORT_CARRIERS = frozenset(_word_list("en_report_carriers.txt"))


def _en_claim_object(objects) -> bool:
    """Whether what is rejected or dismissed is something said ("the allegations", "it as false")."""
    for k in objects:
        if k.dep_ == "advcl" or (k.dep_ == "prep" and k.lower_ == "as"):
            return True
        if k.dep_ == "dobj" and any(t.lower_ == "as" and t.i > k.i for t in k.subtree) and _EN_FALSE_RE.search(
                k.doc.text, k.idx, max(t.idx + len(t.text) for t in k.subtree)):
            # "dismissing photos circulating online as fabricated".
            return True
        word = k.lower_
        if k.dep_ == "dobj" and _en_claim_noun(word):
            return True
        if k.dep_ == "dobj" and k.lower_ in _EN_CARRIERS and any(c.dep_ == "acl" and c.lower_ in _EN_CLAIMING
                                                                    for c in k.children):
            # "rejected social media posts claiming that …", "dismissed videos suggesting …": whatever
            # carries it, a thing said to claim something is something said.
            return True
        if k.dep_ == "prep" and k.lower_ in ("on", "against", "at") and any(
                p.dep_ == "pobj" and _en_claim_noun(p.lower_) for p in k.children):
            # "pushed back on claims that …", "pushed back against the report".
            return True
    return False


# Past verbs by which a speaker acts again after a reported clause ("… and urged restraint").
_EN_SPEAKER_ACTS = frozenset(_word_list("en_speaker_acts.txt"))
# Participles that make a noun a carrier of something said ("posts claiming that …").
_EN_CLAIMING = frozenset({"claiming", "saying", "suggesting", "alleging", "stating", "asserting", "implying"})
# What carries a claim when such a participle follows (not a person, a bill or an offer: "dismissed an
# engineer alleging …", "rejected a bill stating …").
_EN_CARRIERS = frozenset("""post posts video videos message messages tweet tweets image images photo photos picture
    pictures clip clips footage document documents leaflet leaflets rumour rumours rumor rumors reports report
    stories story articles article headlines headline graffiti banner banners""".split())
_EN_DENIAL_NOUNS = frozenset({"denial", "denials", "rejection"})


def _en_claim_noun(word: str) -> bool:
    """Whether a (lowercase) noun names something said: "allegations", "the story", "it"."""
    return (word in _EN_CLAIM_NOUNS or word.rstrip("s") in _EN_CLAIM_NOUNS
            or word.endswith("ies") and word[:-3] + "y" in _EN_CLAIM_NOUNS)


# A quotation's closing mark after its last words' comma or stop, then the attribution ('wanted," Kevin').
_EN_CLOSING_QUOTE_RE = re.compile(r"[,.!?][\"”]\s")


def _en_trailing_conj(verb) -> bool:
    """Whether a cue the parser joined to the sentence's verb as a conjunct is a trailing attribution with
    its own subject ("Kaizen will not build a factory, its president, Kenji Morimoto, told shareholders"),
    not a second verb of the sentence ("… and said"), which has a conjunction before it."""
    if verb.dep_ != "conj" or not (any(k.dep_ == "nsubj" for k in verb.children) or en_stray_subject(verb)):
        return False
    # Only a conjunction after the last conjunct before the cue joins the cue: in "switch off A and move B,
    # its officer said" the "and" joins "move" and the attribution follows a comma.
    before = max((k.i for k in verb.head.children if k.dep_ == "conj" and k.i < verb.i), default=verb.head.i)
    return not any(k.dep_ in ("cc", "preconj") and before < k.i < verb.i for k in verb.head.children)


def _en_closing_quote_before(verb):
    """The closing quotation mark right before a speaker's name and its verb ('… time," Varga said'), with a
    comma or a full stop inside it; None when the words before the verb are not one to three words of a name
    after such a mark."""
    doc = verb.doc
    k = verb.i - 1
    names = 0
    while k >= 0 and names < 3 and doc[k].tag_ in ("NNP", "NNPS"):
        k, names = k - 1, names + 1
    if not names or k < 1 or doc[k].text not in ("\"", "”") or doc[k - 1].text not in (",", ".", "?", "!"):
        return None
    return doc[k]


def _en_quoted_sentence(text: str, sent, quote) -> bool:
    """Whether a sentence is all quotation up to its closing mark: the quotation that mark closes (paired as
    nlp.en.claims pairs them) opens where the sentence does or in an earlier sentence of the line; not
    'Speaking on "Meet the Press," Blinken warned'."""
    head = text[sent.start_char:quote.idx]
    opens = sent.start_char + len(head) - len(head.lstrip())
    return any(b == quote.idx and a <= opens for a, b in _quote_spans(text))


def _en_attribution_after_comma(verb) -> bool:
    """Whether "X said" follows a comma or a closing quote, as a trailing attribution does."""
    # The parser may hang the comma itself on the verb ("…, she said, before jailing him").
    first = min(t.i for t in verb.subtree if not t.is_punct or t.i == verb.i)
    prev = verb.doc[first - 1] if first > 0 else None
    return prev is not None and prev.text in (",", "\"", "”", "'", "’", "—", "–")
