"""`marsad stories rebuild`: recompute copies, stories and claim groups of every article from the index."""

from __future__ import annotations

import argparse
import json
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="marsad stories", description=__doc__)
    parser.add_argument("action", choices=["rebuild"])
    parser.parse_args(argv)
    from marsad import store, storyrebuild

    started = time.perf_counter()
    report = storyrebuild.rebuild(store.client())
    print(json.dumps({**vars(report), "seconds": round(time.perf_counter() - started, 1)}))
    return 0
