"""Main text of an HTML page, for analysis (trafilatura does the extraction)."""

from __future__ import annotations

import trafilatura

from nlp.types import AnalysisError


def main_text(html: str) -> str:
    """Returns the main text of an HTML page: the article, without menus, footers and comments.

    A pure function of the string: trafilatura parses it in memory and fetches
    nothing. Paragraphs are separated by line breaks, so that a headline
    without a full stop is still a sentence of its own.

    Args:
        html: the page's markup, already decoded.

    Returns:
        The extracted text.

    Raises:
        AnalysisError: when the input is not a string or has no extractable
            main text (empty, malformed beyond repair, or a page of menus only).
    """
    if not isinstance(html, str):
        raise AnalysisError(f"HTML must be a string, not {type(html).__name__}")
    if not html.strip():
        raise AnalysisError("empty HTML")
    if "<" not in html:
        raise AnalysisError("input is not HTML (no markup found); analyse it as plain text instead")
    try:
        text = trafilatura.extract(
            html,
            include_comments=False,
            include_tables=False,
            include_images=False,
            with_metadata=False,
            deduplicate=False,
            output_format="txt",
        )
    except (ValueError, TypeError) as e:
        # lxml rejects some byte-level garbage (NUL bytes, broken encodings declared inline).
        raise AnalysisError(f"cannot parse the HTML: {e}") from e
    if not text or not text.strip():
        raise AnalysisError("no main text found in the HTML (empty, malformed, or only navigation)")
    return text.strip()
