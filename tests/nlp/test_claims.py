"""Claims: the tricky cases, pinned with the real spaCy model and the real entity and figure steps."""

from __future__ import annotations

import pytest
from claimkit import claims_of, only, sid
from marsad.nlp.claims import find_claims, split_sentences
from marsad.nlp.entities import find_entities
from marsad.nlp.figures import find_figures
from marsad.nlp.models import english
from marsad.nlp.types import Entity

# ---------------------------------------------------------------------------
# Sentences


def test_sentences_keep_abbreviations_initials_and_decimals() -> None:
    text = "Dr. Smith of the U.S. Senate said growth was 3.5 per cent. J. Doe disagreed! هل توافق؟ نعم."
    spans = [text[a:b] for a, b in split_sentences(text)]
    assert spans == [
        "Dr. Smith of the U.S. Senate said growth was 3.5 per cent.",
        "J. Doe disagreed!",
        "هل توافق؟",
        "نعم.",
    ]


def test_sentences_split_on_line_breaks_and_arabic_full_stop() -> None:
    text = "عنوان بلا نقطة\nقال الوزير إن النمو تحسن۔ وأضاف أنه مستمر."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "عنوان بلا نقطة", "قال الوزير إن النمو تحسن۔", "وأضاف أنه مستمر.",
    ]


def test_sentences_split_where_the_space_after_the_stop_was_lost() -> None:
    # Pasted news glues sentences (".وقال", "users.The"); initials ("د.كوغان"),
    # decimals and "U.S." stay whole.
    text = "قالت الشركة إن السوق كبير.وقال د.سامي إن النمو 3.5 في المئة.ووفقًا للتقرير فإنه تحسن"
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "قالت الشركة إن السوق كبير.", "وقال د.سامي إن النمو 3.5 في المئة.", "ووفقًا للتقرير فإنه تحسن",
    ]
    text = "It sold 10,000 units.The U.S. firm said so."
    assert [text[a:b] for a, b in split_sentences(text)] == ["It sold 10,000 units.", "The U.S. firm said so."]


def test_ar_glued_sentences_keep_their_own_speakers() -> None:
    text = (
        "وقالت تويتر إنها ستمنع الإعلانات المرتبطة بالشركة.وقال متحدث باسم شركة كامبريدج أناليتيكا "
        "إن الشركة استخدمت المنصة للإعلانات فقط."
    )
    claims, _, _ = claims_of(text, "ar")
    assert [(c.text, sid(c)) for c in claims] == [
        ("ستمنع الإعلانات المرتبطة بالشركة", "twitter"),
        ("الشركة استخدمت المنصة للإعلانات فقط", "cambridge-analytica"),
    ]


def test_ar_coordinated_reported_clause_that_is_negated_makes_a_denial() -> None:
    # One claim per cue (as the gold and the blind held-out sets annotate);
    # it is a denial because its second clause says that what the report
    # imputed did not happen.
    said = "وقالت تويتر إنها حظرت الحسابات المزيفة وأنه لم يتم الوصول إلى الرسائل الخاصة."
    c = only("وتواجه تويتر اتهامات بكشف الرسائل الخاصة. " + said, "ar")
    assert (c.text, c.kind, sid(c)) == (
        "حظرت الحسابات المزيفة وأنه لم يتم الوصول إلى الرسائل الخاصة", "denial", "twitter")
    # With nothing imputed to rebut, the negated clause is a negative fact: a statement.
    assert only(said, "ar").kind == "statement"


def test_ar_according_to_without_a_comma_stops_at_the_clause() -> None:
    c = only("وبحسب المعلومات فقد اشترى الباحث بيانات من تطبيق للاختبارات.", "ar")
    assert (c.text, c.kind, c.speaker.text, sid(c)) == (
        "اشترى الباحث بيانات من تطبيق للاختبارات", "statement", "المعلومات", None)
    c = only("ووفقًا للتقرير فإن الشركة جمعت بيانات ملايين المستخدمين.", "ar")
    # The article's ل was glued to the preposition's: the source is "التقرير".
    assert (c.text, c.speaker.text, sid(c)) == ("الشركة جمعت بيانات ملايين المستخدمين", "التقرير", None)
    c = only("ووفقا لرويترز فقد طلبت الهيئة من الشركة وقف النقل.", "ar")
    assert (c.text, sid(c)) == ("طلبت الهيئة من الشركة وقف النقل", "reuters")


def test_ar_insisting_on_an_affirmative_clause_is_a_statement() -> None:
    # أصر على أن does not make a denial by itself: "it was used only for X"
    # asserts something; "he did not know" would deny it.
    c = only("وأصر الدكتور كوغان على أن البيانات كانت تستخدم فقط لأغراض أكاديمية.", "ar")
    assert (c.kind, c.cue, c.speaker.text) == ("statement", "وأصر", "الدكتور كوغان")


def test_ar_promise_cue_time_before_subject_and_the_spokesperson_again() -> None:
    text = (
        "وتعهدت كريم بأنها لن تفرض رسوما إضافية.وكانت الشركة قد أكدت الشهر الماضي أن عدد مستخدميها تضاعف."
        "وقال متحدث باسم كريم إن التحقيق مستمر.وأضاف المتحدث أن النتائج ستنشر قريبا."
    )
    claims, _, _ = claims_of(text, "ar")
    assert [(c.kind, sid(c)) for c in claims] == [("statement", "careem")] * 4
    assert claims[1].speaker.text == "الشركة"


def test_ar_rules_of_x_relative_cue_and_contrast_pronoun() -> None:
    text = (
        "وقد تبقى الشركة عميلا للمنصة وفقًا لقواعد تويتر."
        "وقال متحدث باسم كريم إن الشركة استخدمت المنصة للإعلانات، لكنها أصرت على أنها لم تشتر أي بيانات."
    )
    claims, _, _ = claims_of(text, "ar")
    # "وفقا لقواعد X" without a comma is "under X's rules", not a source; the
    # contrast "، لكنها أصرت" starts a claim of its own.
    # "أصرت" pushes back against something said: the negated clause is a denial.
    assert [(c.cue, c.kind, c.text) for c in claims] == [
        ("وقال", "statement", "الشركة استخدمت المنصة للإعلانات"),
        ("أصرت", "denial", "لم تشتر أي بيانات"),
    ]
    c = only("وهي شركة تابعة لمجموعة أكبر، والتي يزعم أنها استخدمت البيانات في الانتخابات.", "ar")
    assert c.speaker is None


def test_ar_title_at_the_company_sources_in_x_and_bil_qawl() -> None:
    text = (
        "وقالت ميتا إنها ستستأنف القرار.وأصر الرئيس التنفيذي للشؤون القانونية في الشركة على أن الأداة "
        "استخدمت للبحث فقط.ونقل موقع إخباري عن مصادر في المفوضية الأوروبية أن الاتحاد لا ينوي التدخل."
        "وختم متحدث باسم ميتا حديثه بالقول إن الشركة تعلمت الدرس."
    )
    claims, _, _ = claims_of(text, "ar")
    assert [(c.cue, sid(c)) for c in claims] == [
        ("وقالت", "meta"), ("وأصر", "meta"), ("ونقل", "european-commission"), ("بالقول", "meta"),
    ]


def test_ar_the_report_of_an_outlet_named_before() -> None:
    text = ("باعت المنصة بيانات مستخدميها لشركة استشارات، وذلك وفقًا لما ذكرته صحيفة الغارديان."
            "ووفقًا للتقرير فإن الصفقة تمت قبل ثلاث سنوات.")
    claims, _, _ = claims_of(text, "ar")
    assert [(c.speaker.text, sid(c)) for c in claims] == [
        ("صحيفة الغارديان", "the-guardian"), ("التقرير", "the-guardian"),
    ]


def test_ar_fronted_concessive_after_a_comma_ends_the_claim() -> None:
    c = only("وأكد الباحث أنه لم يخالف القواعد، وفي حين أن معظم البيانات عامة، فإن المنصة تبيعها للشركات.", "ar")
    assert (c.text, c.kind) == ("لم يخالف القواعد", "denial")


# ---------------------------------------------------------------------------
# English


def test_en_spokesperson_for_x_and_negated_clause_is_denial() -> None:
    c = only("Meta has been accused of sharing user data with Cambridge Analytica. "
             "A spokesperson for Meta said the company had not shared any data with Cambridge Analytica.", "en")
    assert (c.kind, c.cue, sid(c)) == ("denial", "said", "meta")
    assert c.speaker.text == "A spokesperson for Meta"
    assert c.text == "the company had not shared any data with Cambridge Analytica"


def test_en_trailing_attribution_is_cut_from_the_claim() -> None:
    c = only("Twitter denied that it sold data on 87 million users to Cambridge Analytica, "
             "a spokesperson for the company said.", "en")
    assert (c.kind, c.cue, sid(c)) == ("denial", "denied", "twitter")
    assert c.text == "it sold data on 87 million users to Cambridge Analytica"


def test_en_and_that_with_a_negated_clause_is_a_denial() -> None:
    said = "The platform said it had sold access to public tweets only and that no private messages were included."
    c = only("The platform faces accusations that it sold private messages. " + said, "en")
    assert (c.text, c.kind) == (
        "it had sold access to public tweets only and that no private messages were included", "denial")
    # Nothing imputed, nothing rebutted: a statement.
    assert only(said, "en").kind == "statement"


def test_en_spokesperson_again_and_organisation_named_by_its_head_noun() -> None:
    text = ("Twitter said it would ban the adverts. A spokesman for Cambridge Analytica said the firm had "
            "done nothing wrong. He added that the company obeyed the law. \"We never received the data,\" "
            "the spokesman said. The European Commission said talks would resume. A spokesman for the "
            "commission denied that the deal had been rushed.")
    claims, _, _ = claims_of(text, "en")
    assert [sid(c) for c in claims] == [
        "twitter", "cambridge-analytica", "cambridge-analytica", "cambridge-analytica",
        "european-commission", "european-commission",
    ]


def test_en_said_in_a_statement_that_estimate_and_glued_speaker() -> None:
    text = ("Aleksandr Kogan sold the data for $10,000.Kogan insisted that it was anonymous. The ministry said in "
            "a statement that the kingdom would not change its policy. Analysts at Goldman Sachs estimated that "
            "profit would fall.")
    claims, _, _ = claims_of(text, "en")
    assert [(c.cue, c.text, sid(c)) for c in claims] == [
        ("insisted", "it was anonymous", "aleksandr-kogan"),
        ("said", "the kingdom would not change its policy", sid(claims[1])),
        ("estimated", "profit would fall", "goldman-sachs"),
    ]
    assert claims[1].kind == "statement"


def test_en_glued_sentences_and_according_to_a_publication() -> None:
    text = ("According to people familiar with the matter, the purchase cost less than $10,000.Kogan insisted "
            "that the data had been used only for research. The office said its inquiry could take months, "
            "according to a statement on its website.")
    claims, _, _ = claims_of(text, "en")
    assert [c.text for c in claims] == [
        "the purchase cost less than $10,000",
        "the data had been used only for research",
        "its inquiry could take months",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Meta said it would not sell user data to advertisers.",
        "Tesla said it will not raise prices this year.",
        "\"We won't leave the European market,\" Shou Zi Chew said.",
    ],
)
def test_en_promise_is_a_statement(text: str) -> None:
    assert only(text, "en").kind == "statement"


@pytest.mark.parametrize(
    "text",
    [
        "Twitter did not respond to a request for comment.",
        "Cambridge Analytica declined to comment on the report.",
        "Google declined to say how many accounts were affected.",
        "Apple did not say whether the feature would reach Europe.",
        "The company said it would not comment.",
        "A spokesman said he could not elaborate.",
        "Oracle did not deny that it had held talks with the startup.",
    ],
)
def test_en_no_comment_is_not_a_claim(text: str) -> None:
    assert claims_of(text, "en")[0] == []


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        ("Twitter denied the allegations on Wednesday.", "the allegations"),
        ("Huawei rejected the accusations as politically motivated.", "the accusations as politically motivated"),
        ("Nvidia denied selling chips to the sanctioned firm.", "selling chips to the sanctioned firm"),
        ("Hackers claimed to have stolen user data from Google. Google said no user data had been exposed in the "
         "incident.", "no user data had been exposed in the incident"),
        ("Aleksandr Kogan insisted he had done nothing wrong.", "he had done nothing wrong"),
        ("Netflix said the report was false.", "the report was false"),
        ("Apple said it did not scan photos on users' phones, responding to a report in the Financial Times.",
         "it did not scan photos on users' phones"),
        ("Three former executives denied charges of fraud at their first hearing on Monday.", "charges of fraud"),
    ],
)
def test_en_denials(text: str, clause: str) -> None:
    c = only(text, "en") if "Hackers" not in text else claims_of(text, "en")[0][-1]
    assert (c.kind, c.text) == ("denial", clause)


def test_en_the_company_resolves_to_the_salient_organisation() -> None:
    claims, _, _ = claims_of("Uber faces a new lawsuit in London. The company said it had followed the law.", "en")
    assert [(c.speaker.text, sid(c), c.kind) for c in claims] == [("The company", "uber", "statement")]


def test_en_pronoun_and_later_surname() -> None:
    claims, _, _ = claims_of(
        "Nick Clegg defended the policy on Monday. Clegg said the company did not profit from hate speech. "
        "He added that the review would be published.",
        "en",
    )
    # Nothing in the text imputes profiting from hate speech: both are statements.
    assert [(sid(c), c.kind) for c in claims] == [("nick-clegg", "statement"), ("nick-clegg", "statement")]


def test_en_adding_that_splits_the_claims() -> None:
    claims, _, _ = claims_of(
        "Facebook said it had suspended the firm, adding that it had found no sign of wrongdoing by its own staff.",
        "en",
    )
    assert [(c.cue, c.kind, c.text) for c in claims] == [
        ("said", "statement", "it had suspended the firm"),
        ("adding", "denial", "it had found no sign of wrongdoing by its own staff"),
    ]
    assert all(sid(c) == "facebook" for c in claims)


def test_en_nested_quote_is_part_of_the_outer_claim() -> None:
    claims, _, _ = claims_of(
        "\"They told us the data was 'anonymous', but it was not,\" Christopher Wylie said.", "en"
    )
    assert len(claims) == 1
    assert sid(claims[0]) == "christopher-wylie"
    assert claims[0].text.startswith("They told us")


def test_en_according_to_and_figure_links() -> None:
    text = "According to the Financial Times, the deal values the company at $4 billion."
    claims, entities, figures = claims_of(text, "en")
    (c,) = claims
    assert (c.cue, sid(c), c.text) == ("According to", "financial-times", "the deal values the company at $4 billion")
    assert [figures[i].value for i in c.figures] == [4_000_000_000]


def test_en_two_speakers_in_one_sentence() -> None:
    claims, _, _ = claims_of(
        "The WHO said the outbreak was not over, while the health ministry said cases had fallen.", "en"
    )
    # "Not over" is a negative fact, not a denial.
    assert [(c.text, c.kind) for c in claims] == [
        ("the outbreak was not over", "statement"),
        ("cases had fallen", "statement"),
    ]


def test_en_offsets_and_entity_indices() -> None:
    text = "Ofcom said it had received 3,000 complaints. The BBC said the programme did not breach any rules."
    claims, entities, figures = claims_of(text, "en")
    for c in claims:
        assert text[c.start:c.end] == c.text
        for i in c.entities:
            assert c.start <= entities[i].start and entities[i].end <= c.end
        for i in c.figures:
            assert c.start <= figures[i].start and figures[i].end <= c.end
    assert [f.value for i in claims[0].figures for f in [figures[i]]] == [3000]


# ---------------------------------------------------------------------------
# Arabic


def test_ar_vso_statement_with_figure() -> None:
    text = "وقالت تويتر إن 87 مليون مستخدم تأثروا بالخلل التقني."
    claims, _, figures = claims_of(text, "ar")
    (c,) = claims
    assert (c.kind, c.cue, sid(c)) == ("statement", "وقالت", "twitter")
    assert c.text == "87 مليون مستخدم تأثروا بالخلل التقني"
    assert [figures[i].value for i in c.figures] == [87_000_000]


def test_ar_the_company_denies() -> None:
    claims, _, _ = claims_of("تواجه تويتر دعوى جديدة في لندن. ونفت الشركة الاتهامات.", "ar")
    assert [(c.kind, c.speaker.text, sid(c), c.text) for c in claims] == [("denial", "الشركة", "twitter", "الاتهامات")]


def test_ar_insisted_that_not_is_denial_with_title() -> None:
    c = only("وأصر الدكتور كوغان على أنه لم يرتكب أي خطأ.", "ar")
    assert (c.kind, c.cue, c.speaker.text, c.text) == ("denial", "وأصر", "الدكتور كوغان", "لم يرتكب أي خطأ")


@pytest.mark.parametrize(
    "text",
    [
        "وقالت ميتا إنها لن تبيع بيانات المستخدمين للمعلنين.",
        "وأكد كير ستارمر أن الحكومة لن تقبل أي اتفاق يضر بالعمال.",
        "وأكد الأمين العام أن المنظمة لا تزال ملتزمة بدعم اللاجئين.",
    ],
)
def test_ar_promise_and_la_tazal_are_statements(text: str) -> None:
    assert only(text, "ar").kind == "statement"


@pytest.mark.parametrize(
    "text",
    [
        "ولم تعلق تويتر على الخبر.",
        "ورفضت كامبريدج أناليتيكا التعليق على التقرير.",
        "ولم ترد أمازون على طلب للتعليق.",
        "وامتنعت غوغل عن الكشف عن عدد الحسابات المتأثرة.",
        "وقالت الشركة إنها لن تعلق.",
        "ولم تنف أوراكل أنها أجرت محادثات مع الشركة الناشئة.",
    ],
)
def test_ar_no_comment_is_not_a_claim(text: str) -> None:
    assert claims_of(text, "ar")[0] == []


def test_ar_spokesperson_for_x() -> None:
    c = only("وقال متحدث باسم مايكروسوفت إن العطل أثر على أقل من ألف عميل.", "ar")
    assert (sid(c), c.speaker.text, c.kind) == ("microsoft", "متحدث باسم مايكروسوفت", "statement")


def test_ar_spokesperson_for_the_company_and_pro_drop() -> None:
    claims, _, _ = claims_of(
        "تواجه واتساب انتقادات جديدة. وقال متحدث باسم الشركة إن الشركة لم تطلع على الرسائل. وأضاف أن التحقيق مستمر.",
        "ar",
    )
    assert [(sid(c), c.kind, c.text) for c in claims] == [
        ("whatsapp", "denial", "الشركة لم تطلع على الرسائل"),
        ("whatsapp", "statement", "التحقيق مستمر"),
    ]


def test_ar_denial_object_before_complementizer() -> None:
    c = only("ورفضت هواوي الاتهامات ووصفتها بأنها ذات دوافع سياسية.", "ar")
    assert (c.kind, sid(c), c.text) == ("denial", "huawei", "الاتهامات ووصفتها بأنها ذات دوافع سياسية")


def test_ar_next_attribution_ends_the_claim() -> None:
    claims, _, _ = claims_of("ورفضت إسرائيل الانتقادات، فيما قالت حماس إنها لم تتلق المقترح.", "ar")
    # Hamas not having received the proposal rebuts nothing: a negative fact, a statement.
    assert [(sid(c), c.kind, c.text) for c in claims] == [
        ("israel", "denial", "الانتقادات"),
        ("hamas", "statement", "لم تتلق المقترح"),
    ]


def test_ar_participle_continues_the_speaker() -> None:
    claims, _, _ = claims_of("ورفضت أمازون أرقام النقابة، مؤكدة أن 40 عاملا فقط وقعوا العريضة.", "ar")
    assert [(c.cue, sid(c), c.kind, c.text) for c in claims] == [
        ("ورفضت", "amazon", "denial", "أرقام النقابة"),
        ("مؤكدة", "amazon", "statement", "40 عاملا فقط وقعوا العريضة"),
    ]


def test_ar_according_to_leading_and_trailing() -> None:
    claims, _, _ = claims_of(
        "وبحسب رويترز، فإن البنك لم يدفع الغرامة حتى الآن. انهار وقف إطلاق النار بعد يومين، بحسب الصليب الأحمر.",
        "ar",
    )
    # A negative fact reported by an agency rebuts nothing: a statement.
    assert [(sid(c), c.kind, c.text) for c in claims] == [
        ("reuters", "statement", "البنك لم يدفع الغرامة حتى الآن"),
        ("red-cross", "statement", "انهار وقف إطلاق النار بعد يومين"),
    ]


def test_ar_quotes_after_colon_and_before_cue() -> None:
    text = "واتهمت تقارير الشركة ببيع بيانات المستخدمين. وقالت بريتاني كايزر لبي بي سي: «لم نبع ملفا شخصيا واحدا»."
    # "لم نبع" (we did not sell) after a report of selling answers it.
    claims, _, _ = claims_of(text, "ar")
    # (The speaker's id is the entity recogniser's business; its text is ours.)
    assert [(c.speaker.text, c.kind, c.text) for c in claims][1:] == [
        ("بريتاني كايزر", "denial", "لم نبع ملفا شخصيا واحدا")]
    claims, _, _ = claims_of("«النتائج مشجعة»، قال سامر حداد، الباحث في جامعة القاهرة.", "ar")
    assert [(c.kind, c.text, c.speaker.text) for c in claims] == [("statement", "النتائج مشجعة", "سامر حداد")]


def test_ar_topic_before_cue() -> None:
    c = only("وكان ألكسندر كوغان قد نفى في وقت سابق بيع أي بيانات.", "ar")
    assert (sid(c), c.kind, c.text) == ("aleksandr-kogan", "denial", "بيع أي بيانات")


def test_ar_gentilic_names_the_country() -> None:
    c = only("ونفت الحكومة المصرية وجود أي خطط لرفع أسعار الخبز.", "ar")
    assert (sid(c), c.kind, c.text) == ("egypt", "denial", "وجود أي خطط لرفع أسعار الخبز")


def test_constructed_entities_and_unknown_language() -> None:
    # The claims step works with any entity list, e.g. one built by hand.
    text = "وقالت شركة النور إنها لم تبع أي بيانات."
    start = text.index("شركة النور")
    ents = [Entity("شركة النور", "ORG", start, start + 10, "al-nour", "Al Nour")]
    (c,) = find_claims(text, "ar", ents, [])
    # Not having sold data, with no report that it had, is a statement.
    assert (sid(c), c.kind, c.entities) == ("al-nour", "statement", [])
    assert find_claims("Il a dit que non.", "fr", [], []) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("وقال إن", "ar"), ("قالت:", "ar"), ("ونفت", "ar"), ("«»، قال", "ar"), ("وقالت إن «", "ar"),
        ("Meta said.", "en"), ("said that", "en"), ('"," he said.', "en"), ("According to", "en"),
    ],
)
def test_truncated_input_gives_no_claim_and_no_crash(text: str, lang: str) -> None:
    claims, _, _ = claims_of(text, lang)
    for c in claims:
        assert text[c.start:c.end] == c.text and c.end > c.start


def test_ar_diacritics_shadda_and_tatweel() -> None:
    text = "وقالتْ تويتر إنّ 87 مليونَ مستخدمٍ تأثّروا بالخلل. ونفـــت الشركةُ الاتهاماتِ. وصلت إلى عمّان أمس."
    claims, _, _ = claims_of(text, "ar")
    assert [(c.kind, sid(c), c.text) for c in claims] == [
        ("statement", "twitter", "87 مليونَ مستخدمٍ تأثّروا بالخلل"),
        ("denial", "twitter", "الاتهاماتِ"),
    ]
    assert claims[1].speaker.text == "الشركةُ"
    for c in claims:
        assert text[c.start:c.end] == c.text


def test_ar_complementizer_inside_a_name_is_not_one() -> None:
    c = only("قالت شركة نوفا داتا ومقرها عمّان إنها جمعت 5 ملايين دولار.", "ar")
    assert c.text == "جمعت 5 ملايين دولار"
    c = only("وقالت لينكد إن إنها تتعاون بشكل كامل مع التحقيق.", "ar")
    assert c.text == "تتعاون بشكل كامل مع التحقيق"


def test_ar_title_chains_and_appositions() -> None:
    c = only("رفض سفير الإمارات في واشنطن يوسف العتيبة ما ورد في التقرير.", "ar")
    assert (c.kind, c.text) == ("denial", "ما ورد في التقرير")
    assert c.speaker.text == "سفير الإمارات في واشنطن يوسف العتيبة"
    c = only("نفت الدكتورة ليلى منصور، الباحثة في جامعة القاهرة، أن يكون فريقها قد شارك سجلات المرضى.", "ar")
    assert (c.kind, c.text) == ("denial", "يكون فريقها قد شارك سجلات المرضى")
    assert c.speaker.text == "الدكتورة ليلى منصور"


def test_reject_needs_something_said() -> None:
    assert claims_of("ورفضت الشركة العرض المقدم من منافستها.", "ar")[0] == []
    assert claims_of("Sonar Media dismissed its editor over the story.", "en")[0] == []
    assert only("Huawei rejected the report.", "en").kind == "denial"


def test_relative_ma_is_not_negation_and_generic_heads_are_not_places() -> None:
    c = only("قالت شركة فيسبوك إن بيانات ما يصل إلى 87 مليون مستخدم ربما تمت مشاركتها.", "ar")
    assert (c.kind, sid(c)) == ("statement", "facebook")
    c = only("The deal is worth 2.5 billion Swiss francs, the Zurich-based bank said.", "en")
    assert (c.kind, sid(c), c.speaker.text) == ("statement", None, "the Zurich-based bank")


def test_relayed_and_undecided_attributions() -> None:
    assert claims_of("Microsoft would neither confirm nor deny the report.", "en")[0] == []
    c = only("Reuters quoted Antonio Guterres as saying the talks had failed.", "en")
    assert (sid(c), c.text) == ("antonio-guterres", "the talks had failed")
    c = only("ونقلت رويترز عن أنطونيو غوتيريش قوله إن المحادثات فشلت.", "ar")
    assert (sid(c), c.text) == ("antonio-guterres", "المحادثات فشلت")
    claims, _, _ = claims_of("وقال ماكرون إن على أوروبا أن تنفق أكثر، فيما حذر شولتس من أن الميزانيات محدودة.", "ar")
    assert [(sid(c), c.text) for c in claims] == [
        ("emmanuel-macron", "على أوروبا أن تنفق أكثر"), ("olaf-scholz", "الميزانيات محدودة"),
    ]
    # A refusal to sell rebuts nothing: a statement.
    assert only('Elon Musk wrote on X that the platform was "not for sale".', "en").kind == "statement"


def test_long_unpunctuated_arabic_stays_fast_and_bounded() -> None:
    import time

    text = "وقالت الشركة إن المبيعات ارتفعت وأضافت أن الأرباح تضاعفت ونفت الاتهامات و" * 200
    entities, figures = find_entities(text, "ar"), find_figures(text, "ar")
    t0 = time.perf_counter()
    claims = find_claims(text, "ar", entities, figures)
    # Quadratic look-backs once made this take minutes; it is well under a second.
    assert time.perf_counter() - t0 < 10
    assert claims and all(c.end - c.start <= 1200 for c in claims)


def test_en_a_sentence_glued_to_a_number_is_its_own_sentence() -> None:
    nlp = english()
    glued = "It was agreed in 2019.According to the ministry, it paid $5,000.Haddad said so."
    words = [t.text for t in nlp.tokenizer(glued)]
    assert words[4:7] == ["2019", ".", "According"] and "5,000" in words and "Haddad" in words
    kept = [t.text for t in nlp.tokenizer("Growth was 2.5 percent in the U.S. and No.5 ranked v3.2 first.")]
    assert "2.5" in kept and "U.S." in kept and "v3.2" in kept
    text = "The deal was signed in 2019.According to the ministry, the port will open next year."
    claims, _, _ = claims_of(text, "en")
    assert [(c.cue, c.text) for c in claims] == [("According to", "the port will open next year")]


@pytest.mark.parametrize("text, negated", [
    # A negated clause describing an indefinite noun belongs to the noun, not to what was reported.
    ("قالت الشركة إنها دفعت مبلغاً لم يكشف عنه لشراء الأسهم.", False),
    ("وقالت الوزارة إن الاتفاق يشمل بنوداً لم تعلن بعد.", False),
    ("وقالت الشركة إنها باعت حصة في مشروع لم يكتمل.", False),
    # The reported predicate itself negated.
    ("قال الوزير إن الحكومة لم توقع الاتفاق.", True),
    ("قال الوزير إن وزيراً لم يحضر الاجتماع.", True),
    ("وقال المسؤول إن أهداف رؤية 2030 لم تتغير.", True),
    ("وأكد المتحدث أن شركة نوكيا لم تبع أي بيانات.", True),
    ("قالت الشركة إن الشركة التي تملك حصة لم تبع أسهمها.", True),
    ("قالوا لنا إن البيانات مجهولة الهوية، لكنها لم تكن كذلك.", True),
    # Adverbs carry the same accusative alif; the negation after them is the predicate's.
    ("قالت الشركة إن الشركة حاليا لا تبيع أي بيانات.", True),
    ("وقال الوزير إن الحكومة رسميا لم تتلق أي طلب.", True),
    ("وأكدت الإدارة أن الموظفين جميعا لم يطلعوا على الملف.", True),
    # A noun that merely begins like a complementiser (انتخابا) is still a noun.
    ("وقال الحزب إنه خاض انتخابا لم يعترف به أحد.", False),
])
def test_ar_negation_inside_a_description_of_an_indefinite_noun(text: str, negated: bool) -> None:
    from marsad.nlp.ar.clauses import _ar_negation
    from marsad.nlp.ar.cues import _ar_tokens
    from marsad.nlp.claim_context import _Context

    claims, entities, _ = claims_of(text, "ar")
    (c,) = claims
    inside = [Entity(e.text, e.label, e.start - c.start, e.end - c.start, e.id, e.name)
              for e in entities if c.start <= e.start and e.end <= c.end]
    ctx = _Context.build(c.text, inside)
    assert (_ar_negation(_ar_tokens(c.text, 0, len(c.text)), ctx) is not None) == negated
    if not negated:
        assert c.kind == "statement"


# ---------------------------------------------------------------------------
# Line breaks, self-named speakers, "to"-clauses, split quotations, headlines


def test_no_claim_runs_from_a_headline_or_paragraph_into_the_next_line() -> None:
    text = ("Red Sea Coast Developments bets $3.2 billion on its resort as Ian Fletcher rejects claims\n"
            "Red Sea Coast Developments said on Thursday that it would spend $3.2 billion on the resort.\n\n"
            "Ian Fletcher denied that fishing villages were cleared by force\n\n"
            "Analysts said the plan was bold.")
    claims, _, _ = claims_of(text, "en")
    assert claims and all("\n" not in c.text and "\n" not in (c.speaker.text if c.speaker else "") for c in claims)
    denial = next(c for c in claims if c.cue == "denied")
    assert denial.text == "fishing villages were cleared by force"


@pytest.mark.parametrize(("text", "lang", "speaker"), [
    ("A hacking group calling itself Dark Falcon claimed to have stolen the records of 4 million subscribers.",
     "en", "Dark Falcon"),
    ("A group known as Red Hand said it had attacked the servers.", "en", "Red Hand"),
    ("وزعمت مجموعة قرصنة تطلق على نفسها اسم الصقر الأسود أنها سرقت سجلات 4 ملايين مشترك.", "ar", "الصقر الأسود"),
    ("مجموعة قرصنة تطلق على نفسها اسم «الصقر الأسود» زعمت أنها سرقت سجلات 4 ملايين مشترك.", "ar", "الصقر الأسود"),
])
def test_a_group_calling_itself_x_speaks_as_x(text: str, lang: str, speaker: str) -> None:
    c = only(text, lang)
    assert c.speaker.text == speaker


def test_claimed_to_have_done_something_is_a_claim() -> None:
    c = only("A hacking group calling itself Dark Falcon claimed to have stolen the records of 4 million "
             "subscribers.", "en")
    assert c.text.endswith("stolen the records of 4 million subscribers") and c.cue == "claimed"
    assert len(c.figures) == 1


def test_a_quotation_split_by_its_attribution_is_one_claim() -> None:
    c = only('"We expect the plant to open in May," he said, "and to hire 300 people."', "en")
    assert c.text.startswith("We expect the plant") and c.text.endswith("to hire 300 people")
    c = only('"Prices will rise," said Amin Nasser, "but not this year." He left early.', "en")
    assert c.text.startswith("Prices will rise") and c.text.endswith("but not this year")


@pytest.mark.parametrize(("text", "lang", "speaker", "claim"), [
    ("Karim Haddad: we will hire 2,000 engineers\nThe company said so.", "en", "Karim Haddad",
     "we will hire 2,000 engineers"),
    ("Nilewave: We will open 40 stores next year\nNilewave said so.", "en", "Nilewave",
     "We will open 40 stores next year"),
    ("موجة النيل: سنفتح 40 متجرا في العام المقبل\nوقالت موجة النيل ذلك.", "ar", "موجة النيل",
     "سنفتح 40 متجرا في العام المقبل"),
    # A quoted name before the colon.
    ("«نوران للأغذية»: لم نستورد أي لحوم خلال فترة الحظر\n\nقالت شركة «نوران للأغذية» إنها التزمت بالحظر.",
     "ar", "نوران للأغذية", "لم نستورد أي لحوم خلال فترة الحظر"),
    # A headline of two parts: the speaker after "و".
    ("المركزي يرفع الفائدة ومحافظ البنك المركزي: لن نتردد في التحرك\n\nقال محافظ البنك المركزي سامي فرح "
     "إن التضخم سيتراجع.", "ar", "محافظ البنك المركزي", "لن نتردد في التحرك"),
    # A name whose own first letter is و is not two parts.
    ("وكالة الطاقة الدولية: لن نغير توقعاتنا للطلب\n\nقالت الوكالة في تقريرها الشهري إن الطلب سيرتفع.", "ar",
     "وكالة الطاقة الدولية", "لن نغير توقعاتنا للطلب"),
    # One paragraph: a first sentence "Name: we did not …" before the report.
    ("«رمال للإسمنت»: لم نسرّح أي موظف. ردّت شركة «رمال للإسمنت» على تقارير عن تسريح مئات العمال من مصنعها.",
     "ar", "رمال للإسمنت", "لم نسرّح أي موظف"),
])
def test_a_headline_speaker_colon_words_is_a_claim(text: str, lang: str, speaker: str, claim: str) -> None:
    claims, _, _ = claims_of(text, lang)
    c = next(c for c in claims if c.cue == ":")
    assert (c.speaker.text, c.text) == (speaker, claim)


@pytest.mark.parametrize("text", [
    "Live: markets fall as oil prices jump\nTraders said the fall was sharp.",
    "Markets: oil prices jump and shares fall\nTraders said the fall was sharp.",
    # Not a headline: a single line.
    "Karim Haddad: we will hire 2,000 engineers",
])
def test_headline_labels_and_single_lines_are_not_speakers(text: str) -> None:
    claims, _, _ = claims_of(text, "en")
    assert not any(c.cue == ":" for c in claims)


@pytest.mark.parametrize(("text", "claim"), [
    ('The prime minister\'s office called the story "pure fabrication".', 'the story "pure fabrication"'),
    ("The bank described the reports as baseless.", "the reports as baseless"),
    ("Coach Tarek Aziz brushed off suggestions that he had lost the dressing room.",
     "suggestions that he had lost the dressing room"),
])
def test_en_calling_a_report_false_and_brushing_it_off_are_denials(text, claim) -> None:
    c = only(text, "en")
    assert (c.kind, c.text.rstrip('"')) == ("denial", claim.rstrip('"'))


@pytest.mark.parametrize("text", [
    "He called the meeting productive.",
    "She called on the government to act.",
    "He brushed his teeth before the interview.",
    "An Aramco spokesman rejected the allegations that it had understated its emissions, calling them baseless.",
])
def test_en_other_calling_describing_and_brushing_add_no_claim(text) -> None:
    claims, _, _ = claims_of(text, "en")
    assert [c.cue for c in claims] in ([], ["rejected"])


def test_ar_pleading_innocence_is_a_denial_and_paying_is_no_claim() -> None:
    c = only("ودفع المتهم رامي حداد ببراءته من تهمة اختلاس أموال الجمعية.", "ar")
    assert (c.kind, c.text) == ("denial", "ببراءته من تهمة اختلاس أموال الجمعية")
    claims, _, _ = claims_of("ودفعت الشركة مبلغ الغرامة كاملا.", "ar")
    assert claims == []


def test_en_a_quoted_denial_inside_a_claim_makes_it_a_denial_and_no_claim_of_its_own() -> None:
    c = only('A lawyer for Whitcombe said his client "categorically denies any wrongdoing" and had cooperated '
             "with the inquiry for more than a year.", "en")
    assert c.kind == "denial" and c.text.startswith("his client")


def test_en_a_setting_the_writer_adds_with_as_ends_the_claim() -> None:
    c = only("A French farmers' union on Friday denied that its members had dumped manure outside a tax office in "
             "Agen, as protests over fuel taxes spread to more than 40 departments.", "en")
    assert c.text.endswith("in Agen") and c.kind == "denial"


@pytest.mark.parametrize(("text", "kind", "claim", "speaker"), [
    ("«وصل باي» تنفي تسريب بيانات بطاقات عملائها بعد هجوم إلكتروني\n\nالرياض – قالت الشركة إنها تحقق.",
     "denial", "تسريب بيانات بطاقات عملائها", "وصل باي"),
    ("هيئة الغذاء تسحب شرابا و«بيان فارما» تنفي صلة منتجها بحالات التسمم\n\nالرياض – سحبت الهيئة الشراب.",
     "denial", "صلة منتجها بحالات التسمم", "بيان فارما"),
    ("الصحة العالمية تحذر من تفشي الكوليرا في ولايات سودانية مع اقتراب موسم الأمطار\n\nجنيف – حذرت المنظمة.",
     "statement", "تفشي الكوليرا في ولايات سودانية", "الصحة العالمية"),
])
def test_ar_a_headline_that_names_its_speaker_before_the_verb(text, kind, claim, speaker) -> None:
    claims, _, _ = claims_of(text, "ar")
    c = claims[0]
    assert (c.kind, c.text) == (kind, claim)
    assert speaker in c.speaker.text or c.speaker.text in speaker


def test_en_who_brings_a_charge_does_not_answer_one() -> None:
    claims, _, _ = claims_of("Thameside Pension Trust has sued Al Murooj Investment Company over hidden losses. "
                             "Thameside Pension Trust said it had not received any offer to settle.", "en")
    assert [c.kind for c in claims] == ["statement"]


def test_en_a_charge_the_claim_only_mentions_is_not_one_it_answers() -> None:
    claims, _, _ = claims_of("Al Murooj denied the allegations. Court filings said two other investors in the fund, "
                             "a Bahraini family office and a Malaysian insurer, have not joined the lawsuit.", "en")
    assert [c.kind for c in claims][-1] == "statement"
