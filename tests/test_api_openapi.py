"""The OpenAPI description against the app itself, and a schema-driven fuzz that finds no 500."""

from __future__ import annotations

import re

import pytest

pytest.register_assert_rewrite("api_fixtures")
pytest_plugins = ["api_fixtures"]

from api_fixtures import QAMAR, by_key  # noqa: E402

from marsad.stories import story_id  # noqa: E402

# The towers article is months from the others: it starts a story of its own, whose id it gives.
TOWERS_STORY = story_id(by_key("en-towers").id)
# Values for path parameters that exist in the fixtures, so the fuzz reaches the query handling.
PATH_VALUES = {"entity_id": QAMAR[0], "article_id": by_key("en-fine").id, "story_id": TOWERS_STORY}
# Garbage that every kind of parameter must answer with 200 or 4xx.
GARBAGE = ["", " ", "-1", "0", "1e309", "NaN", "null", "[]", "{}", "'", '"', "\\", "%", "*", "?:", "((((", "))",
           "NOT", "AND OR", "\u200f\u202e", "ا" * 250, "\ud7ff", "9" * 40, "2026-02-29", "2026-11-20T25:00:00Z",
           "<script>", "../../etc/passwd", "true"]


@pytest.fixture
def spec(client) -> dict:
    res = client.get("/api/v1/openapi.json")
    assert res.status_code == 200
    return res.json


def test_spec_lists_exactly_the_api_routes(app, spec):
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1") and "GET" in rule.methods:
            routes.add(re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule[len("/api/v1"):]))
    assert set(spec["paths"]) == routes
    contract = {"/health", "/articles", "/articles/{article_id}", "/claims", "/entities", "/entities/{entity_id}",
                "/entities/{entity_id}/feed", "/openapi.json"}
    assert contract <= routes
    assert spec["openapi"].startswith("3.")


def test_spec_parameters_are_what_each_view_accepts(app, client, spec):
    from api.openapi import api_routes

    for path, _endpoint, declared in api_routes(app):
        op = spec["paths"][path]["get"]
        documented = {p["name"] for p in op["parameters"] if p["in"] == "query"}
        assert documented == {p.name for p in declared.params}, path
        path_params = {p["name"] for p in op["parameters"] if p["in"] == "path"}
        assert path_params == set(re.findall(r"{([^}]+)}", path))
        assert "200" in op["responses"] and all(
            r.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref", "#/components/schemas/Error")
            for r in op["responses"].values())
    # The contract's parameters are all there.
    articles = {p["name"] for p in spec["paths"]["/articles"]["get"]["parameters"]}
    assert articles == {"q", "lang", "source", "entity", "figure_kind", "currency", "min_value", "max_value",
                        "since", "until", "size", "cursor", "story"}
    claims = {p["name"] for p in spec["paths"]["/claims"]["get"]["parameters"]}
    assert {"q", "kind", "speaker", "entity", "lang", "figure_kind", "currency", "min_value", "max_value",
            "since", "until", "size", "cursor"} <= claims


def test_every_documented_parameter_is_accepted_and_undocumented_ones_refused(client, spec):
    valid = {"q": "qamar", "lang": "en", "source": "api-test-gazette", "entity": QAMAR[0], "speaker": QAMAR[0],
             "kind": "denial", "figure_kind": "money", "currency": "EUR", "min_value": "1", "max_value": "1e12",
             "since": "2026-01-01", "until": "2026-12-31", "size": "5", "format": "atom", "interval": "month",
             "story": TOWERS_STORY, "group": "no-such-group"}
    for path, item in spec["paths"].items():
        url = "/api/v1" + re.sub(r"{([^}]+)}", lambda m: PATH_VALUES[m.group(1)], path)
        for p in item["get"]["parameters"]:
            if p["in"] != "query" or p["name"] == "cursor":
                continue
            res = client.get(url, query_string={p["name"]: valid[p["name"]]})
            assert res.status_code in (200, 304), (path, p["name"], res.get_json())
        res = client.get(url, query_string={"undocumented_param": "1"})
        assert res.status_code == 400 and "unknown parameter" in res.json["error"]["message"]


def test_schema_driven_fuzz_finds_no_500(client, spec):
    """Every documented parameter of every path, with every garbage value: 200/304 or a 4xx error body."""
    count = 0
    for path, item in spec["paths"].items():
        url = "/api/v1" + re.sub(r"{([^}]+)}", lambda m: PATH_VALUES[m.group(1)], path)
        names = [p["name"] for p in item["get"]["parameters"] if p["in"] == "query"]
        for name in names:
            for value in GARBAGE:
                res = client.get(url, query_string={name: value})
                count += 1
                assert res.status_code < 500, (path, name, value, res.get_json())
                if res.status_code >= 400:
                    assert set(res.get_json()["error"]) == {"code", "message"}
        for value in GARBAGE[:8]:  # path parameters too
            for arg in re.findall(r"{([^}]+)}", path):
                res = client.get("/api/v1" + path.replace("{" + arg + "}", value.replace("/", "") or "x")
                                 .replace("{entity_id}", QAMAR[0]))
                count += 1
                assert res.status_code < 500, (path, value)
    assert count > 500
