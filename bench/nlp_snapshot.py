"""A behaviour lock for nlp/: analyse every text we have and write one canonical JSON of the results.

Run it before and after a change that must not alter behaviour (a move of
code between modules, say) and compare the two files byte for byte:

    python -m bench.nlp_snapshot /tmp/before.json
    ... change ...
    python -m bench.nlp_snapshot /tmp/after.json && cmp /tmp/before.json /tmp/after.json

The texts: the gold and held-out sets (tests/gold, tests/heldout), the story
sets (tests/stories), the demo site's articles (crawler/demo) and the NTREX
documents of the shared data (``MARSAD_SHARED_DATA``),
each document's English and Arabic sentences joined by newlines as
``marsad eval-parallel`` joins them. For each text it records the Analysis
(entities with ids, figures, claims with speakers), the entity documents the
indexer would write (ids, aliases, merge keys) and, for NTREX, the id that
``nlp.idmatch.match_id`` gives each Arabic entity among the English ones of
the same document. Texts that the NTREX file lacks are left out and said so
on stderr, so the snapshot is still comparable between runs on one machine.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = ("tests/gold", "tests/heldout", "tests/stories")


def _jsonl_texts() -> Iterator[tuple[str, str, str]]:
    for folder in SETS:
        for path in sorted((ROOT / folder).glob("*.jsonl")):
            rel = path.relative_to(ROOT).as_posix()
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if not line.strip():
                    continue
                row = json.loads(line)
                if not isinstance(row.get("text"), str) or not row["text"].strip():
                    continue
                key = f"{rel}:{n}:{row.get('id', '')}"
                yield key, row.get("lang") or "auto", row["text"]
                if isinstance(row.get("title"), str) and row["title"].strip():
                    yield key + ":title", row.get("lang") or "auto", row["title"]


def _demo_texts() -> Iterator[tuple[str, str, str]]:
    from marsad.crawler.demo import site

    for a in site.articles():
        key = f"demo:{a.outlet.key}/{a.slug}"
        yield key, a.lang, a.headline + "\n\n" + "\n\n".join(a.paragraphs)


def _ntrex_docs() -> list:
    from marsad.eval_parallel import default_path, load_documents

    path = default_path()
    if not path.exists():
        print(f"nlp_snapshot: {path} is missing; NTREX left out", file=sys.stderr)
        return []
    return load_documents(path)


def _record(text: str, lang: str) -> dict:
    from marsad.nlp import AnalysisError, analyze

    from marsad.documents import entity_documents

    try:
        analysis = analyze(text, lang).to_dict()
    except AnalysisError as e:
        return {"error": str(e)}
    return {"analysis": analysis, "entity_documents": entity_documents(analysis, seen="2000-01-01T00:00:00Z")}


def _cross_ids(ar: dict, en: dict) -> list[list]:
    from marsad.nlp.idmatch import match_id

    if "analysis" not in ar or "analysis" not in en:
        return []
    candidates = [(e["id"], e["label"], [e["name"], e["text"]]) for e in en["analysis"]["entities"]]
    return [[e["text"], e["id"], match_id(e["name"], e["label"], candidates)] for e in ar["analysis"]["entities"]]


def snapshot() -> dict:
    """Returns {text key: record} over every text, in a fixed order."""
    out: dict[str, dict] = {}
    for key, lang, text in [*_jsonl_texts(), *_demo_texts()]:
        out[key] = _record(text, lang)
    for doc in _ntrex_docs():
        en = _record("\n".join(doc.en), "en")
        ar = _record("\n".join(doc.ar), "ar")
        out[f"ntrex:{doc.id}:en"] = en
        out[f"ntrex:{doc.id}:ar"] = ar
        out[f"ntrex:{doc.id}:match_id"] = {"ar_to_en": _cross_ids(ar, en)}
    return out


def main(argv: list[str] | None = None) -> int:
    """Writes the snapshot to the given path and prints its size and SHA-256."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="where to write the canonical JSON")
    args = parser.parse_args(argv)
    data = json.dumps(snapshot(), ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
    args.out.write_bytes(data)
    print(f"{args.out}: {len(data)} bytes, {len(json.loads(data))} texts, sha256 {hashlib.sha256(data).hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
