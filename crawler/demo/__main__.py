"""``python -m marsad.crawler.demo [--port N]``: serve the demo news site until interrupted."""

from __future__ import annotations

import argparse
import sys
import time

from marsad.crawler.demo import DemoServer, summary


def main(argv: list[str]) -> int:
    """Serves the site and prints its address; returns the exit status."""
    p = argparse.ArgumentParser(prog="python -m marsad.crawler.demo", description="Serve Marsad's demo news site.")
    p.add_argument("--port", type=int, help="port on 127.0.0.1 (default: 18765 if free, else any free one)")
    args = p.parse_args(argv)
    try:
        server = DemoServer(args.port).start()
    except OSError as e:
        print(e, file=sys.stderr)
        return 1
    s = summary()
    print(f"demo site: {s['articles']} invented articles on {s['stories']} stories from {s['outlets']} outlets "
          f"at {server.url}/ (Ctrl-C stops it)", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
