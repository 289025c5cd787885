"""Where a crawl keeps its state: the state directory and the spool of articles waiting to be indexed.

Light on purpose (settings only): the crawler, its CLI and a fetch-only crawl
ask for these paths without loading the store client or the indexer.
"""

from __future__ import annotations

from pathlib import Path

from marsad import config


def state_dir() -> Path:
    """Returns the crawl state directory: MARSAD_STATE_DIR, else <cache>/crawl."""
    raw = config.get(config.STATE_DIR)
    return Path(raw) if raw else config.cache_dir() / "crawl"


def spool_dir() -> Path:
    """Returns the spool directory: MARSAD_SPOOL_DIR, else <state>/spool."""
    raw = config.get(config.SPOOL_DIR)
    return Path(raw) if raw else state_dir() / "spool"


def pending_files(spool: Path) -> list[Path]:
    """Returns the spool files in spool waiting for replay, oldest first."""
    if not spool.is_dir():
        return []
    return sorted(p for p in spool.glob("*.jsonl") if p.is_file())
