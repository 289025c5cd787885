"""Entity feeds (JSON Feed 1.1, Atom) and the editors' new-articles feed, against the real Elasticsearch."""

from __future__ import annotations

import json
import time

import feedparser
import pytest
from apikit import QAMAR, Story, by_key  # noqa: E402


def test_json_feed_is_valid_and_newest_first(client):
    res = client.get(f"/api/v1/entities/{QAMAR[0]}/feed?format=json")
    assert res.status_code == 200 and res.mimetype == "application/feed+json"
    feed = json.loads(res.data)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and feed["feed_url"].endswith("format=json")
    for item in feed["items"]:  # the spec requires id, and content_html or content_text
        assert isinstance(item["id"], str) and item["content_text"]
        assert item["date_published"].endswith("Z")
    dates = [i["date_published"] for i in feed["items"]]
    assert dates == sorted(dates, reverse=True)
    assert feed["items"][0]["url"] == by_key("ar-qamar-denial").url
    # feedparser 6.0 reads no JSON Feed, so the spec's rules are checked here: top-level and item
    # fields of the right types, and no key outside the spec (extensions would start with "_").
    top = {"version", "title", "home_page_url", "feed_url", "description", "user_comment", "next_url", "icon",
           "favicon", "authors", "language", "expired", "hubs", "items"}
    item_keys = {"id", "url", "external_url", "title", "content_html", "content_text", "summary", "image",
                 "banner_image", "date_published", "date_modified", "authors", "tags", "language", "attachments"}
    assert set(feed) <= top and all(set(i) <= item_keys for i in feed["items"])
    assert all(isinstance(t, str) for i in feed["items"] for t in i["tags"])
    assert len(feed["items"]) == 10  # 5 articles and 5 claims


def test_atom_feed_is_valid_and_bilingual(client):
    res = client.get(f"/api/v1/entities/{QAMAR[0]}/feed", query_string={"format": "atom", "since": "2026-10-01"})
    assert res.status_code == 200 and res.mimetype == "application/atom+xml"
    parsed = feedparser.parse(res.data)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "atom10"
    assert parsed.feed.id == f"urn:marsad:entity:{QAMAR[0]}"
    entries = parsed.entries
    assert len(entries) == 8  # four articles since October and their four claims
    assert {e.title_detail.language for e in entries} == {"ar", "en"}
    assert all(e.id.startswith("urn:marsad:") and e.link and e.updated for e in entries)
    published = [e.published_parsed for e in entries]
    assert published == sorted(published, reverse=True)


@pytest.mark.parametrize("fmt", ["json", "atom"])
def test_conditional_get(client, fmt):
    url = f"/api/v1/entities/{QAMAR[0]}/feed?format={fmt}"
    first = client.get(url)
    etag = first.headers["ETag"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and not again.data
    assert client.get(url, headers={"If-None-Match": '"stale"'}).status_code == 200


def _story(n: int) -> Story:
    return Story(key=f"new-{n:02d}-{time.time_ns()}", lang="en", source="api-test-new", published=None,
                 title=f"Arrival {n}", body=f"Arrival number {n} on the wire.")


def _write(es, stories, tmp_path, units=None) -> None:
    from marsad import store
    from marsad.indexer import Indexer, Unit

    indexer = Indexer(es, spool=tmp_path)
    for i, story in enumerate(stories):
        indexer.add(units[i] if units else Unit.build(story.article(), story.analysis()))
    assert indexer.close().indexed == len(stories)
    es.indices.refresh(index=store.alias("articles"))


def _drain(client, cursor: str) -> tuple[list[tuple[str, str]], str]:
    """Polls until the feed has nothing more; returns the (indexed, id) of this test's arrivals and the cursor."""
    got: list[tuple[str, str]] = []
    while True:
        res = client.get("/api/v1/articles/new", query_string={"cursor": cursor, "size": 2})
        assert res.status_code == 200, res.json
        got += [(i["indexed"], i["id"]) for i in res.json["items"] if i["source"] == "api-test-new"]
        cursor = res.json["next_cursor"] or cursor
        if not res.json["has_more"]:
            return got, cursor


def test_new_articles_feed_never_misses_or_repeats(app, es, tmp_path):
    from datetime import UTC, datetime

    app.config["API_NEW_LAG"] = 1.0
    client = app.test_client()
    start = client.get("/api/v1/articles/new", query_string={"since": datetime.now(UTC).isoformat(), "size": 1})
    cursor = start.json["next_cursor"]
    assert cursor
    written: list[str] = []
    delivered: list[str] = []
    for round_ in range(4):
        batch = [_story(round_ * 10 + k) for k in range(round_ + 1)]
        _write(es, batch, tmp_path)
        written += [s.id for s in batch]
        got, cursor = _drain(client, cursor)  # polled while the newest writes are still inside the lag
        delivered += got
        time.sleep(0.4)
    time.sleep(1.2)
    got, cursor = _drain(client, cursor)
    delivered += got
    ids = [i for _, i in delivered]
    assert sorted(ids) == sorted(written) and len(ids) == len(set(ids))
    assert delivered == sorted(delivered)  # in the order of their indexed stamps (ties by id)
    assert _drain(client, cursor)[0] == []


@pytest.mark.parametrize("lag", [0.0, 2.0])
def test_the_lag_guards_articles_that_become_visible_late(app, es, tmp_path, lag):
    """A document stamped before another but visible after it is lost without the lag, caught with it.

    The indexer stamps `indexed` when it builds a bulk request; the document
    becomes searchable only after the request and a refresh. That delay is
    made long here by writing a document with an earlier stamp after another.
    """
    from datetime import UTC, datetime

    from marsad import documents, store

    app.config["API_NEW_LAG"] = lag
    client = app.test_client()
    cursor = client.get("/api/v1/articles/new", query_string={"since": datetime.now(UTC).isoformat()}).json[
        "next_cursor"]
    late, early = _story(1), _story(2)
    stamp = documents._now()  # the late article's bulk request is built now ...
    time.sleep(0.05)
    _write(es, [early], tmp_path)
    first, cursor = _drain(client, cursor)
    doc = documents.article_document(late.article(), late.analysis(), indexed=stamp)
    es.index(index=store.alias("articles"), id=late.id, document=doc, refresh=True)  # ... and lands after
    time.sleep(lag + 0.3)
    second, cursor = _drain(client, cursor)
    first_ids, second_ids = [i for _, i in first], [i for _, i in second]
    if lag == 0:
        assert first_ids == [early.id] and second_ids == []  # the late one is missed: why the lag exists
    else:
        assert first_ids == [] and second_ids == [late.id, early.id]
