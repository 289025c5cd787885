"""Fixtures of the API tests beyond the shared ones (the app and client over the fixture articles, the cluster:
tests/conftest.py).

Here: the app with no store to reach (the answers the API owes its clients then), and `marsad serve`
as a real gunicorn subprocess.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from faultkit import free_port


@pytest.fixture
def dead_client():
    """A test client of the app whose Elasticsearch is a closed port (9, discard): a real refusal, no mock."""
    from marsad.api import create_app

    return create_app({"TESTING": True, "RATE_LIMIT": 0, "ES_URL": "http://127.0.0.1:9"}).test_client()


@pytest.fixture
def served(es, api_stories, tmp_path):
    """`marsad serve` (gunicorn, 2 workers) over the fixture articles on a free port: its base URL and its log."""
    port = free_port()
    # Append mode: the server's writes always land at the end, whatever offset the test reads from
    # (the file description, and so its offset, is shared with the child).
    log = (tmp_path / "serve.log").open("a+b")
    env = dict(os.environ, MARSAD_API_WORKERS="2", MARSAD_RATE_LIMIT="0")  # the session's ES and prefix
    proc = subprocess.Popen([str(Path(sys.executable).parent / "marsad"), "serve", "--host", "127.0.0.1",
                             "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            assert proc.poll() is None, f"marsad serve exited: {log.seek(0) or log.read().decode()}"
            try:
                with urllib.request.urlopen(f"{base}/api/v1/health", timeout=10) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, "marsad serve did not answer within 60 s"
            time.sleep(0.3)
        yield base, log
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
