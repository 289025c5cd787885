"""What the spiders hand to the pipelines."""

from __future__ import annotations

import scrapy


class PageItem(scrapy.Item):
    """A fetched page that should hold an article; the pipelines fill in ``article`` and ``analysis``."""

    url = scrapy.Field()  # after redirects
    link_url = scrapy.Field()  # as the feed or sitemap gave it; the key of the seen-URL store
    body = scrapy.Field()  # raw bytes: the clean pipeline decodes them (header, meta, detection)
    content_type = scrapy.Field()
    source = scrapy.Field()
    lang_hint = scrapy.Field()
    selectors = scrapy.Field()
    feed_date = scrapy.Field()
    etag = scrapy.Field()
    last_modified = scrapy.Field()
    fetched = scrapy.Field()
    article = scrapy.Field()  # marsad.documents.Article, set by CleanPipeline
    encoding = scrapy.Field()
    analysis = scrapy.Field()  # Analysis dict, set by AnalysePipeline
