"""`marsad eval`: the scoring arithmetic on a tiny synthetic gold file with known predictions."""

from __future__ import annotations

import json

import pytest
from marsad.nlp.types import Analysis, Claim, Entity, Figure, Speaker

from marsad import evaluate as ev
from marsad import evaluate_cli as evc

EN = "Acme said sales rose 5%. Bolt denied the report. Acme said it had not paid."
AR = "وقالت أكمي إن المبيعات ارتفعت."


def span(text: str, s: str, occurrence: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(occurrence + 1):
        i = text.index(s, i + 1)
    return i, i + len(s)


def gold_file(tmp_path):
    rows = [
        {"id": "t-en", "lang": "en", "text": EN,
         "entities": [{"text": "Acme", "label": "ORG", "id": "acme"},
                      {"text": "Bolt", "label": "ORG", "id": "bolt"},
                      {"text": "Acme", "label": "ORG", "id": "acme", "occurrence": 1}],
         "figures": [{"text": "5%", "kind": "percent", "value": 5, "unit": None, "currency": None}],
         "claims": [{"kind": "statement", "cue": "said", "speaker": "acme", "speaker_text": "Acme",
                     "text": "sales rose 5%"},
                    {"kind": "denial", "cue": "denied", "speaker": "bolt", "speaker_text": "Bolt",
                     "text": "the report"},
                    {"kind": "denial", "cue": "said", "speaker": "acme", "speaker_text": "Acme",
                     "text": "it had not paid"}]},
        {"id": "t-ar", "lang": "ar", "text": AR, "claims": []},
    ]
    path = tmp_path / "g.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def entity(text, s, label, ident, occ=0):
    a, b = span(text, s, occ)
    return Entity(s, label, a, b, ident, ident)


def claim(text, s, kind, speaker):
    a, b = span(text, s)
    return Claim(s, kind, "said", a, b, speaker)


def predicted(text: str, lang: str | None) -> Analysis:
    if text == AR:
        return Analysis("ar", claims=[claim(AR, "المبيعات ارتفعت", "statement", None)])
    a, b = span(EN, "5%")
    c, d = span(EN, "5")
    return Analysis(
        "en",
        entities=[entity(EN, "Acme", "ORG", "acme"), entity(EN, "Bolt", "PERSON", "bolt-inc"),
                  entity(EN, "Acme", "ORG", "acme", 1)],
        figures=[Figure("5%", "percent", 5.0, a, b), Figure("5", "count", 5, c, d)],
        claims=[
            claim(EN, "sales rose 5%", "statement", Speaker("Acme", "acme", "Acme")),
            claim(EN, "Bolt", "statement", None),
            claim(EN, "the report", "statement", Speaker("Bolt", "bolt", "Bolt")),
            claim(EN, "it had not paid", "denial", None),
        ],
    )


def test_arithmetic(tmp_path) -> None:
    reports = ev.evaluate(ev.load_gold([gold_file(tmp_path)]), predicted)
    en, ar = reports["en"], reports["ar"]

    def prf(name):
        c = en.prf[name]
        return (c.tp, c.fp, c.fn)

    assert prf("entities") == (2, 1, 1)
    assert en.prf["entities"].f1 == pytest.approx(2 / 3)
    assert prf("entity ids") == (1, 1, 1)
    assert prf("figures") == (1, 1, 0)
    assert en.prf["figures"].precision == 0.5 and en.prf["figures"].recall == 1.0
    assert prf("claims") == (3, 1, 0)
    assert en.prf["claims"].f1 == pytest.approx(2 * 0.75 / 1.75)
    assert prf("denials") == (1, 0, 1)
    assert en.prf["denials"].f1 == pytest.approx(2 / 3)
    assert (en.acc["claim kinds"].right, en.acc["claim kinds"].total) == (2, 3)
    assert (en.acc["speakers (named)"].right, en.acc["speakers (named)"].total) == (2, 3)
    assert (en.acc["speaker text"].right, en.acc["speaker text"].total) == (2, 3)
    assert en.passages == 1 and en.per_second and en.per_second > 0
    # Arabic annotates claims only: one false positive, nothing else scored.
    assert (ar.prf["claims"].tp, ar.prf["claims"].fp, ar.prf["claims"].fn) == (0, 1, 0)
    assert ar.prf["claims"].precision == 0.0 and ar.prf["claims"].f1 is None
    assert ar.scored == {"claims", "denials"}


def test_outputs_and_thresholds(tmp_path) -> None:
    reports = ev.evaluate(ev.load_gold([gold_file(tmp_path)]), predicted)
    data = evc.to_json(reports)
    assert data["en"]["fields"]["claims"]["tp"] == 3
    assert "entities" not in data["ar"]["fields"]
    table = evc.to_table(reports)
    assert "denials" in table and "0.667" in table
    assert ev.missed(reports, [("denials", 0.6)]) == []
    assert ev.missed(reports, [("denials", 0.7)]) == ["en denials: F1 0.667 < 0.7"]
    # An all-wrong field (no true positive) misses any threshold.
    assert "ar claims: F1    - < 0.1" in ev.missed(reports, [(None, 0.1)])


def test_claim_overlap_rule() -> None:
    g = {"start": 0, "end": 10}
    assert ev._claim_score(g, Claim("", "statement", "", 0, 10)) == 1.0
    assert ev._claim_score(g, Claim("", "statement", "", 5, 15)) is None  # Jaccard 1/3
    assert ev._claim_score(g, Claim("", "statement", "", 0, 20)) == 0.5


def test_bad_gold_is_reported(tmp_path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"id": "x", "lang": "en", "text": "abc", "claims": [{"text": "zzz"}]}) + "\n")
    with pytest.raises(ev.GoldError, match="bad.jsonl:1"):
        ev.load_gold([path])
    path.write_text("{oops\n")
    assert evc.main([str(path)]) == 2


def test_main_runs_the_real_pipeline(tmp_path, capsys) -> None:
    path = gold_file(tmp_path)
    assert evc.main([str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"ar", "en"} and data["en"]["passages"] == 1
    assert evc.main([str(path), "--min-f1", "claims=1.01"]) == 1
    with pytest.raises(SystemExit) as e:
        evc.main([str(path), "--min-f1", "nonsense=0.5"])
    assert e.value.code == 2


def _ref_gold(tmp_path, sha: str, line: int = 2, column: str = "en"):
    path = tmp_path / "denials_en.jsonl"
    rec = {"id": "r-1", "lang": "en",
           "ref": {"file": "news/pairs.tsv", "line": line, "column": column, "sha1": sha},
           "claims": [{"kind": "denial", "cue": "denied", "speaker": "bolt", "speaker_text": "Bolt",
                       "text": "the report"}]}
    path.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    return path


def test_ref_records_read_their_text_from_the_shared_data(tmp_path) -> None:
    import hashlib

    data = tmp_path / "shared"
    (data / "news").mkdir(parents=True)
    en, ar = "Bolt denied the report.", "ونفت بولت التقرير."
    (data / "news" / "pairs.tsv").write_text(f"doc\ten\tar\nd1\t{en}\t{ar}\n", encoding="utf-8")
    refs = ev.RefReader(data)
    sha = hashlib.sha1(en.encode()).hexdigest()[:12]
    (p,) = ev.load_gold([_ref_gold(tmp_path, sha)], skipped=[], refs=refs)
    assert (p.text, p.set, p.ref["line"]) == (en, "denials", 2)
    assert (p.claims[0]["start"], p.claims[0]["end"]) == (12, 22)
    # A different text under the same line (another version of the corpus) is skipped, saying why.
    skipped: list[str] = []
    assert ev.load_gold([_ref_gold(tmp_path, "0" * 12)], skipped=skipped, refs=refs) == []
    assert len(skipped) == 1 and "r-1" in skipped[0] and "SHA-1 differs" in skipped[0]
    # So is a record whose data is absent; without a list to report to, it is an error.
    skipped = []
    assert ev.load_gold([_ref_gold(tmp_path, sha)], skipped=skipped, refs=ev.RefReader(tmp_path / "none")) == []
    assert "cannot be read" in skipped[0] and "MARSAD_SHARED_DATA" in skipped[0]
    with pytest.raises(ev.GoldError, match="denials_en.jsonl:1"):
        ev.load_gold([_ref_gold(tmp_path, sha)], refs=ev.RefReader(tmp_path / "none"))
    # The header is not data, and a path may not leave the data directory.
    skipped = []
    ev.load_gold([_ref_gold(tmp_path, sha, line=1)], skipped=skipped, refs=refs)
    assert "no data line 1" in skipped[0]
    path = _ref_gold(tmp_path, sha)
    path.write_text(path.read_text().replace("news/pairs.tsv", "../shared/news/pairs.tsv"))
    skipped = []
    ev.load_gold([path], skipped=skipped, refs=refs)
    assert "outside" in skipped[0]


def test_reports_per_set_and_the_threshold_gate(tmp_path) -> None:
    text = "Acme said sales rose.\nBolt denied the report."
    rows = {"claims_en.jsonl": {"id": "c", "lang": "en", "text": text,
                                "claims": [{"kind": "statement", "cue": "said", "speaker": "acme",
                                            "speaker_text": "Acme", "text": "sales rose"}]},
            "articles_en.jsonl": {"id": "a", "lang": "en", "text": text,
                                  "claims": [{"kind": "denial", "cue": "denied", "speaker": "bolt",
                                              "speaker_text": "Bolt", "text": "the report"}]}}
    paths = []
    for name, rec in rows.items():
        (tmp_path / name).write_text(json.dumps(rec) + "\n")
        paths.append(tmp_path / name)

    def fake(t: str, lang: str | None) -> Analysis:
        a, b = span(t, "sales rose")
        c, d = span(t, "the report")
        # The third claim runs over the line break: counted, and the gate fails on it.
        return Analysis("en", claims=[Claim("sales rose", "statement", "said", a, b, Speaker("Acme", "acme")),
                                      Claim("the report", "denial", "denied", c, d, Speaker("Bolt", None)),
                                      Claim(t[b:c], "statement", "said", b, c, None)])

    reports = ev.evaluate(ev.load_gold(paths), fake)
    en = reports["en"]
    assert set(en.sets) == {"claims", "articles"}
    assert en.sets["articles"].metric("denials") == pytest.approx(1.0)
    assert en.sets["claims"].metric("claims precision") == pytest.approx(1 / 3)
    assert en.sets["articles"].metric("speakers (named)") == 0.0
    assert en.crossing == 2 and en.sets["claims"].crossing == 1
    table = {"en": {"claims: claims precision": 0.3, "articles: speakers (named)": 0.5, "heldout: claims": 0.9}}
    assert ev.gate(reports, table) == ["en: 2 claim(s) cross a line break",
                                       "en articles: speakers (named) 0.000 < 0.5"]
    assert "articles" in evc.to_json(reports)["en"]["sets"]
    assert "en articles" in evc.to_table(reports)


@pytest.mark.parametrize(("lang", "speaker_text", "cue", "expected"), [
    ("en", "he", "said", True),
    ("en", "The company's chief executive", "said", True),
    ("en", "the ministry", "said", True),
    ("en", "Karim Haddad", "said", False),
    ("en", "A spokesperson for Acme", "said", False),
    ("ar", "وأضاف", "وأضاف", True),
    ("ar", "الرئيس التنفيذي", "قال", True),
    ("ar", "المتحدث باسم الوزارة", "قال", True),
    ("ar", "كريم حداد", "قال", False),
    ("ar", "المتحدث باسم أرامكو", "قال", False),
])
def test_pronoun_and_role_mentions_are_told_from_names(lang, speaker_text, cue, expected) -> None:
    assert ev.anaphoric({"speaker_text": speaker_text, "cue": cue}, lang) is expected


def test_slug_names_read_as_english_writes_them() -> None:
    assert ev.slug_name("badr-al-enezi") == "Badr al-Enezi"
    assert ev.slug_name("nile-mobile") == "Nile Mobile"
    assert ev.slug_name("al") == "Al"
    assert ev.slug_name("al-al-bayt") == "Al al-Bayt"


def test_a_speaker_counts_as_stored_when_the_index_would_file_it_under_the_gold_id() -> None:
    """The real pipeline romanises طارق عزت with the name table (tariq-ezzat); the writer spelled it Tarek."""
    from marsad.nlp.pipeline import analyze

    text = "وقال طارق عزت إن الشركة لم ترفع الأسعار منذ بداية العام."
    analysis = analyze(text, "ar")
    (c,) = analysis.claims
    assert c.speaker is not None and c.speaker.id == "tariq-ezzat"
    store = ["tarek-ezzat", "tarek-hassan", "ahmed-osman"]
    assert ev.stored_as("tarek-ezzat", c, analysis, store)
    # Another person's id, an id not in the store, a speaker without an id: wrong.
    assert not ev.stored_as("tarek-hassan", c, analysis, store)
    assert not ev.stored_as("ahmed-osman", c, analysis, ["ahmed-osman"])
    c.speaker.id = None
    assert not ev.stored_as("tarek-ezzat", c, analysis, store)


def test_the_as_stored_line_counts_only_named_speakers(tmp_path) -> None:
    from marsad.nlp.pipeline import analyze

    text = "وقال طارق عزت إن الشركة لم ترفع الأسعار منذ بداية العام."
    row = {"id": "s-ar", "lang": "ar", "text": text,
           "claims": [{"kind": "statement", "cue": "وقال", "speaker": "tarek-ezzat", "speaker_text": "طارق عزت",
                       "text": "الشركة لم ترفع الأسعار منذ بداية العام"}]}
    path = tmp_path / "s_ar.jsonl"
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    rep = ev.evaluate(ev.load_gold([path]), analyze)["ar"]
    assert rep.metric("speakers (named)") == 0.0
    assert rep.metric("speakers (as stored)") == 1.0


def test_a_predicted_id_the_store_holds_is_kept_as_the_index_keeps_it() -> None:
    from marsad.nlp.pipeline import analyze

    text = "وقال طارق عزت إن الشركة لم ترفع الأسعار منذ بداية العام."
    analysis = analyze(text, "ar")
    (c,) = analysis.claims
    # tariq-ezzat is stored already (another file's spelling): the indexer would not move it to tarek-ezzat.
    assert not ev.stored_as("tarek-ezzat", c, analysis, ["tarek-ezzat", "tariq-ezzat"])


def test_a_ref_sentence_is_scored_inside_its_document_with_context(tmp_path) -> None:
    """``--context``: a sentence of a document is analysed with the sentences around it (its speaker may be
    named before it), and scored on what falls inside it; without context the sentence stands alone."""
    import hashlib

    from marsad.nlp import analyze

    data = tmp_path / "shared"
    (data / "news").mkdir(parents=True)
    lines = ["Harbor Mining chief Lena Ostrova spoke to reporters on Monday.",
             "She denied that the company had paid the officials.",
             "Another story begins here."]
    rows = [f"d1\t{lines[0]}\tx", f"d1\t{lines[1]}\tx", f"d2\t{lines[2]}\tx"]
    (data / "news" / "pairs.tsv").write_text("doc\ten\tar\n" + "\n".join(rows) + "\n", encoding="utf-8")
    refs = ev.RefReader(data)
    sha = hashlib.sha1(lines[1].encode()).hexdigest()[:12]
    path = tmp_path / "denials_en.jsonl"
    rec = {"id": "r-2", "lang": "en", "ref": {"file": "news/pairs.tsv", "line": 3, "column": "en", "sha1": sha},
           "claims": [{"kind": "denial", "cue": "denied", "speaker": "lena-ostrova", "speaker_text": "She",
                       "text": "the company had paid the officials"}]}
    path.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    (p,) = ev.load_gold([path], refs=refs)
    text, at = refs.document(p.ref, p.text)
    assert text == "\n".join(lines[:2]) and text[at:at + len(p.text)] == p.text
    alone = ev.score(ev.run([p], analyze))["en"]
    inside = ev.score(ev.run([p], analyze, refs=refs, context=True))["en"]
    assert alone.acc["speakers (named)"].value == 0.0
    assert inside.acc["speakers (named)"].value == 1.0
    # What is scored is the sentence's own analysis, with offsets in the sentence.
    (r,) = ev.run([p], analyze, refs=refs, context=True)
    (c,) = r.analysis.claims
    assert p.text[c.start:c.end] == c.text == "the company had paid the officials"
    assert all(p.text[e.start:e.end] == e.text for e in r.analysis.entities)


def test_slicing_an_analysis_keeps_what_is_inside_and_renumbers_its_links() -> None:
    a = Analysis(lang="en",
                 entities=[Entity("Ava", "PERSON", 0, 3, "ava", "Ava"), Entity("Bolt", "ORG", 10, 14, "bolt", "Bolt")],
                 figures=[Figure("5%", "percent", 5, 20, 22)],
                 claims=[Claim("Bolt rose 5%", "statement", "said", 10, 22, Speaker("Ava", "ava", "Ava"), [0], [0, 1])])
    s = ev.slice_analysis(a, 8, 30)
    assert [(e.text, e.start) for e in s.entities] == [("Bolt", 2)]
    assert [(f.text, f.start) for f in s.figures] == [("5%", 12)]
    (c,) = s.claims
    assert (c.start, c.end, c.entities, c.figures) == (2, 14, [0], [0])
