"""Fixtures of the integration tests beyond the shared ones (Elasticsearch, the cluster, the mock site, the API:
tests/conftest.py).

Here: a Redis with an append-only file that a test can kill and restart on the same port and data.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from faultkit import free_port


class RedisServer:
    """redis-server on a free loopback port with an append-only file, killed and restarted on demand."""

    def __init__(self, workdir: Path):
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            pytest.fail("redis-server is missing (apt-get install -y redis-server)")
        self.port = free_port()
        self.workdir = workdir
        workdir.mkdir(parents=True, exist_ok=True)
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc = None
        self.start()

    def start(self) -> None:
        import redis

        self.proc = subprocess.Popen([self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                                      "--appendonly", "yes", "--appendfsync", "always", "--dir", str(self.workdir)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis.from_url(self.url)
        deadline = time.monotonic() + 20
        while True:
            try:
                client.ping()
                return
            except (redis.ConnectionError, redis.BusyLoadingError):
                assert self.proc.poll() is None and time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.05)

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def close(self) -> None:
        if self.proc.poll() is None:
            self.kill()


@pytest.fixture
def redis_server(tmp_path) -> RedisServer:
    """A Redis of the test's own (append-only file, fsync on every write), stopped at the end."""
    server = RedisServer(tmp_path / "redis")
    yield server
    server.close()


@pytest.fixture(scope="module")
def module_redis(tmp_path_factory) -> RedisServer:
    """A Redis for a whole module (a fault-free control run its tests share), stopped at the module's end."""
    server = RedisServer(tmp_path_factory.mktemp("redis") / "data")
    yield server
    server.close()
