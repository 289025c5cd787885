"""Keeps PyTorch out of a Marsad process; entry points call block_torch() before anything imports spaCy.

camel-tools depends on PyTorch, so it is installed, and spaCy's thinc imports it
whenever it is, doubling a worker's memory (~940 MiB instead of ~430 MiB).
Nothing in Marsad runs a torch model. Marking the module absent makes thinc
take its no-torch path. Only entry points do this (the `marsad` command, the
test suite, the benchmarks, model training): a library import never changes
what its host process can import.
"""

from __future__ import annotations

import sys


def block_torch() -> None:
    """Marks torch absent unless the process has imported it already (then it is kept)."""
    if "torch" not in sys.modules:
        sys.modules["torch"] = None  # type: ignore[assignment]
