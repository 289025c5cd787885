"""Lists the Arabic words whose first letter ب، ك، ل، و or ف belongs to the word, for the search stemmer.

Snowball's Arabic stemmer takes a first ب، ك or ل for a preposition and a
first و or ف for a conjunction whenever the rest is long enough: بيانات
(data) becomes يانا, وزارة (ministry) زار, فريق (team) ريق, while the same
words with the article come out as بيان، وزار، فريق. A search for بيانات then
misses every article that writes البيانات. Which reading is right depends
on the word, so it is looked up: ``nlp.normalize.term`` stems a listed word
as it stems the word with the article, keeping its first letter.

Source (read at build time, never shipped): the Arabic word frequencies of
the ``wordfreq`` package (Robyn Speer; data CC BY-SA 4.0, from Wikipedia,
subtitles, news, books and the web). A word is listed when

- its normal form (``nlp.normalize.normalize_arabic``) begins with one of
  those letters but not with the article behind one (بال، كال، لل، وال، فال:
  the stemmer reads those right);
- the stemmer cuts that letter off (it keeps the ل of لبنان), and keeps it
  when the word has the article, in a stem of three letters or more (البيان
  gives الب: left out);
- the word is written with the article (Zipf 2.0 or more on wordfreq's
  scale, البيانات 4.6): a preposition before a noun (بسبب، بتهمة) and a name
  (بوتين) seldom take it; and
- the form it then gets is not that of a more frequent other word (بعدين
  would meet بعد, فقدان فقد, بينات بين); and
- it is at least as frequent as the same word without its first letter
  (بيانات 4.9 against يانات 0.0, بريد 4.4 against ريد 4.5 fails, لشركة 4.6
  against شركة 5.6 is a preposition).

``nlp.normalize.term`` also finds a listed word behind a proclitic and under
a pronoun ending (لوزارة, بطاقته, بياناتها), which the stemmer cuts too.

Output (derived data, shipped with Marsad, CC BY-SA 4.0 like its source):
``ar_root_initial.txt``, one normal form a line, by falling frequency.

Run from the repository root: ``make ar-root-initial`` (installs ``wordfreq``
into the project's virtual environment; nothing reads it at run time).
Deterministic for one wordfreq version.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from marsad.nlp.data import DIR

OUT = DIR / "ar_root_initial.txt"
TOP = 200_000  # wordfreq's most frequent Arabic words looked at
MIN_ARTICLE_ZIPF = 2.0  # how often the word must be written with the article (Zipf scale)
# First letters the stemmer may cut as a preposition (ب ك ل) or a conjunction (و ف).
ROOT_LETTERS = "بكلوف"
# A proclitic before the article: the stemmer reads these right.
_WITH_ARTICLE = ("ال", "بال", "كال", "لل", "وال", "فال")
WORDFREQ = "3.1.1"


def candidates(words: list[str], zipf, stem) -> list[str]:
    """The listed words among ``words`` (most frequent first), given a Zipf frequency and a stem function."""
    from marsad.nlp.normalize import ar_clitic_cut, normalize_arabic, trim_heh

    # The form each word gets without the list (its proclitics and article cut as nlp.normalize.term cuts
    # them), and how frequent the words of each form are: a listed word must not take another word's form.
    taken: dict[str, list[tuple[float, str]]] = {}
    for raw in words:
        u = normalize_arabic(raw)
        taken.setdefault(trim_heh(stem(ar_clitic_cut(u))), []).append((zipf(raw), u))
    out: dict[str, None] = {}
    for raw in words:
        w = normalize_arabic(raw)
        if len(w) < 3 or w[0] not in ROOT_LETTERS or w.startswith(_WITH_ARTICLE) or not w.isalpha():
            continue
        if stem(w).startswith(w[0]):
            continue  # the stemmer keeps the letter (لبنان)
        with_article = trim_heh(stem("ال" + w))
        if not with_article.startswith(w[0]) or len(with_article) < 3:
            continue  # stemmed with the article, it loses the letter or too much (بيان: الب, برهان: بر)
        if any(z >= zipf(raw) and w not in u for z, u in taken.get(with_article, ())):
            continue  # the form of a more frequent other word (بعدين would be بعد, فقدان فقد)
        # Frequencies of the words as written (شركة, not شركه). A noun takes the article (البيانات); a
        # preposition before a noun (بسبب, بتهمة) and a name (بوتين) seldom do.
        article = zipf("ال" + raw)
        if article >= MIN_ARTICLE_ZIPF and zipf(raw) >= zipf(raw[1:]):
            out.setdefault(w)
    return list(out)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m marsad.nlp.data.build_ar_root_initial",
                                description=__doc__.split("\n\n")[0])
    p.add_argument("--out", type=Path, default=OUT)
    args = p.parse_args(argv)
    import wordfreq
    from marsad.nlp.normalize import _stemmer

    stemmer = _stemmer("ar")
    words = wordfreq.top_n_list("ar", TOP)
    listed = candidates(words, lambda w: wordfreq.zipf_frequency(w, "ar"), stemmer.stemWord)
    header = [
        "# Arabic words whose first letter ب، ك، ل، و or ف is part of the word, not a proclitic (normal forms).",
        "# Built by `make ar-root-initial` (nlp/data/build_ar_root_initial.py) from the Arabic word frequencies",
        f"# of wordfreq {wordfreq.__version__ if hasattr(wordfreq, '__version__') else WORDFREQ} (Robyn Speer; "
        "data CC BY-SA 4.0); this list is shared under CC BY-SA 4.0.",
        f"# {len(listed)} words of wordfreq's {TOP:,} most frequent Arabic words.",
    ]
    args.out.write_text("\n".join(header + listed) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(listed)} words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
