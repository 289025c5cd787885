"""The Arabic NER model's view of a text: normalised words with lexical features.

The model never sees raw text. ``nlp.tokens.tokenize`` (Marsad's one
tokenizer, ``NAMES`` mode) splits the text, each token is normalised the way the training
corpus is (camel-tools' normal form: alef, alef maksura, teh marbuta, no diacritics or
tatweel; digits folded), and the normal forms joined by single spaces are
the "model text" that the spaCy pipeline tokenizes here. Keeping the token
list lets the caller map every model token back to its span of the original
text, so offsets stay exact.

Besides the word itself (``ORTH``), each token carries three features that
the model's embedding layer reads (``LEMMA`` and ``TAG`` are used as
carriers; the model has no lemmatizer or tagger):

- ``norm_``: the word without its proclitics and article (وبالرياض → رياض),
  so that the clitic forms of a name share what is learned about it;
- ``lemma_``: what was cut off (وبال), or ``_``;
- ``tag_``: the word's entry in a lexicon frozen with the model: ``P`` person
  name token, ``G`` place, ``O`` organisation word, ``M`` other name, ``C``
  common word, ``L`` Latin script, ``D`` digits, combined (``P+G``), or
  ``-``. The lexicon is built when the model is trained (nlp/ar/train.py) and
  saved in the model's tokenizer directory, so the model reads exactly the
  features it was trained with.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from marsad.nlp import arabic
from marsad.nlp.normalize import fold_digits
from marsad.nlp.tokens import Token
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

__all__ = ["ModelWords", "model_words", "stem", "LEXICON_FILE"]

LEXICON_FILE = "lexicon.json"

# Proclitic clusters and the article, longest first: what ``stem`` removes.
_PREFIXES = ("وبال", "فبال", "وكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال",
             "وب", "فب", "ول", "فل", "وك", "و", "ف", "ب", "ل", "ك")


def stem(word: str) -> str:
    """Returns a normalised Arabic word without its proclitic cluster and article.

    A stem shorter than three letters is not trusted (بوش is not ب + وش), so
    the word is then returned whole.
    """
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix):]
    return word


def _shape_flag(word: str) -> str | None:
    if word[:1].isascii() and word[:1].isalpha():
        return "L"
    if word[:1].isdigit():
        return "D"
    if not word[:1].isalpha():
        return "-"
    return None


class ModelWords:
    """spaCy tokenizer of model text: words split on single spaces, features attached.

    Registered as ``marsad.ar_model_words.v1`` so that ``spacy train`` and
    ``spacy.load`` build it from the model's config.
    """

    def __init__(self, vocab: Vocab, lexicon: dict[str, str] | None = None) -> None:
        self.vocab = vocab
        self.lexicon: dict[str, str] = dict(lexicon or {})
        # word → (stem, proclitics, flags): news repeats its words, and each is
        # worked out once (bounded; cleared when full).
        self._features: dict[str, tuple[str, str, str]] = {}

    def features(self, word: str) -> tuple[str, str, str]:
        """Returns (stem, cut-off proclitics or "_", lexicon flags) of one normalised word."""
        hit = self._features.get(word)
        if hit is None:
            base = stem(word)
            hit = (base, word[: len(word) - len(base)] or "_", self.flags(word))
            if len(self._features) > 200_000:
                self._features.clear()
            self._features[word] = hit
        return hit

    def flags(self, word: str) -> str:
        """Returns the lexicon feature of one normalised word."""
        shape = _shape_flag(word)
        if shape is not None:
            hit = self.lexicon.get(word.lower()) if shape == "L" else None
            return f"{shape}+{hit}" if hit else shape
        hit = self.lexicon.get(word)
        if hit is None:
            for _, rest in arabic.clitic_splits(word):
                hit = self.lexicon.get(rest) or self.lexicon.get(arabic.strip_article(rest))
                if hit:
                    break
        return hit or "-"

    def __call__(self, text: str) -> Doc:
        words = text.split(" ") if text else []
        doc = Doc(self.vocab, words=words, spaces=[True] * (len(words) - 1) + [False] if words else [])
        for tok in doc:
            tok.norm_, tok.lemma_, tok.tag_ = self.features(tok.text)
        return doc

    def initialize(self, get_examples=None, *, nlp=None, lexicon_path: str | None = None) -> None:
        """Loads the lexicon at training time (``[initialize.tokenizer]`` of the config)."""
        if lexicon_path:
            self.lexicon = json.loads(Path(lexicon_path).read_text("utf-8"))
            self._features.clear()

    def pipe(self, texts: Iterable[str], batch_size: int = 1000):
        for text in texts:
            yield self(text)

    # Serialisation: only the lexicon is state.
    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return json.dumps(self.lexicon, ensure_ascii=False, sort_keys=True).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> ModelWords:
        self.lexicon = json.loads(data.decode("utf-8"))
        self._features.clear()
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / LEXICON_FILE).write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> ModelWords:
        return self.from_bytes((Path(path) / LEXICON_FILE).read_bytes())


@registry.tokenizers("marsad.ar_model_words.v1")
def model_words():
    """Tokenizer factory; the lexicon comes from ``initialize`` (training) or the model directory."""

    def create(nlp) -> ModelWords:
        return ModelWords(nlp.vocab)

    return create


def model_text(tokens: list[Token]) -> str:
    """Returns the model text of a token list: normal forms joined by single spaces."""
    return " ".join(fold_digits(t.norm).replace(" ", "_") for t in tokens)


@registry.architectures("marsad.ArabicEmbed.v1")
def arabic_embed(width: int, attrs: list[str], rows: list[int], nM: int, nC: int):
    """Word features (MultiHashEmbed over ``attrs``) and the word's letters (CharacterEmbed), mixed.

    Transliterated foreign names (كرومول، نيزبي) are told by their letters more
    than by any word seen in training; CharacterEmbed counts UTF-8 bytes, two
    per Arabic letter, so ``nC=16`` reads four letters from each end.
    """
    from spacy.ml.models.tok2vec import CharacterEmbed, MultiHashEmbed
    from thinc.api import Maxout, chain, concatenate, with_array

    words = MultiHashEmbed(width, attrs, rows, include_static_vectors=False)
    letters = CharacterEmbed(width, rows=rows[0], nM=nM, nC=nC, include_static_vectors=False, feature="NORM")
    return chain(concatenate(words, letters), with_array(Maxout(width, width * 2, nP=3, normalize=True)))
