"""A crawl frontier shared by several ``marsad crawl`` workers through Redis (scrapy-redis).

With ``--frontier redis://HOST:PORT/DB`` (or MARSAD_CRAWL_FRONTIER) every
worker pushes the requests it finds to one Redis queue per spider and pops
its next request from there, and a request is scheduled only when its
fingerprint is new to one Redis set shared by all workers and both spiders:
each page is fetched once across workers. A worker that joins later pulls
from the same queue; a worker whose queue runs dry stops, the others go on.
Without a frontier nothing here is used.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from marsad import config

ENV = config.CRAWL_FRONTIER.name


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
    """Returns the Scrapy settings that switch the scheduler and duplicate filter to Redis."""
    ns = namespace(index_prefix)
    return {
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "REDIS_URL": url,
        "SCHEDULER_QUEUE_KEY": f"{ns}:%(spider)s:requests",
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        # One seen set for both spiders: an article listed in a feed and a sitemap is fetched once.
        "SCHEDULER_DUPEFILTER_KEY": f"{ns}:seen",
        # The first worker to finish must not wipe the queue and seen set the others still use.
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_FLUSH_ON_START": False,
        # Never block the reactor waiting on Redis: an empty queue means this worker is done.
        "SCHEDULER_IDLE_BEFORE_CLOSE": 0,
    }


def check(url: str) -> None:
    """Raises FrontierError unless Redis answers at url (before any spider starts)."""
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=5).ping()
    except redis.RedisError as e:
        raise FrontierError(f"the crawl frontier at {url} does not answer: {e}") from e


def reset(url: str, index_prefix: str) -> int:
    """Deletes the frontier's queues and seen set (before a new round of crawls); returns keys removed."""
    import redis

    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(match=f"{namespace(index_prefix)}:*"))
    return client.delete(*keys) if keys else 0
