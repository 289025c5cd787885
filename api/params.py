"""Declared query parameters: parsed and validated once, documented in OpenAPI from the same list.

A view lists its parameters with :func:`endpoint`; the wrapper refuses unknown
or repeated parameters and bad values with 400 before the view runs, and the
OpenAPI description is generated from these declarations, so the two cannot
drift apart.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import wraps
from typing import Any

from flask import current_app, request

from api.errors import BadParameter

_ID_RE = re.compile(r"^[^\x00-\x1f\x7f]{1,200}$")
_LANG_RE = re.compile(r"^[a-z]{2}$")
_CURRENCY_RE = re.compile(r"^[A-Za-z]{3}$")
# Values beyond this are not figures any news story reports; they would only
# ever be typos or probes, so they are refused rather than sent on.
_MAX_FIGURE = 1e18


@dataclass(frozen=True)
class Param:
    """One query parameter: its name, how to parse it, and its OpenAPI schema."""

    name: str
    parse: Callable[[str], Any]
    schema: dict
    description: str
    default: Any = None


@dataclass
class Endpoint:
    """What OpenAPI needs to know about a view."""

    summary: str
    params: tuple[Param, ...]
    response: str
    statuses: tuple[int, ...] = (400, 503)
    extra: dict = field(default_factory=dict)


def endpoint(summary: str, params: tuple[Param, ...] = (), response: str = "", statuses: tuple[int, ...] = (400, 503),
             **extra):
    """Declares a view's parameters and response; the view receives the parsed values as its first argument."""
    known = {p.name for p in params}

    def decorate(view):
        @wraps(view)
        def wrapper(**path_args):
            for name in request.args:
                if name not in known:
                    raise BadParameter(name, "unknown parameter; see /api/v1/openapi.json")
            values: dict[str, Any] = {}
            for p in params:
                raw = request.args.getlist(p.name)
                if len(raw) > 1:
                    raise BadParameter(p.name, "given more than once")
                value = raw[0].strip() if raw else ""
                values[p.name] = p.parse(value) if value else p.default
            return view(values, **path_args)

        wrapper.api_endpoint = Endpoint(summary, tuple(params), response, tuple(statuses), extra)
        return wrapper

    return decorate


# ---- parsers ---------------------------------------------------------------------


def _text(name: str, limit: int) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        if len(raw) > limit:
            raise BadParameter(name, f"longer than {limit} characters")
        if any(ord(c) < 32 and c not in "\t" for c in raw):
            raise BadParameter(name, "contains control characters")
        return raw

    return parse


def _ident(name: str) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        if not _ID_RE.match(raw):
            raise BadParameter(name, "must be 1 to 200 printable characters")
        return raw

    return parse


def _enum(name: str, values: tuple[str, ...]) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        if raw not in values:
            raise BadParameter(name, f"must be one of {', '.join(values)}")
        return raw

    return parse


def _lang(raw: str) -> str:
    if not _LANG_RE.match(raw):
        raise BadParameter("lang", "must be a two-letter ISO 639-1 code such as ar or en")
    return raw


def _currency(raw: str) -> str:
    if not _CURRENCY_RE.match(raw):
        raise BadParameter("currency", "must be a three-letter ISO 4217 code such as USD")
    return raw.upper()


def _number(name: str) -> Callable[[str], float]:
    def parse(raw: str) -> float:
        try:
            value = float(raw)
        except ValueError:
            raise BadParameter(name, "must be a number") from None
        if not math.isfinite(value) or abs(value) > _MAX_FIGURE:
            raise BadParameter(name, "must be a finite number of at most 1e18")
        return value

    return parse


def parse_date(name: str, raw: str) -> datetime:
    """Returns an ISO 8601 date or date-time as an aware UTC datetime; raises BadParameter otherwise."""
    try:
        value = datetime.fromisoformat(raw.replace(" ", "+") if "T" in raw else raw)
    except ValueError:
        raise BadParameter(name, "must be an ISO 8601 date or date-time, e.g. 2026-11-20 or 2026-11-20T09:30:00Z") \
            from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    if not 1900 <= value.year <= 2200:
        raise BadParameter(name, "year out of range 1900-2200")
    return value.astimezone(UTC)


def _date(name: str) -> Callable[[str], datetime]:
    return lambda raw: parse_date(name, raw)


def _size(raw: str) -> int:
    limit = current_app.config["API_MAX_SIZE"]
    if not raw.isdigit():
        raise BadParameter("size", f"must be a whole number from 1 to {limit}")
    value = int(raw)
    if not 1 <= value <= limit:
        raise BadParameter("size", f"must be from 1 to {limit}")
    return value


# ---- the parameters the API uses ------------------------------------------------

_DATE = {"type": "string", "description": "ISO 8601 date or date-time", "example": "2026-11-20"}


def size(default: int) -> Param:
    """The page size parameter with its default."""
    return Param("size", _size, {"type": "integer", "minimum": 1, "maximum": 100, "default": default},
                 f"Items per page (default {default}; the maximum is MARSAD_API_MAX_SIZE).", default)


Q = Param("q", _text("q", 500), {"type": "string", "maxLength": 500},
          'Full-text query in Arabic or English: words, "exact phrases", AND, OR, NOT (or -word), parentheses.')
ENTITY_Q = Param("q", _text("q", 200), {"type": "string", "maxLength": 200},
                 "A name or the start of one, in Arabic or Latin script, or an entity id.")
LANG = Param("lang", _lang, {"type": "string", "pattern": "^[a-z]{2}$"}, "Language code (ar, en).")
SOURCE = Param("source", _ident("source"), {"type": "string"}, "Source name, as in crawler/sources.yml.")
ENTITY = Param("entity", _ident("entity"), {"type": "string"}, "Entity id mentioned.")
STORY = Param("story", _ident("story"), {"type": "string"},
              "Story id (an id absorbed by a merge filters by the story that absorbed it).")
GROUP = Param("group", _ident("group"), {"type": "string"},
              "Claim group id: claims of one story reporting the same assertion by the same speaker.")
SPEAKER = Param("speaker", _ident("speaker"), {"type": "string"}, "Entity id of the claim's speaker.")
KIND = Param("kind", _enum("kind", ("denial", "statement")), {"type": "string", "enum": ["denial", "statement"]},
             "Claim kind.")
FIGURE_KIND = Param("figure_kind", _enum("figure_kind", ("count", "money", "percent")),
                    {"type": "string", "enum": ["count", "money", "percent"]}, "Kind of a figure cited.")
CURRENCY = Param("currency", _currency, {"type": "string", "pattern": "^[A-Za-z]{3}$"},
                 "ISO 4217 currency of a money figure cited.")
MIN_VALUE = Param("min_value", _number("min_value"), {"type": "number"}, "A cited figure's value is at least this.")
MAX_VALUE = Param("max_value", _number("max_value"), {"type": "number"}, "A cited figure's value is at most this.")
SINCE = Param("since", _date("since"), _DATE, "Published on or after this date.")
def _until(raw: str) -> datetime:
    # A bare date means "through that day", the way people read "until 2026-11-20".
    value = parse_date("until", raw)
    if len(raw) == 10:
        value = value + timedelta(days=1) - timedelta(milliseconds=1)
    return value


UNTIL = Param("until", _until, _DATE, "Published on or before this date (a bare date includes its day).")
CURSOR = Param("cursor", _text("cursor", 4000), {"type": "string"},
               "Opaque cursor from the previous page's next_cursor.")
NEW_SINCE = Param("since", _date("since"), _DATE, "Start at articles indexed at or after this time (no cursor).")
FEED_SINCE = Param("since", _date("since"), _DATE, "Only items published on or after this date.")
FORMAT = Param("format", _enum("format", ("json", "atom")), {"type": "string", "enum": ["json", "atom"],
               "default": "json"}, "JSON Feed 1.1 or Atom 1.0.", "json")
INTERVAL = Param("interval", _enum("interval", ("day", "week", "month", "year")),
                 {"type": "string", "enum": ["day", "week", "month", "year"], "default": "week"},
                 "Bucket width of the timeline.", "week")

FIGURE_PARAMS = (FIGURE_KIND, CURRENCY, MIN_VALUE, MAX_VALUE)


def check_ranges(p: dict) -> None:
    """Refuses ranges whose lower end lies above the upper one."""
    if p.get("since") and p.get("until") and p["since"] > p["until"]:
        raise BadParameter("since", "is after until")
    if p.get("min_value") is not None and p.get("max_value") is not None and p["min_value"] > p["max_value"]:
        raise BadParameter("min_value", "is greater than max_value")
