"""`marsad serve` as a real subprocess (gunicorn) on a free port, answering real HTTP requests."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from api_fixtures import QAMAR  # noqa: E402

MARSAD = Path(sys.executable).parent / "marsad"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


@pytest.fixture
def served(es, api_stories, tmp_path):
    port = free_port()
    # Append mode: the server's writes always land at the end, whatever offset the test reads from
    # (the file description, and so its offset, is shared with the child).
    log = (tmp_path / "serve.log").open("a+b")
    env = dict(os.environ, MARSAD_API_WORKERS="2", MARSAD_RATE_LIMIT="0")  # the session's ES and prefix
    proc = subprocess.Popen([str(MARSAD), "serve", "--host", "127.0.0.1", "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            assert proc.poll() is None, f"marsad serve exited: {log.seek(0) or log.read().decode()}"
            try:
                if get(f"{base}/api/v1/health")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "marsad serve did not answer within 60 s"
            time.sleep(0.3)
        yield base, log
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)


def test_serve_runs_gunicorn_and_answers(served):
    base, log = served
    status, headers, body = get(f"{base}/api/v1/articles?" + urllib.parse.urlencode({"q": "قمر", "size": 3}))
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    assert json.loads(body)["total"] >= 2
    status, headers, body = get(f"{base}/api/v1/entities/{QAMAR[0]}/feed?format=atom")
    assert status == 200
    assert get(f"{base}/api/v1/entities/{QAMAR[0]}/feed?format=atom", {"If-None-Match": headers["ETag"]})[0] == 304
    status, _, body = get(f"{base}/api/v1/articles?size=-3")
    assert status == 400 and json.loads(body)["error"]["code"] == "invalid_parameter"
    assert get(f"{base}/api/v1/openapi.json")[0] == 200
    log.seek(0)
    out = log.read().decode("utf-8", "replace")
    assert f"http://127.0.0.1:{base.rsplit(':', 1)[1]}/" in out  # the URL is printed
    assert "gunicorn" in out.lower() and "Booting worker" in out
    assert "Debug mode" not in out and "development server" not in out
