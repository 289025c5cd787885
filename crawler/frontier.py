"""A crawl frontier shared by several ``marsad crawl`` workers through Redis (scrapy-redis).

With ``--frontier redis://HOST:PORT/DB`` (or MARSAD_CRAWL_FRONTIER) every
worker pushes the requests it finds to one Redis queue per spider and pops
its next request from there, and a request is scheduled only when its
fingerprint is new to one Redis set shared by all workers and both spiders,
so each page is fetched by one worker, once. The exceptions are retries and
redirects (queued again like any request, so maybe for another worker) and
the requests of a worker that lost its lease (below), fetched again by
another. A worker that joins later pulls from the same queue. Requests are
stored as JSON (crawler.frontier_json), never pickled. Without a frontier
nothing here is used.

A worker may die at any moment (SIGKILL, a lost machine) without losing a
request. Taking a request moves it, in one Lua call, from the queue into the
worker's *taken* hash; it leaves that hash only once it is done: its callback
finished and its article is stored in Elasticsearch or the spool (the
articles_committed signal names it), or it ended without reaching a callback
(a download that failed, a request refused by robots.txt or the site guard,
a 304), or a retry or redirect of it is on the queue. Each worker renews a
heartbeat key that expires after the lease (MARSAD_CRAWL_LEASE), from a
thread of its own with its own Redis connection, so a reactor blocked on a
slow bulk write does not make a live worker look dead. The taken hash of a
worker whose heartbeat expired is moved back onto the queue by whichever
live worker notices first (one Lua call, so never twice).

A worker with nothing to do first commits its pending batch and, if that
worked, releases every request it holds (so idle workers never wait on each
other); if the commit failed, the requests whose articles it held stay
taken (handed back to the queue when the worker stops). It then stays open
while the queue has requests or a live worker still holds some (they may add
links), and stops when neither.

Redis may go away (a restart, a lost network). A worker that cannot reach it
takes nothing new, finishes what it holds (its articles are stored as
usual), and keeps what it would have written to Redis (links found, leases
ended) in order in an outbox; it tries Redis again with back-off (0.5 s
doubling to 8 s) and, once Redis answers, delivers the outbox and goes on.
It sweeps for dead workers only one lease after that, so that every live
worker has renewed its heartbeat first. If Redis does not come back within
MARSAD_CRAWL_FRONTIER_WAIT seconds, the worker stops (finish reason
``frontier_unreachable``; ``marsad crawl`` exits 69): the requests it still
holds are in its taken hash in Redis and go back to the queue one lease
after Redis returns, so nothing is lost, and links in the undelivered
outbox are found again when their pages are fetched again. Redis must keep
its data across a restart (an append-only file): a frontier that comes back
empty is noticed (the round's marker key is gone) and the worker stops with
``frontier_lost`` (also exit 69).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

import redis
from marsad.crawler.signals import articles_committed, callback_done, commit_requested
from scrapy import Request, signals
from scrapy.exceptions import CloseSpider, DontCloseSpider
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler
from twisted.python.failure import Failure

from marsad import config

ENV = config.CRAWL_FRONTIER.name
# Where a taken request carries its lease token.
LEASE_META = "marsad_lease"
# Seconds between looks at the frontier while this worker waits for others.
POLL_SECONDS = 1.0
# Back-off between attempts to reach Redis again after it went away.
RETRY_FIRST, RETRY_MAX = 0.5, 8.0
# What a lost Redis raises (a restarting one answers LOADING: BusyLoadingError is a ConnectionError).
REDIS_DOWN = (redis.ConnectionError, redis.TimeoutError)

log = logging.getLogger(__name__)


class FrontierError(ValueError):
    """The frontier URL is not a redis:// URL."""


def url_from(arg: str | None) -> str | None:
    """Returns the frontier URL from the command line or MARSAD_CRAWL_FRONTIER; None when neither is set."""
    url = arg or config.get(config.CRAWL_FRONTIER).strip() or None
    if url is None:
        return None
    if urlsplit(url).scheme not in ("redis", "rediss", "unix"):
        raise FrontierError(f"--frontier / {ENV} must be a redis://HOST:PORT/DB URL, not {url!r}")
    return url


def namespace(index_prefix: str) -> str:
    """Returns the Redis key prefix: workers writing to the same indices share one frontier."""
    return f"marsad:{index_prefix}:frontier"


def settings(url: str, index_prefix: str) -> dict:
    """Returns the Scrapy settings that switch the scheduler and duplicate filter to Redis.

    Raises:
        ConfigError: when the heartbeat is not shorter than the lease.
    """
    ns = namespace(index_prefix)
    lease = config.get_float(config.CRAWL_LEASE, minimum=0.5)
    beat = config.get_float(config.CRAWL_HEARTBEAT, minimum=0.1)
    if beat >= lease:
        raise config.ConfigError(f"{config.CRAWL_HEARTBEAT.name}={beat:g} must be less than "
                                 f"{config.CRAWL_LEASE.name}={lease:g}: a live worker would lose its lease")
    return {
        "SCHEDULER": "marsad.crawler.frontier.LeasedScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "REDIS_URL": url,
        "SCHEDULER_QUEUE_KEY": f"{ns}:%(spider)s:requests",
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        # JSON, not scrapy-redis's default pickle: a payload in Redis must never run code in a worker.
        "SCHEDULER_SERIALIZER": "marsad.crawler.frontier_json",
        # One seen set for both spiders: an article listed in a feed and a sitemap is fetched once.
        "SCHEDULER_DUPEFILTER_KEY": f"{ns}:seen",
        # The first worker to finish must not wipe the queue and seen set the others still use.
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_FLUSH_ON_START": False,
        # Never block the reactor waiting on Redis; the scheduler decides when a worker is done.
        "SCHEDULER_IDLE_BEFORE_CLOSE": 0,
        "SPIDER_MIDDLEWARES": {"marsad.crawler.frontier.LeaseMiddleware": 10},
        "MARSAD_FRONTIER_LEASE": lease,
        "MARSAD_FRONTIER_HEARTBEAT": beat,
        "MARSAD_FRONTIER_WAIT": config.get_float(config.CRAWL_FRONTIER_WAIT, minimum=0),
        # A Redis that stops answering must be noticed, not waited on: redis-py would otherwise retry
        # ten times with back-off inside every call, holding the reactor.
        "REDIS_PARAMS": {"socket_timeout": 5, "socket_connect_timeout": 5, "retry": _one_retry()},
    }


def _one_retry():
    """Returns redis-py's retry policy of one immediate retry (a pooled connection a restart left stale)."""
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    return Retry(NoBackoff(), 1)


# Queues a request (ARGV[3], score ARGV[2]) on KEYS[1] unless its fingerprint ARGV[1] is already in
# the seen set KEYS[2] ('' for requests never filtered); returns 1 when queued. One call: a worker
# killed in between cannot leave a request seen but never queued.
_PUT = """
if ARGV[1] ~= '' and redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
return 1
"""

# Moves the best request from the queue (KEYS[1]) into the taken hash (KEYS[2]) under the
# token ARGV[1], its score kept in front of it; returns the request, or nil when the queue is empty.
_TAKE = """
local top = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #top == 0 then return false end
redis.call('ZREM', KEYS[1], top[1])
redis.call('HSET', KEYS[2], ARGV[1], top[2] .. '|' .. top[1])
return top[1]
"""

# Moves a worker's taken hash (KEYS[1]) back onto the queue (KEYS[3]) unless the worker's
# heartbeat (KEYS[2]) is still there; returns how many requests moved, or -1 for a live worker.
_RECLAIM = """
if redis.call('EXISTS', KEYS[2]) == 1 then return -1 end
local taken = redis.call('HVALS', KEYS[1])
for _, value in ipairs(taken) do
  local bar = string.find(value, '|', 1, true)
  redis.call('ZADD', KEYS[3], string.sub(value, 1, bar - 1), string.sub(value, bar + 1))
end
redis.call('DEL', KEYS[1])
return #taken
"""


@dataclass
class _Lease:
    """What this worker still waits for before a taken request is done."""

    link: str | None = None  # the article link its item will be committed under
    open: bool = True  # the callback has not finished yet
    items: int = 0  # items the callback yielded (known once it finished)
    settled: int = 0  # of those, dropped or through the pipelines
    stored: int = 0  # of those, handed to the index pipeline: each waits for its commit
    committed: int = 0  # articles_committed named its link this many times


class _Heartbeat:
    """Renews a worker's heartbeat key from a daemon thread with a Redis connection of its own.

    Not in the reactor: a bulk write to a slow Elasticsearch runs there and can
    block it for longer than a lease. An error (a Redis blip) is logged and
    the renewal tried again; only :meth:`stop` ends it.
    """

    def __init__(self, client, key: str, lease: float, every: float):
        self.client, self.key = client, key
        self.lease, self.every = lease, every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"heartbeat {key}", daemon=True)
        self._failing_since: float | None = None

    def start(self) -> None:
        """Renews the key once (raising if Redis does not answer), then keeps renewing it."""
        self.renew()
        self._thread.start()

    def renew(self) -> None:
        """Sets the key to expire one lease from now."""
        self.client.set(self.key, "1", px=int(self.lease * 1000))

    def stop(self) -> None:
        """Ends the renewals (waiting for one in progress) and closes the connection."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=self.every + 5)
        self.client.close()

    def _run(self) -> None:
        # After a failure, try again sooner than a beat: the lease is running out.
        wait = self.every
        while not self._stop.wait(wait):
            try:
                self.renew()
            except Exception as e:  # noqa: BLE001 - whatever went wrong, the next try may work
                if self._failing_since is None:
                    self._failing_since = time.monotonic()
                    log.warning("heartbeat %s not renewed (%s: %s); trying again", self.key, type(e).__name__, e)
                wait = min(self.every, 1.0)
                continue
            wait = self.every
            if self._failing_since is not None:
                gap = time.monotonic() - self._failing_since
                self._failing_since = None
                log.warning("heartbeat %s renewed again after %.1f s of errors%s", self.key, gap,
                            "; other workers may have requeued what this one held" if gap + self.every >= self.lease
                            else "")


class LeasedScheduler(Scheduler):
    """scrapy-redis's scheduler, plus a lease on every request a worker takes (see the module docstring)."""

    @classmethod
    def from_crawler(cls, crawler):
        """Returns the scheduler, listening for finished callbacks, items, commits and idleness."""
        o = super().from_crawler(crawler)
        o.crawler = crawler
        o.lease = crawler.settings.getfloat("MARSAD_FRONTIER_LEASE", 30.0)
        o.beat = crawler.settings.getfloat("MARSAD_FRONTIER_HEARTBEAT", 5.0)
        o.worker = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        o._leases: dict[str, _Lease] = {}
        o._by_link: dict[str, set[str]] = {}
        o._seq = 0
        o._loops = []
        o._heartbeat = None
        o.wait_limit = crawler.settings.getfloat("MARSAD_FRONTIER_WAIT", 300.0)
        # Redis outage state: since when it is unreachable, when to try again, and what waits to be written.
        o._down_since: float | None = None
        o._retry_at = 0.0
        o._retry_delay = RETRY_FIRST
        o._outbox: list[tuple] = []
        o._sweep_after = 0.0
        o._lost = False
        for handler, signal in ((o._callback_done, callback_done), (o._item_stored, signals.item_scraped),
                                (o._item_gone, signals.item_dropped), (o._item_gone, signals.item_error),
                                (o._committed, articles_committed), (o._idle, signals.spider_idle)):
            crawler.signals.connect(handler, signal=signal)
        return o

    def open(self, spider):
        """Opens the shared queue and starts this worker's heartbeat and sweeps; returns nothing."""
        import redis
        from twisted.internet import task

        super().open(spider)
        if not isinstance(self.queue, PriorityQueue):
            raise ValueError("the leased frontier needs scrapy_redis.queue.PriorityQueue")
        base = self.queue.key.rsplit(":", 1)[0]
        self._taken_prefix, self._alive_prefix = f"{base}:taken:", f"{base}:alive:"
        self.taken_key = self._taken_prefix + self.worker
        self._put = self.server.register_script(_PUT)
        self._take = self.server.register_script(_TAKE)
        self._reclaim_script = self.server.register_script(_RECLAIM)
        # Set by the round's first worker, removed only by --reset-frontier: a Redis that comes back
        # without it has lost the queue and the seen set.
        self._round_key = f"{base}:round"
        self.server.set(self._round_key, self.worker, nx=True)
        # A short socket timeout: a renewal stuck on a dead connection must not outlast the lease.
        timeout = max(0.5, min(self.beat, self.lease / 2))
        client = redis.Redis.from_url(self.crawler.settings["REDIS_URL"], socket_timeout=timeout,
                                      socket_connect_timeout=timeout, retry=_one_retry())
        self._heartbeat = _Heartbeat(client, self._alive_prefix + self.worker, self.lease, self.beat)
        self._heartbeat.start()
        self._loops = [task.LoopingCall(self._sweep_now), task.LoopingCall(self._wake)]
        self._loops[0].start(self.beat, now=False)

    # ------------------------------------------------------------ taking and releasing

    def enqueue_request(self, request) -> bool:
        """Returns True when the request was new and is now queued for every worker.

        A retry or redirect of a request this worker holds carries its lease
        token: once the new request is queued (or refused as seen), the old one
        is done and its lease released.
        """
        token = request.meta.get(LEASE_META)
        fingerprint = "" if request.dont_filter else self.df.request_fingerprint(request)
        data = self.queue._encode_request(self._portable(request))
        ok, queued = self._call(self._put, keys=[self.queue.key, self.df.key],
                                args=[fingerprint, -request.priority, data])
        if not ok:
            # Delivered when Redis is back, before the release of the request that found it (outbox order).
            self._outbox.append(("put", fingerprint, -request.priority, data))
            self._release(token)
            return True
        if not queued:
            self.df.log(request, self.spider)
            self._release(token)
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        self._release(token)
        return True

    def _portable(self, request):
        """Returns the request without this worker's lease token and download errback (both local)."""
        if LEASE_META not in request.meta and request.errback != self._never_called_back:
            return request
        meta = {k: v for k, v in request.meta.items() if k != LEASE_META}
        errback = None if request.errback == self._never_called_back else request.errback
        return request.replace(meta=meta, errback=errback)

    def next_request(self):
        """Returns the best shared request, now leased to this worker, or None when the queue is empty.

        A payload that is not a JSON request record (a pickle, say, written by
        someone else with access to Redis) is dropped with an error in the log,
        never decoded further.
        """
        if self._lost or (self._down_since is not None and not self._reconnect()):
            return None  # takes nothing new while Redis is away
        while True:
            self._seq += 1
            token = str(self._seq)
            ok, data = self._call(self._take, keys=[self.queue.key, self.taken_key], args=[token])
            if not ok or data is None:
                return None
            try:
                request = self.queue._decode_request(data)
            except (ValueError, TypeError) as e:
                self._hdel(token)
                log.error("%s: refused a payload on the shared queue %s that is not a request record (%s); "
                          "dropped unread. Can an untrusted party write to this Redis? First bytes: %r",
                          self.spider.name, self.queue.key, e, bytes(data[:40]))
                if self.stats:
                    self.stats.inc_value("marsad/frontier/refused")
                continue
            break
        request.meta[LEASE_META] = token
        if request.errback is None:
            # Told when the request ends without reaching its callback, so the lease ends too.
            request.errback = self._never_called_back
        self._leases[token] = _Lease(link=request.meta.get("marsad_link"))
        if self._leases[token].link:
            self._by_link.setdefault(self._leases[token].link, set()).add(token)
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def _never_called_back(self, failure: Failure) -> Failure:
        """Errback of taken requests: the download failed or was refused; returns the failure unchanged.

        Scrapy goes on as without an errback (logging the error, or not for
        IgnoreRequest); there is nothing to index, so the lease ends here.
        """
        request = getattr(failure, "request", None)
        if request is not None:
            self._release(request.meta.get(LEASE_META))
        return failure

    def _release(self, token: str | None) -> None:
        """Ends a lease: this worker has nothing left to do for the request."""
        if token is None or token not in self._leases:
            return
        lease = self._leases.pop(token)
        if lease.link:
            tokens = self._by_link.get(lease.link, set())
            tokens.discard(token)
            if not tokens:
                self._by_link.pop(lease.link, None)
        self._hdel(token)

    def _hdel(self, token: str) -> None:
        """Removes a token from this worker's taken hash, or queues the removal while Redis is away."""
        ok, _ = self._call(self.server.hdel, self.taken_key, token)
        if not ok:
            self._outbox.append(("hdel", token))

    # ------------------------------------------------------------ Redis going away

    def _call(self, fn, *args, **kwargs) -> tuple[bool, object]:
        """Returns (True, fn's result), or (False, None) when Redis is unreachable (now or already)."""
        if self._down_since is not None:
            return False, None
        try:
            return True, fn(*args, **kwargs)
        except REDIS_DOWN as e:
            self._went_down(e)
            return False, None

    def _went_down(self, error: Exception) -> None:
        now = time.monotonic()
        self._down_since = now
        self._retry_delay = RETRY_FIRST
        self._retry_at = now + self._retry_delay
        if self.stats:
            self.stats.inc_value("marsad/frontier/outages")
        log.warning("%s: the shared frontier is unreachable (%s: %s); taking nothing new, finishing what this worker "
                    "holds, and trying again for up to %.0f s", self.spider.name, type(error).__name__, error,
                    self.wait_limit)

    def _reconnect(self) -> bool:
        """Tries Redis again if the back-off allows; once it answers, delivers the outbox; returns whether it is up."""
        now = time.monotonic()
        if self._lost or now < self._retry_at:
            return False
        try:
            self.server.ping()
            if not self.server.exists(self._round_key):
                self._frontier_lost()
                return False
            while self._outbox:
                self._deliver(self._outbox[0])
                self._outbox.pop(0)
            self._requeue_unknown()
        except REDIS_DOWN:
            self._retry_delay = min(self._retry_delay * 2, RETRY_MAX)
            self._retry_at = time.monotonic() + self._retry_delay
            return False
        gap = now - self._down_since
        self._down_since = None
        # Others renew their heartbeats within a beat of Redis coming back: give them a lease first.
        self._sweep_after = time.monotonic() + self.lease
        if self.stats:
            self.stats.inc_value("marsad/frontier/outage_seconds", int(round(gap)))
        log.warning("%s: the shared frontier answers again after %.1f s; going on", self.spider.name, gap)
        return True

    def _frontier_lost(self) -> None:
        self._lost = True
        log.error("%s: the shared frontier came back empty (Redis restarted without its data?): its queue and seen "
                  "set are gone. Stopping; start a new round with --reset-frontier. Articles already stored are "
                  "kept.", self.spider.name)

    def _deliver(self, op: tuple) -> None:
        if op[0] == "put":
            _, fingerprint, score, data = op
            if self._put(keys=[self.queue.key, self.df.key], args=[fingerprint, score, data]) and self.stats:
                self.stats.inc_value("scheduler/enqueued/redis")
        else:
            self.server.hdel(self.taken_key, op[1])

    def _requeue_unknown(self) -> None:
        """Puts back on the queue what this worker's taken hash holds that it does not know it took.

        A take whose reply was lost with the connection moved a request into
        the hash without this worker ever receiving it.
        """
        for token, value in self.server.hgetall(self.taken_key).items():
            if token.decode() in self._leases:
                continue
            score, _, payload = value.partition(b"|")
            self.server.zadd(self.queue.key, {payload: float(score)})
            self.server.hdel(self.taken_key, token)
            log.warning("%s: request %s was taken as the connection broke; queued again", self.spider.name,
                        token.decode())

    def has_pending_requests(self) -> bool:
        """Returns whether the shared queue has requests (False while Redis is away: this worker waits)."""
        ok, n = self._call(len, self.queue)
        return bool(ok and n)

    def _callback_done(self, request, items: int) -> None:
        lease = self._leases.get(request.meta.get(LEASE_META))
        if lease is not None:
            lease.open, lease.items = False, items
            self._settle(request.meta[LEASE_META])

    def _item_stored(self, response=None, **_) -> None:
        self._item_settled(response, stored=True)

    def _item_gone(self, response=None, **_) -> None:
        self._item_settled(response, stored=False)

    def _item_settled(self, response, stored: bool) -> None:
        request = getattr(response, "request", None)
        token = request.meta.get(LEASE_META) if request is not None else None
        lease = self._leases.get(token)
        if lease is not None:
            lease.settled += 1
            lease.stored += stored
            self._settle(token)

    def _settle(self, token: str) -> None:
        lease = self._leases[token]
        # An article in the index pipeline's batch waits for articles_committed to name it.
        if not lease.open and lease.settled >= lease.items and lease.committed >= lease.stored:
            self._release(token)

    def _committed(self, urls=(), **_) -> None:
        """Ends the leases of the articles written to Elasticsearch or the spool (the signal's urls)."""
        # The commit may come before item_scraped (a full batch is written inside process_item): counted
        # here, the lease ends when its item settles.
        for url in urls:
            for token in list(self._by_link.get(url, ())):
                self._leases[token].committed += 1
                self._settle(token)

    # ------------------------------------------------------------ liveness

    def _sweep_now(self) -> None:
        """Periodic sweep in the reactor; an error is logged and the next sweep tries again."""
        if self._lost or self._down_since is not None or time.monotonic() < self._sweep_after:
            return
        try:
            if not self.server.exists(self._round_key):
                # Restarted empty between two calls of this worker, so quickly that none of them failed.
                self._frontier_lost()
                return
            self._sweep()
        except Exception as e:  # noqa: BLE001 - a Redis blip must not end the periodic sweeps
            log.warning("%s: could not look for dead workers (%s: %s); trying again", self.spider.name,
                        type(e).__name__, e)

    def _sweep(self) -> bool:
        """Requeues what workers without a heartbeat had taken; returns whether work may still come.

        That is, a live worker still holds some, or this sweep put requests
        back on the queue. Every taken hash counts, whether or not its worker
        still beats: a worker that missed its lease and then took more is seen too.
        """
        busy, moved = False, 0
        # A hash exists only while it holds something (Redis drops empty ones).
        for key in self.server.scan_iter(match=_glob_escape(self._taken_prefix) + "*", count=1000):
            worker = key.decode()[len(self._taken_prefix):]
            if worker == self.worker:
                continue
            n = self._reclaim_script(keys=[key, self._alive_prefix + worker, self.queue.key])
            if n < 0:
                busy = True
            elif n > 0:
                moved += n
                log.warning("%s: worker %s lost its lease; %d request(s) it had taken are queued again",
                            self.spider.name, worker, n)
        if moved and self.stats:
            self.stats.inc_value("marsad/frontier/reclaimed", moved)
        return busy or moved > 0

    def _idle(self, spider=None) -> None:
        """Keeps the spider open (DontCloseSpider) while the shared crawl may still bring work."""
        # Idle: every request this worker took is done but for the articles of the batch not yet written.
        failures = [r for _, r in self.crawler.signals.send_catch_log(commit_requested) if isinstance(r, Failure)]
        if failures:
            # Those articles are neither stored nor spooled: their requests stay taken, to go back to the
            # queue when this worker stops (or to be released by a later commit).
            waiting = {t for t, lease in self._leases.items() if lease.committed < lease.stored}
            for token in [t for t in self._leases if t not in waiting]:
                self._release(token)
            log.error("%s: writing the pending batch failed (%s); %d request(s) stay taken", self.spider.name,
                      failures[0].getErrorMessage(), len(waiting))
        else:
            # Written: every article is indexed, spooled, or refused and kept in spool/failed.
            for token in list(self._leases):
                self._release(token)
        if self._lost:
            raise CloseSpider("frontier_lost")
        if self._down_since is not None and not self._reconnect():
            if self._lost:
                raise CloseSpider("frontier_lost")
            if time.monotonic() - self._down_since > self.wait_limit:
                log.error("%s: the shared frontier stayed unreachable for %.0f s; stopping. The %d request(s) this "
                          "worker holds in Redis go back to the queue one lease after Redis returns.",
                          self.spider.name, time.monotonic() - self._down_since, len(self._leases))
                raise CloseSpider("frontier_unreachable")
            self._keep_waking()
            raise DontCloseSpider("waiting for the shared frontier to come back")
        # Taken hashes, then the queue, then the hashes again: a live worker releases a request only
        # after queuing the links it found, and takes one only from the queue, so none slips between.
        try:
            busy = time.monotonic() < self._sweep_after or self._sweep() or len(self.queue) or self._sweep()
        except REDIS_DOWN as e:
            self._went_down(e)
            busy = True
        if busy:
            self._keep_waking()
            raise DontCloseSpider("other workers may still add requests to the shared frontier")

    def _keep_waking(self) -> None:
        if not self._loops[1].running:
            self._loops[1].start(POLL_SECONDS, now=False)

    def _wake(self) -> None:
        # Scrapy looks at an idle scheduler every 5 s; a waiting worker looks every POLL_SECONDS.
        slot = getattr(self.crawler.engine, "_slot", None)
        if slot is not None and slot.closing is None:
            slot.nextcall.schedule()

    def close(self, reason):
        """Stops the heartbeat; a worker that did not finish hands back what it still holds."""
        for loop in self._loops:
            if loop.running:
                loop.stop()
        if self._heartbeat is not None:
            self._heartbeat.stop()
        if self._down_since is not None:
            self._retry_at = 0.0
            if not self._reconnect():
                log.warning("%s: stopped (%s) while the shared frontier is unreachable; what this worker holds goes "
                            "back to the queue one lease after Redis returns", self.spider.name, reason)
                return None
        alive = self._alive_prefix + self.worker
        try:
            self.server.delete(alive)
            n = self._reclaim_script(keys=[self.taken_key, alive, self.queue.key])
        except REDIS_DOWN as e:
            log.warning("%s: stopped (%s); Redis went away (%s): what this worker holds goes back to the queue one "
                        "lease after it returns", self.spider.name, reason, e)
            return None
        if n > 0:
            log.warning("%s: stopped (%s); %d request(s) handed back to the shared queue", self.spider.name,
                        reason, n)
        return super().close(reason)


class LeaseMiddleware:
    """Spider middleware: tells the leased scheduler when a callback is done and how many items it yielded."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        """Returns the middleware."""
        return cls(crawler)

    def process_spider_output(self, response, result, spider=None):
        """Yields the callback's output (new requests without the lease token), then sends callback_done."""
        items = 0
        try:
            for o in result:
                items += not isinstance(o, Request)
                yield _unleased(o)
        finally:
            self._done(response, items)

    async def process_spider_output_async(self, response, result, spider=None):
        """The same for asynchronous callbacks."""
        items = 0
        try:
            async for o in result:
                items += not isinstance(o, Request)
                yield _unleased(o)
        finally:
            self._done(response, items)

    def _done(self, response, items: int) -> None:
        request = getattr(response, "request", None)
        if request is not None and LEASE_META in request.meta:
            self.crawler.signals.send_catch_log(callback_done, request=request, items=items)


def _unleased(o):
    """Returns o, or for a request that copied its parent's meta, a copy without the parent's lease token.

    Otherwise queuing it would count as a retry of the parent and end the parent's lease early.
    """
    if isinstance(o, Request) and LEASE_META in o.meta:
        return o.replace(meta={k: v for k, v in o.meta.items() if k != LEASE_META})
    return o


def check(url: str) -> None:
    """Raises FrontierError unless Redis answers at url (before any spider starts)."""
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=5).ping()
    except redis.RedisError as e:
        raise FrontierError(f"the crawl frontier at {url} does not answer: {e}") from e


def _glob_escape(text: str) -> str:
    """Returns text with Redis glob characters escaped (index prefixes may hold [ and ])."""
    return "".join("\\" + c if c in "*?[]\\" else c for c in text)


def live_workers(url: str, index_prefix: str) -> list[str]:
    """Returns the workers whose heartbeat is current in the frontier of index_prefix."""
    import redis

    client = redis.Redis.from_url(url)
    keys = client.scan_iter(match=f"{_glob_escape(namespace(index_prefix))}:*:alive:*")
    return sorted({k.decode().rsplit(":alive:", 1)[1] for k in keys})


def reset(url: str, index_prefix: str) -> int:
    """Deletes the frontier's queues, seen set and leases (before a new round of crawls); returns keys removed."""
    import redis

    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(match=f"{_glob_escape(namespace(index_prefix))}:*"))
    return client.delete(*keys) if keys else 0
