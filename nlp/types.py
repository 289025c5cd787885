"""Records of an analysis: the shapes of ../shared/CONTRACT.md's Analysis JSON.

Offsets are Python string indices into the analysed text, so that
``text[start:end] == span.text`` always holds.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

EntityLabel = Literal["PERSON", "ORG", "GPE", "LOC", "MISC"]
FigureKind = Literal["count", "money", "percent"]
ClaimKind = Literal["denial", "statement"]


class AnalysisError(ValueError):
    """The input cannot be analysed; the message says why."""


@dataclass
class Entity:
    text: str
    label: EntityLabel
    start: int
    end: int
    id: str
    name: str

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Figure:
    text: str
    kind: FigureKind
    value: float | int
    start: int
    end: int
    unit: str | None = None
    currency: str | None = None

    def to_dict(self) -> dict:
        value = self.value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return {
            "text": self.text,
            "kind": self.kind,
            "value": value,
            "unit": self.unit,
            "currency": self.currency,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class Speaker:
    text: str
    id: str | None = None
    name: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Claim:
    text: str
    kind: ClaimKind
    cue: str
    start: int
    end: int
    speaker: Speaker | None = None
    figures: list[int] = field(default_factory=list)
    entities: list[int] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "kind": self.kind,
            "cue": self.cue,
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "figures": list(self.figures),
            "entities": list(self.entities),
        }


@dataclass
class Analysis:
    lang: str
    entities: list[Entity] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "lang": self.lang,
            "entities": [e.to_dict() for e in self.entities],
            "figures": [f.to_dict() for f in self.figures],
            "claims": [c.to_dict() for c in self.claims],
        }


@dataclass(frozen=True)
class Options:
    """How analyze() behaves. One object instead of many keyword arguments.

    Attributes:
        entities: extract named entities.
        figures: extract figures.
        claims: extract attributed claims (needs entities for speaker resolution).
        max_chars: refuse texts longer than this (AnalysisError), so that a huge
            page cannot stall a worker; callers may truncate first.
    """

    entities: bool = True
    figures: bool = True
    claims: bool = True
    max_chars: int = 200_000
