"""The demo news site's content: outlets, stories and every document they serve, rendered once.

Pure functions of the data files beside this module (``outlets.yml`` and
``stories/*.yml``) and the site's origin: no sockets here (see server.py).
Each outlet gets article pages in its own layout and charset, a front page,
an RSS or Atom feed and a Google News sitemap; the site has a robots.txt
and a sitemap index over the four news sitemaps.
"""

from __future__ import annotations

import hashlib
import json
import string
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime
from functools import cache
from html import escape
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
OUTLETS_FILE = HERE / "outlets.yml"
STORIES_DIR = HERE / "stories"

# Article ids derive from canonical URLs: the pages name this origin as canonical
# even when the site had to run on another port, so a re-crawl updates the same
# articles instead of adding copies.
CANONICAL_ORIGIN = "http://127.0.0.1:18765"

MONTHS = {
    "english": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"],
    "egyptian": ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
                 "نوفمبر", "ديسمبر"],
    "levantine": ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
                  "تشرين الأول", "تشرين الثاني", "كانون الأول"],
}
INDIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PUBLISHER = "Marsad demo site"


class DemoDataError(ValueError):
    """A data file of the demo site is malformed; the message names the file and the problem."""


@dataclass(frozen=True)
class Outlet:
    """One invented news site: its language, charset, layout and where its pages are."""

    key: str
    path: str
    name: str
    tagline: str
    lang: str
    charset: str
    tz: timezone
    months: str
    digits: str
    feed: str
    feed_path: str
    crawl: str
    url: str
    sections: dict[str, str]
    related_title: str
    page: str
    article: str

    @property
    def sitemap_path(self) -> str:
        return f"{self.path}/sitemap-news.xml"

    @property
    def content_type(self) -> str:
        return f"text/html; charset={self.charset}"


@dataclass(frozen=True)
class Article:
    """One article as an outlet published it."""

    outlet: Outlet
    story: str
    slug: str
    section: str
    published: datetime
    author: str
    headline: str
    paragraphs: tuple[str, ...]
    copy_of: str | None = None

    @property
    def number(self) -> int:
        """The outlet's article number (its CMS id): stable, derived from the slug."""
        return 10000 + int(hashlib.sha1(f"{self.outlet.key}/{self.slug}".encode()).hexdigest(), 16) % 90000

    @property
    def path(self) -> str:
        """The article's path (and query) on the demo site."""
        p = self.published
        return self.outlet.url.format(section=self.section, yyyy=f"{p.year:04d}", mm=f"{p.month:02d}",
                                      dd=f"{p.day:02d}", slug=self.slug, number=self.number)

    @property
    def lang(self) -> str:
        return self.outlet.lang

    @property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


@dataclass
class Document:
    """A document the site serves: its bytes, media type and modification time."""

    body: bytes
    content_type: str
    modified: datetime
    etag: str = field(init=False)

    def __post_init__(self) -> None:
        self.etag = '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'


def _tz(text: str) -> timezone:
    sign = -1 if text.startswith("-") else 1
    hours, minutes = text.lstrip("+-").split(":")
    return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))


@cache
def outlets() -> tuple[Outlet, ...]:
    """Returns the outlets of outlets.yml.

    Raises:
        DemoDataError: when the file is malformed.
    """
    try:
        data = yaml.safe_load(OUTLETS_FILE.read_text(encoding="utf-8"))
        out = []
        for entry in data["outlets"]:
            entry = dict(entry)
            entry["tz"] = _tz(str(entry["tz"]))
            out.append(Outlet(**entry))
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as e:
        raise DemoDataError(f"{OUTLETS_FILE}: {e}") from e
    for o in out:
        if o.crawl not in ("feed", "sitemap") or o.feed not in ("rss", "atom") or o.lang not in ("ar", "en"):
            raise DemoDataError(f"{OUTLETS_FILE}: outlet {o.key}: crawl, feed or lang has an unknown value")
    return tuple(out)


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(" ".join(p.split()) for p in text.split("\n\n") if p.strip())


def _load_story(path: Path, by_key: dict[str, Outlet]) -> list[Article]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    story = data["story"]
    articles = []
    for entry in data["articles"]:
        outlet = by_key[entry["outlet"]]
        published = datetime.strptime(str(entry["published"]), "%Y-%m-%d %H:%M").replace(tzinfo=outlet.tz)
        if entry["section"] not in outlet.sections:
            raise DemoDataError(f"{path}: {entry['slug']}: {outlet.key} has no section {entry['section']!r}")
        article = Article(outlet=outlet, story=story, slug=entry["slug"], section=entry["section"],
                          published=published, author=entry["author"], headline=" ".join(entry["headline"].split()),
                          paragraphs=_paragraphs(entry["text"]), copy_of=entry.get("copy_of"))
        try:
            # Fails here, not in the middle of a crawl, when a windows-1256 outlet's text cannot be encoded.
            "".join((article.headline, article.author, *article.paragraphs)).encode(outlet.charset)
        except UnicodeEncodeError as e:
            raise DemoDataError(f"{path}: {article.slug}: {outlet.charset} cannot encode {e.object[e.start]!r}") from e
        articles.append(article)
    return articles


@cache
def articles() -> tuple[Article, ...]:
    """Returns every article of every story, oldest first.

    Raises:
        DemoDataError: when a story file is malformed or two articles share a path.
    """
    by_key = {o.key: o for o in outlets()}
    out: list[Article] = []
    for path in sorted(STORIES_DIR.glob("*.yml")):
        try:
            out += _load_story(path, by_key)
        except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as e:
            if isinstance(e, DemoDataError):
                raise
            raise DemoDataError(f"{path}: {e!r}") from e
    paths = [a.path for a in out]
    if len(set(paths)) != len(paths):
        raise DemoDataError("two demo articles share a path")
    slugs = {a.slug for a in out}
    for a in out:
        if a.copy_of and a.copy_of not in slugs:
            raise DemoDataError(f"{a.slug}: copy_of names no article ({a.copy_of})")
    return tuple(sorted(out, key=lambda a: (a.published, a.outlet.key, a.slug)))


# ---------------------------------------------------------------- rendering


def _date_text(outlet: Outlet, when: datetime) -> str:
    month = MONTHS[outlet.months][when.month - 1]
    if outlet.lang == "en":
        text = f"{when.day} {month} {when.year}, {when:%H:%M}"
    else:
        text = f"{when.day} {month} {when.year} - {when:%H:%M}"
    return text.translate(INDIC_DIGITS) if outlet.digits == "arabic-indic" else text


def _author_path(a: Article) -> str:
    slug = hashlib.sha1(a.author.encode()).hexdigest()[:8]
    return f"{a.outlet.path}/author/{slug}"


def _related(a: Article, every: tuple[Article, ...], n: int = 4) -> list[Article]:
    """The outlet's articles nearest in time, other stories first: what its "related" box would list."""
    mine = [b for b in every if b.outlet is a.outlet and b is not a]
    mine.sort(key=lambda b: (b.story == a.story, abs((b.published - a.published).total_seconds()), b.slug))
    return mine[:n]


def _json_ld(a: Article) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.headline,
        "inLanguage": a.lang,
        "datePublished": a.published.isoformat(),
        "dateModified": a.published.isoformat(),
        "author": {"@type": "Person", "name": a.author},
        "publisher": {"@type": "NewsMediaOrganization", "name": a.outlet.name},
        "mainEntityOfPage": CANONICAL_ORIGIN + a.path,
        "articleSection": a.outlet.sections[a.section],
    }
    # </script> cannot occur in our data, but a headline with "<" must not end the element early.
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


def _fill(template: str, **values: str) -> str:
    return string.Template(template).substitute(**values)


def _page(outlet: Outlet, title: str, head: str, main: str) -> str:
    return _fill(outlet.page, lang=outlet.lang, dir="rtl" if outlet.lang == "ar" else "ltr",
                 head=f"<title>{escape(title)}</title>\n{head}", main=main, outlet=escape(outlet.name),
                 outlet_path=outlet.path, tagline=escape(outlet.tagline), year="2026")


def article_html(a: Article, every: tuple[Article, ...]) -> str:
    """Returns the article's page: the outlet's layout around headline, byline, date and text."""
    o = a.outlet
    canonical = CANONICAL_ORIGIN + a.path
    head = "\n".join([
        f'<link rel="canonical" href="{escape(canonical)}">',
        f'<meta name="author" content="{escape(a.author)}">',
        f'<meta name="description" content="{escape(a.paragraphs[0][:150])}">',
        f'<meta property="og:title" content="{escape(a.headline)}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:site_name" content="{escape(o.name)}">',
        f'<meta property="article:published_time" content="{a.published.isoformat()}">',
        f'<script type="application/ld+json">{_json_ld(a)}</script>',
    ])
    body = "\n".join(f"    <p>{escape(p)}</p>" for p in a.paragraphs)
    related = "\n".join(f'    <li><a href="{escape(b.path)}">{escape(b.headline)}</a></li>'
                        for b in _related(a, every))
    main = _fill(o.article, headline=escape(a.headline), author=escape(a.author), author_path=_author_path(a),
                 date_iso=a.published.isoformat(), date_text=_date_text(o, a.published), section=a.section,
                 section_name=escape(o.sections[a.section]), body=body, related=related,
                 related_title=escape(o.related_title))
    return _page(o, f"{a.headline} | {o.name}", head, main)


def front_html(o: Outlet, every: tuple[Article, ...]) -> str:
    """Returns the outlet's front page: its headlines, newest first."""
    mine = sorted((a for a in every if a.outlet is o), key=lambda a: a.published, reverse=True)
    items = "\n".join(f'  <li><a href="{escape(a.path)}">{escape(a.headline)}</a> '
                      f"<small>{_date_text(o, a.published)}</small></li>" for a in mine)
    return _page(o, f"{o.name} - {o.tagline}", f'<link rel="alternate" type="application/{o.feed}+xml" '
                 f'href="{o.feed_path}">', f"<h1>{escape(o.name)}</h1>\n<ul class=\"headlines\">\n{items}\n</ul>")


def portal_html(every: tuple[Article, ...]) -> str:
    """Returns the site's home page: what the demo is and a link to each outlet."""
    rows = "\n".join(
        f'<li><a href="{o.path}/" lang="{o.lang}">{escape(o.name)}</a> ({o.lang}, {o.charset}, '
        f"{sum(1 for a in every if a.outlet is o)} articles; <a href=\"{o.feed_path}\">{o.feed}</a>, "
        f'<a href="{o.sitemap_path}">news sitemap</a>)</li>' for o in outlets())
    stories = len({a.story for a in every})
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Marsad demo news site</title></head>
<body><h1>Marsad demo news site</h1>
<p>Four invented news outlets in Arabic and English: {len(every)} articles on {stories} stories. Every outlet,
company, person, figure and event here is made up for Marsad's demo; the texts were written for it.</p>
<ul>
{rows}
</ul>
<p><a href="/sitemap.xml">Sitemap index</a> · <a href="/robots.txt">robots.txt</a></p>
</body></html>"""


def _rss(o: Outlet, mine: list[Article], origin: str) -> str:
    items = []
    for a in mine:
        items.append(
            f"<item><title>{escape(a.headline)}</title><link>{escape(origin + a.path)}</link>"
            f'<guid isPermaLink="false">{o.key}-{a.number}</guid>'
            f"<pubDate>{format_datetime(a.published)}</pubDate>"
            f"<dc:creator>{escape(a.author)}</dc:creator><category>{escape(o.sections[a.section])}</category>"
            f"<description>{escape(a.paragraphs[0])}</description></item>")
    newest = max(a.published for a in mine)
    return (f'<?xml version="1.0" encoding="{o.charset}"?>\n'
            '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
            f"<title>{escape(o.name)}</title><link>{origin}{o.path}/</link>"
            f"<description>{escape(o.tagline)}</description><language>{o.lang}</language>"
            f"<lastBuildDate>{format_datetime(newest)}</lastBuildDate>{''.join(items)}</channel></rss>\n")


def _atom(o: Outlet, mine: list[Article], origin: str) -> str:
    entries = []
    for a in mine:
        entries.append(
            f"<entry><title>{escape(a.headline)}</title>"
            f'<link rel="alternate" type="text/html" href="{escape(origin + a.path)}"/>'
            f"<id>tag:demo.marsad,2026:{o.key}/{a.number}</id>"
            f"<published>{a.published.isoformat()}</published><updated>{a.published.isoformat()}</updated>"
            f"<author><name>{escape(a.author)}</name></author>"
            f"<summary>{escape(a.paragraphs[0])}</summary></entry>")
    newest = max(a.published for a in mine)
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{o.lang}"><title>{escape(o.name)}</title>'
            f'<subtitle>{escape(o.tagline)}</subtitle><link rel="self" href="{origin}{o.feed_path}"/>'
            f'<link rel="alternate" href="{origin}{o.path}/"/><id>tag:demo.marsad,2026:{o.key}</id>'
            f"<updated>{newest.isoformat()}</updated>{''.join(entries)}</feed>\n")


def _news_sitemap(o: Outlet, mine: list[Article], origin: str) -> str:
    urls = []
    for a in mine:
        urls.append(
            f"<url><loc>{escape(origin + a.path)}</loc><lastmod>{a.published.isoformat()}</lastmod>"
            f"<news:news><news:publication><news:name>{escape(o.name)}</news:name>"
            f"<news:language>{o.lang}</news:language></news:publication>"
            f"<news:publication_date>{a.published.isoformat()}</news:publication_date>"
            f"<news:title>{escape(a.headline)}</news:title></news:news></url>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{"".join(urls)}</urlset>\n')


def _sitemap_index(origin: str, every: tuple[Article, ...]) -> str:
    maps = []
    for o in outlets():
        newest = max(a.published for a in every if a.outlet is o)
        maps.append(f"<sitemap><loc>{origin}{o.sitemap_path}</loc><lastmod>{newest.isoformat()}</lastmod></sitemap>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{"".join(maps)}</sitemapindex>\n')


def _robots(origin: str) -> str:
    lines = ["User-agent: *", "Disallow: /ledger/search", "Disallow: /manara/admin/", "Allow: /", "",
             f"Sitemap: {origin}/sitemap.xml"]
    lines += [f"Sitemap: {origin}{o.sitemap_path}" for o in outlets()]
    return "\n".join(lines) + "\n"


def documents(origin: str) -> dict[str, Document]:
    """Returns every document of the site by path (with its query, if any), links pointing at origin."""
    every = articles()
    newest = max(a.published for a in every)
    docs: dict[str, Document] = {}

    def add(path: str, text: str, ctype: str, modified: datetime, charset: str = "utf-8") -> None:
        docs[path] = Document(text.encode(charset), ctype, modified)

    add("/", portal_html(every), "text/html; charset=utf-8", newest)
    add("/robots.txt", _robots(origin), "text/plain; charset=utf-8", newest)
    add("/sitemap.xml", _sitemap_index(origin, every), "application/xml; charset=utf-8", newest)
    for o in outlets():
        mine = sorted((a for a in every if a.outlet is o), key=lambda a: a.published, reverse=True)
        last = mine[0].published
        add(f"{o.path}/", front_html(o, every), o.content_type, last, o.charset)
        feed = _rss(o, mine, origin) if o.feed == "rss" else _atom(o, mine, origin)
        add(o.feed_path, feed, f"application/{o.feed}+xml; charset={o.charset}", last, o.charset)
        add(o.sitemap_path, _news_sitemap(o, mine, origin), "application/xml; charset=utf-8", last)
        for a in mine:
            add(a.path, article_html(a, every), o.content_type, a.published, o.charset)
    return docs


def summary() -> dict:
    """Returns counts of the site's content: articles, outlets, stories, languages, copies, words."""
    every = articles()
    words = [a.words for a in every]
    return {
        "articles": len(every),
        "outlets": len({a.outlet.key for a in every}),
        "stories": len({a.story for a in every}),
        "languages": sorted({a.lang for a in every}),
        "copies": sum(1 for a in every if a.copy_of),
        "words": (min(words), max(words)),
        "newest": max(a.published for a in every).astimezone(UTC).isoformat(),
    }
