"""orjson in the Elasticsearch client and in Flask: documents and responses come out as they went in."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from elasticsearch import helpers
from marsad.api import create_app

DOC = {
    "title": "نفت الشركة بيع بيانات 87 مليون مستخدم",
    "body": "Twitter denied it sold data — «لم نبع شيئاً» \u200f; emoji 📰 and a lone quote \"",
    "figures": [{"value": 333_000_000, "unit": "USD"}, {"value": 0.13, "unit": "percent"}],
    "big": 2**53 + 1,
    # Beyond 64 bits orjson refuses; the json module writes it ("99999999999999999999999 users").
    "huge": 10**23,
    "ratio": 1e15,
    "nested": {"empty": [], "none": None, "flag": True},
}
READ_BACK = {**DOC, "huge": float(10**23)}


@pytest.mark.es
def test_documents_round_trip_through_search_and_bulk(es, index_prefix):
    index = f"{index_prefix}-codecs"
    es.options(ignore_status=404).indices.delete(index=index)
    es.indices.create(index=index, mappings={"dynamic": False})
    try:
        es.index(index=index, id="one", document=DOC, refresh=True)
        # The huge integer is written exactly and read back as the double it is indexed as.
        assert es.get(index=index, id="one")["_source"] == READ_BACK
        ok, errors = helpers.bulk(es, ({"_index": index, "_id": f"b{i}", **DOC, "n": i} for i in range(50)),
                                  refresh=True)
        assert (ok, errors) == (50, [])
        hits = es.search(index=index, size=100, sort=["_doc"])["hits"]["hits"]
        assert len(hits) == 51
        assert all({k: v for k, v in h["_source"].items() if k != "n"} == READ_BACK for h in hits)
        # Dates the indexer hands over as datetime objects are written as ISO 8601.
        es.index(index=index, id="dated", document={"at": datetime(2026, 11, 29, 8, 30, tzinfo=UTC)}, refresh=True)
        assert es.get(index=index, id="dated")["_source"]["at"] == "2026-11-29T08:30:00+00:00"
    finally:
        es.options(ignore_status=404).indices.delete(index=index)


def test_flask_responses_are_utf8_json_in_insertion_order():
    app = create_app({"ES_URL": "http://127.0.0.1:9"})

    @app.get("/codec")
    def codec():
        return {"z": DOC["title"], "a": DOC, "when": datetime(2026, 11, 29, 8, 30, tzinfo=UTC)}

    res = app.test_client().get("/codec")
    assert res.status_code == 200 and res.mimetype == "application/json"
    raw = res.get_data()
    assert DOC["title"].encode("utf-8") in raw  # not \\u escapes
    data = json.loads(raw)
    assert list(data) == ["z", "a", "when"]
    assert data["a"] == DOC
    # Flask's own rule for dates (an HTTP date) still applies.
    assert data["when"] == "Sun, 29 Nov 2026 08:30:00 GMT"
