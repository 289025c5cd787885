"""Entity-replacement copies of the NER training sentences (``python -m marsad.nlp.ar.train --augment N``).

NewsFANE's training blocks hold about 2,100 person mentions, and the model
learns many of them by heart: on unseen news it finds the names it was shown
and misses most others. Each copy made here keeps a training sentence's
words and context and swaps its names for other names of the same label
(people only by default, see ``SWAPPED``):

- a mention of the training blocks themselves, drawn
  uniformly from the distinct mentions, so rare names weigh as much as
  frequent ones;
- for a person, half of the time, a name made of one to three person-name
  tokens of the Wikidata name list (CC0; ``../shared/data/names``), as many
  tokens as the mention it replaces had, or one more or fewer.

Only names that stand alone are swapped: a mention whose first word carries
a glued conjunction or preposition (وبالرياض, لمحمد) stays as written, since
cutting the clitic off a name is not always safe (وليد is a name, not و +
ليد). Mentions from the dev and test blocks are never used. Deterministic
for a given seed.
"""

from __future__ import annotations

import random
from pathlib import Path

from marsad.nlp.ar.corpus import Sentence, spans
from marsad.nlp.ar.words import stem
from marsad.nlp.normalize import normalize_arabic

__all__ = ["augment", "name_tokens"]

# Labels whose mentions are swapped by default. Chosen on the dev blocks: swapping people only
# raised person recall 0.527 -> 0.570 at the same micro F1; swapping every label but MISC (a mixed
# class: titles, events, products) lost 5 points on places, which the model learns best by heart.
SWAPPED = ("PERSON",)
# The labels that can be swapped.
SWAPPABLE = ("PERSON", "ORG", "GPE", "LOC")
# Share of a copy's eligible mentions that are swapped, and of swapped people given a Wikidata name.
SWAP_SHARE = 0.8
WIKIDATA_SHARE = 0.5
# Wikidata tokens seen fewer times than this are mostly one-off spellings.
MIN_NAME_COUNT = 3


def _stands_alone(word: str) -> bool:
    """True when a name's first word has no glued conjunction or preposition (the article is part of names)."""
    norm = normalize_arabic(word)
    base = stem(norm)
    return base == norm or norm == "ال" + base


def name_tokens(path: Path) -> list[str]:
    """Returns the Arabic person-name tokens of the Wikidata list seen at least ``MIN_NAME_COUNT`` times, sorted."""
    counts: dict[str, int] = {}
    for line in path.read_text("utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or not parts[2].isdigit():
            continue
        word = parts[1].replace(" ", "")
        if word:
            counts[word] = counts.get(word, 0) + int(parts[2])
    return sorted(w for w, c in counts.items() if c >= MIN_NAME_COUNT)


def augment(sentences: list[Sentence], copies: int, seed: int, names: list[str],
            labels: tuple[str, ...] = SWAPPED) -> list[Sentence]:
    """Returns ``copies`` swapped versions of every sentence that has a name to swap.

    Args:
        sentences: the training sentences (never dev or test).
        copies: how many swapped versions of each sentence.
        seed: the random seed (the same seed gives the same copies).
        names: person-name tokens for made-up names (``name_tokens``); may be empty.
        labels: the labels whose mentions are swapped.
    """
    pool: dict[str, set[tuple[str, ...]]] = {label: set() for label in labels}
    for s in sentences:
        for start, end, label in spans(s.tags):
            if label in pool and _stands_alone(s.tokens[start]):
                pool[label].add(tuple(s.tokens[start:end]))
    choices = {label: sorted(found) for label, found in pool.items()}
    rng = random.Random(seed)
    out: list[Sentence] = []
    for _ in range(copies):
        for s in sentences:
            tokens: list[str] = []
            tags: list[str] = []
            at = 0
            swapped = False
            for start, end, label in spans(s.tags):
                tokens += s.tokens[at:start]
                tags += s.tags[at:start]
                words = list(s.tokens[start:end])
                if label in pool and choices[label] and _stands_alone(words[0]) and rng.random() < SWAP_SHARE:
                    if label == "PERSON" and names and rng.random() < WIKIDATA_SHARE:
                        size = max(1, min(3, len(words) + rng.choice((-1, 0, 0, 1))))
                        words = [rng.choice(names) for _ in range(size)]
                    else:
                        words = list(rng.choice(choices[label]))
                    swapped = True
                tokens += words
                tags += [f"B-{label}"] + [f"I-{label}"] * (len(words) - 1)
                at = end
            if swapped:
                out.append(Sentence(tokens + s.tokens[at:], tags + s.tags[at:]))
    return out
