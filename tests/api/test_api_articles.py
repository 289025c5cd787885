"""Article search against the real Elasticsearch: languages, syntax, filters, snippets, paging."""

from __future__ import annotations

import pytest
from apikit import FILLER_SOURCE, QAMAR, by_key  # noqa: E402


def keys(res) -> set[str]:
    """Returns the fixture keys (URL tails) of a result page."""
    return {item["url"].rsplit("/", 1)[-1] for item in res.json["items"]}


def search(client, query: str, **extra):
    res = client.get("/api/v1/articles", query_string={"q": query, "size": 50, **extra})
    assert res.status_code == 200, res.json
    return res


@pytest.mark.parametrize(("query", "expected"), [
    ("sells", {"en-qamar-denial"}),                       # English stem: sells ~ selling
    ("subscriber", {"en-qamar-denial"}),
    ("الغرامه", {"ar-fine"}),                              # teh marbuta written as heh
    ("اعلانيه", {"ar-qamar-denial"}),                      # alef without hamza, heh
    ("تُنكِر", {"ar-qamar-denial"}),                        # diacritics ignored
    ("تنكر", {"ar-qamar-denial"}),
    ("الاتصالات", {"ar-qamar-denial", "ar-fine"}),          # لل/ال prefixes
    ("٢٫٥", {"ar-qamar-denial", "en-qamar-denial"}),       # Arabic-Indic digits fold to 2.5
])
def test_both_languages_match_through_the_search_form(client, query, expected):
    assert keys(search(client, query)) & {"en-qamar-denial", "ar-qamar-denial", "ar-fine", "en-fine"} == expected


@pytest.mark.parametrize(("query", "expected"), [
    ('"privacy lapses"', {"en-fine"}),
    ('"lapses privacy"', set()),
    ("privacy AND towers", set()),
    ("privacy OR towers", {"en-fine", "en-towers", "en-undated"}),
    ("privacy NOT fined", {"en-undated"}),
    ("privacy -fined", {"en-undated"}),
    ("(towers OR ruling) AND Qamar", {"en-towers"}),
    ("Qamar privacy", {"en-fine"}),
])
def test_phrases_and_boolean_operators(client, query, expected):
    mine = {"en-fine", "en-towers", "en-undated", "en-qamar-denial"}
    assert keys(search(client, query, lang="en")) & mine == expected


def test_snippet_marks_the_text_as_written(client):
    item = next(i for i in search(client, "اعلانيه").json["items"] if i["url"].endswith("ar-qamar-denial"))
    assert "<mark>إعلانية</mark>" in item["snippet"]
    en = next(i for i in search(client, "sells").json["items"] if i["url"].endswith("en-qamar-denial"))
    assert "<mark>sells</mark>" in en["snippet"]
    assert "&amp;" in en["snippet"]  # text is escaped; only <mark> is markup
    assert en["title_highlight"] == "Qamar Telecom denies <mark>selling</mark> subscriber data"
    phrase = next(i for i in search(client, '"privacy lapses"').json["items"] if i["url"].endswith("en-fine"))
    assert "<mark>privacy lapses</mark>" in phrase["snippet"]


def test_filters(client):
    entity = search(client, "Qamar OR قمر", entity=QAMAR[0]).json
    assert {i["lang"] for i in entity["items"]} == {"ar", "en"}
    assert keys(search(client, "Qamar OR قمر", lang="ar")) == {"ar-qamar-denial", "ar-fine"}
    money = client.get("/api/v1/articles", query_string={
        "figure_kind": "money", "currency": "EUR", "min_value": 3e8, "entity": QAMAR[0]}).json
    assert keys_of(money) == {"en-fine", "ar-fine"}
    usd = client.get("/api/v1/articles", query_string={"figure_kind": "money", "currency": "usd",
                                                         "entity": QAMAR[0]}).json
    assert keys_of(usd) == {"en-towers"}
    # kind and value must hold for one figure: no money figure of 2.5 million exists.
    assert client.get("/api/v1/articles", query_string={
        "figure_kind": "money", "min_value": 2e6, "max_value": 3e6, "entity": QAMAR[0]}).json["total"] == 0
    dated = client.get("/api/v1/articles", query_string={
        "entity": QAMAR[0], "since": "2026-10-01", "until": "2026-10-03"}).json
    assert keys_of(dated) == {"en-fine", "ar-fine"}  # a bare until date includes its day
    assert keys_of(client.get("/api/v1/articles?source=api-test-akhbar").json) == {"ar-qamar-denial", "ar-fine"}


def keys_of(body: dict) -> set[str]:
    return {item["url"].rsplit("/", 1)[-1] for item in body["items"]}


def test_newest_first_without_query_and_article_shape(client):
    body = client.get("/api/v1/articles?source=api-test-gazette").json
    order = [i["url"].rsplit("/", 1)[-1] for i in body["items"]]
    assert order == ["en-qamar-denial", "en-fine", "en-towers", "en-undated"]  # undated last
    first = body["items"][0]
    for key in ("id", "url", "title", "lang", "source", "published", "fetched", "snippet", "entities", "figures",
                "claims", "denials"):
        assert key in first
    assert first["claims"] == 2 and first["denials"] == 2
    assert {e["id"] for e in first["entities"]} == {QAMAR[0], "karim-nassar-apitest"}


def test_cursor_pages_through_everything_once(client):
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        params = {"source": FILLER_SOURCE, "size": 5, **({"cursor": cursor} if cursor else {})}
        res = client.get("/api/v1/articles", query_string=params)
        assert res.status_code == 200, res.json
        assert res.json["total"] == 23
        seen += [i["id"] for i in res.json["items"]]
        cursor = res.json["next_cursor"]
        pages += 1
        if not cursor:
            break
    assert pages == 5 and len(seen) == 23 == len(set(seen))
    expected = [by_key(f"filler-{n:02d}").id for n in reversed(range(23))]
    assert seen == expected


def test_cursor_with_a_query_keeps_relevance_order(client):
    first = client.get("/api/v1/articles", query_string={"q": "bulletin OR نشرة", "size": 3}).json
    second = client.get("/api/v1/articles", query_string={"q": "bulletin OR نشرة", "size": 3,
                                                          "cursor": first["next_cursor"]}).json
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}


def test_cursor_is_bound_to_its_query(client):
    first = client.get(f"/api/v1/articles?source={FILLER_SOURCE}&size=2").json
    other = client.get("/api/v1/articles", query_string={"source": "api-test-gazette", "cursor": first["next_cursor"]})
    assert other.status_code == 400 and "different query" in other.json["error"]["message"]
    body, sig = first["next_cursor"].split(".")
    forged = client.get("/api/v1/articles", query_string={"source": FILLER_SOURCE, "cursor": body[:-2] + "AA." + sig})
    assert forged.status_code == 400


def test_one_article_with_analysis_and_404(client):
    story = by_key("ar-qamar-denial")
    res = client.get(f"/api/v1/articles/{story.id}")
    assert res.status_code == 200
    assert res.json["body"] == story.body and res.json["analysis"]["claims"][0]["kind"] == "denial"
    missing = client.get("/api/v1/articles/no-such-article")
    assert missing.status_code == 404 and missing.json["error"]["code"] == "not_found"


def test_deep_pages_read_one_snapshot_and_survive_a_closed_point_in_time(client, es, tmp_path):
    from apikit import Story, index_stories

    def story(n: int, day: int) -> Story:
        return Story(key=f"pit-{n}", lang="en", source="api-test-pit", published=f"2026-06-{day:02d}T00:00:00Z",
                     title=f"Snapshot {n}", body=f"Snapshot story {n}.")

    index_stories(es, [story(n, 10 + n) for n in range(6)], tmp_path)
    titles: list[str] = []
    cursor = None
    for _ in range(2):  # the second request opens the point in time
        body = client.get("/api/v1/articles", query_string={"source": "api-test-pit", "size": 2,
                                                            **({"cursor": cursor} if cursor else {})}).json
        titles += [i["title"] for i in body["items"]]
        cursor = body["next_cursor"]
    assert titles == ["Snapshot 5", "Snapshot 4", "Snapshot 3", "Snapshot 2"]
    # Written now, older than every other: the live index would show it on the last page.
    index_stories(es, [story(9, 1)], tmp_path)
    third = client.get("/api/v1/articles", query_string={"source": "api-test-pit", "size": 2, "cursor": cursor}).json
    assert [i["title"] for i in third["items"]] == ["Snapshot 1", "Snapshot 0"]
    assert third["next_cursor"] is None and third["total"] == 6
    # The last page closed the point in time; repeating the request falls back to the live index.
    again = client.get("/api/v1/articles", query_string={"source": "api-test-pit", "size": 2, "cursor": cursor})
    assert again.status_code == 200
    assert [i["title"] for i in again.json["items"]] == ["Snapshot 1", "Snapshot 0"]
    assert again.json["next_cursor"] is not None  # the late article follows, on the live index
