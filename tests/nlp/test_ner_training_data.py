"""What the Arabic NER model is trained on: the corpus as Arabic is written, and entity-swapped copies."""

from __future__ import annotations

from marsad.nlp.ar import augment, corpus
from marsad.nlp.ar.corpus import Sentence


def _sentence(text: str) -> Sentence:
    """ "word/TAG word word/TAG" -> Sentence (untagged words are O)."""
    tokens, tags = [], []
    for item in text.split():
        word, _, tag = item.partition("/")
        tokens.append(word)
        tags.append(tag or "O")
    return Sentence(tokens, tags)


def test_clitics_are_glued_to_their_words() -> None:
    s = corpus.as_written(_sentence("و قال ان ه سافر مع اسرت ها الي لندن/B-GPE و ب الطائرة ك ما قال"))
    assert s.tokens == ["وقال", "انه", "سافر", "مع", "اسرتها", "الي", "لندن", "وبالطائرة", "كما", "قال"]
    assert s.tags[s.tokens.index("لندن")] == "B-GPE"


def test_a_glued_name_keeps_its_tag_and_the_article_after_lam_is_written_lam_lam() -> None:
    s = corpus.as_written(_sentence("و محمد/B-PERSON علي/I-PERSON ل الاتحاد/B-ORG الاوروبي/I-ORG"))
    assert s.tokens == ["ومحمد", "علي", "للاتحاد", "الاوروبي"]
    assert s.tags == ["B-PERSON", "I-PERSON", "B-ORG", "I-ORG"]


def test_kama_stays_a_word_and_a_conjunction_inside_a_name_is_glued() -> None:
    s = corpus.as_written(_sentence("انتهت الحرب كما قال المجلس/B-ORG الاقتصادي/I-ORG و/I-ORG الاجتماعي/I-ORG"))
    assert s.tokens == ["انتهت", "الحرب", "كما", "قال", "المجلس", "الاقتصادي", "والاجتماعي"]
    assert s.tags[-3:] == ["B-ORG", "I-ORG", "I-ORG"]


def test_letters_of_a_name_stay_apart() -> None:
    # An agency written as its letters (د ب ا): tagged as a name, never glued.
    s = corpus.as_written(_sentence("( د/B-ORG ب/I-ORG ا/I-ORG ) قال ه"))
    assert s.tokens == ["(", "د", "ب", "ا", ")", "قاله"]
    assert s.tags[1:4] == ["B-ORG", "I-ORG", "I-ORG"]


def test_clitics_before_digits_or_punctuation_stay() -> None:
    s = corpus.as_written(_sentence("بالمقارنة ب 343 مليون و ."))
    assert s.tokens == ["بالمقارنة", "ب", "343", "مليون", "و", "."]


def _valid_bio(tags: list[str]) -> bool:
    prev = "O"
    for tag in tags:
        if tag.startswith("I-") and prev[2:] != tag[2:]:
            return False
        prev = tag
    return True


def test_swapped_copies_keep_context_labels_and_are_reproducible() -> None:
    sents = [
        _sentence("قال جورج/B-PERSON بوش/I-PERSON في لندن/B-GPE امس"),
        _sentence("التقى كوفي/B-PERSON انان/I-PERSON وزير خارجية فرنسا/B-GPE"),
        _sentence("اعلنت شركة سيمنس/B-ORG ارباحها"),
        _sentence("لا اسم في هذه الجملة"),
    ]
    names = ["زياد", "كريم", "سالم"]
    one = augment.augment(sents, 3, seed=5, names=names, labels=augment.SWAPPABLE)
    assert one == augment.augment(sents, 3, seed=5, names=names, labels=augment.SWAPPABLE)
    assert one != augment.augment(sents, 3, seed=6, names=names, labels=augment.SWAPPABLE)
    assert len(one) <= 3 * 3  # the sentence without a name is never copied
    mentions = {tuple(s.tokens[a:b]): lab for s in sents for a, b, lab in corpus.spans(s.tags)}
    for copy in one:
        assert _valid_bio(copy.tags) and len(copy.tokens) == len(copy.tags)
        for a, b, label in corpus.spans(copy.tags):
            words = tuple(copy.tokens[a:b])
            # A swapped name is a mention of the same label, or (people only) made of the name list.
            assert mentions.get(words) == label or (label == "PERSON" and set(words) <= set(names))
        outside = [t for t, g in zip(copy.tokens, copy.tags, strict=True) if g == "O"]
        assert any(outside == [t for t, g in zip(s.tokens, s.tags, strict=True) if g == "O"] for s in sents)


def test_only_the_asked_labels_are_swapped() -> None:
    sents = [
        _sentence("قال جورج/B-PERSON بوش/I-PERSON في لندن/B-GPE"),
        _sentence("زار توني/B-PERSON بلير/I-PERSON باريس/B-GPE"),
    ]
    for copy in augment.augment(sents, 4, seed=1, names=["زياد"], labels=("PERSON",)):
        places = [t for t, g in zip(copy.tokens, copy.tags, strict=True) if g.endswith("GPE")]
        assert places in (["لندن"], ["باريس"])
        assert copy.tokens[-1] == places[0]  # each place stays in its own sentence
