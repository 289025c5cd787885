"""Fixtures shared by several folders of the suite, and the markers every test gets.

Here: the real Elasticsearch node and the session's index names (every
folder that stores), an index prefix of a test's own (crawler, integration),
the session's 3-node cluster (api, integration), the mock news site (api,
crawler, integration) and the API's app and client over the bilingual fixture
articles (api, integration). What one folder alone uses is in that folder's
``conftest.py``.

The node is the one `marsad es` manages (started here if it is not running),
or the one MARSAD_ES_URL names. Each test session writes under its own index
prefix, so runs never see each other's data, and removes its indices at the end.
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from marsad.torchless import block_torch

block_torch()  # the suite is an entry point: no PyTorch under spaCy (see marsad/torchless.py)

from marsad import config  # noqa: E402


def _cache_bytecode() -> None:
    """Keeps compiled modules in Marsad's cache directory when the environment forbids writing them beside the source.

    With PYTHONDONTWRITEBYTECODE set, every Python process the suite starts (a
    crawl, the CLI, a mock server, API workers) compiled Scrapy, Twisted,
    elasticsearch and camel-tools from source again: 2 to 4 s of CPU each. A
    cache prefix outside the tree keeps the tree clean and lets the next
    process reuse them; Python checks each cached file against its source.
    """
    if not sys.dont_write_bytecode:
        return
    prefix = sys.pycache_prefix or str(config.cache_dir() / "pycache")
    try:
        Path(prefix).mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # an unwritable cache: compile as before
    sys.pycache_prefix = prefix
    sys.dont_write_bytecode = False
    os.environ["PYTHONPYCACHEPREFIX"] = prefix
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


_cache_bytecode()

# Read before any fixture exports MARSAD_ES_URL for the session's subprocesses.
EXTERNAL_ES_URL = config.get(config.ES_URL)


# ---- Elasticsearch --------------------------------------------------------------------------


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


@pytest.fixture(scope="session")
def own_prefix(es, index_prefix: str) -> Callable[[str], str]:
    """A factory of index prefixes of a test's own: ``own_prefix("site")`` creates the indices, returns the prefix.

    A crawl test counts what it stored; indices nobody else writes keep those
    counts exact. They sit under the session's prefix, so the session removes
    them. The environment is left as it was: a test exports the prefix itself
    (``crawl_env``, ``monkeypatch``) where it needs to.
    """
    from marsad import indices

    def make(name: str) -> str:
        mine = f"{index_prefix}-{name}-{uuid.uuid4().hex[:4]}"
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("MARSAD_INDEX_PREFIX", mine)
            indices.init(es)
        return mine

    return make


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
def es_cluster(start_cluster):
    """The session's 3-node cluster, whole: started on first use, and a node an earlier test killed restarted."""
    return start_cluster()


# How the session's cluster nodes run. They live minutes and serve small requests, so the JVM's
# start-up, most of it JIT compiling, is most of their CPU: compiling with C1 only halves it (15 -> 7 s
# of CPU a node here). Only these nodes get it; the development node keeps the default JVM.
# They also drop a hung node faster (faultkit.FAULT_DETECTION), so the fault tests hold one for less time.
CLUSTER_NODE_SETTINGS = {"MARSAD_ES_HEAP": "384m", config.ES_JAVA_OPTS.name: "-XX:TieredStopAtLevel=1"}


@pytest.fixture(scope="session")
def start_cluster(cluster_home):
    """Starts the session's cluster's nodes that are not running (all three at first); returns their states."""
    from marsad import esnode

    home, base = cluster_home

    def start():
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("MARSAD_ES_PORT", str(base))
            for name, value in CLUSTER_NODE_SETTINGS.items():
                mp.setenv(name, value)
            from faultkit import FAULT_DETECTION

            mp.setenv(config.ES_SETTINGS.name, " ".join(f"{k}={v}" for k, v in FAULT_DETECTION.items()))
            return esnode.start_cluster(3, home=home)

    return start


# ---- The mock news site -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def site():
    """The mock news site (tests/mockserver.py) in its own process, shared by one module's tests.

    A module whose tests count hits from zero resets the counters first
    (``site.get("/_reset")``).
    """
    from mockserver import mock_site

    yield from mock_site()


# ---- The API over the fixture articles (tests/apikit.py) -------------------------------------


@pytest.fixture(scope="session")
def api_stories(es, tmp_path_factory) -> list:
    """The bilingual fixture articles and fillers, indexed once per session."""
    from apikit import FILLERS, STORIES, index_stories

    index_stories(es, STORIES + FILLERS, tmp_path_factory.mktemp("api-spool"))
    return STORIES


@pytest.fixture
def app(es, api_stories):
    """The application in testing mode against the session's Elasticsearch and indices (no rate limit)."""
    from marsad.api import create_app

    return create_app({"TESTING": True, "RATE_LIMIT": 0})


@pytest.fixture
def client(app):
    """A test client of the app."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A CLI runner of the app."""
    return app.test_cli_runner()


# ---- Markers -------------------------------------------------------------------------------------

# Fixtures that mean a test needs a running Elasticsearch: any test using one
# (directly or through another fixture) is marked `es`, so `pytest -m "not es"`
# is a fast lane that needs nothing running.
_ES_FIXTURES = frozenset({"es_url", "es_is_local", "index_prefix", "es", "cluster_home", "es_cluster"})

# Tests that use the 3-node cluster run on one pytest-xdist worker (`--dist loadgroup`): each
# worker is a session of its own, and three nodes per worker would be started otherwise.
_CLUSTER_FIXTURES = frozenset({"cluster_home", "es_cluster"})


# The suite's folders mirror the house: a test is also marked with its folder's name
# (`pytest -m web` runs the browser and page tests).
FOLDERS = ("nlp", "crawler", "api", "web", "integration")
_TESTS = Path(__file__).resolve().parent


def _heaviness(item) -> int:
    """0 for the cluster's tests, 1 for the other slow and fault tests, 2 for the rest: the order handed out."""
    group = item.get_closest_marker("xdist_group")
    if group is not None and group.args == ("cluster",):
        return 0
    return 1 if item.get_closest_marker("slow") or item.get_closest_marker("faults") else 2


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config, items):
    # Items are collected in each pytest-xdist worker, where `--dist loadgroup` reads as the `loadgroup` flag.
    parallel = bool(getattr(config.option, "loadgroup", False))
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if _ES_FIXTURES & fixtures:
            item.add_marker(pytest.mark.es)
        if _CLUSTER_FIXTURES & fixtures:
            item.add_marker(pytest.mark.xdist_group("cluster"))
        elif parallel:
            # A module's tests stay on one worker, in their order: several build on the one before
            # (a first crawl, then a second one into the same indices) through module fixtures.
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::", 1)[0]))
        folder = Path(item.path).resolve().relative_to(_TESTS).parts[0]
        if folder in FOLDERS:
            item.add_marker(getattr(pytest.mark, folder))
    if parallel:
        # The longest first, so that no worker starts a minute-long group when the others are done.
        items.sort(key=_heaviness)
    elif hasattr(config, "workerinput"):
        # Any other pytest-xdist run (the fast lane, `-m "not es" -n 2`): the tests of the gold analysis (a
        # session fixture of about 25 s) go first, so one worker does it while the other starts on the rest.
        items.sort(key=lambda item: "gold_run" not in getattr(item, "fixturenames", ()))


@pytest.hookimpl(trylast=True)  # after pytest-xdist has marked each grouped test's id with its group
def pytest_collection_finish(session):
    if getattr(session.config.option, "loadgroup", False) and not all("@" in i.nodeid for i in session.items):
        raise pytest.UsageError("--dist loadgroup did not group the tests (pytest 9.2 with pytest-xdist 3.8 ignores "
                                "the groups: pytest-dev/pytest-xdist#1386); install pytest<9.2")
