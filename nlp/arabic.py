"""Arabic text helpers for entity recognition: name keys, proclitics, lexicons, word shapes.

Everything here works on the original text's offsets: tokens come from
``nlp.tokens.tokenize`` (its ``NAMES`` mode), and normalisation (camel-tools
via ``nlp.normalize``) is applied per token for matching only, so a match can
always be reported as ``text[start:end]`` of what the caller passed in.

The word lists are small closed classes written by hand, one file each in
nlp/data/ (function words, news verbs, title and organisation cue nouns,
gentilic adjectives of countries (nisba), frequent given names, ...); the
clitics and the article are grammar and stay here. The lists are held in
normalised form so a lookup is one dict/set access per token.
"""

from __future__ import annotations

import re
from functools import lru_cache

from marsad.nlp import data
from marsad.nlp.normalize import normalize_arabic
from marsad.nlp.tokens import AR_MARKS, tokenize


@lru_cache(maxsize=100_000)
def key(text: str) -> tuple[str, ...]:
    """Returns the matching key of a name: its normalised token forms (no punctuation but & + .)."""
    return tuple(t.norm for t in tokenize(text) if t.kind != "punct" or t.text in "&+")


# Proclitic clusters, longest first. "لل" is ل + ال with the alef elided, so
# the stem it leaves is restored with "ال" for matching.
_PROCLITICS = (
    "وبال", "فبال", "وكال", "ولل", "فلل",
    "وب", "فب", "ول", "فل", "وك", "فك", "لل",
    "و", "ف", "ب", "ل", "ك",
)
_ELIDED_ARTICLE = ("لل", "ولل", "فلل")


def unconj(word: str) -> tuple[str, ...]:
    """A word as written and, when it starts with و or ف, without that one letter: the conjunction or the
    word's own first letter ("ووزير" is و + وزير; "وزير" and "وكالة" begin with a و of their own), for lookups
    that try both. Not ``lstrip("وف")``, which takes every leading و and ف."""
    return (word, word[1:]) if word[:1] in ("و", "ف") and len(word) > 2 else (word,)


@lru_cache(maxsize=100_000)
def clitic_splits(norm: str) -> tuple[tuple[int, str], ...]:
    """Returns the ways a normalised word can be split into proclitics and a stem.

    Args:
        norm: a normalised Arabic word.

    Returns:
        ``(n, stem)`` pairs, least stripped first: ``n`` letters of the
        normalised word are clitics and ``stem`` is what is matched (with the
        elided article restored after لل). The unsplit word is not included.
    """
    out = []
    for prefix in _PROCLITICS:
        if not norm.startswith(prefix):
            continue
        rest = norm[len(prefix):]
        if prefix.endswith("بال") or prefix.endswith("كال"):
            # بال = ب + ال: keep the article on the stem.
            prefix_len = len(prefix) - 2
            rest = norm[prefix_len:]
        else:
            prefix_len = len(prefix)
        if prefix in _ELIDED_ARTICLE:
            rest = "ال" + rest
        if len(rest) >= 2 and (prefix_len, rest) not in out:
            out.append((prefix_len, rest))
    return tuple(sorted(out))


def surface_offset(word: str, letters: int) -> int:
    """Returns the index in ``word`` after its first ``letters`` letters.

    Diacritics and tatweel do not count as letters (they vanish in the normal
    form), but the ones attached to the last skipped letter are skipped too.
    """
    i = seen = 0
    while i < len(word) and seen < letters:
        if not re.match(f"[{AR_MARKS}]", word[i]):
            seen += 1
        i += 1
    while i < len(word) and re.match(f"[{AR_MARKS}]", word[i]):
        i += 1
    return i


def strip_article(norm: str) -> str:
    """Returns a normalised word without a leading definite article."""
    return norm[2:] if norm.startswith("ال") and len(norm) > 3 else norm


def has_article(norm: str) -> bool:
    """Returns True when a normalised word starts with the definite article (or لل)."""
    return len(norm) > 3 and norm.startswith(_ARTICLE_PREFIXES) and not (
        len(norm) == 4 and norm.startswith(_ARTICLE_PREFIXES[1:])
    )


_ARTICLE_PREFIXES = ("ال", "وال", "فال", "بال", "كال", "لل", "ولل")


# Tanween written on a word's last letter (fathatan, dammatan, kasratan), possibly before or after the
# alef (or alef maqsura) that carries it ("نجاحًا", "نجاحاً", "مستشفًى"), with other marks and tatweel around.
_MARKS = f"[{AR_MARKS}]*"
_TANWEEN_END = re.compile(f"[\u064b\u064c\u064d]{_MARKS}[اى]?{_MARKS}$|[اى]{_MARKS}\u064b{_MARKS}$")


def has_tanween(surface: str) -> bool:
    """Returns True when a word as written ends in tanween: an indefinite noun, adjective or adverb.

    Names in news are written without it ("نجاحًا", "ميتًا", "قائلاً" are not names),
    so a word that shows it is no name word.
    """
    return bool(_TANWEEN_END.search(surface))


def _n(words: str) -> frozenset[str]:
    """The normalised words of a few particles written in code (grammar, not a word list)."""
    return frozenset(normalize_arabic(w) for w in words.split())


def word_set(name: str) -> frozenset[str]:
    """Returns the normalised words of a word list in nlp/data/ (its file name)."""
    return frozenset(normalize_arabic(w) for w in data.words(name))


def _table(name: str) -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """A word table of nlp/data/ (word, optional comma-separated uses): all its words, and the words of each use."""
    every: set[str] = set()
    uses: dict[str, set[str]] = {}
    for row in data.rows(name):
        word = normalize_arabic(row[0].strip())
        every.add(word)
        for use in row[1].split(",") if len(row) > 1 else ():
            uses.setdefault(use.strip(), set()).add(word)
    return frozenset(every), {use: frozenset(words) for use, words in uses.items()}


# The closed classes, one file each in nlp/data/ (its header says what it is for).
FUNCTION_WORDS = word_set("ar_function_words.txt")
VERBS = word_set("ar_news_verbs.txt")
SUBJECT_NOUNS = word_set("ar_subject_nouns.txt")
PERSON_TITLES = word_set("ar_person_titles.txt")
ORG_DESCRIPTORS, _DESCRIPTOR_USES = _table("ar_org_descriptors.tsv")
DEFINITE_NAME_DESCRIPTORS = _DESCRIPTOR_USES["definite"]
INCLUSIVE_DESCRIPTORS = _DESCRIPTOR_USES["inclusive"]
WEAK_DESCRIPTORS = _DESCRIPTOR_USES["weak"]
PRODUCT_CUES = _DESCRIPTOR_USES["product"]
ORG_HEADS, _HEAD_USES = _table("ar_org_heads.tsv")
NAMED_HEADS = _HEAD_USES["named"]
# Heads that name a body only with what it is for ("المركز الوطني للأرصاد", not "المركز الأول").
FOR_WHAT_HEADS = _HEAD_USES["for"]
# Heads that name a body only before a field the name table translates or a place ("دائرة الجمارك", "أمانة
# بغداد"; not "دائرة الضوء", "بكل أمانة").
FIELD_HEADS = _HEAD_USES["field"]
# Whom words are told to ("للصحفيين", "لرويترز"), normalised: never what a body is for.
TOLD_TO = word_set("ar_told_to.txt")
# Nouns that say what kind of body someone speaks for ("بعثة", "وفد", "هيئة"): never a person's name.
ORG_HEAD_NOUNS = word_set("ar_org_head_nouns.txt")
PLACE_CUES = word_set("ar_place_cues.txt")
ORG_DEFINITE_SUFFIXES = word_set("ar_org_definite_suffixes.txt")
ORG_DOMAIN_NOUNS = word_set("ar_org_domain_nouns.txt")
SPOKESPERSON = word_set("ar_spokesperson_nouns.txt")
GIVEN_NAMES = word_set("ar_given_names.txt")
COMPANY_WORDS = word_set("ar_company_words.txt")
LETTER_NAMES = word_set("ar_letter_names.txt")
NAME_PARTICLES = word_set("ar_name_particles.txt")
COMPOUND_SECOND = word_set("ar_compound_second.txt")


def _nisba_forms() -> frozenset[str]:
    forms = set()
    for base in word_set("ar_nisba_stems.txt"):
        for form in (base, base + "ه", base + "ون", base + "ين", base + "ان"):
            forms.add(form)
            forms.add("ال" + form)
    return frozenset(forms)


# Gentilic adjectives of countries and regions in all their forms.
NISBA = _nisba_forms()


def _load_common() -> frozenset[str]:
    words: set[str] = set()
    for line in data.phrases("ar_common.txt"):
        for w in line.split():
            n = normalize_arabic(w)
            words.add(n)
            if not n.startswith("ال"):
                words.add("ال" + n)
    return frozenset(words)


# Common nouns, verbal nouns, adverbs and demonstratives (nlp/data/ar_common.txt).
COMMON_WORDS = _load_common()

_LONG = "اوي"


def _shape_common(n: str) -> bool:
    """True when a normalised word has the shape of a verb, a masdar or a broken plural."""
    size = len(n)
    if size >= 5 and n[0] == "س" and n[1] in "يتن" and _imperfect(n[1:]):
        return True  # future: ستغلق، سيتعاقد
    if _imperfect(n):
        return True
    if n.startswith("است") and size == 7 and n[5] == "ا":
        return True  # استفعال: استخدام، استثمار
    if size == 6 and n[0] == "ا" and n[2] == "ت" and n[4] == "ا":
        return True  # افتعال: اعتماد، ارتفاع، انتخاب
    if size == 6 and n.startswith("ان") and n[4] == "ا" and n[2] not in _LONG and n[3] not in _LONG:
        return True  # انفعال: انخفاض، انفجار
    if size == 5 and n[0] == "ت" and n[3] == "ي" and not any(c in _LONG for c in n[2] + n[4]):
        return True  # تفعيل: تسويق، تحليل، توصيل
    if size == 5 and n[0] == "ا" and n[3] == "ا" and not any(c in _LONG for c in n[1:3] + n[4]):
        return True  # إفعال / أفعال: إعلان، إغلاق، أسعار، أرباح
    if size in (5, 6) and n[0] == "م" and n[2] == "ا" and n[1] not in _LONG and n[-1] not in _LONG + "ه" \
            and (size == 5 or n[4] == "ي"):
        return True  # مفاعل / مفاعيل: مصادر، مواقع، مشاريع
    return False


def _imperfect(n: str) -> bool:
    """Imperfect verb shapes that names rarely have (يستخدم، تعتمد، يتعاقد، يملك).

    Form III (تواجه) is left out: its shape is that of many foreign names (ترامب).
    """
    # نـ (we) is left out: first-person verbs are rare in news and many
    # foreign names start with نت (نتفليكس، نتنياهو).
    if len(n) < 4 or n[0] not in "يت" or n[1] in _LONG:
        return False
    body = n[1:]
    if body.startswith("ست") and len(n) >= 6:
        return True  # form X
    if body[0] == "ت" and len(n) >= 5:
        return True  # forms V, VI: يتعاقد، تتبع
    if len(n) == 5 and body[1] == "ت" and body[2] not in _LONG and body[3] not in _LONG:
        return True  # form VIII: تعتمد، ينتقد
    if len(n) == 4 and not any(c in _LONG for c in body) and not n.endswith("ه"):
        return True  # form I/II/IV: يملك، تعلن
    return False


def is_verb_shape(norm: str) -> bool:
    """Returns True when a normalised word looks like an imperfect or future verb (تعتمد، ستغلق)."""
    if norm in GIVEN_NAMES:
        return False
    return _imperfect(norm) or (len(norm) >= 5 and norm[0] == "س" and _imperfect(norm[1:]))


@lru_cache(maxsize=100_000)
def is_listed_common(norm: str) -> bool:
    """Returns True when a normalised word (or its stem after proclitics) is in the common-word lexicon.

    Unlike ``is_common`` this ignores word shapes: after an explicit cue
    ("شركة إعمار") a masdar-shaped word can still be a brand.
    """
    if norm in GIVEN_NAMES or norm in NAME_PARTICLES:
        return False
    for skip, f in ((0, norm), *clitic_splits(norm)):
        if skip and len(f) < 4 and norm[0] not in "وف":
            continue
        if f in COMMON_WORDS or f in VERBS:
            return True
        if len(f) >= 4 and f.endswith("ا") and f[:-1] in COMMON_WORDS:
            return True
        for suffix in _ENCLITICS:
            # "شقيقته", "نظيره", "مبيعاتها": a common noun with a possessive
            # pronoun; teh marbuta is written ت before it.
            stem = f[: -len(suffix)]
            if f.endswith(suffix) and len(stem) >= 3 and (
                stem in COMMON_WORDS or (stem.endswith("ت") and stem[:-1] + "ه" in COMMON_WORDS)
            ):
                return True
    return False


_ENCLITICS = ("هما", "هم", "هن", "ها", "ه", "نا", "كم")


@lru_cache(maxsize=100_000)
def is_common(norm: str) -> bool:
    """Returns True when a normalised word is a common word that cannot start or end a name.

    Common nouns, verbal nouns (masdars), adverbs and demonstratives from the
    lexicon, also with proclitics, the article or an accusative alef
    ("وتطبيقا", "المستخدمين"), and words shaped like verbs, masdars or broken
    plurals (تعتمد، سيتعاقد، تسويق، استخدام، مصادر). Listed given names are
    never common ("أسماء" and "أمل" are names too; context decides).

    Args:
        norm: a normalised Arabic word (``normalize_arabic``).

    Returns:
        True for a word that is not part of a name.
    """
    if norm in GIVEN_NAMES or norm in NAME_PARTICLES:
        return False
    # A short stem after a clitic is too often the start of a name ("لاين"
    # is not ل + أين); only و/ف are safe before a short word ("وهنا").
    # The accusative alef is tried too ("تطبيقا", "عاما").
    if is_listed_common(norm):
        return True
    bare = norm[2:] if norm.startswith("ال") and len(norm) > 4 else norm
    if bare in GIVEN_NAMES:
        return False
    if _shape_common(bare):
        return True
    if bare.endswith("ا") and len(bare) > 5 and _shape_common(bare[:-1]):
        return True  # accusative masdar: ارتفاعا
    return False


_PRONOUN_SUFFIXES = ("ها", "هم", "هما", "هن", "نا", "كم")


@lru_cache(maxsize=100_000)
def looks_foreign(norm: str) -> bool:
    """Returns True when a normalised word has the shape of a transliterated foreign name.

    Arabic spells foreign names by ear, with long vowels where the source has
    short ones and letter clusters that Arabic roots avoid: a final و after a
    consonant (روتو، ماركيتو), three long vowels (فودافون), تش and دج (تشارلز،
    كامبريدج), غ before ر/ل in the first syllable (غريغوري، غلوبال), a final ز
    or س after a consonant (لابز), endings such as ـيكس، ـيكا، ـسون. Words the
    common-word lexicon or the verb/masdar shapes claim, definite words and
    words with a pronoun suffix are never foreign names. On the gazetteer's
    transliterated aliases this finds about two in five; it is meant for
    contexts where a name is already likely.

    Args:
        norm: a normalised Arabic word.

    Returns:
        True for a word that reads as a transliterated name.
    """
    if len(norm) < 4 or norm.startswith("ال") or norm in FUNCTION_WORDS or norm in NISBA or is_common(norm):
        return False
    if norm.endswith(_PRONOUN_SUFFIXES) or norm.endswith(("ات", "ين", "ه", "يا", "وا", "يير")):
        return False
    for _, stem in clitic_splits(norm):
        # "بنحو", "بالتوقيت", "ويدير": a clitic before a common word or an article.
        if stem in FUNCTION_WORDS or stem in COMMON_WORDS or stem.startswith("ال") or is_verb_shape(stem) \
                or stem[:1] in "يت" and norm[0] in "وفس":
            return False
    if norm.endswith("ون") and (norm.startswith("م") or sum(c in _LONG for c in norm[1:-2]) < 2):
        return False  # a sound plural (مسافرون، ناشطون), not فودافون
    if any(c in norm for c in "پڤگچ"):
        return True
    score = 0
    if "تش" in norm or norm.endswith("دج") or norm[:3].find("غر") >= 0 or norm[:3].find("غل") >= 0:
        score += 2
    if norm[-1] == "و" and norm[-2] not in _LONG:
        score += 2
    if norm[-1] in "زس" and norm[-2] not in _LONG:
        score += 1
    vowels = sum(c in _LONG for c in norm[1:])
    if vowels >= 3:
        score += 2
    elif vowels == 2 and len(norm) >= 5:
        score += 1
    if norm.endswith(("يكس", "يكا", "يك", "ون", "وس", "يز", "سون", "ير")):
        score += 1
    return score >= 2
