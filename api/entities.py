"""Entities: prefix lookup in both scripts, and one entity with counts, timeline and co-occurrences."""

from __future__ import annotations

import re

from flask import Blueprint, jsonify

from api import params as P
from api.db import alias, get_es
from api.errors import ApiError
from marsad.documents import alias_form
from nlp.normalize import search_form

bp = Blueprint("entities", __name__)

_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_SOURCE = ["id", "name", "label", "aliases", "langs", "first_seen", "last_seen"]


def _counts(es, ids: list[str]) -> dict[str, dict[str, int]]:
    """Returns {id: {"articles": n, "claims": n, "denials": n}} from terms aggregations (one msearch)."""
    if not ids:
        return {}
    agg = {"ids": {"terms": {"field": "entity_ids", "include": ids, "size": len(ids)}}}
    searches = [
        {"index": alias("articles")}, {"size": 0, "query": {"terms": {"entity_ids": ids}}, "aggs": agg},
        {"index": alias("claims")}, {"size": 0, "query": {"terms": {"entity_ids": ids}},
                                     "aggs": {**agg, "denials": {"filter": {"term": {"kind": "denial"}},
                                                                 "aggs": agg}}},
    ]
    responses = es.msearch(searches=searches)["responses"]
    out = {i: {"articles": 0, "claims": 0, "denials": 0} for i in ids}
    for name, res in zip(("articles", "claims"), responses, strict=True):
        if "error" in res:
            continue
        for b in res["aggregations"]["ids"]["buckets"]:
            out[b["key"]][name] = b["doc_count"]
        if name == "claims":
            for b in res["aggregations"]["denials"]["ids"]["buckets"]:
                out[b["key"]]["denials"] = b["doc_count"]
    return out


def _by_script(names: list[str]) -> dict[str, list[str]]:
    return {"ar": [n for n in names if _ARABIC.search(n)], "latin": [n for n in names if not _ARABIC.search(n)]}


def entity_out(src: dict, counts: dict[str, int]) -> dict:
    """Returns the API's Entity for an entities-index document and its counts."""
    aliases = src.get("aliases") or []
    return {
        "id": src["id"],
        "name": src.get("name"),
        "label": src.get("label"),
        "aliases": aliases,
        "names": _by_script(aliases),
        "langs": src.get("langs") or [],
        "articles": counts.get("articles", 0),
        "claims": counts.get("claims", 0),
        "denials": counts.get("denials", 0),
        "first_seen": src.get("first_seen"),
        "last_seen": src.get("last_seen"),
    }


@bp.get("/entities")
@P.endpoint("Find entities by name prefix in Arabic or Latin script", (P.ENTITY_Q, P.size(20)), "EntityList")
def list_entities(p: dict):
    es = get_es()
    if p["q"]:
        form = alias_form(p["q"])
        words = search_form(p["q"])
        should: list[dict] = [
            {"term": {"id": {"value": p["q"], "boost": 10}}},
            {"term": {"alias_forms": {"value": form, "boost": 8}}},
            {"prefix": {"alias_forms": {"value": form, "boost": 4}}},
        ]
        if words:
            # Any word of a name may be the one typed ("Haddad", "حداد"), also inflected.
            should.append({"match_bool_prefix": {"names_form": {"query": words}}})
        query: dict = {"bool": {"should": should, "minimum_should_match": 1}}
        sort: list = ["_score", {"name": "asc"}]
    else:
        query, sort = {"match_all": {}}, [{"last_seen": "desc"}, {"id": "asc"}]
    res = es.search(index=alias("entities"), query=query, sort=sort, size=p["size"], source=_SOURCE)
    docs = [h["_source"] for h in res["hits"]["hits"]]
    counts = _counts(es, [d["id"] for d in docs])
    return jsonify({"items": [entity_out(d, counts.get(d["id"], {})) for d in docs]})


def find_entity(es, entity_id: str) -> dict:
    """Returns the stored entity document, or raises a 404 ApiError."""
    res = es.search(index=alias("entities"), query={"term": {"id": entity_id}}, size=1, source=_SOURCE)
    hits = res["hits"]["hits"]
    if not hits:
        raise ApiError(404, "not_found", f"no entity with id {entity_id!r}")
    return hits[0]["_source"]


@bp.get("/entities/<entity_id>")
@P.endpoint("One entity: names in both scripts, counts, timeline of mentions and denials, co-occurring entities",
            (P.INTERVAL,), "EntityDetail", (400, 404, 503))
def get_entity(p: dict, entity_id: str):
    es = get_es()
    doc = find_entity(es, entity_id)
    hist = {"date_histogram": {"field": "published", "calendar_interval": p["interval"], "min_doc_count": 1}}
    searches = [
        {"index": alias("articles")},
        {"size": 0, "query": {"term": {"entity_ids": entity_id}},
         "aggs": {"timeline": hist,
                  "with": {"terms": {"field": "entity_ids", "size": 11, "exclude": [entity_id]}}}},
        {"index": alias("claims")},
        {"size": 0, "query": {"bool": {"filter": [{"term": {"entity_ids": entity_id}},
                                                  {"term": {"kind": "denial"}}]}},
         "aggs": {"timeline": hist}},
    ]
    arts, dens = es.msearch(searches=searches)["responses"]
    for res in (arts, dens):
        if "error" in res:
            raise ApiError(503, "store_error", "the search store could not compute this entity's statistics")
    buckets: dict[str, dict] = {}
    for b in arts["aggregations"]["timeline"]["buckets"]:
        buckets[b["key_as_string"]] = {"date": b["key_as_string"], "mentions": b["doc_count"], "denials": 0}
    for b in dens["aggregations"]["timeline"]["buckets"]:
        buckets.setdefault(b["key_as_string"], {"date": b["key_as_string"], "mentions": 0, "denials": 0})
        buckets[b["key_as_string"]]["denials"] = b["doc_count"]
    co = arts["aggregations"]["with"]["buckets"][:10]
    names: dict[str, dict] = {}
    if co:
        found = es.search(index=alias("entities"), query={"terms": {"id": [b["key"] for b in co]}},
                          size=len(co), source=["id", "name", "label"])
        names = {h["_source"]["id"]: h["_source"] for h in found["hits"]["hits"]}
    counts = _counts(es, [entity_id]).get(entity_id, {})
    out = entity_out(doc, counts)
    out["interval"] = p["interval"]
    out["timeline"] = [buckets[k] for k in sorted(buckets)]
    out["cooccurring"] = [
        {"id": b["key"], "name": names.get(b["key"], {}).get("name", b["key"]),
         "label": names.get(b["key"], {}).get("label"), "articles": b["doc_count"]}
        for b in co
    ]
    return jsonify(out)
