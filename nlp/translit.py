"""Arabic ↔ Latin name matching by consonant skeletons, and transliteration slugs.

Arabic news spells foreign names by ear (Kogan → كوغان, Google → غوغل or
جوجل, Cambridge → كامبريدج) and writes few vowels, so a letter-by-letter
comparison with the Latin spelling fails. Both scripts are instead reduced to
a *skeleton*: the sequence of consonant classes, with vowels, the weak letters
alef/waw/yaa, hamza, ayn and h dropped and sounds that Arabic spells with one
letter for several Latin ones (g/j/k/q/c, s/z, t/th, d/dh) merged. كوغان and
Kogan both become ``KKN``; كامبريدج and Cambridge both become ``KMBRDK``.

The skeleton is lossy on purpose: it is for deciding whether two spellings
can be the same name, not for display. ``slug`` gives the deterministic,
readable Latin id used for an Arabic name that nothing else identifies; it
rarely equals the English slug (Arabic writes no short vowels), so ids of
such names are merged after the fact: ``merge_key`` groups stored entities,
``same_name`` compares two spellings in any scripts, and ``aligned_gap`` weighs
a person's name word by word; ``nlp.idmatch`` decides with these which stored
entity a new mention spells (for the indexer).

The learned transliteration model that ``name_gap`` and ``spell_word`` read
lives in ``nlp.translit_model``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

from marsad.nlp.normalize import normalize_arabic
from marsad.nlp.translit_model import _AR_LETTERS, _LATIN_LETTERS, learned_translit

# Arabic letter → consonant class ("" = dropped). Classes are merged where
# Arabic transcription of English/European names is unreliable.
_AR_CLASS = {
    "ب": "B", "پ": "B",
    "ت": "T", "ط": "T", "ث": "T",
    "د": "D", "ض": "D", "ذ": "D",
    "س": "S", "ص": "S", "ز": "S", "ظ": "S",
    "ش": "X", "چ": "X",
    "ج": "K", "غ": "K", "ق": "K", "ك": "K", "خ": "K", "گ": "K",
    "ف": "F", "ڤ": "F",
    "ل": "L", "م": "M", "ن": "N", "ر": "R",
    "ح": "", "ه": "", "ع": "", "ء": "", "ا": "", "و": "", "ي": "", "ى": "", "ة": "",
    "ئ": "", "ؤ": "", "أ": "", "إ": "", "آ": "",
}

# Latin multigraphs first (longest first), then single letters.
_LATIN_RULES: list[tuple[str, str]] = [
    ("tch", "X"), ("sch", "X"), ("sh", "X"), ("ch", "X"), ("zh", "X"),
    ("ph", "F"), ("th", "T"), ("dh", "D"), ("kh", "K"), ("gh", "K"), ("ck", "K"),
    ("qu", "K"), ("ts", "TS"), ("x", "KS"),
    ("b", "B"), ("p", "B"), ("t", "T"), ("d", "D"), ("s", "S"), ("z", "S"),
    ("g", "K"), ("j", "K"), ("k", "K"), ("q", "K"), ("c", "K"),
    ("f", "F"), ("v", "F"), ("l", "L"), ("m", "M"), ("n", "N"), ("r", "R"),
]
_LATIN_RE = re.compile("|".join(re.escape(a) for a, _ in _LATIN_RULES) + "|.", re.S)
_LATIN_MAP = dict(_LATIN_RULES)
# A soft c (before e/i/y) sounds like s and Arabic writes it with س.
_SOFT_C = re.compile(r"c(?=[eiy])")
# "ng" before a consonant or at the end is one nasal (Washington → واشنطن).
_NG = re.compile(r"ng(?=[^aeiouy]|$)")
# "ch" before r is a k (Christine → كريستين, Chrysler → كرايسلر).
_CHR = re.compile(r"ch(?=r)")
# Arabic writes a final "ng" as نج or نغ (Evening → إيفيننج, Hong Kong → هونغ كونغ):
# the same one nasal as the Latin "ng" above.
_AR_FINAL_NG = re.compile(r"ن[جغ](?![\u0621-\u064a])")

# Readable romanisation for slugs (not a standard; stable and ASCII).
_AR_ROMAN = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ء": "", "ؤ": "", "ئ": "",
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "ة": "a", "و": "w", "ي": "y", "ى": "a", "پ": "p", "چ": "ch", "ڤ": "v", "گ": "g",
}

# Normalisation turns teh marbuta into heh; at a word's end it reads "a".
_FINAL_HEH = re.compile(r"ه\b")

_SLUG_STRIP = re.compile(r"[^a-z0-9]+")


# Latin letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i", "ß": "ss",
                               "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "ð": "d"})


def _latin_fold(text: str) -> str:
    """Lowercase ASCII letters of text, accents removed."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=50_000)
def skeleton(name: str) -> str:
    """Returns the consonant skeleton of a name written in Arabic or Latin script.

    Args:
        name: a name in either script; words are joined.

    Returns:
        A string of consonant classes with repeats collapsed, e.g. ``"KKN"`` for
        both "Kogan" and "كوغان". Empty when the name has no consonants.
    """
    out: list[str] = []
    # تش is how Arabic writes "ch" (Charles → تشارلز).
    for ch in _AR_FINAL_NG.sub("ن", normalize_arabic(name).replace("تش", "ش")):
        if "\u0600" <= ch <= "\u06ff":
            out.append(_AR_CLASS.get(ch, ""))
    latin = _latin_fold(name)
    latin = _NG.sub("n", _SOFT_C.sub("s", _CHR.sub("k", latin)))
    for m in _LATIN_RE.finditer(latin):
        out.append(_LATIN_MAP.get(m.group(), ""))
    collapsed: list[str] = []
    for cls in "".join(out):
        if not collapsed or collapsed[-1] != cls:
            collapsed.append(cls)
    return "".join(collapsed)


def _distance(a: str, b: str) -> int:
    """Levenshtein distance of two short strings."""
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def skeletons_match(a: str, b: str) -> bool:
    """Returns True when two skeletons can be spellings of the same name.

    Short skeletons must be equal; longer ones may differ by one class per
    five, which absorbs an inserted or dropped consonant (Zuckerberg →
    زوكربيرغ loses nothing, but Aleksandr → ألكسندر vs Alexander differ).
    """
    if not a or not b:
        return False
    if a == b:
        return True
    shortest = min(len(a), len(b))
    if shortest < 4:
        return False
    return _distance(a, b) <= shortest // 5


def names_match(arabic: str, latin: str) -> bool:
    """Returns True when an Arabic-script name can be a spelling of a Latin-script one.

    Decided by the learned model (``name_gap`` at most ``MATCH_GAP``), or
    by equal consonant skeletons of four classes or more: on held-out name
    words this accepts 0.92 of the true spellings and 5% of other names
    sharing their merge key (the model alone: 0.90 and 3%), where skeletons
    alone accepted 0.88 and 44%. An Arabic article ("ال") and a Latin "al-"/"el-" are ignored, so
    الغارديان matches Guardian.
    """
    if name_gap(arabic, latin) <= MATCH_GAP:
        return True
    # Long consonant skeletons that agree still count (واشنطن/Washington: the
    # model has seen "ng" for ن too seldom); short ones collide too often.
    sk_ar, sk_latin = skeleton(" ".join(_ar_words(arabic))), skeleton(latin)
    return min(len(sk_ar), len(sk_latin)) >= 4 and skeletons_match(sk_ar, sk_latin)


# Largest per-letter gap (``name_gap``) at which an Arabic and a Latin name
# are taken for one name; chosen on held-out name pairs (see names_match).
MATCH_GAP = 1.5
# Beside a word spelled as the name lists attest (which costs nothing), the largest per-letter gap another
# word of the name may have: عثمان/Osama (2.55) and علي/Alaa (2.06) are other names. Chosen on the NTREX
# development half (marsad eval-parallel --linked --split dev): 2.0 keeps what 2.5 links there but one pair.
ATTESTED_PARTNER_GAP = 2.0
# How much better than the runner-up the best candidate of ``match_id`` must be.
MATCH_MARGIN = 0.3
_LATIN_ARTICLES = frozenset({"al", "el"})
# Kinds of entity whose labels the recognisers confuse without meaning different things.
_KIND = {"GPE": "PLACE", "LOC": "PLACE"}
# Largest gap at which a candidate of another label is taken (the recognisers
# label one name differently in the two languages: ماساتشوستس as an ORG,
# Massachusetts as a GPE). Stricter than MATCH_GAP: the label disagrees.
CROSS_LABEL_GAP = 1.0
# ... and only for names of at least this many consonant classes (إزاء is not AZ).
_CROSS_LABEL_SKELETON = 2


# The word lists below are remembered per name (the indexer weighs one name against many candidates):
# callers must not change them.
@lru_cache(maxsize=50_000)
def _ar_words(name: str) -> list[str]:
    return [w for w in ("".join(_AR_LETTERS.findall(w)) for w in normalize_arabic(name).split()) if w]


@lru_cache(maxsize=50_000)
def _lat_words(name: str) -> list[str]:
    return [w for w in _LATIN_LETTERS.findall(_latin_fold(name)) if w not in _LATIN_ARTICLES]


@lru_cache(maxsize=100_000)
def name_gap(arabic: str, latin: str, limit: float = math.inf) -> float:
    """Returns how far a Latin spelling is from the likeliest one of an Arabic name, per Arabic letter.

    Words are compared pairwise when both names have as many (the article
    ال and a Latin "al"/"el" left out), else the names are compared whole.

    Args:
        arabic: a name in Arabic script.
        latin: a name in Latin script.
        limit: the largest gap the caller needs exactly (a threshold it
            compares with); a larger gap comes back as infinity, found sooner.

    Returns:
        0 for the spelling the model likes best, more for less likely ones
        (``MATCH_GAP`` is the usual limit); infinity when either name has no
        letters of its script.
    """
    a, b = _ar_words(arabic), _lat_words(latin)
    if not a or not b:
        return math.inf
    letters = sum(len(x) for x in a)
    # No word loses less than nothing, so a running loss over the budget cannot come back under it.
    budget = limit * letters + 1e-6
    if len(a) == len(b):
        lost = 0
        learned = learned_translit()
        attested, worst = False, 0.0
        for x, y in zip(a, b, strict=True):
            if _attested(learned, x, y):
                attested = True  # costs nothing (_pair_loss)
                continue
            loss = _pair_loss(x, y, budget - lost)
            worst = max(worst, loss / len(x))
            lost += loss
            if lost > budget or lost == math.inf:
                return math.inf
        if attested and worst > ATTESTED_PARTNER_GAP:
            # An attested word costs nothing, so it must not pay for another: محمد عثمان is not Mohamed Osama.
            return math.inf
    else:
        lost = _pair_loss("".join(a), "".join(b), budget)
    gap = lost / letters
    return gap if gap <= limit else math.inf


def _pair_loss(arabic: str, latin: str, limit: float = math.inf) -> float:
    """Log-probability a Latin word loses against the best spelling of an Arabic one under the learned
    model; an article (ال, al/el) on one side only is not counted (ألكسندر/Aleksandr, القحطاني/Qahtani).
    Exact up to ``limit``, infinity above it; the model remembers pairs (``TranslitModel.loss``), since
    the indexer weighs the same word pairs, a family name against its spellings, for article after article."""
    learned = learned_translit()
    if _attested(learned, arabic, latin):
        # طارق is Tarek 40 times in the name lists, Tariq 16, Tareq 10; عزت is Ezzat: each usual spelling is
        # the word, whatever the letter model (weak on common names) makes of it. name_gap keeps such a word
        # from paying for another.
        return 0.0
    model = learned.model
    loss = model.loss(arabic, latin, limit)
    if arabic.startswith("ال") and len(arabic) > 4:
        loss = min(loss, model.loss(arabic[2:], latin, limit))
    if latin[:2] in _LATIN_ARTICLES and len(latin) > 4:
        loss = min(loss, model.loss(arabic, latin[2:], limit))
    return loss


def _attested(learned, arabic: str, latin: str) -> bool:
    """Whether the name lists attest ``latin`` as a usual spelling of ``arabic``: the table's usual one or an
    attested variant (a word, with or without its article; the Latin with or without al/el)."""
    stems = (arabic, arabic[2:]) if arabic.startswith("ال") and len(arabic) > 4 else (arabic,)
    latins = (latin, latin[2:]) if latin[:2] in _LATIN_ARTICLES and len(latin) > 4 else (latin,)
    return any(lat in learned.variants.get(stem, ()) or learned.names.get(stem) == lat
               for stem in stems for lat in latins)


def slugify(name: str) -> str:
    """Returns a lowercase ASCII slug of a Latin-script name ("Cambridge Analytica" → "cambridge-analytica")."""
    return _SLUG_STRIP.sub("-", _latin_fold(name).replace("'", "").replace("’", "")).strip("-")


def _romanize_letters(text: str) -> str:
    """Letter-by-letter romanisation of normalised Arabic text (no short vowels: Arabic writes none)."""
    out = []
    prev = ""
    for ch in text:
        if ch in _AR_ROMAN:
            r = _AR_ROMAN[ch]
            # Long vowels after a consonant read as vowels, not w/y.
            if ch == "و" and prev and prev != " ":
                r = "u"
            elif ch == "ي" and prev and prev != " ":
                r = "i"
            out.append(r)
        elif unicodedata.category(ch).startswith("M") or ch == "\u0640":
            continue
        else:
            out.append(ch)
        prev = ch
    return "".join(out)


def _name_key(word: str) -> str:
    return _FINAL_HEH.sub("ة", normalize_arabic(word))


def _load_names() -> dict[str, str]:
    """Reads nlp/data/ar_names_latin.tsv: normalised Arabic name word or compound → Latin spelling."""
    from marsad.nlp import data

    table: dict[str, str] = {}
    text = data.path("ar_names_latin.tsv").read_text(encoding="utf-8")
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            arabic, latin = line.split("\t")
        except ValueError:
            raise ValueError(f"ar_names_latin.tsv line {n}: expected 'arabic<TAB>latin', got {line!r}") from None
        table.setdefault(" ".join(_name_key(w) for w in arabic.split()), latin.strip())
    return table


_NAMES = _load_names()


def romanize(name: str) -> str:
    """Returns a deterministic readable ASCII romanisation of an Arabic-script name.

    Name words English news has a usual spelling for are written that way
    (محمد → mohammed, عبد الله → abdullah, القحطاني → al-qahtani, from
    nlp/data/ar_names_latin.tsv); then the usual spelling learned from name
    lists (nlp/data/translit_names.tsv: كريستين → christine); other words are
    spelled by the learned model (nlp/data/translit_model.tsv), so a name
    reads as English writes names (ريفرسايد → riverside), not letter by
    letter. The article ال is written "al-", except after an عبد the table
    does not pair it with ("عبد الرازق" → abdel razek). Spelling variants
    (أ/ا, ة/ه, ى/ي) share one romanisation.
    """
    raw = name.split()
    words = [_name_key(w) for w in raw]
    out: list[str] = []
    i = 0
    while i < len(words):
        pair = " ".join(words[i:i + 2]) if i + 1 < len(words) else None
        if pair and pair in _NAMES:
            out.append(_NAMES[pair])
            i += 2
            continue
        word = words[i]
        if word == "عبد" and pair and words[i + 1].startswith("ال") and not _hamza_alef_lam(raw[i + 1]):
            # "عبد الرازق", "عبد الصمد": a compound the table does not hold is written as English news writes
            # them (Abdel Razek, Abdel Samad): the article merges into "abdel".
            stem = words[i + 1][2:]
            out.append("abdel " + (_NAMES.get(stem) or spell_word(raw[i + 1]).removeprefix("al-")))
            i += 2
            continue
        if word in _NAMES:
            out.append(_NAMES[word])
        elif word.startswith("ال") and word[2:] in _NAMES and not _hamza_alef_lam(raw[i]):
            out.append("al-" + _NAMES[word[2:]])
        else:
            out.append(spell_word(raw[i]))
        i += 1
    return " ".join(out)


def _hamza_alef_lam(word: str) -> bool:
    """True when a word starts with hamza-alef + lam (ألاسكا، إلياس): a name, not the article ال."""
    return word.lstrip("\u0640")[:2] in ("أل", "إل", "آل")


@lru_cache(maxsize=50_000)
def spell_word(word: str) -> str:
    """Returns the usual or most likely Latin spelling of one Arabic word (learned tables and model).

    Args:
        word: one word; Arabic letters are normalised here, anything else
            (digits, Latin letters) is kept.

    Returns:
        Lowercase ASCII: the word's usual spelling when the name lists know it,
        else "al-" and the stem's when it starts with the article (a bare
        alef: ألاسكا is a name), else the model's most likely spelling.
    """
    norm = normalize_arabic(word)
    letters = "".join(_AR_LETTERS.findall(norm))
    if not letters or len(letters) != len(norm):
        return _romanize_letters(norm)
    learned = learned_translit()
    if letters in learned.names:
        return learned.names[letters]
    if letters.startswith("ال") and len(letters) > 3 and not _hamza_alef_lam(word):
        stem = letters[2:]
        return "al-" + (learned.names.get(stem) or _decode(stem))
    return _decode(letters)


def _decode(letters: str) -> str:
    got = learned_translit().model.decode(letters)
    return got[0][0] if got else _romanize_letters(letters)


def slug(name: str) -> str:
    """Returns the id slug of a name in either script.

    Latin names are slugified as written; Arabic names are romanised first, so
    the same Arabic spelling always gives the same id.
    """
    return slugify(romanize(name))


# Institution words that one language writes and the other translates or
# leaves out ("نادي نيوكاسل يونايتد" / "Newcastle United", "جامعة مانشستر" /
# "University of Manchester"): they are dropped before names are compared.
_AR_INSTITUTION = frozenset(
    normalize_arabic(w)
    for w in "نادي جامعة شركة مجموعة مؤسسة منظمة بنك مصرف صحيفة مجلة وكالة منصة موقع قناة".split()
)
_EN_INSTITUTION = frozenset(
    """university of club fc sc group company co inc ltd llc plc the bank foundation
    organization organisation agency newspaper magazine channel""".split()
)
_WORD = re.compile(r"[\w'’-]+")


@lru_cache(maxsize=100_000)
def _is_arabic(name: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in name)


@lru_cache(maxsize=50_000)
def core_name(name: str) -> str:
    """Returns a name without the institution words that translations add or drop.

    Args:
        name: a name in Arabic or Latin script.

    Returns:
        The remaining words joined by spaces (the name itself when nothing
        would remain).
    """
    if _is_arabic(name):
        words = normalize_arabic(name).split()
        kept = [w for w in words if w not in _AR_INSTITUTION]
    else:
        words = _WORD.findall(name)
        kept = [w for w in words if w.casefold() not in _EN_INSTITUTION]
    return " ".join(kept or words)


def merge_key(name: str) -> str:
    """Returns a coarse blocking key under which spellings of one name in either script meet.

    The indexer can group the entities it stores by this key and compare only
    the ids inside a group with ``same_name``: two spellings that match have
    the same first three consonant classes of their core name (the Arabic
    article is ignored). The key is lossy; equal keys do not mean equal names.

    Args:
        name: a name in Arabic or Latin script.

    Returns:
        Up to three consonant-class letters ("KKN" for both "Kogan" and
        "كوغان"); empty when the name has no consonants.
    """
    core = core_name(name)
    if _is_arabic(core):
        words = core.split()
        if words and words[0].startswith("ال") and len(words[0]) > 3:
            words[0] = words[0][2:]
        core = " ".join(words)
    return skeleton(core)[:3]


def same_name(a: str, b: str) -> bool:
    """Returns True when two names, in the same script or not, can be spellings of one name.

    Latin and Latin: equal slugs or equal skeletons ("Al-Qahtani" /
    "Al Qahtani"). Arabic and Arabic: equal normal forms or skeletons.
    Arabic and Latin: ``names_match`` (the learned model) on the core names
    (institution words removed), so "هانزا كلاود" matches "Hansa Cloud" and
    "نادي نيوكاسل يونايتد" matches "Newcastle United". Translated names ("أطباء بلا حدود" /
    "Doctors Without Borders") do not match: only the gazetteer knows them.

    Args:
        a: a name in either script.
        b: a name in either script.

    Returns:
        True when the two can be the same name.
    """
    ca, cb = core_name(a), core_name(b)
    ar_a, ar_b = _is_arabic(ca), _is_arabic(cb)
    if ar_a and ar_b:
        return ca == cb or skeleton(ca) == skeleton(cb) != ""
    if not ar_a and not ar_b:
        return slugify(ca) == slugify(cb) or skeleton(ca) == skeleton(cb) != ""
    arabic, latin = (ca, cb) if ar_a else (cb, ca)
    return names_match(arabic, latin)


@lru_cache(maxsize=100_000)
def cross_gap(a: str, b: str, limit: float = math.inf) -> float:
    """Returns ``name_gap`` of two names in different scripts (core names), or infinity in one script
    (exact up to ``limit``, as ``name_gap``)."""
    ca, cb = core_name(a), core_name(b)
    ar_a, ar_b = _is_arabic(ca), _is_arabic(cb)
    if ar_a == ar_b:
        return math.inf
    return name_gap(ca, cb, limit) if ar_a else name_gap(cb, ca, limit)


def merge_keys(name: str, label: str | None = None) -> list[str]:
    """Returns the blocking keys a name is stored and looked up under, its ``merge_key`` first.

    A name of several words also gets the keys of its last word and of the
    rest after its first word: a translation writes "Craig Halkett" as ريج
    هالكيت (a first letter lost) and a recogniser runs a verb into a name
    (رأيت كانتي), so the two spellings only meet under the family name's key.
    An organisation also gets its ``institution_keys`` (NHS and هيئة الخدمات
    الصحية الوطنية meet under ``#NHS``). ``match_id`` still decides; more
    keys only bring more candidates.

    Args:
        name: a name in Arabic or Latin script.
        label: its contract label, when known.

    Returns:
        Distinct non-empty keys, possibly none.
    """
    keys = [merge_key(name)]
    words = core_name(name).split()
    if len(words) > 1:
        keys += [merge_key(words[-1]), merge_key(" ".join(words[1:]))]
    if label == "ORG":
        keys += institution_keys(name)
    return list(dict.fromkeys(k for k in keys if k))


# ---------------------------------------------------------------------------
# institution names: translated, not transliterated

# An initialism as English writes it ("NHS", "UN").
_ACRONYM = re.compile(r"[A-Z]{2,5}")
_EN_GLUE = frozenset({"of", "the", "for", "and", "on"})
# What an institution match counts as, in name_gap units: a sure match, not an exact spelling.
INSTITUTION_GAP = 0.5


@lru_cache(maxsize=50_000)
def _institution_tokens(name: str) -> list[str] | None:
    """English words of an institution's name: a Latin name as written, an Arabic one translated by
    ``nlp.latin_names.english_name`` (None when it does not translate); glue words left out.
    Remembered (the indexer weighs one name against many): callers must not change the list."""
    if _is_arabic(name):
        from marsad.nlp.latin_names import english_name

        english = english_name(name)
        if english is None or english[1] is not None:
            return None
        words = english[0].split()
    else:
        words = _WORD.findall(name)
    return [w for w in words if w.casefold() not in _EN_GLUE]


def _singular(word: str) -> str:
    w = word.casefold()
    return w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w


def _without_heads(words: list[str]) -> list[str]:
    from marsad.nlp.countries import body_heads

    heads = body_heads()
    kept = [w for w in words if w.casefold() not in heads]
    return kept if kept and len(kept) < len(words) else []


def _initials(words: list[str]) -> str:
    return "".join(w if _ACRONYM.fullmatch(w) else w[:1].upper() for w in words)


def institution_keys(name: str) -> list[str]:
    """Returns blocking keys under which an institution's name and its initialism meet across scripts.

    "National Health Service", "NHS" and هيئة الخدمات الصحية الوطنية
    (translated: national health services authority; without the head word
    authority, which English often leaves out) all have the key ``#NHS``.

    Args:
        name: a name in Arabic or Latin script.

    Returns:
        ``#`` and the initials of its English words, with and without head
        words; none for a name of one ordinary word.
    """
    words = _institution_tokens(name)
    if not words:
        return []
    keys = []
    for variant in (words, _without_heads(words)):
        initials = _initials(variant)
        if len(initials) >= 2 and (len(variant) > 1 or _ACRONYM.fullmatch(variant[0])):
            keys.append("#" + initials)
    return list(dict.fromkeys(keys))


def _spells_out(english: list[str], latin: list[str]) -> bool:
    """True when the Latin words are the English ones, an initialism standing for a run of them."""
    i = 0
    for token in latin:
        if _ACRONYM.fullmatch(token) and len(token) > 1:
            run = english[i : i + len(token)]
            if len(run) < len(token) or "".join(w[:1].upper() for w in run) != token:
                return False
            i += len(token)
        elif i < len(english) and _singular(english[i]) == _singular(token):
            i += 1
        else:
            return False
    return i == len(english)


@lru_cache(maxsize=100_000)
def institutions_match(arabic: str, latin: str) -> bool:
    """Returns True when an Arabic institution's translated name is a Latin one, word for word.

    The Arabic name is translated (``nlp.latin_names.english_name``); its
    words must be the Latin name's in order, singular or plural, an
    initialism standing for the words it abbreviates ("UN General Assembly"
    is united nations general assembly). A head word the translation adds
    (authority, commission, agency …) may be missing from the Latin name: هيئة
    الخدمات الصحية الوطنية is the NHS. Nothing is transliterated here.

    Args:
        arabic: a name in Arabic script.
        latin: a name in Latin script.

    Returns:
        True for a word-for-word match.
    """
    english = _institution_tokens(arabic)
    words = _institution_tokens(latin) if not _is_arabic(latin) else None
    if not english or not words:
        return False
    return any(v and _spells_out(v, words) for v in (english, _without_heads(english)))


# Tolerances of ``aligned_gap``, for names of several words only.
# What a tolerated difference adds to the per-letter gap, so an exact spelling beats it.
TOLERANCE_COST = 0.25
# Shortest Latin word that may have lost its first letter in Arabic (Craig → ريج).
_MIN_INITIAL_WORD = 4
# Letters that prefix an Arabic word ("and", "with", "for") and may be glued to a name.
_AR_PROCLITICS = frozenset("وبل")


@lru_cache(maxsize=100_000)
def aligned_gap(arabic: str, latin: str, label: str = "PERSON", limit: float = math.inf) -> float:
    """Returns ``name_gap`` of two names, or less when the words align with strong evidence.

    For a person's name of two words or more in Latin, where the last words
    (family names) of the two have equal consonant skeletons and match
    within ``MATCH_GAP``:

    - the Latin words may match a run of the Arabic words with words before
      or after it (a word the recogniser ran into the name: رأيت كانتي);
    - one other word may have lost its first letter in Arabic (Craig → ريج:
      the Arabic word then starts with the consonant of the Latin second
      letter, so Elin → غلين, a different first letter, is not tolerated)
      or carry a glued و/ب/ل (وجو for "and Joe").

    Each tolerated difference adds ``TOLERANCE_COST``. Other labels, and
    names of one Latin word, get ``name_gap`` unchanged: an organisation
    whose name contains another's is another organisation.

    Args:
        arabic: a name in Arabic script (core name: institution words removed).
        latin: a name in Latin script.
        label: the contract label both names have.
        limit: the largest gap the caller needs exactly; a larger one comes
            back as infinity (``name_gap``).

    Returns:
        The smaller of ``name_gap`` and the best tolerant alignment's gap.
    """
    plain = name_gap(arabic, latin, limit)
    a, b = _ar_words(arabic), _lat_words(latin)
    if label != "PERSON" or len(b) < 2 or len(a) < len(b):
        return plain
    model = learned_translit().model
    best = plain
    for off in range(len(a) - len(b) + 1):
        run = a[off : off + len(b)]
        if skeleton(run[-1]) != skeleton(b[-1]) or _pair_loss(run[-1], b[-1]) / len(run[-1]) > MATCH_GAP:
            continue
        extra = len(a) - len(b)
        lost = 0.0
        for x, y in zip(run, b, strict=True):
            loss = _pair_loss(x, y)
            if loss / len(x) > MATCH_GAP:
                alternatives = []
                if len(y) >= _MIN_INITIAL_WORD and skeleton(x)[:1] == skeleton(y[1:])[:1] != skeleton(y)[:1]:
                    alternatives.append(_pair_loss(x, y[1:]))
                if len(x) > 2 and x[0] in _AR_PROCLITICS and skeleton(x[1:])[:1] == skeleton(y)[:1]:
                    alternatives.append(_pair_loss(x[1:], y) + model.best_score(x[0]) - model.best_score(""))
                if alternatives and min(alternatives) < loss:
                    loss = min(alternatives)
                    extra += 1
            lost += loss
        gap = lost / sum(len(x) for x in run) + extra * TOLERANCE_COST
        best = min(best, gap)
    return best if best <= limit else math.inf
