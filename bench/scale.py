"""Scale run: index N synthetic articles (default 1,000,000) and measure time, disk and API latency on the way.

``make bench-scale`` (or ``.venv/bin/python -m bench.scale --articles N``)
starts a dedicated Elasticsearch node for the run (its own home, port and a
larger heap, default 4 GiB: about a sixth of this machine's 24 GiB, leaving
the rest to the page cache that serves the index files), so the shared
development node is not disturbed. It then indexes articles through
Marsad's indexer in checkpoints (default: 100,000 and N). At each
checkpoint it records the indexing rate since the previous one, the size on
disk, and p50/p99 latency of the three benchmarked API endpoints against
the same queries sent directly to Elasticsearch (wrk, 1 and 16 clients).

The run resumes: articles are numbered and deterministic, so a second
invocation with the same prefix counts what is indexed and continues from
there. ``--measure-only`` skips indexing. Results go to bench/SCALE.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.common import REPO, Row, es_version

DEFAULT_HOME = "bench-scale-node"


def _configure(args: argparse.Namespace) -> Path:
    """Sets the environment for the dedicated node and prefix; returns the node's home."""
    from marsad import config

    home = Path(args.home) if args.home else config.cache_dir() / DEFAULT_HOME
    os.environ["MARSAD_ES_HOME"] = str(home)
    os.environ["MARSAD_ES_HEAP"] = args.heap
    os.environ["MARSAD_ES_PORT"] = str(args.port)
    os.environ["MARSAD_INDEX_PREFIX"] = args.prefix
    return home


def disk_usage(es) -> dict[str, float]:
    """Returns GiB on disk: primaries per index kind and the total store."""
    from marsad import store

    out = {}
    for kind in store.KINDS:
        stats = es.indices.stats(index=store.alias(kind), metric="store")
        out[kind] = stats["_all"]["primaries"]["store"]["size_in_bytes"] / 2**30
    out["total"] = sum(out.values())
    return out


def checkpoint(es, es_url: str, done: int, rate: float | None, seconds: int, clients: list[int]) -> dict:
    """Measures disk and API/ES latency at the current size; returns a record for SCALE.md."""
    from bench import bench_api
    from marsad import store

    es.indices.refresh(index=f"{store.prefix()}-*")
    es.indices.flush(index=f"{store.prefix()}-*")
    record: dict = {"articles": done, "rate": rate, "disk": disk_usage(es), "rows": [], "when": time.time(),
                    "load": os.getloadavg()[0]}
    claims = es.count(index=store.alias("claims"))["count"]
    entities = es.count(index=store.alias("entities"))["count"]
    record["claims"], record["entities"] = claims, entities
    try:
        with bench_api.Api(es_url) as api:
            rows, raw = bench_api.measure(api.url, es_url, clients, seconds, bench_api.top_entities())
            record["rows"] = rows
            record["raw"] = raw
            record["api_rss"] = api.rss()
    except Exception as e:  # noqa: BLE001 - the indexing numbers stand without the API ones
        record["api_error"] = f"{e.__class__.__name__}: {str(e)[:300]}"
    return record


def write_report(path: Path, args: argparse.Namespace, records: list[dict], es_info: dict) -> None:
    """Writes SCALE.md: one section per checkpoint, and the comparison of the last with the first."""
    lines = [
        "# Scale run",
        "",
        "Written by `make bench-scale` (`python -m bench.scale`). Dedicated Elasticsearch node "
        f"{es_info.get('version', {}).get('number', '?')}, heap {args.heap}, 1 shard, 0 replicas; "
        f"{os.cpu_count()} CPUs shared with other work. Date {datetime.now(UTC).isoformat(timespec='seconds')}.",
        "",
        *([args.note, ""] if args.note else []),
        "| articles | claims | entities | indexing rate since previous | disk (primaries) | articles index "
        "| load average when measured |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in records:
        rate = f"{r['rate']:,.0f} articles/s" if r.get("rate") else "—"
        load = f"{r['load']:.1f}" if "load" in r else "?"
        lines.append(
            f"| {r['articles']:,} | {r['claims']:,} | {r['entities']:,} | {rate} | "
            f"{r['disk']['total']:.2f} GiB ({r['disk']['total'] / r['articles'] * 1000 * 1024:.1f} MiB per 1,000) | "
            f"{r['disk']['articles']:.2f} GiB | {load} |"
        )
    for r in records:
        lines += ["", f"## At {r['articles']:,} articles", ""]
        if r.get("api_error") or not r.get("raw"):
            lines.append(f"API not measured: {r.get('api_error', 'no measurement recorded')}")
            continue
        lines += [
            "| measure | API p50 | direct ES p50 | ratio | API p99 | ES p99 | API req/s | ES req/s |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for (name, c), (a, d) in r["raw"].items():
            clients_text = f"{c} client{'s' if c > 1 else ''}"
            lines.append(
                f"| {name}, {clients_text} | {a.p50:.1f} ms | {d.p50:.1f} ms | {a.p50 / d.p50:.2f} | {a.p99:.1f} ms | "
                f"{d.p99:.1f} ms | {a.rps:,.0f} | {d.rps:,.0f} |"
            )
        lines.append(f"\nAPI resident memory after the runs: {r.get('api_rss', 0):.0f} MiB.")
    if len(records) >= 2 and all("raw" in r for r in (records[0], records[-1])):
        first, last = records[0], records[-1]
        lines += ["", f"## {last['articles']:,} vs {first['articles']:,} articles (p99 target < 200 ms at 16 clients)",
                  "", "| measure | p50 then → now | p99 then → now | meets p99 < 200 ms |", "| --- | --- | --- | --- |"]
        for key, (a, _) in last["raw"].items():
            if key in first["raw"]:
                a0 = first["raw"][key][0]
                ok = "yes" if a.p99 < 200 else "NO"
                who = f"{key[1]} client{'s' if key[1] > 1 else ''}"
                lines.append(f"| {key[0]}, {who} | {a0.p50:.1f} → {a.p50:.1f} ms | "
                             f"{a0.p99:.1f} → {a.p99:.1f} ms | {ok} |")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def save_records(path: Path, records: list[dict]) -> None:
    """Keeps the checkpoints as JSON beside the report, so a resumed run reports every size measured."""
    out = []
    for r in records:
        d = {k: v for k, v in r.items() if k not in ("rows", "raw")}
        d["raw"] = [[name, c, vars(a), vars(b)] for (name, c), (a, b) in r.get("raw", {}).items()]
        out.append(d)
    path.write_text(json.dumps(out, indent=1), encoding="utf-8")


def load_records(path: Path) -> list[dict]:
    """Returns the checkpoints saved by earlier runs (empty when there are none)."""
    from bench.bench_api import Load

    if not path.exists():
        return []
    records = json.loads(path.read_text(encoding="utf-8"))
    for r in records:
        r["raw"] = {(name, c): (Load(**a), Load(**b)) for name, c, a, b in r.get("raw", [])}
        if not r["raw"]:
            del r["raw"]
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=int(os.environ.get("BENCH_SCALE_ARTICLES", 1_000_000)))
    parser.add_argument("--checkpoints", default=os.environ.get("BENCH_SCALE_CHECKPOINTS", "100000"),
                        help="comma-separated sizes to measure at besides the final one")
    parser.add_argument("--heap", default=os.environ.get("BENCH_SCALE_HEAP", "4g"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_SCALE_PORT", 9600)))
    parser.add_argument("--home", default=os.environ.get("BENCH_SCALE_HOME", ""),
                        help=f"dedicated node's home (default <cache>/{DEFAULT_HOME})")
    parser.add_argument("--prefix", default="bench-scale")
    parser.add_argument("--seconds", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--clients", default="1,16")
    parser.add_argument("--workers", type=int, default=2, help="processes building documents")
    parser.add_argument("--measure-only", action="store_true", help="measure what is indexed; index nothing")
    parser.add_argument("--keep", action="store_true", help="leave the node running and the data in place")
    parser.add_argument("--wipe", action="store_true", help="delete the run's data and node afterwards")
    parser.add_argument("--report", default=str(REPO / "bench" / "SCALE.md"))
    parser.add_argument("--note", default="", help="a sentence written at the top of the report")
    args = parser.parse_args(argv)
    home = _configure(args)

    from bench import bench_api
    from marsad import esnode, indices, store

    print(f"starting a dedicated Elasticsearch node in {home} (heap {args.heap}, port {args.port}+)", flush=True)
    state = esnode.start(home=home)
    os.environ["MARSAD_ES_URL"] = state.url
    es = store.client(state.url, request_timeout=300)
    try:
        info = {"version": {"number": es_version(es)}}
        indices.init(es)
        es.indices.refresh(index=f"{store.prefix()}-*")
        done = es.count(index=store.alias("articles"))["count"]
        stops = sorted({int(c) for c in args.checkpoints.split(",") if c.strip()} | {args.articles})
        stops = [s for s in stops if s <= args.articles]
        clients = [int(c) for c in args.clients.split(",")]
        saved = Path(args.report).with_suffix(".json")
        # Earlier checkpoints of this run (same node and prefix) stay in the report; a re-measured size replaces them.
        records: list[dict] = [r for r in load_records(saved) if r["articles"] <= done]
        print(f"{done:,} articles already indexed; checkpoints {stops}", flush=True)

        def keep(record: dict) -> None:
            records[:] = [r for r in records if r["articles"] != record["articles"]] + [record]
            records.sort(key=lambda r: r["articles"])
            save_records(saved, records)
            write_report(Path(args.report), args, records, info)
        if args.measure_only:
            previous = next((r for r in records if r["articles"] == done), {})
            record = checkpoint(es, state.url, done, None, args.seconds, clients)
            record["rate"] = previous.get("rate")
            keep(record)
        else:
            measured = {r["articles"] for r in records}
            for stop in stops:
                if stop < done or (stop == done and stop in measured):
                    continue
                took, rate = 0.0, None
                if stop > done:
                    took = bench_api.load(stop - done, start=done, workers=args.workers, progress=True)
                    rate = (stop - done) / took
                    done = stop
                print(f"checkpoint {done:,}: {rate or 0:,.0f} articles/s; measuring …", flush=True)
                keep(checkpoint(es, state.url, done, rate, args.seconds, clients))
        print(Path(args.report).read_text(), flush=True)
        rows: list[Row] = [row for r in records for row in r.get("rows", [])]
        for row in rows:
            print(row.what, row.ours, row.baseline, f"{row.ratio:.2f}" if row.ratio else "", flush=True)
    finally:
        if args.wipe:
            es.indices.delete(index=f"{store.prefix()}-*", ignore_unavailable=True, allow_no_indices=True)
        if not args.keep:
            esnode.stop(home)
            if args.wipe:
                shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
