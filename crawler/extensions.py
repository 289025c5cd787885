"""Crawler extensions: drop reasons into the stats."""

from __future__ import annotations

from scrapy import signals


class DropReasons:
    """Counts dropped items per reason (``marsad/dropped/<reason>``), so the summary can say why."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        """Returns the extension listening for dropped items."""
        o = cls(crawler.stats)
        crawler.signals.connect(o.item_dropped, signal=signals.item_dropped)
        return o

    def item_dropped(self, item, response, exception, spider=None):
        self.stats.inc_value(f"marsad/dropped/{str(exception) or type(exception).__name__}")
