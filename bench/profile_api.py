"""Where the API's own time goes: Python CPU per request, in process, with a profile of the heaviest calls.

The app is built with ``api.create_app`` and called through Flask's test
client (no gunicorn, no sockets), so what is measured is the request's own
Python work: parameter parsing, search forms, the Elasticsearch client's
encoding and decoding, snippets and highlights, JSON out. Elasticsearch's
own time is reported apart, from the ``took`` of the same queries, so the
two can be compared.

Each endpoint of bench_api (article search, claim search with figure
filters, entity feed, story list) is called ``--requests`` times, rotating
over its queries; the first round warms caches and is not counted.

Run: ``.venv/bin/python -m bench.profile_api [--articles 2000] [--requests 200] [--profile]``.

``--models 2x4,4x1,1x8`` compares gunicorn worker models instead (workers x
threads of ``marsad serve``, each served over the same kept prefix): wrk at
``--clients`` connections for ``--seconds`` per endpoint, the models run in
the order given and then reversed, so drift on a shared machine falls on
both; it prints requests/s, p50 and the CPU seconds of the server's
processes per request (the measure that holds on a busy machine).
A prefix of its own (``MARSAD_INDEX_PREFIX`` is set to ``marsad-bench-profile``)
is filled once and kept, so later runs (A/B of one change) reuse the same data;
``--reload`` fills it again.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import time

PREFIX = "marsad-bench-profile"


def _fill(count: int, reload: bool) -> None:
    from bench.bench_api import load
    from marsad import indices, store

    es = store.client(request_timeout=300)
    if not reload and es.indices.exists_alias(name=store.alias("articles")):
        have = es.count(index=store.alias("articles"))["count"]
        if have >= count:
            return
    for name in es.indices.get(index=f"{PREFIX}-*", expand_wildcards="all"):
        es.indices.delete(index=name)
    indices.init(es)
    load(count)
    es.indices.refresh(index=f"{PREFIX}-*")


def _paths() -> dict[str, list[str]]:
    from bench.bench_api import endpoints, top_entities

    paths = endpoints(top_entities())
    paths["story list"] = ["/api/v1/stories?size=20", "/api/v1/stories?size=20&lang=ar"]
    return paths


def measure(requests: int, profile: bool, conditional: bool = True) -> list[tuple[str, float, float, int]]:
    """Returns (endpoint, Python CPU ms per request, wall ms per request, status errors) per endpoint.

    With ``conditional``, each endpoint also gets a row for the same requests sent again with the
    ETag of their first answer in If-None-Match (what a polling client or a cache sends; 304 expected).
    """
    from marsad.api import create_app

    app = create_app({"RATE_LIMIT": 0})
    client = app.test_client()
    rows = []
    for name, paths in _paths().items():
        tags = {}
        for p in paths:  # warm-up round
            tags[p] = client.get(p).headers.get("ETag")
        prof = cProfile.Profile() if profile else None
        bad = 0
        cpu0, wall0 = time.process_time(), time.perf_counter()
        if prof:
            prof.enable()
        for i in range(requests):
            res = client.get(paths[i % len(paths)])
            bad += res.status_code != 200
            res.get_data()
        if prof:
            prof.disable()
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        rows.append((name, 1000 * cpu / requests, 1000 * wall / requests, bad))
        tagged = [p for p in paths if tags[p]]  # a path that answered 404 has no tag
        if conditional and tagged:
            bad = 0
            cpu0, wall0 = time.process_time(), time.perf_counter()
            for i in range(requests):
                p = tagged[i % len(tagged)]
                res = client.get(p, headers={"If-None-Match": tags[p]})
                bad += res.status_code != 304
                res.get_data()
            cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
            rows.append((f"{name}, If-None-Match", 1000 * cpu / requests, 1000 * wall / requests, bad))
        if prof:
            out = io.StringIO()
            pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(18)
            print(f"--- {name}: heaviest functions by own time ---")
            print("\n".join(out.getvalue().splitlines()[6:]))
    return rows


def _group_cpu(pgid: int) -> float:
    """Returns the CPU seconds (user + system) used so far by the live processes of a process group."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # fields after the command: state, ppid, pgrp, …, utime (12), stime (13)
            total += int(fields[11]) + int(fields[12])
    return total / tick


def compare_models(models: list[str], clients: list[int], seconds: int) -> None:
    """Serves the kept prefix under each worker model and loads it with wrk; prints one line per run."""
    from bench.bench_api import Api, run_wrk
    from marsad import store

    paths = _paths()
    print(f"{'model':6} {'endpoint':30} {'clients':>7} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'CPU ms/req':>10}")
    for model in models + models[::-1]:
        workers, threads = model.split("x")
        os.environ["MARSAD_API_WORKERS"], os.environ["MARSAD_API_THREADS"] = workers, threads
        with Api(store.es_url()) as api:
            for name, endpoint_paths in paths.items():
                reqs = [("GET", p, b"") for p in endpoint_paths]
                run_wrk(api.url, reqs, 2, 1)  # warm caches and connection pools
                for c in clients:
                    cpu0 = _group_cpu(api.proc.pid)
                    load = run_wrk(api.url, reqs, c, seconds)
                    cpu = _group_cpu(api.proc.pid) - cpu0
                    print(f"{model:6} {name:30} {c:7d} {load.rps:7.0f} {load.p50:7.1f} {load.p99:7.1f} "
                          f"{1000 * cpu / max(1.0, load.rps * seconds):10.2f}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Python CPU per API request, in process.")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--profile", action="store_true", help="print each endpoint's heaviest functions")
    parser.add_argument("--reload", action="store_true", help="fill the prefix again")
    parser.add_argument("--models", help="compare gunicorn worker models instead, e.g. 2x4,4x1,1x8 (workers x threads)")
    parser.add_argument("--clients", default="1,16", help="wrk connections for --models")
    parser.add_argument("--seconds", type=int, default=5, help="seconds of each wrk run for --models")
    args = parser.parse_args(argv)
    os.environ["MARSAD_INDEX_PREFIX"] = PREFIX
    _fill(args.articles, args.reload)
    if args.models:
        compare_models(args.models.split(","), [int(c) for c in args.clients.split(",")], args.seconds)
        return 0
    rows = measure(args.requests, args.profile)
    print(f"{'endpoint':46} {'CPU ms/req':>10} {'wall ms/req':>11} {'unexpected':>10}")
    for name, cpu, wall, bad in rows:
        print(f"{name:46} {cpu:10.2f} {wall:11.2f} {bad:10d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
