"""Claim search and entities against the real Elasticsearch."""

from __future__ import annotations

import pytest
from apikit import AUTHORITY, NASSAR, QAMAR, by_key  # noqa: E402


def claims(client, **params) -> dict:
    res = client.get("/api/v1/claims", query_string={"size": 50, **params})
    assert res.status_code == 200, res.json
    return res.json


def test_every_denial_by_a_speaker_in_both_languages(client):
    body = claims(client, kind="denial", speaker=QAMAR[0])
    assert body["total"] == 2
    assert {c["lang"] for c in body["items"]} == {"ar", "en"}
    for c in body["items"]:
        story = by_key(c["url"].rsplit("/", 1)[-1])
        assert c["title"] == story.title and c["published"] == story.published and c["article_id"] == story.id
        assert c["kind"] == "denial" and c["speaker"]["id"] == QAMAR[0]
        assert story.body[c["start"]:c["end"]] == c["text"]


def test_claims_citing_more_than_a_million_subscribers(client):
    body = claims(client, figure_kind="count", min_value=1_000_000, entity=QAMAR[0])
    assert {c["url"].rsplit("/", 1)[-1] for c in body["items"]} == {"en-qamar-denial", "ar-qamar-denial"}
    assert all(f["value"] == 2_500_000 for c in body["items"] for f in c["figures"])


def test_money_in_euros_above_300_million(client):
    body = claims(client, figure_kind="money", currency="EUR", min_value=300_000_000)
    mine = [c for c in body["items"] if c["speaker"] and c["speaker"]["id"] == AUTHORITY[0]]
    assert {c["lang"] for c in mine} == {"ar", "en"}
    assert not claims(client, figure_kind="money", currency="EUR", min_value=500_000_000, speaker=AUTHORITY[0])[
        "items"]


def test_claim_text_query_with_highlight(client):
    body = claims(client, q="تبيع بيانات", lang="ar", speaker=NASSAR[0])
    assert body["total"] == 1
    assert "<mark>" in body["items"][0]["highlight"]
    en = claims(client, q='"personal data"', speaker=NASSAR[0])
    assert [c["lang"] for c in en["items"]] == ["en"]
    assert "<mark>personal data</mark>" in en["items"][0]["highlight"]
    assert claims(client, q="personal NOT never", speaker=NASSAR[0])["total"] == 0


def test_claims_date_range(client):
    body = claims(client, entity=QAMAR[0], since="2026-10-01T00:00:00Z", until="2026-10-31T23:59:59Z")
    assert {c["url"].rsplit("/", 1)[-1] for c in body["items"]} == {"en-fine", "ar-fine"}


@pytest.mark.parametrize("prefix", ["qam", "Qamar Tel", "قمر", "قمر لل", "kar", "كريم"])
def test_entity_prefix_search_in_both_scripts(client, prefix):
    res = client.get("/api/v1/entities", query_string={"q": prefix})
    assert res.status_code == 200
    ids = [e["id"] for e in res.json["items"]]
    assert ids and ids[0] in (QAMAR[0], NASSAR[0])


def test_entity_list_has_aliases_and_counts(client):
    item = next(e for e in client.get("/api/v1/entities?q=qamar").json["items"] if e["id"] == QAMAR[0])
    assert {"Qamar Telecom", "قمر للاتصالات"} <= set(item["aliases"])
    assert "قمر للاتصالات" in item["names"]["ar"] and "Qamar Telecom" in item["names"]["latin"]
    assert item["articles"] == 5 and item["label"] == "ORG"


def test_entity_detail_timeline_and_cooccurring(client):
    res = client.get(f"/api/v1/entities/{QAMAR[0]}", query_string={"interval": "month"})
    assert res.status_code == 200
    e = res.json
    assert e["articles"] == 5 and e["claims"] == 5 and e["denials"] == 2
    by_month = {b["date"][:7]: b for b in e["timeline"]}
    assert by_month["2026-11"] == {"date": by_month["2026-11"]["date"], "mentions": 2, "denials": 2}
    assert by_month["2026-10"]["mentions"] == 2 and by_month["2026-08"]["mentions"] == 1
    co = {c["id"]: c for c in e["cooccurring"]}
    assert co[AUTHORITY[0]]["articles"] == 2 and co[AUTHORITY[0]]["name"] == "Digital Authority"
    assert co[NASSAR[0]]["articles"] == 2 and QAMAR[0] not in co


def test_unknown_entity_is_404(client):
    res = client.get("/api/v1/entities/no-such-entity")
    assert res.status_code == 404 and res.json["error"]["code"] == "not_found"
    assert client.get("/api/v1/entities/no-such-entity/feed").status_code == 404
