"""An entity's feed of articles and claims, as JSON Feed 1.1 or Atom 1.0, with conditional GET.

The body depends only on the stored documents, so its hash is a strong ETag:
a client sending If-None-Match with it gets 304 until something changes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import orjson
from flask import Blueprint, Response, current_app, request, url_for
from marsad.api import params as P
from marsad.api.conditional import FEED_CACHE, etag, hit_versions, not_modified, tagged
from marsad.api.db import alias, get_es
from marsad.api.entities import id_group
from marsad.api.errors import ApiError
from marsad.api.feedcache import cached_feed
from marsad.api.search import _iso

bp = Blueprint("feeds", __name__)

ATOM = "http://www.w3.org/2005/Atom"
_EPOCH = "1970-01-01T00:00:00Z"


def _date(value: str | None) -> str:
    """Returns an RFC 3339 date-time (Atom and JSON Feed want full date-times with a zone)."""
    if not value:
        return _EPOCH
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return _EPOCH
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _hits(entity_id: str, since: datetime | None, size: int) -> tuple[dict, list[dict], list[dict]]:
    """Returns the entity's hit and the hits of its newest articles and of its newest claims.

    One msearch fetches all three, so a feed usually costs one round trip to Elasticsearch.

    Raises:
        ApiError: 404 when the entity is unknown.
    """
    es = get_es()
    sort = [{"published": {"order": "desc", "missing": "_last"}}, {"id": "asc"}]

    def searches(ids: list[str]) -> list[dict]:
        flt: list[dict] = [{"terms": {"entity_ids": ids}}]
        if since:
            flt.append({"range": {"published": {"gte": _iso(since)}}})
        query = {"bool": {"filter": flt}}
        return [
            {"index": alias("articles")},
            {"query": query, "sort": sort, "size": size, "seq_no_primary_term": True,
             "_source": ["id", "url", "title", "lang", "source", "published", "indexed", "body"]},
            {"index": alias("claims")},
            {"query": query, "sort": sort, "size": size, "seq_no_primary_term": True,
             "_source": ["id", "url", "title", "lang", "kind", "text", "speaker", "published", "indexed"]},
        ]

    def run(body: list[dict]) -> list[dict]:
        responses = es.msearch(searches=body)["responses"]
        if any("error" in res for res in responses):
            raise ApiError(503, "store_error", "the search store could not build this feed", {"Retry-After": "5"})
        return responses

    # The entity is looked up with the articles and claims of its id, in one round trip. An entity that
    # absorbed other ids, or an absorbed id asked for, needs a second: its group of ids is known only now.
    entity_query = {"bool": {"should": [{"term": {"id": entity_id}}, {"term": {"absorbed": entity_id}}],
                             "minimum_should_match": 1}}
    entity, arts, claims = run([
        {"index": alias("entities")},
        {"query": entity_query, "size": 10, "sort": [{"id": "asc"}], "seq_no_primary_term": True,
         "_source": ["id", "name", "label", "absorbed"]},
        *searches([entity_id]),
    ])
    hits = entity["hits"]["hits"]
    if not hits:
        raise ApiError(404, "not_found", f"no entity with id {entity_id!r}")
    found = next((h for h in hits if h["_source"]["id"] == entity_id), hits[0])
    ids = id_group(found["_source"])
    if ids != [entity_id]:
        arts, claims = run(searches(ids))
    return found, arts.get("hits", {}).get("hits", []), claims.get("hits", {}).get("hits", [])


def merge_items(arts: list[dict], claims: list[dict], size: int) -> list[dict]:
    """Returns the feed records of article and claim hits, newest first, at most size."""
    items = [article_item(h["_source"]) for h in arts]
    items += [claim_item(h["_source"]) for h in claims]
    items.sort(key=lambda i: (i["published"], i["id"]), reverse=True)
    return items[:size]


def article_item(s: dict) -> dict:
    """Returns the neutral feed record of an articles-index document."""
    body = s.get("body") or ""
    return {"id": f"article:{s['id']}", "url": s.get("url"), "title": s.get("title") or s.get("url"),
            "text": body[:600] + ("…" if len(body) > 600 else ""), "lang": s.get("lang"),
            "published": _date(s.get("published") or s.get("indexed")),
            "updated": _date(s.get("indexed")), "tags": ["article", s.get("source") or ""],
            "author": s.get("source")}


def claim_item(s: dict) -> dict:
    """Returns the neutral feed record of a claims-index document."""
    speaker = (s.get("speaker") or {}).get("name") or (s.get("speaker") or {}).get("text")
    label = "Denial" if s.get("kind") == "denial" else "Statement"
    title = f"{label} by {speaker}" if speaker else label
    return {"id": f"claim:{s['id']}", "url": s.get("url"), "title": f"{title}: {s.get('title') or ''}",
            "text": s.get("text") or "", "lang": s.get("lang"),
            "published": _date(s.get("published") or s.get("indexed")),
            "updated": _date(s.get("indexed")), "tags": ["claim", s.get("kind") or ""],
            "author": speaker}


def _json_feed(entity: dict, items: list[dict], self_url: str, home: str, title: str | None = None,
               description: str | None = None) -> bytes:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title or f"Marsad: {entity.get('name') or entity['id']}",
        "home_page_url": home,
        "feed_url": self_url,
        "description": description or f"Newest articles and claims that mention {entity.get('name') or entity['id']}.",
        "authors": [{"name": "Marsad"}],
        "items": [
            {
                "id": i["id"],
                "url": i["url"],
                "title": i["title"],
                "content_text": i["text"],
                "date_published": i["published"],
                "date_modified": i["updated"],
                "language": i["lang"],
                "tags": [t for t in i["tags"] if t],
                **({"authors": [{"name": i["author"]}]} if i["author"] else {}),
            }
            for i in items
        ],
    }
    return orjson.dumps(feed, option=orjson.OPT_INDENT_2)


def _atom_feed(entity: dict, items: list[dict], self_url: str, home: str, title: str | None = None,
               urn: str | None = None) -> bytes:
    ET.register_namespace("", ATOM)

    def sub(parent, tag, text=None, **attrs):
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: v for k, v in attrs.items() if v is not None})
        if text is not None:
            el.text = text
        return el

    root = ET.Element(f"{{{ATOM}}}feed")
    sub(root, "id", urn or f"urn:marsad:entity:{entity['id']}")
    sub(root, "title", title or f"Marsad: {entity.get('name') or entity['id']}")
    sub(root, "updated", max((i["updated"] for i in items), default=_EPOCH))
    sub(root, "link", rel="self", href=self_url, type="application/atom+xml")
    sub(root, "link", rel="alternate", href=home, type="text/html")
    author = sub(root, "author")
    sub(author, "name", "Marsad")
    sub(root, "generator", "Marsad")
    for i in items:
        entry = sub(root, "entry")
        entry.set("{http://www.w3.org/XML/1998/namespace}lang", i["lang"] or "")
        sub(entry, "id", f"urn:marsad:{i['id']}")
        sub(entry, "title", i["title"])
        sub(entry, "updated", i["updated"])
        sub(entry, "published", i["published"])
        if i["url"]:
            sub(entry, "link", rel="alternate", href=i["url"])
        if i["author"]:
            sub(sub(entry, "author"), "name", i["author"])
        for tag in i["tags"]:
            if tag:
                sub(entry, "category", term=tag)
        sub(entry, "summary", i["text"], type="text")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8")


@bp.get("/entities/<entity_id>/feed")
@cached_feed
@P.endpoint("The entity's newest articles and claims as JSON Feed 1.1 or Atom",
            (P.FORMAT, P.FEED_SINCE, P.size(30)), "Feed", (304, 400, 404, 502, 503))
def entity_feed(p: dict, entity_id: str):
    hit, arts, claims = _hits(entity_id, p["since"], p["size"])
    tag = etag(hit_versions([hit, *arts, *claims]))
    unchanged = not_modified(tag, FEED_CACHE)
    if unchanged is not None:
        return unchanged
    entity, items = hit["_source"], merge_items(arts, claims, p["size"])
    self_url = request.url
    home = request.host_url.rstrip("/") + (url_for("web.entity", entity_id=entity_id)
                                           if "web.entity" in current_app.view_functions else "/")
    if p["format"] == "atom":
        body, mimetype = _atom_feed(entity, items, self_url, home), "application/atom+xml"
    else:
        body, mimetype = _json_feed(entity, items, self_url, home), "application/feed+json"
    return tagged(Response(body, mimetype=mimetype), tag, FEED_CACHE)
