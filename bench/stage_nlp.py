"""NLP rows of the suite: ``nlp.analyze`` against its baselines, on the benchmark corpus.

- English: ``nlp.analyze(text, "en")`` vs a bare spaCy ``nlp(text)`` pass of
  the same model with all its pipes (target: at most 1.3× its time).
- Arabic: ``nlp.analyze(text, "ar")`` vs a plain tokenise-and-normalise pass
  (``nlp.normalize.search_form``: camel-tools normalisation, Snowball stems),
  the least any Arabic indexing does.
- Scaling: articles/s of a pool of 2 worker processes vs 1, over a mixed
  Arabic/English batch (2.0 would be perfect on this 2-core machine).

The template-driven ~400-word benchmark of the NLP engineer
(``bench/bench_nlp.py``) is run as well, in its own process, and its output
is kept in RESULTS.md beside these rows: its numbers come from shorter, more
uniform text and so bracket these.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import statistics
import subprocess
import sys
import time

from bench import corpus
from bench.bench_nlp import consume
from bench.common import REPO, Row, fmt_rate, interleaved, rss_mib


def _texts(lang: str, count: int, seed: int) -> list[str]:
    return [a.body for a in corpus.generate(count, seed, lang=lang)]


def _worker_init() -> None:
    # Load the models once per worker, outside the timed work.
    from marsad.nlp import analyze

    analyze("The minister said on Monday that 20 schools would open.", "en")
    analyze("وقال الوزير إن 20 مدرسة ستفتح.", "ar")


def _analyze_one(item: tuple[str, str]) -> float:
    """Analyses one text; returns the CPU seconds it took in this worker."""
    from marsad.nlp import analyze

    t0 = time.thread_time()
    analyze(item[0], item[1])
    return time.thread_time() - t0


def _pool_rate(pool, items: list[tuple[str, str]], cpu: list[float]) -> float:
    t0 = time.perf_counter()
    cpu.append(sum(pool.imap_unordered(_analyze_one, items, chunksize=1)) / len(items))
    return len(items) / (time.perf_counter() - t0)


def scaling(items: list[tuple[str, str]], repeat: int) -> tuple[float, float, float, float]:
    """Returns the median articles/s of 1 and of 2 worker processes, and their CPU ms per article.

    On a machine whose cores are busy with other work, wall-clock scaling
    shows what was available, not what the code can do; CPU time per article
    that stays the same with two workers shows the workers do not slow each
    other down (no shared lock, no memory-bandwidth fight).
    """
    ctx = mp.get_context("fork")
    rates: dict[int, list[float]] = {1: [], 2: []}
    cpu: dict[int, list[float]] = {1: [], 2: []}
    with ctx.Pool(1, initializer=_worker_init) as one, ctx.Pool(2, initializer=_worker_init) as two:
        # Prime both pools (model load) before timing.
        one.map(_analyze_one, items[:1])
        two.map(_analyze_one, items[:2])
        for r in range(repeat):
            for n, pool in ((1, one), (2, two)) if r % 2 == 0 else ((2, two), (1, one)):
                rates[n].append(_pool_rate(pool, items, cpu[n]))
    med = statistics.median
    return med(rates[1]), med(rates[2]), 1000 * med(cpu[1]), 1000 * med(cpu[2])


def worker_rss(items: list[tuple[str, str]]) -> float:
    """Returns the resident memory (MiB) of a fresh worker process after analysing the items."""
    ctx = mp.get_context("spawn")  # a fresh interpreter: only what a worker loads
    with ctx.Pool(1) as pool:
        return pool.apply(_rss_after, (items,))


def _rss_after(items: list[tuple[str, str]]) -> float:
    _worker_init()
    for item in items:
        _analyze_one(item)
    return rss_mib()


def run_bench_nlp(articles: int) -> str:
    """Runs the NLP engineer's bench/bench_nlp.py in its own process and returns its output."""
    script = REPO / "bench" / "bench_nlp.py"
    if not script.exists():
        return "(bench/bench_nlp.py not present)"
    proc = subprocess.run(
        [sys.executable, str(script), "--articles", str(articles), "--repeat", "3"],
        capture_output=True, text=True, cwd=REPO, timeout=1800, check=False,
    )
    return (proc.stdout + (proc.stderr[-2000:] if proc.returncode else "")).strip()


def run(en_count: int = 20, ar_count: int = 60, repeat: int = 5, seed: int = 11) -> list[Row]:
    """Returns the NLP rows: English vs spaCy, Arabic vs tokenise-normalise, 2-process scaling, worker RSS."""
    import spacy
    from marsad.nlp import analyze
    from marsad.nlp.models import ENGLISH_MODEL
    from marsad.nlp.normalize import search_form

    en = _texts("en", en_count, seed)
    ar = _texts("ar", ar_count, seed + 1)
    # The official model with every pipe it ships (Marsad's own pipeline leaves its lemmatizer out).
    spacy_nlp = spacy.load(ENGLISH_MODEL)
    for t in en[:2]:  # warm up lazy tables and first-call allocations
        spacy_nlp(t)
        analyze(t, "en")
    analyze(ar[0], "ar")

    en_t = interleaved(
        repeat,
        ours=lambda: consume(analyze(t, "en") for t in en),
        bare=lambda: consume(spacy_nlp(t) for t in en),
    )
    ar_t = interleaved(
        repeat,
        ours=lambda: consume(analyze(t, "ar") for t in ar),
        bare=lambda: consume(search_form(t) for t in ar),
    )
    en_words = sum(len(t.split()) for t in en) / len(en)
    ar_words = sum(len(t.split()) for t in ar) / len(ar)
    rows = [
        Row(
            "nlp", f"English analyze vs bare spaCy nlp(), {len(en)} articles of ~{en_words:.0f} words (time ratio)",
            fmt_rate(len(en) / en_t["ours"].median, "articles"),
            fmt_rate(len(en) / en_t["bare"].median, "articles") + " (spaCy, all pipes)",
            en_t["ours"].median / en_t["bare"].median, "<= 1.3",
        ),
        Row(
            "nlp", f"Arabic analyze vs tokenise+normalise, {len(ar)} articles of ~{ar_words:.0f} words (time ratio)",
            fmt_rate(len(ar) / ar_t["ours"].median, "articles"),
            fmt_rate(len(ar) / ar_t["bare"].median, "articles") + " (search_form)",
            ar_t["ours"].median / ar_t["bare"].median,
            note="no target; the rules' cost over the least any Arabic indexing does",
        ),
    ]
    mixed = [(t, "en") for t in en[: max(4, en_count // 2)]] + [(t, "ar") for t in ar[: max(8, ar_count // 2)]]
    mixed.sort(key=lambda it: len(it[0]), reverse=True)  # longest first: fewer idle tails at the end
    one, two, cpu1, cpu2 = scaling(mixed, max(2, repeat // 2))
    load = os.getloadavg()[0]
    rows.append(
        Row(
            "nlp", f"2 worker processes vs 1, {len(mixed)} mixed articles (throughput ratio; 2.0 is ideal)",
            fmt_rate(two, "articles"), fmt_rate(one, "articles") + " (1 process)", two / one, ">= 1.6",
            note=f"CPU per article {cpu2:.0f} ms with 2 workers vs {cpu1:.0f} ms with 1; "
            f"{os.cpu_count()} CPUs, load average {load:.1f} during the run",
        )
    )
    rss = worker_rss(mixed[:6])
    rows.append(Row("memory", "RSS of one NLP worker after analysing both languages", f"{rss:.0f} MiB"))
    return rows
