"""A duplicate filter whose job-directory state survives kill -9 without losing articles.

Scrapy's RFPDupeFilter records a request as seen when it is scheduled; after
a hard kill the queue is gone but the fingerprints stay, so scheduled but
unfetched articles would never be fetched again. This filter persists only
articles that are committed (indexed or spooled): on resume the feeds are read
again and exactly the articles not yet stored are requested.
"""

from __future__ import annotations

from pathlib import Path

from marsad.crawler.signals import articles_committed
from scrapy.dupefilters import RFPDupeFilter
from scrapy.utils.job import job_dir

from marsad.documents import canonical_url


class CommittedDupeFilter(RFPDupeFilter):
    """In-memory duplicate filter plus a JOBDIR file of committed article URLs."""

    def __init__(self, path: str | None = None, debug: bool = False, **kwargs):
        # The parent gets no path: its fingerprint file is exactly what must not persist.
        super().__init__(None, debug, **kwargs)
        self.committed: set[str] = set()
        self._file = None
        if path:
            file = Path(path, "committed.urls")
            if file.exists():
                self.committed.update(line for line in file.read_text(encoding="utf-8").splitlines() if line)
            self._file = file.open("a", encoding="utf-8")

    @classmethod
    def from_crawler(cls, crawler):
        """Returns the filter, listening for committed articles."""
        o = cls(job_dir(crawler.settings), crawler.settings.getbool("DUPEFILTER_DEBUG"),
                fingerprinter=crawler.request_fingerprinter)
        crawler.signals.connect(o.on_committed, signal=articles_committed)
        return o

    def request_seen(self, request) -> bool:
        """Returns True for requests seen in this run and for articles committed by an earlier run of this job."""
        if request.meta.get("marsad_article") and canonical_url(request.url) in self.committed:
            return True
        return super().request_seen(request)

    def on_committed(self, urls: list[str], status: str) -> None:
        if self._file is None:
            return
        for url in urls:
            key = canonical_url(url)
            if key not in self.committed:
                self.committed.add(key)
                self._file.write(key + "\n")
        # Flushed per batch: what is written here is already in Elasticsearch or the spool.
        self._file.flush()

    def close(self, reason: str) -> None:
        if self._file is not None:
            self._file.close()
        super().close(reason)
