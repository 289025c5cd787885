"""The crawl baseline: a bare Scrapy sitemap spider that fetches the same pages and keeps title and body.

Run by bench/bench_crawl.py as ``scrapy runspider bench/bare_spider.py -a sitemap=URL``;
no cleaning, analysis or indexing, so its pages/s is what Scrapy and the
site alone allow.
"""

from __future__ import annotations

import json

from scrapy.spiders import SitemapSpider


class BareSpider(SitemapSpider):
    """Follows one sitemap; yields each page's headline and paragraph text."""

    name = "bare"

    def __init__(self, sitemap: str = "", *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sitemap_urls = [sitemap]

    def parse(self, response):
        yield {
            "url": response.url,
            "title": response.css("h1::text").get(),
            "body": "\n\n".join(response.css("article p::text").getall()),
        }

    def closed(self, reason: str) -> None:
        stats = self.crawler.stats.get_stats()
        # One machine-readable line for the benchmark to parse.
        print("BARE " + json.dumps({"items": stats.get("item_scraped_count", 0),
                                    "pages": stats.get("response_received_count", 0), "reason": reason}),
              flush=True)
