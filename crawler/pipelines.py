"""Item pipelines, one job each, in this order: clean (100) → analyse (200) → index (300)."""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING

from marsad.crawler.extract import NoArticle, analysis_lang, page_article
from marsad.crawler.seen import Seen, SeenStore
from marsad.crawler.signals import articles_committed, commit_requested
from marsad.crawler.writer import IndexWriter
from scrapy import signals
from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro
from twisted.internet.defer import Deferred

from marsad import documents

if TYPE_CHECKING:
    from marsad.indexer import Indexer, Unit

log = logging.getLogger(__name__)


def _seen_store(crawler) -> SeenStore:
    store_ = SeenStore(Path(crawler.settings["MARSAD_STATE_DIR"] or ".") / "seen.sqlite")
    crawler.signals.connect(store_.close, signal=signals.spider_closed)
    return store_


class CleanPipeline:
    """Turns a fetched page into an Article, or drops it with the reason (no body, unchanged)."""

    def __init__(self, seen: SeenStore):
        self.seen = seen

    @classmethod
    def from_crawler(cls, crawler):
        """Returns the pipeline with the crawl's seen-URL store."""
        return cls(_seen_store(crawler))

    def process_item(self, item, spider=None):
        """Returns the item with ``article`` set; raises DropItem("reason") otherwise."""
        body = item["body"]
        # The bytes are not needed past this point; do not carry them through the pipeline.
        item["body"] = b""
        try:
            ex, item["encoding"] = page_article(body, item["url"], item["source"], item.get("content_type"),
                                                item.get("lang_hint"), item.get("selectors"), item.get("feed_date"))
        except NoArticle as e:
            raise DropItem(e.reason) from None
        article = documents.Article(
            url=ex.url, title=ex.title, body=ex.body, lang=ex.lang, source=ex.source,
            published=ex.published, fetched=item.get("fetched"), author=ex.author, canonical=ex.canonical,
        )
        seen = self.seen.get(item["link_url"])
        if seen and seen.content_hash == documents.content_hash(article.title, article.body):
            # The server sent the body again (no validators), but the article did not change.
            raise DropItem("unchanged")
        item["article"] = article
        return item


class AnalysePipeline:
    """Runs nlp.analyze on the article body and stores the Analysis dict on the item."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        """Returns the pipeline bound to the crawler's stats."""
        return cls(crawler.stats)

    def process_item(self, item, spider=None):
        """Returns the item with ``analysis`` set; an unusable text gets an empty Analysis, counted."""
        from marsad.nlp import AnalysisError, analyze

        article = item["article"]
        try:
            item["analysis"] = analyze(article.body, lang=analysis_lang(article.lang)).to_dict()
            # Found now, indexed with the next batch: the progress line shows this count.
            self.stats.inc_value("marsad/claims_found", len(item["analysis"]["claims"]))
        except AnalysisError as e:
            # The article is still worth finding; it just has nothing extracted.
            self.stats.inc_value("marsad/analysis_errors")
            log.warning("analysis of %s refused: %s", article.url, e)
            item["analysis"] = {"lang": article.lang, "entities": [], "figures": [], "claims": []}
        except Exception:
            self.stats.inc_value("marsad/failed")
            log.exception("analysis of %s crashed", article.url)
            raise DropItem("analysis crashed") from None
        return item


_ASSIGNERS: dict[str, object] = {}
_ASSIGNERS_LOCK = threading.Lock()


def _story_assigner(es):
    """The one story placer of this crawl process (per index prefix), shared by the pipelines of its spiders.

    `marsad crawl` runs a feed spider and a sitemap spider, each with its own pipeline and indexer; with a
    placer each, an article and its coverage read by the other spider met only through the store, and a batch
    the other had just written was not yet searchable: one event's reports split into two stories.
    """
    from marsad import store
    from marsad.storyindex import StoryAssigner

    with _ASSIGNERS_LOCK:
        key = store.prefix()
        if key not in _ASSIGNERS:
            _ASSIGNERS[key] = StoryAssigner(es)
        return _ASSIGNERS[key]


class IndexPipeline:
    """Sends articles, claims and entities to Elasticsearch in batches; spools what it cannot send.

    The writes run in a thread of their own (crawler.writer.IndexWriter), so a
    slow Elasticsearch does not hold the downloads. At most
    MARSAD_INDEX_QUEUE analysed articles wait for that thread; when that many
    do, the pipeline pauses the engine (no new downloads start) and holds the
    next items until the thread has taken some, and resumes the downloads
    once no more than half that many wait: back-pressure. MARSAD_INDEX_QUEUE=0
    writes in the reactor thread instead, as Marsad did before.

    When the spool itself cannot be written (a full disk, while Elasticsearch
    is unreachable), the crawl stops taking new work: the spider is closed
    with the reason ``spool_full`` (``marsad crawl`` exits 74). The articles
    of the batch that could not be written stay in memory, unacknowledged
    (neither in the seen-URL store nor in the job's committed list, their
    frontier leases kept), and are tried once more when the spider closes; what
    is still not written then is fetched again by the next run.
    """

    def __init__(self, crawler, indexer: Indexer, seen: SeenStore, queue: int = 0):
        self.crawler = crawler
        self.stats = crawler.stats
        self.indexer = indexer
        self.seen = seen
        self.queue = queue
        self.writer: IndexWriter | None = None
        # Items held back while the writer's inbox is full: (deferred, unit, item), oldest first.
        self._held: deque[tuple[Deferred, Unit, dict]] = deque()
        self._paused_at: float | None = None
        # Why the spool could not be written, once it could not.
        self.stopped: str | None = None

    @classmethod
    def from_crawler(cls, crawler):
        """Returns the pipeline with an Indexer on the configured Elasticsearch and spool."""
        # Imported here: a fetch-only crawl (--bare) never loads the store client and the indexer.
        from marsad import store
        from marsad.indexer import Indexer

        settings = crawler.settings
        seen = _seen_store(crawler)
        es = store.client()
        indexer = Indexer(
            es,
            spool=Path(settings["MARSAD_SPOOL_DIR"]) if settings["MARSAD_SPOOL_DIR"] else None,
            batch_size=settings.getint("MARSAD_INDEX_BATCH", 200),
            max_delay=settings.getfloat("MARSAD_INDEX_MAX_DELAY", 10.0) or None,
            stories=_story_assigner(es),
        )
        o = cls(crawler, indexer, seen, queue=settings.getint("MARSAD_INDEX_QUEUE", 400))
        indexer.on_commit = o.committed
        crawler.signals.connect(o.commit_now, signal=commit_requested)
        return o

    def open_spider(self, spider=None):
        """Starts the writer thread (or, writing inline, the timer for batches due after MARSAD_INDEX_MAX_DELAY)."""
        from twisted.internet import reactor, task

        self._timer = None
        if self.queue > 0:
            self.writer = IndexWriter(self.indexer, self.queue, reactor.callFromThread, self.committed,
                                      self._spool_failed, self._room)
        elif self.indexer.max_delay:
            self._timer = task.LoopingCall(self._tick)
            self._timer.start(min(1.0, self.indexer.max_delay / 2), now=False)

    def process_item(self, item, spider=None):
        """Returns the item once handed to the writer; a Deferred of it while the writer's inbox is full."""
        article = item["article"]
        token = {
            "link_url": item["link_url"],
            "etag": item.get("etag"),
            "last_modified": item.get("last_modified"),
            "fetched": item.get("fetched"),
        }
        from marsad.indexer import Unit  # loaded by from_crawler already; a dictionary lookup here

        unit = Unit.build(article, item["analysis"], token)
        if self.writer is None:
            try:
                self.indexer.add(unit)
            except OSError as e:
                self._spool_failed(e)
            self._update_stats()
            return item
        if not self._held and self.writer.offer(unit):
            if self.writer.waiting >= self.writer.capacity:
                self._pause()
            return item
        self._pause()
        held: Deferred = Deferred()
        self._held.append((held, unit, item))
        return held

    def _pause(self) -> None:
        """Stops new downloads until the writer catches up (back-pressure)."""
        if self._paused_at is None:
            self._paused_at = time.monotonic()
            self.stats.inc_value("marsad/index/backpressure_pauses")
            self.crawler.engine.pause()

    def _room(self) -> None:
        """The writer took units: hands it held items, and lets downloads go on once its inbox is half empty."""
        while self._held and self.writer.offer(self._held[0][1]):
            held, _, item = self._held.popleft()
            held.callback(item)
        self._update_stats()
        if self._paused_at is not None and not self._held and self.writer.waiting <= self.writer.capacity // 2:
            self.stats.inc_value("marsad/index/backpressure_seconds", round(time.monotonic() - self._paused_at, 1))
            self._paused_at = None
            engine = self.crawler.engine
            engine.unpause()
            slot = getattr(engine, "_slot", None)
            if slot is not None:
                slot.nextcall.schedule()

    def _spool_failed(self, error: OSError) -> None:
        """Stops the crawl the first time the spool cannot be written; the unwritten units stay buffered."""
        if self.stopped is None:
            self.stopped = f"{error.strerror or error} in {self.indexer.spool}"
            log.error("the spool cannot be written (%s) while Elasticsearch takes nothing: stopping the crawl; "
                      "%d article(s) not written are fetched again by the next run", self.stopped,
                      self.indexer.buffered)
            self.stats.set_value("marsad/spool_full", self.stopped)
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="spool_full"))
        self.stats.set_value("marsad/unwritten", self.indexer.buffered)

    def _tick(self) -> None:
        try:
            if self.indexer.flush_due():
                self._update_stats()
        except OSError as e:
            self._spool_failed(e)
        except Exception:  # noqa: BLE001 - logged; the batch stays buffered for the next try
            log.exception("writing a due batch failed; it stays buffered and is tried again")

    def close_spider(self, spider=None):
        """Flushes the last batch (waiting for the writer); spooled or failed units are in the stats."""
        timer = getattr(self, "_timer", None)
        if timer is not None and timer.running:
            timer.stop()
        try:
            if self.writer is not None:
                self.writer.close()
            else:
                self.indexer.close()
        except OSError as e:
            self._spool_failed(e)
        if self.stopped:
            self.stats.set_value("marsad/unwritten", self.indexer.buffered)
        self._update_stats()

    def commit_now(self) -> None:
        """Writes the pending batch now and waits for it (the shared frontier asks before it releases requests).

        Raises:
            OSError: the spool could not be written (the frontier then keeps the requests taken).
        """
        try:
            if self.writer is not None:
                self.writer.flush()
            else:
                self.indexer.flush()
        except OSError as e:
            self._spool_failed(e)
            raise
        self._update_stats()

    def committed(self, units: list[Unit], status: str) -> None:
        """Remembers safe units: validators and content hash for the next crawl, URLs for a resumed job."""
        rows = [
            Seen(
                url=u.token.get("link_url") or u.article["url"],
                article_id=u.article["id"],
                etag=u.token.get("etag"),
                last_modified=u.token.get("last_modified"),
                content_hash=u.article["content_hash"],
                fetched=u.token.get("fetched") or u.article["fetched"],
            )
            for u in units
        ]
        self.seen.put_many(rows)
        self.crawler.signals.send_catch_log(articles_committed, urls=[r.url for r in rows], status=status)
        self._update_stats()

    def _update_stats(self) -> None:
        c = self.indexer.counts
        for key in ("indexed", "claims", "spooled"):
            self.stats.set_value(f"marsad/{key}", getattr(c, key))
        self.stats.set_value("marsad/index_failed", c.failed)
        if c.spool_reasons:
            self.stats.set_value("marsad/spool_reasons", list(c.spool_reasons))
        if self.writer is not None:
            self.stats.set_value("marsad/index/queue_max", self.writer.most_waiting)
