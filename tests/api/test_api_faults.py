"""The API under load while an Elasticsearch node dies: a real 3-node cluster, `marsad serve`, SIGKILL.

The API knows all three nodes (MARSAD_ES_URL is a comma-separated list);
threads send search requests over HTTP the whole time. Every answer must be
a 200, or a 503 with the contract's error body; never a 500, a stack trace,
Elasticsearch's own error text, or a hang. Once the cluster has recovered,
the same server (not restarted) answers 200 again.

It uses the session's cluster (conftest `es_cluster`) and leaves it whole,
and its name sorts before test_cluster.py, whose test kills a node for good:
so the suite starts three nodes once and restarts none in a fixture.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from marsad import documents, indices, store
from marsad.indexer import Indexer, Unit

pytestmark = [pytest.mark.es, pytest.mark.slow, pytest.mark.cluster, pytest.mark.faults]

MARSAD = Path(sys.executable).parent / "marsad"
API_TIMEOUT = 5  # MARSAD_API_TIMEOUT of the server under test
HANG = 2 * API_TIMEOUT + 5  # longer than this without an answer is a hang
ARTICLES = 40
PATHS = [
    "/api/v1/articles?q=" + urllib.parse.quote("mining fine"),
    "/api/v1/articles?q=" + urllib.parse.quote("هالفارد"),
    "/api/v1/claims?kind=denial&size=5",
    "/api/v1/articles?lang=ar&size=5",
    "/api/v1/entities?q=halv",
]


def _unit(n: int) -> Unit:
    if n % 2:
        lang, name, text = "ar", "هالفارد", "نفت شركة هالفارد دفع غرامة قدرها 5 ملايين دولار في قضية التعدين"
    else:
        lang, name, text = "en", "Halvard", "Halvard Mining denied it must pay a mining fine of $5 million."
    analysis = {
        "lang": lang, "figures": [],
        "entities": [{"text": name, "label": "ORG", "start": text.index(name), "end": text.index(name) + len(name),
                      "id": "halvard-mining", "name": "Halvard Mining"}],
        "claims": [{"text": text, "kind": "denial", "cue": "denied", "start": 0, "end": len(text),
                    "speaker": None, "figures": [], "entities": [0]}],
    }
    article = documents.Article(url=f"https://load.example/{n}", title=f"Story {n}", body=text, lang=lang,
                                source="load", published=f"2026-02-{1 + n % 28:02d}T08:00:00+00:00")
    return Unit.build(article, analysis)


@dataclass
class Answer:
    at: float
    path: str
    status: int  # 0: no HTTP answer (connection error or hang)
    latency: float
    body: bytes
    retry_after: str | None = None


def _get(base: str, path: str) -> Answer:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(base + path, timeout=HANG) as r:
            return Answer(started, path, r.status, time.monotonic() - started, r.read())
    except urllib.error.HTTPError as e:
        return Answer(started, path, e.code, time.monotonic() - started, e.read(), e.headers.get("Retry-After"))
    except OSError as e:
        return Answer(started, path, 0, time.monotonic() - started, repr(e).encode())


class Server:
    """`marsad serve` (gunicorn, real HTTP) on a free port, using the Elasticsearch nodes it is given."""

    def __init__(self, urls: list[str], log: Path):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.base = f"http://127.0.0.1:{port}"
        self.log = log.open("w+b")
        env = dict(os.environ, MARSAD_ES_URL=",".join(urls), MARSAD_RATE_LIMIT="0",
                   MARSAD_API_TIMEOUT=str(API_TIMEOUT), MARSAD_API_WORKERS="2", MARSAD_API_THREADS="4")
        self.proc = subprocess.Popen([str(MARSAD), "serve", "--host", "127.0.0.1", "--port", str(port)],
                                     stdout=self.log, stderr=subprocess.STDOUT, env=env, start_new_session=True)

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while _get(self.base, "/api/v1/health").status != 200:
            assert self.proc.poll() is None, f"marsad serve exited: {self.log.seek(0) or self.log.read().decode()}"
            assert time.monotonic() < deadline, f"marsad serve did not answer within {timeout:.0f} s"
            time.sleep(0.3)

    def close(self) -> None:
        os.killpg(self.proc.pid, signal.SIGTERM)
        self.proc.wait(timeout=20)


def _load(base: str, answers: list[Answer], stop: threading.Event, worker: int, pause: float) -> None:
    n = worker
    while not stop.is_set():
        answers.append(_get(base, PATHS[n % len(PATHS)]))
        n += 1
        time.sleep(pause)


def _check(answer: Answer, totals: dict[str, int]) -> str | None:
    """Returns what is wrong with one answer, or None."""
    text = answer.body.decode("utf-8", "replace")
    if answer.status == 0:
        return f"no answer within {HANG} s: {text}"
    if "Traceback" in text or "_exception" in text or "ApiError" in text:
        return f"internal detail leaked: {text[:200]}"
    body = json.loads(text)
    if answer.status == 200:
        total = body.get("total")
        if total is not None and total != totals[answer.path]:
            return f"incomplete result: total {total}, expected {totals[answer.path]}"
        return None
    if answer.status == 503:
        if set(body) != {"error"} or set(body["error"]) != {"code", "message"}:
            return f"503 without the contract's error body: {text[:200]}"
        if not body["error"]["code"].startswith("store_") or not answer.retry_after:
            return f"503 without a store_* code and Retry-After: {text[:200]}"
        return None
    return f"status {answer.status}: {text[:200]}"




def _report(name: str, answers: list[Answer], killed: float) -> tuple[dict, float]:
    """Returns counts by status and the error window (first non-200 sent to last non-200 answered), in seconds."""
    counts: dict = {}
    codes: dict = {}
    for a in answers:
        counts[a.status] = counts.get(a.status, 0) + 1
        if a.status == 503:
            code = json.loads(a.body)["error"]["code"]
            codes[code] = codes.get(code, 0) + 1
    errors = [a for a in answers if a.status != 200]
    window = (max(a.at + a.latency for a in errors) - min(a.at for a in errors)) if errors else 0.0
    slowest = max(a.latency for a in answers)
    print(f"  API with {name}: {len(answers)} requests, by status {dict(sorted(counts.items()))} {codes or ''}, "
          f"error window {window:.2f} s (first error {min((a.at for a in errors), default=killed) - killed:+.2f} s "
          f"after the kill), slowest answer {slowest:.2f} s")
    return counts, window


def test_api_under_load_answers_200_or_503_while_a_node_dies_and_recovers_without_restart(
    es_cluster, start_cluster, monkeypatch, tmp_path
):
    states = es_cluster
    monkeypatch.setenv("MARSAD_INDEX_PREFIX", f"marsad-faults-{uuid.uuid4().hex[:6]}")
    urls = [s.url for s in states]
    es = store.client(urls, request_timeout=30)
    # The elected master dies: the hardest case, a new election on top of the lost shard copies.
    master = es.cat.master(format="json")[0]["node"]
    victim = next(s for s in states if Path(s.home).name == f"node-{master.rsplit('-', 1)[1]}")
    # One server knows every node; the other only the victim, so it must say 503 until the node is back.
    servers = {"every node": Server(urls, tmp_path / "all.log"), "only the killed node": Server([victim.url],
                                                                                              tmp_path / "one.log")}
    answers: dict[str, list[Answer]] = {name: [] for name in servers}
    stops = {name: threading.Event() for name in servers}
    workers = []
    try:
        indices.init(es)
        es.cluster.health(wait_for_status="green", timeout="90s")
        indexer = Indexer(es, tmp_path / "spool", batch_size=20)
        for n in range(ARTICLES):
            indexer.add(_unit(n))
        assert indexer.close().indexed == ARTICLES
        for kind in store.KINDS:
            es.indices.refresh(index=store.alias(kind))
        for server in servers.values():
            server.wait_ready()
        totals = {}
        for path in PATHS:
            firsts = [_get(server.base, path) for server in servers.values()]
            assert all(a.status == 200 for a in firsts), [a.body for a in firsts]
            totals[path] = json.loads(firsts[0].body).get("total")
            assert json.loads(firsts[1].body).get("total") == totals[path]
        assert totals[PATHS[0]] == ARTICLES // 2 == totals[PATHS[1]]

        for name, server in servers.items():
            # The single-node API's 503s are instant: fewer, slower clients there, so that
            # they do not starve the two cores the restarting node needs.
            many = name == "every node"
            for i in range(5 if many else 2):
                workers.append(threading.Thread(target=_load, args=(server.base, answers[name], stops[name], i,
                                                                    0.02 if many else 0.1), daemon=True))
        for w in workers:
            w.start()
        time.sleep(3)
        os.killpg(victim.pid, signal.SIGKILL)
        killed = time.monotonic()
        survivor = store.client([s.url for s in states if s is not victim], request_timeout=10)
        recovered = None
        while time.monotonic() - killed < 90:
            try:
                health = survivor.cluster.health()
                if health["number_of_nodes"] == 2 and health["status"] in ("green", "yellow"):
                    recovered = time.monotonic()
                    break
            except Exception:  # noqa: BLE001 - the election may still be running
                pass
            time.sleep(0.5)
        assert recovered, "the two surviving nodes did not recover within 90 s"
        time.sleep(3)  # load on the two-node cluster
        stops["every node"].set()  # its part is proven; the restart below is slow enough on two cores

        # The killed node comes back (same data directory); neither server is restarted.
        start_cluster()
        rejoined = time.monotonic()
        one = answers["only the killed node"]
        while not any(a.status == 200 and a.at > rejoined for a in one):
            assert time.monotonic() - rejoined < 30, "the API did not answer 200 again once its node was back"
            time.sleep(0.2)
        time.sleep(2)
    finally:
        for stop in stops.values():
            stop.set()
        for w in workers:
            w.join(timeout=HANG + 5)
        for server in servers.values():
            server.close()

    print(f"\nnode {Path(victim.home).name} (elected master) SIGKILLed under load; the two others recovered "
          f"{recovered - killed:.1f} s later; the node rejoined {rejoined - killed:.1f} s after the kill")
    for name, got in answers.items():
        problems = [(round(a.at - killed, 2), a.path, why) for a in got if (why := _check(a, totals))]
        assert not problems, (name, problems[:10])
        counts, window = _report(name, got, killed)
        assert set(counts) <= {200, 503} and counts.get(500, 0) == 0
        assert all(a.status == 200 for a in got[-10:]), f"API with {name} did not come back without a restart"
    everywhere = answers["every node"]
    assert any(a.at >= recovered for a in everywhere)
    assert all(a.status == 200 for a in everywhere if a.at >= recovered), "503 after the cluster recovered"
    one = answers["only the killed node"]
    assert any(a.status == 503 for a in one), "the single-node API never noticed its node was gone"
    assert all(a.status == 503 for a in one if killed + 0.5 < a.at and a.at + a.latency < rejoined - 0.5)
