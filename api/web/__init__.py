"""Web pages for analysts and editors: search, story, claim, entity and "new since" views.

The server renders only the page shell (interface language, direction, labels);
each page's JavaScript in ``static/`` reads the JSON API under ``/api/v1`` and
renders the results, so the pages show exactly what API clients get. Nothing is
loaded from another origin: scripts, styles and fonts are local, and the
Content-Security-Policy says so.
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, g, render_template, request, url_for
from markupsafe import Markup
from marsad.api.web.i18n import DEFAULT_LANG, LANGS, direction, strings

bp = Blueprint(
    "web",
    __name__,
    template_folder="templates",
    static_folder="static",
    # Its own path, so it never collides with an application-wide /static.
    static_url_path="/web/static",
)

UI_COOKIE = "marsad_ui"
# Seconds between polls of the new-articles feed; WEB_POLL_SECONDS in the app config overrides.
DEFAULT_POLL_SECONDS = 30
_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'"
)


def ui_language() -> str:
    """Returns the interface language: ?ui=, else the cookie, else the browser's preference."""
    asked = request.args.get("ui")
    if asked in LANGS:
        return asked
    saved = request.cookies.get(UI_COOKIE)
    if saved in LANGS:
        return saved
    return request.accept_languages.best_match(LANGS, default=DEFAULT_LANG) or DEFAULT_LANG


def _switch_url(target: str) -> str:
    """Returns this page's URL with the other interface language (other parameters kept)."""
    args = request.args.to_dict(flat=False)
    args["ui"] = [target]
    return url_for(request.endpoint or "web.search", **(request.view_args or {}), **args)


def _poll_seconds() -> int:
    """Returns the polling interval of the "new since" view (a ?poll= value within 1..600 wins)."""
    raw = request.args.get("poll") or current_app.config.get("WEB_POLL_SECONDS", DEFAULT_POLL_SECONDS)
    try:
        return min(600, max(1, int(raw)))
    except (TypeError, ValueError):
        return DEFAULT_POLL_SECONDS


def _render(template: str, page: str, status: int = 200, **context) -> Response:
    """Renders a page shell with the interface language and the config its script reads."""
    ui = g.ui
    other = "en" if ui == "ar" else "ar"
    page_config = {
        "ui": ui,
        "dir": direction(ui),
        "page": page,
        "api": request.script_root + "/api/v1",
        "base": request.script_root,
        "strings": strings(ui),
        **context.pop("page_config", {}),
    }
    html = render_template(
        template,
        ui=ui,
        dir=direction(ui),
        t=strings(ui),
        page=page,
        switch_url=_switch_url(other),
        switch_lang=other,
        # </script> cannot occur inside: json.dumps escapes "<" below.
        config_json=Markup(json.dumps(page_config, ensure_ascii=False).replace("<", "\\u003c")),
        **context,
    )
    return Response(html, status=status, mimetype="text/html")


@bp.before_request
def _pick_language() -> None:
    g.ui = ui_language()


@bp.after_request
def _headers(response: Response) -> Response:
    """Remembers an explicit ?ui= choice and forbids anything not served by this origin."""
    asked = request.args.get("ui")
    if asked in LANGS:
        response.set_cookie(UI_COOKIE, asked, max_age=365 * 24 * 3600, samesite="Lax")
    response.headers.setdefault("Content-Security-Policy", _CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if response.mimetype == "text/html":
        # The page's language depends on these; static files do not.
        response.vary.add("Cookie")
        response.vary.add("Accept-Language")
    return response


@bp.get("/")
def search() -> Response:
    """The search page: one box over articles and claims, with filters and paging."""
    return _render("web/search.html", "search")


@bp.get("/claim/<claim_id>")
def claim(claim_id: str) -> Response:
    """The claim view; its script fetches the claim's article and analysis by id."""
    return _render("web/claim.html", "claim", claim_id=claim_id, page_config={"claim_id": claim_id})


@bp.get("/story/<story_id>")
def story(story_id: str) -> Response:
    """The story page: coverage by outlet and language, claim groups side by side, reports with copies folded."""
    return _render("web/story.html", "story", story_id=story_id, page_config={"story_id": story_id})


@bp.get("/entity/<entity_id>")
def entity(entity_id: str) -> Response:
    """The entity page: names, timeline chart, newest claims, co-occurring entities, feeds."""
    return _render("web/entity.html", "entity", entity_id=entity_id, page_config={"entity_id": entity_id})


@bp.get("/new")
def new_since() -> Response:
    """The editors' view of articles as they land, polling the new-articles feed."""
    return _render("web/new.html", "new", page_config={"poll_seconds": _poll_seconds()})
