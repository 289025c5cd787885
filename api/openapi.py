"""The OpenAPI 3.1 description, generated from the routes and their declared parameters.

Paths come from the app's url_map and parameters from each view's
``api.params.endpoint`` declaration, the same list that validates requests;
only the response schemas below are written by hand.
"""

from __future__ import annotations

import hashlib
import re

from flask import Blueprint, Flask, Response, current_app, request
from marsad.api import API_PREFIX
from marsad.api import params as P
from marsad.api.auth import EXEMPT
from marsad.api.cli import REQUEST_LINE_MAX

bp = Blueprint("openapi", __name__)

_STR = {"type": "string"}
_NSTR = {"type": ["string", "null"]}
_INT = {"type": "integer"}
_FIGURE = {"type": "object", "properties": {
    "text": _STR, "kind": {"type": "string", "enum": ["count", "money", "percent"]}, "value": {"type": "number"},
    "unit": _NSTR, "currency": _NSTR}}
_ENTITY_REF = {"type": "object", "properties": {"id": _NSTR, "name": _STR, "label": _STR, "text": _STR}}
_SPEAKER = {"type": ["object", "null"], "properties": {"text": _STR, "id": _NSTR, "name": _NSTR}}

SCHEMAS: dict[str, dict] = {
    "Error": {"type": "object", "required": ["error"], "properties": {"error": {
        "type": "object", "required": ["code", "message"], "properties": {"code": _STR, "message": _STR}}}},
    "Article": {"type": "object", "required": ["id", "url", "title", "lang"], "properties": {
        "id": _STR, "url": _STR, "title": _STR, "lang": _STR, "source": _STR,
        "published": {"type": ["string", "null"], "format": "date-time"},
        "fetched": {"type": "string", "format": "date-time"}, "indexed": {"type": "string", "format": "date-time"},
        "snippet": {"type": "string", "description": "Opening of the text; with q, HTML-escaped text around the "
                                                     "matches, each in <mark>, at the text as written."},
        "title_highlight": {"type": ["string", "null"], "description": "With q: the title with matches marked."},
        "entities": {"type": "array", "items": _ENTITY_REF}, "figures": {"type": "array", "items": _FIGURE},
        "claims": {**_INT, "description": "Number of claims"}, "denials": {**_INT, "description": "Number of denials"},
        "story": {**_NSTR, "description": "Id of the article's story"},
        "duplicate_of": {**_NSTR, "description": "Id of the earlier article this one is a syndicated or "
                                                  "near-identical copy of"},
    }},
    "ArticleFull": {"allOf": [{"$ref": "#/components/schemas/Article"}, {"type": "object", "properties": {
        "body": _STR, "author": _NSTR, "analysis": {"type": "object", "description": "Analysis JSON (CONTRACT.md)"}}}]},
    "Claim": {"type": "object", "required": ["id", "article_id", "url", "lang", "kind", "text"], "properties": {
        "id": _STR, "article_id": _STR, "url": _STR, "title": _STR, "source": _STR, "lang": _STR,
        "kind": {"type": "string", "enum": ["denial", "statement"]}, "cue": _NSTR, "text": _STR,
        "start": _INT, "end": _INT, "speaker": _SPEAKER, "figures": {"type": "array", "items": _FIGURE},
        "entities": {"type": "array", "items": _STR, "description": "Entity ids (speaker included)"},
        "published": {"type": ["string", "null"], "format": "date-time"}, "indexed": _STR,
        "highlight": {"type": ["string", "null"], "description": "With q: the claim text with matches marked."},
        "story": {**_NSTR, "description": "Id of the claim's story"},
        "group": {**_NSTR, "description": "Claims of one story reporting the same assertion by the same speaker, "
                                          "in any language or outlet, share it"},
    }},
    "Story": {"type": "object", "required": ["id", "titles", "langs", "articles"], "properties": {
        "id": _STR, "titles": {"type": "object", "description": "One headline per language present",
                               "additionalProperties": _STR},
        "langs": {"type": "array", "items": _STR}, "sources": {"type": "array", "items": _STR},
        "articles": {**_INT, "description": "Articles, copies excluded"}, "duplicates": _INT,
        "first_published": _NSTR, "last_published": _NSTR,
        "entities": {"type": "array", "items": _STR, "description": "Entity ids, most central first"},
        "figures": {"type": "array", "items": {**_FIGURE, "properties": {**_FIGURE["properties"], "articles": _INT}},
                    "description": "Normalised figures reported in more than one article"},
        "claims": _INT, "denials": _INT}},
    "StoryDetail": {"type": "object", "required": ["id", "articles", "claim_groups"], "properties": {
        "id": _STR, "titles": {"type": "object"}, "langs": {"type": "array", "items": _STR},
        "sources": {"type": "array", "items": _STR}, "article_count": _INT, "duplicates": _INT,
        "first_published": _NSTR, "last_published": _NSTR, "entities": {"type": "array", "items": _STR},
        "figures": {"type": "array"}, "claims": _INT, "denials": _INT,
        "absorbed": {"type": "array", "items": _STR, "description": "Story ids merged into this one"},
        "articles": {"type": "array", "items": {"type": "object", "properties": {
            "id": _STR, "url": _STR, "title": _STR, "lang": _STR, "source": _STR, "published": _NSTR,
            "duplicate_of": _NSTR}}},
        "claim_groups": {"type": "array", "items": {"type": "object", "properties": {
            "id": _STR, "kind": _STR, "speaker": {"type": ["object", "null"], "properties": {"id": _STR,
                                                                                          "name": _NSTR}},
            "claims": {"type": "array", "items": _STR}, "langs": {"type": "array", "items": _STR},
            "denial": {"type": "boolean"}}}}}},
    "StoryPage": {"type": "object", "required": ["items", "total", "next_cursor"], "properties": {
        "items": {"type": "array", "items": {"$ref": "#/components/schemas/Story"}}, "total": _INT,
        "next_cursor": _NSTR}},
    "Entity": {"type": "object", "required": ["id", "name", "label", "aliases", "articles"], "properties": {
        "id": _STR, "name": _STR, "label": {"type": "string", "enum": ["PERSON", "ORG", "GPE", "LOC", "MISC"]},
        "aliases": {"type": "array", "items": _STR},
        "names": {"type": "object", "properties": {"ar": {"type": "array", "items": _STR},
                                                   "latin": {"type": "array", "items": _STR}}},
        "langs": {"type": "array", "items": _STR}, "articles": _INT, "claims": _INT, "denials": _INT,
        "first_seen": _STR, "last_seen": _STR}},
    "EntityDetail": {"allOf": [{"$ref": "#/components/schemas/Entity"}, {"type": "object", "properties": {
        "interval": _STR,
        "timeline": {"type": "array", "items": {"type": "object", "properties": {
            "date": _STR, "mentions": _INT, "denials": _INT}}},
        "cooccurring": {"type": "array", "items": {"type": "object", "properties": {
            "id": _STR, "name": _STR, "label": _NSTR, "articles": _INT}}}}}]},
    "ArticlePage": {"type": "object", "required": ["items", "total", "next_cursor"], "properties": {
        "items": {"type": "array", "items": {"$ref": "#/components/schemas/Article"}}, "total": _INT,
        "next_cursor": _NSTR}},
    "ClaimPage": {"type": "object", "required": ["items", "total", "next_cursor"], "properties": {
        "items": {"type": "array", "items": {"$ref": "#/components/schemas/Claim"}}, "total": _INT,
        "next_cursor": _NSTR}},
    "NewArticles": {"type": "object", "required": ["items", "next_cursor", "has_more"], "properties": {
        "items": {"type": "array", "items": {"$ref": "#/components/schemas/Article"}},
        "next_cursor": {**_NSTR, "description": "Pass as cursor on the next poll"},
        "has_more": {"type": "boolean"},
        "horizon": {**_STR, "description": "Articles indexed up to this time are included"}}},
    "EntityList": {"type": "object", "required": ["items"], "properties": {
        "items": {"type": "array", "items": {"$ref": "#/components/schemas/Entity"}}}},
    "Health": {"type": "object", "required": ["status", "elasticsearch"], "properties": {
        "status": {"type": "string", "enum": ["ok", "unavailable"]}, "elasticsearch": {"type": "object"}}},
    "Feed": {"type": "object", "description": "JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/)"},
    "OpenAPI": {"type": "object"},
}

_STATUS_TEXT = {
    304: "Not modified (If-None-Match matched the ETag)",
    400: "Invalid parameter: unknown, given twice, outside its schema, or against a rule its description states",
    401: "Missing or invalid API key",
    404: "Not found",
    414: f"Request line (method, path and percent-encoded query) longer than {REQUEST_LINE_MAX} bytes, refused by "
         "the HTTP server (gunicorn, under marsad serve) before the API sees it",
    429: "Rate limit exceeded",
    502: "Elasticsearch failed to answer",
    503: "Elasticsearch unreachable, too slow or not initialised",
}
_RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait before trying again", "schema": _STR}}
_VALIDATORS = {
    "ETag": {"description": "Weak validator of the content (the URL and the stored documents shown); send it in "
                            "If-None-Match to get 304 while nothing changed", "schema": _STR},
    "Cache-Control": {"description": "Searches: private, no-cache; feeds: public, max-age=60; this document: "
                                     "public, no-cache", "schema": _STR},
}


def _error(status: int) -> dict:
    if status == 304:
        return {"description": _STATUS_TEXT[304], "headers": _VALIDATORS}
    if status == 414:
        return {"description": _STATUS_TEXT[414], "content": {"text/html": {"schema": _STR}}}
    out = {"description": _STATUS_TEXT[status],
           "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    if status in (429, 503):
        out["headers"] = _RETRY_AFTER
    return out


def _success(endpoint: P.Endpoint) -> dict:
    ref = {"$ref": f"#/components/schemas/{endpoint.response}"}
    if endpoint.response == "Feed":
        return {"description": "The feed", "headers": _VALIDATORS, "content": {
            "application/feed+json": {"schema": ref},
            "application/atom+xml": {"schema": {"type": "string", "description": "Atom 1.0 (RFC 4287)"}}}}
    out: dict = {"description": "OK", "content": {"application/json": {"schema": ref}}}
    if 304 in endpoint.statuses:
        out["headers"] = _VALIDATORS
    return out


def _statuses(path: str, endpoint: P.Endpoint) -> list[int]:
    """Returns every status the operation can answer with: its own and those of every API request."""
    # Any request may carry an unknown parameter or a bad key, or be too long for the server;
    # only the health check is spared the rate limit.
    common = {400, 401, 414} | (set() if API_PREFIX + path in EXEMPT else {429})
    return sorted(common | set(endpoint.statuses))


# Article and story ids as marsad.documents.article_id and marsad.stories.story_id make them (the
# pattern also keeps /articles/new, an operation of its own, out of the article ids); an entity id is
# any name without "/", which would make it another path.
PATH_PATTERNS = {"article_id": "^[0-9a-f]{20}$", "story_id": "^s[0-9a-f]{15}$", "entity_id": "^[^/]+$"}


def _path_parameter(arg: str) -> dict:
    return {"name": arg, "in": "path", "required": True, "schema": {"type": "string", "pattern": PATH_PATTERNS[arg]}}


def _query_parameter(p: P.Param, config) -> dict:
    return {"name": p.name, "in": "query", "required": False, "description": p.description,
            "schema": p.schema_for(config), "allowEmptyValue": True}


def _description(endpoint: P.Endpoint) -> str | None:
    rules = [f"{a} and {b} cannot be given together (400)." for a, b in endpoint.exclusive]
    return " ".join(rules) or None


_INFO = ("Arabic and English news: articles, claims and denials, entities, stories, feeds. Every query "
         "parameter is optional, and an empty value is the same as leaving it out; a parameter the operation does "
         "not list, or one given twice, is refused (400). A request line longer than "
         f"{REQUEST_LINE_MAX} bytes, percent-encoded, is refused by the HTTP server (414). Errors carry "
         "{\"error\": {\"code\", \"message\"}}.")


def api_routes(app: Flask) -> list[tuple[str, str, P.Endpoint]]:
    """Returns (OpenAPI path, endpoint name, declaration) of every /api/v1 GET route."""
    out = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(API_PREFIX) or "GET" not in (rule.methods or ()):
            continue
        view = app.view_functions[rule.endpoint]
        declared = getattr(view, "api_endpoint", None)
        if declared is None:
            raise RuntimeError(f"API view {rule.endpoint} has no api.params.endpoint declaration")
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule[len(API_PREFIX):])
        out.append((path, rule.endpoint, declared))
    return sorted(out)


def build(app: Flask) -> dict:
    """Returns the OpenAPI document of the app's API routes."""
    paths: dict[str, dict] = {}
    for path, name, ep in api_routes(app):
        parameters = [_path_parameter(arg) for arg in re.findall(r"{([^}]+)}", path)]
        parameters += [_query_parameter(p, app.config) for p in ep.params]
        responses = {"200": _success(ep), **{str(s): _error(s) for s in _statuses(path, ep)}}
        operation = {"operationId": name.replace(".", "_"), "summary": ep.summary,
                     "parameters": parameters, "responses": responses}
        if _description(ep):
            operation["description"] = _description(ep)
        if ep.exclusive:
            operation["x-mutually-exclusive-parameters"] = [list(pair) for pair in ep.exclusive]
        paths[path] = {"get": operation}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Marsad API", "version": "1", "description": _INFO},
        "servers": [{"url": API_PREFIX}],
        "paths": paths,
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {"apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"}},
        },
        "security": [{}, {"apiKey": []}],
    }


@bp.get("/openapi.json")
@P.endpoint("This OpenAPI description", (), "OpenAPI", (304,))
def openapi_json(p: dict):
    # The document depends on the app alone: encoded once per app, then served (or 304) as it is.
    cached = current_app.extensions.get("marsad_openapi")
    if cached is None:
        body = current_app.json.dumps(build(current_app)).encode("utf-8") + b"\n"
        cached = current_app.extensions["marsad_openapi"] = (body, hashlib.blake2b(body, digest_size=16).hexdigest())
    body, tag = cached
    if request.if_none_match.contains_weak(tag):
        response = Response(status=304)
    else:
        response = Response(body, mimetype="application/json")
    response.set_etag(tag)
    response.headers["Cache-Control"] = "public, no-cache"
    return response
