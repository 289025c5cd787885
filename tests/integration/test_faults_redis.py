"""Redis, the shared frontier, killed with SIGKILL mid-crawl: the workers wait and go on, or stop and lose nothing.

A real redis-server with an append-only file (fsync on every write), as the
README asks of a frontier's Redis, two real `marsad crawl` workers with
state directories of their own, the mock site and the session's
Elasticsearch. A fault-free round of the same two workers first gives the
throughput to compare with. In the first test Redis is back (same port,
same data directory) after longer than a lease; in the second it stays
away longer than MARSAD_CRAWL_FRONTIER_WAIT, the workers exit 69, and a
worker started once Redis is back finishes the round.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest
from faultkit import UNIQUE_ARTICLES, Figures, Timeline, article_pages, report, stored_articles, tally
from marsad.crawler import frontier
from mockserver import REPO, MockServer, crawl_env, marsad_command, summary, write_sources

pytestmark = [pytest.mark.distributed, pytest.mark.es, pytest.mark.slow, pytest.mark.faults]

# Short leases so that an outage outlasts one; the workers go at a steady pace so the crawl lasts.
WORKER_ENV = {"MARSAD_CRAWL_LEASE": "4", "MARSAD_CRAWL_HEARTBEAT": "1", "MARSAD_INDEX_BATCH": "3",
              "MARSAD_CRAWL_DELAY": "0.5", "MARSAD_CRAWL_DOMAIN_CONCURRENCY": "1", "MARSAD_CRAWL_TIMEOUT": "60"}
OUTAGE = 8.0  # seconds Redis stays away in the first test: twice the lease
RETRIED = {"/flaky.html", "/ratelimited.html"}  # pages the site answers with errors first: fetched again by design


def _worker(name: str, site: MockServer, es_url: str, prefix: str, redis_url: str, root: Path,
            **env: str) -> subprocess.Popen:
    state = root / name
    state.mkdir(parents=True)
    sources = write_sources(state / "sources.yml", site, ["/feeds/en.rss", "/feeds/ar.atom"], ["/sitemap_index.xml"])
    return subprocess.Popen(marsad_command("crawl", f"--sources={sources}", f"--frontier={redis_url}"), cwd=REPO,
                            env=crawl_env(es_url, prefix, state, **{**WORKER_ENV, **env}), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _wait_all(workers: list[subprocess.Popen], timeout: float = 400) -> list[tuple[int, str]]:
    out = []
    for proc in workers:
        _, err = proc.communicate(timeout=timeout)
        out.append((proc.returncode, err))
    return out


def _baseline(site, es, es_url: str, own_prefix, redis_url: str, root: Path) -> tuple[float, set[str]]:
    """Two workers crawl the site with Redis up the whole time; returns (pages per second while fetching, URLs)."""
    prefix = own_prefix("rds-base")
    site.get("/_reset")
    with Timeline(site, every=0.25) as timeline:
        results = _wait_all([_worker(n, site, es_url, prefix, redis_url, root) for n in ("a", "b")])
    assert all(code == 0 for code, _ in results), results
    urls = {d["canonical_url"] for d in stored_articles(es, prefix)}
    assert len(urls) == UNIQUE_ARTICLES
    return timeline.active_rate(), urls


@pytest.fixture(scope="module")
def redis_baseline(site, es, es_url: str, own_prefix, module_redis, tmp_path_factory) -> tuple[float, set[str]]:
    """The fault-free crawl both outage tests compare with, run once for the module on a Redis of its own."""
    return _baseline(site, es, es_url, own_prefix, module_redis.url, tmp_path_factory.mktemp("redis-baseline"))


def _fetched_twice(site: MockServer) -> list[str]:
    return sorted(p for p, n in site.stats()["hits"].items() if n > 1 and p.endswith(".html") and p not in RETRIED)


def _leftovers(redis_url: str, prefix: str) -> tuple[int, int]:
    """Returns (requests still queued, requests still taken) in the frontier of prefix."""
    import redis

    client = redis.Redis.from_url(redis_url)
    ns = frontier.namespace(prefix)
    queued = sum(client.zcard(k) for k in client.keys(f"{ns}:*:requests"))
    taken = sum(client.hlen(k) for k in client.keys(f"{ns}:*:taken:*"))
    return queued, taken


def test_workers_wait_for_a_restarted_redis_and_finish_the_round(site, redis_server, redis_baseline, es,
                                                                  es_url: str, own_prefix, tmp_path) -> None:
    base_rate, expected = redis_baseline
    prefix = own_prefix("rds-outage")
    site.get("/_reset")

    def stored() -> int:
        es.indices.refresh(index=f"{prefix}-articles")
        return es.count(index=f"{prefix}-articles")["count"]

    with Timeline(site, stored) as timeline:
        workers = [_worker(n, site, es_url, prefix, redis_server.url, tmp_path / "run") for n in ("a", "b")]
        deadline = time.monotonic() + 180
        while stored() < 12:
            assert all(w.poll() is None for w in workers), [w.communicate()[1][-2000:] for w in workers]
            assert time.monotonic() < deadline, "the workers never got going"
            time.sleep(0.1)
        redis_server.kill()
        killed = time.monotonic()
        time.sleep(OUTAGE)
        assert all(w.poll() is None for w in workers), "a worker gave up during a short outage"
        redis_server.start()
        back = time.monotonic()
        pages_back = article_pages(site)
        results = _wait_all(workers)
        done = time.monotonic()
    resumed = next((t for t, pages, _ in timeline.samples if t > back and pages > pages_back), None)
    docs = stored_articles(es, prefix)
    n, duplicated, lost = tally(docs, expected)
    twice = _fetched_twice(site)
    queued, taken = _leftovers(redis_server.url, prefix)
    logs = "\n".join(err for _, err in results)
    report(Figures(
        f"Redis SIGKILLed mid-crawl, back after {OUTAGE:.0f} s (2 workers, lease 4 s)", len(expected), n, duplicated,
        lost, round(resumed - back, 1) if resumed else None,
        round(timeline.pages_per_second(killed, back), 2), round(base_rate, 2),
        {"exits": [code for code, _ in results], "articles per worker": [summary(e)["articles"] for _, e in results],
         "round finished after Redis returned s": round(done - back, 1), "pages fetched twice": len(twice),
         "left queued/taken": (queued, taken)}))
    assert all(code == 0 for code, _ in results), logs[-4000:]
    assert "the shared frontier is unreachable" in logs and "the shared frontier answers again" in logs, logs[-4000:]
    assert n == len(expected) == UNIQUE_ARTICLES and duplicated == 0 and lost == 0
    assert (queued, taken) == (0, 0)
    assert resumed is not None, "no page was fetched after Redis came back"


def test_workers_stop_with_69_when_redis_stays_away_and_nothing_is_lost(site, redis_server, redis_baseline, es,
                                                                         es_url: str, own_prefix, tmp_path) -> None:
    base_rate, expected = redis_baseline
    prefix = own_prefix("rds-gone")
    site.get("/_reset")

    def stored() -> int:
        es.indices.refresh(index=f"{prefix}-articles")
        return es.count(index=f"{prefix}-articles")["count"]

    with Timeline(site, stored) as timeline:
        workers = [_worker(n, site, es_url, prefix, redis_server.url, tmp_path / "run",
                           MARSAD_CRAWL_FRONTIER_WAIT="3") for n in ("a", "b")]
        deadline = time.monotonic() + 180
        while stored() < 12:
            assert all(w.poll() is None for w in workers), [w.communicate()[1][-2000:] for w in workers]
            assert time.monotonic() < deadline, "the workers never got going"
            time.sleep(0.1)
        redis_server.kill()
        killed = time.monotonic()
        results = _wait_all(workers, timeout=120)
        gave_up = time.monotonic()
        before = stored()
        redis_server.start()
        back = time.monotonic()
        # The round goes on with a worker started now (a restarted machine, a new container).
        (rerun,) = _wait_all([_worker("c", site, es_url, prefix, redis_server.url, tmp_path / "run")])
        done = time.monotonic()
    docs = stored_articles(es, prefix)
    n, duplicated, lost = tally(docs, expected)
    queued, taken = _leftovers(redis_server.url, prefix)
    logs = "\n".join(err for _, err in results)
    report(Figures(
        "Redis SIGKILLed mid-crawl and not back within MARSAD_CRAWL_FRONTIER_WAIT=3 s (2 workers, lease 4 s)",
        len(expected), n, duplicated, lost, round(done - back, 1),
        round(timeline.pages_per_second(killed, gave_up), 2), round(base_rate, 2),
        {"exits": [code for code, _ in results], "workers stopped after s": round(gave_up - killed, 1),
         "stored when they stopped": before, "rerun exit": rerun[0], "rerun articles": summary(rerun[1])["articles"],
         "left queued/taken": (queued, taken)}))
    assert [code for code, _ in results] == [69, 69], logs[-4000:]
    assert "stayed unreachable for more than 3 s" in logs and "MARSAD_CRAWL_FRONTIER_WAIT" in logs, logs[-4000:]
    assert gave_up - killed < 60
    assert rerun[0] == 0, rerun[1][-4000:]
    assert n == len(expected) == UNIQUE_ARTICLES and duplicated == 0 and lost == 0
    assert (queued, taken) == (0, 0)


def test_a_redis_that_comes_back_empty_is_noticed(site, redis_server, es, es_url: str, own_prefix,
                                                  tmp_path) -> None:
    """Without its data (no append-only file), the frontier's queue and seen set are gone: the workers say so."""
    prefix = own_prefix("rds-empty")

    def stored() -> int:
        es.indices.refresh(index=f"{prefix}-articles")
        return es.count(index=f"{prefix}-articles")["count"]

    worker = _worker("a", site, es_url, prefix, redis_server.url, tmp_path / "run")
    deadline = time.monotonic() + 180
    while stored() < 6:
        assert worker.poll() is None and time.monotonic() < deadline, worker.communicate()[1][-2000:]
        time.sleep(0.1)
    redis_server.kill()
    time.sleep(1)
    shutil.rmtree(redis_server.workdir)  # a Redis without persistence comes back empty
    redis_server.workdir.mkdir()
    redis_server.start()
    (code, err), = _wait_all([worker], timeout=120)
    print(f"empty Redis: exit {code}; stored {stored()} before it stopped")
    assert code == 69, err[-3000:]
    assert "came back empty" in err and "--reset-frontier" in err


def test_the_frontier_settings_keep_redis_calls_short(monkeypatch) -> None:
    monkeypatch.setenv("MARSAD_CRAWL_FRONTIER_WAIT", "7")
    settings = frontier.settings("redis://127.0.0.1:6379/0", "marsad")
    assert settings["MARSAD_FRONTIER_WAIT"] == 7.0
    params = settings["REDIS_PARAMS"]
    assert params["socket_timeout"] <= 5 and params["retry"]._retries == 1
