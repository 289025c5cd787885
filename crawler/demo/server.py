"""The demo news site over HTTP: a small threaded server on 127.0.0.1, in a thread of the calling process.

It serves what crawler.demo.site renders, with the headers a well-behaved
news site sends: the right charset, ETag and Last-Modified, 304 to
conditional requests, 404 for anything else. No hostile behaviour: slow,
huge or broken pages belong to the tests' mock server (tests/mockserver.py).
"""

from __future__ import annotations

import logging
import threading
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from marsad.crawler.demo import site

log = logging.getLogger(__name__)

# The port tried first, so that article URLs stay the same between runs; any free port otherwise.
PREFERRED_PORT = 18765


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "MarsadDemo/1"
    server: _Server

    def log_message(self, format, *args):  # noqa: A002 - the parent's signature
        log.debug("%s " + format, self.address_string(), *args)

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        key = parts.path + (f"?{parts.query}" if parts.query else "")
        doc = self.server.docs.get(key) or (self.server.docs.get(parts.path) if parts.query else None)
        if doc is None:
            return self._send(404, b"not found\n", "text/plain; charset=utf-8")
        headers = {"ETag": doc.etag, "Last-Modified": format_datetime(doc.modified.astimezone(site.UTC), usegmt=True),
                   "Cache-Control": "max-age=300"}
        if self._not_modified(doc):
            return self._send(304, b"", None, headers)
        return self._send(200, doc.body, doc.content_type, headers)

    do_HEAD = do_GET

    def _not_modified(self, doc: site.Document) -> bool:
        tags = self.headers.get("If-None-Match")
        if tags is not None:
            return doc.etag in [t.strip() for t in tags.split(",")] or tags.strip() == "*"
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                return doc.modified.replace(microsecond=0) <= parsedate_to_datetime(since)
            except (TypeError, ValueError):
                return False
        return False

    def _send(self, status: int, body: bytes, ctype: str | None, headers: dict | None = None) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    docs: dict[str, site.Document]

    def handle_error(self, request, client_address) -> None:
        # A client that hangs up mid-response is its own business; nothing to report.
        log.debug("demo site: connection from %s ended with an error", client_address, exc_info=True)


class DemoServer:
    """The demo site on 127.0.0.1: ``start()`` returns it serving, ``url`` is its origin, ``stop()`` ends it.

    Usable as a context manager.
    """

    def __init__(self, port: int | None = None):
        self.port_wanted = port
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> DemoServer:
        """Binds the preferred port (or the one asked for; 0 for any), else a free one; returns self."""
        wanted = [self.port_wanted] if self.port_wanted is not None else [PREFERRED_PORT, 0]
        error: OSError | None = None
        for port in wanted:
            try:
                self._server = _Server(("127.0.0.1", port), _Handler)
                break
            except OSError as e:
                error = e
        if self._server is None:
            raise OSError(f"the demo site cannot listen on 127.0.0.1:{wanted[0]}: {error}")
        self._server.docs = site.documents(self.url)
        self._thread = threading.Thread(target=self._server.serve_forever, name="demo-site", daemon=True)
        self._thread.start()
        return self

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the demo site is not running")
        return self._server.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        """Stops serving and closes the socket; safe to call twice."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
