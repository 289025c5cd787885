"""Prints the distributions of the benchmark corpus: entities, stories, words, claims, query selectivity.

Generation only (no Elasticsearch, no NLP): ``python -m bench.corpus_stats
--articles 20000 --growth 1000,10000,20000,100000``. Entity and word-type
growth are counted up to the largest ``--growth`` size; words, claims and
query selectivity over the first ``--articles``. The query mix is drawn from
the first ``--sample`` articles (as ``bench.bench_api`` draws it) and its
selectivity measured over all ``--articles``.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter, defaultdict

from marsad.nlp.normalize import TOKEN_RE, term

from bench import corpus, queries


def _ranks(counts: Counter) -> str:
    ranked = sorted(counts.values(), reverse=True)
    if not ranked:
        return "—"
    pick = [(f"#{r}", ranked[r - 1]) for r in (1, 10, 100, 1000, 10000) if r <= len(ranked)]
    pick.append(("median", ranked[len(ranked) // 2]))
    once = sum(v <= 2 for v in ranked) / len(ranked)
    return ", ".join(f"{k} {v:,}" for k, v in pick) + f"; {once:.0%} mentioned in ≤ 2 articles"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Distributions of the synthetic benchmark corpus.")
    parser.add_argument("--articles", type=int, default=20_000, help="articles for words, claims and queries")
    parser.add_argument("--growth", default="1000,10000,20000,100000", help="sizes at which growth is printed")
    parser.add_argument("--sample", type=int, default=2000, help="articles the query mix is drawn from")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    stops = sorted({int(x) for x in args.growth.split(",")} | {args.articles})
    t0 = time.perf_counter()

    entity_df: Counter = Counter()
    labels: dict[str, str] = {}
    raw_types: dict[str, set[str]] = {"en": set(), "ar": set()}
    raw_tokens: Counter = Counter()
    term_types: dict[str, set[str]] = {"en": set(), "ar": set()}
    docs: Counter = Counter()
    word_df: dict[str, Counter] = {"en": Counter(), "ar": Counter()}
    stories: Counter = Counter()
    story_days: dict[int, list[int]] = defaultdict(list)
    in_story = 0
    kinds: Counter = Counter()
    words_total = 0
    per100 = Counter()
    growth_rows = []

    print(f"generating {stops[-1]:,} articles of seed {args.seed} …", flush=True)
    for a in corpus.generate(stops[-1], args.seed):
        n = a.n + 1
        ents = {e["id"] for e in a.truth["entities"] if e["label"] in ("PERSON", "ORG")}
        entity_df.update(ents)
        for e in a.truth["entities"]:
            labels[e["id"]] = e["label"]
        tokens = TOKEN_RE.findall(a.body)
        raw_types[a.lang].update(tokens)
        raw_tokens[a.lang] += len(tokens)
        if n <= args.articles:
            terms = {term(t) for t in tokens}
            term_types[a.lang] |= terms
            docs[a.lang] += 1
            word_df[a.lang].update(set(tokens))
            if a.story is not None:
                in_story += 1
                stories[a.story] += 1
                story_days[a.story].append(a.n // corpus.ARTICLES_PER_DAY)
            for c in a.truth["claims"]:
                kinds[c["kind"]] += 1
            words_total += a.words
            for k in ("entities", "figures", "claims"):
                per100[k] += len(a.truth[k])
        if n in stops:
            people = sum(1 for e in entity_df if labels[e] == "PERSON")
            growth_rows.append((n, len(entity_df), people, len(entity_df) - people,
                                len(raw_types["en"]), len(raw_types["ar"]), raw_tokens["en"], raw_tokens["ar"]))
            print(f"  {n:,} articles ({time.perf_counter() - t0:.0f} s)", flush=True)
            if n == args.articles:
                final_entities = Counter(entity_df)

    print("\n## Entities (people and organisations) and word types as the corpus grows\n")
    print("| articles | distinct entities | people | organisations | per 1,000 articles | "
          "word types en / ar | word tokens en / ar |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n, total, people, orgs, ten, tar, ken, kar in growth_rows:
        print(f"| {n:,} | {total:,} | {people:,} | {orgs:,} | {1000 * total / n:,.0f} | {ten:,} / {tar:,} | "
              f"{ken:,} / {kar:,} |")
    print(f"\nArticles mentioning an entity, by rank ({args.articles:,} articles): {_ranks(final_entities)}")
    print(f"At {growth_rows[-1][0]:,} articles: {_ranks(entity_df)}")

    print(f"\n## Words ({args.articles:,} articles)\n")
    print("| language | articles | tokens (body) | raw types | search-form terms | "
          "articles holding the noun of rank 1 / 10 / 100 / 1,000 / 10,000 |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    for lang in ("en", "ar"):
        shares = []
        for r in (0, 9, 99, 999, 9999):
            w = corpus.word(lang, "noun", r)
            shares.append(f"{w} {word_df[lang][w] / max(1, docs[lang]):.2%}")
        print(f"| {lang} | {docs[lang]:,} | {sum(word_df[lang].values()):,} token-article pairs | "
              f"{len(word_df[lang]):,} | {len(term_types[lang]):,} | {' / '.join(shares)} |")

    sizes = sorted(stories.values(), reverse=True)
    spans = sorted(max(d) - min(d) + 1 for d in story_days.values())
    print(f"\n## Stories ({args.articles:,} articles)\n")
    print(f"{in_story / args.articles:.0%} of articles belong to a story; {len(sizes):,} stories; articles per "
          f"story: largest {sizes[0]:,}, #10 {sizes[min(9, len(sizes) - 1)]:,}, median "
          f"{statistics.median(sizes):.0f}; days covered: median {statistics.median(spans):.0f}, "
          f"max {spans[-1]}")

    total_claims = sum(kinds.values())
    print(f"\n## Claims and density ({args.articles:,} articles)\n")
    print(", ".join(f"{k} per 100 words {100 * per100[k] / words_total:.2f}" for k in ("entities", "figures",
                                                                                     "claims")))
    print(", ".join(f"{k} {v / total_claims:.1%}" for k, v in sorted(kinds.items())) + f" of {total_claims:,}")

    mix = queries.mix(args.seed, args.sample)
    sel = queries.selectivity(mix, corpus.generate(args.articles, args.seed))
    print(f"\n## Query selectivity: mix of the first {args.sample:,} articles, matched over {args.articles:,}\n")
    print("| class | queries | share matched: min / median / max | example |")
    print("| --- | ---: | --- | --- |")
    for cls in queries.CLASSES:
        qs = [q for q in mix if q.kind == cls]
        if not qs:
            continue
        vals = sorted(sel[q] for q in qs)
        unit = "of claims" if cls == "figure filter" else "of articles"
        ex = qs[len(qs) // 2]
        example = ex.q + (f" ({ex.figure_kind} ≥ {ex.min_value:,})" if ex.figure_kind else "")
        print(f"| {cls} | {len(qs)} | {vals[0]:.2%} / {statistics.median(vals):.2%} / {vals[-1]:.2%} {unit} "
              f"| {example} |")
    print(f"\n({time.perf_counter() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
