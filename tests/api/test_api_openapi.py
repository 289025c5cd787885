"""The OpenAPI description against the app itself, and schemathesis run on it against the live app."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import api_schemathesis  # noqa: E402, F401  (the query format and the hooks for rules JSON Schema cannot hold)
import pytest
import schemathesis
from apikit import QAMAR, by_key  # noqa: E402
from hypothesis import HealthCheck, settings
from marsad.api import create_app  # noqa: E402
from marsad.api.cli import REQUEST_LINE_MAX  # noqa: E402

from marsad.stories import story_id  # noqa: E402

# The towers article is months from the others: it starts a story of its own, whose id it gives.
TOWERS_STORY = story_id(by_key("en-towers").id)
# Values for path parameters that exist in the fixtures, so the fuzz reaches the query handling.
PATH_VALUES = {"entity_id": QAMAR[0], "article_id": by_key("en-fine").id, "story_id": TOWERS_STORY}


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
    from marsad.api.openapi import api_routes

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


def test_path_patterns_fit_the_ids_the_api_gives(client, spec):
    """The ids the API hands out are ids its document admits (a new id scheme must update the document)."""
    def pattern(path: str) -> str:
        return next(p["schema"]["pattern"] for p in spec["paths"][path]["get"]["parameters"] if p["in"] == "path")

    articles = client.get("/api/v1/articles", query_string={"size": 50}).json["items"]
    stories = client.get("/api/v1/stories", query_string={"size": 50}).json["items"]
    assert len(articles) > 20 and stories
    # An article not placed in a story yet (written around the indexer, as test_api_feeds does) has none.
    placed = [a["story"] for a in articles if a["story"]]
    for path, ids in (("/articles/{article_id}", [a["id"] for a in articles]),
                      ("/stories/{story_id}", [s["id"] for s in stories] + placed),
                      ("/entities/{entity_id}", [e["id"] for a in articles for e in a["entities"] if e["id"]])):
        assert ids and all(re.fullmatch(pattern(path).strip("^$"), i) for i in ids), path


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


# The document is read from an app made here, at collection (serving it needs no Elasticsearch); the
# generated requests go to the test's own app over the session's indices (schemathesis' pytest fixture
# loader does not run under pytest 9: it sets a node attribute pytest no longer has).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", create_app({"TESTING": True, "RATE_LIMIT": 0}))
# schemathesis also feeds literals of the app's source code to string parameters, whatever their format, so
# q would get strings its grammar refuses ("-_+."); the CLI, which sees only the document, feeds none either.
schema.config.analysis.constants.enabled = False


def test_schemathesis_reads_the_document_the_live_app_serves(spec):
    assert spec == schema.raw_schema


# One app serves every generated request of an operation: it keeps no state between requests (no rate limit).
@schema.parametrize()
@settings(max_examples=80, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture])
def test_schemathesis_finds_nothing(case, app):
    """schemathesis' default checks on every operation: requests the document admits are answered 2xx/3xx/404,
    requests it forbids 4xx, never 5xx, and every status, header, content type and body is as documented."""
    case.call_and_validate(session=app.test_client())


def test_a_dead_store_gets_the_answers_the_document_states(dead_client):
    """Elasticsearch unreachable (a closed port, no mock): every operation that needs it answers 503 with the
    error body, the document itself 200, and schemathesis' checks find each answer as documented."""
    from schemathesis.checks import not_a_server_error

    for result in schema.get_all_operations():
        operation = result.ok()
        case = operation.Case(path_parameters={arg: PATH_VALUES[arg] for arg in re.findall(r"{([^}]+)}",
                                                                                            operation.path)})
        response = case.call(session=dead_client)
        assert response.status_code == (200 if operation.path == "/openapi.json" else 503), operation.path
        case.validate_response(response, excluded_checks=[not_a_server_error])


def test_served_app_answers_long_request_lines_as_documented(served):
    """Under gunicorn (marsad serve), a schema-valid search is served up to REQUEST_LINE_MAX bytes of request
    line and answered 414 beyond, and schemathesis' checks find both answers as the document states them."""
    base, _log = served
    claims = schemathesis.openapi.from_url(f"{base}/api/v1/openapi.json")["/claims"]["GET"]
    ids = {name: "ب" * 200 for name in ("speaker", "entity", "source", "story", "group")}  # 6 bytes a letter

    def case_of_length(length: int):
        fixed = len(f"GET /api/v1/claims?{urlencode(ids)}&q= HTTP/1.1")
        words = (length - fixed) // 6
        query = {**ids, "q": "ق" * words + "q" * (length - fixed - 6 * words)}
        assert len(f"GET /api/v1/claims?{urlencode(query)} HTTP/1.1") == length
        return claims.Case(query=query)

    for length, status in ((REQUEST_LINE_MAX, 200), (REQUEST_LINE_MAX + 1, 414)):
        case = case_of_length(length)
        response = case.call(base_url=f"{base}/api/v1")  # over HTTP: the schema has no app in process
        assert response.status_code == status, response.text[:300]
        case.validate_response(response)
