"""End-to-end tests of the web pages in headless Chromium, over real HTTP, against real indexed articles.

Needs Debian's chromium (or $MARSAD_CHROMIUM) and the playwright Python package;
without them these tests fail with a message saying what to install. Screenshots
go to test-artifacts/web/.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from pagekit import (
    AR_DATA,
    AR_LICENCE,
    AR_WADI,
    DATA_STORY,
    EN_COPY,
    EN_DATA,
    EN_INQUIRY,
    _article_item,
    _claim_item,
    _expect,
    _search,
    _story_of,
    _wait_done,
)

# The fixtures (browser, page, web_server, web_articles) are in tests/web/conftest.py.
from webkit import LATE, LATE_ARRIVALS, LATE_EN, SOURCES, by_key, claim_id, index_fixtures, shot  # noqa: E402

pytestmark = pytest.mark.es


def test_search_in_english(page, web_articles):
    expect = _expect()
    page.goto("/?ui=en")
    _search(page, "advertisers")
    item = _claim_item(page, EN_DATA, 0)
    expect(item).to_be_visible()
    expect(item).to_have_attribute("dir", "ltr")
    expect(item).to_have_attribute("lang", "en")
    expect(item.locator("mark").first).to_have_text(re.compile("advertisers", re.I))
    # Figures and speakers are marked inside the claim, each in its own bidi isolate.
    fig = item.locator("bdi.fig")
    expect(fig).to_have_text("87 million users")
    expect(fig).to_have_attribute("title", "87,000,000 users")
    expect(item.locator(".speaker").first).to_have_text("Nebula Networks")
    expect(item.locator(".kind-badge")).to_have_text("Denial")
    article = _article_item(page, EN_DATA)
    expect(article).to_be_visible()
    expect(article.locator("mark").first).to_be_visible()
    # Every claim found carries the match, highlighted.
    for li in page.locator("#claims-list > li").all():
        expect(li.locator("mark").first).to_be_visible()
    shot(page, "search-en")


def test_search_in_arabic_renders_right_to_left(page, web_articles):
    expect = _expect()
    page.goto("/?ui=ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    _search(page, "بيانات")
    item = _claim_item(page, AR_DATA, 0)
    expect(item).to_be_visible()
    expect(item).to_have_attribute("dir", "rtl")
    expect(item).to_have_attribute("lang", "ar")
    assert item.evaluate("el => getComputedStyle(el).direction") == "rtl"
    expect(item.locator("mark").first).to_have_text(re.compile("بيانات"))
    expect(item.locator("bdi.fig")).to_have_text("٨٧ مليون مستخدم")
    expect(item.locator("bdi.fig")).to_have_attribute("title", "87,000,000 users")
    expect(item.locator(".kind-badge")).to_have_text("نفي")
    # The Latin company name inside the Arabic speaker phrase sits in an isolate of its own direction.
    speaker = item.locator(".speaker").first
    expect(speaker).to_have_text("شركة Nebula Networks")
    assert speaker.evaluate("el => el.matches('bdi, [dir=auto]')")
    article = _article_item(page, AR_DATA)
    expect(article).to_have_attribute("dir", "rtl")
    latin = article.locator("h3 bdi.latin").first
    expect(latin).to_have_text("Nebula Networks")
    expect(latin).to_have_attribute("dir", "ltr")
    shot(page, "search-ar")


def test_mixed_results_take_each_items_direction(page, web_articles):
    expect = _expect()
    page.goto("/?ui=en&q=Nebula&size=20")
    _wait_done(page)
    ar, en = _article_item(page, AR_DATA), _article_item(page, EN_DATA)
    expect(ar).to_have_attribute("dir", "rtl")
    expect(en).to_have_attribute("dir", "ltr")
    assert ar.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert en.evaluate("el => getComputedStyle(el).direction") == "ltr"
    # Interface labels inside an Arabic item keep the interface's language and direction.
    claim = _claim_item(page, AR_LICENCE, 0)
    expect(claim.locator(".actions")).to_have_attribute("dir", "ltr")
    expect(claim.locator(".actions a").first).to_have_text("Open claim")
    # The Latin name in the Arabic claim is marked as its entity (a link with dir="auto", which
    # isolates it); Arabic-Indic digits stay inside the figure mark.
    ent = claim.locator(".claim-quote a.ent")
    expect(ent).to_have_text("Nebula Networks")
    expect(ent).to_have_attribute("dir", "auto")
    expect(ent).to_have_attribute("href", "/entity/nebula-networks")
    expect(claim.locator(".claim-quote bdi.fig")).to_have_text("١٢ مدينة")
    shot(page, "search-mixed-en")


def test_filters_narrow_the_results(page, web_articles):
    expect = _expect()
    page.goto("/?ui=en&lang=en&denials_only=1&size=50")
    _wait_done(page)
    expect(page.locator("#articles-section")).to_be_hidden()
    items = page.locator("#claims-list > li")
    assert items.count() >= 2
    for li in items.all():
        expect(li).to_have_class(re.compile(r"\bdenial\b"))
        expect(li).to_have_attribute("lang", "en")
    expect(page.locator("#f-denials-only")).to_be_checked()
    expect(page.locator("#f-claims-only")).to_be_checked()

    page.goto(f"/?ui=en&source={SOURCES[2]}&size=50")
    _wait_done(page)
    sources = page.locator("#articles-list > li .source").all_inner_texts()
    assert sources and set(sources) == {SOURCES[2]}

    page.goto("/?ui=en&entity=orbit-bank&size=50")
    _wait_done(page)
    ids = set(page.locator("#articles-list > li").evaluate_all("els => els.map(e => e.dataset.id)"))
    assert ids == {by_key("en-orbit-profits").article().id, by_key("ar-orbit-nebula").article().id}

    page.goto("/?ui=en&since=2026-11-01&until=2026-11-20&size=50&q=Nebula")
    _wait_done(page)
    dates = page.locator("#articles-list > li time").evaluate_all("els => els.map(e => e.getAttribute('datetime'))")
    assert dates and all("2026-11-01" <= d[:10] <= "2026-11-20" for d in dates), dates


def test_entity_filter_accepts_a_name_in_either_script(page, web_articles):
    expect = _expect()
    page.goto("/?ui=ar")
    _wait_done(page)
    page.fill("#f-entity", "بنك أوربت")
    page.check("#f-claims-only")
    page.locator("#f-entity").press("Enter")
    page.wait_for_url(re.compile("entity="))
    _wait_done(page)
    items = page.locator("#claims-list > li")
    expect(items.first).to_be_visible()
    for li in items.all():
        expect(li.locator(".speaker")).to_have_text(re.compile("Orbit Bank|بنك أوربت"))


def test_paging_follows_the_cursor(page, web_articles):
    expect = _expect()
    # harbor-post-test has four claims: two pages of two, then no "More".
    page.goto(f"/?ui=en&source={SOURCES[1]}&size=2&claims_only=1")
    _wait_done(page)
    items = page.locator("#claims-list > li")
    expect(items).to_have_count(2)
    expect(page.locator("#claims-count")).to_have_text("(4)")
    more = page.locator("#claims-more")
    expect(more).to_be_visible()
    more.click()
    expect(items).to_have_count(4)
    expect(more).to_be_hidden()
    # Focus moves to the first newly loaded result, for keyboard and screen-reader users.
    assert page.evaluate("document.activeElement.closest('#claims-list > li:nth-child(3)') !== null")
    ids = items.evaluate_all("els => els.map(e => e.dataset.id)")
    assert len(set(ids)) == 4


def test_open_a_claim_from_the_results(page, web_articles):
    expect = _expect()
    page.goto("/?ui=ar&q=بيانات")
    _wait_done(page)
    _claim_item(page, AR_DATA, 0).locator("a.open-claim").click()
    page.wait_for_url(f"**/claim/{claim_id(AR_DATA, 0)}")
    _wait_done(page)
    card = page.locator("#claim-card")
    expect(card).to_be_visible()
    expect(card).to_have_class(re.compile(r"\bdenial\b"))
    expect(page.locator("#claim-kind .kind-badge")).to_have_text("نفي")
    expect(page.locator("#claim-cue")).to_have_text("نفت")
    expect(page.locator("#claim-speaker .speaker")).to_have_text("شركة Nebula Networks")
    expect(page.locator("#claim-text")).to_have_attribute("dir", "rtl")
    expect(page.locator("#claim-text bdi.fig")).to_have_text("٨٧ مليون مستخدم")
    row = page.locator("#claim-figures tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(0)).to_have_text("٨٧ مليون مستخدم")
    expect(row.locator("td.value")).to_have_text("87,000,000 users")
    expect(page.locator("#claim-article")).to_have_attribute("href", AR_DATA.url)
    # The context sentence marks the speaker, the cue and the figure at their offsets.
    expect(page.locator("#claim-context .speaker")).to_have_text("شركة Nebula Networks")
    expect(page.locator("#claim-context .cue")).to_have_text("نفت")
    # The English version of the same claim comes from the API's claim group, with what they share.
    other = page.locator(f'#other-lang li[data-id="{claim_id(EN_DATA, 0)}"]')
    expect(other).to_be_visible()
    expect(other).to_have_attribute("dir", "ltr")
    expect(other.locator(".shared")).to_contain_text("87,000,000 users")
    # Only the group: the wire copy of that report is folded away, and the regulator's English
    # statement, which shares the figure and the company (what the page used to guess from), is not there.
    ids = page.locator("#other-lang > li").evaluate_all("els => els.map(e => e.dataset.id)")
    assert ids == [claim_id(EN_DATA, 0)], ids
    story = _story_of(page, AR_DATA)
    group = page.request.get(f"/api/v1/claims?group={claim_id(AR_DATA, 0)}").json()["items"]
    assert {c["id"] for c in group} == {claim_id(f, 0) for f in (AR_DATA, EN_DATA, EN_COPY, AR_WADI)}
    versions = page.locator("#all-versions")
    expect(versions).to_have_text("روايات هذا التصريح كلها: 3")
    expect(versions).to_have_attribute("href", f"/story/{story}#group-{claim_id(AR_DATA, 0)}")
    expect(page.locator("#story-link")).to_have_attribute("href", f"/story/{story}")
    shot(page, "claim-ar")


def test_money_figure_shows_its_normalised_value(page, web_articles):
    expect = _expect()
    page.goto(f"/claim/{claim_id(AR_DATA, 1)}?ui=en")
    _wait_done(page)
    row = page.locator("#claim-figures tbody tr")
    expect(row.locator("td").nth(0)).to_have_text("٣٤٥ مليون يورو")
    expect(row.locator("td.value")).to_have_text("€345,000,000")
    expect(page.locator("#claim-kind .kind-badge")).to_have_text("Statement")
    expect(page.locator(f'#other-lang li[data-id="{claim_id(EN_DATA, 1)}"]')).to_be_visible()
    expect(page.locator("#other-lang > li")).to_have_count(1)
    shot(page, "claim-money-en")


def test_claim_without_a_version_in_the_other_language(page, web_articles):
    expect = _expect()
    page.goto(f"/claim/{claim_id(AR_LICENCE, 0)}?ui=en")
    _wait_done(page)
    expect(page.locator("#other-lang > li")).to_have_count(0)
    expect(page.locator("#other-none")).to_be_visible()
    expect(page.locator("#other-none")).to_have_text("No version of this claim in the other language.")
    # Its story has a single report: a link to the story, no "all versions".
    expect(page.locator("#story-link")).to_be_visible()
    expect(page.locator("#all-versions")).to_have_count(0)


def test_regulator_claim_finds_its_arabic_version(page, web_articles):
    expect = _expect()
    page.goto(f"/claim/{claim_id(EN_INQUIRY, 0)}?ui=en")
    _wait_done(page)
    other = page.locator("#other-lang > li")
    expect(other).to_have_count(1)
    expect(other).to_have_attribute("data-id", claim_id(AR_WADI, 1))
    expect(other).to_have_attribute("dir", "rtl")
    expect(page.locator("#all-versions")).to_have_text("All 2 versions of this claim")


def test_entity_page_draws_its_timeline(page, web_articles):
    expect = _expect()
    page.goto("/entity/nebula-networks?ui=en")
    _wait_done(page)
    expect(page.locator("#entity-name")).to_have_text("Nebula Networks")
    expect(page.locator("#names-ar")).to_contain_text("نيبولا نتوركس")
    expect(page.locator("#names-latin")).to_contain_text("Nebula Networks")
    svg = page.locator("#timeline-chart svg")
    expect(svg).to_be_visible()
    bars = svg.locator("rect.bar")
    dots = svg.locator("circle.denial-dot")
    assert bars.count() >= 3 and dots.count() >= 2
    # Bars are really drawn: they have height and sit inside the chart.
    heights = bars.evaluate_all("els => els.map(e => e.getBBox().height)")
    assert all(h > 0 for h in heights)
    mentions = sum(int(x) for x in bars.evaluate_all("els => els.map(e => e.dataset.count)"))
    denials = sum(int(x) for x in dots.evaluate_all("els => els.map(e => e.dataset.count)"))
    assert mentions >= 6 and denials >= 4, (mentions, denials)
    expect(page.locator("#entity-claims > li").first).to_be_visible()
    expect(page.locator("#cooccurring")).to_contain_text("Orbit Bank")
    for fmt in ("json", "atom"):
        href = re.compile(rf"/api/v1/entities/nebula-networks/feed\?format={fmt}$")
        expect(page.locator(f"#feed-{fmt}")).to_have_attribute("href", href)
    shot(page, "entity-en")


def test_entity_page_in_arabic_mirrors_the_time_axis(page, web_articles):
    expect = _expect()
    page.goto("/entity/nebula-networks?ui=ar")
    _wait_done(page)
    bars = page.locator("#timeline-chart svg rect.bar")
    expect(bars.first).to_be_visible()
    # Time reads right to left: the earliest bucket is drawn furthest right.
    xs = bars.evaluate_all("els => els.map(e => [e.dataset.date, e.getBBox().x])")
    xs.sort()
    assert xs[0][1] > xs[-1][1], xs
    shot(page, "entity-ar")


def test_feed_links_answer(page, web_articles):
    for fmt in ("json", "atom"):
        resp = page.request.get(f"/api/v1/entities/nebula-networks/feed?format={fmt}")
        assert resp.status == 200, (fmt, resp.status)


def test_new_since_groups_arrivals_by_story(page, web_articles, es, tmp_path):
    expect = _expect()
    # A previous visit saw everything up to now: nothing already indexed is new.
    page.goto("/new?ui=en&poll=1")
    _wait_done(page)
    page.evaluate("localStorage.setItem('marsad.new.lastSeen', new Date().toISOString())")
    page.reload()
    _wait_done(page)
    expect(page.locator("#new-list > li.story-row").first).to_be_visible()
    expect(page.locator("#new-list .is-new")).to_have_count(0)
    expect(page.locator("#new-summary")).to_have_text("Nothing new since your last visit.")
    rows_before = page.locator("#new-list > li.story-row").count()
    polls = int(page.evaluate("document.body.dataset.polls || '0'"))

    stamp = datetime.now(UTC).isoformat()
    index_fixtures(es, LATE_ARRIVALS, tmp_path)
    story = _story_of(page, LATE)
    assert _story_of(page, LATE_EN) == story
    row = page.locator(f'#new-list > li.story-row[data-story="{story}"]')
    expect(row.locator("li.result")).to_have_count(2, timeout=20_000)
    # They arrived without a reload, in one new row at the top, both marked new.
    assert int(page.evaluate("document.body.dataset.polls || '0'")) > polls
    expect(page.locator("#new-list > li.story-row").first).to_have_attribute("data-story", story)
    expect(row).to_have_class(re.compile(r"\bis-new\b"))
    for f in LATE_ARRIVALS:
        item = row.locator(f'li.result[data-id="{f.article().id}"]')
        expect(item).to_have_class(re.compile(r"\bis-new\b"))
        expect(item.locator(".new-badge")).to_have_text("New")
    expect(row.locator(f'li.result[data-id="{LATE.article().id}"]')).to_have_attribute("dir", "rtl")
    expect(row.locator(".story-new-count")).to_have_text("2 new")
    expect(row.locator(".story-link")).to_have_text("2 reports in Arabic and English")
    expect(row.locator(".story-title a")).to_have_attribute("href", f"/story/{story}")
    expect(page.locator("#new-summary")).to_have_text("2 new since your last visit")
    # Nothing shown twice, and no other row was touched.
    ids = page.locator("#new-list li.result").evaluate_all("els => els.map(e => e.dataset.id)")
    assert len(ids) == len(set(ids))
    expect(page.locator("#new-list > li.story-row")).to_have_count(rows_before + 1)
    expect(page.locator("#new-list > li.seen-divider")).to_have_count(1)
    seen = page.evaluate("localStorage.getItem('marsad.new.lastSeen')")
    assert seen >= stamp[:19]
    shot(page, "new-since-en")

    page.click("#mark-seen")
    expect(page.locator("#new-list .is-new")).to_have_count(0)
    expect(row.locator(".story-new-count")).to_be_hidden()


def test_first_visit_marks_everything_new_in_arabic(page, web_articles):
    expect = _expect()
    page.goto("/new?ui=ar")
    _wait_done(page)
    expect(page.locator("#new-summary")).to_have_text("الزيارة الأولى: كل ما يلي جديد عليك.")
    expect(page.locator("#new-list > li.story-row.is-new").first).to_be_visible()
    expect(page.locator("#new-list li.result.is-new").first).to_be_visible()
    # One row per story: the data story's reports (its copy included) share a row, headed by its
    # title in the interface's language (the fixtures were indexed within the day, so all are listed).
    data_row = page.locator(f'#new-list > li.story-row:has(li[data-id="{EN_DATA.article().id}"])')
    expect(data_row).to_have_count(1)
    for f in DATA_STORY:
        expect(data_row.locator(f'li.result[data-id="{f.article().id}"]')).to_have_count(1)
    expect(data_row.locator(".story-title a")).to_have_text(AR_DATA.title)
    expect(data_row.locator(".story-title a")).to_have_attribute("dir", "rtl")
    expect(data_row.locator(".story-link")).to_have_text("تقارير بالعربية والإنجليزية: 4")
    expect(data_row.locator(".story-new-count")).to_have_text("جديد: 5")
    # The copy sits right under the report it copies, and says so.
    copy = data_row.locator(f'li[data-id="{EN_COPY.article().id}"]')
    expect(copy).to_have_class(re.compile(r"\bis-copy\b"))
    assert copy.evaluate("el => el.previousElementSibling.dataset.id") == EN_DATA.article().id
    expect(copy.locator(".copy-note")).to_have_text("نسخة مكررة نص تقرير harbor-post-test نفسه")
    # The stories with one report each keep a row of their own.
    licence = page.locator(f'#new-list > li.story-row:has(li[data-id="{AR_LICENCE.article().id}"])')
    expect(licence.locator("li.result")).to_have_count(1)
    expect(licence.locator(".story-link")).to_have_count(0)
    shot(page, "new-since-ar")


def test_keyboard_reaches_and_walks_the_results(page, web_articles):
    page.goto("/?ui=en")
    _wait_done(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("Nebula")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("q=Nebula"))
    _wait_done(page)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('#claims-list > li')"):
            break
    else:
        pytest.fail("Tab never reached a result")
    # The focused link shows a focus outline.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), outline
    first = page.evaluate("document.activeElement.closest('li').dataset.id")
    page.keyboard.press("ArrowDown")
    second = page.evaluate("document.activeElement.closest('li').dataset.id")
    assert second != first
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.closest('li').dataset.id") == first
    shot(page, "keyboard-focus", full_page=False)
    target = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)


def test_every_form_control_has_a_label(page, web_articles):
    page.goto("/?ui=ar")
    _wait_done(page)
    unlabeled = page.evaluate(
        """[...document.querySelectorAll('input:not([type=hidden]), select, button')]
             .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.textContent.trim())
             .map(el => el.outerHTML)"""
    )
    assert not unlabeled


PHONE_PAGES = {
    "search": "/?ui=ar&q=Nebula",
    "claim": "/claim/{claim}?ui=ar",
    "entity": "/entity/nebula-networks?ui=ar",
    "new": "/new?ui=ar",
    "story": "/story/{story}?ui=ar",
    "story-en": "/story/{story}?ui=en",
}


@pytest.mark.parametrize("name", PHONE_PAGES)
def test_readable_at_phone_width(browser, web_server, web_articles, name):
    ctx = browser.new_context(viewport={"width": 375, "height": 740}, base_url=web_server, is_mobile=True)
    try:
        pg = ctx.new_page()
        story = _story_of(pg, AR_DATA) if "{story}" in PHONE_PAGES[name] else ""
        pg.goto(PHONE_PAGES[name].format(claim=claim_id(AR_DATA, 0), story=story))
        _wait_done(pg)
        # Nothing is wider than the screen: no sideways scrolling.
        assert pg.evaluate("document.documentElement.scrollWidth") <= 375
        if name.startswith("story"):
            # One column: a claim's Arabic and English versions stack.
            cols = pg.locator(f'li.group[data-group="{claim_id(AR_DATA, 0)}"] .versions-col')
            boxes = [cols.nth(i).bounding_box() for i in range(cols.count())]
            assert len(boxes) == 2 and boxes[1]["y"] >= boxes[0]["y"] + boxes[0]["height"] - 1, boxes
        shot(pg, f"phone-{name}" if name.endswith("-en") else f"phone-{name}-ar")
    finally:
        ctx.close()


def test_language_switch_and_no_other_origin(page, web_articles, web_server):
    expect = _expect()
    origins = set()
    page.on("request", lambda req: origins.add(re.match(r"^[a-z]+://[^/]+", req.url).group(0)))
    page.goto("/?ui=en&q=Nebula")
    _wait_done(page)
    page.click("#lang-switch")
    page.wait_for_url(re.compile("ui=ar"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#q")).to_have_value("Nebula")
    _wait_done(page)
    # The choice sticks: the next page opens in Arabic without asking again.
    page.click("a[href='/new']")
    _wait_done(page)
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    assert origins == {web_server}, origins


@pytest.mark.parametrize("ui,message", [("en", "Not found"), ("ar", "غير موجود")])
def test_unknown_ids_say_not_found(page, web_articles, ui, message):
    expect = _expect()
    for path in ("/entity/no-such-entity-anywhere", "/claim/0000000000000000dead-0"):
        page.goto(f"{path}?ui={ui}")
        page.wait_for_selector("body[data-state=error]", state="attached")
        expect(page.locator("#status")).to_have_text(message)
        expect(page.locator("#status")).to_have_class(re.compile(r"\berror\b"))


def test_a_query_the_api_refuses_is_explained(page, web_articles):
    expect = _expect()
    page.goto('/?ui=en&q="unbalanced')
    page.wait_for_selector("body[data-state=error]", state="attached")
    status = page.locator("#status")
    expect(status).to_have_class(re.compile(r"\berror\b"))
    # The API's own message (400, invalid_query) reaches the reader.
    expect(status).to_contain_text("quotation mark")


def test_page_helpers(page, web_articles):
    """The shared JavaScript helpers, run in the browser: figures, URLs, matching, API markup."""
    page.goto("/?ui=en")
    _wait_done(page)
    got = page.evaluate(
        """async () => {
            const c = await import('/web/static/common.js');
            const parsed = c.parseMarked('a <mark>b</mark> <img src=x onerror="window.pwned=1"> &lt;c&gt;');
            return {
                money: c.formatFigure({kind: 'money', value: 345000000, currency: 'EUR'}),
                usd: c.formatFigure({kind: 'money', value: 1.5e9, currency: 'USD'}),
                odd: c.formatFigure({kind: 'money', value: 12, currency: 'XYZ'}),
                count: c.formatFigure({kind: 'count', value: 87000000, unit: 'user'}),
                people: c.formatFigure({kind: 'count', value: 3, unit: 'person'}),
                one: c.formatFigure({kind: 'count', value: 1, unit: 'country'}),
                percent: c.formatFigure({kind: 'percent', value: 13}),
                safe: ['https://x.example/a', 'javascript:alert(1)', 'data:text/html,x'].map(c.safeUrl),
                ar: c.matchRanges('نفت الشركة بيع البيانات وأكّدت', 'بيانات'),
                variants: c.matchRanges('قالت إنّ الشركة', 'انّ الشركه'),
                en: c.matchRanges('Nebula denied selling data', 'deny sell'),
                parsedText: parsed.text,
                parsedRanges: parsed.ranges,
                pwned: window.pwned === 1,
            };
        }"""
    )
    assert got["money"] == "€345,000,000"
    assert got["usd"] == "$1,500,000,000"
    assert got["odd"].replace("\xa0", " ") == "XYZ 12"  # a code Intl has no symbol for is shown as the code
    assert got["count"] == "87,000,000 users"
    assert got["people"] == "3 people"
    assert got["one"] == "1 country"
    assert got["percent"] == "13%"
    assert got["safe"] == ["https://x.example/a", None, None]
    assert got["ar"] == [[15, 23]]  # البيانات, article and suffix set aside
    assert len(got["variants"]) == 2  # hamza, shadda and teh marbuta folded
    assert got["en"] == [[7, 13], [14, 21]]
    assert got["parsedText"] == "a b  <c>" and got["parsedRanges"] == [[2, 3]]
    assert not got["pwned"]
