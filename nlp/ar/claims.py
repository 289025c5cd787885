"""Arabic claim finding with cue-verb patterns: cues in the text (diacritics and tatweel
ignored), their clauses, speakers and kinds, and headline subject-verb-object claims.
"""

from __future__ import annotations

import bisect
import re

from marsad.nlp import arabic as ar
from marsad.nlp.ar.clauses import (
    _AR_ALLEGATION,
    _AR_THE_SPOKESPERSON,
    _ar_claim_object,
    _ar_coordinated,
    _ar_cut,
    _ar_describes_false,
    _ar_kind,
    _bare,
    _first_quote,
    _next_cue_before,
    _quote_before,
    _skip_apposition,
    _skip_space,
)
from marsad.nlp.ar.cues import (
    _AR_ACCORDING_RE,
    _AR_ACCUSE_RE,
    _AR_ADDRESSEE_NOUNS,
    _AR_COMP_RE,
    _AR_COORD_AFTER_QUOTE_RE,
    _AR_CUE_RE,
    _AR_DENIAL_RE,
    _AR_DESCRIBE_RE,
    _AR_INNOCENCE_RE,
    _AR_LEADING_ADVERBS,
    _AR_MARKS_RE,
    _AR_MAX_CLAIM,
    _AR_MAX_SUBJECT_WORDS,
    _AR_NEEDS_CLAUSE,
    _AR_NO_COMMENT_RE,
    _AR_PARTICIPLE_RE,
    _AR_QUOTE_CLOSE,
    _AR_QUOTE_OPEN,
    _AR_REJECT_RE,
    _AR_RELATIVE,
    _AR_REPEAT_RE,
    _AR_TITLE_RE,
    _AR_TOLD_RE,
    _AR_TOLD_TO,
    _ar_nisba,
    _ar_tokens,
)
from marsad.nlp.ar.subjects import (
    _ar_according,
    _ar_implicit,
    _ar_sentence_subject,
    _ar_subject,
    _ar_topic,
    ar_kana_subject,
)
from marsad.nlp.arabic import FUNCTION_WORDS
from marsad.nlp.claim_context import MAYBE, _Context, _Raw, _speaker_from_entity, _trim_claim, _word_list
from marsad.nlp.normalize import _root_initial_base, normalize_arabic
from marsad.nlp.numbers import AR_WORDS
from marsad.nlp.segment import crosses_line_break, split_sentences
from marsad.nlp.tokens import ar_form
from marsad.nlp.types import Entity, Speaker


def _ar_find(text: str, ctx: _Context) -> list[_Raw]:
    out: list[_Raw] = []
    history: list[Speaker] = []
    for s_start, s_end in _quoted_sentences(text):
        taken: list[tuple[int, int]] = []
        for m in _AR_ACCORDING_RE.finditer(text, s_start, s_end):
            raw = _ar_according(text, m, s_start, s_end, ctx, history)
            if raw is not None:
                raw.cue_at = m.start()
                out.append(raw)
                taken.append((m.start(), raw.end if raw.start > m.start() else m.end() + 40))
                if raw.speaker is not None:
                    history.append(raw.speaker)
        here: list[_Raw] = []
        answering = False
        for m in _AR_CUE_RE.finditer(text, s_start, s_end):
            if any(a <= m.start() < b for a, b in taken):
                continue
            if any(r.start <= m.start() < r.end and text.count("«", r.start, m.start())
                   > text.count("»", r.start, m.start()) for r in here):
                # "إن موكلهم «ينفي نفياً قاطعاً» …": a cue quoted inside another claim belongs to it.
                continue
            if _AR_DESCRIBE_RE.match(m.group(1)) and _AR_DESCRIBE_PRONOUN_RE.search(m.group(1)) \
                    and not _AR_AFTER_COMMA_RE.search(text, s_start, m.start()):
                # "رفضت الاتهامات ووصفتها بأنها …": one claim with the denial before it; after a comma
                # ("…، ووصفتها بأنها «افتراءات»") the description is a claim of its own.
                continue
            if _AR_PARTICIPLE_RE.match(m.group(1)) and _AR_ACCUSE_RE.match(m.group(1)) and (
                    _ar_counted(text, s_start, m.start()) or _AR_OTHERS_RE.match(text, m.end(), s_end)):
                # "و11 متهماً آخرين": defendants counted, not a participle of accusing.
                continue
            raw = _ar_cue(text, m, s_start, s_end, ctx, history)
            if raw is None:
                answering = answering or _answers_charge(text, m, s_end)
                continue
            raw.cue_at = m.start()
            raw = _ar_coordinated(text, raw, ctx)
            _continue_denial(raw, here[-1] if here else None, answering, m, text)
            out.append(raw)
            here.append(raw)
            if raw.speaker is not None:
                history.append(raw.speaker)
    return out


# "ما جاء", "ما ورد", "مما نشر" right before an occasion noun.
_AR_WHAT_CAME_RE = re.compile(r"(?:^|\s)م?ما\s+\S+\s*$")
_AR_QUANTIFIERS = ar.word_set("ar_quantifiers.txt")
# "آخرين" after a counted word: "متهماً آخرين".
_AR_OTHERS_RE = re.compile(r"ً?\s+(?:آخرين|آخرون|اخرين|اخرون)(?![\w])")


def _ar_counted(text: str, start: int, at: int) -> bool:
    """Whether the word right before ``at`` counts what follows: a number in digits or a cardinal
    (nlp.numbers: "و11 متهماً", "وأحد عشر متهماً"), or a quantifier ("عشرات المتهمين": ar_quantifiers.txt)."""
    before = text[start:at].split()
    if not before:
        return False
    word = before[-1].removeprefix("و")
    if word.isdigit():
        return True
    form = ar_form(word)
    return (form in AR_WORDS and AR_WORDS[form][0] == "n") or normalize_arabic(word) in _AR_QUANTIFIERS


def _denying(r: _Raw) -> bool:
    """Whether a claim denies, or will once kinds are settled (wrongdoing denied, a cue that pushes back)."""
    return r.kind == "denial" or (r.kind == MAYBE and ((r.side or "").startswith("!") or _responding(r.cue)))


def _responding(cue: str) -> bool:
    return cue.lstrip("وف") in _AR_RESPONDING_CUES or cue in _AR_RESPONDING_CUES


def _answers_charge(text: str, m: re.Match, s_end: int) -> bool:
    """Whether a reply cue without a clause of its own answers a charge: "ردت الشركة على ما تردد عن …"."""
    if not _responding(m.group(0)):
        return False
    words = [_bare(w) for w, _, _ in _ar_tokens(text, m.end(), min(s_end, m.end() + 120))[:10]]
    at = next((k for k, w in enumerate(words) if w == "على"), None)
    return at is not None and any(w.lstrip("وفبل") in _AR_ALLEGATION or w in _AR_ALLEGATION
                                  for w in words[at + 1:at + 5])


_AR_PLACE_PREPOSITIONS = frozenset({"في", "من", "لدى"})
_AR_ADJECTIVES = frozenset(_bare(w) for w in _word_list("ar_adjectives.txt"))
# Elatives ("الأسبق", "الأكبر") and their feminine ("الكبرى"), bare.
_AR_ELATIVE_RE = re.compile(r"^ال(?:ا\w\w\w|\w\w\wى)$")


def _ar_adjective(bare: str) -> bool:
    """Whether a definite word looks like an adjective: relational, elative or a common one ("العامة")."""
    return _ar_nisba(bare) or bare in _AR_ADJECTIVES or _AR_ELATIVE_RE.match(bare) is not None


def _ar_accused_at(text: str, after: int, subj_end: int, c_start: int, c_end: int,
                   ctx: _Context) -> tuple[int, int, bool] | None:
    """Where an accusing verb's subject ends and its claim (the accused, then the charge behind ب) starts,
    and whether the accuser took its place or body along, when the subject found took the accused or left the
    accusers' place to the claim; None when it stands.

    A definite noun after a word that ends a noun phrase (:func:`_ar_ends_phrase`) opens the accused
    ("نقابات عمالية الحكومة بتجميد", "محامو الدفاع النيابة العامة بإخفاء"; not the genitive in "محامو
    الدفاع"). A place before the accused is the accusers' ("سكان في حي النصر شركة المياه بقطع"): a
    preposition, a name or words up to a definite one (or a quoted name), and its adjectives.
    """
    if subj_end > c_start:
        return None

    def place_or_person(a: int, b: int) -> bool:
        i = ctx.entity_at(a, b)
        return i is not None and ctx.entities[i].label in ("GPE", "LOC", "PERSON")

    # The charge, from the accuser's second word on (the accuser may have taken the accused and the charge:
    # "مزارعون التجار باحتكار"): behind ب, and not a place's or a person's name or a word whose ب is its own
    # ("بيروت", "برنامج"; organisations are not excluded, since the recogniser takes a charge for one now
    # and then).
    span = _ar_tokens(text, after, min(c_end, c_start + 200))
    charge = next((k for k, (w, a, b) in enumerate(span) if k > 0 and w.startswith("ب") and len(w) > 3
                   and not place_or_person(a, b) and _root_initial_base(normalize_arabic(w)) is None), None)
    if charge is None:
        return None
    rest = [t for t in span[:charge] if t[1] >= c_start]  # the claim's words before the charge
    bare = [_bare(w) for w, _, _ in rest]
    # Only an indefinite accuser has its place or body after it ("سكان في حي النصر", "تقرير لديوان
    # المحاسبة"); after a definite one it is the occasion or the addressee ("الرئيس في مؤتمر صحفي", "الوزير
    # لوسائل الإعلام").
    indefinite = subj_end > after and not _bare(_ar_tokens(text, after, subj_end)[-1][0]).startswith("ال")
    place = indefinite and bool(bare) and bare[0] in _AR_PLACE_PREPOSITIONS and len(bare) > 1 \
        and bare[1] not in _AR_OCCASIONS
    # "لديوان المحاسبة": ل and a noun in construct with a definite one (not "لاعبه السابق", his player).
    whose = indefinite and len(bare) > 1 and bare[0].startswith("ل") and not bare[0].endswith(("ه", "ها", "هم")) \
        and bare[1].startswith("ال")
    if place or whose:
        # "في حي النصر", "في بيروت", "لديوان المحاسبة": where the accusers are, or whose they are.
        named = ctx.entity_at(rest[1][1], rest[1][2]) if place and len(rest) > 1 else None
        if named is not None and ctx.entities[named].start >= rest[1][1]:
            at = ctx.entities[named].end
            end = next((k + 1 for k in range(1, len(bare)) if rest[k][2] >= at), None)
        else:
            end = next((k + 1 for k in range(int(place), len(bare)) if bare[k].startswith(("ال", "لل"))), None)
        while end is not None and end < len(bare) and text.count("«", c_start, rest[end][1]) > \
                text.count("»", c_start, rest[end][1]):
            end += 1  # "في «أفق الخليج للتأمين»": the quoted name whole
        while end is not None and end < len(bare) and bare[end].startswith("ال") and _ar_adjective(bare[end]):
            end += 1
        if end is None or end >= len(bare):
            return None
        close = text.find("»", rest[end - 1][2], rest[end][1])
        return (close + 1 if close != -1 else rest[end - 1][2]), rest[end][1], True
    words = [_bare(w) for w, _, _ in span[:charge]]
    for k in range(1, charge):
        inside = ctx.entity_at(span[k][1], span[k][2])
        if inside is not None and ctx.entities[inside].start < span[k][1]:
            continue  # inside a name: "قوات الدعم السريع"
        if words[k].startswith("ال") and not _ar_adjective(words[k]) and _ar_ends_phrase(words[k - 1]):
            end = span[k - 1][2]
            return (end, span[k][1], indefinite and end > subj_end) if span[k][1] != c_start else None
    return None


def _ar_addressee_at(words: list[tuple[str, int, int]], ctx: _Context) -> int | None:
    """Where the object of a verb of telling begins among the words between the verb and the clause ("أخبر
    وزير خارجية كوريا الشمالية | الأمم المتحدة أن", "أخبر أحد المزارعين في مانيتوبا | شبكة سي بي سي بأن"),
    or None: a definite noun or a name after a word that ends a noun phrase or a name, or a noun for an outlet
    ("موقع", "الصحفيين") after a word that heads no construct (:func:`_heads_a_construct`). A word inside a name,
    an adjective and a genitive ("وزير خارجية كوريا") go on with the subject."""

    def ends_name(k: int) -> bool:
        i = ctx.entity_at(words[k][1], words[k][2])
        return i is not None and ctx.entities[i].end <= words[k][2]

    bare = [_bare(w) for w, _, _ in words]
    for k in range(1, len(words)):
        i = ctx.entity_at(words[k][1], words[k][2])
        if i is not None and ctx.entities[i].start < words[k][1]:
            continue  # inside a name
        if bare[k] in _AR_ADDRESSEE_NOUNS and not _heads_a_construct(bare[k - 1]):
            return k  # "أحد مزارعي مانيتوبا | شبكة سي بي سي"; not "رئيس شبكة الجزيرة", "مراسل قناة الجزيرة"
        if not (_ar_ends_phrase(bare[k - 1]) or ends_name(k - 1)):
            continue
        if bare[k].startswith("ال") and not _ar_adjective(bare[k]):
            return k
        if i is not None and ctx.entities[i].label in ("ORG", "GPE", "PERSON") and ends_name(k - 1):
            return k  # "ستوريدج | سي بي سي"; not the name after a title ("اللاعب كريم حداد")
    if not bare or _AR_TITLE_RE.match(bare[0]) or bare[0].startswith("ال"):
        return None
    for k in range(1, len(words)):
        i = ctx.entity_at(words[k][1], words[k][2])
        opens = i is not None and ctx.entities[i].start >= words[k][1] \
            and ctx.entities[i].label in ("ORG", "GPE", "PERSON")
        if opens and not _AR_TITLE_RE.match(bare[k - 1]) and not (k > 1 and bare[k - 1].endswith("ي")):
            # "فورد | اللجنة القضائية", "أحد مزارعي مانيتوبا | سي بي سي": after a subject that is neither a title
            # nor definite, the first name that does not complete a construct ("أحد مسؤولي شركة X") is the one
            # told.
            return k
    return None


def _heads_a_construct(bare: str) -> bool:
    """Whether the word before an outlet's noun makes the outlet its genitive or object ("رئيس شبكة", "مراسل
    قناة", "مسؤولي وكالة", "في وكالة"): a title or role noun, a function word, or a plural in construct (ي)."""
    from marsad.nlp.speakers import role_noun

    if bare.startswith("ال"):
        return False  # a definite noun heads no construct: "الوزير | الصحفيين"
    return bool(_AR_TITLE_RE.match(bare)) or role_noun(bare, "ar") or bare.endswith("ي") \
        or normalize_arabic(bare) in FUNCTION_WORDS


def _ar_ends_phrase(bare: str) -> bool:
    """Whether a definite noun after this word starts a new noun phrase rather than being its genitive: after a
    definite word or an indefinite adjective ("حقوقية"). (A plural keeps its ن out of a construct, but
    "ديوان" and "قانون" end so too: left alone.)"""
    if bare.startswith(("ال", "لل")):
        return True
    return not bare.startswith(("ل", "ب")) and _ar_nisba(bare)


def _continue_denial(raw: _Raw, prev: _Raw | None, answering: bool, m: re.Match, text: str) -> None:
    """Kinds of claims that go on with a denial in the same sentence, said by the same speaker.

    "نفت الشركة ذلك، مؤكدة أن أنظمتها لم تتعطل": what the speaker adds to a
    denial, with no subject of its own (a participle, or "و" and a verb that
    carries the subject), answers the same charge, so a negated clause there
    denies. A positive account ("، مؤكدة أن جميع العقود طرحت في مناقصات
    علنية") stays a statement: it does not say the charge is false, and the
    gold sets disagree on it (denials_more_ar counts it a denial, claims_ar
    and articles_ar a statement). The other way round, "أكد أن أي لاعب لم
    يغادر المعسكر، نافيا ما أوردته الصحيفة" and "إن القوات لم تطلق رصاصة،
    متهما عناصر مندسة بإطلاق النار" (the act blamed on others) make the
    negated clause before them a denial.
    """
    if raw.speaker is not None and raw.speaker.text != m.group(0):
        return  # a subject of its own: maybe someone else
    stem = m.group(1)
    if prev is not None and prev.kind == MAYBE and (raw.kind == "denial" and _AR_DENIAL_RE.match(stem)
                                                     or _AR_ACCUSE_RE.match(stem)):
        prev.side = "!" + (prev.side or "thing").lstrip("!")
    if raw.kind == MAYBE and (answering or (prev is not None and _denying(prev))):
        raw.side = "!" + (raw.side or "thing").lstrip("!")


_AR_RESPONDING_CUES = frozenset(_word_list("responding_cues.txt"))


def _quoted_sentences(text: str) -> list[tuple[int, int]]:
    """Sentences, with those inside one quotation joined: «A. B»، قال X is one sentence.

    A quotation of several sentences is one claim; its full stops do not end
    the attribution's sentence. Only « » and “ ” pairs count (a straight quote
    does not say whether it opens or closes), and never across a line break.
    """
    spans = split_sentences(text)
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out:
            pa, pb = out[-1]
            seg = text[pa:pb]
            if (seg.count("«") > seg.count("»") or seg.count("“") > seg.count("”")) and \
                    not crosses_line_break(text, pb, a):
                out[-1] = (pa, b)
                continue
        out.append((a, b))
    return out


def _ar_find_marked(text: str, ctx: _Context) -> list[_Raw]:
    """Runs the Arabic patterns on the text without diacritics and tatweel, with offsets mapped back.

    "إنّ" (with shadda), "قالَ" and "نفـــت" are the words the patterns know;
    reading a stripped copy keeps every pattern simple, and the claims come
    back with offsets (and speaker mentions) in the original text.
    """
    if _AR_MARKS_RE.search(text) is None:
        return _ar_find(text, ctx)
    keep = [i for i, ch in enumerate(text) if not _AR_MARKS_RE.match(ch)]
    clean = "".join(text[i] for i in keep)

    def to_clean(pos: int) -> int:
        return bisect.bisect_left(keep, pos)

    def to_text(start: int, end: int) -> tuple[int, int]:
        if end <= start:
            return keep[start] if start < len(keep) else len(text), keep[start] if start < len(keep) else len(text)
        a, b = keep[start], keep[end - 1] + 1
        while b < len(text) and _AR_MARKS_RE.match(text[b]):
            b += 1
        return a, b

    shifted = []
    for e in ctx.entities:
        a, b = to_clean(e.start), to_clean(e.end)
        shifted.append(Entity(clean[a:b], e.label, a, b, e.id, e.name))
    raws = _ar_find(clean, _Context.build(clean, shifted, "ar"))
    for r in raws:
        r.start, r.end = to_text(r.start, r.end)
        if r.cue_at >= 0:
            r.cue_at = to_text(r.cue_at, r.cue_at + 1)[0]
        r.cue = _AR_MARKS_RE.sub("", r.cue)
        if r.speaker is not None and r.speaker.text:
            at = clean.rfind(r.speaker.text, 0, to_clean(r.start) + 1)
            if at == -1:
                at = clean.find(r.speaker.text)
            if at != -1:
                a, b = to_text(at, at + len(r.speaker.text))
                r.speaker = Speaker(text=text[a:b], id=r.speaker.id, name=r.speaker.name)
    return raws


# Things attributed to a speaker that تبرأ disowns besides the nouns of things said: "تبرأ الحزب من البيان".
_AR_DISOWNED = frozenset(_word_list("ar_disowned_nouns.txt"))


def _ar_cue(text: str, m: re.Match, s_start: int, s_end: int, ctx: _Context, history: list[Speaker]) -> _Raw | None:
    stem = m.group(1)
    denial_verb = bool(_AR_DENIAL_RE.match(stem))
    after = m.end()
    headline = _ar_headline_svo(text, m, s_start, s_end, ctx, denial_verb)
    if headline is not None:
        return headline
    # Negated cue ("لم تنف", "لم يقل") reports nothing.
    before_words = _ar_tokens(text, max(s_start, m.start() - 12), m.start())
    if before_words and before_words[-1][0] in ("لم", "لن", "لا", "ولم"):
        return None
    content = _AR_CONTENT_RE.fullmatch(stem) is not None and bool(before_words)
    if content and _AR_RELATIVE.match(before_words[-1][0].removeprefix("و")):
        return None  # "التقارير التي تفيد بأن …": what a report says, inside what someone says of it
    # The first complementizer that is not part of a name ("لينكد إن").
    # (Only the complementiser word itself must be outside names: "على أن" after
    # a name the recogniser stretched over "على" still opens the clause.)
    near = [e for e in ctx.entities if e.end > after and e.start < s_end]
    comp = next((c for c in _AR_COMP_RE.finditer(text, after, s_end)
                 if not _inside_any(_comp_word_at(text, c), near)), None)
    if comp is not None and _AR_REPEAT_RE.match(stem) and (
            _AR_TEMPORAL_BEFORE_RE.search(text, max(after, comp.start() - 8), comp.start())
            or comp.group(0).lstrip().startswith(("إلى", "الى"))):
        # "وكرر الفريق فوزه بعد أن سجل …", "وجددت الوزارة دعوتها إلى أن …": an act repeated, then a time
        # clause or a purpose; a repeating verb reports only a clause of its own.
        return None
    quote = _first_quote(text, after, s_end)
    # The subject region: from the cue to the complementizer, a colon or a quote.
    region_end = s_end
    clause_start = None
    if comp is not None:
        region_end, clause_start = comp.start(), comp.end()
    colon = text.find(":", after, region_end)
    if colon != -1:
        region_end, clause_start = colon, colon + 1
    if quote is not None and quote < region_end:
        region_end, clause_start = quote, quote
    if stem in ("دفع", "دفعت") and clause_start is None:
        # "ودفع المتهم ببراءته من تهمة الاختلاس": he pleaded his innocence of the charge.
        plea = _AR_INNOCENCE_RE.search(text, after, min(s_end, after + 200))
        if plea is not None:
            region_end, clause_start, denial_verb = plea.start(), plea.start(), True
    # A subject is a few words: tokens past 240 characters are never needed.
    words = _ar_tokens(text, after, min(region_end, after + 240))
    if clause_start is not None and (len(words) > _AR_MAX_SUBJECT_WORDS or _next_cue_before(text, after, region_end)):
        # Too far away, or past another cue: not this cue's clause.
        clause_start, region_end = None, s_end
        words = _ar_tokens(text, after, min(s_end, after + 240))
    quoted_before = _quote_before(text, s_start, m.start()) if clause_start is None else None
    if quoted_before is not None:
        # «...»، قال X: the quotation before the cue is the claim.
        words = _ar_tokens(text, after, min(s_end, after + 240))
    elif clause_start is None and (not (denial_verb or _AR_ACCUSE_RE.match(stem)) or _AR_NEEDS_CLAUSE.match(stem)):
        return None
    if stem in ("نقل", "نقلت"):
        # "ونقلت رويترز عن X قوله إن ...": X is the speaker, the outlet only relays.
        at = next((k for k, w in enumerate(words) if w[0] == "عن"), None)
        if at is None or clause_start is None:
            return None
        words = [w for w in words[at + 1:] if not w[0].startswith("قول")]
    if _AR_TOLD_RE.match(stem) and clause_start is not None:
        # "أخبر X Y أن": Y is whom X told; the subject is X.
        at = _ar_addressee_at(words, ctx)
        if at is not None:
            words = words[:at]
    participle = bool(_AR_PARTICIPLE_RE.match(stem)) or (
        # "تقرير … اتهمها بتسريب بيانات": the charge right after the verb, its subject before it.
        bool(_AR_ACCUSE_RE.match(stem)) and bool(words) and words[0][0].startswith("ب")
        and ctx.entity_at(words[0][1], words[0][2]) is None)
    # "، مؤكدة أن …", "، واصفا الصور بأنها …": a participle's subject is the sentence's speaker,
    # and what follows it is its object or clause.
    speaker, subj_end = _ar_subject(text, words, ctx, after) if not participle else (None, None)
    if speaker is not None and ar_kana_subject(text, s_start, m.start()):
        # "وكان صبري قد نفى أمام المحكمة …": the subject came before the verb; what follows it is not.
        speaker = _ar_topic(text, s_start, m.start(), ctx) or speaker
    if speaker is None:
        speaker = _ar_topic(text, s_start, m.start(), ctx)
    if speaker is None and content and normalize_arabic(before_words[-1][0]) not in FUNCTION_WORDS:
        # "رسالة تفيد بأن …": the message is the source, whoever the article named before.
        speaker = Speaker(text=before_words[-1][0])
    subject = _ar_sentence_subject(text, s_start, m.start(), ctx) if speaker is None and participle else None
    if speaker is None and not (before_words and _AR_RELATIVE.match(before_words[-1][0].removeprefix("و"))):
        # After a relative pronoun with no subject of its own ("والتي يزعم
        # أنها ...") the verb is impersonal or its subject is the antecedent:
        # not the previous speaker.
        speaker = _ar_implicit(m.group(0), ctx, history, m.start())
    if subj_end is not None:
        # "نفت الدكتورة ليلى منصور، الباحثة في جامعة القاهرة، أن ...": an
        # apposition between commas belongs to the subject.
        subj_end = _skip_apposition(text, subj_end, region_end if clause_start is not None else s_end)
    if denial_verb and clause_start is not None:
        # "ورفضت هواوي الاتهامات ووصفتها بأنها ...": an object before the
        # complementizer is what is denied; the clause belongs to another verb.
        between = _ar_tokens(text, subj_end if subj_end is not None else after, region_end)
        if (between and not _AR_LEADING_ADVERBS.match(" ".join(w for w, _, _ in between) + " ")
                and (_ar_claim_object(between) or any(w.startswith("و") and len(w) > 3 for w, _, _ in between))):
            clause_start = None
    if quoted_before is not None:
        c_start, c_end = quoted_before
    elif clause_start is None:
        # "نفت الشركة الاتهامات": the object after the subject is the claim.
        c_start = subj_end if subj_end is not None else after
        c_end = s_end
        lead = _AR_LEADING_ADVERBS.match(text, _skip_space(text, c_start), c_end)
        if lead:
            c_start = lead.end()
        object_words = _ar_tokens(text, c_start, min(c_end, c_start + 200))
        if len(object_words) > 2 and object_words[0][0] in _AR_TOLD_TO:
            # "نفى X لوكالة رويترز وجود أي خلاف": to whom it was said comes before what was denied.
            k = ctx.entity_at(object_words[1][1], object_words[1][2])
            told_end = ctx.entities[k].end if k is not None else object_words[1][2]
            object_words = [w for w in object_words if w[1] >= told_end]
            if object_words:
                c_start = object_words[0][1]
        if object_words and _AR_NO_COMMENT_RE.match(object_words[0][0]):
            return None
        if _AR_ACCUSE_RE.match(stem) and not participle and subj_end is not None:
            # "اتهمت نقابات عمالية الحكومة بتجميد الأجور": the accuser ends where the accused begins.
            split = _ar_accused_at(text, after, subj_end, c_start, c_end, ctx)
            if split is not None:
                subj_end, c_start, widened = split
                speaker, _ = _ar_subject(text, _ar_tokens(text, after, subj_end), ctx, after)
                if widened and speaker is not None and speaker.id is None:
                    # "سكان في حي النصر": the accusers with their place.
                    speaker = Speaker(text=text[_skip_space(text, after):subj_end], id=None, name=None)
        disowning = "برأ" in stem
        if _AR_REJECT_RE.match(stem) and object_words and (
                object_words[0][0] == "على" or object_words[0][0] == "من" and disowning):
            # "اعترضت الشركة على نتائج التدقيق": what is disputed follows على; "تبرأ الحزب من البيان المنسوب
            # إليه": what is disowned follows من.
            object_words = object_words[1:]
            c_start = object_words[0][1] if object_words else c_end
        if _AR_REJECT_RE.match(stem):
            # "كذبت الإدارة العامة للطيران المدني في الكويت الأنباء …": the subject's place may come first.
            at = next((k for k in range(min(4, len(object_words))) if (
                _ar_claim_object(object_words[k:])
                # What one disowns may also be a statement or a post attributed to one.
                or disowning and object_words[k][0].removeprefix("ال") in _AR_DISOWNED)
                and (k == 0 or object_words[0][0] in ("في", "لدى", "من"))), None)
            if at is None:
                # "رفضت الشركة العرض" rejects an offer, not a statement.
                return None
            c_start = object_words[at][1]
        if denial_verb:
            # "ونفى البنك هذه المعلومات في بيان مقتضب": where and how it was said is not what was denied.
            occasion = _AR_OCCASION_RE.search(text, c_start, c_end)
            if occasion is not None and occasion.start() > c_start \
                    and not _AR_WHAT_CAME_RE.search(text, c_start, occasion.start()):
                # Not "صحة ما جاء في تسجيل مصور": there the occasion is where the denied words came.
                c_end = occasion.start()
            # "نفت ذلك وأكدت أنه …": the object ends where a coordinated verb of saying starts.
            nxt = next((c for c in _AR_CUE_RE.finditer(text, c_start, c_end)
                        if c.group(0)[:1] == "و" and c.group(0) != c.group(1)
                        and _AR_COMP_RE.match(text, c.end(), min(c_end, c.end() + 30))), None)
            if nxt is not None and nxt.start() > c_start:
                c_end = nxt.start()
        if len(object_words) > 1 and object_words[0][0] == "عن" and _AR_NO_COMMENT_RE.match(object_words[1][0]):
            return None
    else:
        c_start, c_end = clause_start, s_end
        first = text[c_start:c_end].lstrip()[:1]
        if first and first in _AR_QUOTE_OPEN:
            q = _skip_space(text, c_start)
            close = text.find(_AR_QUOTE_CLOSE[text[q]], q + 1, s_end)
            rest = text[close + 1:s_end].lstrip() if close != -1 else ""
            if close != -1 and not _AR_COORD_AFTER_QUOTE_RE.match(text, close + 1, s_end) \
                    and (not rest or rest[0] in ".،,؛;:!؟?"):
                # «...» alone is the claim; «...»، وأن ... goes on with a second clause, and
                # «لا صحة على الإطلاق» لما يتم تداوله … with the rest of the sentence.
                c_start, c_end = q + 1, close
        if _AR_DESCRIBE_RE.match(stem) and not _AR_DESCRIBE_PRONOUN_RE.search(stem):
            # "ووصف البنك الأنباء المتداولة بأنها عارية عن الصحة", "واصفا الصور بأنها «مفبركة»":
            # what is described, and how.
            if subj_end is not None and subj_end < clause_start:
                c_start = subj_end
            elif participle:
                c_start = after
    if c_end - c_start > _AR_MAX_CLAIM:
        # A "sentence" this long has lost its punctuation; end the claim at a
        # word boundary rather than run it to the end of the paragraph.
        cap = text.rfind(" ", c_start, c_start + _AR_MAX_CLAIM)
        c_end = cap if cap > c_start else c_start + _AR_MAX_CLAIM
    c_end = _ar_cut(text, c_start, c_end)
    c_start, c_end = _trim_claim(text, c_start, c_end)
    close = text.find("»", c_start, c_end)
    if c_start and text[c_start - 1] == "«" and close != -1 and "«" not in text[c_start:close]:
        c_start -= 1  # "«الشركة الوطنية» بتجميد الأجور": a quotation that ends inside the claim is kept whole
    if c_end - c_start < 2:
        return None
    # "قالت إنها لا تعلق على …" reports a position: a statement (the later gold's convention); "رفضت
    # التعليق" and "امتنع عن التعليق" report none (the object checks above), nor does a bare "قالت إنها لن تعلق".
    bare_refusal = _ar_tokens(text, c_start, c_end)
    if len(bare_refusal) <= 2 and bare_refusal and _AR_NO_COMMENT_RE.search(bare_refusal[-1][0]) \
            and bare_refusal[0][0] in ("لا", "لن", "لم"):
        return None
    if speaker is not None and speaker.id is None and speaker.text in _AR_THE_SPOKESPERSON and history:
        # "وأضاف المتحدث أن": the spokesperson already quoted, for whoever they speak.
        prev = history[-1]
        speaker = Speaker(text=speaker.text, id=prev.id, name=prev.name)
    elif speaker is not None and speaker.id is None and history and history[-1].id is not None:
        whose = _AR_SPOKES_FOR_PRONOUN_RE.fullmatch(speaker.text)
        labels = {e.label for e in ctx.entities if e.id == history[-1].id}
        if whose and labels & ({"ORG", "GPE"} if whose.group(1) == "ها" else {"ORG", "GPE", "PERSON"}):
            # "ونفت الهيئة …، وقال متحدث باسمها": in her name, the body quoted just before.
            speaker = Speaker(text=speaker.text, id=history[-1].id, name=history[-1].name)
    kind, side = _ar_kind(text, c_start, c_end, denial_verb, ctx)
    if kind != "denial" and _AR_DESCRIBE_RE.match(stem) and _ar_describes_false(text, c_start, c_end):
        kind, side = "denial", None
    if kind != "denial" and _AR_REPEAT_RE.match(stem) and _AR_DENIAL_NOUN_RE.search(text, m.end(), c_start + 1):
        # "وكرر الرئيس التنفيذي نفيه أن تكون …": the verb repeats a denial (نفيه right before the clause).
        kind, side = "denial", None
    return _Raw(c_start, c_end, m.group(0), kind, speaker, side=side, subject=subject.text if subject else None)


# Present-tense verbs that give a document's content ("رسالة تفيد بأن", "وثيقة يفيد نصها"): the
# noun before them is the source.
_AR_CONTENT_RE = re.compile("[يت]فيد")


# A spokesperson "in her/his name": "متحدث باسمها", "الناطقة الرسمية باسمه" (the pronoun in group 1).
_AR_SPOKES_FOR_PRONOUN_RE = re.compile(r"(?:ال)?(?:متحدث|ناطق)(?:ة)?(?: (?:ال)?رسمي(?:ة)?)? باسم(ها|ه)")


# The noun of denying with its owner right before the clause's complementiser: "نفيه أن", "نفيها القاطع أن".
_AR_DENIAL_NOUN_RE = re.compile(r"(?:^|\s)(?:نفيه|نفيها|نفيهم|نفيهما)(?:\s+القاطع)?\s+[بل]?[أاإ]ن")
# A time conjunction before a complementiser: "بعد أن", "قبل أن", "منذ أن", "حتى أن", "إلى أن".
_AR_TEMPORAL_BEFORE_RE = re.compile(r"(?:بعد|قبل|منذ|حتى|إلى|الى|ريثما)\s*$")


# "ووصفتها بأنها …": the describing verb with its object as a pronoun; the clause is the claim.
_AR_DESCRIBE_PRONOUN_RE = re.compile("(?:ها|ه|هم)$")
_AR_AFTER_COMMA_RE = re.compile(r"[،,]\s*$")


# The occasion of a denial after its object: "في بيان مقتضب", "خلال الجمعية العمومية".
_AR_OCCASIONS = frozenset(_word_list("ar_occasion_nouns.txt"))
_AR_OCCASION_RE = re.compile(r"\s(?:في|خلال)\s+(?:" + "|".join(sorted(_AR_OCCASIONS)) + r")(?![\w])")


# A headline standing alone: one line of at most twelve words, no full stop at its end.
_AR_BARE_HEADLINE_RE = re.compile(r"[^\n.!?؟]+")
_AR_SOURCE_RE = re.compile(r"^(?:مصدر|مصادر|مسؤول|مسؤولون)(?:\s|$)")


# Where a headline's object ends: the occasion ("بعد هجوم إلكتروني", "مع اقتراب موسم الأمطار").
_AR_HEADLINE_OCCASION_RE = re.compile(r"\s(?:بعد|مع|وسط|إثر|اثر|عقب|رغم|قبيل|في ظل)\s")
# Headline verbs whose object is what was said: "تنفي تسريب", "تزعم سرقة", "تحذر من تفشي".
_AR_HEADLINE_OBJECT_CUES = re.compile("^(?:تنفي|ينفي|تنفيان|ينفيان|ترفض|يرفض|تزعم|يزعم|تحذر|يحذر|تتهم|يتهم)$")


def _ar_headline_svo(text: str, m: re.Match, s_start: int, s_end: int, ctx: _Context,
                     denial_verb: bool) -> _Raw | None:
    """A headline that names its speaker before the verb: "«وصل باي» تنفي تسريب بيانات بطاقات عملائها
    بعد هجوم إلكتروني", "و«بيان فارما» تنفي صلة منتجها بحالات التسمم", "الصحة العالمية تحذر من تفشي …".

    The speaker is the name right before the verb; the claim is the verb's object up to the occasion
    the headline adds. Only in the headline (the first line) and for verbs whose object is what was
    said; a complementiser or a colon after the verb leaves the sentence to the other rules.
    """
    line_end = text.find("\n")
    if line_end == -1 and _AR_BARE_HEADLINE_RE.fullmatch(text.strip()) and len(text.split()) <= 12:
        # A text of one short line with no full stop is a headline by itself.
        line_end = len(text)
    if line_end == -1 or m.start() >= line_end or not _AR_HEADLINE_OBJECT_CUES.match(m.group(1)) \
            or m.group(0)[:1] in "وف":
        return None
    line_start = max(s_start, text.rfind(" و", 0, m.start()) + 2 if " و" in text[:m.start()] else 0)
    before = text[line_start:m.start()].strip()
    if len(before.split()) > 5:
        return None
    topic = None
    for e in ctx.entities:
        # "المؤسسة الوطنية للنفط الليبية تنفي": the recogniser may leave the end of the name out.
        if e.label in ("ORG", "PERSON", "GPE") and line_start <= e.start and e.end <= m.start() and \
                (re.fullmatch(r"[\s»\"”]*", text[e.end:m.start()])
                 or (e.start == line_start and len(text[e.end:m.start()].split()) <= 3)):
            topic = _speaker_from_entity(text[e.start:m.start()].strip(" \t»\"”"), e, ctx)
    quoted = re.search(r"«([^«»]{2,40})»\s*$", text[line_start:m.start()])
    if topic is None and quoted is not None:
        # "و«بيان فارما» تنفي": a quoted name the recogniser left out.
        from marsad.nlp.translit import slug

        topic = Speaker(text=quoted.group(1), id=slug(quoted.group(1)) or None, name=quoted.group(1))
    if topic is None and _AR_SOURCE_RE.match(before):
        # "مصدر مسؤول ينفي رفع أسعار الخبز": an unnamed source.
        topic = Speaker(text=before)
    if topic is None:
        return None
    end = min(s_end, line_end)
    c_start = _skip_space(text, m.end())
    if text.startswith("من ", c_start):
        c_start += 3  # "تحذر من تفشي الكوليرا": what is warned of
    rest = text[c_start:end]
    if _AR_COMP_RE.match(" " + rest) or rest.lstrip().startswith((":", "«", "أن", "إن")):
        return None
    occasion = _AR_HEADLINE_OCCASION_RE.search(text, c_start, end)
    if occasion is not None and len(text[c_start:occasion.start()].split()) >= 2:
        end = occasion.start()
    c_start, c_end = _trim_claim(text, c_start, end)
    if c_end - c_start < 2:
        return None
    kind = "denial" if denial_verb else "statement"
    return _Raw(c_start, c_end, m.group(0), kind, topic)


def _inside_any(pos: int, entities) -> bool:
    return any(e.start <= pos < e.end for e in entities)


def _comp_word_at(text: str, m: re.Match) -> int:
    """Where the complementiser word (أن، إن، بأن …) of a match starts, after any "على"/"إلى"/"من" before it."""
    word = re.search(r"(?:ب|ف)?(?:إن|أن|ان)\S*$", text[m.start():m.end()])
    return m.start() + word.start() if word else m.start()
