"""Publishers' text-and-data-mining reservations (W3C TDMRep): reading the three ways they are declared.

TDMRep (W3C Community Group report, 2024) lets a rightsholder reserve text
and data mining of a Web resource, the opt-out of Article 4 of the EU DSM
directive, and point to a policy under which a licence may be had:

- ``/.well-known/tdmrep.json`` on the origin: a JSON array of rules
  ``{"location": "/path/*", "tdm-reservation": 1, "tdm-policy": "https://…"}``;
  a location is a path pattern as in robots.txt (``*`` any run of characters,
  a final ``$`` anchors the end); the first rule whose pattern matches the
  path applies;
- the HTTP response fields ``tdm-reservation`` and ``tdm-policy``;
- in HTML, ``<meta name="tdm-reservation" content="1">`` and
  ``<meta name="tdm-policy" content="…">``.

``tdm-reservation`` is 1 (reserved) or 0 (not reserved); any other value is
a protocol error and counts as not declared. The declaration closest to the
page wins: the page's own ``<meta>``, then its HTTP header, then the site's
file. Functions here are pure; ``crawler.middlewares.TdmRepMiddleware``
fetches the file and applies them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

WELL_KNOWN_PATH = "/.well-known/tdmrep.json"
# How much of a page is searched for the <meta> tags: they belong in <head>.
HEAD_BYTES = 65536


@dataclass(frozen=True)
class Declaration:
    """One TDM declaration: reserved or not, the policy URL if given, and where it was read."""

    reserved: bool
    policy: str | None = None
    origin: str = ""  # "meta", "header" or "file"


@dataclass(frozen=True)
class Rule:
    """One entry of tdmrep.json."""

    location: str
    pattern: re.Pattern
    declaration: Declaration


def _reservation(value) -> bool | None:
    """Returns True/False for a tdm-reservation of 1/0 (number or text); None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str | bytes):
        text = value.decode("latin-1") if isinstance(value, bytes) else value
        if text.strip() in ("0", "1"):
            return text.strip() == "1"
    return None


def compile_location(location: str) -> re.Pattern:
    """Returns the regular expression of a robots.txt-style path pattern (prefix match, ``*``, final ``$``)."""
    anchored = location.endswith("$")
    body = location[:-1] if anchored else location
    regex = ".*".join(re.escape(_decode_unreserved(part)) for part in body.split("*"))
    return re.compile(regex + (r"\Z" if anchored else ""))


_PERCENT = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def _decode_unreserved(text: str) -> str:
    """Returns text with percent-escapes of unreserved characters decoded (so /%7Ea and /~a compare equal)."""
    return _PERCENT.sub(lambda m: chr(int(m.group(1), 16)) if chr(int(m.group(1), 16)) in _UNRESERVED
                        else m.group(0).upper(), text)


def parse_rules(body: bytes | str) -> list[Rule]:
    """Returns the usable rules of a tdmrep.json body; entries without a location or a valid reservation are skipped.

    A body that is not a JSON array gives no rules (the site then declares nothing this way).
    """
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return []
    if not isinstance(data, list):
        return []
    rules = []
    for entry in data:
        if not isinstance(entry, dict) or not isinstance(entry.get("location"), str):
            continue
        reserved = _reservation(entry.get("tdm-reservation"))
        if reserved is None:
            continue
        policy = entry.get("tdm-policy") if isinstance(entry.get("tdm-policy"), str) else None
        location = entry["location"] if entry["location"].startswith("/") else "/" + entry["location"]
        rules.append(Rule(location, compile_location(location), Declaration(reserved, policy, "file")))
    return rules


def match(rules: list[Rule], path: str) -> Declaration | None:
    """Returns the declaration of the first rule matching path (with its query), or None."""
    path = _decode_unreserved(path)
    for rule in rules:
        if rule.pattern.match(path):
            return rule.declaration
    return None


def from_headers(reservation: bytes | str | None, policy: bytes | str | None) -> Declaration | None:
    """Returns the declaration of the tdm-reservation / tdm-policy response fields, or None without a valid one."""
    reserved = _reservation(reservation)
    if reserved is None:
        return None
    if isinstance(policy, bytes):
        policy = policy.decode("latin-1")
    return Declaration(reserved, policy.strip() if policy else None, "header")


_META = re.compile(rb"<meta\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(rb"""([a-zA-Z_:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


def from_html(body: bytes) -> Declaration | None:
    """Returns the declaration of a page's tdm-reservation / tdm-policy <meta> tags, or None without a valid one.

    Only the page's first HEAD_BYTES are read; attribute names and values are
    ASCII in every encoding the crawler decodes, so the bytes are searched as they are.
    """
    found: dict[str, str] = {}
    for tag in _META.finditer(body[:HEAD_BYTES]):
        attrs = {m.group(1).lower(): (m.group(2) or m.group(3) or m.group(4) or b"")
                 for m in _ATTR.finditer(tag.group(0))}
        name = attrs.get(b"name", b"").strip().lower()
        if name in (b"tdm-reservation", b"tdm-policy") and b"content" in attrs:
            found.setdefault(name.decode(), attrs[b"content"].decode("latin-1").strip())
    reserved = _reservation(found.get("tdm-reservation"))
    if reserved is None:
        return None
    return Declaration(reserved, found.get("tdm-policy") or None, "meta")
