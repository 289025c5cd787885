"""Publishers' text-and-data-mining reservations (W3C TDMRep) and the sources' terms.

The parsing is tested on its own; the crawl tests run `marsad crawl` against
the mock site, whose /.well-known/tdmrep.json reserves /tdm/reserved/ and
whose /tdm/ pages declare reservations in a header or a <meta> tag
(tests/mockserver.py). The site's hit counter shows what was fetched.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
from marsad.crawler import sources, tdmrep
from mockserver import REPO, MockServer, crawl_env, marsad_command, summary

from marsad import indices

# ---------------------------------------------------------------- the three ways a reservation is declared


@pytest.mark.parametrize(("location", "path", "matches"), [
    ("/", "/anything/at/all.html", True),
    ("/news/*", "/news/2026/a.html", True),
    ("/news/*", "/sport/a.html", False),
    ("/news/", "/news", False),
    ("/*.pdf$", "/files/report.pdf", True),
    ("/*.pdf$", "/files/report.pdf?download=1", False),
    ("/a/*/c", "/a/b/b/c/d", True),
    ("/%7Euser/", "/~user/page", True),  # an escaped unreserved character is the character itself
    ("/x.html$", "/x.html", True),
    ("/x.html$", "/x.htmlx", False),
    ("/Case/", "/case/", False),  # case-sensitive, as the report says
])
def test_locations_match_paths_as_robots_txt_patterns_do(location: str, path: str, matches: bool) -> None:
    rules = tdmrep.parse_rules(json.dumps([{"location": location, "tdm-reservation": 1}]))
    assert (tdmrep.match(rules, path) is not None) is matches


def test_the_first_matching_rule_applies_and_bad_entries_are_skipped() -> None:
    body = json.dumps([
        {"location": "/open/*", "tdm-reservation": 0},
        {"location": "/", "tdm-reservation": 1, "tdm-policy": "https://p.example/policy.json"},
        {"location": "/ignored/", "tdm-reservation": 2},  # not 0 or 1: a protocol error
        {"tdm-reservation": 1},  # no location
        "not a rule",
    ])
    rules = tdmrep.parse_rules(body)
    assert [r.location for r in rules] == ["/open/*", "/"]
    assert tdmrep.match(rules, "/open/a.html") == tdmrep.Declaration(False, None, "file")
    assert tdmrep.match(rules, "/news/a.html") == tdmrep.Declaration(True, "https://p.example/policy.json", "file")
    assert tdmrep.parse_rules(b"<html>not json</html>") == [] == tdmrep.parse_rules('{"location": "/"}')


@pytest.mark.parametrize(("reservation", "expected"), [
    (b"1", True), ("0", False), (" 1 ", True), (b"yes", None), ("2", None), (None, None), (b"", None),
])
def test_header_values(reservation, expected) -> None:
    found = tdmrep.from_headers(reservation, b"https://p.example/policy")
    assert (found.reserved if found else None) is expected
    if found:
        assert found.origin == "header" and found.policy == "https://p.example/policy"


@pytest.mark.parametrize(("head", "expected"), [
    (b'<meta name="tdm-reservation" content="1">', True),
    (b"<META CONTENT='1' NAME='TDM-Reservation'/>", True),
    (b'<meta name=tdm-reservation content=0>', False),
    (b'<meta name="tdm-reservation" content="maybe">', None),
    (b'<meta property="tdm-reservation" content="1">', None),  # only name= declares it
    (b'<meta name="description" content="tdm-reservation 1">', None),
    (b"", None),
])
def test_meta_tags(head: bytes, expected) -> None:
    page = b"<html><head><meta charset='utf-8'>" + head + b"</head><body><p>text</p></body></html>"
    found = tdmrep.from_html(page)
    assert (found.reserved if found else None) is expected


def test_meta_policy_and_the_head_limit() -> None:
    page = (b'<meta name="tdm-policy" content="https://p.example/p.json"><meta name="tdm-reservation" content="1">')
    assert tdmrep.from_html(page) == tdmrep.Declaration(True, "https://p.example/p.json", "meta")
    late = b"<p>" + b"x" * tdmrep.HEAD_BYTES + b'</p><meta name="tdm-reservation" content="1">'
    assert tdmrep.from_html(late) is None


# ---------------------------------------------------------------- sources.yml: terms and defaults


def test_every_default_source_records_its_terms_and_the_reserved_ones_are_off() -> None:
    every = sources.load()
    assert all(s.terms and s.terms.startswith("https://") for s in every), [s.name for s in every if not s.terms]
    off = {s.name for s in every if not s.enabled}
    # France Médias Monde forbids automated collection and declares a TDM opt-out; RT is suspended in the EU.
    assert off == {"france24-arabic", "france24-english", "rt-arabic"}
    assert {s.name for s in sources.select(every, [])} == {s.name for s in every} - off
    # Named explicitly, a disabled source runs (the operator may hold a licence).
    assert [s.name for s in sources.select(every, ["rt-arabic"])] == ["rt-arabic"]
    assert not any(s.licence for s in every)


@pytest.mark.parametrize(("entry", "error"), [
    ("enabled: no-thanks", "enabled must be true or false"),
    ("terms: ftp://p.example/terms", r"not an http\(s\) URL"),
])
def test_bad_terms_or_enabled_values_are_refused(entry: str, error: str, tmp_path: Path) -> None:
    path = tmp_path / "sources.yml"
    path.write_text(f"sources:\n  - name: x\n    feeds: [https://x.example/rss]\n    {entry}\n", encoding="utf-8")
    with pytest.raises(sources.SourcesError, match=error):
        sources.load(path)


def test_a_crawl_without_names_says_which_sources_it_leaves_out(tmp_path: Path) -> None:
    path = tmp_path / "sources.yml"
    path.write_text("sources:\n  - name: kept\n    feeds: [https://on.invalid/rss]\n"
                    "  - name: left\n    feeds: [https://off.invalid/rss]\n    enabled: false\n"
                    "    terms: https://off.invalid/terms\n", encoding="utf-8")
    from marsad.crawler import cli

    every = sources.load(path)
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        cli._note_disabled(every, sources.select(every, []))
        cli._note_disabled(every, sources.select(every, ["left"]))
    assert "not crawling left (disabled" in err.getvalue()
    assert "left is disabled by default (terms: https://off.invalid/terms); crawling it because it was named" \
        in err.getvalue()


# ---------------------------------------------------------------- real crawls of the mock site

TDM_LINKS = ["/tdm/reserved/file.html", "/tdm/open/file.html", "/tdm/header.html", "/tdm/meta.html",
             "/tdm/meta-lifts-header.html", "/tdm/bad-value.html"]
RESERVED = {"/tdm/reserved/file.html", "/tdm/header.html", "/tdm/meta.html"}



def _sources(path: Path, site: MockServer, licence: str | None) -> Path:
    feed = site.url("/feeds/one.rss?" + "&".join(f"link={quote(p, safe='')}" for p in TDM_LINKS))
    lines = ["sources:", "  - name: demo", "    domains: [127.0.0.1]", f"    feeds: [{json.dumps(feed)}]",
             "    terms: https://publisher.example/terms"]
    if licence:
        lines.append(f"    licence: {json.dumps(licence)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _stored_paths(es, prefix: str, site: MockServer) -> set[str]:
    es.indices.refresh(index=f"{prefix}-articles")
    hits = es.search(index=f"{prefix}-articles", size=100, source_includes=["url"])["hits"]["hits"]
    return {h["_source"]["url"].removeprefix(site.base) for h in hits}


@pytest.mark.es
@pytest.mark.slow
@pytest.mark.parametrize("licence", [None, "TDM licence agreement 2026-07 (test)"], ids=["no-licence", "licence"])
def test_reserved_pages_are_neither_stored_nor_analysed_without_a_licence(
    licence, site: MockServer, es, es_url: str, index_prefix: str, tmp_path: Path
) -> None:
    prefix = f"{index_prefix}-tdm{int(bool(licence))}"
    mp = pytest.MonkeyPatch()
    mp.setenv("MARSAD_INDEX_PREFIX", prefix)
    indices.init(es)
    mp.undo()
    site.get("/_reset")
    path = _sources(tmp_path / "sources.yml", site, licence)
    proc = subprocess.run(marsad_command("crawl", f"--sources={path}", "-v"), cwd=REPO, capture_output=True,
                          text=True, timeout=180, env=crawl_env(es_url, prefix, tmp_path / "state"))
    assert proc.returncode == 0, proc.stderr
    s = summary(proc.stderr)
    stored = _stored_paths(es, prefix, site)
    hits = site.stats()["hits"]
    print(f"TDMRep, {'with' if licence else 'without'} a licence: stored {sorted(stored)}; articles scraped "
          f"{s['articles']}; hits {({p: hits.get(p, 0) for p in TDM_LINKS})}")
    assert hits.get("/.well-known/tdmrep.json") == 1  # read once per host, like robots.txt
    if licence:
        assert stored == set(TDM_LINKS) and s["articles"] == len(TDM_LINKS)
        assert "reserved by the publisher (TDMRep) 0" in proc.stderr
        assert "taken under the licence of demo" in proc.stderr
    else:
        assert stored == set(TDM_LINKS) - RESERVED
        # Never handed to the pipelines: not analysed, not counted as articles.
        assert s["articles"] == len(TDM_LINKS) - len(RESERVED) and s["dropped"] == "none"
        assert "reserved by the publisher (TDMRep) 3" in proc.stderr
        # The file's reservation is honoured like robots.txt: the page is never requested.
        assert hits.get("/tdm/reserved/file.html", 0) == 0
        assert hits["/tdm/header.html"] == 1 and hits["/tdm/meta.html"] == 1
        assert "terms: https://publisher.example/terms" in proc.stderr
