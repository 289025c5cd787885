"""Learns Arabic → Latin transliteration of names from the shared name lists; writes two tables.

Sources (read at build time from ``marsad.config.shared_data_dir()``, never
shipped):

- ``names/wikidata-person-name-tokens.tsv``: person-name tokens of Wikidata
  labels, English ↔ Arabic, with counts (CC0 1.0);
- ``names/google-ar2en.tsv``: Arabic → Latin word pairs mined from Wikipedia
  (Apache 2.0).

Outputs (derived data, shipped with Marsad):

- ``translit_names.tsv``: every Arabic name word of the lists (normalised with
  ``nlp.normalize.normalize_arabic``, the article ال split off) with its usual
  Latin spelling: the spelling with the highest count over both lists, ties
  going to the one the model finds likelier (pairs it cannot align at all,
  translations and misaligned compounds, are left out);
- ``translit_variants.tsv``: the Arabic name words written in Latin in more
  than one way, each spelling attested at least ``VARIANT_MIN_COUNT`` times
  and aligned by the model (طارق: tarek, tariq, tareq, tarik, tarak): the
  name matcher takes any of them for the word (``nlp.translit._pair_loss``),
  so طارق عزت meets Tariq Ezzat as well as Tarek Ezzat;
- ``translit_model.tsv``: a joint trigram model over graphones (an Arabic
  letter or two with the Latin letters written for them), learned from the
  pairs: monotone many-to-many alignments by EM, then the Viterbi alignment of
  every pair, then Witten-Bell smoothed n-gram estimates. It spells words the
  table has not seen and gives the substitution weights of the name matcher
  (``nlp.translit_model.TranslitModel``).

10% of the Arabic words (a fixed seed; all spellings of one Arabic word on
the same side) are held out: the model is trained on the rest, and the
script prints, on the held-out words, the exact-match accuracy of the
spelling and the top-1 accuracy of matching an Arabic word among Latin names,
for today's rules (``nlp.translit.romanize`` and consonant skeletons) and the
learned model. The name table is written from all pairs.

Run from the repository root: ``make translit-data`` (or
``.venv/bin/python -m marsad.nlp.data.build_translit``; ``--eval-only`` scores
without writing). Deterministic: the same data give the same files.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from marsad.nlp import translit as T
from marsad.nlp import translit_model as M
from marsad.nlp.normalize import normalize_arabic

from marsad.config import shared_data_dir

HERE = Path(__file__).parent
NAMES_OUT = HERE / "translit_names.tsv"
MODEL_OUT = HERE / "translit_model.tsv"
WIKIDATA = Path("names") / "wikidata-person-name-tokens.tsv"
GOOGLE = Path("names") / "google-ar2en.tsv"

SEED = 20240613
HELD_OUT = 0.10
EM_PAIRS = 20_000  # pairs the alignment is learned on (all are then aligned)
EM_ITERATIONS = 6
ORDER = 3
MIN_COUNT = {3: 2}  # n-grams of this order seen fewer times are left out of the shipped model
POOL = 100  # Latin names each held-out Arabic word is matched among
VARIANTS_OUT = HERE / "translit_variants.tsv"
VARIANT_MIN_COUNT = 2  # a spelling seen once may be a slip or a misalignment
VARIANT_MAX_GAP = 3.0  # further than this per letter is a translation (سليمان: Solomon), not a spelling
MAX_GAP = 4.0  # pairs further than this below the best spelling, per letter, are noise

_AR_ONLY = re.compile(r"[^\u0621-\u064a]")
_NOT_LATIN = re.compile(r"[^a-z]")
# Latin spellings of the article when its lam is assimilated to a sun letter (ash-Sharif, ad-Din).
_SUN = ("sh", "th", "dh", "t", "d", "r", "z", "s", "n", "l")


def _latin(text: str) -> str:
    return _NOT_LATIN.sub("", T._latin_fold(text))


def split_article(arabic_raw: str, latin: str) -> tuple[str, str]:
    """Returns (Arabic, Latin) of a name word without the article ال, when the Arabic has it.

    The Arabic article is a bare alef + lam (أل/إل start names such as ألبرت
    and are kept); the Latin side loses al/el, or a vowel and a doubled sun
    letter (essid → sid), or keeps the word whole when it dropped the article.
    """
    ar = normalize_arabic(arabic_raw)
    ar = _AR_ONLY.sub("", ar)
    if not (arabic_raw.startswith("ال") and len(ar) > 4):
        return ar, latin
    stem = ar[2:]
    if latin[:2] in ("al", "el") and len(latin) > 4:
        return stem, latin[2:]
    for sun in _SUN:
        if latin[:1] in "ae" and latin[1:].startswith(sun + sun) and len(latin) > 4:
            return stem, latin[1 + len(sun):]
    return stem, latin


def read_pairs(data: Path) -> list[tuple[str, str, int]]:
    """Returns (normalised Arabic, Latin letters, count) for every usable line of both lists.

    Raises:
        SystemExit: when a list is missing (the message names it).
    """
    out: list[tuple[str, str, int]] = []
    for rel, arabic_col, latin_col, count_col in ((WIKIDATA, 1, 0, 2), (GOOGLE, 0, 1, None)):
        path = data / rel
        if not path.is_file():
            sys.exit(f"build_translit: {path} is missing (set MARSAD_SHARED_DATA to the shared data directory)")
        with open(path, encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) <= max(arabic_col, latin_col):
                    continue
                arabic_raw = parts[arabic_col].replace(" ", "").strip()
                latin = _latin(parts[latin_col])
                try:
                    count = int(parts[count_col]) if count_col is not None else 1
                except (ValueError, IndexError):
                    count = 1
                ar, lat = split_article(arabic_raw, latin)
                if len(ar) >= 2 and len(lat) >= 2 and len(lat) <= 3 * len(ar) + 3:
                    out.append((ar, lat, count))
    return out


def usual_spellings(pairs: list[tuple[str, str, int]], model: M.TranslitModel) -> dict[str, tuple[str, int]]:
    """Returns {Arabic: (usual Latin spelling, its count)}.

    The spelling with the highest count wins; ties go to the spelling the
    model finds likelier (then the alphabetically first). Pairs the model
    cannot align (``MAX_GAP``: a translation or a misaligned compound such
    as هدوء/calm) are left out, so a word whose only pair is such is not in
    the table and gets the model's spelling.
    """
    counts: dict[str, Counter] = defaultdict(Counter)
    for ar, lat, n in pairs:
        counts[ar][lat] += n
    out = {}
    for ar, c in counts.items():
        kept = [(n, model.score(ar, lat), lat) for lat, n in c.items() if model.gap(ar, lat) <= MAX_GAP]
        if kept:
            n, _, lat = min(kept, key=lambda x: (-x[0], -x[1], x[2]))
            out[ar] = (lat, n)
    return out


def spelling_variants(pairs: list[tuple[str, str, int]], model: M.TranslitModel) -> dict[str, list[str]]:
    """Returns {Arabic: its Latin spellings} for the words with two spellings or more, each counted at least
    ``VARIANT_MIN_COUNT`` times over both lists and within ``VARIANT_MAX_GAP`` of the model's best spelling
    (further off, it is a translation: سليمان as Solomon)."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for ar, lat, n in pairs:
        counts[ar][lat] += n
    out = {}
    for ar, c in counts.items():
        kept = sorted(lat for lat, n in c.items() if n >= VARIANT_MIN_COUNT and model.gap(ar, lat) <= VARIANT_MAX_GAP)
        if len(kept) > 1:
            out[ar] = kept
    return out


# ---------------------------------------------------------------------------
# alignment


def _edges(ar: str, lat: str):
    """Yields (i, j, i2, j2, graphone) of every allowed step of the alignment lattice."""
    n, m = len(ar), len(lat)
    for i in range(n):
        for j in range(m + 1):
            for dl in range(min(M._MAX_LATIN, m - j) + 1):
                yield i, j, i + 1, j + dl, ar[i] + "|" + lat[j : j + dl]


def em_align(pairs: list[tuple[str, str]], iterations: int) -> dict[str, float]:
    """Learns joint graphone probabilities by EM over all monotone alignments of the pairs."""
    prob: dict[str, float] = defaultdict(lambda: 1.0)
    for it in range(iterations):
        counts: dict[str, float] = defaultdict(float)
        loglik = 0.0
        for ar, lat in pairs:
            n, m = len(ar), len(lat)
            edges = [(i, j, i2, j2, g, prob[g]) for i, j, i2, j2, g in _edges(ar, lat)]
            alpha = defaultdict(float)
            alpha[(0, 0)] = 1.0
            for i, j, i2, j2, _g, p in sorted(edges, key=lambda e: (e[0], e[1])):
                a = alpha.get((i, j))
                if a:
                    alpha[(i2, j2)] += a * p
            total = alpha.get((n, m), 0.0)
            if total <= 0.0:
                continue
            loglik += math.log(total)
            beta = defaultdict(float)
            beta[(n, m)] = 1.0
            for i, j, i2, j2, _g, p in sorted(edges, key=lambda e: (-e[2], -e[3])):
                b = beta.get((i2, j2))
                if b:
                    beta[(i, j)] += b * p
            for i, j, i2, j2, g, p in edges:
                a, b = alpha.get((i, j)), beta.get((i2, j2))
                if a and b:
                    counts[g] += a * p * b / total
        norm = sum(counts.values())
        prob = defaultdict(float, {g: c / norm for g, c in counts.items()})
        print(f"  EM iteration {it + 1}: log-likelihood {loglik:.0f}, {len(prob)} graphones", file=sys.stderr)
    return dict(prob)


def viterbi(ar: str, lat: str, prob: dict[str, float]) -> list[str] | None:
    """Returns the most likely graphone sequence of one pair, or None when none exists."""
    best: dict[tuple[int, int], tuple[float, tuple[int, int] | None, str]] = {(0, 0): (0.0, None, "")}
    for i, j, i2, j2, g in sorted(_edges(ar, lat), key=lambda e: (e[0], e[1])):
        here = best.get((i, j))
        p = prob.get(g)
        if here is None or not p:
            continue
        s = here[0] + math.log(p)
        if (i2, j2) not in best or s > best[(i2, j2)][0]:
            best[(i2, j2)] = (s, (i, j), g)
    end = (len(ar), len(lat))
    if end not in best:
        return None
    out = []
    node: tuple[int, int] | None = end
    while node != (0, 0) and node is not None:
        _, prev, g = best[node]
        out.append(g)
        node = prev
    return out[::-1]


# ---------------------------------------------------------------------------
# n-gram model


def ngram_model(sequences: list[list[str]], order: int = ORDER) -> M.TranslitModel:
    """Returns a Witten-Bell smoothed joint n-gram model (back-off form) of graphone sequences."""
    counts: list[Counter] = [Counter() for _ in range(order + 1)]
    for seq in sequences:
        toks = [M._BOS] * (order - 1) + seq + [M._EOS]
        for i in range(order - 1, len(toks)):
            for n in range(1, order + 1):
                counts[n][tuple(toks[i - n + 1 : i + 1])] += 1
    # history → (total count, number of distinct followers), per order
    hist_total: dict[tuple[str, ...], int] = Counter()
    hist_types: dict[tuple[str, ...], int] = Counter()
    for n in range(2, order + 1):
        for ngram, c in counts[n].items():
            hist_total[ngram[:-1]] += c
            hist_types[ngram[:-1]] += 1
    total1 = sum(counts[1].values())
    logp: dict[tuple[str, ...], float] = {g: math.log(c / total1) for g, c in counts[1].items()}
    prob = {g: c / total1 for g, c in counts[1].items()}

    def lower(ngram: tuple[str, ...]) -> float:
        """P of the n-gram's last token given its shortened history (already estimated)."""
        h = ngram[1:-1]
        g = ngram[-1]
        while h and (*h, g) not in prob:
            h = h[1:]
        return prob.get((*h, g), math.exp(M._FLOOR))

    for n in range(2, order + 1):
        for ngram, c in counts[n].items():
            h = ngram[:-1]
            lam = hist_total[h] / (hist_total[h] + hist_types[h])
            prob[ngram] = lam * c / hist_total[h] + (1 - lam) * lower(ngram)
    kept = {g for g in prob if len(g) == 1 or counts[len(g)][g] >= MIN_COUNT.get(len(g), 1)}
    followers: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for g in kept:
        if len(g) > 1:
            followers[g[:-1]].append(g)
            logp[g] = math.log(prob[g])
    backoff: dict[tuple[str, ...], float] = {}
    for h, gs in followers.items():
        seen = sum(prob[g] for g in gs)
        seen_lower = sum(math.exp(_lower_logp(logp, backoff, g[1:])) for g in gs)
        if seen < 1.0 and seen_lower < 1.0:
            backoff[h] = math.log((1.0 - seen) / (1.0 - seen_lower))
    return M.TranslitModel(order, logp, backoff)


def _lower_logp(logp, backoff, ngram: tuple[str, ...]) -> float:
    bo = 0.0
    while ngram not in logp:
        if len(ngram) == 1:
            return bo + M._FLOOR
        bo += backoff.get(ngram[:-1], 0.0)
        ngram = ngram[1:]
    return bo + logp[ngram]


# ---------------------------------------------------------------------------
# evaluation


def _rule_spelling(ar: str) -> str:
    """The romanisation before the learned tables: the hand-written table, else letter by letter."""
    key = T._name_key(ar)
    if key in T._NAMES:
        return _latin(T._NAMES[key])
    return _latin(T._romanize_letters(key))


def _learned_spelling(ar: str, table: dict[str, tuple[str, int]], model: M.TranslitModel) -> str:
    key = T._name_key(ar)
    if key in T._NAMES:
        return _latin(T._NAMES[key])
    if ar in table:
        return table[ar][0]
    got = model.decode(ar)
    return got[0][0] if got else ""


def evaluate(held: dict[str, Counter], table: dict[str, tuple[str, int]], model: M.TranslitModel) -> dict:
    """Scores spelling and matching on the held-out Arabic words (table: from the training words only)."""
    rng = random.Random(SEED)
    words = sorted(held)
    usual = {ar: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for ar, c in held.items()}
    spelled = Counter()
    for ar in words:
        gold = held[ar]
        for name, guess in (
            ("rules", _rule_spelling(ar)),
            ("model", (model.decode(ar) or [("", 0.0)])[0][0]),
            ("tables+model", _learned_spelling(ar, table, model)),
        ):
            spelled[f"{name} usual"] += guess == usual[ar]
            spelled[f"{name} any"] += guess in gold
    # Matching: each held-out Arabic word among its usual Latin spelling and
    # POOL-1 other held-out spellings starting with a letter of the same
    # consonant class (the harder distractors), drawn with the fixed seed.
    latins = sorted(set(usual.values()))
    by_class: dict[str, list[str]] = defaultdict(list)
    for lat in latins:
        by_class[T.skeleton(lat)[:1]].append(lat)
    matched = Counter()
    for ar in words:
        right = usual[ar]
        others = [x for x in by_class[T.skeleton(right)[:1]] if x not in held[ar]]
        pool = [right, *rng.sample(others, min(POOL - 1, len(others)))]
        sk = T.skeleton(ar)
        rule = [-T._distance(sk, T.skeleton(x)) for x in pool]
        learned = [model.score(ar, x) for x in pool]
        for name, scores in (("rules", rule), ("model", learned)):
            top = max(scores)
            tied = [x for x, s in zip(pool, scores, strict=True) if s == top]
            matched[name] += (right in tied) / len(tied)
    # Accepting a pair (names_match): the true spelling, and up to 20 other
    # held-out spellings with the same merge key (the indexer's candidates).
    by_key: dict[str, list[str]] = defaultdict(list)
    for lat in latins:
        by_key[T.merge_key(lat)].append(lat)
    accepted = Counter()
    negatives = 0
    for ar in words:
        others = [x for x in by_key[T.merge_key(ar)] if x not in held[ar]][:20]
        negatives += len(others)
        for name, accept in (
            ("rules", lambda a, x: T.skeletons_match(T.skeleton(a), T.skeleton(x))),
            ("model", lambda a, x: model.gap(a, x) <= T.MATCH_GAP),
        ):
            accepted[f"{name} true"] += accept(ar, usual[ar])
            accepted[f"{name} false"] += sum(accept(ar, x) for x in others)
    return {
        "held-out words": len(words),
        "spelling": {k: v / len(words) for k, v in sorted(spelled.items())},
        "top-1 match": {k: v / len(words) for k, v in sorted(matched.items())},
        "accepted": {k: v / (negatives if k.endswith("false") else len(words)) for k, v in sorted(accepted.items())},
    }


# ---------------------------------------------------------------------------
# output


_NAMES_HEADER = """\
# Usual Latin spelling of Arabic name words, for ids and display names of
# names met only in Arabic (nlp.translit). Derived data: built by
# nlp/data/build_translit.py from the Wikidata person-name token pairs
# (CC0 1.0) and the Google Arabic→Latin transliteration pairs mined from
# Wikipedia (Apache 2.0; see ../shared/data/names/ and its licence files).
# Arabic is normalised (nlp.normalize.normalize_arabic) with the article ال
# removed; the spelling is the one with the highest count over both lists
# (ties: the one translit_model.tsv finds likelier; pairs it cannot align
# are left out), in lowercase ASCII. Columns: arabic, latin,
# count of that spelling. Regenerate with `make translit-data`.
"""

_VARIANTS_HEADER = f"""\
# Arabic name words with more than one usual Latin spelling (each counted at
# least {VARIANT_MIN_COUNT} times and within {VARIANT_MAX_GAP} per letter of translit_model.tsv's best
# spelling), for the name matcher
# (nlp.translit): any of them spells the word. Derived data: built by
# nlp/data/build_translit.py from the Wikidata person-name token pairs
# (CC0 1.0) and the Google Arabic→Latin transliteration pairs mined from
# Wikipedia (Apache 2.0). Arabic as in translit_names.tsv. Columns: arabic,
# spellings separated by commas. Regenerate with `make translit-data`.
"""

_MODEL_HEADER = """\
# Joint trigram model over graphones (Arabic chunk|Latin letters) that spells
# Arabic name words in Latin and weighs Arabic/Latin name pairs
# (nlp.translit.TranslitModel). Derived data: learned by
# nlp/data/build_translit.py (EM alignment, Witten-Bell smoothing) from the
# Wikidata person-name token pairs (CC0 1.0) and the Google Arabic→Latin
# transliteration pairs (Apache 2.0), 90% of the Arabic words (10% held out
# for its scores). Lines: n-gram (graphones separated by spaces), natural
# log-probability, back-off weight. Regenerate with `make translit-data`.
"""


def main(argv: list[str] | None = None) -> int:
    """Builds (or with --eval-only, only scores) the transliteration tables; returns the exit status."""
    parser = argparse.ArgumentParser(prog="build_translit", description=__doc__.split("\n")[0])
    parser.add_argument("--eval-only", action="store_true", help="score on the held-out words, write nothing")
    parser.add_argument("--variants-only", action="store_true",
                        help="write translit_variants.tsv with the shipped model, without learning it again")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    pairs = read_pairs(shared_data_dir())
    if args.variants_only:
        write_variants(pairs, M.learned_translit().model)
        return 0
    words = sorted({ar for ar, _, _ in pairs})
    random.Random(SEED).shuffle(words)
    held_words = set(words[: round(len(words) * HELD_OUT)])
    train = [p for p in pairs if p[0] not in held_words]
    held: dict[str, Counter] = defaultdict(Counter)
    for ar, lat, n in pairs:
        if ar in held_words:
            held[ar][lat] += n
    print(f"{len(pairs)} pairs, {len(words)} Arabic words; {len(held_words)} held out", file=sys.stderr)

    types = sorted({(ar, lat) for ar, lat, _ in train})
    sample = random.Random(SEED).sample(types, min(EM_PAIRS, len(types)))
    prob = em_align(sample, EM_ITERATIONS)
    sequences = [seq for ar, lat in types if (seq := viterbi(ar, lat, prob))]
    print(f"  aligned {len(sequences)} of {len(types)} training pairs", file=sys.stderr)
    model = ngram_model(sequences)
    print(f"  model: {len(model.logp)} n-grams ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)

    scores = evaluate(held, usual_spellings(train, model), model)
    print(f"held-out Arabic words: {scores['held-out words']}")
    for k, v in scores["spelling"].items():
        print(f"  spelling exact, {k:20} {v:.3f}")
    for k, v in scores["top-1 match"].items():
        print(f"  top-1 match among {POOL}, {k:8} {v:.3f}")
    for k, v in scores["accepted"].items():
        print(f"  pairs accepted as one name, {k:12} {v:.3f}  (false: other names with the same merge key)")
    if args.eval_only:
        return 0
    table = usual_spellings(pairs, model)
    lines = [f"{ar}\t{lat}\t{n}" for ar, (lat, n) in sorted(table.items())]
    NAMES_OUT.write_text(_NAMES_HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    MODEL_OUT.write_text(_MODEL_HEADER + "\n".join(model.to_lines()) + "\n", encoding="utf-8")
    write_variants(pairs, model)
    print(f"wrote {NAMES_OUT.name} ({len(table)} words) and {MODEL_OUT.name} ({len(model.logp)} n-grams) "
          f"in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return 0


def write_variants(pairs: list[tuple[str, str, int]], model: M.TranslitModel) -> None:
    """Writes translit_variants.tsv: the spellings of :func:`spelling_variants`, one Arabic word a line."""
    variants = spelling_variants(pairs, model)
    lines = [f"{ar}\t{','.join(spellings)}" for ar, spellings in sorted(variants.items())]
    VARIANTS_OUT.write_text(_VARIANTS_HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {VARIANTS_OUT.name} ({len(variants)} words)", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
