"""The Elasticsearch client and the names Marsad reads and writes through.

Code never names a versioned index: it reads and writes through the alias of
each index kind (``<prefix>-articles`` …), which ``marsad index init`` points at
the current version.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import orjson
from elastic_transport import ConnectionTimeout, HttpHeaders, RoundRobinSelector, TransportError
from elasticsearch import Elasticsearch
from elasticsearch.serializer import NdjsonSerializer, OrjsonSerializer

from marsad import config, localnode

log = logging.getLogger(__name__)

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
    local = localnode.local_url()
    if local:
        cluster = [s.url for s in localnode.cluster_states()]
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
    With several nodes the client also watches for a hung node (see
    :class:`NodeWatch`).
    """
    hosts = split_urls(url) if isinstance(url, str) else list(url or es_urls())
    timeout = config.get_float(config.ES_REQUEST_TIMEOUT, minimum=0.1)
    opts = {"request_timeout": timeout, "retry_on_timeout": True, "max_retries": max(2, len(hosts) - 1),
            "serializers": SERIALIZERS}
    opts.update(kwargs)
    if len(hosts) < 2:
        return Elasticsearch(hosts, **opts)
    es = WatchedElasticsearch(hosts, node_selector_class=AvoidHungSelector, **opts)
    es.transport.marsad_watch = NodeWatch(es.transport, opts["request_timeout"])
    return es


# Reads that can be steered away from a shard copy on a hung node with `preference`.
# (_msearch takes a preference per search, in the header lines of its body: see _steer.)
_READS = {"search", "count", "get", "get_source", "exists", "exists_source", "mget", "explain", "termvectors",
          "search_template", "open_point_in_time"}
# Share of the request timeout the first attempt may use when several nodes are known: the rest is
# for a second attempt that avoids a hung node.
FIRST_TRY_SHARE = 0.5


class AvoidHungSelector(RoundRobinSelector):
    """Round-robin over the live nodes, passing over nodes the client's NodeWatch found hung while others remain."""

    hung: frozenset[str] = frozenset()

    def select(self, nodes):
        """Returns the next node, not a hung one unless all are."""
        usable = [n for n in nodes if n.base_url not in self.hung]
        return super().select(usable or nodes)


class NodeWatch:
    """Finds hung nodes of a cluster (port open, nothing answering) and keeps requests away from them.

    A SIGSTOPped or swapped-out node accepts connections but never answers,
    and Elasticsearch itself keeps sending shard requests to it until the
    cluster drops it (30 s and more). When a request times out, every node
    is asked for its own id with a short timeout (``probe``); those that do
    not answer are hung. Until they answer again (looked at once a second
    from a thread of its own), the client's node selector passes over them
    and reads carry ``preference=_prefer_nodes:<the others>``, so the
    shard copies on a hung node are not searched either.
    """

    PROBE_TIMEOUT = 1.0
    RECHECK_EVERY = 1.0

    def __init__(self, transport, request_timeout: float):
        self.transport = transport
        self.request_timeout = request_timeout
        self.nodes = {n.base_url: n for n in transport.node_pool.all()}
        self.ids: dict[str, str] = {}
        self.hung: dict[str, float] = {}  # url -> when it was found hung
        self._lock = threading.Lock()
        self._rechecking = False

    def preference(self) -> str | None:
        """Returns a search preference that avoids the hung nodes, or None when none is hung (or ids are unknown)."""
        with self._lock:
            if not self.hung:
                return None
            ids = [self.ids[u] for u in self.nodes if u not in self.hung and u in self.ids]
        return f"_prefer_nodes:{','.join(ids)}" if ids else None

    def probe(self) -> set[str]:
        """Asks every node for its id at once; returns the URLs of the nodes that did not answer in time."""
        with ThreadPoolExecutor(max_workers=len(self.nodes)) as pool:
            answers = dict(zip(self.nodes, pool.map(self._ask, self.nodes.values()), strict=True))
        now = time.monotonic()
        with self._lock:
            for url, answered in answers.items():
                if answered:
                    if self.hung.pop(url, None) is not None:
                        log.warning("Elasticsearch node %s answers again", url)
                    self.transport.node_pool.mark_live(self.nodes[url])
                elif url not in self.hung:
                    self.hung[url] = now
                    log.warning("Elasticsearch node %s does not answer (hung?); requests avoid it until it does", url)
            hung = set(self.hung)
            self.transport.node_pool.node_selector.hung = frozenset(hung)
            if hung and not self._rechecking:
                self._rechecking = True
                threading.Thread(target=self._recheck, name="marsad node watch", daemon=True).start()
        return hung

    def _ask(self, node) -> bool:
        """Returns whether node answered at all within PROBE_TIMEOUT (any HTTP status is an answer)."""
        try:
            meta, raw = node.perform_request("GET", "/_nodes/_local?filter_path=nodes.*.name",
                                             headers=HttpHeaders({"accept": "application/json"}),
                                             request_timeout=self.PROBE_TIMEOUT)
        except TransportError:
            return False
        if meta.status == 200:
            try:
                nodes = orjson.loads(raw).get("nodes") or {}
                if len(nodes) == 1:
                    self.ids[node.base_url] = next(iter(nodes))
            except (orjson.JSONDecodeError, AttributeError):
                pass
        return True

    def _recheck(self) -> None:
        while True:
            time.sleep(self.RECHECK_EVERY)
            if not self.probe():
                with self._lock:
                    if not self.hung:
                        self._rechecking = False
                        return


class WatchedElasticsearch(Elasticsearch):
    """The client for several nodes: reads avoid hung nodes, and a timed-out request is tried again elsewhere.

    The first attempt may take FIRST_TRY_SHARE of the request timeout. When
    it times out, the nodes are probed (NodeWatch); if one is hung, the
    request is sent again, away from it, within what is left of the
    timeout. If none is, the timeout stands: the store is slow, not hung.
    """

    _direct = False

    def perform_request(self, method, path, *, params=None, headers=None, body=None, endpoint_id=None,
                        path_parts=None):
        """Returns the response; see the class docstring for the second attempt."""
        watch: NodeWatch | None = getattr(self.transport, "marsad_watch", None)
        if self._direct or watch is None:
            return super().perform_request(method, path, params=params, headers=headers, body=body,
                                           endpoint_id=endpoint_id, path_parts=path_parts)
        total = self._request_timeout if isinstance(self._request_timeout, int | float) else watch.request_timeout
        started = time.monotonic()
        for attempt in (0, 1):
            remaining = total - (time.monotonic() - started)
            budget = total * FIRST_TRY_SHARE if attempt == 0 else remaining
            asked, sent = _steer(endpoint_id, params, body, watch.preference())
            inner = self.options(request_timeout=max(0.1, budget), retry_on_timeout=False)
            inner._direct = True
            try:
                return inner.perform_request(method, path, params=asked, headers=headers, body=sent,
                                             endpoint_id=endpoint_id, path_parts=path_parts)
            except ConnectionTimeout:
                if attempt == 1 or total - (time.monotonic() - started) < 0.2 or not watch.probe():
                    raise
        raise AssertionError("unreachable")


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


def _steer(endpoint_id: str | None, params, body, preference: str | None):
    """Returns (params, body) with the preference added to a read that takes one and has none of its own."""
    if not preference:
        return params, body
    if endpoint_id in _READS and not (isinstance(body, dict) and "pit" in body):
        if params and "preference" in params:
            return params, body
        return {**(params or {}), "preference": preference}, body
    if endpoint_id == "msearch" and isinstance(body, list):
        # Header and body lines alternate; a point-in-time search takes no preference.
        steered = list(body)
        for n in range(0, len(steered) - 1, 2):
            header, search = steered[n], steered[n + 1]
            if isinstance(header, dict) and "preference" not in header and not (
                    isinstance(search, dict) and "pit" in search):
                steered[n] = {**header, "preference": preference}
        return params, steered
    return params, body
