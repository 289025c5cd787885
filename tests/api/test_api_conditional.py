"""Conditional GET on searches and feeds: the ETag follows the stored documents a response shows."""

from __future__ import annotations

import pytest
from api_fixtures import QAMAR, by_key  # noqa: E402

URLS = [
    "/api/v1/articles?q=privacy",
    "/api/v1/articles?lang=en&size=3",
    "/api/v1/claims?q=sells",
    f"/api/v1/entities/{QAMAR[0]}/feed?format=json",
    f"/api/v1/entities/{QAMAR[0]}/feed?format=atom",
]


def _rewrite(es, article_id: str) -> None:
    """Writes an article again, unchanged: a new version of the document, as a re-crawl makes."""
    from marsad import store

    src = es.get(index=store.alias("articles"), id=article_id)["_source"]
    es.index(index=store.alias("articles"), id=article_id, document=src, refresh=True)


@pytest.mark.parametrize("url", URLS)
def test_304_while_nothing_changed(client, url):
    first = client.get(url)
    assert first.status_code == 200 and first.data
    tag = first.headers["ETag"]
    assert tag.startswith('W/"')
    again = client.get(url, headers={"If-None-Match": tag})
    assert again.status_code == 304 and not again.data
    assert again.headers["ETag"] == tag and again.headers["Cache-Control"] == first.headers["Cache-Control"]
    assert client.get(url, headers={"If-None-Match": 'W/"stale", "other"'}).status_code == 200
    # A strong-looking copy of the tag matches too (If-None-Match compares weakly).
    assert client.get(url, headers={"If-None-Match": tag[2:]}).status_code == 304


def test_tags_differ_by_request_and_agree_across_workers(client):
    from marsad.api import create_app

    tags = {url: client.get(url).headers["ETag"] for url in URLS}
    assert len(set(tags.values())) == len(URLS)
    # Another worker process builds its own app: it must hand out the same tags.
    other = create_app({"TESTING": True, "RATE_LIMIT": 0}).test_client()
    assert {url: other.get(url).headers["ETag"] for url in URLS} == tags


def test_a_rewritten_document_changes_the_tag(client, es):
    url = "/api/v1/articles?q=sells"
    shown = client.get(url)
    assert by_key("en-qamar-denial").id in {i["id"] for i in shown.json["items"]}
    feed_url = f"/api/v1/entities/{QAMAR[0]}/feed?format=json"
    feed_tag = client.get(feed_url).headers["ETag"]
    _rewrite(es, by_key("en-qamar-denial").id)
    after = client.get(url, headers={"If-None-Match": shown.headers["ETag"]})
    assert after.status_code == 200 and after.headers["ETag"] != shown.headers["ETag"]
    assert after.json == shown.json  # same content, new version: the client gets it again, once
    assert client.get(feed_url, headers={"If-None-Match": feed_tag}).status_code == 200


def test_openapi_document_is_served_once_encoded_with_its_tag(app, client):
    from marsad.api.openapi import build

    first = client.get("/api/v1/openapi.json")
    assert first.status_code == 200 and first.json == build(app)
    assert client.get("/api/v1/openapi.json", headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    assert client.get("/api/v1/openapi.json").data == first.data
