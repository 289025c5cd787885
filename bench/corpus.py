"""A deterministic, streamed corpus of synthetic bilingual news articles.

Every article is built from this module's own sentence templates (Arabic and
English written for the benchmarks, not taken from any publication) filled
with names, places, organisations and figures drawn from combinatorial pools.
Article ``i`` of seed ``s`` depends only on ``(s, i)``, so any slice of a
corpus can be generated on its own (the scale run shards the work across
processes) and the same seed always yields the same text.

Besides the text, each article carries ``truth``: an Analysis-shaped dict
(``lang``, ``entities``, ``figures``, ``claims`` with offsets into the body)
of what the templates planted. The benchmarks index it as the pre-built
analysis when they measure Elasticsearch rather than the NLP stage, which
keeps a million-article run free of hours of NLP.

Shape, chosen to resemble wire and newspaper copy:

- length: log-normal around 560 words, clipped to 300–1,200 words;
- per 100 words about 7 entity mentions, 3 figures (business and economy
  copy is figure-dense) and 1.6 attributed claims, of which about a fifth
  are denials; ``nlp.analyze`` finds the same entities and figures and a
  few more claims (it also attributes the filler's "officials said");
- entities follow a Zipf-like popularity so that a few recur everywhere and
  most are rare, as in a real entity feed.

Run ``python -m bench.corpus --articles 1000 --seed 7 > corpus.jsonl`` to
write a corpus as JSON lines.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta

MIN_WORDS = 300
MAX_WORDS = 1200
# The longest template sentence is well under this, so stopping once the
# target is reached never overshoots MAX_WORDS.
_LONGEST_SENTENCE = 40

# ---------------------------------------------------------------- name pools
# (English, Arabic) pairs: one entity is the same id in both languages, as the
# gazetteer would have it, so an entity feed mixes both scripts.

GIVEN = [
    ("Karim", "كريم"), ("Salem", "سالم"), ("Nadia", "نادية"), ("Omar", "عمر"), ("Layla", "ليلى"),
    ("Hassan", "حسن"), ("Rania", "رانيا"), ("Tariq", "طارق"), ("Mona", "منى"), ("Yousef", "يوسف"),
    ("Samira", "سميرة"), ("Khaled", "خالد"), ("Huda", "هدى"), ("Fadi", "فادي"), ("Dina", "دينا"),
    ("Walid", "وليد"), ("Reem", "ريم"), ("Bassam", "بسام"), ("Lina", "لينا"), ("Majid", "ماجد"),
    ("Amal", "أمل"), ("Ziad", "زياد"), ("Hala", "هالة"), ("Nabil", "نبيل"), ("Sara", "سارة"),
    ("Adel", "عادل"), ("Noor", "نور"), ("Jamal", "جمال"), ("Rasha", "رشا"), ("Imad", "عماد"),
    ("Daniel", "دانيال"), ("Claire", "كلير"), ("Martin", "مارتن"), ("Helen", "هيلين"), ("Peter", "بيتر"),
    ("Sophie", "صوفي"), ("Thomas", "توماس"), ("Anna", "آنا"), ("Victor", "فيكتور"), ("Julia", "جوليا"),
]
FAMILY = [
    ("Haddad", "حداد"), ("Obeidi", "العبيدي"), ("Mansour", "منصور"), ("Khatib", "الخطيب"),
    ("Nasser", "ناصر"), ("Saleh", "صالح"), ("Qasim", "قاسم"), ("Rashid", "الرشيد"), ("Hamdan", "حمدان"),
    ("Sharif", "الشريف"), ("Zein", "زين"), ("Barakat", "بركات"), ("Fakhoury", "فاخوري"), ("Tamimi", "التميمي"),
    ("Jaber", "جابر"), ("Hariri", "الحريري"), ("Sabbagh", "الصباغ"), ("Darwish", "درويش"), ("Azzam", "عزام"),
    ("Kanaan", "كنعان"), ("Masri", "المصري"), ("Halabi", "الحلبي"), ("Shami", "الشامي"), ("Nouri", "النوري"),
    ("Fischer", "فيشر"), ("Moreau", "مورو"), ("Brennan", "برينان"), ("Lindqvist", "ليندكفيست"),
    ("Okafor", "أوكافور"), ("Novak", "نوفاك"),
]
PLACES = [
    ("Cairo", "القاهرة"), ("Riyadh", "الرياض"), ("Amman", "عمّان"), ("Beirut", "بيروت"), ("Dubai", "دبي"),
    ("Doha", "الدوحة"), ("Tunis", "تونس"), ("Rabat", "الرباط"), ("Baghdad", "بغداد"), ("Muscat", "مسقط"),
    ("Kuwait City", "الكويت"), ("Manama", "المنامة"), ("Algiers", "الجزائر"), ("Khartoum", "الخرطوم"),
    ("Alexandria", "الإسكندرية"), ("Jeddah", "جدة"), ("London", "لندن"), ("Paris", "باريس"),
    ("Brussels", "بروكسل"), ("Geneva", "جنيف"), ("Berlin", "برلين"), ("Istanbul", "إسطنبول"),
    ("Nairobi", "نيروبي"), ("Singapore", "سنغافورة"),
]
# Organisation shapes: the English and Arabic pattern around a place name.
ORG_SHAPES = [
    ("{p} Ports Authority", "هيئة موانئ {p}"), ("{p} National Bank", "بنك {p} الوطني"),
    ("{p} Telecom", "اتصالات {p}"), ("{p} Water Company", "شركة مياه {p}"),
    ("{p} Stock Exchange", "بورصة {p}"), ("{p} Electricity Authority", "هيئة كهرباء {p}"),
    ("{p} Chamber of Commerce", "غرفة تجارة {p}"), ("{p} University", "جامعة {p}"),
    ("{p} Airport Company", "شركة مطار {p}"), ("{p} Housing Fund", "صندوق الإسكان في {p}"),
]
COMPANIES = [
    ("Nahda Holdings", "شركة النهضة القابضة"), ("Sahel Logistics", "شركة الساحل للخدمات اللوجستية"),
    ("Rawabi Energy", "شركة روابي للطاقة"), ("Waha Foods", "شركة الواحة للأغذية"),
    ("Manara Systems", "شركة المنارة للأنظمة"), ("Furat Cement", "شركة الفرات للإسمنت"),
    ("Bayan Media", "مجموعة بيان الإعلامية"), ("Najm Airlines", "طيران النجم"),
]
MINISTRIES = [
    ("Ministry of Finance", "وزارة المالية", "Finance Minister", "وزير المالية"),
    ("Ministry of Health", "وزارة الصحة", "Health Minister", "وزير الصحة"),
    ("Ministry of Transport", "وزارة النقل", "Transport Minister", "وزير النقل"),
    ("Ministry of Energy", "وزارة الطاقة", "Energy Minister", "وزير الطاقة"),
    ("Ministry of Trade", "وزارة التجارة", "Trade Minister", "وزير التجارة"),
]
EN_ROLES = ["the chief executive of", "a spokesman for", "the chairman of", "a senior official at",
            "the head of", "a director at"]
AR_ROLES = ["الرئيس التنفيذي ل", "المتحدث باسم ", "رئيس مجلس إدارة ", "مسؤول كبير في ", "رئيس ", "مدير في "]

# Counted nouns: English plural, Arabic noun after digits, unit as nlp.figures names it.
NOUNS = [
    ("containers", "حاوية"), ("workers", "عامل"), ("users", "مستخدم"), ("complaints", "شكوى"),
    ("households", "أسرة"), ("vehicles", "مركبة"), ("students", "طالب"), ("passengers", "مسافر"),
    ("homes", "منزل"), ("jobs", "وظيفة"),
]
CURRENCIES = [
    ("USD", "${x} {scale}", "{x} {scale_ar} دولار"), ("EUR", "{x} {scale} euros", "{x} {scale_ar} يورو"),
    ("SAR", "{x} {scale} riyals", "{x} {scale_ar} ريال"), ("EGP", "{x} {scale} pounds", "{x} {scale_ar} جنيه"),
]
_NOUN_BY_KEY = {en: (en, ar) for en, ar in NOUNS}
SCALES = [("million", "مليون", 1_000_000), ("billion", "مليار", 1_000_000_000)]
EN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
AR_DAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]

# ---------------------------------------------------------------- templates
# Slots: {speaker} {person} {org} {place} (entities), {count} {money} {percent}
# (figures), {day}, {year}; <<…>> marks the claim's text; a claim template is
# (kind, cue, template). Bodies are the claim contents and carry figures.

EN_BODIES = [
    "revenue rose {percent} to {money} last year",
    "the project would create {count_jobs} in {place}",
    "the agency had spent {money} on the new terminal",
    "prices of basic goods fell {percent} in the first quarter",
    "{count_households} had been affected by the outage in {place}",
    "the contract with {org} was worth {money}",
    "exports to {place} grew by {percent} since {year}",
    "the fund had lent {money} to small businesses",
]
EN_DENIAL_BODIES = [
    "the company had laid off {count_workers}",
    "the ministry paid {money} to {org}",
    "data on {count_users} was sold to advertisers",
    "the tender was awarded without a public bid",
    "fuel prices would rise by {percent} next month",
]
EN_CLAIMS = [
    ("statement", "said", "{speaker} said on {day} that <<{body}>>."),
    ("statement", "said", "\"<<{body_cap}>>,\" {speaker} said."),
    ("statement", "told", "{speaker} told reporters in {place} that <<{body}>>."),
    ("statement", "According to", "According to {speaker}, <<{body}>>."),
    ("statement", "announced", "{speaker} announced that <<{body}>>."),
    ("denial", "denied", "{speaker} denied that <<{denial}>>."),
    ("denial", "denied", "{speaker} on {day} denied reports that <<{denial}>>."),
    ("denial", "rejected", "{speaker} rejected claims that <<{denial}>>, calling them baseless."),
    ("denial", "said", "{speaker} said it was not true that <<{denial}>>."),
]
EN_FILLER = [
    "The announcement came after weeks of talks between officials in {place} and {org}.",
    "{person} has led the organisation since {year}.",
    "The figures were published on {day} in a report by {org}.",
    "Analysts expect the market in {place} to grow by {percent} over the next two years.",
    "The authority said it had received {count_complaints} in the past month.",
    "Trading in {place} was subdued ahead of the holiday.",
    "A budget of {money} was approved for the second phase.",
    "The plan is part of a wider effort to attract investment to the region.",
    "Talks are expected to continue next week in {place}.",
    "{org} did not respond to a request for comment.",
    "The dispute has drawn attention from lawmakers and consumer groups.",
    "Officials said more details would be released in the coming days.",
    "The decision follows a review of spending that began in {year}.",
    "Residents of {place} have complained about delays for months.",
    "Its shares closed {percent} higher on {day}.",
    "Construction is due to start before the end of the year, with completion expected within three years.",
    "The move was welcomed by business groups in {place}.",
    "Critics say the plan does little to address the underlying problems.",
    "The committee is due to publish its findings later this month.",
    "{person} is expected to visit {place} next week.",
    "Opposition members called for a full inquiry.",
    "The new rules take effect at the start of next year.",
]
EN_TITLES = [
    "{org} denies report on {place} contract", "{place} revenue rises {percent}",
    "{person} defends plan for {place}", "Regulator opens inquiry into {org}",
    "{org} to invest {money} in {place}", "Officials deny {count_households} were affected",
]

AR_BODIES = [
    "الإيرادات ارتفعت بنسبة {percent} إلى {money} في العام الماضي",
    "المشروع سيوفر {count_jobs} في {place}",
    "الهيئة أنفقت {money} على المحطة الجديدة",
    "أسعار السلع الأساسية تراجعت بنسبة {percent} في الربع الأول",
    "الانقطاع أثر على {count_households} في {place}",
    "قيمة العقد مع {org} بلغت {money}",
    "الصادرات إلى {place} نمت بنسبة {percent} منذ عام {year}",
    "الصندوق أقرض {money} للشركات الصغيرة",
]
AR_DENIAL_BODIES = [
    "تكون الشركة قد سرحت {count_workers}",
    "تكون الوزارة قد دفعت {money} إلى {org}",
    "تكون بيانات {count_users} قد بيعت للمعلنين",
    "تكون المناقصة قد منحت دون عطاء علني",
    "ترتفع أسعار الوقود بنسبة {percent} الشهر المقبل",
]
AR_CLAIMS = [
    ("statement", "وقال", "وقال {speaker} يوم {day} إن <<{body}>>."),
    ("statement", "وقال", "وقال {speaker}: «<<{body}>>»."),
    ("statement", "وأكد", "وأكد {speaker} للصحفيين في {place} أن <<{body}>>."),
    ("statement", "وأعلن", "وأعلن {speaker} أن <<{body}>>."),
    ("statement", "وأضاف", "وأضاف {speaker} أن <<{body}>>."),
    ("denial", "ونفى", "ونفى {speaker} أن <<{denial}>>."),
    ("denial", "ونفى", "ونفى {speaker} يوم {day} أن <<{denial}>>."),
    ("denial", "ونفت", "ونفت {org_speaker} أن <<{denial}>>، ووصفت الاتهامات بأنها لا أساس لها."),
]
AR_FILLER = [
    "وجاء الإعلان بعد أسابيع من المحادثات بين مسؤولين في {place} و{org}.",
    "ويتولى {person} رئاسة المؤسسة منذ عام {year}.",
    "ونشرت الأرقام يوم {day} في تقرير أعدته {org}.",
    "ويتوقع محللون أن تنمو السوق في {place} بنسبة {percent} خلال العامين المقبلين.",
    "وذكرت الهيئة أنها تلقت {count_complaints} خلال الشهر الماضي.",
    "وشهدت التعاملات في {place} هدوءا قبيل العطلة.",
    "وتمت الموافقة على ميزانية قدرها {money} للمرحلة الثانية.",
    "وتأتي الخطة في إطار جهود أوسع لجذب الاستثمارات إلى المنطقة.",
    "ومن المتوقع أن تستأنف المحادثات الأسبوع المقبل في {place}.",
    "ولم ترد {org} على طلب للتعليق.",
    "وأثار الخلاف اهتمام المشرعين وجمعيات حماية المستهلك.",
    "وقال مسؤولون إن مزيدا من التفاصيل سيعلن خلال الأيام المقبلة.",
    "ويأتي القرار بعد مراجعة للإنفاق بدأت عام {year}.",
    "ويشكو سكان {place} من التأخير منذ أشهر.",
    "وأغلقت أسهمها مرتفعة بنسبة {percent} يوم {day}.",
    "ومن المقرر أن يبدأ البناء قبل نهاية العام على أن يكتمل خلال ثلاث سنوات.",
    "ورحبت أوساط الأعمال في {place} بهذه الخطوة.",
    "ويرى منتقدون أن الخطة لا تعالج المشكلات الأساسية.",
    "ومن المنتظر أن تنشر اللجنة نتائجها في وقت لاحق هذا الشهر.",
    "ومن المتوقع أن يزور {person} {place} الأسبوع المقبل.",
    "وطالب أعضاء في المعارضة بإجراء تحقيق شامل.",
    "وتدخل القواعد الجديدة حيز التنفيذ مطلع العام المقبل.",
]
AR_TITLES = [
    "{org} تنفي تقريرا عن عقد في {place}", "ارتفاع إيرادات {place} بنسبة {percent}",
    "{person} يدافع عن خطة {place}", "جهة رقابية تفتح تحقيقا بشأن {org}",
    "{org} تستثمر {money} في {place}", "مسؤولون ينفون تضرر {count_households}",
]

SOURCES = {
    "en": ["gulf-ledger.example", "nile-courier.example", "levant-wire.example", "maghreb-times.example"],
    "ar": ["al-marsad-news.example", "al-khabar-daily.example", "sawt-al-sahel.example", "al-wadi-post.example"],
}

_SLOT_RE = re.compile(r"<<|>>|\{(\w+)\}")


@dataclass(frozen=True)
class _Entity:
    id: str
    label: str
    en: str
    ar: str


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _build_pools() -> tuple[list[_Entity], list[_Entity], list[_Entity], list[_Entity]]:
    """Returns (people, organisations, places, ministries) — 1,200 people, ~250 organisations."""
    people = [
        _Entity(_slug(f"{g[0]} {f[0]}"), "PERSON", f"{g[0]} {f[0]}", f"{g[1]} {f[1]}")
        for g, f in itertools.product(GIVEN, FAMILY)
    ]
    # Interleave so that popularity ranks do not follow the alphabet of given names.
    random.Random(0).shuffle(people)
    orgs = [
        _Entity(_slug(en.format(p=p[0])), "ORG", en.format(p=p[0]), ar.format(p=p[1]))
        for (en, ar), p in itertools.product(ORG_SHAPES, PLACES)
    ]
    orgs += [_Entity(_slug(en), "ORG", en, ar) for en, ar in COMPANIES]
    random.Random(1).shuffle(orgs)
    places = [_Entity(_slug(en), "GPE", en, ar) for en, ar in PLACES]
    ministries = [_Entity(_slug(m[0]), "ORG", m[0], m[1]) for m in MINISTRIES]
    return people, orgs, places, ministries


PEOPLE, ORGS, PLACE_ENTITIES, MINISTRY_ENTITIES = _build_pools()


def _zipf_weights(n: int, s: float = 1.0) -> list[float]:
    total = 0.0
    cum = []
    for rank in range(1, n + 1):
        total += 1.0 / rank**s
        cum.append(total)
    return cum


_PEOPLE_CUM = _zipf_weights(len(PEOPLE))
_ORGS_CUM = _zipf_weights(len(ORGS))
_PLACES_CUM = _zipf_weights(len(PLACE_ENTITIES), 0.7)


def _compile(template: str) -> list[tuple[str, str]]:
    """Splits a template into ("text", literal) and ("slot", name) / ("mark", "<<"|">>") parts once."""
    parts: list[tuple[str, str]] = []
    pos = 0
    for m in _SLOT_RE.finditer(template):
        if m.start() > pos:
            parts.append(("text", template[pos:m.start()]))
        token = m.group(0)
        parts.append(("mark", token) if token in ("<<", ">>") else ("slot", m.group(1)))
        pos = m.end()
    if pos < len(template):
        parts.append(("text", template[pos:]))
    return parts


def _compile_all(templates: list[str]) -> list[list[tuple[str, str]]]:
    return [_compile(t) for t in templates]


_TEMPLATES = {
    "en": {
        "bodies": _compile_all(EN_BODIES),
        "denials": _compile_all(EN_DENIAL_BODIES),
        "claims": [(k, cue, _compile(t)) for k, cue, t in EN_CLAIMS],
        "filler": _compile_all(EN_FILLER),
        "titles": _compile_all(EN_TITLES),
    },
    "ar": {
        "bodies": _compile_all(AR_BODIES),
        "denials": _compile_all(AR_DENIAL_BODIES),
        "claims": [(k, cue, _compile(t)) for k, cue, t in AR_CLAIMS],
        "filler": _compile_all(AR_FILLER),
        "titles": _compile_all(AR_TITLES),
    },
}


@dataclass
class SyntheticArticle:
    """One generated article and the annotations its templates planted (``truth``, Analysis-shaped)."""

    n: int
    url: str
    title: str
    body: str
    lang: str
    source: str
    published: str
    truth: dict = field(default_factory=dict)

    @property
    def words(self) -> int:
        return len(self.body.split())

    def to_dict(self) -> dict:
        return asdict(self)


class _Builder:
    """Accumulates one text and the spans of what was put into it."""

    def __init__(self, rng: random.Random, lang: str):
        self.rng = rng
        self.lang = lang
        self.parts: list[str] = []
        self.pos = 0
        self.entities: list[dict] = []
        self.figures: list[dict] = []
        self.claims: list[dict] = []

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.pos += len(text)

    def text(self) -> str:
        return "".join(self.parts)

    # -- slot fillers: each appends its text and records its annotation

    def entity(self, e: _Entity, surface: str | None = None) -> int:
        surface = surface or (e.en if self.lang == "en" else e.ar)
        start = self.pos
        self.add(surface)
        self.entities.append(
            {"text": surface, "label": e.label, "start": start, "end": self.pos, "id": e.id,
             "name": e.en if self.lang == "en" else e.ar}
        )
        return len(self.entities) - 1

    def person(self) -> _Entity:
        return self.rng.choices(PEOPLE, cum_weights=_PEOPLE_CUM)[0]

    def org(self) -> _Entity:
        return self.rng.choices(ORGS, cum_weights=_ORGS_CUM)[0]

    def place(self) -> _Entity:
        return self.rng.choices(PLACE_ENTITIES, cum_weights=_PLACES_CUM)[0]

    def figure(self, kind: str, noun: str | None = None) -> None:
        """Appends a figure of `kind` (count, money, percent); counts use `noun` or a random one."""
        rng, ar = self.rng, self.lang == "ar"
        unit = currency = None
        if kind == "count":
            noun_en, noun_ar = _NOUN_BY_KEY[noun] if noun else rng.choice(NOUNS)
            value = rng.choice((rng.randint(12, 990), rng.randint(2, 95) * 100, rng.randint(11, 99) * 1000))
            text = f"{value} {noun_ar}" if ar else f"{value:,} {noun_en}"
            unit = noun_en.rstrip("s")
        elif kind == "money":
            currency, en_t, ar_t = rng.choice(CURRENCIES)
            scale_en, scale_ar, mult = rng.choice(SCALES)
            whole = rng.randint(1, 950 if mult == 1_000_000 else 40)
            tenth = rng.randint(0, 9) if whole < 100 else 0
            x = f"{whole}.{tenth}" if tenth else str(whole)
            value = round((whole + tenth / 10) * mult)
            text = (ar_t if ar else en_t).format(x=x, scale=scale_en, scale_ar=scale_ar)
        else:
            value = rng.randint(1, 60)
            text = rng.choice((f"{value} في المئة", f"{value}٪")) if ar else rng.choice(
                (f"{value} percent", f"{value}%"))
        start = self.pos
        self.add(text)
        self.figures.append(
            {"text": text, "kind": kind, "value": value, "unit": unit, "currency": currency,
             "start": start, "end": self.pos}
        )

    def fill(self, parts: list[tuple[str, str]], slots: dict | None = None) -> None:
        """Appends a compiled template, filling each slot; `slots` provides ready-made sub-templates."""
        rng = self.rng
        for kind, value in parts:
            if kind == "text":
                self.add(value)
            elif kind == "mark":
                continue  # claims are recorded by the caller, which knows the marks' offsets
            elif slots and value in slots:
                slots[value]()
            elif value == "person":
                self.entity(self.person())
            elif value == "org":
                self.entity(self.org())
            elif value == "place":
                self.entity(self.place())
            elif value in ("count", "money", "percent"):
                self.figure(value)
            elif value.startswith("count_"):
                self.figure("count", value[6:])
            elif value == "day":
                self.add(rng.choice(AR_DAYS if self.lang == "ar" else EN_DAYS))
            elif value == "year":
                self.add(str(rng.randint(2009, 2024)))
            else:
                raise KeyError(f"unknown slot {{{value}}}")

    def speaker(self, org_only: bool = False) -> dict:
        """Appends a speaker phrase (name, title + name, or organisation) and returns the Speaker dict."""
        rng, ar = self.rng, self.lang == "ar"
        start = self.pos
        roll = rng.random()
        if ar and not org_only:
            # Arabic statement cues here are masculine verbs: keep organisations
            # (feminine) for the template whose verb agrees with them.
            roll = 0.3 + roll * 0.7
        if org_only or roll < 0.3:
            e = self.org() if rng.random() < 0.85 else rng.choice(MINISTRY_ENTITIES)
            self.entity(e)
        elif roll < 0.5:
            m = rng.choice(MINISTRIES)
            self.add((m[3] if ar else m[2]) + " ")
            e = self.person()
            self.entity(e)
        elif roll < 0.75 and not ar:
            e = self.person()
            self.entity(e)
            self.add(", " + rng.choice(EN_ROLES) + " ")
            self.entity(self.org())
            self.add(",")
        elif roll < 0.75:
            self.add(rng.choice(AR_ROLES))
            self.entity(self.org())
            self.add(" ")
            e = self.person()
            self.entity(e)
        else:
            e = self.person()
            self.entity(e)
        return {"id": e.id, "name": e.en if self.lang == "en" else e.ar, "start": start, "end": self.pos}

    def upper_at(self, offset: int) -> None:
        """Upper-cases the character at `offset` (a quotation that opens a sentence)."""
        pos = self.pos
        for i in range(len(self.parts) - 1, -1, -1):
            pos -= len(self.parts[i])
            if pos <= offset:
                part, k = self.parts[i], offset - pos
                self.parts[i] = part[:k] + part[k:k + 1].upper() + part[k + 1:]
                return

    def claim(self, kind: str, cue: str, parts: list[tuple[str, str]]) -> None:
        """Appends one attributed sentence and records its claim, speaker, figures and entities."""
        tpl = _TEMPLATES[self.lang]
        body_parts = self.rng.choice(tpl["denials"] if kind == "denial" else tpl["bodies"])
        speaker: dict = {}
        marks: dict[str, int] = {}
        first_part, first_pos = len(self.parts), self.pos
        first_figure, first_entity = len(self.figures), len(self.entities)

        def body(capitalise: bool = False) -> None:
            start = self.pos
            self.fill(body_parts)
            if capitalise:
                self.upper_at(start)

        slots = {
            "speaker": lambda: speaker.update(self.speaker()),
            "org_speaker": lambda: speaker.update(self.speaker(org_only=True)),
            "body": body,
            "denial": body,
            "body_cap": lambda: body(capitalise=True),
        }
        for part in parts:
            if part[0] == "mark":
                marks[part[1]] = self.pos
            else:
                self.fill([part], slots)
        start, end = marks["<<"], marks[">>"]
        sentence = "".join(self.parts[first_part:])
        speaker_text = sentence[speaker["start"] - first_pos:speaker["end"] - first_pos].rstrip(",")
        self.claims.append(
            {
                "text": sentence[start - first_pos:end - first_pos],
                "kind": kind,
                "cue": cue,
                "start": start,
                "end": end,
                "speaker": {"text": speaker_text, "id": speaker["id"], "name": speaker["name"]},
                "figures": [
                    i for i in range(first_figure, len(self.figures)) if start <= self.figures[i]["start"] < end
                ],
                "entities": [
                    i for i in range(first_entity, len(self.entities)) if start <= self.entities[i]["start"] < end
                ],
            }
        )


def target_words(rng: random.Random) -> int:
    """Draws an article length: log-normal, median ~560 words, clipped to [MIN_WORDS, MAX_WORDS]."""
    words = int(math.exp(rng.gauss(math.log(560), 0.38)))
    return max(MIN_WORDS, min(MAX_WORDS - _LONGEST_SENTENCE, words))


BASE_DATE = datetime(2026, 1, 1, tzinfo=UTC)


def article(seed: int, n: int, lang: str | None = None, arabic_share: float = 0.5) -> SyntheticArticle:
    """Returns article number `n` of the corpus of `seed` (independent of every other article).

    Args:
        seed: the corpus seed.
        n: the article's number; the same (seed, n) always gives the same article.
        lang: force "ar" or "en"; None draws it with `arabic_share`.
        arabic_share: probability of an Arabic article when lang is None.
    """
    # A string seed is hashed with SHA-512 by random.seed: independent streams per article.
    rng = random.Random(f"marsad-bench:{seed}:{n}")
    if lang is None:
        lang = "ar" if rng.random() < arabic_share else "en"
    tpl = _TEMPLATES[lang]
    b = _Builder(rng, lang)
    goal = target_words(rng)
    words = 0
    in_paragraph = 0
    para_len = rng.randint(2, 5)
    last_filler = None
    while words < goal:
        first_part = len(b.parts)
        roll = rng.random()
        # ~18% of sentences attribute something: about 1.2 claims per 100 words.
        if roll < 0.18:
            kind, cue, parts = rng.choice(tpl["claims"])
            if kind == "denial" and rng.random() < 0.45:
                # Keep denials near a quarter of all claims.
                kind, cue, parts = rng.choice([c for c in tpl["claims"] if c[0] == "statement"])
            b.claim(kind, cue, parts)
        else:
            filler = rng.choice(tpl["filler"])
            if filler is last_filler:
                filler = rng.choice(tpl["filler"])
            last_filler = filler
            b.fill(filler)
        words += len("".join(b.parts[first_part:]).split())
        in_paragraph += 1
        if in_paragraph >= para_len:
            b.add("\n\n")
            in_paragraph = 0
            para_len = rng.randint(2, 5)
        else:
            b.add(" ")
    body = b.text().rstrip()
    truth = {"lang": lang, "entities": b.entities, "figures": b.figures, "claims": b.claims}
    title_builder = _Builder(rng, lang)
    title_builder.fill(rng.choice(tpl["titles"]))
    title = title_builder.text()
    title = title[0].upper() + title[1:]
    source = rng.choice(SOURCES[lang])
    published = BASE_DATE - timedelta(minutes=rng.randint(0, 60 * 24 * 365 * 2))
    slug = _slug(title)[:60] if lang == "en" else "article"
    url = f"https://{source}/{published:%Y/%m/%d}/{slug}-{seed}-{n}"
    return SyntheticArticle(n, url, title, body, lang, source, published.isoformat(), truth)


def generate(count: int, seed: int = 7, start: int = 0, lang: str | None = None,
             arabic_share: float = 0.5) -> Iterator[SyntheticArticle]:
    """Yields articles start … start+count-1 of the corpus of `seed`, one at a time (nothing is held)."""
    for n in range(start, start + count):
        yield article(seed, n, lang, arabic_share)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic bilingual news corpus as JSON lines.")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--start", type=int, default=0, help="number of the first article (for shards)")
    parser.add_argument("--lang", choices=["ar", "en"], default=None)
    parser.add_argument("--no-truth", action="store_true", help="omit the planted annotations")
    args = parser.parse_args(argv)
    out = sys.stdout
    for a in generate(args.articles, args.seed, args.start, args.lang):
        d = a.to_dict()
        if args.no_truth:
            del d["truth"]
        out.write(json.dumps(d, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
