"""Trains the claim-kind model (nlp/kind_model.py) on the development gold and writes nlp/data/kind_model.tsv.

    python -m marsad.train_kinds [--cv] [--out FILE]

Every claim of the development gold (tests/gold/*.jsonl with claims: its
span, cue and kind, in its passage) is one example: a denial or not. One
L2-regularised logistic regression per language (L-BFGS, from zero, in a
fixed feature order) gives the weights; weights under 0.0005 are left out. The same
gold gives the same file. ``--cv`` prints, instead,
the five-fold cross-validated scores of the model alone on the system's own
claims of the gold (folds by passage), and of the rules or the model, for each
threshold: how the threshold in nlp/kind_model.py was chosen. (They leave out
the two exceptions nlp.claims makes: a claim whose cue makes a charge, and a
negated claim in an article that reports none.) The held-out sets (tests/heldout) are never
read here.
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import random
import sys
from collections.abc import Sequence
from pathlib import Path

from marsad import evaluate
from marsad.nlp import data, kind_model
from marsad.nlp.segment import split_sentences

# Inverse regularisation strength: from a scan of 0.3, 1, 3 and 10 on the cross-validation's folds (the model
# alone scored within 0.02 of F1 across them).
C = 3.0
_DECIMALS = 4  # weights are rounded so, which keeps the table the same across numeric libraries' last digits
_SMALLEST = 0.0005
# L-BFGS-B stops when the loss changes by less than 1e-14 relatively or the gradient is under 1e-9; the
# weights then agree with the exact optimum to about 1e-5, below the rounding.
_OPTIONS = {"maxiter": 10_000, "gtol": 1e-9, "ftol": 1e-14}
_LANGS = ("en", "ar")


def gold_files(gold_dir: Path = evaluate.GOLD_DIR) -> list[Path]:
    """The development gold files that hold claims."""
    return [p for p in sorted(gold_dir.glob("*.jsonl"))
            if p.name.startswith(("claims_", "denials", "articles_", "kinds_"))]


def examples(passages: Sequence[evaluate.Passage], lang: str) -> tuple[list[set[str]], list[bool]]:
    """The features and labels (denial or not) of every gold claim of one language."""
    xs, ys = [], []
    for p in passages:
        if p.lang != lang or not p.claims:
            continue
        sentences = split_sentences(p.text)
        for g in p.claims:
            xs.append(kind_model.features(p.text, lang, g["start"], g["end"], g.get("cue") or "", sentences))
            ys.append(g["kind"] == "denial")
    return xs, ys


def fit(xs: list[set[str]], ys: list[bool]) -> tuple[dict[str, float], float]:
    """One language's weights and bias: the minimum of the L2-regularised logistic loss (the bias not
    regularised), found by L-BFGS from zero."""
    import numpy as np
    from scipy import sparse
    from scipy.optimize import minimize
    from scipy.special import expit, log_expit

    names = sorted(set().union(*xs))
    column = {f: i for i, f in enumerate(names)}
    rows = [i for i, x in enumerate(xs) for _ in x]
    cols = [column[f] for x in xs for f in sorted(x)]
    matrix = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(xs), len(names)))
    sign = np.where(np.array(ys), 1.0, -1.0)

    def loss(theta):
        w, b = theta[:-1], theta[-1]
        margin = sign * (matrix @ w + b)
        g = -C * sign * expit(-margin)
        return 0.5 * w @ w - C * log_expit(margin).sum(), np.append(w + matrix.T @ g, g.sum())

    result = minimize(loss, np.zeros(len(names) + 1), jac=True, method="L-BFGS-B", options=_OPTIONS)
    if not result.success:
        raise RuntimeError(f"the kind model did not converge: {result.message}")
    weights = {f: round(float(w), _DECIMALS) for f, w in zip(names, result.x[:-1], strict=True)
               if abs(w) >= _SMALLEST}
    return weights, round(float(result.x[-1]), _DECIMALS)


def train(passages: Sequence[evaluate.Passage]) -> kind_model.KindModel:
    weights, bias = {}, {}
    for lang in _LANGS:
        xs, ys = examples(passages, lang)
        weights[lang], bias[lang] = fit(xs, ys)
    return kind_model.KindModel(weights, bias)


def digest(passages: Sequence[evaluate.Passage]) -> str:
    """A SHA-256 of what training reads (every example's features and label, per language) and of how it
    trains (C, the optimiser's tolerances, the smallest weight kept): the table records it, and a test
    compares it with today's gold and code, so stale weights are caught without training again."""
    h = hashlib.sha256(f"C={C} options={sorted(_OPTIONS.items())} smallest={_SMALLEST} decimals={_DECIMALS}\n"
                       .encode())
    h.update(inspect.getsource(fit).encode())  # and the training code itself
    for lang in _LANGS:
        xs, ys = examples(passages, lang)
        for x, y in zip(xs, ys, strict=True):
            h.update(f"{lang}\t{int(y)}\t{' '.join(sorted(x))}\n".encode())
    return h.hexdigest()


def weights_digest(rows: Sequence[Sequence[str]]) -> str:
    """A SHA-256 of a table's weight rows: the table records it, so a hand edit shows."""
    return hashlib.sha256("\n".join("\t".join(r) for r in rows).encode()).hexdigest()


def recorded(path: Path, what: str) -> str | None:
    """A digest line of a table's head ("training digest", "weights digest"), or None."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith(f"# {what}: "):
                return line.split(": ", 1)[1].strip()
            if not line.startswith("#"):
                return None
    return None


def write(model: kind_model.KindModel, out: Path, passages: Sequence[evaluate.Passage]) -> None:
    counts = {lang: examples(passages, lang)[1] for lang in _LANGS}
    head = [
        "# Marsad's claim-kind model (nlp/kind_model.py): logistic regression weights, one row a feature.",
        "# Built by `make train-kinds` (python -m marsad.train_kinds) from the development gold in tests/gold,",
        "# written for Marsad; some of its passages are NTREX-128 sentences (Microsoft, CC BY-SA 4.0), so",
        "# these weights are shared under CC BY-SA 4.0. Do not edit by hand.",
        *(f"# {lang}: {len(ys)} claims, {sum(ys)} denials, {len(model.weights[lang])} weights" for lang, ys in
          counts.items()),
        f"# training digest: {digest(passages)}",
        f"# weights digest: {weights_digest(model.rows())}",
        "# language\tfeature\tweight",
    ]
    out.write_text("\n".join(head + ["\t".join(r) for r in model.rows()]) + "\n", encoding="utf-8")


def cross_validate(passages: Sequence[evaluate.Passage], folds: int = 5,
                   thresholds: Sequence[float] = (0.4, 0.5, 0.6, 0.7)) -> list[str]:
    """Five-fold scores of the model alone (denial P/R/F1 on the system's claims) per language and threshold."""
    from marsad.nlp.pipeline import analyze

    lines = []
    for lang in _LANGS:
        mine = [p for p in passages if p.lang == lang and p.claims is not None]
        order = list(range(len(mine)))
        random.Random(7).shuffle(order)
        fold = {i: n % folds for n, i in enumerate(order)}
        with kind_model.rules_only():
            analyses = [analyze(p.text, lang) for p in mine]
        probs: dict[tuple[int, int], float] = {}
        for k in range(folds):
            weights, bias = fit(*examples([p for i, p in enumerate(mine) if fold[i] != k], lang))
            m = kind_model.KindModel({lang: weights}, {lang: bias})
            for i, p in enumerate(mine):
                if fold[i] != k:
                    continue
                sentences = split_sentences(p.text)
                for ci, c in enumerate(analyses[i].claims):
                    probs[(i, ci)] = m.probability(lang, kind_model.features(
                        p.text, lang, c.start, c.end, c.cue, sentences)) or 0.0
        for th in thresholds:
            for name, with_rules in (("model", False), ("rules or model", True)):
                counts = evaluate.Counts()
                for i, p in enumerate(mine):
                    gold = [g for g in p.claims if g["kind"] == "denial"]
                    pred = [c for ci, c in enumerate(analyses[i].claims)
                            if (with_rules and c.kind == "denial") or probs[(i, ci)] >= th]
                    n = len(evaluate._pairs(gold, pred, evaluate._claim_score))
                    counts.add(n, len(pred) - n, len(gold) - n)
                prec, rec, f1 = (x or 0.0 for x in (counts.precision, counts.recall, counts.f1))
                lines.append(f"{lang}  threshold {th:.1f}  {name:<15} P {prec:.3f}  R {rec:.3f}  F1 {f1:.3f}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m marsad.train_kinds", description=__doc__.split("\n")[0])
    parser.add_argument("--cv", action="store_true", help="print cross-validated scores instead of training")
    parser.add_argument("--out", type=Path, default=data.path(kind_model.MODEL_FILE), help="where the table goes")
    args = parser.parse_args(argv)
    passages = evaluate.load_gold(gold_files())
    if args.cv:
        print("\n".join(cross_validate(passages)))
        return 0
    model = train(passages)
    write(model, args.out, passages)
    print(f"wrote {args.out}: " + ", ".join(f"{lang} {len(model.weights[lang])} weights" for lang in _LANGS),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
