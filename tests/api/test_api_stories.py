"""The stories API against the real Elasticsearch: shapes, filters, 400s, and the story feed's ETag."""

from __future__ import annotations

import json

import feedparser
import pytest
from apikit import QAMAR, by_key  # noqa: E402

from marsad.stories import story_id  # noqa: E402

DENIAL = story_id(by_key("en-qamar-denial").id)  # the English denial came first; the Arabic one joined it


def test_article_and_claim_carry_story_and_copy_fields(client):
    art = client.get(f"/api/v1/articles/{by_key('ar-qamar-denial').id}").json
    assert art["story"] == DENIAL and art["duplicate_of"] is None
    claims = client.get(f"/api/v1/claims?story={DENIAL}&size=20").json["items"]
    assert claims and all(c["story"] == DENIAL and c["group"] for c in claims)
    assert {c["article_id"] for c in claims} == {by_key("en-qamar-denial").id, by_key("ar-qamar-denial").id}


def test_story_detail_shape_and_cross_language_claim_groups(client):
    res = client.get(f"/api/v1/stories/{DENIAL}")
    assert res.status_code == 200
    s = res.json
    assert s["id"] == DENIAL and s["langs"] == ["ar", "en"] and set(s["titles"]) == {"ar", "en"}
    assert s["article_count"] == 2 and s["duplicates"] == 0 and s["denials"] == 4
    assert {a["id"] for a in s["articles"]} == {by_key("en-qamar-denial").id, by_key("ar-qamar-denial").id}
    assert set(s["articles"][0]) == {"id", "url", "title", "lang", "source", "published", "duplicate_of"}
    assert QAMAR[0] in s["entities"]
    assert [(f["value"], f["articles"]) for f in s["figures"]] == [(2_500_000, 2)]
    both = [g for g in s["claim_groups"] if g["langs"] == ["ar", "en"]]
    # The company's denial and the spokesman's, each reported in both languages.
    assert len(both) == 2 and all(len(g["claims"]) == 2 and g["kind"] == "denial" for g in both)
    assert {g["speaker"]["id"] for g in both} == {QAMAR[0], "karim-nassar-apitest"}
    group = both[0]
    listed = client.get(f"/api/v1/claims?group={group['id']}").json
    assert sorted(c["id"] for c in listed["items"]) == sorted(group["claims"])


def test_list_stories_newest_activity_first_and_filters(client):
    res = client.get("/api/v1/stories?size=50")
    assert res.status_code == 200
    items = res.json["items"]
    assert items and res.json["total"] >= len(items)
    lasts = [i["last_published"] for i in items if i["last_published"]]
    assert lasts == sorted(lasts, reverse=True)
    assert set(items[0]) >= {"id", "titles", "langs", "sources", "articles", "duplicates", "first_published",
                             "last_published", "entities", "figures", "claims", "denials"}
    both = client.get("/api/v1/stories?lang=ar&entity=" + QAMAR[0]).json["items"]
    assert DENIAL in {i["id"] for i in both} and all("ar" in i["langs"] for i in both)
    found = client.get("/api/v1/stories", query_string={"q": "بيانات المشتركين"}).json["items"]
    assert found and found[0]["id"] == DENIAL
    none = client.get("/api/v1/stories?since=2030-01-01").json
    assert none["items"] == [] and none["total"] == 0
    page = client.get("/api/v1/stories?size=2").json
    assert page["next_cursor"]
    nxt = client.get(f"/api/v1/stories?size=2&cursor={page['next_cursor']}").json
    assert not {i["id"] for i in nxt["items"]} & {i["id"] for i in page["items"]}


@pytest.mark.parametrize("query", ["size=0", "size=abc", "lang=arabic", "since=yesterday", "until=2026-13-01",
                                   "since=2026-12-01&until=2026-01-01", "q=%22open", "colour=red",
                                   "size=1&size=2", "cursor=forged"])
def test_bad_parameters_are_400(client, query):
    res = client.get(f"/api/v1/stories?{query}")
    assert res.status_code == 400 and set(res.json["error"]) == {"code", "message"}


@pytest.mark.parametrize("url", ["/api/v1/stories/{s}/feed?format=rss", "/api/v1/stories/{s}/feed?since=never",
                                 "/api/v1/stories/{s}?size=1", "/api/v1/articles?story=%01",
                                 "/api/v1/claims?group=" + "x" * 300])
def test_bad_story_parameters_are_400(client, url):
    assert client.get(url.format(s=DENIAL)).status_code == 400


def test_unknown_story_is_404(client):
    res = client.get("/api/v1/stories/s-no-such-story")
    assert res.status_code == 404 and res.json["error"]["code"] == "not_found"
    assert client.get("/api/v1/stories/s-no-such-story/feed").status_code == 404


def test_story_feed_json_atom_and_etag(client):
    res = client.get(f"/api/v1/stories/{DENIAL}/feed?format=json")
    assert res.status_code == 200 and res.mimetype == "application/feed+json"
    feed = json.loads(res.data)
    assert feed["version"] == "https://jsonfeed.org/version/1.1" and feed["items"]
    ids = {i["id"] for i in feed["items"]}
    assert f"article:{by_key('ar-qamar-denial').id}" in ids and any(i.startswith("claim:") for i in ids)
    dates = [i["date_published"] for i in feed["items"]]
    assert dates == sorted(dates, reverse=True)
    etag = res.headers["ETag"]
    again = client.get(f"/api/v1/stories/{DENIAL}/feed?format=json", headers={"If-None-Match": etag})
    assert again.status_code == 304 and not again.data
    other = client.get(f"/api/v1/stories/{DENIAL}/feed?format=json", headers={"If-None-Match": '"stale"'})
    assert other.status_code == 200
    atom = client.get(f"/api/v1/stories/{DENIAL}/feed?format=atom")
    parsed = feedparser.parse(atom.data)
    assert atom.mimetype == "application/atom+xml" and not parsed.bozo
    assert parsed.feed.id == f"urn:marsad:story:{DENIAL}" and len(parsed.entries) == len(feed["items"])
    assert atom.headers["ETag"] != etag
