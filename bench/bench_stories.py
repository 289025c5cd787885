"""Stories benchmark: indexing with stories vs without, and story placement time as the store grows.

1. Throughput: the same pre-built units (synthetic corpus, planted analysis,
   no NLP time) written by ``marsad.indexer.Indexer`` with the story hook and
   without it, alternated into empty indices in one process; the ratio of the
   median throughputs (target ≥ 0.8).
2. Flatness: stores of growing size are filled with placed articles whose
   publication times advance at a constant rate (``--per-day`` articles a
   day), as a real store grows: by time passing. A probe batch of articles
   published at the end is then placed with ``StoryAssigner.assign`` (the
   searches and decisions only; nothing is written), and the time per article
   is reported for each size. The filling articles repeat a base set of
   synthetic articles shifted by whole days, so the keys around the probe
   are as dense at every size; what grows is the history behind it. Each
   probe starts a new ``StoryAssigner`` (a placing process just started:
   every candidate is read from the store, none from its memory), and the
   store holds only the fields placing reads unless ``--whole-documents``.
3. API: ``/stories`` (latest first, and searched) p50 latency vs the same
   Elasticsearch query sent directly, as ``bench_api`` measures the other
   endpoints (a recording proxy captures the API's own search; wrk loads
   both sides); needs wrk.

Run alone: ``.venv/bin/python -m bench.bench_stories --articles 1000 --sizes 2000,20000,100000``
(``--only throughput|flatness|api``).
"""

from __future__ import annotations

import argparse
import copy
import shutil
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote

from elasticsearch import helpers

from bench.bench_index import build_units, reset
from bench.common import Row, Samples, fmt_rate, throwaway_prefix
from marsad import indices, store, stories, storyindex
from marsad.indexer import Indexer

# The base articles cover one day; copy k of them is published k days later.
DAY = timedelta(days=1)


def _index(es, units, spool: Path, with_stories: bool, batch: int) -> None:
    indexer = Indexer(es, spool=spool, batch_size=batch, stories=with_stories)
    for u in units:
        indexer.add(u)
    counts = indexer.close()
    if counts.failed or counts.spooled or counts.indexed != len(units):
        raise RuntimeError(f"indexer lost documents: {counts}")


def throughput(count: int, repeat: int, seed: int, batch: int) -> Row:
    """Returns the row: articles/s with stories vs without, same units, alternated after one untimed round each."""
    es = store.client(request_timeout=120)
    base = build_units(count, seed)
    times = {"stories": Samples(), "plain": Samples()}
    cpu = {"stories": Samples(), "plain": Samples()}
    with throwaway_prefix("stories"), tempfile.TemporaryDirectory(prefix="bench-spool-") as spool:
        # Round 0 warms both sides (name look-ups, caches of the first process to run) and is not counted.
        for r in range(repeat + 1):
            for side in (["stories", "plain"] if r % 2 == 0 else ["plain", "stories"]):
                reset(es)
                units = copy.deepcopy(base)
                t0, c0 = time.perf_counter(), time.process_time()
                _index(es, units, Path(spool), side == "stories", batch)
                if r:
                    times[side].values.append(time.perf_counter() - t0)
                    cpu[side].values.append(time.process_time() - c0)
    ours = count / times["stories"].median
    plain = count / times["plain"].median
    return Row("stories", f"indexing with stories vs without, {count} articles, batch {batch}, median of {repeat}",
               fmt_rate(ours, "articles"), fmt_rate(plain, "articles") + " (no stories)", ours / plain, ">= 0.8",
               f"spread with {times['stories'].spread()} s, without {times['plain'].spread()} s; "
               f"CPU of this process {cpu['stories'].median:.2f} s with, {cpu['plain'].median:.2f} s without")


def _prepared(count: int, seed: int) -> list[dict]:
    """Returns articles-index documents of `count` synthetic articles, prepared, published within one day."""
    docs = []
    start = datetime(2026, 1, 1)
    for i, u in enumerate(build_units(count, seed)):
        a = u.article
        a["published"] = (start + DAY * i / count).isoformat() + "Z"
        stories.prepare(a)
        a["story"] = stories.story_id(a["id"])
        docs.append(a)
    return docs


def _fill(es, base: list[dict], days: range, whole: bool = False) -> None:
    """Bulk-writes the base articles shifted by each day of `days` (new ids), with the fields placing reads.

    ``whole`` writes every field (body, search forms, analysis: ~25 KB an article instead of ~7 KB), as a
    real store holds them: a candidate read from the store costs more when its document is larger.
    """
    keep = set(stories.MEMBER_SOURCE) | {"story_keys", "lsh_bands"}

    def actions():
        for d in days:
            for a in base:
                doc = {k: v for k, v in a.items() if whole or k in keep}
                doc["id"] = f"{a['id']}-d{d}"
                t = datetime.fromisoformat(a["published"].rstrip("Z")) + DAY * d
                doc["published"] = t.isoformat() + "Z"
                doc["story"] = stories.story_id(doc["id"])
                yield {"_index": store.alias("articles"), "_id": doc["id"], "_source": doc}

    ok, errors = helpers.bulk(es.options(request_timeout=300), actions(), chunk_size=2000, raise_on_error=False)
    if errors:
        raise RuntimeError(f"filling the store: {len(errors)} refused, first {errors[0]}")
    es.indices.refresh(index=store.alias("articles"))


def flatness(sizes: list[int], per_day: int, probe: int, seed: int, whole: bool = False) -> list[Row]:
    """Returns one row per store size: story placement time per article of a probe batch."""
    es = store.client(request_timeout=300)
    base = _prepared(per_day, seed)
    probe_units = build_units(probe, seed + 1)
    rows = []
    with throwaway_prefix("stories-scale"):
        reset(es)
        days_done = 0
        for size in sorted(sizes):
            days = max(1, size // per_day)
            _fill(es, base, range(days_done, days), whole)
            days_done = days
            es.options(request_timeout=600).indices.forcemerge(index=store.alias("articles"), max_num_segments=1)
            end = datetime(2026, 1, 1) + DAY * (days - 1)
            samples = Samples()
            for r in range(3):
                batch = copy.deepcopy(probe_units)
                for i, u in enumerate(batch):
                    u.article["published"] = (end + DAY * i / len(batch)).isoformat() + "Z"
                    u.article["id"] = f"{u.article['id']}-probe{r}"
                assigner = storyindex.StoryAssigner(es)
                t0 = time.perf_counter()
                for k in range(0, len(batch), 200):
                    part = batch[k:k + 200]
                    assigner.assign([u.article for u in part], [u.claims for u in part], "2026-01-01T00:00:00Z")
                samples.values.append((time.perf_counter() - t0) / len(batch) * 1000)
            total = es.count(index=store.alias("articles"))["count"]
            rows.append(Row("stories", f"placement time per article, store of {total:,} articles "
                                       f"({per_day:,}/day, probe of {probe}{', whole documents' if whole else ''})",
                            f"{samples.median:.2f} ms/article", note=f"spread {samples.spread()} ms"))
    return rows


def story_endpoints() -> dict[str, list[str]]:
    """Returns the API paths of each benchmarked stories endpoint (several per endpoint, rotated by wrk)."""
    from bench.bench_api import ARTICLE_QUERIES

    return {
        "story list (latest first)": ["/api/v1/stories?size=20", "/api/v1/stories?size=20&lang=ar",
                                      "/api/v1/stories?size=20&lang=en"],
        "story search": [f"/api/v1/stories?q={quote(q)}&size=20" for q in ARTICLE_QUERIES],
    }


def api(count: int, seconds: int, clients: list[int], seed: int = 7) -> list[Row]:
    """Returns /stories p50 latency vs the same Elasticsearch query sent directly (bench_api's method).

    The synthetic articles are indexed with stories through the indexer; each
    path is called once through a recording proxy to capture the API's own
    search, and wrk then loads the API and, directly, Elasticsearch with it.
    """
    from bench.bench_api import Api, Recorder, load, recorded_query, run_wrk

    if not shutil.which("wrk"):
        return [Row("stories", "API skipped: wrk is not installed (apt-get install wrk)", "—")]
    es_url = store.es_url()
    rows = []
    with throwaway_prefix("stories-api"):
        es = store.client()
        indices.init(es)
        load(count, seed)
        es.indices.refresh(index=f"{store.prefix()}-*")
        stored = es.count(index=store.alias("stories"))["count"]
        with Recorder(es_url) as rec, Api(rec.url) as recording_api:
            plans = {}
            for name, paths in story_endpoints().items():
                plans[name] = (paths, [(m.method, m.path, m.body) for m, _ in
                                       (recorded_query(rec, recording_api.url, p) for p in paths)])
        with Api(es_url) as served:
            for name, (paths, direct) in plans.items():
                api_reqs = [("GET", p, b"") for p in paths]
                run_wrk(served.url, api_reqs, 2, 1)  # warm both sides
                run_wrk(es_url, direct, 2, 1)
                for c in clients:
                    a = run_wrk(served.url, api_reqs, c, seconds)
                    d = run_wrk(es_url, direct, c, seconds)
                    note = (f"{stored:,} stories of {count:,} articles; API {a.rps:,.0f} req/s vs ES "
                            f"{d.rps:,.0f} req/s; p99 {a.p99:.1f} vs {d.p99:.1f} ms")
                    if a.errors or d.errors:
                        note += f"; bad responses API {a.errors}, ES {d.errors}"
                    rows.append(Row("stories", f"{name}, {c} client{'s' if c > 1 else ''}: p50 latency "
                                               "(ratio to direct ES)", f"{a.p50:.1f} ms", f"{d.p50:.1f} ms (ES direct)",
                                    a.p50 / d.p50, "<= 1.3", note))
    return rows


def run(count: int = 1000, repeat: int = 3, seed: int = 7, batch: int = 200,
        sizes: tuple[int, ...] = (2000, 20000, 100000), per_day: int = 2000, probe: int = 400) -> list[Row]:
    """Returns the stories rows: the throughput ratio, then placement time per store size."""
    return [throughput(count, repeat, seed, batch), *flatness(list(sizes), per_day, probe, seed)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Indexing with stories vs without; placement time vs store size.")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--sizes", default="2000,20000,100000")
    parser.add_argument("--per-day", type=int, default=2000)
    parser.add_argument("--probe", type=int, default=400)
    parser.add_argument("--whole-documents", action="store_true",
                        help="fill the store with whole articles (body, analysis), not only what placing reads")
    parser.add_argument("--api-articles", type=int, default=3000)
    parser.add_argument("--api-seconds", type=int, default=5)
    parser.add_argument("--api-clients", default="1,16")
    parser.add_argument("--only", choices=["throughput", "flatness", "api"], default=None)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    if args.only in (None, "throughput"):
        rows.append(throughput(args.articles, args.repeat, args.seed, args.batch))
    if args.only in (None, "flatness"):
        rows += flatness(sizes, args.per_day, args.probe, args.seed, args.whole_documents)
    if args.only in (None, "api"):
        rows += api(args.api_articles, args.api_seconds, [int(c) for c in args.api_clients.split(",")], args.seed)
    for row in rows:
        print(row)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
