"""End-to-end tests of the web pages in headless Chromium, over real HTTP, against real indexed articles.

Needs Debian's chromium (or $MARSAD_CHROMIUM) and the playwright Python package;
without them these tests fail with a message saying what to install. Screenshots
go to test-artifacts/web/.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

# The fixtures (browser, page, web_server, web_articles) come from tests/web_fixtures.py, a plugin of
# this module; registered for assertion rewriting before the import below loads it.
pytest.register_assert_rewrite("web_fixtures")
pytest_plugins = ["web_fixtures"]

from web_fixtures import LATE, SOURCES, by_key, claim_id, index_fixtures, shot  # noqa: E402

pytestmark = pytest.mark.es

AR_DATA = by_key("ar-nebula-data")
EN_DATA = by_key("en-nebula-data")
AR_LICENCE = by_key("ar-licence")


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
    # The English report of the same story is linked: same figure value, same entity.
    other = page.locator(f'#other-lang li[data-id="{claim_id(EN_DATA, 0)}"]')
    expect(other).to_be_visible()
    expect(other).to_have_attribute("dir", "ltr")
    expect(other.locator(".shared")).to_contain_text("87,000,000 users")
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
    shot(page, "claim-money-en")


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


def test_new_since_marks_and_picks_up_new_articles(page, web_articles, es, tmp_path):
    expect = _expect()
    # A previous visit saw everything up to now: nothing already indexed is new.
    page.goto("/new?ui=en&poll=1")
    _wait_done(page)
    page.evaluate("localStorage.setItem('marsad.new.lastSeen', new Date().toISOString())")
    page.reload()
    _wait_done(page)
    expect(page.locator("#new-list > li.result").first).to_be_visible()
    expect(page.locator("#new-list > li.is-new")).to_have_count(0)
    expect(page.locator("#new-summary")).to_have_text("Nothing new since your last visit.")
    polls = int(page.evaluate("document.body.dataset.polls || '0'"))

    stamp = datetime.now(UTC).isoformat()
    index_fixtures(es, [LATE], tmp_path)
    item = page.locator(f'#new-list li[data-id="{LATE.article().id}"]')
    expect(item).to_be_visible(timeout=20_000)
    expect(item).to_have_class(re.compile(r"\bis-new\b"))
    expect(item.locator(".new-badge")).to_have_text("New")
    expect(item).to_have_attribute("dir", "rtl")
    # It arrived without a reload: the page still polls, and the new article is first.
    assert int(page.evaluate("document.body.dataset.polls || '0'")) > polls
    first = page.locator("#new-list > li.result").first
    expect(first).to_have_attribute("data-id", LATE.article().id)
    expect(page.locator("#new-summary")).to_have_text("1 new since your last visit")
    seen = page.evaluate("localStorage.getItem('marsad.new.lastSeen')")
    assert seen >= stamp[:19]
    shot(page, "new-since-en")

    page.click("#mark-seen")
    expect(page.locator("#new-list > li.is-new")).to_have_count(0)


def test_first_visit_marks_everything_new_in_arabic(page, web_articles):
    expect = _expect()
    page.goto("/new?ui=ar")
    _wait_done(page)
    expect(page.locator("#new-summary")).to_have_text("الزيارة الأولى: كل ما يلي جديد عليك.")
    expect(page.locator("#new-list > li.is-new").first).to_be_visible()
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
}


@pytest.mark.parametrize("name", PHONE_PAGES)
def test_readable_at_phone_width(browser, web_server, web_articles, name):
    ctx = browser.new_context(viewport={"width": 375, "height": 740}, base_url=web_server, is_mobile=True)
    try:
        pg = ctx.new_page()
        pg.goto(PHONE_PAGES[name].format(claim=claim_id(AR_DATA, 0)))
        _wait_done(pg)
        # Nothing is wider than the screen: no sideways scrolling.
        assert pg.evaluate("document.documentElement.scrollWidth") <= 375
        shot(pg, f"phone-{name}-ar")
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
