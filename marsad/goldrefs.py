"""Gold text kept outside the repository: ``ref`` records read from the shared data directory, the document a
referenced sentence belongs to, and what an analysis of that document found inside one sentence
(``marsad eval --context``). ``marsad.evaluate`` uses these and names them too."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from marsad.nlp.types import Analysis


class RefUnavailable(LookupError):
    """A ``ref`` record's text cannot be read (data absent or different); the message says why."""


_REF_COLUMNS = {"en": 1, "ar": 2}


class RefReader:
    """Reads the text of ``ref`` records from the shared data directory, each file once."""

    def __init__(self, root: Path | None = None):
        if root is None:
            from marsad.config import shared_data_dir

            root = shared_data_dir()
        self.root = root
        self._files: dict[str, list[str] | OSError] = {}

    def _lines(self, name: str) -> list[str]:
        if name not in self._files:
            path = self.root / name
            try:
                with open(path, encoding="utf-8") as f:
                    self._files[name] = f.read().split("\n")
            except OSError as e:
                self._files[name] = e
        lines = self._files[name]
        if isinstance(lines, OSError):
            raise RefUnavailable(f"{self.root / name} cannot be read ({lines.strerror or lines}); "
                                 "set MARSAD_SHARED_DATA to the shared data directory")
        return lines

    def text(self, ref: dict) -> str:
        """The referenced text.

        Raises:
            RefUnavailable: the file is absent, the line or column is not
                there, or the text's SHA-1 does not begin with ``sha1``.
        """
        name, line, column, sha = ref["file"], int(ref["line"]), ref["column"], str(ref["sha1"]).lower()
        if ".." in Path(name).parts or Path(name).is_absolute():
            raise RefUnavailable(f"ref file {name!r} is outside the shared data directory")
        if column not in _REF_COLUMNS:
            raise RefUnavailable(f"ref column {column!r} is not one of {', '.join(_REF_COLUMNS)}")
        lines = self._lines(name)
        if not 2 <= line <= len(lines):
            raise RefUnavailable(f"{name} has no data line {line}")
        fields = lines[line - 1].rstrip("\r").split("\t")
        if len(fields) <= _REF_COLUMNS[column]:
            raise RefUnavailable(f"{name}:{line} has no column {column!r}")
        raw = fields[_REF_COLUMNS[column]]
        for text in (raw, raw.strip()):
            if hashlib.sha1(text.encode("utf-8")).hexdigest().startswith(sha):
                return text
        raise RefUnavailable(f"{name}:{line} ({column}) is not the text the gold was written for (SHA-1 differs)")

    def document(self, ref: dict, text: str) -> tuple[str, int]:
        """The document a ``ref`` line belongs to (every line of the file with the same first field, in file
        order, that column, joined by line breaks; ``text`` stands for the line itself) and where ``text``
        starts in it."""
        lines = self._lines(ref["file"])
        line, col = int(ref["line"]), _REF_COLUMNS[ref["column"]]
        doc = lines[line - 1].split("\t")[0]
        parts: list[str] = []
        at = 0
        for n, raw in enumerate(lines[1:], start=2):
            fields = raw.rstrip("\r").split("\t")
            if fields[0] != doc or len(fields) <= col:
                continue
            if parts:
                parts.append("\n")
            if n == line:
                at = sum(len(x) for x in parts)
                parts.append(text)
            else:
                parts.append(fields[col].strip())
        return "".join(parts), at


def slice_analysis(a: Analysis, start: int, end: int) -> Analysis:
    """What an analysis found inside text[start:end], with offsets from ``start`` and the claims' links to
    entities and figures renumbered (links to things outside are dropped)."""
    ents = {i: e for i, e in enumerate(a.entities) if start <= e.start and e.end <= end}
    figs = {i: f for i, f in enumerate(a.figures) if start <= f.start and f.end <= end}
    e_new = {old: new for new, old in enumerate(ents)}
    f_new = {old: new for new, old in enumerate(figs)}
    return Analysis(
        lang=a.lang,
        entities=[replace(e, start=e.start - start, end=e.end - start) for e in ents.values()],
        figures=[replace(f, start=f.start - start, end=f.end - start) for f in figs.values()],
        claims=[replace(c, start=c.start - start, end=c.end - start,
                        entities=[e_new[i] for i in c.entities if i in e_new],
                        figures=[f_new[i] for i in c.figures if i in f_new])
                for c in a.claims if start <= c.start and c.end <= end],
    )
