"""Query building: the user's search syntax, filters, highlighting and cursor pagination.

Users type words, "phrases", AND, OR, NOT (or a leading -), and parentheses.
:func:`parse_query` turns that into a small tree, every word and phrase passes
through ``nlp.normalize.search_form`` (the form the ``*_form`` fields were
indexed with), and :func:`to_es` makes a bool query of match/match_phrase
clauses. Nothing the user types reaches Elasticsearch as query syntax.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice

from elasticsearch import Elasticsearch, NotFoundError
from flask import current_app
from marsad.api import cursor as cursors
from marsad.api.errors import BadParameter
from marsad.nlp.normalize import TOKEN_RE, Term, search_form, term, terms

from marsad.documents import TERMS_SCAN, TERMS_SCANNED

MAX_TERMS = 40
MAX_DEPTH = 8
PIT_KEEP_ALIVE = "2m"

# Typographic and Arabic quotation marks mean the same as ASCII quotes.
_QUOTES = str.maketrans({"“": '"', "”": '"', "«": '"', "»": '"', "„": '"'})
_TOKEN_RE = re.compile(r'"(?P<phrase>[^"]*)(?P<closed>"?)|(?P<open>\()|(?P<close>\))|(?P<word>[^\s()"]+)')
_OPERATORS = {"AND": "AND", "&&": "AND", "OR": "OR", "||": "OR", "NOT": "NOT"}


class QuerySyntaxError(BadParameter):
    """The q parameter cannot be parsed."""

    def __init__(self, message: str):
        super().__init__("q", message)
        self.code = "invalid_query"


@dataclass
class Node:
    """A node of a parsed query: term, phrase, and, or, not."""

    op: str
    forms: tuple[str, ...] = ()
    children: list[Node] = field(default_factory=list)


@dataclass
class Query:
    """A parsed query: its tree and the terms and phrases that should be highlighted."""

    root: Node
    terms: set[str]
    phrases: list[tuple[str, ...]]
    # Terms a match can start on (the words, and the first word of each phrase).
    starts: frozenset[str] = frozenset()
    # Per word as written: 0 not searchable, 1 searchable, 2 a match may start here (filled by snippet).
    kinds: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.starts = frozenset(self.terms | {p[0] for p in self.phrases})


def _lex(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    text = text.translate(_QUOTES)
    for m in _TOKEN_RE.finditer(text):
        if text[pos:m.start()].strip():
            raise QuerySyntaxError(f"unexpected {text[pos:m.start()].strip()!r}")
        pos = m.end()
        if m.group("open"):
            out.append(("(", "("))
        elif m.group("close"):
            out.append((")", ")"))
        elif m.group("phrase") is not None:
            if not m.group("closed"):
                raise QuerySyntaxError("unbalanced quotation mark")
            out.append(("phrase", m.group("phrase")))
        else:
            word = m.group("word")
            if word in _OPERATORS:
                out.append((_OPERATORS[word], word))
            elif word.startswith("-") and len(word) > 1:
                out.append(("NOT", "-"))
                out.append(("word", word[1:]))
            else:
                out.append(("word", word))
    return out


class _Parser:
    """Recursive descent: or := and (OR and)*; and := unary (AND? unary)*; unary := NOT unary | atom."""

    def __init__(self, toks: list[tuple[str, str]]):
        self.toks = toks
        self.i = 0
        self.leaves = 0

    def peek(self) -> str | None:
        return self.toks[self.i][0] if self.i < len(self.toks) else None

    def take(self) -> tuple[str, str]:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node | None:
        node = self.or_(0)
        if self.peek() is not None:
            raise QuerySyntaxError(f"unexpected {self.toks[self.i][1]!r}")
        return node

    def or_(self, depth: int) -> Node | None:
        parts = [self.and_(depth)]
        while self.peek() == "OR":
            self.take()
            parts.append(self.and_(depth))
        return _combine("or", parts)

    def and_(self, depth: int) -> Node | None:
        parts = [self.unary(depth)]
        while self.peek() not in (None, "OR", ")"):
            if self.peek() == "AND":
                self.take()
            parts.append(self.unary(depth))
        return _combine("and", parts)

    def unary(self, depth: int) -> Node | None:
        if self.peek() == "NOT":
            self.take()
            inner = self.unary(depth)
            return Node("not", children=[inner]) if inner else None
        return self.atom(depth)

    def atom(self, depth: int) -> Node | None:
        kind = self.peek()
        if kind is None:
            raise QuerySyntaxError("the query ends where a word was expected")
        if kind in ("AND", "OR", ")"):
            raise QuerySyntaxError(f"unexpected {self.toks[self.i][1]!r}")
        _, value = self.take()
        if kind == "(":
            if depth >= MAX_DEPTH:
                raise QuerySyntaxError(f"more than {MAX_DEPTH} nested parentheses")
            node = self.or_(depth + 1)
            if self.peek() != ")":
                raise QuerySyntaxError("unbalanced parenthesis")
            self.take()
            return node
        self.leaves += 1
        if self.leaves > MAX_TERMS:
            raise QuerySyntaxError(f"more than {MAX_TERMS} words and phrases")
        forms = tuple(search_form(value).split())
        if not forms:
            return None  # punctuation or a bare symbol: nothing to search for
        if kind == "phrase" or len(forms) > 1:
            return Node("phrase", forms=forms)
        return Node("term", forms=forms)


def _combine(op: str, parts: list[Node | None]) -> Node | None:
    kept = [p for p in parts if p is not None]
    if not kept:
        return None
    return kept[0] if len(kept) == 1 else Node(op, children=kept)


def parse_query(text: str) -> Query:
    """Parses the user's query syntax.

    Raises:
        QuerySyntaxError: on unbalanced quotes or parentheses, dangling operators,
            too many terms, or a query without any searchable word.
    """
    root = _Parser(_lex(text)).parse()
    if root is None:
        raise QuerySyntaxError("no searchable word in the query")
    terms: set[str] = set()
    phrases: list[tuple[str, ...]] = []

    def collect(node: Node) -> None:
        if node.op == "term":
            terms.add(node.forms[0])
        elif node.op == "phrase":
            phrases.append(node.forms)
        elif node.op != "not":  # excluded words are not highlighted
            for c in node.children:
                collect(c)

    collect(root)
    return Query(root, terms, phrases)


def to_es(node: Node, fields: list[str]) -> dict:
    """Returns the Elasticsearch query of a parsed node over the given *_form fields."""
    if node.op in ("term", "phrase"):
        text = " ".join(node.forms)
        kind = "phrase" if node.op == "phrase" else "best_fields"
        return {"multi_match": {"query": text, "fields": fields, "type": kind, "operator": "and"}}
    if node.op == "not":
        return {"bool": {"must_not": [to_es(node.children[0], fields)]}}
    if node.op == "and":
        must = [to_es(c, fields) for c in node.children if c.op != "not"]
        must_not = [to_es(c.children[0], fields) for c in node.children if c.op == "not"]
        return {"bool": {"must": must, "must_not": must_not}}
    return {"bool": {"should": [to_es(c, fields) for c in node.children], "minimum_should_match": 1}}


# ---- filters -------------------------------------------------------------------------


def _iso(value: datetime) -> str:
    return value.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def filters(p: dict, date_field: str = "published") -> list[dict]:
    """Returns the filter clauses of the common parameters present in p."""
    out: list[dict] = []
    for param, field_name in (("lang", "lang"), ("source", "source"), ("entity", "entity_ids"),
                              ("kind", "kind"), ("speaker", "speaker.id")):
        if p.get(param):
            if param in ("entity", "speaker"):
                # An id merged into another entity filters by that entity, and the
                # survivor by every id it absorbed (../shared/CONTRACT.md).
                out.append({"terms": {field_name: _entity_ids(p[param])}})
            else:
                out.append({"term": {field_name: p[param]}})
    fig: list[dict] = []
    if p.get("figure_kind"):
        fig.append({"term": {"figures.kind": p["figure_kind"]}})
    if p.get("currency"):
        fig.append({"term": {"figures.currency": p["currency"]}})
    value_range = {k: p[n] for k, n in (("gte", "min_value"), ("lte", "max_value")) if p.get(n) is not None}
    if value_range:
        fig.append({"range": {"figures.value": value_range}})
    if fig:
        # Nested, so that kind, currency and value all hold for the same figure.
        out.append({"nested": {"path": "figures", "query": {"bool": {"filter": fig}}}})
    dates = {k: _iso(p[n]) for k, n in (("gte", "since"), ("lte", "until")) if p.get(n)}
    if dates:
        out.append({"range": {date_field: dates}})
    return out


def _entity_ids(entity_id: str) -> list[str]:
    """Returns the ids stored documents may carry for an entity id (its entity's own and absorbed ones)."""
    from marsad.api.db import get_es
    from marsad.api.entities import resolve_ids

    return resolve_ids(get_es(), entity_id)


# ---- highlighting in the text as written ---------------------------------------------


def _mark(toks: list, query: Query) -> list[bool]:
    """Returns, per token, whether it matches a query term or sits inside a matching phrase."""
    marked = [t.form in query.terms for t in toks]
    forms = [t.form for t in toks]
    for phrase in query.phrases:
        n = len(phrase)
        for i in range(len(toks) - n + 1):
            if tuple(forms[i:i + n]) == phrase:
                marked[i:i + n] = [True] * n
    return marked


def _marked_tokens(text: str, query: Query) -> tuple[list, list[bool]]:
    toks = terms(text)
    return toks, _mark(toks, query)


def _render(text: str, toks: list, marked: list[bool], lo: int, hi: int) -> str:
    """Returns text[lo:hi] HTML-escaped, runs of matched tokens wrapped in <mark>."""
    out: list[str] = []
    pos = lo
    i = 0
    while i < len(toks):
        if not marked[i] or toks[i].start < lo or toks[i].end > hi:
            i += 1
            continue
        j = i
        while j + 1 < len(toks) and marked[j + 1] and toks[j + 1].end <= hi:
            j += 1
        out.append(html.escape(text[pos:toks[i].start], quote=False))
        out.append(f"<mark>{html.escape(text[toks[i].start:toks[j].end], quote=False)}</mark>")
        pos = toks[j].end
        i = j + 1
    out.append(html.escape(text[pos:hi], quote=False))
    return "".join(out)


def highlight(text: str, query: Query) -> str | None:
    """Returns the whole text with its matches marked (HTML), or None when nothing matches."""
    toks, marked = _marked_tokens(text, query)
    if not any(marked):
        return None
    return _render(text, toks, marked, 0, len(text))


# Characters of an article a snippet looks in. Tokenising and stemming a
# whole long article for every hit of every page would dominate the request
# time; news puts its matches early, and past this point the opening is shown.
# Articles carry the first offset of each term of this part (body_terms), so
# the snippet reads where its match is instead of scanning for it.
SNIPPET_SCAN = TERMS_SCAN


# Most matches come early: the opening is read first, the rest only when needed.
SNIPPET_HEAD = 1500


@dataclass
class _Window:
    toks: list[Term]  # searchable tokens from up to six before the first match to the window's end
    exhausted: bool  # the text ran out of words before the window was full
    opened: bool  # searchable words precede the window


def _first_window(scanned: str, query: Query, size: int) -> _Window | None:
    """Returns the tokens around the first match in scanned, or None without one.

    Works on the words alone: each distinct word is turned into its term once
    per request (``Query.kinds`` remembers whether it is searchable and whether
    a match may start on it), the first match is found by list search, and
    token objects with offsets are made for the window only.
    """
    kinds = query.kinds
    words = TOKEN_RE.findall(scanned)
    for word in set(words).difference(kinds):
        form = term(word)
        kinds[word] = 0 if not form else 2 if form in query.starts else 1
    marks = list(map(kinds.__getitem__, words))
    try:
        found = marks.index(2)
    except ValueError:
        return None
    lo, back, i = found, 0, found
    while i > 0 and back < 6:
        i -= 1
        if marks[i]:
            back, lo = back + 1, i
    hi, ahead = found, 1
    while hi + 1 < len(marks) and ahead < size:
        hi += 1
        ahead += marks[hi] != 0
    toks = [Term(term(m.group()), m.start(), m.end())
            for m in islice(TOKEN_RE.finditer(scanned), lo, hi + 1) if kinds[m.group()]]
    return _Window(toks, ahead < size, any(marks[:lo]))


def _searchable(scanned: str, start: int, end: int, cut_first: bool, cut_last: bool) -> list[Term]:
    """Returns the searchable tokens of scanned[start:end], without a first or last word the bounds may cut."""
    found = [(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(scanned, start, end)]
    if cut_first and found:
        found = found[1:]
    if cut_last and found and found[-1][2] == end:
        found = found[:-1]
    return [Term(form, a, b) for word, a, b in found if (form := term(word))]


def _window_at(scanned: str, query: Query, at: int, size: int) -> _Window | None:
    """Returns the same window as :func:`_first_window`, given where the first match starts.

    Only the words around ``at`` are tokenised: the six searchable ones before
    it (and whether more precede them), and ``size`` from it on. Returns None
    when no match starts at ``at`` (the record does not fit the text), so the
    caller scans instead.
    """
    first = TOKEN_RE.match(scanned, at)
    if first is None or first.start() != at or term(first.group()) not in query.starts:
        return None
    # Spans in characters, widened until they hold enough words (about 7 characters a word in either language).
    span = 80
    while True:
        lo = max(0, at - span)
        back = _searchable(scanned, lo, at, lo > 0, False)
        if lo == 0 or len(back) > 6:
            break
        span *= 4
    span = 8 * size
    while True:
        hi = min(len(scanned), at + span)
        ahead = _searchable(scanned, at, hi, False, hi < len(scanned))
        if hi == len(scanned) or len(ahead) >= size:
            break
        span *= 2
    return _Window(back[-6:] + ahead[:size], len(ahead) < size, len(back) > 6)


def _first_at(terms: dict, query: Query) -> int | None:
    """Returns the offset of the earliest word a match may start on, from a body_terms record, or None."""
    found = [terms[t] for t in query.starts if t in terms]
    return min(found) if found else None


def snippet(text: str, query: Query | None, window: int = 36, plain_chars: int = 280,
            terms: dict | None = None) -> str:
    """Returns a snippet of text: from a little before the first match, marked (HTML), when a query
    matches; else the opening of the text (plain).

    ``terms`` is the article's body_terms record (at least its entries for
    ``query.starts`` and the number of characters it covers): with it, the
    first match is read from the record and only the words around it are
    tokenised. Without it the cost follows the position of the first match:
    the opening is scanned first, the rest of the first SNIPPET_SCAN
    characters only when the match (or its window) is not in it.
    """
    if query is not None:
        size = window + max((len(p) for p in query.phrases), default=1)
        found = None
        covered = terms.get(TERMS_SCANNED) if terms else None
        if isinstance(covered, int):
            scanned = text[:covered]
            at = _first_at(terms, query)
            if at is not None:
                found = _window_at(scanned, query, at, size) or _first_window(scanned, query, size)
        else:
            scanned = text[:SNIPPET_SCAN]
            head = scanned.rfind(" ", 0, SNIPPET_HEAD) if len(scanned) > SNIPPET_HEAD else -1
            if head > 0:
                found = _first_window(scanned[:head], query, size)
                if found is not None and found.exhausted:
                    found = None  # the window runs past the opening
            if found is None:
                found = _first_window(scanned, query, size)
        if found is not None:
            toks = found.toks
            marked = _mark(toks, query)
            if any(marked):
                stop = min(len(toks), window) - 1
                lo, hi = toks[0].start, toks[stop].end
                if stop == len(toks) - 1 and found.exhausted and len(text) <= len(scanned):
                    hi = len(text.rstrip())  # the window holds the last word: keep the closing punctuation
                body = _render(scanned, toks, marked, lo, hi)
                return ("…" if found.opened else "") + body + ("…" if hi < len(text.rstrip()) else "")
    if len(text) <= plain_chars:
        return text
    cut = text.rfind(" ", 0, plain_chars)
    return text[:cut if cut > plain_chars // 2 else plain_chars] + "…"


# ---- pagination: search_after, and a point in time for deep pages ---------------------


@dataclass
class Page:
    """One page of hits, the total, and the cursor of the next page."""

    hits: list[dict]
    total: int
    next_cursor: str | None


def paginate(es: Elasticsearch, index: str, query: dict, sort: list, size: int, cursor: str | None,
             bound: str, source: list[str] | None = None) -> Page:
    """Runs one page of a sorted search.

    The first page is a plain search. Following a cursor opens a point in time
    (once; its id travels in the next cursors), so the pages after the first
    see one snapshot of the index however long the reader takes. An expired
    point in time falls back to search_after on the live index: the sort ends
    with the id, so no hit repeats; documents written meanwhile may appear.
    """
    state = cursors.decode(cursor, bound) if cursor else {}
    after = state.get("a")
    if after is not None and (not isinstance(after, list) or len(after) != len(sort)):
        raise BadParameter("cursor", "malformed")
    pit = state.get("p")
    if cursor and not pit:
        pit = es.open_point_in_time(index=index, keep_alive=PIT_KEEP_ALIVE)["id"]
    timeout = f"{int(current_app.config['API_TIMEOUT'] * 1000)}ms"
    # Each hit's sequence number and primary term make the page's ETag (api.conditional).
    body = {"query": query, "sort": sort, "size": size + 1, "track_total_hits": True, "timeout": timeout,
            "seq_no_primary_term": True}
    if source is not None:
        body["_source"] = source
    if after is not None:
        body["search_after"] = after
    try:
        if pit:
            res = es.search(**body, pit={"id": pit, "keep_alive": PIT_KEEP_ALIVE})
        else:
            res = es.search(index=index, **body)
    except NotFoundError:
        if not pit:
            raise
        pit = None
        res = es.search(index=index, **body)
    hits = res["hits"]["hits"]
    pit = res.get("pit_id") or pit
    next_cursor = None
    if len(hits) > size:
        hits = hits[:size]
        payload = {"a": hits[-1]["sort"]}
        if pit:
            payload["p"] = pit
        next_cursor = cursors.encode(payload, bound)
    elif pit:
        # The last page: the snapshot is no longer needed.
        es.options(ignore_status=404).close_point_in_time(id=pit)
    return Page(hits, res["hits"]["total"]["value"], next_cursor)
