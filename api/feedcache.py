"""A short cache of built feeds, shared by every client of one API process.

Feed readers poll: many clients ask for the same entity or story feed every
minute or so, and each request otherwise costs one or two Elasticsearch
searches and the building of the feed. The ETag (``conditional.py``) spares
the body only for a client that already has it; this cache spares the
searches for everyone. A feed built for one URL (path and query string, which
fix the format, the ``since`` and the size) is kept for ``ttl`` seconds and
served to any client asking for the same URL on the same host, with its ETag
(so If-None-Match still gets a 304) and an ``Age`` header saying how old it
is (RFC 9111 §5.1): the feeds are public with ``max-age=60``, so a few
seconds of age is within what they promise.

The cache lives in the process's memory: gunicorn's workers each keep their
own (with the default two workers, a feed is built at most twice a ``ttl``).
Only 200 answers are kept, none larger than ``MAX_BODY`` bytes, at most
``max_entries`` of them (the least recently used goes first). A ``ttl`` of 0
turns it off.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from flask import Response, current_app, request
from marsad.api.conditional import FEED_CACHE

# Larger bodies are rebuilt each time rather than held (a feed of 100 items is ~60 KB).
MAX_BODY = 1 << 20


@dataclass(frozen=True)
class Entry:
    """One built feed: its body and the headers that describe it, and when it was built."""

    body: bytes
    mimetype: str
    etag: str
    built: float


class FeedCache:
    """Built feeds by URL for ``ttl`` seconds, least recently used out first; safe across threads."""

    def __init__(self, ttl: float, max_entries: int = 512, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self._clock = clock
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[Entry, float] | None:
        """Returns the entry of key and its age in seconds, or None when absent or expired."""
        now = self._clock()
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or now - entry.built >= self.ttl:
                if entry is not None:
                    del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return entry, now - entry.built

    def put(self, key: str, response: Response) -> None:
        """Keeps a 200 response with an ETag and a body of at most MAX_BODY bytes; ignores any other."""
        if response.status_code != 200 or response.direct_passthrough:
            return
        tag, weak = response.get_etag()
        body = response.get_data()
        if not tag or not weak or len(body) > MAX_BODY:
            return
        entry = Entry(body, response.mimetype or "application/octet-stream", tag, self._clock())
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)


def init_app(app) -> None:
    """Gives the app its cache (``FEED_CACHE_SECONDS`` of its config; 0: none)."""
    ttl = float(app.config.get("FEED_CACHE_SECONDS", 0))
    app.extensions["marsad_feed_cache"] = FeedCache(ttl) if ttl > 0 else None


def cached_feed(view: Callable) -> Callable:
    """Serves a feed view from the app's cache when the same URL was built less than ``ttl`` seconds ago.

    Put it between the route and ``params.endpoint``: the view's declared
    parameters (``api_endpoint``) are carried over for the OpenAPI document,
    and a request the parameters refuse never reaches the cache.
    """

    @wraps(view)
    def wrapper(**path_args):
        cache: FeedCache | None = current_app.extensions.get("marsad_feed_cache")
        if cache is None:
            return view(**path_args)
        # The body names its own URL (feed_url, the self link), so the host is part of the key.
        key = request.url
        found = cache.get(key)
        if found is None:
            response = current_app.make_response(view(**path_args))
            cache.put(key, response)
            return response
        entry, age = found
        if request.if_none_match.contains_weak(entry.etag):
            response = Response(status=304)
        else:
            response = Response(entry.body, mimetype=entry.mimetype)
        response.set_etag(entry.etag, weak=True)
        response.headers["Cache-Control"] = FEED_CACHE
        response.headers["Age"] = str(int(age))
        return response

    return wrapper
