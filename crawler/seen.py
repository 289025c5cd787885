"""The seen-URL store: what was fetched before, so a later crawl can ask "changed since?".

One SQLite file in the crawl state directory. A row is written only once the
article is safe (indexed or spooled), so a crash never marks a page as done
that is not stored anywhere.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from marsad.documents import canonical_url


@dataclass
class Seen:
    url: str
    article_id: str | None
    etag: str | None
    last_modified: str | None
    content_hash: str | None
    fetched: str | None


class SeenStore:
    """URL → validators and content hash of the last stored version."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS seen (url TEXT PRIMARY KEY, article_id TEXT, etag TEXT, "
            "last_modified TEXT, content_hash TEXT, fetched TEXT)"
        )
        self._db.commit()

    @staticmethod
    def key(url: str) -> str:
        return canonical_url(url)

    def get(self, url: str) -> Seen | None:
        """Returns what is known about url, or None."""
        with self._lock:
            row = self._db.execute("SELECT * FROM seen WHERE url = ?", (self.key(url),)).fetchone()
        return Seen(*row) if row else None

    def put_many(self, rows: list[Seen]) -> None:
        """Records rows (keys canonicalised) in one transaction."""
        with self._lock, self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO seen VALUES (?, ?, ?, ?, ?, ?)",
                [(self.key(r.url), r.article_id, r.etag, r.last_modified, r.content_hash, r.fetched) for r in rows],
            )

    def close(self) -> None:
        with self._lock:
            self._db.close()
