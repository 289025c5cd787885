"""marsad.nlp.language: Arabic and English on short and mixed strings; other languages by script and function words."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from marsad.nlp.language import detect_language
from marsad.nlp.types import AnalysisError

GOLD = Path(__file__).resolve().parents[1] / "gold"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # Arabic full of Latin names, acronyms and digits is still Arabic.
        ("قالت شركة Cambridge Analytica إن بيانات Facebook الخاصة بـ87 مليون مستخدم لم تستخدم", "ar"),
        ("Elon Musk يستحوذ على Twitter", "ar"),
        ("CEO BBC قال", "ar"),
        ("تويتر Twitter", "ar"),
        ("٨٧ مليون", "ar"),
        ("مرحبا", "ar"),
        ("وقال المدير التنفيذي لشركة OpenAI، سام ألتمان، إن GPT-4 متاح الآن عبر API", "ar"),
        # English with an Arabic word is still English.
        ("The slogan حرية was chanted by protesters", "en"),
        ("Twitter", "en"),
        ("GPT-4", "en"),
        ("Apple", "en"),
        ("Die", "en"),  # one shared function word is no evidence against English
        ("Facebook said the data of up to 87 million users may have been shared", "en"),
        # Other languages, honestly.
        ("Le gouvernement a annoncé que les prix sont en hausse", "fr"),
        ("El gobierno dijo que los precios subieron", "es"),
        ("Die Regierung sagte, dass die Preise gestiegen sind", "de"),
        ("این یک متن فارسی است که برای آزمایش نوشته شده", "fa"),
        ("یہ ایک اردو جملہ ہے جو کہ آزمائش کے لیے ہے", "ur"),
        ("Привет, как дела?", "ru"),
        ("Це українська мова і їжа", "uk"),
        ("שלום עולם", "he"),
        ("Καλημέρα κόσμε", "el"),
        ("你好世界", "zh"),
        ("こんにちは世界", "ja"),
        ("안녕하세요", "ko"),
        ("नमस्ते दुनिया", "hi"),
        # No letters at all.
        ("", "und"),
        ("   ", "und"),
        ("123 456", "und"),
        ("١٢٣ ٪", "und"),
        ("!!! ???", "und"),
        ("\u061c١٢\u200f", "und"),  # Arabic letter mark and digits: no letters
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("cut", [10, 20, 30, 60, None])
def test_every_gold_passage_and_its_beginnings(lang: str, cut: int | None) -> None:
    # Short beginnings cut words in half ("العزيز است" for "استقبل"), which
    # must not read as Persian, nor "Tim Cook met officials in" as Dutch.
    with open(GOLD / f"figures_{lang}.jsonl", encoding="utf-8") as fh:
        texts = [json.loads(line)["text"][:cut] for line in fh if line.strip()]
    wrong = [t for t in texts if detect_language(t) not in (lang, "und")]
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Apple تطلق iPhone 15 Pro Max", "ar"),  # Latin names, Arabic verb
        ("OpenAI ChatGPT GPT-4o Microsoft Azure قال", "ar"),
        ("سامسونج Galaxy S24 Ultra", "ar"),
        ("Elon Musk buys تويتر", "en"),
        ("Ursula von der Leyen stated that", "en"),  # name particles are no German
        ("Tim Cook met Indian officials in New Delhi", "en"),
        ("ذكرت وكالة الأنباء أن الملك است", "ar"),  # a cut word is no Persian
        ("أما غوغل فقالت", "ar"),
    ],
)
def test_mixed_and_cut_strings(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize("bad", [None, 3, b"text"])
def test_unusable_input_raises(bad: object) -> None:
    with pytest.raises(AnalysisError):
        detect_language(bad)  # type: ignore[arg-type]


def test_fuzz_returns_a_code() -> None:
    rng = random.Random(7)
    for _ in range(1000):
        text = "".join(chr(rng.randint(0, 0x2FFFF)) for _ in range(rng.randint(0, 40)))
        text = text.encode("utf-8", "replace").decode("utf-8", "replace")
        code = detect_language(text)
        assert code == "und" or (len(code) == 2 and code.islower())
