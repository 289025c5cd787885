"""`marsad serve` as a real subprocess (gunicorn) on a free port, answering real HTTP requests."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request

from apikit import QAMAR  # noqa: E402


def get(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


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
    url = f"http://127.0.0.1:{base.rsplit(':', 1)[1]}/"
    deadline = time.monotonic() + 15
    while True:
        # Read again until the server's lines are there: once, under load, the log still read empty here.
        log.seek(0)
        out = log.read().decode("utf-8", "replace")
        if (url in out and "Booting worker" in out) or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert url in out  # the URL is printed
    assert "gunicorn" in out.lower() and "Booting worker" in out
    assert "Debug mode" not in out and "development server" not in out
