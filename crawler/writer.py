"""Index writes off the crawl's reactor thread: an Indexer in a thread of its own, fed through a bounded inbox.

A bulk write to a slow Elasticsearch used to hold Scrapy's reactor, and
with it every download, for as long as the store took to answer. The index
pipeline now hands each analysed article to :class:`IndexWriter`, whose
thread adds it to the Indexer (batches, bulk writes, spool, exactly as
before). The reactor only waits when the inbox is full: that is the
back-pressure (the pipeline pauses the engine's downloads then, see
crawler.pipelines.IndexPipeline).

The commit rules do not change: the Indexer reports units only once they are
in Elasticsearch or the spool, and those reports (and spool failures) are
carried back to the reactor thread, where the seen-URL store, the job's
committed list and the frontier's leases are updated, as before, by the
pipeline.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from marsad.indexer import Indexer, Unit

log = logging.getLogger(__name__)


class _FlushWaiter:
    def __init__(self) -> None:
        self.done = threading.Event()
        self.error: BaseException | None = None


class IndexWriter:
    """Runs `indexer` in a daemon thread; the reactor offers units and hears back through `to_reactor`.

    Args:
        indexer: the Indexer the thread owns from now on (only the thread calls it).
        capacity: units the inbox may hold before ``offer`` refuses one.
        to_reactor: schedules a call on the reactor thread (``reactor.callFromThread``).
        on_commit: called on the reactor with (units, status) once units are safe.
        on_error: called on the reactor with the OSError of a spool that cannot be written.
        on_room: called on the reactor when the thread has taken units out of the inbox.
    """

    # Seconds the thread sleeps at most before it looks whether a batch is due (MARSAD_INDEX_MAX_DELAY).
    TICK = 0.5

    def __init__(self, indexer: Indexer, capacity: int, to_reactor: Callable, on_commit: Callable,
                 on_error: Callable, on_room: Callable):
        self.indexer = indexer
        self.capacity = max(1, capacity)
        self._to_reactor = to_reactor
        self._on_commit, self._on_error, self._on_room = on_commit, on_error, on_room
        self._cond = threading.Condition()
        self._inbox: deque[Unit] = deque()
        self._flushes: list[_FlushWaiter] = []
        self._closing = False
        self._notices: deque[tuple] = deque()
        self.most_waiting = 0  # the inbox's high-water mark
        indexer.on_commit = lambda units, status: self._notice(("commit", units, status))
        self._thread = threading.Thread(target=self._run, name="marsad index writer", daemon=True)
        self._thread.start()

    # ------------------------------------------------------------ reactor side

    @property
    def waiting(self) -> int:
        """Returns how many units wait in the inbox."""
        return len(self._inbox)

    def offer(self, unit: Unit) -> bool:
        """Puts unit in the inbox; returns False (and keeps nothing) when the inbox is full."""
        with self._cond:
            if len(self._inbox) >= self.capacity:
                return False
            self._inbox.append(unit)
            self.most_waiting = max(self.most_waiting, len(self._inbox))
            self._cond.notify_all()
            return True

    def flush(self) -> None:
        """Blocks until every unit offered so far is written or spooled, and their commits are delivered.

        Raises:
            OSError: the spool could not be written (those units stay unacknowledged).
        """
        waiter = _FlushWaiter()
        with self._cond:
            self._flushes.append(waiter)
            self._cond.notify_all()
        waiter.done.wait()
        self.deliver()
        if waiter.error is not None:
            raise waiter.error

    def close(self) -> None:
        """Writes what is left, stops the thread and delivers the last commits; raises like ``flush``."""
        waiter = _FlushWaiter()
        with self._cond:
            self._flushes.append(waiter)
            self._closing = True
            self._cond.notify_all()
        self._thread.join()
        self.deliver()
        if waiter.error is not None:
            raise waiter.error

    def deliver(self) -> None:
        """Runs, on the reactor, what the thread reported: commits, spool failures, room in the inbox."""
        while self._notices:
            notice = self._notices.popleft()
            if notice[0] == "commit":
                self._on_commit(notice[1], notice[2])
            elif notice[0] == "error":
                self._on_error(notice[1])
            else:
                self._on_room()

    # ------------------------------------------------------------ writer thread

    def _notice(self, notice: tuple) -> None:
        self._notices.append(notice)
        self._to_reactor(self.deliver)

    def _run(self) -> None:
        while True:
            with self._cond:
                if not (self._inbox or self._flushes or self._closing):
                    self._cond.wait(self.TICK)
                units = list(self._inbox)
                self._inbox.clear()
                flushes, self._flushes = self._flushes, []
                closing = self._closing
            if units:
                self._notice(("room",))
            error: BaseException | None = None
            for unit in units:
                try:
                    self.indexer.add(unit)  # the unit is buffered first: an error loses nothing
                except OSError as e:
                    error = e
                except Exception as e:  # noqa: BLE001 - reported; the unit stays buffered for the next try
                    log.exception("writing a batch failed; it stays buffered and is tried again")
                    error = error or e
            started = time.monotonic()
            try:
                if flushes or closing:
                    self.indexer.flush()
                else:
                    self.indexer.flush_due()
            except OSError as e:
                error = e
            except Exception as e:  # noqa: BLE001 - as above
                log.exception("writing a batch failed after %.1f s; it stays buffered", time.monotonic() - started)
                error = error or e
            if isinstance(error, OSError):
                self._notice(("error", error))
            for waiter in flushes:
                waiter.error = error
                waiter.done.set()
            if closing:
                return
