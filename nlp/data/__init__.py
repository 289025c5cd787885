"""Marsad's word lists and tables, and the one way to read them.

Every list is a text file here: ``#`` starts a comment line, blank lines are
left out. A *word list* has one or more words a line (``words``), a *phrase
list* one phrase a line (``phrases``), a *table* tab-separated columns
(``rows``). Files are read once per process.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

DIR = Path(__file__).resolve().parent


def path(name: str) -> Path:
    """Returns the path of a data file by its name."""
    return DIR / name


@cache
def _lines(name: str) -> tuple[str, ...]:
    with open(DIR / name, encoding="utf-8") as f:
        return tuple(line.rstrip("\n") for line in f if line.strip() and not line.startswith("#"))


def words(name: str) -> list[str]:
    """The words of a word list, in file order (a line may hold several)."""
    return [w for line in _lines(name) for w in line.split()]


def phrases(name: str) -> list[str]:
    """The phrases of a phrase list, one a line, surrounding spaces removed."""
    return [line.strip() for line in _lines(name)]


def rows(name: str) -> list[list[str]]:
    """The rows of a tab-separated table, each a list of its columns."""
    return [line.split("\t") for line in _lines(name)]
