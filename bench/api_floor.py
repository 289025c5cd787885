"""The floor under the API's latency: how close to direct Elasticsearch can any Python web service get?

Issue 16 asks the API's p50 to stay within 1.3x of the same Elasticsearch
query sent directly. This benchmark measures, in the same minutes and on the
same index, three services that answer the API's own paths, all under
gunicorn with the API's worker model (``marsad serve``: gthread, the same
workers and threads):

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
from pathlib import Path

from bench.bench_api import QUERY_SAMPLE, Api, Recorder, endpoints, free_port, load, recorded_query, run_wrk
from bench.common import REPO, throwaway_prefix
from marsad import config, indices, store

PLAN_ENV = "MARSAD_FLOOR_PLAN"
MODE_ENV = "MARSAD_FLOOR_MODE"
ENDPOINTS = ("article search", "claim search, figure filters", "story list")
# The story list (issue 14's /stories row), as bench_stories and profile_api call it.
STORY_PATHS = ["/api/v1/stories?size=20", "/api/v1/stories?size=20&lang=ar", "/api/v1/stories?size=20&lang=en"]


# ------------------------------------------------------------------ the floor services (WSGI)


def _plan() -> tuple[str, dict[str, tuple[str, str, bytes]]]:
    with open(os.environ[PLAN_ENV], encoding="utf-8") as f:
        data = json.load(f)
    return data["es_url"], {p: (m, es_path, body.encode("utf-8")) for p, (m, es_path, body) in data["paths"].items()}


def _raw_app():
    import urllib3

    es_url, plan = _plan()
    pool = urllib3.connection_from_url(es_url, maxsize=16)
    headers = {"Content-Type": "application/json"}

    def app(environ, start_response):
        key = environ.get("PATH_INFO", "")
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

    es_url, plan = _plan()
    es = store.client(store.split_urls(es_url), request_timeout=30)
    app = Flask("marsad_floor")

    @app.get("/api/v1/<path:rest>")
    def forward(rest: str):
        method, path, body = plan[request.full_path if request.query_string else request.path]
        resp = es.perform_request(method, path, body=json.loads(body) if body else None,
                                  headers={"content-type": "application/json", "accept": "application/json"})
        return Response(orjson.dumps(resp.body), mimetype="application/json")

    return app


def _app():
    return _raw_app() if os.environ.get(MODE_ENV) == "raw" else _flask_app()


if PLAN_ENV in os.environ and MODE_ENV in os.environ:
    app = _app()


class Floor:
    """A floor service under gunicorn with the API's worker model, on a free port; a context manager."""

    def __init__(self, mode: str, plan_file: str):
        self.mode, self.plan_file = mode, plan_file

    def __enter__(self) -> Floor:
        port = free_port()
        env = dict(os.environ, **{PLAN_ENV: self.plan_file, MODE_ENV: self.mode})
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "--bind", f"127.0.0.1:{port}",
             "--workers", str(config.get_int(config.API_WORKERS, minimum=1)),
             "--threads", str(config.get_int(config.API_THREADS, minimum=1)),
             "--worker-class", "gthread", "bench.api_floor:app"],
            cwd=REPO, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/nothing", timeout=2):
                    pass
            except urllib.error.HTTPError:
                return self  # answering (404 or 500 for an unplanned path)
            except (urllib.error.URLError, OSError):
                if self.proc.poll() is not None:
                    break
                time.sleep(0.3)
        self.__exit__()
        self.log.seek(0)
        raise RuntimeError(f"floor {self.mode} did not start: {self.log.read()[-2000:]!r}")

    def __exit__(self, *exc) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, 15)
            self.proc.wait(15)
        self.log.close()


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
                        ratios: dict[str, list[float]] = {k: [] for k in sides}
                        p50s: dict[str, list[float]] = {k: [] for k in [*sides, "es"]}
                        for _ in range(rounds):
                            for side, url in sides.items():
                                d = run_wrk(es_url, direct, c, seconds)
                                s = run_wrk(url, api_reqs, c, seconds)
                                if s.errors or d.errors:
                                    raise RuntimeError(f"{name} {side}: bad responses {s.errors} / ES {d.errors}")
                                ratios[side].append(s.p50 / d.p50)
                                p50s[side].append(s.p50)
                                p50s["es"].append(d.p50)
                        med = {k: statistics.median(v) for k, v in p50s.items()}
                        line = (f"{name}, {c} client{'s' if c > 1 else ''}: p50 ES {med['es']:.2f} ms; "
                                + "; ".join(f"{k} {med[k]:.2f} ms = {statistics.median(ratios[k]):.2f}x"
                                            for k in sides))
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
    args = parser.parse_args(argv)
    run(args.articles, args.seconds, [int(c) for c in args.clients.split(",")], args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
