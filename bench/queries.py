"""A query mix drawn from the benchmark corpus: rare names, common and rare words, phrases, figure filters.

The queries are picked from the first articles of a corpus (the ones every
benchmark indexes) by how many of them each matches, so the mix asks what
analysts ask of real news: a name seen in a handful of articles, a common
word in a few per cent, a phrase, a claim search narrowed by a figure.
Matching here is done in Python on the same search forms the indexer writes
(``nlp.normalize.search_form``), so selectivity is measured without
Elasticsearch: an article matches a query when it holds all the query's
terms (a phrase: in a row) in its title or body; a claim matches a figure
filter when its text holds the terms and one of its figures is of the kind
and at least the value.

``mix(seed, sample)`` returns the queries; ``bench.bench_api`` rotates
through them and ``bench.corpus_stats`` prints their selectivity.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

from marsad.nlp.normalize import TOKEN_RE, search_form, term

from bench import corpus

CLASSES = ("rare name", "common word", "rare word", "phrase", "figure filter")
# Document frequency windows in the sample each class draws from (shares of the sample's
# articles of the query's language, or of its claims for figure filters; rare ones in articles).
COMMON_WORD = (0.02, 0.06)
RARE_WORD = (2, 4)
RARE_NAME = (2, 5)
PHRASE = (0.003, 0.02)
CLAIM_WORD = (0.05, 0.3)


@dataclass(frozen=True)
class Query:
    """One benchmark query: the text as a user types it and, for claim searches, a figure filter."""

    kind: str
    q: str
    lang: str
    figure_kind: str | None = None
    min_value: int | None = None

    def path(self) -> str:
        """Returns the API path of this query (article search, or claim search with a figure filter)."""
        if self.figure_kind:
            return (f"/api/v1/claims?q={quote(self.q)}&figure_kind={self.figure_kind}"
                    f"&min_value={self.min_value}&size=20")
        return f"/api/v1/articles?q={quote(self.q)}&size=20"

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(search_form(self.q).split())

    def matches_article(self, terms: list[str], term_set: set[str]) -> bool:
        """True when an article whose title and body have these search terms matches the query."""
        want = self.terms
        if not all(t in term_set for t in want):
            return False
        if not self.q.startswith('"') or len(want) < 2:
            return True
        first, n = want[0], len(want)
        return any(terms[i:i + n] == list(want) for i, t in enumerate(terms) if t == first)

    def matches_claim(self, claim: dict, figures: list[dict]) -> bool:
        """True when a planted claim (with the article's figures) matches this claim search."""
        if not set(self.terms) <= set(search_form(claim["text"]).split()):
            return False
        return any(figures[i]["kind"] == self.figure_kind and figures[i]["value"] >= self.min_value
                   for i in claim["figures"])


def article_terms(a: corpus.SyntheticArticle) -> list[str]:
    """Returns the search terms of an article's title and body, in order (title first)."""
    return search_form(a.title).split() + search_form(a.body).split()


def _spread(candidates: list, k: int) -> list:
    """Picks k items evenly spaced through a sorted list (all of them when there are fewer)."""
    if len(candidates) <= k:
        return candidates
    step = len(candidates) / k
    return [candidates[int(i * step)] for i in range(k)]


_CLAUSE_RE = re.compile(r"[.,،:;«»\"\n]")


def _is_word(token: str) -> bool:
    return token.isalpha() and len(token) >= 3


@lru_cache(maxsize=4)
def mix(seed: int = 7, sample: int = 2000, per_class: int = 6) -> tuple[Query, ...]:
    """Returns the query mix of the first `sample` articles of corpus `seed`: `per_class` per class and language."""
    articles = list(corpus.generate(sample, seed))
    per_lang = Counter(a.lang for a in articles)
    term_df: dict[str, Counter] = {"en": Counter(), "ar": Counter()}
    surface: dict[str, str] = {}
    bigram_df: dict[str, Counter] = {"en": Counter(), "ar": Counter()}
    entity_df: Counter = Counter()
    name_terms: set[str] = set()
    entity_name: dict[tuple[str, str], str] = {}
    claims: dict[str, list[tuple[dict, list[dict]]]] = {"en": [], "ar": []}
    for a in articles:
        words = [w for w in TOKEN_RE.findall(a.title + " \n " + a.body)]
        for w in words:
            surface.setdefault(term(w), w)
        term_df[a.lang].update({term(w) for w in words})
        for e in a.truth["entities"]:
            name_terms.update(search_form(e["text"]).split())
            if e["label"] in ("PERSON", "ORG"):
                entity_name[(e["id"], a.lang)] = e["text"]
        entity_df.update({(e["id"], a.lang) for e in a.truth["entities"] if e["label"] in ("PERSON", "ORG")})
        claims[a.lang] += [(c, a.truth["figures"]) for c in a.truth["claims"]]
    for a in articles:
        # Phrases of two common words that are rarely next to each other: a second pass, once the
        # document frequencies are known, keeps the bigram counts small.
        common = term_df[a.lang]
        floor = 0.01 * per_lang[a.lang]
        ceiling = 0.5 * per_lang[a.lang]
        pairs = set()
        for clause in _CLAUSE_RE.split(a.body):
            words = TOKEN_RE.findall(clause)
            for w1, w2 in zip(words, words[1:], strict=False):
                t1, t2 = term(w1), term(w2)
                if (_is_word(w1) and _is_word(w2) and t1 != t2 and floor <= common[t1] <= ceiling
                        and floor <= common[t2] <= ceiling):
                    pairs.add(f"{w1} {w2}")
        bigram_df[a.lang].update(pairs)

    out: list[Query] = []
    for lang in ("en", "ar"):
        n = max(1, per_lang[lang])
        df = term_df[lang]
        # Word classes are words of the text, not parts of names (those are the name class).
        words = {t: c for t, c in df.items() if t not in name_terms and _is_word(surface[t])}
        common = sorted((c, t) for t, c in words.items() if COMMON_WORD[0] <= c / n <= COMMON_WORD[1])
        out += [Query("common word", surface[t], lang) for _, t in _spread(common, per_class)]
        rare = sorted((c, t) for t, c in words.items() if RARE_WORD[0] <= c <= RARE_WORD[1])
        out += [Query("rare word", surface[t], lang) for _, t in _spread(rare, per_class)]
        names = sorted((c, i) for (i, lg), c in entity_df.items() if lg == lang and RARE_NAME[0] <= c <= RARE_NAME[1])
        out += [Query("rare name", entity_name[(i, lang)], lang) for _, i in _spread(names, per_class)]
        phrases = sorted((c, p) for p, c in bigram_df[lang].items() if PHRASE[0] <= c / n <= PHRASE[1])
        out += [Query("phrase", f'"{p}"', lang) for _, p in _spread(phrases, per_class)]
        everywhere = {t for t, c in df.items() if c > 0.5 * n} | name_terms
        out += _figure_filters(claims[lang], lang, per_class, everywhere)
    return tuple(out)


def _figure_filters(claims: list[tuple[dict, list[dict]]], lang: str, k: int, skip: set[str]) -> list[Query]:
    """Claim searches: a word common in claims with a money or percent figure, floored at the median or top decile."""
    out = []
    for kind in ("money", "percent"):
        with_kind = [(c, f) for c, f in claims if any(f[i]["kind"] == kind for i in c["figures"])]
        if not with_kind:
            continue
        df: Counter = Counter()
        surface: dict[str, str] = {}
        for c, f in with_kind:
            # The words of the claim outside its figures ("percent" is the figure, not the topic).
            text = c["text"]
            for i in c["figures"]:
                text = text.replace(f[i]["text"], " ")
            words = [w for w in TOKEN_RE.findall(text) if term(w) not in skip]
            for w in words:
                surface.setdefault(term(w), w)
            df.update({term(w) for w in words})
        words = sorted((n, t) for t, n in df.items()
                       if CLAIM_WORD[0] <= n / len(with_kind) <= CLAIM_WORD[1] and _is_word(surface[t]))
        values = sorted(f[i]["value"] for c, f in with_kind for i in c["figures"] if f[i]["kind"] == kind)
        for j, (_, t) in enumerate(_spread(words, (k + 1) // 2)):
            floor = values[len(values) // 2] if j % 2 else values[int(len(values) * 0.9)]
            out.append(Query("figure filter", surface[t], lang, kind, floor))
    return out


def selectivity(queries: Iterable[Query], articles: Iterable[corpus.SyntheticArticle]) -> dict[Query, float]:
    """Returns each query's share of matched articles (of its language), or of claims for figure filters."""
    queries = list(queries)
    hits = Counter()
    docs = Counter()
    claim_count = Counter()
    for a in articles:
        terms = article_terms(a)
        term_set = set(terms)
        docs[a.lang] += 1
        claim_count[a.lang] += len(a.truth["claims"])
        for q in queries:
            if q.lang != a.lang:
                continue
            if q.figure_kind:
                hits[q] += sum(q.matches_claim(c, a.truth["figures"]) for c in a.truth["claims"])
            elif q.matches_article(terms, term_set):
                hits[q] += 1
    return {q: hits[q] / max(1, (claim_count if q.figure_kind else docs)[q.lang]) for q in queries}


def feed_entities(seed: int = 7, sample: int = 2000, per_band: int = 4,
                  known: Callable[[list[str]], set[str]] | None = None) -> list[str]:
    """Returns entity ids for feed requests: the most mentioned entities, and some mid-ranked and rare ones.

    The ids are the corpus's truth; ``known`` (ids -> those the index holds) keeps only the ones the
    NLP stage gave the same id, so that no feed request is a 404 (a rare name's Arabic-only
    mentions can come out under another spelling).
    """
    counts: Counter = Counter()
    for a in corpus.generate(sample, seed):
        counts.update({e["id"] for e in a.truth["entities"] if e["label"] in ("PERSON", "ORG")})
    ranked = [e for e, _ in counts.most_common()]
    if known is not None:
        held = known(ranked)
        ranked = [e for e in ranked if e in held]
    top = ranked[:per_band]
    middle = _spread(ranked[len(ranked) // 20: len(ranked) // 5], per_band)
    tail = _spread([e for e in ranked if counts[e] == 2], per_band)
    return top + middle + tail
