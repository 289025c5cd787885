"""What schemathesis needs to know about the API beyond what JSON Schema can say.

The OpenAPI document states every constraint a JSON Schema can hold (patterns,
lengths, ranges, enums, statuses). Four rules of the API cannot be written
that way, and the document states them in words; this module teaches them to
schemathesis, so that its schema-valid requests are valid for the API too:

- ``q`` follows a query grammar (format ``marsad-query``): valid queries are
  generated from that grammar.
- A cursor is valid only as the API issued it, for the same other parameters:
  a schema-valid cursor the generator made up is left out of the request
  (the cursor tests in ``test_api_articles.py`` follow real ones).
  ``since`` and ``cursor`` of ``/articles/new`` are then never combined.
- ``min_value`` is at most ``max_value`` and ``since`` not after ``until``: a
  generated pair in the wrong order is swapped.
- The HTTP server of ``marsad serve`` refuses a request line longer than
  ``REQUEST_LINE_MAX`` bytes (414): a request that long is not sent. Values
  near their length limits in a non-Latin script reach it together.

Only values the document admits are changed: a value outside its schema (the
negative cases) reaches the API as generated, unless the request is too long
for the server. The module registers global
hooks on import; the schemathesis test in ``test_api_openapi.py`` imports it,
and the CLI loads it with ``SCHEMATHESIS_HOOKS=tests/api_schemathesis.py``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import quote

import schemathesis
from hypothesis import strategies as st
from marsad.api import params as P
from marsad.api.cli import REQUEST_LINE_MAX
from marsad.api.errors import BadParameter

_OPERATORS = {"AND", "OR", "NOT"}
_LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإىة٠١٢٣٤٥٦٧٨٩"
# Words the fixture articles hold, so that some queries match and highlighting runs.
_KNOWN = ["qamar", "Qamar", "telecom", "denied", "fine", "million", "bulletin", "subscribers", "قمر", "نفت",
          "غرامة", "الشركة", "مليون", "نشرة"]


def _word() -> st.SearchStrategy[str]:
    """A word with at least one letter or digit, not an operator, sometimes with punctuation around it."""
    core = st.one_of(st.sampled_from(_KNOWN), st.text(_LATIN, min_size=1, max_size=10),
                     st.text(_ARABIC, min_size=1, max_size=8)).filter(lambda w: w not in _OPERATORS)
    return st.builds(lambda pre, w, post: pre + w + post, st.sampled_from(["", "", "", "#", "€", "'"]), core,
                     st.sampled_from(["", "", "", "'s", "%", ".", ",", "?", "*", ":"]))


def _phrase() -> st.SearchStrategy[str]:
    quotes = st.sampled_from([('"', '"'), ("“", "”"), ("«", "»")])
    return st.builds(lambda q, words: q[0] + " ".join(words) + q[1], quotes, st.lists(_word(), min_size=1, max_size=3))


@st.composite
def _expression(draw: st.DrawFn, depth: int = 0) -> str:
    """query := and (OR and)*, and := unary ((AND)? unary)*, unary := NOT unary | -word | atom."""
    parts = []
    for i in range(draw(st.integers(1, 3 if depth < 2 else 1))):
        if i:
            parts.append(draw(st.sampled_from([" ", " AND ", " && ", " OR ", " || ", "  "])))
        kind = draw(st.sampled_from(["word", "word", "phrase", "not", "minus", "group" if depth < 2 else "word"]))
        if kind == "word":
            parts.append(draw(_word()))
        elif kind == "phrase":
            parts.append(draw(_phrase()))
        elif kind == "not":
            parts.append("NOT " + draw(_word()))
        elif kind == "minus":
            parts.append("-" + draw(_word()))
        else:
            parts.append("(" + draw(_expression(depth + 1)) + ")")
    return "".join(parts)


def queries() -> st.SearchStrategy[str]:
    """Valid values of q by the grammar, with some the document's own limits must keep out.

    A long word (near the 500-character limit, on either side) and a word with a control
    character in it are drawn too: the document's maxLength and pattern filter them out, so
    they reach the API only when the document stops stating its limits, and the test fails.
    """
    return st.one_of(
        st.builds(lambda pad, q, end: pad + q + end, st.sampled_from(["", " "]), _expression(),
                  st.sampled_from(["", " "])),
        st.text(_LATIN, min_size=480, max_size=520),
        st.builds(lambda a, c, b: a + c + b, _word(), st.sampled_from(["\x00", "\x07", "\n", "\x1f", "\x7f"]),
                  _word()),
    )


schemathesis.openapi.format(P.QUERY_FORMAT, queries())


def _valid(param: P.Param, value: Any) -> Any | None:
    """Returns the value as the API parses it, or None when the API refuses it."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    try:
        return param.parse(str(value))
    except BadParameter:
        return None


def _in_order(query: dict[str, Any], low: P.Param, high: P.Param, exact=lambda _raw, parsed: parsed) -> None:
    a, b = query.get(low.name), query.get(high.name)
    first, second = _valid(low, a), _valid(high, b)
    if first is not None and second is not None and exact(a, first) > exact(b, second):
        query[low.name], query[high.name] = b, a


@schemathesis.hook
def map_case(context, case):
    """Leaves out made-up cursors and puts generated ranges in order (module docstring).

    A case hook, not a query hook: schemathesis applies only case hooks to its coverage phase.
    """
    if not isinstance(case.query, dict) or not case.query:
        return case
    query = dict(case.query)
    if _valid(P.CURSOR, query.get("cursor")) is not None:
        del query["cursor"]
    # Compared exactly, as the API does: 1e18 and 1000000000000000001 are one float.
    _in_order(query, P.MIN_VALUE, P.MAX_VALUE, lambda raw, _parsed: Decimal(str(raw)))
    _in_order(query, P.SINCE, P.UNTIL)
    case.query = query
    return case


def _encoded(value: Any) -> int:
    if isinstance(value, list | tuple):
        return sum(_encoded(v) + 1 for v in value)
    return len(quote(str(value), safe=""))


@schemathesis.hook
def filter_case(context, case) -> bool:
    """Leaves out requests whose line would be longer than the server accepts (module docstring)."""
    # An upper bound: the path, method and protocol take less than 100 bytes, and every character is
    # counted percent-encoded, as a client that encodes more than it must would send it.
    size = 100 + sum(_encoded(v) for v in (case.path_parameters or {}).values())
    if isinstance(case.query, dict):
        size += sum(len(quote(str(k), safe="")) + 2 + _encoded(v) for k, v in case.query.items())
    return size <= REQUEST_LINE_MAX
