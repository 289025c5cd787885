"""Language identification by script and function words, in pure Python.

Marsad reads Arabic and English news, so those two must be right on short
and mixed strings: an Arabic article is full of Latin names ("Cambridge
Analytica"), acronyms and digits, and an Arabic headline may hold more Latin
letters than Arabic ones ("Elon Musk يستحوذ على Twitter"). Letters are
therefore counted as words per script, and each script's function words
(في، من، على / the, of, and) count extra, because grammar words show which
language the sentence is built in while names only show what it is about.

Other languages are reported honestly where it is cheap:

* by script alone: Cyrillic ``ru`` (``uk`` with Ukrainian-only letters),
  Greek ``el``, Hebrew ``he``, Chinese ``zh``, Japanese ``ja`` (kana),
  Korean ``ko``, Devanagari ``hi``, Bengali ``bn``, Tamil ``ta``, Thai
  ``th``, Armenian ``hy``, Georgian ``ka``, Ethiopic ``am``;
* Arabic script: Persian ``fa`` and Urdu ``ur`` by their function words and
  the letters Arabic lacks (پ چ ژ گ; ٹ ڈ ڑ ں ے);
* Latin script: English, French, Spanish, German, Italian, Portuguese,
  Dutch and Turkish by function-word profiles; Latin text with no evidence
  either way is ``en``.

``und`` is returned when the text has no letter at all. Only the first
``SAMPLE_CHARS`` characters are read: an article's opening is enough.
"""

from __future__ import annotations

import re

from marsad.nlp.types import AnalysisError

__all__ = ["SAMPLE_CHARS", "detect_language"]

SAMPLE_CHARS = 8000

_SCRIPTS = {
    "arab": "\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF",
    "latn": "A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u1E00-\u1EFF",
    "cyrl": "\u0400-\u04FF\u0500-\u052F",
    "grek": "\u0370-\u03FF\u1F00-\u1FFF",
    "hebr": "\u0590-\u05FF",
    "hani": "\u4E00-\u9FFF\u3400-\u4DBF",
    "kana": "\u3040-\u30FF",
    "hang": "\uAC00-\uD7AF\u1100-\u11FF",
    "deva": "\u0900-\u097F",
    "beng": "\u0980-\u09FF",
    "taml": "\u0B80-\u0BFF",
    "thai": "\u0E00-\u0E7F",
    "armn": "\u0530-\u058F",
    "geor": "\u10A0-\u10FF",
    "ethi": "\u1200-\u137F",
}
# Arabic-script runs stop at Arabic digits and punctuation (، ؛ ؟ ٪ ٫ ٬) so
# that numbers do not count as words.
_ARABIC_NON_LETTERS = "\u0600-\u0605\u060C\u061B\u061C\u061F\u066A-\u066D\u0660-\u0669\u06F0-\u06F9\u06D4"


def _arabic_letter_class() -> str:
    """Returns the Arabic-script ranges without the digits and punctuation, as a regex class body."""
    excluded = set(re.findall(r".", re.sub(r"(.)-(.)", lambda m: "".join(
        chr(c) for c in range(ord(m.group(1)), ord(m.group(2)) + 1)), _ARABIC_NON_LETTERS)))
    ranges: list[str] = []
    for lo, hi in re.findall(r"(.)-(.)", _SCRIPTS["arab"]):
        run_start = None
        for c in range(ord(lo), ord(hi) + 2):
            inside = c <= ord(hi) and chr(c) not in excluded
            if inside and run_start is None:
                run_start = c
            elif not inside and run_start is not None:
                ranges.append(f"{chr(run_start)}-{chr(c - 1)}")
                run_start = None
    return "".join(ranges)


_SCRIPTS["arab"] = _arabic_letter_class()
_WORD_RE = re.compile("|".join(f"(?P<{name}>[{chars}]+)" for name, chars in _SCRIPTS.items()))
_BY_SCRIPT = {"grek": "el", "hebr": "he", "hang": "ko", "deva": "hi", "beng": "bn", "taml": "ta",
              "thai": "th", "armn": "hy", "geor": "ka", "ethi": "am"}

# Folding for Arabic-script function words: Persian and Arabic spellings of
# yeh/kaf and alef variants meet.
_FOLD = str.maketrans({"ی": "ي", "ى": "ي", "ک": "ك", "أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه",
                       "\u0640": None, **{chr(c): None for c in range(0x064B, 0x0660)}})


def _fold(words: str) -> frozenset[str]:
    return frozenset(w.translate(_FOLD) for w in words.split())


_STOP_ARAB = {
    "ar": _fold("في من على إلى الى عن أن إن ان التي الذي الذين هذا هذه ذلك تلك مع كان كانت قال قالت "
                "لم لن لا ما أو ثم بعد قبل حيث كما قد وقد وفي ومن وأن إنه انه أنه عند بين منذ حتى كل "
                "خلال وقال وقالت أي هو هي هم غير يوم لها له"),
    # Words Arabic also writes (هم، ما، أما، كي) are left out.
    "fa": _fold("است این که را می برای با از های شده یک ها بود شود کرد نیز بر تا کند "
                "خود شد گفت وی"),
    "ur": _fold("کے ہے میں اور سے کو نے یہ ہیں پر کا تھا تھی گیا ایک"),
}
# Letters that Arabic does not use: evidence for Persian/Urdu.
_FA_LETTERS = re.compile("[پچژگ]")
_UR_LETTERS = re.compile("[ٹڈڑںےہھ]")

_STOP_LATN = {
    "en": "the of and to in is that for on with was as by at from it are be has have had said its an "
          "this will not but which were been they who their would after about than more over also",
    "fr": "le la les des du et est une dans que qui pour sur pas au aux par avec ce il elle sont été "
          "ont mais leur cette ses selon",
    "es": "el los las del y en que una por para con es se su al lo como más pero fue sus ha este esta "
          "según también",
    "de": "der die das und ist nicht ein eine mit den dem von zu auf für sich im des auch wurde sind "
          "nach bei hat wie",
    "it": "il lo gli le di del della e che un una per con non è sono nel alla dei anche ha questo",
    "pt": "o os as do da dos das e que um uma em no na para com não é foi pelo pela mais ao seu sua",
    "nl": "de het een en van is dat op te in voor niet zijn ook aan bij werd",
    "tr": "ve bir bu da de ile için olarak olan gibi daha çok ama değil en",
}
_STOP_LATN_SETS = {lang: frozenset(words.split()) for lang, words in _STOP_LATN.items()}
_NAME_PARTICLES = frozenset("von van der den de la le del della di da dos das du des al el bin ibn".split())
_ANY_LATN_STOP = frozenset().union(*_STOP_LATN_SETS.values())
_UKRAINIAN = re.compile("[іїєґІЇЄҐ]")


def _latin_language(words: list[str]) -> str:
    """Returns the Latin-script language whose function words are most frequent (``en`` on no evidence)."""
    scores = dict.fromkeys(_STOP_LATN_SETS, 0)
    for i, w in enumerate(words):
        lw = w.lower()
        if lw in _NAME_PARTICLES and i + 1 < len(words) and (
                words[i + 1][:1].isupper() or words[i + 1] in _NAME_PARTICLES):
            # "Ursula von der Leyen", "Abu Bakr al Baghdadi": part of a name.
            continue
        for lang, stop in _STOP_LATN_SETS.items():
            if lw in stop:
                scores[lang] += 1
    best = max(scores, key=lambda lang: (scores[lang], lang == "en"))
    # One shared word ("die", "la") is no evidence against English.
    return best if scores[best] > scores["en"] and scores[best] >= 2 else "en"


def _arabic_script_language(words: list[str], sample: str) -> str:
    """Returns ar, fa or ur for Arabic-script words; ties go to Arabic."""
    scores = {"ar": 0, "fa": 0, "ur": 0}
    for w in words:
        fw = w.translate(_FOLD)
        for lang, stop in _STOP_ARAB.items():
            if fw in stop:
                scores[lang] += 1
    ur_letters = len(_UR_LETTERS.findall(sample))
    fa_letters = len(_FA_LETTERS.findall(sample))
    # A truncated Arabic word can look like one Persian or Urdu function word
    # ("با", "را", "كو"): ask for letters Arabic lacks or two such words.
    if not fa_letters and scores["fa"] < 2:
        scores["fa"] = 0
    if not ur_letters and scores["ur"] < 2:
        scores["ur"] = 0
    scores["ur"] += ur_letters
    scores["fa"] += fa_letters // 2
    best = max(scores, key=lambda lang: (scores[lang], lang == "ar"))
    return best if scores[best] > scores["ar"] else "ar"


def detect_language(text: str) -> str:
    """Returns the ISO 639-1 code of the language of text.

    Args:
        text: any text; only its first ``SAMPLE_CHARS`` characters are read.

    Returns:
        A two-letter code such as ``ar`` or ``en``; ``und`` when the text has
        no letters (empty, digits or punctuation only).

    Raises:
        AnalysisError: when text is not a string.
    """
    if not isinstance(text, str):
        raise AnalysisError(f"text must be a string, not {type(text).__name__}")
    sample = text[:SAMPLE_CHARS]
    runs: dict[str, list[str]] = {}
    for m in _WORD_RE.finditer(sample):
        runs.setdefault(m.lastgroup or "", []).append(m.group())
    if not runs:
        return "und"
    scores: dict[str, float] = {}
    for script, words in runs.items():
        if script in ("hani", "kana"):
            # No spaces between words: count characters, two to a word.
            scores[script] = sum(len(w) for w in words) / 2
        else:
            scores[script] = len(words)
    # Function words show the language the sentence is written in; names and
    # acronyms from another script do not.
    arab = runs.get("arab", [])
    latn = runs.get("latn", [])
    if arab:
        folded = [w.translate(_FOLD) for w in arab]
        scores["arab"] += 2 * sum(1 for w in folded if w in _STOP_ARAB["ar"] or w in _STOP_ARAB["fa"]
                                  or w in _STOP_ARAB["ur"])
    if latn:
        # A Latin word with a capital (Apple, iPhone, BBC) is most likely a
        # name quoted inside another language; a function word is grammar.
        score = 0.0
        for w in latn:
            if len(w) == 1:
                # "a", "o", "y" are function words, but also the "o" of GPT-4o.
                score += 0.5
            elif w.lower() in _ANY_LATN_STOP:
                score += 3
            elif w.islower():
                score += 1
            else:
                score += 0.2
        scores["latn"] = score
    if "kana" in scores:
        scores["kana"] += scores.pop("hani", 0)
    script = max(scores, key=lambda s: (scores[s], s == "arab"))
    if script == "arab":
        return _arabic_script_language(arab, sample)
    if script == "latn":
        return _latin_language(latn)
    if script == "cyrl":
        return "uk" if len(_UKRAINIAN.findall(sample)) >= 2 else "ru"
    if script == "hani":
        return "zh"
    if script == "kana":
        return "ja"
    return _BY_SCRIPT.get(script, "und")
