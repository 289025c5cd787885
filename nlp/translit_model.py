"""The learned Arabic-Latin transliteration model: a joint n-gram model over graphones and
the usual Latin spellings of Arabic name words, read from nlp/data/translit_*.tsv.
"""

from __future__ import annotations

import math
import re
import threading
from dataclasses import dataclass, field

# ---------------------------------------------------------------------------
# Learned transliteration (nlp/data/translit_*.tsv, built by nlp/data/build_translit.py)

# A graphone pairs one Arabic letter (of normalised text) with the Latin
# letters written for it, possibly none: "ك|c", "ي|ee", "ه|". (Two-letter
# Arabic chunks were tried: EM then prefers fewer, longer units and learns
# nothing general.)
# Sequences of graphones are modelled with a joint n-gram model, so the
# spelling of a letter depends on its neighbours (ي is "i" between
# consonants, "y" before a vowel letter).
_BOS, _EOS = "<s>", "</s>"
_FLOOR = -14.0  # log-probability of a graphone the model has never seen
_MAX_LATIN = 3  # longest Latin chunk of one graphone
_LOSS_CACHE = 200_000  # pairs (and words) ``TranslitModel.loss`` and ``score`` remember before starting afresh
_VARIANT_COST = 2.0  # log-probability a doubled letter or a silent e costs in matching
_AR_LETTERS = re.compile(r"[\u0621-\u064a]+")
_LATIN_LETTERS = re.compile(r"[a-z]+")


def graphone(arabic: str, latin: str) -> str:
    """Returns the token of one graphone (``"ك|k"``)."""
    return f"{arabic}|{latin}"


def _split_graphone(g: str) -> tuple[str, str]:
    a, _, lat = g.partition("|")
    return a, lat


class TranslitModel:
    """A joint n-gram model over graphones: decodes Arabic name words into Latin and scores pairs.

    Attributes:
        order: the n-gram order.
        logp: n-gram (tuple of graphone tokens) → natural log-probability.
        backoff: (n-1)-gram → natural log back-off weight.
        units: Arabic letter → its graphones, most frequent first (the decoder's options).
        cond: graphone → log P(Latin chunk | Arabic chunk), the substitution
            weights of ``score``.
    """

    def __init__(self, order: int, logp: dict[tuple[str, ...], float], backoff: dict[tuple[str, ...], float]):
        self.order = order
        self.logp = logp
        self.backoff = backoff
        counts: dict[str, list[tuple[float, str]]] = {}
        for ngram, lp in logp.items():
            if len(ngram) == 1 and ngram[0] not in (_BOS, _EOS):
                a, _ = _split_graphone(ngram[0])
                counts.setdefault(a, []).append((lp, ngram[0]))
        self.units = {a: [g for _, g in sorted(gs, key=lambda x: (-x[0], x[1]))] for a, gs in counts.items()}
        self.cond: dict[str, float] = {}
        for gs in counts.values():
            total = math.log(sum(math.exp(lp) for lp, _ in gs))
            for lp, g in gs:
                self.cond[g] = lp - total
        # English spells some sounds with a doubled letter or a silent e that
        # the person names learned from rarely show (Google غوغل: oo, le);
        # such variants of a known chunk cost a fixed penalty, no more.
        for g, lp in list(self.cond.items()):
            a, lat = _split_graphone(g)
            if lat and len(lat) < _MAX_LATIN:
                for variant in (lat + lat[-1], lat + "e"):
                    v = graphone(a, variant)
                    if self.cond.get(v, -math.inf) < lp - _VARIANT_COST:
                        self.cond[v] = lp - _VARIANT_COST
        self._best_cond = {a: max(self.cond[g] for g in gs) for a, gs in self.units.items()}
        # ``score``'s tables: Arabic letter → {Latin chunk: cost}, and the most one letter can add
        # (an unseen chunk costs _FLOOR, so never less than that).
        self._costs: dict[str, dict[str, float]] = {}
        for g, c in self.cond.items():
            a, lat = _split_graphone(g)
            self._costs.setdefault(a, {})[lat] = c
        self._gain = {a: max(c, _FLOOR) for a, c in self._best_cond.items()}
        # ``loss``'s memory: pair → exact loss, and pair → a limit its loss is known to exceed.
        self._losses: dict[tuple[str, str], float] = {}
        self._over: dict[tuple[str, str], float] = {}
        # ``score``'s memory of words: Arabic word → its letters' tables; Latin word → its chunks.
        self._words: dict[str, tuple] = {}
        self._chunks: dict[str, tuple] = {}

    # -- the n-gram model

    def prob(self, history: tuple[str, ...], g: str) -> float:
        """Returns log P(g | history) with back-off."""
        bo = 0.0
        while True:
            lp = self.logp.get((*history, g))
            if lp is not None:
                return bo + lp
            if not history:
                return bo + _FLOOR
            bo += self.backoff.get(history, 0.0)
            history = history[1:]

    def decode(self, word: str, n: int = 1, beam: int = 8, per_chunk: int = 8) -> list[tuple[str, float]]:
        """Returns the n most likely Latin spellings of one normalised Arabic word, with log-probabilities.

        Args:
            word: Arabic letters, normalised (``normalize_arabic``), no spaces.
            n: how many spellings to return.
            beam: hypotheses kept at each position of the word.
            per_chunk: graphones tried for each Arabic letter (the most frequent).

        Returns:
            Up to n ``(latin, log-probability)`` pairs, best first; empty when
            the word has no Arabic letters.
        """
        from marsad.nlp.translit import _romanize_letters

        word = "".join(_AR_LETTERS.findall(word))
        if not word:
            return []
        keep = self.order - 1
        states: list[dict[tuple[tuple[str, ...], str], float]] = [{} for _ in range(len(word) + 1)]
        states[0][((_BOS,), "")] = 0.0
        for i in range(len(word)):
            cur = sorted(states[i].items(), key=lambda kv: (-kv[1], kv[0][1]))[:beam]
            chunk = word[i]
            options = self.units.get(chunk, ())[:per_chunk] or [graphone(chunk, _romanize_letters(chunk))]
            nxt = states[i + 1]
            for (hist, lat), score in cur:
                for g in options:
                    s = score + self.prob(hist, g)
                    state = ((*hist, g)[-keep:], lat + _split_graphone(g)[1])
                    if s > nxt.get(state, -math.inf):
                        nxt[state] = s
        best: dict[str, float] = {}
        for (hist, lat), score in states[len(word)].items():
            s = score + self.prob(hist, _EOS)
            if lat and s > best.get(lat, -math.inf):
                best[lat] = s
        return sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:n]

    # -- substitution weights (a learned weighted edit distance)

    def score(self, arabic: str, latin: str, floor: float = -math.inf) -> float:
        """Returns the best log P(latin | arabic) over monotone alignments of graphones.

        Both are single words or names written without spaces: Arabic
        normalised, Latin lowercase ASCII letters. Substitutions the model
        has not seen cost ``_FLOOR`` for one Latin letter and are impossible
        for more, so unrelated names score far below spellings of each other.

        Args:
            arabic: normalised Arabic letters.
            latin: lowercase ASCII letters.
            floor: scores below it are not needed: the result is exact when it
                is at least ``floor``, else minus infinity (alignments that
                cannot reach ``floor`` any more are abandoned early).

        Returns:
            The log-probability, minus infinity when no alignment exists (or
            none reaches ``floor``).
        """
        n, m = len(arabic), len(latin)
        if not n or not m or m > _MAX_LATIN * n:
            return -math.inf
        neg = -math.inf
        letters, rest, _ = self._word_tables(arabic)
        # Latin chunks starting at each position, as (length, chunk); kept per word, so their hashes are too.
        chunks = self._chunks.get(latin)
        if chunks is None:
            if len(self._chunks) > _LOSS_CACHE:
                self._chunks.clear()
            chunks = self._chunks[latin] = tuple(
                tuple((dl, latin[j : j + dl]) for dl in range(1, min(_MAX_LATIN, m - j) + 1)) for j in range(m)
            )
        row = {0: 0.0}
        for i in range(n):
            table, stay = letters[i]
            # Cells from which the rest of the word can still be spelled: each letter writes at most _MAX_LATIN.
            lowest = m - _MAX_LATIN * (n - i - 1)
            # A partial alignment below this cannot reach floor: no letter adds more than its gain (a
            # small slack keeps rounding on the safe side).
            limit = floor - rest[i + 1] - 1e-9
            nxt: dict[int, float] = {}
            get = nxt.get
            for j, b in row.items():
                if j >= lowest:
                    v = b + stay
                    if v >= limit and v > get(j, neg):
                        nxt[j] = v
                if j < m:
                    for dl, chunk in chunks[j]:
                        c = table.get(chunk)
                        if c is None:
                            if dl > 1:
                                continue
                            c = _FLOOR
                        k = j + dl
                        v = b + c
                        if k >= lowest and v >= limit and v > get(k, neg):
                            nxt[k] = v
            if not nxt:
                return neg
            row = nxt
        got = row.get(m, neg)
        return got if got >= floor else neg

    def _word_tables(self, arabic: str) -> tuple[tuple[tuple[dict[str, float], float], ...], tuple[float, ...], float]:
        """Returns, for an Arabic word, each letter's (chunk costs, cost of writing nothing), the most
        the letters from each position on can add, and ``best_score``; remembered per word."""
        got = self._words.get(arabic)
        if got is None:
            if len(self._words) > _LOSS_CACHE:
                self._words.clear()
            letters = tuple((t, t.get("", _FLOOR)) for t in (self._costs.get(a, {}) for a in arabic))
            rest = [0.0] * (len(arabic) + 1)
            for i in range(len(arabic) - 1, -1, -1):
                rest[i] = rest[i + 1] + self._gain.get(arabic[i], _FLOOR)
            got = self._words[arabic] = (letters, tuple(rest), self.best_score(arabic))
        return got

    def best_score(self, arabic: str) -> float:
        """Returns the highest ``score`` any Latin string can get for this Arabic word (the reference of a gap)."""
        return sum(self._best_cond.get(a, _FLOOR) for a in arabic)

    def loss(self, arabic: str, latin: str, limit: float = math.inf) -> float:
        """Returns ``best_score(arabic) - score(arabic, latin)``, remembered, computed only as far as needed.

        Callers that compare a loss with a threshold pass it as ``limit``: a
        loss above it comes back as infinity, often long before the alignment
        is complete. Results are kept per pair (the indexer weighs the same
        word pairs for article after article), together with the largest
        limit a pair is known to exceed.

        Args:
            arabic: normalised Arabic letters.
            latin: lowercase ASCII letters.
            limit: the largest loss the caller needs exactly.

        Returns:
            The loss (0 for the best spelling) when it is at most ``limit``,
            else infinity.
        """
        key = (arabic, latin)
        exact = self._losses.get(key)
        if exact is not None:
            return exact if exact <= limit else math.inf
        if limit <= self._over.get(key, -math.inf):
            return math.inf
        best = self._word_tables(arabic)[2]
        # A little slack below the floor, so that rounding never drops a loss equal to the limit.
        got = best - self.score(arabic, latin, best - limit - 1e-6 if limit < math.inf else -math.inf)
        if len(self._losses) + len(self._over) > _LOSS_CACHE:
            self._losses.clear()
            self._over.clear()
        if got <= limit:
            self._losses[key] = got
            return got
        if got < math.inf:  # the whole alignment was done: keep the exact number
            self._losses[key] = got
        else:
            self._over[key] = limit
        return math.inf

    def gap(self, arabic: str, latin: str) -> float:
        """Returns how far below the best possible score a Latin spelling is, per Arabic letter (0 is best)."""
        from marsad.nlp.translit import _latin_fold

        arabic = "".join(_AR_LETTERS.findall(arabic))
        latin = "".join(_LATIN_LETTERS.findall(_latin_fold(latin)))
        if not arabic or not latin:
            return math.inf
        return (self.best_score(arabic) - self.score(arabic, latin)) / len(arabic)

    # -- files

    def to_lines(self) -> list[str]:
        """Returns the model as lines of ``n-gram<TAB>log-probability[<TAB>back-off]`` (graphones space-separated)."""
        out = [f"order\t{self.order}"]
        for ngram in sorted(self.logp, key=lambda g: (len(g), g)):
            line = f"{' '.join(ngram)}\t{self.logp[ngram]:.4f}"
            if ngram in self.backoff:
                line += f"\t{self.backoff[ngram]:.4f}"
            out.append(line)
        return out

    @classmethod
    def from_lines(cls, lines: list[str], where: str = "model") -> TranslitModel:
        """Reads what ``to_lines`` wrote; lines starting with ``#`` are comments.

        Raises:
            ValueError: on a malformed line, naming it.
        """
        order = 0
        logp: dict[tuple[str, ...], float] = {}
        backoff: dict[tuple[str, ...], float] = {}
        for n, line in enumerate(lines, 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            try:
                if parts[0] == "order":
                    order = int(parts[1])
                    continue
                ngram = tuple(parts[0].split(" "))
                logp[ngram] = float(parts[1])
                if len(parts) > 2:
                    backoff[ngram] = float(parts[2])
            except (IndexError, ValueError):
                raise ValueError(f"{where} line {n}: expected 'n-gram<TAB>logp[<TAB>backoff]', got {line!r}") from None
        if order < 1 or not logp:
            raise ValueError(f"{where}: no order line or no n-grams")
        return cls(order, logp, backoff)


@dataclass
class LearnedTranslit:
    """The shipped learned tables: usual spellings of Arabic name words, their other attested spellings,
    and the graphone model."""

    names: dict[str, str]
    model: TranslitModel
    variants: dict[str, frozenset[str]] = field(default_factory=dict)


_learned_lock = threading.Lock()
_learned: LearnedTranslit | None = None


def _data_lines(name: str) -> list[str]:
    from marsad.nlp import data

    return data.path(name).read_text(encoding="utf-8").splitlines()


def learned_translit() -> LearnedTranslit:
    """Returns the learned tables, reading nlp/data/translit_*.tsv on first use (about 0.2 s).

    Raises:
        ValueError: when a table is malformed (the message names the line).
    """
    global _learned
    if _learned is None:
        with _learned_lock:
            if _learned is None:
                names: dict[str, str] = {}
                for n, line in enumerate(_data_lines("translit_names.tsv"), 1):
                    if not line.strip() or line.startswith("#"):
                        continue
                    parts = line.split("\t")
                    if len(parts) != 3:
                        raise ValueError(f"translit_names.tsv line {n}: expected 'arabic<TAB>latin<TAB>count'")
                    names[parts[0]] = parts[1]
                variants: dict[str, frozenset[str]] = {}
                for n, line in enumerate(_data_lines("translit_variants.tsv"), 1):
                    if not line.strip() or line.startswith("#"):
                        continue
                    parts = line.split("\t")
                    if len(parts) != 2 or not parts[1]:
                        raise ValueError(f"translit_variants.tsv line {n}: expected 'arabic<TAB>latin,latin,...'")
                    variants[parts[0]] = frozenset(parts[1].split(","))
                model = TranslitModel.from_lines(_data_lines("translit_model.tsv"), "translit_model.tsv")
                _learned = LearnedTranslit(names, model, variants)
    return _learned
