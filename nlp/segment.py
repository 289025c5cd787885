"""Paragraphs and sentences: the one segmentation every stage shares.

A line break is a hard boundary in both languages. The analysed text of an
article is its headline, a line break, then the body's paragraphs, one per
line; a headline has no full stop, so without this rule it would run into the
first sentence of the body, and a claim in one paragraph into the next. No
sentence, claim or speaker crosses a line break.

Within a paragraph, sentences end after . ! ? ؟ ۔ (and closing quotes) when
whitespace follows, and where scraped text lost the space after a full stop
(".وقال", "users.The"); abbreviations, initials and decimals stay whole.

English text is parsed by spaCy, whose parser makes its own sentences:
:func:`mark_line_breaks` presets a sentence start after every line break on
the ``Doc`` before the parser runs, and the parser keeps preset starts, so its
sentences never cross one either. All offsets index the text as given.
"""

from __future__ import annotations

import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc

__all__ = [
    "LINE_BREAK_RE",
    "Segments",
    "mark_line_breaks",
    "paragraphs",
    "split_sentences",
    "crosses_line_break",
]

# Every kind of line break a scraped page or a pasted text may use.
LINE_BREAK_RE = re.compile(r"\r\n|[\n\r\u2028\u2029\x0b\x0c\x85]")
_LINE_BREAK_CHARS = "\n\r\u2028\u2029\x0b\x0c\x85"

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st jr sr inc ltd co corp plc llc vs etc e.g i.e u.s u.k u.n e.u
    jan feb mar apr jun jul aug sep sept oct nov dec no nos gen sen rep gov lt col capt
    mt ft dept est approx fig al""".split()
)
# A candidate boundary inside a paragraph: terminal punctuation, then optional
# closing quotes or brackets, then whitespace. Decimals ("3.5") and URLs have
# no whitespace after the dot, so they never match.
_BOUNDARY_RE = re.compile(
    r"[.!?؟۔]+[\"'”’»)\]]*(?=\s)"
    # Glued sentences: scraped and pasted news often loses the space after
    # the full stop (".وقال", ".ووفقا", "users.The"). A stop right before an
    # Arabic letter, or between a lowercase letter or digit and a capitalised
    # word, ends a sentence too; decimals ("3.5"), URLs and "U.S." do not match.
    r"|(?<=[\u0621-\u064a\u0660-\u0669\w])[.!?؟][\"'”’»)\]]*(?=[\u0621-\u064a])"
    r"|(?<=[a-z0-9%])[.!?][\"'”’)\]]*(?=[A-Z][a-z])"
)
_WORD_BEFORE_RE = re.compile(r"([\w.]+)$")
_NEXT_CHAR_RE = re.compile(r"\s*(\S)")
# Longest word worth looking back for before a dot: abbreviations are short. A
# bounded window keeps each look-back constant-time instead of rescanning the
# text from its start at every full stop.
_LOOKBACK = 40
_SPACE = " \t\r\n\u200f\u200e\u2028\u2029\x0b\x0c\x85\xa0"


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _SPACE:
        start += 1
    while end > start and text[end - 1] in _SPACE:
        end -= 1
    return start, end


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Returns (start, end) offsets of the lines of text that hold anything but whitespace.

    The first one of an article is its headline. Offsets exclude surrounding
    whitespace.

    Args:
        text: any text.

    Returns:
        Non-empty paragraph spans in text order.
    """
    spans = []
    start = 0
    for m in LINE_BREAK_RE.finditer(text):
        a, b = _strip(text, start, m.start())
        if b > a:
            spans.append((a, b))
        start = m.end()
    a, b = _strip(text, start, len(text))
    if b > a:
        spans.append((a, b))
    return spans


def _sentences_in(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    at = start
    for m in _BOUNDARY_RE.finditer(text, start, end):
        if m.group().startswith("."):
            before = _WORD_BEFORE_RE.search(text, max(start, m.start() - _LOOKBACK), m.start())
            word = before.group(1).lower().rstrip(".") if before else ""
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
            nxt = _NEXT_CHAR_RE.match(text, m.end(), end)
            # A lowercase continuation means the dot did not end the sentence.
            if nxt and nxt.group(1).islower():
                continue
        a, b = _strip(text, at, m.end())
        if b > a:
            spans.append((a, b))
        at = m.end()
    a, b = _strip(text, at, end)
    if b > a:
        spans.append((a, b))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Returns (start, end) offsets of the sentences of text.

    Every line break ends a sentence; within a line, splits after . ! ? ؟ ۔
    (and closing quotes) when whitespace follows or a glued sentence starts;
    keeps abbreviations ("Dr.", "U.S."), initials ("J. Smith", "د.") and
    decimals together. Offsets exclude surrounding whitespace.

    Args:
        text: any text.

    Returns:
        Non-empty sentence spans in text order.
    """
    spans: list[tuple[int, int]] = []
    for start, end in paragraphs(text):
        _sentences_in(text, start, end, spans)
    return spans


class Segments:
    """The paragraphs of one text, for asking which paragraph an offset is in."""

    def __init__(self, text: str):
        self.text = text
        self.spans = paragraphs(text)
        self._starts = [a for a, _ in self.spans]

    def index(self, pos: int) -> int:
        """Index of the paragraph holding offset pos (the one before it when pos is between two)."""
        return max(0, bisect.bisect_right(self._starts, pos) - 1)

    def paragraph(self, pos: int) -> tuple[int, int]:
        """(start, end) of the paragraph holding offset pos; (0, 0) for a text without any."""
        if not self.spans:
            return 0, 0
        return self.spans[self.index(pos)]

    def is_headline(self, pos: int) -> bool:
        """Whether offset pos is in the first line of a text of several lines (an article's headline)."""
        return len(self.spans) > 1 and self.index(pos) == 0


def crosses_line_break(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] holds a line break."""
    return any(ch in _LINE_BREAK_CHARS for ch in text[start:end])


@Language.component("marsad_line_breaks")
def mark_line_breaks(doc: Doc) -> Doc:
    """Presets a sentence start on the first token after every line break (a spaCy component).

    Run it before the parser; the parser keeps preset sentence starts, so
    ``doc.sents`` then never crosses a line break. Other tokens are left
    unset for the parser to decide.

    Args:
        doc: a tokenised Doc, not yet parsed.

    Returns:
        The same Doc.
    """
    after_break = False
    for tok in doc:
        if tok.is_space:
            after_break = after_break or any(ch in _LINE_BREAK_CHARS for ch in tok.text)
            continue
        if after_break and tok.i > 0:
            tok.is_sent_start = True
        after_break = False
    return doc
