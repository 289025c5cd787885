"""A small bilingual news site over real HTTP, one URL per behaviour, for crawl tests.

Run as ``python -m tests.mockserver``: it binds 127.0.0.1 on a free port,
prints ``PORT <n>`` and serves until killed. Every page and story is written
for these tests (tests/fixtures/site/articles.py). ``/_stats`` reports hits
per path and conditional responses; ``/_bump?slug=...`` changes a story's
text, so tests can check that a re-crawl updates it.
"""

from __future__ import annotations

import hashlib
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from email.utils import formatdate
from html import escape as html_escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "site"))
import articles  # noqa: E402

AR_MONTHS_EG = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
                "نوفمبر", "ديسمبر"]
AR_MONTHS_LEV = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
                 "تشرين الأول", "تشرين الثاني", "كانون الأول"]
INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
LAST_MODIFIED = formatdate(1767225600, usegmt=True)  # 2026-01-01


def _date(n: int) -> tuple[int, int, int]:
    return 2026, (n % 9) + 1, (n % 27) + 1


class Site:
    """The site's content and counters (shared by the server threads)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.hits: dict[str, int] = {}
        self.not_modified = 0
        self.bodies = 0
        self.bumped: set[str] = set()
        self.first_hit: dict[str, float] = {}
        self.pages: dict[str, tuple[str, int]] = {}
        for n in range(20):
            self.pages[self.en_path(n)] = ("en", n)
            self.pages[self.ar_path(n)] = ("ar", n)

    @staticmethod
    def en_path(n: int) -> str:
        y, m, d = _date(n)
        return f"/en/{y}/{m:02d}/{d:02d}/{articles.EN_STORIES[n][0]}.html"

    @staticmethod
    def ar_path(n: int) -> str:
        return f"/ar/news/{articles.AR_STORIES[n][0]}-{n}.html"

    def article_html(self, lang: str, n: int, base: str) -> str:
        slug, headline, paras = (articles.english if lang == "en" else articles.arabic)(n)
        if slug in self.bumped:
            paras = paras + [("The company later raised its estimate to $500 million, Karim Haddad said."
                              if lang == "en" else "وقال كريم حداد لاحقا إن الشركة رفعت تقديرها إلى 500 مليون دولار.")]
        y, m, d = _date(n)
        path = self.en_path(n) if lang == "en" else self.ar_path(n)
        if lang == "en":
            # Three ways of giving the date, in turn: meta tag, JSON-LD, <time>; the URL has it too.
            meta = [f'<meta property="article:published_time" content="{y}-{m:02d}-{d:02d}T08:30:00Z">', "", ""][n % 3]
            ld = ("" if n % 3 != 1 else '<script type="application/ld+json">' + json.dumps({
                "@context": "https://schema.org", "@type": "NewsArticle", "headline": headline,
                "datePublished": f"{y}-{m:02d}-{d:02d}T08:30:00+00:00",
                "author": {"@type": "Person", "name": "Staff Reporter"}}) + "</script>")
            time_el = f'<time datetime="{y}-{m:02d}-{d:02d}T08:30:00Z">{d} May {y}</time>' if n % 3 == 2 else ""
            byline = '<p class="byline">By <span class="author">Staff Reporter</span></p>'
        else:
            months = AR_MONTHS_LEV if n % 2 else AR_MONTHS_EG
            date_text = f"{d} {months[m - 1]} {y}"
            if n % 4 == 0:
                date_text = date_text.translate(INDIC)
            meta, ld = "", ""
            time_el = f"<time>{date_text}</time>"
            byline = '<p class="byline">بقلم <span class="author">محرر الشؤون الاقتصادية</span></p>'
        body = "\n".join(f"<p>{p}</p>" for p in paras)
        direction = ' dir="rtl"' if lang == "ar" else ""
        return f"""<!DOCTYPE html>
<html lang="{lang}"{direction}><head><meta charset="utf-8">
<title>{headline} | Marsad Demo News</title>
<link rel="canonical" href="{base}{path}?utm_source=rss">
<meta property="og:title" content="{headline}">
<meta property="og:type" content="article">
{meta}{ld}
</head><body>
<nav><a href="/">Home</a> <a href="/en/">English</a> <a href="/ar/">العربية</a></nav>
<article><h1>{headline}</h1>{byline}{time_el}
{body}
</article>
<footer>Marsad Demo News, a test site. <a href="/about">About</a></footer>
</body></html>"""

    def legacy_page(self) -> str:
        # One story in an 8-bit encoding; which one the handler decides.
        slug, headline, paras = articles.arabic(3)
        body = "\n".join(f"<p>{p}</p>" for p in paras)
        # Western digits: neither windows-1256 nor ISO-8859-6 can encode Arabic-Indic ones.
        return (f"<html lang=\"ar\"><head>{{meta}}<title>{headline}</title></head><body><article>"
                f"<h1>{headline}</h1><time>4 آذار 2026</time>{body}</article></body></html>")

    def rss(self, base: str) -> str:
        items = []
        links = [self.en_path(n) for n in range(10)] + [
            "/private/secret.html", "/redirect/offsite", "/redirect/file", "/redirect/moved", "/missing.html",
            "/flaky.html", "/slow.html", "/drop.html", "/huge.html", "/nobody.html", "/ratelimited.html"]
        for path in links:
            items.append(f"<item><title>{path}</title><link>{base}{path}</link>"
                         f"<pubDate>Mon, 05 Jan 2026 08:00:00 GMT</pubDate></item>")
        return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Demo News</title>'
                f"<link>{base}/</link><description>English</description>{''.join(items)}</channel></rss>")

    def atom(self, base: str) -> str:
        entries = []
        links = [self.ar_path(n) for n in range(10)] + [
            "/legacy/windows-1256.html", "/legacy/iso-8859-6.html", "/legacy/undeclared.html"]
        for path in links:
            entries.append(f"<entry><title>خبر</title><link rel=\"alternate\" href=\"{base}{path}\"/>"
                           f"<id>{base}{path}</id><updated>2026-01-05T08:00:00Z</updated></entry>")
        return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                f'<title>أخبار</title><id>{base}/ar/</id><updated>2026-01-05T08:00:00Z</updated>'
                f"{''.join(entries)}</feed>")

    def sitemap_index(self, base: str) -> str:
        maps = "".join(f"<sitemap><loc>{base}/sitemaps/{name}.xml</loc><lastmod>2026-01-05</lastmod></sitemap>"
                       for name in ("news", "pages"))
        return ('<?xml version="1.0" encoding="UTF-8"?>'
                f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{maps}</sitemapindex>')

    def news_sitemap(self, base: str) -> str:
        urls = []
        for n in range(10, 20):
            for lang, path in (("en", self.en_path(n)), ("ar", self.ar_path(n))):
                y, m, d = _date(n)
                urls.append(f"<url><loc>{base}{path}</loc><news:news><news:publication><news:name>Demo</news:name>"
                            f"<news:language>{lang}</news:language></news:publication>"
                            f"<news:publication_date>{y}-{m:02d}-{d:02d}T08:30:00Z</news:publication_date>"
                            f"<news:title>story {n}</news:title></news:news></url>")
        return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{"".join(urls)}</urlset>')

    def hostile_links(self, base: str) -> list[str]:
        """Links a compromised or malicious site could list, each trying to steer the crawler elsewhere."""
        port = base.rsplit(":", 1)[1]
        return [
            f"http://localhost:{port}{self.en_path(1)}",  # another name for this machine
            f"http://localhost:{port}/robots.txt",  # robots.txt was once let through for any host
            "http://169.254.169.254/latest/meta-data/",  # the cloud metadata service
            f"http://[::1]:{port}{self.en_path(2)}",
            f"http://2130706433:{port}{self.en_path(3)}",  # 127.0.0.1 as one decimal number
            "file:///etc/passwd",
            f"{base}/redirect/robots",
            f"{base}/redirect/linklocal",
            f"{base}{self.en_path(4)}",  # the one legitimate article
        ]

    def hostile_sitemap(self, base: str) -> str:
        urls = "".join(f"<url><loc>{html_escape(u)}</loc></url>" for u in self.hostile_links(base))
        return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"{urls}</urlset>")

    def hostile_sitemap_index(self, base: str) -> str:
        # Child sitemaps are requested with dont_filter (Scrapy's offsite filter lets them pass).
        port = base.rsplit(":", 1)[1]
        children = [f"http://localhost:{port}/robots.txt", "http://169.254.169.254/robots.txt",
                    f"http://localhost:{port}/sitemaps/news.xml", f"{base}/hostile/sitemap.xml"]
        maps = "".join(f"<sitemap><loc>{html_escape(u)}</loc></sitemap>" for u in children)
        return ('<?xml version="1.0" encoding="UTF-8"?>'
                f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{maps}</sitemapindex>')

    def hostile_feed(self, base: str) -> str:
        items = "".join(f"<item><title>x</title><link>{html_escape(u)}</link></item>" for u in self.hostile_links(base))
        return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Hostile</title>'
                f"<link>{base}/</link><description>x</description>{items}</channel></rss>")

    def pages_sitemap(self, base: str) -> str:
        return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"<url><loc>{base}/about</loc><lastmod>2026-01-01</lastmod></url></urlset>")


SITE = Site()

# Documents the site generates from its stories, by path: (method of the site, media type).
_GENERATED = {
    "/sitemap_index.xml": (Site.sitemap_index, "application/xml"),
    "/sitemaps/news.xml": (Site.news_sitemap, "application/xml"),
    "/sitemaps/pages.xml": (Site.pages_sitemap, "application/xml"),
    "/hostile/sitemap.xml": (Site.hostile_sitemap, "application/xml"),
    "/hostile/sitemap_index.xml": (Site.hostile_sitemap_index, "application/xml"),
    "/hostile/feed.xml": (Site.hostile_feed, "application/rss+xml"),
}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - the parent's signature
        pass

    def _send(self, status: int, body: bytes | str = b"", ctype: str = "text/html; charset=utf-8",
              headers: dict | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        if data or status == 200:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if data and self.command != "HEAD":
            self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: C901 - one branch per behaviour is the point
        parts = urlsplit(self.path)
        path = parts.path
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        # Requests that reach this server under another host name count separately (off-site checks).
        host = (self.headers.get("Host") or "").split(":")[0]
        key = path if host in ("127.0.0.1", "") else f"//{host}{path}"
        with SITE.lock:
            SITE.hits[key] = SITE.hits.get(key, 0) + 1
            hits = SITE.hits[key]
        if path == "/_stats":
            with SITE.lock:
                data = {"hits": SITE.hits, "not_modified": SITE.not_modified, "bodies": SITE.bodies}
            return self._send(200, json.dumps(data), "application/json")
        if path == "/_bump":
            SITE.bumped.add(parse_qs(parts.query)["slug"][0])
            return self._send(200, "ok", "text/plain")
        if path == "/_reset":
            with SITE.lock:
                SITE.hits.clear()
                SITE.not_modified = SITE.bodies = 0
                SITE.first_hit.clear()
            return self._send(200, "ok", "text/plain")
        if path == "/robots.txt":
            return self._send(200, f"User-agent: *\nDisallow: /private/\n\nSitemap: {base}/sitemap_index.xml\n",
                              "text/plain")
        if path == "/.well-known/tdmrep.json":
            # The publisher reserves mining under /tdm/reserved/ (policy given) and declares /tdm/open/ free.
            rules = [{"location": "/tdm/reserved/*", "tdm-reservation": 1, "tdm-policy": f"{base}/tdm/policy.json"},
                     {"location": "/tdm/open/*", "tdm-reservation": 0}]
            return self._send(200, json.dumps(rules), "application/json")
        if path.startswith("/tdm/"):
            return self._tdm(path, base)
        if path == "/feeds/en.rss":
            return self._send(200, SITE.rss(base), "application/rss+xml; charset=utf-8")
        if path == "/feeds/ar.atom":
            return self._send(200, SITE.atom(base), "application/atom+xml; charset=utf-8")
        if path == "/feeds/one.rss":
            # A feed of the links given in the query: one test, one small crawl.
            items = "".join(f"<item><title>x</title><link>{base}{link}</link></item>"
                            for link in parse_qs(parts.query).get("link", []))
            return self._send(200, f'<?xml version="1.0"?><rss version="2.0"><channel><title>one</title>'
                              f"{items}</channel></rss>", "application/rss+xml")
        if path in _GENERATED:
            make, mimetype = _GENERATED[path]
            return self._send(200, make(SITE, base), mimetype)
        if path in SITE.pages:
            lang, n = SITE.pages[path]
            html = SITE.article_html(lang, n, base)
            etag = '"' + hashlib.sha1(html.encode()).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                with SITE.lock:
                    SITE.not_modified += 1
                return self._send(304, b"", headers={"ETag": etag})
            with SITE.lock:
                SITE.bodies += 1
            return self._send(200, html, headers={"ETag": etag, "Last-Modified": LAST_MODIFIED})
        if path == "/legacy/windows-1256.html":
            html = SITE.legacy_page().replace("{meta}", '<meta http-equiv="Content-Type" '
                                              'content="text/html; charset=windows-1256">')
            return self._send(200, html.encode("windows-1256"), "text/html")
        if path == "/legacy/iso-8859-6.html":
            html = SITE.legacy_page().replace("{meta}", "")
            # ISO-8859-6 has no Arabic-Indic digits or these quotes: keep to what it can encode.
            html = html.replace("\u060c", ",").replace('"', "'")
            return self._send(200, html.encode("iso-8859-6", errors="replace"), "text/html; charset=ISO-8859-6")
        if path == "/legacy/undeclared.html":
            html = SITE.legacy_page().replace("{meta}", "")
            return self._send(200, html.encode("windows-1256"), "text/html")
        if path == "/redirect/offsite":
            port = self.server.server_address[1]
            return self._send(302, headers={"Location": f"http://localhost:{port}{SITE.en_path(0)}"})
        if path == "/redirect/file":
            return self._send(302, headers={"Location": "file:///etc/passwd"})
        if path == "/redirect/robots":
            port = self.server.server_address[1]
            return self._send(302, headers={"Location": f"http://localhost:{port}/robots.txt"})
        if path == "/redirect/linklocal":
            return self._send(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
        if path == "/redirect/moved":
            return self._send(301, headers={"Location": SITE.en_path(10)})
        if path == "/flaky.html":
            if hits == 1:
                return self._send(503, "busy", "text/plain")
            return self._send(200, SITE.article_html("en", 19, base).replace(SITE.en_path(19), path))
        if path == "/ratelimited.html":
            # Serves only a client that waited as told: 1 s after the first 429 (per query string).
            with SITE.lock:
                first = SITE.first_hit.setdefault(self.path, time.monotonic())
            if time.monotonic() - first < 0.9:
                return self._send(429, "slow down", "text/plain", headers={"Retry-After": "1"})
            return self._send(200, SITE.article_html("ar", 18, base).replace(SITE.ar_path(18), self.path))
        if path == "/slow.html":
            time.sleep(1.5)
            return self._send(200, SITE.article_html("en", 17, base).replace(SITE.en_path(17), path))
        if path == "/drop.html":
            # Close the connection without a response, as a crashed server or a cut line would.
            self.close_connection = True
            self.connection.shutdown(2)
            return None
        if path == "/huge.html":
            padding = "<p>padding text</p>" * 400_000
            return self._send(200, f"<html><body><article>{padding}</article></body></html>")
        if path == "/nobody.html" or path == "/about" or path in ("/", "/en/", "/ar/"):
            return self._send(200, "<html><head><title>Demo News</title></head><body><nav><a href='/en/'>English</a>"
                              "</nav><p>Latest headlines.</p></body></html>")
        if path == "/private/secret.html":
            return self._send(200, SITE.article_html("en", 16, base))
        return self._send(404, "not found", "text/plain")

    do_HEAD = do_GET

    # Article pages under /tdm/ carry TDMRep declarations (crawler.tdmrep); each copies one English story.
    _TDM_PAGES = {
        "/tdm/reserved/file.html": (11, {}, ""),  # reserved by /.well-known/tdmrep.json
        "/tdm/open/file.html": (12, {}, ""),  # declared free by the file
        "/tdm/header.html": (13, {"tdm-reservation": "1"}, ""),
        "/tdm/meta.html": (14, {}, '<meta name="tdm-reservation" content="1">'
                               '<meta name="tdm-policy" content="https://publisher.example/tdm-policy.json">'),
        # The page's own <meta> outranks its header: not reserved.
        "/tdm/meta-lifts-header.html": (15, {"tdm-reservation": "1"}, "<meta content='0' name='TDM-Reservation'>"),
        "/tdm/bad-value.html": (16, {"tdm-reservation": "yes"}, ""),  # a protocol error: nothing declared
    }

    def _tdm(self, path: str, base: str) -> None:
        if path not in self._TDM_PAGES:
            return self._send(404, "not found", "text/plain")
        n, headers, meta = self._TDM_PAGES[path]
        html = SITE.article_html("en", n, base).replace(SITE.en_path(n), path)
        return self._send(200, html.replace("<meta charset=\"utf-8\">", "<meta charset=\"utf-8\">" + meta),
                          headers=headers)


class MockServer:
    """The site in its own process, for a ``with`` block: ``url(path)``, ``stats()``, ``get(path)``."""

    def __enter__(self) -> MockServer:
        self.proc = subprocess.Popen([sys.executable, __file__], stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("PORT "):
            self.proc.kill()
            raise RuntimeError(f"mock server did not start: {line!r}")
        self.port = int(line.split()[1])
        self.base = f"http://127.0.0.1:{self.port}"
        return self

    def __exit__(self, *exc) -> None:
        self.proc.kill()
        self.proc.wait()

    def url(self, path: str) -> str:
        return self.base + path

    def get(self, path: str) -> bytes:
        with urllib.request.urlopen(self.url(path), timeout=10) as r:
            return r.read()

    def stats(self) -> dict:
        return json.loads(self.get("/_stats"))


class TcpProxy:
    """A TCP forwarder to Elasticsearch that a test can take down and bring back (an outage on demand)."""

    def __init__(self, upstream: str):
        host, port = upstream.split("://", 1)[-1].rstrip("/").split(":")
        self.upstream = (host, int(port))
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.is_up = True
        self.connections: list[socket.socket] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def down(self) -> None:
        """Refuses new connections and cuts the open ones."""
        with self.lock:
            self.is_up = False
            for c in self.connections:
                try:
                    c.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                c.close()
            self.connections.clear()

    def up(self) -> None:
        with self.lock:
            self.is_up = True

    def close(self) -> None:
        self.down()
        self.listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            with self.lock:
                if not self.is_up:
                    client.close()
                    continue
                try:
                    server = socket.create_connection(self.upstream, timeout=5)
                    server.settimeout(None)
                except OSError:
                    client.close()
                    continue
                self.connections += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                self._before_send(data)
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            try:
                s.close()
            except OSError:
                pass


    def _before_send(self, data: bytes) -> None:
        """Called with each chunk before it is passed on: a fault proxy delays or notes here."""


REPO = Path(__file__).resolve().parent.parent
SUMMARY_FIELDS = ("pages", "articles", "claims", "indexed", "spooled", "failed", "replayed from spool",
                  "not modified", "errors")


def write_sources(path: Path, server: MockServer, feeds: list[str], sitemaps: list[str] = ()) -> Path:
    """Writes a sources file with one source on the mock site."""
    lines = ["sources:", "  - name: demo", "    domains: [127.0.0.1]"]
    if feeds:
        lines.append("    feeds: [" + ", ".join(json.dumps(server.url(f)) for f in feeds) + "]")
    if sitemaps:
        lines.append("    sitemaps: [" + ", ".join(json.dumps(server.url(s)) for s in sitemaps) + "]")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def mock_site():
    """Yields a MockServer running for the duration of a fixture (the body of every mock-site fixture)."""
    with MockServer() as server:
        yield server


def crawl_env(es_url: str, prefix: str, state: Path, **extra: str) -> dict:
    """Returns the environment of a test crawl: fast, impolite only towards the loopback mock site.

    The request timeout is 15 s, not 5: with the suite's three workers sharing two cores, the mock
    site sometimes takes longer than 5 s to answer, and a retried page breaks the tests that count hits.
    """
    import os

    env = dict(os.environ)
    env.update({
        "MARSAD_ES_URL": es_url, "MARSAD_INDEX_PREFIX": prefix, "MARSAD_STATE_DIR": str(state),
        "MARSAD_CRAWL_DELAY": "0", "MARSAD_CRAWL_AUTOTHROTTLE": "0", "MARSAD_CRAWL_DOMAIN_CONCURRENCY": "8",
        "MARSAD_CRAWL_TIMEOUT": "15", "MARSAD_CRAWL_MAXSIZE": "1000000", "MARSAD_CRAWL_BACKOFF": "0.2",
        "MARSAD_CRAWL_RETRIES": "2", "MARSAD_INDEX_BATCH": "10",
    })
    env.update(extra)
    return env


def marsad_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "marsad.cli", *args]


def summary(stderr: str) -> dict:
    """Returns the numbers of a `marsad crawl` summary."""
    import re

    out = {}
    stderr = stderr[stderr.rfind("crawl finished"):]
    for name in SUMMARY_FIELDS:
        m = re.search(rf"\b{name} (\d+)", stderr)
        out[name.replace(" ", "_")] = int(m.group(1)) if m else None
    m = re.search(r"dropped: (.*)", stderr)
    out["dropped"] = m.group(1) if m else ""
    return out


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        # Clients that hang up (timeouts, the size limit) are part of the tests, not errors.
        pass


def main() -> None:
    # `marsad crawl --demo` asks for a fixed port, so that article URLs (and ids) stay the same between runs.
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    server = QuietServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    print(f"PORT {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
