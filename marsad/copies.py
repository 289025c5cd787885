"""Near-duplicate detection: MinHash signatures and LSH band keys over word shingles of the search form.

A syndicated copy is the same wire text with a new headline, a dateline or
credit line changed, an editor's intro added or a paragraph dropped, and in
some outlets every digit rewritten in Arabic-Indic. The search form
(``nlp.normalize.search_form``) folds digits, Arabic spelling variants and
inflections, so word 3-shingles of it survive those edits; a MinHash of the
shingle set estimates the Jaccard similarity of two bodies from 128 numbers.

LSH makes the lookup flat in cost: the signature is cut into bands (the band
count and width datasketch's ``MinHashLSH`` optimiser chooses for the
threshold), each band hashed to a short key stored with the article; an
earlier copy shares at least one band key with high probability, so the
candidates are the articles sharing a key (an Elasticsearch ``terms``
query, or a datasketch ``MinHashLSH`` in memory) and the signatures decide.

The decision uses both the estimated Jaccard similarity and the containment
of the smaller shingle set in the larger (a copy with two of six paragraphs
cut has Jaccard 0.6 but containment near 1). Independent reports of one event
and follow-ups that repeat a background paragraph stay well below both.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # datasketch imports scipy (~0.8 s): loaded on first use, not by every process that imports this
    from datasketch import MinHash

from nlp.normalize import search_form

NUM_PERM = 128
SEED = 14
SHINGLE = 3
# The LSH is tuned for pairs with Jaccard ≥ 0.3 (37 bands of 3 rows): copies
# sit far above, so a band collision finds them with probability > 0.99.
LSH_THRESHOLD = 0.3
# Decision on the estimated similarities of a candidate pair.
MIN_JACCARD = 0.45
MIN_CONTAINMENT = 0.75
MIN_JACCARD_CONTAINED = 0.3
# Shorter texts are not compared: a headline-sized body says too little.
MIN_SHINGLES = 12


@lru_cache(maxsize=1)
def _lsh_params() -> tuple[int, int]:
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


@lru_cache(maxsize=1)
def _template() -> MinHash:
    # The permutations depend only on the seed; build them once and copy.
    # datasketch 2's hashing scheme (affine32); stored signatures are only comparable within one scheme.
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32")


def _given(value):
    return value


@lru_cache(maxsize=1)
def _hashed_template() -> MinHash:
    # The same permutations, fed hash values made here (``_hash32s``) instead of hashing one value at a time.
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32", hashfunc=_given)


def _hash32s(values: Iterable[bytes]) -> np.ndarray:
    """Returns datasketch's default hash of each value (sha1_hash32: the first 4 bytes of SHA-1, little-endian)."""
    sha1 = hashlib.sha1
    digests = b"".join([sha1(v).digest() for v in values])
    return np.frombuffer(digests, dtype="<u4")[::5]  # a digest is 20 bytes: 5 words, the first is the hash


@dataclass(frozen=True)
class Sketch:
    """A body's MinHash signature and the size of its shingle set."""

    hashvalues: np.ndarray
    size: int

    def encode(self) -> str:
        """Returns the signature as text for storage (base64 of little-endian uint32)."""
        return base64.b64encode(self.hashvalues.astype("<u4").tobytes()).decode("ascii")

    @classmethod
    def decode(cls, data: str, size: int) -> Sketch:
        return cls(np.frombuffer(base64.b64decode(data), dtype="<u4").astype(np.uint64), size)

    def minhash(self) -> MinHash:
        """Returns a datasketch MinHash with this signature (for MinHashLSH)."""
        from datasketch import MinHash

        return MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=self.hashvalues, scheme=_template().scheme)

    def jaccard(self, other: Sketch) -> float:
        """Returns the estimated Jaccard similarity of the two shingle sets."""
        return float(np.count_nonzero(self.hashvalues == other.hashvalues)) / NUM_PERM

    def containment(self, other: Sketch) -> float:
        """Returns the estimated share of the smaller shingle set found in the larger.

        From the Jaccard estimate J and the set sizes: |A ∩ B| = J (|A| + |B|) / (1 + J).
        """
        j = self.jaccard(other)
        smaller = min(self.size, other.size)
        if not smaller:
            return 0.0
        return min(1.0, j * (self.size + other.size) / (1 + j) / smaller)

    def is_copy_of(self, other: Sketch) -> bool:
        """Returns whether the two bodies are near-identical (one is a copy of the other)."""
        if min(self.size, other.size) < MIN_SHINGLES:
            return False
        j = self.jaccard(other)
        return j >= MIN_JACCARD or (j >= MIN_JACCARD_CONTAINED and self.containment(other) >= MIN_CONTAINMENT)

    def bands(self) -> list[str]:
        """Returns the LSH band keys of the signature ("<band>:<hash>")."""
        b, r = _lsh_params()
        keys = []
        for i in range(b):
            band = self.hashvalues[i * r:(i + 1) * r].astype("<u4").tobytes()
            keys.append(f"{i}:{hashlib.blake2b(band, digest_size=8).hexdigest()}")
        return keys


def shingles(text: str, form: str | None = None) -> set[str]:
    """Returns the word 3-shingles of text's search form (or of a search form already made)."""
    words = (search_form(text) if form is None else form).split()
    if len(words) < SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def sketch(text: str) -> Sketch:
    """Returns the MinHash sketch of a body."""
    return _sketch(shingles(text))


def sketch_form(form: str) -> Sketch:
    """Returns the MinHash sketch of a body from its search form (the articles' ``body_form``)."""
    # The shingles of shingles(), made as UTF-8 bytes directly (a search form's words hold no spaces).
    words = form.encode("utf-8").split()
    if len(words) < SHINGLE:
        found = {b" ".join(words)} if words else set()
    else:
        # Each window of SHINGLE words: the word lists shifted by 0, 1, 2 zipped (the shorter ones end it).
        found = set(map(b" ".join, zip(*(words[i:] for i in range(SHINGLE)), strict=False)))
    return _sketch_hashed(found)


def _sketch(found: set[str]) -> Sketch:
    return _sketch_hashed({s.encode("utf-8") for s in found})


def _sketch_hashed(found: set[bytes]) -> Sketch:
    mh = _hashed_template().copy()
    if found:
        mh.update_batch(_hash32s(found))
    return Sketch(mh.hashvalues.copy(), len(found))
