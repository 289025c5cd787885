"""Keeps PyTorch, and spaCy's command-line stack, out of a Marsad process; entry points call these
before anything imports spaCy.

camel-tools depends on PyTorch, so it is installed, and spaCy's thinc imports it
whenever it is, doubling a worker's memory (~940 MiB instead of ~430 MiB).
Nothing in Marsad runs a torch model. Marking the module absent makes thinc
take its no-torch path.

``import spacy`` also imports spaCy's command line (for ``spacy.info``): typer,
weasel, httpx, jinja2 and rich, about 0.7-1.4 s of CPU at the start of every
crawl, worker and analysis process, for commands Marsad never runs.

Only entry points do this (the `marsad` command, the benchmarks, model
training keeps spaCy's command line): a library import never changes what its
host process can import.
"""

from __future__ import annotations

import sys
import types


def block_torch() -> None:
    """Marks torch absent unless the process has imported it already (then it is kept)."""
    if "torch" not in sys.modules:
        sys.modules["torch"] = None  # type: ignore[assignment]


def skip_spacy_cli() -> None:
    """Lets ``import spacy`` skip spaCy's command line; ``spacy.info`` still works, loading it when called.

    spaCy's package imports ``info`` from ``spacy.cli.info``, which makes Python
    import the whole ``spacy.cli`` package. A stand-in module of that name,
    present before spaCy is imported, holds an ``info`` that imports the real
    one on its first call. Nothing changes once spaCy has been imported.
    """
    if "spacy" in sys.modules or "spacy.cli.info" in sys.modules:
        return
    stand_in = types.ModuleType("spacy.cli.info", "Stand-in for spaCy's info command (marsad.torchless).")

    def info(*args, **kwargs):
        if sys.modules.get("spacy.cli.info") is stand_in:
            del sys.modules["spacy.cli.info"]
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    stand_in.info = info  # type: ignore[attr-defined]
    sys.modules["spacy.cli.info"] = stand_in
