"""The one tokenizer (nlp/tokens.py): its modes split the same text as their users need."""

from __future__ import annotations

import pytest
from marsad.nlp.tokens import CLAUSE, FIGURES, NAMES, Token, tokenize

TEXT = "قالت وَبِـ٣٣٣ مليونَ (Al-Qaeda's) إن ٨٧، ٢٧٫٥ U.S.\u200f 27.500,5 «كذب»"


@pytest.mark.parametrize("mode", [NAMES, FIGURES, CLAUSE])
def test_offsets_point_into_the_original(mode: str) -> None:
    toks = tokenize(TEXT, mode)
    assert toks
    for t in toks:
        assert isinstance(t, Token)
        assert TEXT[t.start : t.end] == t.text
        assert not t.text.isspace()


def test_arabic_comma_separates_two_numbers_in_figures() -> None:
    toks = tokenize("٨٧، ٢٧٫٥", FIGURES)
    assert [t.kind for t in toks] == ["num", "sym", "num"]
    assert [t.norm for t in toks] == ["87", "،", "27.5"]


def test_modes_differ_where_their_users_need_it() -> None:
    names = [(t.text, t.kind) for t in tokenize(TEXT)]
    figures = [(t.text, t.kind) for t in tokenize(TEXT, FIGURES)]
    clause = [t.text for t in tokenize(TEXT, CLAUSE)]
    # A hyphenated Latin name is one token for names, three for figures.
    assert ("Al-Qaeda", "lat") in names
    assert ("Al", "word") in figures and ("Qaeda", "word") in figures
    # European "27.500,5" is one number for names; figures read "27.500" then a comma.
    assert ("27.500,5", "num") in names
    assert ("27.500", "num") in figures and ("5", "num") in figures
    # Figures skip the right-to-left mark; names keep it as punctuation.
    assert ("\u200f", "punct") in names
    assert all(t != "\u200f" for t, _ in figures)
    # The claim words keep clitics and digits together and drop quotes and commas.
    assert "وَبِـ٣٣٣" in clause and "كذب" in clause and "٨٧" in clause
    assert all(c not in w for w in clause for c in "«»،,()")


def test_norms_per_mode() -> None:
    assert [t.norm for t in tokenize("أكّدَت Meta", NAMES)] == ["اكدت", "Meta"]
    assert [t.norm for t in tokenize("أكّدَت Meta", FIGURES)] == ["اكدت", "meta"]
    assert [t.norm for t in tokenize("أكّدَت Meta", CLAUSE)] == ["أكّدَت", "Meta"]


def test_a_range_of_the_text() -> None:
    text = "قال الوزير، إن الشركة"
    start = text.index("إن")
    toks = tokenize(text, CLAUSE, start, len(text))
    assert [(t.text, t.start) for t in toks] == [("إن", start), ("الشركة", start + 3)]


def test_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="mode"):
        tokenize("x", "words")
