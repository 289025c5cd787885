"""The API's error body, and the mapping of every failure to it.

Every error leaves as ``{"error": {"code": ..., "message": ...}}`` with a 4xx/5xx
status; no stack trace ever reaches a client.
"""

from __future__ import annotations

import logging

from elastic_transport import ConnectionError as ESConnectionError
from elastic_transport import ConnectionTimeout
from elasticsearch import ApiError as ESApiError
from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from marsad.store import StoreUnavailable

log = logging.getLogger(__name__)


class ApiError(Exception):
    """An error with an HTTP status, a stable code and a message for the client."""

    def __init__(self, status: int, code: str, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


class BadParameter(ApiError):
    """A query parameter the API cannot use (400)."""

    def __init__(self, name: str, message: str):
        super().__init__(400, "invalid_parameter", f"{name}: {message}")
        self.name = name


def error_response(status: int, code: str, message: str, headers: dict | None = None) -> Response:
    """Returns a Flask response carrying the contract's error body."""
    response = jsonify({"error": {"code": code, "message": message}})
    response.status_code = status
    for k, v in (headers or {}).items():
        response.headers[k] = v
    return response


def _store_status(e: ESApiError) -> int:
    return int(getattr(e, "status_code", None) or getattr(getattr(e, "meta", None), "status", 500) or 500)


def register(app: Flask) -> None:
    """Installs the handlers that turn every exception into the error body."""

    @app.errorhandler(ApiError)
    def _api_error(e: ApiError):
        return error_response(e.status, e.code, e.message, e.headers)

    @app.errorhandler(HTTPException)
    def _http_error(e: HTTPException):
        if not request.path.startswith("/api/"):
            return e
        code = (e.name or "error").lower().replace(" ", "_")
        response = error_response(e.code or 500, code, e.description or e.name)
        if e.code == 405 and getattr(e, "valid_methods", None):
            response.headers["Allow"] = ", ".join(e.valid_methods)
        return response

    @app.errorhandler(StoreUnavailable)
    @app.errorhandler(ESConnectionError)
    @app.errorhandler(ConnectionTimeout)
    def _store_down(e: Exception):
        log.warning("Elasticsearch unavailable: %s", e)
        timed_out = isinstance(e, ConnectionTimeout)
        message = ("the search store (Elasticsearch) did not answer in time; try a narrower query or retry"
                   if timed_out else "the search store (Elasticsearch) is unreachable; try again shortly")
        return error_response(503, "store_timeout" if timed_out else "store_unavailable", message,
                              {"Retry-After": "5"})

    @app.errorhandler(ESApiError)
    def _store_refused(e: ESApiError):
        status = _store_status(e)
        if status == 404:
            # The aliases are missing: the indices were never initialised.
            return error_response(503, "store_not_ready",
                                  "the search indices do not exist yet; run `marsad index init`", {"Retry-After": "30"})
        if status in (429, 503):
            return error_response(503, "store_busy", "the search store is overloaded; try again shortly",
                                  {"Retry-After": "5"})
        if getattr(e, "error", None) in ("index_closed_exception", "cluster_block_exception"):
            # An index closed or blocked by an operator (or by Elasticsearch on a full disk) is an
            # outage of the store, not a bad request.
            log.warning("Elasticsearch indices unavailable: %s", e)
            return error_response(503, "store_unavailable",
                                  "the search indices are closed or blocked; try again later", {"Retry-After": "30"})
        if status == 400:
            # Queries are built from validated parameters, so a refusal here is
            # a request the store cannot serve (e.g. a cursor whose snapshot expired).
            log.warning("Elasticsearch refused a request: %s", e)
            return error_response(400, "invalid_request", "the search store refused this request")
        log.error("Elasticsearch error %s: %s", status, e)
        return error_response(502, "store_error", "the search store failed to answer")

    @app.errorhandler(Exception)
    def _unexpected(e: Exception):
        log.exception("unhandled error on %s", request.path)
        return error_response(500, "internal_error", "internal error; it has been logged")
