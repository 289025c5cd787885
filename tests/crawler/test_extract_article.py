"""marsad.crawler.extract: decoding, dates and article extraction, as pure functions."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from marsad.crawler.extract import NoArticle, date_from_url, decode_html, extract_article, parse_date

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "site"))
import articles  # noqa: E402

AR_TEXT = "أعلنت شركة موجة النيل للاتصالات أنها ستنفق 120 مليون دولار"


@pytest.mark.parametrize(
    ("body", "content_type", "encoding"),
    [
        (f"<html><body><p>{AR_TEXT}</p></body></html>".encode(), None, "utf-8"),
        (f"<html><head><meta charset=windows-1256></head><p>{AR_TEXT}</p>".encode("cp1256"), None, "windows-1256"),
        (f"<html><p>{AR_TEXT}</p>".encode("iso-8859-6"), "text/html; charset=ISO-8859-6", "iso-8859-6"),
        # Nothing declared: the bytes must still be recognised as 8-bit Arabic.
        (f"<html><p>{AR_TEXT} {AR_TEXT}</p>".encode("cp1256"), "text/html", "windows-1256"),
        (b"\xef\xbb\xbf" + f"<p>{AR_TEXT}</p>".encode(), "text/html; charset=iso-8859-1", "utf-8"),
    ],
)
def test_decode_html_finds_the_arabic_encoding(body: bytes, content_type: str | None, encoding: str) -> None:
    text, used = decode_html(body, content_type)
    assert used == encoding
    assert AR_TEXT in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 يناير 2026", "2026-01-15T00:00:00+00:00"),
        ("١٥ كانون الثاني ٢٠٢٦", "2026-01-15T00:00:00+00:00"),
        ("3 تشرين الأول 2025 - 14:05", "2025-10-03T14:05:00+00:00"),
        ("الأحد ٢٢ آب ٢٠٢٦", "2026-08-22T00:00:00+00:00"),
        ("7 أيار 2026", "2026-05-07T00:00:00+00:00"),
        ("1 ديسمبر 2025", "2025-12-01T00:00:00+00:00"),
        ("Mon, 05 Jan 2026 08:00:00 GMT", "2026-01-05T08:00:00+00:00"),
        ("2026-03-04T10:00:00+02:00", "2026-03-04T08:00:00+00:00"),
        ("4 May 2026", "2026-05-04T00:00:00+00:00"),
        ("", None),
        ("2026", None),
        ("no date here", None),
        ("32 يناير 2026", None),
    ],
)
def test_parse_date(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


def test_date_from_url() -> None:
    assert date_from_url("https://x.example/news/2026/02/20/story.html") == "2026-02-20T00:00:00+00:00"
    assert date_from_url("https://x.example/20260220/story") == "2026-02-20T00:00:00+00:00"
    assert date_from_url("https://x.example/news/story-2026") is None


def _page(lang: str, n: int, head: str = "", date: str = "") -> str:
    slug, headline, paras = (articles.english if lang == "en" else articles.arabic)(n)
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f"<html lang='{lang}'><head><title>{headline} | Demo</title>{head}</head><body><nav>Home</nav>"
            f"<article><h1>{headline}</h1>{date}{body}</article><footer>Demo</footer></body></html>")


def test_extract_english_article_with_json_ld() -> None:
    head = ('<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle",'
            '"datePublished":"2026-02-20T08:30:00Z","author":[{"@type":"Person","name":"Staff Reporter"}]}]}</script>'
            '<link rel="canonical" href="/en/story?utm_source=rss">')
    ex = extract_article(_page("en", 19, head), "https://news.example/en/story?ref=x", "demo", "en")
    assert ex.title.startswith("Newsgram bets $333 million")
    assert "Aleksandr Kogan denied" in ex.body
    assert ex.lang == "en"
    assert ex.published == "2026-02-20T08:30:00+00:00" and ex.date_from == "json-ld"
    assert ex.author == "Staff Reporter"
    assert ex.canonical == "https://news.example/en/story?utm_source=rss"


def test_extract_arabic_article_with_levantine_date() -> None:
    ex = extract_article(_page("ar", 3, date="<time>٤ آذار ٢٠٢٦</time>"), "https://news.example/ar/3", "demo")
    assert ex.lang == "ar"
    assert ex.title.startswith("بنك الأرز")
    assert "ونفى جوزيف نادر" in ex.body
    assert ex.published == "2026-03-04T00:00:00+00:00" and ex.date_from == "time"


def test_extract_falls_back_to_the_feed_date_and_ignores_off_site_canonicals() -> None:
    head = '<link rel="canonical" href="https://elsewhere.example/hijack">'
    ex = extract_article(_page("en", 2, head), "https://news.example/a", "demo",
                         feed_date="Mon, 05 Jan 2026 08:00:00 GMT")
    assert ex.canonical == "https://news.example/a"
    assert ex.published == "2026-01-05T08:00:00+00:00" and ex.date_from == "feed"


def test_site_selectors_take_precedence() -> None:
    html = _page("en", 4).replace("<article>", "<article><div class='lede'>Lede</div>")
    ex = extract_article(html, "https://news.example/a", "demo", selectors={"title": "div.lede", "body": "article"})
    assert ex.title == "Lede"


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("<html><body><nav><a href='/'>Home</a></nav><p>Latest headlines.</p></body></html>", "body too short"),
        ("<html><body></body></html>", "no article body"),
        ("plain text, not a page", "not html"),
    ],
)
def test_pages_without_an_article_are_refused_with_a_reason(html: str, reason: str) -> None:
    with pytest.raises(NoArticle) as e:
        extract_article(html, "https://news.example/x", "demo")
    assert e.value.reason == reason
