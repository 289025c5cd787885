"""Health: whether the API can reach Elasticsearch and its indices."""

from __future__ import annotations

from elastic_transport import TransportError
from elasticsearch import ApiError as ESApiError
from flask import Blueprint, jsonify
from marsad.api import params as P
from marsad.api.db import alias, get_es

from marsad.store import KINDS, StoreUnavailable

bp = Blueprint("health", __name__)


@bp.get("/health")
@P.endpoint("Service health and Elasticsearch status", (), "Health", (503,))
def health(p: dict):
    try:
        es = get_es()
        cluster = es.cluster.health(timeout="2s")
        counts = {}
        for kind in KINDS:
            res = es.options(ignore_status=404).count(index=alias(kind))
            counts[kind] = res.get("count") if res.meta.status == 200 else None
    except (StoreUnavailable, TransportError, ESApiError) as e:
        body = {"status": "unavailable",
                "elasticsearch": {"status": "unreachable"},
                "error": {"code": "store_unavailable",
                          "message": f"Elasticsearch is unreachable ({type(e).__name__})"}}
        response = jsonify(body)
        response.status_code = 503
        response.headers["Retry-After"] = "5"
        return response
    return jsonify({
        "status": "ok",
        "elasticsearch": {"status": cluster["status"], "cluster": cluster["cluster_name"],
                          "nodes": cluster["number_of_nodes"], "documents": counts},
    })
