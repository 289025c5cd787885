"""robots.txt binds every request, including those that arrive while robots.txt is still being fetched.

A shared frontier hands a fresh worker many links at once, before its
robots.txt has come back; Scrapy 2.19's middleware let all but the first of
those waiting requests through (crawler.middlewares.RobotsTxtMiddleware).
Here the crawl starts with several feeds at once, two of them disallowed.
"""

from __future__ import annotations

import subprocess

import pytest
from mockserver import REPO, MockServer, crawl_env, marsad_command, summary, write_sources

pytestmark = [pytest.mark.es, pytest.mark.slow]


def test_requests_waiting_for_robots_txt_obey_it(tmp_path, es_url: str, es, index_prefix: str) -> None:
    with MockServer() as site:
        sources = write_sources(tmp_path / "sources.yml", site,
                                ["/feeds/one.rss", "/private/a.rss", "/private/b.rss", "/feeds/one.rss?x=1"])
        # No article links: nothing is indexed, only what is fetched matters.
        proc = subprocess.run(marsad_command("crawl", f"--sources={sources}"), cwd=REPO, capture_output=True,
                              text=True, env=crawl_env(es_url, index_prefix, tmp_path / "state"), timeout=120)
        hits = site.stats()["hits"]
    assert hits.get("/robots.txt") == 1
    assert not [path for path in hits if path.startswith("/private/")], hits
    assert summary(proc.stderr)["articles"] == 0
    assert "blocked (robots.txt, off-site, scheme) 2" in proc.stderr, proc.stderr
