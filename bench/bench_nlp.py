"""Benchmark of the NLP stage (a benchmark, not a test: it asserts nothing).

Prints, for deterministic ~400-word news articles generated from templates:

- English: time of ``nlp.analyze`` against a bare spaCy ``nlp()`` pass of the
  same model (all its pipes) over the same texts, in the same run, and the
  ratio (target ≤ 1.3×); the batched ``analyze_many`` against ``nlp.pipe``
  as well.
- Arabic: articles per second of ``nlp.analyze`` on one core (target ≥ 50/s).
- Peak resident memory of the process (target < 1 GiB).

Run: ``.venv/bin/python bench/bench_nlp.py [--articles N] [--seed S] [--repeat R] [--no-torch] [--wall]``.

Times are the process's CPU time by default, so that a busy shared machine
does not distort them; ``--wall`` measures wall-clock time instead.

Most of the memory is not Marsad's: camel-tools depends on PyTorch, and
spaCy's thinc imports it whenever it is installed (about 500 MiB resident),
although nothing in Marsad runs a torch model. ``--no-torch`` blocks that
import before spaCy loads, to show what a worker that does the same needs.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

if "--no-torch" in sys.argv:
    # thinc treats a failed "import torch" as "torch is not installed".
    sys.modules["torch"] = None  # type: ignore[assignment]

import spacy  # noqa: E402
from marsad.nlp import analyze, analyze_many  # noqa: E402
from marsad.nlp.models import ENGLISH_MODEL  # noqa: E402

EN_ORGS = ["Meta", "Twitter", "Google", "Microsoft", "Amazon", "TikTok", "Cambridge Analytica", "Reuters",
           "the European Commission", "Saudi Aramco", "Nvidia", "the IMF", "Ofcom", "Huawei", "Netflix"]
EN_PEOPLE = ["Mark Zuckerberg", "Aleksandr Kogan", "Tim Cook", "Sam Altman", "Christopher Wylie",
             "Ursula von der Leyen", "Keir Starmer", "Jensen Huang", "Linda Yaccarino", "Nick Clegg"]
EN_PLACES = ["London", "Dublin", "Cairo", "Riyadh", "Brussels", "Washington", "Dubai", "Beirut"]
EN_TEMPLATES = [
    "{org} said on {day} that it had hired {n} engineers in {place} over the past year.",
    "A spokesperson for {org} said the company had not shared any user data with outside researchers.",
    "{person} told reporters in {place} that revenue rose {p} percent in the quarter.",
    "{org} denied the allegations, calling them an attempt to damage its reputation.",
    "The company said it would not sell the data of its {n} million users to advertisers.",
    "According to {org}, the deal is worth about ${n} billion and should close next year.",
    "{person} insisted he had done nothing wrong and said the files were deleted in {year}.",
    "Regulators in {place} opened an investigation after {n} complaints from customers.",
    "\"We never used the profiles for political advertising,\" {person} said.",
    "Analysts said the shares could fall by {p}% if the fine exceeds {n} million euros.",
    "{org} did not respond to a request for comment on {day}.",
    "The ministry said there was no evidence that the accounts had been accessed.",
    "Shares of {org} rose {p} percent in early trading in {place} after the results.",
    "{person} added that the company would open a new office in {place} next spring.",
    "Officials in {place} confirmed that {n} people had been questioned about the leak.",
    "The report, published on {day}, listed {n} companies that had bought the data.",
]
AR_ORGS = ["تويتر", "فيسبوك", "غوغل", "مايكروسوفت", "أمازون", "تيك توك", "كامبريدج أناليتيكا", "رويترز",
           "المفوضية الأوروبية", "أرامكو السعودية", "إنفيديا", "صندوق النقد الدولي", "هواوي", "نتفليكس"]
AR_PEOPLE = ["مارك زوكربيرغ", "ألكسندر كوغان", "تيم كوك", "سام ألتمان", "كريستوفر وايلي", "كير ستارمر"]
AR_PLACES = ["لندن", "دبلن", "القاهرة", "الرياض", "بروكسل", "واشنطن", "دبي", "بيروت"]
AR_TEMPLATES = [
    "وقالت {org} يوم {day} إنها وظفت {n} مهندسا في {place} خلال العام الماضي.",
    "وقال متحدث باسم {org} إن الشركة لم تشارك أي بيانات للمستخدمين مع باحثين من خارجها.",
    "وأكد {person} للصحفيين في {place} أن الإيرادات ارتفعت بنسبة {p} في المئة خلال الربع.",
    "ونفت {org} الاتهامات ووصفتها بأنها محاولة للإضرار بسمعتها.",
    "وقالت الشركة إنها لن تبيع بيانات {n} مليون مستخدم للمعلنين.",
    "وبحسب {org}، فإن قيمة الصفقة تبلغ نحو {n} مليار دولار وستكتمل العام المقبل.",
    "وأصر {person} على أنه لم يرتكب أي خطأ، مضيفا أن الملفات حذفت عام {year}.",
    "وفتحت الجهات الرقابية في {place} تحقيقا بعد تلقي {n} شكوى من العملاء.",
    "وقال {person}: «لم نستخدم الملفات الشخصية في الإعلانات السياسية».",
    "وقال محللون إن السهم قد يتراجع بنسبة {p}٪ إذا تجاوزت الغرامة {n} مليون يورو.",
    "ولم ترد {org} على طلب للتعليق يوم {day}.",
    "وقالت الوزارة إنه لا يوجد أي دليل على اختراق الحسابات.",
    "وارتفعت أسهم {org} بنسبة {p} في المئة في تعاملات {place} المبكرة بعد إعلان النتائج.",
    "وأضاف {person} أن الشركة ستفتتح مكتبا جديدا في {place} في الربيع المقبل.",
    "وأكد مسؤولون في {place} أنه تم استجواب {n} شخصا بشأن التسريب.",
    "وذكر التقرير الذي نشر يوم {day} أسماء {n} شركة اشترت البيانات.",
]
EN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
AR_DAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة"]


def articles(lang: str, count: int, seed: int, words: int = 400) -> list[str]:
    """Deterministic ~``words``-word articles from the templates of one language."""
    rng = random.Random(seed)
    if lang == "en":
        templates, orgs, people, places, days = EN_TEMPLATES, EN_ORGS, EN_PEOPLE, EN_PLACES, EN_DAYS
    else:
        templates, orgs, people, places, days = AR_TEMPLATES, AR_ORGS, AR_PEOPLE, AR_PLACES, AR_DAYS
    out = []
    for _ in range(count):
        sentences: list[str] = []
        n_words = 0
        while n_words < words:
            s = rng.choice(templates).format(
                org=rng.choice(orgs), person=rng.choice(people), place=rng.choice(places),
                day=rng.choice(days), n=rng.randint(2, 900), p=rng.randint(1, 40), year=rng.randint(2010, 2024),
            )
            if lang == "en":
                s = s[0].upper() + s[1:]
            sentences.append(s)
            n_words += len(s.split())
        out.append(" ".join(sentences))
    return out


def consume(results) -> None:
    """Runs an iterable to the end keeping nothing, as a worker does: held Docs would inflate RSS."""
    for _ in results:
        pass


def best_of(repeat: int, fn: Callable[[], None]) -> float:
    """Shortest time of ``repeat`` runs: the least disturbed by the rest of the machine.

    The clock is this process's CPU time (all its threads), so that other
    processes on a busy machine do not count; ``--wall`` uses wall time.
    """
    clock = time.perf_counter if WALL else time.process_time
    times = []
    for _ in range(repeat):
        t0 = clock()
        fn()
        times.append(clock() - t0)
    return min(times)


WALL = "--wall" in sys.argv


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100, help="articles per language (default 100)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the fastest counts")
    parser.add_argument("--no-torch", action="store_true", help="keep PyTorch out of the process (see above)")
    parser.add_argument("--wall", action="store_true", help="measure wall time instead of CPU time")
    args = parser.parse_args(argv)

    en = articles("en", args.articles, args.seed)
    ar = articles("ar", args.articles * 2, args.seed + 1)
    # The official model with every pipe it ships (Marsad's own pipeline leaves its lemmatizer out).
    nlp = spacy.load(ENGLISH_MODEL)
    # Warm up both paths (lazy tables, first-call allocations) before timing.
    for text in en[:3]:
        nlp(text)
        analyze(text, "en")
    analyze(ar[0], "ar")

    bare = best_of(args.repeat, lambda: consume(nlp(t) for t in en))
    ours = best_of(args.repeat, lambda: consume(analyze(t, "en") for t in en))
    bare_pipe = best_of(args.repeat, lambda: consume(nlp.pipe(en, batch_size=32)))
    ours_many = best_of(args.repeat, lambda: consume(analyze_many(en, lang="en", batch_size=32)))
    ar_time = best_of(args.repeat, lambda: consume(analyze(t, "ar") for t in ar))

    en_words = sum(len(t.split()) for t in en) / len(en)
    ar_words = sum(len(t.split()) for t in ar) / len(ar)
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"model {nlp.meta.get('name')} {nlp.meta.get('version')}, pipes {nlp.pipe_names}; "
          f"{os.cpu_count()} CPUs visible, one process, best of {args.repeat}, "
          f"{'wall' if WALL else 'CPU'} time; load average {os.getloadavg()[0]:.1f}")
    print(f"English: {len(en)} articles, {en_words:.0f} words on average")
    print(f"  bare spaCy nlp(text), all pipes      {bare:7.2f} s  {len(en) / bare:6.1f} articles/s")
    print(f"  nlp.analyze(text, 'en')              {ours:7.2f} s  {len(en) / ours:6.1f} articles/s"
          f"  ratio {ours / bare:.2f}x (target <= 1.3x)")
    print(f"  bare nlp.pipe(texts, batch_size=32)  {bare_pipe:7.2f} s  {len(en) / bare_pipe:6.1f} articles/s")
    print(f"  nlp.analyze_many(texts, 'en')        {ours_many:7.2f} s  {len(en) / ours_many:6.1f} articles/s"
          f"  ratio {ours_many / bare_pipe:.2f}x")
    print(f"Arabic: {len(ar)} articles, {ar_words:.0f} words on average")
    print(f"  nlp.analyze(text, 'ar')              {ar_time:7.2f} s  {len(ar) / ar_time:6.1f} articles/s per core"
          f" (target >= 50/s)")
    torch = "not loaded" if sys.modules.get("torch") is None else "loaded by thinc"
    print(f"Peak RSS: {rss_mib:.0f} MiB (target < 1024 MiB); PyTorch {torch}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
