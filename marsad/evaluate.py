"""``marsad eval``: score the NLP stage against the hand-annotated gold set.

Usage::

    marsad eval [FILE ...] [--json] [--min-f1 [FIELD=]X ...] [--detect]

Reads every ``tests/gold/*.jsonl`` (or the given files), runs ``nlp.analyze``
on each passage and prints precision, recall and F1 per field and language,
the accuracy of claim kinds and speakers, and throughput.

Matching rules (one gold item matches at most one predicted item, and the
other way round; pairs are taken greedily, best first):

- **entities**: a predicted entity matches a gold one when both offsets and
  the label are equal.
- **entity ids**: per passage, the set of gold ids against the set of
  predicted ids; a predicted entity whose span equals a gold entity annotated
  without an id is left out of both sides.
- **figures**: the spans overlap and kind, value (to 1e-6 relative) and
  currency are equal. The counted ``unit`` is scored separately, as the
  accuracy of matched count figures (**figure units**).
- **claims**: the claim spans overlap with a character Jaccard index of at
  least 0.5 (boundaries such as a leading "that" or a trailing adverbial are
  forgiven; a different clause is not). Kind and speaker are not required.
- **denials**: the same matching, between gold denials and predicted
  denials only; a denial predicted as a statement is a false negative here,
  and a statement predicted as a denial a false positive.
- **claim kinds**: accuracy of ``kind`` over matched claims.
- **speakers (named)**: over matched claims whose gold ``speaker`` is an
  entity id, the share whose predicted speaker has that id. Gold claims with
  a ``null`` speaker, or no ``speaker`` key (id unknown to the annotator), are
  not in this count.
- **speaker text**: over matched claims with a gold ``speaker_text``, the
  share whose predicted speaker text contains it or is contained in it.
- **language**: with ``--detect`` the language is detected, as in
  production, and its accuracy reported; by default each passage is analysed
  in its gold language so that the other fields are scored on their own.

A field is scored only on passages that annotate it (the key is present).

Not measured: the ``name`` of entities and speakers, claim cues, the entity
and figure indices inside claims, offsets of claims beyond the overlap rule,
HTML extraction, and anything about languages other than Arabic and English.
Throughput is wall time of ``analyze`` per passage in one process, after the
models are loaded; the gold passages are short, so it is not the 400-word
article rate of ``bench/bench_nlp.py``.

Exit status: 0 done and every ``--min-f1`` threshold met, 1 a threshold
missed, 2 usage error or a malformed gold file.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from nlp.types import Analysis

GOLD_DIR = Path(__file__).resolve().parent.parent / "tests" / "gold"
PRF_FIELDS = ("entities", "entity ids", "figures", "claims", "denials")
ACC_FIELDS = ("figure units", "claim kinds", "speakers (named)", "speaker text", "language")
CLAIM_JACCARD = 0.5


class GoldError(ValueError):
    """A gold file is malformed; the message names the file and line."""


@dataclass
class Passage:
    """One gold passage with its annotations located in the text."""

    id: str
    lang: str
    text: str
    entities: list[dict] | None = None
    figures: list[dict] | None = None
    claims: list[dict] | None = None


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.right += int(ok)

    @property
    def value(self) -> float | None:
        return self.right / self.total if self.total else None


@dataclass
class LangReport:
    passages: int = 0
    seconds: float = 0.0
    prf: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in PRF_FIELDS})
    acc: dict[str, Accuracy] = field(default_factory=lambda: {f: Accuracy() for f in ACC_FIELDS})
    scored: set[str] = field(default_factory=set)

    @property
    def per_second(self) -> float | None:
        return self.passages / self.seconds if self.seconds > 0 else None


# ---------------------------------------------------------------------------
# Gold files


def _locate(text: str, needle: str, occurrence: int, where: str) -> tuple[int, int]:
    i = -1
    for _ in range(occurrence + 1):
        i = text.find(needle, i + 1)
        if i < 0:
            raise GoldError(f"{where}: {needle!r} (occurrence {occurrence}) is not in the text")
    return i, i + len(needle)


def load_gold(paths: Iterable[Path]) -> list[Passage]:
    """Reads gold files into passages whose annotations carry ``start``/``end`` offsets.

    Raises:
        GoldError: on invalid JSON, a missing field or an annotation that is
            not a substring of its passage.
    """
    passages = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                where = f"{path}:{n}"
                try:
                    rec = json.loads(line)
                    pid, lang, text = rec["id"], rec["lang"], rec["text"]
                except (json.JSONDecodeError, KeyError, TypeError) as e:
                    raise GoldError(f"{where}: not a gold record ({e})") from e
                p = Passage(id=pid, lang=lang, text=text)
                for key in ("entities", "figures", "claims"):
                    if key not in rec:
                        continue
                    items = []
                    for item in rec[key]:
                        item = dict(item)
                        if "text" not in item:
                            raise GoldError(f"{where}: an item of {key!r} has no text")
                        item["start"], item["end"] = _locate(text, item["text"], item.get("occurrence", 0), where)
                        items.append(item)
                    setattr(p, key, items)
                passages.append(p)
    return passages


# ---------------------------------------------------------------------------
# Matching


def _pairs(gold: Sequence, pred: Sequence, score: Callable[[object, object], float | None]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching: best-scoring pairs first; a None score never matches."""
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            s = score(g, p)
            if s is not None:
                cands.append((-s, gi, pi))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _s, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def _jaccard(a0: int, a1: int, b0: int, b1: int) -> float:
    inter = max(0, min(a1, b1) - max(a0, b0))
    union = max(a1, b1) - min(a0, b0)
    return inter / union if union else 0.0


def _same_value(a: float, b: float) -> bool:
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(a)))


def _figure_score(g: dict, p) -> float | None:
    if not (p.start < g["end"] and g["start"] < p.end):
        return None
    if p.kind != g["kind"] or not _same_value(p.value, g["value"]):
        return None
    if (g.get("currency") or None) != (p.currency or None):
        return None
    return _jaccard(g["start"], g["end"], p.start, p.end)


def _claim_score(g: dict, p) -> float | None:
    j = _jaccard(g["start"], g["end"], p.start, p.end)
    return j if j >= CLAIM_JACCARD else None


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


def score_passage(p: Passage, analysis: Analysis, report: LangReport) -> None:
    """Adds one passage's comparison of gold and prediction to a language report."""
    if p.entities is not None:
        report.scored.update(("entities", "entity ids"))
        pairs = _pairs(
            p.entities, analysis.entities,
            lambda g, e: 1.0 if (e.start, e.end, e.label) == (g["start"], g["end"], g["label"]) else None,
        )
        report.prf["entities"].add(len(pairs), len(analysis.entities) - len(pairs), len(p.entities) - len(pairs))
        unknown = {(g["start"], g["end"]) for g in p.entities if not g.get("id")}
        gold_ids = {g["id"] for g in p.entities if g.get("id")}
        pred_ids = {e.id for e in analysis.entities if e.id and (e.start, e.end) not in unknown}
        report.prf["entity ids"].add(len(gold_ids & pred_ids), len(pred_ids - gold_ids), len(gold_ids - pred_ids))
    if p.figures is not None:
        report.scored.add("figures")
        pairs = _pairs(p.figures, analysis.figures, _figure_score)
        report.prf["figures"].add(len(pairs), len(analysis.figures) - len(pairs), len(p.figures) - len(pairs))
        for gi, pi in pairs:
            if p.figures[gi]["kind"] == "count":
                report.acc["figure units"].add((p.figures[gi].get("unit") or None) == analysis.figures[pi].unit)
    if p.claims is not None:
        report.scored.update(("claims", "denials"))
        pairs = _pairs(p.claims, analysis.claims, _claim_score)
        report.prf["claims"].add(len(pairs), len(analysis.claims) - len(pairs), len(p.claims) - len(pairs))
        gold_d = [g for g in p.claims if g["kind"] == "denial"]
        pred_d = [c for c in analysis.claims if c.kind == "denial"]
        dpairs = _pairs(gold_d, pred_d, _claim_score)
        report.prf["denials"].add(len(dpairs), len(pred_d) - len(dpairs), len(gold_d) - len(dpairs))
        for gi, pi in pairs:
            g, c = p.claims[gi], analysis.claims[pi]
            report.acc["claim kinds"].add(g["kind"] == c.kind)
            if g.get("speaker"):
                report.acc["speakers (named)"].add(c.speaker is not None and c.speaker.id == g["speaker"])
            if g.get("speaker_text"):
                got = _norm(c.speaker.text) if c.speaker and c.speaker.text else ""
                want = _norm(g["speaker_text"])
                report.acc["speaker text"].add(bool(got) and (want in got or got in want))


def evaluate(
    passages: Sequence[Passage],
    analyze_fn: Callable[[str, str | None], Analysis],
    detect: bool = False,
    detect_fn: Callable[[str], str] | None = None,
) -> dict[str, LangReport]:
    """Runs analyze_fn over the passages and scores it; returns one report per language."""
    reports: dict[str, LangReport] = {}
    for p in passages:
        rep = reports.setdefault(p.lang, LangReport())
        t0 = time.perf_counter()
        analysis = analyze_fn(p.text, None if detect else p.lang)
        rep.seconds += time.perf_counter() - t0
        rep.passages += 1
        if detect:
            rep.acc["language"].add(analysis.lang == p.lang)
        elif detect_fn is not None:
            rep.acc["language"].add(detect_fn(p.text) == p.lang)
        score_passage(p, analysis, rep)
    return reports


# ---------------------------------------------------------------------------
# Output


def to_json(reports: dict[str, LangReport]) -> dict:
    """Machine-readable form of the reports."""
    out = {}
    for lang, rep in sorted(reports.items()):
        fields = {}
        for name, c in rep.prf.items():
            if name in rep.scored:
                fields[name] = {"tp": c.tp, "fp": c.fp, "fn": c.fn,
                                "precision": c.precision, "recall": c.recall, "f1": c.f1}
        acc = {name: {"right": a.right, "total": a.total, "accuracy": a.value}
               for name, a in rep.acc.items() if a.total}
        out[lang] = {"passages": rep.passages, "seconds": rep.seconds,
                     "articles_per_second": rep.per_second, "fields": fields, "accuracy": acc}
    return out


def _fmt(x: float | None) -> str:
    return "   -" if x is None else f"{x:.3f}"


def to_table(reports: dict[str, LangReport]) -> str:
    """Human-readable table of the reports."""
    lines = [f"{'lang':4}  {'field':17} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    for lang, rep in sorted(reports.items()):
        for name, c in rep.prf.items():
            if name in rep.scored:
                lines.append(f"{lang:4}  {name:17} {_fmt(c.precision):>6} {_fmt(c.recall):>6} {_fmt(c.f1):>6}"
                             f" {c.tp:5d} {c.fp:5d} {c.fn:5d}")
        for name, a in rep.acc.items():
            if a.total:
                lines.append(f"{lang:4}  {name:17} accuracy {_fmt(a.value)} ({a.right}/{a.total})")
        rate = rep.per_second
        lines.append(f"{lang:4}  {'speed':17} {rep.passages} passages, "
                     f"{rate:.1f} passages/s" if rate else f"{lang:4}  speed: -")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _thresholds(specs: Sequence[str]) -> list[tuple[str | None, float]]:
    out = []
    for spec in specs:
        name, _, value = spec.rpartition("=")
        try:
            x = float(value)
        except ValueError as e:
            raise argparse.ArgumentTypeError(f"--min-f1 wants X or FIELD=X, got {spec!r}") from e
        if name and name not in PRF_FIELDS:
            raise argparse.ArgumentTypeError(f"--min-f1: unknown field {name!r}; one of {', '.join(PRF_FIELDS)}")
        out.append((name or None, x))
    return out


def missed(reports: dict[str, LangReport], thresholds: Sequence[tuple[str | None, float]]) -> list[str]:
    """Thresholds not met, as messages; fields without any gold or predicted item are skipped."""
    out = []
    for lang, rep in sorted(reports.items()):
        for name, c in rep.prf.items():
            if name not in rep.scored or c.tp + c.fp + c.fn == 0:
                continue
            for want_name, x in thresholds:
                if want_name in (None, name) and (c.f1 or 0.0) < x:
                    out.append(f"{lang} {name}: F1 {_fmt(c.f1)} < {x}")
    return out


def main(argv: list[str] | None = None) -> int:
    """Runs ``marsad eval`` with its own arguments; returns the exit status."""
    parser = argparse.ArgumentParser(prog="marsad eval", description="Score the NLP stage on the gold set.")
    parser.add_argument("files", nargs="*", type=Path, help=f"gold JSON-lines files (default: {GOLD_DIR}/*.jsonl)")
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON instead of a table")
    parser.add_argument("--min-f1", action="append", default=[], metavar="[FIELD=]X",
                        help="fail (exit 1) when an F1 is below X; repeatable; FIELD limits it to one field")
    parser.add_argument("--detect", action="store_true", help="detect each passage's language instead of giving it")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    try:
        thresholds = _thresholds(args.min_f1)
    except argparse.ArgumentTypeError as e:
        parser.error(str(e))
    files = args.files or sorted(GOLD_DIR.glob("*.jsonl"))
    if not files:
        print(f"marsad eval: no gold files in {GOLD_DIR}", file=sys.stderr)
        return 2
    try:
        passages = load_gold(files)
    except (OSError, GoldError) as e:
        print(f"marsad eval: {e}", file=sys.stderr)
        return 2

    from nlp import analyze
    from nlp.language import detect_language

    # Load the models before the clock starts.
    analyze("Warm-up sentence, said the model.", "en")
    reports = evaluate(passages, lambda text, lang: analyze(text, lang), detect=args.detect,
                       detect_fn=detect_language)
    if args.json:
        print(json.dumps(to_json(reports), ensure_ascii=False, indent=2))
    else:
        print(to_table(reports), end="")
    failures = missed(reports, thresholds)
    for msg in failures:
        print(f"marsad eval: below threshold: {msg}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
