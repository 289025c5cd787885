"""Snippets: the fast scan in api.search.snippet gives what the plain definition gives.

The plain definition tokenises the scanned text completely, finds the first
token a match can start on, and renders a window from six tokens before it.
The fast scan must agree with it on every text, including texts where the
first candidate is a phrase's first word that does not complete the phrase,
words with no searchable form, Arabic clitics and marks that need escaping.
"""

from __future__ import annotations

import random

import pytest
from marsad.api.search import SNIPPET_SCAN, _mark, _render, parse_query, snippet
from marsad.nlp.normalize import terms

from marsad.documents import TERMS_SCANNED, first_offsets

EN = ("the company denied it sold user data to advertisers , & said <b>nothing</b> about "
      "privacy lapses in 2019 ; regulators fined Twitter $150 million over sales").split()
AR = ("نفت الشركة أنها باعت بيانات المستخدمين لشركات إعلانية وقالت إن الغرامة بلغت 150 مليون دولار "
      "والشركات الإعلانية لم تعلق ، - «").split()


def reference(text: str, query, window: int = 36, plain_chars: int = 280) -> str:
    """The snippet by its definition: every token of the scanned text, then the window."""
    scanned = text[:SNIPPET_SCAN]
    toks = terms(scanned)
    starts = query.terms | {p[0] for p in query.phrases}
    first = next((i for i, t in enumerate(toks) if t.form in starts), None)
    if first is not None:
        longest = max((len(p) for p in query.phrases), default=1)
        toks = toks[:first + window + longest]
        marked = _mark(toks, query)
        if any(marked):
            start = max(0, first - 6)
            stop = min(len(toks), start + window) - 1
            lo, hi = toks[start].start, toks[stop].end
            if stop == len(toks) - 1 and len(text) <= SNIPPET_SCAN:
                hi = len(text.rstrip())
            body = _render(scanned, toks, marked, lo, hi)
            return ("…" if start > 0 else "") + body + ("…" if hi < len(text.rstrip()) else "")
    if len(text) <= plain_chars:
        return text
    cut = text.rfind(" ", 0, plain_chars)
    return text[:cut if cut > plain_chars // 2 else plain_chars] + "…"


QUERIES = ["denied", '"privacy lapses"', "sold OR fined", '"user data" advertisers', "twitter -fined",
           "نفت", '"شركات إعلانية"', "الغرامة OR مليون", "بيانات", '"lapses privacy" nothing']


@pytest.mark.parametrize("q", QUERIES)
def test_fast_scan_agrees_with_the_definition(q):
    rng = random.Random(q)
    query = parse_query(q)
    for _ in range(150):
        words = rng.choices(EN + AR, k=rng.randint(0, 900))
        text = " ".join(words)
        assert snippet(text, query) == reference(text, query), text


def _record(text: str, query) -> dict:
    """The part of an article's body_terms the API fetches for a query (its start terms and the coverage)."""
    full = first_offsets(text)
    return {k: v for k, v in full.items() if k == TERMS_SCANNED or k in query.starts}


@pytest.mark.parametrize("q", QUERIES)
def test_the_stored_first_offsets_give_the_same_snippet(q):
    rng = random.Random(f"record {q}")
    query = parse_query(q)
    for _ in range(150):
        words = rng.choices(EN + AR, k=rng.choice([rng.randint(0, 60), rng.randint(0, 1400)]))
        text = " ".join(words)
        assert snippet(text, query, terms=_record(text, query)) == reference(text, query), text


def test_first_offsets_locate_each_terms_first_word():
    text = "Regulators FINED the firm; the firm was fined again. " + "word " * 1100 + "late"
    record = first_offsets(text)
    assert record[TERMS_SCANNED] == SNIPPET_SCAN
    assert record["fine"] == text.index("FINED") and record["firm"] == text.index("firm")
    assert "late" not in record  # past the part snippets look in
    ar = first_offsets("قالت الشركة إن الشركات")
    assert ar["شرك"] == len("قالت ")


def test_the_snippet_starts_where_the_record_says():
    # The record is read, not recomputed: pointed at the second "fined", the window starts there …
    text = "one two three four five six seven eight fined nine ten " + "x " * 40 + "fined again eleven"
    query = parse_query("fined")
    later = {TERMS_SCANNED: len(text), "fine": text.rindex("fined")}
    assert snippet(text, query, terms=later).startswith("…x x x x x x <mark>fined</mark> again")
    assert snippet(text, query).startswith("…three four five six seven eight <mark>fined</mark>")
    # … and a record that does not fit the text (no match at its offset) is ignored for a scan.
    stale = {TERMS_SCANNED: len(text), "fine": 4}
    assert snippet(text, query, terms=stale) == snippet(text, query)
    # A record without the query's terms: nothing in the body matches, the opening is shown unmarked.
    assert snippet(text, query, terms={TERMS_SCANNED: len(text)}) == snippet(text, parse_query("absent"))


def test_a_match_past_the_scan_limit_gives_the_opening():
    query = parse_query("denied")
    text = "filler " * (SNIPPET_SCAN // 7 + 10) + "denied"
    assert "<mark>" not in snippet(text, query)
    assert snippet(text, query).startswith("filler filler")


def test_marks_the_words_as_written_and_escapes_the_rest():
    query = parse_query("sold")
    out = snippet("A & B said <i>it</i> never SOLD anything", query)
    # Six words before the match (the tags' letters are words too), so the text opens with "…".
    assert out == "…B said &lt;i&gt;it&lt;/i&gt; never <mark>SOLD</mark> anything"
    # The window reaches the last word: the text's closing punctuation stays, with no "…".
    assert snippet("A & B <q>SOLD</q>.", query) == "A &amp; B &lt;q&gt;<mark>SOLD</mark>&lt;/q&gt;."
    ar = snippet("قالت الشركة إنها لم تبع البيانات للمعلنين", parse_query("البيانات"))
    assert "<mark>البيانات</mark>" in ar
