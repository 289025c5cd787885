"""``marsad eval-parallel``: do the two sides of a translated news document get the same entity ids?

Usage::

    marsad eval-parallel [FILE] [--json] [--misses N] [--linked] [--split dev|blind|all] [--min-agreement X]

Reads NTREX (``parallel-news/ntrex-dev.tsv`` of the shared data, see
``marsad.config.shared_data_dir``): real English news documents, one sentence
a line, each with its professional Arabic translation
(``doc<TAB>english<TAB>arabic``). For every document the English sentences
and the Arabic sentences are joined with a newline and each text is analysed
whole with ``nlp.analyze`` in its language. The same real-world entities are
named on both sides, so a perfect system gives equal id sets.

Reported:

- **Jaccard**: |E ∩ A| / |E ∪ A| of the English and Arabic entity-id sets, the
  mean over documents (macro) and summed over documents (micro);
- **share**: |E ∩ A| / |E|, the part of the English ids that the Arabic side
  also produced, macro and micro;
- **id agreement on spans both sides found**: the two recognisers do not find
  the same spans, and a span one side misses costs Jaccard and share whatever
  the ids are. Mentions are therefore paired without looking at ids: in each
  sentence pair, the mentions of one label group (PERSON; ORG; GPE and LOC;
  MISC) are paired in text order when both sides found as many of that group.
  Over these pairs, the share whose two ids are equal (per mention pair, and
  per distinct English id) measures the ids alone;
- **misses**: the English ids most often absent from their translation, each
  with what the Arabic side produced in the same sentences (the paired
  mention's id when there is one, else every Arabic id there that the English
  side does not have).

The documents are split into two fixed halves (``split_documents``): a
development half (the 1st, 3rd, 5th … document of the file) to look at
misses and tune on, and a blind half (the 2nd, 4th …) scored only to report
a change; ``--split`` picks one (default: all), and misses are never listed
for the blind half.

Not measured: entity spans and labels against a gold standard (there is
none; only agreement of the two sides), figures and claims, and whether a
shared id is the right one. Both sides can agree on a wrong id.

Exit status: 0 done (and ``--min-agreement`` met), 1 below it, 2 the data
file is missing or malformed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from marsad.config import shared_data_dir

NTREX_FILE = Path("parallel-news") / "ntrex-dev.tsv"

# Label groups within which an English and an Arabic mention may be paired:
# the recognisers disagree on GPE vs LOC more often than they mean different things.
_GROUP = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "MISC": "MISC"}


class ParallelDataError(ValueError):
    """The parallel file is missing or malformed; the message names it."""


@dataclass
class Document:
    """One translated document: aligned sentence pairs."""

    id: str
    en: list[str] = field(default_factory=list)
    ar: list[str] = field(default_factory=list)


@dataclass
class Mention:
    """One entity mention located in a sentence of a side."""

    sentence: int
    start: int
    text: str
    label: str
    id: str


@dataclass
class DocResult:
    """Per-document comparison of the two sides."""

    id: str
    en_ids: set[str]
    ar_ids: set[str]
    pairs: list[tuple[Mention, Mention]]
    misses: dict[str, list[str]]

    @property
    def common(self) -> int:
        return len(self.en_ids & self.ar_ids)

    @property
    def union(self) -> int:
        return len(self.en_ids | self.ar_ids)


def default_path() -> Path:
    """Returns the NTREX file of the shared data directory."""
    return shared_data_dir() / NTREX_FILE


def load_documents(path: Path) -> list[Document]:
    """Reads ``doc<TAB>english<TAB>arabic`` lines (a header line first) into documents, in file order.

    Raises:
        ParallelDataError: when the file cannot be read or a line has not three fields.
    """
    docs: dict[str, Document] = {}
    try:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if n == 1 and line.split("\t")[:1] == ["doc"]:
                    continue
                if not line.strip():
                    continue
                parts = line.split("\t")
                if len(parts) != 3:
                    raise ParallelDataError(f"{path}:{n}: expected doc<TAB>english<TAB>arabic, got {len(parts)} fields")
                doc = docs.setdefault(parts[0], Document(parts[0]))
                doc.en.append(parts[1].strip())
                doc.ar.append(parts[2].strip())
    except OSError as e:
        raise ParallelDataError(f"cannot read {path}: {e}") from e
    if not docs:
        raise ParallelDataError(f"{path}: no documents")
    return list(docs.values())


SPLITS = ("all", "dev", "blind")


def split_documents(docs: Sequence[Document], split: str) -> list[Document]:
    """Returns one fixed half of the documents: ``dev`` the odd-numbered ones in file order
    (1st, 3rd, …), ``blind`` the even-numbered ones, ``all`` every document.

    Raises:
        ValueError: for another split name.
    """
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}: expected one of {', '.join(SPLITS)}")
    if split == "all":
        return list(docs)
    return [d for n, d in enumerate(docs, 1) if (n % 2 == 1) == (split == "dev")]


def _mentions(sentences: Sequence[str], entities: Iterable) -> list[Mention]:
    """Places each entity of the joined text in its sentence (the text is the sentences joined by newlines)."""
    starts = []
    pos = 0
    for s in sentences:
        starts.append(pos)
        pos += len(s) + 1
    out = []
    sent = 0
    for e in sorted(entities, key=lambda e: e.start):
        while sent + 1 < len(starts) and starts[sent + 1] <= e.start:
            sent += 1
        out.append(Mention(sent, e.start - starts[sent], e.text, e.label, e.id))
    return out


def pair_mentions(en: Sequence[Mention], ar: Sequence[Mention]) -> list[tuple[Mention, Mention]]:
    """Pairs English and Arabic mentions of one sentence pair without looking at their ids.

    Within a label group, the mentions are paired in text order when both sides
    have the same number of them; otherwise that group is left unpaired.
    """
    by_en: dict[tuple[int, str], list[Mention]] = defaultdict(list)
    by_ar: dict[tuple[int, str], list[Mention]] = defaultdict(list)
    for m in en:
        by_en[(m.sentence, _GROUP.get(m.label, m.label))].append(m)
    for m in ar:
        by_ar[(m.sentence, _GROUP.get(m.label, m.label))].append(m)
    pairs = []
    for k, ens in by_en.items():
        ars = by_ar.get(k, [])
        if ars and len(ars) == len(ens):
            pairs.extend(zip(sorted(ens, key=lambda m: m.start), sorted(ars, key=lambda m: m.start), strict=True))
    return pairs


def compare(doc: Document, en_entities: Iterable, ar_entities: Iterable) -> DocResult:
    """Compares the entities of the two sides of one document."""
    en = _mentions(doc.en, en_entities)
    ar = _mentions(doc.ar, ar_entities)
    en_ids = {m.id for m in en if m.id}
    ar_ids = {m.id for m in ar if m.id}
    pairs = pair_mentions(en, ar)
    partner = {(p.sentence, p.start): q for p, q in pairs}
    misses: dict[str, list[str]] = {}
    for m in en:
        if not m.id or m.id in ar_ids:
            continue
        got = misses.setdefault(m.id, [])
        q = partner.get((m.sentence, m.start))
        if q is not None:
            got.append(f"{q.text} → {q.id}")
            continue
        for a in ar:
            if a.sentence == m.sentence and a.id not in en_ids:
                got.append(f"{a.text} → {a.id}")
    return DocResult(doc.id, en_ids, ar_ids, pairs, misses)


def summarise(results: Sequence[DocResult], n_misses: int = 20) -> dict:
    """Returns the scores over all documents as a JSON-ready dict."""
    jac = [r.common / r.union for r in results if r.union]
    share = [r.common / len(r.en_ids) for r in results if r.en_ids]
    pairs = [p for r in results for p in r.pairs]
    same = sum(1 for e, a in pairs if e.id == a.id)
    # Per distinct English id of a document: agreed when any of its paired
    # Arabic mentions carries the same id.
    per_id: dict[tuple[str, str], bool] = {}
    for r in results:
        for e, a in r.pairs:
            per_id[(r.id, e.id)] = per_id.get((r.id, e.id), False) or e.id == a.id
    missed = Counter()
    produced: dict[str, Counter] = defaultdict(Counter)
    for r in results:
        for eid, near in r.misses.items():
            missed[eid] += 1
            produced[eid].update(set(near))
    return {
        "documents": len(results),
        "jaccard": {"macro": _mean(jac), "micro": _ratio(sum(r.common for r in results),
                                                          sum(r.union for r in results))},
        "share": {"macro": _mean(share), "micro": _ratio(sum(r.common for r in results),
                                                         sum(len(r.en_ids) for r in results))},
        "ids": {"en": sum(len(r.en_ids) for r in results), "ar": sum(len(r.ar_ids) for r in results),
                "common": sum(r.common for r in results)},
        "paired": {
            "mentions": len(pairs),
            "agreement": _ratio(same, len(pairs)),
            "en_ids": len(per_id),
            "id_agreement": _ratio(sum(per_id.values()), len(per_id)),
        },
        "misses": [
            {"id": eid, "documents": n, "arabic": [t for t, _ in produced[eid].most_common(3)]}
            for eid, n in sorted(missed.items(), key=lambda kv: (-kv[1], kv[0]))[:n_misses]
        ],
    }


def _mean(xs: Sequence[float]) -> float | None:
    return sum(xs) / len(xs) if xs else None


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def evaluate(docs: Sequence[Document], analyze_fn: Callable[[str, str], object]) -> list[DocResult]:
    """Analyses both sides of every document with ``analyze_fn(text, lang)`` and compares them."""
    results = []
    for doc in docs:
        en = analyze_fn("\n".join(doc.en), "en")
        ar = analyze_fn("\n".join(doc.ar), "ar")
        results.append(compare(doc, en.entities, ar.entities))
    return results


def evaluate_linked(docs: Sequence[Document], analyze_fn: Callable[[str, str], object]) -> list[DocResult]:
    """Like ``evaluate``, with the English coverage of every document known before the Arabic arrives.

    This is what the index does: once an English article has stored "Brett
    Kavanaugh", an Arabic article's بريت كافانو (romanised on its own as
    bret-cavanaugh) is matched to it across scripts and takes its id
    (``nlp.idmatch.match_id`` over the stored entities sharing one of its
    ``merge_keys``, with the indexer's own rule, ``nlp.idmatch.spelled_id``:
    the mentions of one Arabic id are one entity, tried under each of its
    spellings). The store here holds the English entities of all the
    documents, as an index holds other coverage.
    """
    from marsad.nlp.idmatch import spelled_id
    from marsad.nlp.translit import merge_keys

    english = [analyze_fn("\n".join(doc.en), "en") for doc in docs]
    store: dict[str, dict[str, tuple[str, list[str]]]] = defaultdict(dict)
    for analysis in english:
        for e in analysis.entities:
            for key in merge_keys(e.text, e.label):
                label, aliases = store[key].get(e.id, (e.label, []))
                store[key][e.id] = (label, aliases if e.text in aliases else [*aliases, e.text])
    known = {ident for bucket in store.values() for ident in bucket}
    results = []
    for doc, en in zip(docs, english, strict=True):
        ar = analyze_fn("\n".join(doc.ar), "ar")
        # One stored entity per id, with every spelling of it in the article, as the index keeps it.
        entities: dict[str, tuple[str, list[str]]] = {}
        for e in ar.entities:
            label, aliases = entities.setdefault(e.id, (e.label, []))
            if e.text not in aliases:
                aliases.append(e.text)
        mapping: dict[str, str] = {}
        for ident, (label, aliases) in entities.items():
            if ident in known:
                continue
            found: dict[str, tuple[str, list[str]]] = {}
            for key in {k for a in aliases for k in merge_keys(a, label)}:
                found.update(store.get(key, {}))
            candidates = [(i, lab, al) for i, (lab, al) in found.items()]
            target = spelled_id(label, aliases, candidates) if candidates else None
            if target:
                mapping[ident] = target
        for e in ar.entities:
            e.id = mapping.get(e.id, e.id)
        results.append(compare(doc, en.entities, ar.entities))
    return results


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def to_table(summary: dict) -> str:
    """Human-readable form of ``summarise``'s result."""
    j, s, p, ids = summary["jaccard"], summary["share"], summary["paired"], summary["ids"]
    lines = [
        f"documents            {summary['documents']}",
        f"entity ids           en {ids['en']}, ar {ids['ar']}, in both {ids['common']}",
        f"Jaccard              macro {_fmt(j['macro'])}   micro {_fmt(j['micro'])}",
        f"share of en in ar    macro {_fmt(s['macro'])}   micro {_fmt(s['micro'])}",
        f"paired mentions      {p['mentions']}, same id {_fmt(p['agreement'])}",
        f"paired en ids        {p['en_ids']}, same id {_fmt(p['id_agreement'])}",
    ]
    if summary["misses"]:
        lines += ["", "most frequent misses (English id, documents: what the Arabic side gave in the same sentences)"]
    for m in summary["misses"]:
        lines.append(f"  {m['id']:32} {m['documents']:2}: {' | '.join(m['arabic']) or '(nothing)'}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Runs ``marsad eval-parallel`` with its own arguments; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="marsad eval-parallel",
        description="Compare the entity ids of English news documents and their Arabic translations (NTREX).",
    )
    parser.add_argument(
        "file", nargs="?", type=Path, help=f"doc<TAB>en<TAB>ar file (default: <shared data>/{NTREX_FILE})",
    )
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON instead of a table")
    parser.add_argument("--misses", type=int, default=20, metavar="N", help="list the N most frequent misses")
    parser.add_argument("--linked", action="store_true",
                        help="match Arabic names to the English entities already seen, as the index does")
    parser.add_argument("--split", choices=SPLITS, default="all",
                        help="score the development half (odd documents), the blind half (even) or all (default)")
    parser.add_argument("--min-agreement", type=float, default=None, metavar="X",
                        help="fail (exit 1) when the id agreement on paired mentions is below X")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    try:
        docs = load_documents(args.file or default_path())
    except ParallelDataError as e:
        print(f"marsad eval-parallel: {e}", file=sys.stderr)
        return 2

    docs = split_documents(docs, args.split)
    if args.split == "blind":
        args.misses = 0  # the blind half is for scores only: its misses are not to be looked at

    from marsad.nlp import Options, analyze

    opts = Options(figures=False, claims=False)
    run = evaluate_linked if args.linked else evaluate
    summary = summarise(run(docs, lambda text, lang: analyze(text, lang, opts)), args.misses)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(to_table(summary), end="")
    agreement = summary["paired"]["agreement"]
    if args.min_agreement is not None and (agreement or 0.0) < args.min_agreement:
        print(f"marsad eval-parallel: id agreement {_fmt(agreement)} < {args.min_agreement}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    from marsad.torchless import lean_process

    lean_process()  # run as a program: an entry point (spaCy is imported by main, after this)
    sys.exit(main())
