"""The reported clause after an Arabic cue: where it ends, whether it is negated or
coordinated, and whether the claim is a denial or a statement.
"""

from __future__ import annotations

import re

from marsad.nlp.ar.cues import (
    _AR_ACCORDING_RE,
    _AR_CLAIM_NOUNS,
    _AR_COMP_RE,
    _AR_CONTRAST_PRONOUN_RE,
    _AR_CUE_RE,
    _AR_FALSE_RE,
    _AR_GENERIC,
    _AR_MARKS_RE,
    _AR_NEG_RE,
    _AR_NEXT_ATTRIBUTION,
    _AR_NOT_NEG_NEXT,
    _AR_QUOTE_CLOSE,
    _AR_QUOTE_OPEN,
    _AR_RELATIVE,
    _AR_SPEECH_RE,
    _ATTRIBUTION_WINDOW,
    _ar_tokens,
)
from marsad.nlp.claim_context import MAYBE, _Context, _Raw, _word_list
from marsad.nlp.normalize import normalize_arabic
from marsad.nlp.tokens import BARE_ALEF


def _new_attribution(text: str, start: int, m: re.Match) -> re.Match | None:
    """Where a comma opens a new attribution whose cue is m (see _AR_NEXT_ATTRIBUTION), if it does."""
    lo = max(start, m.start() - _ATTRIBUTION_WINDOW)
    tail = _AR_NEXT_ATTRIBUTION.search(text, lo, m.start())
    if tail is None and _AR_SPEECH_RE.match(m.group(1)):
        tail = _AR_CONTRAST_PRONOUN_RE.search(text, lo, m.start())
    return tail


def _ar_kind(text: str, start: int, end: int, denial_verb: bool, ctx: _Context) -> tuple[str, str | None]:
    """Kind of a reported clause, and for a negated one the side its subject is on.

    A denial verb (نفى، رفض الاتهامات) or a clause calling something untrue
    (غير صحيح، عار عن الصحة، لا صحة) makes a denial. A negated clause is a
    denial only if it rebuts something: that is settled for the whole article
    by :func:`_settle_kinds`, so it comes back as ``MAYBE`` with its subject's
    side. A negated future, ability, belief, intention or opinion ("لن نرفع",
    "لا يمكن السماح", "لا أعرف", "لا نقلل من", "ليست في حاجة") and a "not yet"
    ("لم تحدد بعد") are statements.
    """
    if denial_verb:
        return "denial", None
    words = _ar_tokens(text, start, min(end, start + 600))
    false = _AR_FALSE_RE.search(text, start, end)
    if false is not None:
        i = _ar_negation_at(words, ctx)
        if i is not None and _bare(words[i][0]).removeprefix("و") == "لن" and words[i][2] <= false.start():
            # "«لن تتردد في ملاحقة مروجي الأخبار الكاذبة»": a warning about lies, not a rebuttal of one.
            return "statement", None
        return "denial", None
    if _ar_called_false(words) or _ar_innocent_or_unfounded(words) \
            or any(_AR_REPORTED_DENIAL_RE.match(w) for w, _, _ in words[:3]):
        # "إن الوثيقة «مزورة»", "بأن هذه الاتهامات «أكاذيب»": the clause calls what was said a lie;
        # "إن موكلهم «ينفي نفياً قاطعاً» …": the speaker reports a denial of those they speak for.
        return "denial", None
    i = _ar_negation_at(words, ctx)
    if i is None:
        return "statement", None
    particle = _bare(words[i][0]).removeprefix("و")
    nxt = _bare(words[i + 1][0]) if i + 1 < len(words) else ""
    after = [_bare(w) for w, _, _ in words[i + 1:i + 8]]
    if particle == "لم" and _AR_AT_NO_TIME_RE.search(" ".join(after[:5])):
        # "لم أطلب في أي لحظة", "لم تقدم في أي مرحلة": "at no point" pushes back against a charge.
        return MAYBE, "!" + _ar_subject_side(words, i, ctx)
    if particle == "لن" or "بعد" in after or nxt in _AR_NEG_STATEMENT or nxt.removeprefix("ب") in _AR_NEG_STATEMENT:
        return "statement", None
    if particle in ("ليس", "ليست", "ليسوا", "لسنا", "لست") or (particle == "لم" and nxt in _AR_KANA):
        # A negated copula: an opinion, unless it says a report is untrue
        # ("ليس صحيحا", "لم تكن كذلك") or denies a part or a responsibility.
        pred = [_bare(w).removeprefix("ال").removeprefix("ب") for w, _, _ in words[i + 1:i + 4]]
        if any(p in _AR_TRUTH_WORDS for p in pred[:2]):
            return "denial", None
        if any(p in _AR_REBUTTAL_PREDICATES for p in pred):
            return MAYBE, "!" + _ar_subject_side(words, i, ctx)
        if any(p in _AR_RELATION_WORDS for p in pred):
            return MAYBE, _ar_link_side(_ar_subject_side(words, i, ctx))
        return "statement", None
    side = _ar_subject_side(words, i, ctx)
    if any(_bare(w).lstrip("وفبل") in _AR_WRONGDOING or _bare(w) in _AR_WRONGDOING for w, _, _ in words[i + 1:i + 4]):
        # "لم يرتكب أي خطأ", "لم تخالف أي بند": wrongdoing denied answers a charge by itself.
        side = "!" + side
    elif any(_bare(w).removeprefix("ال") in _AR_RELATION_WORDS for w, _, _ in words[i + 1:i + 3]):
        side = _ar_link_side(side)
    return MAYBE, side


def _ar_link_side(side: str) -> str:
    """The side of a negated link ("ليست طرفا في", "لا علاقة لها بـ"): one's own involvement denied
    ("إنها ليست طرفا", "استقالته لا علاقة لها بالتحقيق") rebuts by itself; a link denied between
    things ("رحيل العميل لا صلة له بأدائها") rebuts only a link the article reports."""
    return "!" + side if side in ("speaker", "we") else side


def _bare(word: str) -> str:
    """A word for list lookups: diacritics and tatweel off, alef with hamza bare."""
    return _AR_MARKS_RE.sub("", word).translate(BARE_ALEF)

# Forms of كان after لم: "لم يكن مفاجئا" is a negated copula.
_AR_KANA = frozenset({"يكن", "تكن", "نكن", "اكن", "يكونوا", "تكونوا"})
# After a negated copula, words that call what was said untrue: "ليس صحيحا", "لم تكن كذلك".
_AR_TRUTH_WORDS = frozenset({"صحيح", "صحيحا", "صحيحة", "دقيق", "دقيقا", "دقيقة", "كذلك", "حقيقي", "حقيقيا", "حقيقية"})
_AR_COMP_PRONOUN_RE = re.compile(r"^[وف]?ب?(?:أن|إن|ان)(?:ه|ها|هم|هما|نا|ني)$")
_AR_CLIENT_RE = re.compile(r"^و?(?:موكل|موكلة)(?:ه|ها|ي|نا|هم|تي)$")


def _ar_subject_side(words: list[tuple[str, int, int]], i: int, ctx: _Context) -> str:
    """Whose is the subject of a negated clause: "speaker", "generic:<noun>", "entity:<id>" or "thing".

    "إنها لم …" and «لم نبع …» (the subject in the complementiser's pronoun, or
    a first-person verb), "موكله لم …" (a lawyer's client) and a noun with a
    possessive pronoun ("أنظمتها") are the speaker's own; "الشركة لم …" is the
    organisation the story is about; a named entity is itself; anything else
    is a thing the clause is about.
    """
    nxt = words[i + 1][0] if i + 1 < len(words) else ""
    if i == 0:
        return "we" if nxt[:1] == "ن" and len(nxt) >= 3 else "speaker"
    pre = [w for w, _, _ in words[:i]]
    if nxt[:1] == "ن" and len(nxt) >= 3 or pre[0] == "نحن":
        return "we"
    if nxt[:1] == "أ" and len(nxt) >= 3 or pre[0] in ("انا", "أنا"):
        return "speaker"
    if any(_AR_CLIENT_RE.match(w) for w in pre) or _AR_COMP_PRONOUN_RE.match(pre[-1]):
        # "موكله لم …", "… وأنه لم …": the client, or the pronoun of a complementiser.
        return "speaker"
    first = pre[0].removeprefix("و")
    if first in _AR_GENERIC:
        return "generic:" + first
    e = ctx.entity_in(words[0][1], words[i - 1][2] + 1, labels=("PERSON", "ORG", "GPE"))
    if e is not None:
        return "entity:" + ctx.entities[e].id
    if not first.startswith("ال") and first.endswith(("ها", "هم", "ه")) and len(first) > 4:
        # "قواته لم تستهدف", "أنظمتها لم تتعرض": the speaker's own.
        return "speaker"
    return "thing:" + first
_AR_NEG_STATEMENT = frozenset(_bare(w) for w in _word_list("ar_negated_statements.txt"))
_AR_REBUTTAL_PREDICATES = frozenset(_bare(w) for w in _word_list("ar_rebuttal_predicates.txt"))
_AR_ALLEGATION = frozenset(_bare(w) for w in _word_list("ar_allegation_words.txt"))
_AR_WRONGDOING = frozenset(_bare(w) for w in _word_list("ar_wrongdoing_words.txt"))
_AR_RELATION_WORDS = frozenset(_bare(w) for w in _word_list("ar_relation_words.txt"))
_AR_FALSEHOOD = frozenset(_bare(w) for w in _word_list("ar_falsehood_words.txt"))
_AR_HEARSAY = frozenset(_bare(w) for w in _word_list("ar_hearsay_words.txt"))
# "في أي وقت", "في أي لحظة", "في أي مرحلة" after لم: at no point.
_AR_AT_NO_TIME_RE = re.compile(r"(?:^|\s)في\s+اي\s+(?:وقت|لحظة|لحظه|مرحلة|مرحله|يوم)(?:\s|$)")
# "ينفي", "نفت": a denial reported inside the clause ("إن موكلهم «ينفي نفياً قاطعاً» …").
_AR_REPORTED_DENIAL_RE = re.compile(r"^[وف]?(?:نفى|نفت|نفوا|ينفي|تنفي|ننفي|انفي|أنفي|ينفون)$")


def _ar_called_false(words: list[tuple[str, int, int]]) -> bool:
    """Whether a clause's predicate calls its subject a lie: "الوثيقة «مزورة»", "هذه الاتهامات «أكاذيب»".

    The predicate is indefinite and comes first or after a definite subject
    (or a demonstrative), within three words; "الحسابات المزيفة" (an adjective,
    definite) and "نشرت أكاذيب" (an object, after a verb) are not predicates.
    After a charge or a report it may come later, past whom the charge is
    aimed at and "mere" ("الاتهامات الموجهة إليه مجرد افتراءات").
    """
    bares = [_bare(w).removeprefix("و") for w, _, _ in words[:8]]
    first = 0
    if len(bares) > 2 and bares[0] == "ما" and _ar_reporting_verb(bares[1]):
        # "ما ذكره المسؤول «تضليل متعمد»", "ما نشرته الصحيفة أخبار زائفة": what someone said, then what it is
        # called, past its sayer (not "ما تفعله الحكومة تضليل", an accusation).
        first = 2
        while first < min(len(bares), 5) and bares[first].startswith("ال"):
            first += 1
    for k, bare in enumerate(bares[first:first + 3], first):
        genitive = k + 1 < len(bares) and bares[k + 1].startswith("ال")
        if bare in _AR_FALSEHOOD and not genitive:
            # Not a verbal noun with its object ("تزييف العملة جريمة", "تضليل الرأي العام"): what it is about.
            return True
        if _AR_CLAIM_NOUNS.match(bare) and k + 1 < len(bares) and bares[k + 1] in _AR_FALSEHOOD:
            # "«معلومات مغلوطة»", "أخبار زائفة": something said, called false.
            return True
        if not (bare.startswith("ال") or bare in _AR_DEMONSTRATIVES):
            break
    # A charge called a lie further in: "الاتهامات الموجهة إليه مجرد افتراءات", "التقارير المنشورة ضدها محض
    # أكاذيب" (the subject a charge or a report, whom it is aimed at and "mere" between).
    at = 1 if words and _bare(words[0][0]).removeprefix("و") in _AR_DEMONSTRATIVES else 0
    if len(words) > at and _bare(words[at][0]).removeprefix("و") in _AR_CHARGES:
        for w, _, _ in words[at + 1:at + 6]:
            bare = _bare(w).removeprefix("و")
            if bare in _AR_FALSEHOOD:
                return True
            if not (bare.startswith("ال") or bare in _AR_PREDICATE_FILLERS):
                return False
    return False


# Between a charge and what it is called: whom it is aimed at, and "mere".
_AR_PREDICATE_FILLERS = frozenset(_bare(w) for w in _word_list("ar_predicate_fillers.txt"))
# Charges and reports of them, as the subject a clause calls false or groundless.
_AR_CHARGES = frozenset(_bare(w) for w in _word_list("ar_charge_nouns.txt"))


_AR_REPORTED_VERBS = frozenset(_bare(w) for w in _word_list("ar_reported_verbs.txt"))


def _ar_reporting_verb(bare: str) -> bool:
    """Whether a bare word after ما is a verb of saying or publishing, with or without its object pronoun."""
    return any(bare.removesuffix(p) in _AR_REPORTED_VERBS for p in ("", "ه", "ها", "هم"))


_AR_DEMONSTRATIVES = frozenset({"هذه", "هذا", "تلك", "ذلك", "هذان", "هاتان", "هؤلاء", "ما"})
# "موكله بريء من التهم", "أنها بريئة من الاتهامات": innocent of a charge.
_AR_INNOCENT = frozenset(_bare(w) for w in _word_list("ar_innocent_words.txt"))
# "هذه المزاعم لا تستند إلى أي دليل": a charge that rests on nothing.
_AR_RESTS_ON = frozenset(_bare(w) for w in _word_list("ar_rests_on.txt"))
_AR_NOT = frozenset(_bare(w) for w in _word_list("ar_copula_negations.txt"))


def _ar_innocent_or_unfounded(words: list[tuple[str, int, int]]) -> bool:
    """Whether a clause says its subject is innocent of a charge ("موكله بريء من التهم المنسوبة إليه"; not
    "ليس بريئا من التهم") or that a charge rests on nothing ("هذه المزاعم لا تستند إلى أي دليل"; not "الحظر لا
    يستند إلى أي أساس قانوني", an objection), within its first words."""
    bare = [_bare(w).removeprefix("و") for w, _, _ in words[:8]]
    for k, w in enumerate(bare[:4]):
        if w in _AR_INNOCENT and k + 2 < len(bare) and bare[k + 1] == "من" and not (k and bare[k - 1] in _AR_NOT):
            charge = bare[k + 2].removeprefix("ال")
            if bare[k + 2] in _AR_ALLEGATION or charge in _AR_ALLEGATION or bare[k + 2] in _AR_WRONGDOING \
                    or charge in _AR_WRONGDOING:
                return True
    for k, w in enumerate(bare[:3]):
        if w in _AR_CHARGES:
            rest = bare[k + 1:k + 3]
            return len(rest) == 2 and rest[0] == "لا" and rest[1] in _AR_RESTS_ON
        if not (w.startswith("ال") or w in _AR_DEMONSTRATIVES):
            break
    return False


def _ar_describes_false(text: str, start: int, end: int) -> bool:
    """Whether a describing verb's clause ("الأنباء بأنها «تكهنات»") calls what was said false or mere hearsay."""
    words = _ar_tokens(text, start, end)
    at = next((k for k, (w, _, _) in enumerate(words) if _AR_COMP_PRONOUN_RE.match(w) or w in ("بأن", "بان")), -1)
    tail = [_bare(w).removeprefix("و").removeprefix("ال") for w, _, _ in words[at + 1:at + 4]]
    return any(w in _AR_FALSEHOOD or w in _AR_HEARSAY for w in tail)


# A second reported clause with its own complementizer: "إنها حظرت X وأنه لم يتم Y"; or a negated
# past act joined by "و" ("أطلس ليست للبيع، ولم نجر أي محادثات").
_AR_COORD_COMP_RE = re.compile(r"\s(?:و(?:ب)?(?:أن|إن|ان)(?:ه|ها|هم|هما)?)\s|[\s،,](?=ولم\s)")
_AR_THE_SPOKESPERSON = frozenset({"المتحدث", "المتحدثة", "الناطق", "الناطقة", "المتحدث الرسمي"})


def _ar_coordinated(text: str, raw: _Raw, ctx: _Context) -> _Raw:
    """One claim for "X وأنه Y", a denial when any coordinated reported clause is negated.

    "قالت إنها حظرت الحسابات وأنه لم يتم الوصول إلى البيانات" states one thing
    and denies another. The gold sets (and the blind held-out set, annotated
    independently) keep one claim per cue, so the clauses stay together; the
    claim is a denial because the speaker says that something did not happen,
    which a reader looking for denials must not miss.
    """
    if raw.kind == "denial":
        return raw
    for m in _AR_COORD_COMP_RE.finditer(text, raw.start, raw.end):
        if m.end() < raw.end:
            kind, side = _ar_kind(text, m.end(), raw.end, False, ctx)
            if kind == "denial" or (kind == MAYBE and raw.kind != MAYBE):
                raw.kind, raw.side = kind, side
            if kind == "denial":
                break
    return raw


def _quote_before(text: str, s_start: int, cue_start: int) -> tuple[int, int] | None:
    """The span inside a quotation that ends just before a cue ("«...»، قال"), if any."""
    head = text[s_start:cue_start].rstrip(" \t،,")
    if not head or head[-1] not in "»\"”":
        return None
    opener = {"»": "«", '"': '"', "”": "“"}[head[-1]]
    close = s_start + len(head) - 1
    open_ = text.rfind(opener, s_start, close)
    if open_ == -1:
        return None
    if "،" not in text[close:cue_start] and "," not in text[close:cue_start] \
            and len(text[open_ + 1:close].split()) <= _AR_NAME_QUOTE_WORDS:
        # "«وصل باي» تنفي": a quoted name is the subject, not what was said.
        return None
    return open_ + 1, close


_AR_APPOSITION_RE = re.compile(r"\s*[،,]([^،,.؟!]{1,80})[،,]")
_AR_RELATIVE_APPOSITION_RE = re.compile(
    r"(?:\s+[^\s،,.؟!]+){1,3}\s*[،,]\s*(?:التي|الذي|الذين|ومقرها|ومقره)\s[^،,.؟!]{1,80}[،,]"
)
_AR_APPOSITION_HEAD = re.compile(r"^\s*(?:ال\S+|التي|الذي|الذين|ومقرها|ومقره|وهي|وهو|\S+\s+(?:في|لدى|ب)\s)")


def _skip_apposition(text: str, pos: int, end: int) -> int:
    """After a subject, the end of an apposition or relative clause set off by commas, if one follows.

    "الدكتورة ليلى منصور، الباحثة في جامعة القاهرة،" and "شركة X، التي أسسها Y،"
    describe the subject; what follows the second comma is the rest of the sentence.
    """
    m = _AR_APPOSITION_RE.match(text, pos, end)
    if m is not None and _AR_APPOSITION_HEAD.match(m.group(1)):
        return m.end()
    # "شركة X لخدمات النقل، التي أسسها Y،": a few more words of the name first.
    m = _AR_RELATIVE_APPOSITION_RE.match(text, pos, end)
    return m.end() if m is not None else pos


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _next_cue_before(text: str, start: int, end: int) -> bool:
    """Whether another attribution starts between a cue and a complementizer."""
    return any(_new_attribution(text, start, m) is not None for m in _AR_CUE_RE.finditer(text, start, end))


# "، وفي حين أن A، فإن B" / "، وبالرغم من أن": a fronted concessive after
# "و" opens the writer's next sentence (joined by a comma), not more of the
# reported clause.
_AR_NEW_PERIOD_RE = re.compile(r"[،,]\s*و(?:في حين|بالرغم من|رغم|على الرغم من)\s+(?:أن|ان)\s")


# A comma and a participle that ends the reported clause (nlp/data/ar_claim_enders.txt).
_AR_ENDER_RE = re.compile(r"[،,]\s*و?(?:" + "|".join(_word_list("ar_claim_enders.txt")) + r")ً?(?![\w])")


# "، بعد انتشار إعلانات تزعم …", "، إثر تداول منشورات", "، عقب تقارير": after a comma, what prompted the words
# (the writer's): a report, or its spreading (not "، بعد نشر قوات حفظ السلام", a deployment).
_AR_PROMPTED_RE = re.compile(
    r"[،,]\s*و?(?:بعد|إثر|اثر|عقب)\s+(?:(?:انتشار|نشر|تداول|ظهور|بث)\s+)?(?:ال)?(?:"
    + "|".join(_word_list("ar_claim_nouns.txt") + _word_list("ar_report_carriers.txt"))
    + r")(?![\w])")


def _ar_cut(text: str, start: int, end: int) -> int:
    """End of a claim: before a comma that opens a new attribution ("، وقالت ...", "، فيما قال ...")."""
    period = _AR_NEW_PERIOD_RE.search(text, start, end)
    if period is not None and period.start() - start >= 8:
        end = period.start()
    ender = _AR_ENDER_RE.search(text, start, end)
    if ender is not None and ender.start() - start >= 8:
        end = ender.start()
    prompted = _AR_PROMPTED_RE.search(text, start, end)
    if prompted is not None and prompted.start() - start >= 8:
        end = prompted.start()
    for m in _AR_CUE_RE.finditer(text, start, end):
        # Only the last few words before a cue can link it to a comma; a
        # bounded window keeps long unpunctuated sentences linear.
        tail = _new_attribution(text, start, m)
        if tail is not None:
            end = tail.start()
            break
    for m in _AR_ACCORDING_RE.finditer(text, start, end):
        # "...، بحسب ما أعلنته اللجنة": the source of the sentence, not part of the claim.
        i = m.start() - 1
        while i > start and text[i].isspace():
            i -= 1
        if i > start and text[i] in "،,":
            return i
    return end


def _ar_claim_object(words: list[tuple[str, int, int]]) -> bool:
    """Whether the object of رفض is something said ("الاتهامات", "ما ورد", "هذه التقارير")."""
    ws = [w for w, _, _ in words[:3]]
    while ws and ws[0] in ("أي", "اي", "كل", "هذه", "هذا", "تلك", "جميع", "جملة"):
        ws = ws[1:]
    if not ws:
        return False
    if ws[0] in ("ما", "ذلك"):
        return True
    return bool(_AR_CLAIM_NOUNS.match(ws[0].lstrip("و")))


def _first_quote(text: str, start: int, end: int) -> int | None:
    """The first opening quotation mark in [start, end) that opens a quotation, not a quoted name."""
    at = start
    while at < end:
        best = None
        for q in _AR_QUOTE_OPEN:
            i = text.find(q, at, end)
            if i != -1 and (best is None or i < best):
                best = i
        if best is None or not _is_quoted_name(text, best, end):
            return best
        at = text.find(_AR_QUOTE_CLOSE[text[best]], best + 1, end) + 1
    return None


# A quoted name is short: "«وصل باي»", "«LockNest»".
_AR_NAME_QUOTE_WORDS = 4


def _names_what_follows(word: str) -> bool:
    """Whether a word is an organisation noun in the construct state ("شركة", "لوكالة", "وصحيفة"): the
    name comes next."""
    from marsad.nlp.arabic import clitic_splits
    from marsad.nlp.speakers import org_noun

    forms = (word, *(stem for _, stem in clitic_splits(word)))
    return any(not w.startswith("ال") and org_noun("ال" + w, "ar") for w in forms)


def _is_quoted_name(text: str, q: int, end: int) -> bool:
    """Whether the quotation opening at q is a name inside the sentence ("وقالت «ميرسك» إن"), not a quotation.

    Arabic news puts names of companies, groups and products in quotation
    marks; such a quotation is short and the sentence goes on after it.
    """
    close = text.find(_AR_QUOTE_CLOSE.get(text[q], "»"), q + 1, end)
    if close == -1:
        return False
    inner = text[q + 1:close]
    if len(inner.split()) > _AR_NAME_QUOTE_WORDS or len(inner) > 40 or not inner.strip():
        return False
    rest = text[close + 1:end].lstrip()
    before = text[max(0, q - 20):q].split()
    if before and text[q - 1:q].strip() and before[-1].rstrip("ـ") in ("ل", "ب", "ول", "وب", "فل", "فب"):
        # "المدير العام لـ«بنك الأرز»"، "بـ«أرامكو»": a preposition written onto the quotation governs a name.
        return True
    if before and _names_what_follows(before[-1]):
        # "شركة «نيلكوم»، أيمن رشدي، أن", "وكالة «رويترز»، استناداً إلى …، أن": a noun without its article
        # before the quotation names what is quoted.
        return True
    if rest[:1] == ":" and rest[1:].lstrip()[:1] in _AR_QUOTE_OPEN:
        # "وكتب على «إنستغرام»: «…»": a colon and the quotation itself follow the name.
        return True
    if rest[:1] in ("،", ",") and _AR_COMP_RE.match(rest[1:].lstrip()):
        # "وأكدت مريم السويدي، الرئيسة التنفيذية لـ"فلك"، أن …": the name closes an apposition and the
        # reported clause follows it.
        return True
    return bool(rest) and rest[0] not in ".،,؛;:!؟?»\"”"


# Words that are not an indefinite noun even without the article: complementisers
# with their pronouns (إنها، أنه …), pronouns, and particles.
_AR_NOT_INDEFINITE = re.compile(
    r"^(?:[وف]?(?:إن|أن|ان|لأن|بأن|كأن|لكن)(?:ه|ها|هم|هما|هن|نا|ني|ك|كم)?|هو|هي|هم|هن|نحن|أنا|أنت|قد|لقد|فقد|"
    r"وقد|كما|بعد|قبل|حتى|ثم|أو|أي|كل|ما|لا|لم|لن|هناك|هنا|سوف)$"
)
# Adverbs written with the accusative alif, which looks like an indefinite noun's
# ("إن الشركة حاليا لا تبيع" is a negated predicate, not a description).
_AR_ADVERBS = frozenset(
    normalize_arabic(w) for w in """حاليا سابقا لاحقا مؤخرا قريبا أيضا فقط جدا تماما دائما أبدا أحيانا غالبا ربما
    معا كثيرا قليلا مجددا فورا سريعا تقريبا أولا ثانيا ثالثا أخيرا جميعا سويا بعيدا رسميا قطعا إطلاقا مطلقا
    فعلا حقا أصلا عمليا نهائيا كليا شخصيا علنا سرا يوميا سنويا شهريا أسبوعيا محليا دوليا عالميا داخليا خارجيا
    مبدئيا مسبقا لاحقاً تلقائيا طبعا عادة خاصة عموما إذا عندما بينما كذلك هكذا إذن""".split()
)


_AR_PREPOSITIONS = frozenset(("في", "من", "على", "إلى", "الى", "عن", "مع", "حول", "ضد", "لدى", "عبر", "نحو"))


def _ar_describes_indefinite(words: list[tuple[str, int, int]], i: int, ctx: _Context | None) -> bool:
    """Whether the negation at words[i] opens a clause describing the indefinite noun before it.

    Arabic joins a clause to an indefinite noun with no relative pronoun:
    "دفعت مبلغاً لم يكشف عنه" (she paid a sum [that] was not disclosed). When
    the clause's own predicate came first (the negation is at least its third
    word) and the word before the negation is an indefinite noun, the negation
    belongs to that description, not to what was reported. With a relative
    pronoun earlier ("الشركة التي تملك حصة لم تبع") the nominal subject may
    run up to the negation, which is then the predicate's: not skipped.
    """
    if i < 2:
        return False
    prev = _AR_MARKS_RE.sub("", words[i - 1][0])
    if prev.startswith(("ال", "وال", "بال", "لل", "فال", "كال")) or len(prev) < 3 or not prev.isalpha():
        return False
    if _AR_NOT_INDEFINITE.match(prev) or _AR_NEG_RE.match(prev) or normalize_arabic(prev) in _AR_ADVERBS:
        return False
    # The noun must show it is indefinite and not the first term of a construct
    # ("أهداف رؤية 2030 لم تتغير" is a subject and its predicate): accusative
    # tanween ("مبلغاً"), or a preposition right before it ("في مشروع").
    # The clauses are read without diacritics, so the tanween shows as a final
    # alif ("مبلغا"): names ending in alif ("نوكيا") are told apart by the
    # entities found there.
    accusative = len(prev) >= 4 and prev.endswith("ا") and (
        ctx is None or ctx.entity_at(words[i - 1][1], words[i - 1][2]) is None)
    marked = accusative or words[i - 2][0] in _AR_PREPOSITIONS
    return marked and not any(_AR_RELATIVE.match(w) for w, _, _ in words[:i])


def _ar_negation(words: list[tuple[str, int, int]], ctx: _Context | None = None) -> str | None:
    """The negation particle of the reported clause's own predicate, if any.

    Looks at its first words only (the predicate comes early in a reported
    clause) and ignores particles that open a relative clause or that are
    part of fixed phrases like لا يزال ("still").
    """
    i = _ar_negation_at(words, ctx)
    return words[i][0] if i is not None else None


def _ar_negation_at(words: list[tuple[str, int, int]], ctx: _Context | None = None) -> int | None:
    """Index in words of the negation particle of the clause's own predicate, if any (see _ar_negation)."""
    # "..., لكنها لم تكن كذلك": a negation right after "but" is the point of the
    # clause wherever it stands.
    window = list(enumerate(words[:7]))
    window += [(i + 1, words[i + 1]) for i, (w, _, _) in enumerate(words[:-1])
               if i >= 6 and w in ("لكن", "لكنه", "لكنها", "لكنهم", "ولكن", "ولكنه", "ولكنها")]
    for i, (w, _, _) in window:
        if _AR_NEG_RE.match(w):
            nxt = words[i + 1][0] if i + 1 < len(words) else ""
            if _AR_NOT_NEG_NEXT.match(nxt):
                continue
            if i > 0 and _AR_RELATIVE.match(words[i - 1][0]):
                continue
            if _ar_describes_indefinite(words, i, ctx):
                continue
            # "ما" negates only a verb right at the start ("ما كان يعلم"); elsewhere
            # it is the relative "what" ("ما يصل إلى 87 مليون").
            if w == "ما" and (i > 0 or nxt not in ("كان", "كانت", "كنا", "كنت", "كانوا")):
                continue
            if w == "غير" and not nxt.startswith(("صحيح", "دقيق", "مسؤول", "مذنب", "موجود")):
                continue
            return i
    return None
