"""What a Marsad process loads at start: no PyTorch and no spaCy command line, yet spaCy works whole."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# Run as the `marsad` command starts: marsad.cli's imports come first.
_ENTRY = """
import json, sys
import marsad.cli
from marsad.nlp import analyze
a = analyze("Twitter denied selling users' data, the company said on Monday.", "en")
loaded = {m: m in sys.modules for m in ("spacy.cli", "typer", "weasel", "torch")}
loaded["torch"] = sys.modules.get("torch") is not None
from marsad.nlp.models import english
pipes = english().pipe_names
stand_in_left = "spacy.cli.info" in sys.modules
from spacy.cli.train import train  # spaCy's own command line still imports whole when asked for
import spacy
info = spacy.info()
cli = sys.modules["spacy.cli"]
whole = {"get_markdown": hasattr(sys.modules["spacy.cli.info"], "get_markdown"), "info callable": callable(cli.info),
         "info command": any(getattr(c.callback, "__name__", "") == "info_cli" for c in cli.app.registered_commands)}
print(json.dumps({"loaded": loaded, "pipes": pipes, "claims": len(a.claims), "info": sorted(info)[:3],
                  "stand_in_left": stand_in_left, "whole": whole}))
"""


def test_the_marsad_command_starts_without_torch_or_spacys_command_line() -> None:
    out = subprocess.run([sys.executable, "-c", _ENTRY], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["loaded"] == {"spacy.cli": False, "typer": False, "weasel": False, "torch": False}
    assert got["claims"] == 1
    assert "parser" in got["pipes"] and "ner" in got["pipes"] and "lemmatizer" not in got["pipes"]
    assert got["info"]  # spacy.info() answers: the stand-in loads the real command when called
    # The stand-in is gone once spaCy is imported: spaCy's command line, imported later, is the real one, whole.
    assert got["stand_in_left"] is False
    assert got["whole"] == {"get_markdown": True, "info callable": True, "info command": True}


def test_python_m_marsad_crawler_starts_as_the_marsad_command() -> None:
    # `python -m marsad.crawler` (the crawl benchmarks run it) is an entry point of its own.
    entry = """
import json, runpy, sys
sys.argv = ["marsad.crawler", "--help"]
try:
    runpy.run_module("marsad.crawler", run_name="__main__")
except SystemExit:
    pass
from marsad.nlp import analyze
analyze("Twitter denied selling users' data, the company said on Monday.", "en")
print(json.dumps({"torch": sys.modules.get("torch") is not None, "spacy.cli": "spacy.cli" in sys.modules}))
"""
    out = subprocess.run([sys.executable, "-c", entry], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {"torch": False, "spacy.cli": False}


def test_python_m_marsad_extract_keeps_torch_out() -> None:
    # `python -m marsad.extract` is an entry point too: run as a program it keeps PyTorch and spaCy's command line
    # out, as the `marsad` command does (3 s less at its start). The evaluation programs guard their main alike.
    entry = """
import io, json, runpy, sys
sys.argv = ["marsad.extract", "--lang", "en"]
sys.stdin = io.TextIOWrapper(io.BytesIO(b"Twitter denied selling users' data."))
out, sys.stdout = sys.stdout, io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
try:
    runpy.run_module("marsad.extract", run_name="__main__")
except SystemExit:
    pass
sys.stdout.flush()
printed, sys.stdout = sys.stdout.buffer.getvalue().decode("utf-8"), out
print(json.dumps({"claims": len(json.loads(printed)["claims"]), "torch": sys.modules.get("torch", "unset") is None,
                  "spacy.cli": "spacy.cli" in sys.modules}))
"""
    out = subprocess.run([sys.executable, "-c", entry], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {"claims": 1, "torch": True, "spacy.cli": False}
