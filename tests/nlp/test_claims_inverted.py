"""Attributions after the clause ("…, sporting director Jens Hollmann said on Saturday"), and what follows
them, and calling a post or a message something false (session of 2026-12-08)."""

from __future__ import annotations

import pytest
from claimkit import claims_of, sid


@pytest.mark.parametrize(("text", "clause", "speaker"), [
    ("Ferrovia Nord has not cut any regional trains, operations manager Paolo Brenta said on Friday.",
     "Ferrovia Nord has not cut any regional trains", "paolo-brenta"),
    ("The council has not approved a permit for developer Gareth Lowe, planning chief Sara Osei said on Monday.",
     "The council has not approved a permit for developer Gareth Lowe", "sara-osei"),
])
def test_a_role_and_name_after_the_clause_speak_and_stay_out_of_it(text: str, clause: str, speaker: str) -> None:
    claims, _, _ = claims_of(text, "en")
    assert [(c.text, sid(c)) for c in claims] == [(clause, speaker)]


@pytest.mark.parametrize("tail", [
    ", dismissing reports that thirty jobs would go.",
    ", adding that the newsroom would move in May.",
])
def test_an_inverted_attribution_ends_the_clause_before_it(tail: str) -> None:
    text = "Nordlys Media has not closed its Bergen newsroom, the broadcaster said on Tuesday" + tail
    claims, _, _ = claims_of(text, "en")
    first = claims[0]
    assert first.text == "Nordlys Media has not closed its Bergen newsroom"
    assert first.speaker is not None and first.speaker.text == "the broadcaster"
    if "dismissing" in tail:
        # The participle's own claim: the reports dismissed, by the same speaker.
        assert [(c.kind, c.text, c.speaker.text if c.speaker else None) for c in claims[1:]] == [
            ("denial", "reports that thirty jobs would go", "the broadcaster")]


@pytest.mark.parametrize(("text", "called"), [
    ('County clerk Dana Whitfield called the posts "a fabrication from start to finish".',
     'the posts "a fabrication from start to finish"'),
    ('The central bank described the messages as "false and malicious" and urged the public to ignore them.',
     'the messages as "false and malicious"'),
    ('In a statement, the college called the article "a gross misrepresentation" of its admissions policy.',
     'the article "a gross misrepresentation" of its admissions policy'),
    ('The ministry branded the video a fake.', "the video a fake"),
])
def test_calling_a_post_a_message_or_a_video_false_denies_it(text: str, called: str) -> None:
    claims, _, _ = claims_of(text, "en")
    # The span's closing quotation mark is the scorer's business (overlap), not this test's.
    assert [(c.kind, c.text.rstrip('"')) for c in claims] == [("denial", called.rstrip('"'))]


@pytest.mark.parametrize("text", [
    'The mayor called the video "moving" and shared it with residents.',
    "The minister described the messages as encouraging.",
])
def test_calling_a_post_something_else_is_no_claim(text: str) -> None:
    claims, _, _ = claims_of(text, "en")
    assert [c.kind for c in claims] == []


@pytest.mark.parametrize(("text", "kind"), [
    ("The Bank of Kinta said on Thursday that its governor had not resigned, after messages on social media "
     "claimed he had stepped down.", "denial"),
    ("The club said its coach had not been sacked, after several posts claimed they had seen him clear his desk.",
     "denial"),
    # A prize claimed is no charge.
    ("The club said its coach had not been offered a new contract, after the team claimed the league title.",
     "statement"),
])
def test_claimed_before_a_clause_without_that_reports_a_charge(text: str, kind: str) -> None:
    claims, _, _ = claims_of(text, "en")
    assert claims[0].kind == kind


def test_not_being_aware_of_an_incident_is_a_statement() -> None:
    # A body that knows of no attack rebuts nothing, even after a report of one.
    text = ("Users reported that the Lumen payments app had been hit by a cyberattack. The company said it was "
            "not aware of any attack linked to the outage.")
    claims, _, _ = claims_of(text, "en")
    assert [(c.kind, c.text) for c in claims if "aware" in c.text] == [
        ("statement", "it was not aware of any attack linked to the outage")]


@pytest.mark.parametrize(("text", "clause"), [
    ("Opposition agents had complained that tally sheets were altered after the polls closed.",
     "tally sheets were altered after the polls closed"),
    ("Posts on X suggested the company had lent out customer deposits.", "the company had lent out customer deposits"),
    ("The minister stressed that the budget would be balanced by 2027.", "the budget would be balanced by 2027"),
    ("The club countered that the fee had been agreed in writing.", "the fee had been agreed in writing"),
])
def test_more_verbs_of_saying_report_a_claim(text: str, clause: str) -> None:
    claims, _, _ = claims_of(text, "en")
    assert [c.text for c in claims] == [clause]


@pytest.mark.parametrize("text", [
    "Police said there was nothing to suggest the blaze was deliberate.",
    "The firm said it had found no evidence to suggest that customer data was taken.",
])
def test_nothing_to_suggest_is_no_second_claim(text: str) -> None:
    claims, _, _ = claims_of(text, "en")
    assert [c.cue for c in claims] == ["said"]


@pytest.mark.parametrize(("text", "clause"), [
    ("Fighting has eased, except near Bakhmut, said army spokesman Serhiy Cherevaty.",
     "Fighting has eased, except near Bakhmut"),
    ("Flights have resumed, except to Beirut, said airline spokeswoman Lina Haddad.",
     "Flights have resumed, except to Beirut"),
])
def test_a_place_after_a_comma_stays_in_the_claim_when_the_cue_names_its_speaker(text: str, clause: str) -> None:
    claims, _, _ = claims_of(text, "en")
    assert [c.text for c in claims] == [clause]


@pytest.mark.parametrize("text", [
    "The pub will reopen in May, a neighbour of singer Adele said.",
    "The director described the documentary as a fantasy about growing up in Lagos.",
    "Critics called the programme a bold invention.",
    "The archive described the photograph as a forgery-proof record.",
    "The bank said there were no indications to suggest the lender was insolvent.",
    "The report found little to suggest the scheme had worked.",
])
def test_no_false_speaker_denial_or_saying(text: str) -> None:
    claims, _, _ = claims_of(text, "en")
    assert all(c.kind == "statement" for c in claims)
    assert all(c.cue not in ("suggest",) for c in claims)
    assert all(c.speaker is None or c.speaker.id != "adele" for c in claims)
