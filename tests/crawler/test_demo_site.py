"""The product's demo news site (crawler/demo): its content, what it serves, and a real crawl of it.

The site is what a new user sees on `make run` without internet, so it is
checked as a user would meet it: several outlets in both languages covering
the same stories, a windows-1256 outlet that decodes, feeds and news sitemaps
that list every article, pages whose boilerplate the extractor strips, and a
`marsad crawl --demo` into Elasticsearch whose output is clean.
"""

from __future__ import annotations

import re
import subprocess
import urllib.error
import urllib.request
from collections import defaultdict
from datetime import datetime

import feedparser
import pytest
from lxml import etree
from marsad.crawler import demo
from marsad.crawler.demo import site
from marsad.crawler.extract import decode_html, extract_article
from mockserver import REPO, crawl_env, marsad_command, summary
from protego import Protego

ARTICLES = site.articles()
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}


@pytest.fixture(scope="module")
def server():
    # Port 0: a test must not depend on (or take) the port `make run` prefers.
    with demo.DemoServer(port=0) as s:
        yield s


def _get(server, path: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    req = urllib.request.Request(server.url + path, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


# ---------------------------------------------------------------- content


def test_stories_from_several_outlets_in_both_languages() -> None:
    s = site.summary()
    assert s["stories"] >= 12 and s["outlets"] >= 3 and s["languages"] == ["ar", "en"]
    assert 40 <= s["articles"] <= 60
    by_story = defaultdict(list)
    for a in ARTICLES:
        by_story[a.story].append(a)
    both = [k for k, arts in by_story.items() if {a.lang for a in arts} == {"ar", "en"}]
    multi = [k for k, arts in by_story.items() if len({a.outlet.key for a in arts}) >= 3]
    followed_up = [k for k, arts in by_story.items() if len({a.published.date() for a in arts}) >= 2]
    assert len(both) == len(by_story), "every story is reported in Arabic and in English"
    assert len(multi) >= len(by_story) // 2, "most stories are covered by three outlets or more"
    assert len(followed_up) >= 4
    # Syndicated copies: a wire story under another outlet's headline, same story.
    copies = [a for a in ARTICLES if a.copy_of]
    assert {a.lang for a in copies} == {"ar", "en"}
    for a in copies:
        original = next(b for b in ARTICLES if b.slug == a.copy_of)
        assert original.story == a.story and original.outlet is not a.outlet and original.headline != a.headline
    for a in ARTICLES:
        assert 200 <= a.words <= 600, (a.slug, a.words)


def test_figures_in_both_digit_systems_and_denials_in_both_languages() -> None:
    text = {lang: " ".join(p for a in ARTICLES if a.lang == lang for p in a.paragraphs) for lang in ("ar", "en")}
    assert re.search("[٠-٩]", text["ar"]) and re.search(r"\d+ (مليون|ألف)", text["ar"])
    assert re.search(r"\b(denied|rejected)\b", text["en"]) and re.search("نفت|نفى", text["ar"])


def test_windows_1256_outlet_is_served_as_declared_and_decodes(server) -> None:
    legacy = [o for o in site.outlets() if o.charset == "windows-1256"]
    assert legacy and legacy[0].lang == "ar"
    mine = [a for a in ARTICLES if a.outlet is legacy[0]]
    assert len(mine) >= 8
    for a in mine:
        status, headers, body = _get(server, a.path)
        assert status == 200 and headers["Content-Type"] == "text/html; charset=windows-1256"
        assert b'<meta charset="windows-1256">' in body[:1024]
        with pytest.raises(UnicodeDecodeError):
            body.decode("utf-8")
        assert a.headline in body.decode("windows-1256")
        # The crawler's own path: header, then meta, then the bytes.
        text, encoding = decode_html(body, headers["Content-Type"])
        assert encoding == "windows-1256" and a.paragraphs[-1] in text
    status, headers, body = _get(server, legacy[0].feed_path)
    assert "charset=windows-1256" in headers["Content-Type"]
    feed = feedparser.parse(body)
    assert not feed.bozo and feed.encoding == "windows-1256"
    assert {e.title for e in feed.entries} == {a.headline for a in mine}


def test_every_page_extracts_to_its_article_without_boilerplate(server) -> None:
    for a in ARTICLES:
        status, headers, body = _get(server, a.path)
        assert status == 200
        html, _ = decode_html(body, headers["Content-Type"])
        # The page carries navigation, related links, a cookie note and a footer around the article ...
        assert html.count("<a ") > 15 and re.search("cookie|الكوكيز|ملفات تعريف الارتباط", html, re.I)
        ex = extract_article(html, server.url + a.path, a.outlet.key, a.lang)
        # ... and the extractor keeps exactly the article.
        assert ex.title == a.headline and ex.body == "\n".join(a.paragraphs), a.path
        assert ex.author == a.author and ex.lang == a.lang
        assert datetime.fromisoformat(ex.published) == a.published
        assert ex.canonical == site.CANONICAL_ORIGIN + a.path


def test_feeds_and_news_sitemaps_list_every_article(server) -> None:
    listed_by_feeds, listed_by_sitemaps = set(), set()
    for o in site.outlets():
        mine = {server.url + a.path: a for a in ARTICLES if a.outlet is o}
        status, headers, body = _get(server, o.feed_path)
        assert status == 200 and headers["Content-Type"].startswith(f"application/{o.feed}+xml")
        feed = feedparser.parse(body)
        assert not feed.bozo, feed.get("bozo_exception")
        links = {e.link for e in feed.entries}
        assert links == set(mine), o.key
        for e in feed.entries:
            assert datetime(*e.published_parsed[:6]) == mine[e.link].published.astimezone(site.UTC).replace(tzinfo=None)
        status, _, body = _get(server, o.sitemap_path)
        root = etree.fromstring(body)
        dates = {u.findtext("sm:loc", namespaces=NS): u.findtext("news:news/news:publication_date", namespaces=NS)
                 for u in root.findall("sm:url", NS)}
        assert set(dates) == set(mine), o.key
        for url, date in dates.items():
            assert datetime.fromisoformat(date) == mine[url].published
        listed_by_feeds |= links
        listed_by_sitemaps |= set(dates)
    assert len(listed_by_feeds) == len(listed_by_sitemaps) == len(ARTICLES)
    _, _, body = _get(server, "/sitemap.xml")
    maps = {n.text for n in etree.fromstring(body).iterfind("sm:sitemap/sm:loc", NS)}
    assert maps == {server.url + o.sitemap_path for o in site.outlets()}


def test_robots_allows_the_crawl_and_names_the_sitemaps(server) -> None:
    _, _, body = _get(server, "/robots.txt")
    robots = Protego.parse(body.decode())
    for a in ARTICLES:
        assert robots.can_fetch(server.url + a.path, "MarsadBot")
    for o in site.outlets():
        assert robots.can_fetch(server.url + o.feed_path, "MarsadBot")
    assert set(robots.sitemaps) >= {server.url + o.sitemap_path for o in site.outlets()}


def test_conditional_requests_and_unknown_paths(server) -> None:
    a = ARTICLES[0]
    status, headers, _ = _get(server, a.path)
    assert status == 200 and headers["ETag"] and headers["Last-Modified"]
    assert _get(server, a.path, {"If-None-Match": headers["ETag"]})[0] == 304
    assert _get(server, a.path, {"If-Modified-Since": headers["Last-Modified"]})[0] == 304
    assert _get(server, a.path, {"If-None-Match": '"other"'})[0] == 200
    # Nothing but the site: the tests' hostile pages are not part of the product.
    for path in ("/huge.html", "/slow.html", "/nobody.html", "/feeds/en.rss", "/ledger/nothing"):
        assert _get(server, path)[0] == 404


def test_sources_read_each_outlet_once(server) -> None:
    sources = demo.sources(server.url)
    assert [s.name for s in sources] == [o.key for o in site.outlets()]
    kinds = {bool(s.feeds) for s in sources}
    assert kinds == {True, False}, "the demo crawl uses both spiders"
    for s in sources:
        assert len(s.feeds) + len(s.sitemaps) == 1 and s.domains == ["127.0.0.1"]


# ---------------------------------------------------------------- a real crawl


@pytest.fixture(scope="module")
def prefix(own_prefix) -> str:
    return own_prefix("demo")


# Every line a clean crawl prints: the demo notice, the progress line, the summary.
_CLEAN_LINE = re.compile(r"^(marsad crawl: .*bundled demo site \(invented articles\).*"
                         r"|\S+ \S+ INFO marsad\.crawl: pages \d+ \|.*"
                         r"|crawl finished in .*|  (pages|indexed|not modified|dropped:) .*)$")


def _crawl(args: list[str], es_url: str, prefix: str, state, **env) -> tuple[int, str]:
    proc = subprocess.run(marsad_command("crawl", *args), cwd=REPO, capture_output=True, text=True, timeout=300,
                          env=crawl_env(es_url, prefix, state, **env))
    return proc.returncode, proc.stdout + proc.stderr


def _assert_clean(log: str) -> None:
    assert "Traceback" not in log and "Warning" not in log and "WARNING" not in log and "ERROR" not in log, log
    assert all(_CLEAN_LINE.match(line) for line in log.splitlines() if line), log


@pytest.mark.es
@pytest.mark.slow
def test_offline_fallback_then_demo_crawl_store_every_article_cleanly(es, es_url: str, prefix: str,
                                                                      tmp_path) -> None:
    # Sources whose hosts cannot resolve (.invalid, RFC 2606): `marsad crawl` falls back to the demo site.
    unreachable = tmp_path / "sources.yml"
    unreachable.write_text("sources:\n  - name: nowhere\n    feeds: [https://feeds.nowhere.invalid/rss.xml]\n",
                           encoding="utf-8")
    state = tmp_path / "state"
    code, log = _crawl([], es_url, prefix, state, MARSAD_CRAWL_SOURCES=str(unreachable))
    assert code == 0, log
    assert "no source host resolves (offline?); crawling the bundled demo site (invented articles) instead" in log
    _assert_clean(log)
    s = summary(log)
    assert s["articles"] == s["indexed"] == len(ARTICLES) and s["errors"] == 0 and s["failed"] == 0, log
    assert s["dropped"] == "none"

    es.indices.refresh(index=f"{prefix}-articles")
    hits = es.search(index=f"{prefix}-articles", query={"match_all": {}}, size=500,
                     source=["title", "source", "lang", "published", "url", "story"])["hits"]["hits"]
    stored = {(h["_source"]["source"], h["_source"]["title"]): h["_source"] for h in hits}
    assert len(hits) == len(ARTICLES)
    # The crawl's two spiders (feeds, sitemaps) place into one set of stories: the planned stories come back
    # whole, not split along the spiders (each once had its own story memory: 30 stories for 14).
    from marsad.eval_stories import bcubed

    planned = {(a.outlet.key, a.headline): a.story for a in ARTICLES}
    placed = {k: stored[k]["story"] for k in planned}
    precision, recall, _ = bcubed(placed, planned)
    assert precision >= 0.95 and recall >= 0.9, (precision, recall, len(set(placed.values())))
    for a in ARTICLES:
        doc = stored[(a.outlet.key, a.headline)]  # windows-1256 titles included: decoded on the way in
        assert doc["lang"] == a.lang and datetime.fromisoformat(doc["published"]) == a.published
    claims = es.search(index=f"{prefix}-claims", query={"term": {"kind": "denial"}}, size=0,
                       aggs={"langs": {"terms": {"field": "lang"}}})["aggregations"]["langs"]["buckets"]
    assert {b["key"] for b in claims} == {"ar", "en"}

    # `marsad crawl --demo` again (as a second `make run` would): conditional requests, nothing re-indexed.
    code, log = _crawl(["--demo"], es_url, prefix, state)
    assert code == 0, log
    _assert_clean(log)
    s = summary(log)
    assert s["articles"] == 0 and s["errors"] == 0 and s["not_modified"] > 0, log
    es.indices.refresh(index=f"{prefix}-articles")
    assert es.count(index=f"{prefix}-articles")["count"] == len(ARTICLES)
