"""What every claim finder shares: the text's entities as speaker resolution sees them
(``_Context``), a raw claim before its kind is settled (``_Raw``), and span and quote helpers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from marsad.nlp import data
from marsad.nlp.segment import Segments
from marsad.nlp.types import Entity, Speaker

# ---------------------------------------------------------------------------
# Spans


def _word_list(name: str) -> list[str]:
    """The words of a list in nlp/data/ (comments and blank lines left out)."""
    return data.words(name)


def _strip(text: str, start: int, end: int, chars: str = " \t\r\n\u200f\u200e") -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


# Punctuation and quotes that never belong at the edge of a claim.
_EDGE = " \t\r\n\u200f\u200e.,;:،؛\"'“”‘’«»—–-"


def _trim_claim(text: str, start: int, end: int) -> tuple[int, int]:
    start, end = _strip(text, start, end, _EDGE)
    # Keep a closing bracket only when its opening one is inside.
    while end > start and text[end - 1] in ")]" and text.count("(", start, end) < text.count(")", start, end):
        end -= 1
        start, end = _strip(text, start, end, _EDGE)
    return start, end


# ---------------------------------------------------------------------------
# Speakers


@dataclass
class _Context:
    """What speaker resolution knows about the text: its entities, in order."""

    text: str
    entities: Sequence[Entity]
    counts: Counter

    datelines: list[tuple[int, int]] = field(default_factory=list)
    lang: str = "en"
    _country: list[str | None] = field(default_factory=list)

    @classmethod
    def build(cls, text: str, entities: Sequence[Entity], lang: str = "en") -> _Context:
        from marsad.nlp.speakers import datelines

        return cls(text, entities, Counter(e.id for e in entities), datelines(text, lang), lang)

    def with_names(self, names: Sequence[Entity]) -> _Context:
        """This context with names found for the speakers only (``nlp.speaker_names``) among its entities; a
        name is whole, so an entity the recogniser found inside one goes ("هاربر" in «سكاي هاربر»)."""
        if not names:
            return self
        kept = [e for e in self.entities if not any(n.start <= e.start and e.end <= n.end for n in names)]
        return _Context.build(self.text, sorted([*kept, *names], key=lambda e: e.start), self.lang)

    def in_dateline(self, pos: int) -> bool:
        """Whether an offset lies in a wire dateline ("LONDON, June 20 (Harbour Wire) - ")."""
        return any(a <= pos < b for a, b in self.datelines)

    def country(self) -> str | None:
        """The country the article is set in (``nlp.countries.article_country``), computed once."""
        if not self._country:
            from marsad.nlp.countries import article_country

            self._country.append(article_country(self.text, self.lang, self.entities))
        return self._country[0]

    def entity_in(self, start: int, end: int, labels: tuple[str, ...] = ("PERSON", "ORG", "GPE")) -> int | None:
        """Index of the best entity inside [start, end): by label preference, then position."""
        best: tuple[int, int, int] | None = None
        for i, e in enumerate(self.entities):
            if e.start >= start and e.end <= end and e.label in labels:
                key = (labels.index(e.label), e.start, i)
                if best is None or key < best:
                    best = key
        return best[2] if best else None

    def entity_at(self, start: int, end: int) -> int | None:
        """Index of an entity overlapping [start, end), the longest one."""
        best = None
        for i, e in enumerate(self.entities):
            if e.start < end and e.end > start and (best is None or e.end - e.start > best[0]):
                best = (e.end - e.start, i)
        return best[1] if best else None

    def salient(self, before: int, labels: tuple[str, ...]) -> Entity | None:
        """The organisation (or other label) the text is about, judged at offset ``before``.

        Candidates are entities of the labels mentioned before the reference;
        the most frequent in the whole text wins, and a tie goes to the one
        mentioned first, which in news is usually the subject of the story.
        """
        from marsad.nlp.speakers import most_salient

        return most_salient(self.entities, self.counts, before,
                            lambda e: e.label in labels and not self.in_dateline(e.start))

    def full_person(self, e: Entity) -> Entity:
        """For a one-word person mention ("Kogan"), the earlier full-name entity it refers to."""
        if e.label != "PERSON" or " " in e.text.strip():
            return e
        word = e.text.strip()
        for other in self.entities:
            if other.start >= e.start:
                break
            if other.label == "PERSON" and other.text.split() and other.text.split()[-1] == word:
                return other
        return e


def latest_named_with(entities: Sequence[Entity], noun: str, pos: int) -> Entity | None:
    """The organisation named last before pos whose name opens with an Arabic noun ("الجيش" → "الجيش
    الإسرائيلي", "الدائرة" → "دائرة الجمارك"): the body a definite noun that refers only to one named with it
    stands for; None when there is none."""
    from marsad.nlp.arabic import unconj
    from marsad.nlp.normalize import normalize_arabic

    head = normalize_arabic(noun).removeprefix("ال")
    for e in reversed(entities):
        if e.start < pos and e.label == "ORG" and e.text.split() and any(
                normalize_arabic(w).removeprefix("ال") == head for w in unconj(e.text.split()[0])):
            return e
    return None


def _speaker_from_entity(mention: str, e: Entity, ctx: _Context) -> Speaker:
    e = ctx.full_person(e)
    return Speaker(text=mention, id=e.id, name=e.name)


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """(opening, closing) offsets of the quotations of each line: “…” pairs and straight quotes taken in turn."""
    spans = []
    for a, b in Segments(text).spans:
        open_at = None
        for i in range(a, b):
            ch = text[i]
            if open_at is None and (ch == "“" or (ch == '"' and (i == a or not text[i - 1].isalnum()))):
                open_at = i
            elif open_at is not None and (ch == "”" or (ch == '"' and text[open_at] == '"')):
                spans.append((open_at, i))
                open_at = None
    return spans


@dataclass
class _Raw:
    start: int
    end: int
    cue: str
    kind: str
    speaker: Speaker | None
    cue_at: int = -1
    # For a negated clause whose kind the article settles (kind MAYBE): whose
    # subject it is ("speaker", "generic:<noun>", "entity:<id>", "thing").
    side: str | None = None
    # For a participle whose sentence opens with a verb and its subject ("وعزت الشركة …، مؤكدة"): that
    # subject's mention, which speaker resolution reads instead of the previous speaker.
    subject: str | None = None


def _inside_quotes(text: str, start: int, pos: int) -> bool:
    """Whether pos lies inside a quotation that opens after start ('… said his client "denies …"')."""
    seg = text[start:pos]
    return seg.count('"') % 2 == 1 or seg.count("“") > seg.count("”")


def _label_of(ctx: _Context, entity_id: str) -> str | None:
    for e in ctx.entities:
        if e.id == entity_id:
            return e.label
    return None


MAYBE = "maybe"


def _country(ident: str | None) -> tuple[str, str] | None:
    if ident is None:
        return None
    from marsad.nlp.gazetteer import gazetteer

    entry = gazetteer().get(ident)
    return (entry.id, entry.name) if entry is not None else None


def _quoted(text: str, r: _Raw) -> bool:
    i = r.start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i >= 0 and text[i] in "\"“«'‘"
