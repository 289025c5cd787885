"""Claims: search by text, kind, speaker, entity, language, figures and date."""

from __future__ import annotations

from flask import Blueprint
from marsad.api import cursor as cursors
from marsad.api import params as P
from marsad.api.conditional import page_response
from marsad.api.db import alias, get_es
from marsad.api.search import Query, filters, highlight, paginate, parse_query, to_es
from marsad.api.stories import story_filter

bp = Blueprint("claims", __name__)

_SOURCE = ["id", "article_id", "url", "title", "source", "lang", "kind", "cue", "text", "start", "end", "speaker",
           "entity_ids", "figures", "published", "indexed", "story", "group"]


def claim_out(src: dict, query: Query | None = None) -> dict:
    """Returns the API's Claim for a claims-index document (with its article's URL, title, date, language)."""
    out = {
        "id": src["id"],
        "article_id": src.get("article_id"),
        "url": src.get("url"),
        "title": src.get("title"),
        "source": src.get("source"),
        "lang": src.get("lang"),
        "kind": src.get("kind"),
        "cue": src.get("cue"),
        "text": src.get("text"),
        "start": src.get("start"),
        "end": src.get("end"),
        "speaker": src.get("speaker"),
        "figures": src.get("figures") or [],
        "entities": src.get("entity_ids") or [],
        "published": src.get("published"),
        "indexed": src.get("indexed"),
        "story": src.get("story"),
        "group": src.get("group"),
    }
    if query is not None:
        out["highlight"] = highlight(out["text"] or "", query)
    return out


@bp.get("/claims")
@P.endpoint(
    "Search claims and denials",
    (P.Q, P.KIND, P.SPEAKER, P.ENTITY, P.LANG, P.SOURCE, P.STORY, P.GROUP, *P.FIGURE_PARAMS, P.SINCE, P.UNTIL,
     P.size(20), P.CURSOR),
    "ClaimPage",
    (304, 400, 502, 503),
)
def search_claims(p: dict):
    P.check_ranges(p)
    parsed = parse_query(p["q"]) if p.get("q") else None
    query: dict = {"bool": {"filter": filters(p) + story_filter(p)}}
    if parsed is not None:
        query["bool"]["must"] = [to_es(parsed.root, ["text_form"])]
    newest = {"published": {"order": "desc", "missing": "_last"}}
    sort = (["_score", newest] if parsed else [newest]) + [{"id": "asc"}]
    page = paginate(get_es(), alias("claims"), query, sort, p["size"], p["cursor"],
                    cursors.binding("claims", p), _SOURCE)
    return page_response(page, lambda src: claim_out(src, parsed))
