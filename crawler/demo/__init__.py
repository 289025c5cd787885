"""The demo news site: four invented outlets in Arabic and English, part of the product.

``marsad crawl --demo`` (and ``marsad crawl`` on a machine where no source
host resolves) serves it on 127.0.0.1 and crawls it, so a first run shows
real-looking data: stories covered by several outlets in both languages,
follow-ups, syndicated wire copies, attributed claims and denials, figures in
Western and Arabic-Indic digits, one outlet in windows-1256. Every outlet,
company, person and event is invented; the texts were written for Marsad.

The content is data: ``outlets.yml`` (layouts, charsets, feeds) and
``stories/*.yml`` (one file per story, its articles in every outlet that
covered it). ``python -m marsad.crawler.demo`` serves the site for a browser.
"""

from __future__ import annotations

from marsad.crawler.demo.server import PREFERRED_PORT, DemoServer
from marsad.crawler.demo.site import DemoDataError, articles, outlets, summary
from marsad.crawler.sources import Source

__all__ = ["PREFERRED_PORT", "DemoDataError", "DemoServer", "articles", "outlets", "sources", "summary"]


def sources(origin: str) -> list[Source]:
    """Returns one crawl source per outlet of the site at origin, each read through its feed or its news sitemap."""
    out = []
    for o in outlets():
        url = origin + (o.feed_path if o.crawl == "feed" else o.sitemap_path)
        out.append(Source(name=o.key, lang=o.lang, feeds=[url] if o.crawl == "feed" else [],
                          sitemaps=[url] if o.crawl == "sitemap" else [], domains=["127.0.0.1"]))
    return out
