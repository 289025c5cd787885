"""The browser tests' fixture articles (bilingual, in Elasticsearch) and what finds and drives Chromium.

The articles are invented for these tests (a fictional company, bank and
minister) and written in both languages about the same stories, so that the
pages can link an Arabic claim to its English counterpart. Their Analysis is
written by hand with offsets computed from the text: the pages are tested, not
the NLP stage, and the offsets are exactly those the contract promises.

Documents are shaped by ``marsad.documents`` and written by the crawler's own
bulk indexer (``marsad.indexer``) through the session's aliases. The fixtures
(``web_articles``, ``web_server``, ``browser``, ``page``) are in tests/web/conftest.py.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from apikit import index_stories

from marsad import documents

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"
CHROMIUM_ENV = "MARSAD_CHROMIUM"
CHROMIUM_DEFAULT = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Sources used only by these fixtures, so tests can tell their articles from others in the session's indices.
SOURCES = ("sahel-daily-test", "harbor-post-test", "wadi-times-test", "gulf-wire-test")


# ---- Hand-written analyses ------------------------------------------------------


def _at(text: str, surface: str, nth: int = 0) -> int:
    """Returns the offset of the nth occurrence of surface in text (fails loudly when absent)."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return start


@dataclass
class Fixture:
    """One fixture article: its text, metadata and the parts of its Analysis by surface form."""

    key: str
    lang: str
    source: str
    published: str
    title: str
    body: str
    entities: list[tuple[str, str, str, str]] = field(default_factory=list)  # surface, label, id, name
    figures: list[tuple[str, str, float, str | None, str | None]] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"https://{self.source}.example/{self.published[:10]}/{self.key}"

    def article(self) -> documents.Article:
        """Returns the article as the crawler would hand it over."""
        return documents.Article(
            url=self.url,
            title=self.title,
            body=self.body,
            lang=self.lang,
            source=self.source,
            published=self.published,
            # fetched stays empty: the documents then carry the time of indexing, as after a crawl.
        )

    def analysis(self) -> dict:
        """Returns the Analysis JSON of the body, offsets computed from the surfaces."""
        text = self.body
        entities = []
        for surface, label, eid, name in self.entities:
            start = _at(text, surface)
            entities.append({"text": surface, "label": label, "start": start, "end": start + len(surface),
                             "id": eid, "name": name})
        figures = []
        for surface, kind, value, unit, currency in self.figures:
            start = _at(text, surface)
            figures.append({"text": surface, "kind": kind, "value": value, "unit": unit, "currency": currency,
                            "start": start, "end": start + len(surface)})
        claims = []
        for c in self.claims:
            start = _at(text, c["text"])
            end = start + len(c["text"])
            speaker = None
            if c.get("speaker"):
                s_text, s_id, s_name = c["speaker"]
                speaker = {"text": s_text, "id": s_id, "name": s_name}
            claims.append({
                "text": c["text"], "kind": c["kind"], "cue": c["cue"], "start": start, "end": end,
                "speaker": speaker,
                "figures": [i for i, f in enumerate(figures) if start <= f["start"] and f["end"] <= end],
                "entities": [i for i, e in enumerate(entities)
                             if start <= e["start"] and e["end"] <= end and (not speaker or e["id"] != speaker["id"])],
            })
        for item in entities + figures + claims:
            assert text[item["start"]:item["end"]] == item["text"], item
        return {"lang": self.lang, "entities": entities, "figures": figures, "claims": claims}


NEBULA = ("nebula-networks", "Nebula Networks")
HADDAD = ("layla-haddad", "Layla Haddad")
ATTAR = ("sami-al-attar", "Sami Al-Attar")
ORBIT = ("orbit-bank", "Orbit Bank")
OFFICE = ("data-protection-office", "Data Protection Office")

# The English report of the data story, as Gulf Wire republished it: a new headline and a dateline, the same text.
_EN_DATA_BODY = (
    "Nebula Networks denied that it had sold the data of 87 million users to advertisers, "
    "after press reports last week. "
    "Spokeswoman Layla Haddad said the company had spent €345 million on upgrading its security systems."
)

FIXTURES: list[Fixture] = [
    Fixture(
        key="ar-nebula-data",
        lang="ar",
        source="sahel-daily-test",
        published="2026-11-20T09:30:00Z",
        title="شركة Nebula Networks تنفي بيع بيانات ٨٧ مليون مستخدم",
        body=(
            "نفت شركة Nebula Networks أن تكون باعت بيانات ٨٧ مليون مستخدم إلى جهات إعلانية، "
            "وذلك بعد تقارير صحفية نُشرت الأسبوع الماضي. "
            "وقالت المتحدثة باسم الشركة ليلى حداد إن الشركة أنفقت ٣٤٥ مليون يورو على تحديث أنظمة الحماية."
        ),
        entities=[("Nebula Networks", "ORG", *NEBULA), ("ليلى حداد", "PERSON", *HADDAD)],
        figures=[("٨٧ مليون مستخدم", "count", 87_000_000, "user", None),
                 ("٣٤٥ مليون يورو", "money", 345_000_000, None, "EUR")],
        claims=[
            {"text": "تكون باعت بيانات ٨٧ مليون مستخدم إلى جهات إعلانية", "kind": "denial", "cue": "نفت",
             "speaker": ("شركة Nebula Networks", *NEBULA)},
            {"text": "الشركة أنفقت ٣٤٥ مليون يورو على تحديث أنظمة الحماية", "kind": "statement", "cue": "وقالت",
             "speaker": ("ليلى حداد", *HADDAD)},
        ],
    ),
    Fixture(
        key="en-nebula-data",
        lang="en",
        source="harbor-post-test",
        published="2026-11-20T11:00:00Z",
        title="Nebula Networks denies selling the data of 87 million users",
        body=_EN_DATA_BODY,
        entities=[("Nebula Networks", "ORG", *NEBULA), ("Layla Haddad", "PERSON", *HADDAD)],
        figures=[("87 million users", "count", 87_000_000, "user", None),
                 ("€345 million", "money", 345_000_000, None, "EUR")],
        claims=[
            {"text": "it had sold the data of 87 million users to advertisers", "kind": "denial", "cue": "denied",
             "speaker": ("Nebula Networks", *NEBULA)},
            {"text": "the company had spent €345 million on upgrading its security systems", "kind": "statement",
             "cue": "said", "speaker": ("Layla Haddad", *HADDAD)},
        ],
    ),
    # The data story goes on: a wire copy of the English report, a second Arabic outlet the same
    # afternoon, and an English follow-up the next day in which the regulator answers.
    Fixture(
        key="en-nebula-data-copy",
        lang="en",
        source="gulf-wire-test",
        published="2026-11-20T13:05:00Z",
        title="Nebula Networks says it never sold users' data",
        body="DUBAI (Gulf Wire) - " + _EN_DATA_BODY,
        entities=[("Nebula Networks", "ORG", *NEBULA), ("Layla Haddad", "PERSON", *HADDAD)],
        figures=[("87 million users", "count", 87_000_000, "user", None),
                 ("€345 million", "money", 345_000_000, None, "EUR")],
        claims=[
            {"text": "it had sold the data of 87 million users to advertisers", "kind": "denial", "cue": "denied",
             "speaker": ("Nebula Networks", *NEBULA)},
            {"text": "the company had spent €345 million on upgrading its security systems", "kind": "statement",
             "cue": "said", "speaker": ("Layla Haddad", *HADDAD)},
        ],
    ),
    Fixture(
        key="ar-nebula-data-wadi",
        lang="ar",
        source="wadi-times-test",
        published="2026-11-20T16:40:00Z",
        title="نيبولا نتوركس تنفي بيع بيانات مستخدميها لمعلنين",
        body=(
            "نفت نيبولا نتوركس أن تكون قد باعت بيانات ٨٧ مليون مستخدم لشركات إعلان. "
            "وقال مكتب حماية البيانات إنه سيفحص ما إذا كانت بيانات ٨٧ مليون مستخدم قد تسربت."
        ),
        entities=[("نيبولا نتوركس", "ORG", *NEBULA), ("مكتب حماية البيانات", "ORG", *OFFICE)],
        figures=[("٨٧ مليون مستخدم", "count", 87_000_000, "user", None)],
        claims=[
            {"text": "تكون قد باعت بيانات ٨٧ مليون مستخدم لشركات إعلان", "kind": "denial", "cue": "نفت",
             "speaker": ("نيبولا نتوركس", *NEBULA)},
            {"text": "سيفحص ما إذا كانت بيانات ٨٧ مليون مستخدم قد تسربت", "kind": "statement", "cue": "وقال",
             "speaker": ("مكتب حماية البيانات", *OFFICE)},
        ],
    ),
    Fixture(
        key="en-nebula-data-inquiry",
        lang="en",
        source="wadi-times-test",
        published="2026-11-21T10:00:00Z",
        title="Data Protection Office to examine Nebula Networks data reports",
        body=(
            "The Data Protection Office said it would examine whether the data of 87 million users had leaked "
            "from Nebula Networks, which has rejected reports that it sold the records."
        ),
        entities=[("Data Protection Office", "ORG", *OFFICE), ("Nebula Networks", "ORG", *NEBULA)],
        figures=[("87 million users", "count", 87_000_000, "user", None)],
        claims=[
            {"text": "it would examine whether the data of 87 million users had leaked from Nebula Networks",
             "kind": "statement", "cue": "said", "speaker": ("The Data Protection Office", *OFFICE)},
        ],
    ),
    Fixture(
        key="ar-licence",
        lang="ar",
        source="sahel-daily-test",
        published="2026-10-05T08:00:00Z",
        title="وزير الاتصالات ينفي منح Nebula Networks ترخيصًا جديدًا",
        body=(
            "نفى وزير الاتصالات سامي العطار أن تكون الحكومة منحت شركة Nebula Networks ترخيصًا جديدًا "
            "لتشغيل شبكة الجيل الخامس في ١٢ مدينة."
        ),
        entities=[("سامي العطار", "PERSON", *ATTAR), ("Nebula Networks", "ORG", *NEBULA)],
        figures=[("١٢ مدينة", "count", 12, "city", None)],
        claims=[
            {"text": "تكون الحكومة منحت شركة Nebula Networks ترخيصًا جديدًا لتشغيل شبكة الجيل الخامس في ١٢ مدينة",
             "kind": "denial", "cue": "نفى", "speaker": ("وزير الاتصالات سامي العطار", *ATTAR)},
        ],
    ),
    Fixture(
        key="en-orbit-profits",
        lang="en",
        source="harbor-post-test",
        published="2026-09-12T14:15:00Z",
        title="Orbit Bank profits rise on Nebula Networks payments deal",
        body=(
            "Orbit Bank said its quarterly profits rose 13 percent, helped by a payments deal with Nebula Networks."
        ),
        entities=[("Orbit Bank", "ORG", *ORBIT), ("Nebula Networks", "ORG", *NEBULA)],
        figures=[("13 percent", "percent", 13, None, None)],
        claims=[
            {"text": "its quarterly profits rose 13 percent, helped by a payments deal with Nebula Networks",
             "kind": "statement", "cue": "said", "speaker": ("Orbit Bank", *ORBIT)},
        ],
    ),
    Fixture(
        key="en-nebula-jobs",
        lang="en",
        source="harbor-post-test",
        published="2026-11-02T07:45:00Z",
        title="Nebula Networks rejects reports of 1,200 job cuts",
        body="Nebula Networks rejected reports that it would lay off 1,200 employees before the end of the year.",
        entities=[("Nebula Networks", "ORG", *NEBULA)],
        figures=[("1,200 employees", "count", 1200, "employee", None)],
        claims=[
            {"text": "it would lay off 1,200 employees before the end of the year", "kind": "denial",
             "cue": "rejected reports", "speaker": ("Nebula Networks", *NEBULA)},
        ],
    ),
    Fixture(
        key="ar-orbit-nebula",
        lang="ar",
        source="wadi-times-test",
        published="2026-11-25T16:20:00Z",
        title="بنك أوربت يوسّع شراكته مع نيبولا نتوركس",
        body=(
            "قال بنك أوربت إن شراكته مع نيبولا نتوركس ستشمل ٤٠٠ فرع بحلول الصيف المقبل، "
            "بعد أن ارتفعت أرباحه ١٣ في المئة."
        ),
        entities=[("بنك أوربت", "ORG", *ORBIT), ("نيبولا نتوركس", "ORG", *NEBULA)],
        figures=[("٤٠٠ فرع", "count", 400, "branch", None), ("١٣ في المئة", "percent", 13, None, None)],
        claims=[
            {"text": "شراكته مع نيبولا نتوركس ستشمل ٤٠٠ فرع بحلول الصيف المقبل", "kind": "statement",
             "cue": "قال", "speaker": ("بنك أوربت", *ORBIT)},
        ],
    ),
]

# Indexed by a test after the "new since" page has loaded: two reports of one new story, Arabic and English.
LATE = Fixture(
    key="ar-late-arrival",
    lang="ar",
    source="wadi-times-test",
    published="2026-11-28T06:00:00Z",
    title="نيبولا نتوركس تعلن خطة لتوسيع شبكتها في ٣ دول",
    body="أعلنت شركة نيبولا نتوركس خطة بقيمة ٦٤٠ مليون دولار لتوسيع شبكتها في ٣ دول خلال العام المقبل.",
    entities=[("نيبولا نتوركس", "ORG", *NEBULA)],
    figures=[("٦٤٠ مليون دولار", "money", 640_000_000, None, "USD"), ("٣ دول", "count", 3, "country", None)],
)
LATE_EN = Fixture(
    key="en-late-arrival",
    lang="en",
    source="gulf-wire-test",
    published="2026-11-28T07:10:00Z",
    title="Nebula Networks plans $640 million network expansion",
    body="Nebula Networks announced a $640 million plan to extend its network to 3 countries next year.",
    entities=[("Nebula Networks", "ORG", *NEBULA)],
    figures=[("$640 million", "money", 640_000_000, None, "USD"), ("3 countries", "count", 3, "country", None)],
)
LATE_ARRIVALS = [LATE, LATE_EN]


def claim_id(fixture: Fixture, n: int) -> str:
    """Returns the id of a fixture article's nth claim, as marsad.documents makes it."""
    return f"{fixture.article().id}-{n}"


def by_key(key: str) -> Fixture:
    """Returns the fixture article with this key."""
    return next(f for f in [*FIXTURES, *LATE_ARRIVALS] if f.key == key)


# ---- Indexing ----------------------------------------------------------------------


def index_fixtures(es, fixtures: list[Fixture], spool: Path) -> None:
    """Indexes articles with their claims and entities through the crawler's bulk indexer, then refreshes.

    Raises:
        AssertionError: when any unit was spooled or refused instead of indexed.
    """
    index_stories(es, fixtures, spool)


# ---- Headless Chromium ---------------------------------------------------------------


def chromium_path() -> str:
    """Returns the Chromium executable ($MARSAD_CHROMIUM, else Debian's /usr/bin/chromium)."""
    return os.environ.get(CHROMIUM_ENV) or shutil.which("chromium") or CHROMIUM_DEFAULT


def missing_browser() -> str | None:
    """Returns what to install for the browser tests, or None when Playwright and Chromium are both there."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return ("the browser tests need Playwright: .venv/bin/pip install playwright "
                "(the Python package only; the browser is Debian's chromium)")
    path = chromium_path()
    if not Path(path).is_file() or not os.access(path, os.X_OK):
        return (f"the browser tests need Chromium at {path}: apt-get install -y chromium "
                f"(or set {CHROMIUM_ENV} to a Chromium executable)")
    return None


def shot(pg, name: str, full_page: bool = True) -> Path:
    """Saves a screenshot into test-artifacts/web/ and returns its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=full_page)
    return path
