"""Writes byte-code for the modules a Marsad process imports (``make setup`` runs it once).

Where ``PYTHONDONTWRITEBYTECODE`` is set (as on the development machine), Python
never caches what it compiles, so every crawl, API worker and CLI run would
compile Scrapy, spaCy, Flask and the rest from source again: about 1-2 s of CPU
each (``marsad --help`` 0.39 → 0.05 s, ``import scrapy`` 1.47 → 0.27 s, measured after it). This
imports what the commands import, as the commands do (without PyTorch), and
compiles those modules' sources, a few seconds' work, rather than the whole
environment (about 40 s, mostly for packages Marsad never imports). Modules
imported later, while a crawl or a request runs, compile as before.

Usage: ``python -m marsad.precompile``; prints how many modules it compiled.
"""

from __future__ import annotations

import importlib
import py_compile
import sys
from pathlib import Path

# What the `marsad` command, a crawl, the API and an analysis import as they start.
ENTRY_MODULES = (
    "marsad.cli",
    "marsad.crawler.cli",
    "marsad.crawler.settings",
    "marsad.crawler.pipelines",
    "marsad.crawler.middlewares",
    "marsad.api",
    "marsad.api.cli",
    "marsad.crawler.spiders",
    "marsad.nlp.pipeline",
    "marsad.nlp.models",
    "scrapy.crawler",
    "scrapy.core.engine",
    "scrapy.core.downloader.handlers.http11",
    "twisted.internet.asyncioreactor",
    "spacy",
    "gunicorn.app.wsgiapp",
    "elasticsearch",
)


def compile_modules(modules) -> int:
    """Writes the byte-code of each module's source file (where ``sys.pycache_prefix`` says); returns how many."""
    done = 0
    for module in modules:
        source = getattr(module, "__file__", None)
        if not source or not source.endswith(".py") or not Path(source).is_file():
            continue
        try:
            py_compile.compile(source, doraise=True)
            done += 1
        except (py_compile.PyCompileError, OSError) as e:
            print(f"precompile: {source}: {e}", file=sys.stderr)
    return done


def main() -> int:
    from marsad.torchless import lean_process

    lean_process()
    for name in ENTRY_MODULES:
        try:
            importlib.import_module(name)
        except ImportError as e:  # an optional part absent here: compile the rest
            print(f"precompile: {name} not imported ({e})", file=sys.stderr)
    print(f"precompile: {compile_modules(list(sys.modules.values()))} modules compiled")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
