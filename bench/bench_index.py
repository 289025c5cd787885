"""Indexing benchmark: Marsad's bulk indexer vs ``elasticsearch.helpers.bulk`` of the same documents.

Both sides get the same pre-built documents (articles, claims, entity
mentions of synthetic articles, built by ``marsad.indexer.Unit.build`` from
the corpus's planted analysis, so no NLP time is in either number) and write
them into freshly created indices under a throwaway prefix; the two
alternate, each into empty indices, and the medians are compared.

What the indexer does beyond the bare bulk, and so what the ratio prices:
an ``mget`` of the stored articles (to delete claims an edited article no
longer makes), an ``mget`` and merge of the stored entities (aliases,
languages, first/last seen), spooling bookkeeping and per-item status
checks. The bare side sends the same articles and claims and each article's
entity documents unmerged.

Run alone: ``.venv/bin/python -m bench.bench_index --articles 2000 --repeat 3``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from elasticsearch import Elasticsearch, helpers

from bench import corpus
from bench.common import Row, Samples, fmt_rate, throwaway_prefix
from marsad import config, documents, indices, store
from marsad.indexer import Indexer, Unit


def article_of(a: corpus.SyntheticArticle) -> documents.Article:
    """Returns the crawler's Article record for a synthetic article."""
    return documents.Article(
        url=a.url, title=a.title, body=a.body, lang=a.lang, source=a.source, published=a.published,
        fetched=a.published,
    )


def build_units(count: int, seed: int, start: int = 0) -> list[Unit]:
    """Returns the indexer units of `count` synthetic articles (pre-built: not part of any timing)."""
    return [Unit.build(article_of(a), a.truth) for a in corpus.generate(count, seed, start)]


def bare_actions(units: list[Unit]):
    """Yields the bulk actions a plain client would send for the same units (no reads, no merging)."""
    articles, claims, entities = store.alias("articles"), store.alias("claims"), store.alias("entities")
    for u in units:
        yield {"_index": articles, "_id": u.article["id"], "_source": u.article}
        for c in u.claims:
            yield {"_index": claims, "_id": c["id"], "_source": c}
        for e in u.entities:
            yield {"_index": entities, "_id": e["id"], "_source": e}


def reset(es: Elasticsearch) -> None:
    """Drops and recreates this prefix's indices, so every run starts from empty indices."""
    prefix = store.prefix()
    es.indices.delete(index=f"{prefix}-*", ignore_unavailable=True, allow_no_indices=True)
    indices.init(es)


def index_ours(es: Elasticsearch, units: list[Unit], spool: Path, batch: int | None = None) -> None:
    """Writes units through marsad.indexer.Indexer (default: the configured batch size); fails loudly on any loss."""
    indexer = Indexer(es, spool=spool, batch_size=batch or config.get_int(config.INDEX_BATCH, minimum=1))
    for u in units:
        indexer.add(u)
    counts = indexer.close()
    if counts.failed or counts.spooled or counts.indexed != len(units):
        raise RuntimeError(f"indexer lost documents: {counts}")


def index_bare(es: Elasticsearch, units: list[Unit]) -> None:
    """Writes the same documents with helpers.bulk at its default chunk size."""
    ok, errors = helpers.bulk(es, bare_actions(units), raise_on_error=False)
    if errors:
        raise RuntimeError(f"bulk refused {len(errors)} documents, first: {errors[0]}")


def store_bytes(es: Elasticsearch) -> dict[str, int]:
    """Returns the primary store size in bytes of each index kind under the current prefix."""
    out = {}
    for kind in store.KINDS:
        stats = es.indices.stats(index=store.alias(kind), metric="store")
        out[kind] = stats["_all"]["primaries"]["store"]["size_in_bytes"]
    return out


def run(count: int = 2000, repeat: int = 3, seed: int = 7, big_batch: int = 50) -> list[Row]:
    """Returns the indexing rows (throughput vs bare bulk, index size per 1,000 articles)."""
    es = store.client(request_timeout=120)
    units = build_units(count, seed)
    n_claims = sum(len(u.claims) for u in units)
    batch = config.get_int(config.INDEX_BATCH, minimum=1)
    sides = ["ours", "bare"] + (["big"] if big_batch and big_batch != batch else [])
    times = {side: Samples() for side in sides}
    with throwaway_prefix("index"), tempfile.TemporaryDirectory(prefix="bench-spool-") as spool:
        for r in range(repeat):
            for side in sides[r % len(sides):] + sides[: r % len(sides)]:
                reset(es)
                t0 = time.perf_counter()
                if side == "ours":
                    index_ours(es, units, Path(spool))
                elif side == "big":
                    index_ours(es, units, Path(spool), big_batch)
                else:
                    index_bare(es, units)
                times[side].values.append(time.perf_counter() - t0)
                es.indices.refresh(index=f"{store.prefix()}-*")
                got = es.count(index=store.alias("articles"))["count"]
                if got != count:
                    raise RuntimeError(f"{side}: {got} articles indexed, expected {count}")
        # Size on disk after the last run, merged to one segment: the steady state of a settled index.
        es.indices.flush(index=f"{store.prefix()}-*")
        es.indices.forcemerge(index=f"{store.prefix()}-*", max_num_segments=1)
        sizes = store_bytes(es)
    ours = count / times["ours"].median
    bare = count / times["bare"].median
    total = sum(sizes.values())
    per_k = lambda b: b / count * 1000 / 2**20  # noqa: E731
    rows = [
        Row(
            "indexing", f"articles/s into ES, {count} articles + {n_claims} claims, batch {batch} "
            f"(MARSAD_INDEX_BATCH), median of {repeat}",
            fmt_rate(ours, "articles"), fmt_rate(bare, "articles") + " (helpers.bulk)", ours / bare, ">= 0.8",
            f"spread ours {times['ours'].spread()} s, bare {times['bare'].spread()} s",
        ),
    ]
    if "big" in times:
        big = count / times["big"].median
        rows.append(Row(
            "indexing", f"the same with MARSAD_INDEX_BATCH={big_batch}", fmt_rate(big, "articles"),
            fmt_rate(bare, "articles") + " (helpers.bulk)", big / bare, ">= 0.8",
            f"spread {times['big'].spread()} s; {'more' if big_batch < batch else 'fewer'} round trips "
            "(bulk + 2 mget per batch)",
        ))
    return rows + [
        Row(
            "disk", "index size per 1,000 articles (primaries, one segment)",
            f"{per_k(total):.1f} MiB",
            note=", ".join(f"{k} {per_k(v):.1f} MiB" for k, v in sizes.items()),
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Indexer vs helpers.bulk of the same documents.")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    for row in run(args.articles, args.repeat, args.seed):
        print(row)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
