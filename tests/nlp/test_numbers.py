"""marsad.nlp.numbers: digits, separators, scale words and number words in both languages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from marsad.nlp.numbers import parse_digits, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,200,000", 1200000),
        ("1.2", 1.2),
        ("1.200.000", 1200000),  # European grouping needs two groups
        ("27.500", 27.5),  # one dotted group is a decimal
        ("2,5", 2.5),  # Maghreb decimal comma
        ("٨٧", 87),
        ("٢٧٫٥", 27.5),
        ("٢٬٥٠٠", 2500),
        ("۱۲۳", 123),  # Persian digits
        ("3.5bn", 3500000000),
        ("5m", 5000000),
        ("10k", 10000),
        ("1.1 million", 1100000),
        ("five million", 5000000),
        ("twenty-five", 25),
        ("three hundred and fifty thousand", 350000),
        ("a million", 1000000),
        ("a hundred", 100),
        ("half a million", 500000),
        ("a quarter of a million", 250000),
        ("ثلاثة ملايين", 3000000),
        ("3 ملايين", 3000000),
        ("٨٧ مليون", 87000000),
        ("خمسة وعشرين", 25),
        ("عشرين", 20),
        ("مئة", 100),
        ("مائة", 100),
        ("ثلاث مئة", 300),
        ("ثلاثمائة وخمسون ألفا", 350000),
        ("مئتي ألف", 200000),
        ("ألفين", 2000),
        ("ألفان", 2000),
        ("مليونا", 2000000),  # dual, alone
        ("87 مليونا", 87000000),  # accusative after a number
        ("ملياري", 2000000000),
        ("نصف مليون", 500000),
        ("مليون ونصف", 1500000),
        ("ألف وخمسمئة", 1500),
        ("ثلاثة عشر", 13),
        ("أحد عشر", 11),
        ("اثنا عشر", 12),
        ("وثلاثة ملايين", 3000000),  # proclitic و
        ("3 آلاف و500", 3500),
        ("3 ملايين و500 ألف", 3500000),
        ("مليار و200 مليون", 1200000000),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    got = parse_number(text)
    assert got == value
    assert type(got) is type(value)


@pytest.mark.parametrize("text", ["", "a", "ملايين", "5G", "1st", "million", "hello", "٪", "3 apples"])
def test_not_a_number(text: str) -> None:
    assert parse_number(text) is None


def test_pyarabic_half_million_mistake_is_not_ours() -> None:
    # pyarabic's text2number reads "نصف مليون" as 1000000; ours must not.
    assert parse_number("نصف مليون") == 500000


@pytest.mark.parametrize(
    ("digits", "value"),
    [("1,234.5", Decimal("1234.5")), ("٠٫٢٥", Decimal("0.25")), ("007", Decimal(7)), ("x", None)],
)
def test_parse_digits(digits: str, value: Decimal | None) -> None:
    assert parse_digits(digits) == value
