"""Crawler parts without a crawl: sources, the site guard, conditional GETs, Retry-After, the resume filter."""

from __future__ import annotations

from email.utils import formatdate
from pathlib import Path

import pytest
from marsad.crawler import sources
from marsad.crawler.dupefilter import CommittedDupeFilter
from marsad.crawler.middlewares import ConditionalGetMiddleware, SiteGuardMiddleware, retry_after_seconds
from marsad.crawler.seen import Seen
from marsad.crawler.signals import articles_committed
from scrapy import Request, Spider
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler


def test_bundled_sources_cover_both_languages_with_real_https_feeds() -> None:
    loaded = sources.load()
    assert sum(s.lang == "ar" for s in loaded) >= 6 and sum(s.lang == "en" for s in loaded) >= 6
    assert len({s.name for s in loaded}) == len(loaded)
    for s in loaded:
        assert s.feeds or s.sitemaps
        assert all(u.startswith("https://") for u in s.feeds + s.sitemaps), s.name
        # The feed's own host is always fetchable, or the crawl could not even start.
        assert all(any(u.split("/")[2] == d or u.split("/")[2].endswith("." + d) for d in s.domains)
                   for u in s.feeds + s.sitemaps), s.name


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sources: nope", "top-level 'sources:' list"),
        ("sources:\n  - name: x\n", "neither feeds nor sitemaps"),
        ("sources:\n  - name: x\n    feeds: [file:///etc/passwd]\n", r"not an http\(s\) URL"),
    ],
)
def test_bad_sources_files_are_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "sources.yml"
    path.write_text(text)
    with pytest.raises(sources.SourcesError, match=message):
        sources.load(path)


def test_ad_hoc_feed_may_follow_its_own_site_only() -> None:
    (s,) = sources.ad_hoc(["https://feeds.bbci.co.uk/arabic/rss.xml"], [], "ar")
    assert s.domains == ["bbci.co.uk", "feeds.bbci.co.uk"] and s.lang == "ar"
    (local,) = sources.ad_hoc([], ["http://127.0.0.1:8000/sitemap.xml"])
    assert local.domains == ["127.0.0.1"]


class _Spider(Spider):
    name = "t"
    allowed_domains = ["news.example"]


@pytest.fixture
def crawler(tmp_path: Path):
    c = get_crawler(_Spider, {"MARSAD_STATE_DIR": str(tmp_path)})
    c.spider = c._create_spider()
    return c


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://news.example/a", True),
        ("https://www.news.example/a", True),
        ("https://evil.example/a", False),
        ("https://news.example.evil.example/a", False),
        ("file:///etc/passwd", False),
        ("ftp://news.example/a", False),
    ],
)
def test_site_guard(crawler, url: str, allowed: bool) -> None:
    guard = SiteGuardMiddleware.from_crawler(crawler)
    request = Request(url, dont_filter=True)
    if allowed:
        assert guard.process_request(request) is None
    else:
        with pytest.raises(IgnoreRequest):
            guard.process_request(request)


def test_conditional_get_sends_validators_and_ends_on_304(crawler) -> None:
    mw = ConditionalGetMiddleware.from_crawler(crawler)
    url = "https://news.example/a?utm_source=x"
    mw.store.put_many([Seen(url, "id", '"v1"', "Thu, 01 Jan 2026 00:00:00 GMT", "h", "2026-01-05T00:00:00+00:00")])
    request = Request("https://news.example/a", meta={"marsad_article": True})
    assert mw.process_request(request) is None
    assert request.headers["If-None-Match"] == b'"v1"'
    assert request.headers["If-Modified-Since"] == b"Thu, 01 Jan 2026 00:00:00 GMT"
    with pytest.raises(IgnoreRequest):
        mw.process_response(request, HtmlResponse(request.url, status=304, request=request))
    assert crawler.stats.get_value("marsad/not_modified") == 1
    fresh = HtmlResponse(request.url, status=200, headers={"ETag": '"v2"'}, body=b"<html></html>", request=request)
    assert mw.process_response(request, fresh) is fresh and request.meta["marsad_etag"] == '"v2"'
    # A sitemap saying "not modified since the last fetch" spares the request altogether.
    def listed(lastmod: str) -> Request:
        return Request("https://news.example/a", meta={"marsad_article": True, "marsad_lastmod": lastmod})

    with pytest.raises(IgnoreRequest):
        mw.process_request(listed("2026-01-04T00:00:00+00:00"))
    assert mw.process_request(listed("2026-01-06T00:00:00+00:00")) is None


def test_retry_after_header_forms() -> None:
    assert retry_after_seconds(b"7") == 7.0
    assert retry_after_seconds("1.5") == 1.5
    assert retry_after_seconds(formatdate(1_000_060, usegmt=True), now=1_000_000) == pytest.approx(60)
    assert retry_after_seconds(b"soon") is None and retry_after_seconds(None) is None


def test_resume_filter_forgets_scheduled_but_keeps_committed_articles(tmp_path: Path) -> None:
    first = CommittedDupeFilter(str(tmp_path))
    a, b = (Request(f"https://news.example/{n}", meta={"marsad_article": True}) for n in "ab")
    assert not first.request_seen(a) and not first.request_seen(b) and first.request_seen(a)
    first.on_committed(["https://news.example/a?utm_source=rss"], "indexed")  # only a was stored
    # Killed here: no close(). The resumed job skips a and fetches b again.
    second = CommittedDupeFilter(str(tmp_path))
    assert second.request_seen(Request("https://news.example/a", meta={"marsad_article": True}))
    assert not second.request_seen(Request("https://news.example/b", meta={"marsad_article": True}))
    second.close("finished")


def test_commit_signal_reaches_the_filter(tmp_path: Path) -> None:
    c = get_crawler(_Spider, {"JOBDIR": str(tmp_path)})
    f = CommittedDupeFilter.from_crawler(c)
    c.signals.send_catch_log(articles_committed, urls=["https://news.example/x"], status="spooled")
    assert (tmp_path / "committed.urls").read_text().strip() == "https://news.example/x"
    f.close("finished")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--source=no-such-outlet"], "unknown source(s) no-such-outlet"),
        (["--feed=http://127.0.0.1:9/feed.xml"], "run `marsad index init` first"),
        (["--feed=file:///etc/passwd"], "is not an http(s) URL"),
    ],
)
def test_crawl_refuses_bad_runs_with_status_1(es_url: str, tmp_path: Path, args: list[str], message: str) -> None:
    import subprocess

    from mockserver import REPO, crawl_env, marsad_command

    # A prefix without indices: the crawl must say so instead of spooling everything.
    env = crawl_env(es_url, f"marsad-test-none-{tmp_path.name[-8:].lower()}", tmp_path / "state")
    proc = subprocess.run([*marsad_command("crawl"), *args], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 1, proc.stderr
    assert message in proc.stderr


def test_crawl_refuses_indices_of_other_search_forms(es_url: str, tmp_path: Path, monkeypatch) -> None:
    """Indices made with another stemming (nlp.normalize.FORMS_VERSION) would not find what this crawl writes
    by its words: the crawl says to run `marsad index init` (which remakes their forms) instead of writing."""
    import subprocess

    from marsad.nlp.normalize import FORMS_VERSION
    from mockserver import REPO, crawl_env, marsad_command

    from marsad import indices, store

    prefix = f"marsad-test-forms-{tmp_path.name[-8:].lower()}"
    monkeypatch.setenv("MARSAD_ES_URL", es_url)
    monkeypatch.setenv("MARSAD_INDEX_PREFIX", prefix)
    monkeypatch.setattr(indices, "FORMS_VERSION", FORMS_VERSION - 1)
    es = store.client()
    try:
        indices.init(es)
        env = crawl_env(es_url, prefix, tmp_path / "state")
        proc = subprocess.run([*marsad_command("crawl"), "--feed=http://127.0.0.1:9/feed.xml"], cwd=REPO, env=env,
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == 1, proc.stderr
        assert f"{prefix}-articles-v" in proc.stderr and "run `marsad index init`, which remakes them" in proc.stderr
    finally:
        es.indices.delete(index=f"{prefix}-*", ignore_unavailable=True, allow_no_indices=True)
        es.options(ignore_status=404).indices.delete_index_template(name=f"{prefix}-*")
