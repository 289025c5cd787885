"""Who a speaker mention stands for, within one article.

A claim's speaker is often not named where it speaks: "He added that …",
"وأضافت أن …" (the subject is carried by the verb), "the chief executive
said", "قال الرئيس التنفيذي", "the company said", "وقال الجهاز". A
:class:`Discourse` reads the article's named entities once, with what the
text says about them, and then answers such mentions in text order:

- **pronouns and verb-carried subjects** go to the latest speaker that fits:
  a person for "he"/"she" (of that gender when the article tells, by a title,
  a first name, or the gender of the Arabic verb the person spoke with), an
  organisation or a country for "it", a woman or an organisation for a
  feminine Arabic verb, a man or a masculine organisation noun (البنك،
  الصندوق …) for a masculine one. "A spokesman for X said … He added" is X
  again;
- **roles** ("the chief executive", "الرئيس التنفيذي") go to the person the
  article gave that role, in apposition ("Karim Haddad, the chief
  executive," / "كريم حداد، الرئيس التنفيذي للشركة،") or as a title before the
  name ("chief executive Karim Haddad", "الرئيس التنفيذي للشركة كريم حداد");
- **descriptions** ("the exchange", "the regulator", "الهيئة", "الجهاز") go to
  the organisation the article described so ("the cryptocurrency exchange
  CoinDhow", "Britain's privacy watchdog, the Information Commissioner's
  Office", "هيئة تنظيم الطيران المدني"); "the company" / "الشركة" to the
  organisation the story is about when nothing closer was described;
- **a name repeated without its entity** (a surname, a headline's name the
  recogniser missed) goes to the entity of the same name.

Precision comes before recall: when no candidate fits, or the text gives no
link, the mention keeps its text and gets no id. The word lists live in
``nlp/data/`` (``given_names_*.txt``, ``role_nouns_*.txt``,
``gender_titles_*.txt``, ``ar_masculine_org_nouns.txt``,
``ar_org_head_nouns.txt``, ``en_org_nouns.txt``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from marsad.nlp import arabic, data
from marsad.nlp.latin_names import trade_word
from marsad.nlp.spans import _ORG_SUFFIXES
from marsad.nlp.tokens import BARE_ALEF
from marsad.nlp.types import Entity, Speaker

__all__ = ["Discourse", "datelines", "gender_of_name", "is_company", "org_noun", "role_noun"]

_DATA = Path(__file__).with_name("data")
_DIACRITICS = re.compile("[\u0610-\u061A\u064B-\u065F\u0670\u0640]")


def _fold(word: str) -> str:
    """A word for list lookups: lowercase, diacritics off, hamzated alef bare."""
    return _DIACRITICS.sub("", word.lower()).translate(BARE_ALEF)


@cache
def _words(name: str) -> frozenset[str]:
    """The folded words of a list in nlp/data/ (comment lines start with #)."""
    return frozenset(_fold(w) for w in data.words(name))


@cache
def _org_kinds() -> dict[str, frozenset[str]]:
    """nlp/data/org_kind_words.tsv: a noun (folded, without its article) → the folded words of its kind."""
    return {_kind_fold(noun): frozenset(_kind_fold(w) for w in words.split())
            for noun, words in data.rows("org_kind_words.tsv")}


def _kind_fold(word: str) -> str:
    """A word as the kinds table is looked up: folded, without its article, ة and ه alike."""
    return _strip_article(word).replace("ة", "ه")


def gender_of_name(name: str) -> str | None:
    """"f" or "m" when the first word of a person's name is a given name of one gender, else None."""
    words = [w for w in re.split(r"[\s.]+", name) if w]
    if not words:
        return None
    first = _fold(words[0])
    female, male = first in _words("given_names_female.txt"), first in _words("given_names_male.txt")
    if female != male:
        return "f" if female else "m"
    return None


def _strip_article(word: str) -> str:
    w = _fold(word)
    for p in ("وال", "فال", "بال", "لل", "ال"):
        if w.startswith(p) and len(w) > len(p) + 1:
            return w[len(p):]
    return w


# "calling itself", "known as": what follows is the name of what precedes.
_SELF_NAMING = r"(?:calling|calls)\s+(?:itself|themselves)\s+|known\s+as\s+|called\s+"
# Honorifics before a surname ("Dr Price", "Ms Davis", "السيد ري").
_HONORIFICS = frozenset(word for word, _lang in data.rows("honorifics.tsv"))
# Arabic words for someone who speaks for another (a spokesperson, a lawyer): "محامي الشركة" is the company.
_AR_SPOKES = ("متحدث", "ناطق", "محام")
_PRONOUNS_EN = {"he": ("PERSON", "m"), "she": ("PERSON", "f"), "it": ("ORG", None), "they": ("ANY", None)}
_PRONOUNS_AR = {"هو": ("PERSON", "m"), "هي": ("ANY", "f"), "هم": ("ANY", None)}
# A dateline: "LONDON, June 20 (Harbour Wire) - " / "MUSCAT, Jan 22 (Meridian Wire) - ".
_DATELINE_RE = re.compile(r"^[A-Z][A-Za-z .'-]{1,40},[^\n()]{0,30}?(?:\([^)\n]{1,40}\))?\s*[-–—]\s+", re.M)


def most_salient(entities: Sequence[Entity], counts: Counter, pos: int, keep) -> Entity | None:
    """The entity a text is about at offset pos, among those ``keep`` accepts.

    Candidates are the ones named before pos; the most frequent in the whole
    text wins and a tie goes to the one named first (in news, usually the
    subject). When none is named yet, only a text naming exactly one
    candidate has an answer.
    """
    # A name the text also gives as a place is the place (دبي tagged once as an organisation), not what
    # the story is about.
    places = {e.id for e in entities if e.label in ("GPE", "LOC")}
    seen: dict[str, Entity] = {}
    for e in entities:
        if e.start >= pos:
            break
        if e.id not in seen and keep(e) and not (e.label == "ORG" and e.id in places):
            seen[e.id] = e
    if not seen:
        later = {e.id: e for e in entities if keep(e) and not (e.label == "ORG" and e.id in places)}
        return next(iter(later.values())) if len(later) == 1 else None
    order = list(seen)
    return seen[max(order, key=lambda k: (counts[k], -order.index(k)))]


@dataclass
class _Said:
    """A speaker the article has quoted: where, who, with which verb gender."""

    pos: int
    id: str
    name: str | None
    label: str | None
    spokesperson: bool = False
    # The grammatical gender of an Arabic spokesperson ("متحدث" m, "المتحدثة" f), who may speak on.
    voice: str | None = None


def _without_proclitics(word: str, nouns) -> str | None:
    """The word, or the word without its proclitics (``arabic.clitic_splits``, least stripped first), whose
    rest, article aside, is one of ``nouns``: "وبعثة" → "بعثة", "للبنك" → "للبنك"; None otherwise. The whole
    word is tried first: "وفد" stays "وفد"."""
    from marsad.nlp.arabic import clitic_splits

    return next((f for f in (word, *(stem for _, stem in clitic_splits(word)))
                 if len(f) > 1 and _strip_article(f) in nouns), None)


@dataclass
class Discourse:
    """What one article says about its entities, for resolving speaker mentions in text order."""

    text: str
    lang: str
    entities: Sequence[Entity]
    gender: dict[str, str] = field(default_factory=dict)
    roles: list[tuple[int, str, Entity]] = field(default_factory=list)
    descriptions: list[tuple[int, str, Entity]] = field(default_factory=list)
    said: list[_Said] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    datelines: list[tuple[int, int]] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)

    @classmethod
    def build(cls, text: str, lang: str, entities: Sequence[Entity]) -> Discourse:
        """Reads the article once: labels, datelines, genders, roles and descriptions of its entities."""
        d = cls(text, lang, sorted(entities, key=lambda e: e.start))
        d.datelines = datelines(text, lang)
        d.entities = [e for e in d.entities if not d.in_dateline(e.start)]
        if lang == "en":
            d._relabel_described_companies()
        for e in d.entities:
            d.labels.setdefault(e.id, e.label)
            d.counts[e.id] += 1
            if e.label == "PERSON":
                d._learn_gender(e)
        d._find_roles()
        d._find_descriptions()
        return d

    def _relabel_described_companies(self) -> None:
        """Takes a "person" the text describes as an organisation for one ("Fertility app Bloomcycle",
        "Bloomcycle, a period tracking app used by …", "the ransomware group Kestrel Spider")."""
        text = self.text
        orgs: set[str] = set()
        for e in self.entities:
            if e.label != "PERSON" or gender_of_name(e.text) is not None or e.id in orgs:
                continue
            before = re.search(r"(?:^|\b)([A-Za-z-]+)\s+(?:" + _SELF_NAMING + r")?$",
                               text[max(0, e.start - 60):e.start])
            after = re.match(r",\s+(?:an?|the)\s+(?:[\w'’-]+\s+){0,5}?([a-z][a-z-]+)"
                             r"(?=\s*(?:,|\.|;|\bthat\b|\bwhich\b|\bused\b|\bowned\b|\bbased\b|\bwith\b|\bin\b))",
                             text[e.end:e.end + 120])
            nouns = [m.group(1).lower() for m in (before, after) if m is not None]
            if any(org_noun(n, "en") and not role_noun(n, "en") for n in nouns):
                orgs.add(e.id)
        if orgs:
            self.entities = [replace(e, label="ORG") if e.id in orgs else e for e in self.entities]

    def in_dateline(self, pos: int) -> bool:
        """Whether an offset lies in a dateline ("LONDON, June 20 (Harbour Wire) - ")."""
        return any(a <= pos < b for a, b in self.datelines)

    # ----------------------------------------------------------------- facts

    def _learn_gender(self, e: Entity) -> None:
        before = self.text[max(0, e.start - 30):e.start].split()
        title = _fold(before[-1].rstrip(".")) if before else ""
        if title in _words("gender_titles_female.txt"):
            self._set_gender(e.id, "f")
        elif title in _words("gender_titles_male.txt"):
            self._set_gender(e.id, "m")
        else:
            g = gender_of_name(e.text)
            if g is not None:
                self._set_gender(e.id, g)

    def _set_gender(self, ident: str, g: str) -> None:
        self.gender[ident] = g if self.gender.get(ident, g) == g else "?"

    def _find_roles(self) -> None:
        """Links role phrases to the people the article gives them."""
        text = self.text
        roles = _words(f"role_nouns_{self.lang}.txt")
        for e in self.entities:
            if e.label != "PERSON":
                continue
            if self.lang == "en":
                # "Karim Haddad, the company's chief executive," / "…, chief executive of Acme,"
                m = re.match(r",\s+((?:the |its |his |her |[A-Z][\w&.-]*(?:'s|’s) )?)((?:[a-z-]+ ){0,3}[a-z-]+)\b",
                             text[e.end:e.end + 90])
                if m is not None and not text.startswith(("'s", "’s"), e.end + m.end()):
                    # The first role noun of the words ("the health minister", "chief executive of Acme"); not
                    # a role that is someone else's ("the finance minister's son").
                    words = m.group(2).split()
                    k = next((k for k, w in enumerate(words) if _fold(w) in roles), None)
                    if k is not None:
                        self._add(self.roles, e.start, m.group(1) + " ".join(words[:k + 1]), e)
                # "chief executive Karim Haddad", "Acme's chief executive, Karim Haddad"
                m = re.search(r"((?:[\w'’-]+ ){0,2}([A-Za-z-]+)),?\s+$", text[max(0, e.start - 60):e.start])
                if m is not None and _fold(m.group(2)) in roles:
                    self._add(self.roles, e.start, m.group(1), e)
            else:
                # "كريم حداد، الرئيس التنفيذي للشركة،"
                m = re.match(r"\s*[،,]\s*((\S+)(?:\s+ال\S+){0,2})", text[e.end:e.end + 80])
                if m is not None and _strip_article(m.group(2)) in roles:
                    self._add(self.roles, e.start, m.group(1), e)
                # "الرئيس التنفيذي للشركة كريم حداد", "وزير الخارجية X", "رئيس نادي الشروق السعودي X":
                # the first role noun of the few words before the name, and what follows it.
                window = text[max(0, e.start - 70):e.start]
                window = window[max(window.rfind("\n"), window.rfind("،"), window.rfind("."), -1) + 1:]
                words = window.split()[-6:]
                for k, w in enumerate(words):
                    form = next((f for f in arabic.unconj(w) if _strip_article(f) in roles), None)
                    if form is not None:
                        self._add(self.roles, e.start, " ".join([form, *words[k + 1:]]), e)
                        break

    def _find_descriptions(self) -> None:
        """Links the nouns that describe organisations ("the exchange", "الهيئة") to them."""
        text = self.text
        for e in self.entities:
            if e.label not in ("ORG", "GPE"):
                continue
            if self.lang == "en":
                words = e.text.split()
                if e.label == "ORG" and len(words) > 1:
                    # "Bayan Specialist Hospital" is "the hospital", "Ministry of Health" "the ministry".
                    for w in (words[0], words[-1]):
                        if w[:1].isupper():
                            self._add(self.descriptions, e.start, w, e)
                # "the cryptocurrency exchange CoinDhow", "The riders' union, the Professional Cyclists' Alliance"
                # Also at a sentence's start without an article: "Train drivers' union Aslef".
                m = re.search(r"(?:\b(?:[Tt]he|an?|its|[A-Z][\w-]*(?:'s|’s|s'|s’))|(?:^|(?<=[.!?\n])\s*)[A-Z][a-z-]+)"
                              r"\s+(?:[\w'’-]+\s+){0,3}?([a-z][a-z-]+)\s*(?:,\s*(?:the\s+)?)?$",
                              text[max(0, e.start - 70):e.start])
                if m is not None:
                    self._add(self.descriptions, e.start, m.group(1), e)
                m = re.search(r"\b([A-Za-z]+)\s+(?:at|from)\s+(?:the\s+)?$", text[max(0, e.start - 40):e.start])
                if m is not None and group_noun(m.group(1)):
                    # "Researchers at the University of Leeds": "the researchers" speak as the university.
                    self._add(self.descriptions, e.start, m.group(1), e)
                m = re.search(r"\b([a-z][a-z-]+)\s+(?:" + _SELF_NAMING + r")$", text[max(0, e.start - 60):e.start])
                if m is not None:
                    # "a hacking group calling itself Sand Viper": the group.
                    self._add(self.descriptions, e.start, m.group(1), e)
                m = re.match(r",\s+(?:the|a|an|its|[A-Z][\w-]*(?:'s|’s))\s+(?:[\w'’-]+\s+){0,5}?([a-z][a-z-]+)"
                             r"(?=\s*(?:,|\.|;|\bthat\b|\bwhich\b|\bwho\b|\bbased\b|\bof\b|\bin\b|\bwith\b"
                             r"|\bused\b|\bowned\b|\brun\b))", text[e.end:e.end + 120])
                if m is not None:
                    self._add(self.descriptions, e.start, m.group(1), e)
            else:
                first = e.text.split()[0] if e.text.split() else ""
                if _strip_article(first) in _words("ar_org_head_nouns.txt"):
                    self._add(self.descriptions, e.start, first, e)
                before = text[max(0, e.start - 20):e.start].split()
                head = _without_proclitics(before[-1], _words("ar_org_head_nouns.txt")) if before else None
                if head is not None:
                    self._add(self.descriptions, e.start, head, e)

    def _add(self, table: list, pos: int, phrase: str, e: Entity) -> None:
        key = self._key(phrase)
        if key:
            table.append((pos, key, e))

    def _key(self, phrase: str) -> str:
        """A role or description without determiners, owners and case.

        "The company's chief executive" → "chief executive"; "الرئيس التنفيذي للشركة" → "رئيس تنفيذي".
        """
        words = phrase.split()
        if self.lang == "en":
            out: list[str] = []
            for w in words:
                low = w.lower().strip(",.")
                if low in ("the", "a", "an", "its", "his", "her", "their", "our", "this") or low.endswith(("'s", "’s")):
                    out = []
                    continue
                out.append(low)
            return " ".join(out)
        out = []
        for w in words:
            w = w.strip("،,.«»")
            if out and w.startswith(("ل", "لل")):
                break
            out.append(_strip_article(w))
        return " ".join(out)

    def note(self, speaker: Speaker | None, pos: int, cue: str = "", named: bool = False,
             label: str | None = None) -> None:
        """Records a speaker the article has just quoted; an Arabic verb's gender tells the person's.

        ``label`` is the speaker's when the article's entities do not hold it or got it wrong (a name the
        recogniser missed, or took for an organisation).
        """
        if speaker is None or not speaker.id:
            return
        if label is not None and self.labels.get(speaker.id) != label:
            self.labels[speaker.id] = label
            if label == "PERSON" and speaker.name:
                g = gender_of_name(speaker.name)
                if g is not None:
                    self._set_gender(speaker.id, g)
        titled = False
        if label is None and speaker.id not in self.labels and self.lang == "ar":
            # "وقالت الرئيسة التنفيذية لـ«سهم» نوف القحطاني": a title before a name the recogniser missed.
            words = speaker.text.split()
            titled = len(words) >= 3 and any(role_noun(w, "ar") for w in arabic.unconj(words[0])) \
                and not role_noun(words[-1], "ar") and not org_noun(words[-1], "ar")
            if titled:
                label = self.labels[speaker.id] = "PERSON"
                if _fold(words[0]).endswith("ة"):
                    self._set_gender(speaker.id, "f")
        if label in (None, "ORG") and self.lang == "en" and self.labels.get(speaker.id) != "PERSON" \
                and _en_titled_person(speaker):
            # "The city's mayor, Lindiwe Mokoena", "Councillor Martin Hale": a role, then the name of the one
            # who holds it, which the recogniser may have taken for an organisation.
            self.labels[speaker.id] = "PERSON"
            g = gender_of_name(speaker.name or "")
            if g is not None:
                self._set_gender(speaker.id, g)
        label = self.labels.get(speaker.id)
        low = speaker.text.lower()
        spokes = any(w in low for w in ("spokes", "representative", *_AR_SPOKES))
        voice = None
        if spokes and self.lang == "ar":
            head = next((w for w in speaker.text.split() if any(x in w for x in _AR_SPOKES)), "")
            voice = "f" if _DIACRITICS.sub("", head).endswith("ة") else None if head.endswith("و") else "m"
        elif self.lang == "ar" and not named and _fold(speaker.text.strip()) == _fold(cue.strip()):
            # "رفض محامي الشركة … وقال …": the verb carries the spokesperson on, speaking for the same body.
            last = next((x for x in reversed(self.said) if x.pos < pos), None)
            if last is not None and last.id == speaker.id and last.spokesperson:
                spokes, voice = True, last.voice
        self.said.append(_Said(pos, speaker.id, speaker.name, label, spokes, voice))
        if self.lang == "ar" and (named or titled) and label == "PERSON" and not spokes:
            # "وقالت سارة منصور": the verb agrees with the person.
            g = _ar_verb_gender(cue)
            if g is not None:
                self._set_gender(speaker.id, g)

    # ----------------------------------------------------------------- answers

    def pronoun(self, word: str, pos: int) -> _Said | Entity | None:
        """The referent of a subject pronoun (he, she, it, they, هو، هي) at offset pos, or None when unsure."""
        low = _fold(word)
        label, gender = (_PRONOUNS_EN if self.lang == "en" else _PRONOUNS_AR).get(low, (None, None))
        if label is None:
            return None
        if label == "ANY":
            return self._recent(pos, ("ORG", "GPE", "PERSON"), gender)
        if label == "ORG":
            return self._recent(pos, ("ORG", "GPE"), None)
        return self._recent(pos, ("PERSON",), gender)

    def person_of(self, word: str, pos: int) -> _Said | Entity | None:
        """The person a possessive pronoun on a personal role stands for ("مدير أعمالها": her manager)."""
        _label, gender = (_PRONOUNS_EN if self.lang == "en" else _PRONOUNS_AR).get(_fold(word), (None, None))
        return self._recent(pos, ("PERSON",), gender)

    def fits_pronoun(self, word: str, ident: str) -> bool:
        """Whether a pronoun can stand for an entity of the article ("he" not for a woman or a company)."""
        label, gender = (_PRONOUNS_EN if self.lang == "en" else _PRONOUNS_AR).get(_fold(word), (None, None))
        if label is None or ident not in self.labels:
            return True
        labels = ("ORG", "GPE", "PERSON") if label == "ANY" else ("ORG", "GPE") if label == "ORG" else ("PERSON",)
        return self._fits(ident, self.labels[ident], labels, gender)

    def agrees(self, e: Entity, cue: str) -> bool:
        """Whether an Arabic cue's gender allows the entity as its subject (مؤكدة not for a man)."""
        return self._fits(e.id, e.label, ("PERSON", "ORG", "GPE"), _ar_verb_gender(cue), arabic_verb=True)

    def verb_subject(self, cue: str, pos: int) -> _Said | Entity | None:
        """The subject an Arabic cue carries when none is written ("وأضاف", "وتابعت", "مضيفا")."""
        if _ar_verb_plural(cue):
            return self._recent(pos, ("ORG", "GPE", "PERSON"), None)
        g = _ar_verb_gender(cue)
        return self._recent(pos, ("PERSON", "ORG", "GPE"), g, arabic_verb=True)

    def _fits(self, ident: str, label: str | None, labels: Sequence[str], gender: str | None,
              arabic_verb: bool = False) -> bool:
        if label not in labels:
            return False
        if gender is None:
            return True
        if label == "PERSON":
            return self.gender.get(ident) in (None, "?", gender)
        if not arabic_verb:
            return True
        # Organisations take a feminine verb, except those named by a masculine noun.
        masculine = any(_strip_article(e.text.split()[0]) in _words("ar_masculine_org_nouns.txt")
                        for e in self.entities if e.id == ident and e.text.split())
        return (gender == "m") == masculine or label == "GPE" and gender == "f"

    def _recent(self, pos: int, labels: Sequence[str], gender: str | None,
                arabic_verb: bool = False) -> _Said | Entity | None:
        """The latest speaker before pos that fits (looking back two speakers at most), else the only fitting
        entity named in the 400 characters before."""
        earlier = [s for s in self.said if s.pos < pos]
        for k, s in enumerate(reversed(earlier[-2:])):
            if s.spokesperson and s.label != "PERSON" and "PERSON" in labels and not arabic_verb:
                # "A spokesman for X said … He added": the spokesperson again, for X.
                return s if k == 0 else None
            if s.spokesperson and s.label != "PERSON" and arabic_verb and k == 0 and s.voice == gender:
                # "وقال متحدث باسم الهيئة … مضيفا": the spokesperson again, for the organisation.
                return s
            if self._fits(s.id, s.label, labels, gender, arabic_verb):
                return s
        cands: dict[str, Entity] = {}
        last_person = None
        for e in self.entities:
            if e.start >= pos:
                break
            if e.start >= pos - 400 and self._fits(e.id, e.label, labels, gender, arabic_verb):
                cands[e.id] = e
                if e.label == "PERSON":
                    last_person = e
        if len(cands) == 1:
            return next(iter(cands.values()))
        if earlier:
            return None
        # Nobody has spoken yet: "he" / "وأضاف" is the person named last;
        # "it" / "وقالت" the organisation the story is about.
        if "ORG" in labels and (gender == "f" or "PERSON" not in labels):
            org = self.salient(pos, [x for x in labels if x != "PERSON"])
            if org is not None and self._fits(org.id, org.label, labels, gender, arabic_verb):
                return org
        if "PERSON" in labels and last_person is not None:
            return last_person
        return None

    def role(self, phrase: str, pos: int) -> Entity | None:
        """The person the article gave the role ("the chief executive", "الرئيس التنفيذي") before pos."""
        key = self._key(phrase)
        if not key:
            return None
        # "the minister" is also the one given "the health minister", never a deputy's or a former one.
        found = [(p, e) for p, k, e in self.roles if p < pos and (
            k == key or k.startswith(key + " ") or (self.lang == "en" and k.endswith(" " + key)
                                                    and k.split()[0] not in _SUBORDINATE_ROLES))]
        return max(found, key=lambda x: x[0])[1] if found else None

    def description(self, noun: str, pos: int, first: bool = False) -> Entity | None:
        """The organisation the article described with this noun ("the exchange", "الهيئة") before pos:
        the latest, or with ``first`` the earliest."""
        key = self._key(noun)
        found = [(p, e) for p, k, e in self.descriptions if p < pos and k == key]
        if found:
            return (min if first else max)(found, key=lambda x: x[0])[1]
        return None

    def in_dateline_id(self, ident: str) -> bool:
        """Whether an entity id is only ever named in datelines ("LONDON, … (Harbour Wire) -")."""
        return ident not in self.labels

    def salient(self, pos: int, labels: Sequence[str] = ("ORG",), company: bool = False) -> Entity | None:
        """The organisation the story is about at pos: the most mentioned one named before it (or, when
        none is, the only one the whole text names); with ``company``, only companies (``is_company``)."""
        return most_salient(self.entities, self.counts, pos,
                            lambda e: e.label in labels and (not company or is_company(e)))

    @staticmethod
    def kind_noun(noun: str) -> bool:
        """Whether a noun names a kind of organisation in nlp/data/org_kind_words.tsv."""
        return _kind_fold(noun) in _org_kinds()

    def of_kind(self, noun: str, pos: int) -> Entity | None:
        """The organisation named last before pos whose name says it is of the noun's kind: "the carrier" /
        "الناقلة" after "Emirates Airline" / "طيران الإمارات" (nlp/data/org_kind_words.tsv), else None."""
        kinds = _org_kinds().get(_kind_fold(noun))
        if not kinds:
            return None
        return self._latest_org(pos, kinds, lambda e: {
            _kind_fold(w) for w in re.split(r"[\s()«»\"-]+", f"{e.text} {e.name or ''} {e.id}") if w})

    def _latest_org(self, pos: int, wanted: frozenset[str], words_of) -> Entity | None:
        """The organisation named last before pos one of whose words (``words_of``) is wanted."""
        for e in reversed(self.entities):
            if e.start < pos and e.label == "ORG" and not words_of(e).isdisjoint(wanted):
                return e
        return None

    def regulator(self, pos: int) -> Entity | None:
        """The regulatory body named last before pos ("the regulator" after "the Telecommunications
        Regulatory Commission" or "the SEC"): an organisation whose name is that of an authority,
        commission or regulator."""
        return self._latest_org(pos, _words("regulator_words.txt"),
                                lambda e: {_strip_article(w) for w in (e.name or e.text).replace("(", " ").split()})

    def by_name(self, mention: str, pos: int) -> Entity | None:
        """The entity named like a mention left without one (a repeated name, a surname)."""
        m = mention.strip()
        words = m.split()
        if len(words) == 2 and _fold(words[0].rstrip(".")) in _HONORIFICS:
            m = words[1]  # "Dr Price", "Mr Ri": the surname
        if not m:
            return None
        same = {e.id: e for e in self.entities if e.text == m}
        if len(same) == 1:
            return next(iter(same.values()))
        if " " not in m and (person := self.full_person(m, pos)) is not None:
            return person
        return self.opened_organisation(m)

    def opened_organisation(self, mention: str) -> Entity | None:
        """The one organisation of the article whose name the mention opens, the rest of the name being
        what the company does or is ("Orbitel" → "Orbitel Communications", "أوربيتل" → "شركة أوربيتل
        للاتصالات"): a short form the recogniser did not tag.

        Not a description ("the bank", "البنك": those are :meth:`description`'s) nor a role, not a word
        that opens two organisations' names, and not the head of a name whose rest is no company word
        ("Doctors" is not Doctors Without Borders, "Emirates" not Emirates NBD).
        """
        words = mention.split()
        if not words or len(mention) < 3 or any(org_noun(w, self.lang) or role_noun(w, self.lang) for w in words):
            return None
        if (self.lang == "en" and not all(w[:1].isupper() for w in words)) or _fold(words[0]) in ("the", "a", "an"):
            return None
        want = [_fold(w) for w in words]
        found = {}
        for e in self.entities:
            name = e.text.split()
            if e.label != "ORG":
                continue
            if name and org_noun(name[0], self.lang):
                name = name[1:]  # "شركة أوربيتل للاتصالات": the descriptor opens no short form
            rest = name[len(words):]
            if rest and [_fold(w) for w in name[: len(words)]] == want and all(self._company_word(w) for w in rest):
                found[e.id] = e
        return next(iter(found.values())) if len(found) == 1 else None

    def _company_word(self, word: str) -> bool:
        """A word that says what a company does or is ("Communications", "Payments", "للاتصالات")."""
        if self.lang == "en":
            return word in _ORG_SUFFIXES
        return trade_word(word)

    def full_person(self, surname: str, pos: int) -> Entity | None:
        """The person named in full earlier whose last name is this one ("Al-Harbi" → "Tariq al-Harbi")."""
        want = _fold(surname).replace("-", " ").replace("al ", "")
        found: dict[str, Entity] = {}
        for e in self.entities:
            if e.start >= pos:
                break
            words = e.text.split()
            if e.label == "PERSON" and len(words) > 1:
                last = _fold(" ".join(words[1:])).replace("-", " ").replace("al ", "")
                if last == want or last.split()[-1] == want:
                    found[e.id] = e
        return next(iter(found.values())) if len(found) == 1 else None


# Words that make another role of the one they precede ("deputy minister", "prime minister" are not "the
# minister").
_SUBORDINATE_ROLES = frozenset({"deputy", "assistant", "former", "vice", "junior", "shadow", "acting", "ex", "prime"})


def is_company(e: Entity) -> bool:
    """Whether an organisation may be "the company" / "الشركة": none of its name's words heads a public
    body, a union, a court or a fund (nlp/data/non_company_words.txt)."""
    if e.label != "ORG":
        return False
    words = {_strip_article(w.strip("«»\"'()")) for w in (e.name or e.text).split()} | \
        {_strip_article(w.strip("«»\"'()")) for w in e.text.split()}
    return words.isdisjoint(_words("non_company_words.txt"))


def datelines(text: str, lang: str) -> list[tuple[int, int]]:
    """Where an English text's wire datelines are ("LONDON, June 20 (Harbour Wire) - "), as offsets."""
    return [(m.start(), m.end()) for m in _DATELINE_RE.finditer(text)] if lang == "en" else []


def org_noun(word: str, lang: str) -> bool:
    """Whether a word names a kind of organisation ("regulator", "exchange", "الهيئة", "الجهاز")."""
    if lang == "ar":
        return _strip_article(word) in _words("ar_org_head_nouns.txt")
    return _fold(word) in _words("en_org_nouns.txt")


def _en_titled_person(speaker: Speaker) -> bool:
    """Whether an English speaker mention is a role and then its holder's name: a role noun before the name
    (not a spokesperson, nor one "for" or "of" someone), and a name of two or three capitalised words that
    hold no role or organisation noun."""
    name = speaker.name or ""
    at = speaker.text.rfind(name) if name else -1
    words = name.split()
    if at <= 0 or not 2 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
        return False
    if any(role_noun(w, "en") or org_noun(w, "en") for w in words):
        return False
    before = speaker.text[:at].lower()
    if "spokes" in before or re.search(r"\b(?:for|of|at|from|with|by|to)\s*,?\s*$", before):
        return False
    return any(role_noun(w.strip(",.").removesuffix("'s").removesuffix("’s"), "en") for w in before.split())


def group_noun(word: str) -> bool:
    """Whether an English word names the people of one organisation ("researchers", "team":
    nlp/data/en_group_nouns.txt)."""
    return word.lower() in _words("en_group_nouns.txt")


def role_noun(word: str, lang: str) -> bool:
    """Whether a word heads a person's role or title ("spokesman", "executive", "المتحدث", "الرئيس")."""
    return (_fold(word) if lang == "en" else _strip_article(word)) in _words(f"role_nouns_{lang}.txt")


def _ar_verb_gender(cue: str) -> str | None:
    """Gender of an Arabic cue verb or participle: "f" for قالت، أضافت، تقول، مؤكدة; "m" for قال، يقول، مضيفا."""
    verb = cue.split()[0] if cue.split() else ""
    verb = _DIACRITICS.sub("", verb)
    if verb[:1] in "وف" and len(verb) > 3:
        verb = verb[1:]
    if not verb or _ar_verb_plural(verb):
        return None
    if verb.endswith(("ت", "ة")):
        return "f"
    if verb.startswith("ت") and verb not in ("تابع", "تعهد", "توقع", "تحدث"):
        return "f"
    return "m"


def _ar_verb_plural(cue: str) -> bool:
    verb = cue.split()[0] if cue.split() else ""
    return verb.endswith(("وا", "ون"))
