"""``marsad eval``'s output and command line: score tables, JSON, claim errors, the exit status.

The scoring itself, the matching rules and the threshold table are in
marsad.evaluate; this module runs it over the files given and reports.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

if __name__ == "__main__":  # run as a program: an entry point, before spaCy loads
    from marsad.torchless import lean_process

    lean_process()

from marsad.evaluate import (  # noqa: E402
    GOLD_DIR,
    PRF_FIELDS,
    GoldError,
    LangReport,
    Passage,
    Result,
    _claim_score,
    _fmt,
    _pairs,
    gate,
    load_gold,
    missed,
    run,
    score,
)

# ---------------------------------------------------------------------------
# Output


def _report_json(rep: LangReport) -> dict:
    fields = {}
    for name, c in rep.prf.items():
        if name in rep.scored:
            fields[name] = {"tp": c.tp, "fp": c.fp, "fn": c.fn,
                            "precision": c.precision, "recall": c.recall, "f1": c.f1}
    acc = {name: {"right": a.right, "total": a.total, "accuracy": a.value}
           for name, a in rep.acc.items() if a.total}
    return {"passages": rep.passages, "seconds": rep.seconds, "articles_per_second": rep.per_second,
            "fields": fields, "accuracy": acc, "line_break_crossings": rep.crossing}


def to_json(reports: dict[str, LangReport]) -> dict:
    """Machine-readable form of the reports."""
    out = {}
    for lang, rep in sorted(reports.items()):
        out[lang] = _report_json(rep)
        out[lang]["sets"] = {name: _report_json(sub) for name, sub in sorted(rep.sets.items())}
    return out


def _table_rows(label: str, rep: LangReport) -> list[str]:
    lines = []
    for name, c in rep.prf.items():
        if name in rep.scored:
            lines.append(f"{label:14}  {name:23} {_fmt(c.precision):>6} {_fmt(c.recall):>6} {_fmt(c.f1):>6}"
                         f" {c.tp:5d} {c.fp:5d} {c.fn:5d}")
    for name, a in rep.acc.items():
        if a.total:
            lines.append(f"{label:14}  {name:23} accuracy {_fmt(a.value)} ({a.right}/{a.total})")
    if rep.crossing:
        lines.append(f"{label:14}  {'line breaks':23} {rep.crossing} claim(s) cross one")
    rate = rep.per_second
    lines.append(f"{label:14}  {'speed':23} {rep.passages} passages, {rate:.1f} passages/s" if rate
                 else f"{label:14}  speed: -")
    return lines


def to_table(reports: dict[str, LangReport]) -> str:
    """Human-readable table of the reports: each language as a whole, then each of its gold sets."""
    lines = [f"{'lang / set':14}  {'field':23} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    for lang, rep in sorted(reports.items()):
        lines += _table_rows(lang, rep)
        lines.append("")
        if len(rep.sets) > 1:
            for name, sub in sorted(rep.sets.items()):
                lines += _table_rows(f"{lang} {name}"[:14], sub)
                lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def errors(results: Sequence[Result]) -> str:
    """The claim errors of each passage: missed and spurious claims, wrong kinds and speakers.

    Text read from the shared data (``ref`` records) is never printed: such
    passages show offsets and the gold annotation only.
    """
    lines = []
    for r in results:
        p, a = r.passage, r.analysis
        if p.claims is None:
            continue

        def show(c, p: Passage = p) -> str:
            where = f"[{c.start}:{c.end}]"
            return where if p.ref is not None else f"{where} {c.text[:90]!r}"

        pairs = _pairs(p.claims, a.claims, _claim_score)
        gi_done = {gi for gi, _ in pairs}
        pi_done = {pi for _, pi in pairs}
        out = []
        for gi, g in enumerate(p.claims):
            if gi not in gi_done:
                out.append(f"  missed {g['kind']:9} {g.get('speaker')!s:24} {g['text'][:90]!r}")
        for pi, c in enumerate(a.claims):
            if pi not in pi_done:
                sp = c.speaker.id if c.speaker else None
                out.append(f"  extra  {c.kind:9} {sp!s:24} cue={c.cue!r} {show(c)}")
        for gi, pi in pairs:
            g, c = p.claims[gi], a.claims[pi]
            sp = c.speaker.id if c.speaker else None
            sp_text = c.speaker.text if c.speaker else None
            if g["kind"] != c.kind:
                out.append(f"  kind   {g['kind']}→{c.kind} {g['text'][:90]!r}")
            if g.get("speaker") and g["speaker"] != sp:
                out.append(f"  speaker {g['speaker']}←{sp} ({g.get('speaker_text')!r}→"
                           f"{sp_text if p.ref is None else '…'!r}) {g['text'][:60]!r}")
        if out:
            lines.append(f"{p.id} ({p.lang} {p.set})")
            lines += out
    return "\n".join(lines) + ("\n" if lines else "")


def summarise_skipped(skipped: Sequence[str]) -> list[str]:
    """One line per reason for the skipped ``ref`` records, with their count and the first few records."""
    by_reason: dict[str, list[str]] = {}
    for msg in skipped:
        where, _, reason = msg.partition(" skipped: ")
        by_reason.setdefault(reason, []).append(where)
    out = []
    for reason, wheres in by_reason.items():
        shown = ", ".join(wheres[:3]) + (f" and {len(wheres) - 3} more" if len(wheres) > 3 else "")
        out.append(f"{len(wheres)} record(s) skipped ({shown}): {reason}")
    return out


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


def main(argv: list[str] | None = None) -> int:
    """Runs ``marsad eval`` with its own arguments; returns the exit status."""
    parser = argparse.ArgumentParser(prog="marsad eval", description="Score the NLP stage on the gold set.")
    parser.add_argument("files", nargs="*", type=Path, help=f"gold JSON-lines files (default: {GOLD_DIR}/*.jsonl)")
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON instead of a table")
    parser.add_argument("--min-f1", action="append", default=[], metavar="[FIELD=]X",
                        help="fail (exit 1) when an F1 is below X; repeatable; FIELD limits it to one field")
    parser.add_argument("--detect", action="store_true", help="detect each passage's language instead of giving it")
    parser.add_argument("--no-gate", action="store_true",
                        help="do not check the threshold table (marsad.evaluate.THRESHOLDS)")
    parser.add_argument("--errors", action="store_true", help="also list each passage's claim errors")
    parser.add_argument("--context", action="store_true",
                        help="analyse a sentence of a referenced document (NTREX) inside its whole document, as an "
                             "article is analysed, and score what falls inside the sentence")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    try:
        thresholds = _thresholds(args.min_f1)
    except argparse.ArgumentTypeError as e:
        parser.error(str(e))
    files = args.files or sorted(GOLD_DIR.glob("*.jsonl"))
    if not files:
        print(f"marsad eval: no gold files in {GOLD_DIR}", file=sys.stderr)
        return 2
    skipped: list[str] = []
    try:
        passages = load_gold(files, skipped=skipped)
    except (OSError, GoldError) as e:
        print(f"marsad eval: {e}", file=sys.stderr)
        return 2
    for msg in summarise_skipped(skipped):
        print(f"marsad eval: {msg}", file=sys.stderr)

    from marsad.nlp import analyze
    from marsad.nlp.language import detect_language

    # Load the models before the clock starts.
    analyze("Warm-up sentence, said the model.", "en")
    results = run(passages, lambda text, lang: analyze(text, lang), detect=args.detect, context=args.context)
    reports = score(results, detect=args.detect, detect_fn=detect_language)
    if args.json:
        print(json.dumps(to_json(reports), ensure_ascii=False, indent=2))
    else:
        print(to_table(reports), end="")
    if args.errors:
        print(errors(results), end="", file=sys.stderr if args.json else sys.stdout)
    failures = missed(reports, thresholds)
    if not args.no_gate:
        failures += gate(reports)
    for msg in failures:
        print(f"marsad eval: below threshold: {msg}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
