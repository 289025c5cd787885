"""What an Arabic name word is, and how far a run of name words reaches from a token
(``_NameScanner``: organisation names, descriptors, titles), for the rule tagger.
"""

from __future__ import annotations

import re
from functools import lru_cache

from marsad.nlp import arabic as ar
from marsad.nlp.latin_names import field_word
from marsad.nlp.spans import _LOWER_CONNECTORS
from marsad.nlp.tokens import Token

# ---------------------------------------------------------------------------
# Arabic


def _is_name_word(tok: Token) -> bool:
    """True for an Arabic token that can be part of a name (no particle, verb, cue or nisba)."""
    return tok.kind == "ar" and _name_word_norm(tok.norm)


@lru_cache(maxsize=100_000)
def _name_word_norm(n: str) -> bool:
    # Cached by normal form: every rule asks about the same few hundred words.
    return (
        len(n) >= 2
        and n not in ar.FUNCTION_WORDS
        and n not in ar.VERBS
        and n not in ar.NISBA
        and n not in ar.PERSON_TITLES
        and n not in ar.ORG_DESCRIPTORS
        and n not in ar.ORG_HEADS
        and not (n[0] in "وف" and n[1:] in ar.FUNCTION_WORDS | ar.VERBS)
        and not (n[0] in "لبك" and len(n) > 3 and n[1:] in ar.FUNCTION_WORDS)  # "لذلك"
        and n != "بلا"
        # Common nouns, masdars, adverbs and verb shapes ("هنا", "بشراء", "تعتمد").
        and not ar.is_common(n)
        # A possessive suffix marks a common noun ("خدمتها", "أسهمهم").
        and not (len(n) > 4 and n.endswith(("ها", "هم", "هما")))
    )


class _NameScanner:
    """How far a run of name words reaches from a token: the scans _ArabicTagger's rules build on."""

    def word_after_clitic(self, i: int, words: frozenset[str]) -> int | None:
        """Clitic letters to skip if token i is one of ``words`` (possibly with proclitics)."""
        for skip, stem in self._stems[i]:
            if stem in words:
                return skip
        return None

    def skip_quotes(self, j: int) -> int:
        while j < self.n and self.toks[j].text in "\"«“'(":
            j += 1
        return j

    def latin_run(self, j: int) -> int:
        """End of a run of capitalised Latin words starting at j (j itself when there is none)."""
        k = j
        while k < self.n:
            t = self.toks[k]
            if t.kind == "lat" and (t.text[:1].isupper() or t.text[:1].isdigit() or t.text == "e&"):
                k += 1
            elif t.kind == "lat" and t.text in _LOWER_CONNECTORS and k > j and k + 1 < self.n \
                    and self.toks[k + 1].kind == "lat" and self.toks[k + 1].text[:1].isupper():
                k += 1
            elif t.kind in ("num", "punct") and t.text in ("&", "+") and k > j:
                k += 1
            elif t.kind == "num" and k > j and self.text[self.toks[k - 1].end : t.start] == " ":
                k += 1
            else:
                break
        # A run must not swallow text across a bracket or a line.
        return k

    def name_run(self, j: int, limit: int = 4, allow_definite_after: bool = True, org: bool = False) -> int:
        """End of a run of Arabic name words starting at j.

        A definite word may be a person's family name ("سامي الحلبي") only
        right after one first name; particles (بن، آل، أبو، عبد) glue to the
        next word. A run stops where a known name starts, and an organisation
        name also stops at a given name (the person who follows it) and at a
        word with the preposition ل.
        """
        k = j
        glued = 0  # words joined to the next by a particle ("عبد الباري" is one part)
        while k < self.n and k - j < limit:
            t = self.toks[k]
            if t.kind != "ar":
                break
            if t.norm in ar.NAME_PARTICLES and k + 1 < self.n and self.toks[k + 1].kind == "ar":
                k += 2
                glued += 1
                continue
            if k > j and t.norm == "علي" and t.text.endswith("ي") and not self.used[k]:
                k += 1  # "خالد علي": Ali, not the preposition على (same normal form)
                continue
            if k > j and t.norm in ar.COMPOUND_SECOND and not self.used[k]:
                k += 1  # "نور الهدى", "كمال الدين": "الدين" is also a common noun
                continue
            if not _is_name_word(t):
                if not org and k > j and t.norm.startswith("ال") and t.norm.endswith("ي") \
                        and t.norm not in ar.FUNCTION_WORDS:
                    # Family names are often nisba forms ("محمد شياع السوداني").
                    k += 1
                break
            if k - j - glued >= 2 and k + 1 < self.n and self.toks[k + 1].kind == "ar" \
                    and self.toks[k + 1].norm.startswith("ال") and not _hamza_al(self.toks[k + 1]) \
                    and not ar.has_article(t.norm) and not ar.looks_foreign(t.norm) \
                    and self.toks[k + 1].norm not in ar.NISBA | ar.ORG_DEFINITE_SUFFIXES \
                    and not self.toks[k + 1].norm.endswith("ي"):
                # A word followed by a definite noun heads a construct phrase
                # ("شراب السعال", "دخول القوات"): the sentence has moved on.
                break
            if k > j:
                if self.used[k]:
                    break
                if t.norm in ar.COMPOUND_SECOND:
                    k += 1  # "كمال الدين", "عبد الله"
                    continue
                m = self.gaz_at(k)
                if m and self.gaz.entries[m[2]].label != "PERSON":
                    e = self.gaz.entries[m[2]]
                    if e.label == "GPE" and m[0] == k + 1 and m[1] == 0 and (
                        org or (k == j + 1 and ar.has_article(t.norm))
                    ):
                        # "أسمنت تبوك", "مدى مصر"; a family name that is a town ("سامر الخليل").
                        k += 1
                    break
                if _preposition_l(t.norm) or (org and t.norm in ar.GIVEN_NAMES) or _not_name_shape(t.norm):
                    break
                if t.norm[0] in "بل" and t.text.endswith("ة"):
                    break  # "معان بقدرة": a prepositional phrase, not a name word
                if k - j >= 2 and len(t.norm) >= 6 and t.norm.endswith(("ين", "ون")):
                    break  # "حامد كرزاي مسؤولين": a plural object, not a third name
                # Foreign names rarely end a word in teh marbuta or a plural -ات;
                # such a word after a name is the sentence going on ("منتجات").
                if k - j >= 2 and (t.text.endswith("ة") or (t.norm.endswith("ات") and len(t.norm) > 5)):
                    break
                if org and ar.has_article(t.norm) and t.norm in ar.ORG_DEFINITE_SUFFIXES:
                    k += 1
                    break
            if ar.has_article(t.norm) and not _hamza_al(t):
                if not allow_definite_after or (k != j + 1 and not t.norm.endswith("ي")):
                    break
                k += 1
                nxt = self.toks[k] if k < self.n else None
                if nxt is not None and nxt.kind == "ar" and nxt.norm.startswith("ال") \
                        and nxt.norm.endswith("ي") and _is_name_word(nxt) and k - j < limit:
                    k += 1  # "فاطمة الزهراء الإدريسي"
                break
            k += 1
        return k

    def trade_at(self, k: int) -> bool:
        """True when token k is لل + a trade ("للاتصالات") that ends a company's name: no definite word after it
        (which describes the company), nor a ب-phrase ("تبرعت … للتعليم بعشرة ملايين": given to education)."""
        nxt = self.toks[k + 1] if k + 1 < self.n else None
        return k < self.n and self.toks[k].norm.startswith("لل") \
            and any(st in ar.ORG_DOMAIN_NOUNS for _, st in self.stems(k)) \
            and not (nxt is not None and nxt.kind == "ar" and (ar.has_article(nxt.norm) or nxt.norm.startswith("ب")))

    def org_name(self, j: int, label: str = "ORG", known_only: bool = False, weak: bool = False) -> int:
        """Finds an organisation name at j (gazetteer, Latin run, or name words); returns its end.

        ``known_only`` (after an anaphoric cue such as "الشركة") accepts only
        a gazetteer or Latin-script name; ``weak`` (after a cue such as "مركز")
        accepts name words only when a domain noun closes them ("بوسفوروس للأبحاث").
        """
        j = self.skip_quotes(j)
        if j >= self.n or self.used[j]:
            return j
        t = self.toks[j]
        if t.kind == "lat":
            return self.latin(j, label)
        if not self.gaz_at(j):
            spelled = self.letters(j)
            if spelled is not None:
                return spelled
        m = self.gaz_at(j, context=True, prefer="ORG") or self.gaz_at(j, prefer="ORG")
        if m:
            end, sk, ident = m
            e = self.gaz.entries[ident]
            if e.label == "ORG" and end < self.n and self.toks[end].norm in ar.COMPANY_WORDS:
                # "أمازون ويب سيرفيسز": a known name followed by company words is another company.
                stop = end
                while stop < self.n and self.toks[stop].norm in ar.COMPANY_WORDS:
                    stop += 1
                return self.emit(j, stop, "ORG")
            if e.label == "ORG" and self.trade_at(end):
                end += 1  # "شركة زين للاتصالات": the trade noun is part of the company's name
            elif e.label != "PERSON" and self.trade_at(end):
                return self.emit(j, end + 1, "ORG")  # "شركة مصر للتأمين": a company named after a place
            return self.emit(j, end, e.label if e.label != "GPE" else "ORG", e.id, e.name, "gaz", sk)
        if ar.has_article(t.norm) or known_only:
            return j
        if t.norm in ar.GIVEN_NAMES:
            # Companies named after their founder ("مجموعة ماجد الفطيم", "شركة حمدان للتجارة").
            end = self.name_run(j, limit=3)
            if end > j and self.trade_at(end):
                end += 1
            return self.emit(j, end, label) if end > j else j
        end = self.name_run(j, limit=3, allow_definite_after=False, org=True)
        if end == j and t.kind == "ar" and not self.used[j] and t.norm not in ar.FUNCTION_WORDS \
                and self.word_after_clitic(j, ar.FUNCTION_WORDS) is None and not t.text.endswith("ة"):
            nxt = self.toks[j + 1] if j + 1 < self.n else None
            follows = nxt is not None and nxt.kind == "ar" and _is_name_word(nxt) \
                and not ar.has_article(nxt.norm)
            if not ar.is_listed_common(t.norm) or follows:
                # After a cue, the cue outweighs a word's shape ("شركة إعمار"), and a
                # common word before a name word is a brand ("منصة سوق بلس").
                end = self.name_run(j + 1, limit=2, allow_definite_after=False, org=True)
        # A domain noun with ل closes many company names ("نوفا للحلول").
        suffixed = False
        if end > j and end < self.n and self.toks[end].kind == "ar":
            n = self.toks[end].norm
            described = end + 1 < self.n and self.toks[end + 1].kind == "ar" \
                and self.toks[end + 1].norm.startswith("ال")
            # "نوفا داتا للحلول" names the company; "أنغامي للبث الموسيقي" describes it.
            if not described and ((n.startswith("لل") and not n.endswith(("ين", "ون"))) or any(
                st in ar.ORG_DOMAIN_NOUNS for sk, st in self.stems(end) if sk >= 2
            )):
                end += 1
                suffixed = True
        if end == j + 1 and not suffixed and t.text.endswith("ة") and not ar.looks_foreign(t.norm):
            after = self.toks[end] if end < self.n else None
            if after is None or after.kind == "punct" or after.norm in ar.FUNCTION_WORDS \
                    or self.word_after_clitic(end, ar.FUNCTION_WORDS) is not None:
                return j  # "شركة وساطة بسبب": an indefinite noun says what kind of company
        if end > j and (suffixed or not weak):
            return self.emit(j, end, label)
        return j

    def after_descriptor(self, j: int) -> int:
        """Name after شركة/صحيفة/منصة…: the cue is not part of it unless the name is descriptive."""
        cue = j - 1
        cue_skip, cue_stem = next(
            ((sk, st) for sk, st in self.stems(cue) if st in ar.ORG_DESCRIPTORS), (0, self.toks[cue].norm)
        )
        label = "MISC" if cue_stem in ar.PRODUCT_CUES else "ORG"
        known_only = cue_stem.startswith("ال")
        if cue > 0 and (self.toks[cue - 1].kind == "num" or self.toks[cue - 1].norm in _QUANTIFIERS):
            return j  # "30 شركة غادرت": a count of companies, not a name
        weak = cue_stem in ar.WEAK_DESCRIPTORS
        while j < self.n and self.toks[j].norm in ar.NISBA:
            # "الشركة البريطانية كامبريدج أناليتيكا": the adjective describes the cue.
            j += 1
            known_only = False
        if j >= self.n:
            return j
        k = self.description_end(j)
        if k > j:
            # "شركة تحليل البيانات X", "شركة الاتصالات زين": a description of the
            # company's trade sits between the cue and its name.
            return max(self.org_name(k, label, known_only, weak), k)
        t = self.toks[j]
        if t.kind == "ar" and ar.has_article(t.norm) and not known_only \
                and not self.gaz_at(j, context=True) and not self.gaz_at(j):
            end = j
            while end < self.n and end - j < 3 and self.toks[end].kind == "ar" \
                    and ar.has_article(self.toks[end].norm) and _is_name_word_or_nisba(self.toks[end]):
                end += 1
            if end > j and label == "ORG" and self.trade_at(end):
                return self.emit(j, end + 1, label)  # "شركة الفرات للنقل": a definite name and its trade
            if cue_stem in ar.INCLUSIVE_DESCRIPTORS and end > j:
                # "وكالة الأنباء السعودية" has no separate name: the cue starts it.
                return self.emit(cue, end, label, skip=cue_skip)
            if cue_stem in ar.DEFINITE_NAME_DESCRIPTORS:
                while end > j and self.toks[end - 1].norm in ar.NISBA:
                    end -= 1
                if end > j:
                    return self.emit(j, end, label)
            return j
        return max(self.org_name(j, label, known_only, weak), j)

    def common_alias(self, i: int, end: int) -> bool:
        """True when a one-word gazetteer alias is here a common noun heading a phrase.

        "صور" is Tyre and also "pictures": before another word ("وصور ملفاتهم")
        it is the noun.
        """
        if end != i + 1 or not ar.is_listed_common(self.toks[i].norm) or end >= self.n:
            return False
        nxt = self.toks[end]
        return nxt.kind == "ar" and nxt.norm not in ar.FUNCTION_WORDS and nxt.norm not in ar.VERBS

    def description_end(self, j: int) -> int:
        """End of a trade description after a cue when a name follows it, else j.

        The description is one to three common words (a masdar, a domain noun)
        ending in a definite word or a domain noun: "تحليل البيانات",
        "الاتصالات", "بيانات الصحة". The word after it must be able to start a
        name: Latin script, a gazetteer name, or an indefinite name word.
        """
        k = j
        while k < self.n and k - j < 4 and self.toks[k].kind == "ar" and not self.gaz_at(k) and (
            ar.is_listed_common(self.toks[k].norm)
            or any(st in ar.ORG_DOMAIN_NOUNS for _, st in self.stems(k))
            or (k > j and self.toks[k].norm in ar.NISBA)  # "شركة الأدوية السويسرية نوفارتيس"
        ):
            k += 1
        if k == j or k >= self.n or self.used[k]:
            return j
        last = self.toks[k - 1].norm
        if not (ar.has_article(last) or last in ar.ORG_DOMAIN_NOUNS or last in ar.NISBA):
            return j
        nt = self.toks[k]
        if nt.kind == "lat" or self.gaz_at(k) or (
            nt.kind == "ar" and _is_name_word(nt) and not ar.has_article(nt.norm) and not nt.text.endswith("ة")
        ):
            return k
        return j

    def org_head(self, i: int, skip: int) -> int:
        """وزارة الخارجية، جامعة كامبريدج، الهيئة العامة للإحصاء: the cue starts the name."""
        m = self.gaz_at(i)
        if m:
            end, sk, ident = m
            e = self.gaz.entries[ident]
            return self.emit(i, end, e.label, e.id, e.name, "gaz", sk)
        j = i + 1
        end = j
        for_what = False
        if any(st in ar.FIELD_HEADS for _, st in self.stems(i)) and not (j < self.n and (
                ar.strip_article(self.toks[j].norm) in _DEPARTMENT_FIELDS
                or ((place := self.gaz_at(j)) and self.gaz.entries[place[2]].label == "GPE"))):
            return j  # "دائرة التعاون", "بكل أمانة": a department or a municipality only with its field or place
        while end < self.n and end - i < 6:
            t = self.toks[end]
            if t.kind != "ar" or t.norm in ar.FUNCTION_WORDS or t.norm in ar.VERBS \
                    or t.norm.startswith(("بال", "كال", "وبال")) or ar.is_verb_shape(t.norm) \
                    or t.norm in _ANAPHORIC_ORGS \
                    or (self.toks[i].norm.startswith("ال")
                        and self.word_after_clitic(end, ar.PERSON_TITLES) is not None):
                # "اتهمت الهيئة الدكتور X": after a definite head a title starts a
                # person ("جامعة الملك سعود" keeps it); "البنك يدرس", "وأمرت المحكمة
                # الشركة": the clause goes on.
                break
            li = self.li_complement(end) if end > j else None
            if li is not None:
                # "المؤسسة الوطنية للنفط", "الاتحاد الكويتي لكرة القدم": what the body is for, after its head or
                # an adjective, belongs to its name.
                end, for_what = li, True
                continue
            if end > j and self.toks[end - 1].norm in ar.NISBA and t.norm not in ar.NISBA:
                break  # a nationality adjective closes the name ("… الفرنسية الشركة")
            if self.toks[i].norm.startswith("ال") and end == j and t.norm.endswith("ات"):
                break  # "ورفضت الوزارة الانتقادات": an anaphoric head and its object
            if t.norm in _GENERIC_AFTER_HEAD and end == j:
                return j
            if ar.has_article(t.norm) or (t.norm.startswith(("لل", "ولل")) and t.norm not in ar.TOLD_TO):
                if t.norm.startswith(("وال", "ول")) and end == j:
                    break
                end += 1
                continue
            m = self.gaz_at(end)
            if m and end == j:
                e = self.gaz.entries[m[2]]
                if e.label == "ORG":
                    # "منظمة هيومن رايتس ووتش": the head only describes a known name.
                    return self.emit(j, m[0], e.label, e.id, e.name, "gaz", m[1])
                end = m[0]
                continue
            if end == j and not ar.has_article(t.norm) and ar.is_common(t.norm) and end + 1 < self.n \
                    and self.toks[end + 1].kind == "ar" and ar.has_article(self.toks[end + 1].norm):
                end += 1  # construct phrase on a common noun: "هيئة أسواق المال", "جمعية حماية المستهلك"
                continue
            if end == j and _is_name_word(t) and t.norm not in ar.NISBA:
                head = next((st for _, st in self.stems(i) if st in ar.ORG_HEADS), "")
                if head.startswith("ال"):
                    # "الهيئة ستشدد": a definite head refers back; no name follows. Nor is a
                    # given name after it the body's ("رئيس بعثة الصندوق إريك لوندغرين"): a
                    # definite noun is never the first member of a construct.
                    return j
                if t.norm in ar.GIVEN_NAMES:
                    end = self.name_run(end)  # "مؤسسة محمد بن راشد"
                    continue
                if end + 1 < self.n and self.toks[end + 1].kind == "ar" \
                        and ar.has_article(self.toks[end + 1].norm):
                    # Construct phrase: "هيئة أسواق المال", "جمعية حماية المستهلك".
                    end += 1
                    continue
                if head in ar.NAMED_HEADS:
                    # "جامعة نورثغيت", "بنك مسقط": the head is part of the name.
                    end = self.name_run(end, limit=3, allow_definite_after=False, org=True)
                    continue
                # "صندوق ليفانت فنتشرز": the head describes a name of its own.
                return self.org_name(j)
            break
        if end == j:
            return j
        if not for_what and any(st in ar.FOR_WHAT_HEADS for _, st in self.stems(i)):
            return j  # "احتل المركز الأول": "centre" names a body only with what it is for
        return self.emit(i, end, "ORG", skip=skip)

    def li_complement(self, k: int) -> int | None:
        """Where a ل complement that says what a body is for ends, when one starts at token k (after the head's
        first word): a field behind لل that the name table translates or nlp/data/ar_body_fields.txt lists
        ("للنفط", "للأرصاد"), or a listed field behind ل with the definite word it is in construct with ("لكرة
        القدم", "لإدارة الحالات"); None for anything else: a time ("للمرة الثانية"), an owner ("للجسم",
        "للمنتخب"), whom words are told to ("للصحفيين", "لرويترز")."""
        if k >= self.n or self.used[k]:
            return None
        t = self.toks[k]
        if t.kind != "ar" or t.norm in ar.TOLD_TO or not t.norm.startswith("ل") or len(t.norm) < 4:
            return None
        if t.norm.startswith("لل"):
            stem = t.norm[2:]
            if stem in _TIME_NOUNS or not (stem in _BODY_FIELDS or field_word("ال" + stem)):
                return None  # "المركز الأول للمرة الثانية", "الجهاز المناعي للجسم": when or whose, not what for
            return k + 1
        nxt = self.toks[k + 1] if k + 1 < self.n else None
        if nxt is None or nxt.kind != "ar" or not ar.has_article(nxt.norm) or nxt.norm in ar.FUNCTION_WORDS \
                or t.norm[1:] in ar.GIVEN_NAMES or self.gaz_at(k) or self.used[k + 1]:
            return None
        if t.norm[1:] not in _BODY_FIELDS:
            return None  # "الجمعية العامة لإصدار القرارات": what the body did next, not what it is for
        return k + 2

    def after_title(self, j: int) -> int:
        """Person name after a title, skipping modifiers and an organisation genitive."""
        toks = self.toks
        while j < self.n:
            t = toks[j]
            if t.text == ".":
                j += 1
                continue
            if t.kind != "ar":
                if t.kind == "lat":
                    return self.latin(j, "PERSON")
                return j
            if t.norm == "باسم":
                after = self.org_name(j + 1)
                nxt = self.toks[after] if after < self.n else None
                if after == j + 1 and nxt is not None and nxt.kind == "ar" and nxt.norm.startswith("ال") \
                        and after + 1 < self.n and self.toks[after + 1].norm in ar.NISBA \
                        and ar.has_article(self.toks[after + 1].norm):
                    # "المتحدث باسم الجيش الإسرائيلي أفيخاي أدرعي": a definite
                    # institution with its nationality (not annotated as a name
                    # in the gold set), then the spokesperson.
                    j = after + 2
                    continue
                if nxt is not None and nxt.kind == "ar" and nxt.norm in ar.GIVEN_NAMES | _ANAPHORIC_ORGS:
                    # "المتحدثة باسم الشركة كلارا فيشر": the spokesperson is named after the organisation.
                    j = after + (nxt.norm in _ANAPHORIC_ORGS)
                    continue
                return after
            if t.norm in ("باسمه", "باسمها"):
                j += 1
                continue
            if self.word_after_clitic(j, ar.ORG_DESCRIPTORS) is not None:
                j = self.after_descriptor(j + 1)
                continue
            if self.word_after_clitic(j, ar.ORG_HEADS) is not None:
                sk = self.word_after_clitic(j, ar.ORG_HEADS) or 0
                j = self.org_head(j, sk)
                continue
            if ar.has_article(t.norm) and t.norm not in ar.FUNCTION_WORDS:
                m = self.gaz_at(j)
                if m and self.gaz.entries[m[2]].label != "PERSON":
                    e = self.gaz.entries[m[2]]
                    j = self.emit(j, m[0], e.label, e.id, e.name, "gaz", m[1])
                    continue
                if m:
                    break
                j += 1
                continue
            if t.norm in ar.PERSON_TITLES or t.norm in ar.ORG_HEAD_NOUNS:
                j += 1  # "رئيس بعثة الصندوق …", "رئيسة وفد البنك …": a body's noun says whose title it is
                continue
            if t.norm == "في" and j + 1 < self.n and self.toks[j + 1].kind == "ar" \
                    and ar.has_article(self.toks[j + 1].norm) and j + 2 < self.n:
                j += 1  # "كبيرة العلماء في الشركة إنغريد فوس"
                continue
            break
        if j >= self.n or self.used[j]:
            return j
        m = self.gaz_at(j)
        if m:
            end, sk, ident = m
            e = self.gaz.entries[ident]
            if e.label == "PERSON":
                return self.emit(j, end, e.label, e.id, e.name, "gaz", sk)
            if e.label == "ORG":
                j = self.emit(j, end, e.label, e.id, e.name, "gaz", sk)
                if j >= self.n:
                    return j
                m = self.gaz_at(j)
                if m and self.gaz.entries[m[2]].label == "PERSON":
                    e = self.gaz.entries[m[2]]
                    return self.emit(j, m[0], e.label, e.id, e.name, "gaz", m[1])
        t = self.toks[j]
        if t.kind == "ar" and t.norm.startswith("ل") and not t.norm.startswith("لل") and len(t.norm) >= 5 \
                and t.norm not in ar.GIVEN_NAMES and j > 0 and self.toks[j - 1].kind == "ar" \
                and ar.has_article(self.toks[j - 1].norm) and _is_name_word(t):
            # "الرئيسة التنفيذية لإنفوسيس": ل + name is whose title it is.
            end = self.name_run(j, limit=3, allow_definite_after=False, org=True)
            return self.emit(j, end, "ORG", skip=1)
        end = self.name_run(j, limit=4)
        if end > j:
            last = self.spans[-1] if self.spans else None
            if (
                end - j == 1
                and j >= 3
                and last is not None
                and last.label == "ORG"
                and last.source == "rule"
                and last.end == self.toks[j - 1].end
                and last.start <= self.toks[j - 3].start
                and not self.toks[j - 1].norm.startswith("لل")
            ):
                # "رئيس شركة هوشي موتورز كينجي واتانابي": the company took the
                # first name; a person named by one word here is rarer.
                last.end = self.toks[j - 2].end
                self.used[j - 1] = False
                return self.emit(j - 1, end, "PERSON")
            return self.emit(j, end, "PERSON")
        last = self.spans[-1] if self.spans else None
        if (
            j >= 3
            and last is not None
            and last.label == "ORG"
            and last.source == "rule"
            and last.end == self.toks[j - 1].end
            and last.start == self.toks[j - 3].start
            and all(self.toks[k].norm in ar.GIVEN_NAMES or k > j - 2 for k in range(j - 2, j))
            and self.toks[j - 2].norm in ar.GIVEN_NAMES
        ):
            # "المتحدث باسم شركة سوناطراك إدريس بلقاسم إن": the last two words are the person.
            last.end = self.toks[j - 3].end
            self.used[j - 2] = self.used[j - 1] = False
            return self.emit(j - 2, j, "PERSON")
        return j


def _not_name_shape(norm: str) -> bool:
    """True for shapes that are verbs or adverbs rather than name words after a name.

    A future verb (سـ + imperfect: "ستنتج") or a circumstantial accusative
    ("قادما", "مؤكدا", "مشيرا") follows a subject name in news prose.
    """
    if 5 <= len(norm) <= 7 and norm[0] == "س" and norm[1] in "يتن" and not norm.endswith(("ي", "ا")):
        return True
    return norm in _CIRCUMSTANTIAL


def _preposition_l(norm: str) -> bool:
    """True when a word reads as ل + noun ("لتطوير", "لخدمات") rather than a name starting with L."""
    if norm.startswith("لل"):
        return True
    stem = norm[1:] if norm.startswith("ل") else ""
    return len(stem) >= 3 and (stem[0] in "تم" or stem in ar.ORG_DOMAIN_NOUNS or stem.endswith("ات"))


def _is_name_word_or_nisba(tok: Token) -> bool:
    return _is_name_word(tok) or tok.norm in ar.NISBA


_CIRCUMSTANTIAL = ar.word_set("ar_circumstantial_words.txt")
_FOREIGN_PREPOSITIONS = frozenset(ar._n("مع من عن"))
_ANAPHORIC_ORGS = frozenset(ar._n("الشركة المنظمة الوزارة الهيئة المنصة المجموعة الحكومة"))
_THAT_BARE = frozenset(ar._n("إن أن بأن لأن"))
_NEGATIONS = frozenset(ar._n("لن لم لا قد ما"))


def _hamza_al(tok: Token) -> bool:
    """True when a word starts with hamza-alef + lam ("ألباريس", "إلياس"): a name, not the article.

    The article is written with a bare alef; normalisation merges the two,
    so the surface form has to be asked.
    """
    bare = re.sub("[\u064b-\u065f\u0670\u0640]", "", tok.text)
    return bare[:2] in ("أل", "إل", "آل")


def _foreign_un(norm: str) -> bool:
    """True when a word in -ون reads as a foreign name (فودافون، ماكرون) rather than a plural (محتجون).

    Sound plurals are mostly participles (مـ…ون) or bare three-letter roots;
    a transliterated name carries a long vowel before the ending.
    """
    stem = norm[:-2]
    return not norm.startswith("م") and len(stem) >= 3 and any(c in "او" for c in stem[1:])


@lru_cache(maxsize=100_000)
def _feminine_verb(norm: str) -> bool:
    """True for a feminine perfect verb, possibly after و/ف ("قالت", "ورفعت", "نفت")."""
    if not norm.endswith("ت"):
        return False
    for skip, st in ((0, norm), *ar.clitic_splits(norm)):
        if skip <= 1 and (
            (len(st) == 5 and st[0] == "ا" and st[1] not in "اوي")  # form IV: أعلنت، أطلقت
            or (len(st) == 6 and st[0] == "ا" and st[2] == "ت")  # form VIII: افتتحت، اعتمدت
            or (len(st) == 7 and st.startswith("است"))  # form X: استحوذت
            or (len(st) == 6 and st[0] == "ت" and st[2] == "ا")  # form VI: تراجعت
        ):
            return True
        if skip > 1 or not st.endswith("ت") or not 3 <= len(st) <= 7:
            continue
        if st in ar.VERBS or st[:-1] in ar.VERBS or st[:-1] in ar.COMMON_WORDS:
            return True
    return False


_QUANTIFIERS = ar.word_set("ar_quantifiers.txt")

# "قال أحمد إن": a lone given name before a complementiser is a speaker.
_THAT = frozenset(ar._n("إن أن إنه أنه إنها أنها"))

_GENERIC_AFTER_HEAD = ar.word_set("ar_generic_after_head.txt")
# What a body is for, behind ل and in construct ("لكرة القدم", "لحقوق الإنسان"), normalised.
_BODY_FIELDS = ar.word_set("ar_body_fields.txt")
# What a department or a municipality is named for ("دائرة الجمارك", "أمانة منطقة الرياض"), normalised.
_DEPARTMENT_FIELDS = ar.word_set("ar_department_fields.txt")
# Times behind لل ("للمرة الثانية", "للعام الثالث"): never what a body is for ("العام" is also "general").
_TIME_NOUNS = frozenset({"مره", "يوم", "عام", "سنه", "اسبوع", "شهر", "ساعه", "مرحله", "دوره", "موسم"})
