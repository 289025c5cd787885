"""The annotated Arabic corpora the NER model learns from, read from the shared data.

NewsFANE (Alotaibi & Lee 2014; newswire; CC BY-SA 3.0) and AQMAR (Mohit et
al. 2012; Wikipedia; CC BY-SA 3.0) are read from ``marsad.config.shared_data_dir()``
and never copied into the repository. Their fine classes map to Marsad's labels
through ``nlp/data/newsfane_labels.tsv``.

NewsFANE is split into train, dev and test by whole contiguous blocks of
sentences (the file keeps its articles in order, so a block holds whole or
nearly whole articles): the test blocks are never trained or tuned on.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from marsad.nlp import arabic
from marsad.nlp.normalize import normalize_arabic
from marsad.nlp.tokens import Token, tokenize

__all__ = ["Sentence", "label_map", "read_bio", "newsfane", "aqmar", "split", "spans", "as_written", "in_form",
           "FORMS", "BLOCKS", "TEST_BLOCKS", "DEV_BLOCKS"]

DATA = Path(__file__).resolve().parent.parent / "data"
NEWSFANE = "arabic-ner/newsfane-train.tsv"
AQMAR_DIR = "arabic-ner/aqmar"

# NewsFANE's 3,933 sentences in 20 contiguous blocks: two for test (10%), two
# for dev, the rest for training. Blocks spread over the file so each split
# sees several periods and topics of the corpus.
BLOCKS = 20
TEST_BLOCKS = (4, 14)
DEV_BLOCKS = (9, 19)

_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200e\u200f\u200b\u200c\u200d"), None)


@dataclass
class Sentence:
    """One annotated sentence: tokens as written, and one BIO tag each over Marsad labels."""

    tokens: list[str]
    tags: list[str]


def label_map() -> dict[str, str]:
    """Returns {corpus class: Marsad label or "O"} from nlp/data/newsfane_labels.tsv."""
    out: dict[str, str] = {}
    for line in (DATA / "newsfane_labels.tsv").read_text("utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("class\t"):
            continue
        cls, label = line.split("\t")
        out[cls] = label
    return out


def _map_tag(tag: str, labels: dict[str, str], where: str) -> str:
    if "-" not in tag:
        return "O"  # "O", and typos of it in AQMAR ("OO", "IO")
    bio, _, cls = tag.partition("-")
    cls = cls.lstrip("-")  # "I--ORG" in AQMAR
    if bio not in ("B", "I") or cls not in labels:
        raise ValueError(f"{where}: unknown tag {tag!r}; add its class to nlp/data/newsfane_labels.tsv")
    label = labels[cls]
    return "O" if label == "O" else f"{bio}-{label}"


def read_bio(path: Path, sep: str | None) -> Iterator[Sentence]:
    """Reads a token/tag file (one pair a line, blank line between sentences) into Sentences.

    Args:
        path: the file.
        sep: the separator between token and tag (None: any whitespace, last field is the tag).
    """
    labels = label_map()
    tokens: list[str] = []
    tags: list[str] = []
    for n, raw in enumerate(path.read_text("utf-8").splitlines(), 1):
        line = raw.translate(_INVISIBLE).strip()
        if not line:
            if tokens:
                yield Sentence(tokens, _repair(tags))
            tokens, tags = [], []
            continue
        parts = line.split(sep) if sep else line.split()
        if len(parts) < 2:
            continue
        token, tag = (parts[0], parts[-1]) if sep else (" ".join(parts[:-1]), parts[-1])
        tokens.append(token)
        tags.append(_map_tag(tag, labels, f"{path.name}:{n}"))
    if tokens:
        yield Sentence(tokens, _repair(tags))


def _repair(tags: list[str]) -> list[str]:
    """Turns an I- tag that follows O or another label into B- (the corpora have a few)."""
    out = []
    prev = "O"
    for tag in tags:
        if tag.startswith("I-") and (prev == "O" or prev[2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
        prev = tag
    return out


def newsfane(data_dir: Path) -> list[Sentence]:
    """Returns NewsFANE's sentences in file order."""
    path = data_dir / NEWSFANE
    if not path.exists():
        raise FileNotFoundError(f"NewsFANE is not at {path}; set MARSAD_SHARED_DATA to the shared data directory")
    return list(read_bio(path, "\t"))


def aqmar(data_dir: Path) -> list[Sentence]:
    """Returns AQMAR's sentences, articles in name order."""
    out: list[Sentence] = []
    for path in sorted((data_dir / AQMAR_DIR).glob("*.txt")):
        out.extend(read_bio(path, None))
    return out


def split(sentences: list[Sentence], train_step: int = 1) -> dict[str, list[Sentence]]:
    """Splits NewsFANE by contiguous blocks into {"train", "dev", "test"}.

    ``train_step`` k > 1 keeps every k-th training block only (a learning curve: the same dev and
    test blocks, 1/k of the training text, spread over the corpus as the whole is).
    """
    if train_step < 1:
        raise ValueError(f"train_step must be 1 or more, not {train_step}")
    n = len(sentences)
    kept = [b for b in range(BLOCKS) if b not in TEST_BLOCKS and b not in DEV_BLOCKS][::train_step]
    out: dict[str, list[Sentence]] = {"train": [], "dev": [], "test": []}
    for i, s in enumerate(sentences):
        block = i * BLOCKS // n
        part = "test" if block in TEST_BLOCKS else "dev" if block in DEV_BLOCKS else "train"
        if part == "train" and block not in kept:
            continue
        out[part].append(s)
    return out


def spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Returns the (start, end, label) token spans of a BIO tag list, in order (an I- tag after O starts one)."""
    out: list[tuple[int, int, str]] = []
    start, label = None, ""
    for i, tag in enumerate([*tags, "O"]):
        if start is not None and not (tag.startswith("I-") and tag[2:] == label):
            out.append((start, i, label))
            start = None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, label = i, tag[2:]
    return out


def model_tokens(sentence: Sentence) -> tuple[list[Token], list[str]]:
    """Re-tokenizes a corpus sentence with Marsad's tokenizer; a token's tag spreads over its pieces.

    The corpus and the running system then split text the same way (a corpus
    token like "الخ." becomes two tokens here as it would at run time).
    """
    tokens: list[Token] = []
    tags: list[str] = []
    for word, tag in zip(sentence.tokens, sentence.tags, strict=True):
        pieces = tokenize(word)
        for k, piece in enumerate(pieces):
            tokens.append(piece)
            tags.append(tag if k == 0 or tag == "O" else "I-" + tag[2:])
    return tokens, tags


# NewsFANE writes many clitics as words of their own ("و قال", "ان ه", "ل هونج كونج"); Arabic
# as published, and so everything Marsad analyses, writes them glued to their host word.
_PROCLITICS = frozenset("وفبلك")
_ENCLITICS = frozenset({"ه", "ها", "هم", "هما", "هن", "نا", "ي", "كم", "كن"})


def _arabic_word(token: str) -> bool:
    return bool(token) and all("\u0621" <= c <= "\u064a" for c in token)


# The two forms the NER model is scored in: as Arabic is written (what it reads at run time), and as
# NewsFANE segments the clitics (the form models were scored in before).
FORMS = {"written": "clitics glued as written", "segmented": "clitics segmented as in the corpus"}


def in_form(sentences: list[Sentence], form: str) -> list[Sentence]:
    """Returns the sentences in one of ``FORMS``: glued as written (``as_written``) or as the corpus has them."""
    if form not in FORMS:
        raise ValueError(f"unknown form {form!r}: expected one of {', '.join(FORMS)}")
    return [as_written(s) for s in sentences] if form == "written" else list(sentences)


def as_written(sentence: Sentence) -> Sentence:
    """Returns the sentence with its separated clitics glued to their host words, as Arabic is written.

    A pronoun suffix (ه، ها، هم، نا، ي …) joins the Arabic word before it and
    a one-letter proclitic (و، ف، ب، ل، ك) the Arabic word after it; ك is a
    suffix unless ما follows it (كما). A glued word keeps its host's tag. A
    proclitic inside a name joins the name's next word ("المجلس الاقتصادي
    والاجتماعي"); a name's suffixes, and letters written apart ("د ب ا", a
    one-letter word after the clitic), stay apart.
    """
    tokens: list[str] = []
    tags: list[str] = []
    for i, (tok, tag) in enumerate(zip(sentence.tokens, sentence.tags, strict=True)):
        nxt = sentence.tokens[i + 1] if i + 1 < len(sentence.tokens) else ""
        suffix = tok in _ENCLITICS or (tok == "ك" and nxt != "ما")
        if tag == "O" and suffix and tokens and _arabic_word(tokens[-1]) and tokens[-1] not in _PROCLITICS:
            tokens[-1] += tok
            continue
        tokens.append(tok)
        tags.append(tag)
    # joins[i]: the proclitic at i is glued to what follows (a word, or a proclitic glued in turn: و ب البيت).
    joins = [False] * (len(tokens) + 1)
    for i in range(len(tokens) - 1, -1, -1):
        tok, tag = tokens[i], tags[i]
        nxt, nxt_tag = (tokens[i + 1], tags[i + 1]) if i + 1 < len(tokens) else ("", "O")
        inside = tag.startswith("I-") and nxt_tag == tag
        host = joins[i + 1] or (len(nxt) > 1 and _arabic_word(nxt))
        joins[i] = (tag == "O" or inside) and tok in _PROCLITICS and host
    out_tokens: list[str] = []
    out_tags: list[str] = []
    pending = ""
    for i, (tok, tag) in enumerate(zip(tokens, tags, strict=True)):
        if joins[i]:
            pending += tok
            continue
        if pending.endswith("ل") and tok.startswith("ال"):
            tok = tok[1:]  # ل + ال is written لل
        out_tokens.append(pending + tok)
        out_tags.append(tag)
        pending = ""
    return Sentence(out_tokens, out_tags)


def fingerprint(path: Path) -> str:
    """Returns the first 16 hex digits of a file's SHA-256 (recorded in the model's meta)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def build_lexicon(data_dir: Path, train: list[Sentence]) -> dict[str, str]:
    """Builds the model's word → flags lexicon (see nlp/ar/words.py) from data the model may see.

    Sources: person-name tokens of the Wikidata name pairs (CC0) seen at least
    twice, Marsad's gazetteer (nlp/data/places.tsv, news_entities.tsv), and the
    common-word and news-verb lists (nlp/data/ar_common.txt, ar_news_verbs.txt).
    Nothing from the dev or test split.
    """
    from marsad.nlp.gazetteer import gazetteer

    flags: dict[str, set[str]] = {}

    def add(word: str, flag: str) -> None:
        if word:
            flags.setdefault(word, set()).add(flag)

    counts: Counter[str] = Counter()
    latin: Counter[str] = Counter()
    names = data_dir / "names" / "wikidata-person-name-tokens.tsv"
    for line in names.read_text("utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or not parts[2].isdigit():
            continue
        word = normalize_arabic(parts[1].replace(" ", ""))
        counts[word] += int(parts[2])
        latin[parts[0].lower()] += int(parts[2])
    for word, c in counts.items():
        if c >= 2:
            add(word, "P")
    for word, c in latin.items():
        if c >= 2:
            add(word, "P")
    label_flag = {"PERSON": "P", "ORG": "O", "GPE": "G", "LOC": "G", "MISC": "M"}
    for entry in gazetteer().entries.values():
        for alias in entry.ar_aliases:
            for word in arabic.key(alias):
                add(word, label_flag.get(entry.label, "M"))
        for alias in [entry.name, *entry.en_aliases]:
            for word in alias.split():
                if word[:1].isupper():
                    add(word.lower(), label_flag.get(entry.label, "M"))
    for word in arabic.COMMON_WORDS | arabic.VERBS:
        add(word, "C")
    return {w: "+".join(sorted(f)) for w, f in sorted(flags.items())}
