"""Entity ids: usual English names for known organisations, and the country of generic state bodies.

Real spaCy and Arabic models; each case would get another id without the rule it pins.
"""

from __future__ import annotations

import pytest
from marsad.nlp import analyze
from marsad.nlp.countries import article_country, city_country, country_of_adjective, generic_body
from marsad.nlp.gazetteer import gazetteer
from marsad.nlp.latin_names import english_name


def _ids(text: str, lang: str) -> dict[str, str]:
    return {e.text: e.id for e in analyze(text, lang).entities}


def _known(name: str):
    e = gazetteer().lookup(name, "ar")
    return (e.id, e.name, e.label) if e is not None else None


@pytest.mark.parametrize(("text", "lang", "mention", "ident"), [
    ("The IMF said growth would slow.", "en", "IMF", "international-monetary-fund"),
    ("قال صندوق النقد الدولي إن النمو سيتباطأ.", "ar", "صندوق النقد الدولي", "international-monetary-fund"),
    ("The SEC sued the lender on Monday.", "en", "SEC", "securities-and-exchange-commission"),
    ("The WHO warned of a new outbreak.", "en", "WHO", "world-health-organization"),
    ("فرضت سدايا غرامة على الشركة.", "ar", "سدايا", "saudi-data-and-ai-authority"),
])
def test_organisations_known_by_an_acronym_get_the_slug_of_their_full_name(text, lang, mention, ident) -> None:
    assert _ids(text, lang)[mention] == ident


def test_generic_body_names_and_one_country_names() -> None:
    assert generic_body("Ministry of Health") == "Ministry of Health"
    assert generic_body("Health Ministry") == "Ministry of Health"
    assert generic_body("Capital Markets Authority") == "Capital Markets Authority"
    assert generic_body("Public Prosecution") == "Public Prosecution"
    assert generic_body("Dubai Land Department") is None
    assert generic_body("Ministry of Digital Economy and Entrepreneurship") is None
    assert generic_body("the Ministry") is None
    assert generic_body("European Commission") is None


def test_countries_of_gentilics_and_cities() -> None:
    assert country_of_adjective("Omani") == "oman"
    assert country_of_adjective("السودانية") == "sudan"
    assert country_of_adjective("Riverside") is None
    assert city_country("muscat") == "oman"
    assert city_country("jordan") == "jordan"
    assert city_country("riverside") is None


@pytest.mark.parametrize(("text", "lang", "mention", "ident"), [
    # The country named with the body: possessive, gentilic, nisba, "في".
    ("Oman's Ministry of Health said nine patients had tested positive.", "en", "Ministry of Health",
     "ministry-of-health-oman"),
    ("The Egyptian Ministry of Health said Vacsera would produce the doses.", "en", "Ministry of Health",
     "ministry-of-health-egypt"),
    ("قالت وزارة الصحة السودانية إن الإمدادات لم تصل.", "ar", "وزارة الصحة السودانية", "ministry-of-health-sudan"),
    ("قال رئيس هيئة أسواق المال في الكويت، إن الهيئة ستشدد القواعد.", "ar", "هيئة أسواق المال",
     "capital-markets-authority-kuwait"),
    # The article's country from its dateline.
    ("IMF urges restraint\n\nMUSCAT, May 29 (Wire) - The Ministry of Finance said it shared the view.", "en",
     "Ministry of Finance", "ministry-of-finance-oman"),
    ("الصحة تحذر\n\nالكويت – قالت وزارة الصحة إن الأنظمة تعمل بشكل طبيعي.", "ar", "وزارة الصحة",
     "ministry-of-health-kuwait"),
    # No country anywhere: the body's own slug.
    ("The Ministry of Health said cases had fallen.", "en", "Ministry of Health", "ministry-of-health"),
])
def test_a_generic_state_body_carries_its_country(text, lang, mention, ident) -> None:
    assert _ids(text, lang)[mention] == ident


def test_a_later_mention_of_a_generic_body_takes_the_country_of_the_first() -> None:
    text = ("LONDON, May 2 (Wire) - Oman's Ministry of Health said it had closed the unit. "
            "The Ministry of Health said on Friday that no new cases had been found.")
    ids = [e.id for e in analyze(text, "en").entities if e.text == "Ministry of Health"]
    assert ids == ["ministry-of-health-oman", "ministry-of-health-oman"]


def test_the_dateline_decides_before_the_places_the_article_names() -> None:
    text = "Deal signed\n\nAMMAN, June 11 (Wire) - Qatar and Qatar's partners signed in Doha and Qatar."
    assert article_country(text, "en", analyze(text, "en").entities) == "jordan"


def test_a_known_body_keeps_its_gazetteer_id() -> None:
    ids = _ids("DUBLIN, Sept 9 (Wire) - Ireland's Data Protection Commission said the fine would stand.", "en")
    assert ids["Data Protection Commission"] == "data-protection-commission"


def test_ministries_are_named_ministry_of_and_coordinated_words_keep_their_order() -> None:
    assert english_name("وزارة الصحة", _known) == ("ministry of health", None)
    assert english_name("وزارة الصحة والسكان", _known) == ("ministry of health and population", None)
    assert english_name("هيئة تنظيم الاتصالات", _known) == ("telecommunications regulatory authority", None)
    assert english_name("النيابة العامة", _known) == ("public prosecution", None)


def test_a_trade_after_li_follows_the_name_it_completes_and_precedes_the_head() -> None:
    # "X للاتصالات" is X Telecommunications, "بنك Y للتنمية" Y Development Bank: English keeps a name's
    # trade word (ل + the article, or ل before a noun in construct) after the name and before the head noun.
    from marsad.nlp.translit import romanize

    def name(text: str) -> str:
        got = english_name(text, _known)
        assert got is not None, text
        return got[0].lower()

    assert name("نجمة للاتصالات") == f"{romanize('نجمة')} telecommunications"
    assert name("صحارى للطاقة") == f"{romanize('صحارى')} energy"
    assert name("بنك قطر للتنمية") == "qatar development bank"
    assert name("هيئة مسقط للأوراق المالية") == "muscat securities authority"
    assert name("الهيئة العامة للطيران المدني") == "general civil aviation authority"
    assert name("المجلس الوطني لحماية البيانات") == "national data protection council"
    assert name("المؤسسة العامة للغذاء والدواء") == "general food and drug foundation"
    assert name("الشركة الوطنية للتأمين") == "national insurance"
    # Names without such a trade word read as before.
    assert name("هيئة تنظيم الاتصالات") == "telecommunications regulatory authority"
    assert name("البنك المركزي") == "central bank"



@pytest.mark.parametrize(("arabic", "english"), [
    # ل before a phrase the table knows whole ("حقوق الإنسان", "كرة القدم", "مكافحة الفساد").
    ("اللجنة الوطنية لحقوق الإنسان", "national human rights committee"),
    ("المرصد السوري لحقوق الإنسان", "syrian human rights observatory"),
    ("الاتحاد الكويتي لكرة القدم", "kuwaiti football union"),
    ("الهيئة الوطنية لمكافحة الفساد", "national anti corruption authority"),
    ("المجلس الأعلى للقضاء", "supreme judiciary council"),
    ("المجلس الأعلى للآثار", "supreme antiquities council"),
    # Portfolios Arabic names with two words or an adjective.
    ("وزارة التربية والتعليم", "ministry of education"),
    ("وزارة الموارد البشرية", "ministry of human resources"),
    ("وزارة التراث والسياحة", "ministry of heritage and tourism"),
])
def test_bodies_named_for_their_field_behind_li_read_as_english_names(arabic: str, english: str) -> None:
    got = english_name(arabic, _known)
    assert got is not None and got[0].lower() == english, (arabic, got)


def test_a_general_secretariat_is_no_municipality_and_municipal_affairs_read_so() -> None:
    got = english_name("الأمانة العامة لمجلس الوزراء", _known)
    assert got is None or "municipality" not in got[0].lower(), got
    got = english_name("وزارة الشؤون البلدية والقروية", _known)
    assert got is None or "municipality affairs" not in got[0].lower(), got


def test_li_inside_a_persons_name_and_trades_outside_li_are_no_translation() -> None:
    # ل is a name's own letter in "محمد لخضر" (Lakhdar, not "green"); a trade word outside "for …" is part of
    # a name ("دانة غاز" is Dana Gas, "تمويل" the company Tamweel): no English words made of them.
    for name in ("محمد لخضر", "محمد لعربي", "أحمد لمدني", "دانة غاز", "تمويل", "انترنت اكسبلورر", "إعلان جدة"):
        assert english_name(name, _known) is None, name


def test_a_nationality_after_a_trade_says_whose_body_it_is() -> None:
    got = english_name("المركز الوطني للأمن السيبراني البريطاني", _known)
    assert got is not None and got[0].lower() == "british national cybersecurity center"
    got = english_name("المؤسسة العامة للغذاء والدواء الأردنية", _known)
    assert got is not None and got[0].lower() == "jordanian general food and drug foundation"

@pytest.mark.parametrize(("trade", "english"), [
    ("للتقنية", "technology"), ("للتكنولوجيا", "technology"), ("للإلكترونيات", "electronics"),
    ("للتجزئة", "retail"), ("للضيافة", "hospitality"), ("للألبان", "dairy"), ("للبث", "broadcasting"),
    ("للكيماويات", "chemicals"), ("للاستشارات", "consulting"), ("للشحن", "shipping"), ("للمقاولات", "contracting"),
    ("للتعدين", "mining"), ("للأسمدة", "fertilizers"), ("للبرمجيات", "software"), ("للمدفوعات", "payments"),
    ("للتمويل", "finance"), ("للخدمات اللوجستية", "logistics"), ("للأغذية", "foods"),
])
def test_trade_words_of_company_names_are_translated(trade: str, english: str) -> None:
    from marsad.nlp.translit import romanize

    got = english_name(f"نجمة {trade}", _known)
    assert got is not None and got[0].lower() == f"{romanize('نجمة')} {english}"


def test_a_company_named_with_its_trade_gets_the_id_english_gives_it() -> None:
    from marsad.nlp.translit import slug

    ids = _ids("وقالت شركة نجمة للاتصالات إنها لم تتعرض لأي اختراق.", "ar")
    assert ids == {"نجمة للاتصالات": f"{slug('نجمة')}-telecommunications"}

def test_an_arabic_name_run_on_past_a_particle_is_named_by_its_head() -> None:
    # The recogniser's span runs into the sentence; the id is the body's.
    from marsad.nlp.linking import _unknown_arabic

    ident, _name = _unknown_arabic("هيئة تنظيم الطيران المدني للمطالبة", gazetteer())
    assert ident == "civil-aviation-regulatory-authority"
    ident, _name = _unknown_arabic("وزارة الصحة والجهات الأمنية", gazetteer())
    assert ident == "ministry-of-health"


# The currencies are those the figures know (nlp/currencies.py): JD, Tk and US$ came with that one list.
@pytest.mark.parametrize("amount", ["Dh12", "SR4.5", "QR30", "AED 12", "KD 3", "BD 2", "JD 8", "US$40", "Rs. 90"])
def test_an_amount_after_a_name_is_no_part_of_it(amount: str) -> None:
    # "fined Qandil Payments Dh12 million": the model runs the company's name on into the amount.
    ids = _ids(f"Dubai's regulator fined Qandil Payments {amount} million on Tuesday over weak checks.", "en")
    assert ids.get("Qandil Payments") == "qandil-payments", ids


@pytest.mark.parametrize(("aliases", "stored", "expected"), [
    # A number in one name and not in the other: another entity (a model, a fund, a tag).
    (["Boeing 737"], ("boeing", "ORG", ["Boeing", "بوينغ"]), None),
    (["Nile 7 Holdings"], ("nile-holdings", "ORG", ["Nile Holdings", "النيل القابضة"]), None),
    # The same number, in either kind of digits, spells the same entity.
    (["فورمولا 1"], ("formula-1", "MISC", ["Formula 1"]), "formula-1"),
    (["فورمولا ١"], ("formula-1", "MISC", ["Formula 1"]), "formula-1"),
])
def test_a_name_spells_another_script_only_with_the_same_numbers(aliases, stored, expected) -> None:
    from marsad.nlp.idmatch import spelled_id

    assert spelled_id(stored[1], aliases, [stored]) == expected


@pytest.mark.parametrize(("word", "country"), [
    # Gentilics the hand table does not list, formed from the country's Arabic name.
    ("السنغالية", "senegal"), ("الأوكراني", "ukraine"), ("الإسبانية", "spain"), ("البرازيلي", "brazil"),
    ("السويدية", "sweden"), ("الفنلندية", "finland"), ("البلجيكي", "belgium"), ("الأفغانية", "afghanistan"),
    ("النمساوي", "austria"), ("Belgian", "belgium"),
    ("الباكستانية", "pakistan"), ("اليونانية", "greece"), ("الصومالي", "somalia"), ("التشيلية", "chile"),
    # English demonyms of the table.
    ("Senegalese", "senegal"), ("Polish", "poland"), ("Argentine", "argentina"), ("Indonesian", "indonesia"),
])
def test_gentilics_of_countries_beyond_the_region(word: str, country: str) -> None:
    assert country_of_adjective(word) == country


@pytest.mark.parametrize("word", ["المالية", "مالي", "الدولية", "الوطنية", "العربية", "الأوروبية", "الإسلامية"])
def test_words_that_look_like_gentilics_name_no_country(word: str) -> None:
    # "المالية" is "financial" (and the finance ministry), never Malian.
    assert country_of_adjective(word) is None


@pytest.mark.parametrize(("text", "ident"), [
    ("وقال وزير العدل السنغالي إن الحكومة لم تتدخل في القضية.", "ministry-of-justice-senegal"),
    ("وقالت وزارة الدفاع الأوكرانية إن قواتها صدت الهجوم.", "ministry-of-defence-ukraine"),
    ("وقالت وزارة المالية الكويتية إن العجز سيتراجع.", "ministry-of-finance-kuwait"),
])
def test_a_state_body_of_a_country_beyond_the_region_carries_its_country(text: str, ident: str) -> None:
    (c,) = analyze(text, "ar").claims
    assert c.speaker is not None and c.speaker.id == ident


def test_an_english_name_that_holds_an_apostrophe_is_found_whole() -> None:
    # "Moody's" is the gazetteer's name, not "Moody" and a possessive.
    assert _ids("Moody's cut the country's rating on Tuesday.", "en").get("Moody's") == "moodys"
    # A possessive after a name the gazetteer knows without it stays a possessive.
    assert "Apple" in _ids("Apple's shares fell on Tuesday.", "en")


@pytest.mark.parametrize(("text", "lang", "mention"), [
    ("Turkey said on Monday that it had not closed the border.", "en", "Turkey"),
    ("Türkiye said on Monday that it had not closed the border.", "en", "Türkiye"),
    ("قالت تركيا إنها لم تغلق الحدود.", "ar", "تركيا"),
])
def test_a_country_has_one_id_in_both_languages_whatever_it_is_called(text: str, lang: str, mention: str) -> None:
    assert _ids(text, lang)[mention] == "turkey"
    assert country_of_adjective("التركية") == country_of_adjective("Turkish") == "turkey"
    assert city_country("istanbul") == city_country("ankara") == "turkey"


def test_every_country_id_of_the_tables_is_a_gazetteer_id() -> None:
    from marsad.nlp import data

    ids = set(gazetteer().entries)
    adjectives = {row[1] for row in data.rows("country_adjectives.tsv") if row[1] != "-"}
    cities = {row[1] for row in data.rows("city_countries.tsv")}
    assert adjectives - ids == set()
    assert cities - ids == set()
    # No name points at a place and at a hand-written entity of another id (the same country twice).
    places = {row[0] for row in data.rows("places.tsv")[1:]}
    for index in (gazetteer().ar_index, gazetteer().en_index):
        clashes = [k for k, found in index.items() if set(found) & places and set(found) - places]
        assert clashes == []
