"""What the browser tests share: the fixture articles they look for and small page helpers."""

from __future__ import annotations

import re

from webkit import by_key, claim_id

AR_DATA = by_key("ar-nebula-data")
EN_DATA = by_key("en-nebula-data")
EN_COPY = by_key("en-nebula-data-copy")
AR_WADI = by_key("ar-nebula-data-wadi")
EN_INQUIRY = by_key("en-nebula-data-inquiry")
AR_LICENCE = by_key("ar-licence")
# The data story as the fixtures tell it: five reports by four outlets, one of them a copy.
DATA_STORY = [AR_DATA, EN_DATA, EN_COPY, AR_WADI, EN_INQUIRY]


def _expect():
    from playwright.sync_api import expect

    return expect


def _wait_done(pg) -> None:
    """Waits until the page's script has finished its current load."""
    # A selector wait, not wait_for_function: the pages' CSP forbids the eval that would need.
    pg.wait_for_selector("body[data-state=done]", state="attached")


def _search(pg, query: str) -> None:
    """Types a query into the search box, submits with Enter and waits for the results."""
    box = pg.locator("#q")
    box.fill(query)
    box.press("Enter")
    pg.wait_for_url(re.compile(r"[?&]q="))
    _wait_done(pg)


def _claim_item(pg, fixture, n: int):
    return pg.locator(f'#claims-list li[data-id="{claim_id(fixture, n)}"]')


def _article_item(pg, fixture):
    return pg.locator(f'#articles-list li[data-id="{fixture.article().id}"]')


def _story_of(pg, fixture) -> str:
    """Returns the story id the indexer gave a fixture article (read from the API)."""
    resp = pg.request.get(f"/api/v1/articles/{fixture.article().id}")
    assert resp.status == 200
    story = resp.json()["story"]
    assert story
    return story
