"""A local news site serving the benchmark corpus over real HTTP, for the crawl benchmark.

Run as ``python -m bench.site --articles N --seed S``: binds 127.0.0.1 on a
free port, prints ``PORT <n>`` and serves until killed. Pages are made on
request from ``bench.corpus`` (nothing is held in memory):

- ``/robots.txt`` allows everything;
- ``/sitemap.xml`` lists every article with today's ``lastmod``;
- ``/a/<n>.html`` is article n: a plain news page with a headline, a date,
  a byline and the body in ``<article>`` paragraphs, plus navigation chrome.
"""

from __future__ import annotations

import argparse
import html
import sys
from datetime import UTC, datetime
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from bench import corpus


@lru_cache(maxsize=4096)
def _page(seed: int, n: int) -> bytes:
    a = corpus.article(seed, n)
    paras = "\n".join(f"<p>{html.escape(p)}</p>" for p in a.body.split("\n\n"))
    direction = "rtl" if a.lang == "ar" else "ltr"
    doc = f"""<!doctype html>
<html lang="{a.lang}" dir="{direction}"><head><meta charset="utf-8">
<title>{html.escape(a.title)} | {a.source}</title>
<meta property="og:title" content="{html.escape(a.title)}">
<meta property="article:published_time" content="{a.published}">
<link rel="canonical" href="/a/{n}.html">
</head><body>
<header><nav><a href="/">Home</a> <a href="/business">Business</a> <a href="/world">World</a></nav></header>
<main><article>
<h1>{html.escape(a.title)}</h1>
<p class="byline">Staff reporter · <time datetime="{a.published}">{a.published[:10]}</time></p>
{paras}
</article></main>
<footer><p>© Benchmark Site. Synthetic articles for load tests.</p></footer>
</body></html>"""
    return doc.encode("utf-8")


def _sitemap(count: int) -> bytes:
    today = datetime.now(UTC).date().isoformat()
    urls = "".join(f"<url><loc>/a/{n}.html</loc><lastmod>{today}</lastmod></url>" for n in range(count))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + urls + "</urlset>"
    ).encode()


def make_handler(count: int, seed: int) -> type[BaseHTTPRequestHandler]:
    """Returns a request handler class serving `count` articles of corpus `seed`."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # the benchmark reads no access log
            pass

        def _send(self, status: int, body: bytes, ctype: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            path = self.path.split("?", 1)[0]
            host = self.headers.get("Host", "127.0.0.1")
            if path == "/robots.txt":
                self._send(200, b"User-agent: *\nAllow: /\n", "text/plain")
            elif path == "/sitemap.xml":
                body = _sitemap(count).replace(b"<loc>/", f"<loc>http://{host}/".encode())
                self._send(200, body, "application/xml")
            elif path.startswith("/a/") and path.endswith(".html"):
                try:
                    n = int(path[3:-5])
                except ValueError:
                    n = -1
                if 0 <= n < count:
                    self._send(200, _page(seed, n), "text/html; charset=utf-8")
                else:
                    self._send(404, b"not found", "text/plain")
            else:
                self._send(404, b"not found", "text/plain")

    return Handler


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the benchmark corpus as a news site.")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(args.articles, args.seed))
    server.daemon_threads = True
    print(f"PORT {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
