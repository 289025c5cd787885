"""English entity spans from the spaCy ``Doc``: gazetteer names over the model's spans,
model labels mapped to the contract's, organisation suffixes and split names repaired.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from marsad.nlp import arabic as ar
from marsad.nlp import data
from marsad.nlp.currencies import prefix_forms
from marsad.nlp.gazetteer import Gazetteer, gazetteer
from marsad.nlp.spans import _EN_GIVEN, _ORG_SUFFIXES, _Span
from marsad.nlp.tokens import tokenize

if TYPE_CHECKING:
    from spacy.tokens import Doc

# spaCy (OntoNotes) labels → contract labels; the others are not entities.
_SPACY_LABELS = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": None,
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": None,
}
# Role words: a model span containing one is a title glued to a name.
_ROLE_WORDS = frozenset("CEO CFO CTO COO Chief Chairman Chairwoman President Founder Minister Spokesman".split())
# Words before a name that make it a person: the English titles of the one title list
# (nlp/data/gender_titles_*.txt, titles_any_gender.txt), with or without a final full stop.
_PERSON_TITLES_EN = frozenset(
    form
    for name in ("gender_titles_male.txt", "gender_titles_female.txt", "titles_any_gender.txt")
    for title in data.words(name) if title.isascii()
    for form in (title, title + ".")
)
_NOT_ENTITY_EN = frozenset(
    """The A An He She It They We I You This That These Those His Her Its Their Our CEO Chief Monday
    Tuesday Wednesday Thursday Friday Saturday Sunday""".split()
)
# Profession nouns that open a sentence before a name ("Lawyer Amal Clooney
# said"); capitalised there, so the model takes them into the PERSON span.
_LEADING_ROLES = frozenset(data.words("en_leading_roles.txt"))
# A preposition of place right before a word: "in Jordan Abdullah said" is a place, then a name.
_AFTER_PLACE_PREPOSITION = re.compile(r"\b(?:in|from|to|at|into|across|near|of|for)\s+$", re.I)
# Titles inside a span the model took whole ("Arizona Sen. Jeff Flake"): the person is the name after it.
_INNER_TITLES = frozenset(data.words("en_inner_titles.txt"))
# Leading roles that only ever precede a person's name, never open an organisation's ("Major League
# Baseball", "Principal Global Investors" and "Bishop Gorman High School" do).
_PERSON_ONLY_TITLES = frozenset("""Councillor Councilor Councilman Councilwoman Alderman Assemblyman Assemblywoman
    Congressman Congresswoman Senator Mayor Governor Sheriff Headteacher Headmaster Headmistress Coroner Magistrate
    Justice""".split()) & _LEADING_ROLES
# Nouns for kinds of company ("Carmaker Vantor", "Developer Marwah Properties"): a description, not a name.
_KIND_NOUNS = frozenset(w.lower() for w in data.words("en_kind_openers.txt"))
# A field before a role ("Health Undersecretary Rommel Dizon"): dropped with the role.
_ROLE_FIELDS = frozenset("Health Finance Foreign Interior Defence Defense Justice Education Trade Energy".split())
# Gentilics ("the Egyptian Ministry of Health"): the English rows of the one gentilic table.
_DEMONYMS = frozenset(
    " ".join(w.capitalize() for w in adjective.split())
    for adjective, _country in data.rows("country_adjectives.tsv") if adjective.isascii()
)
_GOVERNMENT_HEADS = frozenset("Ministry Foreign Interior Defence Defense Health Finance Army Navy Government".split())


# An amount the model ran a name on into ("fined Qandil Payments Dh12 million", "… AED 12 million"): a currency
# and digits, or a currency code alone when the digits follow the span.
_CURRENCY = "(?:" + "|".join(map(re.escape, prefix_forms())) + ")"
_AMOUNT_AT_END = re.compile(r" " + _CURRENCY + r" ?\d[\d.,]*(?:m|bn|k)?$")
_CURRENCY_AT_END = re.compile(r" " + _CURRENCY + r"$")


# ---------------------------------------------------------------------------
# English


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drops possessive endings and surrounding punctuation from a span."""
    while end > start and text[end - 1] in " .,;:!?\"'’)”»-":
        end -= 1
    for suffix in ("'s", "’s"):
        if text[start:end].endswith(suffix):
            end -= 2
    while start < end and text[start] in " \"'‘“«(-":
        start += 1
    return start, end


def _gaz_english(text: str, gaz: Gazetteer) -> list[_Span]:
    """Gazetteer matches in English (or Latin-script) text, longest first at each token."""
    toks = [t for t in tokenize(text) if t.kind != "punct" or t.text in "&+"]
    out = []
    i = 0
    while i < len(toks):
        found = None
        if toks[i].text[:1].isupper() or toks[i].text[:1].isdigit():
            for n in gaz.lengths(gaz.en_index, toks[i].norm):
                if i + n > len(toks):
                    continue
                # Tokens must be adjacent in the text (only spaces between, or the apostrophe of a name that
                # holds one: "Moody's", "Sainsbury's"), so a match cannot run across a comma or a full stop.
                window = toks[i : i + n]
                if any(text[a.end : b.start].strip() and not (text[a.end : b.start] in ("'", "’") and b.text == "s")
                       for a, b in zip(window, window[1:], strict=False)):
                    continue
                ids = gaz.en_index.get(tuple(t.norm for t in window))
                if ids:
                    found = (n, ids[0])
                    break
        if found:
            n, ident = found
            entry = gaz.entries[ident]
            out.append(_Span(toks[i].start, toks[i + n - 1].end, entry.label, entry.id, entry.name, "gaz"))
            i += n
        else:
            i += 1
    return out


def _english_spans(text: str, doc: Doc) -> list[_Span]:
    gaz = gazetteer()
    model: list[_Span] = []
    for ent in doc.ents:
        label = _SPACY_LABELS.get(ent.label_)
        if label is None:
            continue
        start, end = _trim(text, ent.start_char, ent.end_char)
        words = text[start:end].split()
        # "the" belongs to outlet names the gazetteer knows ("The Guardian");
        # anywhere else it is the article in front of a name.
        if words and words[0] in ("the", "The") and len(words) > 1 and not gaz.en_index.get(
            ar.key(text[start:end])
        ):
            start += len(words[0]) + 1
            while text[start] == " ":
                start += 1
        if end <= start:
            continue
        # The model sometimes runs a name on over "in"/"at" ("Eni in Algiers").
        cut = re.search(r" (?!(?:of|and|for|de|al|el|bin|von|der|van|the|du|la)\b)[a-z]\S*(?: |$)", text[start:end])
        # A match score after a club's name ("Livingston 2-1") is no part of it (a model number is: MISC).
        if cut is None and label in ("ORG", "PERSON", "GPE"):
            cut = re.search(r" \d+[-–]\d+$", text[start:end])
        if cut is None and label == "PERSON":
            cut = re.search(r" of ", text[start:end])
        if cut:
            end = start + cut.start()
        if label in ("ORG", "PERSON", "GPE") and (amount := _AMOUNT_AT_END.search(text[start:end]) or (
                _CURRENCY_AT_END.search(text[start:end]) if re.match(r"\.? ?\d", text[end:end + 3]) else None)):
            end = start + amount.start()
        words = text[start:end].split()
        if label == "ORG" and len(words) > 2 and words[0] in _DEMONYMS and words[1] in _GOVERNMENT_HEADS:
            # "the Egyptian Ministry of Health": the adjective says whose ministry.
            start += len(words[0]) + 1
        inner = next((t for t in range(len(words) - 1) if words[t] in _INNER_TITLES
                      and 1 <= len(words) - t - 1 <= 3 and all(w[:1].isupper() for w in words[t + 1:])), None)
        if inner is not None and label in ("ORG", "PERSON", "GPE", "MISC"):
            # "Arizona Sen. Jeff Flake", "Senator Jeff Flake": the name after the title is a person.
            start += sum(len(w) + 1 for w in words[:inner + 1])
            words, label = words[inner + 1:], "PERSON"
        if label in ("ORG", "GPE", "MISC") and len(words) >= 2 and words[0].lower() in _KIND_NOUNS \
                and all(w[:1].isupper() for w in words[1:]):
            # "Developer Marwah Properties", "Carmaker Vantor": a kind of company, capitalised as the sentence
            # opens, then its name (a person the model saw stays one: the leading roles below drop the word).
            start += len(words[0]) + 1
            words, label = words[1:], "ORG"
        if label in ("ORG", "GPE", "MISC") and len(words) in (3, 4) and words[0] in _PERSON_ONLY_TITLES \
                and words[-1] not in _ORG_SUFFIXES and all(w[:1].isupper() for w in words[1:]):
            label = "PERSON"  # "Councillor Martin Hale": a role, then a person's name (the role is dropped below)
        if label == "PERSON":
            while len(words) > 2 and (words[0] in _LEADING_ROLES or words[0] in _ROLE_FIELDS
                                      and words[1] in _LEADING_ROLES):
                start += len(words[0]) + 1
                words = words[1:]
        prev = doc[ent.start - 1].text if ent.start > 0 else ""
        if prev in _PERSON_TITLES_EN and label != "PERSON" and label != "GPE":
            label = "PERSON"
        model.append(_Span(start, end, label, source="model"))
    model.extend(_suffix_orgs(text, doc, model))
    spans = _merge_overlaps(text, _gaz_english(text, gaz), model)
    spans = _join_split_names(text, doc, spans)
    out = []
    for s in spans:
        surface = text[s.start : s.end]
        if s.source != "gaz":
            if not any(c.isupper() for c in surface) or surface in _NOT_ENTITY_EN:
                continue
            if surface.replace(",", "").replace(".", "").isdigit():
                continue
            words = surface.split()
            if words[-1] in _ORG_SUFFIXES and s.label in ("PERSON", "GPE", "LOC", "MISC") and len(words) > 1 \
                    and words[0] not in _EN_GIVEN:
                s.label = "ORG"
            elif s.label == "PERSON" and len(words) > 1 and words[0] in ("Al", "El", "Al-", "El-"):
                s.label = "ORG"  # "Al Hilal", "El Gouna": Arabic article names are not people
            elif s.label in ("ORG", "GPE", "LOC") and 1 < len(words) <= 3 and words[0] in _EN_GIVEN \
                    and words[-1] not in _ORG_SUFFIXES:
                s.label = "PERSON"
        out.append(s)
    return _family_names_alone(text, doc, _people_named_again(text, doc, out))


def _people_named_again(text: str, doc: Doc, spans: list[_Span]) -> list[_Span]:
    """Relabels as a person a name of two or three capitalised words that the model took for an organisation
    or a place ("Klaus Breuer", "Thabo Ngema": given names it does not know) when its last word comes back
    alone as a person later ("Breuer said"): a family name. Gazetteer names and names ending in an
    organisation's suffix stay as they are."""
    alone = [(s.start, text[s.start:s.end]) for s in spans if s.label == "PERSON" and " " not in text[s.start:s.end]]
    if not alone:
        return spans
    for s in spans:
        words = text[s.start:s.end].split()
        if s.source == "gaz" or s.label not in ("ORG", "GPE", "MISC") or not 1 < len(words) <= 3 \
                or words[-1] in _ORG_SUFFIXES or not all(w[:1].isupper() and w[1:].islower() for w in words):
            continue
        if not any(at > s.end and word == words[-1] for at, word in alone):
            continue
        span = doc.char_span(s.start, s.end, alignment_mode="expand")
        if span is None or any(t.tag_ != "NNP" for t in span) or words[0].lower() in _KIND_NOUNS:
            continue  # "Carmaker Vantor … Vantor said": a common noun opens a company's description
        s.label = "PERSON"
        while len(words) > 2 and words[0] in _LEADING_ROLES:
            s.start += len(words[0]) + 1  # "Corporal Lachlan Boyd"
            words = words[1:]
    return spans


def _family_names_alone(text: str, doc: Doc, spans: list[_Span]) -> list[_Span]:
    """Adds the family name of a person named in full before, written alone as a subject, where the model
    found nothing ("Jeff Flake … Flake said", "Theresa May … May said"): a subject only, so "in May" and "the
    West" stay common words."""
    people: dict[str, int] = {}
    for s in spans:
        words = text[s.start : s.end].split()
        if s.label == "PERSON" and len(words) >= 2 and words[-1][:1].isupper() and len(words[-1]) > 2:
            people.setdefault(words[-1], s.end)
    if not people:
        return spans
    covered = [(s.start, s.end) for s in spans]
    added = []
    for tok in doc:
        first = people.get(tok.text)
        if first is None or tok.idx < first or tok.dep_ not in ("nsubj", "nsubjpass") \
                or any(c.dep_ in ("det", "poss", "amod", "compound") for c in tok.children) \
                or (tok.i > 0 and tok.nbor(-1).text[:1].islower()) \
                or any(a < tok.idx + len(tok.text) and tok.idx < b for a, b in covered):
            continue  # not "The King said" after Stephen King, nor a name inside a longer phrase
        added.append(_Span(tok.idx, tok.idx + len(tok.text), "PERSON", source="model"))
    return sorted(spans + added, key=lambda s: s.start) if added else spans


def _merge_overlaps(text: str, gaz_spans: list[_Span], model: list[_Span]) -> list[_Span]:
    """Combines gazetteer and model spans: gazetteer wins unless the model's span is a longer name."""
    out = list(gaz_spans)
    for m in model:
        inside = [g for g in gaz_spans if g.start < m.end and m.start < g.end]
        if not inside:
            out.append(m)
            continue
        if all(m.start <= g.start and g.end <= m.end for g in inside) and len(inside) == 1:
            g = inside[0]
            if (g.start, g.end) == (m.start, m.end):
                continue
            # The model's longer span ("Google Cloud", "Bank of England") is the
            # name unless it glued a known name to a title or another name.
            glued = any(w in _ROLE_WORDS for w in text[m.start : m.end].split())
            # So is a person whose given name is a place the gazetteer knows ("Jordan Spieth", "Chelsea
            # Clinton"): the place opens a model PERSON of two or three capitalised words.
            given = m.label == "PERSON" and g.label in ("GPE", "LOC") and g.start == m.start \
                and 2 <= len(text[m.start : m.end].split()) <= 3 and text[g.end : g.end + 1] == " " \
                and all(w[:1].isupper() for w in text[m.start : m.end].split()) \
                and not _AFTER_PLACE_PREPOSITION.search(text, max(0, m.start - 8), m.start)
            if m.end - m.start > g.end - g.start and not glued and (
                m.label == "ORG" or (m.label in ("LOC", "GPE") and g.label in ("LOC", "GPE")) or given
            ):
                out.remove(g)
                out.append(m)
        # Otherwise the gazetteer's spans stand and the model's is dropped.
    out.sort(key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[_Span] = []
    for s in out:
        if kept and s.start < kept[-1].end:
            continue
        kept.append(s)
    return kept


def _suffix_orgs(text: str, doc: Doc, model: list[_Span]) -> list[_Span]:
    """Capitalised runs ending in a company word that the model missed ("Marlow Retail")."""
    taken = [(s.start, s.end) for s in model]
    out = []
    run: list = []
    for tok in [*doc, None]:
        if tok is not None and tok.text[:1].isupper() and tok.pos_ in ("PROPN", "NOUN") and not tok.ent_type_:
            run.append(tok)
            continue
        while len(run) >= 2 and run[-1].text not in _ORG_SUFFIXES:
            run.pop()
        if len(run) >= 2 and run[0].text not in _NOT_ENTITY_EN:
            start, end = run[0].idx, run[-1].idx + len(run[-1].text)
            if not any(a < end and start < b for a, b in taken):
                out.append(_Span(start, end, "ORG", source="model"))
        run = []
    return out


def _join_split_names(text: str, doc: Doc, spans: list[_Span]) -> list[_Span]:
    """Extends a model span over the capitalised proper nouns the model left out.

    en_core_web_sm often tags only the first word of an unknown company
    ("Cambridge" GPE + "Analytica"), so a place or organisation followed
    directly by capitalised PROPN tokens outside any entity becomes one ORG.
    """
    if not spans:
        return spans
    by_char = {t.idx: t for t in doc}
    starts = {s.start for s in spans}
    out = []
    for s in spans:
        if s.source == "model" and s.label in ("GPE", "ORG", "LOC", "PERSON"):
            end = s.end
            grew = False
            while True:
                j = end + 1
                tok = by_char.get(j)
                if (
                    tok is None
                    or text[end:j] != " "
                    or j in starts
                    or tok.pos_ != "PROPN"
                    or not tok.text[:1].isupper()
                    or tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT")
                    or tok.is_sent_start
                    or tok.text in _INNER_TITLES  # "Arizona Sen. Jeff Flake": a title opens a person
                    or _AMOUNT_AT_END.match(" " + tok.text)  # "Dh12": the amount that follows the name
                    or (_CURRENCY_AT_END.match(" " + tok.text) is not None
                        and re.match(r"\.? ?\d", text[tok.idx + len(tok.text):tok.idx + len(tok.text) + 3]))
                ):
                    break
                end = tok.idx + len(tok.text)
                grew = True
            if grew:
                s = _Span(s.start, end, "ORG" if s.label in ("GPE", "LOC") else s.label, source="model")
        out.append(s)
    # Two model spans side by side ("Meridian" GPE + "Analytics" ORG) are one name.
    merged: list[_Span] = []
    for s in out:
        if (
            merged
            and merged[-1].label == "GPE"
            and s.source == "model" and s.label == "PERSON"
            and text[merged[-1].end : s.start] == " "
            and text[merged[-1].start : merged[-1].end] in _EN_GIVEN
            and not _AFTER_PLACE_PREPOSITION.search(text, max(0, merged[-1].start - 8), merged[-1].start)
        ):
            # "Jordan Spieth": a given name that is also a country, then a family name.
            merged[-1] = _Span(merged[-1].start, s.end, "PERSON", source="model")
        elif (
            merged
            and merged[-1].source == "model"
            and s.source == "model"
            and text[merged[-1].end : s.start] == " "
            and not (s.label == "PERSON" and merged[-1].label == "PERSON")
        ):
            merged[-1] = _Span(merged[-1].start, s.end, "ORG", source="model")
        else:
            merged.append(s)
    return merged
