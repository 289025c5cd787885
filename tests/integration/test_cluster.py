"""A real 3-node cluster on loopback: replicas chosen from the node count, and a node killed with SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import time
import urllib.request

import pytest
from faultkit import FAULT_DETECTION

from marsad import config, indices, store

pytestmark = [pytest.mark.es, pytest.mark.slow, pytest.mark.cluster]


@pytest.fixture
def cluster(es_cluster, monkeypatch):
    monkeypatch.setenv("MARSAD_INDEX_PREFIX", "marsad-cluster-test")
    return es_cluster


def _jvm_arguments(url: str) -> list[str]:
    with urllib.request.urlopen(f"{url}/_nodes/_local/jvm", timeout=10) as r:
        [node] = json.load(r)["nodes"].values()
    return node["jvm"]["input_arguments"]


def test_only_the_cluster_nodes_compile_with_c1_only(cluster, es_url: str):
    """The suite's cluster nodes start with the test JVM options; the development node does not get them."""
    for state in cluster:
        assert "-XX:TieredStopAtLevel=1" in _jvm_arguments(state.url), state.url
    # Set for the whole session (by the suite, or by hand), it would reach every node the session starts.
    assert os.environ.get(config.ES_JAVA_OPTS.name) is None, "MARSAD_ES_JAVA_OPTS is set for the whole session"
    assert "-XX:TieredStopAtLevel=1" not in _jvm_arguments(es_url)


def test_only_the_cluster_nodes_drop_a_hung_node_fast(cluster, es_url: str):
    """The suite's fault detection settings reach every cluster node's configuration, and only theirs."""
    def settings(url: str) -> dict:
        with urllib.request.urlopen(f"{url}/_nodes/_local/settings?flat_settings=true", timeout=10) as r:
            [node] = json.load(r)["nodes"].values()
        return node["settings"]

    for state in cluster:
        assert FAULT_DETECTION.items() <= settings(state.url).items(), state.url
    assert os.environ.get(config.ES_SETTINGS.name) is None, "MARSAD_ES_SETTINGS is set for the whole session"
    assert not FAULT_DETECTION.keys() & settings(es_url).keys()


def test_cluster_survives_a_killed_node(cluster):
    assert len(cluster) == 3 and len({s.pid for s in cluster}) == 3
    es = store.client(cluster[0].url)
    indices.init(es)
    settings = es.indices.get_settings(index=store.alias("articles"))
    [index_settings] = settings.values()
    assert index_settings["settings"]["index"]["number_of_replicas"] == "1", "replicas follow the node count"
    es.cluster.health(wait_for_status="green", timeout="60s")

    alias = store.alias("articles")
    for i in range(50):
        es.index(index=alias, id=str(i), document={"id": str(i), "lang": "en", "indexed": "2026-11-01T00:00:00Z"})
    es.indices.refresh(index=alias)

    victim = cluster[2]
    os.killpg(victim.pid, signal.SIGKILL)
    survivor = store.client(cluster[0].url, request_timeout=30)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        health = survivor.cluster.health()
        if health["number_of_nodes"] == 2 and health["status"] in ("green", "yellow"):
            break
        time.sleep(1)
    else:
        pytest.fail(f"cluster did not recover after a node was killed: {health}")
    assert survivor.count(index=alias)["count"] == 50
    survivor.index(index=alias, id="after", document={"id": "after", "lang": "ar"}, refresh=True)
    assert survivor.count(index=alias)["count"] == 51
