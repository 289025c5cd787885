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
query, or the placing process's memory) and the signatures decide.

Signatures carry the version of the scheme that made them (``SIG_VERSION``,
stored as ``story_features.v``): a signature or band key of one version is
never compared with another's, so a store written before a change keeps
working (its copies are found among themselves) until ``marsad stories
rebuild`` recomputes every signature with the current scheme.

The decision uses both the estimated Jaccard similarity and the containment
of the smaller shingle set in the larger (a copy with two of six paragraphs
cut has Jaccard 0.6 but containment near 1). Independent reports of one event
and follow-ups that repeat a background paragraph stay well below both.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

import numpy as np

from marsad.nlp.normalize import search_form

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


# The bands and rows per band datasketch's MinHashLSH optimiser picks for LSH_THRESHOLD and NUM_PERM
# (a test checks it still does): fixed here so placing never loads datasketch and scipy.
LSH_BANDS, LSH_ROWS = 37, 3


def _lsh_params() -> tuple[int, int]:
    return LSH_BANDS, LSH_ROWS


# Version of the signature scheme. Signatures (and the LSH band keys made from them) of different
# versions are never compared: ``marsad stories rebuild`` recomputes every stored one.
#   1: datasketch's MinHash (SHA-1 of each shingle, affine32 permutations); stored without a version.
#   2: each word hashed once (BLAKE2b, 8 bytes), a shingle's three word hashes mixed in NumPy, and the
#      128 minima taken at once over multiply-add permutations of 64-bit hashes (top 32 bits kept).
SIG_VERSION = 2

_U64 = np.uint64
# Odd multipliers and offsets of the 128 permutations (x -> a x + b mod 2**64), fixed by the seed.
_RNG = np.random.default_rng(SEED)
_PERM_A = _RNG.integers(0, 2**64, NUM_PERM, dtype=np.uint64, endpoint=False) | _U64(1)
_PERM_B = _RNG.integers(0, 2**64, NUM_PERM, dtype=np.uint64, endpoint=False)
# Position multipliers of a shingle's words (odd), and the constants of the 64-bit finaliser (splitmix64).
_POS = (_U64(0x9E3779B97F4A7C15), _U64(0xC2B2AE3D27D4EB4F), _U64(0x165667B19E3779F9))
_MIX1, _MIX2 = _U64(0xBF58476D1CE4E5B9), _U64(0x94D049BB133111EB)
# Word hashes made so far (words repeat across articles); cleared when full.
_WORDS: dict[bytes, int] = {}
_WORDS_LIMIT = 200_000


def _word_hash(word: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(word, digest_size=8).digest(), "little")


def _word_hashes(words: list[bytes]) -> np.ndarray:
    """Returns the hash of each word, from the cache of words seen before (looked up in C, without a call each)."""
    try:
        return np.fromiter(map(_WORDS.__getitem__, words), dtype=np.uint64, count=len(words))
    except KeyError:
        new = set(words).difference(_WORDS)
        if len(_WORDS) + len(new) > _WORDS_LIMIT:
            _WORDS.clear()
            new = set(words)
        _WORDS.update((w, _word_hash(w)) for w in new)
        return np.fromiter(map(_WORDS.__getitem__, words), dtype=np.uint64, count=len(words))


def _mix(x: np.ndarray) -> np.ndarray:
    """Returns splitmix64's finaliser of each value (in place): every output bit depends on every input bit."""
    x ^= x >> _U64(30)
    x *= _MIX1
    x ^= x >> _U64(27)
    x *= _MIX2
    x ^= x >> _U64(31)
    return x


def _shingle_hashes(words: list[bytes]) -> np.ndarray:
    """Returns the distinct 64-bit hashes of the word 3-shingles (fewer words: one hash of them all)."""
    if len(words) < SHINGLE:
        if not words:
            return np.empty(0, dtype=np.uint64)
        return np.array([_word_hash(b" ".join(words))], dtype=np.uint64)
    h = _word_hashes(words)
    n = len(words) - SHINGLE + 1
    # Word order matters: each position has its own multiplier.
    s = h[:n] * _POS[0]
    s ^= h[1:n + 1] * _POS[1]
    s ^= h[2:n + 2] * _POS[2]
    return np.unique(_mix(s))


def _minhash(hashes: np.ndarray) -> np.ndarray:
    """Returns the 128 minima (top 32 bits) of the hashes under each permutation; all 2**32 - 1 when empty."""
    if not len(hashes):
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint64)
    table = np.multiply.outer(hashes, _PERM_A)
    table += _PERM_B
    # The top 32 bits of the smallest value are the smallest top 32 bits.
    return table.min(axis=0) >> _U64(32)


@dataclass(frozen=True)
class Sketch:
    """A body's MinHash signature, the size of its shingle set, and the scheme that made it (``SIG_VERSION``)."""

    hashvalues: np.ndarray
    size: int
    version: int = SIG_VERSION

    def encode(self) -> str:
        """Returns the signature as text for storage (base64 of little-endian uint32)."""
        return base64.b64encode(self.hashvalues.astype("<u4").tobytes()).decode("ascii")

    @classmethod
    def decode(cls, data: str, size: int, version: int) -> Sketch:
        """Returns a stored signature of the given scheme version (stored without one: version 1)."""
        return cls(np.frombuffer(base64.b64decode(data), dtype="<u4").astype(np.uint64), size, version)

    def comparable(self, other: Sketch) -> bool:
        """Returns whether the two signatures come from one scheme (else they say nothing about each other)."""
        return self.version == other.version

    def jaccard(self, other: Sketch) -> float:
        """Returns the estimated Jaccard similarity of the two shingle sets.

        Raises:
            ValueError: the signatures come from different schemes.
        """
        if self.version != other.version:
            raise ValueError(f"signatures of versions {self.version} and {other.version} are not comparable")
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
        """Returns whether the two bodies are near-identical (never for signatures of different versions)."""
        if not self.comparable(other) or min(self.size, other.size) < MIN_SHINGLES:
            return False
        j = self.jaccard(other)
        return j >= MIN_JACCARD or (j >= MIN_JACCARD_CONTAINED and self.containment(other) >= MIN_CONTAINMENT)

    def bands(self) -> list[str]:
        """Returns the LSH band keys of the signature ("<band>:<hash>", "v<version>/<band>:<hash>" after 1).

        Keys of different versions never meet, so a band search finds only signatures it can compare.
        """
        b, r = _lsh_params()
        tag = "" if self.version == 1 else f"v{self.version}/"
        keys = []
        for i in range(b):
            band = self.hashvalues[i * r:(i + 1) * r].astype("<u4").tobytes()
            keys.append(f"{tag}{i}:{hashlib.blake2b(band, digest_size=8).hexdigest()}")
        return keys


def shingles(text: str, form: str | None = None) -> set[str]:
    """Returns the word 3-shingles of text's search form (or of a search form already made)."""
    words = (search_form(text) if form is None else form).split()
    if len(words) < SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def sketch(text: str) -> Sketch:
    """Returns the MinHash sketch of a body."""
    return sketch_form(search_form(text))


def sketch_form(form: str) -> Sketch:
    """Returns the MinHash sketch of a body from its search form (the articles' ``body_form``)."""
    hashes = _shingle_hashes(form.encode("utf-8").split())
    return Sketch(_minhash(hashes), len(hashes))
