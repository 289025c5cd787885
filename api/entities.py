"""Entities: prefix lookup in both scripts, and one entity with counts, timeline and co-occurrences."""

from __future__ import annotations

import re

from flask import Blueprint, jsonify
from marsad.api import params as P
from marsad.api.db import alias, get_es
from marsad.api.errors import ApiError
from marsad.nlp.normalize import search_form

from marsad.documents import alias_form

bp = Blueprint("entities", __name__)

_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_SOURCE = ["id", "name", "label", "aliases", "langs", "first_seen", "last_seen", "absorbed"]


def _counts(es, groups: dict[str, list[str]]) -> dict[str, dict[str, int]]:
    """Returns {id: {"articles": n, "claims": n, "denials": n}} from filters aggregations (one msearch).

    Args:
        es: the client.
        groups: each entity id with every id it answers to (its own and the ids it absorbed), so an
            article stored under an absorbed id counts once for the entity.
    """
    if not groups:
        return {}
    every = sorted({i for ids in groups.values() for i in ids})
    agg = {"ids": {"filters": {"filters": {eid: {"terms": {"entity_ids": ids}} for eid, ids in groups.items()}}}}
    searches = [
        {"index": alias("articles")}, {"size": 0, "query": {"terms": {"entity_ids": every}}, "aggs": agg},
        {"index": alias("claims")}, {"size": 0, "query": {"terms": {"entity_ids": every}},
                                     "aggs": {**agg, "denials": {"filter": {"term": {"kind": "denial"}},
                                                                 "aggs": agg}}},
    ]
    responses = es.msearch(searches=searches)["responses"]
    out = {i: {"articles": 0, "claims": 0, "denials": 0} for i in groups}
    for name, res in zip(("articles", "claims"), responses, strict=True):
        if "error" in res:
            continue
        for eid, b in res["aggregations"]["ids"]["buckets"].items():
            out[eid][name] = b["doc_count"]
        if name == "claims":
            for eid, b in res["aggregations"]["denials"]["ids"]["buckets"].items():
                out[eid]["denials"] = b["doc_count"]
    return out


def id_group(src: dict) -> list[str]:
    """Returns every id an entities-index document answers to: its own, then the ids merged into it."""
    return [src["id"], *(i for i in src.get("absorbed") or [] if i != src["id"])]


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
            {"term": {"absorbed": {"value": p["q"], "boost": 9}}},
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
    counts = _counts(es, {d["id"]: id_group(d) for d in docs})
    return jsonify({"items": [entity_out(d, counts.get(d["id"], {})) for d in docs]})


def find_entity(es, entity_id: str) -> dict:
    """Returns the stored entity document with this id, or the one that absorbed it; raises a 404 ApiError.

    An id merged into another entity keeps answering (../shared/CONTRACT.md): the
    survivor, with its own id, is returned for it.
    """
    query = {"bool": {"should": [{"term": {"id": entity_id}}, {"term": {"absorbed": entity_id}}],
                      "minimum_should_match": 1}}
    res = es.search(index=alias("entities"), query=query, size=10, source=_SOURCE, sort=[{"id": "asc"}])
    hits = [h["_source"] for h in res["hits"]["hits"]]
    if not hits:
        raise ApiError(404, "not_found", f"no entity with id {entity_id!r}")
    own = [h for h in hits if h["id"] == entity_id]
    return (own or hits)[0]


def resolve_ids(es, entity_id: str) -> list[str]:
    """Returns the ids to filter by for an entity id: the entity's group, or the id alone when no entity has it."""
    try:
        return id_group(find_entity(es, entity_id))
    except ApiError:
        return [entity_id]


@bp.get("/entities/<entity_id>")
@P.endpoint("One entity: names in both scripts, counts, timeline of mentions and denials, co-occurring entities",
            (P.INTERVAL,), "EntityDetail", (400, 404, 502, 503))
def get_entity(p: dict, entity_id: str):
    es = get_es()
    doc = find_entity(es, entity_id)
    ids = id_group(doc)
    hist = {"date_histogram": {"field": "published", "calendar_interval": p["interval"], "min_doc_count": 1}}
    searches = [
        {"index": alias("articles")},
        {"size": 0, "query": {"terms": {"entity_ids": ids}},
         "aggs": {"timeline": hist,
                  "with": {"terms": {"field": "entity_ids", "size": 10 + len(ids), "exclude": ids}}}},
        {"index": alias("claims")},
        {"size": 0, "query": {"bool": {"filter": [{"terms": {"entity_ids": ids}},
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
    counts = _counts(es, {doc["id"]: ids}).get(doc["id"], {})
    out = entity_out(doc, counts)
    out["interval"] = p["interval"]
    out["timeline"] = [buckets[k] for k in sorted(buckets)]
    out["cooccurring"] = [
        {"id": b["key"], "name": names.get(b["key"], {}).get("name", b["key"]),
         "label": names.get(b["key"], {}).get("label"), "articles": b["doc_count"]}
        for b in co
    ]
    return jsonify(out)
