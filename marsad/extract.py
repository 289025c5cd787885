"""``marsad extract``: analyse a text, an HTML page or a JSON-lines batch and print JSON.

Usage::

    marsad extract [PATH|-] [--lang auto|ar|en] [--html]
    marsad extract --jsonl [PATH|-] [--lang auto|ar|en] [--html]

Single mode prints one Analysis JSON object. Batch mode reads JSON lines
``{"id": ..., "text": ..., "lang": optional}`` (with ``--html``, or per line,
``"html"`` instead of ``"text"``) and writes one line per input line, in
order: ``{"id": ..., "analysis": {...}}`` or ``{"id": ..., "error": "..."}``.
A bad line never stops the batch. Input is read from PATH, or from standard
input when PATH is ``-`` or absent; it may be UTF-8 (with or without BOM),
UTF-16 with a BOM, or windows-1256 Arabic, which is recognised and decoded.

Exit status:
    0  the Analysis was printed; in batch mode, every input line was answered
       (some answers may be errors; their count goes to standard error).
    1  single mode: the input cannot be analysed (empty, too long, no main
       text in the HTML); the reason goes to standard error.
    2  usage error (bad options).
    3  the input cannot be read or decoded (missing file, unknown encoding).
    4  the NLP models are not installed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from typing import BinaryIO

if __name__ == "__main__":  # run as a program (python -m marsad.extract): an entry point, before spaCy loads
    from marsad.torchless import lean_process

    lean_process()

from marsad.nlp import AnalysisError, Options, analyze, analyze_many  # noqa: E402

EXIT_OK, EXIT_ANALYSIS, EXIT_USAGE, EXIT_INPUT, EXIT_MODELS = 0, 1, 2, 3, 4
_CHUNK = 64
_ARABIC = re.compile(r"[\u0600-\u06FF]")


class InputError(Exception):
    """The input bytes cannot be read or turned into text."""


def decode(data: bytes) -> str:
    """Decodes input text bytes: BOMs, then UTF-8, then windows-1256.

    (An HTML page is decoded as the crawler decodes it: crawler.extract.decode_html.)

    windows-1256 maps almost every byte, so a decoding is only accepted when
    it reads as Arabic text; anything else is an error that says what to do.

    Raises:
        InputError: when no encoding fits.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputError(f"input has a UTF-16 byte-order mark but does not decode as UTF-16: {e}") from e
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError as e:
        raise InputError(f"input is neither UTF-8 nor windows-1256: {e}") from e
    letters = [c for c in text if c.isalpha()]
    arabic = sum(1 for c in letters if _ARABIC.match(c))
    # Random bytes also decode to many Arabic letters, but with control
    # characters that no text file has.
    controls = sum(1 for c in text if (ord(c) < 32 and c not in "\t\n\r\f") or ord(c) == 127)
    if letters and arabic / len(letters) >= 0.3 and controls <= len(text) / 1000:
        return text
    raise InputError(
        "input is not valid UTF-8 and does not look like windows-1256 Arabic; re-encode it as UTF-8"
    )


def _read(path: str | None) -> bytes:
    if path is None or path == "-":
        return sys.stdin.buffer.read()
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise InputError(f"cannot read {path}: {e.strerror or e}") from e


def _dump(obj: object, indent: int | None = None) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=indent) + "\n").encode("utf-8")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``marsad extract``."""
    p = argparse.ArgumentParser(
        prog="marsad extract",
        description="Analyse one text (or HTML page) into entities, figures and claims, or a JSON-lines batch.",
        epilog="Exit status: 0 done, 1 input cannot be analysed, 2 usage, 3 input unreadable, 4 models missing.",
    )
    p.add_argument("path", nargs="?", default=None, metavar="PATH", help="input file; '-' or absent: standard input")
    p.add_argument("--lang", default="auto", help="language of the text: auto (default), ar, en or another code")
    p.add_argument("--html", action="store_true", help="the input is an HTML page: analyse its main text")
    p.add_argument(
        "--jsonl", nargs="?", const="-", default=None, metavar="PATH",
        help="batch mode: JSON lines {id, text, lang?} in, {id, analysis|error} lines out",
    )
    p.add_argument("--indent", type=int, default=None, help="indent single-mode output by this many spaces")
    p.add_argument("--max-chars", type=int, default=Options().max_chars,
                   help="refuse longer texts (default %(default)s)")
    return p


def main(argv: list[str] | None = None) -> int:
    """Runs ``marsad extract`` with its own arguments; returns the exit status."""
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    out: BinaryIO = sys.stdout.buffer
    options = Options(max_chars=args.max_chars)
    try:
        if args.jsonl is not None:
            path = args.path if (args.jsonl == "-" and args.path is not None) else args.jsonl
            return _batch(_read(path), args.lang, args.html, options, out)
        return _single(_read(args.path), args.lang, args.html, options, out, args.indent)
    except InputError as e:
        print(f"marsad extract: {e}", file=sys.stderr)
        return EXIT_INPUT
    except OSError as e:
        # spaCy raises OSError for a missing model package; nlp.models names it.
        print(f"marsad extract: {e}", file=sys.stderr)
        return EXIT_MODELS


# What a page given to the command is called where the crawler would have its URL.
_PAGE_URL = "file:///dev/stdin"


def _page_text(page: bytes | str, lang: str) -> tuple[str, str]:
    """Returns (text, lang) of an HTML page the way a crawl analyses it (crawler.extract.page_article).

    A page a crawl would not index (a body under the crawler's minimum, no
    title) is still analysed; a note on standard error says why a crawl would
    drop it.

    Raises:
        AnalysisError: when the page has no article text at all.
    """
    from marsad.crawler.extract import NoArticle, analysis_lang, extract_article, page_article

    try:
        if isinstance(page, bytes):
            ex, _ = page_article(page, _PAGE_URL, "marsad-extract", strict=False)
        else:
            ex = extract_article(page, _PAGE_URL, "marsad-extract", strict=False)
    except NoArticle as e:
        raise AnalysisError(f"no article in the page ({e.reason})") from None
    if ex.extra.get("crawl_drops"):
        print(f"marsad extract: note: a crawl would not index this page ({ex.extra['crawl_drops']})",
              file=sys.stderr)
    if lang == "auto":
        lang = analysis_lang(ex.lang) or "auto"
    return ex.body, lang


def _single(data: bytes, lang: str, html: bool, options: Options, out: BinaryIO, indent: int | None) -> int:
    try:
        if html:
            text, lang = _page_text(data, lang)
        else:
            text = decode(data)
        analysis = analyze(text, lang, options)
    except AnalysisError as e:
        print(f"marsad extract: {e}", file=sys.stderr)
        return EXIT_ANALYSIS
    out.write(_dump(analysis.to_dict(), indent))
    out.flush()
    return EXIT_OK


def _parse_line(line: str, default_lang: str, html: bool) -> tuple[object, str | None, str | None, str | None]:
    """Returns (id, text, lang, error) for one input line; error is set when the line is unusable."""
    if not line.strip():
        return None, None, None, "empty line"
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        return None, None, None, f"invalid JSON: {e.msg} at column {e.colno}"
    if not isinstance(obj, dict):
        return None, None, None, f"a line must be a JSON object, not {type(obj).__name__}"
    rid = obj.get("id")
    lang = obj.get("lang", default_lang)
    if lang is None:
        lang = default_lang
    if not isinstance(lang, str):
        return rid, None, None, f"'lang' must be a string, not {type(lang).__name__}"
    key = "html" if ("html" in obj and "text" not in obj) else "text"
    if key not in obj:
        return rid, None, None, "missing 'text'"
    value = obj[key]
    if not isinstance(value, str):
        return rid, None, None, f"'{key}' must be a string, not {type(value).__name__}"
    if html or key == "html":
        try:
            value, lang = _page_text(value, lang)
        except AnalysisError as e:
            return rid, None, None, str(e)
    return rid, value, lang, None


def _lines(data: bytes) -> list[str | InputError]:
    """The lines of a batch: decoded as a whole when possible, else line by line so one bad line stays one."""
    try:
        lines: list[str | InputError] = list(decode(data).split("\n"))
    except InputError:
        lines = []
        for raw in data.split(b"\n"):
            try:
                lines.append(decode(raw) if raw.strip() else raw.decode("ascii", "replace"))
            except InputError as e:
                lines.append(e)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _batch(data: bytes, default_lang: str, html: bool, options: Options, out: BinaryIO) -> int:
    lines = _lines(data)
    errors = 0
    for i in range(0, len(lines), _CHUNK):
        parsed = [
            (None, None, None, f"cannot decode the line: {line}") if isinstance(line, InputError)
            else _parse_line(line.rstrip("\r"), default_lang, html)
            for line in lines[i:i + _CHUNK]
        ]
        good = [p for p in parsed if p[3] is None]
        results = iter(analyze_many([p[1] for p in good], lang=[p[2] for p in good], options=options))
        for rid, _text, _lang, error in parsed:
            if error is None:
                result = next(results)
                if isinstance(result, AnalysisError):
                    error = str(result)
                else:
                    out.write(_dump({"id": rid, "analysis": result.to_dict()}))
                    continue
            errors += 1
            out.write(_dump({"id": rid, "error": error}))
        out.flush()
    if errors:
        print(f"marsad extract: {errors} of {len(lines)} lines could not be analysed", file=sys.stderr)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
