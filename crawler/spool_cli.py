"""``marsad spool status|replay``: the documents waiting for Elasticsearch."""

from __future__ import annotations

import argparse
import sys

from marsad import config


def main(argv: list[str]) -> int:
    """Runs ``marsad spool``; returns 0 when the spool is empty afterwards, 75 when files remain, 1 on failures."""
    p = argparse.ArgumentParser(prog="marsad spool", description="Show or replay spooled documents.")
    p.add_argument("action", choices=["status", "replay"])
    args = p.parse_args(argv)
    from elastic_transport import TransportError

    from marsad import store
    from marsad.indexer import Indexer, spool_dir

    try:
        indexer = Indexer(store.client(), spool_dir())
    except (config.ConfigError, store.StoreUnavailable) as e:
        print(f"marsad spool: {e}", file=sys.stderr)
        return 1
    files = indexer.pending_files()
    failed_dir = indexer.spool / "failed"
    failed_files = sorted(failed_dir.glob("*.jsonl")) if failed_dir.is_dir() else []
    if args.action == "status":
        units = sum(sum(1 for line in f.open(encoding="utf-8") if line.strip()) for f in files)
        print(f"{indexer.spool}: {len(files)} file(s), {units} article(s) waiting; "
              f"{len(failed_files)} file(s) of refused articles in {failed_dir}")
        return 0 if not files else 75
    try:
        counts = indexer.replay()
    except TransportError as e:
        print(f"marsad spool: Elasticsearch unreachable: {e}", file=sys.stderr)
        return 75
    left = indexer.pending_files()
    print(f"replayed {counts.replayed} article(s) ({counts.claims} claims), failed {counts.failed}, "
          f"{len(left)} file(s) still waiting")
    for reason in counts.spool_reasons:
        print(f"still waiting because: {reason}", file=sys.stderr)
    if counts.failed:
        return 1
    return 75 if left else 0
