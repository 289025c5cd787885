"""Named entities in English and Arabic news text, with language-independent ids.

English uses the shared spaCy pipeline (``nlp.models.english``) and repairs
what en_core_web_sm gets wrong in news: gazetteer names win over the model's
spans and labels (Twitter is not a PERSON, Cambridge Analytica is one ORG),
media outlets keep their "The", leading "the" is dropped elsewhere, and
model labels are mapped to the contract's PERSON/ORG/GPE/LOC/MISC.

Arabic has no installable NER model, so this module is one: proclitics are
split off (``nlp.arabic``), the gazetteer is matched on normalised tokens, and
names the gazetteer has never seen are found after cue nouns (شركة، صحيفة،
وزارة، الدكتور، المتحدث باسم …), from frequent given names, as Latin-script
runs inside Arabic text, as the subject of a feminine verb or of إن/أن
("رفعت فودافون الأسعار"), as a transliterated-looking word after مع/من/عن, and
after "profession + nationality" ("العداء المغربي X"). A trade description
between a cue and its name is skipped ("شركة تحليل البيانات X" → X).

Precision on long articles rests on ``nlp.arabic.is_common``: a lexicon of
common nouns, verbal nouns, adverbs and verbs (``nlp/data/ar_common.txt``)
plus verb, masdar and broken-plural shapes. Such a word is never a name word,
a person's name never ends in one, and a rule-found span made only of them
is dropped (``_ArabicTagger.prune``). A name found once is then looked for
at every other mention in the text.

Ids: a gazetteer id when the name is known; otherwise a slug of the Latin
name, of a Latin spelling given in the same text whose consonant skeleton
matches the Arabic one (كوغان ~ Kogan), or of a deterministic romanisation.
A short later mention ("Kogan", "كوغان") takes the id of the full name
mentioned before it in the same text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from nlp import arabic as ar
from nlp.gazetteer import Gazetteer, gazetteer
from nlp.latin_names import english_name
from nlp.translit import MATCH_MARGIN, cross_gap, merge_key, name_gap, names_match, skeleton, slug, slugify
from nlp.types import AnalysisError, Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["find_entities", "resolve"]

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

# Last words that make a name an organisation whatever the model said.
_ORG_SUFFIXES = frozenset(
    """Inc Inc. Ltd Ltd. LLC Corp Corp. Corporation Company Co Co. Group Holdings Holding Bank
    Technologies Technology Tech Labs Lab Research Analytics Systems Solutions Capital Partners
    Ventures Media News Agency Authority Ministry Commission Council Committee University Institute
    Foundation Fund Association Union Party Times Post Journal Telegraph Herald Tribune Gazette
    Press Network Networks Airlines Airways Energy Petroleum Motors Pharma Pharmaceuticals Insights
    Data Digital Security Software Robotics Industries Exchange Board Office Court Service Services
    Trust Institute Centre Center Club Federation Organization Organisation Department Agency
    Consulting Consultancy Studios Games Bancorp Investments Investment PLC plc AG SA GmbH Pay Payments
    Wallet Finance Financial Fintech Insurance Health Healthcare Medical Bio Biotech Genomics Therapeutics
    Diagnostics Foods Food Beverages Water Power Solar Renewables Oil Gas Chemicals Steel Mining Auto
    Mobility Logistics Shipping Freight Aviation Telecom Mobile Communications Cloud AI Shield Cyber Monitor
    Watch Stream Retail Stores Mart Realty Properties Developments Construction Engineering Advisors Legal
    Grid Textiles Hotels Resorts Travel Academy Airline Motors Audio Video Music Entertainment Films
    Pictures Records Publishing Brands Fashion Apparel Cosmetics Beauty Semiconductors Electronics
    Farms Farm Dairy Agri Agritech Foods Bakeries Poultry Fisheries Cement Rail Railways Ports Marine
    United FC""".split()
)
# Role words: a model span containing one is a title glued to a name.
_ROLE_WORDS = frozenset("CEO CFO CTO COO Chief Chairman Chairwoman President Founder Minister Spokesman".split())
# Words before a name that make it a person.
_PERSON_TITLES_EN = frozenset(
    """Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Prof Prof. Professor Sir Dame Lord Lady Sheikh Prince Princess
    King Queen President Minister Senator Judge Justice Gen. General""".split()
)
_NOT_ENTITY_EN = frozenset(
    """The A An He She It They We I You This That These Those His Her Its Their Our CEO Chief Monday
    Tuesday Wednesday Thursday Friday Saturday Sunday""".split()
)
# Profession nouns that open a sentence before a name ("Lawyer Amal Clooney
# said"); capitalised there, so the model takes them into the PERSON span.
_LEADING_ROLES = frozenset(
    """Lawyer Attorney Researcher Journalist Reporter Envoy Activist Analyst Economist Spokesman
    Spokeswoman Spokesperson Actress Actor Singer Coach Striker Midfielder Defender Goalkeeper
    Engineer Author Writer Novelist Director Producer Blogger Investor Entrepreneur Scientist
    Doctor Surgeon Diplomat Commander Lawmaker Senator Mayor Governor""".split()
)
_DEMONYMS = frozenset(
    """Egyptian Saudi Emirati Qatari Kuwaiti Bahraini Omani Yemeni Iraqi Syrian Lebanese Jordanian
    Palestinian Israeli Iranian Turkish Libyan Tunisian Algerian Moroccan Sudanese Mauritanian British
    American French German Italian Spanish Russian Chinese Japanese Indian Pakistani Afghan Ukrainian
    European Irish Dutch Swedish Norwegian Canadian Australian Brazilian Korean""".split()
)
_GOVERNMENT_HEADS = frozenset("Ministry Foreign Interior Defence Defense Health Finance Army Navy Government".split())
_LOWER_CONNECTORS = frozenset({"of", "and", "for", "de", "al", "el", "bin", "von", "der", "van", "the", "&"})
_WS_ONLY = re.compile(r"[\s\"'«»“”()\[\],،-]*")


@dataclass
class _Span:
    start: int
    end: int
    label: str
    id: str | None = None
    name: str | None = None
    source: str = "rule"  # "gaz", "model", "rule", "latin", "lexicon"


# ---------------------------------------------------------------------------
# public API


def find_entities(text: str, lang: str, doc: Doc | None = None) -> list[Entity]:
    """Returns the named entities of a text, sorted by start and non-overlapping.

    Args:
        text: the text to analyse; offsets in the result index into it.
        lang: "en" or "ar".
        doc: for English, the spaCy Doc of ``text`` when the caller already ran
            ``nlp.models.english()`` on it (it is then not run again).

    Returns:
        Entities with ``text[e.start:e.end] == e.text``, a contract label, an id
        and a display name.

    Raises:
        AnalysisError: when ``lang`` is not supported or ``doc`` is not a Doc
            of ``text``.
    """
    if not text or not text.strip():
        return []
    if lang == "ar":
        spans = _arabic_spans(text)
    elif lang == "en":
        if doc is None:
            from nlp.models import english

            doc = english()(text)
        elif doc.text != text:
            raise AnalysisError("the spaCy Doc given for entities is not a Doc of the text")
        spans = _english_spans(text, doc)
    else:
        raise AnalysisError(f"entities: unsupported language {lang!r} (expected 'ar' or 'en')")
    return _finish(text, spans, lang)


def resolve(name: str, lang: str | None = None) -> tuple[str, str, str] | None:
    """Returns (id, display name, label) of a known name or alias in either script.

    Proclitics and a leading "the" are tolerated ("ولتويتر", "the Guardian").

    Args:
        name: a name as written.
        lang: "ar" or "en" to restrict the script; None guesses.

    Returns:
        The gazetteer's id, name and label, or None when the name is unknown.
    """
    gaz = gazetteer()
    entry = gaz.lookup(name, lang)
    if entry is None and lang != "en":
        toks = [t for t in ar.tokenize(name) if t.kind != "punct"]
        if toks and toks[0].kind == "ar":
            rest = tuple(t.norm for t in toks[1:])
            for _, stem in ar.clitic_splits(toks[0].norm):
                ids = gaz.ar_index.get((stem, *rest))
                if ids:
                    entry = gaz.entries[ids[0]]
                    break
    if entry is None:
        return None
    return entry.id, entry.name, entry.label


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
    toks = [t for t in ar.tokenize(text) if t.kind != "punct" or t.text in "&+"]
    out = []
    i = 0
    while i < len(toks):
        found = None
        if toks[i].text[:1].isupper() or toks[i].text[:1].isdigit():
            for n in gaz.lengths(gaz.en_index, toks[i].norm):
                if i + n > len(toks):
                    continue
                # Tokens must be adjacent in the text (only spaces between), so a
                # match cannot run across a comma or a full stop.
                window = toks[i : i + n]
                if any(text[a.end : b.start].strip() for a, b in zip(window, window[1:], strict=False)):
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
        cut = re.search(r" (?!(?:of|and|for|de|al|el|bin|von|der|van|the|du|la)\b)[a-z]\S* ", text[start:end])
        if cut is None and label == "PERSON":
            cut = re.search(r" of ", text[start:end])
        if cut:
            end = start + cut.start()
        words = text[start:end].split()
        if label == "ORG" and len(words) > 2 and words[0] in _DEMONYMS and words[1] in _GOVERNMENT_HEADS:
            # "the Egyptian Ministry of Health": the adjective says whose ministry.
            start += len(words[0]) + 1
        if label == "PERSON":
            while len(words) > 2 and words[0] in _LEADING_ROLES:
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
    return out


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
            if m.end - m.start > g.end - g.start and not glued and (
                m.label == "ORG" or (m.label in ("LOC", "GPE") and g.label in ("LOC", "GPE"))
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
            and merged[-1].source == "model"
            and s.source == "model"
            and text[merged[-1].end : s.start] == " "
            and not (s.label == "PERSON" and merged[-1].label == "PERSON")
        ):
            merged[-1] = _Span(merged[-1].start, s.end, "ORG", source="model")
        else:
            merged.append(s)
    return merged


# ---------------------------------------------------------------------------
# Arabic


def _is_name_word(tok: ar.Token) -> bool:
    """True for an Arabic token that can be part of a name (no particle, verb, cue or nisba)."""
    return tok.kind == "ar" and _name_word_norm(tok.norm)


@lru_cache(maxsize=100_000)
def _name_word_norm(n: str) -> bool:
    # Cached by normal form: every rule asks about the same few hundred words.
    return (
        len(n) >= 2
        and n not in ar.FUNCTION_WORDS
        and n not in ar.VERBS
        and n not in ar.NISBA
        and n not in ar.PERSON_TITLES
        and n not in ar.ORG_DESCRIPTORS
        and n not in ar.ORG_HEADS
        and not (n[0] in "وف" and n[1:] in ar.FUNCTION_WORDS | ar.VERBS)
        and not (n[0] in "لبك" and len(n) > 3 and n[1:] in ar.FUNCTION_WORDS)  # "لذلك"
        and n != "بلا"
        # Common nouns, masdars, adverbs and verb shapes ("هنا", "بشراء", "تعتمد").
        and not ar.is_common(n)
        # A possessive suffix marks a common noun ("خدمتها", "أسهمهم").
        and not (len(n) > 4 and n.endswith(("ها", "هم", "هما")))
    )


class _ArabicTagger:
    """One pass of rule-based Arabic NER over a tokenised text."""

    def __init__(self, text: str):
        self.text = text
        self.toks = ar.tokenize(text)
        self.n = len(self.toks)
        self.gaz = gazetteer()
        self.spans: list[_Span] = []
        self.used = [False] * self.n
        self._starts = {t.start: k for k, t in enumerate(self.toks)}
        self._ends = {t.end: k for k, t in enumerate(self.toks)}
        # Every rule asks for the clitic splits of the same tokens; compute them once.
        self._stems = [
            [(0, t.norm), *ar.clitic_splits(t.norm)] if t.kind == "ar" else [(0, t.norm)] for t in self.toks
        ]

    # -- helpers -----------------------------------------------------------

    def emit(self, i: int, j: int, label: str, ident: str | None = None, name: str | None = None,
             source: str = "rule", skip: int = 0) -> int:
        """Records tokens i..j-1 as an entity (the first ``skip`` letters of token i are clitics)."""
        if j <= i or any(self.used[i:j]):
            return i
        first = self.toks[i]
        start = first.start + (ar.surface_offset(first.text, skip) if skip else 0)
        self.spans.append(_Span(start, self.toks[j - 1].end, label, ident, name, source))
        for k in range(i, j):
            self.used[k] = True
        return j

    def stems(self, i: int) -> list[tuple[int, str]]:
        """The unsplit form and the clitic splits of token i."""
        return self._stems[i]

    def gaz_at(self, i: int, context: bool = False, prefer: str | None = None
               ) -> tuple[int, int, str] | None:
        """Longest gazetteer match starting at token i: (end, clitic letters, id)."""
        index = self.gaz.ar_context_index if context else self.gaz.ar_index
        t = self.toks[i]
        if t.kind == "lat":
            return None
        for skip, stem in self.stems(i):
            if skip and t.norm[0] == "ك" and not stem.startswith("ال"):
                continue  # "كساب" is a name, not ك + ساب (SAP): "like X" rarely precedes a name
            for n in self.gaz.lengths(index, stem):
                if i + n > self.n:
                    continue
                window = self.toks[i + 1 : i + n]
                if any(w.kind == "punct" for w in window):
                    continue
                ids = index.get((stem, *(w.norm for w in window)))
                if ids and n == 1 and skip == 0 and self.common_alias(i, i + 1):
                    continue
                if ids:
                    if prefer:
                        ids = sorted(ids, key=lambda x: self.gaz.entries[x].label != prefer)
                    return i + n, skip, ids[0]
        return None

    def word_after_clitic(self, i: int, words: frozenset[str]) -> int | None:
        """Clitic letters to skip if token i is one of ``words`` (possibly with proclitics)."""
        for skip, stem in self._stems[i]:
            if stem in words:
                return skip
        return None

    def skip_quotes(self, j: int) -> int:
        while j < self.n and self.toks[j].text in "\"«“'(":
            j += 1
        return j

    def latin_run(self, j: int) -> int:
        """End of a run of capitalised Latin words starting at j (j itself when there is none)."""
        k = j
        while k < self.n:
            t = self.toks[k]
            if t.kind == "lat" and (t.text[:1].isupper() or t.text[:1].isdigit() or t.text == "e&"):
                k += 1
            elif t.kind == "lat" and t.text in _LOWER_CONNECTORS and k > j and k + 1 < self.n \
                    and self.toks[k + 1].kind == "lat" and self.toks[k + 1].text[:1].isupper():
                k += 1
            elif t.kind in ("num", "punct") and t.text in ("&", "+") and k > j:
                k += 1
            elif t.kind == "num" and k > j and self.text[self.toks[k - 1].end : t.start] == " ":
                k += 1
            else:
                break
        # A run must not swallow text across a bracket or a line.
        return k

    def name_run(self, j: int, limit: int = 4, allow_definite_after: bool = True, org: bool = False) -> int:
        """End of a run of Arabic name words starting at j.

        A definite word may be a person's family name ("سامي الحلبي") only
        right after one first name; particles (بن، آل، أبو، عبد) glue to the
        next word. A run stops where a known name starts, and an organisation
        name also stops at a given name (the person who follows it) and at a
        word with the preposition ل.
        """
        k = j
        glued = 0  # words joined to the next by a particle ("عبد الباري" is one part)
        while k < self.n and k - j < limit:
            t = self.toks[k]
            if t.kind != "ar":
                break
            if t.norm in ar.NAME_PARTICLES and k + 1 < self.n and self.toks[k + 1].kind == "ar":
                k += 2
                glued += 1
                continue
            if k > j and t.norm == "علي" and t.text.endswith("ي") and not self.used[k]:
                k += 1  # "خالد علي": Ali, not the preposition على (same normal form)
                continue
            if k > j and t.norm in ar.COMPOUND_SECOND and not self.used[k]:
                k += 1  # "نور الهدى", "كمال الدين": "الدين" is also a common noun
                continue
            if not _is_name_word(t):
                if not org and k > j and t.norm.startswith("ال") and t.norm.endswith("ي") \
                        and t.norm not in ar.FUNCTION_WORDS:
                    # Family names are often nisba forms ("محمد شياع السوداني").
                    k += 1
                break
            if k - j - glued >= 2 and k + 1 < self.n and self.toks[k + 1].kind == "ar" \
                    and self.toks[k + 1].norm.startswith("ال") and not _hamza_al(self.toks[k + 1]) \
                    and not ar.has_article(t.norm) and not ar.looks_foreign(t.norm) \
                    and self.toks[k + 1].norm not in ar.NISBA | ar.ORG_DEFINITE_SUFFIXES \
                    and not self.toks[k + 1].norm.endswith("ي"):
                # A word followed by a definite noun heads a construct phrase
                # ("شراب السعال", "دخول القوات"): the sentence has moved on.
                break
            if k > j:
                if self.used[k]:
                    break
                if t.norm in ar.COMPOUND_SECOND:
                    k += 1  # "كمال الدين", "عبد الله"
                    continue
                m = self.gaz_at(k)
                if m and self.gaz.entries[m[2]].label != "PERSON":
                    e = self.gaz.entries[m[2]]
                    if e.label == "GPE" and m[0] == k + 1 and m[1] == 0 and (
                        org or (k == j + 1 and ar.has_article(t.norm))
                    ):
                        # "أسمنت تبوك", "مدى مصر"; a family name that is a town ("سامر الخليل").
                        k += 1
                    break
                if _preposition_l(t.norm) or (org and t.norm in ar.GIVEN_NAMES) or _not_name_shape(t.norm):
                    break
                if t.norm[0] in "بل" and t.text.endswith("ة"):
                    break  # "معان بقدرة": a prepositional phrase, not a name word
                if k - j >= 2 and len(t.norm) >= 6 and t.norm.endswith(("ين", "ون")):
                    break  # "حامد كرزاي مسؤولين": a plural object, not a third name
                # Foreign names rarely end a word in teh marbuta or a plural -ات;
                # such a word after a name is the sentence going on ("منتجات").
                if k - j >= 2 and (t.text.endswith("ة") or (t.norm.endswith("ات") and len(t.norm) > 5)):
                    break
                if org and ar.has_article(t.norm) and t.norm in ar.ORG_DEFINITE_SUFFIXES:
                    k += 1
                    break
            if ar.has_article(t.norm) and not _hamza_al(t):
                if not allow_definite_after or (k != j + 1 and not t.norm.endswith("ي")):
                    break
                k += 1
                nxt = self.toks[k] if k < self.n else None
                if nxt is not None and nxt.kind == "ar" and nxt.norm.startswith("ال") \
                        and nxt.norm.endswith("ي") and _is_name_word(nxt) and k - j < limit:
                    k += 1  # "فاطمة الزهراء الإدريسي"
                break
            k += 1
        return k

    # -- rules -------------------------------------------------------------

    def run(self) -> list[_Span]:
        i = 0
        while i < self.n:
            if self.used[i]:
                i += 1
                continue
            t = self.toks[i]
            if t.kind == "lat":
                i = self.latin(i, None)
                continue
            if t.kind != "ar":
                i += 1
                continue
            m = self.gaz_at(i)
            if m:
                end, skip, ident = m
                e = self.gaz.entries[ident]
                i = self.emit(i, end, e.label, e.id, e.name, "gaz", skip)
                continue
            nxt = self.letters(i)
            if nxt is None:
                nxt = self.apposition(i)
            if nxt is None:
                nxt = self.speaker_after_verb(i)
            if nxt is None:
                nxt = self.bare_subject(i)
            if nxt is None:
                nxt = self.foreign_object(i)
            if nxt is None:
                nxt = self.after_nisba(i)
            if nxt is None:
                nxt = self.cue(i)
            i = nxt if nxt > i else i + 1
        self.prune()
        self.lexicon_pass()
        self.prune()
        return self.spans

    def apposition(self, i: int) -> int | None:
        """"سامي الحلبي، مؤسس شركة …": name words, a comma, then a title make a person."""
        t = self.toks[i]
        if not _is_name_word(t) or ar.has_article(t.norm):
            return None
        end = self.name_run(i, limit=3)
        if end - i < 2 or end + 1 >= self.n or self.toks[end].text not in ("،", ","):
            return None
        if self.word_after_clitic(end + 1, ar.PERSON_TITLES) is None:
            return None
        return self.emit(i, end, "PERSON")

    def speaker_after_verb(self, i: int) -> int | None:
        """"قال زهير مراد إن …": two or three name words between a speech verb and a boundary."""
        if self.word_after_clitic(i, ar.SPEECH_VERBS) is None:
            return None
        j = i + 1
        if j >= self.n or self.used[j]:
            return None
        first = self.toks[j]
        if first.kind != "ar" or not _is_name_word(first) or ar.has_article(first.norm) \
                or first.norm in ar.SUBJECT_NOUNS or first.norm.endswith(("ون", "ين")) \
                or (first.text.endswith("ة") and first.norm not in ar.GIVEN_NAMES):
            return None
        end = self.name_run(j, limit=3)
        if end - j < 2:
            return None
        if any(t.text.endswith("ة") or t.norm in ar.SUBJECT_NOUNS for t in self.toks[j + 1 : end]):
            return None
        nxt = self.toks[end] if end < self.n else None
        boundary = (
            nxt is None
            or nxt.kind == "punct"
            or nxt.norm in ar.FUNCTION_WORDS
            or nxt.norm in ar.VERBS
            or (nxt.kind == "ar" and nxt.norm.startswith("ل") and len(nxt.norm) >= 3)
        )
        if not boundary:
            return None
        if first.norm not in ar.GIVEN_NAMES and _feminine_verb(self.toks[i].norm) and not (
            end - j == 2 and first.norm.endswith(("ا", "ي", "ه", "ين"))
            and self.toks[end - 1].norm not in ar.COMPANY_WORDS
            and not all(len(t.norm) <= 3 for t in self.toks[j:end])
        ):
            # "قالت توتال إنرجيز إن": after a feminine verb an unknown name is a
            # company, unless it is two words whose first ends like a woman's
            # given name ("قالت بريتاني كايزر", "غريتا ليندكفيست").
            return self.emit(j, end, "ORG")
        return self.emit(j, end, "PERSON")

    def latin(self, j: int, label: str | None) -> int:
        end = self.latin_run(j)
        if end == j:
            return j + 1
        # Drop a trailing lowercase connector or symbol.
        while end > j and (self.toks[end - 1].text in _LOWER_CONNECTORS or self.toks[end - 1].kind == "punct"):
            end -= 1
        if end == j:
            return j + 1
        surface = self.text[self.toks[j].start : self.toks[end - 1].end]
        entry = self.gaz.lookup(surface, "en")
        if entry:
            return self.emit(j, end, entry.label, entry.id, entry.name, "gaz")
        if label is None:
            words = surface.split()
            if words[-1] in _ORG_SUFFIXES or surface.isupper():
                label = "ORG"
            elif words[0] in _EN_GIVEN and len(words) > 1:
                label = "PERSON"
        return self.emit(j, end, label or "ORG", None, None, "latin")

    def cue(self, i: int) -> int:
        """Tries the cue rules at token i; returns the token after what it consumed."""
        toks = self.toks
        skip = self.word_after_clitic(i, ar.ORG_DESCRIPTORS)
        if skip is not None:
            return self.after_descriptor(i + 1)
        skip = self.word_after_clitic(i, ar.ORG_HEADS)
        if skip is not None:
            return self.org_head(i, skip)
        skip = self.word_after_clitic(i, ar.PERSON_TITLES)
        if skip is not None:
            return self.after_title(i + 1)
        skip = self.word_after_clitic(i, ar.PLACE_CUES)
        if skip is not None:
            j = i + 1
            while j < self.n and toks[j].norm in ar.NISBA:
                j += 1
            if j < self.n and not self.used[j]:
                m = self.gaz_at(j, prefer="GPE")
                if m:
                    end, sk, ident = m
                    e = self.gaz.entries[ident]
                    return self.emit(j, end, e.label, e.id, e.name, "gaz", sk)
                end = self.name_run(j, limit=3, allow_definite_after=False, org=True)
                t = toks[j]
                if end == j and t.kind == "ar" and t.norm.startswith("ال") and not ar.is_common(t.norm) \
                        and _is_name_word(t) and t.norm not in ar.NISBA:
                    end = j + 1  # "ميناء العريش", "مدينة العلا": a definite town name
                if end > j:
                    return self.emit(j, end, "GPE")
            return i + 1
        skip = self.word_after_clitic(i, ar.GIVEN_NAMES)
        # Only و/ف attach to a bare name; "كريم" is not ك + ريم.
        if skip is not None and (skip == 0 or (skip == 1 and toks[i].norm[0] in "وف")) \
                and toks[i].norm not in ar.FUNCTION_WORDS:
            end = self.name_run(i, limit=4)
            after = toks[i + 1] if i + 1 < self.n else None
            before = toks[i - 1] if i > 0 else None
            # A lone given name before a comma is a name only where a name is
            # expected: "قال أحمد،"; "أموال العملاء آمنة،" is an adjective.
            lone_ok = after is not None and (after.norm in _THAT or (after.kind == "punct" and (
                before is None or before.kind == "punct" or self.word_after_clitic(i - 1, ar.VERBS) is not None
                or _feminine_verb(before.norm))))
            if end > i + 1 or lone_ok:
                return self.emit(i, end, "PERSON", skip=skip)
        return i + 1

    def org_name(self, j: int, label: str = "ORG", known_only: bool = False, weak: bool = False) -> int:
        """Finds an organisation name at j (gazetteer, Latin run, or name words); returns its end.

        ``known_only`` (after an anaphoric cue such as "الشركة") accepts only
        a gazetteer or Latin-script name; ``weak`` (after a cue such as "مركز")
        accepts name words only when a domain noun closes them ("بوسفوروس للأبحاث").
        """
        j = self.skip_quotes(j)
        if j >= self.n or self.used[j]:
            return j
        t = self.toks[j]
        if t.kind == "lat":
            return self.latin(j, label)
        if not self.gaz_at(j):
            spelled = self.letters(j)
            if spelled is not None:
                return spelled
        m = self.gaz_at(j, context=True, prefer="ORG") or self.gaz_at(j, prefer="ORG")
        if m:
            end, sk, ident = m
            e = self.gaz.entries[ident]
            if e.label == "ORG" and end < self.n and self.toks[end].norm in ar.COMPANY_WORDS:
                # "أمازون ويب سيرفيسز": a known name followed by company words is another company.
                stop = end
                while stop < self.n and self.toks[stop].norm in ar.COMPANY_WORDS:
                    stop += 1
                return self.emit(j, stop, "ORG")
            if e.label == "ORG" and end < self.n and self.toks[end].norm.startswith("لل") \
                    and any(st in ar.ORG_DOMAIN_NOUNS for _, st in self.stems(end)) \
                    and not (end + 1 < self.n and ar.has_article(self.toks[end + 1].norm)):
                end += 1  # "شركة زين للاتصالات": the trade noun is part of the company's name
            return self.emit(j, end, e.label if e.label != "GPE" else "ORG", e.id, e.name, "gaz", sk)
        if ar.has_article(t.norm) or known_only:
            return j
        if t.norm in ar.GIVEN_NAMES:
            # Companies named after their founder ("مجموعة ماجد الفطيم").
            end = self.name_run(j, limit=3)
            return self.emit(j, end, label) if end > j else j
        end = self.name_run(j, limit=3, allow_definite_after=False, org=True)
        if end == j and t.kind == "ar" and not self.used[j] and t.norm not in ar.FUNCTION_WORDS \
                and self.word_after_clitic(j, ar.FUNCTION_WORDS) is None and not t.text.endswith("ة"):
            nxt = self.toks[j + 1] if j + 1 < self.n else None
            follows = nxt is not None and nxt.kind == "ar" and _is_name_word(nxt) \
                and not ar.has_article(nxt.norm)
            if not ar.is_listed_common(t.norm) or follows:
                # After a cue, the cue outweighs a word's shape ("شركة إعمار"), and a
                # common word before a name word is a brand ("منصة سوق بلس").
                end = self.name_run(j + 1, limit=2, allow_definite_after=False, org=True)
        # A domain noun with ل closes many company names ("نوفا للحلول").
        suffixed = False
        if end > j and end < self.n and self.toks[end].kind == "ar":
            n = self.toks[end].norm
            described = end + 1 < self.n and self.toks[end + 1].kind == "ar" \
                and self.toks[end + 1].norm.startswith("ال")
            # "نوفا داتا للحلول" names the company; "أنغامي للبث الموسيقي" describes it.
            if not described and ((n.startswith("لل") and not n.endswith(("ين", "ون"))) or any(
                st in ar.ORG_DOMAIN_NOUNS for sk, st in self.stems(end) if sk >= 2
            )):
                end += 1
                suffixed = True
        if end == j + 1 and not suffixed and t.text.endswith("ة") and not ar.looks_foreign(t.norm):
            after = self.toks[end] if end < self.n else None
            if after is None or after.kind == "punct" or after.norm in ar.FUNCTION_WORDS \
                    or self.word_after_clitic(end, ar.FUNCTION_WORDS) is not None:
                return j  # "شركة وساطة بسبب": an indefinite noun says what kind of company
        if end > j and (suffixed or not weak):
            return self.emit(j, end, label)
        return j

    def after_descriptor(self, j: int) -> int:
        """Name after شركة/صحيفة/منصة…: the cue is not part of it unless the name is descriptive."""
        cue = j - 1
        cue_skip, cue_stem = next(
            ((sk, st) for sk, st in self.stems(cue) if st in ar.ORG_DESCRIPTORS), (0, self.toks[cue].norm)
        )
        label = "MISC" if cue_stem in ar.PRODUCT_CUES else "ORG"
        known_only = cue_stem.startswith("ال")
        if cue > 0 and (self.toks[cue - 1].kind == "num" or self.toks[cue - 1].norm in _QUANTIFIERS):
            return j  # "30 شركة غادرت": a count of companies, not a name
        weak = cue_stem in ar.WEAK_DESCRIPTORS
        while j < self.n and self.toks[j].norm in ar.NISBA:
            # "الشركة البريطانية كامبريدج أناليتيكا": the adjective describes the cue.
            j += 1
            known_only = False
        if j >= self.n:
            return j
        k = self.description_end(j)
        if k > j:
            # "شركة تحليل البيانات X", "شركة الاتصالات زين": a description of the
            # company's trade sits between the cue and its name.
            return max(self.org_name(k, label, known_only, weak), k)
        t = self.toks[j]
        if t.kind == "ar" and ar.has_article(t.norm) and not known_only \
                and not self.gaz_at(j, context=True) and not self.gaz_at(j):
            end = j
            while end < self.n and end - j < 3 and self.toks[end].kind == "ar" \
                    and ar.has_article(self.toks[end].norm) and _is_name_word_or_nisba(self.toks[end]):
                end += 1
            if cue_stem in ar.INCLUSIVE_DESCRIPTORS and end > j:
                # "وكالة الأنباء السعودية" has no separate name: the cue starts it.
                return self.emit(cue, end, label, skip=cue_skip)
            if cue_stem in ar.DEFINITE_NAME_DESCRIPTORS:
                while end > j and self.toks[end - 1].norm in ar.NISBA:
                    end -= 1
                if end > j:
                    return self.emit(j, end, label)
            return j
        return max(self.org_name(j, label, known_only, weak), j)

    def common_alias(self, i: int, end: int) -> bool:
        """True when a one-word gazetteer alias is here a common noun heading a phrase.

        "صور" is Tyre and also "pictures": before another word ("وصور ملفاتهم")
        it is the noun.
        """
        if end != i + 1 or not ar.is_listed_common(self.toks[i].norm) or end >= self.n:
            return False
        nxt = self.toks[end]
        return nxt.kind == "ar" and nxt.norm not in ar.FUNCTION_WORDS and nxt.norm not in ar.VERBS

    def description_end(self, j: int) -> int:
        """End of a trade description after a cue when a name follows it, else j.

        The description is one to three common words (a masdar, a domain noun)
        ending in a definite word or a domain noun: "تحليل البيانات",
        "الاتصالات", "بيانات الصحة". The word after it must be able to start a
        name: Latin script, a gazetteer name, or an indefinite name word.
        """
        k = j
        while k < self.n and k - j < 4 and self.toks[k].kind == "ar" and not self.gaz_at(k) and (
            ar.is_listed_common(self.toks[k].norm)
            or any(st in ar.ORG_DOMAIN_NOUNS for _, st in self.stems(k))
            or (k > j and self.toks[k].norm in ar.NISBA)  # "شركة الأدوية السويسرية نوفارتيس"
        ):
            k += 1
        if k == j or k >= self.n or self.used[k]:
            return j
        last = self.toks[k - 1].norm
        if not (ar.has_article(last) or last in ar.ORG_DOMAIN_NOUNS or last in ar.NISBA):
            return j
        nt = self.toks[k]
        if nt.kind == "lat" or self.gaz_at(k) or (
            nt.kind == "ar" and _is_name_word(nt) and not ar.has_article(nt.norm) and not nt.text.endswith("ة")
        ):
            return k
        return j

    def bare_subject(self, i: int) -> int | None:
        """A name without a cue as the subject of a clause: "رفعت فودافون الأسعار", "أن ستاربكس ستغلق".

        After a feminine perfect verb (companies are grammatically feminine)
        the subject must be followed by a boundary, a complementiser or a
        common word (the object); after إن/أن it must be followed by a verb or
        a negation. The words must be name words that the common-word lexicon
        and the verb/masdar shapes do not claim, without the article.
        """
        t = self.toks[i]
        if t.kind != "ar":
            return None
        that = t.norm in _THAT_BARE
        if not that and not _feminine_verb(t.norm):
            return None
        j = i + 1
        if j >= self.n or self.used[j]:
            return None
        f = self.toks[j]
        if f.kind != "ar" or ar.has_article(f.norm) or not _is_name_word(f) or f.norm in ar.SUBJECT_NOUNS \
                or f.norm in ar.GIVEN_NAMES or f.text.endswith(("ة", "ه")) \
                or f.norm.endswith(("ات", "ين")) or (f.norm.endswith("ون") and not _foreign_un(f.norm)) \
                or self.gaz_at(j) \
                or self.word_after_clitic(j, ar.ORG_DOMAIN_NOUNS) is not None:
            return None
        end = self.name_run(j, limit=3, allow_definite_after=False, org=True)
        if end == j or any(t.text.endswith(("ه", "ها", "هم")) for t in self.toks[j:end]):
            return None  # a possessive suffix marks a common noun ("صافي أرباحه")
        nxt = self.toks[end] if end < self.n else None
        if that:
            boundary = nxt is not None and nxt.kind == "ar" and (
                nxt.norm in _NEGATIONS or self.word_after_clitic(end, ar.VERBS) is not None
                or ar.is_verb_shape(nxt.norm)
            )
        else:
            # One word before a definite noun is a construct phrase ("منعت دخول المساعدات").
            boundary = nxt is None or nxt.kind == "punct" or nxt.norm in _THAT or nxt.norm in ar.FUNCTION_WORDS \
                or ar.is_listed_common(nxt.norm) or (ar.has_article(nxt.norm) and end - j > 1)
        if not boundary:
            return None
        return self.emit(j, end, "ORG")

    def after_nisba(self, i: int) -> int | None:
        """A person described by a definite noun and a nationality: "العداء المغربي سفيان البقالي".

        The noun before the nationality is a profession or role the title
        list does not know; two name words (or one known given name) after it
        are the person.
        """
        t = self.toks[i]
        if t.kind != "ar" or t.norm not in ar.NISBA or not ar.has_article(t.norm) or i == 0:
            return None
        prev = self.toks[i - 1]
        if prev.kind != "ar" or not ar.has_article(prev.norm) or self.used[i - 1] \
                or prev.norm in ar.NISBA or self.word_after_clitic(i - 1, ar.ORG_DESCRIPTORS) is not None \
                or self.word_after_clitic(i - 1, ar.ORG_HEADS) is not None:
            return None
        j = i + 1
        if j >= self.n or self.used[j] or self.toks[j].kind != "ar" or self.gaz_at(j):
            return None
        f = self.toks[j]
        if not _is_name_word(f) or (ar.has_article(f.norm) and not _hamza_al(f)) or f.text.endswith("ة") \
                and f.norm not in ar.GIVEN_NAMES:
            return None
        end = self.name_run(j, limit=3)
        if end - j >= 2 or (end - j == 1 and f.norm in ar.GIVEN_NAMES):
            return self.emit(j, end, "PERSON")
        return None

    def letters(self, i: int) -> int | None:
        """An initialism spelled in Arabic letter names: "بي واي دي", "إم بي سي" (two or more)."""
        k = i
        while k < self.n and self.toks[k].kind == "ar" and self.toks[k].norm in ar.LETTER_NAMES:
            k += 1
        if k - i < 2 or any(self.used[i:k]):
            return None
        return self.emit(i, k, "ORG")

    def foreign_object(self, i: int) -> int | None:
        """A transliterated name after مع/من/عن without a cue: "اتفاقا مع فودافون", "قادما من بنفيكا".

        Prepositions are followed by any noun, so the first word must have the
        shape of a transliterated name (``nlp.arabic.looks_foreign``); more
        name words may follow it. The label is ORG: people after these
        prepositions nearly always come with a title or a known given name,
        which other rules handle.
        """
        if self.toks[i].norm not in _FOREIGN_PREPOSITIONS:
            return None
        j = i + 1
        if j >= self.n or self.used[j] or self.toks[j].kind != "ar" or not ar.looks_foreign(self.toks[j].norm) \
                or self.toks[j].norm in ar.GIVEN_NAMES or self.gaz_at(j):
            return None
        end = self.name_run(j, limit=3, allow_definite_after=False, org=True)
        if end == j:
            return None
        nxt = self.toks[end] if end < self.n else None
        if nxt is not None and nxt.kind == "ar" and ar.has_article(nxt.norm) and end - j == 1:
            return None  # a construct phrase
        return self.emit(j, end, "ORG")

    def prune(self) -> None:
        """Drops and trims rule spans that start or end in a common word.

        A person's name never ends in a verb, a masdar or a common noun
        ("كوغان بشراء", "أسماء المستخدمين"); an organisation found by a rule
        does not end in an indefinite common word ("لومينا باي تطبيقا") and
        is not made of common words only ("تحليل", "الاتصالات").
        """
        index, ends = self._starts, self._ends
        kept = []
        for s in self.spans:
            if s.source not in ("rule", "lexicon"):
                kept.append(s)
                continue
            first = index.get(s.start)
            if first is None:  # the span starts after a clitic inside a token
                first = max(k for k, t in enumerate(self.toks) if t.start <= s.start)
            last = ends[s.end]
            toks = self.toks[first : last + 1]
            if s.label == "PERSON":
                while toks and toks[-1].kind == "ar" and ar.is_common(toks[-1].norm) \
                        and toks[-1].norm not in ar.COMPOUND_SECOND:
                    toks.pop()
                if toks and toks[0].kind == "ar" and ar.is_common(toks[0].norm):
                    toks = []
            else:
                while len(toks) > 1 and toks[-1].kind == "ar" and not ar.has_article(toks[-1].norm) \
                        and not toks[-1].norm.startswith("لل") \
                        and ar.is_common(toks[-1].norm) and toks[-1].norm not in ar.ORG_DOMAIN_NOUNS:
                    toks.pop()
                if all(t.kind == "ar" and (ar.is_listed_common(t.norm) or any(
                        st in ar.ORG_DOMAIN_NOUNS for _, st in ar.clitic_splits(t.norm))) for t in toks):
                    toks = []
            if not toks:
                for k in range(first, last + 1):
                    self.used[k] = False
                continue
            new_last = first + len(toks) - 1
            for k in range(new_last + 1, last + 1):
                self.used[k] = False
            s.end = self.toks[new_last].end
            kept.append(s)
        self.spans = kept

    def org_head(self, i: int, skip: int) -> int:
        """وزارة الخارجية، جامعة كامبريدج، الهيئة العامة للإحصاء: the cue starts the name."""
        m = self.gaz_at(i)
        if m:
            end, sk, ident = m
            e = self.gaz.entries[ident]
            return self.emit(i, end, e.label, e.id, e.name, "gaz", sk)
        j = i + 1
        end = j
        while end < self.n and end - i < 6:
            t = self.toks[end]
            if t.kind != "ar" or t.norm in ar.FUNCTION_WORDS or t.norm in ar.VERBS \
                    or t.norm.startswith(("بال", "كال", "وبال")) or ar.is_verb_shape(t.norm) \
                    or t.norm in _ANAPHORIC_ORGS \
                    or (self.toks[i].norm.startswith("ال")
                        and self.word_after_clitic(end, ar.PERSON_TITLES) is not None):
                # "اتهمت الهيئة الدكتور X": after a definite head a title starts a
                # person ("جامعة الملك سعود" keeps it); "البنك يدرس", "وأمرت المحكمة
                # الشركة": the clause goes on.
                break
            if end > j and self.toks[end - 1].norm in ar.NISBA and t.norm not in ar.NISBA:
                break  # a nationality adjective closes the name ("… الفرنسية الشركة")
            if self.toks[i].norm.startswith("ال") and end == j and t.norm.endswith("ات"):
                break  # "ورفضت الوزارة الانتقادات": an anaphoric head and its object
            if t.norm in _GENERIC_AFTER_HEAD and end == j:
                return j
            if ar.has_article(t.norm) or t.norm.startswith(("لل", "ولل")):
                if t.norm.startswith(("وال", "ول")) and end == j:
                    break
                end += 1
                continue
            m = self.gaz_at(end)
            if m and end == j:
                e = self.gaz.entries[m[2]]
                if e.label == "ORG":
                    # "منظمة هيومن رايتس ووتش": the head only describes a known name.
                    return self.emit(j, m[0], e.label, e.id, e.name, "gaz", m[1])
                end = m[0]
                continue
            if end == j and not ar.has_article(t.norm) and ar.is_common(t.norm) and end + 1 < self.n \
                    and self.toks[end + 1].kind == "ar" and ar.has_article(self.toks[end + 1].norm):
                end += 1  # construct phrase on a common noun: "هيئة أسواق المال", "جمعية حماية المستهلك"
                continue
            if end == j and _is_name_word(t) and t.norm not in ar.NISBA:
                if t.norm in ar.GIVEN_NAMES:
                    end = self.name_run(end)
                    continue
                head = next((st for _, st in self.stems(i) if st in ar.ORG_HEADS), "")
                if head.startswith("ال"):
                    # "الهيئة ستشدد": a definite head refers back; no name follows.
                    return j
                if end + 1 < self.n and self.toks[end + 1].kind == "ar" \
                        and ar.has_article(self.toks[end + 1].norm):
                    # Construct phrase: "هيئة أسواق المال", "جمعية حماية المستهلك".
                    end += 1
                    continue
                if head in ar.NAMED_HEADS:
                    # "جامعة نورثغيت", "بنك مسقط": the head is part of the name.
                    end = self.name_run(end, limit=3, allow_definite_after=False, org=True)
                    continue
                # "صندوق ليفانت فنتشرز": the head describes a name of its own.
                return self.org_name(j)
            break
        if end == j:
            return j
        return self.emit(i, end, "ORG", skip=skip)

    def after_title(self, j: int) -> int:
        """Person name after a title, skipping modifiers and an organisation genitive."""
        toks = self.toks
        while j < self.n:
            t = toks[j]
            if t.text == ".":
                j += 1
                continue
            if t.kind != "ar":
                if t.kind == "lat":
                    return self.latin(j, "PERSON")
                return j
            if t.norm == "باسم":
                after = self.org_name(j + 1)
                nxt = self.toks[after] if after < self.n else None
                if after == j + 1 and nxt is not None and nxt.kind == "ar" and nxt.norm.startswith("ال") \
                        and after + 1 < self.n and self.toks[after + 1].norm in ar.NISBA \
                        and ar.has_article(self.toks[after + 1].norm):
                    # "المتحدث باسم الجيش الإسرائيلي أفيخاي أدرعي": a definite
                    # institution with its nationality (not annotated as a name
                    # in the gold set), then the spokesperson.
                    j = after + 2
                    continue
                if nxt is not None and nxt.kind == "ar" and nxt.norm in ar.GIVEN_NAMES | _ANAPHORIC_ORGS:
                    # "المتحدثة باسم الشركة كلارا فيشر": the spokesperson is named after the organisation.
                    j = after + (nxt.norm in _ANAPHORIC_ORGS)
                    continue
                return after
            if t.norm in ("باسمه", "باسمها"):
                j += 1
                continue
            if self.word_after_clitic(j, ar.ORG_DESCRIPTORS) is not None:
                j = self.after_descriptor(j + 1)
                continue
            if self.word_after_clitic(j, ar.ORG_HEADS) is not None:
                sk = self.word_after_clitic(j, ar.ORG_HEADS) or 0
                j = self.org_head(j, sk)
                continue
            if ar.has_article(t.norm) and t.norm not in ar.FUNCTION_WORDS:
                m = self.gaz_at(j)
                if m and self.gaz.entries[m[2]].label != "PERSON":
                    e = self.gaz.entries[m[2]]
                    j = self.emit(j, m[0], e.label, e.id, e.name, "gaz", m[1])
                    continue
                if m:
                    break
                j += 1
                continue
            if t.norm in ar.PERSON_TITLES:
                j += 1
                continue
            if t.norm == "في" and j + 1 < self.n and self.toks[j + 1].kind == "ar" \
                    and ar.has_article(self.toks[j + 1].norm) and j + 2 < self.n:
                j += 1  # "كبيرة العلماء في الشركة إنغريد فوس"
                continue
            break
        if j >= self.n or self.used[j]:
            return j
        m = self.gaz_at(j)
        if m:
            end, sk, ident = m
            e = self.gaz.entries[ident]
            if e.label == "PERSON":
                return self.emit(j, end, e.label, e.id, e.name, "gaz", sk)
            if e.label == "ORG":
                j = self.emit(j, end, e.label, e.id, e.name, "gaz", sk)
                if j >= self.n:
                    return j
                m = self.gaz_at(j)
                if m and self.gaz.entries[m[2]].label == "PERSON":
                    e = self.gaz.entries[m[2]]
                    return self.emit(j, m[0], e.label, e.id, e.name, "gaz", m[1])
        t = self.toks[j]
        if t.kind == "ar" and t.norm.startswith("ل") and not t.norm.startswith("لل") and len(t.norm) >= 5 \
                and t.norm not in ar.GIVEN_NAMES and j > 0 and self.toks[j - 1].kind == "ar" \
                and ar.has_article(self.toks[j - 1].norm) and _is_name_word(t):
            # "الرئيسة التنفيذية لإنفوسيس": ل + name is whose title it is.
            end = self.name_run(j, limit=3, allow_definite_after=False, org=True)
            return self.emit(j, end, "ORG", skip=1)
        end = self.name_run(j, limit=4)
        if end > j:
            last = self.spans[-1] if self.spans else None
            if (
                end - j == 1
                and j >= 3
                and last is not None
                and last.label == "ORG"
                and last.source == "rule"
                and last.end == self.toks[j - 1].end
                and last.start <= self.toks[j - 3].start
                and not self.toks[j - 1].norm.startswith("لل")
            ):
                # "رئيس شركة هوشي موتورز كينجي واتانابي": the company took the
                # first name; a person named by one word here is rarer.
                last.end = self.toks[j - 2].end
                self.used[j - 1] = False
                return self.emit(j - 1, end, "PERSON")
            return self.emit(j, end, "PERSON")
        last = self.spans[-1] if self.spans else None
        if (
            j >= 3
            and last is not None
            and last.label == "ORG"
            and last.source == "rule"
            and last.end == self.toks[j - 1].end
            and last.start == self.toks[j - 3].start
            and all(self.toks[k].norm in ar.GIVEN_NAMES or k > j - 2 for k in range(j - 2, j))
            and self.toks[j - 2].norm in ar.GIVEN_NAMES
        ):
            # "المتحدث باسم شركة سوناطراك إدريس بلقاسم إن": the last two words are the person.
            last.end = self.toks[j - 3].end
            self.used[j - 2] = self.used[j - 1] = False
            return self.emit(j - 2, j, "PERSON")
        return j

    def lexicon_pass(self) -> None:
        """Finds later (or earlier) mentions of names the rules found once, without their cue."""
        lex: dict[tuple[str, ...], _Span] = {}
        for s in self.spans:
            if s.source == "gaz" and s.label == "PERSON":
                k = ar.key(self.text[s.start : s.end])
                if len(k) > 1 and not ar.has_article(k[-1]):
                    lex.setdefault((k[-1],), s)
                continue
            if s.source not in ("rule",):
                continue
            k = tuple(ar.key(self.text[s.start : s.end]))
            if k:
                lex.setdefault(k, s)
                if s.label == "ORG" and len(k) > 1 and k[-1].startswith("لل"):
                    lex.setdefault(k[:-1], s)  # "ستيلار للضيافة" … "ستيلار"
                if s.label == "PERSON" and len(k) > 1:
                    lex.setdefault((k[-1],), s)
                    if len(k) > 2:
                        lex.setdefault(k[-2:], s)
        if not lex:
            return
        max_len = max(len(k) for k in lex)
        firsts = {k[0] for k in lex}
        for i in range(self.n):
            if self.used[i] or self.toks[i].kind != "ar":
                continue
            for skip, stem in self.stems(i):
                if stem not in firsts:
                    continue
                hit = None
                for n in range(min(max_len, self.n - i), 0, -1):
                    k = (stem, *(t.norm for t in self.toks[i + 1 : i + n]))
                    if k in lex and not any(self.used[i : i + n]):
                        hit = (n, lex[k])
                        break
                if hit:
                    self.emit(i, i + hit[0], hit[1].label, hit[1].id, hit[1].name, "lexicon", skip)
                    break


def _not_name_shape(norm: str) -> bool:
    """True for shapes that are verbs or adverbs rather than name words after a name.

    A future verb (سـ + imperfect: "ستنتج") or a circumstantial accusative
    ("قادما", "مؤكدا", "مشيرا") follows a subject name in news prose.
    """
    if 5 <= len(norm) <= 7 and norm[0] == "س" and norm[1] in "يتن" and not norm.endswith(("ي", "ا")):
        return True
    return norm in _CIRCUMSTANTIAL


def _preposition_l(norm: str) -> bool:
    """True when a word reads as ل + noun ("لتطوير", "لخدمات") rather than a name starting with L."""
    if norm.startswith("لل"):
        return True
    stem = norm[1:] if norm.startswith("ل") else ""
    return len(stem) >= 3 and (stem[0] in "تم" or stem in ar.ORG_DOMAIN_NOUNS or stem.endswith("ات"))


def _is_name_word_or_nisba(tok: ar.Token) -> bool:
    return _is_name_word(tok) or tok.norm in ar.NISBA


_CIRCUMSTANTIAL = frozenset(
    ar._n(
        """قادما قائلا مؤكدا مشيرا مضيفا موضحا معتبرا معربا داعيا مطالبا محذرا منددا واصفا لافتا
        متوقعا مرجحا مشددا مبينا معلنا ملمحا مستبعدا"""
    )
)
_FOREIGN_PREPOSITIONS = frozenset(ar._n("مع من عن"))
_ANAPHORIC_ORGS = frozenset(ar._n("الشركة المنظمة الوزارة الهيئة المنصة المجموعة الحكومة"))
_THAT_BARE = frozenset(ar._n("إن أن بأن لأن"))
_NEGATIONS = frozenset(ar._n("لن لم لا قد ما"))


def _hamza_al(tok: ar.Token) -> bool:
    """True when a word starts with hamza-alef + lam ("ألباريس", "إلياس"): a name, not the article.

    The article is written with a bare alef; normalisation merges the two,
    so the surface form has to be asked.
    """
    bare = re.sub("[\u064b-\u065f\u0670\u0640]", "", tok.text)
    return bare[:2] in ("أل", "إل", "آل")


def _foreign_un(norm: str) -> bool:
    """True when a word in -ون reads as a foreign name (فودافون، ماكرون) rather than a plural (محتجون).

    Sound plurals are mostly participles (مـ…ون) or bare three-letter roots;
    a transliterated name carries a long vowel before the ending.
    """
    stem = norm[:-2]
    return not norm.startswith("م") and len(stem) >= 3 and any(c in "او" for c in stem[1:])


@lru_cache(maxsize=100_000)
def _feminine_verb(norm: str) -> bool:
    """True for a feminine perfect verb, possibly after و/ف ("قالت", "ورفعت", "نفت")."""
    if not norm.endswith("ت"):
        return False
    for skip, st in ((0, norm), *ar.clitic_splits(norm)):
        if skip <= 1 and (
            (len(st) == 5 and st[0] == "ا" and st[1] not in "اوي")  # form IV: أعلنت، أطلقت
            or (len(st) == 6 and st[0] == "ا" and st[2] == "ت")  # form VIII: افتتحت، اعتمدت
            or (len(st) == 7 and st.startswith("است"))  # form X: استحوذت
            or (len(st) == 6 and st[0] == "ت" and st[2] == "ا")  # form VI: تراجعت
        ):
            return True
        if skip > 1 or not st.endswith("ت") or not 3 <= len(st) <= 7:
            continue
        if st in ar.VERBS or st[:-1] in ar.VERBS or st[:-1] in ar.COMMON_WORDS:
            return True
    return False


_QUANTIFIERS = frozenset(ar._n("عدة بعض كل أي أكثر أقل آلاف مئات عشرات ملايين"))

# "قال أحمد إن": a lone given name before a complementiser is a speaker.
_THAT = frozenset(ar._n("إن أن إنه أنه إنها أنها"))

_GENERIC_AFTER_HEAD = frozenset(
    ar._n("الإدارة الادارة العمل البيانات المستخدمين التواصل الأمناء المديرين الوزراء النواب التحقيق")
)
_EN_GIVEN = frozenset(
    """Mark John James David Michael Richard Robert Thomas William Peter Paul George Joseph Steven
    Daniel Andrew Christopher Brian Kevin Jason Eric Scott Frank Henry Charles Jack Nick Alex
    Alexander Aleksandr Matthew Adam Ben Sam Tim Tom Jeff Bill Larry Sergey Vladimir Ivan Maria Anna
    Emma Elizabeth Sarah Jennifer Linda Carole Laura Julia Sophie Claire Helen Catherine Rachel
    Michelle Mohammed Mohamed Ahmed Ali Omar Khaled Sara Fatima Layla Karim Youssef Hassan Hussein
    Sami Rami Nadia Rania Dina Lina Omar Tariq Faisal Fahd Salman Yasmin Hana Lucas Oliver Harry
    Nadine Leila Laila Layla Mona Noor Nour Salma Huda Reem Amal Yousef Youssef Mustafa Mostafa
    Ibrahim Ismail Hamid Hamza Idris Khalil Karim Walid Ziad Nabil Samir Hisham Tarek Adel Emad
    Ingrid Greta Julian Victor Marcus Peter Martin Simon Anne Marie Sophia Olivia Lucy Grace""".split()
)


def _rule_arabic_spans(text: str) -> list[_Span]:
    spans = _ArabicTagger(text).run()
    spans.sort(key=lambda s: s.start)
    return spans


# Rule spans kept where the model found nothing: known names from the
# gazetteer and Latin-script names inside Arabic (the model sees few of those).
_RULE_SOURCES_KEPT = frozenset({"gaz", "latin", "rule", "model"})
_PREFER_WIDER = True
_WIDER_ANY_LABEL = True


def _arabic_spans(text: str, model_dir=None) -> list[_Span]:
    """Arabic entities: the trained model's spans, refined by the rules where those know better.

    The model (nlp/ar/model, trained on NewsFANE) finds the names. A
    gazetteer match over the same words gives its boundaries, label and id
    (a known entity); a rule span that starts after the first word's
    proclitics gives the model span its start (the model reads whole words,
    "ولبنان"); otherwise proclitics are cut when the rest of the word is a
    name the model's lexicon knows and the whole word is not. Gazetteer and
    Latin-script rule spans are kept where the model found nothing.
    """
    from nlp.ar import ner

    rules = _rule_arabic_spans(text)
    toks = ar.tokenize(text)
    lexicon = ner.lexicon(model_dir)
    out: list[_Span] = []
    covered: list[tuple[int, int]] = []
    found = _split_conjoined(_trim_function_words(ner.predict(toks, model_dir), toks), toks, lexicon)
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
        elif toks[i].kind == "ar":
            start += _clitic_letters(toks[i], lexicon)
        same = [r for r in over if r.source == "rule" and r.start == start and r.end == end]
        if same:
            label = same[0].label  # the rules read a cue word ("شركة … ميدلينك")
        out.append(_Span(start, end, label, source="model"))
        covered.append((toks[i].start, end))
    for r in rules:
        if r.source in _RULE_SOURCES_KEPT and not any(r.start < e and r.end > s for s, e in covered):
            out.append(r)
    kept = _no_overlaps(out)
    return _no_overlaps(kept + _later_mentions(toks, kept)) if _PROPAGATE else kept


def _no_overlaps(spans: list[_Span]) -> list[_Span]:
    spans = sorted(spans, key=lambda s: (s.start, -s.end))
    kept: list[_Span] = []
    for s in spans:
        if kept and s.start < kept[-1].end:
            continue
        kept.append(s)
    return kept


_PROPAGATE = True


def _later_mentions(toks: list[ar.Token], spans: list[_Span]) -> list[_Span]:
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


def _trim_function_words(found: list[tuple[int, int, str]], toks: list[ar.Token]) -> list[tuple[int, int, str]]:
    """Drops particles and prepositions the model let into a span's edges ("كوغان على").

    The model reads normalised words, where على (on) and the name علي (Ali)
    are one form; the surface tells them apart, so a final على goes.
    """
    def particle(t: ar.Token) -> bool:
        if t.kind != "ar":
            return t.kind == "punct"
        if t.norm == "علي":
            return t.text.rstrip("\u064b-\u065f").endswith("ى")
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


def _split_conjoined(found: list[tuple[int, int, str]], toks: list[ar.Token], lexicon: dict[str, str]
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


def _clitic_letters(tok: ar.Token, lexicon: dict[str, str]) -> int:
    """Characters of a token's surface that are proclitics, when the lexicon says so (else 0)."""
    if tok.norm in lexicon:
        return 0
    for letters, stem in ar.clitic_splits(tok.norm):
        if stem in lexicon or ar.strip_article(stem) in lexicon:
            return ar.surface_offset(tok.text, letters)
    return 0


# ---------------------------------------------------------------------------
# ids and names


def _finish(text: str, spans: list[_Span], lang: str) -> list[Entity]:
    """Assigns ids and display names, links short mentions and Arabic to Latin spellings."""
    gaz = gazetteer()
    spans = sorted(spans, key=lambda s: s.start)
    latin = [s for s in spans if not _has_arabic(text[s.start : s.end])]
    out: list[Entity] = []
    known: list[Entity] = []
    # Entities whose id a list gave (the recogniser's or the gazetteer's): never a generic body's.
    listed: set[int] = set()
    for s in spans:
        surface = text[s.start : s.end]
        ident, name, label = s.id, s.name, s.label
        if ident is None:
            entry = gaz.lookup(surface, lang if not _has_arabic(surface) or lang == "ar" else "ar")
            if entry is not None:
                ident, name, label = entry.id, entry.name, entry.label
        if ident == "oman" and "\u0651" in surface:
            # عُمان is Oman, عمّان (with shadda) is Amman; normalisation loses the difference.
            entry = gaz.get("amman")
            if entry is not None:
                ident, name = entry.id, entry.name
        if ident is None and _has_arabic(surface):
            person = _known_person_at_end(surface, gaz)
            if person is not None:
                # "منظمة تيدروس أدهانوم غيبريسوس" (from "المدير العام للمنظمة تيدروس …"): the
                # recogniser ran the organisation a title belongs to into the person's name.
                cut, entry = person
                s = _Span(s.start + cut, s.end, "PERSON", entry.id, entry.name, s.source)
                surface = text[s.start : s.end]
                ident, name, label = entry.id, entry.name, "PERSON"
        if ident is None:
            linked = _earlier_mention(surface, label, known, lang)
            if linked is not None:
                ident, name, label = linked.id, linked.name, linked.label
        if ident is None and _has_arabic(surface):
            partner = _latin_partner(text, s, latin)
            if partner is not None:
                p_surface = text[partner.start : partner.end]
                ident = partner.id or slugify(p_surface)
                name = partner.name or p_surface
                if partner.id is None and s.label != partner.label and s.source != "latin":
                    partner.label = s.label
            else:
                ident, name = _skeleton_lookup(surface, gaz, label)
                if ident is not None:
                    label = gaz.entries[ident].label
        if ident is None:
            if _has_arabic(surface):
                ident, name = _unknown_arabic(surface, gaz)
            else:
                name = _display(surface)
                ident = _latin_id(name)
        if not ident:
            continue
        ent = Entity(surface, label, s.start, s.end, ident, name or surface)
        if ident == s.id or gaz.get(ident) is not None:
            listed.add(len(out))
        out.append(ent)
        known.append(ent)
    _country_of_generic_bodies(text, lang, out, listed, gaz)
    # A Latin spelling linked to an Arabic name shares that name's id. The
    # script of each mention is found once, and the Arabic labels looked up by
    # id, so this stays linear in the number of mentions.
    arabic = [_has_arabic(e.text) for e in out]
    arabic_label: dict[str, str] = {}
    for e, is_ar in zip(out, arabic, strict=True):
        if is_ar:
            arabic_label[e.id] = e.label  # the last Arabic mention wins, as before
    for e, is_ar in zip(out, arabic, strict=True):
        if not is_ar and e.id in arabic_label:
            e.label = arabic_label[e.id]
    return out


# "Oman's", "the Omani" right before an English name.
_EN_OWNER = re.compile(r"(?:\b([A-Z][\w.-]*(?: [A-Z][\w.-]*){0,2})['’]s|\b([A-Z][a-z]+(?: Korean)?))\s+$")
# "في الكويت" / "بالكويت" right after an Arabic name.
_AR_IN_PLACE = re.compile(r"\s+(?:في|ب)\s*(\S+(?:\s+\S+)?)")


def _country_of_generic_bodies(text: str, lang: str, out: list[Entity], listed: set[int], gaz: Gazetteer) -> None:
    """Gives the generic state bodies of a text their country: "Oman's Ministry of Health" → ministry-of-health-oman.

    Every country has a Ministry of Health, a Capital Market Authority and a
    Public Prosecution (``nlp.countries.generic_body``), so their ids carry
    the country the text names with them ("Oman's", "the Omani", "وزارة الصحة
    العمانية", "… في الكويت"), else the article's (``nlp.countries.article_country``).
    Later mentions of the same body ("the Ministry of Health") take the
    country of its first mention that names one. Bodies the gazetteer knows
    keep its id.
    """
    from nlp.countries import article_country, country_of_adjective, generic_body

    bodies: list[tuple[int, str, str | None]] = []  # (index in out, English name, country named with it)
    for i, e in enumerate(out):
        if e.label != "ORG" or i in listed:
            continue
        named: str | None = None
        if _has_arabic(e.text):
            words = e.text.split()
            if len(words) > 2 and country_of_adjective(words[-1]) is not None:
                # "وزارة الصحة السودانية": the gentilic names the country, the rest the body.
                named = country_of_adjective(words[-1])
                words = words[:-1]
            english = english_name(" ".join(words), None)
            base = generic_body(english[0]) if english is not None else None
            if base is not None and named is None:
                after = text[e.end : e.end + 40]
                m = re.match(r"\s+(\S+)", after)
                if m is not None and country_of_adjective(m.group(1).strip("،,.")) is not None:
                    named = country_of_adjective(m.group(1).strip("،,."))
                else:
                    m = _AR_IN_PLACE.match(after)
                    if m is not None:
                        place = re.split(r"[،,.؛:()«»\n]", m.group(1))[0].split()
                        for n in (2, 1):
                            named = named or (_place_country(" ".join(place[:n]), "ar", gaz) if len(place) >= n
                                              else None)
        else:
            base = generic_body(_display(e.text))
            if base is not None:
                m = _EN_OWNER.search(text[max(0, e.start - 40) : e.start])
                if m is not None and m.group(1):
                    named = _place_country(m.group(1), "en", gaz)
                elif m is not None and m.group(2):
                    named = country_of_adjective(m.group(2))
        if base is not None:
            bodies.append((i, base, named))
    if not bodies:
        return
    first_named: dict[str, str] = {}
    for _i, base, named in bodies:
        if named is not None:
            first_named.setdefault(base.lower(), named)
    fallback: list[str | None] = []
    for i, base, named in bodies:
        country = named or first_named.get(base.lower())
        if country is None:
            if not fallback:
                fallback.append(article_country(text, lang, out))
            country = fallback[0]
        e = out[i]
        entry = gaz.get(country) if country else None
        e.id = f"{slugify(base)}-{country}" if country else slugify(base)
        e.name = f"{base} ({entry.name})" if entry is not None else base


def _place_country(name: str, lang: str, gaz: Gazetteer) -> str | None:
    """Whose generic bodies a place named as written stands for ("Oman", "Dubai", "الكويت"), else None."""
    from nlp.countries import government_of

    entry = gaz.lookup(name.strip(), lang)
    if entry is None and lang == "ar" and name[:1] in "وبل":
        entry = gaz.lookup(name[1:], lang)
    return government_of(entry.id) if entry is not None and entry.label == "GPE" else None


def _known_person_at_end(surface: str, gaz: Gazetteer) -> tuple[int, object] | None:
    """(offset in surface, gazetteer entry) of a known person's name of two words or more that ends an
    Arabic name whose first word is a common noun ("منظمة تيدروس أدهانوم غيبريسوس"), else None."""
    words = surface.split()
    if len(words) < 3:
        return None
    at = 0
    for k in range(1, min(3, len(words) - 1)):
        at = surface.index(words[k], at + len(words[k - 1]) if k > 1 else len(words[0]))
        entry = gaz.lookup(" ".join(words[k:]), "ar")
        if entry is not None and entry.label == "PERSON":
            return at, entry
    return None


def _unknown_arabic(surface: str, gaz: Gazetteer) -> tuple[str, str]:
    """(id, name) of an Arabic name nothing else identifies: its English name when its words translate, else its
    usual Latin spelling (``nlp.latin_names``, ``nlp.translit.slug``)."""

    def known(name: str) -> tuple[str, str, str] | None:
        entry = gaz.lookup(name, "ar")
        return (entry.id, entry.name, entry.label) if entry is not None else None

    english = english_name(surface, known)
    words = surface.split()
    for cut in range(len(words) - 1, 1, -1):
        if english is not None:
            break
        if words[cut][:1] in "ولب" and len(words[cut]) > 3:
            # A name run on into the sentence ("هيئة تنظيم الطيران المدني للمطالبة",
            # "وزارة الصحة والجهات الأمنية"): the name before the particle, when it translates.
            english = english_name(" ".join(words[:cut]), known)
    if english is not None:
        latin, ident = english
        if ident is not None:
            return ident, latin
        if slugify(latin):
            return slugify(latin), surface
    return slug(surface), surface


def _has_arabic(s: str) -> bool:
    return ar.TOKEN_RE.match(s) is not None and any("\u0600" <= c <= "\u06ff" for c in s)


# Honorifics in front of a name that are not part of it: "Ms Davis" is Davis,
# whose id is the same as in a text that writes her name without one.
_HONORIFICS_EN = frozenset(
    "Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Prof Prof. Professor Sen. Senator Rep. Judge Justice".split()
)
# A dotted initialism ("U.N.", "N.F.L") is the same name as the undotted one.
_DOTTED = re.compile(r"\b([A-Z])\.(?=[A-Z]\b)|(?<=\b[A-Z])\.(?=\s|$)")


def _display(surface: str) -> str:
    """The display name of a Latin-script mention: without a leading "the" or honorific."""
    words = surface.split()
    while len(words) > 1 and (words[0] in ("the", "The") or words[0] in _HONORIFICS_EN) and words[1][:1].isupper():
        words = words[1:]
    return " ".join(words) if len(words) < len(surface.split()) else surface


def _latin_id(name: str) -> str:
    """The id of a Latin-script name: its slug, with dotted initialisms closed up (U.N. → un)."""
    return slugify(_DOTTED.sub(r"\1", name))


def _earlier_mention(surface: str, label: str, known: list[Entity], lang: str) -> Entity | None:
    """The earlier entity this short mention refers to: a person's family name or an org's first word."""
    words = list(ar.key(surface if _has_arabic(surface) else _display(surface)))
    if not words or len(words) > 2:
        return None
    for e in reversed(known):
        if e.text == surface:
            return e
        k = ar.key(e.text)
        if len(k) <= len(words):
            continue
        if e.label == "PERSON" and label in ("PERSON", "ORG", "GPE", "MISC") and tuple(words) == k[-len(words):]:
            return e
        if e.label == "ORG" and label in ("ORG", "GPE", "PERSON") and tuple(words) == k[: len(words)] \
                and len(words[0]) > 3:
            return e
        if len(words) == 1 and label == "ORG" and e.label == "ORG" and words[0].isupper() \
                and words[0] == "".join(w[0] for w in k if w[:1].isupper()):
            return e  # an acronym of an earlier name ("GSR")
        if len(words) == 1 and label == "ORG" and e.label == "ORG" and not _has_arabic(surface) \
                and words[0][:1].isupper() and len(words[0]) > 3 and words[0] == k[-1]:
            return e  # the head of an earlier name ("the Commission" after "the European Commission")
    return None


def _latin_partner(text: str, s: _Span, latin: list[_Span]) -> _Span | None:
    """A Latin-script mention in the same text that spells this Arabic name (the likeliest spelling when several do)."""
    surface = text[s.start : s.end]
    for p in latin:
        gap = text[s.end : p.start] if p.start >= s.end else None
        if gap is not None and len(gap) <= 3 and _WS_ONLY.fullmatch(gap):
            return p  # "غلوبال ساينس للأبحاث (Global Science Research)"
    found = [p for p in latin if names_match(surface, text[p.start : p.end])]
    if len(found) > 1:
        found.sort(key=lambda p: cross_gap(surface, text[p.start : p.end]))
    return found[0] if found else None


# The gazetteer's Latin names by merge key, for the learned lookup below (built once per gazetteer).
_GAZ_BLOCKS: dict[int, dict[str, list[tuple[str, str]]]] = {}
# A name the gazetteer knows only in Latin script is taken for an Arabic one
# only when the model finds the spelling this likely (stricter than
# translit.MATCH_GAP: nothing else in the text vouches for it).
_GAZ_GAP = 1.0


def _gaz_blocks(gaz: Gazetteer) -> dict[str, list[tuple[str, str]]]:
    blocks = _GAZ_BLOCKS.get(id(gaz))
    if blocks is None:
        blocks = {}
        for entry in gaz.entries.values():
            for alias in {entry.name, *entry.en_aliases}:
                k = merge_key(alias)
                if k:
                    blocks.setdefault(k, []).append((entry.id, alias))
        _GAZ_BLOCKS.clear()
        _GAZ_BLOCKS[id(gaz)] = blocks
    return blocks


# Labels a gazetteer entry found by spelling alone may have for a mention of a label.
_SAME_KIND = {"PERSON": ("PERSON",), "ORG": ("ORG",), "GPE": ("GPE", "LOC"), "LOC": ("GPE", "LOC"), "MISC": ("MISC",)}


def _skeleton_lookup(surface: str, gaz: Gazetteer, label: str) -> tuple[str | None, str | None]:
    """The gazetteer entry an unknown Arabic name spells: equal long skeletons, else the learned model.

    The learned match also wants the entry's kind to be the mention's: a bank
    called "الأمان" is not Amman, nor a university in Manchester the city.
    """
    sk = skeleton(surface)
    ids = gaz.skeleton_index.get(sk) if len(sk) >= 5 else None
    if not ids and surface.startswith("ال"):
        ids = gaz.skeleton_index.get(skeleton(surface[2:])) if len(skeleton(surface[2:])) >= 5 else None
    if ids and len(ids) == 1:
        return ids[0], gaz.entries[ids[0]].name
    best: dict[str, float] = {}
    for ident, alias in _gaz_blocks(gaz).get(merge_key(surface), ()):
        if gaz.entries[ident].label not in _SAME_KIND.get(label, (label,)):
            continue
        gap = name_gap(surface, alias)
        if gap <= _GAZ_GAP and gap < best.get(ident, float("inf")):
            best[ident] = gap
    ranked = sorted((gap, ident) for ident, gap in best.items())
    if len(ranked) == 1 or (len(ranked) > 1 and ranked[1][0] - ranked[0][0] >= MATCH_MARGIN):
        return ranked[0][1], gaz.entries[ranked[0][1]].name
    return None, None
