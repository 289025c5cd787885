"""Keeps PyTorch, and spaCy's command-line stack, out of a Marsad process.

camel-tools depends on PyTorch, so it is installed, and spaCy's thinc imports it
whenever it is, doubling a worker's memory (~940 MiB instead of ~430 MiB).
Nothing in Marsad runs a torch model. Marking the module absent makes thinc
take its no-torch path.

``import spacy`` also imports spaCy's command line (for ``spacy.info``): typer,
weasel, httpx, jinja2 and rich, 0.7-1.4 s of CPU at the start of every crawl,
worker and analysis process, for commands Marsad never runs.

Only entry points call these, before anything imports spaCy: the `marsad`
command (marsad/cli.py, as it is imported), the programs `python -m
marsad.extract`, `marsad.evaluate_cli`, `marsad.eval_parallel` and
`marsad.eval_stories` (when run as programs) and the benchmarks both; the
test suite and model training block torch only. A library module of Marsad never
changes what its host process can import.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import sys
import types


def lean_process() -> None:
    """What a Marsad command calls first: ``block_torch`` and ``skip_spacy_cli``."""
    block_torch()
    skip_spacy_cli()


def block_torch() -> None:
    """Marks torch absent unless the process has imported it already (then it is kept)."""
    if "torch" not in sys.modules:
        sys.modules["torch"] = None  # type: ignore[assignment]


def skip_spacy_cli() -> None:
    """Lets the coming ``import spacy`` skip spaCy's command line; ``spacy.info`` loads it when called.

    spaCy's package imports ``info`` from ``spacy.cli.info``, which makes Python
    import the whole ``spacy.cli`` package. A stand-in module of that name is
    put in place until spaCy's own import has run, then removed, so that any
    later import of ``spacy.cli`` (``spacy.cli.train``, ``spacy.info()``)
    loads the real package whole. Does nothing once spaCy has been imported.
    """
    if "spacy" in sys.modules or "spacy.cli.info" in sys.modules:
        return
    stand_in = types.ModuleType("spacy.cli.info", "Stand-in for spaCy's info command (marsad.torchless).")

    def info(*args, **kwargs):
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    stand_in.info = info  # type: ignore[attr-defined]
    sys.modules["spacy.cli.info"] = stand_in
    sys.meta_path.insert(0, _AfterSpacy(stand_in))


class _AfterSpacy(importlib.abc.MetaPathFinder):
    """Finds spaCy with the other finders and removes the stand-in once its package has run."""

    def __init__(self, stand_in: types.ModuleType):
        self.stand_in = stand_in

    def find_spec(self, name, path=None, target=None):
        if name != "spacy":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            self._remove()
            return spec
        run = spec.loader.exec_module

        def exec_module(module):
            try:
                run(module)
            finally:
                self._remove()

        spec.loader.exec_module = exec_module  # this spec's own loader instance
        return spec

    def _remove(self) -> None:
        if sys.modules.get("spacy.cli.info") is self.stand_in:
            del sys.modules["spacy.cli.info"]
