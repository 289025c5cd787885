"""API benchmark: latency and throughput of the HTTP API vs the same Elasticsearch queries sent directly.

1. Synthetic articles are indexed under a throwaway prefix through Marsad's
   indexer (their planted analysis, so no NLP time).
2. ``marsad serve`` (gunicorn) starts on a free loopback port against that
   prefix.
3. Each endpoint is called once with the API pointed at a small recording
   proxy in front of Elasticsearch: the search request the API makes for it
   (path and JSON body, byte for byte) is what the direct side replays. So
   "direct" means exactly the API's own query, minus Flask, gunicorn and
   the JSON it builds.
4. wrk (a separate load-generator process) runs each side for a fixed time
   at 1, 16 and 64 connections, rotating through the endpoint's queries
   (``bench.queries``: rare names, common and rare words and phrases drawn
   from the indexed articles; claim searches with figure filters; feeds of
   top, mid-ranked and rare entities); p50, p99 and requests/s come from
   wrk's ``--latency`` report.

Endpoints: article search (``/articles?q=``), claim search with figure
filters (``/claims?q=&figure_kind=money&min_value=``), entity feed
(``/entities/{id}/feed``).

Run alone: ``.venv/bin/python -m bench.bench_api --articles 3000 --seconds 5``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import islice
from pathlib import Path
from typing import IO
from urllib.parse import quote

from bench import corpus, queries
from bench.bench_index import article_of
from bench.common import REPO, Row, throwaway_prefix, tree_rss_mib
from marsad import config, indices, store
from marsad.indexer import Indexer, Unit

# A few common words of the corpus, for bench_stories' story search; the API rows use the
# query mix drawn from the indexed articles (bench.queries).
ARTICLE_QUERIES = ["contract", "investment", "budget", "العقد", "الاستثمار", "الميزانية"]
# The query mix is drawn from at most this many of the first indexed articles.
QUERY_SAMPLE = 2000


# ------------------------------------------------------------------ loading


def _build_batch(args: tuple[int, int, int]) -> list[str]:
    seed, start, count = args
    return [Unit.build(article_of(a), a.truth).to_json() for a in corpus.generate(count, seed, start)]


def load(count: int, seed: int = 7, start: int = 0, workers: int = 2, batch: int = 200,
         progress: bool = False) -> float:
    """Indexes synthetic articles start … start+count-1 through marsad.indexer; returns seconds taken.

    Documents are built in `workers` processes (the search forms are CPU
    work) while this process feeds the indexer, so building overlaps writing.
    """
    import multiprocessing as mp

    es = store.client(request_timeout=300)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-spool-") as spool:
        indexer = Indexer(es, spool=Path(spool), batch_size=config.get_int(config.INDEX_BATCH, minimum=1))
        jobs = iter([(seed, s, min(batch, start + count - s)) for s in range(start, start + count, batch)])
        done = 0
        with mp.get_context("fork").Pool(workers) as pool:
            # A bounded window of batches in flight: Pool.imap would build the whole
            # corpus ahead of a slower Elasticsearch and hold it all in memory.
            pending: deque = deque(pool.apply_async(_build_batch, (job,)) for job in islice(jobs, 2 * workers))
            while pending:
                lines = pending.popleft().get()
                for job in islice(jobs, 1):
                    pending.append(pool.apply_async(_build_batch, (job,)))
                for line in lines:
                    indexer.add(Unit.from_json(line))
                done += len(lines)
                if progress and done % 10_000 < batch:
                    rate = done / (time.perf_counter() - t0)
                    print(f"   indexed {done:,}/{count:,} ({rate:,.0f} articles/s)", flush=True)
        counts = indexer.close()
    if counts.failed or counts.spooled:
        raise RuntimeError(f"indexing lost documents: {counts}")
    return time.perf_counter() - t0


# ------------------------------------------------------------------ the API process


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Service:
    """A server process in its own process group (``proc``) logging to a temporary file (``log``)."""

    proc: subprocess.Popen
    log: IO[bytes]

    def _log(self) -> str:
        self.log.seek(0)
        return self.log.read()[-2000:].decode("utf-8", "replace")

    def __exit__(self, *exc) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, 15)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, 9)
                self.proc.wait()
        self.log.close()


class Api(Service):
    """``marsad serve`` in its own process group on a free loopback port; a context manager."""

    def __init__(self, es_url: str):
        self.es_url = es_url

    def __enter__(self) -> Api:
        self.port = free_port()
        # The per-IP rate limit (600/min by default) would turn a load test from one address into
        # 429s; a limit no run reaches keeps the limiter's own cost in the measurement.
        env = dict(os.environ, MARSAD_ES_URL=self.es_url, MARSAD_RATE_LIMIT="1000000000")
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            [str(Path(sys.executable).parent / "marsad"), "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            cwd=REPO, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"marsad serve exited {self.proc.returncode}: {self._log()}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/v1/health", timeout=2) as r:
                    if r.status == 200:
                        return self
            except (urllib.error.URLError, OSError):
                time.sleep(0.5)
        self.__exit__()
        raise RuntimeError(f"marsad serve did not answer /api/v1/health within 90 s: {self._log()}")

    def rss(self) -> float:
        return tree_rss_mib(self.proc.pid)


# ------------------------------------------------------------------ recording proxy


@dataclass
class Recorded:
    method: str
    path: str
    body: bytes


class Recorder:
    """A loopback HTTP proxy to Elasticsearch that remembers every request passing through it."""

    def __init__(self, target: str):
        self.target = target.rstrip("/")
        self.requests: list[Recorded] = []
        self.lock = threading.Lock()

    def __enter__(self) -> Recorder:
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def _forward(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with recorder.lock:
                    recorder.requests.append(Recorded(self.command, self.path, body))
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")}
                req = urllib.request.Request(recorder.target + self.path, data=body or None, method=self.command,
                                             headers=headers)
                try:
                    with urllib.request.urlopen(req, timeout=60) as r:
                        status, data, rh = r.status, r.read(), r.headers
                except urllib.error.HTTPError as e:
                    status, data, rh = e.code, e.read(), e.headers
                self.send_response(status)
                for k, v in rh.items():
                    if k.lower() not in ("content-length", "transfer-encoding", "connection"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_HEAD = do_DELETE = _forward  # noqa: N815

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def take(self) -> list[Recorded]:
        with self.lock:
            out, self.requests = self.requests, []
        return out


def recorded_query(recorder: Recorder, api_url: str, path: str) -> tuple[Recorded, int]:
    """Calls the API once through the recorder; returns its main search request and how many ES calls it made."""
    recorder.take()
    with urllib.request.urlopen(api_url + path, timeout=60) as r:
        if r.status != 200:
            raise RuntimeError(f"{path}: HTTP {r.status}")
        r.read()
    calls = [c for c in recorder.take() if not c.path.startswith(("/_nodes", "/_cluster/health"))
             and c.path != "/"]
    searches = [c for c in calls if "_search" in c.path or "_msearch" in c.path]
    if not searches:
        raise RuntimeError(f"{path}: the API sent no search to Elasticsearch ({[c.path for c in calls]})")
    main = max(searches, key=lambda c: len(c.body))
    return main, len(calls)


# ------------------------------------------------------------------ wrk


def _lua_string(data: bytes | str) -> str:
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    level = "=" * 6
    return f"[{level}[{text}]{level}]"


def wrk_script(requests: list[tuple[str, str, bytes]]) -> str:
    """Returns a wrk Lua script that cycles through (method, path, body) requests."""
    lines = ["local reqs = {}"]
    for i, (method, path, body) in enumerate(requests, 1):
        headers = '{["Content-Type"]="application/json"}' if body else "nil"
        lines.append(
            f"reqs[{i}] = wrk.format({_lua_string(method)}, {_lua_string(path)}, {headers}, "
            f"{_lua_string(body) if body else 'nil'})"
        )
    lines += [
        "local i = 0",
        "request = function()",
        "  i = i % #reqs + 1",
        "  return reqs[i]",
        "end",
    ]
    return "\n".join(lines) + "\n"


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}


def _ms(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not m:
        raise ValueError(f"unreadable wrk latency {text!r}")
    return float(m.group(1)) * _UNITS[m.group(2)]


@dataclass
class Load:
    p50: float
    p99: float
    rps: float
    errors: int


def run_wrk(base: str, requests: list[tuple[str, str, bytes]], clients: int, seconds: int) -> Load:
    """Runs wrk for `seconds` with `clients` connections; returns p50/p99 (ms), requests/s, bad responses."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False, encoding="utf-8") as f:
        f.write(wrk_script(requests))
        script = f.name
    try:
        cmd = ["wrk", f"-t{min(2, clients)}", f"-c{clients}", f"-d{seconds}s", "--timeout", "10s", "--latency",
               "-s", script, base]
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    finally:
        os.unlink(script)
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errs = re.search(r"Socket errors:.*?timeout (\d+)", out)
    if not (p50 and p99 and rps):
        raise RuntimeError(f"unreadable wrk output:\n{out}")
    errors = (int(bad.group(1)) if bad else 0) + (int(errs.group(1)) if errs else 0)
    return Load(_ms(p50.group(1)), _ms(p99.group(1)), float(rps.group(1)), errors)


# ------------------------------------------------------------------ the benchmark


def endpoints(entity_ids: list[str], sample: int = QUERY_SAMPLE, seed: int = 7) -> dict[str, list[str]]:
    """Returns the API paths of each benchmarked endpoint (many per endpoint, rotated by wrk).

    Article searches mix rare names, common and rare words and phrases; claim
    searches carry figure filters; all are drawn from the first `sample`
    articles of corpus `seed` (``bench.queries.mix``), which must be indexed.
    """
    mix = queries.mix(seed, sample)
    return {
        "article search": [q.path() for q in mix if not q.figure_kind],
        "claim search, figure filters": [q.path() for q in mix if q.figure_kind],
        "entity feed": [f"/api/v1/entities/{quote(e)}/feed?format=json" for e in entity_ids],
    }


def top_entities(sample: int = QUERY_SAMPLE, seed: int = 7) -> list[str]:
    """Returns entity ids for the feed requests: the most mentioned, some mid-ranked and some rare ones,
    among those the current prefix's entities index holds."""
    es = store.client(request_timeout=120)

    def known(ids: list[str]) -> set[str]:
        held: set[str] = set()
        for i in range(0, len(ids), 1000):
            docs = es.mget(index=store.alias("entities"), ids=ids[i:i + 1000], source=False)["docs"]
            held.update(d["_id"] for d in docs if d.get("found"))
        return held

    return queries.feed_entities(seed, sample, known=known)


def measure(
    api_url: str, es_url: str, clients: list[int], seconds: int, entity_ids: list[str],
    sample: int = QUERY_SAMPLE,
) -> tuple[list[Row], dict]:
    """Runs every endpoint through the API and directly; returns rows and the raw numbers."""
    rows: list[Row] = []
    raw: dict = {}
    with Recorder(es_url) as rec:
        # Point a second API process at the recorder only for recording; load runs hit the real one.
        with Api(rec.url) as recording_api:
            plans = {}
            for name, paths in endpoints(entity_ids, sample).items():
                direct, calls = [], []
                for p in paths:
                    main, n = recorded_query(rec, recording_api.url, p)
                    direct.append((main.method, main.path, main.body))
                    calls.append(n)
                plans[name] = (paths, direct, max(calls))
    for name, (paths, direct, calls) in plans.items():
        api_reqs = [("GET", p, b"") for p in paths]
        # Warm both sides (caches, JIT, connection pools) before measuring.
        run_wrk(api_url, api_reqs, 2, 1)
        run_wrk(es_url, direct, 2, 1)
        for c in clients:
            a = run_wrk(api_url, api_reqs, c, seconds)
            d = run_wrk(es_url, direct, c, seconds)
            raw[(name, c)] = (a, d)
            note = (f"{len(paths)} queries; API {a.rps:,.0f} req/s vs ES {d.rps:,.0f} req/s; "
                    f"p99 {a.p99:.1f} vs {d.p99:.1f} ms")
            if calls > 1:
                note += f"; the API makes {calls} ES calls per request, direct replays its main search"
            if a.errors or d.errors:
                note += f"; bad responses API {a.errors}, ES {d.errors}"
            rows.append(Row(
                "api", f"{name}, {c} client{'s' if c > 1 else ''}: p50 latency (ratio to direct ES)",
                f"{a.p50:.1f} ms", f"{d.p50:.1f} ms (ES direct)", a.p50 / d.p50, "<= 1.3", note,
            ))
    return rows, raw


def run(count: int = 5000, seconds: int = 5, clients: str | list[int] = "1,16,64", seed: int = 7) -> list[Row]:
    """Returns the API rows (per endpoint and client count) and the API's resident memory."""
    if not shutil.which("wrk"):
        return [Row("api", "skipped: wrk is not installed (apt-get install wrk)", "—")]
    levels = [int(c) for c in clients.split(",")] if isinstance(clients, str) else list(clients)
    es_url = store.es_url()
    with throwaway_prefix("api"):
        es = store.client()
        indices.init(es)
        took = load(count, seed)
        es.indices.refresh(index=f"{store.prefix()}-*")
        with Api(es_url) as api:
            sample = min(count, QUERY_SAMPLE)
            rows, _ = measure(api.url, es_url, levels, seconds, top_entities(sample), sample)
            rows.append(Row("memory", "RSS of the API (gunicorn master + workers) after the load runs",
                            f"{api.rss():.0f} MiB"))
    rows.append(Row("api", f"set-up: {count} articles indexed for the API runs", f"{count / took:,.0f} articles/s"))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="API vs direct Elasticsearch, with wrk.")
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--clients", default="1,16,64")
    args = parser.parse_args(argv)
    for row in run(args.articles, args.seconds, args.clients):
        print(row)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
