"""Whether an English reported clause is a denial or a statement, read from the dependency
parse: negation, falsity words, rebuttals and which side the subject is on.
"""

from __future__ import annotations

import re

from marsad.nlp.claim_context import MAYBE, _Context, _word_list
from marsad.nlp.en.cues import (
    _EN_ALLEGATION_RE,
    _EN_EMPHATIC_NEGATIONS,
    _EN_FALSE_RE,
    _EN_FALSE_WORDS,
    _EN_GENERIC,
    _EN_MODALS,
    _EN_NEG_STATEMENT,
    _EN_NEG_WORDS,
    _EN_REBUTTAL_WORDS,
)
from marsad.nlp.en.subjects import _en_subtree_bounds

# Verbs and adjectives of knowing: what someone knew to be false charges them with deceit.
_EN_KNOWING = frozenset(_word_list("en_knowing_words.txt"))


def en_calls_untrue(text: str, doc, start: int, end: int) -> bool:
    """Whether the text between offsets calls something untrue (a falsity phrase: a denial), other than
    what someone knew to be false ("Harlan knew the invoices were false": a charge of deceit, unless what
    was known false is a report or a claim, "we knew these reports were false")."""
    for m in _EN_FALSE_RE.finditer(text, start, end):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or not _en_known_false(span.root):
            return True
    return False


def _en_known_false(tok) -> bool:
    """Whether a falsity word says what someone else knew to be false, of something that is not a report.

    The knower is the nearest knowing verb's subject; the speaker's own "we know this is false" denies.
    What is false is the subject of the falsity word's clause, or the noun it describes ("false reports").
    """
    knowing = next((a for a in tok.ancestors if a.lower_ in _EN_KNOWING), None)
    if knowing is None:
        return False
    holder = knowing if knowing.pos_ in ("VERB", "AUX") else knowing.head  # "was aware": the subject of "was"
    knowers = [c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")]
    if any(k.lower_ in ("i", "we") for k in knowers):
        return False
    if tok.dep_ == "amod":
        return not _EN_ALLEGATION_RE.search(tok.head.text)
    clause = tok.head if tok.dep_ in ("acomp", "attr") else tok
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    return not any(_EN_ALLEGATION_RE.search(" ".join(t.text for t in s.subtree)) for s in subjects)


def _en_span_kind(text: str, doc, start: int, end: int, ctx: _Context | None,
                  within: bool = False) -> tuple[str, str | None]:
    """_en_kind of the clause between two offsets (for "according to", headlines, "and that")."""
    if en_calls_untrue(text, doc, start, end):
        return "denial", None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return "statement", None
    return _en_kind(span.root, ctx, (start, end) if within else None)


def _en_clause_negated_text(doc, start: int, end: int, within: bool = False) -> bool:
    """Whether the main verb of the clause between offsets is negated (for 'according to').

    With ``within``, verbs conjoined to it count only inside the offsets (one
    part of a split "X and that Y").
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    return _en_negated(span.root, (start, end) if within else None)


def _en_negated(root, within: tuple[int, int] | None = None) -> bool:
    """Whether a reported clause (given by its head) says that something did not / does not happen."""
    return _en_kind(root, None, within)[0] != "statement"


def _en_kind(root, ctx: _Context | None, within: tuple[int, int] | None = None) -> tuple[str, str | None]:
    """Kind of a reported clause (given by its head), and for a negated one the side its subject is on.

    Looks at the clause's own verb (and verbs conjoined to it), not at verbs
    of relative or subordinate clauses inside it. Calling something untrue
    ("the reports were false") is a denial. A negated act or fact ("it had
    not sold any data", "no talks had taken place") is a denial only if it
    rebuts something, which the article settles (:func:`_settle_kinds`): it
    comes back as ``MAYBE`` with its subject's side. A modal ("will not",
    "could not"), "not yet", a belief, wish or intention ("we do not expect",
    "had no plans"), an opinion ("this is not the time") and a prohibition
    ("don't go") are statements.
    """
    heads = [root] + [c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
                      and (within is None or within[0] <= c.idx < within[1])]
    found: tuple[str, str | None] = ("statement", None)
    for head in heads:
        kids = list(head.children)
        for k in kids:
            if k.dep_ in ("acomp", "attr") and (k.lower_ in _EN_FALSE_WORDS or any(
                    g.dep_ == "amod" and g.lower_ in _EN_FALSE_WORDS for g in k.children)):
                if not any(c.dep_ == "neg" for c in kids):
                    return "denial", None
        if any(k.dep_ == "aux" and k.lower_ in _EN_MODALS for k in kids):
            continue
        negated = None
        if any(k.dep_ == "neg" or k.lower_ == "never" for k in kids):
            negated = head
        for k in kids:
            if k.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "pobj", "expl") and (
                    k.lower_ in _EN_NEG_WORDS or any(g.dep_ == "det" and g.lower_ in ("no", "neither")
                                                      for g in k.children)):
                negated = k
            if k.dep_ == "prep" and k.i < head.i and any(
                    p.dep_ == "pobj" and any(g.dep_ == "det" and g.lower_ == "no" for g in p.children)
                    for p in k.children):
                # "At no point did we mislead our investors".
                negated = k
        if negated is None:
            if _en_not_the_charge(head):
                # Naming what happened instead of the charge rebuts it, whatever came before.
                return MAYBE, "!" + _en_subject_side(head, ctx)
            continue
        kind = _en_negation_class(head, negated)
        if kind == MAYBE and any(k.dep_ == "prep" and " ".join(t.lower_ for t in k.subtree) in _EN_EMPHATIC_NEGATIONS
                                 for k in kids):
            # "I did not at any time instruct staff …": pushing back, whatever came before.
            kind = "!"
        if kind == "denial":
            return "denial", None
        if kind in (MAYBE, "!"):
            side = _en_subject_side(head, ctx)
            if kind == "!" and side.startswith("thing:"):
                # "the client's departure was not linked to its performance": wrongdoing or a link
                # denied of a thing, not of the speaker's side, rebuts only what the article charged
                # (settled like any negated fact).
                kind = MAYBE
            return MAYBE, ("!" if kind == "!" else "") + side
    return found


def _en_not_the_charge(head) -> bool:
    """Whether a clause sets what happened against a charge: "X was a phishing campaign …, not a breach"."""
    for t in head.subtree:
        if t.dep_ == "neg" and t.head is not head and t.head.pos_ in ("NOUN", "PROPN"):
            if any(c.dep_ in ("appos", "conj") and c.i > t.i and (_EN_ALLEGATION_RE.fullmatch(c.text)
                                                              or c.lower_ in _EN_REBUTTAL_WORDS)
                   for c in t.head.children):
                return True
    return False


_EN_NO_LINK_RE = re.compile(r"^nothing (?:whatsoever |at all )?to do with\b")
_EN_COPULAS = frozenset({"is", "was", "are", "were", "be", "been", "'s", "being", "am", "'re"})
_EN_TRUTH_WORDS = frozenset({"true", "accurate", "correct", "so"})


def _en_negation_class(head, negated) -> str:
    """MAYBE for a negated act or fact that may rebut something; "statement" for the rest (see _en_kind)."""
    words = {t.lower_ for t in head.subtree}
    if "yet" in words and any(t.lower_ == "yet" and t.head == head for t in head.subtree):
        return "statement"
    if head.lower_ in _EN_NEG_STATEMENT or negated.lower_ in _EN_NEG_STATEMENT:
        return "statement"
    kids = list(head.children)
    if any(k.lower_ in _EN_NEG_STATEMENT and k.dep_ in ("dobj", "attr", "acomp", "xcomp", "nsubj")
           for k in kids):
        # "had no plans to", "there is no doubt", "was not able to".
        return "statement"
    if head.lower_ == "going" and any(k.dep_ == "xcomp" for k in kids):
        # "we are not going to change": a promise.
        return "statement"
    if head.tag_ == "VB" and not any(k.dep_ in ("nsubj", "nsubjpass", "expl") for k in kids):
        # "Don't go", "do not allow your children to go": a prohibition.
        return "statement"
    if head.lower_ in _EN_COPULAS and not any(k.dep_ == "expl" for k in kids):
        # "X is not Y": an opinion, unless Y is the truth ("it was not true",
        # "…, but it was not") or a part or a responsibility ("not involved").
        preds = [k for k in kids if k.dep_ in ("acomp", "attr", "prep")]
        words = {t.lower_ for p in preds for t in p.subtree}
        elided = not preds and max(t.i for t in head.subtree) <= negated.i + 1
        if elided or words & _EN_TRUTH_WORDS or any(
                p.lower_ == "case" and any(c.lower_ == "the" for c in p.children) for p in preds):
            # "…, but it was not", "that was not true", "this is not the case".
            return "denial"
        if not words & _EN_REBUTTAL_WORDS:
            return "statement"
        return "!"
    if any(k.dep_ == "dobj" and k.lower_ == "nothing" and _EN_NO_LINK_RE.search(" ".join(t.lower_ for t in k.subtree))
           for k in kids):
        # "had nothing to do with the investigation": a link denied, as "was not linked to it".
        return "!"
    if ({head.lower_} | {t.lower_ for k in kids if k.dep_ in ("dobj", "acomp", "attr", "xcomp") for t in k.subtree}) \
            & _EN_REBUTTAL_WORDS:
        # "did not mislead anyone", "had done nothing wrong": wrongdoing denied.
        return "!"
    return MAYBE


def _en_subject_side(head, ctx: _Context | None) -> str:
    """Whose is the subject of a negated English clause (as _ar_subject_side)."""
    subj = next((k for k in head.children if k.dep_ in ("nsubj", "nsubjpass")), None)
    while subj is None and head.dep_ == "conj" and head.head.pos_ in ("VERB", "AUX"):
        # "the records were backed up and had not been encrypted": the first verb's subject.
        head = head.head
        subj = next((k for k in head.children if k.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        expl = next((k for k in head.children if k.dep_ == "expl"), None)
        attr = next((k for k in head.children if k.dep_ in ("attr", "dobj")), None)
        if expl is not None and attr is not None:
            return "thing:" + attr.lower_
        return "speaker"
    low = subj.lower_
    if low == "we" or any(c.dep_ == "poss" and c.lower_ == "our" for c in subj.children):
        return "we"
    if low in ("i", "he", "she", "it", "they"):
        return "speaker"
    if any(c.dep_ == "poss" and c.lower_ in ("my", "his", "her", "its", "their") for c in subj.children):
        return "speaker"
    if ctx is not None:
        i = ctx.entity_in(*_en_subtree_bounds(subj), labels=("PERSON", "ORG", "GPE"))
        if i is not None:
            return "entity:" + ctx.entities[i].id
    if low in _EN_GENERIC and any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children):
        return "generic:" + low
    # With the negated verb's lemma: "Nothing was hidden" answers a charge that something was hid.
    return "thing:" + low + ("|" + en_stem(head.lower_) if head.pos_ == "VERB" else "")


def en_stem(word: str) -> str:
    """A crude stem of an English verb form, enough to match "hidden", "hiding" and "hides" with "hide"
    (the pipeline runs no lemmatiser)."""
    w = word.lower()
    for suffix in ("ing", "ed", "en", "es", "s", "e"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiou":
        w = w[:-1]
    return w.removesuffix("e") if len(w) > 3 else w



def _en_contradicts(doc, earlier, later, ctx: _Context) -> bool:
    """Whether a negated claim answers an earlier claim about its speaker: the earlier one names the
    speaker ("the police", "the minister's son", a name) and the two share two more content words ("Witnesses
    said the police had fired tear gas" … "The police said they had not used tear gas")."""
    sp = later.speaker
    if sp is None or not sp.text:
        return False
    span = doc.char_span(earlier.start, earlier.end, alignment_mode="expand")
    subj = next((k for k in span.root.children if k.dep_ in ("nsubj", "nsubjpass")), None) if span else None
    if subj is None:
        return False
    # The earlier claim says what the speaker (or the speaker's own) did: the speaker is its subject.
    lo, hi = _en_subtree_bounds(subj)
    words = re.findall(r"[a-z]+", doc.text[lo:hi].lower())
    head = (re.findall(r"[a-z]+", sp.text.split(",")[0].lower()) or [""])[-1]
    named = (sp.id is not None and any(e.id == sp.id and lo <= e.start < hi for e in ctx.entities)
             ) or (head in words and head not in ("he", "she", "it", "they", "we", "i"))
    if not named:
        return False
    shared = _en_content_nouns(doc, earlier.start, earlier.end) & _en_content_nouns(doc, later.start, later.end)
    return len(shared - {head}) >= 2


def _en_content_nouns(doc, start: int, end: int) -> set[str]:
    """The content words of a span, to compare two claims by."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return set()
    # Nouns, names and the words the tagger may take for verbs in a compound ("tear gas"); a plural
    # counts as its singular.
    return {re.sub(r"(?<=[^s])s$", "", t.lower_) if len(t.text) > 4 else t.lower_ for t in span
            if t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ") and t.is_alpha and not t.is_stop and len(t.text) > 2}
