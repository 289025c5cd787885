"""The spool's disk fills up on the crawler's machine while Elasticsearch is unreachable.

The spool directory is a 1 MiB tmpfs mounted by the test (it runs as root;
without the right to mount, the test is skipped and says why), filled up but
for about 150 KB. The crawl writes to Elasticsearch through a proxy that the
test takes down mid-crawl: batches then go to the spool until it is full. The
crawl must stop taking work and exit 74, with every article it acknowledged
(in its job's committed list or its seen-URL store) in Elasticsearch or the
spool; once there is space again and Elasticsearch is back, the next run
replays the spool, fetches what was not written, and the whole site is
stored, each article once. A fault-free crawl of the same site first gives
the throughput to compare with.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from faultkit import UNIQUE_ARTICLES, Figures, Timeline, baseline, report, start_crawl, stored_articles, tally
from mockserver import MockServer, TcpProxy, summary

pytestmark = [pytest.mark.es, pytest.mark.slow, pytest.mark.faults]

# Two requests in flight at most: Scrapy finishes the downloads it has begun when a spider closes, so a
# crawl that holds few shows the stop (with the default 16 per spider it would hold most of this small site).
PACE = {"MARSAD_CRAWL_DELAY": "0.2", "MARSAD_CRAWL_DOMAIN_CONCURRENCY": "1", "MARSAD_CRAWL_CONCURRENCY": "2",
        "MARSAD_INDEX_BATCH": "3"}
SPOOL_SIZE = "1m"
FREE_BYTES = 150_000


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MiB tmpfs for the spool, filled but for about FREE_BYTES; unmounted afterwards."""
    mount = tmp_path / "spool"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system for the spool needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={SPOOL_SIZE}", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        stat = os.statvfs(mount)
        filler = mount / "filler.bin"
        filler.write_bytes(b"\0" * (stat.f_bavail * stat.f_frsize - FREE_BYTES))
        yield mount, filler
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _spooled_urls(spool: Path) -> set[str]:
    urls = set()
    for path in spool.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line:
                unit = json.loads(line)
                urls |= {unit["token"].get("link_url"), unit["article"]["url"], unit["article"]["canonical_url"]}
    return urls - {None}


def _acknowledged(state: Path) -> set[str]:
    """Returns the article URLs the crawl acknowledged: its jobs' committed lists and its seen-URL store."""
    urls = set()
    for path in (state / "job").glob("*/committed.urls"):
        urls |= {line for line in path.read_text(encoding="utf-8").splitlines() if line}
    db = sqlite3.connect(state / "seen.sqlite")
    try:
        urls |= {row[0] for row in db.execute("SELECT url FROM seen")}
    finally:
        db.close()
    return urls


def test_a_full_spool_disk_stops_the_crawl_loses_nothing_and_the_next_run_completes(
    small_disk, es, es_url: str, own_prefix, tmp_path
) -> None:
    mount, filler = small_disk
    with MockServer() as site:
        base_prefix = own_prefix("disk-base")
        base_rate, expected = baseline(site, es, es_url, base_prefix, tmp_path / "base", **PACE)
        prefix = own_prefix("disk-full")
        proxy = TcpProxy(es_url)
        state = tmp_path / "state"
        env = {**PACE, "MARSAD_SPOOL_DIR": str(mount), "MARSAD_ES_REQUEST_TIMEOUT": "3"}

        def stored() -> int:
            es.indices.refresh(index=f"{prefix}-articles")
            return es.count(index=f"{prefix}-articles")["count"]

        try:
            site.get("/_reset")
            with Timeline(site, stored) as timeline:
                crawl = start_crawl(site, proxy.url, prefix, state, **env)
                deadline = time.monotonic() + 180
                while stored() < 6:
                    assert crawl.poll() is None, crawl.communicate()[1][-3000:]
                    assert time.monotonic() < deadline, "the crawl never stored anything"
                    time.sleep(0.1)
                proxy.down()  # Elasticsearch goes away: batches go to the small spool
                down = time.monotonic()
                _, err = crawl.communicate(timeout=300)
                ended = time.monotonic()
            pages_first = timeline.samples[-1][1]
            s = summary(err)
            in_es = {d["canonical_url"] for d in stored_articles(es, prefix)} | {
                d["url"] for d in stored_articles(es, prefix)}
            spooled = _spooled_urls(mount)
            acknowledged = _acknowledged(state)
            leftovers = [p.name for p in mount.iterdir() if p.suffix == ".tmp"]

            # Space again, Elasticsearch back: the next run replays the spool and fetches what was not written.
            filler.unlink()
            proxy.up()
            freed = time.monotonic()
            rerun = start_crawl(site, proxy.url, prefix, state, **env)
            _, err2 = rerun.communicate(timeout=300)
            recovered = time.monotonic() - freed
        finally:
            proxy.close()
    s2 = summary(err2)
    docs = stored_articles(es, prefix)
    n, duplicated, lost = tally(docs, expected)
    report(Figures(
        "spool disk full (1 MiB tmpfs) while Elasticsearch is unreachable", len(expected), n, duplicated, lost,
        round(recovered, 1), round(timeline.pages_per_second(down, ended), 2), round(base_rate, 2),
        {"exit": crawl.returncode, "stopped after ES went down s": round(ended - down, 1),
         "indexed/spooled/unwritten": (s["indexed"], s["spooled"], _unwritten(err)),
         "pages fetched before stopping": pages_first, "rerun exit": rerun.returncode,
         "rerun replayed": s2["replayed_from_spool"], "rerun articles": s2["articles"]}))
    assert crawl.returncode == 74, err[-4000:]
    assert "spool full: No space left on device" in err, err[-4000:]
    assert s["failed"] == 0 and s["spooled"] > 0 and _unwritten(err) > 0, err[-3000:]
    # Nothing acknowledged is lost: what the crawl marked as done is in Elasticsearch or in the spool.
    assert acknowledged and acknowledged <= in_es | spooled, acknowledged - in_es - spooled
    assert not leftovers, leftovers  # no half-written spool file holds the space
    # It stopped taking work: not every article page was fetched before it exited.
    assert pages_first < UNIQUE_ARTICLES
    assert rerun.returncode == 0, err2[-4000:]
    assert s2["replayed_from_spool"] == s["spooled"]
    assert n == len(expected) == UNIQUE_ARTICLES and duplicated == 0 and lost == 0
    assert not list(mount.glob("*.jsonl"))


def _unwritten(err: str) -> int:
    import re

    m = re.search(r"(\d+) article\(s\) not written", err[err.rfind("crawl finished"):])
    return int(m.group(1)) if m else 0
