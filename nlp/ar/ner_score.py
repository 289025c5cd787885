"""Scores Arabic NER on NewsFANE's test blocks: the model, the rules, and the two combined.

Spans are compared on Marsad's tokens of each sentence (a corpus word is one or
more of them), exactly, with GPE and LOC counted as one label ("GPE+LOC":
the corpus and Marsad draw the line between them differently, and users
filter places as one). NewsFANE's spans include a name's proclitics
("ولبنان"), so a prediction is widened to whole corpus words before it is
compared; that is what "exact" means here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from marsad.nlp.ar import corpus
from marsad.nlp.tokens import Token, tokenize

__all__ = ["LABELS", "prf", "score_sentences", "score_table", "gold_spans"]

LABELS = ("PERSON", "ORG", "GPE+LOC", "MISC")

Span = tuple[int, int, str]


def _merged(label: str) -> str:
    return "GPE+LOC" if label in ("GPE", "LOC") else label


def gold_spans(tags: list[str]) -> set[Span]:
    """Returns the (start token, end token, label) spans of a BIO tag list, GPE and LOC as one label."""
    return {(start, end, _merged(label)) for start, end, label in corpus.spans(tags)}


def _word_bounds(sentence: corpus.Sentence) -> tuple[list[int], list[int]]:
    """For each model token: the index of the first and one past the last token of its corpus word."""
    first, last = [], []
    pos = 0
    for word in sentence.tokens:
        n = len(tokenize(word))
        first += [pos] * n
        last += [pos + n] * n
        pos += n
    return first, last


def char_to_tokens(tokens: list[Token], start: int, end: int) -> tuple[int, int] | None:
    """Returns the token range [i, j) covering characters start..end, or None."""
    i = next((k for k, t in enumerate(tokens) if t.end > start), None)
    j = next((k + 1 for k in range(len(tokens) - 1, -1, -1) if tokens[k].start < end), None)
    if i is None or j is None or j <= i:
        return None
    return i, j


def prf(gold: Iterable[set[Span]], pred: Iterable[set[Span]]) -> dict:
    """Returns per-label and micro precision, recall, F1 and counts."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=True):
        for s in p:
            (tp if s in g else fp)[s[2]] += 1
        for s in g - p:
            fn[s[2]] += 1
    out = {}
    for label in (*LABELS, "micro"):
        t = sum(tp.values()) if label == "micro" else tp[label]
        f_p = sum(fp.values()) if label == "micro" else fp[label]
        f_n = sum(fn.values()) if label == "micro" else fn[label]
        p = t / (t + f_p) if t + f_p else 0.0
        r = t / (t + f_n) if t + f_n else 0.0
        out[label] = {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
                      "gold": t + f_n, "pred": t + f_p}
    return out


def _widen(spans: Iterable[Span], first: list[int], last: list[int]) -> set[Span]:
    return {(first[i], last[j - 1], _merged(label)) for i, j, label in spans}


def score_sentences(test: list[corpus.Sentence], model_dir: Path | None = None) -> dict:
    """Scores the model, the rules and the combination on annotated sentences.

    Args:
        test: annotated sentences (NewsFANE's test blocks for the reported scores).
        model_dir: the model to load (default: the shipped one).

    Returns:
        {"model": prf, "rules": prf, "combined": prf, "sentences": n}
    """
    from marsad.nlp.ar import ner

    texts = [" ".join(s.tokens) for s in test]
    runs = [tokenize(text) for text in texts]
    # The model runs once over the corpus, in batches; the combination reads its spans.
    predicted = ner.predict_many(runs, model_dir)
    systems: dict[str, Callable[[str, list[Token], list[Span]], list[Span]]] = {
        "model": lambda text, toks, found: found,
        "rules": lambda text, toks, found: _rule_spans(text, toks),
        "combined": lambda text, toks, found: _combined(text, toks, model_dir, found),
    }
    golds: list[set[Span]] = []
    preds: dict[str, list[set[Span]]] = {name: [] for name in systems}
    for s, text, run, found in zip(test, texts, runs, predicted, strict=True):
        toks, tags = corpus.model_tokens(s)
        if [t.text for t in run] != [t.text for t in toks]:
            raise AssertionError(f"tokenization differs on {text[:60]!r}")
        golds.append(gold_spans(tags))
        first, last = _word_bounds(s)
        for name, fn in systems.items():
            preds[name].append(_widen(fn(text, run, found), first, last))
    return {**{name: prf(golds, p) for name, p in preds.items()}, "sentences": len(test)}


def _spans_to_tokens(spans, toks: list[Token]) -> list[Span]:
    out = []
    for s in spans:
        r = char_to_tokens(toks, s.start, s.end)
        if r:
            out.append((r[0], r[1], s.label))
    return out


def _rule_spans(text: str, toks: list[Token]) -> list[Span]:
    from marsad.nlp.ar.entities import _rule_arabic_spans

    return _spans_to_tokens(_rule_arabic_spans(text), toks)


def _combined(text: str, toks: list[Token], model_dir: Path | None, found: list[Span]) -> list[Span]:
    from marsad.nlp.ar.entities import _arabic_spans

    return _spans_to_tokens(_arabic_spans(text, model_dir=model_dir, predicted=found), toks)


def score_table(scores: dict) -> str:
    """Formats score_test's result as a text table."""
    head = f"{scores.get('split', 'NewsFANE')} ({scores['sentences']} sentences), exact spans, GPE and LOC as one label"
    lines = [head,
             f"{'system':<10} {'label':<8} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}"]
    for name in ("model", "rules", "combined"):
        if name not in scores:
            continue
        for label in (*LABELS, "micro"):
            s = scores[name][label]
            lines.append(f"{name:<10} {label:<8} {s['p']:>6.3f} {s['r']:>6.3f} {s['f1']:>6.3f} "
                         f"{s['gold']:>5} {s['pred']:>5}")
    return "\n".join(lines)
