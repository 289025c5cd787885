"""What both spiders share: the article request they make and the page item they yield."""

from __future__ import annotations

from datetime import UTC, datetime

import scrapy
from marsad.crawler.items import PageItem
from marsad.crawler.sources import Source


class ArticleSpider(scrapy.Spider):
    """A spider over a list of sources; subclasses say how to find article links."""

    def __init__(self, sources: list[Source] | None = None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sources = [s for s in (sources or []) if self.wants(s)]
        self.allowed_domains = sorted({d for s in self.sources for d in s.domains})
        self._per_source: dict[str, int] = {}

    @staticmethod
    def wants(source: Source) -> bool:
        """Returns whether this spider has anything to do for source."""
        raise NotImplementedError

    def article_request(self, url: str, source: Source, date: str | None = None,
                        lastmod: str | None = None) -> scrapy.Request | None:
        """Returns the request for an article link, or None once the source's limit is reached."""
        count = self._per_source.get(source.name, 0)
        if source.max_articles and count >= source.max_articles:
            return None
        self._per_source[source.name] = count + 1
        return scrapy.Request(
            url,
            callback=self.parse_article,
            cb_kwargs={"source": source.name, "date": date},
            meta={"marsad_article": True, "marsad_link": url, "marsad_lastmod": lastmod},
        )

    def source(self, name: str) -> Source:
        return next(s for s in self.sources if s.name == name)

    def parse_article(self, response, source: str, date: str | None = None):
        """Yields the fetched page; extraction happens in the clean pipeline."""
        if not hasattr(response, "text"):
            self.crawler.stats.inc_value("marsad/skipped/not_text")
            return
        src = self.source(source)
        yield PageItem(
            url=response.url,
            link_url=response.meta.get("marsad_link", response.url),
            body=response.body,
            content_type=(response.headers.get("Content-Type") or b"").decode("latin-1"),
            source=src.name,
            lang_hint=src.lang,
            selectors=src.selectors,
            feed_date=date,
            etag=response.meta.get("marsad_etag"),
            last_modified=response.meta.get("marsad_last_modified"),
            fetched=datetime.now(UTC).isoformat(timespec="seconds"),
        )
