"""`marsad extract`: single texts, HTML, JSON-lines batches, encodings and exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from marsad import extract

ROOT = Path(__file__).resolve().parents[2]
EN = "Twitter denied the allegations. A spokesperson for Meta said it had not shared data of 5 million users."
AR = "وقالت تويتر إن 87 مليون مستخدم تأثروا. ونفت الشركة الاتهامات."
PAGE = f"""<!doctype html><html><head><meta charset="utf-8"><title>خبر</title></head>
<body><nav><a href="/">الرئيسية</a> | <a href="/about">من نحن</a></nav>
<article><h1>تويتر تنفي</h1><p>{AR}</p>
<p>وأضافت الشركة أن التحقيق ما زال مستمرا في لندن وأن النتائج ستعلن قريبا.</p>
<p>وكانت صحف بريطانية قد نشرت الأسبوع الماضي تقارير عن تسرب بيانات من خوادم الشركة في أوروبا،
وطالب نواب في البرلمان بجلسة استماع علنية قبل نهاية الشهر المقبل.</p></article>
<footer>جميع الحقوق محفوظة</footer></body></html>"""


def run(monkeypatch, capsysbinary, argv: list[str], stdin: bytes = b"") -> tuple[int, bytes, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = extract.main(argv)
    out, err = capsysbinary.readouterr()
    return code, out, err.decode("utf-8")


def test_single_file(tmp_path, monkeypatch, capsysbinary) -> None:
    path = tmp_path / "a.txt"
    path.write_text(EN, encoding="utf-8")
    code, out, _ = run(monkeypatch, capsysbinary, [str(path)])
    assert code == 0
    a = json.loads(out)
    assert a["lang"] == "en"
    # Meta's negated clause answers no charge the text reports: a statement (issue 13's definition).
    assert [c["kind"] for c in a["claims"]] == ["denial", "statement"]
    assert a["claims"][1]["speaker"]["id"] == "meta"


def test_stdin_dash_and_absent_keep_arabic_unescaped(monkeypatch, capsysbinary) -> None:
    for argv in (["-"], [], ["--lang", "ar"]):
        code, out, _ = run(monkeypatch, capsysbinary, argv, AR.encode("utf-8"))
        assert code == 0
        assert "تويتر".encode() in out  # ensure_ascii=False
        assert json.loads(out)["lang"] == "ar"


def test_windows_1256_file_is_decoded(tmp_path, monkeypatch, capsysbinary) -> None:
    path = tmp_path / "cp1256.txt"
    path.write_bytes(AR.encode("cp1256"))
    code, out, _ = run(monkeypatch, capsysbinary, [str(path)])
    assert code == 0
    a = json.loads(out)
    assert a["lang"] == "ar" and a["claims"][0]["speaker"]["id"] == "twitter"


def test_utf8_bom_and_utf16(tmp_path, monkeypatch, capsysbinary) -> None:
    for data in (b"\xef\xbb\xbf" + AR.encode("utf-8"), AR.encode("utf-16")):
        path = tmp_path / "t.txt"
        path.write_bytes(data)
        code, out, _ = run(monkeypatch, capsysbinary, [str(path)])
        assert code == 0 and json.loads(out)["lang"] == "ar"


def test_undecodable_input_is_a_clear_error(tmp_path, monkeypatch, capsysbinary) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Le ministre a déclaré que la réforme était prête à être votée.".encode("latin-1"))
    code, out, err = run(monkeypatch, capsysbinary, [str(path)])
    assert (code, out) == (3, b"")
    assert "re-encode it as UTF-8" in err and "Traceback" not in err


def test_missing_file_and_empty_text(tmp_path, monkeypatch, capsysbinary) -> None:
    code, out, err = run(monkeypatch, capsysbinary, [str(tmp_path / "nope.txt")])
    assert code == 3 and "cannot read" in err
    code, out, err = run(monkeypatch, capsysbinary, ["-"], b"  \n")
    assert (code, out) == (1, b"") and "empty text" in err


def test_usage_error(monkeypatch, capsysbinary) -> None:
    with pytest.raises(SystemExit) as e:
        run(monkeypatch, capsysbinary, ["--bogus"])
    assert e.value.code == 2


def test_html_main_text(tmp_path, monkeypatch, capsysbinary) -> None:
    path = tmp_path / "p.html"
    path.write_text(PAGE, encoding="utf-8")
    code, out, _ = run(monkeypatch, capsysbinary, [str(path), "--html"])
    assert code == 0
    a = json.loads(out)
    assert a["lang"] == "ar"
    assert all("الرئيسية" not in c["text"] for c in a["claims"])
    assert {c["speaker"]["id"] for c in a["claims"] if c["speaker"]} == {"twitter"}


def test_html_in_windows_1256_with_declared_charset(tmp_path, monkeypatch, capsysbinary) -> None:
    path = tmp_path / "p.html"
    path.write_bytes(PAGE.replace('charset="utf-8"', 'charset="windows-1256"').encode("cp1256"))
    code, out, _ = run(monkeypatch, capsysbinary, [str(path), "--html"])
    assert code == 0 and json.loads(out)["claims"]


def test_html_is_analysed_as_a_crawl_would_index_it(tmp_path, monkeypatch, capsysbinary) -> None:
    """One path from page bytes to analysis: the command's output is the crawl pipelines' analysis."""
    from marsad.crawler.pipelines import AnalysePipeline, CleanPipeline

    class _Stats:
        def inc_value(self, *a, **k) -> None:
            pass

    class _Seen:
        def get(self, url):
            return None

    raw = PAGE.replace('charset="utf-8"', 'charset="windows-1256"').encode("cp1256")
    item = {"body": raw, "url": "http://example.test/a.html", "link_url": "http://example.test/a.html",
            "source": "test", "content_type": "text/html"}
    item = AnalysePipeline(_Stats()).process_item(CleanPipeline(_Seen()).process_item(item))
    path = tmp_path / "p.html"
    path.write_bytes(raw)
    code, out, _ = run(monkeypatch, capsysbinary, [str(path), "--html"])
    assert code == 0 and item["encoding"] == "windows-1256"
    assert json.loads(out) == item["analysis"] and item["analysis"]["claims"]


def test_a_page_the_crawler_would_drop_is_analysed_with_a_note(tmp_path, monkeypatch, capsysbinary) -> None:
    path = tmp_path / "short.html"
    path.write_text("<html><head><title>t</title></head><body><article><p>قال الوزير إن الوضع مستقر.</p>"
                    "</article></body></html>", encoding="utf-8")
    code, out, err = run(monkeypatch, capsysbinary, [str(path), "--html"])
    assert code == 0 and json.loads(out)["claims"], err
    assert "a crawl would not index this page (body too short)" in err
    # The crawl's own rules are unchanged: the same page is no article there.
    from marsad.crawler.extract import NoArticle, page_article

    with pytest.raises(NoArticle, match="body too short"):
        page_article(path.read_bytes(), "http://example.test/short.html", "test")


@pytest.mark.parametrize("page", ["<html><body></body></html>", "<<<>>>", "<div", "plain words, no markup"])
def test_malformed_html_is_a_clear_error(page: str, tmp_path, monkeypatch, capsysbinary) -> None:
    path = tmp_path / "bad.html"
    path.write_text(page, encoding="utf-8")
    code, out, err = run(monkeypatch, capsysbinary, [str(path), "--html"])
    assert (code, out) == (1, b"")
    assert err.startswith("marsad extract: ") and "Traceback" not in err


def test_jsonl_batch_keeps_order_and_goes_on_after_bad_lines(monkeypatch, capsysbinary) -> None:
    lines = [
        json.dumps({"id": 1, "text": EN}),
        "{not json",
        json.dumps({"id": "two", "text": AR, "lang": "ar"}),
        json.dumps({"id": 3}),
        json.dumps({"id": 4, "text": 12}),
        json.dumps([1, 2]),
        json.dumps({"id": 6, "text": "   "}),
        json.dumps({"id": 7, "text": EN, "lang": 5}),
        "",
        json.dumps({"id": 9, "text": "Le ministre a déclaré que tout allait bien.", "lang": "fr"}),
        json.dumps({"id": 10, "html": PAGE}),
    ]
    code, out, err = run(monkeypatch, capsysbinary, ["--jsonl"], ("\n".join(lines) + "\n").encode("utf-8"))
    assert code == 0
    rows = [json.loads(x) for x in out.decode("utf-8").splitlines()]
    assert len(rows) == len(lines)
    assert [r["id"] for r in rows] == [1, None, "two", 3, 4, None, 6, 7, None, 9, 10]
    ok = [r["id"] for r in rows if "analysis" in r]
    assert ok == [1, "two", 9, 10]
    errors = {r["id"]: r["error"] for r in rows if "error" in r and r["id"] is not None}
    assert "missing 'text'" in errors[3]
    assert "'text' must be a string" in errors[4]
    assert "empty text" in errors[6]
    assert "'lang' must be a string" in errors[7]
    assert "invalid JSON" in rows[1]["error"] and "JSON object" in rows[5]["error"]
    assert rows[2]["analysis"]["claims"][1]["kind"] == "denial"
    assert rows[9]["analysis"]["lang"] == "fr"
    assert "7 of 11 lines could not be analysed" in err


def test_jsonl_from_file_with_positional_path(tmp_path, monkeypatch, capsysbinary) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps({"id": i, "text": t}) for i, t in enumerate([EN, AR] * 40)), encoding="utf-8")
    for argv in (["--jsonl", str(path)], [str(path), "--jsonl"]):
        code, out, _ = run(monkeypatch, capsysbinary, argv)
        rows = [json.loads(x) for x in out.decode("utf-8").splitlines()]
        assert code == 0 and [r["id"] for r in rows] == list(range(80))
        assert [r["analysis"]["lang"] for r in rows[:2]] == ["en", "ar"]


def test_module_runs_as_a_program() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "marsad.extract", "--lang", "ar"],
        input=AR.encode("utf-8"), capture_output=True, cwd=ROOT, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert json.loads(proc.stdout)["claims"][1]["kind"] == "denial"


def test_random_bytes_are_not_taken_for_windows_1256(tmp_path, monkeypatch, capsysbinary) -> None:
    import random

    path = tmp_path / "noise.bin"
    path.write_bytes(bytes(random.Random(5).randrange(256) for _ in range(4000)))
    code, out, err = run(monkeypatch, capsysbinary, [str(path)])
    assert (code, out) == (3, b"") and "re-encode" in err


def test_jsonl_line_in_another_encoding_is_one_error(monkeypatch, capsysbinary) -> None:
    data = (
        json.dumps({"id": 1, "text": EN}).encode("utf-8") + b"\n"
        + '{"id": 2, "text": "Le ministre a déclaré que la réforme était prête."}'.encode("latin-1") + b"\n"
        + json.dumps({"id": 3, "text": AR}, ensure_ascii=False).encode("utf-8") + b"\n"
    )
    code, out, _ = run(monkeypatch, capsysbinary, ["--jsonl", "-"], data)
    rows = [json.loads(x) for x in out.decode("utf-8").splitlines()]
    assert code == 0 and len(rows) == 3
    assert "analysis" in rows[0] and "analysis" in rows[2]
    assert "cannot decode" in rows[1]["error"]
