"""`marsad eval-ner`: the Arabic NER model, the rules and both combined, on NewsFANE's held-out blocks.

The test blocks (nlp/ar/corpus.py: TEST_BLOCKS) were never trained or tuned
on; `--dev` scores the dev blocks used to choose the model and the
combination instead. The sentences are scored as Arabic is written, clitics
glued to their words (``corpus.as_written``: what the model reads at run time),
or with ``--segmented`` as the corpus writes them. Needs the shared data
(MARSAD_SHARED_DATA).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from marsad import config


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="marsad eval-ner", description=__doc__.split("\n\n")[0])
    p.add_argument("--dev", action="store_true", help="score the dev blocks instead of the test blocks")
    p.add_argument("--model", type=Path, default=None, help="another model directory")
    p.add_argument("--segmented", action="store_true", help="score the clitics segmented as the corpus writes them")
    p.add_argument("--json", action="store_true", help="print JSON")
    args = p.parse_args(argv)
    from marsad.nlp.ar import corpus
    from marsad.nlp.ar.ner_score import score_sentences, score_table

    data = config.shared_data_dir()
    try:
        sentences = corpus.split(corpus.newsfane(data))
    except FileNotFoundError as e:
        print(f"marsad eval-ner: {e}")
        return 2
    split = "dev" if args.dev else "test"
    form = "segmented" if args.segmented else "written"
    scores = {**score_sentences(corpus.in_form(sentences[split], form), args.model),
              "split": f"NewsFANE {split} blocks, {corpus.FORMS[form]}"}
    print(json.dumps(scores, indent=2) if args.json else score_table(scores))
    return 0
