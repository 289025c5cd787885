"""Conditional GET for searches and feeds: an ETag made from what Elasticsearch answered.

A page of search results or a feed is a function of the request's URL and of
the stored documents it shows. Each hit carries its document's sequence
number and primary term (``seq_no_primary_term``), which change on every
write, so a digest of the URL, the total and the hits' versions identifies
the body before it is built: a client that sends that ETag back in
If-None-Match gets a 304 without the API making snippets, highlights or
JSON. The tag is weak (``W/``): it vouches for the content, not for the
bytes (a new release may encode the same content differently).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any

import orjson
from flask import Response, jsonify, request

# Part of every tag: raise it when the same documents render to a different content.
FORMAT = 1
# Searches may need an API key: caches keep them for the client only, and ask again each time.
SEARCH_CACHE = "private, no-cache"
# Feeds are public and polled by readers; a minute of staleness is what feed readers expect.
FEED_CACHE = "public, max-age=60"


def hit_versions(hits: Iterable[dict]) -> list[tuple]:
    """Returns what identifies each hit's stored document: index, id, sequence number and primary term."""
    return [(h.get("_index"), h.get("_id"), h.get("_seq_no"), h.get("_primary_term")) for h in hits]


def etag(*parts: Any) -> str:
    """Returns the ETag value (unquoted) of this request's URL and the given parts of Elasticsearch's answer."""
    raw = orjson.dumps([FORMAT, request.url, *parts], option=orjson.OPT_NON_STR_KEYS)
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def not_modified(tag: str, cache_control: str) -> Response | None:
    """Returns a 304 when the request's If-None-Match holds tag, else None (the caller builds the body)."""
    if not request.if_none_match.contains_weak(tag):
        return None
    response = Response(status=304)
    response.set_etag(tag, weak=True)
    response.headers["Cache-Control"] = cache_control
    return response


def tagged(response: Response, tag: str, cache_control: str) -> Response:
    """Returns response with the ETag and Cache-Control headers set."""
    response.set_etag(tag, weak=True)
    response.headers["Cache-Control"] = cache_control
    return response


def page_response(page: Any, item: Callable[[dict], dict]) -> Response:
    """A page of search hits as the list endpoints answer it (items, total, next_cursor), tagged.

    304 when the client already has this page: the items are only built when needed.
    """
    tag = etag(page.total, page.next_cursor, hit_versions(page.hits))
    unchanged = not_modified(tag, SEARCH_CACHE)
    if unchanged is not None:
        return unchanged
    body = {"items": [item(h["_source"]) for h in page.hits], "total": page.total, "next_cursor": page.next_cursor}
    return tagged(jsonify(body), tag, SEARCH_CACHE)
