"""Security review, as tests: where the crawler may go, what the API reveals, where Elasticsearch listens, secrets.

Already covered elsewhere and not repeated here: off-site and file: redirects
in a full crawl (test_crawl_site.py), the site guard's domain matching
(test_crawl_units.py), 400s for Lucene syntax and unknown parameters, keys,
rate limits, CORS and the dead-store 503 (test_api_errors.py).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import re
import subprocess
import urllib.parse
import uuid
from pathlib import Path

import pytest
from marsad.crawler.middlewares import SiteGuardMiddleware
from marsad.crawler.resolver import PublicAddressResolver, internal
from mockserver import REPO, MockServer, crawl_env, marsad_command, summary
from scrapy import Request, Spider
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.test import get_crawler
from twisted.internet.error import DNSLookupError

from marsad import esnode, indices

# ---- the crawler stays on its configured sites -------------------------------------------


class _Spider(Spider):
    name = "security"
    allowed_domains = ["news.example", "127.0.0.1"]


@pytest.fixture
def guard(tmp_path: Path) -> SiteGuardMiddleware:
    crawler = get_crawler(_Spider, {"MARSAD_STATE_DIR": str(tmp_path)})
    crawler.spider = crawler._create_spider()
    return SiteGuardMiddleware.from_crawler(crawler)


ROBOTS = {"dont_obey_robotstxt": True}  # what Scrapy's robots.txt middleware puts on its own requests


@pytest.mark.parametrize(("url", "meta", "allowed"), [
    ("http://127.0.0.1:18765/en/story.html", {}, True),  # a source lists this very address (demo, tests)
    ("http://127.0.0.2:18765/en/story.html", {}, False),  # loopback, not listed
    ("http://169.254.169.254/latest/meta-data/", {}, False),  # cloud metadata service
    ("http://[fe80::1]/", {}, False),
    ("http://[::1]:18765/", {}, False),
    ("http://[::ffff:127.0.0.1]/", {}, False),
    ("http://10.0.0.5/", {}, False),
    ("http://192.168.1.1/", {}, False),
    ("http://0.0.0.0:18765/", {}, False),  # reaches the local machine on Linux
    ("http://2130706433/", {}, False),  # 127.0.0.1 as a number: not a configured host
    # robots.txt requests may follow a redirect off the site, but never to an internal address.
    ("https://www.other.example/robots.txt", ROBOTS, True),
    ("http://169.254.169.254/robots.txt", ROBOTS, False),
    ("http://10.1.2.3/robots.txt", ROBOTS, False),
    # A link to some host's robots.txt is an ordinary off-site link (it was once let through).
    ("https://evil.example/robots.txt", {}, False),
    ("http://localhost:18765/robots.txt", {}, False),
])
def test_guard_refuses_internal_addresses_and_foreign_robots_links(guard, url: str, meta: dict, allowed: bool):
    request = Request(url, meta=dict(meta), dont_filter=True)
    if allowed:
        assert guard.process_request(request) is None
    else:
        with pytest.raises(IgnoreRequest):
            guard.process_request(request)


def test_a_spider_without_allowed_domains_fetches_nothing(tmp_path: Path) -> None:
    crawler = get_crawler(Spider, {"MARSAD_STATE_DIR": str(tmp_path)})
    crawler.spider = crawler._create_spider("empty")
    with pytest.raises(IgnoreRequest):
        SiteGuardMiddleware.from_crawler(crawler).process_request(Request("https://anything.example/"))


@pytest.mark.parametrize(("address", "why"), [
    ("127.0.0.1", "loopback"), ("127.8.9.10", "loopback"), ("::1", "loopback"),
    ("169.254.169.254", "link-local"), ("fe80::1", "link-local"),
    ("10.0.0.1", "private"), ("172.16.5.4", "private"), ("192.168.0.10", "private"), ("fd00::1", "private"),
    ("0.0.0.0", "unspecified"), ("224.0.0.1", "multicast"), ("100.64.0.1", "non-public"),
    ("::ffff:127.0.0.1", "loopback"),
    ("93.184.216.34", None), ("2606:2800:220:1:248:1893:25c8:1946", None),
])
def test_internal_addresses(address: str, why: str | None) -> None:
    assert internal(ipaddress.ip_address(address)) == why


def test_resolver_refuses_a_name_that_resolves_inside() -> None:
    """The check runs on the address the connection will use (no second lookup for DNS rebinding to fool)."""
    with pytest.raises(DNSLookupError, match="localhost resolves to 127.0.0.1, a loopback address"):
        PublicAddressResolver._refuse_internal("127.0.0.1", "localhost")
    with pytest.raises(DNSLookupError, match="link-local"):
        PublicAddressResolver._refuse_internal("169.254.169.254", "metadata.example")
    assert PublicAddressResolver._refuse_internal("93.184.216.34", "example.com") == "93.184.216.34"


def _sources(path: Path, feeds: list[str], sitemaps: list[str], domains: list[str]) -> Path:
    lines = ["sources:", "  - name: hostile", f"    domains: {json.dumps(domains)}"]
    if feeds:
        lines.append(f"    feeds: {json.dumps(feeds)}")
    if sitemaps:
        lines.append(f"    sitemaps: {json.dumps(sitemaps)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _crawl(site: MockServer, tmp_path: Path, sources: Path) -> subprocess.CompletedProcess:
    # --bare: fetch only (no analysis, no index); this is about which URLs are requested.
    env = crawl_env("http://127.0.0.1:9", "marsad-security", tmp_path / "state", MARSAD_CRAWL_RETRIES="0")
    return subprocess.run(marsad_command("crawl", f"--sources={sources}", "--bare"), cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(("kind", "refused"), [("sitemap", 8), ("feed", 8), ("sitemap_index", 11)])
def test_hostile_sitemap_or_feed_cannot_steer_the_crawler(
    site: MockServer, tmp_path: Path, kind: str, refused: int
) -> None:
    """Entries and redirects pointing at other hosts, loopback names, link-local, IPv6 loopback, file:.

    A sitemap index's children are requested with dont_filter, which Scrapy's
    own offsite filter lets pass: there only SiteGuardMiddleware stands between
    the crawler and http://localhost/robots.txt or the metadata service.
    """
    site.get("/_reset")
    url = site.url(f"/hostile/{kind}.xml")
    sources = _sources(tmp_path / "sources.yml", [url] if kind == "feed" else [],
                       [url] if kind != "feed" else [], ["127.0.0.1"])
    proc = _crawl(site, tmp_path, sources)
    s = summary(proc.stderr)
    hits = site.stats()["hits"]
    assert not [k for k in hits if k.startswith("//")], hits  # nothing under another host name
    legit = next(p for p in hits if p.startswith("/en/"))
    assert hits[legit] == 1 and hits["/redirect/robots"] == 1 and hits["/redirect/linklocal"] == 1
    # 7 links and 2 redirects lead elsewhere (3 more children of the index): all refused before connecting.
    blocked = re.search(r"blocked \(robots.txt, off-site, scheme\) (\d+)", proc.stderr)
    assert blocked and int(blocked.group(1)) == refused, proc.stderr
    assert s["errors"] == 0, proc.stderr  # no connection to 169.254.169.254 was even tried
    print(f"hostile {kind}: {blocked.group(1)} refused, pages {s['pages']}, hits {sorted(hits)}")


def test_a_configured_name_that_resolves_to_loopback_is_refused(site: MockServer, tmp_path: Path) -> None:
    """Real-source mode: a source named by host name gets no request through if the name resolves inside."""
    site.get("/_reset")
    port = site.url("/").rsplit(":", 1)[1].rstrip("/")
    sources = _sources(tmp_path / "sources.yml", [f"http://localhost:{port}/feeds/en.rss"], [], ["localhost"])
    proc = _crawl(site, tmp_path, sources)
    assert not [k for k in site.stats()["hits"] if k.startswith("//localhost")], site.stats()["hits"]
    assert "localhost resolves to 127.0.0.1, a loopback address: not crawled" in proc.stderr, proc.stderr
    assert summary(proc.stderr)["pages"] == 0 and proc.returncode == 3


# ---- the API reveals no Elasticsearch -----------------------------------------------------


def _no_internals(res) -> dict:
    text = res.get_data(as_text=True)
    for leak in ("Traceback", "_exception", "ApiError", "BadRequestError", "marsad-test-", "search_after",
                 "pit", "\"hits\"", "_shards"):
        assert leak not in text, (leak, text[:300])
    return res.get_json()


@pytest.mark.parametrize("url", [
    "/api/v1/articles?_source=body",
    "/api/v1/articles?filter_path=hits.hits._source",
    "/api/v1/articles?index=*",
    "/api/v1/articles?script=1",
    "/api/v1/articles?sort=_doc",
    "/api/v1/articles?api_key=k",  # keys travel in the header only, never in URLs and logs
    "/api/v1/claims?pretty=true",
])
def test_elasticsearch_options_are_unknown_parameters(client, url: str) -> None:
    res = client.get(url)
    assert res.status_code == 400 and _no_internals(res)["error"]["code"] == "invalid_parameter"


@pytest.mark.parametrize("q", ['{"query":{"match_all":{}}}', "*:*", "_exists_:body", "title_form:/.*/"])
def test_query_dsl_is_never_passed_through(client, api_stories, q: str) -> None:
    everything = client.get("/api/v1/articles?size=1").get_json()["total"]
    res = client.get("/api/v1/articles", query_string={"q": q})
    assert res.status_code in (200, 400)
    body = _no_internals(res)
    if res.status_code == 200:
        assert body["total"] < everything, "the query matched everything: it was interpreted"


@pytest.mark.parametrize("path", ["/api/v1/articles/_search", "/api/v1/articles/_mapping",
                                  "/api/v1/articles/..%2F_cat%2Findices", "/api/v1/entities/_all",
                                  "/api/v1/entities/%2A"])
def test_ids_that_look_like_elasticsearch_endpoints_are_just_missing(client, path: str) -> None:
    res = client.get(path)
    assert res.status_code == 404 and _no_internals(res)["error"]["code"] == "not_found"


def _forge(key: bytes, payload: dict, bound: str) -> str:
    body = json.dumps({**payload, "b": bound}, separators=(",", ":")).encode()
    sig = hmac.new(key, body, hashlib.sha256).digest()[:12]

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).decode().rstrip("=")

    return f"{b64(body)}.{b64(sig)}"


@pytest.mark.parametrize("payload", [{"p": "not-a-point-in-time"}, {"a": [{"script": "x"}, "x"]},
                                     {"a": ["not-a-date", "x"]}], ids=["pit", "object", "type"])
def test_a_forged_cursor_reaches_elasticsearch_but_its_refusal_does_not_reach_the_client(
    es, index_prefix: str, payload: dict
) -> None:
    """A cursor signed with the right key but hostile content (its key leaked, or derived: SECURITY.md).

    Elasticsearch refuses such a search; the client gets the contract's 400 and
    none of Elasticsearch's words.
    """
    from marsad.api import create_app
    from marsad.api import cursor as cursors

    app = create_app({"RATE_LIMIT": 0})
    with app.test_request_context():
        bound = cursors.binding("articles", {})
    res = app.test_client().get("/api/v1/articles?cursor=" + urllib.parse.quote(
        _forge(app.config["CURSOR_KEY"], payload, bound)))
    assert res.status_code == 400
    assert _no_internals(res)["error"] == {"code": "invalid_request",
                                           "message": "the search store refused this request"}


def test_closed_indices_are_503_without_elasticsearch_text(es, monkeypatch) -> None:
    from marsad.api import create_app

    prefix = f"marsad-sec-{uuid.uuid4().hex[:6]}"
    monkeypatch.setenv("MARSAD_INDEX_PREFIX", prefix)
    indices.init(es)
    try:
        es.indices.close(index=f"{prefix}-articles")
        client = create_app({"RATE_LIMIT": 0}).test_client()
        for path in ("/api/v1/articles", "/api/v1/articles?q=x", "/api/v1/articles/new"):
            res = client.get(path)
            assert res.status_code == 503, res.data
            assert _no_internals(res)["error"]["code"] == "store_unavailable" and res.headers["Retry-After"]
    finally:
        es.indices.delete(index=f"{prefix}-*")


def test_an_unexpected_error_is_a_500_without_a_stack_trace(es, index_prefix) -> None:
    from marsad.api import create_app

    app = create_app({"RATE_LIMIT": 0})  # not TESTING: errors handled as in production

    @app.get("/api/v1/_boom")
    def _boom():
        raise RuntimeError("secret internal detail /etc/marsad")

    res = app.test_client().get("/api/v1/_boom")
    assert res.status_code == 500
    body = _no_internals(res)
    assert body == {"error": {"code": "internal_error", "message": "internal error; it has been logged"}}
    assert "secret internal detail" not in res.get_data(as_text=True)


def test_wrong_keys_are_rate_limited_by_address(es, api_stories) -> None:
    """Guessing keys costs the address's budget: after RATE_LIMIT refused keys, 429 instead of 401."""
    from marsad.api import create_app

    client = create_app({"API_KEYS": ["the-real-key"], "API_KEYS_REQUIRED": True, "RATE_LIMIT": 5}).test_client()
    statuses = [client.get("/api/v1/articles", headers={"X-API-Key": f"guess-{n}"}).status_code for n in range(8)]
    assert statuses == [401] * 5 + [429] * 3
    assert client.get("/api/v1/articles").status_code == 429  # the same address, without a key
    # A client with the real key has its own budget.
    assert client.get("/api/v1/articles", headers={"X-API-Key": "the-real-key"}).status_code == 200


# ---- Elasticsearch listens on loopback only; secrets come from the environment ----------------


def test_elasticsearch_binds_to_loopback_by_default(tmp_path: Path) -> None:
    for settings in (esnode._node_settings(tmp_path, 9200),
                     esnode._node_settings(tmp_path, 9200, [9300, 9301, 9302], 1)):
        assert 'network.host: "127.0.0.1"' in settings
        assert "0.0.0.0" not in settings and "_site_" not in settings and "_global_" not in settings


def test_the_running_node_listens_on_loopback_only(es, es_is_local: bool) -> None:
    if not es_is_local:
        pytest.skip("MARSAD_ES_URL names an Elasticsearch Marsad does not manage")
    for node in es.nodes.info(metric="http,transport")["nodes"].values():
        for part in ("http", "transport"):
            for bound in node[part]["bound_address"]:
                host = bound.rsplit(":", 1)[0].strip("[]")
                assert ipaddress.ip_address(host).is_loopback, (part, bound)


SECRET_PATTERNS = [
    re.compile(r"AKIA[0-9A-Z]{16}"),  # AWS access key id
    re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    re.compile(r"gh[pousr]_[A-Za-z0-9]{30,}"),  # GitHub tokens
    re.compile(r"xox[baprs]-[A-Za-z0-9-]{10,}"),  # Slack tokens
    re.compile(r"(?i)\b(password|passwd|api_?key|secret|token)\b\s*[:=]\s*['\"][A-Za-z0-9+/_\-]{12,}['\"]"),
    re.compile(r"(?i)MARSAD_API_(KEYS|SECRET)\s*[:=]\s*\S{6,}"),
]


def test_no_secrets_in_the_repository() -> None:
    files = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    found = []
    for name in files:
        path = REPO / name
        if path.suffix not in (".py", ".yml", ".yaml", ".toml", ".json", ".md", ".cfg", ".ini", ".env", "") \
                or name.startswith(("tests/gold/", "tests/heldout/", "tests/fixtures/")) or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for pattern in SECRET_PATTERNS:
            found += [(name, m.group(0)[:40]) for m in pattern.finditer(text)]
    assert not found, found


# Reads only: the benchmark sets MARSAD_* variables for the processes it starts.
READ_ENV = re.compile(r"os\.(?:environ\.get|getenv)\(\s*['\"]MARSAD_[A-Z_]+"
                      r"|os\.environ\[['\"]MARSAD_[A-Z_]+['\"]\](?!\s*=)")


def test_settings_are_read_only_through_marsad_config() -> None:
    """Only marsad/config.py reads MARSAD_* variables, so every secret has one documented way in."""
    offenders = []
    for path in [*REPO.glob("marsad/*.py"), *REPO.glob("api/**/*.py"), *REPO.glob("crawler/**/*.py"),
                 *REPO.glob("nlp/**/*.py")]:
        if path.name == "config.py" and path.parent.name == "marsad":
            continue
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.relative_to(REPO)}: {m.group(0)}"
                      for m in READ_ENV.finditer(text)]
    assert not offenders, offenders


# ---- untrusted input stays bounded ----------------------------------------------------------


def test_a_gzip_bomb_sitemap_is_refused_unpacked_size_bounded(tmp_path: Path) -> None:
    """Scrapy bounds the download (DOWNLOAD_MAXSIZE); the sitemap spider bounds what a .xml.gz inflates to."""
    import gzip

    from marsad.crawler.sources import Source
    from marsad.crawler.spiders.sitemaps import SitemapSpider
    from scrapy.http import Response

    crawler = get_crawler(SitemapSpider, {"DOWNLOAD_MAXSIZE": 1_000_000, "MARSAD_STATE_DIR": str(tmp_path)})
    source = Source(name="s", sitemaps=["https://news.example/sitemap.xml.gz"], domains=["news.example"])
    spider = crawler._create_spider(sources=[source])
    crawler.spider = spider
    bomb = gzip.compress(b"<urlset>" + b" " * 50_000_000 + b"</urlset>", compresslevel=9)
    assert len(bomb) < 100_000  # small enough to pass any download limit
    url = "https://news.example/sitemap.xml.gz"
    assert list(spider.parse_sitemap(Response(url, body=bomb), source="s")) == []
    assert crawler.stats.get_value("marsad/sitemaps/too_big") == 1
    fine = gzip.compress(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                         b"<url><loc>https://news.example/a.html</loc></url></urlset>")
    [request] = list(spider.parse_sitemap(Response(url, body=fine), source="s"))
    assert request.url == "https://news.example/a.html"
