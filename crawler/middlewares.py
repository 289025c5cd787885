"""Downloader middlewares: where requests may go, robots.txt, conditional GETs, and patient retries."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from email.utils import parsedate_to_datetime
from pathlib import Path

from scrapy import signals
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as _ScrapyRobotsTxt
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.response import response_status_message
from twisted.internet.defer import Deferred

from crawler.resolver import internal, literal_address
from crawler.seen import SeenStore

log = logging.getLogger(__name__)


class SiteGuardMiddleware:
    """Lets through only http(s) requests to the spider's allowed domains, redirects included.

    Scrapy's own offsite filter lets ``dont_filter`` requests pass (feeds are
    requested that way); this one does not, and also refuses file:, data: and
    other schemes whatever produced the request. A spider without allowed
    domains may fetch nothing. A host written as an IP address must be public,
    or listed as a source domain itself (the demo site's 127.0.0.1); a
    link-local one (cloud metadata services) never passes. Host names that
    resolve to internal addresses are refused by crawler.resolver.
    """

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        """Returns the middleware bound to the crawler's stats and spider."""
        o = cls(crawler.stats)
        o.crawler = crawler
        return o

    def process_request(self, request, spider=None):
        """Returns None for allowed requests; raises IgnoreRequest for the rest."""
        parsed = urlparse_cached(request)
        if parsed.scheme not in ("http", "https"):
            self.stats.inc_value("marsad/blocked/scheme")
            raise IgnoreRequest(f"scheme {parsed.scheme!r} is not crawled: {request.url}")
        domains = getattr(self.crawler.spider, "allowed_domains", None) or []
        host = (parsed.hostname or "").lower()
        address = literal_address(host)
        why = internal(address) if address is not None else None
        if why and (why == "link-local" or host not in domains):
            self.stats.inc_value("marsad/blocked/address")
            log.warning("not fetching %s: %s address", request.url, why)
            raise IgnoreRequest(f"{why} address: {request.url}")
        # robots.txt of a host the crawl goes to may redirect elsewhere, and is
        # only ever parsed; Scrapy's robots.txt middleware marks its requests.
        if parsed.path == "/robots.txt" and request.meta.get("dont_obey_robotstxt"):
            return None
        if not any(host == d or host.endswith("." + d) for d in domains):
            self.stats.inc_value("marsad/blocked/offsite")
            redirected = request.meta.get("redirect_urls")
            log.info("not following %s%s: host not configured", request.url,
                     f" (redirected from {redirected[0]})" if redirected else "")
            raise IgnoreRequest(f"off-site: {request.url}")
        return None


class ConditionalGetMiddleware:
    """Asks for articles seen before only if they changed, and skips those a sitemap says are unchanged.

    Adds If-None-Match / If-Modified-Since from the seen-URL store; a 304
    ends the request (stat ``marsad/not_modified``). Validators of fresh
    responses are put into request.meta for the pipelines to store once the
    article is safe.
    """

    def __init__(self, store: SeenStore, stats):
        self.store = store
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        """Returns the middleware with the seen-URL store of the crawl state directory."""
        store = SeenStore(Path(crawler.settings["MARSAD_STATE_DIR"] or ".") / "seen.sqlite")
        o = cls(store, crawler.stats)
        crawler.signals.connect(o.store.close, signal=signals.spider_closed)
        return o

    def process_request(self, request, spider=None):
        """Returns None after adding validators; raises IgnoreRequest for sitemap-unchanged pages."""
        if not request.meta.get("marsad_article") or request.meta.get("redirect_urls"):
            return None
        seen = self.store.get(request.url)
        if seen is None:
            return None
        lastmod = request.meta.get("marsad_lastmod")
        if lastmod and seen.fetched and lastmod <= seen.fetched:
            self.stats.inc_value("marsad/skipped/lastmod")
            raise IgnoreRequest(f"unchanged since {seen.fetched} (sitemap lastmod {lastmod})")
        if seen.etag:
            request.headers.setdefault("If-None-Match", seen.etag)
        if seen.last_modified:
            request.headers.setdefault("If-Modified-Since", seen.last_modified)
        return None

    def process_response(self, request, response, spider=None):
        """Returns the response, with its validators noted; raises IgnoreRequest on 304."""
        if not request.meta.get("marsad_article"):
            return response
        if response.status == 304:
            self.stats.inc_value("marsad/not_modified")
            raise IgnoreRequest(f"not modified: {request.url}")
        etag = response.headers.get("ETag")
        modified = response.headers.get("Last-Modified")
        request.meta["marsad_etag"] = etag.decode("latin-1") if etag else None
        request.meta["marsad_last_modified"] = modified.decode("latin-1") if modified else None
        return response


def retry_after_seconds(value: bytes | str | None, now: float | None = None) -> float | None:
    """Returns the wait a Retry-After header asks for (seconds or HTTP date), or None."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return float(text)
    try:
        when = parsedate_to_datetime(text).timestamp()
    except (TypeError, ValueError):
        return None
    return max(0.0, when - (now if now is not None else time.time()))


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries, but waiting first: the server's Retry-After, else exponential back-off.

    The wait holds the request's slot, so the crawl slows down on that domain
    instead of hammering it. A Retry-After longer than MARSAD_MAX_RETRY_AFTER
    gives up on the page (stat ``marsad/retry_after_too_long``).
    """

    def __init__(self, settings):
        super().__init__(settings)
        self.backoff = settings.getfloat("MARSAD_RETRY_BACKOFF")
        self.max_retry_after = settings.getfloat("MARSAD_MAX_RETRY_AFTER")

    async def process_response(self, request, response, spider=None):
        """Returns a delayed retry request for retryable statuses, else the response."""
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        delay = self._delay(request, response.headers.get("Retry-After"))
        if delay is None:
            self.crawler.stats.inc_value("marsad/retry_after_too_long")
            return response
        if delay:
            self.crawler.stats.inc_value("marsad/retry_wait_seconds", int(round(delay)))
            await asyncio.sleep(delay)
        return self._retry(request, response_status_message(response.status)) or response

    async def process_exception(self, request, exception, spider=None):
        """Returns a delayed retry request for timeouts and dropped connections, else None."""
        if not isinstance(exception, self.exceptions_to_retry) or request.meta.get("dont_retry", False):
            return None
        delay = self._delay(request, None)
        if delay:
            await asyncio.sleep(delay)
        return self._retry(request, exception)

    def _delay(self, request, retry_after) -> float | None:
        tries = request.meta.get("retry_times", 0)
        if tries >= request.meta.get("max_retry_times", self.max_retry_times):
            return 0.0  # no retry will follow; do not wait for nothing
        if not self.backoff:
            return 0.0  # waiting switched off: retry at once, as plain Scrapy does
        asked = retry_after_seconds(retry_after)
        if asked is not None:
            return asked if asked <= self.max_retry_after else None
        return self.backoff * (2**tries)


class RobotsTxtMiddleware(_ScrapyRobotsTxt):
    """Scrapy's robots.txt middleware, with every request that waits for robots.txt getting the parser.

    Scrapy 2.19 has each waiting request await the one Deferred of the pending
    download; under the asyncio reactor only the first waiter receives the
    parser and the others receive None, which means "allowed". A shared
    frontier hands a fresh worker article links at once, so a disallowed page
    could be fetched while robots.txt was still on its way.
    """

    async def robot_parser(self, request):
        """Returns the robots.txt parser of the request's host (None: no usable robots.txt, all allowed)."""
        pending = self._parsers.get(urlparse_cached(request).netloc)
        if not isinstance(pending, Deferred):
            return await super().robot_parser(request)
        mine: Deferred = Deferred()

        def relay(parser):
            mine.callback(parser)
            return parser  # the next waiter gets it too

        pending.addCallback(relay)
        return await maybe_deferred_to_future(mine)
