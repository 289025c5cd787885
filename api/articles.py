"""Articles: full-text search with filters, one article, and the editors' new-articles feed."""

from __future__ import annotations

import time

from flask import Blueprint, current_app, jsonify
from marsad.api import cursor as cursors
from marsad.api import params as P
from marsad.api.conditional import page_response
from marsad.api.db import alias, get_es
from marsad.api.errors import ApiError, BadParameter
from marsad.api.search import Query, filters, highlight, paginate, parse_query, snippet, to_es
from marsad.api.stories import story_filter

from marsad.documents import TERMS_SCANNED

bp = Blueprint("articles", __name__)

ARTICLE_FIELDS = ["title_form^2", "body_form"]
# What a list item shows: the entities' offsets and the rest of the analysis stay in Elasticsearch.
_LIST_SOURCE = ["id", "url", "title", "lang", "source", "published", "fetched", "indexed", "body", "figures",
                "story", "duplicate_of",
                "claims_count", "denials_count", "analysis.entities.id", "analysis.entities.name",
                "analysis.entities.label", "analysis.entities.text"]


def _entities(analysis: dict) -> list[dict]:
    """Returns the article's entities once per id (first mention), as {id, name, label, text}."""
    seen: dict[str, dict] = {}
    for e in analysis.get("entities") or []:
        key = e.get("id") or e.get("text")
        if key and key not in seen:
            seen[key] = {"id": e.get("id"), "name": e.get("name") or e.get("text"), "label": e.get("label"),
                         "text": e.get("text")}
    return list(seen.values())


def _source_for(query: Query | None) -> list[str]:
    """Returns the _source fields a list page reads: with a query, body_terms' entries for its terms too."""
    if query is None:
        return _LIST_SOURCE
    # Terms are TOKEN_RE words (letters and digits), so none holds the "." or "*" of a source path.
    return [*_LIST_SOURCE, f"body_terms.{TERMS_SCANNED}", *(f"body_terms.{t}" for t in sorted(query.starts))]


def article_out(src: dict, query: Query | None = None, full: bool = False) -> dict:
    """Returns the API's Article for an articles-index document."""
    body = src.get("body") or ""
    out = {
        "id": src["id"],
        "url": src.get("url"),
        "title": src.get("title"),
        "lang": src.get("lang"),
        "source": src.get("source"),
        "published": src.get("published"),
        "fetched": src.get("fetched"),
        "indexed": src.get("indexed"),
        "snippet": snippet(body, query, terms=src.get("body_terms")),
        "entities": _entities(src.get("analysis") or {}),
        "figures": src.get("figures") or [],
        "claims": src.get("claims_count", 0),
        "denials": src.get("denials_count", 0),
        "story": src.get("story"),
        "duplicate_of": src.get("duplicate_of"),
    }
    if query is not None:
        out["title_highlight"] = highlight(src.get("title") or "", query)
    if full:
        out["body"] = body
        out["author"] = src.get("author")
        out["analysis"] = src.get("analysis")
    return out


def _search_query(p: dict) -> tuple[dict, Query | None]:
    parsed = parse_query(p["q"]) if p.get("q") else None
    clauses = filters(p) + story_filter(p)
    query: dict = {"bool": {"filter": clauses}}
    if parsed is not None:
        query["bool"]["must"] = [to_es(parsed.root, ARTICLE_FIELDS)]
    return query, parsed


@bp.get("/articles")
@P.endpoint(
    "Search articles (newest first without q, by relevance with q)",
    (P.Q, P.LANG, P.SOURCE, P.ENTITY, P.STORY, *P.FIGURE_PARAMS, P.SINCE, P.UNTIL, P.size(20), P.CURSOR),
    "ArticlePage",
    (304, 400, 502, 503),
)
def search_articles(p: dict):
    P.check_ranges(p)
    query, parsed = _search_query(p)
    newest = {"published": {"order": "desc", "missing": "_last"}}
    sort = (["_score", newest] if parsed else [newest]) + [{"id": "asc"}]
    page = paginate(get_es(), alias("articles"), query, sort, p["size"], p["cursor"],
                    cursors.binding("articles", p), _source_for(parsed))
    return page_response(page, lambda src: article_out(src, parsed))


@bp.get("/articles/new")
@P.endpoint(
    "Articles in the order they were indexed, for polling without misses or repeats",
    (P.NEW_SINCE, P.size(50), P.NEW_CURSOR),
    "NewArticles",
    exclusive=(("since", "cursor"),),
)
def new_articles(p: dict):
    """Returns articles by (indexed, id) after the cursor, up to now minus MARSAD_API_NEW_LAG.

    Articles stamped in the last few seconds may not be searchable yet (bulk
    batches and the index refresh land later), so the feed stops that far
    short of now; the next poll returns them. The cursor is the position of
    the last article sent, so nothing is sent twice.
    """
    es = get_es()
    lag_ms = int(current_app.config["API_NEW_LAG"] * 1000)
    horizon = int(time.time() * 1000) - lag_ms
    after = None
    if p["cursor"]:
        after = cursors.decode(p["cursor"], "new").get("a")
        if not (isinstance(after, list) and len(after) == 2 and isinstance(after[0], int)
                and isinstance(after[1], str)):
            raise BadParameter("cursor", "malformed")
    elif p["since"]:
        # Everything stamped at or after `since`: position just before its first millisecond.
        after = [int(p["since"].timestamp() * 1000) - 1, "\uffff"]
    query = {"range": {"indexed": {"lte": horizon, "format": "epoch_millis"}}}
    res = es.search(
        index=alias("articles"), query=query, size=p["size"] + 1, source=_LIST_SOURCE,
        sort=[{"indexed": "asc"}, {"id": "asc"}], track_total_hits=False,
        timeout=f"{int(current_app.config['API_TIMEOUT'] * 1000)}ms", **({"search_after": after} if after else {}),
    )
    hits = res["hits"]["hits"]
    has_more = len(hits) > p["size"]
    hits = hits[:p["size"]]
    position = hits[-1]["sort"] if hits else after
    return jsonify({
        "items": [article_out(h["_source"]) for h in hits],
        "next_cursor": cursors.encode({"a": position}, "new") if position else None,
        "has_more": has_more,
        "horizon": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(horizon / 1000)) + f".{horizon % 1000:03d}Z",
    })


@bp.get("/articles/<article_id>")
@P.endpoint("One article with its text and Analysis", (), "ArticleFull", (404, 502, 503))
def get_article(p: dict, article_id: str):
    res = get_es().search(index=alias("articles"), query={"term": {"id": article_id}}, size=1)
    hits = res["hits"]["hits"]
    if not hits:
        raise ApiError(404, "not_found", f"no article with id {article_id!r}")
    return jsonify(article_out(hits[0]["_source"], full=True))
