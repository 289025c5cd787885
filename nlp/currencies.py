"""Currencies for figures: names in both languages (from Babel and Marsad's list), symbols
and prefixes with their ISO 4217 codes, percent phrases, and a bare currency noun's country from context.
"""

from __future__ import annotations

from collections.abc import Sequence

from babel.numbers import get_currency_name
from marsad.nlp.tokens import FIGURES, Token, ar_form, tokenize
from marsad.nlp.types import Figure

# --- currencies -------------------------------------------------------------

# The currencies Arabic and English news name most; Babel supplies their
# names in both languages.
CURRENCY_CODES = (
    "USD EUR GBP JPY CNY CHF CAD AUD NZD HKD SGD INR RUB TRY ILS IRR KRW BRL ZAR NGN "
    "SAR AED QAR KWD BHD OMR JOD EGP MAD DZD TND LYD IQD SYP LBP SDG YER MRU PKR"
).split()
_CODE_SET = frozenset(CURRENCY_CODES)

_SYMBOL_PREFIX = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₺": "TRY",
                  "₽": "RUB", "₪": "ILS", "₩": "KRW", "﷼": "SAR"}
# Letters glued before "$" or "£" (case-sensitive, as written).
_DOLLAR_PREFIX = {"US": "USD", "U.S.": "USD", "C": "CAD", "CA": "CAD", "Can": "CAD", "A": "AUD",
                  "AU": "AUD", "HK": "HKD", "S": "SGD", "NZ": "NZD", "E": "EGP"}
# Abbreviations written before the amount in Gulf and Egyptian English papers.
_LETTER_PREFIX = {"Dh": "AED", "Dhs": "AED", "SR": "SAR", "QR": "QAR", "KD": "KWD", "BD": "BHD",
                  "JD": "JOD", "RO": "OMR", "LE": "EGP", "Rs": "INR", "Tk": "BDT"}


def prefix_forms() -> list[str]:
    """Every form written right before an amount: symbols, letter abbreviations ("Dhs", "Rs."), ISO codes and
    dollars with their country ("US$", "E£"), longest first."""
    forms = {*_SYMBOL_PREFIX, *_LETTER_PREFIX, "Rs.", *CURRENCY_CODES, *(p + "$" for p in _DOLLAR_PREFIX), "E£"}
    return sorted(forms, key=lambda f: (-len(f), f))


# Phrases after the number, as tuples of token forms -> ISO code (None: unknown country).
_CURRENCY_PHRASES: dict[tuple[str, ...], str | None] = {}


def _phrase(s: str) -> tuple[str, ...]:
    return tuple(t.norm for t in tokenize(s, FIGURES))


# Currency nouns that name no country by themselves -> one key per noun, so
# that "40 pounds" can take the country of "120 Egyptian pounds" in the same text.
_HEAD_KEY: dict[str, str] = {}


def _add_currency(names: str, code: str | None, head: bool = True) -> None:
    key = None
    for name in names.split("|"):
        phrase = _phrase(name)
        _CURRENCY_PHRASES[phrase] = code
        if head and len(phrase) == 1:
            key = key or phrase[0]
            _HEAD_KEY[phrase[0]] = key


def _build_currency_tables() -> None:
    # Heads used without a country adjective; the default is what a reader of
    # such a paper would take them to mean.
    _add_currency("dollar|dollars|buck|bucks", "USD")
    _add_currency("euro|euros", "EUR")
    _add_currency("pound|pounds", "GBP")
    _add_currency("sterling|pounds sterling|pound sterling", "GBP", head=False)
    _add_currency("yen", "JPY")
    _add_currency("yuan|renminbi", "CNY")
    _add_currency("riyal|riyals", "SAR")
    _add_currency("dirham|dirhams", "AED")
    _add_currency("dinar|dinars", None)
    _add_currency("lira|liras|lire", None)
    _add_currency("rial|rials", None)
    _add_currency("peso|pesos", None)
    _add_currency("rupee|rupees", "INR")
    _add_currency("rouble|roubles|ruble|rubles", "RUB")
    _add_currency("shekel|shekels", "ILS")
    _add_currency("franc|francs", "CHF")
    _add_currency("U.S. dollars|U.S. dollar|American dollars", "USD", head=False)
    _add_currency("دولار|دولارات|دولارا|دولاران|دولارين", "USD")
    _add_currency("يورو", "EUR")
    _add_currency("جنيه|جنيهات|جنيها|جنيهان|جنيهين", "EGP")
    _add_currency("إسترليني|استرليني", "GBP", head=False)
    _add_currency("ريال|ريالات|ريالا|ريالان|ريالين", "SAR")
    _add_currency("درهم|دراهم|درهما|درهمان|درهمين", "AED")
    _add_currency("دينار|دنانير|دينارا|ديناران|دينارين", None)
    _add_currency("ليرة|ليرات|ليرتين", None)
    _add_currency("ين", "JPY")
    _add_currency("يوان", "CNY")
    _add_currency("روبل|روبلات", "RUB")
    _add_currency("روبية|روبيات", "INR")
    _add_currency("شيكل|شيكلا|شواكل|شيكلات", "ILS")
    _add_currency("فرنك|فرنكات", "CHF")
    # Abbreviations on Gulf and Egyptian price tags: ر.س = ريال سعودي ...
    # (not د.أ for the Jordanian dinar: folded, it is the UAE's د.إ).
    for abbr, code in (("ر.س", "SAR"), ("ر.ق", "QAR"), ("ر.ع", "OMR"), ("د.إ", "AED"), ("د.ك", "KWD"),
                       ("د.ب", "BHD"), ("ج.م", "EGP"), ("ل.ل", "LBP"), ("د.ع", "IQD")):
        _add_currency(abbr, code, head=False)
    # Heads of the two-word Arabic names, to combine with every adjective.
    heads = _phrase("دولار دولارات دولارا جنيه جنيهات جنيها ريال ريالات ريالا درهم دراهم درهما "
                    "دينار دنانير دينارا ليرة ليرات روبية روبل فرنك فرنكات ين يوان")
    adjectives: dict[str, str] = {}
    for code in CURRENCY_CODES:
        for locale in ("en", "ar"):
            for count in (1, 2, 3, 11, 100):
                name = get_currency_name(code, count=count, locale=locale)
                if name and name != code:
                    _CURRENCY_PHRASES[_phrase(name)] = code
        words = _phrase(get_currency_name(code, locale="ar"))
        if len(words) == 2:
            adjectives[words[1]] = code
    adjectives[ar_form("أميركي")] = "USD"
    adjectives[ar_form("استرليني")] = "GBP"
    for adj, code in adjectives.items():
        stem = adj[:-1] if adj.endswith(("ه", "ا")) else adj
        for variant in (stem, stem + "ه", stem + "ا", stem + "ان", stem + "ين"):
            for head in heads:
                _CURRENCY_PHRASES[(head, variant)] = code


_build_currency_tables()
_CURRENCY_MAX = max(len(p) for p in _CURRENCY_PHRASES)
_CURRENCY_WORDS = frozenset(w for p in _CURRENCY_PHRASES for w in p)

# --- percent ----------------------------------------------------------------

_PERCENT_PHRASES = frozenset(
    _phrase(p)
    for p in ("%", "٪", "percent", "per cent", "pct", "percentage point", "percentage points",
              "في المئة", "في المائة", "في المية", "بالمئة", "بالمائة", "بالمية", "نقطة مئوية", "نقاط مئوية")
)
_PERCENT_MAX = max(len(p) for p in _PERCENT_PHRASES)


_COUNTRY_WORDS_SRC = {
    "EG": "egypt egyptian egyptians cairo مصر مصري مصرية القاهرة",
    "GB": "britain british uk england london بريطانيا بريطاني بريطانية لندن",
    "SD": "sudan sudanese khartoum سودان سوداني سودانية خرطوم",
    "LB": "lebanon lebanese beirut لبنان لبناني لبنانية بيروت",
    "SY": "syria syrian damascus سوريا سورية سوري دمشق",
    "TR": "turkey turkish türkiye ankara istanbul تركيا تركي تركية أنقرة إسطنبول",
    "JO": "jordan jordanian أردن أردني أردنية",
    "KW": "kuwait kuwaiti كويت كويتي كويتية",
    "BH": "bahrain bahraini manama بحرين بحريني بحرينية منامة",
    "IQ": "iraq iraqi baghdad عراق عراقي عراقية بغداد",
    "LY": "libya libyan tripoli ليبيا ليبي ليبية",
    "DZ": "algeria algerian algiers جزائر جزائري جزائرية",
    "TN": "tunisia tunisian tunis تونس تونسي تونسية",
    "SA": "saudi riyadh jeddah سعودية سعودي رياض جدة",
    "QA": "qatar qatari doha قطر قطري قطرية دوحة",
    "OM": "oman omani muscat عماني عمانية مسقط",
    "YE": "yemen yemeni sanaa يمن يمني يمنية صنعاء",
    "IR": "iran iranian tehran إيران إيراني إيرانية طهران",
    "AE": "uae emirati emirates dubai إمارات إماراتي إماراتية دبي أبوظبي",
    "MA": "morocco moroccan rabat مغرب مغربي مغربية رباط",
}
_COUNTRY_WORDS = {ar_form(w): tag for tag, words in _COUNTRY_WORDS_SRC.items() for w in words.split()}
# Which country makes a bare currency noun which currency.
_HEAD_COUNTRIES = {
    "pound": {"EG": "EGP", "GB": "GBP", "SD": "SDG", "LB": "LBP", "SY": "SYP"},
    "dinar": {"KW": "KWD", "JO": "JOD", "BH": "BHD", "IQ": "IQD", "LY": "LYD", "DZ": "DZD", "TN": "TND"},
    "lira": {"TR": "TRY", "LB": "LBP", "SY": "SYP"},
    "riyal": {"SA": "SAR", "QA": "QAR", "OM": "OMR", "YE": "YER", "IR": "IRR"},
    "rial": {"OM": "OMR", "IR": "IRR", "YE": "YER"},
    "dirham": {"AE": "AED", "MA": "MAD"},
}
for _en, _ar in (("pound", "جنيه"), ("dinar", "دينار"), ("lira", "ليرة"), ("riyal", "ريال"), ("dirham", "درهم")):
    _HEAD_COUNTRIES[ar_form(_ar)] = _HEAD_COUNTRIES[_en]


def _countries_named(tokens: Sequence[Token]) -> set[str]:
    """Returns the country tags of the country and city names in tokens (Arabic clitics and ال removed)."""
    tags = set()
    for t in tokens:
        if t.kind != "word":
            continue
        f = t.norm
        for form in (f, f[1:] if f[:1] in "وبلفك" else f):
            bare = form[2:] if form.startswith("ال") else form
            tag = _COUNTRY_WORDS.get(bare) or _COUNTRY_WORDS.get(form)
            if tag:
                tags.add(tag)
                break
    return tags


def _currency_from_context(figures: list[Figure], phrases: list[tuple[str, ...]], tokens: Sequence[Token]) -> None:
    """Gives a bare currency noun the country the same text gives it.

    First from a qualified use: "120 Egyptian pounds, up from 40 pounds" makes
    both Egyptian, and "جنيه" after "جنيه إسترليني" sterling. Else from the
    one country the text names among those using that noun: "pound" in a text
    about Egypt is the Egyptian pound, "دينار" in one about Kuwait the Kuwaiti
    dinar. With two candidates or none, the default stays.
    """
    qualified: dict[str, set[str | None]] = {}
    bare: list[tuple[int, str]] = []
    for idx, phrase in enumerate(phrases):
        keys = [_HEAD_KEY[w] for w in phrase if w in _HEAD_KEY]
        if not keys:
            continue
        if len(phrase) > 1:
            qualified.setdefault(keys[0], set()).add(figures[idx].currency)
        else:
            bare.append((idx, keys[0]))
    named: set[str] | None = None
    for idx, key in bare:
        codes = qualified.get(key)
        if codes:
            if len(codes) == 1:
                figures[idx].currency = next(iter(codes))
            continue
        by_country = _HEAD_COUNTRIES.get(key)
        if by_country is None:
            continue
        if named is None:
            named = _countries_named(tokens)
        found = {code for tag, code in by_country.items() if tag in named}
        if len(found) == 1:
            figures[idx].currency = found.pop()
