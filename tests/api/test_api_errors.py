"""Errors, limits and access control: 400s for every bad parameter, 503 with a dead store, keys, 429, CORS."""

from __future__ import annotations

import pytest
from apikit import QAMAR  # noqa: E402


def assert_error(res, status: int, code: str | None = None) -> None:
    assert res.status_code == status, res.data[:300]
    body = res.get_json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    assert "Traceback" not in res.get_data(as_text=True)
    if code:
        assert body["error"]["code"] == code


@pytest.mark.parametrize("url", [
    "/api/v1/articles?size=-1",
    "/api/v1/articles?size=0",
    "/api/v1/articles?size=100000",
    "/api/v1/articles?size=ten",
    "/api/v1/articles?size=1.5",
    "/api/v1/articles?since=yesterday",
    "/api/v1/articles?since=2026-13-45",
    "/api/v1/articles?until=2026-02-30",
    "/api/v1/articles?since=2026-11-02&until=2026-11-01",
    "/api/v1/articles?since=0001-01-01",
    "/api/v1/articles?lang=arabic",
    "/api/v1/articles?figure_kind=weight",
    "/api/v1/articles?currency=EURO",
    "/api/v1/articles?min_value=lots",
    "/api/v1/articles?min_value=nan",
    "/api/v1/articles?max_value=1e400",
    "/api/v1/articles?min_value=10&max_value=1",
    "/api/v1/articles?cursor=garbage",
    "/api/v1/articles?cursor=eyJhIjpbMV19.AAAA",
    "/api/v1/articles?cursor=%FF%FE",
    "/api/v1/articles?q=%22unclosed",
    "/api/v1/articles?q=(qamar",
    "/api/v1/articles?q=qamar)",
    "/api/v1/articles?q=qamar%20AND",
    "/api/v1/articles?q=OR%20qamar",
    "/api/v1/articles?q=NOT",
    "/api/v1/articles?q=%2A%3A%2A",
    "/api/v1/articles?q=" + "(" * 20 + "x" + ")" * 20,
    "/api/v1/articles?q=" + "word%20" * 60,
    "/api/v1/articles?q=" + "a" * 600,
    "/api/v1/articles?entity=%00",
    "/api/v1/articles?lang=ar&lang=en",
    "/api/v1/articles?query=qamar",
    "/api/v1/articles?size=5&from=10000",
    "/api/v1/articles/new?cursor=bad",
    "/api/v1/articles/new?since=never",
    "/api/v1/claims?kind=rumour",
    "/api/v1/claims?kind=DENIAL",
    "/api/v1/claims?speaker=" + "x" * 300,
    "/api/v1/claims?size=101",
    "/api/v1/claims?q=%22",
    "/api/v1/entities?size=-5",
    "/api/v1/entities?q=" + "x" * 300,
    f"/api/v1/entities/{QAMAR[0]}?interval=fortnight",
    f"/api/v1/entities/{QAMAR[0]}/feed?format=rss",
    f"/api/v1/entities/{QAMAR[0]}/feed?since=soon",
    f"/api/v1/entities/{QAMAR[0]}/feed?size=1000",
])
def test_invalid_parameters_are_400(client, url):
    assert_error(client.get(url), 400)


def test_query_syntax_error_says_what_is_wrong(client):
    res = client.get('/api/v1/articles?q="qamar')
    assert_error(res, 400, "invalid_query")
    assert "quotation" in res.json["error"]["message"]


def test_raw_elasticsearch_syntax_is_only_words(client):
    # Lucene syntax is not interpreted: field:value and wildcards are plain words here.
    res = client.get("/api/v1/articles", query_string={"q": "title_form:qamar OR body_form:*"})
    assert res.status_code == 200


def test_404s_are_json(client):
    assert_error(client.get("/api/v1/nothing-here"), 404, "not_found")
    assert_error(client.post("/api/v1/articles"), 405)


@pytest.mark.parametrize("path", ["/api/v1/articles", "/api/v1/claims?kind=denial", "/api/v1/entities?q=q",
                                  f"/api/v1/entities/{QAMAR[0]}", f"/api/v1/entities/{QAMAR[0]}/feed",
                                  "/api/v1/articles/new", "/api/v1/articles/abc"])
def test_dead_elasticsearch_is_503(dead_client, path):
    """A real closed port (9, discard), no mock: every endpoint says the store is unreachable."""
    res = dead_client.get(path)
    assert_error(res, 503, "store_unavailable")
    assert "Elasticsearch" in res.json["error"]["message"] and res.headers["Retry-After"]


def test_health(client):
    res = client.get("/api/v1/health")
    assert res.status_code == 200
    assert res.json["status"] == "ok" and res.json["elasticsearch"]["status"] in ("green", "yellow")
    assert res.json["elasticsearch"]["documents"]["articles"] >= 6


def test_health_is_503_when_the_store_is_down(monkeypatch):
    from marsad.api import create_app

    monkeypatch.setenv("MARSAD_ES_URL", "http://127.0.0.1:9")
    res = create_app({"TESTING": True}).test_client().get("/api/v1/health")
    assert res.status_code == 503
    assert res.json["status"] == "unavailable" and res.json["elasticsearch"]["status"] == "unreachable"


def test_api_keys_required_and_optional(es, api_stories):
    from marsad.api import create_app

    closed = create_app({"TESTING": True, "API_KEYS": ["k-one", "k-two"], "API_KEYS_REQUIRED": True}).test_client()
    assert_error(closed.get("/api/v1/articles"), 401, "api_key_required")
    assert_error(closed.get("/api/v1/articles", headers={"X-API-Key": "wrong"}), 401, "invalid_api_key")
    assert closed.get("/api/v1/articles", headers={"X-API-Key": "k-two"}).status_code == 200
    assert closed.get("/api/v1/health").status_code == 200  # monitors need no key
    opened = create_app({"TESTING": True, "API_KEYS": ["k-one"]}).test_client()
    assert opened.get("/api/v1/articles").status_code == 200
    assert_error(opened.get("/api/v1/articles", headers={"X-API-Key": "wrong"}), 401, "invalid_api_key")


def test_rate_limit_per_key_with_retry_after(es, api_stories):
    from marsad.api import create_app

    client = create_app({"TESTING": True, "API_KEYS": ["a", "b"], "RATE_LIMIT": 3}).test_client()
    for _ in range(3):
        assert client.get("/api/v1/entities", headers={"X-API-Key": "a"}).status_code == 200
    res = client.get("/api/v1/entities", headers={"X-API-Key": "a"})
    assert_error(res, 429, "rate_limited")
    assert 1 <= int(res.headers["Retry-After"]) <= 20
    assert client.get("/api/v1/entities", headers={"X-API-Key": "b"}).status_code == 200  # its own budget
    for _ in range(3):
        client.get("/api/v1/entities")
    assert client.get("/api/v1/entities").status_code == 429  # per address without a key


def test_cors_origins(es, api_stories):
    from marsad.api import create_app

    client = create_app({"TESTING": True, "CORS_ORIGINS": ["https://newsroom.example"]}).test_client()
    ok = client.get("/api/v1/entities", headers={"Origin": "https://newsroom.example"})
    assert ok.headers["Access-Control-Allow-Origin"] == "https://newsroom.example"
    other = client.get("/api/v1/entities", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other.headers
    pre = client.options("/api/v1/articles", headers={"Origin": "https://newsroom.example",
                                                      "Access-Control-Request-Method": "GET",
                                                      "Access-Control-Request-Headers": "X-API-Key"})
    assert pre.status_code == 200 and "X-API-Key" in pre.headers["Access-Control-Allow-Headers"]
    closed = create_app({"TESTING": True}).test_client()
    assert "Access-Control-Allow-Origin" not in closed.get("/api/v1/entities",
                                                           headers={"Origin": "https://newsroom.example"}).headers


def test_bad_setting_fails_fast_naming_the_variable(monkeypatch):
    from marsad.api import create_app

    from marsad.config import ConfigError

    monkeypatch.setenv("MARSAD_API_MAX_SIZE", "many")
    with pytest.raises(ConfigError, match="MARSAD_API_MAX_SIZE"):
        create_app()
