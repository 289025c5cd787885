"""A deterministic, streamed corpus of synthetic bilingual news articles with the statistics of real news.

Every article is built from this module's own sentence frames (Arabic and
English written for the benchmarks, not taken from any publication) filled
with entities from an open-ended name generator (``bench.names``), words from
a Zipfian vocabulary (``bench/data/vocab_*.txt`` and pseudo-words beyond it)
and figures. Article ``i`` of seed ``s`` depends only on ``(s, i)``, so any
slice of a corpus can be generated on its own (the scale run shards the work
across processes) and the same seed always yields the same text.

Besides the text, each article carries ``truth``: an Analysis-shaped dict
(``lang``, ``entities``, ``figures``, ``claims`` with offsets into the body)
of what the frames planted. The benchmarks index it as the pre-built
analysis when they measure Elasticsearch rather than the NLP stage, which
keeps a million-article run free of hours of NLP.

Shape, chosen to resemble wire and newspaper copy (``python -m
bench.corpus_stats`` prints the measured distributions):

- time: articles are published in order, ``ARTICLES_PER_DAY`` a day;
- entities: people and organisations are numbered and a mention draws a
  number from an unbounded Zipf law (exponent 2.2), so a few are everywhere,
  most are rare, and new names keep appearing as the corpus grows (Heaps-like:
  tens of thousands per million articles); a third of the stories bring a
  name never seen before;
- stories: about every ``STORY_GAP`` articles a story begins: a lead entity
  (often a new one), a second entity and a few topic words, weighted by a
  heavy-tailed size and fading over one to six days. Half of all articles
  belong to the story that is loudest at their time, so an entity/event pair
  recurs heavily for a few days and then fades;
- words: nouns, adjectives and verbs are drawn per language from a Zipf law
  over tens of thousands of types (real common words first, pseudo-words in
  the tail), a third of the nouns from the article's own topic words, so a
  common word is in a few per cent of articles and a rare one in a handful;
- claims: about 1.5 per 100 words; most are statements (a tenth of them
  negated, which is not a denial), denials about 5–10 %, more of them in the
  stories that are about an allegation;
- length: log-normal around 560 words, clipped to 300–1,200 words.

Run ``python -m bench.corpus --articles 1000 --seed 7 > corpus.jsonl`` to
write a corpus as JSON lines.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path

from bench import names
from bench.frames import (
    AR_BODIES,
    AR_CLAIMS,
    AR_DENIAL_BODIES,
    AR_DENIAL_TITLES,
    AR_FRAMES,
    AR_NEGATED_BODIES,
    AR_TITLES,
    EN_BODIES,
    EN_CLAIMS,
    EN_DENIAL_BODIES,
    EN_DENIAL_TITLES,
    EN_FRAMES,
    EN_NEGATED_BODIES,
    EN_TITLES,
    SOURCES,
)

MIN_WORDS = 300
MAX_WORDS = 1200
# The longest frame sentence is well under this, so stopping once the
# target is reached never overshoots MAX_WORDS.
_LONGEST_SENTENCE = 40

ARTICLES_PER_DAY = 1400
START = datetime(2024, 1, 1, tzinfo=UTC)

# A mention draws entity number k with probability about proportional to (k + c) ** -s, per
# kind (s, c). With s > 1 the law has no end: the number of distinct entities keeps growing
# with the corpus (roughly as mentions ** (1 / s), Heaps' law) and most entities are rare.
ENTITY_ZIPF = {"PERSON": (2.2, 120.0), "ORG": (2.2, 80.0)}
# Stories that bring a new name use numbers from here on, one per story: never drawn otherwise.
NEW_NAMES = 50_000_000
NEW_NAME_SHARE = 0.35
# The Zipf law of words is 1 / (rank + offset): a flatter head than 1 / rank.
ZIPF_OFFSET = 2.0

STORY_GAP = 25
STORY_MAX_DAYS = 6
STORY_SHARE = 0.5
# Among a story's articles, how often a person or organisation slot names the story's own entity.
STORY_FOCUS = 0.3

# Word types per part of speech and language (real words first, pseudo-words after).
VOCABULARY = {"noun": 60_000, "adj": 12_000, "verb": 8_000}
TOPIC_SHARE = 0.35

# Share of claims per kind: denials outside allegation stories and inside them, negated statements.
DENIAL_SHARE = 0.05
DENIAL_SHARE_IN_ALLEGATION = 0.25
ALLEGATION_STORIES = 0.15
NEGATED_SHARE = 0.1

_DATA = Path(__file__).resolve().parent / "data"

# ---------------------------------------------------------------- fixed entities
# (English, Arabic) pairs: one entity is the same id in both languages, as the
# gazetteer would have it, so an entity feed mixes both scripts.

PLACES = [
    ("Cairo", "القاهرة"), ("Riyadh", "الرياض"), ("Amman", "عمّان"), ("Beirut", "بيروت"), ("Dubai", "دبي"),
    ("Doha", "الدوحة"), ("Tunis", "تونس"), ("Rabat", "الرباط"), ("Baghdad", "بغداد"), ("Muscat", "مسقط"),
    ("Kuwait City", "الكويت"), ("Manama", "المنامة"), ("Algiers", "الجزائر"), ("Khartoum", "الخرطوم"),
    ("Alexandria", "الإسكندرية"), ("Jeddah", "جدة"), ("London", "لندن"), ("Paris", "باريس"),
    ("Brussels", "بروكسل"), ("Geneva", "جنيف"), ("Berlin", "برلين"), ("Istanbul", "إسطنبول"),
    ("Nairobi", "نيروبي"), ("Singapore", "سنغافورة"),
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

_SLOT_RE = re.compile(r"<<|>>|\{(\w+)\}")


@dataclass(frozen=True)
class _Entity:
    id: str
    label: str
    en: str
    ar: str


def _slug(text: str) -> str:
    return names.slug(text)


PLACE_ENTITIES = [_Entity(_slug(en), "GPE", en, ar) for en, ar in PLACES]
MINISTRY_ENTITIES = [_Entity(_slug(m[0]), "ORG", m[0], m[1]) for m in MINISTRIES]


def entity(label: str, k: int) -> _Entity:
    """Returns person or organisation number `k` (label "PERSON" or "ORG"); the same k, the same entity."""
    en, ar = names.person(k) if label == "PERSON" else names.organisation(k)
    return _Entity(_slug(en), label, en, ar)


def zipf_rank(rng: random.Random, size: int, offset: float = ZIPF_OFFSET) -> int:
    """Draws a rank in [0, size) with probability about proportional to 1 / (rank + offset)."""
    x = offset * ((size + offset) / offset) ** rng.random()
    return min(int(x - offset), size - 1)


def draw_entity(rng: random.Random, label: str) -> int:
    """Draws the number of a person or organisation (label) from its unbounded Zipf law."""
    s, c = ENTITY_ZIPF[label]
    # Inverse of the continuous law's tail, (1 + x / c) ** (1 - s); 1 - random() is never 0.
    return min(int(c * ((1.0 - rng.random()) ** (-1.0 / (s - 1.0)) - 1.0)), NEW_NAMES - 1)


def _load_vocabulary(lang: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"noun": [], "adj": [], "verb": []}
    for line in (_DATA / f"vocab_{lang}.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            pos, word = line.split("\t")
            out[pos].append(word)
    return out


_WORDS = {lang: _load_vocabulary(lang) for lang in ("en", "ar")}


# The first DENSE_RANKS ranks of a part of speech are real words; the rest of the written
# words take every REAL_STRIDE-th rank after them, so real words also sit in the middle of
# the frequency range (a word in a few per cent of articles is often a real one).
DENSE_RANKS = {"noun": 100, "adj": 40, "verb": 40}
REAL_STRIDE = 8


def word(lang: str, pos: str, rank: int) -> str:
    """Returns the word of `rank` (0 = most frequent) among a language's nouns, adjectives or verbs."""
    real, dense = _WORDS[lang][pos], DENSE_RANKS[pos]
    if rank < dense:
        return real[rank]
    j, r = divmod(rank - dense, REAL_STRIDE)
    if r == 0 and dense + j < len(real):
        return real[dense + j]
    # Pseudo-word i is unique per i, and ranks are unique: the words of two ranks never coincide.
    return names.pseudo_word(lang, pos, rank)


# ---------------------------------------------------------------- stories


@dataclass(frozen=True)
class Story:
    """A burst of coverage: who it is about, its words, when it starts and how long it lasts (in articles)."""

    number: int
    start: int
    length: int
    weight: float
    lead: _Entity
    second: _Entity
    topic: tuple[int, ...]
    keyword: int
    allegation: bool


_MAX_STORY = STORY_MAX_DAYS * ARTICLES_PER_DAY


@lru_cache(maxsize=1024)
def story(seed: int, j: int) -> Story:
    """Returns story number `j` of the corpus of `seed` (cached: every article looks at a few hundred)."""
    rng = random.Random(f"marsad-bench-story:{seed}:{j}")
    start = j * STORY_GAP + rng.randrange(STORY_GAP)
    days = min(STORY_MAX_DAYS, max(0.2, rng.lognormvariate(math.log(1.2), 0.7)))
    label = "PERSON" if rng.random() < 0.5 else "ORG"
    # A new name (news is where most entities first appear) or one of the known ones.
    k = NEW_NAMES + j if rng.random() < NEW_NAME_SHARE else draw_entity(rng, label)
    lead = entity(label, k)
    second = rng.choice(PLACE_ENTITIES) if rng.random() < 0.4 else entity("ORG", draw_entity(rng, "ORG"))
    topic = tuple(zipf_rank(rng, 3000, offset=20.0) + 10 for _ in range(3))
    keyword = 3000 + zipf_rank(rng, VOCABULARY["noun"] - 3000, offset=200.0)
    return Story(j, start, int(days * ARTICLES_PER_DAY), rng.paretovariate(1.2), lead, second, topic,
                 keyword, rng.random() < ALLEGATION_STORIES)


def story_of(seed: int, n: int, rng: random.Random) -> Story | None:
    """Draws the story article `n` belongs to (None for about half): louder and fresher stories first."""
    if rng.random() >= STORY_SHARE:
        return None
    live, weights = [], []
    for j in range(max(0, (n - _MAX_STORY) // STORY_GAP - 1), n // STORY_GAP + 1):
        s = story(seed, j)
        age = n - s.start
        if 0 <= age < s.length:
            live.append(s)
            weights.append(s.weight * math.exp(-3.0 * age / s.length))
    return rng.choices(live, weights)[0] if live else None


# ---------------------------------------------------------------- templates


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
    lang: {
        "statement": _compile_all(bodies),
        "negated": _compile_all(negated),
        "denial": _compile_all(denials),
        "claims": [(k, cue, _compile(t)) for k, cue, t in claims],
        "filler": _compile_all(frames),
        "titles": _compile_all(titles),
        "denial_titles": _compile_all(denial_titles),
    }
    for lang, bodies, negated, denials, claims, frames, titles, denial_titles in (
        ("en", EN_BODIES, EN_NEGATED_BODIES, EN_DENIAL_BODIES, EN_CLAIMS, EN_FRAMES, EN_TITLES, EN_DENIAL_TITLES),
        ("ar", AR_BODIES, AR_NEGATED_BODIES, AR_DENIAL_BODIES, AR_CLAIMS, AR_FRAMES, AR_TITLES, AR_DENIAL_TITLES),
    )
}


@dataclass
class SyntheticArticle:
    """One generated article and the annotations its frames planted (``truth``, Analysis-shaped)."""

    n: int
    url: str
    title: str
    body: str
    lang: str
    source: str
    published: str
    truth: dict = field(default_factory=dict)
    story: int | None = None

    @property
    def words(self) -> int:
        return len(self.body.split())

    def to_dict(self) -> dict:
        return asdict(self)


class _Builder:
    """Accumulates one text and the spans of what was put into it."""

    def __init__(self, rng: random.Random, lang: str, n: int, story: Story | None, topic: list[int]):
        self.rng = rng
        self.lang = lang
        self.n = n
        self.story = story
        self.topic = topic
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

    def entity(self, e: _Entity) -> int:
        surface = e.en if self.lang == "en" else e.ar
        start = self.pos
        self.add(surface)
        self.entities.append(
            {"text": surface, "label": e.label, "start": start, "end": self.pos, "id": e.id, "name": surface}
        )
        return len(self.entities) - 1

    def _of_story(self, label: str) -> _Entity | None:
        s = self.story
        if s is not None and self.rng.random() < STORY_FOCUS:
            for e in (s.lead, s.second):
                if e.label == label:
                    return e
        return None

    def person(self) -> _Entity:
        return self._of_story("PERSON") or entity("PERSON", draw_entity(self.rng, "PERSON"))

    def org(self) -> _Entity:
        return self._of_story("ORG") or entity("ORG", draw_entity(self.rng, "ORG"))

    def place(self) -> _Entity:
        return self._of_story("GPE") or PLACE_ENTITIES[min(zipf_rank(self.rng, len(PLACE_ENTITIES), 1.0),
                                                           len(PLACE_ENTITIES) - 1)]

    def lead(self) -> _Entity:
        if self.story is not None:
            return self.story.lead
        return self.org() if self.rng.random() < 0.5 else self.person()

    def word(self, pos: str) -> str:
        rng = self.rng
        if pos == "noun" and rng.random() < TOPIC_SHARE:
            return word(self.lang, "noun", rng.choice(self.topic))
        return word(self.lang, pos, zipf_rank(rng, VOCABULARY[pos]))

    def keyword(self) -> str:
        rank = self.story.keyword if self.story is not None else self.topic[-1]
        return word(self.lang, "noun", rank)

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
            elif value == "N":
                self.add(self.word("noun"))
            elif value == "A":
                self.add(self.word("adj"))
            elif value == "V":
                self.add(self.word("verb"))
            elif value == "K":
                self.add(self.keyword())
            elif value == "person":
                self.entity(self.person())
            elif value == "org":
                self.entity(self.org())
            elif value == "place":
                self.entity(self.place())
            elif value == "lead":
                self.entity(self.lead())
            elif value in ("count", "money", "percent"):
                self.figure(value)
            elif value.startswith("count_"):
                self.figure("count", value[6:])
            elif value == "day":
                self.add(rng.choice(AR_DAYS if self.lang == "ar" else EN_DAYS))
            elif value == "year":
                self.add(str(rng.randint(2009, 2023)))
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

    def claim(self, kind: str, bodies: str, cue: str, parts: list[tuple[str, str]]) -> None:
        """Appends one attributed sentence and records its claim, speaker, figures and entities.

        `bodies` names the body list ("statement", "negated", "denial") the claim's text comes from.
        """
        body_parts = self.rng.choice(_TEMPLATES[self.lang][bodies])
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


def published_at(n: int, rng: random.Random) -> datetime:
    """Returns the publication time of article `n`: in order, ARTICLES_PER_DAY a day, give or take half an hour."""
    seconds = n * 86_400 / ARTICLES_PER_DAY + rng.uniform(-1800, 1800)
    return START + timedelta(seconds=max(0, int(seconds)))


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
    st = story_of(seed, n, rng)
    own = [zipf_rank(rng, 3000, offset=20.0) + 10 for _ in range(2 if st else 4)]
    b = _Builder(rng, lang, n, st, list(st.topic) + own if st else own)
    denial_share = DENIAL_SHARE_IN_ALLEGATION if st is not None and st.allegation else DENIAL_SHARE
    statements = [c for c in tpl["claims"] if c[0] == "statement"]
    denials = [c for c in tpl["claims"] if c[0] == "denial"]
    goal = target_words(rng)
    words = 0
    in_paragraph = 0
    para_len = rng.randint(2, 5)
    last_filler = None
    while words < goal:
        first_part = len(b.parts)
        # ~17% of sentences attribute something: about 1.4 claims per 100 words.
        if rng.random() < 0.17:
            roll = rng.random()
            if roll < denial_share:
                b.claim("denial", "denial", *rng.choice(denials)[1:])
            else:
                bodies = "negated" if roll < denial_share + NEGATED_SHARE else "statement"
                b.claim("statement", bodies, *rng.choice(statements)[1:])
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
    title_builder = _Builder(rng, lang, n, st, b.topic)
    titles = tpl["denial_titles"] if st is not None and st.allegation and rng.random() < 0.5 else tpl["titles"]
    title_builder.fill(rng.choice(titles))
    title = title_builder.text()
    title = title[0].upper() + title[1:]
    source = rng.choice(SOURCES[lang])
    published = published_at(n, rng)
    slug = _slug(title)[:60] if lang == "en" else "article"
    url = f"https://{source}/{published:%Y/%m/%d}/{slug}-{seed}-{n}"
    return SyntheticArticle(n, url, title, body, lang, source, published.isoformat(), truth,
                            st.number if st is not None else None)


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
