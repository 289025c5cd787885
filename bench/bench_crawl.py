"""Crawl benchmark: ``marsad crawl`` (fetch, clean, analyse, index) vs a bare Scrapy crawl of the same site.

Both crawl the benchmark site (bench/site.py, in its own process on
loopback) through its sitemap, with the same concurrency, no politeness
delay and no AutoThrottle, each in a fresh process, so both rates include
interpreter start-up; the full crawl also loads its NLP models, as every
real crawl does. The full crawl writes under a throwaway index prefix and a
fresh state directory per run (otherwise the second run would skip unchanged
pages), and its article count in Elasticsearch is checked.

Run alone: ``.venv/bin/python -m bench.bench_crawl --pages 100``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

from bench.common import REPO, Row, Samples, fmt_rate, throwaway_prefix, tree_rss_mib
from marsad import indices, store

CONCURRENCY = 16


class Site:
    """The benchmark site in its own process; use as a context manager."""

    def __init__(self, pages: int, seed: int = 7):
        self.pages, self.seed = pages, seed

    def __enter__(self) -> Site:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bench.site", "--articles", str(self.pages), "--seed", str(self.seed)],
            cwd=REPO, stdout=subprocess.PIPE, text=True,
        )
        line = self.proc.stdout.readline()
        if not line.startswith("PORT "):
            self.proc.kill()
            raise RuntimeError(f"benchmark site did not start: {line!r}")
        self.url = f"http://127.0.0.1:{int(line.split()[1])}"
        return self

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        self.proc.wait(10)


def _timed(cmd: list[str], env: dict) -> tuple[float, float, subprocess.CompletedProcess]:
    """Runs cmd; returns (wall seconds, peak RSS of its process tree in MiB, result)."""
    peak = 0.0
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.25):
            peak = max(peak, tree_rss_mib(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate(timeout=3600)
    wall = time.perf_counter() - t0
    done.set()
    sampler.join()
    return wall, peak, subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def crawl_env(state: str) -> dict:
    """Returns the environment of a full crawl: current prefix, fresh state, no delay, same concurrency."""
    env = dict(os.environ)
    env.update({
        "MARSAD_ES_URL": store.es_url(),
        "MARSAD_STATE_DIR": state,
        "MARSAD_CRAWL_DELAY": "0",
        "MARSAD_CRAWL_AUTOTHROTTLE": "0",
        "MARSAD_CRAWL_CONCURRENCY": str(CONCURRENCY),
        "MARSAD_CRAWL_DOMAIN_CONCURRENCY": str(CONCURRENCY),
        "MARSAD_CRAWL_MAX_ARTICLES": "0",
    })
    return env


def full_crawl(site: Site, pages: int) -> tuple[float, float]:
    """Runs one `marsad crawl` of the site into empty indices; returns (seconds, peak RSS MiB)."""
    es = store.client()
    es.indices.delete(index=f"{store.prefix()}-*", ignore_unavailable=True, allow_no_indices=True)
    indices.init(es)
    with tempfile.TemporaryDirectory(prefix="bench-crawl-") as state:
        cmd = [sys.executable, "-m", "marsad.crawler", "--sitemap", f"{site.url}/sitemap.xml", "--fresh", "--no-replay"]
        wall, peak, res = _timed(cmd, crawl_env(state))
    if res.returncode != 0:
        raise RuntimeError(f"marsad crawl exited {res.returncode}: {res.stderr[-1500:]}")
    es.indices.refresh(index=store.alias("articles"))
    got = es.count(index=store.alias("articles"))["count"]
    if got != pages:
        raise RuntimeError(f"marsad crawl indexed {got} articles of {pages}: {res.stderr[-1500:]}")
    return wall, peak


def bare_crawl(site: Site, pages: int) -> float:
    """Runs the bare Scrapy spider over the same sitemap; returns seconds."""
    cmd = [
        sys.executable, "-m", "scrapy", "runspider", str(REPO / "bench" / "bare_spider.py"),
        "-a", f"sitemap={site.url}/sitemap.xml",
        "-s", f"CONCURRENT_REQUESTS={CONCURRENCY}", "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={CONCURRENCY}",
        "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "ROBOTSTXT_OBEY=True",
        "-s", "LOG_LEVEL=WARNING", "-s", "TELNETCONSOLE_ENABLED=False",
    ]
    env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
    wall, _, res = _timed(cmd, env)
    line = next((x for x in res.stdout.splitlines() if x.startswith("BARE ")), None)
    if res.returncode != 0 or line is None or json.loads(line[5:])["items"] != pages:
        raise RuntimeError(f"bare crawl failed ({res.returncode}): {line} {res.stderr[-1500:]}")
    return wall


def run(pages: int = 200, repeat: int = 3, seed: int = 7) -> list[Row]:
    """Returns the crawl rows: full pipeline vs bare Scrapy pages/s, and the crawler's peak RSS."""
    full, bare = Samples(), Samples()
    peaks: list[float] = []
    with Site(pages, seed) as site, throwaway_prefix("crawl"):
        for r in range(repeat):
            for side in ("full", "bare") if r % 2 == 0 else ("bare", "full"):
                if side == "full":
                    wall, peak = full_crawl(site, pages)
                    full.values.append(wall)
                    peaks.append(peak)
                else:
                    bare.values.append(bare_crawl(site, pages))
    ours, base = pages / full.median, pages / bare.median
    return [
        Row(
            "crawl", f"pages/s over the local site, {pages} articles (ar+en), {CONCURRENCY} in flight, "
            f"median of {repeat}",
            fmt_rate(ours, "pages"), fmt_rate(base, "pages") + " (bare Scrapy)", ours / base,
            note="full = fetch + clean + analyse + index in one process; NLP dominates; "
            "both include process start-up",
        ),
        Row("memory", "peak RSS of the crawler process (full pipeline)", f"{max(peaks):.0f} MiB"),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="marsad crawl vs a bare Scrapy crawl of the same site.")
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    for row in run(args.pages, args.repeat):
        print(row)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
