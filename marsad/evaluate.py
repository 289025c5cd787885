"""``marsad eval``: score the NLP stage against the hand-annotated gold set.

Usage::

    marsad eval [FILE ...] [--json] [--min-f1 [FIELD=]X ...] [--detect] [--no-gate] [--errors] [--context]

Reads every ``tests/gold/*.jsonl`` (or the given files), runs ``nlp.analyze``
on each passage (a short passage or a whole article: headline, line break,
body) and prints precision, recall and F1 per field and language, the
accuracy of claim kinds and speakers, and throughput; then the same per gold
set (the file name without its language: ``claims``, ``articles``,
``denials``, ``entities``, ``figures`` …). It then checks :data:`THRESHOLDS`,
the one table of minimum scores per language that the test suite checks too
(``tests/nlp/test_gold_gate.py``), and exits 1 when a score is below its
threshold or a claim crosses a line break.

A gold record holds its text in ``text``, or refers to a line of the shared
licensed data in ``ref``: ``{"file": "parallel-news/ntrex-dev.tsv", "line":
N, "column": "en"|"ar", "sha1": "<12 hex>"}``. The text is then read at
scoring time from ``marsad.config.shared_data_dir() / file``, line N (1-based;
the header is line 1), that column (``en`` the second tab-separated field,
``ar`` the third), and its SHA-1 must begin with ``sha1``. When the data is
absent or differs, the record is skipped with a message saying why; the
repository never holds the text. With ``--context`` such a sentence is
analysed inside its whole document (the file's lines with the same first
field, joined by line breaks), as an article would be, and scored on what
falls inside it: its speaker may be named sentences before. The annotators
read the documents, so this is how their speaker ids are meant; without it a
sentence stands alone.

Matching rules (one gold item matches at most one predicted item, and the
other way round; pairs are taken greedily, best first):

- **entities**: a predicted entity matches a gold one when both offsets and
  the label are equal.
- **entity ids**: per passage, the set of gold ids against the set of
  predicted ids; a predicted entity whose span equals a gold entity annotated
  without an id is left out of both sides.
- **figures**: the spans overlap and kind, value (to 1e-6 relative) and
  currency are equal. The counted ``unit`` is scored separately, as the
  accuracy of matched count figures (**figure units**).
- **claims**: the claim spans overlap with a character Jaccard index of at
  least 0.5 (boundaries such as a leading "that" or a trailing adverbial are
  forgiven; a different clause is not). Kind and speaker are not required.
- **denials**: the same matching, between gold denials and predicted
  denials only; a denial predicted as a statement is a false negative here,
  and a statement predicted as a denial a false positive.
- **claim kinds**: accuracy of ``kind`` over matched claims.
- **speakers (named)**: over matched claims whose gold ``speaker`` is an
  entity id, the share whose predicted speaker has that id, whatever the
  mention: a name, a pronoun, a subject carried by an Arabic verb, a role.
  Gold claims with a ``null`` speaker, or no ``speaker`` key (id unknown to
  the annotator), are not in this count.
- **speakers (pronoun/role)**: the part of the above whose gold
  ``speaker_text`` names nobody by itself (a pronoun, an Arabic verb with its
  subject, "the company", "الرئيس التنفيذي"): resolution within the article.
  Told apart by the mention's words (:func:`anaphoric`), not annotated.
- **speakers (as stored)**: the claims of "speakers (named)", counted right
  also when the index would file the predicted speaker under the gold id had
  that entity been stored already under its English name (the id's words:
  ``badr-al-enezi`` → "Badr al-Enezi"): the indexer's own rule
  (``nlp.idmatch.spelled_id`` over the stored entities sharing a merge key;
  a gazetteer id, or an id already stored, never joins another). The store
  holds every gold speaker id of the same gold file, each with the label of
  the predicted speaker (gold files give no labels). It tells a spelling of
  an invented Arabic name that differs from the writer's (بدر العنزي as
  badr-al-anazi) from a wrong speaker; "speakers (named)" counts both as
  wrong. It is an upper bound on what the index does: the right entity is
  always stored, the file's other speakers are the only distractors, and a
  label mismatch never blocks a match.
- **speaker text**: over matched claims with a gold ``speaker_text``, the
  share whose predicted speaker text contains it or is contained in it.
- **language**: with ``--detect`` the language is detected, as in
  production, and its accuracy reported; by default each passage is analysed
  in its gold language so that the other fields are scored on their own.
- **line breaks**: the number of predicted claims whose text or speaker
  text holds a line break; it must be 0.

A field is scored only on passages that annotate it (the key is present).

Not measured: the ``name`` of entities and speakers, claim cues, the entity
and figure indices inside claims, offsets of claims beyond the overlap rule,
speakers the gold leaves without an id, HTML extraction, and anything about
languages other than Arabic and English. Throughput is wall time of
``analyze`` per passage in one process, after the models are loaded; most
gold passages are short, so it is not the 400-word article rate of
``bench/bench_nlp.py``.

Exit status: 0 done and every threshold met, 1 a threshold missed, 2 usage
error or a malformed gold file.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from marsad.goldrefs import RefReader, RefUnavailable, slice_analysis
from marsad.nlp.types import Analysis

GOLD_DIR = Path(__file__).resolve().parent.parent / "tests" / "gold"
PRF_FIELDS = ("entities", "entity ids", "figures", "claims", "denials")
ACC_FIELDS = ("figure units", "claim kinds", "speakers (named)", "speakers (pronoun/role)",
              "speakers (as stored)", "speaker text", "language")
CLAIM_JACCARD = 0.5

# ---------------------------------------------------------------------------
# The thresholds: the one place that says how good the NLP stage must stay.
#
# Keys are "SET: METRIC". SET is a gold set (a file name without its language
# suffix: tests/gold/articles_en.jsonl is set "articles" of language "en").
# METRIC is a field of PRF_FIELDS (its F1), that field followed by
# "precision" or "recall", or a field of ACC_FIELDS (its accuracy). A
# threshold applies when its set is among the files scored, so a run over
# other files (tests/heldout/) is not held to it. Each value sits a little
# under what the development gold gave when it was last set; raise it when
# the system improves, never lower it to let a regression through.
THRESHOLDS: dict[str, dict[str, float]] = {
    # Set on 2026-12-06 from the development gold (tests/gold/), a little
    # under what it gave then: claims and denials after the rules of issue 13,
    # entities and figures as committed that day.
    "en": {
        "entities: entities": 0.94,
        "entities: entity ids": 0.96,
        "figures: figures": 0.97,
        "claims: claims": 0.97,
        # Raised on 2026-12-06 with the session-3 English denial rules of issue 13 (dev 0.889 -> 0.904).
        "claims: denials": 0.89,
        "claims: speakers (named)": 0.95,
        # Whole articles (headline, line break, body). Raised on 2026-12-07 with the speaker
        # resolution and denial constructions of issue 13 (dev: claims 0.957, denials 0.777,
        # named speakers 0.901, pronoun/role 0.912). Claims raised on 2026-12-06 with the English
        # denial constructions of denials_more (dev: claims 0.962, denials 0.792). Denials raised on
        # 2026-12-06 with the session-3 rules (dev: denials P/R 0.784/0.800 -> 0.840/0.840, F1 0.792 -> 0.840).
        "articles: claims": 0.955,
        "articles: denials": 0.82,
        "articles: speakers (named)": 0.88,
        "articles: speakers (pronoun/role)": 0.88,
        # Set on 2026-12-07 with the measure (dev 0.899).
        "articles: speakers (as stored)": 0.88,
        # Real-news attributed speech, negated non-denials outnumbering denials (dev: claims 0.910,
        # denials 0.958 / 0.920; on 2026-12-06 after the denials_more work 0.912, 0.960 / 0.960).
        "denials: claims": 0.89,
        "denials: denials precision": 0.93,
        "denials: denials recall": 0.92,
        # Written without reading nlp/, negated non-denials outnumbering denials (dev on 2026-12-06:
        # claims 0.947, denials 1.000 / 0.887, claim kinds 0.963; before the English work 0.921,
        # 0.949 / 0.521, 0.856).
        "denials_more: claims": 0.93,
        "denials_more: denials precision": 0.95,
        # Recall raised and named speakers set on 2026-12-07 (session 15: charges in inflected forms, the cue
        # word no charge against its speaker, possessive representatives; dev 0.958 recall, 0.886 named).
        "denials_more: denials recall": 0.93,
        "denials_more: claim kinds": 0.94,
        "denials_more: speakers (named)": 0.86,
        # Set on 2026-12-07 with the set, after the kind model was trained on it (dev: claims 0.964,
        # denials 0.959 / 0.862; before 0.946, 0.939 / 0.569).
        "kinds_more: claims": 0.95,
        # Raised on 2026-12-07, session 15 (dev 0.990 / 0.945 with imputed acts of wrongdoing as charges).
        "kinds_more: denials precision": 0.97,
        "kinds_more: denials recall": 0.92,
        # Set on 2026-12-07 with the set, after the kind model was trained on it (dev: claims 0.942,
        # denials 0.833 / 0.852; before 0.942, 0.615 / 0.455).
        "kinds_more2: claims": 0.93,
        "kinds_more2: denials precision": 0.81,
        "kinds_more2: denials recall": 0.82,
        # Set on 2026-12-07, session 15 (dev 0.775: proper-noun subjects the recogniser missed).
        "kinds_more2: speakers (named)": 0.75,
        # Set on 2026-12-08 with the set, after the kind model was trained on it (dev: claims 0.967,
        # denials 0.926 / 0.885, speakers 0.730; before 0.957, 0.848 / 0.593, 0.705).
        "kinds_more3: claims": 0.95,
        "kinds_more3: denials precision": 0.90,
        "kinds_more3: denials recall": 0.86,
        "kinds_more3: speakers (named)": 0.71,
    },
    "ar": {
        # The Arabic entity recogniser is being replaced (nlp/ar/): these two
        # thresholds move with it — change them here and nowhere else.
        "entities: entities": 0.83,
        "entities: entity ids": 0.65,
        "figures: figures": 0.97,
        "claims: claims": 0.96,
        "claims: denials": 0.89,
        "claims: speakers (named)": 0.92,
        # Raised on 2026-12-07 (dev: claims 0.908, denials 0.874, named speakers 0.688, pronoun/role
        # 0.658). Speaker ids of names met only in Arabic are romanisations (nlp/translit.py), whose
        # spelling need not be the one an article's writer chose: much of what this measure misses.
        # Claims and denials raised on 2026-12-06 with the Arabic denial constructions of issue 13
        # (dev: claims 0.934, denials 0.930).
        "articles: claims": 0.92,
        "articles: denials": 0.91,
        "articles: speakers (named)": 0.72,
        "articles: speakers (pronoun/role)": 0.70,
        # Set on 2026-12-07 with the measure and the attested spellings of nlp/data/translit_variants.tsv
        # (dev 0.874; named 0.744, pronoun/role 0.733, raised above the same day).
        "articles: speakers (as stored)": 0.85,
        # (dev: claims 0.834, denials 0.875 / 0.840)
        "denials: claims": 0.82,
        "denials: denials precision": 0.85,
        "denials: denials recall": 0.82,
        # Written without reading nlp/, negated non-denials outnumbering denials (dev on 2026-12-06:
        # claims 0.960, denials 0.969 / 0.816; before issue 13's Arabic work 0.855, 0.756 / 0.447).
        "denials_more: claims": 0.94,
        "denials_more: denials precision": 0.94,
        "denials_more: denials recall": 0.79,
        # Set on 2026-12-07 with the set, after the kind model was trained on it (dev: claims 0.955,
        # denials 0.938 / 0.697; before 0.955, 0.929 / 0.358).
        "kinds_more: claims": 0.94,
        "kinds_more: denials precision": 0.92,
        # Raised on 2026-12-07, session 15 (dev 0.771: wrongdoing as charges, a negated account before a
        # rebuttal in its sentence).
        "kinds_more: denials recall": 0.74,
        # Set on 2026-12-07 with the set, after the kind model was trained on it (dev: claims 0.944,
        # denials 0.918 / 0.812; before 0.944, 0.800 / 0.333).
        "kinds_more2: claims": 0.93,
        # Raised on 2026-12-07, session 15 (dev 0.933 / 0.875).
        "kinds_more2: denials precision": 0.91,
        "kinds_more2: denials recall": 0.85,
        # Set on 2026-12-08 with the set, after the kind model was trained on it (dev: claims 0.968,
        # denials 0.797 / 0.786 then, 0.83 / 0.83 after the session's later Arabic rules; before 0.964,
        # 0.667 / 0.486). Scores on training data: they hold the fit, they do not measure generalisation.
        "kinds_more3: claims": 0.95,
        "kinds_more3: denials precision": 0.77,
        "kinds_more3: denials recall": 0.76,
    },
}


class GoldError(ValueError):
    """A gold file is malformed; the message names the file and line."""


@dataclass
class Passage:
    """One gold passage with its annotations located in the text."""

    id: str
    lang: str
    text: str
    entities: list[dict] | None = None
    figures: list[dict] | None = None
    claims: list[dict] | None = None
    set: str = ""
    # Where the text came from when it is not in the repository ("ref" records):
    # such text is never printed.
    ref: dict | None = None


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.right += int(ok)

    @property
    def value(self) -> float | None:
        return self.right / self.total if self.total else None


@dataclass
class LangReport:
    passages: int = 0
    seconds: float = 0.0
    prf: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in PRF_FIELDS})
    acc: dict[str, Accuracy] = field(default_factory=lambda: {f: Accuracy() for f in ACC_FIELDS})
    scored: set[str] = field(default_factory=set)
    # Predicted claims whose text or speaker holds a line break (must be 0).
    crossing: int = 0
    # The same scores per gold set (file name without language), for this language.
    sets: dict[str, LangReport] = field(default_factory=dict)

    @property
    def per_second(self) -> float | None:
        return self.passages / self.seconds if self.seconds > 0 else None

    def metric(self, name: str) -> float | None:
        """A score by name: "claims" (F1), "denials precision", "speakers (named)" (accuracy) …"""
        if name in self.acc:
            return self.acc[name].value
        field_name, _, which = name.rpartition(" ")
        if which in ("precision", "recall") and field_name in self.prf:
            return getattr(self.prf[field_name], which)
        if name in self.prf:
            return self.prf[name].f1
        raise KeyError(name)


# ---------------------------------------------------------------------------
# Gold files


def set_name(path: Path) -> str:
    """The gold set a file belongs to: its name without extension and language ("articles_en.jsonl" → "articles")."""
    return re.sub(r"[_-](?:en|ar)$", "", path.stem)


def _locate(text: str, needle: str, occurrence: int, where: str) -> tuple[int, int]:
    i = -1
    for _ in range(occurrence + 1):
        i = text.find(needle, i + 1)
        if i < 0:
            raise GoldError(f"{where}: {needle!r} (occurrence {occurrence}) is not in the text")
    return i, i + len(needle)


def load_gold(paths: Iterable[Path], skipped: list[str] | None = None, refs: RefReader | None = None) -> list[Passage]:
    """Reads gold files into passages whose annotations carry ``start``/``end`` offsets.

    Args:
        paths: JSON-lines gold files.
        skipped: when given, a message is appended for every ``ref`` record
            whose text cannot be read, and the record is left out; without
            it such a record is an error.
        refs: where ``ref`` texts are read; the shared data directory by default.

    Raises:
        GoldError: on invalid JSON, a missing field, an annotation that is
            not a substring of its passage, or (without ``skipped``) an
            unreadable ``ref``.
    """
    passages = []
    for path in paths:
        path = Path(path)
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                where = f"{path}:{n}"
                try:
                    rec = json.loads(line)
                    pid, lang = rec["id"], rec["lang"]
                    ref = rec.get("ref")
                    text = rec["text"] if ref is None else None
                    if ref is not None and not isinstance(ref, dict):
                        raise TypeError("'ref' must be an object")
                except (json.JSONDecodeError, KeyError, TypeError) as e:
                    raise GoldError(f"{where}: not a gold record ({e})") from e
                if ref is not None:
                    refs = refs or RefReader()
                    try:
                        text = refs.text(ref)
                    except (KeyError, TypeError, ValueError) as e:
                        raise GoldError(f"{where}: malformed ref ({e})") from e
                    except RefUnavailable as e:
                        if skipped is None:
                            raise GoldError(f"{where}: {e}") from e
                        skipped.append(f"{where} ({pid}) skipped: {e}")
                        continue
                p = Passage(id=pid, lang=lang, text=text, set=set_name(path), ref=ref)
                for key in ("entities", "figures", "claims"):
                    if key not in rec:
                        continue
                    items = []
                    for item in rec[key]:
                        item = dict(item)
                        if "text" not in item:
                            raise GoldError(f"{where}: an item of {key!r} has no text")
                        item["start"], item["end"] = _locate(text, item["text"], item.get("occurrence", 0), where)
                        items.append(item)
                    setattr(p, key, items)
                passages.append(p)
    return passages


# ---------------------------------------------------------------------------
# Matching


def _pairs(gold: Sequence, pred: Sequence, score: Callable[[object, object], float | None]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching: best-scoring pairs first; a None score never matches."""
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            s = score(g, p)
            if s is not None:
                cands.append((-s, gi, pi))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _s, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def _jaccard(a0: int, a1: int, b0: int, b1: int) -> float:
    inter = max(0, min(a1, b1) - max(a0, b0))
    union = max(a1, b1) - min(a0, b0)
    return inter / union if union else 0.0


def _same_value(a: float, b: float) -> bool:
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(a)))


def _figure_score(g: dict, p) -> float | None:
    if not (p.start < g["end"] and g["start"] < p.end):
        return None
    if p.kind != g["kind"] or not _same_value(p.value, g["value"]):
        return None
    if (g.get("currency") or None) != (p.currency or None):
        return None
    return _jaccard(g["start"], g["end"], p.start, p.end)


def _claim_score(g: dict, p) -> float | None:
    j = _jaccard(g["start"], g["end"], p.start, p.end)
    return j if j >= CLAIM_JACCARD else None


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


_EN_NON_NAMES = frozenset("the a an its his her their our my your he she it they we i".split())
_AR_PRONOUNS = frozenset("هو هي هم هن هما نحن أنا".split())
# Words of an Arabic role or description that are not names ("المتحدث باسم الشركة").
_AR_FUNCTION_WORDS = frozenset("باسم في عن لدى من مع ب ل".split())


def slug_name(ident: str) -> str:
    """An id's words as a Latin name: "badr-al-enezi" → "Badr al-Enezi", "nile-mobile" → "Nile Mobile"."""
    words = ident.split("-")
    out: list[str] = []
    for i, w in enumerate(words):
        if w in ("al", "el") and i + 1 < len(words) and words[i + 1] not in ("al", "el"):
            words[i + 1] = f"{w}-{words[i + 1].capitalize()}"
            continue
        out.append(w if "-" in w else w.capitalize())
    return " ".join(out)


def stored_as(gold_id: str, claim, analysis: Analysis, store: Sequence[str]) -> bool:
    """Whether the indexer would file the claim's speaker under ``gold_id`` had the gold entities been
    stored under their English names (see "speakers (as stored)" in the module's doc)."""
    from marsad.nlp.gazetteer import gazetteer
    from marsad.nlp.idmatch import spelled_id
    from marsad.nlp.translit import merge_keys

    speaker = claim.speaker
    if speaker is None or not speaker.id or gazetteer().get(speaker.id) is not None or speaker.id in store:
        return False  # the indexer keeps an id it has stored (or a gazetteer's) as it is
    mentions = [e for e in analysis.entities if e.id == speaker.id]
    label = mentions[0].label if mentions else "PERSON"
    aliases = sorted({e.text for e in mentions} | {e.name for e in mentions} | {speaker.name or speaker.text})
    keys = {k for a in aliases for k in merge_keys(a, label)}
    candidates = []
    for ident in store:
        name = slug_name(ident)
        if ident != speaker.id and keys & set(merge_keys(name, label)):
            candidates.append((ident, label, [name]))
    return bool(candidates) and spelled_id(label, aliases, candidates) == gold_id


def anaphoric(claim: dict, lang: str) -> bool:
    """Whether a gold claim's speaker mention names nobody by itself: a pronoun, a verb, a role.

    English: no word is capitalised once determiners and pronouns are left
    out ("he", "the chief executive", "The company's lawyers"). Arabic: the
    mention is the cue itself (the subject carried by the verb) or a
    pronoun, or every word is definite (ال) or a preposition
    ("الرئيس التنفيذي", "المتحدث باسم الوزارة"). A definite name such as
    "الأمم المتحدة" is counted as a role too: this split is a diagnostic, the
    "speakers (named)" accuracy counts every mention.
    """
    text = (claim.get("speaker_text") or "").strip()
    if not text:
        return False
    words = text.split()
    if lang == "ar":
        bare = [w[1:] if w[:1] in "وف" and len(w) > 3 else w for w in words]
        cue = (claim.get("cue") or "").strip()
        if text == cue or (cue and text.lstrip("وف") == cue.lstrip("وف")) or all(w in _AR_PRONOUNS for w in bare):
            return True
        return all(w.startswith(("ال", "لل")) or w in _AR_FUNCTION_WORDS for w in bare)
    rest = [w for w in words if re.sub(r"['’]s$", "", w.lower()) not in _EN_NON_NAMES]
    return not any(w[:1].isupper() for w in rest)


def crossing_claims(text: str, analysis: Analysis) -> list[int]:
    """Indices of the predicted claims whose text or speaker mention holds a line break."""
    from marsad.nlp.segment import crosses_line_break

    out = []
    for i, c in enumerate(analysis.claims):
        speaker = c.speaker.text if c.speaker and c.speaker.text else ""
        if crosses_line_break(text, c.start, c.end) or crosses_line_break(speaker, 0, len(speaker)):
            out.append(i)
    return out


def score_passage(p: Passage, analysis: Analysis, report: LangReport, store: Sequence[str] = ()) -> None:
    """Adds one passage's comparison of gold and prediction to a language report; ``store`` is the gold
    speaker ids taken as stored for "speakers (as stored)"."""
    report.crossing += len(crossing_claims(p.text, analysis))
    if p.entities is not None:
        report.scored.update(("entities", "entity ids"))
        pairs = _pairs(
            p.entities, analysis.entities,
            lambda g, e: 1.0 if (e.start, e.end, e.label) == (g["start"], g["end"], g["label"]) else None,
        )
        report.prf["entities"].add(len(pairs), len(analysis.entities) - len(pairs), len(p.entities) - len(pairs))
        unknown = {(g["start"], g["end"]) for g in p.entities if not g.get("id")}
        gold_ids = {g["id"] for g in p.entities if g.get("id")}
        pred_ids = {e.id for e in analysis.entities if e.id and (e.start, e.end) not in unknown}
        report.prf["entity ids"].add(len(gold_ids & pred_ids), len(pred_ids - gold_ids), len(gold_ids - pred_ids))
    if p.figures is not None:
        report.scored.add("figures")
        pairs = _pairs(p.figures, analysis.figures, _figure_score)
        report.prf["figures"].add(len(pairs), len(analysis.figures) - len(pairs), len(p.figures) - len(pairs))
        for gi, pi in pairs:
            if p.figures[gi]["kind"] == "count":
                report.acc["figure units"].add((p.figures[gi].get("unit") or None) == analysis.figures[pi].unit)
    if p.claims is not None:
        report.scored.update(("claims", "denials"))
        pairs = _pairs(p.claims, analysis.claims, _claim_score)
        report.prf["claims"].add(len(pairs), len(analysis.claims) - len(pairs), len(p.claims) - len(pairs))
        gold_d = [g for g in p.claims if g["kind"] == "denial"]
        pred_d = [c for c in analysis.claims if c.kind == "denial"]
        dpairs = _pairs(gold_d, pred_d, _claim_score)
        report.prf["denials"].add(len(dpairs), len(pred_d) - len(dpairs), len(gold_d) - len(dpairs))
        for gi, pi in pairs:
            g, c = p.claims[gi], analysis.claims[pi]
            report.acc["claim kinds"].add(g["kind"] == c.kind)
            if g.get("speaker"):
                ok = c.speaker is not None and c.speaker.id == g["speaker"]
                report.acc["speakers (named)"].add(ok)
                if anaphoric(g, p.lang):
                    report.acc["speakers (pronoun/role)"].add(ok)
                report.acc["speakers (as stored)"].add(ok or stored_as(g["speaker"], c, analysis, store))
            if g.get("speaker_text"):
                got = _norm(c.speaker.text) if c.speaker and c.speaker.text else ""
                want = _norm(g["speaker_text"])
                report.acc["speaker text"].add(bool(got) and (want in got or got in want))


@dataclass
class Result:
    """One passage and what the system made of it."""

    passage: Passage
    analysis: Analysis
    seconds: float


def run(
    passages: Sequence[Passage],
    analyze_fn: Callable[[str, str | None], Analysis],
    detect: bool = False,
    refs: RefReader | None = None,
    context: bool = False,
) -> list[Result]:
    """Runs analyze_fn over the passages (in their gold language unless ``detect``).

    With ``context``, a ``ref`` passage that is one sentence of a document (NTREX) is analysed inside its
    whole document, as an article would be, and scored on what falls inside the sentence; each document is
    analysed once, and each of its passages is given the document's time divided by its number of lines
    (its share, whether or not every line is gold). Other passages stand alone.
    """
    out = []
    docs: dict[tuple, tuple[Analysis, float, int]] = {}
    refs = refs or (RefReader() if context else None)
    for p in passages:
        if context and p.ref is not None and refs is not None:
            text, at = refs.document(p.ref, p.text)
            key = (p.ref["file"], p.ref["column"], text, None if detect else p.lang)
            if key not in docs:
                t0 = time.perf_counter()
                docs[key] = (analyze_fn(text, key[3]), time.perf_counter() - t0, text.count("\n") + 1)
            whole, seconds, n = docs[key]
            out.append(Result(p, slice_analysis(whole, at, at + len(p.text)), seconds / n))
            continue
        t0 = time.perf_counter()
        analysis = analyze_fn(p.text, None if detect else p.lang)
        out.append(Result(p, analysis, time.perf_counter() - t0))
    return out


def score(results: Sequence[Result], detect: bool = False,
          detect_fn: Callable[[str], str] | None = None) -> dict[str, LangReport]:
    """Scores analysed passages; returns one report per language, each with one per gold set."""
    reports: dict[str, LangReport] = {}
    # One store per gold file (set and language), so that a set's score does not depend on what else was run.
    stores: dict[tuple[str, str], list[str]] = {}
    for r in results:
        for g in r.passage.claims or []:
            if g.get("speaker"):
                stores.setdefault((r.passage.set, r.passage.lang), []).append(g["speaker"])
    stores = {key: sorted(set(ids)) for key, ids in stores.items()}
    for r in results:
        p = r.passage
        rep = reports.setdefault(p.lang, LangReport())
        for target in (rep, rep.sets.setdefault(p.set, LangReport())):
            target.seconds += r.seconds
            target.passages += 1
            if detect:
                target.acc["language"].add(r.analysis.lang == p.lang)
            elif detect_fn is not None:
                target.acc["language"].add(detect_fn(p.text) == p.lang)
            score_passage(p, r.analysis, target, stores.get((p.set, p.lang), []))
    return reports


def evaluate(
    passages: Sequence[Passage],
    analyze_fn: Callable[[str, str | None], Analysis],
    detect: bool = False,
    detect_fn: Callable[[str], str] | None = None,
) -> dict[str, LangReport]:
    """Runs analyze_fn over the passages and scores it; returns one report per language."""
    return score(run(passages, analyze_fn, detect), detect=detect, detect_fn=detect_fn)


# ---------------------------------------------------------------------------
# Thresholds


def gate(reports: dict[str, LangReport], table: dict[str, dict[str, float]] | None = None) -> list[str]:
    """Thresholds of the table not met, and claims that cross a line break, as messages.

    A threshold whose set was not scored in a language is not checked; a
    metric that has nothing to measure in a scored set (no gold or predicted
    item) fails, since the gate must not pass on an empty set.
    """
    table = THRESHOLDS if table is None else table
    out = []
    for lang, rep in sorted(reports.items()):
        if rep.crossing:
            out.append(f"{lang}: {rep.crossing} claim(s) cross a line break")
        for key, minimum in table.get(lang, {}).items():
            set_, _, metric = key.partition(": ")
            sub = rep.sets.get(set_)
            if sub is None:
                continue
            value = sub.metric(metric)
            if value is None or value < minimum:
                out.append(f"{lang} {set_}: {metric} {_fmt(value)} < {minimum}")
    return out


def _fmt(x: float | None) -> str:
    return "   -" if x is None else f"{x:.3f}"


def missed(reports: dict[str, LangReport], thresholds: Sequence[tuple[str | None, float]]) -> list[str]:
    """``--min-f1`` thresholds not met, as messages; fields without any gold or predicted item are skipped."""
    out = []
    for lang, rep in sorted(reports.items()):
        for name, c in rep.prf.items():
            if name not in rep.scored or c.tp + c.fp + c.fn == 0:
                continue
            for want_name, x in thresholds:
                if want_name in (None, name) and (c.f1 or 0.0) < x:
                    out.append(f"{lang} {name}: F1 {_fmt(c.f1)} < {x}")
    return out
