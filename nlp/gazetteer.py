"""A bilingual gazetteer of news entities: English name, Arabic and English aliases, label, id.

Two data files under ``nlp/data`` are merged by id:

- ``places.tsv``: countries and cities, generated from pycountry and Babel's
  CLDR data by ``nlp/data/build_places.py``;
- ``news_entities.tsv``: hand-written frequent news entities (companies,
  regulators and international bodies, media outlets, political and business
  figures, more place spellings). Its rows come second, so their name and label
  win over the generated ones.

An Arabic alias starting with ``~`` is valid only right after an organisation
cue noun (``قناة ~الجزيرة``), because on its own the word is a common noun.

The indexes are built once per process and keyed by token tuples (see
``nlp.arabic.key``): Arabic keys are normalised, English keys keep their case
so that "Apple" and "WHO" do not match "apple" and "who".
"""

from __future__ import annotations

import csv
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from marsad.nlp.arabic import key
from marsad.nlp.normalize import is_arabic_token
from marsad.nlp.translit import skeleton

DATA_DIR = Path(__file__).with_name("data")
FILES = ("places.tsv", "news_entities.tsv")

_PAREN = re.compile(r"\s*\([^)]*\)")


@dataclass
class GazEntry:
    """One real-world entity with its names in both scripts."""

    id: str
    name: str
    label: str
    en_aliases: list[str] = field(default_factory=list)
    ar_aliases: list[str] = field(default_factory=list)
    ar_context_aliases: list[str] = field(default_factory=list)


class Gazetteer:
    """Lookup tables over a set of entries.

    Attributes:
        entries: entries by id.
        ar_index: normalised Arabic token tuple → ids (first is preferred).
        ar_context_index: like ``ar_index`` for aliases valid only after a cue.
        en_index: English token tuple (case kept) → ids.
        skeleton_index: consonant skeleton of an English name → ids, for
            matching an Arabic spelling that is not listed as an alias.
        max_len: the longest key in tokens.
    """

    def __init__(self, entries: list[GazEntry]):
        self.entries: dict[str, GazEntry] = {}
        self.ar_index: dict[tuple[str, ...], list[str]] = {}
        self.ar_context_index: dict[tuple[str, ...], list[str]] = {}
        self.en_index: dict[tuple[str, ...], list[str]] = {}
        self.en_folded: dict[str, list[str]] = {}
        self.skeleton_index: dict[str, list[str]] = {}
        # First token of a key → the key lengths that start with it, longest
        # first, so a matcher tries only lengths that can succeed.
        self.first: dict[int, dict[str, tuple[int, ...]]] = {}
        self.max_len = 1
        for entry in entries:
            self._add(entry)

    def _put(self, index: dict[tuple[str, ...], list[str]], alias: str, ident: str) -> None:
        k = key(alias)
        if not k:
            return
        ids = index.setdefault(k, [])
        if ident not in ids:
            ids.append(ident)
        self.max_len = max(self.max_len, len(k))
        firsts = self.first.setdefault(id(index), {})
        lengths = set(firsts.get(k[0], ()))
        lengths.add(len(k))
        firsts[k[0]] = tuple(sorted(lengths, reverse=True))

    def lengths(self, index: dict[tuple[str, ...], list[str]], first: str) -> tuple[int, ...]:
        """The key lengths in ``index`` (one of this gazetteer's) that start with ``first``, longest first."""
        return self.first.get(id(index), {}).get(first, ())

    def _add(self, entry: GazEntry) -> None:
        old = self.entries.get(entry.id)
        if old is not None:
            # A later row for the same id refines the name and label and adds aliases.
            for alias in old.en_aliases:
                if alias not in entry.en_aliases and alias != entry.name:
                    entry.en_aliases.append(alias)
            if old.name != entry.name and old.name not in entry.en_aliases:
                entry.en_aliases.append(old.name)
            for attr in ("ar_aliases", "ar_context_aliases"):
                mine = getattr(entry, attr)
                mine.extend(a for a in getattr(old, attr) if a not in mine)
        self.entries[entry.id] = entry
        for alias in [entry.name, *entry.en_aliases]:
            self._put(self.en_index, alias, entry.id)
            self.en_folded.setdefault(alias.casefold(), [])
            if entry.id not in self.en_folded[alias.casefold()]:
                self.en_folded[alias.casefold()].append(entry.id)
            sk = skeleton(alias)
            # Short skeletons collide across unrelated names; they are useless here.
            if len(sk) >= 4:
                ids = self.skeleton_index.setdefault(sk, [])
                if entry.id not in ids:
                    ids.append(entry.id)
        for alias in entry.ar_aliases:
            self._put(self.ar_index, alias, entry.id)
        for alias in entry.ar_context_aliases:
            self._put(self.ar_context_index, alias, entry.id)

    def get(self, ident: str) -> GazEntry | None:
        """Returns the entry with this id, or None."""
        return self.entries.get(ident)

    def lookup(self, name: str, lang: str | None = None) -> GazEntry | None:
        """Returns the entry a whole name refers to, in either script, or None.

        Args:
            name: a name as written ("تويتر", "Cambridge Analytica", "the Fed").
            lang: "ar" or "en" to restrict the script; None guesses from the name.
        """
        name = name.strip()
        if not name:
            return None
        arabic = is_arabic_token(name) if lang is None else lang == "ar" and is_arabic_token(name)
        if arabic:
            k = key(name)
            ids = self.ar_index.get(k) or self.ar_context_index.get(k)
            if not ids and k and k[0].startswith("ال"):
                ids = self.ar_index.get((k[0][2:], *k[1:]))
            return self.entries[ids[0]] if ids else None
        ids = self.en_index.get(key(name)) or self.en_folded.get(name.casefold())
        if not ids and name.lower().startswith("the "):
            ids = self.en_index.get(key(name[4:]))
        return self.entries[ids[0]] if ids else None

    def __len__(self) -> int:
        return len(self.entries)


def _split(cell: str) -> list[str]:
    out = []
    for alias in cell.split("|"):
        alias = _PAREN.sub("", alias).strip()
        if alias and alias not in out:
            out.append(alias)
    return out


def load_entries(paths: list[Path] | None = None) -> list[GazEntry]:
    """Reads gazetteer rows from TSV files (default: the shipped data files)."""
    entries = []
    for path in paths or [DATA_DIR / f for f in FILES]:
        with path.open(encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                ar = _split(row["ar_aliases"] or "")
                entries.append(
                    GazEntry(
                        id=row["id"],
                        name=row["name"],
                        label=row["label"],
                        en_aliases=_split(row["en_aliases"] or ""),
                        ar_aliases=[a for a in ar if not a.startswith("~")],
                        ar_context_aliases=[a[1:] for a in ar if a.startswith("~")],
                    )
                )
    return entries


_lock = threading.Lock()
_gazetteer: Gazetteer | None = None


def gazetteer() -> Gazetteer:
    """Returns the shared gazetteer, building it on first use (about 0.1 s)."""
    global _gazetteer
    if _gazetteer is None:
        with _lock:
            if _gazetteer is None:
                _gazetteer = Gazetteer(load_entries())
    return _gazetteer
