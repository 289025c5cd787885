"""Shared fixtures: a real Elasticsearch node and per-session index names.

The node is the one `marsad es` manages (started here if it is not running),
or the one MARSAD_ES_URL names. Each test session writes under its own index
prefix, so runs never see each other's data, and removes its indices at the end.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from marsad.torchless import block_torch

block_torch()  # the suite is an entry point: no PyTorch under spaCy (see marsad/torchless.py)

from marsad import config  # noqa: E402

# The API's app, client and fixture articles (api_fixtures) and the web pages' server and browser
# (web_fixtures): defined once, for every folder of the suite.
pytest_plugins = ["api_fixtures", "web_fixtures"]

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


def _cluster_ports_free(base: int, nodes: int) -> bool:
    import socket

    for port in [base + i for i in range(nodes)] + [base + 100 + i for i in range(nodes)]:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                return False
    return True


@pytest.fixture(scope="session")
def cluster_home():
    """Home and first HTTP port of the session's local 3-node cluster; the nodes are stopped at the end.

    Started once for every test that needs a cluster (through `es_cluster`),
    since starting three nodes costs about a minute on a loaded machine.
    """
    import shutil

    from marsad import esnode

    base = next((b for b in range(9650, 9800, 10) if _cluster_ports_free(b, 3)), None)
    assert base, "no free ports for a 3-node cluster between 9650 and 9800"
    home = config.cache_dir() / "test-clusters" / uuid.uuid4().hex[:8]
    try:
        yield home, base
    finally:
        esnode.stop_cluster(home)
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def es_cluster(cluster_home):
    """The session's 3-node cluster, whole: started on first use, and a node an earlier test killed restarted."""
    from marsad import esnode

    home, base = cluster_home
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MARSAD_ES_PORT", str(base))
        mp.setenv("MARSAD_ES_HEAP", "384m")
        return esnode.start_cluster(3, home=home)


# Fixtures that mean a test needs a running Elasticsearch: any test using one
# (directly or through another fixture) is marked `es`, so `pytest -m "not es"`
# is a fast lane that needs nothing running.
_ES_FIXTURES = frozenset({"es_url", "es_is_local", "index_prefix", "es", "cluster_home", "es_cluster"})


# The suite's folders mirror the house: a test is also marked with its folder's name
# (`pytest -m web` runs the browser and page tests).
FOLDERS = ("nlp", "crawler", "api", "web", "integration")
_TESTS = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if _ES_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.es)
        folder = Path(item.path).resolve().relative_to(_TESTS).parts[0]
        if folder in FOLDERS:
            item.add_marker(getattr(pytest.mark, folder))


@pytest.fixture(scope="module")
def site():
    """The mock news site (tests/mockserver.py) in its own process, shared by one module's tests.

    A module whose tests each need a site of their own (hit counters from zero)
    overrides it with a function-scoped ``site`` built by ``mockserver.mock_site``.
    """
    from mockserver import mock_site

    yield from mock_site()
