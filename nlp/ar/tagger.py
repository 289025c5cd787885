"""The rule-based Arabic entity tagger (``_ArabicTagger``): gazetteer matches, cue nouns,
given names, Latin runs, feminine-verb and إن/أن subjects, then pruning and a lexicon pass.
"""

from __future__ import annotations

from marsad.nlp import arabic as ar
from marsad.nlp.ar.cues import _AR_COMP_START_RE, SPEECH_VERBS
from marsad.nlp.ar.names import (
    _FOREIGN_PREPOSITIONS,
    _NEGATIONS,
    _THAT,
    _THAT_BARE,
    _feminine_verb,
    _foreign_un,
    _hamza_al,
    _is_name_word,
    _NameScanner,
)
from marsad.nlp.gazetteer import gazetteer
from marsad.nlp.spans import _EN_GIVEN, _LOWER_CONNECTORS, _ORG_SUFFIXES, _Span
from marsad.nlp.tokens import tokenize

# Heads of a body's name only with "العامة" after them: "الإدارة العامة للجمارك".
_DIRECTORATES = ar.word_set("ar_directorate_heads.txt")


class _ArabicTagger(_NameScanner):
    """One pass of rule-based Arabic NER over a tokenised text."""

    def __init__(self, text: str):
        self.text = text
        self.toks = tokenize(text)
        self.n = len(self.toks)
        self.gaz = gazetteer()
        self.spans: list[_Span] = []
        self.used = [False] * self.n
        self._starts = {t.start: k for k, t in enumerate(self.toks)}
        self._ends = {t.end: k for k, t in enumerate(self.toks)}
        # Every rule asks for the clitic splits of the same tokens; compute them once.
        self._stems = [
            [(0, t.norm), *ar.clitic_splits(t.norm)] if t.kind == "ar" else [(0, t.norm)] for t in self.toks
        ]

    # -- helpers -----------------------------------------------------------

    def emit(self, i: int, j: int, label: str, ident: str | None = None, name: str | None = None,
             source: str = "rule", skip: int = 0) -> int:
        """Records tokens i..j-1 as an entity (the first ``skip`` letters of token i are clitics)."""
        if j <= i or any(self.used[i:j]):
            return i
        first = self.toks[i]
        start = first.start + (ar.surface_offset(first.text, skip) if skip else 0)
        self.spans.append(_Span(start, self.toks[j - 1].end, label, ident, name, source))
        for k in range(i, j):
            self.used[k] = True
        return j

    def stems(self, i: int) -> list[tuple[int, str]]:
        """The unsplit form and the clitic splits of token i."""
        return self._stems[i]

    def gaz_at(self, i: int, context: bool = False, prefer: str | None = None
               ) -> tuple[int, int, str] | None:
        """Longest gazetteer match starting at token i: (end, clitic letters, id)."""
        index = self.gaz.ar_context_index if context else self.gaz.ar_index
        t = self.toks[i]
        if t.kind == "lat":
            return None
        for skip, stem in self.stems(i):
            if skip and t.norm[0] == "ك" and not stem.startswith("ال"):
                continue  # "كساب" is a name, not ك + ساب (SAP): "like X" rarely precedes a name
            for n in self.gaz.lengths(index, stem):
                if i + n > self.n:
                    continue
                window = self.toks[i + 1 : i + n]
                if any(w.kind == "punct" for w in window):
                    continue
                ids = index.get((stem, *(w.norm for w in window)))
                if ids and n == 1 and skip == 0 and self.common_alias(i, i + 1):
                    continue
                if ids:
                    if prefer:
                        ids = sorted(ids, key=lambda x: self.gaz.entries[x].label != prefer)
                    return i + n, skip, ids[0]
        return None

    # -- rules -------------------------------------------------------------

    def run(self) -> list[_Span]:
        i = 0
        while i < self.n:
            if self.used[i]:
                i += 1
                continue
            t = self.toks[i]
            if t.kind == "lat":
                i = self.latin(i, None)
                continue
            if t.kind != "ar":
                i += 1
                continue
            m = self.gaz_at(i)
            if m:
                end, skip, ident = m
                e = self.gaz.entries[ident]
                i = self.emit(i, end, e.label, e.id, e.name, "gaz", skip)
                continue
            nxt = self.letters(i)
            if nxt is None:
                nxt = self.apposition(i)
            if nxt is None:
                nxt = self.speaker_after_verb(i)
            if nxt is None:
                nxt = self.bare_subject(i)
            if nxt is None:
                nxt = self.foreign_object(i)
            if nxt is None:
                nxt = self.after_nisba(i)
            if nxt is None:
                nxt = self.named_spokesperson(i)
            if nxt is None:
                nxt = self.cue(i)
            i = nxt if nxt > i else i + 1
        self.prune()
        self.lexicon_pass()
        self.prune()
        return self.spans

    def apposition(self, i: int) -> int | None:
        """"سامي الحلبي، مؤسس شركة …": name words, a comma, then a title make a person."""
        t = self.toks[i]
        if not _is_name_word(t) or ar.has_article(t.norm):
            return None
        end = self.name_run(i, limit=3)
        if end - i < 2 or end + 1 >= self.n or self.toks[end].text not in ("،", ","):
            return None
        if self.word_after_clitic(end + 1, ar.PERSON_TITLES) is None:
            return None
        return self.emit(i, end, "PERSON")

    def speaker_after_verb(self, i: int) -> int | None:
        """"قال زهير مراد إن …": two or three name words between a speech verb and a boundary."""
        if self.word_after_clitic(i, SPEECH_VERBS) is None:
            return None
        j = i + 1
        if j >= self.n or self.used[j]:
            return None
        first = self.toks[j]
        if first.kind != "ar" or not _is_name_word(first) or ar.has_article(first.norm) \
                or first.norm in ar.SUBJECT_NOUNS or first.norm.endswith(("ون", "ين")) \
                or (first.text.endswith("ة") and first.norm not in ar.GIVEN_NAMES):
            return None
        end = self.name_run(j, limit=3)
        if end - j < 2:
            return None
        if any(t.text.endswith("ة") or t.norm in ar.SUBJECT_NOUNS for t in self.toks[j + 1 : end]):
            return None
        nxt = self.toks[end] if end < self.n else None
        boundary = (
            nxt is None
            or nxt.kind == "punct"
            or nxt.norm in ar.FUNCTION_WORDS
            or nxt.norm in ar.VERBS
            or (nxt.kind == "ar" and nxt.norm.startswith("ل") and len(nxt.norm) >= 3)
        )
        if not boundary:
            return None
        if first.norm not in ar.GIVEN_NAMES and _feminine_verb(self.toks[i].norm) and not (
            end - j == 2 and first.norm.endswith(("ا", "ي", "ه", "ين"))
            and self.toks[end - 1].norm not in ar.COMPANY_WORDS
            and not all(len(t.norm) <= 3 for t in self.toks[j:end])
        ):
            # "قالت توتال إنرجيز إن": after a feminine verb an unknown name is a
            # company, unless it is two words whose first ends like a woman's
            # given name ("قالت بريتاني كايزر", "غريتا ليندكفيست").
            return self.emit(j, end, "ORG")
        return self.emit(j, end, "PERSON")

    def latin(self, j: int, label: str | None) -> int:
        end = self.latin_run(j)
        if end == j:
            return j + 1
        # Drop a trailing lowercase connector or symbol.
        while end > j and (self.toks[end - 1].text in _LOWER_CONNECTORS or self.toks[end - 1].kind == "punct"):
            end -= 1
        if end == j:
            return j + 1
        surface = self.text[self.toks[j].start : self.toks[end - 1].end]
        entry = self.gaz.lookup(surface, "en")
        if entry:
            return self.emit(j, end, entry.label, entry.id, entry.name, "gaz")
        if label is None:
            words = surface.split()
            if words[-1] in _ORG_SUFFIXES or surface.isupper():
                label = "ORG"
            elif words[0] in _EN_GIVEN and len(words) > 1:
                label = "PERSON"
        return self.emit(j, end, label or "ORG", None, None, "latin")

    def cue(self, i: int) -> int:
        """Tries the cue rules at token i; returns the token after what it consumed."""
        toks = self.toks
        skip = self.word_after_clitic(i, ar.ORG_DESCRIPTORS)
        if skip is not None:
            return self.after_descriptor(i + 1)
        skip = self.word_after_clitic(i, ar.ORG_HEADS)
        if skip is None and i + 1 < self.n and self.toks[i + 1].norm == "العامه":
            # "الإدارة العامة للجمارك", "المديرية العامة للأمن": a general directorate names a body
            # ("الإدارة الأمريكية", "إدارة المخاطر" do not).
            skip = self.word_after_clitic(i, _DIRECTORATES)
        if skip is not None:
            return self.org_head(i, skip)
        skip = self.word_after_clitic(i, ar.PERSON_TITLES)
        if skip is not None:
            return self.after_title(i + 1)
        skip = self.word_after_clitic(i, ar.PLACE_CUES)
        if skip is not None:
            j = i + 1
            while j < self.n and toks[j].norm in ar.NISBA:
                j += 1
            if j < self.n and not self.used[j]:
                m = self.gaz_at(j, prefer="GPE")
                if m:
                    end, sk, ident = m
                    e = self.gaz.entries[ident]
                    return self.emit(j, end, e.label, e.id, e.name, "gaz", sk)
                end = self.name_run(j, limit=3, allow_definite_after=False, org=True)
                t = toks[j]
                if end == j and t.kind == "ar" and t.norm.startswith("ال") and not ar.is_common(t.norm) \
                        and _is_name_word(t) and t.norm not in ar.NISBA:
                    end = j + 1  # "ميناء العريش", "مدينة العلا": a definite town name
                if end > j:
                    return self.emit(j, end, "GPE")
            return i + 1
        skip = self.word_after_clitic(i, ar.GIVEN_NAMES)
        # Only و/ف attach to a bare name; "كريم" is not ك + ريم.
        if skip is not None and (skip == 0 or (skip == 1 and toks[i].norm[0] in "وف")) \
                and toks[i].norm not in ar.FUNCTION_WORDS:
            end = self.name_run(i, limit=4)
            after = toks[i + 1] if i + 1 < self.n else None
            before = toks[i - 1] if i > 0 else None
            # A lone given name before a comma is a name only where a name is
            # expected: "قال أحمد،"; "أموال العملاء آمنة،" is an adjective.
            lone_ok = after is not None and (after.norm in _THAT or (after.kind == "punct" and (
                before is None or before.kind == "punct" or self.word_after_clitic(i - 1, ar.VERBS) is not None
                or _feminine_verb(before.norm))))
            if end > i + 1 or lone_ok:
                return self.emit(i, end, "PERSON", skip=skip)
        return i + 1

    def bare_subject(self, i: int) -> int | None:
        """A name without a cue as the subject of a clause: "رفعت فودافون الأسعار", "أن ستاربكس ستغلق".

        After a feminine perfect verb (companies are grammatically feminine)
        the subject must be followed by a boundary, a complementiser or a
        common word (the object); after إن/أن it must be followed by a verb or
        a negation. The words must be name words that the common-word lexicon
        and the verb/masdar shapes do not claim, without the article.
        """
        t = self.toks[i]
        if t.kind != "ar":
            return None
        that = t.norm in _THAT_BARE
        if not that and not _feminine_verb(t.norm):
            return None
        j = i + 1
        if j >= self.n or self.used[j]:
            return None
        f = self.toks[j]
        if f.kind != "ar" or ar.has_article(f.norm) or not _is_name_word(f) or f.norm in ar.SUBJECT_NOUNS \
                or f.norm in ar.GIVEN_NAMES or f.text.endswith(("ة", "ه")) \
                or f.norm.endswith(("ات", "ين")) or (f.norm.endswith("ون") and not _foreign_un(f.norm)) \
                or self.gaz_at(j) \
                or self.word_after_clitic(j, ar.ORG_DOMAIN_NOUNS) is not None:
            return None
        end = self.name_run(j, limit=3, allow_definite_after=False, org=True)
        if end == j or any(t.text.endswith(("ه", "ها", "هم")) for t in self.toks[j:end]):
            return None  # a possessive suffix marks a common noun ("صافي أرباحه")
        nxt = self.toks[end] if end < self.n else None
        if that:
            boundary = nxt is not None and nxt.kind == "ar" and (
                nxt.norm in _NEGATIONS or self.word_after_clitic(end, ar.VERBS) is not None
                or ar.is_verb_shape(nxt.norm)
            )
        else:
            # One word before a definite noun is a construct phrase ("منعت دخول المساعدات").
            boundary = nxt is None or nxt.kind == "punct" or nxt.norm in _THAT or nxt.norm in ar.FUNCTION_WORDS \
                or ar.is_listed_common(nxt.norm) or (ar.has_article(nxt.norm) and end - j > 1)
        if not boundary:
            return None
        return self.emit(j, end, "ORG")

    def after_nisba(self, i: int) -> int | None:
        """A person described by a definite noun and a nationality: "العداء المغربي سفيان البقالي".

        The noun before the nationality is a profession or role the title
        list does not know; two name words (or one known given name) after it
        are the person.
        """
        t = self.toks[i]
        if t.kind != "ar" or t.norm not in ar.NISBA or not ar.has_article(t.norm) or i == 0:
            return None
        prev = self.toks[i - 1]
        if prev.kind != "ar" or not ar.has_article(prev.norm) or self.used[i - 1] \
                or prev.norm in ar.NISBA or self.word_after_clitic(i - 1, ar.ORG_DESCRIPTORS) is not None \
                or self.word_after_clitic(i - 1, ar.ORG_HEADS) is not None:
            return None
        j = i + 1
        if j >= self.n or self.used[j] or self.toks[j].kind != "ar" or self.gaz_at(j):
            return None
        f = self.toks[j]
        if not _is_name_word(f) or (ar.has_article(f.norm) and not _hamza_al(f)) or f.text.endswith("ة") \
                and f.norm not in ar.GIVEN_NAMES:
            return None
        end = self.name_run(j, limit=3)
        if end - j >= 2 or (end - j == 1 and f.norm in ar.GIVEN_NAMES):
            return self.emit(j, end, "PERSON")
        return None

    def named_spokesperson(self, i: int) -> int | None:
        """The spokesperson named after the body: "المتحدث باسم وزارة … التونسية الهادي الفرجاني أن".

        The last span ends right before token i and began right after "باسم";
        a given name written with the article (الهادي، الحبيب، الطاهر), which the
        given-name rules do not take for a name, and one more name word make the
        person, when a complementiser, a comma or the sentence's end follows.
        """
        t = self.toks[i]
        if t.kind != "ar" or not ar.has_article(t.norm) or ar.strip_article(t.norm) not in ar.GIVEN_NAMES \
                or not self.spans or i + 1 >= self.n:
            return None
        body = self.spans[-1]
        first = next((k for k in range(i) if self.toks[k].end > body.start), None)
        if body.end != self.toks[i - 1].end or not first or self.toks[first - 1].norm not in ("باسم", "وباسم"):
            return None
        f = self.toks[i + 1]
        if f.kind != "ar" or self.used[i + 1] or ar.is_common(f.norm) or f.norm in ar.FUNCTION_WORDS:
            return None
        after = self.toks[i + 2] if i + 2 < self.n else None
        if after is not None and after.text not in ("،", ",", ".", ":") \
                and not _AR_COMP_START_RE.match(after.norm):
            return None
        return self.emit(i, i + 2, "PERSON")

    def letters(self, i: int) -> int | None:
        """An initialism spelled in Arabic letter names: "بي واي دي", "إم بي سي" (two or more)."""
        k = i
        while k < self.n and self.toks[k].kind == "ar" and self.toks[k].norm in ar.LETTER_NAMES:
            k += 1
        if k - i < 2 or any(self.used[i:k]):
            return None
        if all(t.norm in ar.FUNCTION_WORDS for t in self.toks[i:k]):
            # "إن أي سفينة لم …": a complementiser and "any", not the letters N and I.
            return None
        return self.emit(i, k, "ORG")

    def foreign_object(self, i: int) -> int | None:
        """A transliterated name after مع/من/عن without a cue: "اتفاقا مع فودافون", "قادما من بنفيكا".

        Prepositions are followed by any noun, so the first word must have the
        shape of a transliterated name (``nlp.arabic.looks_foreign``); more
        name words may follow it. The label is ORG: people after these
        prepositions nearly always come with a title or a known given name,
        which other rules handle.
        """
        if self.toks[i].norm not in _FOREIGN_PREPOSITIONS:
            return None
        j = i + 1
        if j >= self.n or self.used[j] or self.toks[j].kind != "ar" or not ar.looks_foreign(self.toks[j].norm) \
                or self.toks[j].norm in ar.GIVEN_NAMES or self.gaz_at(j):
            return None
        end = self.name_run(j, limit=3, allow_definite_after=False, org=True)
        if end == j:
            return None
        nxt = self.toks[end] if end < self.n else None
        if nxt is not None and nxt.kind == "ar" and ar.has_article(nxt.norm) and end - j == 1:
            return None  # a construct phrase
        return self.emit(j, end, "ORG")

    def prune(self) -> None:
        """Drops and trims rule spans that start or end in a common word.

        A person's name never ends in a verb, a masdar or a common noun
        ("كوغان بشراء", "أسماء المستخدمين"); an organisation found by a rule
        does not end in an indefinite common word ("لومينا باي تطبيقا") and
        is not made of common words only ("تحليل", "الاتصالات").
        """
        index, ends = self._starts, self._ends
        kept = []
        for s in self.spans:
            if s.source not in ("rule", "lexicon"):
                kept.append(s)
                continue
            first = index.get(s.start)
            if first is None:  # the span starts after a clitic inside a token
                first = max(k for k, t in enumerate(self.toks) if t.start <= s.start)
            last = ends[s.end]
            toks = self.toks[first : last + 1]
            if s.label == "PERSON":
                while toks and toks[-1].kind == "ar" and ar.is_common(toks[-1].norm) \
                        and toks[-1].norm not in ar.COMPOUND_SECOND:
                    toks.pop()
                if toks and toks[0].kind == "ar" and ar.is_common(toks[0].norm):
                    toks = []
            else:
                while len(toks) > 1 and toks[-1].kind == "ar" and not ar.has_article(toks[-1].norm) \
                        and not toks[-1].norm.startswith("لل") \
                        and ar.is_common(toks[-1].norm) and toks[-1].norm not in ar.ORG_DOMAIN_NOUNS:
                    toks.pop()
                if all(t.kind == "ar" and (ar.is_listed_common(t.norm) or any(
                        st in ar.ORG_DOMAIN_NOUNS for _, st in ar.clitic_splits(t.norm))) for t in toks):
                    toks = []
            if not toks:
                for k in range(first, last + 1):
                    self.used[k] = False
                continue
            new_last = first + len(toks) - 1
            for k in range(new_last + 1, last + 1):
                self.used[k] = False
            s.end = self.toks[new_last].end
            kept.append(s)
        self.spans = kept

    def lexicon_pass(self) -> None:
        """Finds later (or earlier) mentions of names the rules found once, without their cue."""
        lex: dict[tuple[str, ...], _Span] = {}
        for s in self.spans:
            if s.source == "gaz" and s.label == "PERSON":
                k = ar.key(self.text[s.start : s.end])
                if len(k) > 1 and not ar.has_article(k[-1]):
                    lex.setdefault((k[-1],), s)
                continue
            if s.source not in ("rule",):
                continue
            k = tuple(ar.key(self.text[s.start : s.end]))
            if k:
                lex.setdefault(k, s)
                if s.label == "ORG" and len(k) > 1 and k[-1].startswith("لل"):
                    lex.setdefault(k[:-1], s)  # "ستيلار للضيافة" … "ستيلار"
                if s.label == "PERSON" and len(k) > 1:
                    lex.setdefault((k[-1],), s)
                    if len(k) > 2:
                        lex.setdefault(k[-2:], s)
        if not lex:
            return
        max_len = max(len(k) for k in lex)
        firsts = {k[0] for k in lex}
        for i in range(self.n):
            if self.used[i] or self.toks[i].kind != "ar":
                continue
            for skip, stem in self.stems(i):
                if stem not in firsts:
                    continue
                hit = None
                for n in range(min(max_len, self.n - i), 0, -1):
                    k = (stem, *(t.norm for t in self.toks[i + 1 : i + n]))
                    if k in lex and not any(self.used[i : i + n]):
                        hit = (n, lex[k])
                        break
                if hit:
                    self.emit(i, i + hit[0], hit[1].label, hit[1].id, hit[1].name, "lexicon", skip)
                    break
