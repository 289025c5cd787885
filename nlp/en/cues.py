"""English speech cues and the word lists claim finding reads: cue verb forms, denial
verbs, modals, negation and falsity words, generic and spokesperson nouns.
"""

from __future__ import annotations

import re

from marsad.nlp import data
from marsad.nlp.claim_context import _word_list


def _phrase_list(name: str) -> list[str]:
    """The phrases of a list in nlp/data/, one a line (comments and blank lines left out)."""
    return data.phrases(name)


# ---------------------------------------------------------------------------
# English

# Speech cues: each form of a verb in nlp/data/en_speech_verbs.tsv, with its lemma.
_EN_CUES: dict[str, str] = {
    form: lemma for lemma, forms in data.rows("en_speech_verbs.tsv") for form in forms.split()
}

_EN_DENIAL_VERBS = frozenset({"deny", "reject", "dismiss", "refute", "dispute", "rebut"})
# Verbs whose "to"-clause is a claim ("claimed to have stolen the records").
_EN_TO_CLAUSE = frozenset({"claim", "admit", "acknowledge", "allege"})
# Verbs that are claims only with a reported clause; with a plain object
# ("confirmed the deal", "announced a product") they report an event.
_EN_OBJECT_OK = _EN_DENIAL_VERBS
_EN_MODALS = frozenset({"will", "would", "wo", "'ll", "shall", "can", "could", "ca", "may", "might", "should", "must"})
_EN_NEG_WORDS = frozenset({"no", "nothing", "none", "nobody", "never", "neither", "nowhere"})
_EN_FALSE_WORDS = frozenset({"false", "untrue", "baseless", "unfounded", "groundless", "inaccurate", "fabricated"})
# Calling a report or a claim untrue, anywhere in the reported clause.
_EN_FALSE_RE = re.compile(r"\b(?:" + "|".join(
    r"\s+".join(re.escape(w) for w in line.split()) for line in _phrase_list("en_falsity_phrases.txt")) + r")\b", re.I)
# "the story is simply wrong", "some of what they say is invented".
_EN_FALSE_REPORT_RE = re.compile(
    r"\b(?:report|reports|story|stories|claim|claims|allegations?|accusations?|article|suggestions?|say|says|said)"
    r"\b[^.;]{0,30}?\b(?:wrong|incorrect|exaggerated|invented|made up|fiction|lies|a lie)\b", re.I)
_EN_PRONOUNS = {
    "he": ("PERSON",), "she": ("PERSON",), "i": ("PERSON",),
    "it": ("ORG",), "we": ("ORG",), "they": ("ORG", "PERSON"),
}
# Common nouns that stand for the organisation (or country) a story is about.
_EN_GENERIC = {
    "company": ("ORG",), "firm": ("ORG",), "group": ("ORG",), "platform": ("ORG",),
    "network": ("ORG",), "startup": ("ORG",), "bank": ("ORG",), "app": ("ORG",),
    "business": ("ORG",), "giant": ("ORG",), "agency": ("ORG",), "regulator": ("ORG",),
    "newspaper": ("ORG",), "paper": ("ORG",), "broadcaster": ("ORG",), "outlet": ("ORG",),
    "ministry": ("ORG", "GPE"), "government": ("GPE", "ORG"), "watchdog": ("ORG",),
    "organisation": ("ORG",), "organization": ("ORG",), "university": ("ORG",), "party": ("ORG",),
    "carmaker": ("ORG",), "automaker": ("ORG",), "chipmaker": ("ORG",), "retailer": ("ORG",),
    "airline": ("ORG",), "lender": ("ORG",), "insurer": ("ORG",), "operator": ("ORG",),
    "maker": ("ORG",), "manufacturer": ("ORG",), "publisher": ("ORG",), "developer": ("ORG",),
    "conglomerate": ("ORG",), "producer": ("ORG",), "exchange": ("ORG",), "service": ("ORG",),
    "bloc": ("ORG",), "alliance": ("ORG",), "coalition": ("ORG",), "union": ("ORG",), "fund": ("ORG",),
    "authorities": ("GPE",), "administration": ("GPE", "ORG"), "kingdom": ("GPE",), "country": ("GPE",),
}
_EN_ORG_VOICES = frozenset({"spokesperson", "spokesman", "spokeswoman", "spokespeople", "statement", "representative"})
_EN_SPOKES = frozenset(
    {"outlook", "forecast", "study", "survey", "data", "figures", "documents", "records",
     "spokesperson", "spokesman", "spokeswoman", "representative", "official", "officials",
     "executive", "lawyer", "lawyers", "attorney", "attorneys", "statement", "spokespeople",
     "source", "sources", "director", "head", "chief", "ceo", "chairman", "chair", "founder",
     "minister", "secretary", "president", "member", "members", "employee", "employees",
     "researcher", "counsel", "adviser", "advisor", "analyst", "manager", "staff", "letter",
     "filing", "report", "blog", "post", "governor", "envoy", "ambassador", "commissioner", "editor",
     "professor", "mayor", "leader", "partner", "economist", "scientist", "expert", "fellow"}
)
# A reported "no comment" says nothing, and neither does a bare refusal ("said it would not comment", "he
# could not elaborate"); "said it would not comment on X" reports a position and is a statement (the
# convention of the later gold sets, tests/gold/README.md).
_EN_NO_COMMENT_RE = re.compile(
    r"^no comment\b|^(?:(?:it|he|she|they|we|i|the \w+)\s+)?(?:would|will|could|does|do|did|had|has)\s*"
    r"(?:not|n't|never)\s+(?:comment|respond|discuss|elaborate)(?:\s+further)?\W*$",
    re.I,
)


# Prepositions that give the occasion of a denial ("at their first hearing"), not what was denied.
_EN_OCCASION_PREPS = frozenset({"at", "on", "during", "before", "after", "in", "outside", "inside", "through"})
_EN_DENIAL_FORMS = frozenset(f for f, lemma in _EN_CUES.items() if lemma in _EN_DENIAL_VERBS)
# "claimed"/"claiming" report a charge before a clause ("a post claiming that …", "claimed to have …", "claimed he
# had …"), not before what was won ("Gulfwing claimed the top spot").
_EN_ALLEGATION_RE = re.compile(
    r"\b(?:" + "|".join(_word_list("en_allegation_words.txt"))
    + r"|claim(?:ed|ing) (?:that|to|he|she|they|we|I))\b", re.I)
_EN_NEG_STATEMENT = frozenset(_word_list("en_negated_statements.txt"))
_EN_REBUTTAL_WORDS = frozenset(_word_list("en_rebuttal_words.txt"))
_EN_HEARSAY_VERBS = frozenset(_word_list("en_hearsay_verbs.txt"))
_EN_EMPHATIC_NEGATIONS = frozenset(" ".join(p.split()) for p in _phrase_list("en_emphatic_negations.txt"))


# Cues whose clause is an admission or a warning, never a rebuttal (lemmas of en_speech_verbs.tsv).
_EN_CONCEDING = frozenset(_word_list("en_conceding_verbs.txt"))


def en_cue_concedes(cue: str) -> bool:
    """Whether a cue admits or warns ("admitted", "acknowledged", "cautioned")."""
    words = cue.lower().split()
    return bool(words) and _EN_CUES.get(words[0]) in _EN_CONCEDING


# An English possessive right after a name: "Vale's lawyer", "Jones' lawyer".
_EN_POSSESSIVE_AFTER_RE = re.compile(r"['’](?:s\b|\s)")


def en_possessive_at(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is someone's owner ("Vale's lawyer"), not who is named."""
    return _EN_POSSESSIVE_AFTER_RE.match(text, end) is not None
