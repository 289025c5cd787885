"""The Elasticsearch client and the names Marsad reads and writes through.

Code never names a versioned index: it reads and writes through the alias of
each index kind (``<prefix>-articles`` …), which ``marsad index init`` points at
the current version.
"""

from __future__ import annotations

import json

import orjson
from elasticsearch import Elasticsearch
from elasticsearch.serializer import NdjsonSerializer, OrjsonSerializer

from marsad import config, esnode

KINDS = ("articles", "claims", "entities", "stories")


def _dumps(data, default) -> bytes:
    """orjson, or the json module for what orjson refuses (integers beyond 64 bits: a figure like 10**23)."""
    try:
        return orjson.dumps(data, default=default)
    except orjson.JSONEncodeError:
        return json.dumps(data, default=default, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class _OrjsonJson(OrjsonSerializer):
    def json_dumps(self, data) -> bytes:
        return _dumps(data, self.default)


class _OrjsonNdjson(NdjsonSerializer):
    """Bulk bodies (one JSON document per line) written and read with orjson."""

    def json_dumps(self, data) -> bytes:
        return _dumps(data, self.default)

    def json_loads(self, data: bytes):
        return orjson.loads(data)


class _CompatJson(_OrjsonJson):
    mimetype = "application/vnd.elasticsearch+json"


class _CompatNdjson(_OrjsonNdjson):
    mimetype = "application/vnd.elasticsearch+x-ndjson"


# The client decodes every search response and encodes every bulk body: orjson
# does both several times faster than the json module (article search pages
# of ~200 KB: 2.1 → 0.8 ms to decode), for the plain and the compatibility-mode
# media types the client sends and Elasticsearch answers with.
SERIALIZERS = {s.mimetype: s for s in (_OrjsonJson(), _CompatJson(), _OrjsonNdjson(), _CompatNdjson())}


class StoreUnavailable(RuntimeError):
    """Elasticsearch is not configured or cannot be reached."""


def es_urls() -> list[str]:
    """Returns the Elasticsearch node URLs: MARSAD_ES_URL (comma-separated), else the local node or cluster.

    Several URLs name nodes of one cluster; the client spreads requests over
    them and skips a dead one.

    Raises:
        StoreUnavailable: when neither is available.
        ConfigError: when an entry of MARSAD_ES_URL is not an http(s) URL.
    """
    raw = config.get(config.ES_URL)
    if raw:
        return split_urls(raw)
    local = esnode.local_url()
    if local:
        cluster = [s.url for s in esnode.cluster_states()]
        return cluster if local in cluster else [local]
    raise StoreUnavailable(
        f"no Elasticsearch: set {config.ES_URL.name} or start the local node with `marsad es start`"
    )


def es_url() -> str:
    """Returns the Elasticsearch URL(s) as one string, comma-separated when there are several nodes."""
    return ",".join(es_urls())


def split_urls(value: str) -> list[str]:
    """Returns the URLs of a comma-separated list, without trailing slashes.

    Raises:
        ConfigError: naming MARSAD_ES_URL, when an entry is not an http(s) URL.
    """
    urls = [u.strip().rstrip("/") for u in value.split(",") if u.strip()]
    bad = [u for u in urls if not u.startswith(("http://", "https://"))]
    if not urls or bad:
        raise config.ConfigError(
            f"{config.ES_URL.name}={value!r}: expected one or more http(s):// URLs separated by commas"
        )
    return urls


def client(url: str | list[str] | None = None, **kwargs) -> Elasticsearch:
    """Returns a client for url (default: es_urls()) with Marsad's timeouts and retries.

    url may name several nodes (a list, or a comma-separated string). A
    request that fails on one node is retried on another, so by default
    there are as many retries as other nodes (at least 2); a node that
    refused a connection is skipped for a while (1 s, doubling up to 30 s).
    """
    hosts = split_urls(url) if isinstance(url, str) else list(url or es_urls())
    timeout = config.get_float(config.ES_REQUEST_TIMEOUT, minimum=0.1)
    opts = {"request_timeout": timeout, "retry_on_timeout": True, "max_retries": max(2, len(hosts) - 1),
            "serializers": SERIALIZERS}
    opts.update(kwargs)
    return Elasticsearch(hosts, **opts)


def prefix() -> str:
    """Returns the configured index prefix, validated for Elasticsearch index names."""
    value = config.get(config.INDEX_PREFIX)
    if not value or value != value.lower() or any(c in value for c in ' "*\\<|,>/?#:') or value[0] in "-_+.":
        raise config.ConfigError(
            f"{config.INDEX_PREFIX.name}={value!r} is not a valid index prefix "
            "(lowercase, no spaces or any of \"*\\<|,>/?#:, not starting with -_+.)"
        )
    return value


def alias(kind: str) -> str:
    """Returns the alias that reads and writes `kind` (articles, claims, entities)."""
    if kind not in KINDS:
        raise ValueError(f"unknown index kind {kind!r}; expected one of {KINDS}")
    return f"{prefix()}-{kind}"


def versioned_index(kind: str, version: int) -> str:
    """Returns the concrete index name for version `version` of `kind`."""
    return f"{alias(kind)}-v{version}"
