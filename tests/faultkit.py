"""What the fault scenarios of issue 17 share: crawls of the mock site, a timeline of what it served, figures.

Every scenario reports the same figures (README, "Fault tolerance"): articles
expected, stored, duplicated (must be 0), lost (must be 0), time to recover
after the fault ended, and the crawl's throughput during the fault against a
fault-free crawl of the same site in the same test. ``report`` prints them
in one line and appends them to test-artifacts/faults/figures.jsonl.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

from mockserver import REPO, MockServer, crawl_env, marsad_command, summary, write_sources

# The suite's cluster nodes (conftest) drop a node that stops answering after three failed checks a second
# apart, each timing out after 3 s: about 12 s, where the defaults (10 s) take about 33 s.
FAULT_DETECTION = {"cluster.fault_detection.follower_check.timeout": "3s",
                   "cluster.fault_detection.leader_check.timeout": "3s"}

UNIQUE_ARTICLES = 46  # the mock site through its English feed, Arabic feed and sitemap index (test_crawl_site.py)
FEEDS = ["/feeds/en.rss", "/feeds/ar.atom"]
SITEMAPS = ["/sitemap_index.xml"]
ARTIFACTS = REPO / "test-artifacts" / "faults"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def article_pages(site: MockServer) -> int:
    """Returns how many article pages (.html) the site has served so far."""
    return sum(n for path, n in site.stats()["hits"].items() if path.endswith(".html"))


class Timeline:
    """Samples the site's served article pages (and optionally a stored count) every `every` seconds in a thread."""

    def __init__(self, site: MockServer, stored=None, every: float = 0.5):
        self.site, self.stored, self.every = site, stored, every
        self.samples: list[tuple[float, int, int | None]] = []  # (monotonic time, pages served, stored)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Timeline:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                pages = article_pages(self.site)
                stored = self.stored() if self.stored else None
                self.samples.append((time.monotonic(), pages, stored))
            except Exception:  # noqa: BLE001 - one missed sample is no harm (a store may be hung)
                pass
            self._stop.wait(self.every)

    def pages_per_second(self, start: float, end: float) -> float:
        """Returns article pages served per second between two monotonic times (by the nearest samples)."""
        inside = [s for s in self.samples if start <= s[0] <= end]
        if len(inside) < 2:
            return 0.0
        return (inside[-1][1] - inside[0][1]) / max(inside[-1][0] - inside[0][0], 1e-6)

    def active_rate(self) -> float:
        """Returns pages per second from the first page served to the moment the last one was (start-up excluded)."""
        if not self.samples or self.samples[-1][1] == 0:
            return 0.0
        final = self.samples[-1][1]
        first = next(s for s in self.samples if s[1] > 0)
        last = next(s for s in self.samples if s[1] == final)
        return (last[1] - first[1]) / max(last[0] - first[0], 1e-6)

    def first_stored_after(self, when: float, above: int) -> float | None:
        """Returns the first sample time after `when` at which more than `above` articles were stored."""
        return next((t for t, _, n in self.samples if t > when and n is not None and n > above), None)


@dataclass
class Figures:
    fault: str
    expected: int
    stored: int
    duplicated: int
    lost: int
    recovered_s: float | None  # after the fault ended
    fault_pages_per_s: float
    baseline_pages_per_s: float
    notes: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return self.fault_pages_per_s / self.baseline_pages_per_s if self.baseline_pages_per_s else 0.0


def report(figures: Figures) -> Figures:
    """Prints the scenario's figures in one line and appends them to test-artifacts/faults/figures.jsonl."""
    recovered = f"{figures.recovered_s:.1f} s" if figures.recovered_s is not None else "n/a"
    extra = "; ".join(f"{k} {v}" for k, v in figures.notes.items())
    print(f"\nFAULT {figures.fault}: expected {figures.expected}, stored {figures.stored}, duplicated "
          f"{figures.duplicated}, lost {figures.lost}, recovered {recovered} after the fault ended; throughput during "
          f"the fault {figures.fault_pages_per_s:.2f} pages/s vs {figures.baseline_pages_per_s:.2f} fault-free "
          f"({figures.ratio:.2f}x){'; ' + extra if extra else ''}")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with (ARTIFACTS / "figures.jsonl").open("a", encoding="utf-8") as f:
        f.write(json.dumps({**asdict(figures), "at": time.strftime("%Y-%m-%dT%H:%M:%S")}) + "\n")
    return figures


def stored_articles(es, prefix: str) -> list[dict]:
    es.indices.refresh(index=f"{prefix}-articles")
    return [h["_source"] for h in es.search(index=f"{prefix}-articles", size=1000,
                                            source_includes=["url", "canonical_url"])["hits"]["hits"]]


def tally(docs: list[dict], expected_urls: set[str]) -> tuple[int, int, int]:
    """Returns (stored, duplicated, lost): documents, extra documents of one canonical URL, expected URLs missing."""
    canonical = [d["canonical_url"] for d in docs]
    return len(docs), len(canonical) - len(set(canonical)), len(expected_urls - set(canonical))


def start_crawl(site: MockServer, es_url: str, prefix: str, state: Path, *extra_args: str,
                **env: str) -> subprocess.Popen:
    """Starts `marsad crawl` over the whole mock site (46 articles); stderr holds the summary."""
    state.mkdir(parents=True, exist_ok=True)
    sources = write_sources(state / "sources.yml", site, FEEDS, SITEMAPS)
    return subprocess.Popen(marsad_command("crawl", f"--sources={sources}", *extra_args), cwd=REPO,
                            env=crawl_env(es_url, prefix, state, **env), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def baseline(site: MockServer, es, es_url: str, prefix: str, state: Path, **env: str) -> tuple[float, set[str]]:
    """Runs a fault-free crawl of the site; returns (article pages per second while fetching, canonical URLs stored).

    The rate runs from the first article page served to the last, so that
    start-up (loading the spaCy model) does not count.
    """
    site.get("/_reset")
    with Timeline(site, every=0.25) as timeline:
        proc = start_crawl(site, es_url, prefix, state, **env)
        _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    urls = {d["canonical_url"] for d in stored_articles(es, prefix)}
    assert len(urls) == UNIQUE_ARTICLES, (len(urls), summary(err))
    return timeline.active_rate(), urls


class Api:
    """`marsad serve` on a free port in its own process group; `get(path)` → (status, seconds, body)."""

    def __init__(self, env: dict, log: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log
        self.log = log.open("w+b")
        self.proc = subprocess.Popen([str(Path(sys.executable).parent / "marsad"), "serve", "--host", "127.0.0.1",
                                      "--port", str(self.port)], stdout=self.log, stderr=subprocess.STDOUT,
                                     env=env, start_new_session=True)

    def get(self, path: str, timeout: float = 60) -> tuple[int, float, bytes]:
        started = time.monotonic()
        try:
            with urllib.request.urlopen(self.base + path, timeout=timeout) as r:
                return r.status, time.monotonic() - started, r.read()
        except urllib.error.HTTPError as e:
            return e.code, time.monotonic() - started, e.read()
        except OSError as e:
            return 0, time.monotonic() - started, repr(e).encode()

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while self.get("/api/v1/health", timeout=5)[0] != 200:
            assert self.proc.poll() is None, self.text()
            assert time.monotonic() < deadline, f"marsad serve did not answer within {timeout:.0f} s"
            time.sleep(0.3)

    def text(self) -> str:
        return self.log_path.read_text(errors="replace")

    def close(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        self.proc.wait(timeout=30)
