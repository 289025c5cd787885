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
    from api import create_app

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Python CPU per API request, in process.")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--profile", action="store_true", help="print each endpoint's heaviest functions")
    parser.add_argument("--reload", action="store_true", help="fill the prefix again")
    args = parser.parse_args(argv)
    os.environ["MARSAD_INDEX_PREFIX"] = PREFIX
    _fill(args.articles, args.reload)
    rows = measure(args.requests, args.profile)
    print(f"{'endpoint':46} {'CPU ms/req':>10} {'wall ms/req':>11} {'unexpected':>10}")
    for name, cpu, wall, bad in rows:
        print(f"{name:46} {cpu:10.2f} {wall:11.2f} {bad:10d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
