"""Two `marsad crawl` workers share one frontier through Redis (scrapy-redis): each article fetched once.

A real redis-server on a free loopback port, the demo site in its own process,
two real worker processes with their own state directories (as on two
machines) and the real Elasticsearch under this module's own index prefix.
The site's own hit counter is the witness of what was fetched.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time

import pytest
from mockserver import REPO, MockServer, crawl_env, marsad_command, summary, write_sources

from marsad import indices

pytestmark = [pytest.mark.distributed, pytest.mark.es, pytest.mark.slow]

UNIQUE_ARTICLES = 46  # as in test_crawl_site.py
# Pages the site answers with errors first: fetched again by design (retries), not twice by two workers.
RETRIED = {"/flaky.html", "/ratelimited.html"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    """A throwaway redis-server on 127.0.0.1 (no persistence); its URL."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is missing: the distributed crawl tests need it (apt-get install -y redis-server)")
    import redis

    port = _free_port()
    workdir = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", str(workdir)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"redis-server did not start on port {port}")
            time.sleep(0.1)
    yield url
    proc.kill()
    proc.wait()


@pytest.fixture
def site():
    with MockServer() as server:
        yield server


@pytest.fixture
def prefix(es, index_prefix: str, request) -> str:
    """Indices of this test's own, so counts are exact."""
    mine = f"{index_prefix}-dist-{request.node.name.split('_')[1]}"
    mp = pytest.MonkeyPatch()
    mp.setenv("MARSAD_INDEX_PREFIX", mine)
    indices.init(es)
    mp.undo()
    return mine


def _worker(name: str, site: MockServer, es_url: str, prefix: str, redis_url: str | None,
            tmp_path) -> subprocess.Popen:
    """Starts one worker as a separate machine would run it: its own state directory; no frontier when None."""
    state = tmp_path / name
    state.mkdir()
    sources = write_sources(state / "sources.yml", site, ["/feeds/en.rss", "/feeds/ar.atom"], ["/sitemap_index.xml"])
    frontier = [f"--frontier={redis_url}"] if redis_url else []
    return subprocess.Popen(marsad_command("crawl", f"--sources={sources}", *frontier), cwd=REPO,
                            env=crawl_env(es_url, prefix, state), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def _articles(es, prefix: str) -> list[dict]:
    es.indices.refresh(index=f"{prefix}-articles")
    return [h["_source"] for h in es.search(index=f"{prefix}-articles", size=1000)["hits"]["hits"]]


def _fetched_once(site: MockServer, docs: list[dict]) -> dict[str, int]:
    """Returns the article paths the site served more than once (retried pages excepted)."""
    hits = site.stats()["hits"]
    paths = {d["url"].removeprefix(site.base) for d in docs}
    return {p: hits.get(p, 0) for p in paths - RETRIED if hits.get(p, 0) != 1}


def _finish(workers: list[subprocess.Popen]) -> list[dict]:
    """Waits for the workers; returns their summaries (each must have exited 0)."""
    shares = []
    for proc in workers:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        shares.append(summary(err))
    return shares


def test_two_workers_fetch_each_article_once(site, es_url: str, es, prefix: str, redis_url: str, tmp_path) -> None:
    shares = _finish([_worker(n, site, es_url, prefix, redis_url, tmp_path) for n in ("a", "b")])
    print(f"articles per worker: {[s['articles'] for s in shares]}, pages per worker: {[s['pages'] for s in shares]}")
    # Both took part. Together they scraped each article once; in about one run in five one more item
    # is scraped than stored (as in a single-process crawl) though no article page was served twice.
    assert all(s["articles"] > 0 for s in shares), shares
    assert sum(s["articles"] for s in shares) == sum(s["indexed"] for s in shares)
    assert UNIQUE_ARTICLES <= sum(s["articles"] for s in shares) <= UNIQUE_ARTICLES + 1
    docs = _articles(es, prefix)
    assert len(docs) == UNIQUE_ARTICLES == len({d["canonical_url"] for d in docs})
    assert _fetched_once(site, docs) == {}


def test_without_frontier_workers_fetch_everything_twice(site, es_url: str, es, prefix: str, tmp_path) -> None:
    """The control: the same two workers with no shared frontier each crawl the whole site."""
    shares = _finish([_worker(n, site, es_url, prefix, None, tmp_path) for n in ("a", "b")])
    assert all(s["articles"] >= UNIQUE_ARTICLES for s in shares), shares
    docs = _articles(es, prefix)
    # Stored once all the same (ids derive from the URL), but every article was downloaded twice.
    assert len(docs) == UNIQUE_ARTICLES
    assert len(_fetched_once(site, docs)) == UNIQUE_ARTICLES - len(RETRIED)
