"""Crawl the demo news site for real into the real Elasticsearch, three times.

First crawl: every article of the feeds and the sitemap index is analysed and
searchable; robots.txt, off-site redirects, the size limit, 404, 503, a
dropped connection, a slow page and 8-bit Arabic encodings each behave.
Second crawl: conditional GETs (304) and nothing new. Third: one changed
story is updated in place. Never a duplicate.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from mockserver import REPO, MockServer, crawl_env, marsad_command, summary, write_sources

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "site"))
import articles  # noqa: E402

pytestmark = [pytest.mark.es, pytest.mark.slow]

# 20 + 20 stories, 3 legacy-encoded pages, and the flaky, rate-limited and slow pages.
UNIQUE_ARTICLES = 46



@pytest.fixture(scope="module")
def prefix(own_prefix) -> str:
    """A prefix of this module's own, so other tests' documents never change its counts."""
    return own_prefix("site")


@pytest.fixture(scope="module")
def run(site: MockServer, es_url: str, prefix: str, tmp_path_factory):
    state = tmp_path_factory.mktemp("crawl-state")
    sources = write_sources(state.parent / "sources.yml", site, ["/feeds/en.rss", "/feeds/ar.atom"],
                            ["/sitemap_index.xml"])
    timings: list[float] = []

    def crawl() -> tuple[int, dict, str]:
        started = time.monotonic()
        proc = subprocess.run(marsad_command("crawl", f"--sources={sources}"), cwd=REPO, capture_output=True,
                              text=True, env=crawl_env(es_url, prefix, state), timeout=180)
        timings.append(time.monotonic() - started)
        return proc.returncode, summary(proc.stderr), proc.stderr

    crawl.timings = timings
    crawl.state = state
    return crawl


def _docs(es, prefix: str, kind: str, query: dict | None = None) -> list[dict]:
    alias = f"{prefix}-{kind}"
    es.indices.refresh(index=alias)
    res = es.search(index=alias, query=query or {"match_all": {}}, size=1000)
    return [h["_source"] for h in res["hits"]["hits"]]


def test_first_crawl_indexes_every_article_once(run, site: MockServer, es, prefix: str) -> None:
    code, s, log = run()
    assert code == 0, log
    assert s["failed"] == 0 and s["spooled"] == 0
    # /redirect/moved leads to a story the sitemap lists too: scraped twice, stored once.
    assert s["articles"] == s["indexed"] == UNIQUE_ARTICLES + 1
    assert "body too short" in s["dropped"]
    docs = _docs(es, prefix, "articles")
    assert len(docs) == UNIQUE_ARTICLES == len({d["canonical_url"] for d in docs})
    by_lang = {lang: sum(d["lang"] == lang for d in docs) for lang in ("ar", "en")}
    assert by_lang == {"ar": 24, "en": 22}
    hits = site.stats()["hits"]
    assert "/private/secret.html" not in hits  # robots.txt
    # /redirect/offsite points at localhost, another host: never followed.
    assert not [k for k in hits if k.startswith("//")], hits
    assert hits["/flaky.html"] == 2 and hits["/ratelimited.html"] >= 2
    # MARSAD_CRAWL_RETRIES=2: three tries (Twisted may repeat each once on a reused connection), then given up.
    assert 3 <= hits["/drop.html"] <= 6 and s["errors"] >= 1
    urls = {d["url"] for d in docs}
    assert site.url("/huge.html") not in urls and site.url("/nobody.html") not in urls
    assert site.url("/slow.html") in urls


def test_arabic_pages_decode_and_dates_parse(es, prefix: str, site: MockServer) -> None:
    docs = {d["url"]: d for d in _docs(es, prefix, "articles")}
    headline = articles.arabic(3)[1]
    for page in ("windows-1256", "iso-8859-6", "undeclared"):
        doc = docs[site.url(f"/legacy/{page}.html")]
        assert doc["title"] == headline, page
        assert doc["published"] == "2026-03-04T00:00:00+00:00"
    # Story 1 gives its date with the Levantine month name, story 4 with Arabic-Indic digits.
    assert docs[site.url("/ar/news/orbitpay-gharama-1.html")]["published"].startswith("2026-02-02")
    assert docs[site.url("/ar/news/streamly-inqita-4.html")]["published"].startswith("2026-05-05")
    assert docs[site.url("/en/2026/02/20/newsgram-fine.html")]["published"] == "2026-02-20T08:30:00+00:00"


def test_claims_and_entities_are_searchable(es, prefix: str) -> None:
    denials = _docs(es, prefix, "claims", {"term": {"kind": "denial"}})
    assert {d["lang"] for d in denials} == {"ar", "en"}
    kogan = [d for d in denials if (d.get("speaker") or {}).get("id") == "aleksandr-kogan"]
    assert {d["lang"] for d in kogan} == {"ar", "en"}
    entity = es.get(index=f"{prefix}-entities", id="aleksandr-kogan")["_source"]
    assert {"Aleksandr Kogan", "ألكسندر كوغان"} <= set(entity["aliases"])
    money = _docs(es, prefix, "articles", {"nested": {"path": "figures", "query": {"bool": {"filter": [
        {"term": {"figures.currency": "USD"}}, {"term": {"figures.value": 333_000_000}}]}}}})
    assert {d["lang"] for d in money} == {"ar", "en"}


def test_second_crawl_asks_before_downloading_and_adds_nothing(run, site: MockServer, es, prefix: str) -> None:
    before = site.stats()
    code, s, log = run()
    assert code == 0, log
    after = site.stats()
    assert s["articles"] == 0 and s["indexed"] == 0
    # Every story page answered 304 (one of them twice: /redirect/moved leads to it as well);
    # no story body was sent again.
    assert after["not_modified"] - before["not_modified"] == 41 == s["not_modified"]
    assert after["bodies"] == before["bodies"]
    assert len(_docs(es, prefix, "articles")) == UNIQUE_ARTICLES


def test_third_crawl_updates_a_changed_story_in_place(run, site: MockServer, es, prefix: str) -> None:
    site.get("/_bump?slug=cedarbank-merger")
    code, s, log = run()
    assert code == 0, log
    assert s["articles"] == s["indexed"] == 1
    docs = _docs(es, prefix, "articles")
    assert len(docs) == UNIQUE_ARTICLES == len({d["id"] for d in docs})
    changed = next(d for d in docs if d["url"].endswith("cedarbank-merger.html"))
    assert "$500 million" in changed["body"]
    claims = _docs(es, prefix, "claims", {"term": {"article_id": changed["id"]}})
    assert len(claims) == changed["claims_count"]
    print(f"crawl timings (s): {[round(t, 1) for t in run.timings]}")
