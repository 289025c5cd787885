"""Sitemaps, sitemap indexes and Google News sitemaps → article pages."""

from __future__ import annotations

import gzip
import io
from datetime import UTC, datetime, timedelta

import scrapy
from lxml import etree
from marsad.crawler.extract import parse_date
from marsad.crawler.sources import Source
from marsad.crawler.spiders.base import ArticleSpider

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
# No entities, no network, bounded trees: sitemaps are untrusted input.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)


class SitemapSpider(ArticleSpider):
    """Reads sitemaps (following sitemap indexes) and requests the article URLs they list."""

    name = "sitemaps"

    @staticmethod
    def wants(source: Source) -> bool:
        return bool(source.sitemaps)

    async def start(self):
        for source in self.sources:
            for url in source.sitemaps:
                yield self._sitemap_request(url, source.name)

    def _sitemap_request(self, url: str, source: str) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse_sitemap, cb_kwargs={"source": source},
                              dont_filter=True, meta={"marsad_kind": "sitemap"})

    def _too_old(self, src: Source, date: str | None) -> bool:
        if not src.max_age_days or not date:
            return False
        cutoff = (datetime.now(UTC) - timedelta(days=src.max_age_days)).isoformat()
        return date < cutoff

    def _gunzip(self, body: bytes) -> bytes | None:
        """Returns a gzipped sitemap unpacked, or None when it unpacks to more than DOWNLOAD_MAXSIZE.

        Scrapy bounds the download, not what a .xml.gz file inflates to: a few
        kilobytes can unpack to gigabytes.
        """
        limit = self.settings.getint("DOWNLOAD_MAXSIZE") or 5 * 1024 * 1024
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(body)) as f:
                data = f.read(limit + 1)
        except (OSError, EOFError):
            return b""
        return None if len(data) > limit else data

    def parse_sitemap(self, response, source: str):
        """Yields sitemap requests for an index, article requests for a urlset."""
        body = response.body
        if body[:2] == b"\x1f\x8b":
            body = self._gunzip(body)
            if body is None:
                self.crawler.stats.inc_value("marsad/sitemaps/too_big")
                self.logger.warning("sitemap %s unpacks to more than %d bytes; skipped", response.url,
                                    self.settings.getint("DOWNLOAD_MAXSIZE"))
                return
        root = etree.fromstring(body, parser=_PARSER) if body.strip() else None
        if root is None:
            self.crawler.stats.inc_value("marsad/sitemaps/unreadable")
            self.logger.warning("unreadable sitemap %s", response.url)
            return
        self.crawler.stats.inc_value("marsad/sitemaps/read")
        src = self.source(source)
        tag = etree.QName(root).localname
        if tag == "sitemapindex":
            for node in root.findall("sm:sitemap", NS):
                loc = (node.findtext("sm:loc", namespaces=NS) or "").strip()
                lastmod = parse_date(node.findtext("sm:lastmod", namespaces=NS))
                if loc and not self._too_old(src, lastmod):
                    yield self._sitemap_request(response.urljoin(loc), source)
            return
        for node in root.findall("sm:url", NS):
            loc = (node.findtext("sm:loc", namespaces=NS) or "").strip()
            if not loc:
                continue
            lastmod = parse_date(node.findtext("sm:lastmod", namespaces=NS))
            published = parse_date(node.findtext("news:news/news:publication_date", namespaces=NS))
            if self._too_old(src, published or lastmod):
                self.crawler.stats.inc_value("marsad/skipped/too_old")
                continue
            request = self.article_request(response.urljoin(loc), src, published or lastmod, lastmod)
            if request is None:
                break
            yield request
