"""The extracted body does not repeat the headline that the title field holds."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from marsad.crawler.extract import extract_article, strip_headline

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from fixtures.site import articles  # noqa: E402


@pytest.mark.parametrize(("body", "title", "expected"), [
    ("Acme denies selling data\nAcme said on Monday ...", "Acme denies selling data", "Acme said on Monday ..."),
    ("Acme  denies selling DATA\n\nAcme said ...", "Acme denies selling data", "Acme said ..."),
    ("Acme denies selling data\nAcme said ...", "Acme denies selling data | Demo News", "Acme said ..."),
    ("أكمي تنفي بيع البيانات\nوقالت أكمي ...", "أكمي تنفي بيع البيانات", "وقالت أكمي ..."),
    # Not the headline: kept.
    ("Dubai\nAcme said ...", "Dubai - Acme denies selling data", "Dubai\nAcme said ..."),
    ("Acme said on Monday ...\nMore.", "Acme denies selling data", "Acme said on Monday ...\nMore."),
    ("Acme denies selling data", "Acme denies selling data", "Acme denies selling data"),
])
def test_strip_headline(body: str, title: str, expected: str) -> None:
    assert strip_headline(body, title) == expected


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_page_whose_article_starts_with_its_h1_gives_the_headline_once(lang: str) -> None:
    _slug, headline, paras = (articles.english if lang == "en" else articles.arabic)(5)
    html = (f"<html lang='{lang}'><head><title>{headline} | Demo</title></head><body><nav>Home</nav>"
            f"<article><h1>{headline}</h1>{''.join(f'<p>{p}</p>' for p in paras)}</article></body></html>")
    ex = extract_article(html, "https://news.example/a", "demo", lang)
    assert headline not in ex.body
    assert ex.body.startswith(paras[0][:30])
    assert ex.title.startswith(headline)
