"""How the shared frontier stores a request in Redis: JSON text, never pickle.

scrapy-redis pickles queued requests unless told otherwise, so whoever can
write to the Redis server could run code in every worker that takes a
request. crawler.frontier sets ``SCHEDULER_SERIALIZER`` to this module
instead. scrapy-redis hands :func:`dumps` the dict of ``Request.to_dict``
and gives what :func:`loads` returns to ``request_from_dict``.

A record holds the request's fields as JSON: the body base64, header names
and values as latin-1 text (which maps every byte to one character), the
callback and errback as names of spider methods, meta and cb_kwargs as
plain JSON values. Only ``scrapy.Request`` itself is stored: ``request_from_dict``
would import and call whatever class a record named. :func:`loads` accepts
nothing but such a record and raises :class:`RequestFormatError` for
anything else, a pickle included, without running it.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from typing import Any

FORMAT = "marsad-request/1"

# Public spider methods only: a record must not name __init__, _parse and the like.
_METHOD = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")


class RequestFormatError(ValueError):
    """A payload on the shared queue is not a request record of this module."""


def dumps(d: dict[str, Any]) -> bytes:
    """Returns the JSON record of a request dict from ``Request.to_dict``.

    Raises:
        TypeError: for a Request subclass, or meta / cb_kwargs values JSON cannot hold.
    """
    if "_class" in d:
        raise TypeError(f"only scrapy.Request goes on the shared frontier, not {d['_class']}: {d.get('url')}")
    record = {
        "format": FORMAT,
        "url": d["url"],
        "method": d.get("method", "GET"),
        "headers": {_text(k): [_text(v) for v in values] for k, values in (d.get("headers") or {}).items()},
        "body": base64.b64encode(d.get("body") or b"").decode("ascii"),
        "cookies": d.get("cookies") or {},
        "meta": d.get("meta") or {},
        "cb_kwargs": d.get("cb_kwargs") or {},
        "encoding": d.get("encoding", "utf-8"),
        "priority": d.get("priority", 0),
        "dont_filter": bool(d.get("dont_filter")),
        "flags": list(d.get("flags") or []),
        "callback": d.get("callback"),
        "errback": d.get("errback"),
    }
    try:
        return json.dumps(record, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")
    except (TypeError, ValueError) as e:
        raise TypeError(f"{d['url']} cannot go on the shared frontier: {_culprit(record)} is not a JSON value "
                        f"({e})") from e


def loads(data: bytes | str) -> dict[str, Any]:
    """Returns the request dict of a record written by :func:`dumps`.

    Raises:
        RequestFormatError: when data is not such a record (it is never unpickled or evaluated).
    """
    try:
        record = json.loads(data)
    except ValueError as e:  # UnicodeDecodeError included: a pickle is not UTF-8
        raise RequestFormatError(f"not JSON ({type(e).__name__})") from None
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise RequestFormatError(f"not a {FORMAT} record")
    try:
        d = {
            "url": _typed(record, "url", str),
            "method": _typed(record, "method", str),
            "headers": {_bytes(k): [_bytes(v) for v in _typed({"v": vs}, "v", list)]
                        for k, vs in _typed(record, "headers", dict).items()},
            "body": base64.b64decode(_typed(record, "body", str), validate=True),
            "cookies": _typed(record, "cookies", (dict, list)),
            "meta": _typed(record, "meta", dict),
            "cb_kwargs": _typed(record, "cb_kwargs", dict),
            "encoding": _typed(record, "encoding", str),
            "priority": _typed(record, "priority", int),
            "dont_filter": _typed(record, "dont_filter", bool),
            "flags": _typed(record, "flags", list),
        }
    except (binascii.Error, UnicodeEncodeError) as e:
        raise RequestFormatError(f"bad bytes in the record ({e})") from None
    for name in ("callback", "errback"):
        value = record.get(name)
        if value is not None and not (isinstance(value, str) and _METHOD.match(value)):
            raise RequestFormatError(f"{name} {value!r} is not the name of a public spider method")
        d[name] = value
    return d


def _text(value: bytes | str) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else value


def _bytes(value: Any) -> bytes:
    if not isinstance(value, str):
        raise RequestFormatError(f"header {value!r} is not text")
    return value.encode("latin-1")


def _typed(record: dict, key: str, kind: type | tuple[type, ...]) -> Any:
    value = record.get(key)
    # bool is an int in Python; a priority of true is still malformed.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise RequestFormatError(f"{key} is missing or not of the right type")
    return value


def _culprit(record: dict) -> str:
    """Returns which meta or cb_kwargs entry JSON cannot hold, for the error message."""
    for field in ("meta", "cb_kwargs", "cookies"):
        value = record[field]
        for key, item in value.items() if isinstance(value, dict) else enumerate(value):
            try:
                json.dumps(item, allow_nan=False)
            except (TypeError, ValueError):
                return f"{field}[{key!r}] ({type(item).__name__})"
    return "a field"
