"""The Elasticsearch client and the names Marsad reads and writes through.

Code never names a versioned index: it reads and writes through the alias of
each index kind (``<prefix>-articles`` …), which ``marsad index init`` points at
the current version.
"""

from __future__ import annotations

from elasticsearch import Elasticsearch

from marsad import config, esnode

KINDS = ("articles", "claims", "entities")


class StoreUnavailable(RuntimeError):
    """Elasticsearch is not configured or cannot be reached."""


def es_url() -> str:
    """Returns the Elasticsearch URL: MARSAD_ES_URL, else the running local node.

    Raises:
        StoreUnavailable: when neither is available.
    """
    url = config.get(config.ES_URL)
    if url:
        return url.rstrip("/")
    local = esnode.local_url()
    if local:
        return local
    raise StoreUnavailable(
        f"no Elasticsearch: set {config.ES_URL.name} or start the local node with `marsad es start`"
    )


def client(url: str | None = None, **kwargs) -> Elasticsearch:
    """Returns a client for url (default: es_url()) with Marsad's timeouts and retries."""
    timeout = config.get_float(config.ES_REQUEST_TIMEOUT, minimum=0.1)
    opts = {"request_timeout": timeout, "retry_on_timeout": True, "max_retries": 2}
    opts.update(kwargs)
    return Elasticsearch(url or es_url(), **opts)


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
