"""Shared fixtures: a real Elasticsearch node and per-session index names.

The node is the one `marsad es` manages (started here if it is not running),
or the one MARSAD_ES_URL names. Each test session writes under its own index
prefix, so runs never see each other's data, and removes its indices at the end.
"""

from __future__ import annotations

import os
import uuid

import pytest

from marsad import config

# Read before any fixture exports MARSAD_ES_URL for the session's subprocesses.
EXTERNAL_ES_URL = config.get(config.ES_URL)


@pytest.fixture(scope="session")
def es_url() -> str:
    """URL of a running Elasticsearch (started through marsad.esnode when needed)."""
    if EXTERNAL_ES_URL:
        return EXTERNAL_ES_URL
    from marsad import esnode

    return esnode.start().url


@pytest.fixture(scope="session")
def es_is_local(es_url: str) -> bool:
    """True when the tests run against the node `marsad es` manages, not an external one."""
    return not EXTERNAL_ES_URL


@pytest.fixture(scope="session")
def index_prefix(es_url: str):
    """A fresh index prefix for this session, exported as MARSAD_INDEX_PREFIX and MARSAD_ES_URL."""
    prefix = f"marsad-test-{uuid.uuid4().hex[:8]}"
    saved = {k: os.environ.get(k) for k in ("MARSAD_INDEX_PREFIX", "MARSAD_ES_URL")}
    os.environ["MARSAD_INDEX_PREFIX"] = prefix
    os.environ["MARSAD_ES_URL"] = es_url
    yield prefix
    from marsad import store

    es = store.client(es_url)
    es.indices.delete(index=f"{prefix}-*", ignore_unavailable=True, allow_no_indices=True)
    es.options(ignore_status=404).indices.delete_index_template(name=f"{prefix}-*")
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def es(es_url: str, index_prefix: str):
    """An Elasticsearch client whose session prefix has its indices initialised."""
    from marsad import indices, store

    client = store.client(es_url)
    indices.init(client)
    return client
