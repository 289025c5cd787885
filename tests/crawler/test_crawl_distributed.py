"""Two `marsad crawl` workers share one frontier through Redis (scrapy-redis): each article fetched once.

A real redis-server on a free loopback port, the demo site in its own process,
two real worker processes with their own state directories (as on two
machines) and the real Elasticsearch under this module's own index prefix.
The site's own hit counter is the witness of what was fetched.
"""

from __future__ import annotations

import json
import logging
import pickle
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from marsad.crawler import frontier, frontier_json
from marsad.crawler.signals import articles_committed, callback_done, commit_requested
from mockserver import REPO, MockServer, crawl_env, marsad_command, summary, write_sources
from scrapy import Request, Spider, signals
from scrapy.exceptions import DontCloseSpider, IgnoreRequest
from scrapy.http import HtmlResponse
from scrapy.utils.reactor import install_reactor
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

pytestmark = [pytest.mark.distributed, pytest.mark.es, pytest.mark.slow]

UNIQUE_ARTICLES = 46  # as in test_crawl_site.py
# Pages the site answers with errors first: fetched again by design (retries), not twice by two workers.
RETRIED = {"/flaky.html", "/ratelimited.html"}


@pytest.fixture(autouse=True)
def _hits_from_zero(request):
    """The module shares one mock site (tests/conftest.py): each test counts the workers' hits from zero."""
    if "site" in request.fixturenames:
        request.getfixturevalue("site").get("/_reset")


@pytest.fixture
def prefix(own_prefix, request) -> str:
    """Indices of this test's own, so counts are exact."""
    return own_prefix(f"dist-{request.node.name.removeprefix('test_')[:24].replace('_', '-')}")


# `marsad crawl` on scrapy-redis's own scheduler, without leases: the control of the kill test. It notes
# each URL it pops in a set (`…:popped:PID`), so the test can see what the worker holds.
UNLEASED = """
import os, sys
from scrapy_redis.scheduler import Scheduler
from marsad.crawler import cli, frontier

class Unleased(Scheduler):
    def next_request(self):
        request = super().next_request()
        if request is not None:
            self.server.sadd(f"{self.queue.key}:popped:{os.getpid()}", request.url)
        return request

leased = frontier.settings
frontier.settings = lambda *a: {**leased(*a), "SCHEDULER": "__main__.Unleased", "SPIDER_MIDDLEWARES": {}}
sys.exit(cli.main(sys.argv[1:]))
"""


def _worker(name: str, site: MockServer, es_url: str, prefix: str, redis_url: str | None,
            tmp_path, unleased: bool = False, **env: str) -> subprocess.Popen:
    """Starts one worker as a separate machine would run it: its own state directory; no frontier when None."""
    state = tmp_path / name
    state.mkdir()
    sources = write_sources(state / "sources.yml", site, ["/feeds/en.rss", "/feeds/ar.atom"], ["/sitemap_index.xml"])
    frontier = [f"--frontier={redis_url}"] if redis_url else []
    command = ([sys.executable, "-c", UNLEASED, f"--sources={sources}", *frontier] if unleased
               else marsad_command("crawl", f"--sources={sources}", *frontier))
    return subprocess.Popen(command, cwd=REPO,
                            env=crawl_env(es_url, prefix, state, **env), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


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
    # A generous download timeout: on a loaded machine a stalled worker's 5 s timeout turns into a
    # retry, a second fetch by design that says nothing about how the two workers share the frontier.
    shares = _finish([_worker(n, site, es_url, prefix, redis_url, tmp_path, MARSAD_CRAWL_TIMEOUT="60")
                      for n in ("a", "b")])
    print(f"articles per worker: {[s['articles'] for s in shares]}, pages per worker: {[s['pages'] for s in shares]}")
    # Both took part; together they scraped each article once. (The extra 47th item that some runs used
    # to show was /private/secret.html, fetched despite robots.txt while a worker's robots.txt was on its
    # way; it copies a sitemap story, hence stored once. crawler.middlewares.RobotsTxtMiddleware fixes it.)
    assert all(s["articles"] > 0 for s in shares), shares
    assert sum(s["articles"] for s in shares) == sum(s["indexed"] for s in shares) == UNIQUE_ARTICLES
    docs = _articles(es, prefix)
    assert len(docs) == UNIQUE_ARTICLES == len({d["canonical_url"] for d in docs})
    assert _fetched_once(site, docs) == {}
    assert "/private/secret.html" not in site.stats()["hits"]
    # A worker started after the round: it reads the feeds again, but every article is in the seen set
    # (until `marsad crawl --reset-frontier`), so nothing is fetched twice and it exits 0.
    (late,) = _finish([_worker("c", site, es_url, prefix, redis_url, tmp_path)])
    assert late["articles"] == 0 and _fetched_once(site, docs) == {}, late


def test_without_frontier_workers_fetch_everything_twice(site, es_url: str, es, prefix: str, tmp_path) -> None:
    """The control: the same two workers with no shared frontier each crawl the whole site."""
    shares = _finish([_worker(n, site, es_url, prefix, None, tmp_path) for n in ("a", "b")])
    assert all(s["articles"] >= UNIQUE_ARTICLES for s in shares), shares
    docs = _articles(es, prefix)
    # Stored once all the same (ids derive from the URL), but every article was downloaded twice.
    assert len(docs) == UNIQUE_ARTICLES
    assert len(_fetched_once(site, docs)) == UNIQUE_ARTICLES - len(RETRIED)


# A lease this short lets the kill test finish quickly; live workers beat every second. Small batches:
# the victim has committed some articles (not fetched again) and holds others (fetched again).
SHORT_LEASE = {"MARSAD_CRAWL_LEASE": "4", "MARSAD_CRAWL_HEARTBEAT": "1", "MARSAD_INDEX_BATCH": "3"}


def _held(client, prefix: str, pid: int) -> int:
    """Returns how many requests the worker process pid holds (taken, not yet done) in the frontier."""
    keys = client.keys(f"{frontier.namespace(prefix)}:*:taken:*-{pid}-*")
    return sum(client.hlen(k) for k in keys)


def _requeued(err: str, pid: int) -> int:
    """Returns how many requests of the worker process pid the survivor's log says it queued again."""
    found = re.findall(r"worker \S+-(\d+)-\w+ lost its lease; (\d+) request", err)
    return sum(int(n) for p, n in found if int(p) == pid)


def _popped_not_fetched(client, site: MockServer, prefix: str, pid: int) -> list[str]:
    """Returns the article URLs the unleased worker pid popped from the queue that the site never served."""
    keys = client.keys(f"{frontier.namespace(prefix)}:*:requests:popped:{pid}")
    urls = {u.decode() for k in keys for u in client.smembers(k)}
    hits = site.stats()["hits"]
    return sorted(u for u in urls if u.endswith(".html") and not hits.get(u.removeprefix(site.base)))


def _pages_served(site: MockServer) -> int:
    return sum(v for k, v in site.stats()["hits"].items() if k.endswith(".html"))


@pytest.mark.faults
def test_a_killed_workers_requests_are_requeued_and_finished(site, es_url: str, es, prefix: str, redis_url: str,
                                                             tmp_path) -> None:
    import redis

    client = redis.Redis.from_url(redis_url)
    # The victim goes at a steadier pace (0.2 s between requests), so it is still busy when the time comes.
    victim = _worker("a", site, es_url, prefix, redis_url, tmp_path, MARSAD_CRAWL_DELAY="0.2", **SHORT_LEASE)
    survivor = _worker("b", site, es_url, prefix, redis_url, tmp_path, **SHORT_LEASE)
    deadline = time.monotonic() + 120
    # SIGKILL half-way (a third of the articles stored), while the victim holds requests it has not finished.
    while not (len(_articles(es, prefix)) >= UNIQUE_ARTICLES // 3 and _held(client, prefix, victim.pid) >= 2):
        assert victim.poll() is None, "the victim finished before it could be killed"
        assert time.monotonic() < deadline, "the workers never got going"
        time.sleep(0.05)
    victim.send_signal(signal.SIGKILL)
    killed = time.monotonic()
    victim.wait()
    # Counted once it is dead, so it cannot change; the heartbeat thread kept its lease until the kill, so
    # nobody can have requeued these within the next 4 s.
    held = _held(client, prefix, victim.pid)
    while _held(client, prefix, victim.pid) and survivor.poll() is None:
        assert time.monotonic() < killed + 60, "the victim's requests were never requeued"
        time.sleep(0.05)
    requeued = time.monotonic() - killed
    _, err = survivor.communicate(timeout=300)
    finished = time.monotonic() - killed
    # Left only when every survivor's spider had closed before the victim took them (its own start
    # requests, say): work already done, and the next worker to start would requeue them.
    left = _held(client, prefix, victim.pid)
    assert survivor.returncode == 0, err
    share = summary(err)
    docs = _articles(es, prefix)
    again = [p for p, n in site.stats()["hits"].items() if n > 1 and p.endswith(".html") and p not in RETRIED]
    print(f"victim held {held} request(s) when killed; requeued after {requeued:.1f} s (lease 4 s); survivor "
          f"finished {finished:.1f} s after the kill, having scraped {share['articles']} articles; pages fetched again "
          f"{len(again)}; stored {len(docs)} of {UNIQUE_ARTICLES}, distinct canonical URLs "
          f"{len({d['canonical_url'] for d in docs})}; left in its record {left}")
    # The requeue happened, and it moved exactly what the victim held (but what nobody was left to move).
    assert held > 0 and _requeued(err, victim.pid) > 0, err
    assert _requeued(err, victim.pid) + left == held, err
    assert len(docs) == UNIQUE_ARTICLES == len({d["canonical_url"] for d in docs})
    assert not [d for d in docs if d["url"] == site.url("/private/secret.html")]


@pytest.mark.faults
def test_without_leases_a_killed_workers_requests_are_lost(site, es_url: str, es, prefix: str, redis_url: str,
                                                            tmp_path) -> None:
    """The control: the same kill with scrapy-redis's plain scheduler loses what the victim had popped."""
    victim = _worker("a", site, es_url, prefix, redis_url, tmp_path, unleased=True, MARSAD_CRAWL_DELAY="0.2",
                     **SHORT_LEASE)
    survivor = _worker("b", site, es_url, prefix, redis_url, tmp_path, unleased=True, **SHORT_LEASE)
    import redis

    client = redis.Redis.from_url(redis_url)
    deadline = time.monotonic() + 120
    # Killed while it holds articles it popped and never fetched: those are lost for certain.
    while not (len(_articles(es, prefix)) >= UNIQUE_ARTICLES // 3
               and len(_popped_not_fetched(client, site, prefix, victim.pid)) >= 2):
        assert victim.poll() is None, "the victim finished before it could be killed"
        assert time.monotonic() < deadline, "the workers never got going"
        time.sleep(0.05)
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    lost = _popped_not_fetched(client, site, prefix, victim.pid)
    _finish([survivor])
    docs = _articles(es, prefix)
    print(f"without leases: the victim held {len(lost)} unfetched article(s); stored {len(docs)} of {UNIQUE_ARTICLES}")
    assert lost and not {d["url"] for d in docs} & set(lost)
    assert len(docs) < UNIQUE_ARTICLES


def test_a_stopped_worker_leaves_nothing_held(site, es_url: str, es, prefix: str, redis_url: str,
                                                 tmp_path) -> None:
    import redis

    client = redis.Redis.from_url(redis_url)
    worker = _worker("a", site, es_url, prefix, redis_url, tmp_path, MARSAD_CRAWL_DELAY="0.3")
    deadline = time.monotonic() + 120
    while _held(client, prefix, worker.pid) < 3:
        assert worker.poll() is None and time.monotonic() < deadline, "the worker never got going"
        time.sleep(0.05)
    worker.send_signal(signal.SIGINT)  # Ctrl-C: Scrapy closes the spiders
    _, err = worker.communicate(timeout=120)
    queued = sum(client.zcard(k) for k in client.keys(f"{frontier.namespace(prefix)}:*:requests"))
    # Scrapy lets the requests in flight finish; whatever the worker still held would be handed back.
    print(f"stopped worker: exit {worker.returncode}; {queued} request(s) left on the queue for others")
    assert _held(client, prefix, worker.pid) == 0 and queued > 0, err
    assert not client.keys(f"{frontier.namespace(prefix)}:*:alive:*")


def test_a_late_worker_gets_work_and_does_no_harm(site, es_url: str, es, prefix: str, redis_url: str,
                                                  tmp_path) -> None:
    # The first worker goes slowly (one request at a time per spider, 1.2 s apart), so work is left for the second,
    # which needs some seconds to start (at 0.3 s apart the first had taken nearly everything by then; at 0.6 s
    # too, once a worker also loaded the Arabic NER model and the stories stage).
    first = _worker("a", site, es_url, prefix, redis_url, tmp_path, MARSAD_CRAWL_DOMAIN_CONCURRENCY="1",
                    MARSAD_CRAWL_DELAY="1.2")
    deadline = time.monotonic() + 120
    while _pages_served(site) < 3:
        assert first.poll() is None and time.monotonic() < deadline, "the first worker never got going"
        time.sleep(0.05)
    late = _worker("b", site, es_url, prefix, redis_url, tmp_path)
    shares = _finish([first, late])
    print(f"articles per worker (first, late): {[s['articles'] for s in shares]}")
    assert shares[1]["articles"] > 0, shares
    docs = _articles(es, prefix)
    assert len(docs) == UNIQUE_ARTICLES == len({d["canonical_url"] for d in docs})
    assert _fetched_once(site, docs) == {}


def test_reset_frontier_empties_it_unless_a_worker_is_alive(prefix: str, redis_url: str, monkeypatch,
                                                            capsys) -> None:
    import redis
    from marsad.crawler import cli

    client = redis.Redis.from_url(redis_url)
    ns = frontier.namespace(prefix)
    client.sadd(f"{ns}:seen", "fingerprint")
    client.zadd(f"{ns}:feeds:requests", {"request": 0})
    client.set(f"{ns}:feeds:alive:host-1-abc", "1", px=2000)
    monkeypatch.setenv("MARSAD_INDEX_PREFIX", prefix)
    assert cli.main([f"--frontier={redis_url}", "--reset-frontier"]) == cli.EXIT_FAILED
    assert "host-1-abc" in capsys.readouterr().err
    assert client.exists(f"{ns}:seen", f"{ns}:feeds:requests") == 2
    client.delete(f"{ns}:feeds:alive:host-1-abc")
    assert cli.main([f"--frontier={redis_url}", "--reset-frontier"]) == cli.EXIT_OK
    assert "2 key(s) removed" in capsys.readouterr().err
    assert not client.keys(f"{ns}:*")
    monkeypatch.delenv("MARSAD_CRAWL_FRONTIER", raising=False)
    assert cli.main(["--reset-frontier"]) == cli.EXIT_FAILED


def test_a_heartbeat_not_shorter_than_the_lease_is_refused(monkeypatch) -> None:
    from marsad import config

    monkeypatch.setenv("MARSAD_CRAWL_LEASE", "5")
    monkeypatch.setenv("MARSAD_CRAWL_HEARTBEAT", "5")
    with pytest.raises(config.ConfigError, match="MARSAD_CRAWL_HEARTBEAT"):
        frontier.settings("redis://127.0.0.1:6379/0", "marsad")
    monkeypatch.setenv("MARSAD_CRAWL_HEARTBEAT", "1")
    assert frontier.settings("redis://127.0.0.1:6379/0", "marsad")["MARSAD_FRONTIER_LEASE"] == 5.0


def test_compose_crawlers_scale_over_one_redis_frontier() -> None:
    from urllib.parse import urlsplit

    import yaml

    services = yaml.safe_load((REPO / "docker-compose.yml").read_text())["services"]
    crawler = services["crawler"]
    url = frontier.url_from(crawler["environment"]["MARSAD_CRAWL_FRONTIER"])
    assert urlsplit(url).hostname in services and "redis" in services[urlsplit(url).hostname]["image"]
    assert urlsplit(url).hostname in crawler["depends_on"]
    # `--scale crawler=N` needs replicas that are not pinned to one name or host port.
    assert "container_name" not in crawler and "ports" not in crawler
    # ... and that do not share a state directory (job directory, seen-URL store, spool): no named volume
    # or host directory at or above it, only an anonymous volume (one per container).
    state = crawler["environment"]["MARSAD_STATE_DIR"]
    for volume in crawler.get("volumes", []):
        source, _, target = volume.rpartition(":") if ":" in volume else ("", "", volume)
        assert not source or not (state + "/").startswith(target.rstrip("/") + "/"), volume
    assert "ports" not in services["redis"], "the frontier's Redis must not be published"


# ---------------------------------------------------------------- the leased scheduler in-process, on real Redis


class _UnitSpider(Spider):
    name = "units"

    def parse_article(self, response, source: str | None = None, date: str | None = None):
        yield from ()


@pytest.fixture
def leased(redis_url: str, monkeypatch, request):
    """Opens LeasedSchedulers on a frontier of this test's own (lease 2 s, beat 0.2 s); closes them after."""
    if "twisted.internet.reactor" not in sys.modules:
        install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")
    monkeypatch.setenv("MARSAD_CRAWL_LEASE", "2")
    monkeypatch.setenv("MARSAD_CRAWL_HEARTBEAT", "0.2")
    prefix = f"units-{request.node.name[:40]}-{uuid.uuid4().hex[:6]}"
    opened = []

    def open_scheduler() -> frontier.LeasedScheduler:
        crawler = get_crawler(_UnitSpider, frontier.settings(redis_url, prefix))
        crawler.spider = _UnitSpider.from_crawler(crawler)
        scheduler = frontier.LeasedScheduler.from_crawler(crawler)
        scheduler.open(crawler.spider)
        opened.append(scheduler)
        return scheduler

    yield open_scheduler
    for scheduler in opened:
        scheduler.close("finished")
    frontier.reset(redis_url, prefix)


def _article(spider: Spider, url: str) -> Request:
    return Request(url, callback=spider.parse_article, cb_kwargs={"source": "demo", "date": None},
                   meta={"marsad_article": True, "marsad_link": url})


def _scraped(scheduler, request: Request) -> None:
    """Sends what Scrapy sends for a callback that yielded one item, which reached the end of the pipelines."""
    response = HtmlResponse(request.url, request=request, body=b"<html></html>")
    scheduler.crawler.signals.send_catch_log(signals.item_scraped, item={}, response=response,
                                             spider=scheduler.spider)
    scheduler.crawler.signals.send_catch_log(callback_done, request=request, items=1)


def test_a_request_is_stored_as_json_and_comes_back_whole(leased) -> None:
    scheduler = leased()
    spider = scheduler.spider
    sent = Request("http://example.com/a?x=1", method="POST", body=b"\x00\xff raw \xfe",
                   headers={"X-Lang": "عربي".encode()}, cb_kwargs={"source": "demo", "date": None},
                   meta={"marsad_article": True, "marsad_link": "http://example.com/a", "n": {"k": [1, 2.5, None]}},
                   callback=spider.parse_article, priority=3, flags=["f"])
    assert scheduler.enqueue_request(sent)
    (raw,) = scheduler.server.zrange(scheduler.queue.key, 0, -1)
    record = json.loads(raw)  # JSON text: nothing in Redis is ever unpickled
    assert record["format"] == frontier_json.FORMAT and record["callback"] == "parse_article"
    back = scheduler.next_request()
    assert (back.url, back.method, back.body, back.priority, back.flags) == (sent.url, "POST", sent.body, 3, ["f"])
    assert back.headers.getlist("X-Lang") == ["عربي".encode()]
    assert back.callback == spider.parse_article and back.cb_kwargs == sent.cb_kwargs
    assert {k: v for k, v in back.meta.items() if k != frontier.LEASE_META} == sent.meta
    # The taken record (score|payload) holds the same JSON, so a reclaim queues it as it was.
    (taken,) = scheduler.server.hvals(scheduler.taken_key)
    assert taken.split(b"|", 1)[1] == raw
    with pytest.raises(TypeError, match=r"meta\['when'\]"):
        scheduler.enqueue_request(Request("http://example.com/b", meta={"when": object()}))


class _Exploit:
    """What an attacker with write access to Redis would queue: a pickle that runs code when loaded."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_a_pickled_payload_on_the_queue_is_refused_not_unpickled(leased, tmp_path, caplog) -> None:
    scheduler = leased()
    marker = tmp_path / "code-ran"
    payload = pickle.dumps({"url": "http://example.com/", "meta": _Exploit(marker)})
    scheduler.server.zadd(scheduler.queue.key, {payload: -10})  # first in line
    assert scheduler.enqueue_request(_article(scheduler.spider, "http://example.com/good"))
    with caplog.at_level(logging.ERROR, logger="marsad.crawler.frontier"):
        taken = scheduler.next_request()
    assert taken.url == "http://example.com/good"
    assert not marker.exists()
    assert "refused a payload on the shared queue" in caplog.text and "not JSON" in caplog.text
    assert scheduler.server.hlen(scheduler.taken_key) == 1 and len(scheduler.queue) == 0
    assert scheduler.stats.get_value("marsad/frontier/refused") == 1


@pytest.mark.parametrize("record", [
    {"format": frontier_json.FORMAT, "url": "http://example.com/", "callback": "__init__"},
    {"format": "other", "url": "http://example.com/"},
    {"url": "http://example.com/", "_class": "os.system"},
])
def test_malformed_records_are_refused(record) -> None:
    good = json.loads(frontier_json.dumps(Request("http://example.com/").to_dict()))
    with pytest.raises(frontier_json.RequestFormatError):
        frontier_json.loads(json.dumps({**good, **record}) if "format" in record else json.dumps(record))


def test_the_heartbeat_outlives_redis_errors_and_a_blocked_reactor(leased, monkeypatch, caplog) -> None:
    import redis

    scheduler = leased()
    alive = scheduler._alive_prefix + scheduler.worker
    client = scheduler._heartbeat.client
    real_set, calls = client.set, []

    def blip(*args, **kwargs):
        calls.append(1)
        if len(calls) <= 2:
            raise redis.ConnectionError("connection reset (a blip)")
        return real_set(*args, **kwargs)

    monkeypatch.setattr(client, "set", blip)
    # The reactor never runs in this test: as if blocked by a slow bulk write, for two leases.
    with caplog.at_level(logging.WARNING, logger="marsad.crawler.frontier"):
        deadline = time.monotonic() + 4
        while time.monotonic() < deadline:
            assert scheduler.server.exists(alive), f"the heartbeat lapsed after {len(calls)} renewal(s)"
            time.sleep(0.05)
    assert len(calls) > 10
    assert "not renewed (ConnectionError" in caplog.text and "renewed again" in caplog.text
    scheduler.close("finished")
    assert not scheduler._heartbeat._thread.is_alive() and not scheduler.server.exists(alive)


def test_requeueing_a_dead_workers_requests_keeps_the_worker_open(leased, caplog) -> None:
    scheduler = leased()
    record = frontier_json.dumps(_article(scheduler.spider, "http://example.com/x").to_dict(spider=scheduler.spider))
    scheduler.server.hset(scheduler._taken_prefix + "elsewhere-1-dead", "1", b"0|" + record)
    assert scheduler._sweep() is True  # it moved work onto the queue
    assert len(scheduler.queue) == 1 and "lost its lease; 1 request(s)" in caplog.text
    with pytest.raises(DontCloseSpider):
        scheduler._idle()


def test_a_lease_ends_only_when_its_article_is_committed(leased, caplog) -> None:
    scheduler = leased()
    sig = scheduler.crawler.signals
    for n in (1, 2):
        scheduler.enqueue_request(_article(scheduler.spider, f"http://example.com/{n}"))
    first, second = scheduler.next_request(), scheduler.next_request()
    for request in (first, second):
        _scraped(scheduler, request)
    assert scheduler.server.hlen(scheduler.taken_key) == 2  # both articles wait in the batch
    # A commit that wrote the first article only (the second's spool write failed, say).
    sig.send_catch_log(articles_committed, urls=[first.url], status="indexed")
    assert scheduler.server.hkeys(scheduler.taken_key) == [second.meta[frontier.LEASE_META].encode()]

    def full_disk():
        raise OSError(28, "No space left on device")

    sig.connect(full_disk, signal=commit_requested)
    scheduler._idle()
    assert scheduler.server.hlen(scheduler.taken_key) == 1, "a failed commit released the request"
    assert "writing the pending batch failed" in caplog.text and "1 request(s) stay taken" in caplog.text
    sig.disconnect(full_disk, signal=commit_requested)

    def spooled():
        sig.send_catch_log(articles_committed, urls=[second.url], status="spooled")

    sig.connect(spooled, signal=commit_requested)
    scheduler._idle()
    assert scheduler.server.hlen(scheduler.taken_key) == 0


def test_requests_that_never_reach_their_callback_end_their_lease(leased) -> None:
    scheduler = leased()
    spider = scheduler.spider
    for path in ("refused", "retried", "redirected", "seen"):
        scheduler.enqueue_request(_article(spider, f"http://example.com/{path}"))
    refused, retried, redirected, _ = (scheduler.next_request() for _ in range(4))
    assert scheduler.server.hlen(scheduler.taken_key) == 4
    # Refused by robots.txt or the site guard, a 304, or a download that failed for good: Scrapy calls the errback.
    failure = Failure(IgnoreRequest("Forbidden by robots.txt"))
    failure.request = refused
    assert refused.errback(failure) is failure  # Scrapy goes on as without an errback
    # A retry is queued again for any worker: the one taken is done.
    assert scheduler.enqueue_request(retried.replace(dont_filter=True))
    (record,) = scheduler.server.zrange(scheduler.queue.key, 0, -1)
    assert frontier.LEASE_META not in json.loads(record)["meta"] and json.loads(record)["errback"] is None
    # A redirect to a page already seen is dropped: done too.
    assert not scheduler.enqueue_request(redirected.replace(url="http://example.com/seen"))
    assert scheduler.server.hlen(scheduler.taken_key) == 1  # only the fourth, never finished here
