"""A crawl into a 3-node cluster survives one node killed with SIGKILL: every article stored once.

The crawler is told about all three nodes (MARSAD_ES_URL with three URLs), as
a deployment would be; the node killed, the elected master, is one of them,
not the only one it knows. Elasticsearch's client retries a request that fails on the dead node
on a live one, and each index has a replica, so nothing is lost.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest
from mockserver import REPO, MockServer, crawl_env, marsad_command, summary, write_sources

from marsad import indices, store

pytestmark = [pytest.mark.es, pytest.mark.slow, pytest.mark.cluster, pytest.mark.faults]

UNIQUE_ARTICLES = 46  # as in test_crawl_site.py
PREFIX = "marsad-cluster-crawl"


@pytest.fixture
def cluster(es_cluster, monkeypatch):
    """The session's 3-node cluster (tests/conftest.py), under this module's own index prefix."""
    monkeypatch.setenv("MARSAD_INDEX_PREFIX", PREFIX)
    return es_cluster


def _http_port(es, node_name: str) -> int:
    """Returns the HTTP port of the node called node_name."""
    info = es.nodes.info(node_id=node_name, metric="http")["nodes"]
    [node] = info.values()
    return int(node["http"]["publish_address"].rsplit(":", 1)[1])


def _stored(es) -> int:
    try:
        es.indices.refresh(index=store.alias("articles"))
        return es.count(index=store.alias("articles"))["count"]
    except Exception:  # noqa: BLE001 - a node may be gone; the next look will tell
        return -1


def test_crawl_survives_a_killed_node(cluster, tmp_path) -> None:
    urls = [s.url for s in cluster]
    es = store.client(urls)
    indices.init(es)
    es.cluster.health(wait_for_status="green", timeout="60s")
    # The victim is the elected master, the hardest node to lose: writes wait for a new election too.
    master = es.cat.master(format="json")[0]["node"]
    port = _http_port(es, master)
    victim = next(node for node in cluster if node.url.endswith(f":{port}"))
    observer = store.client(next(u for u in urls if u != victim.url), request_timeout=10, max_retries=0)
    with MockServer() as site:
        sources = write_sources(tmp_path / "sources.yml", site, ["/feeds/en.rss", "/feeds/ar.atom"],
                                ["/sitemap_index.xml"])
        # Small batches, so that writes go on while the node dies.
        env = crawl_env(",".join(urls), PREFIX, tmp_path / "state", MARSAD_INDEX_BATCH="3",
                        MARSAD_CRAWL_DOMAIN_CONCURRENCY="2")
        crawl = subprocess.Popen(marsad_command("crawl", f"--sources={sources}"), cwd=REPO, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 120
        while (before := _stored(observer)) < 6:
            assert crawl.poll() is None, crawl.communicate()[1]
            assert time.monotonic() < deadline, "the crawl never stored anything"
            time.sleep(0.2)
        os.killpg(victim.pid, signal.SIGKILL)
        killed = time.monotonic()
        assert crawl.poll() is None, "the crawl ended before the node was killed"
        # Recovery: the first article stored after the kill.
        while (after := _stored(observer)) <= before and crawl.poll() is None:
            time.sleep(0.2)
        resumed = time.monotonic() - killed
        _, err = crawl.communicate(timeout=300)
        finished = time.monotonic() - killed
    replayed = 0
    if crawl.returncode == 75:
        # Some batch met the election and was spooled (a slow machine): stored by the replay, not lost.
        replay = subprocess.run(marsad_command("spool", "replay"), cwd=REPO, env=env, capture_output=True, text=True,
                                timeout=120)
        assert replay.returncode == 0, replay.stderr
        replayed = summary(err)["spooled"]
    health = observer.cluster.health(wait_for_status="yellow", timeout="60s")
    s = summary(err)
    observer.indices.refresh(index=store.alias("articles"))
    docs = [h["_source"] for h in observer.search(index=store.alias("articles"), size=1000)["hits"]["hits"]]
    canonical = {d["canonical_url"] for d in docs}
    print(f"master node {master} killed with {before} articles stored; next article stored {resumed:.1f} s later "
          f"({after} then); crawl finished {finished:.1f} s after the kill: indexed {s['indexed']}, "
          f"spooled {s['spooled']} (replayed afterwards {replayed}), failed {s['failed']}; "
          f"stored {len(docs)} of {UNIQUE_ARTICLES}, "
          f"distinct canonical URLs {len(canonical)}; cluster {health['status']}, {health['number_of_nodes']} nodes")
    assert crawl.returncode in (0, 75), err
    assert s["failed"] == 0 and s["spooled"] == replayed, err
    assert health["number_of_nodes"] == 2
    assert len(docs) == UNIQUE_ARTICLES == len(canonical)
