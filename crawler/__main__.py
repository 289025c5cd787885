"""``python -m marsad.crawler ...`` runs ``marsad crawl ...``."""

from __future__ import annotations

import logging
import sys

from marsad.torchless import lean_process

# An entry point, as the `marsad` command: no PyTorch and no spaCy command line in this process.
lean_process()

from marsad.crawler.cli import main  # noqa: E402

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("elastic_transport").setLevel(logging.CRITICAL)
    sys.exit(main(sys.argv[1:]))
