"""Every setting Marsad reads from the environment, with its default, in one place.

Components ask this module for values; nothing else reads ``os.environ`` for
Marsad settings. A bad value fails fast with a message naming the variable.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path


class ConfigError(ValueError):
    """A setting has a value Marsad cannot use."""


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    doc: str


SETTINGS: dict[str, Setting] = {}


def _define(name: str, default: str, doc: str) -> Setting:
    setting = Setting(name, default, doc)
    SETTINGS[name] = setting
    return setting


def _default_cache_dir() -> str:
    # Root's home is not traversable by the unprivileged Elasticsearch user, so
    # when running as root the cache lives in a system-wide location instead.
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return "/var/cache/marsad"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return str(Path(base) / "marsad")


ES_URL = _define(
    "MARSAD_ES_URL",
    "",
    "Elasticsearch to use: one URL, or several nodes of one cluster separated by commas; empty means the local "
    "node (or cluster) managed by `marsad es`.",
)
CACHE_DIR = _define(
    "MARSAD_CACHE_DIR",
    "",
    "Download cache and Elasticsearch install; empty means /var/cache/marsad as root, "
    "else $XDG_CACHE_HOME/marsad.",
)
ES_HOME = _define(
    "MARSAD_ES_HOME", "", "Local node's config, data and logs; empty means <cache>/node."
)
ES_VERSION = _define("MARSAD_ES_VERSION", "9.5.4", "Elasticsearch version of the local node.")
ES_HEAP = _define("MARSAD_ES_HEAP", "1g", "JVM heap of the local node (-Xms and -Xmx).")
ES_JAVA_OPTS = _define(
    "MARSAD_ES_JAVA_OPTS", "",
    "More JVM options for the nodes `marsad es` starts, after the heap (the test suite gives its cluster "
    "nodes -XX:TieredStopAtLevel=1: half the CPU to start a node, slower steady state).",
)
ES_SETTINGS = _define(
    "MARSAD_ES_SETTINGS", "",
    "More elasticsearch.yml settings for the nodes `marsad es` starts, as key=value pairs separated by spaces "
    "(the test suite gives its cluster nodes faster fault detection: a hung node is dropped in seconds).",
)
ES_PORT = _define(
    "MARSAD_ES_PORT", "9200", "First HTTP port tried by the local node; the next free one up to +99 is used."
)
ES_USER = _define(
    "MARSAD_ES_USER", "marsad-es", "Unprivileged system user that runs the local node when Marsad runs as root."
)
JAVA_HOME = _define(
    "MARSAD_JAVA_HOME", "", "JDK for the local node; empty means the newest Java 21+ found on the machine."
)
MAVEN_REPO = _define(
    "MARSAD_MAVEN_REPO", "https://repo1.maven.org/maven2", "Maven repository Elasticsearch is fetched from."
)
ES_START_TIMEOUT = _define(
    "MARSAD_ES_START_TIMEOUT", "180", "Seconds `marsad es start` waits for the node to become ready."
)
INDEX_PREFIX = _define(
    "MARSAD_INDEX_PREFIX", "marsad", "Prefix of every index, alias and template name."
)
ES_REPLICAS = _define(
    "MARSAD_ES_REPLICAS",
    "auto",
    "Replicas per shard for new indices: a number, or `auto` (0 on one node, 1 on more).",
)
INDEX_CONFIG = _define(
    "MARSAD_INDEX_CONFIG", "", "Directory of the index JSON files; empty means index_config/ of the repository."
)
ES_SHARDS = _define("MARSAD_ES_SHARDS", "1", "Primary shards per new index.")
ES_REQUEST_TIMEOUT = _define(
    "MARSAD_ES_REQUEST_TIMEOUT", "30", "Seconds before a request to Elasticsearch times out."
)
SHARED_DATA = _define(
    "MARSAD_SHARED_DATA",
    "",
    "Directory of the licensed corpora used for training and evaluation (NewsFANE, AQMAR, name pairs, NTREX); "
    "empty means ../shared/data beside the repository. Never needed to analyse text.",
)

DICT_DIR = _define(
    "MARSAD_DICT_DIR",
    "/usr/share/dictd",
    "Directory of FreeDict's English-Arabic dictionaries in dictd format (Debian's dict-freedict-eng-ara and "
    "dict-freedict-ara-eng): the words claim groups match across languages.",
)


@contextlib.contextmanager
def override(setting: Setting, value: str) -> Iterator[None]:
    """Sets a setting for this process (and the subprocesses it starts) while the block runs."""
    saved = os.environ.get(setting.name)
    os.environ[setting.name] = value
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(setting.name, None)
        else:
            os.environ[setting.name] = saved


def get(setting: Setting) -> str:
    """Returns the raw string value of a setting, or its default."""
    value = os.environ.get(setting.name)
    return setting.default if value is None or value == "" else value


def get_int(setting: Setting, minimum: int | None = None) -> int:
    """Returns a setting as an int; raises ConfigError naming the variable if it is not one."""
    return _parse(setting, int, minimum)


def get_float(setting: Setting, minimum: float | None = None) -> float:
    """Returns a setting as a float; raises ConfigError naming the variable if it is not one."""
    return _parse(setting, float, minimum)


def _parse(setting: Setting, kind: Callable[[str], float], minimum: float | None):
    raw = get(setting)
    try:
        value = kind(raw)
    except ValueError:
        raise ConfigError(f"{setting.name}={raw!r} is not a valid {kind.__name__}") from None
    if minimum is not None and value < minimum:
        raise ConfigError(f"{setting.name}={raw!r} must be at least {minimum}")
    return value


def cache_dir() -> Path:
    """Returns the directory holding downloads and the Elasticsearch install."""
    return Path(get(CACHE_DIR) or _default_cache_dir())


def shared_data_dir() -> Path:
    """Returns the directory of the licensed corpora (training and evaluation only)."""
    raw = get(SHARED_DATA)
    return Path(raw) if raw else Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def es_home() -> Path:
    """Returns the local node's working directory (config, data, logs)."""
    raw = get(ES_HOME)
    return Path(raw) if raw else cache_dir() / "node"


def markdown_table() -> str:
    """Returns the settings as a Markdown table, for README and `marsad config`."""
    rows = ["| variable | default | meaning |", "| --- | --- | --- |"]
    for s in SETTINGS.values():
        rows.append(f"| `{s.name}` | `{s.default}` | {s.doc} |")
    return "\n".join(rows)

# Crawler settings (crawler/, marsad/indexer.py).
USER_AGENT = _define(
    "MARSAD_USER_AGENT", "MarsadBot/0.1", "Product token of the crawler's User-Agent; the contact URL is appended."
)
CONTACT_URL = _define(
    "MARSAD_CONTACT_URL",
    "https://example.org/marsad-bot",
    "Page or mailto: that tells site owners who runs the crawler; sent in the User-Agent. Set it before real crawls.",
)
STATE_DIR = _define(
    "MARSAD_STATE_DIR",
    "",
    "Crawl state: seen-URL store, job directory and spool; "
    "empty means <cache>/crawl.",
)
SPOOL_DIR = _define(
    "MARSAD_SPOOL_DIR", "", "Where documents wait while Elasticsearch is unreachable; empty means <state>/spool."
)
CRAWL_SOURCES = _define(
    "MARSAD_CRAWL_SOURCES", "", "Sources file of `marsad crawl`; empty means crawler/sources.yml."
)
CRAWL_CONCURRENCY = _define("MARSAD_CRAWL_CONCURRENCY", "16", "Requests in flight in total.")
CRAWL_DOMAIN_CONCURRENCY = _define(
    "MARSAD_CRAWL_DOMAIN_CONCURRENCY", "2", "Requests in flight per domain (politeness)."
)
CRAWL_DELAY = _define(
    "MARSAD_CRAWL_DELAY", "1", "Seconds between requests to one domain; AutoThrottle starts here and adapts."
)
CRAWL_AUTOTHROTTLE = _define(
    "MARSAD_CRAWL_AUTOTHROTTLE", "1", "1 adapts the delay to the server's latency (AutoThrottle); 0 turns it off."
)
CRAWL_TIMEOUT = _define("MARSAD_CRAWL_TIMEOUT", "30", "Seconds before a page download times out.")
CRAWL_MAXSIZE = _define(
    "MARSAD_CRAWL_MAXSIZE", "5242880", "Largest response body in bytes; bigger pages are abandoned."
)
CRAWL_RETRIES = _define(
    "MARSAD_CRAWL_RETRIES", "3", "Retries of a page after 429, 5xx, timeouts and dropped connections."
)
CRAWL_BACKOFF = _define(
    "MARSAD_CRAWL_BACKOFF",
    "2",
    "Base of the retry back-off in seconds (doubles each retry) when the server sends no Retry-After; 0 retries "
    "at once and ignores Retry-After.",
)
CRAWL_MAX_RETRY_AFTER = _define(
    "MARSAD_CRAWL_MAX_RETRY_AFTER", "120", "Longest Retry-After in seconds the crawler waits; longer ones give up."
)
CRAWL_MAX_ARTICLES = _define(
    "MARSAD_CRAWL_MAX_ARTICLES", "0", "Stop after this many articles per spider (0: no limit beyond each source's)."
)
CRAWL_PROGRESS_INTERVAL = _define(
    "MARSAD_CRAWL_PROGRESS_INTERVAL", "10", "Seconds between progress log lines when the output is not a terminal."
)
INDEX_BATCH = _define("MARSAD_INDEX_BATCH", "200", "Articles per bulk request to Elasticsearch (at most).")
INDEX_QUEUE = _define(
    "MARSAD_INDEX_QUEUE", "400",
    "Analysed articles that may wait for the crawl's index writer thread before downloads pause (back-pressure); "
    "0 writes in the crawl's own thread.",
)
INDEX_MAX_DELAY = _define(
    "MARSAD_INDEX_MAX_DELAY", "10",
    "Seconds an analysed article may wait for its batch to fill before the batch is written anyway.",
)

# API settings (api/, `marsad serve`).
API_KEYS = _define(
    "MARSAD_API_KEYS", "", "Comma-separated API keys clients send in the X-API-Key header; empty means none."
)
API_KEYS_REQUIRED = _define(
    "MARSAD_API_KEYS_REQUIRED", "0", "1 refuses API requests without a valid key (401); 0 keeps the API open."
)
RATE_LIMIT = _define(
    "MARSAD_RATE_LIMIT", "600", "API requests per minute per key (per client IP without a key); 0 means no limit."
)
CORS_ORIGINS = _define(
    "MARSAD_CORS_ORIGINS", "", "Comma-separated origins allowed to call the API from browsers, or *; empty: none."
)
API_MAX_SIZE = _define("MARSAD_API_MAX_SIZE", "100", "Largest page size (`size`) an API request may ask for.")
API_TIMEOUT = _define(
    "MARSAD_API_TIMEOUT", "10", "Seconds an API request may spend in Elasticsearch before it fails with 503."
)
API_SECRET = _define(
    "MARSAD_API_SECRET", "", "Key that signs pagination cursors; empty derives one from the index prefix."
)
API_WORKERS = _define("MARSAD_API_WORKERS", "2", "Gunicorn worker processes of `marsad serve`.")
API_THREADS = _define("MARSAD_API_THREADS", "4", "Threads per gunicorn worker of `marsad serve`.")
FEED_CACHE_SECONDS = _define(
    "MARSAD_FEED_CACHE_SECONDS",
    "5",
    "Seconds an API process keeps a built entity or story feed to serve the same URL to any client; 0 turns it off.",
)
API_NEW_LAG = _define(
    "MARSAD_API_NEW_LAG",
    "15",
    "Seconds the new-articles feed stays behind the newest `indexed` stamp, so articles still being written "
    "are never skipped.",
)
CRAWL_FRONTIER = _define(
    "MARSAD_CRAWL_FRONTIER", "", "redis:// URL of a frontier shared by several crawl workers; empty: none."
)
CRAWL_LEASE = _define(
    "MARSAD_CRAWL_LEASE",
    "30",
    "Seconds a frontier worker may go without a heartbeat before the others requeue the requests it had taken.",
)
CRAWL_HEARTBEAT = _define(
    "MARSAD_CRAWL_HEARTBEAT", "5", "Seconds between a frontier worker's heartbeats; must be less than the lease."
)
CRAWL_FRONTIER_WAIT = _define(
    "MARSAD_CRAWL_FRONTIER_WAIT",
    "300",
    "Seconds a frontier worker waits for an unreachable Redis to come back (taking nothing new meanwhile) before "
    "it stops with exit status 69.",
)
