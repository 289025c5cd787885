"""Stories: one news event across outlets and languages (``marsad.stories`` groups them as articles arrive).

``GET /stories`` lists them (latest activity first, by relevance with ``q``),
``GET /stories/{id}`` gives one with its articles and claim groups, and
``GET /stories/{id}/feed`` its newest articles and claims as JSON Feed or Atom
with an ETag. A story id absorbed by a merge keeps answering with the story
that absorbed it (``absorbed`` on the stories-index document).
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request
from marsad.api import cursor as cursors
from marsad.api import params as P
from marsad.api.conditional import FEED_CACHE, etag, hit_versions, not_modified, page_response, tagged
from marsad.api.db import alias, get_es
from marsad.api.errors import ApiError
from marsad.api.feedcache import cached_feed
from marsad.api.feeds import _atom_feed, _json_feed, merge_items
from marsad.api.search import _iso, paginate, parse_query, to_es

bp = Blueprint("stories", __name__)

_SOURCE = ["id", "titles", "langs", "sources", "articles", "duplicates", "first_published", "last_published",
           "entities", "figures", "claims", "denials", "absorbed"]
# The most articles and claims a story page lists (a story is one event: a few dozen reports).
MAX_ARTICLES = 500
MAX_CLAIMS = 1000


def story_out(src: dict) -> dict:
    """Returns the API's Story for a stories-index document."""
    return {
        "id": src["id"],
        "titles": src.get("titles") or {},
        "langs": src.get("langs") or [],
        "sources": src.get("sources") or [],
        "articles": src.get("articles", 0),
        "duplicates": src.get("duplicates", 0),
        "first_published": src.get("first_published"),
        "last_published": src.get("last_published"),
        "entities": src.get("entities") or [],
        "figures": src.get("figures") or [],
        "claims": src.get("claims", 0),
        "denials": src.get("denials", 0),
    }


def find_story_hit(es, story_id: str) -> dict:
    """Returns the stories-index hit (with its version) of this id, or of the story that absorbed it.

    Raises:
        ApiError: 404 when no story answers to the id.
    """
    query = {"bool": {"should": [{"term": {"id": story_id}}, {"term": {"absorbed": story_id}}],
                      "minimum_should_match": 1}}
    res = es.search(index=alias("stories"), query=query, size=5, source=_SOURCE, sort=[{"id": "asc"}],
                    seq_no_primary_term=True)
    hits = res["hits"]["hits"]
    if not hits:
        raise ApiError(404, "not_found", f"no story with id {story_id!r}")
    own = [h for h in hits if h["_source"]["id"] == story_id]
    return (own or hits)[0]


def find_story(es, story_id: str) -> dict:
    """Returns the stories-index document with this id, or the one that absorbed it; raises a 404 ApiError."""
    return find_story_hit(es, story_id)["_source"]


def story_ids(src: dict) -> list[str]:
    """Returns every id the documents of a story may carry: its own and the ids it absorbed."""
    return [src["id"], *(i for i in src.get("absorbed") or [] if i != src["id"])]


def story_filter(p: dict) -> list[dict]:
    """Returns the filter clauses of the story= and group= parameters (an absorbed id means its survivor)."""
    out: list[dict] = []
    if p.get("story"):
        try:
            ids = story_ids(find_story(get_es(), p["story"]))
        except ApiError:
            ids = [p["story"]]
        out.append({"terms": {"story": ids}})
    if p.get("group"):
        out.append({"term": {"group": p["group"]}})
    return out


@bp.get("/stories")
@P.endpoint(
    "Search stories (latest activity first without q, by relevance with q)",
    (P.Q, P.LANG, P.ENTITY, P.SOURCE, P.SINCE, P.UNTIL, P.size(20), P.CURSOR),
    "StoryPage",
    (304, 400, 502, 503),
)
def list_stories(p: dict):
    P.check_ranges(p)
    clauses: list[dict] = []
    if p["lang"]:
        clauses.append({"term": {"langs": p["lang"]}})
    if p["source"]:
        clauses.append({"term": {"sources": p["source"]}})
    if p["entity"]:
        from marsad.api.entities import resolve_ids

        clauses.append({"terms": {"entities": resolve_ids(get_es(), p["entity"])}})
    # A story is active on a day between its first and its last article.
    if p["since"]:
        clauses.append({"range": {"last_published": {"gte": _iso(p["since"])}}})
    if p["until"]:
        clauses.append({"range": {"first_published": {"lte": _iso(p["until"])}}})
    query: dict = {"bool": {"filter": clauses}}
    parsed = parse_query(p["q"]) if p["q"] else None
    if parsed is not None:
        query["bool"]["must"] = [to_es(parsed.root, ["text_form"])]
    latest = {"last_published": {"order": "desc", "missing": "_last"}}
    sort = (["_score", latest] if parsed else [latest]) + [{"id": "asc"}]
    page = paginate(get_es(), alias("stories"), query, sort, p["size"], p["cursor"],
                    cursors.binding("stories", p), _SOURCE)
    return page_response(page, story_out)


def _claim_groups(hits: list[dict]) -> list[dict]:
    """Returns the story's claim groups: each group's claims (oldest first), kind, speaker and languages."""
    groups: dict[str, dict] = {}
    for h in hits:
        c = h["_source"]
        gid = c.get("group") or c["id"]
        g = groups.setdefault(gid, {"id": gid, "kind": c.get("kind"), "speaker": None, "claims": [], "langs": [],
                                    "denial": False})
        speaker = c.get("speaker") or {}
        if g["speaker"] is None and speaker.get("id"):
            g["speaker"] = {"id": speaker["id"], "name": speaker.get("name") or speaker.get("text")}
        g["claims"].append(c["id"])
        if c.get("lang") and c["lang"] not in g["langs"]:
            g["langs"].append(c["lang"])
        g["denial"] = g["denial"] or c.get("kind") == "denial"
    out = sorted(groups.values(), key=lambda g: (-len(g["claims"]), g["id"]))
    for g in out:
        g["langs"].sort()
    return out


@bp.get("/stories/<story_id>")
@P.endpoint("One story with its articles (copies marked) and its claim groups", (), "StoryDetail", (404, 502, 503))
def get_story(p: dict, story_id: str):
    es = get_es()
    doc = find_story(es, story_id)
    ids = story_ids(doc)
    published = [{"published": {"order": "asc", "missing": "_last"}}, {"id": "asc"}]
    arts, claims = es.msearch(searches=[
        {"index": alias("articles")},
        {"query": {"terms": {"story": ids}}, "size": MAX_ARTICLES, "sort": published,
         "_source": ["id", "url", "title", "lang", "source", "published", "duplicate_of"]},
        {"index": alias("claims")},
        {"query": {"terms": {"story": ids}}, "size": MAX_CLAIMS, "sort": published,
         "_source": ["id", "group", "kind", "speaker", "lang"]},
    ])["responses"]
    if "error" in arts or "error" in claims:
        raise ApiError(503, "store_error", "the search store could not list this story", {"Retry-After": "5"})
    out = story_out(doc)
    out["absorbed"] = doc.get("absorbed") or []
    # The count stays as article_count: here `articles` is the list (../shared/CONTRACT.md, Stories).
    out["article_count"] = out["articles"]
    out["articles"] = [
        {k: h["_source"].get(k) for k in ("id", "url", "title", "lang", "source", "published", "duplicate_of")}
        for h in arts["hits"]["hits"]]
    out["claim_groups"] = _claim_groups(claims["hits"]["hits"])
    return jsonify(out)


def _feed_hits(es, doc: dict, since, size: int) -> tuple[list[dict], list[dict]]:
    """Returns the hits of the story's newest articles and of its newest claims (one msearch)."""
    ids = story_ids(doc)
    flt: list[dict] = [{"terms": {"story": ids}}]
    if since:
        flt.append({"range": {"published": {"gte": _iso(since)}}})
    query = {"bool": {"filter": flt}}
    sort = [{"published": {"order": "desc", "missing": "_last"}}, {"id": "asc"}]
    arts, claims = es.msearch(searches=[
        {"index": alias("articles")},
        {"query": query, "sort": sort, "size": size, "seq_no_primary_term": True,
         "_source": ["id", "url", "title", "lang", "source", "published", "indexed", "body"]},
        {"index": alias("claims")},
        {"query": query, "sort": sort, "size": size, "seq_no_primary_term": True,
         "_source": ["id", "url", "title", "lang", "kind", "text", "speaker", "published", "indexed"]},
    ])["responses"]
    if "error" in arts or "error" in claims:
        raise ApiError(503, "store_error", "the search store could not build this feed", {"Retry-After": "5"})
    return arts["hits"]["hits"], claims["hits"]["hits"]


@bp.get("/stories/<story_id>/feed")
@cached_feed
@P.endpoint("The story's newest articles and claims as JSON Feed 1.1 or Atom",
            (P.FORMAT, P.FEED_SINCE, P.size(30)), "Feed", (304, 400, 404, 502, 503))
def story_feed(p: dict, story_id: str):
    es = get_es()
    hit = find_story_hit(es, story_id)
    doc = hit["_source"]
    arts, claims = _feed_hits(es, doc, p["since"], p["size"])
    tag = etag(hit_versions([hit, *arts, *claims]))
    unchanged = not_modified(tag, FEED_CACHE)
    if unchanged is not None:
        return unchanged
    items = merge_items(arts, claims, p["size"])
    titles = doc.get("titles") or {}
    name = titles.get("en") or titles.get("ar") or next(iter(titles.values()), doc["id"])
    title = f"Marsad story: {name}"
    home = request.host_url.rstrip("/") + "/"
    if p["format"] == "atom":
        body = _atom_feed(doc, items, request.url, home, title=title, urn=f"urn:marsad:story:{doc['id']}")
        mimetype = "application/atom+xml"
    else:
        body = _json_feed(doc, items, request.url, home, title=title,
                          description=f"Newest articles and claims of the story {name}.")
        mimetype = "application/feed+json"
    return tagged(Response(body, mimetype=mimetype), tag, FEED_CACHE)
