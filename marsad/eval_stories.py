"""`marsad eval-stories [FILE]`: score stories, copies and claim groups on a labelled set (tests/stories/).

The articles go through the real path: ``nlp.analyze``, ``marsad.documents``
and the bulk indexer with its story hook, into a throwaway set of indices on
the configured Elasticsearch (its own index prefix, removed afterwards). The
stored ``story``, ``duplicate_of`` and claim ``group`` are then scored as
tests/stories/README.md describes:

- stories: BCubed precision, recall and F1 over all articles;
- copies: an article is a predicted copy when ``duplicate_of`` is set, a true
  positive when it is labelled a copy and the target is in its copy family;
- claim groups: each labelled claim is matched to the stored claim of its
  article whose span overlaps it most; over all pairs of matched labelled
  claims of one story, pairwise precision and recall of "same group"
  (unmatched labelled claims count against recall).

``--batch`` sets the indexer's batch size (small batches exercise placing
across batches and the index refresh); ``--shuffle SEED`` sends the articles
in another order and also reports how far the grouping moved (BCubed F1 of
the two groupings against each other). ``--rebuild`` runs ``marsad stories
rebuild`` after indexing and scores the rebuilt grouping.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_FILE = Path(__file__).resolve().parent.parent / "tests" / "stories" / "dev.jsonl"


@dataclass
class Scores:
    """Everything the scoring command prints."""

    articles: int = 0
    bcubed_p: float = 0.0
    bcubed_r: float = 0.0
    bcubed_f1: float = 0.0
    copies_p: float = 0.0
    copies_r: float = 0.0
    copies_f1: float = 0.0
    groups_p: float = 0.0
    groups_r: float = 0.0
    claims_matched: int = 0
    claims_labelled: int = 0
    group_misses: dict = field(default_factory=dict)
    seconds: float = 0.0
    extra: dict = field(default_factory=dict)


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """Returns BCubed (precision, recall, F1) of a predicted clustering against a gold one (same items)."""
    items = sorted(gold)
    if not items:
        return 0.0, 0.0, 0.0
    by_pred: dict[str, set[str]] = {}
    by_gold: dict[str, set[str]] = {}
    for i in items:
        by_pred.setdefault(pred[i], set()).add(i)
        by_gold.setdefault(gold[i], set()).add(i)
    p = r = 0.0
    for i in items:
        cp, cg = by_pred[pred[i]], by_gold[gold[i]]
        both = len(cp & cg)
        p += both / len(cp)
        r += both / len(cg)
    p, r = p / len(items), r / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def copies_scores(pred: dict[str, str | None], gold: dict[str, str | None]) -> tuple[float, float, float]:
    """Returns copy-detection (precision, recall, F1): a hit is a labelled copy pointed into its family."""
    family = {i: (g or i) for i, g in gold.items()}
    tp = fp = fn = 0
    for i, g in gold.items():
        p = pred.get(i)
        if p and g and family.get(p) == family[i]:
            tp += 1
        elif p:
            fp += 1
            fn += bool(g)
        elif g:
            fn += 1
    return _f1(tp, fp, fn)


def _labelled_pairs(labelled: Iterable[tuple[str, str, str | None]]):
    """Every pair of labelled claims of one story: ((group, claim id), (group, claim id))."""
    by_story: dict[str, list[tuple[str, str | None]]] = {}
    for story, group, claim in labelled:
        by_story.setdefault(story, []).append((group, claim))
    for items in by_story.values():
        yield from itertools.combinations(items, 2)


def _grouped(ca: str | None, cb: str | None, group_of: dict[str, str]) -> bool:
    """Whether two matched claims were stored in one group."""
    return (ca is not None and cb is not None and ca != cb and group_of.get(ca) is not None
            and group_of.get(ca) == group_of.get(cb))


def group_scores(labelled: Iterable[tuple[str, str, str | None]], group_of: dict[str, str]) -> tuple[float, float]:
    """Returns pairwise (precision, recall) of claim groups.

    Args:
        labelled: (story label, group label, matched claim id or None) per labelled claim.
        group_of: the stored group of each claim id.
    """
    tp = fp = fn = 0
    for (ga, ca), (gb, cb) in _labelled_pairs(labelled):
        gold, pred = ga == gb, _grouped(ca, cb, group_of)
        tp += gold and pred
        fp += (not gold) and pred
        fn += gold and not pred
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r


MISS_REASONS = (
    ("not extracted", "a labelled claim has no extracted claim over it"),
    ("one extracted claim", "both labelled claims fall on one extracted claim"),
    ("stories apart", "their articles were placed in different stories"),
    ("no speaker", "an extracted claim has no speaker"),
    ("speakers differ", "the two extracted claims have different speaker ids"),
    ("kinds differ", "one is a denial, the other a statement"),
    ("words apart", "same story, speaker and kind, but not grouped"),
)


def group_misses(labelled: Iterable[tuple[str, str, str | None]], group_of: dict[str, str],
                 story_of: dict[str, str], claim_of: dict[str, dict]) -> dict[str, int]:
    """Counts the labelled pairs of one group left apart, by the first reason of MISS_REASONS that holds.

    Args:
        labelled: as for group_scores.
        group_of: the stored group of each claim id.
        story_of: the stored story of each claim id's article.
        claim_of: the stored claim (``kind``, ``speaker``) of each claim id.
    """
    out = dict.fromkeys((name for name, _ in MISS_REASONS), 0)
    for (ga, ca), (gb, cb) in _labelled_pairs(labelled):
        if ga != gb or _grouped(ca, cb, group_of):
            continue
        a, b = claim_of.get(ca or "", {}), claim_of.get(cb or "", {})
        speaker_a, speaker_b = (a.get("speaker") or {}).get("id"), (b.get("speaker") or {}).get("id")
        if ca is None or cb is None:
            reason = "not extracted"
        elif ca == cb:
            reason = "one extracted claim"
        elif story_of.get(ca) != story_of.get(cb):
            reason = "stories apart"
        elif not speaker_a or not speaker_b:
            reason = "no speaker"
        elif speaker_a != speaker_b:
            reason = "speakers differ"
        elif a.get("kind") != b.get("kind"):
            reason = "kinds differ"
        else:
            reason = "words apart"
        out[reason] += 1
    return out


def load(path: Path) -> list[dict]:
    """Returns the labelled articles of a JSON-lines file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def analyse(rows: list[dict]) -> dict[str, dict]:
    """Returns {labelled id: Analysis dict} from the real NLP stage."""
    from marsad.nlp import analyze

    return {r["id"]: analyze(r["text"], lang=r["lang"]).to_dict() for r in rows}


def index(es, rows: list[dict], analyses: dict[str, dict], spool: Path, batch: int, order: list[int]) -> None:
    """Writes the rows through the crawler's bulk indexer (stories on), in the given order."""
    from marsad import documents, store
    from marsad.indexer import Indexer, Unit

    indexer = Indexer(es, spool=spool, batch_size=batch)
    for i in order:
        r = rows[i]
        art = documents.Article(url=r["url"], title=r["title"], body=r["text"], lang=r["lang"], source=r["source"],
                                published=r["published"])
        indexer.add(Unit.build(art, analyses[r["id"]]))
    counts = indexer.close()
    if counts.spooled or counts.failed:
        raise RuntimeError(f"eval-stories: indexing spooled {counts.spooled}, failed {counts.failed}: {counts.errors}")
    es.indices.refresh(index=[store.alias(k) for k in store.KINDS])


def stored(es, rows: list[dict]) -> tuple[dict[str, dict], dict[str, str]]:
    """Returns ({labelled id: stored article fields}, {claim id: group}) read back from the index."""
    from marsad import documents, store

    ids = {documents.article_id(r["url"]): r["id"] for r in rows}
    docs = es.mget(index=store.alias("articles"), ids=list(ids),
                   source_includes=["id", "story", "duplicate_of", "analysis.claims.start", "analysis.claims.end",
                                    "analysis.claims.kind", "analysis.claims.speaker.id"])
    out = {ids[d["_id"]]: d["_source"] for d in docs["docs"] if d.get("found")}
    groups: dict[str, str] = {}
    from elasticsearch import helpers

    for hit in helpers.scan(es, index=store.alias("claims"), query={"query": {"terms": {"article_id": list(ids)}}},
                            _source=["id", "group"]):
        if hit["_source"].get("group"):
            groups[hit["_source"]["id"]] = hit["_source"]["group"]
    return out, groups


def score(rows: list[dict], docs: dict[str, dict], groups: dict[str, str]) -> Scores:
    """Scores stored stories, copies and claim groups against the labels."""
    from marsad import documents

    aid = {r["id"]: documents.article_id(r["url"]) for r in rows}
    back = {v: k for k, v in aid.items()}
    s = Scores(articles=len(rows))
    gold_story = {r["id"]: r["story"] for r in rows}
    pred_story = {r["id"]: (docs.get(r["id"]) or {}).get("story") or f"none:{r['id']}" for r in rows}
    s.bcubed_p, s.bcubed_r, s.bcubed_f1 = bcubed(pred_story, gold_story)
    pred_dup = {r["id"]: back.get((docs.get(r["id"]) or {}).get("duplicate_of") or "", None) for r in rows}
    s.copies_p, s.copies_r, s.copies_f1 = copies_scores(pred_dup, {r["id"]: r.get("duplicate_of") for r in rows})
    labelled = []
    story_of: dict[str, str] = {}
    claim_of: dict[str, dict] = {}
    for r in rows:
        spans = ((docs.get(r["id"]) or {}).get("analysis") or {}).get("claims") or []
        for n, span in enumerate(spans):
            story_of[f"{aid[r['id']]}-{n}"] = pred_story[r["id"]]
            claim_of[f"{aid[r['id']]}-{n}"] = span
        for c in r.get("claims") or []:
            s.claims_labelled += 1
            start = r["text"].find(c["text"])
            best, overlap = None, 0
            if start >= 0:
                end = start + len(c["text"])
                for n, span in enumerate(spans):
                    o = min(end, span.get("end") or 0) - max(start, span.get("start") or 0)
                    if o > overlap:
                        best, overlap = f"{aid[r['id']]}-{n}", o
            s.claims_matched += best is not None
            labelled.append((r["story"], c["group"], best))
    s.groups_p, s.groups_r = group_scores(labelled, groups)
    s.group_misses = group_misses(labelled, groups, story_of, claim_of)
    return s


def run(path: Path, batch: int = 5, shuffle: int | None = None, rebuild: bool = False,
        analyses: dict[str, dict] | None = None, keep: bool = False) -> Scores:
    """Indexes a labelled file into throwaway indices and returns its scores (see the module docstring)."""
    from marsad import config, store

    rows = load(path)
    analyses = analyses or analyse(rows)
    with config.override(config.INDEX_PREFIX, f"{store.prefix()}-eval-{uuid.uuid4().hex[:8]}"):
        return _score_in_throwaway_indices(path, rows, analyses, batch, shuffle, rebuild, keep)


def _score_in_throwaway_indices(path, rows, analyses, batch, shuffle, rebuild, keep) -> Scores:
    import tempfile

    from marsad import indices, store, storyrebuild

    es = store.client()
    try:
        indices.init(es)
        order = sorted(range(len(rows)), key=lambda i: rows[i]["published"])
        started = time.perf_counter()
        with tempfile.TemporaryDirectory() as spool:
            index(es, rows, analyses, Path(spool), batch, order)
            first = score(rows, *stored(es, rows))
            first.seconds = time.perf_counter() - started
            if shuffle is not None:
                docs, _ = stored(es, rows)
                before = {k: d.get("story") for k, d in docs.items()}
                for kind in ("articles", "claims", "stories"):
                    _clear(es, store.alias(kind))
                order = list(range(len(rows)))
                random.Random(shuffle).shuffle(order)
                index(es, rows, analyses, Path(spool), batch, order)
                shuffled = score(rows, *stored(es, rows))
                docs, _ = stored(es, rows)
                after = {k: docs[k].get("story") for k in before if k in docs}
                shuffled.extra["agreement_f1"] = bcubed(after, before)[2]
                shuffled.extra["in_order"] = first
                first = shuffled
            if rebuild:
                report = storyrebuild.rebuild(es)
                rebuilt = score(rows, *stored(es, rows))
                rebuilt.extra["rebuild"] = vars(report)
                rebuilt.extra["incremental"] = first
                first = rebuilt
        return first
    finally:
        if not keep:
            es.indices.delete(index=f"{store.prefix()}-*", ignore_unavailable=True, allow_no_indices=True)
            es.options(ignore_status=404).indices.delete_index_template(name=f"{store.prefix()}-*")


def _clear(es, alias: str) -> None:
    """Deletes every document behind an alias (no delete-by-query module on the integration node)."""
    from elasticsearch import helpers

    es.indices.refresh(index=alias)
    actions = [{"_op_type": "delete", "_index": alias, "_id": h["_id"]}
               for h in helpers.scan(es, index=alias, query={"query": {"match_all": {}}}, _source=False)]
    helpers.bulk(es, actions, raise_on_error=False)
    es.indices.refresh(index=alias)


def report(s: Scores, path: Path) -> str:
    lines = [
        f"{path}: {s.articles} articles, {s.seconds:.1f} s indexing",
        f"stories   BCubed  P {s.bcubed_p:.3f}  R {s.bcubed_r:.3f}  F1 {s.bcubed_f1:.3f}",
        f"copies            P {s.copies_p:.3f}  R {s.copies_r:.3f}  F1 {s.copies_f1:.3f}",
        f"claim groups pairwise P {s.groups_p:.3f}  R {s.groups_r:.3f}  "
        f"({s.claims_matched}/{s.claims_labelled} labelled claims matched to an extracted claim)",
    ]
    missed = sum(s.group_misses.values())
    if missed:
        lines.append(f"claim-group pairs left apart: {missed}, by first reason: " + ", ".join(
            f"{name} {s.group_misses[name]}" for name, _ in MISS_REASONS if s.group_misses.get(name)))
    if "agreement_f1" in s.extra:
        lines.append(f"order: shuffled vs publication order, BCubed F1 of the two groupings "
                     f"{s.extra['agreement_f1']:.3f}")
    if "rebuild" in s.extra:
        lines.append(f"rebuild: {s.extra['rebuild']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="marsad eval-stories", description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_FILE, help="labelled JSON lines")
    parser.add_argument("--batch", type=int, default=5, help="indexer batch size (default 5)")
    parser.add_argument("--shuffle", type=int, default=None, metavar="SEED", help="index in a shuffled order")
    parser.add_argument("--rebuild", action="store_true", help="score after `marsad stories rebuild`")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    s = run(args.file, args.batch, args.shuffle, args.rebuild)
    if args.json:
        print(json.dumps({k: v for k, v in vars(s).items() if k != "extra"} | {
            "extra": {k: (vars(v) if isinstance(v, Scores) else v) for k, v in s.extra.items()}}, default=str))
    else:
        print(report(s, args.file))
    return 0


if __name__ == "__main__":
    from marsad.torchless import lean_process

    lean_process()  # run as a program: an entry point (spaCy is imported by main, after this)
    sys.exit(main())
