"""Opaque pagination cursors: URL-safe base64 JSON with an HMAC signature.

A cursor carries the sort values to continue after (search_after), the point
in time of a deep pagination, and a digest of the query it belongs to, so a
cursor edited by hand, cut short or reused with other filters is a 400, not a
surprising page.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json

from flask import current_app
from marsad.api.errors import BadParameter


def _key() -> bytes:
    return current_app.config["CURSOR_KEY"]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def binding(endpoint: str, params: dict) -> str:
    """Returns a short digest of the query a cursor continues (the page size and cursor left out)."""
    stable = {k: str(v) for k, v in params.items() if k not in ("cursor", "size") and v is not None}
    raw = json.dumps([endpoint, stable], sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()[:16]


def encode(payload: dict, bound: str) -> str:
    """Returns the cursor for payload, tied to the query digest `bound`."""
    body = json.dumps({**payload, "b": bound}, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    sig = hmac.new(_key(), body, hashlib.sha256).digest()[:12]
    return f"{_b64(body)}.{_b64(sig)}"


def decode(token: str, bound: str) -> dict:
    """Returns the payload of a cursor made by encode() for the same query.

    Raises:
        BadParameter: when the cursor is malformed, forged or belongs to another query.
    """
    try:
        body_part, sig_part = token.split(".")
        body, sig = _unb64(body_part), _unb64(sig_part)
    except (ValueError, binascii.Error):
        raise BadParameter("cursor", "malformed; pass next_cursor from the previous page unchanged") from None
    expected = hmac.new(_key(), body, hashlib.sha256).digest()[:12]
    if not hmac.compare_digest(sig, expected):
        raise BadParameter("cursor", "not a cursor issued by this API (signature mismatch)")
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise BadParameter("cursor", "malformed") from None
    if not isinstance(payload, dict) or payload.get("b") != bound:
        raise BadParameter("cursor", "belongs to a different query; repeat the same parameters to follow it")
    return payload
