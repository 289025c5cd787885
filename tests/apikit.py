"""The API tests' fixture articles: bilingual stories and fillers, and how they are written to Elasticsearch.

The articles are invented for these tests (a fictional telecom company, its
spokesman and a regulator) and tell the same stories in Arabic and English:
a denial of data sales, a fine in euros, subscriber counts. Their Analysis is
written by hand, offsets computed from the text, because the API is under
test here, not the NLP stage. Documents are shaped by ``marsad.documents`` and
written by the crawler's bulk indexer (``marsad.indexer``) through the
session's aliases, then the indices are refreshed. The fixtures that index them
(``api_stories``) and serve them (``app``, ``client``) are in tests/conftest.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad import documents, store

QAMAR = ("qamar-telecom-apitest", "Qamar Telecom")
NASSAR = ("karim-nassar-apitest", "Karim Nassar")
AUTHORITY = ("digital-authority-apitest", "Digital Authority")
SOURCES = ("api-test-gazette", "api-test-akhbar")
FILLER_SOURCE = "api-test-filler"


@dataclass
class Story:
    """One fixture article: text, metadata, and its Analysis given by surface forms."""

    key: str
    lang: str
    source: str
    published: str | None
    title: str
    body: str
    entities: list[tuple[str, str, tuple[str, str]]] = field(default_factory=list)  # surface, label, (id, name)
    figures: list[tuple[str, str, float, str | None, str | None]] = field(default_factory=list)
    claims: list[tuple[str, str, str, tuple[str, str, str] | None]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"https://{self.source}.example/news/{self.key}"

    @property
    def id(self) -> str:
        return documents.article_id(self.url)

    def article(self) -> documents.Article:
        return documents.Article(url=self.url, title=self.title, body=self.body, lang=self.lang,
                                 source=self.source, published=self.published)

    def analysis(self) -> dict:
        text = self.body

        def span(surface: str) -> tuple[int, int]:
            start = text.index(surface)
            return start, start + len(surface)

        entities = []
        for surface, label, (eid, name) in self.entities:
            s, e = span(surface)
            entities.append({"text": surface, "label": label, "start": s, "end": e, "id": eid, "name": name})
        figures = []
        for surface, kind, value, unit, currency in self.figures:
            s, e = span(surface)
            figures.append({"text": surface, "kind": kind, "value": value, "unit": unit, "currency": currency,
                            "start": s, "end": e})
        claims = []
        for surface, kind, cue, speaker in self.claims:
            s, e = span(surface)
            claims.append({
                "text": surface, "kind": kind, "cue": cue, "start": s, "end": e,
                "speaker": {"text": speaker[0], "id": speaker[1], "name": speaker[2]} if speaker else None,
                "figures": [i for i, f in enumerate(figures) if s <= f["start"] and f["end"] <= e],
                "entities": [i for i, x in enumerate(entities) if s <= x["start"] and x["end"] <= e],
            })
        return {"lang": self.lang, "entities": entities, "figures": figures, "claims": claims}


STORIES: list[Story] = [
    Story(
        key="en-qamar-denial", lang="en", source="api-test-gazette", published="2026-11-21T10:00:00Z",
        title="Qamar Telecom denies selling subscriber data",
        body=("Qamar Telecom denied that it sold the records of 2.5 million subscribers to advertising firms. "
              "Spokesman Karim Nassar said the company sells no personal data & never has."),
        entities=[("Qamar Telecom", "ORG", QAMAR), ("Karim Nassar", "PERSON", NASSAR)],
        figures=[("2.5 million subscribers", "count", 2_500_000, "subscriber", None)],
        claims=[("it sold the records of 2.5 million subscribers to advertising firms", "denial", "denied",
                 ("Qamar Telecom", *QAMAR)),
                ("the company sells no personal data & never has", "denial", "said", ("Karim Nassar", *NASSAR))],
    ),
    Story(
        key="ar-qamar-denial", lang="ar", source="api-test-akhbar", published="2026-11-21T12:30:00Z",
        title="شركة قمر للاتصالات تُنكِر بيع بيانات المشتركين",
        body=("نفت شركة قمر للاتصالات أن تكون باعت سجلات ٢٫٥ مليون مشترك إلى شركات إعلانية. "
              "وقال المتحدث باسم الشركة كريم نصار إن الشركة لا تبيع أي بيانات شخصية."),
        entities=[("قمر للاتصالات", "ORG", QAMAR), ("كريم نصار", "PERSON", NASSAR)],
        figures=[("٢٫٥ مليون مشترك", "count", 2_500_000, "subscriber", None)],
        claims=[("تكون باعت سجلات ٢٫٥ مليون مشترك إلى شركات إعلانية", "denial", "نفت",
                 ("شركة قمر للاتصالات", *QAMAR)),
                ("الشركة لا تبيع أي بيانات شخصية", "denial", "وقال", ("كريم نصار", *NASSAR))],
    ),
    Story(
        key="en-fine", lang="en", source="api-test-gazette", published="2026-10-02T08:00:00Z",
        title="Regulator fines Qamar Telecom over privacy lapses",
        body=("The Digital Authority said it had fined Qamar Telecom €400 million over privacy lapses, "
              "the largest penalty it has imposed."),
        entities=[("Digital Authority", "ORG", AUTHORITY), ("Qamar Telecom", "ORG", QAMAR)],
        figures=[("€400 million", "money", 400_000_000, None, "EUR")],
        claims=[("it had fined Qamar Telecom €400 million over privacy lapses, the largest penalty it has imposed",
                 "statement", "said", ("The Digital Authority", *AUTHORITY))],
    ),
    Story(
        key="ar-fine", lang="ar", source="api-test-akhbar", published="2026-10-03T09:15:00Z",
        title="الهيئة الرقمية تفرض غرامة على قمر للاتصالات",
        body=("قالت الهيئة الرقمية إنها فرضت غرامة قدرها ٤٠٠ مليون يورو على شركة قمر للاتصالات "
              "بسبب ثغرات في حماية الخصوصية."),
        entities=[("الهيئة الرقمية", "ORG", AUTHORITY), ("قمر للاتصالات", "ORG", QAMAR)],
        figures=[("٤٠٠ مليون يورو", "money", 400_000_000, None, "EUR")],
        claims=[("فرضت غرامة قدرها ٤٠٠ مليون يورو على شركة قمر للاتصالات بسبب ثغرات في حماية الخصوصية",
                 "statement", "قالت", ("الهيئة الرقمية", *AUTHORITY))],
    ),
    Story(
        key="en-towers", lang="en", source="api-test-gazette", published="2026-08-15T16:45:00Z",
        title="Qamar Telecom plans 300 new towers",
        body="Qamar Telecom said it would build 300 new towers and spend $90 million on rural coverage.",
        entities=[("Qamar Telecom", "ORG", QAMAR)],
        figures=[("$90 million", "money", 90_000_000, None, "USD")],
        claims=[("it would build 300 new towers and spend $90 million on rural coverage", "statement", "said",
                 ("Qamar Telecom", *QAMAR))],
    ),
    Story(
        key="en-undated", lang="en", source="api-test-gazette", published=None,
        title="Privacy groups welcome the ruling",
        body="Privacy groups welcomed the ruling against the telecom sector on Tuesday.",
    ),
]

# Twenty-three short articles a day apart, for paging through more than one page.
FILLERS: list[Story] = [
    Story(key=f"filler-{n:02d}", lang="en" if n % 2 else "ar", source=FILLER_SOURCE,
          published=f"2026-07-{n + 1:02d}T06:00:00Z",
          title=f"Bulletin {n}" if n % 2 else f"نشرة {n}",
          body=f"Harbour bulletin number {n} about shipping." if n % 2 else f"نشرة الميناء رقم {n} عن الشحن.")
    for n in range(23)
]


def by_key(key: str) -> Story:
    """Returns the fixture story with this key."""
    return next(s for s in [*STORIES, *FILLERS] if s.key == key)


def index_stories(es, stories: list[Story], spool) -> None:
    """Writes stories through the crawler's bulk indexer and refreshes; fails if any was not indexed."""
    from marsad.indexer import Indexer, Unit

    indexer = Indexer(es, spool=spool)
    for story in stories:
        indexer.add(Unit.build(story.article(), story.analysis()))
    counts = indexer.close()
    assert counts.indexed == len(stories) and not counts.spooled and not counts.failed, counts
    es.indices.refresh(index=[store.alias(k) for k in store.KINDS])
