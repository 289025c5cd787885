"""Benchmark: the demo site crawled with the whole pipeline vs. fetched only (bare Scrapy).

``python -m marsad.crawler.bench`` prints pages/s of both and their ratio. It uses a
throw-away index prefix and state directory and removes them afterwards;
Elasticsearch must be running (``marsad es start``).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
import uuid


def _run(args: list[str], env: dict) -> tuple[float, float, int, str]:
    """Returns (process seconds, crawl seconds from the summary, pages, log)."""
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "marsad.crawler", "--demo", *args], env=env, capture_output=True,
                          text=True, timeout=600)
    elapsed = time.monotonic() - started
    tail = proc.stderr[proc.stderr.rfind("crawl finished"):]
    pages = re.search(r"pages (\d+)", tail)
    crawl = re.search(r"crawl finished in ([\d.]+) s", tail)
    return elapsed, float(crawl.group(1)) if crawl else elapsed, int(pages.group(1)) if pages else 0, proc.stderr


def main() -> int:
    """Runs both crawls and prints the comparison; returns 0, or 1 when a crawl failed."""
    from marsad import indices, store

    prefix = f"marsad-bench-{uuid.uuid4().hex[:8]}"
    os.environ["MARSAD_INDEX_PREFIX"] = prefix
    es = store.client()
    indices.init(es)
    try:
        results = {}
        for mode, extra in (("bare", ["--bare"]), ("full", [])):
            with tempfile.TemporaryDirectory() as state:
                env = dict(os.environ, MARSAD_STATE_DIR=state)
                elapsed, crawl, pages, log = _run(extra, env)
                if not pages:
                    print(log, file=sys.stderr)
                    return 1
                results[mode] = (crawl, pages)
                print(f"{mode}: {pages} pages, crawl {crawl:.1f} s = {pages / crawl:.1f} pages/s "
                      f"(whole process {elapsed:.1f} s)")
        (bt, bp), (ft, fp) = results["bare"], results["full"]
        print(f"full pipeline rate / bare Scrapy rate: {(fp / ft) / (bp / bt):.2f}")
        return 0
    finally:
        es.indices.delete(index=f"{prefix}-*", ignore_unavailable=True, allow_no_indices=True)
        es.options(ignore_status=404).indices.delete_index_template(name=f"{prefix}-*")


if __name__ == "__main__":
    sys.exit(main())
