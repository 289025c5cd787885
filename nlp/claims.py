"""Attributed claims: who said what, and whether it is a denial.

A claim is a reported statement with a speech cue ("said", "denied", قالت،
نفت، بحسب ...), the speaker who made it and the span of the reported clause.
Its ``kind`` is ``denial`` when the speaker denies or rejects something or
says that something did not / does not happen; a promise about the future
("will not sell", لن تبيع) stays a ``statement``. A refusal to comment is not
a claim at all.

English uses the dependency parse of a spaCy ``Doc`` (the reported clause is
the ``ccomp`` of a speech verb, the speaker its ``nsubj``); Arabic, for which
no parser is installed, uses cue-verb patterns: the speaker follows the verb
(VSO, the usual news order) or precedes it as a topic (SVO), and the claim is
the clause after إن/أن/بأن up to the end of the sentence.

Speakers are resolved to entities: a named mention, "a spokesperson for X" /
"متحدث باسم X" → X (a spokesperson named in the text speaks as that person),
a pronoun or "the company"/"الشركة" → the most salient organisation of the
text, a later surname → the person named in full earlier, "the Egyptian
government"/"الحكومة المصرية" → the country; a mention no entity covers is
looked up in the gazetteer.

Not claims: negated or refused saying ("did not say", "declined to say",
"would neither confirm nor deny", لم تنف), refusals to comment (رفضت
التعليق، لم تعلق), open questions ("did not say whether"), rejecting an offer
rather than a statement. Arabic patterns read a copy of the text without
diacritics and tatweel; offsets are mapped back to the original, and cues are
reported without diacritics.

The code: this module runs the steps (``find_claims``) and settles kinds and
duplicates across languages; ``nlp.claim_context`` holds what every step
shares, ``nlp.en`` and ``nlp.ar`` the per-language finders, and
``nlp.attribution`` ties speaker mentions to entities.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from marsad.nlp import kind_model
from marsad.nlp.ar.claims import _ar_find_marked
from marsad.nlp.ar.clauses import _AR_ALLEGATION, _ar_kind, _bare
from marsad.nlp.ar.cues import _AR_GENERIC, _AR_MARKS_RE, _ar_tokens
from marsad.nlp.attribution import _allegation_sentences, _mention_span, _resolve_speakers
from marsad.nlp.claim_context import (
    MAYBE,
    _Context,
    _label_of,
    _quoted,
    _Raw,
    _speaker_from_entity,
    _trim_claim,
    _word_list,
)
from marsad.nlp.en.claims import _en_find
from marsad.nlp.en.cues import _EN_ALLEGATION_RE, _EN_GENERIC, en_cue_concedes
from marsad.nlp.en.kinds import _en_contradicts, _en_span_kind, en_stem
from marsad.nlp.segment import Segments, crosses_line_break, split_sentences
from marsad.nlp.speaker_names import ar_quoted_names, en_named_subjects
from marsad.nlp.types import Claim, Entity, Figure, Speaker

__all__ = ["find_claims", "split_sentences"]


# ---------------------------------------------------------------------------
# Entry point


def find_claims(
    text: str,
    lang: str,
    entities: Sequence[Entity],
    figures: Sequence[Figure],
    doc=None,
) -> list[Claim]:
    """Finds attributed claims in a text.

    Args:
        text: the analysed text; offsets index it.
        lang: ``"en"`` or ``"ar"``; other languages yield no claims.
        entities: the text's entities, in text order; speakers resolve to them
            and claims link to those inside their span by index.
        figures: the text's figures; claims link to those inside their span.
        doc: for English, a spaCy ``Doc`` of ``text`` with a dependency parse;
            parsed here with the shared model when omitted.

    Returns:
        Claims in text order, each with cue, kind, speaker (or None), span and
        the indices of the entities and figures inside it.
    """
    unsorted = _unsorted(entities)
    ctx = _Context.build(text, sorted(entities, key=lambda e: e.start) if unsorted else entities, lang)
    if lang == "en":
        if doc is None:
            from marsad.nlp.models import english

            doc = english()(text)
        raws = _en_find(text, doc, ctx)
        ctx = ctx.with_names(en_named_subjects(text, doc, raws, ctx.entities))
    elif lang == "ar":
        ctx = ctx.with_names(ar_quoted_names(text, ctx.entities))
        raws = _ar_find_marked(text, ctx)
    else:
        return []
    raws += _headline_colon(text, lang, ctx, doc, raws)
    raws = _dedupe(text, _within_paragraphs(text, raws))
    _resolve_speakers(text, lang, raws, ctx)
    if raws:
        # The article's sentences and those reporting a charge, for both judgements of kinds.
        sentences = split_sentences(text)
        alleged = _allegation_sentences(text, lang, sentences)
        _settle_kinds(text, lang, raws, ctx, sentences, alleged, doc if lang == "en" else None)
        _second_opinion(text, lang, raws, sentences, alleged)
        _before_a_rebuttal(raws, sentences)
    for r in raws:
        if r.speaker is not None and r.speaker.id is None and r.speaker.text:
            r.speaker = _gazetteer_speaker(r.speaker, lang, r.cue)
    fig_starts = [f.start for f in figures]
    ent_starts = [e.start for e in entities]
    figures_sorted = not _unsorted(figures)
    claims = []
    for r in raws:
        claims.append(
            Claim(
                text=text[r.start:r.end],
                kind=r.kind,  # type: ignore[arg-type]
                cue=r.cue,
                start=r.start,
                end=r.end,
                speaker=r.speaker if (r.speaker is None or r.speaker.text or r.speaker.id) else None,
                figures=_inside(figures, fig_starts, figures_sorted, r.start, r.end),
                entities=_inside(entities, ent_starts, not unsorted, r.start, r.end),
            )
        )
    return claims


def _second_opinion(text: str, lang: str, raws: list[_Raw], sentences: list[tuple[int, int]],
                    alleged: list[tuple[int, int]]) -> None:
    """Makes denials of the statements the learned model (nlp/kind_model.py) is confident are denials.

    A claim that makes a charge (an accusing cue) stays a statement. A negated claim the
    article settled as a statement (``side`` set) stays one in an
    article that reports no charge at all: with nothing to rebut, "it had not sold any data"
    is a statement however much it reads like a denial.
    """
    for r in raws:
        if r.kind != "statement" or _cue_accuses(r.cue, lang) or (lang == "en" and en_cue_concedes(r.cue)):
            continue  # a charge, an admission or a warning rebuts nothing
        if r.side is not None and not alleged:
            continue
        if kind_model.is_denial(text, lang, r.start, r.end, r.cue, sentences):
            r.kind = "denial"


def _settle_kinds(text: str, lang: str, raws: list[_Raw], ctx: _Context, sentences: list[tuple[int, int]],
                  alleged: list[tuple[int, int]], doc=None) -> None:
    """Decides, for the whole article, which negated claims rebut something (denials) and which do not.

    A negated claim is a denial when its speaker answers a charge and its
    subject is the speaker's own side. The speaker answers a charge when the
    article has reported one against it: it denies something elsewhere in the
    article, it is named (without speaking) in a sentence that reports an
    allegation, a report or an imputed act (nlp/data/*allegation*), or it
    speaks for one that is (a lawyer; a person named beside it); or when the
    sentence names a charge late in the claim or after it ("…, responding to
    a report that …") and the speaker made none. Denying wrongdoing ("had done nothing wrong") and pushing back
    ("insisted") answer a charge by themselves. Everything else negated
    ("North Korea has not yet …", "السائقين لم يستفيدوا") is a statement.
    """
    pending = [r for r in raws if r.kind == MAYBE]
    if not pending:
        return
    deniers = {r.speaker.id for r in raws if r.kind == "denial" and r.speaker is not None and r.speaker.id}
    accused = set(deniers)
    for a, b in alleged:
        # Who speaks in the sentence is not the one it charges (unless denying), nor is who
        # brings the charge ("Thameside Pension Trust has sued Al Murooj", "the ministry opened an inquiry").
        # A subject the verb carries, resolved to an entity named inside the claim itself, is the one the
        # claim is about ("ضبطت الجمارك شحنة مهربة قالت إن شركة «ليكسا» استوردتها": not Lexa's words).
        speaking = {r.speaker.id for r in raws if a <= r.cue_at < b and r.speaker is not None and r.speaker.id
                    and not (r.speaker.text == r.cue
                             and any(e.id == r.speaker.id and r.start <= e.start < r.end for e in ctx.entities))}
        # ... nor a body named with a speaker, between the mention and the words said ("وقالت منى الشريف، عضو
        # مجلس إدارة جمعية «…»، إن"): the speaker's side.
        for r in raws:
            if a <= r.cue_at < b and r.speaker is not None and r.speaker.text and \
                    (span := _mention_span(text, r.speaker.text, r.cue_at)) is not None:
                lo = min(span[0], r.cue_at)
                hi = r.start if r.start > lo else max(span[1], r.cue_at)
                # Not one the speaker charges there ("a lawyer for families suing Gulf Steel", "who accuses X").
                speaking.update(e.id for e in ctx.entities if lo <= e.start and e.end <= hi
                                and not _allegation_in(text, lo, e.start, lang))
        speaking |= _en_charging(doc, a, b, ctx) - deniers if doc is not None else set()
        accused.update(e.id for e in ctx.entities if a <= e.start < b and e.label in ("ORG", "PERSON", "GPE")
                       and e.id not in speaking)
        if doc is not None:
            # "a privacy group accused the firm of …": the organisation "the firm" stands for.
            accused.update(_en_charged_generics(doc, a, b, ctx))
    alleged_words = set()
    for a, b in alleged:
        alleged_words.update(_head_word(w, lang) for w in re.findall(r"\w+", text[a:b]))
    # The verbs of the charges, stemmed, to tell a negated act that answers one.
    charged_acts = _en_charged_acts(doc, alleged) if lang == "en" and doc is not None else set()

    # Who makes the charges: speakers of claims that accuse or report.
    accusers = {r.speaker.id for r in raws if r.kind not in ("denial", MAYBE) and r.speaker is not None
                and r.speaker.id and (_cue_accuses(r.cue, lang) or _allegation_in(text, r.start, r.end, lang))}
    accusers -= deniers

    def charged(r: _Raw) -> bool:
        """Whether a charge is named late in the claim or after it, in its sentence
        ("…, despite reports in the Spanish press", "…, responding to a report that …")."""
        s_end = next((b for a, b in sentences if a <= r.start < b), r.end)
        # After the cue word: a speaker who "claimed" makes the charge, it is not one against him.
        between = (r.cue_at + len(r.cue), r.start) if 0 <= r.cue_at < r.start else (r.start, r.start)
        if _allegation_in(text, r.end, s_end, lang) or _allegation_in(text, *between, lang):
            return True
        # Inside the claim only after a word of replying ("…, despite reports that …"): a charge the
        # claim merely mentions ("have not joined the lawsuit") is answered by nobody.
        reply = _REPLY_RE.search(text, _skip_words(text, r.start, r.end, 3), r.end)
        return reply is not None and _allegation_in(text, reply.start(), s_end, lang)

    def answers(r: _Raw) -> bool:
        sp = r.speaker
        if sp is None:
            return False
        if lang == "en" and (g := _en_speaks_for(sp.text or "", r.start, ctx)) is not None and g.id in accused:
            # "Its finance director, Omar Latif", "the company's head of quality": a role in the accused.
            return True
        if not sp.id:
            # "The platform faces accusations … The platform said": an unnamed
            # speaker named in an earlier charge, a lawyer, or one answering a
            # charge its sentence names ("ردا على اتهامات منظمات إغاثة").
            head = sp.text.split()[-1].lower() if sp.text.split() else ""
            return (_DEFENDER_RE.search(sp.text) is not None and bool(alleged)) or charged(r) or any(
                head and b <= r.start and re.search(rf"\b{re.escape(head)}\b", text[a:b], re.I) for a, b in alleged)
        if sp.id in accused:
            return True
        if sp.id not in accusers and charged(r):
            # The sentence answers a charge it names.
            return True
        first = next((e for e in ctx.entities if e.id == sp.id), None)
        if first is None or first.label != "PERSON":
            return False
        for w in sp.text.split():
            # "رئيس الهيئة، فيصل العنزي": the head of an accused organisation.
            w = _AR_MARKS_RE.sub("", w).lstrip("وف")
            if (w in _AR_GENERIC or w.lower() in _EN_GENERIC) and (g := _generic_referent(w.lower() if lang == "en"
                                                                                          else w, r.start, ctx)):
                if g.id in accused:
                    return True
        # A person named beside an accused organisation speaks for it.
        a, b = next(((a, b) for a, b in sentences if a <= first.start < b), (first.start, first.end))
        return any(a <= e.start < b and e.id in accused and e.label == "ORG" for e in ctx.entities)

    for r in pending:
        side = r.side or "thing"
        # "had done nothing wrong", "لم يرتكب أي خطأ", "ليست مسؤولة": wrongdoing or
        # responsibility denied answers a charge by itself; so does pushing back.
        intrinsic = side.startswith("!")
        side = side.lstrip("!")
        # "We did not sell …" after a charge: an organisation's voice answering it.
        we_answer = side == "we" and any(b <= r.start for _a, b in alleged) and \
            (r.speaker is None or r.speaker.id not in accusers)
        # "Desert Rose Hotels: we did not evict workers": a headline gives the speaker's own rebuttal.
        headline_own = r.cue == ":" and side in ("we", "speaker")
        ok = intrinsic or we_answer or headline_own or answers(r) or _cue_responds(r.cue)
        sp_id = r.speaker.id if r.speaker is not None else None
        if not ok and doc is not None and side in ("we", "speaker", "entity:" + (sp_id or "")):
            # "Witnesses said the police had fired tear gas. The police said they had not used tear
            # gas": someone else said, earlier, what the speaker now says did not happen.
            ok = any(_en_contradicts(doc, o, r, ctx) for o in raws if o.start < r.start and o.kind == "statement"
                     and o.side is None and not _same_speaker(o.speaker, r.speaker))
        defender = r.speaker is not None and _DEFENDER_RE.search(r.speaker.text or "") is not None
        if ok and side.startswith("generic:"):
            g = _generic_referent(side[8:], r.start, ctx)
            sp_label = _label_of(ctx, sp_id) if sp_id else None
            ok = ((g is not None and g.id == sp_id) or sp_label in (None, "PERSON")
                  or (side[8:] in _ANY_ORG_NOUNS and sp_id not in accusers))
        elif ok and side.startswith("entity:"):
            ident = side[7:]
            # A person answering for the accused, or an official for their country ("at no time had
            # Kuwait discussed …", said its minister, responding to a report).
            ok = ident == sp_id or (_label_of(ctx, sp_id) == "PERSON" and (
                ident in accused or (lang == "en" and _label_of(ctx, ident) == "GPE")))
        elif ok and side.startswith("thing:"):
            # "أموال الضمان لم تمس": the thing must be what the charge was about (in English, or the act
            # it charged: "Nothing was hidden"), unless the speaker defends the accused in court or denies
            # wrongdoing; in Arabic also when the speaker is the one charged, in English when the speaker has
            # denied something in the article (a hack victim describing the damage rebuts nothing).
            thing, _, act = side[6:].partition("|")
            answering = accused if lang != "en" else deniers
            ok = intrinsic or sp_id in answering or _head_word(thing, lang) in alleged_words or (
                lang == "en" and (defender or (act != "" and act in charged_acts)))
        r.kind = "denial" if ok else "statement"


# Words that introduce what a statement replies to.
_REPLY_RE = re.compile(r"\b(?:despite|responding|response|reply|replying|answer|contrary|amid|following)\b|"
                       r"(?<![\w])(?:رد[اً]*|ردًا|على خلفية|في أعقاب|رغم|عقب|إثر)(?![\w])", re.I)
# Verbs whose subject brings a charge rather than faces it.
_EN_CHARGING_VERBS = frozenset(
    """sue sues sued suing accuse accuses accused accusing allege alleges alleged alleging charge charges charged
    fine fines fined fining blame blames blamed blaming open opens opened opening launch launches launched
    file files filed filing impose imposes imposed bring brings brought criticise criticises criticised
    criticize criticizes criticized report reports reported raid raided probe probed investigate investigates
    investigated order ordered find finds found""".split())


def _en_charging(doc, start: int, end: int, ctx: _Context) -> set[str]:
    """Ids of the entities that bring the charge of an English sentence: subjects of an active
    "sued", "accused", "fined", "opened (an inquiry)" …"""
    out: set[str] = set()
    for tok in doc.char_span(start, end, alignment_mode="expand") or ():
        if tok.dep_ == "nsubj" and tok.head.lower_ in _EN_CHARGING_VERBS \
                and not any(c.dep_ == "auxpass" for c in tok.head.children):
            lo = min(t.idx for t in tok.subtree)
            hi = max(t.idx + len(t.text) for t in tok.subtree)
            out.update(e.id for e in ctx.entities if lo <= e.start and e.end <= hi)
    return out


def _en_charged_generics(doc, start: int, end: int, ctx: _Context) -> set[str]:
    """Ids of the organisations that "the company", "the firm" … stand for where an English sentence
    charges them: the object of "accused", "sued", "fined" …, or the subject of "was accused"."""
    out: set[str] = set()
    for tok in doc.char_span(start, end, alignment_mode="expand") or ():
        if tok.lower_ not in _ANY_ORG_NOUNS or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            continue
        if tok.head.lower_ not in _EN_CHARGING_VERBS or tok.dep_ not in ("dobj", "nsubjpass"):
            continue
        g = _generic_referent(tok.lower_, tok.idx, ctx)
        if g is not None:
            out.add(g.id)
    return out


def _en_charged_acts(doc, alleged: Sequence[tuple[int, int]]) -> set[str]:
    """Stems of the acts English charges impute: the verb of the clause a charging or reporting word
    governs ("accused the firm of hiding", "reported that it had sold", "claims it hid")."""
    out: set[str] = set()
    for a, b in alleged:
        for tok in doc.char_span(a, b, alignment_mode="expand") or ():
            if not _EN_ALLEGATION_RE.fullmatch(tok.text):
                continue
            # "accused the firm of hiding …": the parser may hang "of" on the object.
            kids = [k for c in tok.children for k in ([c, *c.children] if c.dep_ == "dobj" else [c])]
            for k in kids:
                if k.dep_ == "prep" and k.lower_ in ("of", "for", "over"):
                    k = next((p for p in k.children if p.dep_ in ("pcomp", "pobj")), k)
                if k.dep_ in ("ccomp", "xcomp", "acl", "relcl", "pcomp", "advcl") and k.pos_ == "VERB":
                    out.add(en_stem(k.lower_))
                    out.update(en_stem(c.lower_) for c in k.children if c.dep_ == "conj" and c.pos_ == "VERB")
    return out


def _before_a_rebuttal(raws: list[_Raw], sentences: list[tuple[int, int]]) -> None:
    """Makes a denial of a negated statement its speaker goes on to rebut a report with in the same sentence:
    "إن القوات «لم تستهدف أي سفينة مدنية»، واصفاً الرواية الأوكرانية بأنها «دعاية»" denies the attack too."""
    for r in raws:
        if r.kind != "statement" or r.side is None or r.speaker is None or not r.speaker.id:
            continue
        end = next((b for a, b in sentences if a <= r.start < b), r.end)
        if any(o.kind == "denial" and r.end <= o.start < end and _same_speaker(o.speaker, r.speaker) for o in raws):
            r.kind = "denial"


def _same_speaker(a: Speaker | None, b: Speaker | None) -> bool:
    if a is None or b is None:
        return a is b
    if a.id or b.id:
        return a.id == b.id
    return (a.text or "").lower() == (b.text or "").lower()


# Generic nouns that stand for whichever organisation the story is about.
_ANY_ORG_NOUNS = frozenset({"company", "firm", "group", "الشركة", "المجموعة", "الشركه"})


def _generic_referent(noun: str, pos: int, ctx: _Context) -> Entity | None:
    """The entity "the company" / "the bank" / "الوزارة" stands for: for a specific noun, one whose name holds it."""
    labels = _AR_GENERIC.get(noun) or _EN_GENERIC.get(noun) or ("ORG",)
    if noun in _ANY_ORG_NOUNS:
        return ctx.salient(pos, labels)
    stem = noun.removeprefix("ال").lower()
    found = None
    for e in ctx.entities:
        if e.start >= pos:
            break
        if e.label in labels and stem in e.text.lower():
            found = e
    return found


def _en_speaks_for(mention: str, pos: int, ctx: _Context) -> Entity | None:
    """The organisation an English speaker holds a role in, by the mention's possessive: "Its chief
    executive" (the organisation the text is about), "the company's former finance director"."""
    words = mention.split()
    if words and words[0].lower() == "its":
        return ctx.salient(pos, ("ORG",))
    for w in words:
        noun = re.sub(r"['’]s$", "", w.lower())
        if noun != w.lower() and noun in _EN_GENERIC:
            return _generic_referent(noun, pos, ctx)
    return None


_ACCUSING_CUES = frozenset(_word_list("accusing_cues.txt"))


# Cues that push back against something said before: "insisted", "maintained", "أصر", "ردت".
_RESPONDING_CUES = frozenset(_word_list("responding_cues.txt"))


def _cue_responds(cue: str) -> bool:
    words = cue.lower().split()
    return bool(words) and (words[0] in _RESPONDING_CUES or words[0].lstrip("وف") in _RESPONDING_CUES)


def _cue_accuses(cue: str, lang: str) -> bool:
    words = cue.lower().split()
    return bool(words) and (words[0] in _ACCUSING_CUES or words[0].lstrip("وف") in _ACCUSING_CUES)


def _allegation_in(text: str, start: int, end: int, lang: str) -> bool:
    """Whether a claim itself speaks of an allegation or an imputed act ("the firm had hidden losses")."""
    if lang == "ar":
        return any(_bare(w).lstrip("وفبل") in _AR_ALLEGATION for w, _, _ in _ar_tokens(text, start, end))
    return _EN_ALLEGATION_RE.search(text, start, end) is not None


def _skip_words(text: str, start: int, end: int, n: int) -> int:
    """The offset after the first n words of text[start:end] (end when it has fewer)."""
    for i, m in enumerate(re.finditer(r"\S+", text[start:end])):
        if i == n:
            return start + m.start()
    return end


def _head_word(word: str, lang: str) -> str:
    """A word as compared between a claim's subject and an allegation: article, alef and case folded."""
    if lang == "ar":
        return _bare(word).removeprefix("و").removeprefix("ال")
    return word.lower()


# Speakers that answer for someone else: lawyers, defence.
_DEFENDER_RE = re.compile(r"محام|الدفاع|\blawyer|\battorney|\bcounsel|\bdefen[cs]e", re.I)


# "Nilewave: we did not sell customer data", "موجة النيل: لم نبع بيانات العملاء", "«موجة النيل»: …".
_HEADLINE_COLON_RE = re.compile(r"^«?([^:：\"“«»]{2,120}?)»?\s*[:：]\s*(\S.*)$")
# Arabic words in the first person plural, negated: "لم نبع", "لن نرفع", "لسنا".
_AR_WE_NOT_RE = re.compile(r"(?:^|\s)(?:(?:لم|لا|لن|ما)\s+ن\S+|لسنا|ليس\s+لدينا)")
# Labels that head a headline without being anyone's words ("Live: ...", "تحليل: ...").
_NOT_SPEAKERS = frozenset(_word_list("headline_labels.txt"))


def _headline_colon(text: str, lang: str, ctx: _Context, doc, found: Sequence[_Raw]) -> list[_Raw]:
    """A headline of the form "Speaker: words" reports the speaker's words.

    Only the first line of a text of several lines (an article's headline),
    only when the part before the colon is a short name that an entity covers,
    and only when no other rule found a claim there. An English text of one
    line is such a headline when an entity names the speaker and the words
    are a negation in the first person ("Desert Rose Hotels: we did not evict
    workers").
    """
    seg = Segments(text)
    if not seg.spans:
        return []
    single = len(seg.spans) < 2
    h_start, h_end = seg.spans[0]
    if single and lang == "ar":
        # One paragraph: its first sentence may be a headline run into the report ("«X»: لم نسرّح أي موظف.
        # ردّت شركة X على …"), held to the same test as a lone English line.
        h_start, h_end = split_sentences(text)[0]
        h_end -= text[h_end - 1] == "."
    elif single and "." in text.strip()[:-1]:
        return []
    m = _HEADLINE_COLON_RE.match(text[h_start:h_end])
    if m is None:
        return []
    n_start, n_end = h_start + m.start(1), h_start + m.end(1)
    name = m.group(1).strip()
    if lang == "ar" and not single and len(name.split()) > 2 and (len(name.split()) > 6 or name not in text[h_end:]):
        # "المركزي يرفع الفائدة ومحافظ البنك المركزي: …": two parts, the speaker after "و".
        last = [w for w in re.finditer(r"\S+", name) if w.group(0).startswith("و") and len(w.group(0)) > 2]
        if last and len(name[last[-1].start():].split()) <= 5:
            part = name[last[-1].start() + 1:]
            # Only a part the article names again: in "وكالة الطاقة الدولية" or "… بحضور وزير" the و is the
            # word's own, "كالة" names no one, and the whole name stands.
            if re.search(r"(?<!\S)" + re.escape(part), text[h_end:]):
                n_start += last[-1].start() + 1
                name = part
    if len(name.split()) > 6 or name.lower() in _NOT_SPEAKERS:
        return []
    i = ctx.entity_in(n_start, n_end, labels=("PERSON", "ORG", "GPE"))
    words_said = text[h_start + m.start(2):h_end]
    if single and lang == "ar":
        # A headline run into the report gives the speaker's own rebuttal ("«X»: لم نسرّح أي موظف") or calls a
        # report false ("هيئة الأرصاد: لا صحة لتعرض السواحل لإعصار"); a country or a city before the colon is
        # where the news is from ("لبنان: لا صحة لإغلاق المطار"), unless the report names it again.
        named_again = name in text[h_end:]
        own = _AR_WE_NOT_RE.search(words_said)
        if (i is None and not named_again) or not (own or _ar_calls_false(text, h_start + m.start(2), h_end, ctx)) \
                or (not own and i is not None and ctx.entities[i].label == "GPE" and not named_again):
            return []
    if single and lang == "en" and (i is None or not re.search(r"\b(?:we|i|our|us|my)\b", words_said, re.I)
                                    or not re.search(r"\b(?:not|never|no)\b|n't\b", words_said, re.I)):
        # A lone line is a headline rebuttal only ("X: we did not …"), not any "Name: text".
        return []
    words = name.split()
    if i is None and (len(words) > 4 or any(ch.isdigit() for ch in name) or name not in text[h_end:]
                      or (lang == "en" and not all(w[:1].isupper() for w in words))) \
            and not (lang == "ar" and _ar_state_body_named(words)):
        # Without an entity, only a name that the article repeats, or a ministry named by its portfolio
        # and country ("الداخلية الكويتية").
        return []
    c_start, c_end = _trim_claim(text, h_start + m.start(2), h_end)
    if len(text[c_start:c_end].split()) < 3 or any(r.start < c_end and c_start < r.end for r in found):
        return []
    side = None
    if lang == "en":
        kind, side = _en_span_kind(text, doc, c_start, c_end, ctx)
    else:
        kind, side = _ar_kind(text, c_start, c_end, False, ctx)
    speaker = _speaker_from_entity(name, ctx.entities[i], ctx) if i is not None else Speaker(text=name)
    raw = _Raw(c_start, c_end, ":", kind, speaker, side=side)
    raw.cue_at = n_end
    return [raw]


def _ar_calls_false(text: str, start: int, end: int, ctx: _Context) -> bool:
    """Whether Arabic words, taken as a claim, deny by themselves (a report called false, لا صحة لـ …)."""
    c_start, c_end = _trim_claim(text, start, end)
    return _ar_kind(text, c_start, c_end, False, ctx)[0] == "denial"


def _ar_state_body_named(words: list[str]) -> bool:
    """Whether Arabic words name a ministry by its portfolio and its country ("الخارجية الفرنسية"): the
    adjective agrees with the ministry (وزارة), so it is feminine; "الاقتصاد التركي" is a topic."""
    from marsad.nlp.countries import ar_state_body

    bare = [_AR_MARKS_RE.sub("", w) for w in words]
    found = ar_state_body(bare)
    return found is not None and found[1] is not None and bare[-1].endswith(("ية", "يه"))


def _within_paragraphs(text: str, raws: list[_Raw]) -> list[_Raw]:
    """Cuts every claim back to one line of the text: the line of its cue, or the nearest to it.

    The sentence splitters already stop at line breaks; this is the guarantee
    for any rule that reaches further (a quote before its attribution, "according
    to" at the edge of a sentence).
    """
    seg = Segments(text)
    out = []
    for r in raws:
        if crosses_line_break(text, r.start, r.end):
            at = r.cue_at if r.cue_at >= 0 else r.start
            if at < r.start:
                at = r.start
            elif at >= r.end:
                at = r.end - 1
            p_start, p_end = seg.paragraph(at)
            r.start, r.end = _trim_claim(text, max(r.start, p_start), min(r.end, p_end))
            if r.end - r.start < 2:
                continue
        out.append(r)
    return out


def _gazetteer_speaker(speaker: Speaker, lang: str, cue: str) -> Speaker:
    """A speaker that no entity covers, looked up in the gazetteer ("وأكدت كريم" → Careem).

    In Arabic an organisation takes a feminine verb; a masculine cue before an
    ambiguous name (كريم is also a given name) keeps the speaker unresolved.
    """
    from marsad.nlp.entities import resolve

    found = resolve(speaker.text, lang)
    if found is None:
        return speaker
    ident, name, label = found
    if label not in ("PERSON", "ORG", "GPE"):
        return speaker
    if lang == "ar" and label == "ORG":
        verb = cue.split()[0].lstrip("وف")
        if not (verb.endswith("ت") or verb.startswith("ت")):
            return speaker
    return Speaker(text=speaker.text, id=ident, name=name)


def _inside(items: Sequence, starts: list[int], is_sorted: bool, start: int, end: int) -> list[int]:
    """Indices of the items (entities or figures) that lie within [start, end)."""
    if not is_sorted:
        return [i for i, x in enumerate(items) if x.start >= start and x.end <= end]
    out = []
    for i in range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)):
        if items[i].end <= end:
            out.append(i)
    return out


def _unsorted(entities: Sequence) -> bool:
    return any(a.start > b.start for a, b in zip(entities, entities[1:], strict=False))


def _dedupe(text: str, raws: list[_Raw]) -> list[_Raw]:
    """Drops duplicate and nested claims.

    Two cues that report (nearly) the same span are one claim, a denial if
    either says so. A claim inside a direct quotation of another claim is part
    of what the outer speaker said ("'They told us it was anonymous,' Wylie
    said"), so only the outer one is kept; outside quotations both stay
    ("according to Reuters, the firm said ...").
    """
    raws = sorted(raws, key=lambda r: (r.start, -(r.end - r.start)))
    out: list[_Raw] = []
    for r in raws:
        # Only claims that reach past r's start can overlap it.
        live = [k for k, o in enumerate(out) if o.end > r.start]
        same = next((k for k in live if _jaccard(r, out[k]) > 0.8), None)
        if same is not None:
            if r.kind == "denial" and out[same].kind != "denial":
                out[same] = r
            continue
        if any(r.end <= out[k].end and _quoted(text, out[k]) for k in live):
            continue
        out.append(r)
    return sorted(out, key=lambda r: r.start)


def _jaccard(a: _Raw, b: _Raw) -> float:
    inter = min(a.end, b.end) - max(a.start, b.start)
    if inter <= 0:
        return 0.0
    return inter / (max(a.end, b.end) - min(a.start, b.start))
