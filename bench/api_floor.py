"""The floor under the API's latency: how close to direct Elasticsearch can any Python web service get?

Issue 16 asks the API's p50 to stay within 1.3x of the same Elasticsearch
query sent directly. This benchmark measures, in the same minutes and on the
same index, three services that answer the API's own paths, all under
gunicorn with the options ``marsad serve`` gives it (``api.cli``: the gthread
worker model, workers and threads, timeouts, request-line limit and the
access log):

- ``raw``: a bare WSGI function that sends Elasticsearch the very request the
  API sends for that path (recorded through ``bench_api``'s proxy) over a
  urllib3 connection pool and returns Elasticsearch's bytes untouched. No
  framework, no parsing, no JSON: the least any Python HTTP service that asks
  Elasticsearch once can do.
- ``flask``: the same through Flask and Marsad's own Elasticsearch client
  (``marsad.store.client``), the body decoded by the client and encoded again
  with orjson, as any API that reads its hits must.
- ``api``: ``marsad serve`` itself.

Endpoints: article search and claim search with figure filters (issue 16's
rows, ``bench_api``'s query mix) and the story list (issue 14's ``/stories``
row: latest stories, all and per language).

Each is run with wrk against the same rotation of queries as ``bench_api``,
alternated with the direct Elasticsearch replay. If the floors are already
over the target ratio, no work inside the API's own code can meet it.

Run: ``.venv/bin/python -m bench.api_floor --articles 2000 --seconds 5``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from bench.bench_api import QUERY_SAMPLE, Api, Recorder, Service, endpoints, free_port, load, recorded_query, run_wrk
from bench.common import REPO, throwaway_prefix
from marsad import indices, store

PLAN_ENV = "MARSAD_FLOOR_PLAN"
MODE_ENV = "MARSAD_FLOOR_MODE"
ENDPOINTS = ("article search", "claim search, figure filters", "story list")
# The story list (issue 14's /stories row), as bench_stories and profile_api call it.
STORY_PATHS = ["/api/v1/stories?size=20", "/api/v1/stories?size=20&lang=ar", "/api/v1/stories?size=20&lang=en"]


# ------------------------------------------------------------------ the floor services (WSGI)


READY = "/_floor/ready"


def _plan() -> tuple[str, dict[str, tuple[str, str, bytes]]]:
    with open(os.environ[PLAN_ENV], encoding="utf-8") as f:
        data = json.load(f)
    return data["es_url"], {p: (m, es_path, body.encode("utf-8")) for p, (m, es_path, body) in data["paths"].items()}


def _raw_app():
    import urllib3

    es_url, plan = _plan()
    pool = urllib3.connection_from_url(store.split_urls(es_url)[0], maxsize=16)
    headers = {"Content-Type": "application/json"}
    mode = b"raw"

    def app(environ, start_response):
        key = environ.get("PATH_INFO", "")
        if key == READY:
            start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(mode)))])
            return [mode]
        if environ.get("QUERY_STRING"):
            key += "?" + environ["QUERY_STRING"]
        method, path, body = plan[key]
        r = pool.urlopen(method, path, body=body or None, headers=headers, retries=False)
        data = r.data
        start_response(f"{r.status} OK", [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
        return [data]

    return app


def _flask_app():
    import orjson
    from flask import Flask, Response, request

    es_url, raw_plan = _plan()
    # Bodies decoded once: the API builds its query as a dict, it does not parse one per request.
    plan = {k: (m, path, json.loads(body) if body else None) for k, (m, path, body) in raw_plan.items()}
    es = store.client(store.split_urls(es_url), request_timeout=30)
    app = Flask("marsad_floor")
    headers = {"content-type": "application/json", "accept": "application/json"}

    @app.get(READY)
    def ready():
        return "flask"

    @app.get("/api/v1/<path:rest>")
    def forward(rest: str):
        method, path, body = plan[request.full_path if request.query_string else request.path]
        resp = es.perform_request(method, path, body=body, headers=headers)
        return Response(orjson.dumps(resp.body), mimetype="application/json")

    return app


def serve(mode: str, port: int) -> int:
    """Runs one floor service with the options ``marsad serve`` gives gunicorn (worker model, timeouts,
    request-line limit, access log to stdout); returns when it is stopped."""
    from marsad.api.cli import _options, run_gunicorn

    os.environ[MODE_ENV] = mode
    run_gunicorn(_raw_app() if mode == "raw" else _flask_app(), _options("127.0.0.1", port))
    return 0


class Floor(Service):
    """A floor service on a free port, as ``marsad serve`` runs the API; a context manager."""

    def __init__(self, mode: str, plan_file: str):
        self.mode, self.plan_file = mode, plan_file

    def __enter__(self) -> Floor:
        port = free_port()
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bench.api_floor", "--serve", self.mode, "--port", str(port)],
            cwd=REPO, env=dict(os.environ, **{PLAN_ENV: self.plan_file}), stdout=self.log,
            stderr=subprocess.STDOUT, start_new_session=True,
        )
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                # Ready when this service (not whatever else might hold the port) says which floor it is.
                with urllib.request.urlopen(self.url + READY, timeout=2) as r:
                    if r.status == 200 and r.read().decode() == self.mode:
                        return self
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.3)
        tail = self._log()
        self.__exit__()
        raise RuntimeError(f"floor {self.mode} did not start: {tail}")


# ------------------------------------------------------------------ the benchmark


def run(count: int, seconds: int, clients: list[int], rounds: int) -> list[str]:
    es_url = store.es_url()
    lines = []
    with throwaway_prefix("floor"):
        es = store.client()
        indices.init(es)
        load(count)
        es.indices.refresh(index=f"{store.prefix()}-*")
        sample = min(count, QUERY_SAMPLE)
        plans: dict[str, dict[str, tuple[str, str, str]]] = {}
        with Recorder(es_url) as rec, Api(rec.url) as recording_api:
            for name, paths in {**endpoints([], sample), "story list": STORY_PATHS}.items():
                if name in ENDPOINTS:
                    plans[name] = {}
                    for p in paths:
                        main, _ = recorded_query(rec, recording_api.url, p)
                        plans[name][p] = (main.method, main.path, main.body.decode("utf-8"))
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
            json.dump({"es_url": es_url, "paths": {p: v for d in plans.values() for p, v in d.items()}}, f)
            plan_file = f.name
        try:
            with Api(es_url) as api, Floor("raw", plan_file) as raw, Floor("flask", plan_file) as flask:
                sides = {"raw": raw.url, "flask": flask.url, "api": api.url}
                for name, plan in plans.items():
                    api_reqs = [("GET", p, b"") for p in plan]
                    direct = [(m, path, body.encode("utf-8")) for m, path, body in plan.values()]
                    for url in sides.values():
                        run_wrk(url, api_reqs, 2, 1)
                    run_wrk(es_url, direct, 2, 1)
                    for c in clients:
                        # Per side: its own p50s and those of the direct runs alternated with it.
                        own: dict[str, list[float]] = {k: [] for k in sides}
                        paired: dict[str, list[float]] = {k: [] for k in sides}
                        for _ in range(rounds):
                            for side, url in sides.items():
                                d = run_wrk(es_url, direct, c, seconds)
                                s = run_wrk(url, api_reqs, c, seconds)
                                if s.errors or d.errors:
                                    raise RuntimeError(f"{name} {side}: bad responses {s.errors} / ES {d.errors}")
                                own[side].append(s.p50)
                                paired[side].append(d.p50)
                        parts = []
                        for k in sides:
                            ratios = [a / b for a, b in zip(own[k], paired[k], strict=True)]
                            mine, theirs = statistics.median(own[k]), statistics.median(paired[k])
                            parts.append(f"{k} {mine:.2f} vs ES {theirs:.2f} ms = {statistics.median(ratios):.2f}x"
                                         f" ({min(ratios):.2f}-{max(ratios):.2f})")
                        line = f"{name}, {c} client{'s' if c > 1 else ''}: " + "; ".join(parts)
                        print(line, flush=True)
                        lines.append(line)
        finally:
            os.unlink(plan_file)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The floor under the API's latency ratio to direct Elasticsearch.")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--clients", default="1,16")
    parser.add_argument("--rounds", type=int, default=3, help="alternations per side (median)")
    parser.add_argument("--serve", choices=["raw", "flask"], help=argparse.SUPPRESS)  # one floor service (Floor)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        return serve(args.serve, args.port)
    run(args.articles, args.seconds, [int(c) for c in args.clients.split(",")], args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
