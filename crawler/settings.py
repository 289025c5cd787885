"""Scrapy settings of the Marsad crawler.

Values that users tune come from Marsad's environment settings (marsad.config);
``crawler.cli`` copies them in with :func:`from_marsad_config`. What is fixed
here is policy: robots.txt obeyed, per-domain limits, retries with back-off,
only configured domains, clean → analyse → index.
"""

from __future__ import annotations

from scrapy.settings import default_settings as _scrapy_defaults

BOT_NAME = "marsad"
SPIDER_MODULES = ["marsad.crawler.spiders"]
NEWSPIDER_MODULE = "marsad.crawler.spiders"

ROBOTSTXT_OBEY = True
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
# Scrapy's caching resolver, refusing host names that resolve to loopback, link-local or private addresses.
# TWISTED_DNS_RESOLVER replaced DNS_RESOLVER (deprecated, with a warning on every crawl) in recent Scrapy.
if hasattr(_scrapy_defaults, "TWISTED_DNS_RESOLVER"):
    TWISTED_DNS_RESOLVER = "marsad.crawler.resolver.PublicAddressResolver"
else:
    DNS_RESOLVER = "marsad.crawler.resolver.PublicAddressResolver"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "WARNING"
# A dropped page is counted by reason in the summary (crawler.extensions.DropReasons); Scrapy would
# also print the whole item at WARNING.
DEFAULT_DROPITEM_LOG_LEVEL = "INFO"

CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 5 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024

RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
# Seconds; doubled per retry when the server sends no Retry-After. 0 disables back-off.
MARSAD_RETRY_BACKOFF = 2.0
MARSAD_MAX_RETRY_AFTER = 120.0
REDIRECT_MAX_TIMES = 5

DUPEFILTER_CLASS = "marsad.crawler.dupefilter.CommittedDupeFilter"

SPIDER_MIDDLEWARES: dict[str, int] = {}

DOWNLOADER_MIDDLEWARES = {
    # Before robots.txt and everything else: no request leaves for a host or scheme not configured.
    "marsad.crawler.middlewares.SiteGuardMiddleware": 50,
    # Scrapy's, fixed: requests waiting for robots.txt all obey it (see the class).
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "marsad.crawler.middlewares.RobotsTxtMiddleware": 100,
    # Publishers' text-and-data-mining reservations (TDMRep), after robots.txt: reserved articles are left alone.
    "marsad.crawler.middlewares.TdmRepMiddleware": 110,
    "marsad.crawler.middlewares.ConditionalGetMiddleware": 560,
    # Replaces Scrapy's retry middleware with one that waits (Retry-After, back-off) before retrying.
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "marsad.crawler.middlewares.BackoffRetryMiddleware": 550,
}

ITEM_PIPELINES = {
    "marsad.crawler.pipelines.CleanPipeline": 100,
    "marsad.crawler.pipelines.AnalysePipeline": 200,
    "marsad.crawler.pipelines.IndexPipeline": 300,
}

EXTENSIONS = {
    "marsad.crawler.extensions.DropReasons": 100,
}

# Marsad's own: where the seen-URL store and spool live (filled in by crawler.cli).
MARSAD_STATE_DIR = ""
MARSAD_SPOOL_DIR = ""
MARSAD_INDEX_BATCH = 200
MARSAD_INDEX_MAX_DELAY = 10.0
# Articles waiting for the index writer thread before downloads pause; 0: write in the reactor thread.
MARSAD_INDEX_QUEUE = 400


def from_marsad_config() -> dict:
    """Returns the Scrapy settings that come from Marsad's environment settings."""
    from marsad import config, spool

    contact = config.get(config.CONTACT_URL)
    delay = config.get_float(config.CRAWL_DELAY, minimum=0)
    return {
        "USER_AGENT": f"{config.get(config.USER_AGENT)} (+{contact})",
        "CONCURRENT_REQUESTS": config.get_int(config.CRAWL_CONCURRENCY, minimum=1),
        "CONCURRENT_REQUESTS_PER_DOMAIN": config.get_int(config.CRAWL_DOMAIN_CONCURRENCY, minimum=1),
        "DOWNLOAD_DELAY": delay,
        "AUTOTHROTTLE_ENABLED": config.get(config.CRAWL_AUTOTHROTTLE) not in ("0", "false", "no", "off"),
        "AUTOTHROTTLE_START_DELAY": delay,
        "DOWNLOAD_TIMEOUT": config.get_float(config.CRAWL_TIMEOUT, minimum=0.1),
        "DOWNLOAD_MAXSIZE": config.get_int(config.CRAWL_MAXSIZE, minimum=1024),
        "DOWNLOAD_WARNSIZE": config.get_int(config.CRAWL_MAXSIZE, minimum=1024) // 2,
        "RETRY_TIMES": config.get_int(config.CRAWL_RETRIES, minimum=0),
        "MARSAD_RETRY_BACKOFF": config.get_float(config.CRAWL_BACKOFF, minimum=0),
        "MARSAD_MAX_RETRY_AFTER": config.get_float(config.CRAWL_MAX_RETRY_AFTER, minimum=0),
        "CLOSESPIDER_ITEMCOUNT": config.get_int(config.CRAWL_MAX_ARTICLES, minimum=0),
        "MARSAD_STATE_DIR": str(spool.state_dir()),
        "MARSAD_SPOOL_DIR": str(spool.spool_dir()),
        "MARSAD_INDEX_BATCH": config.get_int(config.INDEX_BATCH, minimum=1),
        "MARSAD_INDEX_MAX_DELAY": config.get_float(config.INDEX_MAX_DELAY, minimum=0),
        "MARSAD_INDEX_QUEUE": config.get_int(config.INDEX_QUEUE, minimum=0),
    }
