"""Conditional GET on searches and feeds: the ETag follows the stored documents a response shows."""

from __future__ import annotations

import pytest
from apikit import QAMAR, by_key  # noqa: E402

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


def test_a_rewritten_document_changes_the_tag(es, api_stories):
    from marsad.api import create_app

    # Without the shared feed cache (below) the feed's tag follows the stored documents at once.
    client = create_app({"TESTING": True, "RATE_LIMIT": 0, "FEED_CACHE_SECONDS": 0}).test_client()
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


def test_the_shared_feed_cache_serves_one_build_to_every_client_until_it_expires(es, api_stories):
    import time

    from marsad.api import create_app

    ttl = 1.5
    client = create_app({"TESTING": True, "RATE_LIMIT": 0, "FEED_CACHE_SECONDS": ttl}).test_client()
    json_url, atom_url = (f"/api/v1/entities/{QAMAR[0]}/feed?format={f}" for f in ("json", "atom"))
    built = time.monotonic()
    first = client.get(json_url)
    assert first.status_code == 200 and "Age" not in first.headers
    atom = client.get(atom_url)
    assert atom.mimetype == "application/atom+xml" and atom.data != first.data  # one entry per URL
    # A re-crawl writes a document of the feed again: the cached build still answers (same tag,
    # same bytes, its age stated) — the store was not asked, or the tag would have changed.
    _rewrite(es, by_key("en-qamar-denial").id)
    again = client.get(json_url)
    assert again.status_code == 200 and again.data == first.data
    assert again.headers["ETag"] == first.headers["ETag"] and int(again.headers["Age"]) >= 0
    assert again.headers["Cache-Control"] == first.headers["Cache-Control"]
    cached_304 = client.get(json_url, headers={"If-None-Match": first.headers["ETag"]})
    assert cached_304.status_code == 304 and not cached_304.data and "Age" in cached_304.headers
    assert time.monotonic() - built < ttl, "the machine was too slow for this test's time-to-live"
    time.sleep(ttl - (time.monotonic() - built) + 0.1)
    fresh = client.get(json_url, headers={"If-None-Match": first.headers["ETag"]})
    assert fresh.status_code == 200 and "Age" not in fresh.headers
    assert fresh.headers["ETag"] != first.headers["ETag"]


def test_the_feed_cache_keeps_only_whole_tagged_200s_and_drops_the_least_recently_used():
    from flask import Flask, Response
    from marsad.api.feedcache import FeedCache

    now = [100.0]
    cache = FeedCache(ttl=10, max_entries=2, clock=lambda: now[0])
    app = Flask(__name__)
    with app.test_request_context():
        def tagged(body: bytes, status: int = 200, tag: str | None = "t") -> Response:
            response = Response(body, status=status)
            if tag:
                response.set_etag(tag, weak=True)
            return response

        cache.put("a", tagged(b"A"))
        cache.put("b", tagged(b"B"))
        cache.put("err", tagged(b"gone", status=404))
        cache.put("untagged", tagged(b"U", tag=None))
        assert cache.get("err") is None and cache.get("untagged") is None
        assert cache.get("a")[0].body == b"A"  # a is now the most recently used
        cache.put("c", tagged(b"C"))
        assert cache.get("b") is None and len(cache) == 2
        now[0] += 9.9
        entry, age = cache.get("c")
        assert entry.body == b"C" and abs(age - 9.9) < 1e-9
        now[0] += 0.1
        assert cache.get("c") is None and len(cache) == 1
