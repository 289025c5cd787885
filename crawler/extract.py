"""Article extraction from a fetched page: pure functions of bytes and strings, no I/O.

The spiders only find pages; the clean pipeline calls :func:`decode_html` and
:func:`extract_article` on what they fetched. Everything here can be tested
without a network or a crawler.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import trafilatura
from dateutil import parser as dateparser
from parsel import Selector

# Shorter main text than this is a teaser, an index page or an error page, not an article.
MIN_BODY_CHARS = 250


class NoArticle(ValueError):
    """The page has no usable article; ``reason`` is a short stats-friendly phrase."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class Extracted:
    """What a page yields: the fields of marsad.documents.Article plus provenance."""

    url: str
    canonical: str
    title: str
    body: str
    lang: str
    source: str
    author: str | None = None
    published: str | None = None
    date_from: str | None = None
    extra: dict = field(default_factory=dict)


# ---------------------------------------------------------------- encodings

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-:.]+)", re.I)
_ALIASES = {
    "arabic": "iso-8859-6",
    "iso-8859-6-i": "iso-8859-6",
    "iso-8859-6-e": "iso-8859-6",
    "cp1256": "windows-1256",
    "x-user-defined": "windows-1252",
    # WHATWG: pages labelled Latin-1 are really windows-1252.
    "iso-8859-1": "windows-1252",
    "latin1": "windows-1252",
    "us-ascii": "windows-1252",
}
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")


def _usable(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().lower()
    name = _ALIASES.get(name, name)
    try:
        "".encode(name)
    except LookupError:
        return None
    return name


def _arabic_legacy(body: bytes) -> str | None:
    """Guesses windows-1256 or ISO-8859-6 for undeclared 8-bit Arabic pages; None if neither fits."""
    best, best_score = None, 0.0
    for enc in ("windows-1256", "iso-8859-6"):
        try:
            text = body.decode(enc)
        except UnicodeDecodeError:
            # ISO-8859-6 leaves many bytes undefined: a windows-1256 page usually fails here.
            continue
        high = sum(1 for ch in text if ord(ch) > 127) or 1
        score = len(_ARABIC_LETTER.findall(text)) / high
        if score > best_score:
            best, best_score = enc, score
    return best if best_score > 0.6 else None


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Returns (text, encoding) of an HTML page.

    Order: byte-order mark, charset in the Content-Type header, <meta> charset
    in the first 4 KiB, strict UTF-8, then a check for 8-bit Arabic
    (windows-1256 / ISO-8859-6), then windows-1252 as browsers do.
    """
    for bom, enc in _BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(enc, errors="replace"), enc
    candidates = []
    if content_type:
        m = _HEADER_CHARSET.search(content_type)
        if m:
            candidates.append(m.group(1))
    m = _META_CHARSET.search(body[:4096])
    if m:
        candidates.append(m.group(1).decode("ascii", "ignore"))
    for name in candidates:
        enc = _usable(name)
        if enc:
            return body.decode(enc, errors="replace"), enc
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    enc = _arabic_legacy(body) or "windows-1252"
    return body.decode(enc, errors="replace"), enc


# ---------------------------------------------------------------- dates

_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# Both month series: Egyptian/Gulf (from the Latin names) and Levantine/Iraqi (Syriac names).
_ARABIC_MONTHS = {
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "أبريل": 4, "إبريل": 4, "مايو": 5, "يونيو": 6,
    "يونيه": 6, "يوليو": 7, "يوليه": 7, "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9, "أكتوبر": 10,
    "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "اذار": 3, "نيسان": 4, "أيار": 5, "ايار": 5,
    "حزيران": 6, "تموز": 7, "آب": 8, "اب": 8, "أيلول": 9, "ايلول": 9, "تشرين الأول": 10,
    "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الأول": 12, "كانون الاول": 12,
}
# Longest names first so that "كانون الثاني" wins over a shorter overlap.
_MONTH_ALT = "|".join(sorted((re.escape(k) for k in _ARABIC_MONTHS), key=len, reverse=True))
_ARABIC_DATE = re.compile(
    rf"(?<![\w])(\d{{1,2}})\s*(?:من\s+)?({_MONTH_ALT})\s*(?:/\s*\S+\s*)?[,،]?\s*(\d{{4}})"
    rf"(?:\D{{0,12}}?(\d{{1,2}}):(\d{{2}}))?"
)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|$)")
_URL_DATE_COMPACT = re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})/")
_YEAR_ONLY = re.compile(r"^\d{4}$")


def _iso(dt: datetime) -> str:
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).isoformat(timespec="seconds")


def _plausible(dt: datetime) -> bool:
    now = datetime.now(UTC)
    aware = dt if dt.tzinfo else dt.replace(tzinfo=UTC)
    return datetime(1990, 1, 1, tzinfo=UTC) <= aware <= now.replace(year=now.year + 1)


def parse_date(text: str | None) -> str | None:
    """Returns an ISO 8601 UTC timestamp for a date written in English or Arabic, or None.

    Understands ISO 8601, RFC 2822 (feeds), English month names, and Arabic
    month names of both series with Western or Arabic-Indic digits
    (``١٥ كانون الثاني ٢٠٢٦``, ``3 مارس 2026 - 14:05``).
    """
    if not text:
        return None
    text = " ".join(text.translate(_ARABIC_DIGITS).split())
    if not text or _YEAR_ONLY.match(text):
        return None
    m = _ARABIC_DATE.search(text)
    if m:
        day, month, year = int(m.group(1)), _ARABIC_MONTHS[m.group(2)], int(m.group(3))
        hour, minute = (int(m.group(4)), int(m.group(5))) if m.group(4) else (0, 0)
        try:
            dt = datetime(year, month, day, hour, minute)
        except ValueError:
            return None
        return _iso(dt) if _plausible(dt) else None
    if not re.search(r"\d", text):
        return None
    try:
        dt = dateparser.parse(text, fuzzy=False)
    except (ValueError, OverflowError, TypeError):
        try:
            dt = dateparser.parse(text, fuzzy=True)
        except (ValueError, OverflowError, TypeError):
            return None
    return _iso(dt) if dt and _plausible(dt) else None


def date_from_url(url: str) -> str | None:
    """Returns the date written in an article URL (/2026/01/15/ or /20260115/), or None."""
    path = urlsplit(url).path
    m = _URL_DATE.search(path) or _URL_DATE_COMPACT.search(path)
    if not m:
        return None
    try:
        dt = datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return _iso(dt) if _plausible(dt) else None


_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "datePublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.created",
    "dc.date",
    "date",
)
_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle"}


def _meta(sel: Selector, names: tuple[str, ...]) -> str | None:
    for name in names:
        low = name.lower()
        for attr in ("property", "name", "itemprop"):
            value = sel.xpath(
                f"//meta[translate(@{attr},'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz')=$n]/@content",
                n=low,
            ).get()
            if value and value.strip():
                return value.strip()
    return None


def _json_ld_articles(sel: Selector) -> list[dict]:
    found: list[dict] = []

    def walk(node: object) -> None:
        if isinstance(node, list):
            for n in node:
                walk(n)
        elif isinstance(node, dict):
            types = node.get("@type")
            types = types if isinstance(types, list) else [types]
            if any(isinstance(t, str) and t.lower() in _ARTICLE_TYPES for t in types):
                found.append(node)
            for key in ("@graph", "mainEntity"):
                if key in node:
                    walk(node[key])

    for raw in sel.xpath('//script[@type="application/ld+json"]/text()').getall():
        try:
            walk(json.loads(raw))
        except ValueError:
            continue
    return found


def _ld_author(node: dict) -> str | None:
    author = node.get("author")
    authors = author if isinstance(author, list) else [author]
    names = []
    for a in authors:
        if isinstance(a, dict) and a.get("name"):
            names.append(str(a["name"]).strip())
        elif isinstance(a, str) and a.strip():
            names.append(a.strip())
    return ", ".join(names) or None


def find_published(sel: Selector, url: str, ld: list[dict]) -> tuple[str | None, str | None]:
    """Returns (published ISO date, where it came from) from page metadata, JSON-LD, <time> or the URL."""
    raw = _meta(sel, _DATE_META)
    if parse_date(raw):
        return parse_date(raw), "meta"
    for node in ld:
        value = parse_date(str(node.get("datePublished") or node.get("dateCreated") or ""))
        if value:
            return value, "json-ld"
    for t in sel.xpath("//time"):
        value = parse_date(t.attrib.get("datetime")) or parse_date(" ".join(t.xpath(".//text()").getall()))
        if value:
            return value, "time"
    byline = sel.xpath(
        "//*[contains(concat(' ', normalize-space(@class), ' '), ' date ') "
        "or contains(@class, 'publish') or contains(@class, 'dateline')]//text()"
    ).getall()
    value = parse_date(" ".join(byline)[:200])
    if value:
        return value, "byline"
    value = date_from_url(url)
    if value:
        return value, "url"
    return None, None


def _same_site(a: str, b: str) -> bool:
    ha, hb = (urlsplit(a).hostname or ""), (urlsplit(b).hostname or "")
    strip = lambda h: h[4:] if h.startswith("www.") else h  # noqa: E731
    return strip(ha) == strip(hb) or ha.endswith("." + strip(hb)) or hb.endswith("." + strip(ha))


def find_canonical(sel: Selector, url: str) -> str:
    """Returns the page's canonical URL (<link rel=canonical>, og:url) when it is on the same site, else url."""
    for href in (
        sel.xpath('//link[translate(@rel,"CANONICAL","canonical")="canonical"]/@href').get(),
        _meta(sel, ("og:url",)),
    ):
        if href and href.strip():
            absolute = urljoin(url, href.strip())
            # A canonical pointing at another site must not let one page overwrite another's article.
            if absolute.startswith(("http://", "https://")) and _same_site(absolute, url):
                return absolute
    return url


def _select_text(sel: Selector, query: str) -> str:
    nodes = sel.xpath(query) if query.startswith(("/", "(")) else sel.css(query)
    parts = []
    for node in nodes:
        paras = node.xpath(".//p")
        chunks = paras if paras else [node]
        for chunk in chunks:
            text = " ".join(" ".join(chunk.xpath(".//text()").getall()).split())
            if text:
                parts.append(text)
    return "\n".join(parts)


# What may stand between a headline and the site's name in a <title>.
_TITLE_SUFFIX = re.compile(r"^\s*[|\-–—:·•]\s*\S.{0,40}$")
# A first line shorter than this ("Dubai", a section name) is not taken for a
# headline followed by a site name.
_MIN_HEADLINE = 15


def strip_headline(body: str, title: str) -> str:
    """Returns body without a first line that repeats the headline.

    Extractors keep an article's <h1> as the first line of its text, and the
    title field already holds it: analysed again with the body, its claims
    would be counted twice. The line is dropped when it equals the title (up
    to spacing and case) or when the title is that line followed by a site
    name ("Headline | News Site").
    """
    first, sep, rest = body.partition("\n")
    line = " ".join(first.split()).casefold()
    want = title.casefold()
    if not line or not sep:
        return body
    if line == want or (len(line) >= _MIN_HEADLINE and want.startswith(line)
                        and _TITLE_SUFFIX.match(want[len(line):])):
        return rest.lstrip()
    return body


def _detect_language(text: str) -> str | None:
    try:
        from marsad.nlp.language import detect_language
    except ImportError:
        return None
    try:
        code = detect_language(text)
    except ValueError:
        return None
    return None if code == "und" else code


def page_article(
    body: bytes,
    url: str,
    source: str,
    content_type: str | None = None,
    lang_hint: str | None = None,
    selectors: dict | None = None,
    feed_date: str | None = None,
    strict: bool = True,
) -> tuple[Extracted, str]:
    """Returns (article, encoding) of one fetched page: decode_html, then extract_article.

    The one way from page bytes to an article: the crawler's clean pipeline and
    ``marsad extract --html`` both call it, so the command reproduces what a
    crawl would index.

    Raises:
        NoArticle: when the page has no article body (reason says why).
    """
    html, encoding = decode_html(body, content_type)
    return extract_article(html, url, source, lang_hint, selectors, feed_date, strict=strict), encoding


def analysis_lang(lang: str | None) -> str | None:
    """Returns the language an extracted article is analysed in: ar or en, else None (detected again)."""
    return lang if lang in ("ar", "en") else None


def extract_article(
    html: str,
    url: str,
    source: str,
    lang_hint: str | None = None,
    selectors: dict | None = None,
    feed_date: str | None = None,
    strict: bool = True,
) -> Extracted:
    """Extracts one article from a decoded HTML page.

    Args:
        html: the page, decoded (see decode_html).
        url: the URL the page was fetched from (after redirects).
        source: the source name from sources.yml, stored with the article.
        lang_hint: the source's language, used when detection is unsure.
        selectors: optional site-specific CSS/XPath for title, body, author, date.
        feed_date: the date the feed or sitemap gave, used when the page has none.
        strict: a crawl's rules (the default): a body shorter than MIN_BODY_CHARS or
            a page without a title is no article. With False (``marsad extract
            --html``) such a page is still extracted, and ``extra["crawl_drops"]``
            says why a crawl would not index it.

    Returns:
        The extracted article.

    Raises:
        NoArticle: when the page has no article body (reason says why).
    """
    selectors = selectors or {}
    if not html or "<" not in html:
        raise NoArticle("not html")
    sel = Selector(text=html)
    # Metadata comes from our own readers below: trafilatura's date search (htmldate with
    # dateparser) costs about a second per Arabic page and does not know the Levantine months.
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=False,
        include_comments=False,
        include_tables=False,
        deduplicate=False,
    )
    drops: str | None = None
    body = _select_text(sel, selectors["body"]) if selectors.get("body") else ""
    if not body and doc is not None:
        body = (doc.text or "").strip()
    if len(body) < MIN_BODY_CHARS:
        if not body or strict:
            raise NoArticle("no article body" if not body else "body too short")
        drops = "body too short"
    title = ""
    if selectors.get("title"):
        title = _select_text(sel, selectors["title"])
    title = (
        title
        or _meta(sel, ("og:title",))
        or (doc.title if doc is not None else None)
        or " ".join(sel.xpath("//h1[1]//text()").getall())
        or sel.xpath("//title/text()").get("")
    )
    title = " ".join(title.split())
    if not title:
        if strict:
            raise NoArticle("no title")
        drops = drops or "no title"
    body = strip_headline(body, title) if title else body
    if len(body) < MIN_BODY_CHARS:
        if strict:
            raise NoArticle("body too short")
        if not body:
            raise NoArticle("no article body")
        drops = drops or "body too short"
    ld = _json_ld_articles(sel)
    author = _select_text(sel, selectors["author"]) if selectors.get("author") else None
    author = author or _meta(sel, ("author", "article:author", "byl", "dc.creator"))
    if not author:
        author = next((a for a in (_ld_author(n) for n in ld) if a), None)
    author = " ".join(author.split()) if author else None
    if author and author.startswith(("http://", "https://")):
        author = None
    published, date_from = None, None
    if selectors.get("date"):
        published = parse_date(_select_text(sel, selectors["date"]))
        date_from = "selector" if published else None
    if not published:
        published, date_from = find_published(sel, url, ld)
    if not published and feed_date:
        published, date_from = parse_date(feed_date), "feed"
    lang = _detect_language(f"{title}\n{body}")
    if lang not in ("ar", "en"):
        html_lang = (sel.xpath("/html/@lang").get() or "").split("-")[0].lower() or None
        lang = lang or lang_hint or html_lang or "und"
    return Extracted(
        url=url,
        canonical=find_canonical(sel, url),
        title=title,
        body=body,
        lang=lang,
        source=source,
        author=author,
        published=published,
        date_from=date_from,
        extra={"crawl_drops": drops} if drops else {},
    )
