"""Marsad's trained Arabic NER model: loading it once, and running it on Marsad's tokens.

The model (nlp/ar/model/, trained by ``make train-ner`` from NewsFANE, CC BY-SA
3.0) ships with the code and is never downloaded. It reads the model view of
a token list (nlp/ar/words.py) and its entities come back as token ranges of
that list, so the caller maps them to offsets of the original text.
"""

from __future__ import annotations

import threading
from pathlib import Path

from marsad.nlp.tokens import Token

__all__ = ["MODEL_DIR", "model", "predict", "lexicon"]

MODEL_DIR = Path(__file__).resolve().with_name("model")

_lock = threading.Lock()
_models: dict[Path, object] = {}


def model(path: Path | None = None):
    """Returns the Arabic NER pipeline (loaded on first use, then shared).

    Raises:
        OSError: when the model directory is missing; the message says how to rebuild it.
    """
    path = (path or MODEL_DIR).resolve()
    nlp = _models.get(path)
    if nlp is None:
        with _lock:
            nlp = _models.get(path)
            if nlp is None:
                import spacy
                from marsad.nlp.ar import words  # noqa: F401  (registers the model's tokenizer)

                if not (path / "config.cfg").exists():
                    raise OSError(f"the Arabic NER model is missing at {path}; `make train-ner` rebuilds it")
                nlp = spacy.load(path)
                _models[path] = nlp
    return nlp


def predict(tokens: list[Token], path: Path | None = None) -> list[tuple[int, int, str]]:
    """Returns the model's entities over a token list as (first token, end token, label).

    Args:
        tokens: ``nlp.tokens.tokenize`` of the text (NAMES mode).
        path: another model directory (training and evaluation); default the shipped model.
    """
    if not tokens:
        return []
    from marsad.nlp.ar.words import model_text

    doc = model(path)(model_text(tokens))
    if len(doc) != len(tokens):
        raise AssertionError(f"model view has {len(doc)} tokens for {len(tokens)}")
    return [(e.start, e.end, e.label_) for e in doc.ents]


def predict_many(token_lists: list[list[Token]], path: Path | None = None,
                 batch_size: int = 64) -> list[list[tuple[int, int, str]]]:
    """``predict`` over many token lists in batches (``analyze_many``, scoring a corpus): the same spans,
    one pass of the model per batch."""
    from marsad.nlp.ar.words import model_text

    nlp = model(path)
    texts = [model_text(tokens) for tokens in token_lists if tokens]
    docs = iter(nlp.pipe(texts, batch_size=batch_size))
    out = []
    for tokens in token_lists:
        if not tokens:
            out.append([])
            continue
        doc = next(docs)
        if len(doc) != len(tokens):
            raise AssertionError(f"model view has {len(doc)} tokens for {len(tokens)}")
        out.append([(e.start, e.end, e.label_) for e in doc.ents])
    return out


def lexicon(path: Path | None = None) -> dict[str, str]:
    """Returns the model's word → flags lexicon (nlp/ar/words.py)."""
    return model(path).tokenizer.lexicon
