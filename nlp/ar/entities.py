"""Arabic entity spans: the trained model's spans combined with the rule tagger's, later
mentions of a name found once, and function words and conjunctions trimmed off.
"""

from __future__ import annotations

import bisect
import re

from marsad.nlp import arabic as ar
from marsad.nlp import data
from marsad.nlp.ar.cues import _AR_PARTICIPLES
from marsad.nlp.ar.tagger import _ArabicTagger
from marsad.nlp.normalize import normalize_arabic
from marsad.nlp.spans import _Span
from marsad.nlp.tokens import AR_MARKS, Token, tokenize


def _rule_arabic_spans(text: str) -> list[_Span]:
    spans = [t for s in _ArabicTagger(text).run() if (t := _without_tanween_edges(s, text)) is not None
             and not _charge_words([normalize_arabic(w) for w in text[t.start:t.end].split()[:2]])]
    spans.sort(key=lambda s: s.start)
    return spans


def _without_tanween_edges(span: _Span, text: str) -> _Span | None:
    """A rule span without first or last words written with tanween, or None when nothing is left.

    The rules took an indefinite word for a name word ("كوغان تيرنبل نظرًا",
    "راضيًا"). A gazetteer match with such a word goes whole: its letters
    spelled another word ("ميتًا", dead, is Meta's spelling once its marks
    are gone), so its id is wrong.
    """
    words = [(m.start() + span.start, m.end() + span.start) for m in re.finditer(r"\S+", text[span.start:span.end])]
    while words and ar.has_tanween(text[words[0][0]:words[0][1]]):
        words = words[1:]
    while words and ar.has_tanween(text[words[-1][0]:words[-1][1]].rstrip(".,،؛:!?؟")):
        words = words[:-1]
    if not words:
        return None
    if (words[0][0], words[-1][1]) == (span.start, span.end):
        return span
    if span.source == "gaz":
        return None
    return _Span(words[0][0], words[-1][1], span.label, span.id, span.name, span.source)


# Rule spans kept where the model found nothing: known names from the
# gazetteer and Latin-script names inside Arabic (the model sees few of those).
_RULE_SOURCES_KEPT = frozenset({"gaz", "latin", "rule", "model"})
_PREFER_WIDER = True
_WIDER_ANY_LABEL = True


def _arabic_spans(text: str, model_dir=None, predicted: list[tuple[int, int, str]] | None = None) -> list[_Span]:
    """Arabic entities: the trained model's spans, refined by the rules where those know better.

    The model (nlp/ar/model, trained on NewsFANE) finds the names. A
    gazetteer match over the same words gives its boundaries, label and id
    (a known entity); a rule span that starts after the first word's
    proclitics gives the model span its start (the model reads whole words,
    "ولبنان"); otherwise proclitics are cut when the rest of the word is a
    name the model's lexicon knows and the whole word is not. Gazetteer and
    Latin-script rule spans are kept where the model found nothing.
    """
    from marsad.nlp.ar import ner

    toks = tokenize(text)
    starts = {t.start: k for k, t in enumerate(toks)}
    rules = [_said_tail_cut(text, cut) for r in _rule_arabic_spans(text)
             if not (r.label == "PERSON" and r.start in starts and _portfolio_at(toks, starts[r.start]))
             and (cut := _rule_span_cut(text, r)) is not None]
    lexicon = ner.lexicon(model_dir)
    out: list[_Span] = []
    covered: list[tuple[int, int]] = []
    # ``predicted``: the model's spans over this same tokenize(text), when the caller ran the model on
    # many texts at once (analyze_many, the NER scorer).
    found = _split_lines(ner.predict(toks, model_dir) if predicted is None else predicted, toks, text)
    found = _cut_at_complementiser(_no_portfolio_person(found, toks), toks)
    found = _split_conjoined(_trim_function_words(_no_body_in_person(_no_said_tail(_no_charge(found, toks), toks),
                                                                     toks), toks), toks, lexicon)
    # A word the text writes as a later word of a name is whole where it opens one: "لوندغرين" after
    # "إريك لوندغرين" is the family name, not ل + وندغرين.
    surnames = {toks[k].norm for i, j, _ in found for k in range(i + 1, j)}
    for n, (i, j, label) in enumerate(found):
        start, end = toks[i].start, toks[j - 1].end
        next_start = toks[found[n + 1][0]].start if n + 1 < len(found) else len(text)
        prev_end = toks[found[n - 1][1] - 1].end if n else 0
        over = [r for r in rules if r.start < end and r.end > start]
        known = [r for r in over if r.source == "gaz"]
        if len(known) > 1 and all(r.start >= start - 1 and r.end <= end + 1 for r in known):
            # Two known names run together by the model ("فيسبوك وكامبريدج أناليتيكا").
            out.extend(known)
            covered.append((start, end))
            continue
        if len(known) == 1 and known[0].start > toks[i].end and known[0].label != label:
            # The model ran a name into a known one after it ("زهير مراد لبي بي سي").
            r = known[0]
            k = max(k for k in range(i, j) if toks[k].end <= r.start) + 1
            out.append(_Span(toks[i].start + (_clitic_letters(toks[i], lexicon) if toks[i].kind == "ar" else 0),
                             toks[k - 1].end, label, source="model"))
            out.append(r)
            covered.append((start, max(end, r.end)))
            continue
        if len(known) == 1 and known[0].start >= start - 1:
            # A known name; the model may see a longer organisation name around
            # it ("مجلس … لحماية البيانات"), but not one that only adds a
            # nisba ("صنداي تلغراف البريطانية").
            r = known[0]
            k = j
            while k > i and toks[k - 1].norm in ar.NISBA:
                k -= 1
            longer = r.label == "ORG" and label == "ORG" and toks[k - 1].end > r.end
            if longer:
                out.append(_Span(r.start, toks[k - 1].end, "ORG", source="model"))
            else:
                out.append(r)
            covered.append((min(start, r.start), max(end, r.end)))
            continue
        # A rule span that holds the model's and more, without reaching into the
        # neighbouring model spans ("نور الهدى بركات" for the model's "بركات").
        wider = [r for r in over if r.source in _RULE_SOURCES_KEPT and prev_end <= r.start <= start + 4
                 and end <= r.end <= next_start and (r.start < toks[i].start or r.end > end)
                 and (r.label == label or _WIDER_ANY_LABEL)] if _PREFER_WIDER else []
        if wider:
            r = max(wider, key=lambda r: r.end)
            out.append(r)
            covered.append((min(start, r.start), r.end))
            continue
        inner = [r.start for r in over if toks[i].start < r.start < toks[i].end]
        if inner:
            start = min(inner)
        elif toks[i].kind == "ar" and toks[i].norm not in surnames:
            start += _clitic_letters(toks[i], lexicon)
        same = [r for r in over if r.source == "rule" and r.start == start and r.end == end]
        if same:
            label = same[0].label  # the rules read a cue word ("شركة … ميدلينك")
        out.append(_Span(start, end, label, source="model"))
        covered.append((toks[i].start, end))
    for r in rules:
        if r.source in _RULE_SOURCES_KEPT and not any(r.start < e and r.end > s for s, e in covered):
            out.append(r)
    kept = _no_overlaps(_within_lines(out, text))
    return _no_overlaps(kept + _within_lines(_later_mentions(toks, kept), text)) if _PROPAGATE else kept


# A verbal noun behind ب, in the shapes of form II, IV, VIII and X (normal forms): "بتضليل", "بإخفاء",
# "باحتكار", "باستغلال". Charges are written so ("اتهمه بتضليل البرلمان").
_BI_VERBAL_NOUN = re.compile(r"^ب(?:ت\w\wي\w|ا\w\wا\w|ا\wت\wا\w|است\w\wا\w)$")


def _charge_words(norms: list[str]) -> bool:
    """Whether normalised words open with ب and a verbal noun in construct with a definite word ("بتضليل
    البرلمان": of misleading parliament), which the model and the title rule ("الوزير …") take for a name
    now and then. A name alone in such a shape ("باسكال") is not."""
    return len(norms) > 1 and bool(_BI_VERBAL_NOUN.match(norms[0])) and norms[1].startswith("ال")


# A minister's title: the word before a portfolio ("وزير خارجية فرنسا"), normalised, proclitics off.
_PORTFOLIO_TITLES = frozenset(normalize_arabic(w) for w in data.words("ar_portfolio_titles.txt"))


def _portfolio_at(toks: list[Token], i: int) -> bool:
    """Whether token i is a portfolio after a minister's title: "خارجية" in "وزير خارجية كوريا الشمالية" and
    "دفاع" in "وزير دفاع الكويت" are the office, not a name (nlp/data/ar_ministry_fields.txt, read without
    the article)."""
    from marsad.nlp.countries import _ar_ministry_fields

    if i < 1 or toks[i].norm not in {f.removeprefix("ال") for f in _ar_ministry_fields()}:
        return False
    before = toks[i - 1].norm
    return bool(({before} | {stem for _, stem in ar.clitic_splits(before)}) & _PORTFOLIO_TITLES)


def _no_portfolio_person(found: list[tuple[int, int, str]], toks: list[Token]) -> list[tuple[int, int, str]]:
    """Drops the person spans that open with a portfolio (:func:`_portfolio_at`)."""
    return [(i, j, label) for i, j, label in found if not (label == "PERSON" and _portfolio_at(toks, i))]


def _no_charge(found: list[tuple[int, int, str]], toks: list[Token]) -> list[tuple[int, int, str]]:
    """Drops the model's spans that open with a charge (:func:`_charge_words`)."""
    return [(i, j, label) for i, j, label in found if not _charge_words([t.norm for t in toks[i:j]])]


# What can be denied, as the last word of a name the model ran on from its subject ("كذبت الوزارة الأنباء"):
# normalised, with the article.
_SAID_THINGS = frozenset({"الانباء", "الاخبار", "التقارير", "الاتهامات", "الادعاءات", "المزاعم", "الشائعات",
                          "الاشاعات"})
# Heads whose name ends with such a word: "وكالة الأنباء", "نشرة الأخبار", "قناة الأخبار".
_NEWS_HEADS = frozenset({"وكاله", "وكالات", "نشره", "قناه", "شبكه", "موقع", "مركز", "دار", "صحيفه", "اذاعه"})


def _said_tail(last: str, before: str) -> bool:
    """Whether the normalised last word of a name is a thing said that does not belong to it: not after a news
    outlet's head ("وكالة الأنباء", "ولوكالة الأنباء": the head with or without its proclitics)."""
    if last not in _SAID_THINGS:
        return False
    return {before, *(stem for _, stem in ar.clitic_splits(before))}.isdisjoint(_NEWS_HEADS)


def _said_at(norms: list[str], label: str) -> int | None:
    """The index (≥ 1) of the first word of a name's words that is a thing said (see :func:`_said_tail`): in a
    person's name anywhere ("يوسف بنعلي الأخبار"); in another name after a definite word, as two definite
    nouns make no construct ("وزارة التربية الأنباء"), while after an indefinite one the word is part of the
    name ("لجنة رصد الشائعات")."""
    return next((k for k in range(1, len(norms)) if _said_tail(norms[k], norms[k - 1])
                 and (label == "PERSON" or ar.has_article(norms[k - 1]))), None)


def _no_said_tail(found: list[tuple[int, int, str]], toks: list[Token]) -> list[tuple[int, int, str]]:
    """Cuts a thing said, and its adjectives after it, from a span ("الوزارة الأنباء المتداولة" after كذبت:
    the ministry, then the reports it denied), unless the word before it heads a news outlet's name
    ("وكالة الأنباء")."""
    out = []
    for i, j, label in found:
        k = _said_at([t.norm for t in toks[i:j]], label)
        out.append((i, i + k if k is not None else j, label))
    return out


def _span_before_word(span: _Span, words: list[re.Match], k: int) -> _Span:
    """A rule span cut before its k-th word (``words``: its words as matches within its text)."""
    return _Span(span.start, span.start + words[k - 1].end(), span.label, span.id, span.name, span.source)


def _said_tail_cut(text: str, span: _Span) -> _Span:
    """A rule span without a thing said and what follows it (as :func:`_no_said_tail`)."""
    words = list(re.finditer(r"\S+", text[span.start:span.end]))
    if len(words) < 2 or span.id is not None:
        return span
    k = _said_at([normalize_arabic(w.group()) for w in words], span.label)
    if k is None:
        return span
    return _span_before_word(span, words, k)


def _no_body_in_person(found: list[tuple[int, int, str]], toks: list[Token]) -> list[tuple[int, int, str]]:
    """Cuts a person span at a body's head noun inside it: "وعزت شركة ساحل …" is a verb (عزت, also
    a given name) before a company, not a man. A single word before the head goes; what follows the
    head is left to the rules, which know the body's name and its cue."""
    out = []
    for i, j, label in found:
        k = next((k for k in range(i + 1, j) if toks[k].kind == "ar"
                  and (toks[k].norm in ar.ORG_HEADS or toks[k].norm in ar.ORG_DESCRIPTORS)), None)
        if label != "PERSON" or k is None:
            out.append((i, j, label))
        elif k - i > 1:
            out.append((i, k, label))
    return out


def _split_lines(found: list[tuple[int, int, str]], toks: list[Token], text: str) -> list[tuple[int, int, str]]:
    """Splits model spans where a line break falls between two of their words.

    The model reads a text's words without its line breaks, so a headline that
    ends on a name runs into the body's first word ("كافانو" + "نظرًا").
    """
    out = []
    for i, j, label in found:
        cut = i
        for k in range(i + 1, j):
            if "\n" in text[toks[k - 1].end:toks[k].start]:
                out.append((cut, k, label))
                cut = k
        out.append((cut, j, label))
    return out


def _within_lines(spans: list[_Span], text: str) -> list[_Span]:
    """Cuts a span that crosses a line break back to its first line (a rule or a later mention may)."""
    out = []
    for s in spans:
        cut = text.find("\n", s.start, s.end)
        if cut < 0:
            out.append(s)
            continue
        end = len(text[s.start:cut].rstrip()) + s.start
        if end > s.start:
            out.append(_Span(s.start, end, s.label, s.id, s.name, s.source))
    return out


def _no_overlaps(spans: list[_Span]) -> list[_Span]:
    spans = sorted(spans, key=lambda s: (s.start, -s.end))
    kept: list[_Span] = []
    for s in spans:
        if kept and s.start < kept[-1].end:
            continue
        kept.append(s)
    return kept


_PROPAGATE = True


def _later_mentions(toks: list[Token], spans: list[_Span]) -> list[_Span]:
    """Other mentions of names found once in the text, wherever no span covers them.

    A name found by the model or the rules in one sentence is the same name
    in the next, with or without a proclitic (سولارون … وسولارون); a person
    is later named by the family name alone (كوغان), an organisation "X لل…"
    by X. One-letter-short words and common words are never propagated.
    """
    lex: dict[tuple[str, ...], _Span] = {}
    by_start = {t.start: k for k, t in enumerate(toks)}
    by_end = {t.end: k for k, t in enumerate(toks)}
    for s in spans:
        i, j = by_start.get(s.start), by_end.get(s.end)
        if i is None or j is None:
            continue
        k = tuple(t.norm for t in toks[i : j + 1] if t.kind != "punct")
        if not k or any(t.kind == "lat" for t in toks[i : j + 1]):
            continue
        lex.setdefault(k, s)
        if s.label == "PERSON" and len(k) > 1 and len(k[-1]) >= 3 and not ar.is_common(k[-1]):
            lex.setdefault((k[-1],), s)
        if s.label == "ORG" and len(k) > 1 and k[1].startswith("لل") and not ar.is_common(k[0]):
            lex.setdefault(k[:1], s)
    lex = {k: s for k, s in lex.items() if len(k) > 1 or (len(k[0]) >= 3 and not ar.is_listed_common(k[0]))}
    if not lex:
        return []
    used = [False] * len(toks)
    starts = [t.start for t in toks]
    for s in spans:
        k = max(bisect.bisect_right(starts, s.start) - 1, 0)
        while k < len(toks) and toks[k].start < s.end:
            if toks[k].end > s.start:
                used[k] = True
            k += 1
    max_len = max(len(k) for k in lex)
    out: list[_Span] = []
    for i, t in enumerate(toks):
        if used[i] or t.kind != "ar":
            continue
        for skip, stem in ((0, t.norm), *ar.clitic_splits(t.norm)):
            hit = None
            for n in range(min(max_len, len(toks) - i), 0, -1):
                k = (stem, *(x.norm for x in toks[i + 1 : i + n]))
                if k in lex and not any(used[i : i + n]):
                    hit = (n, lex[k])
                    break
            if hit:
                n, src = hit
                start = t.start + (ar.surface_offset(t.text, skip) if skip else 0)
                out.append(_Span(start, toks[i + n - 1].end, src.label, src.id, src.name, "lexicon"))
                for k2 in range(i, i + n):
                    used[k2] = True
                break
    return out


# "بأن" and its pronoun forms, normalised: a complementiser never inside a name.
_BI_ANNA = frozenset({"بان", "بانه", "بانها", "بانهم", "بانهما", "باننا", "بانني"})


# The participles that report speech ("قائلة", "مضيفا", "نافيا"; nlp/data/ar_participle_cues.tsv), normalised.
_SPEECH_PARTICIPLES = frozenset(normalize_arabic(w) for w in _AR_PARTICIPLES)


def _cut_at_complementiser(found: list[tuple[int, int, str]], toks: list[Token]) -> list[tuple[int, int, str]]:
    """Ends a span before a "بأن" the model ran it into ("شبكة سي بي سي بأن الخنازير": the outlet, then what
    it was told) or a participle of speech ("ديفيس قائلة": the name, then "saying"), and drops one that opens
    with either; "لينكد إن" keeps its إن."""
    out = []
    for i, j, label in found:
        k = next((k for k in range(i, j) if _complementiser_or_participle(toks[k].norm)), j)
        if k > i:
            out.append((i, k, label))
        elif j - i > 1:
            out.append((i, j, label))  # a name that opens with such a word: "مشيرة خطاب", "بان كي مون"
    return out


def _complementiser_or_participle(norm: str) -> bool:
    """Whether a normalised word is "بأن" (with its pronoun) or a participle of speech."""
    return norm in _BI_ANNA or re.sub(f"[{AR_MARKS}]", "", norm) in _SPEECH_PARTICIPLES


def _rule_span_cut(text: str, span: _Span) -> _Span | None:
    """A rule span without a "بأن" or a participle of speech inside it and what follows ("ديفيس قائلة"), or
    None when the span is that one word; a name that opens with such a word stays whole ("مشيرة خطاب")."""
    words = list(re.finditer(r"\S+", text[span.start:span.end]))
    k = next((k for k, w in enumerate(words) if _complementiser_or_participle(normalize_arabic(w.group()))), None)
    if k is None or (k == 0 and len(words) > 1):
        return span
    if k == 0:
        return None
    return _span_before_word(span, words, k)


def _trim_function_words(found: list[tuple[int, int, str]], toks: list[Token]) -> list[tuple[int, int, str]]:
    """Drops particles, prepositions and tanween words the model let into a span's edges ("كوغان على").

    The model reads normalised words, where على (on) and the name علي (Ali)
    are one form; the surface tells them apart, so a final على goes.
    """
    def particle(t: Token) -> bool:
        if t.kind != "ar":
            return t.kind == "punct"
        if ar.has_tanween(t.text):
            return True  # an indefinite adverb or adjective after a name ("قائلاً", "نظرًا")
        if t.norm == "علي":
            return re.sub(f"[{AR_MARKS}]+$", "", t.text).endswith("ى")
        return t.norm in ar.FUNCTION_WORDS

    out = []
    for i, j, label in found:
        while i < j and particle(toks[i]):
            i += 1
        while j > i and particle(toks[j - 1]):
            j -= 1
        if j > i:
            out.append((i, j, label))
    return out


def _split_conjoined(found: list[tuple[int, int, str]], toks: list[Token], lexicon: dict[str, str]
                     ) -> list[tuple[int, int, str]]:
    """Splits a model span of names joined by "و" ("جورج بوش وتوني بلير") into its names.

    A word inside the span that is "و" + a name the lexicon knows, while the
    whole word is not one (وتوني, not وليد), starts a new name; the "و" is
    cut off by the caller's proclitic rule.
    """
    out = []
    for i, j, label in found:
        cut = i
        for k in range(i + 1, j):
            t = toks[k]
            if label in ("PERSON", "GPE", "LOC") and t.kind == "ar" and t.norm.startswith("و") \
                    and len(t.norm) >= 4 and t.norm not in lexicon and t.norm[1:] in lexicon:
                out.append((cut, k, label))
                cut = k
        out.append((cut, j, label))
    return out


def _clitic_letters(tok: Token, lexicon: dict[str, str]) -> int:
    """Characters of a token's surface that are proclitics, when the lexicon says so (else 0)."""
    if tok.norm in lexicon:
        return 0
    for letters, stem in ar.clitic_splits(tok.norm):
        if stem in lexicon or ar.strip_article(stem) in lexicon:
            return ar.surface_offset(tok.text, letters)
    return 0
