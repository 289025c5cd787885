"""Rate limits hold across processes: the buckets are shared by every gunicorn worker of `marsad serve`.

The unit test forks processes that spend from one limiter; the serve test
starts the real `marsad serve` with three workers and sends parallel
requests on fresh connections, so the kernel hands them to all the workers.
Its control is the same server with the limiter of each worker kept in that
worker's own memory (the behaviour before): it lets through more than the
configured number.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from marsad.api.auth import RateLimiter

REPO = Path(__file__).resolve().parents[2]
LIMIT = 30  # requests a minute: 0.5 tokens a second come back during a test


def _spend(limiter: RateLimiter, n: int, out) -> None:
    out.put(sum(limiter.take("ip:192.0.2.7") == 0 for _ in range(n)))


def test_forked_processes_spend_from_one_bucket() -> None:
    limiter = RateLimiter(10)
    ctx = multiprocessing.get_context("fork")
    out = ctx.Queue()
    started = time.monotonic()
    procs = [ctx.Process(target=_spend, args=(limiter, 10, out)) for _ in range(3)]
    for p in procs:
        p.start()
    allowed = [out.get(timeout=30) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    refill = (time.monotonic() - started) * 10 / 60
    print(f"3 processes x 10 requests against a limit of 10/min: allowed {allowed} ({sum(allowed)} in all)")
    assert 10 <= sum(allowed) <= 10 + int(refill)
    # Another client has a bucket of its own, in the parent too.
    assert limiter.take("ip:192.0.2.8") == 0 and limiter.take("ip:192.0.2.7") > 0


def test_a_process_killed_while_holding_the_lock_does_not_block_the_others() -> None:
    import fcntl

    limiter = RateLimiter(10)
    ctx = multiprocessing.get_context("fork")
    holding = ctx.Event()

    def hold_forever() -> None:
        fcntl.lockf(limiter._file, fcntl.LOCK_EX)  # as if killed in the middle of an update
        holding.set()
        time.sleep(60)

    p = ctx.Process(target=hold_forever)
    p.start()
    assert holding.wait(10)
    os.kill(p.pid, signal.SIGKILL)
    p.join()
    done = threading.Event()
    threading.Thread(target=lambda: (limiter.take("k"), done.set()), daemon=True).start()
    assert done.wait(5), "a dead process's lock was never released"


def test_full_table_reuses_the_stalest_slot_and_a_take_is_cheap() -> None:
    limiter = RateLimiter(2, slots=16, probes=16)
    for n in range(40):  # more clients than slots: the oldest records make way
        limiter.take(f"ip:10.0.0.{n}")
    assert limiter.take("ip:10.0.0.39") == 0 and limiter.take("ip:10.0.0.39") > 0
    started = time.perf_counter()
    for n in range(20000):
        limiter.take(f"ip:10.1.{n % 250}.{n % 7}")
    per_take = (time.perf_counter() - started) / 20000
    print(f"one take: {per_take * 1e6:.1f} µs")
    assert per_take < 0.001


# ---------------------------------------------------------------- the real server


# `marsad serve` with the limiter kept in each worker's own memory (a dict, copied at the fork): the control.
PER_WORKER = """
import sys, threading, time
from marsad.api import auth

class PerWorker:
    def __init__(self, per_minute, **_):
        self.rate, self.capacity, self.buckets, self.lock = per_minute / 60.0, float(per_minute), {}, threading.Lock()

    def take(self, client):
        now = time.monotonic()
        with self.lock:
            tokens, last = self.buckets.get(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens < 1:
                self.buckets[client] = (tokens, now)
                return (1 - tokens) / self.rate
            self.buckets[client] = (tokens - 1, now)
            return 0.0

auth.RateLimiter = PerWorker
from marsad import cli
sys.exit(cli.main(["serve", *sys.argv[1:]]))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _status(url: str) -> int:
    # A new connection per request (urllib closes it), so any idle worker may accept it.
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            r.read()
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def _hammer(workers: int, per_worker_control: bool, tmp_path: Path) -> tuple[int, int, float, int]:
    """Starts a server, sends 3×LIMIT requests from 12 threads; returns (200s, 429s, seconds, workers booted)."""
    port = _free_port()
    env = dict(os.environ, MARSAD_API_WORKERS=str(workers), MARSAD_API_THREADS="4", MARSAD_RATE_LIMIT=str(LIMIT),
               MARSAD_ES_URL="http://127.0.0.1:9")  # no store needed: /openapi.json is static
    args = ["--host", "127.0.0.1", "--port", str(port)]
    command = ([sys.executable, "-c", PER_WORKER, *args] if per_worker_control
               else [sys.executable, "-m", "marsad.cli", "serve", *args])
    log = (tmp_path / f"serve-{int(per_worker_control)}.log").open("w+")
    proc = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if _status(base + "/api/v1/health") in (200, 503):
                    break
            except OSError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, "marsad serve did not start"
            time.sleep(0.2)
        # Every worker up before the count starts (gunicorn logs each boot).
        while log.seek(0) is not None and log.read().count("Booting worker") < workers:
            assert time.monotonic() < deadline, "not every worker booted"
            time.sleep(0.2)
        statuses: list[int] = []
        lock = threading.Lock()

        def client(n: int) -> None:
            for _ in range(n):
                got = _status(base + "/api/v1/openapi.json")
                with lock:
                    statuses.append(got)

        started = time.monotonic()
        threads = [threading.Thread(target=client, args=(3 * LIMIT // 12 + (i < 3 * LIMIT % 12),)) for i in range(12)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        elapsed = time.monotonic() - started
        log.seek(0)
        booted = log.read().count("Booting worker")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    assert set(statuses) <= {200, 429} and len(statuses) == 3 * LIMIT, statuses
    return statuses.count(200), statuses.count(429), elapsed, booted


@pytest.mark.slow
def test_three_workers_enforce_the_configured_limit_together(tmp_path) -> None:
    ok, limited, elapsed, booted = _hammer(3, per_worker_control=False, tmp_path=tmp_path)
    refill = int(elapsed * LIMIT / 60)
    print(f"shared buckets, {booted} workers: {ok} x 200 and {limited} x 429 of {3 * LIMIT} requests in "
          f"{elapsed:.1f} s (limit {LIMIT}/min, refill during the test {refill})")
    assert booted == 3
    assert LIMIT <= ok <= LIMIT + refill


@pytest.mark.slow
def test_control_limits_kept_per_worker_let_through_more_than_the_limit(tmp_path) -> None:
    ok, limited, elapsed, booted = _hammer(3, per_worker_control=True, tmp_path=tmp_path)
    print(f"per-worker buckets (the old behaviour), {booted} workers: {ok} x 200 and {limited} x 429 of "
          f"{3 * LIMIT} requests in {elapsed:.1f} s (limit {LIMIT}/min)")
    assert ok > LIMIT + int(elapsed * LIMIT / 60)
