"""Named entities in English and Arabic news text, with language-independent ids.

English uses the shared spaCy pipeline (``nlp.models.english``) and repairs
what en_core_web_sm gets wrong in news: gazetteer names win over the model's
spans and labels (Twitter is not a PERSON, Cambridge Analytica is one ORG),
media outlets keep their "The", leading "the" is dropped elsewhere, and
model labels are mapped to the contract's PERSON/ORG/GPE/LOC/MISC.

Arabic has no installable NER model, so this module is one: proclitics are
split off (``nlp.arabic``), the gazetteer is matched on normalised tokens, and
names the gazetteer has never seen are found after cue nouns (شركة، صحيفة،
وزارة، الدكتور، المتحدث باسم …), from frequent given names, as Latin-script
runs inside Arabic text, as the subject of a feminine verb or of إن/أن
("رفعت فودافون الأسعار"), as a transliterated-looking word after مع/من/عن, and
after "profession + nationality" ("العداء المغربي X"). A trade description
between a cue and its name is skipped ("شركة تحليل البيانات X" → X).

Precision on long articles rests on ``nlp.arabic.is_common``: a lexicon of
common nouns, verbal nouns, adverbs and verbs (``nlp/data/ar_common.txt``)
plus verb, masdar and broken-plural shapes. Such a word is never a name word,
a person's name never ends in one, and a rule-found span made only of them
is dropped (``_ArabicTagger.prune``). A name found once is then looked for
at every other mention in the text.

Ids: a gazetteer id when the name is known; otherwise a slug of the Latin
name, of a Latin spelling given in the same text whose consonant skeleton
matches the Arabic one (كوغان ~ Kogan), or of a deterministic romanisation.
A short later mention ("Kogan", "كوغان") takes the id of the full name
mentioned before it in the same text.

The code: this module is the entry point; ``nlp.en.entities`` finds English
spans, ``nlp.ar.entities`` (with ``nlp.ar.tagger`` and ``nlp.ar.names``) the
Arabic ones, and ``nlp.linking`` gives every span its id and display name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from marsad.nlp import arabic as ar
from marsad.nlp.ar.entities import _arabic_spans
from marsad.nlp.en.entities import _english_spans
from marsad.nlp.gazetteer import gazetteer
from marsad.nlp.linking import _finish
from marsad.nlp.tokens import tokenize
from marsad.nlp.types import AnalysisError, Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["find_entities", "resolve"]


# ---------------------------------------------------------------------------
# public API


def find_entities(text: str, lang: str, doc: Doc | None = None,
                  predicted: list[tuple[int, int, str]] | None = None) -> list[Entity]:
    """Returns the named entities of a text, sorted by start and non-overlapping.

    Args:
        text: the text to analyse; offsets in the result index into it.
        lang: "en" or "ar".
        doc: for English, the spaCy Doc of ``text`` when the caller already ran
            ``nlp.models.english()`` on it (it is then not run again).
        predicted: for Arabic, the NER model's spans over ``tokenize(text)``
            when the caller ran the model on many texts at once
            (``nlp.ar.ner.predict_many``); they are then not predicted again.

    Returns:
        Entities with ``text[e.start:e.end] == e.text``, a contract label, an id
        and a display name.

    Raises:
        AnalysisError: when ``lang`` is not supported or ``doc`` is not a Doc
            of ``text``.
    """
    if not text or not text.strip():
        return []
    if lang == "ar":
        spans = _arabic_spans(text, predicted=predicted)
    elif lang == "en":
        if doc is None:
            from marsad.nlp.models import english

            doc = english()(text)
        elif doc.text != text:
            raise AnalysisError("the spaCy Doc given for entities is not a Doc of the text")
        spans = _english_spans(text, doc)
    else:
        raise AnalysisError(f"entities: unsupported language {lang!r} (expected 'ar' or 'en')")
    return _finish(text, spans, lang)


def resolve(name: str, lang: str | None = None) -> tuple[str, str, str] | None:
    """Returns (id, display name, label) of a known name or alias in either script.

    Proclitics and a leading "the" are tolerated ("ولتويتر", "the Guardian").

    Args:
        name: a name as written.
        lang: "ar" or "en" to restrict the script; None guesses.

    Returns:
        The gazetteer's id, name and label, or None when the name is unknown.
    """
    gaz = gazetteer()
    entry = gaz.lookup(name, lang)
    if entry is None and lang != "en":
        toks = [t for t in tokenize(name) if t.kind != "punct"]
        if toks and toks[0].kind == "ar":
            rest = tuple(t.norm for t in toks[1:])
            for _, stem in ar.clitic_splits(toks[0].norm):
                ids = gaz.ar_index.get((stem, *rest))
                if ids:
                    entry = gaz.entries[ids[0]]
                    break
    if entry is None:
        return None
    return entry.id, entry.name, entry.label
