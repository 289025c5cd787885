"""The story page and search's story links in headless Chromium (issue 14), over real HTTP and indexed articles."""

from __future__ import annotations

import re

import pytest
from pagekit import (
    AR_DATA,
    AR_WADI,
    DATA_STORY,
    EN_COPY,
    EN_DATA,
    EN_INQUIRY,
    _article_item,
    _expect,
    _story_of,
    _wait_done,
)
from webkit import by_key, claim_id, shot

pytestmark = pytest.mark.es


def test_search_folds_copies_and_links_the_story(page, web_articles):
    expect = _expect()
    page.goto("/?ui=en&q=Nebula&size=20")
    _wait_done(page)
    original = _article_item(page, EN_DATA)
    expect(original).to_be_visible()
    # The wire copy is not a result of its own: it is folded under the report it copies.
    expect(page.locator(f'#articles-list > li[data-id="{EN_COPY.article().id}"]')).to_have_count(0)
    box = original.locator("details.copies")
    expect(box.locator("summary")).to_have_text("+1 copy")
    copy = box.locator(f'li.copy[data-id="{EN_COPY.article().id}"]')
    expect(copy).to_be_hidden()
    box.locator("summary").click()
    expect(copy).to_be_visible()
    expect(copy.locator(".source")).to_have_text("gulf-wire-test")
    expect(copy.locator("a")).to_have_attribute("href", EN_COPY.url)
    # Each report links to its story, counting the reports (copies aside) and their languages.
    story = _story_of(page, EN_DATA)
    for f in (EN_DATA, AR_DATA):
        link = _article_item(page, f).locator(".story-link")
        expect(link).to_have_text("4 reports in Arabic and English")
        expect(link).to_have_attribute("href", f"/story/{story}")
    shot(page, "search-stories-en")
    # A story of one report has no such link.
    page.goto("/?ui=ar&q=1,200")
    _wait_done(page)
    jobs = _article_item(page, by_key("en-nebula-jobs"))
    expect(jobs).to_be_visible()
    expect(jobs.locator(".story-line")).to_be_hidden()


def test_a_copy_met_first_moves_under_its_original(page, web_articles):
    expect = _expect()
    # Newest first, one per page: the copy (13:05) comes before the report it copies (11:00).
    page.goto("/?ui=en&lang=en&since=2026-11-20&until=2026-11-20&size=1")
    _wait_done(page)
    copy_id, orig_id = EN_COPY.article().id, EN_DATA.article().id
    top = page.locator("#articles-list > li")
    expect(top).to_have_count(1)
    expect(top.first).to_have_attribute("data-id", copy_id)
    # Alone on its page, the copy says whose report it copies.
    expect(top.first.locator(".copy-note")).to_have_text("Copy same text as the harbor-post-test report")
    page.locator("#articles-more").click()
    original = page.locator(f'#articles-list > li[data-id="{orig_id}"]')
    expect(original).to_be_visible()
    expect(page.locator(f'#articles-list > li[data-id="{copy_id}"]')).to_have_count(0)
    expect(original.locator("details.copies summary")).to_have_text("+1 copy")
    expect(original.locator(f'li.copy[data-id="{copy_id}"]')).to_have_count(1)


def _data_story_page(page, ui: str) -> str:
    story = _story_of(page, AR_DATA)
    page.goto(f"/story/{story}?ui={ui}")
    _wait_done(page)
    return story


def test_story_page_in_english(page, web_articles):
    expect = _expect()
    story = _data_story_page(page, "en")
    # Both titles: the interface language's as the heading, the other under it in its own direction.
    expect(page.locator("#story-h")).to_have_text(EN_DATA.title)
    other = page.locator("#story-other-title")
    expect(other).to_have_text(AR_DATA.title)
    expect(other).to_have_attribute("dir", "rtl")
    expect(other).to_have_attribute("lang", "ar")
    expect(other.locator("bdi.latin")).to_have_text("Nebula Networks")
    counts = page.locator("#story-counts")
    for text in ("4 reports in Arabic and English", "1 copy", "4 outlets", "9 claims", "4 denials"):
        expect(counts).to_contain_text(text)

    # Coverage: a row per outlet, a dot per report in its language's colour, the copy hollow.
    svg = page.locator("#coverage-chart svg")
    expect(svg).to_be_visible()
    rows = svg.locator("g.outlet-row")
    assert rows.evaluate_all("els => els.map(e => e.dataset.source)") == [
        "sahel-daily-test", "harbor-post-test", "gulf-wire-test", "wadi-times-test"]
    dots = svg.locator("circle.report")
    expect(dots).to_have_count(5)
    got = dots.evaluate_all("els => els.map(e => [e.dataset.id, e.dataset.lang, e.dataset.source, !!e.dataset.copy, "
                            "getComputedStyle(e).fill, e.getBBox().x])")
    by_id = {g[0]: g for g in got}
    assert {i for i in by_id} == {f.article().id for f in DATA_STORY}
    for f in DATA_STORY:
        _, lang, source, is_copy, _, _ = by_id[f.article().id]
        assert (lang, source, is_copy) == (f.lang, f.source, f is EN_COPY)
    ar_fill = {by_id[f.article().id][4] for f in (AR_DATA, AR_WADI)}
    en_fill = {by_id[f.article().id][4] for f in (EN_DATA, EN_INQUIRY)}
    assert len(ar_fill) == 1 and len(en_fill) == 1 and ar_fill != en_fill, (ar_fill, en_fill)
    assert by_id[EN_COPY.article().id][4] == "rgb(255, 255, 255)"  # hollow
    # Time runs left to right: the first report is furthest left, the follow-up a day later furthest right.
    xs = sorted((f.published, by_id[f.article().id][5]) for f in DATA_STORY)
    assert [x for _, x in xs] == sorted(x for _, x in xs), xs
    expect(page.locator("#coverage-chart .legend")).to_contain_text("Arabic (2)")
    expect(page.locator("#coverage-chart .legend")).to_contain_text("English (3)")

    # Claim groups: the denial's versions side by side, Arabic and English, the copy folded.
    denial = page.locator(f'#claim-groups > li.group[data-group="{claim_id(AR_DATA, 0)}"]')
    expect(denial).to_have_class(re.compile(r"\bdenial\b"))
    expect(denial.locator(".group-head .kind-badge")).to_have_text("Denial")
    expect(denial.locator(".group-head .speaker")).to_have_text("Nebula Networks")
    expect(denial.locator(".versions-n")).to_have_text("3 versions · 1 copy")
    ar_col = denial.locator('.versions-col[data-lang="ar"]')
    en_col = denial.locator('.versions-col[data-lang="en"]')
    assert ar_col.locator("li.version").evaluate_all("els => els.map(e => e.dataset.id)") == [
        claim_id(AR_DATA, 0), claim_id(AR_WADI, 0)]
    assert en_col.locator("li.version").evaluate_all("els => els.map(e => e.dataset.id)") == [claim_id(EN_DATA, 0)]
    expect(ar_col.locator("li.version").first).to_have_attribute("dir", "rtl")
    expect(en_col.locator("li.version").first).to_have_attribute("dir", "ltr")
    # Side by side on a wide screen: the Arabic column and the English one share a line.
    a_box, e_box = ar_col.bounding_box(), en_col.bounding_box()
    assert abs(a_box["y"] - e_box["y"]) < 2 and a_box["x"] < e_box["x"], (a_box, e_box)
    copy = en_col.locator(f'li.copy[data-id="{claim_id(EN_COPY, 0)}"]')
    expect(copy).to_have_count(1)
    expect(en_col.locator("details.copies summary")).to_have_text("+1 copy")
    expect(ar_col.locator("li.version").first.locator("a.open-claim")).to_have_attribute(
        "href", f"/claim/{claim_id(AR_DATA, 0)}")
    expect(en_col.locator("li.version bdi.fig")).to_have_text("87 million users")
    # The regulator's statement: one version in each language.
    office = page.locator(f'#claim-groups > li.group[data-group="{claim_id(AR_WADI, 1)}"]')
    expect(office).to_have_class(re.compile(r"\bstatement\b"))
    expect(office.locator("li.version")).to_have_count(2)
    expect(page.locator("#claim-groups > li.group")).to_have_count(3)

    # Reports, oldest first, the copy folded under its original.
    items = page.locator("#story-articles > li.result")
    assert items.evaluate_all("els => els.map(e => e.dataset.id)") == [
        f.article().id for f in (AR_DATA, EN_DATA, AR_WADI, EN_INQUIRY)]
    orig = page.locator(f'#story-articles > li[data-id="{EN_DATA.article().id}"]')
    expect(orig.locator("details.copies summary")).to_have_text("+1 copy")
    expect(orig.locator(f'li.copy[data-id="{EN_COPY.article().id}"]')).to_have_count(1)
    expect(page.locator("#articles-count")).to_have_text("(4)")
    expect(page.locator("#story-entities")).to_contain_text("Nebula Networks")
    expect(page.locator("#story-figures")).to_contain_text("87,000,000 users")
    for fmt in ("json", "atom"):
        href = re.compile(rf"/api/v1/stories/{story}/feed\?format={fmt}$")
        expect(page.locator(f"#feed-{fmt}")).to_have_attribute("href", href)
        resp = page.request.get(page.locator(f"#feed-{fmt}").get_attribute("href"))
        assert resp.status == 200, (fmt, resp.status)
    shot(page, "story-en")


def test_story_page_in_arabic(page, web_articles):
    expect = _expect()
    _data_story_page(page, "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#story-h")).to_have_text(AR_DATA.title)
    expect(page.locator("#story-other-title")).to_have_text(EN_DATA.title)
    expect(page.locator("#story-other-title")).to_have_attribute("dir", "ltr")
    expect(page.locator("#story-counts")).to_contain_text("تقارير بالعربية والإنجليزية: 4")
    # Time reads right to left: the earliest report is drawn furthest right.
    xs = page.locator("#coverage-chart circle.report").evaluate_all(
        "els => els.map(e => [e.dataset.date, e.getBBox().x])")
    xs.sort()
    assert xs[0][1] > xs[-1][1], xs
    denial = page.locator(f'#claim-groups > li.group[data-group="{claim_id(AR_DATA, 0)}"]')
    expect(denial.locator(".group-head .kind-badge")).to_have_text("نفي")
    expect(denial.locator(".versions-n")).to_have_text("الروايات: 3 · النسخ المكررة: 1")
    # In the Arabic interface the Arabic column stands on the right.
    a_box = denial.locator('.versions-col[data-lang="ar"]').bounding_box()
    e_box = denial.locator('.versions-col[data-lang="en"]').bounding_box()
    assert a_box["x"] > e_box["x"], (a_box, e_box)
    expect(denial.locator('.versions-col[data-lang="ar"] .col-head')).to_have_text("العربية")
    shot(page, "story-ar")


def test_story_page_keyboard_and_claim_links(page, web_articles):
    story = _data_story_page(page, "en")
    first = page.locator("#story-articles > li.result").first.locator("a[href]").first
    first.focus()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('li.result').dataset.id") == EN_DATA.article().id
    page.locator(f'li.version[data-id="{claim_id(EN_DATA, 0)}"] a.open-claim').click()
    page.wait_for_url(f"**/claim/{claim_id(EN_DATA, 0)}")
    _wait_done(page)
    page.locator("#all-versions").click()
    page.wait_for_url(f"**/story/{story}#group-{claim_id(AR_DATA, 0)}")
    _wait_done(page)
    assert page.locator(f"#group-{claim_id(AR_DATA, 0)}").evaluate("el => el.classList.contains('targeted')")


@pytest.mark.parametrize("ui,message", [("en", "Not found"), ("ar", "غير موجود")])
def test_unknown_story_says_not_found(page, web_articles, ui, message):
    expect = _expect()
    page.goto(f"/story/s-no-such-story?ui={ui}")
    page.wait_for_selector("body[data-state=error]", state="attached")
    expect(page.locator("#status")).to_have_text(message)


