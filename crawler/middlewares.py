"""Downloader middlewares: where requests may go, robots.txt, conditional GETs, and patient retries."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from email.utils import parsedate_to_datetime
from pathlib import Path

from marsad.crawler import tdmrep
from marsad.crawler.resolver import internal, literal_address
from marsad.crawler.seen import SeenStore
from scrapy import signals
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as _ScrapyRobotsTxt
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.response import response_status_message
from twisted.internet.defer import Deferred

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


class TdmRepMiddleware:
    """Honours publishers' text-and-data-mining reservations (W3C TDMRep) on article pages, as robots.txt is honoured.

    Before the first article request to a host, its ``/.well-known/tdmrep.json``
    is fetched (once per host and crawl, like robots.txt); an article whose
    path a rule there reserves is not fetched at all. A fetched article that
    its own ``tdm-reservation`` header or ``<meta>`` reserves is dropped here,
    before the pipelines: it is neither analysed nor stored. Both hold unless
    the article's source in sources.yml names a licence (``licence:``).
    Feeds and sitemaps are only read for links, never mined, and are not checked.
    Stats: ``marsad/tdm/reserved`` (pages left alone), ``marsad/tdm/licensed``
    (reserved pages taken under the source's licence).
    """

    DOWNLOAD_PRIORITY = 1000

    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        # Per host: the rules, or the future the first request for them waits on.
        self._rules: dict[str, list[tdmrep.Rule] | asyncio.Future] = {}

    @classmethod
    def from_crawler(cls, crawler):
        """Returns the middleware."""
        return cls(crawler)

    async def process_request(self, request, spider=None):
        """Returns None for articles the site's tdmrep.json does not reserve; raises IgnoreRequest for the others."""
        if not request.meta.get("marsad_article"):
            return None
        parsed = urlparse_cached(request)
        rules = await self._site_rules(parsed.scheme, parsed.netloc)
        found = tdmrep.match(rules, parsed.path + (f"?{parsed.query}" if parsed.query else ""))
        if found is not None and found.reserved:
            self._reserved(request, found)
        return None

    def process_response(self, request, response, spider=None):
        """Returns the response unless the page reserves mining (its <meta>, else its header): IgnoreRequest then."""
        if not request.meta.get("marsad_article") or response.status != 200:
            return response
        ctype = (response.headers.get("Content-Type") or b"").lower()
        found = tdmrep.from_html(response.body) if not ctype or b"html" in ctype else None
        if found is None:
            found = tdmrep.from_headers(response.headers.get("tdm-reservation"), response.headers.get("tdm-policy"))
        if found is not None and found.reserved:
            self._reserved(request, found)
        return response

    def _reserved(self, request, found: tdmrep.Declaration) -> None:
        """Raises IgnoreRequest unless the request's source holds a licence; counts either way."""
        source = self._source(request)
        policy = f", policy {found.policy}" if found.policy else ""
        if source is not None and source.licence:
            self.stats.inc_value("marsad/tdm/licensed")
            log.info("%s: mining reserved by the publisher (%s%s); taken under the licence of %s: %s",
                     request.url, found.origin, policy, source.name, source.licence)
            return
        self.stats.inc_value("marsad/tdm/reserved")
        terms = f"; terms: {source.terms}" if source is not None and source.terms else ""
        log.info("not mining %s: the publisher reserves text and data mining (TDMRep %s%s) and source %s "
                 "holds no licence%s", request.url, found.origin, policy, source.name if source else "?", terms)
        raise IgnoreRequest(f"TDM reserved by the publisher ({found.origin}): {request.url}")

    def _source(self, request):
        spider = self.crawler.spider
        name = (request.cb_kwargs or {}).get("source")
        try:
            return spider.source(name) if name and hasattr(spider, "source") else None
        except StopIteration:
            return None

    async def _site_rules(self, scheme: str, netloc: str) -> list[tdmrep.Rule]:
        """Returns the host's tdmrep.json rules (fetched on first use; none when it has no usable file)."""
        known = self._rules.get(netloc)
        if isinstance(known, list):
            return known
        if known is not None:
            return await asyncio.shield(known)
        waiting = asyncio.get_running_loop().create_future()
        self._rules[netloc] = waiting
        rules: list[tdmrep.Rule] = []
        request = Request(f"{scheme}://{netloc}{tdmrep.WELL_KNOWN_PATH}", priority=self.DOWNLOAD_PRIORITY,
                          meta={"dont_obey_robotstxt": True, "marsad_kind": "tdmrep"}, callback=NO_CALLBACK)
        try:
            response = await self.crawler.engine.download_async(request)
            if response.status == 200:
                rules = tdmrep.parse_rules(response.body)
                self.stats.inc_value("marsad/tdm/files")
        except Exception as e:  # noqa: BLE001 - no file is a site that declares nothing this way
            log.info("no TDMRep file read from %s: %s", netloc, e)
        self._rules[netloc] = rules
        waiting.set_result(rules)
        return rules
