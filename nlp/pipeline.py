"""The analysis of one text: language, entities, figures and claims.

``analyze`` is a pure function of its input once the models are loaded. For
English the spaCy model runs once per text, with only the pipes that the
requested fields need, and its ``Doc`` is shared by the entity and claim
steps; for Arabic the NER model (a spaCy pipeline of its own, nlp/ar/model) runs
once per text and the rules do the rest. Languages other than Arabic and English
get an honest, empty Analysis: nothing in Marsad can read them yet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from marsad.nlp.types import Analysis, AnalysisError, Options

__all__ = ["analyze", "analyze_many", "SUPPORTED"]

SUPPORTED = ("ar", "en")
_LANG_RE = re.compile(r"^[a-z]{2,3}$")

# Pipes of en_core_web_sm and who needs them: claims need the parser (with the
# shared tok2vec, and the tagger for verb tags); entities need ner and the
# part-of-speech tags that attribute_ruler maps. The lemmatizer serves nobody
# here and is never run. marsad_line_breaks (nlp.segment) presets a sentence
# start after every line break, so that no sentence runs from a headline or a
# paragraph into the next line.
_CLAIM_PIPES = ("marsad_line_breaks", "tok2vec", "tagger", "attribute_ruler", "parser")
_ENTITY_PIPES = ("marsad_line_breaks", "tok2vec", "tagger", "attribute_ruler", "ner")


_LONE_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _check(text: object, lang: str | None, options: Options) -> tuple[str, str | None]:
    if not isinstance(text, str):
        raise AnalysisError(f"text must be a string, not {type(text).__name__}")
    if not text.strip():
        raise AnalysisError("empty text")
    if (bad := _LONE_SURROGATE_RE.search(text)) is not None:
        # Not text at all (a lone half of a UTF-16 pair): nothing downstream can encode it.
        raise AnalysisError(f"text is not valid Unicode: a lone surrogate at character {bad.start()}")
    if len(text) > options.max_chars:
        raise AnalysisError(f"text too long: {len(text)} characters, the limit is {options.max_chars}")
    if lang is not None and not isinstance(lang, str):
        raise AnalysisError(f"lang must be a string such as 'ar', 'en' or 'auto', not {type(lang).__name__}")
    if lang is None or lang.strip().lower() in ("", "auto"):
        return text, None
    code = lang.strip().lower()
    if not _LANG_RE.match(code):
        raise AnalysisError(f"lang must be an ISO 639-1 code such as 'ar' or 'en', or 'auto', not {lang!r}")
    return text, code


def _detect(text: str) -> str:
    from marsad.nlp.language import detect_language

    return detect_language(text)


def _wanted_pipes(options: Options) -> list[str]:
    pipes: list[str] = []
    if options.claims:
        pipes += _CLAIM_PIPES
    if options.entities or options.claims:
        # Speakers resolve to entities, so claims need ner too.
        pipes += _ENTITY_PIPES
    return pipes


def _disabled(nlp, options: Options) -> list[str]:
    wanted = set(_wanted_pipes(options))
    return [name for name in nlp.pipe_names if name not in wanted]


def _finish(text: str, lang: str, options: Options, doc=None, predicted=None) -> Analysis:
    """Runs the rule steps on a text whose language is known (and, for English, its Doc; for Arabic,
    its NER model spans when they were predicted in a batch)."""
    analysis = Analysis(lang=lang)
    if lang not in SUPPORTED:
        return analysis
    if options.entities or options.claims:
        from marsad.nlp.entities import find_entities

        entities = find_entities(text, lang, doc=doc, predicted=predicted)
    else:
        entities = []
    if options.figures or options.claims:
        from marsad.nlp.figures import find_figures

        figures = find_figures(text, lang)
    else:
        figures = []
    if options.claims:
        from marsad.nlp.claims import find_claims

        analysis.claims = find_claims(text, lang, entities, figures, doc=doc)
    # A field that was not asked for stays empty, and claims then link none
    # of it, so that every index in a claim points into a list that is there.
    analysis.entities = list(entities) if options.entities else []
    analysis.figures = list(figures) if options.figures else []
    for claim in analysis.claims:
        if not options.entities:
            claim.entities = []
        if not options.figures:
            claim.figures = []
    return analysis


def _needs_doc(lang: str, options: Options) -> bool:
    return lang == "en" and bool(_wanted_pipes(options))


def analyze(text: str, lang: str | None = None, options: Options = Options()) -> Analysis:  # noqa: B008
    """Analyses one text into entities, figures and claims.

    Args:
        text: the text; offsets in the result index it as given.
        lang: ``"ar"``, ``"en"``, another ISO 639-1 code, or None/``"auto"`` to
            detect it. A language Marsad cannot read yields an Analysis with
            ``lang`` set and empty lists.
        options: which fields to extract and the longest text accepted.

    Returns:
        The Analysis of the text.

    Raises:
        AnalysisError: when text is not a string, is empty or blank, is longer
            than ``options.max_chars``, or lang is malformed.
    """
    text, code = _check(text, lang, options)
    code = code or _detect(text)
    doc = None
    if _needs_doc(code, options):
        from marsad.nlp.models import english

        nlp = english()
        # Per-call ``disable`` rather than ``select_pipes``: the shared
        # pipeline is never mutated, so threads analysing at once are safe.
        doc = nlp(text, disable=_disabled(nlp, options))
    return _finish(text, code, options, doc)


def analyze_many(
    texts: Iterable[object],
    lang: str | None | Sequence[str | None] = None,
    options: Options = Options(),  # noqa: B008
    batch_size: int = 32,
) -> Iterator[Analysis | AnalysisError]:
    """Analyses many texts: the English ones through spaCy's ``nlp.pipe`` and the Arabic ones through
    the NER model's, a batch at a time; each comes out as ``analyze`` gives it.

    Unusable inputs do not stop the batch: their place in the output holds the
    AnalysisError that ``analyze`` would have raised.

    Args:
        texts: the texts.
        lang: one language for all texts (or None/``"auto"``), or a sequence
            with one entry per text.
        options: as for ``analyze``.
        batch_size: texts per spaCy batch; also how many texts are held in
            memory at once.

    Yields:
        One Analysis or AnalysisError per input text, in input order.
    """
    per_text = not (lang is None or isinstance(lang, str))
    langs = iter(lang) if per_text else None  # type: ignore[arg-type]
    chunk: list[tuple[str, str] | AnalysisError] = []
    for text in texts:
        this_lang = next(langs, None) if langs is not None else lang
        try:
            checked, code = _check(text, this_lang, options)  # type: ignore[arg-type]
            chunk.append((checked, code or _detect(checked)))
        except AnalysisError as e:
            chunk.append(e)
        if len(chunk) >= batch_size:
            yield from _run_chunk(chunk, options, batch_size)
            chunk = []
    if chunk:
        yield from _run_chunk(chunk, options, batch_size)


def _run_chunk(
    chunk: list[tuple[str, str] | AnalysisError], options: Options, batch_size: int
) -> Iterator[Analysis | AnalysisError]:
    english_idx = [
        i for i, item in enumerate(chunk) if not isinstance(item, AnalysisError) and _needs_doc(item[1], options)
    ]
    docs: dict[int, object] = {}
    if english_idx:
        from marsad.nlp.models import english

        nlp = english()
        texts = (chunk[i][0] for i in english_idx)
        docs_iter = nlp.pipe(texts, batch_size=batch_size, disable=_disabled(nlp, options))
        for i, doc in zip(english_idx, docs_iter, strict=True):
            docs[i] = doc
    # Arabic texts go through the NER model together too (one pass of its network per batch).
    predicted: dict[int, list] = {}
    arabic_idx = [i for i, item in enumerate(chunk) if not isinstance(item, AnalysisError) and item[1] == "ar"
                  and (options.entities or options.claims) and item[0].strip()]
    if arabic_idx:
        from marsad.nlp.ar import ner
        from marsad.nlp.tokens import tokenize

        try:
            spans = ner.predict_many([tokenize(chunk[i][0]) for i in arabic_idx], batch_size=batch_size)
            predicted = dict(zip(arabic_idx, spans, strict=True))
        except Exception:  # noqa: BLE001 - each text is then predicted alone, and a failure stays with its text
            predicted = {}
    for i, item in enumerate(chunk):
        if isinstance(item, AnalysisError):
            yield item
            continue
        try:
            yield _finish(item[0], item[1], options, docs.get(i), predicted.get(i))
        except AnalysisError as e:
            yield e
