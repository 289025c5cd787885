"""make setup's byte-code step (marsad.precompile): the modules a Marsad process imports get cached byte-code."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from marsad import precompile


def test_compiled_modules_get_their_byte_code_where_python_looks_for_it(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path))
    import json.decoder as module  # any module with a source file

    cached = Path(importlib.util.cache_from_source(module.__file__))
    assert not cached.exists()
    assert precompile.compile_modules([module, sys, object()]) == 1  # built-ins and non-modules are skipped
    assert cached.is_file() and str(cached).startswith(str(tmp_path))
    assert cached.read_bytes()[:4] == importlib.util.MAGIC_NUMBER  # this interpreter's byte-code


def test_the_entry_modules_exist() -> None:
    """A renamed module would silently leave its process uncompiled."""
    missing = [name for name in precompile.ENTRY_MODULES if importlib.util.find_spec(name) is None]
    assert missing == []
