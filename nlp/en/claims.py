"""English claim finding over a spaCy ``Doc``: speech verbs, "according to", whole
quotations, coordinated clauses and clauses sourced to someone else.
"""

from __future__ import annotations

import re

from marsad.nlp.claim_context import (
    _EDGE,
    MAYBE,
    _Context,
    _inside_quotes,
    _quote_spans,
    _quoted,
    _Raw,
    _speaker_from_entity,
    _strip,
    _trim_claim,
)
from marsad.nlp.en.cues import _EN_CUES, _EN_DENIAL_FORMS, _EN_FALSE_REPORT_RE, en_cue_concedes
from marsad.nlp.en.kinds import _en_kind, _en_span_kind, en_calls_untrue
from marsad.nlp.en.subjects import _en_resolve_np, _en_subtree_bounds
from marsad.nlp.en.verbs import _EN_CLAIMING, _en_verb
from marsad.nlp.segment import crosses_line_break
from marsad.nlp.types import Speaker


def _en_find(text: str, doc, ctx: _Context) -> list[_Raw]:
    out: list[_Raw] = []
    history: list[Speaker] = []
    for sent in doc.sents:
        for tok in sent:
            low = tok.lower_
            if low == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                raw = _en_according(text, doc, tok, sent, ctx)
            elif low in _EN_DENIAL_FORMS and not tok.tag_.startswith("VB") and tok.i + 1 < sent.end \
                    and doc[tok.i + 1].tag_.startswith("VB") and doc[tok.i + 1].lower_ in _EN_CLAIM_NOUNS_PLAIN:
                # A headline the tagger misread: "Hospital rejects claims it hid …" taken
                # as "Hospital rejects" claiming "it hid …".
                raw = _en_misread_denial(text, tok, sent, ctx)
            elif low in _EN_CUES and tok.tag_.startswith("VB") and not (
                    tok.i > sent.start and doc[tok.i - 1].lower_ in _EN_DENIAL_FORMS
                    and not doc[tok.i - 1].tag_.startswith("VB") and low in _EN_CLAIM_NOUNS_PLAIN):
                raw = _en_verb(text, tok, sent, ctx, history)
            else:
                raw = None
            if raw is not None:
                raw.cue_at = tok.idx
                raw = _en_cut_glued(text, raw)
                if raw.end - raw.start < 2:
                    continue
                out.append(_en_coordinated(text, doc, raw))
                if raw.speaker is not None:
                    history.append(raw.speaker)
    found = _en_whole_quotes(text, doc, _en_drop_sourced(text, out), ctx)
    for raw in found:
        if raw.kind != "statement" and en_cue_concedes(raw.cue):
            # "admitted the checks had not been thorough", "cautioned it would not hesitate to sue those
            # spreading false information": an admission or a warning rebuts nothing.
            raw.kind, raw.side = "statement", None
    return found
_EN_CLAIM_NOUNS_PLAIN = frozenset({"claim", "claims", "report", "reports", "allegations", "accusations", "charges"})


def _en_misread_denial(text: str, verb_as_noun, sent, ctx: _Context) -> _Raw | None:
    """"X rejects claims it hid …" where the tagger took the verb for a noun and "claims" for the verb.

    The speaker is the words before the denial verb, the claim the noun and
    the rest of its clause.
    """
    doc = verb_as_noun.doc
    obj = doc[verb_as_noun.i + 1]
    c_start = obj.idx
    c_end = max(t.idx + len(t.text) for t in obj.subtree)
    c_start, c_end = _trim_claim(text, c_start, min(c_end, sent.end_char))
    s_start, s_end = _strip(text, sent.start_char, verb_as_noun.idx, _EDGE)
    if c_end - c_start < 2 or s_end <= s_start:
        return None
    mention = text[s_start:s_end]
    # Only a name that heads the subject: "Muscat hospital" is not Muscat.
    i = next((k for k, e in enumerate(ctx.entities) if s_start <= e.start and e.end == s_end), None)
    speaker = _speaker_from_entity(mention, ctx.entities[i], ctx) if i is not None else Speaker(text=mention)
    return _Raw(c_start, c_end, verb_as_noun.text, "denial", speaker)


# Between a quotation and its continuation: the rest of the attribution and at most one full stop.
_EN_ATTRIBUTION_GAP_RE = re.compile(r"[^\"“”]{0,160}$")


def _en_whole_quotes(text: str, doc, raws: list[_Raw], ctx: _Context) -> list[_Raw]:
    """A quotation is one claim, all of it: its sentences and, across the attribution, its continuation.

    '"A. B," he said. "C."' is the claim "A. B," he said. "C" — one quotation
    of one speaker, whose attribution the writer put in the middle. Only a
    claim wholly inside one quotation, with its cue outside it, is widened;
    its kind is taken again over every sentence it now holds.
    """
    quotes = _quote_spans(text)
    if not quotes:
        return raws
    cues = sorted(r.cue_at for r in raws)
    for r in raws:
        opened = next(((a, b) for a, b in quotes if r.start <= a < r.end < b), None)
        if opened is not None and r.cue_at < r.start and not any(opened[0] < c < opened[1] for c in cues) \
                and not crosses_line_break(text, r.end, opened[1]) and not text[opened[1] + 1:opened[1] + 2].isalnum():
            # (A mark followed by a letter opens the next quotation: the first one was never closed.)
            # 'said that Benson "never misled anyone, and the evidence will show that"': a quotation opened
            # inside the claim ends it, whatever the parser made of a comma inside the quotation.
            r.end = _trim_claim(text, r.start, opened[1])[1]
            continue
        q = next((k for k, (a, b) in enumerate(quotes) if a < r.start and r.end <= b), None)
        if q is None:
            continue
        a, b = quotes[q]
        if a <= r.cue_at <= b or r.cue_at < 0:
            continue
        start, end = a + 1, b
        if r.cue_at > b and q + 1 < len(quotes):
            # '"A," X said. "B."': the next quotation goes on if only the attribution stands between.
            na, nb = quotes[q + 1]
            gap = text[b + 1:na]
            if (na > r.cue_at and _EN_ATTRIBUTION_GAP_RE.match(gap) and gap.count(".") <= 1
                    and not crosses_line_break(text, b, na)
                    and not any(b < c < na and c != r.cue_at for c in cues)
                    and not any(na < c < nb for c in cues)):
                end = nb
        start, end = _trim_claim(text, start, end)
        if (start, end) == (r.start, r.end) or end - start < 2:
            continue
        r.start, r.end = start, end
        if r.kind != "denial":
            kind, side = _en_quote_kind(text, doc, start, end, ctx)
            if kind == "denial" or (kind == MAYBE and r.kind != MAYBE):
                r.kind, r.side = kind, side
    return raws


def _en_quote_kind(text: str, doc, start: int, end: int, ctx: _Context) -> tuple[str, str | None]:
    """The kind of a quotation of several sentences: a denial if one calls something untrue, else its
    first negated sentence's (see _en_kind)."""
    if en_calls_untrue(text, doc, start, end) or _EN_FALSE_REPORT_RE.search(text, start, end):
        return "denial", None
    found: tuple[str, str | None] = ("statement", None)
    for sent in doc.sents:
        if sent.end_char <= start or sent.start_char >= end:
            continue
        kind, side = _en_kind(sent.root, ctx)
        if kind == "denial":
            return kind, side
        if kind == MAYBE and found[0] == "statement":
            found = (kind, side)
    return found


# A second reported clause with its own complementizer: "said X and that Y".
_EN_COORD_COMP_RE = re.compile(r",?\s+and\s+that\s+", re.I)


def _en_coordinated(text: str, doc, raw: _Raw) -> _Raw:
    """One claim for "X and that Y", a denial when the clause after "and that" is negated.

    As in Arabic ("X وأنه لم Y"), the claim keeps one span per cue and is a
    denial when any of its reported clauses says that something did not happen.
    """
    m = _EN_COORD_COMP_RE.search(text, raw.start, raw.end)
    if raw.kind == "denial" or m is None or raw.end - m.end() < 8:
        return raw
    second = _trim_claim(text, m.end(), raw.end)
    kind, side = _en_span_kind(text, doc, *second, None, within=True)
    if kind == "denial" or (kind == MAYBE and raw.kind != MAYBE):
        raw.kind, raw.side = kind, side
    return raw


def _en_drop_sourced(text: str, raws: list[_Raw]) -> list[_Raw]:
    """Drops a trailing "..., according to X" whose sentence already holds a claim of its own.

    In "The office said its inquiry could take months, according to a
    statement on its website" the phrase names where the saying was
    published; the claim is the one of "said".
    """
    out = []
    for r in raws:
        trailing = r.cue.lower().startswith("according") and r.end <= r.cue_at
        if trailing and any(o is not r and not o.cue.lower().startswith("according")
                            and r.start <= o.start and o.end <= r.end for o in raws):
            continue
        # "Twitter denied that X, a spokesperson for the company said": the
        # trailing "said" only attributes the denial, whose cue is inside.
        if (0 <= r.end <= r.cue_at and not _quoted(text, r)
                and any(o is not r and r.start <= o.cue_at < r.end for o in raws)):
            continue
        # "rejected posts claiming that X": the unsourced claim of the rejected thing is the denial's object.
        if r.speaker is None and r.cue.lower() in _EN_CLAIMING and any(
                o is not r and o.kind == "denial" and o.speaker is not None and o.start <= r.cue_at < o.end
                for o in raws):
            continue
        # 'his client "categorically denies any wrongdoing"': a denial quoted inside another claim
        # belongs to that claim, which denies what the quotation denies.
        outer = next((o for o in raws if o is not r and r.kind == "denial" and o.start <= r.start
                      and r.end <= o.end and _inside_quotes(text, o.start, r.cue_at)), None)
        if outer is not None:
            outer.kind = "denial"
            continue
        out.append(r)
    return out


# A full stop with no space after it, between a lowercase letter or digit and
# a capitalised word ("users.The", "$10,000.Kogan"): spaCy does not always
# split the sentence there.
_EN_GLUED_STOP_RE = re.compile(r"(?<=[a-z0-9%])[.!?][\"'”’)\]]*(?=[A-Z][a-z])")


def _en_cut_glued(text: str, raw: _Raw) -> _Raw:
    """Keeps a claim inside the glued sentence of its cue."""
    for m in _EN_GLUED_STOP_RE.finditer(text, raw.start, raw.end):
        if raw.cue_at < m.end():
            raw.end = m.start()
            break
        raw.start = m.end()
    raw.start, raw.end = _trim_claim(text, raw.start, raw.end)
    return raw


def _en_according(text: str, doc, tok, sent, ctx: _Context) -> _Raw | None:
    to = doc[tok.i + 1]
    objs = [c for c in to.children if c.dep_ == "pobj"]
    if not objs:
        return None
    obj = objs[0]
    s_start, s_end = _en_subtree_bounds(obj)
    speaker = _en_resolve_np(text, obj, s_start, s_end, ctx, [])
    # The claim is the rest of the sentence: before "according to X" when the
    # phrase trails, after it when the phrase leads.
    phrase_start = tok.idx
    phrase_end = max(s_end, to.idx + 2)
    if phrase_start - sent.start_char > sent.end_char - phrase_end:
        c_start, c_end = sent.start_char, phrase_start
    else:
        c_start, c_end = phrase_end, sent.end_char
    c_start, c_end = _trim_claim(text, c_start, c_end)
    if c_end - c_start < 8:
        return None
    kind, side = _en_span_kind(text, doc, c_start, c_end, ctx)
    return _Raw(c_start, c_end, text[tok.idx:to.idx + len(to.text)], kind, speaker, side=side)
