"""Open-ended, deterministic names for the benchmark corpus: people, organisations and pseudo-words.

A name is spelt from syllables, each with an English and an Arabic spelling,
so one entity reads naturally-enough in both scripts and keeps one id (the
slug of its English name). Entity ``k`` of a kind always gets the same name,
and two different ``k`` never share a core (an affine permutation of ``k``
written in a fixed number of syllables, which parse back one way only:
every syllable opens with a consonant and no onset begins with "h"), so the
number of distinct entities is exactly the number of ``k`` drawn.

Pseudo-words fill the long tail of the filler vocabulary: English stems from
the same syllables with a part-of-speech suffix, Arabic ones from three-letter
roots poured into word patterns, as Arabic morphology does.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

# (English, Arabic) onsets and vowels; a syllable is onset + vowel (+ coda).
_ONSETS = [
    ("b", "ب"), ("d", "د"), ("f", "ف"), ("j", "ج"), ("k", "ك"), ("l", "ل"), ("m", "م"), ("n", "ن"),
    ("r", "ر"), ("s", "س"), ("t", "ت"), ("z", "ز"), ("sh", "ش"), ("kh", "خ"), ("q", "ق"), ("w", "و"),
    ("y", "ي"), ("g", "غ"),
]
_VOWELS = [("a", "ا"), ("i", "ي"), ("u", "و"), ("e", ""), ("o", "و")]
_CODAS = [("", ""), ("n", "ن"), ("r", "ر"), ("l", "ل"), ("m", "م"), ("d", "د"), ("s", "س"), ("b", "ب")]

# A fixed inventory of open syllables and a smaller one of closed ones keeps names pronounceable.
SYLLABLES = [(o[0] + v[0], o[1] + v[1]) for o in _ONSETS for v in _VOWELS]
_CLOSERS = [(s[0] + c[0], s[1] + c[1]) for s in SYLLABLES[::3] for c in _CODAS[1:]]

# Given names are few in real news; a short list of real ones beside generated ones.
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

# Organisation shapes around a generated core: (English, Arabic). Arabic organisation
# names take feminine verbs, which the corpus's organisation-speaker templates use.
ORG_SHAPES = [
    ("{c} Holdings", "شركة {c} القابضة"), ("{c} Group", "مجموعة {c}"), ("{c} Bank", "بنك {c}"),
    ("{c} Logistics", "شركة {c} للخدمات اللوجستية"), ("{c} Energy", "شركة {c} للطاقة"),
    ("{c} Foods", "شركة {c} للأغذية"), ("{c} Telecom", "شركة {c} للاتصالات"),
    ("{c} Airlines", "طيران {c}"), ("{c} Cement", "شركة {c} للإسمنت"), ("{c} Media", "مجموعة {c} الإعلامية"),
    ("{c} Insurance", "شركة {c} للتأمين"), ("{c} Properties", "شركة {c} العقارية"),
    ("{c} Steel", "شركة {c} للصلب"), ("{c} Pharmaceuticals", "شركة {c} للأدوية"),
    ("{c} Shipping", "شركة {c} للشحن"), ("{c} Foundation", "مؤسسة {c}"),
    ("{c} Capital", "شركة {c} كابيتال"), ("{c} Systems", "شركة {c} للأنظمة"),
]

_MODULUS_3 = len(SYLLABLES) ** 2 * len(_CLOSERS)
_MODULUS_4 = len(SYLLABLES) ** 3 * len(_CLOSERS)


@lru_cache(maxsize=8)
def _multiplier(modulus: int) -> int:
    # Near the golden ratio of the modulus, so that neighbouring k land far apart in every syllable.
    a = int(modulus * 0.6180339887)
    while math.gcd(a, modulus) != 1:
        a += 1
    return a


def _permute(k: int, modulus: int, salt: int) -> int:
    # An affine map with a multiplier coprime to the modulus is a bijection on [0, modulus):
    # neighbouring k get unrelated names, and no two k share one.
    return _multiplier(modulus) * (k + salt * 104_729) % modulus


def core(k: int, salt: int = 0) -> tuple[str, str]:
    """Returns the (English, Arabic) core of name number `k`: unique per k (within one salt)."""
    n_syl, n_close = len(SYLLABLES), len(_CLOSERS)
    if k < _MODULUS_3:
        x = _permute(k, _MODULUS_3, salt)
        parts = [SYLLABLES[x % n_syl], SYLLABLES[(x // n_syl) % n_syl], _CLOSERS[x // n_syl // n_syl]]
    else:  # beyond 1.7 million names: four syllables, a length no three-syllable name has
        x = _permute(k - _MODULUS_3, _MODULUS_4, salt)
        parts = [SYLLABLES[x % n_syl], SYLLABLES[(x // n_syl) % n_syl],
                 SYLLABLES[(x // n_syl // n_syl) % n_syl], _CLOSERS[(x // n_syl ** 3) % n_close]]
    en = "".join(p[0] for p in parts)
    return en.capitalize(), "".join(p[1] for p in parts)


def person(k: int) -> tuple[str, str]:
    """Returns the (English, Arabic) full name of person number `k`."""
    fam_en, fam_ar = core(k, salt=11)
    h = (k * 2_654_435_761) & 0xFFFFFFFF
    if h % 7 < 3:
        given = GIVEN[(h >> 3) % len(GIVEN)]
    else:
        g = SYLLABLES[(h >> 5) % len(SYLLABLES)], _CLOSERS[(h >> 12) % len(_CLOSERS)]
        given = ((g[0][0] + g[1][0]).capitalize(), g[0][1] + g[1][1])
    if h % 5 == 0:  # family names with the article: Al-Tarbin / الطاربين
        fam_en, fam_ar = f"Al-{fam_en}", f"ال{fam_ar}"
    return f"{given[0]} {fam_en}", f"{given[1]} {fam_ar}"


def organisation(k: int) -> tuple[str, str]:
    """Returns the (English, Arabic) name of organisation number `k`."""
    c_en, c_ar = core(k, salt=29)
    en, ar = ORG_SHAPES[(k * 40_503) % len(ORG_SHAPES)]
    return en.format(c=c_en), ar.format(c=c_ar)


_EN_SUFFIXES = {
    "noun": ["ment", "ation", "ity", "ance", "ism", "ery", "er", "age"],
    "adj": ["al", "ive", "ous", "ic", "ary", "ish"],
    "verb": ["ed", "ised", "ated"],
}
_AR_LETTERS = "بتجحخدذرزسشصضطعغفقكلمنهي"
_AR_PATTERNS = {
    # {0} {1} {2} are the root's letters.
    "noun": ["ال{0}{1}ا{2}", "م{0}{1}{2}", "ت{0}{1}ي{2}", "{0}{1}ا{2}ة", "ال{0}ا{1}{2}", "ال{0}{1}و{2}",
             "م{0}{1}{2}ة", "است{0}{1}ا{2}"],
    "adj": ["ال{0}{1}ي{2}", "م{0}{1}و{2}", "ال{0}ا{1}{2}ي", "{0}{1}{2}ي"],
    "verb": ["{0}{1}{2}", "أ{0}{1}{2}", "ت{0}{1}{2}", "است{0}{1}{2}"],
}


def pseudo_word(lang: str, pos: str, i: int) -> str:
    """Returns pseudo-word number `i` of a part of speech ("noun", "adj", "verb") in `lang`."""
    if lang == "en":
        suffixes = _EN_SUFFIXES[pos]
        stem = core(i // len(suffixes), salt=len(pos))[0].lower()
        return stem + suffixes[i % len(suffixes)]
    patterns = _AR_PATTERNS[pos]
    r, p = divmod(i, len(patterns))
    n = len(_AR_LETTERS)
    r = _permute(r, n ** 3, 3) if r < n ** 3 else r
    root = (_AR_LETTERS[r % n], _AR_LETTERS[(r // n) % n], _AR_LETTERS[(r // n // n) % n])
    return patterns[p].format(*root)


def slug(text: str) -> str:
    """Returns the id form of an English name: lower case, hyphens between words."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
