"""Accusations as claims (issue 13; the gold's convention: "accused X of Y" is a statement whose text is
"X of Y", "blamed X for Y" one whose text is the object): who accuses whom of what, so that an analyst finds
the charge as well as its denial. Sentences written for these tests."""

from __future__ import annotations

import pytest
from claimkit import claims_of

ACCUSATIONS = [
    ("en", "Opposition lawmakers accused the transport minister, Selim Haddad, of hiding the cost of the new "
           "metro line.",
     "accused", "Opposition lawmakers",
     "the transport minister, Selim Haddad, of hiding the cost of the new metro line"),
    ("en", "The union accuses Marlow Foods of cutting night-shift pay without notice.",
     "accuses", "The union", "Marlow Foods of cutting night-shift pay without notice"),
    ("en", "The regulator fined Corvane Bank on Monday, accusing it of weak money-laundering checks.",
     "accusing", "The regulator", "it of weak money-laundering checks"),
    ("en", "The army blamed the rebels for the attack on the convoy.",
     "blamed", "The army", "the rebels for the attack on the convoy"),
]


@pytest.mark.parametrize(("lang", "text", "cue", "speaker", "claim"), ACCUSATIONS)
def test_an_accusation_is_a_statement_of_who_is_accused_of_what(lang, text, cue, speaker, claim) -> None:
    claims, _, _ = claims_of(text, lang)
    assert [(c.kind, c.cue, c.speaker.text if c.speaker else None, c.text) for c in claims] == [
        ("statement", cue, speaker, claim)]


@pytest.mark.parametrize("text", [
    "The former mayor was accused of taking bribes.",  # by nobody the sentence names
    "The minister did not accuse anyone of wrongdoing.",
    "Fans blamed the weather.",  # nobody blamed for anything
    "He is accused by prosecutors of fraud.",
])
def test_no_accusation_without_an_accuser_an_accused_and_a_charge(text) -> None:
    claims, _, _ = claims_of(text, "en")
    assert claims == []


def test_the_accused_answers_the_accusation_with_a_denial() -> None:
    text = ("Auditors accused Delta Mining of inflating its reserves. "
            "Delta Mining said on Friday that it had not inflated its reserves.")
    claims, _, _ = claims_of(text, "en")
    assert [(c.kind, c.cue) for c in claims] == [("statement", "accused"), ("denial", "said")]
