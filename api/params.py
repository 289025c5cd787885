"""Declared query parameters: parsed and validated once, documented in OpenAPI from the same list.

A view lists its parameters with :func:`endpoint`; the wrapper refuses unknown
or repeated parameters and bad values with 400 before the view runs, and the
OpenAPI description is generated from these declarations, so the two cannot
drift apart. Each parser accepts exactly the values its schema admits: the
patterns below are used by both, and a value is taken as sent (an empty value
is the same as leaving the parameter out, which the document states with
``allowEmptyValue``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from functools import wraps
from typing import Any

from flask import current_app, request
from marsad.api.errors import BadParameter

# JSON Schema patterns (ECMA-262, anchored), matched in full here with re.fullmatch.
ID_PATTERN = r"^[^\x00-\x1f\x7f]+$"
TEXT_PATTERN = r"^[^\x00-\x08\x0a-\x1f\x7f]*$"  # tab is whitespace in a query; other control characters are refused
LANG_PATTERN = r"^[a-z]{2}$"
CURRENCY_PATTERN = r"^[A-Za-z]{3}$"
CURSOR_PATTERN = r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$"  # base64url of the state, ".", base64url of its signature
# A calendar date of 1900-2200 (month lengths and leap years included), optionally a time and a UTC offset;
# a space stands for the offset's "+", which an unencoded "+" in a query string turns into.
_YEAR = r"(?:19[0-9]{2}|2[01][0-9]{2}|2200)"
_MONTH_DAY = (r"(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)"
              r"|(?:0[13578]|1[02])-31)")
_LEAP_DAY = r"(?:(?:19|2[01])(?:0[48]|[2468][048]|[13579][26])|2000)-02-29"
_TIME = r"T(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:[.,][0-9]{1,9})?)?"
_OFFSET = r"(?:Z|[+ -](?:[01][0-9]|2[0-3]):[0-5][0-9])"
DATE_PATTERN = rf"^(?:{_YEAR}-{_MONTH_DAY}|{_LEAP_DAY})(?:{_TIME}{_OFFSET}?)?$"
_NUMBER_RE = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")  # a JSON number
ID_MAX = 200
Q_MAX = 500
ENTITY_Q_MAX = 200
CURSOR_MAX = 4000
# Values beyond this are not figures any news story reports; they would only
# ever be typos or probes, so they are refused rather than sent on.
MAX_FIGURE = 10**18
# The custom format of the search parameter q: its grammar is in the parameter's description.
QUERY_FORMAT = "marsad-query"


def _matcher(pattern: str) -> Callable[[str], re.Match | None]:
    return re.compile(pattern).fullmatch


@dataclass(frozen=True)
class Param:
    """One query parameter: its name, how to parse it, and its OpenAPI schema.

    ``limit`` names the app setting that bounds the value (its schema's maximum, and a cap on the default).
    """

    name: str
    parse: Callable[[str], Any]
    schema: dict
    description: str
    default: Any = None
    limit: str | None = None

    def schema_for(self, config: Mapping) -> dict:
        """Returns the parameter's schema under the app's settings."""
        if self.limit is None:
            return self.schema
        out = {**self.schema, "maximum": config[self.limit]}
        if "default" in out:
            out["default"] = min(out["default"], config[self.limit])
        return out

    def default_for(self, config: Mapping) -> Any:
        """Returns the value a request that leaves the parameter out gets."""
        if self.limit is None or self.default is None:
            return self.default
        return min(self.default, config[self.limit])


@dataclass
class Endpoint:
    """What OpenAPI needs to know about a view."""

    summary: str
    params: tuple[Param, ...]
    response: str
    statuses: tuple[int, ...] = (400, 502, 503)
    extra: dict = field(default_factory=dict)
    # Parameters that cannot be given together, each pair refused with 400.
    exclusive: tuple[tuple[str, str], ...] = ()


def endpoint(summary: str, params: tuple[Param, ...] = (), response: str = "",
             statuses: tuple[int, ...] = (400, 502, 503), exclusive: tuple[tuple[str, str], ...] = (), **extra):
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
                value = raw[0] if raw else ""
                values[p.name] = p.parse(value) if value else p.default_for(current_app.config)
            for first, second in exclusive:
                if values[first] is not None and values[second] is not None:
                    raise BadParameter(first, f"cannot be combined with {second}")
            return view(values, **path_args)

        wrapper.api_endpoint = Endpoint(summary, tuple(params), response, tuple(statuses), extra, tuple(exclusive))
        return wrapper

    return decorate


# ---- parsers ---------------------------------------------------------------------


def _text(name: str, limit: int) -> Callable[[str], str]:
    """Free text: at most `limit` characters, no control characters but tab; surrounding spaces dropped."""
    allowed = _matcher(TEXT_PATTERN)

    def parse(raw: str) -> str:
        if len(raw) > limit:
            raise BadParameter(name, f"longer than {limit} characters")
        if not allowed(raw):
            raise BadParameter(name, "contains control characters")
        return raw.strip()

    return parse


def _ident(name: str) -> Callable[[str], str]:
    allowed = _matcher(ID_PATTERN)

    def parse(raw: str) -> str:
        if len(raw) > ID_MAX or not allowed(raw):
            raise BadParameter(name, f"must be 1 to {ID_MAX} characters, none of them a control character")
        return raw

    return parse


def _enum(name: str, values: tuple[str, ...]) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        if raw not in values:
            raise BadParameter(name, f"must be one of {', '.join(values)}")
        return raw

    return parse


_is_lang = _matcher(LANG_PATTERN)
_is_currency = _matcher(CURRENCY_PATTERN)
_is_cursor = _matcher(CURSOR_PATTERN)
_is_date = _matcher(DATE_PATTERN)


def _lang(raw: str) -> str:
    if not _is_lang(raw):
        raise BadParameter("lang", "must be a two-letter ISO 639-1 code such as ar or en")
    return raw


def _currency(raw: str) -> str:
    if not _is_currency(raw):
        raise BadParameter("currency", "must be a three-letter ISO 4217 code such as USD")
    return raw.upper()


def _cursor(raw: str) -> str:
    if len(raw) > CURSOR_MAX or not _is_cursor(raw):
        raise BadParameter("cursor", "malformed; pass next_cursor from the previous page unchanged")
    return raw


def _number(name: str) -> Callable[[str], float]:
    def parse(raw: str) -> float:
        if not _NUMBER_RE.fullmatch(raw):
            raise BadParameter(name, "must be a number such as 1500000, 2.5 or 1e9")
        # Compared exactly: as floats, 1000000000000000001 would pass for 1e18.
        if abs(Decimal(raw)) > MAX_FIGURE:
            raise BadParameter(name, "must be a number of at most 1e18")
        return float(raw)

    return parse


def parse_date(name: str, raw: str) -> datetime:
    """Returns an ISO 8601 date or date-time (DATE_PATTERN) as an aware UTC datetime; raises BadParameter otherwise."""
    if not _is_date(raw):
        raise BadParameter(name, "must be an ISO 8601 date or date-time of the years 1900-2200, e.g. 2026-11-20 or "
                                 "2026-11-20T09:30:00Z")
    value = datetime.fromisoformat(raw.replace(" ", "+"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _date(name: str) -> Callable[[str], datetime]:
    return lambda raw: parse_date(name, raw)


def _size(raw: str) -> int:
    limit = current_app.config["API_MAX_SIZE"]
    # Any JSON number whose value is whole is a JSON Schema integer: 20, 20.0 and 2e1 alike.
    if not _NUMBER_RE.fullmatch(raw):
        raise BadParameter("size", f"must be a whole number from 1 to {limit}")
    value = Decimal(raw)
    if not 1 <= value <= limit:
        raise BadParameter("size", f"must be from 1 to {limit}")
    if value != value.to_integral_value():
        raise BadParameter("size", f"must be a whole number from 1 to {limit}")
    return int(value)


# ---- the parameters the API uses ------------------------------------------------

_DATE = {"type": "string", "pattern": DATE_PATTERN, "examples": ["2026-11-20", "2026-11-20T09:30:00Z"]}
_ID = {"type": "string", "minLength": 1, "maxLength": ID_MAX, "pattern": ID_PATTERN}
_FIGURE_VALUE = {"type": "number", "minimum": -MAX_FIGURE, "maximum": MAX_FIGURE}
_DATE_TEXT = ("An ISO 8601 date or date-time of the years 1900-2200 (a time without an offset is UTC; a space may "
              "stand for the offset's +).")


def size(default: int) -> Param:
    """The page size parameter with its default."""
    return Param("size", _size, {"type": "integer", "minimum": 1, "default": default},
                 f"Items per page (default {default}; the maximum is MARSAD_API_MAX_SIZE).", default, "API_MAX_SIZE")


Q = Param("q", _text("q", Q_MAX), {"type": "string", "maxLength": Q_MAX, "pattern": TEXT_PATTERN,
                                   "format": QUERY_FORMAT},
          "Full-text query in Arabic or English. Grammar: query := and (OR and)*; and := unary ((AND)? unary)*; "
          "unary := NOT unary | -word | atom; atom := word | \"phrase\" | ( query ). `&&` and `||` are AND and "
          "OR; “ ” « » „ are quotation marks too. Refused with 400 (code invalid_query): an unclosed quotation "
          "mark or parenthesis, an operator where a word is expected, more than 8 nested parentheses, more than "
          "40 words and phrases, or no word with a letter or digit in it. Surrounding spaces are ignored.")
ENTITY_Q = Param("q", _text("q", ENTITY_Q_MAX), {"type": "string", "maxLength": ENTITY_Q_MAX, "pattern": TEXT_PATTERN},
                 "A name or the start of one, in Arabic or Latin script, or an entity id.")
LANG = Param("lang", _lang, {"type": "string", "pattern": LANG_PATTERN}, "Language code (ar, en).")
SOURCE = Param("source", _ident("source"), _ID, "Source name, as in crawler/sources.yml.")
ENTITY = Param("entity", _ident("entity"), _ID, "Entity id mentioned.")
STORY = Param("story", _ident("story"), _ID,
              "Story id (an id absorbed by a merge filters by the story that absorbed it).")
GROUP = Param("group", _ident("group"), _ID,
              "Claim group id: claims of one story reporting the same assertion by the same speaker.")
SPEAKER = Param("speaker", _ident("speaker"), _ID, "Entity id of the claim's speaker.")
KIND = Param("kind", _enum("kind", ("denial", "statement")), {"type": "string", "enum": ["denial", "statement"]},
             "Claim kind.")
FIGURE_KIND = Param("figure_kind", _enum("figure_kind", ("count", "money", "percent")),
                    {"type": "string", "enum": ["count", "money", "percent"]}, "Kind of a figure cited.")
CURRENCY = Param("currency", _currency, {"type": "string", "pattern": CURRENCY_PATTERN},
                 "ISO 4217 currency of a money figure cited (either case).")
MIN_VALUE = Param("min_value", _number("min_value"), _FIGURE_VALUE,
                  "A cited figure's value is at least this; greater than max_value is refused (400).")
MAX_VALUE = Param("max_value", _number("max_value"), _FIGURE_VALUE, "A cited figure's value is at most this.")
SINCE = Param("since", _date("since"), _DATE,
              f"Published on or after this date; after until is refused (400). {_DATE_TEXT}")


def _until(raw: str) -> datetime:
    # A bare date means "through that day", the way people read "until 2026-11-20".
    value = parse_date("until", raw)
    if len(raw) == 10:
        value = value + timedelta(days=1) - timedelta(milliseconds=1)
    return value


UNTIL = Param("until", _until, _DATE, f"Published on or before this date (a bare date includes its day). {_DATE_TEXT}")
CURSOR = Param("cursor", _cursor, {"type": "string", "maxLength": CURSOR_MAX, "pattern": CURSOR_PATTERN},
               "The previous page's next_cursor, unchanged, with the same other parameters; a cursor this API did not "
               "issue, or issued for other parameters, is refused (400).")
NEW_CURSOR = Param("cursor", _cursor, {"type": "string", "maxLength": CURSOR_MAX, "pattern": CURSOR_PATTERN},
                   "The previous poll's next_cursor, unchanged; not with since (400). A cursor this API did not "
                   "issue is refused (400).")
NEW_SINCE = Param("since", _date("since"), _DATE,
                  f"Start at articles indexed at or after this time; not with cursor (400). {_DATE_TEXT}")
FEED_SINCE = Param("since", _date("since"), _DATE, f"Only items published on or after this date. {_DATE_TEXT}")
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
