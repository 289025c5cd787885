"""Word lists are data (nlp/data/): each file says what it is for, is shipped, and feeds the code that reads it."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

import pytest
from marsad.nlp import arabic, data
from marsad.nlp.ar import cues
from marsad.nlp.normalize import normalize_arabic

ROOT = Path(__file__).resolve().parents[2]
LISTS = sorted(p for p in data.DIR.iterdir() if p.suffix in (".txt", ".tsv"))
# The uses the cue tables' second column may name (see each file's header).
CUE_USES = {
    "ar_statement_cues.tsv": {"clause", "describe", "repeat", "tagger", "tagger-only", "told"},
    "ar_denial_cues.tsv": {"reject", "tagger"},
    "ar_participle_cues.tsv": {"denial", "describe"},
    "ar_accusation_cues.tsv": {"participle"},
}


@pytest.mark.parametrize("path", [p for p in LISTS if p.name.startswith("ar_")], ids=lambda p: p.name)
def test_every_arabic_list_opens_with_a_header_saying_what_it_is(path: Path) -> None:
    assert path.read_text(encoding="utf-8").startswith("#"), f"{path.name} has no header comment"


def test_every_list_is_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["*"]
    for path in LISTS:
        assert any(fnmatch(path.name, p) for p in patterns), path.name


@pytest.mark.parametrize("name", sorted(CUE_USES))
def test_cue_tables_name_only_known_uses(name: str) -> None:
    for row in data.rows(name):
        assert 1 <= len(row) <= 2, row
        uses = set(row[1].split(",")) if len(row) == 2 else set()
        assert uses <= CUE_USES[name], (name, row)


def test_the_tagger_speech_verbs_come_from_the_cue_tables() -> None:
    cue_words = {normalize_arabic(w.replace("[أاإآ]", "ا")) for w, _ in cues._STATEMENTS + cues._DENIALS}
    assert cues.SPEECH_VERBS <= cue_words
    assert {"قال", "اكدت", "نفي", "انكر", "غرد"} <= cues.SPEECH_VERBS
    assert "يقول" not in cues.SPEECH_VERBS  # a cue of claims, not a tagger speech verb
    # غرد is the tagger's only: it does not make a claim.
    assert cues._AR_CUE_RE.search("غرد الوزير") is None
    assert cues._AR_CUE_RE.search("وأكد الوزير").group(1) == "أكد"


def test_narrower_sets_are_within_their_table() -> None:
    assert arabic.DEFINITE_NAME_DESCRIPTORS | arabic.INCLUSIVE_DESCRIPTORS <= arabic.ORG_DESCRIPTORS
    assert arabic.WEAK_DESCRIPTORS | arabic.PRODUCT_CUES <= arabic.ORG_DESCRIPTORS
    assert arabic.NAMED_HEADS <= arabic.ORG_HEADS
    assert "وكاله" in arabic.INCLUSIVE_DESCRIPTORS and "وكاله" not in arabic.DEFINITE_NAME_DESCRIPTORS
    assert cues._AR_REJECT_RE.match("رفضت") and not cues._AR_REJECT_RE.match("نفت")
    assert cues._AR_DENIAL_RE.match("نافياً") and cues._AR_DENIAL_RE.match("أنكرت")
    assert cues._AR_NEEDS_CLAUSE.match("ذكرت") and not cues._AR_NEEDS_CLAUSE.match("قالت")
