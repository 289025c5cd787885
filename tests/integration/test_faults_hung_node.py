"""A hung Elasticsearch node (SIGSTOP: its ports accept connections, nothing answers) under the API and a crawl.

The session's 3-node cluster (conftest `es_cluster`). A fault-free crawl of
the mock site first (the throughput to compare with, and the articles the
API serves); then `marsad serve` (all three nodes, MARSAD_API_TIMEOUT=5) under
load and a second crawl, and the node holding copies of both crawls'
articles is stopped with SIGSTOP for longer than the cluster takes to drop it,
then resumed with SIGCONT. The API must answer every request within its
timeout with complete results, the crawl must store every article once
(written elsewhere, or spooled and replayed), and both must recover.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
import uuid

import pytest
from faultkit import Api, Figures, Timeline, baseline, report, start_crawl, stored_articles, tally
from mockserver import REPO, MockServer, marsad_command, summary

from marsad import indices, store

pytestmark = [pytest.mark.es, pytest.mark.slow, pytest.mark.cluster, pytest.mark.faults]

API_TIMEOUT = 5.0
# Longer than the cluster's own fault detection (faultkit.FAULT_DETECTION: about 12 s), so that writes
# whose primary was on the hung node must go to the promoted replica, and shorter than the crawl.
HOLD = 20.0
# A crawl that lasts: one request at a time, 0.3 s apart, small batches (many bulk writes); a bulk request
# the hung node holds times out well within the hang (8 s), so the crawl has to write elsewhere or spool.
PACE = {"MARSAD_CRAWL_DELAY": "0.3", "MARSAD_CRAWL_DOMAIN_CONCURRENCY": "1", "MARSAD_INDEX_BATCH": "3",
        "MARSAD_ES_REQUEST_TIMEOUT": "8"}
PATHS = ["/api/v1/articles?size=5", "/api/v1/articles?lang=ar&size=5", "/api/v1/claims?size=5",
         "/api/v1/articles?q=company&size=5", "/api/v1/entities?q=a&size=5"]


def _victim(es, states, prefixes: list[str]):
    """Returns the node holding a copy of every prefix's articles, the primary of the last one if it can."""
    rows = es.cat.shards(index=",".join(f"{p}-articles" for p in prefixes), format="json")
    holders = [{r["node"] for r in rows if r["index"].startswith(f"{p}-articles")} for p in prefixes]
    both = set.intersection(*holders)
    assert both, rows
    primary = {r["node"] for r in rows if r["index"].startswith(f"{prefixes[-1]}-articles") and r["prirep"] == "p"}
    name = sorted(both & primary or both)[0]
    info = es.nodes.info(node_id=name, metric="http")["nodes"]
    [node] = info.values()
    port = int(node["http"]["publish_address"].rsplit(":", 1)[1])
    return next(s for s in states if s.url.endswith(f":{port}")), name, bool(both & primary)


def _load(api: Api, answers: list, stop: threading.Event, n: int) -> None:
    while not stop.is_set():
        path = PATHS[n % len(PATHS)]
        answers.append((time.monotonic(), path, *api.get(path, timeout=60)))
        n += 1
        time.sleep(0.05)


def test_a_hung_node_is_avoided_by_the_api_and_the_crawl_and_both_recover(es_cluster, tmp_path, monkeypatch):
    urls = [s.url for s in es_cluster]
    run = uuid.uuid4().hex[:6]
    read_prefix, crawl_prefix = f"marsad-hung-{run}-base", f"marsad-hung-{run}-crawl"
    es = store.client(urls, request_timeout=30)
    for prefix in (read_prefix, crawl_prefix):
        monkeypatch.setenv("MARSAD_INDEX_PREFIX", prefix)
        indices.init(es)
    es.cluster.health(wait_for_status="green", timeout="90s")
    answers: list = []
    stop = threading.Event()
    threads: list[threading.Thread] = []
    api = None
    victim = None
    try:
        with MockServer() as site:
            base_rate, expected = baseline(site, es, ",".join(urls), read_prefix, tmp_path / "base", **PACE)
            env = dict(os.environ, MARSAD_ES_URL=",".join(urls), MARSAD_INDEX_PREFIX=read_prefix,
                       MARSAD_API_TIMEOUT=str(API_TIMEOUT), MARSAD_RATE_LIMIT="0", MARSAD_API_WORKERS="2",
                       MARSAD_API_THREADS="4")
            api = Api(env, tmp_path / "marsad.api.log")
            api.wait_ready()
            totals = {}
            for path in PATHS:
                status, _, body = api.get(path)
                assert status == 200, body
                totals[path] = json.loads(body).get("total")
            victim, name, is_primary = _victim(es, es_cluster, [read_prefix, crawl_prefix])
            observer = store.client(urls, request_timeout=10)

            def stored() -> int:
                return observer.count(index=f"{crawl_prefix}-articles")["count"]

            site.get("/_reset")
            with Timeline(site, stored) as timeline:
                crawl = start_crawl(site, ",".join(urls), crawl_prefix, tmp_path / "crawl", **PACE)
                deadline = time.monotonic() + 120
                while (before := stored()) < 6:
                    assert crawl.poll() is None, crawl.communicate()[1]
                    assert time.monotonic() < deadline, "the crawl never stored anything"
                    time.sleep(0.2)
                threads = [threading.Thread(target=_load, args=(api, answers, stop, i), daemon=True) for i in range(3)]
                for t in threads:
                    t.start()
                time.sleep(1)
                os.killpg(victim.pid, signal.SIGSTOP)
                stopped = time.monotonic()
                assert crawl.poll() is None, "the crawl ended before the node hung"
                time.sleep(HOLD)
                os.killpg(victim.pid, signal.SIGCONT)
                resumed = time.monotonic()
                health = es.cluster.health(wait_for_status="green", wait_for_nodes="3", timeout="120s")
                green = time.monotonic()
                _, err = crawl.communicate(timeout=600)
                finished = time.monotonic()
                time.sleep(2)  # load on the recovered cluster
                stop.set()
                for t in threads:
                    t.join(timeout=70)
            fault_rate = timeline.pages_per_second(stopped, resumed)
    finally:
        stop.set()
        if victim is not None:
            os.killpg(victim.pid, signal.SIGCONT)
        if api is not None:
            api.close()
    s = summary(err)
    replayed = 0
    if crawl.returncode == 75:
        # Batches that met the hang were spooled: stored by the replay, not lost.
        replay = subprocess.run(marsad_command("spool", "replay"), cwd=REPO, capture_output=True, text=True,
                                timeout=300, env={**os.environ, "MARSAD_ES_URL": ",".join(urls),
                                                  "MARSAD_INDEX_PREFIX": crawl_prefix,
                                                  "MARSAD_STATE_DIR": str(tmp_path / "crawl")})
        assert replay.returncode == 0, replay.stderr
        replayed = s["spooled"]
    docs = stored_articles(es, crawl_prefix)
    n, duplicated, lost = tally(docs, expected)
    during = [a for a in answers if stopped <= a[0] <= resumed]
    statuses = {}
    for a in answers:
        statuses[a[2]] = statuses.get(a[2], 0) + 1
    slowest = max(a[3] for a in answers)
    wrong = [(round(a[0] - stopped, 1), a[1], a[2], a[4][:120]) for a in answers
             if a[2] != 200 or json.loads(a[4]).get("total") != totals[a[1]]]
    written_during = [t for t, _, c in timeline.samples if stopped < t < resumed and c is not None and c > before]
    report(Figures(
        f"hung Elasticsearch node (SIGSTOP {HOLD:.0f} s, 3-node cluster)", len(expected), n, duplicated, lost,
        round(green - resumed, 1), round(fault_rate, 2), round(base_rate, 2),
        {"victim": f"{name}{' (primary of the crawl articles)' if is_primary else ''}",
         "API requests": len(answers), "during the hang": len(during), "statuses": statuses,
         "slowest answer s": round(slowest, 2),
         "crawl wrote during the hang": bool(written_during),
         "first article stored after the stop s": round(written_during[0] - stopped, 1) if written_during else None,
         "crawl finished after resume s": round(finished - resumed, 1), "spooled then replayed": replayed,
         "exit": crawl.returncode, "cluster": f"{health['status']} {health['number_of_nodes']} nodes"}))
    assert crawl.returncode in (0, 75), err
    assert s["failed"] == 0 and s["spooled"] == replayed, err
    assert n == len(expected) and duplicated == 0 and lost == 0
    # The cluster dropped the hung node within the hang and the crawl wrote on, to the promoted copies.
    assert written_during, "the crawl stored nothing while the node hung: was it dropped (faultkit.FAULT_DETECTION)?"
    assert during, "no API request during the hang"
    assert not wrong, wrong[:10]
    assert slowest <= API_TIMEOUT + 2, f"an answer took {slowest:.1f} s, over the API's timeout"
    text = api.text()
    assert "does not answer (hung?)" in text and "answers again" in text, text[-3000:]


@pytest.mark.parametrize(("endpoint", "params", "body", "expected_params", "expected_body"), [
    ("search", None, {"query": {}}, {"preference": "P"}, {"query": {}}),
    ("search", {"preference": "_local"}, None, {"preference": "_local"}, None),  # the caller's own wins
    ("search", None, {"pit": {"id": "x"}}, None, {"pit": {"id": "x"}}),  # a point in time takes none
    ("count", {"q": "a"}, None, {"q": "a", "preference": "P"}, None),
    ("bulk", None, [{"index": {}}], None, [{"index": {}}]),  # writes cannot be steered
    ("msearch", None, [{"index": "a"}, {"query": {}}, {}, {"pit": {"id": "x"}}],
     None, [{"index": "a", "preference": "P"}, {"query": {}}, {}, {"pit": {"id": "x"}}]),
])
def test_reads_are_steered_away_from_hung_nodes(endpoint, params, body, expected_params, expected_body) -> None:
    assert store._steer(endpoint, params, body, "P") == (expected_params, expected_body)
    assert store._steer(endpoint, params, body, None) == (params, body)
