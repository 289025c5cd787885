"""Fixtures of the web tests: the fixture articles in Elasticsearch, the app over HTTP, headless Chromium.

The articles and the Chromium helpers are in webkit.py; the browser tests
fail (never skip) when Playwright or Chromium is missing.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from webkit import ARTIFACTS, CHROMIUM_ARGS, FIXTURES, Fixture, chromium_path, index_fixtures, missing_browser


@pytest.fixture(scope="session")
def web_articles(es, tmp_path_factory) -> list[Fixture]:
    """The bilingual fixture articles, indexed once per session."""
    index_fixtures(es, FIXTURES, tmp_path_factory.mktemp("web-spool"))
    return FIXTURES


@pytest.fixture(scope="session")
def web_server(es, web_articles) -> Iterator[str]:
    """Base URL of the real application served by werkzeug in a thread, on a free port."""
    from marsad.api import create_app
    from werkzeug.serving import make_server

    # The pages are tested, not the API's limits: no rate limit for the many requests of a test run,
    # and the new-articles feed only a second behind (its default lag is 15 s).
    app = create_app({"TESTING": True, "WEB_POLL_SECONDS": 1, "RATE_LIMIT": 0, "API_NEW_LAG": 1.0})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="web-test-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium driven through Playwright; the tests fail (never skip) without it."""
    problem = missing_browser()
    if problem:
        pytest.fail(problem, pytrace=False)
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, web_server):
    """A fresh browser page (1280×900, no stored state) whose JavaScript errors fail the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB",
                                  base_url=web_server, timezone_id="UTC")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.set_default_timeout(15_000)
    yield pg
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def shell_client():
    """A test client of a bare app with only the web blueprint: the page shells need no Elasticsearch."""
    from flask import Flask
    from marsad.api.web import bp

    app = Flask(__name__)
    app.config["TESTING"] = True
    app.register_blueprint(bp)
    return app.test_client()
