"""The Elasticsearch client of the application, attached once in init_app."""

from __future__ import annotations

from elasticsearch import Elasticsearch
from flask import Flask, current_app

from marsad import store

EXTENSION = "marsad_es"


def init_app(app: Flask) -> None:
    """Attaches a client built from app.config (ES_URL, API_TIMEOUT).

    The client is created lazily on first use: an app must start (and say
    503) even when no Elasticsearch is configured or reachable yet.
    """
    app.extensions[EXTENSION] = None


def get_es() -> Elasticsearch:
    """Returns the app's Elasticsearch client (one per app; it is thread-safe and pools connections).

    Raises:
        StoreUnavailable: when no Elasticsearch is configured.
    """
    app = current_app._get_current_object()
    client = app.extensions.get(EXTENSION)
    if client is None:
        urls = store.split_urls(app.config["ES_URL"]) if app.config.get("ES_URL") else store.es_urls()
        # Each node tried at most once: a dead node is skipped for the next
        # live one, and a dead store gives a quick 503, not a slow one.
        client = store.client(urls, request_timeout=app.config["API_TIMEOUT"], max_retries=max(1, len(urls) - 1),
                              retry_on_timeout=False)
        app.extensions[EXTENSION] = client
    return client


def alias(kind: str) -> str:
    """Returns the alias of an index kind (articles, claims, entities) for this session's prefix."""
    return store.alias(kind)
