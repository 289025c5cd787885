"""RSS and Atom feeds → article pages."""

from __future__ import annotations

import feedparser
import scrapy
from marsad.crawler.sources import Source
from marsad.crawler.spiders.base import ArticleSpider


class FeedSpider(ArticleSpider):
    """Reads each source's RSS/Atom feeds and follows every entry's link."""

    name = "feeds"

    @staticmethod
    def wants(source: Source) -> bool:
        return bool(source.feeds)

    async def start(self):
        for source in self.sources:
            for url in source.feeds:
                # dont_filter: a resumed job must read its feeds again to find what is left.
                yield scrapy.Request(url, callback=self.parse_feed, cb_kwargs={"source": source.name},
                                     dont_filter=True, meta={"marsad_kind": "feed"})

    def parse_feed(self, response, source: str):
        """Yields one article request per feed entry with a link."""
        feed = feedparser.parse(response.body, response_headers={"content-location": response.url})
        if not feed.entries:
            self.crawler.stats.inc_value("marsad/feeds/empty")
            self.logger.warning("no entries in feed %s%s", response.url,
                                f" ({feed.bozo_exception})" if feed.bozo else "")
            return
        self.crawler.stats.inc_value("marsad/feeds/read")
        src = self.source(source)
        for entry in feed.entries:
            link = entry.get("link") or next(
                (x.get("href") for x in entry.get("links", []) if x.get("rel") == "alternate"), None)
            if not link:
                continue
            request = self.article_request(response.urljoin(link), src,
                                           entry.get("published") or entry.get("updated"))
            if request is None:
                break
            yield request
