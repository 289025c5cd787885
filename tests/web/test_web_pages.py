"""The web blueprint without a browser: page shells, interface language, headers, local-only assets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from marsad.api.web.i18n import LANGS, STRINGS

WEB = Path(__file__).resolve().parents[2] / "api" / "web"
PAGES = ["/", "/claim/abc123-0", "/entity/nebula-networks", "/new", "/story/s0123456789abcdef"]
# A reference that would make the browser load something: src/href to a URL, @import, url(//…).
REMOTE = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//|@import|url\(\s*["']?(?:https?:)?//""")


def _config(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="marsad-config">(.*?)</script>', html, re.S)
    assert match, "page config missing"
    return json.loads(match.group(1))


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("ui,direction", [("ar", "rtl"), ("en", "ltr")])
def test_pages_carry_language_and_direction(shell_client, path, ui, direction):
    resp = shell_client.get(path, query_string={"ui": ui})
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert f'<html lang="{ui}" dir="{direction}">' in html
    config = _config(html)
    assert config["ui"] == ui and config["dir"] == direction and config["api"] == "/api/v1"
    assert config["strings"] == STRINGS[ui]
    assert 'name="viewport"' in html and 'class="skip" href="#main"' in html


def test_ui_choice_is_remembered_in_a_cookie(shell_client):
    resp = shell_client.get("/", query_string={"ui": "ar"})
    assert "marsad_ui=ar" in resp.headers["Set-Cookie"]
    html = shell_client.get("/new").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html


def test_browser_language_decides_without_a_choice(shell_client):
    html = shell_client.get("/", headers={"Accept-Language": "ar-EG,ar;q=0.9,en;q=0.5"}).get_data(as_text=True)
    assert 'lang="ar"' in html
    html = shell_client.get("/", headers={"Accept-Language": "fr-FR"}).get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in html


def test_switch_link_keeps_the_search(shell_client):
    html = shell_client.get("/", query_string={"ui": "en", "q": "Nebula", "lang": "ar"}).get_data(as_text=True)
    link = re.search(r'id="lang-switch" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert "ui=ar" in link and "q=Nebula" in link and "lang=ar" in link


def test_ids_reach_the_page_config_safely(shell_client):
    evil = "<script>alert('x')<!--&\"-0"
    resp = shell_client.get(f"/claim/{evil}")
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert "<script>alert" not in html and "<!--" not in html
    assert _config(html)["claim_id"] == evil


def test_story_shell_names_its_story_and_feeds(shell_client):
    html = shell_client.get("/story/s0123456789abcdef", query_string={"ui": "ar"}).get_data(as_text=True)
    assert _config(html)["story_id"] == "s0123456789abcdef"
    for fmt, mime in (("json", "application/feed+json"), ("atom", "application/atom+xml")):
        url = f"/api/v1/stories/s0123456789abcdef/feed?format={fmt}"
        assert f'<link rel="alternate" type="{mime}" href="{url}">' in html
        assert f'id="feed-{fmt}" href="{url}"' in html
    for part in ("coverage-chart", "claim-groups", "story-articles", "story-entities"):
        assert f'id="{part}"' in html
    assert '<script type="module" src="/web/static/story.js">' in html


def test_story_ids_reach_the_page_safely(shell_client):
    evil = "<script>alert('x')<!--&\""
    resp = shell_client.get(f"/story/{evil}")
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert "<script>alert" not in html and "<!--" not in html
    assert _config(html)["story_id"] == evil
    # In the feed URLs the id is percent-encoded.
    assert "/api/v1/stories/%3Cscript%3Ealert" in html


def test_pages_forbid_other_origins(shell_client):
    resp = shell_client.get("/")
    csp = resp.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert resp.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("name", ["marsad.css", "common.js", "search.js", "claim.js", "entity.js", "new.js",
                                  "story.js"])
def test_static_assets_are_served_locally(shell_client, name):
    resp = shell_client.get(f"/web/static/{name}")
    assert resp.status_code == 200
    assert resp.mimetype in {"text/css", "text/javascript", "application/javascript"}


def test_nothing_is_loaded_from_another_origin():
    """No CDN, no web fonts: templates and assets name no absolute URL to load from."""
    offenders = []
    for path in WEB.rglob("*"):
        if path.suffix not in {".html", ".js", ".css"}:
            continue
        text = path.read_text(encoding="utf-8")
        for match in REMOTE.finditer(text):
            offenders.append(f"{path.name}: {match.group(0)}")
    assert not offenders


def test_both_languages_have_every_string():
    assert set(LANGS) == set(STRINGS)
    en, ar = STRINGS["en"], STRINGS["ar"]
    # English may add singular forms ("…_one"); every other key exists in both.
    assert {k for k in en if not k.endswith("_one")} == set(ar)
    # Templates read t.<key>: a key named like a dict method would be shadowed by it.
    assert not set(en) & set(dir(dict))


def test_templates_use_only_known_strings():
    used = set()
    for path in (WEB / "templates").rglob("*.html"):
        used |= set(re.findall(r"\bt\.(\w+)", path.read_text(encoding="utf-8")))
    for path in (WEB / "static").glob("*.js"):
        used |= set(re.findall(r"\b(?:t|tNodes)\('(\w+)'", path.read_text(encoding="utf-8")))
    assert used, "no strings found"
    assert used <= set(STRINGS["ar"]), used - set(STRINGS["ar"])



def test_create_app_serves_the_pages():
    """The application factory registers the web blueprint at /."""
    from marsad.api import create_app

    app = create_app({"TESTING": True})
    rules = {r.rule: r.endpoint for r in app.url_map.iter_rules()}
    assert rules.get("/") == "web.search"
    assert rules.get("/new") == "web.new_since"
    assert rules.get("/story/<story_id>") == "web.story"
    assert "web.static" in rules.values()


def test_missing_chromium_is_reported_not_skipped(monkeypatch, tmp_path):
    """Without a browser the browser tests fail with what to install (they never pass silently)."""
    from webkit import CHROMIUM_ENV, missing_browser

    problem = missing_browser()
    assert problem is None, problem
    monkeypatch.setenv(CHROMIUM_ENV, str(tmp_path / "no-chromium-here"))
    problem = missing_browser()
    assert problem and "apt-get install -y chromium" in problem and CHROMIUM_ENV in problem
