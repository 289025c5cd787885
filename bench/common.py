"""What every benchmark stage shares: result rows, interleaved timing, throwaway indices, memory.

The machine is shared and noisy, so a stage never compares numbers from two
separate runs: it alternates the measured code and its baseline in one
process (A B A B …) and reports the median of each, and the ratio of medians.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Row:
    """One line of the results table.

    ``ratio`` is ours / baseline in the direction the target is stated
    (time ratio for NLP, throughput ratio for indexing, latency ratio for the
    API); ``target`` says which way is good, e.g. "<= 1.3" or ">= 0.8".
    """

    stage: str
    what: str
    ours: str
    baseline: str = ""
    ratio: float | None = None
    target: str = ""
    note: str = ""

    @property
    def verdict(self) -> str:
        if self.ratio is None or not self.target:
            return ""
        op, _, bound = self.target.partition(" ")
        ok = self.ratio <= float(bound) if op == "<=" else self.ratio >= float(bound)
        return "meets" if ok else "MISSES"


@dataclass
class Samples:
    """Wall times (or any values) of repeated runs."""

    values: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def spread(self) -> str:
        return f"{min(self.values):.3g}–{max(self.values):.3g}"


def interleaved(repeat: int, **fns: Callable[[], object]) -> dict[str, Samples]:
    """Runs each fn once per round, in rotating order, `repeat` rounds; returns wall times per name.

    Rotating the order keeps a slow moment of the machine from always landing
    on the same side of the comparison.
    """
    names = list(fns)
    out = {n: Samples() for n in names}
    for r in range(repeat):
        order = names[r % len(names):] + names[: r % len(names)]
        for name in order:
            t0 = time.perf_counter()
            fns[name]()
            out[name].values.append(time.perf_counter() - t0)
    return out


def rss_mib(pid: int | None = None) -> float:
    """Returns the resident set size of a process (default: this one) in MiB, from /proc."""
    path = f"/proc/{pid or 'self'}/status"
    with open(path) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def tree_rss_mib(pid: int) -> float:
    """Returns the summed RSS of a process and all its descendants (gunicorn workers, Scrapy children)."""
    total = 0.0
    todo = [pid]
    while todo:
        p = todo.pop()
        with contextlib.suppress(OSError):
            total += rss_mib(p)
        with contextlib.suppress(OSError):
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
    return total


@contextlib.contextmanager
def throwaway_prefix(tag: str) -> Iterator[str]:
    """Points MARSAD_INDEX_PREFIX at fresh index names for the block, and deletes them afterwards."""
    from marsad import store

    prefix = f"bench-{tag}-{uuid.uuid4().hex[:6]}"
    saved = os.environ.get("MARSAD_INDEX_PREFIX")
    os.environ["MARSAD_INDEX_PREFIX"] = prefix
    try:
        yield prefix
    finally:
        if saved is None:
            os.environ.pop("MARSAD_INDEX_PREFIX", None)
        else:
            os.environ["MARSAD_INDEX_PREFIX"] = saved
        drop_prefix(store.client(), prefix)


def drop_prefix(es, prefix: str) -> None:
    """Deletes every index and index template named <prefix>-*."""
    es.indices.delete(index=f"{prefix}-*", ignore_unavailable=True, allow_no_indices=True)
    with contextlib.suppress(Exception):
        for t in es.indices.get_index_template(name=f"{prefix}-*").get("index_templates", []):
            es.indices.delete_index_template(name=t["name"])


def fmt_rate(per_s: float, unit: str) -> str:
    return f"{per_s:,.1f} {unit}/s" if per_s < 100 else f"{per_s:,.0f} {unit}/s"


def env_int(name: str, default: int) -> int:
    """Reads a benchmark size from the environment (BENCH_*), failing fast with the variable's name."""
    raw = os.environ.get(name, "")
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"{name}={raw!r} is not an integer") from None


def es_version(es) -> str:
    """Returns the Elasticsearch version of the node(s) behind a client.

    The integ-test distribution Marsad runs answers ``GET /`` with 405, so the
    version comes from the nodes info API instead.
    """
    nodes = es.nodes.info(filter_path="nodes.*.version")["nodes"]
    return ", ".join(sorted({n["version"] for n in nodes.values()}))
