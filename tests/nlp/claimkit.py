"""Helpers of the claim tests: run the real entity, figure and claim steps on one text."""

from __future__ import annotations

from marsad.nlp.claims import find_claims
from marsad.nlp.entities import find_entities
from marsad.nlp.figures import find_figures
from marsad.nlp.models import english


def claims_of(text: str, lang: str):
    doc = english()(text) if lang == "en" else None
    entities = find_entities(text, lang, doc=doc)
    figures = find_figures(text, lang)
    return find_claims(text, lang, entities, figures, doc=doc), entities, figures


def only(text: str, lang: str):
    claims, _, _ = claims_of(text, lang)
    assert len(claims) == 1, [c.to_dict() for c in claims]
    return claims[0]


def sid(claim) -> str | None:
    return claim.speaker.id if claim.speaker else None


def entity_rows(text: str, lang: str) -> list[tuple[str, str, str]]:
    """(text, label, id) of each entity, after checking offsets and that no two overlap."""
    ents = find_entities(text, lang)
    for e in ents:
        assert text[e.start : e.end] == e.text
    assert all(a.end <= b.start for a, b in zip(ents, ents[1:], strict=False))
    return [(e.text, e.label, e.id) for e in ents]
