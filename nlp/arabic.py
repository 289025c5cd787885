"""Arabic text helpers for entity recognition: name keys, proclitics, lexicons, word shapes.

Everything here works on the original text's offsets: tokens come from
``nlp.tokens.tokenize`` (its ``NAMES`` mode), and normalisation (camel-tools
via ``nlp.normalize``) is applied per token for matching only, so a match can
always be reported as ``text[start:end]`` of what the caller passed in.

The word lists are small closed classes written by hand: proclitics, function
words, speech and news verbs, title and organisation cue nouns, gentilic
adjectives of countries (nisba) and frequent given names. They are stored in
normalised form so a lookup is one dict/set access per token.
"""

from __future__ import annotations

import re
from functools import lru_cache

from marsad.nlp.normalize import normalize_arabic
from marsad.nlp.tokens import (
    AR_MARKS,
    NAME_RE,
    Token,  # noqa: F401  (entity modules read ar.Token, ar.tokenize)
    tokenize,
)

# nlp.linking reads the tokenizer's NAMES pattern as ar.TOKEN_RE.
TOKEN_RE = NAME_RE


@lru_cache(maxsize=100_000)
def key(text: str) -> tuple[str, ...]:
    """Returns the matching key of a name: its normalised token forms (no punctuation but & + .)."""
    return tuple(t.norm for t in tokenize(text) if t.kind != "punct" or t.text in "&+")


# Proclitic clusters, longest first. "لل" is ل + ال with the alef elided, so
# the stem it leaves is restored with "ال" for matching.
_PROCLITICS = (
    "وبال", "فبال", "وكال", "ولل", "فلل",
    "وب", "فب", "ول", "فل", "وك", "فك", "لل",
    "و", "ف", "ب", "ل", "ك",
)
_ELIDED_ARTICLE = ("لل", "ولل", "فلل")


@lru_cache(maxsize=100_000)
def clitic_splits(norm: str) -> tuple[tuple[int, str], ...]:
    """Returns the ways a normalised word can be split into proclitics and a stem.

    Args:
        norm: a normalised Arabic word.

    Returns:
        ``(n, stem)`` pairs, least stripped first: ``n`` letters of the
        normalised word are clitics and ``stem`` is what is matched (with the
        elided article restored after لل). The unsplit word is not included.
    """
    out = []
    for prefix in _PROCLITICS:
        if not norm.startswith(prefix):
            continue
        rest = norm[len(prefix):]
        if prefix.endswith("بال") or prefix.endswith("كال"):
            # بال = ب + ال: keep the article on the stem.
            prefix_len = len(prefix) - 2
            rest = norm[prefix_len:]
        else:
            prefix_len = len(prefix)
        if prefix in _ELIDED_ARTICLE:
            rest = "ال" + rest
        if len(rest) >= 2 and (prefix_len, rest) not in out:
            out.append((prefix_len, rest))
    return tuple(sorted(out))


def surface_offset(word: str, letters: int) -> int:
    """Returns the index in ``word`` after its first ``letters`` letters.

    Diacritics and tatweel do not count as letters (they vanish in the normal
    form), but the ones attached to the last skipped letter are skipped too.
    """
    i = seen = 0
    while i < len(word) and seen < letters:
        if not re.match(f"[{AR_MARKS}]", word[i]):
            seen += 1
        i += 1
    while i < len(word) and re.match(f"[{AR_MARKS}]", word[i]):
        i += 1
    return i


def strip_article(norm: str) -> str:
    """Returns a normalised word without a leading definite article."""
    return norm[2:] if norm.startswith("ال") and len(norm) > 3 else norm


def has_article(norm: str) -> bool:
    """Returns True when a normalised word starts with the definite article (or لل)."""
    return len(norm) > 3 and norm.startswith(_ARTICLE_PREFIXES) and not (
        len(norm) == 4 and norm.startswith(_ARTICLE_PREFIXES[1:])
    )


_ARTICLE_PREFIXES = ("ال", "وال", "فال", "بال", "كال", "لل", "ولل")


def _n(words: str) -> frozenset[str]:
    return frozenset(normalize_arabic(w) for w in words.split())


# Words that end a name: particles, pronouns, prepositions, auxiliaries,
# relative pronouns and frequent adverbs of news prose.
FUNCTION_WORDS = _n(
    """في من إلى الى على عن مع أن إن ان أنه أنها إنه إنها لأن كان كانت يكون تكون قد لقد
    التي الذي الذين اللذين اللتين اللواتي ما ماذا لا لم لن ليس ليست هذا هذه ذلك تلك هؤلاء
    هو هي هم هن نحن أنا أنت عند بعد قبل خلال حول ضد بين منذ حتى ثم أو أم بل لكن لكنه لكنها
    كما مثل غير سوى أي كل بعض جميع أيضا أيضاً فقط حيث إذ إذا لو عندما بينما وفق وفقا حسب
    نحو لدى دون عبر تجاه إثر جراء بسبب رغم لها له لهم به بها بهم منه منها عنه عنها فيه فيها
    عليه عليها إليه إليها يوم اليوم أمس غدا الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة
    السبت الماضي المقبل الحالي العام الشهر الأسبوع مساء صباح وقت أكثر أقل نحو حوالي قرابة
    يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر
    كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين باسم باسمه باسمها عاما عامين
    إدارة الإدارة أعوام سنة سنوات شهرا أشهر يوما أيام ساعة رئيسا مديرا عضوا نائبا مستشارا متحدثا"""
)

# News and speech verbs (perfect and imperfect, masculine and feminine).
VERBS = _n(
    """قال قالت يقول تقول أعلن أعلنت يعلن تعلن ذكر ذكرت يذكر تذكر أكد أكدت يؤكد تؤكد
    نفى نفت ينفي تنفي أنكر أنكرت رفض رفضت يرفض ترفض أصر أصرت أوضح أوضحت أضاف أضافت
    أشار أشارت أفاد أفادت كشف كشفت صرح صرحت نقل نقلت نشر نشرت أعرب أعربت اتهم اتهمت
    وقع وقعت وقّع يوقع استحوذ استحوذت اشترى اشترت باع باعت أطلق أطلقت فرض فرضت دفع دفعت
    غرم غرمت حذر حذرت طالب طالبت دعا دعت وصف وصفت التقى التقت زار زارت استقبل استقبلت
    بلغ بلغت ارتفع ارتفعت انخفض انخفضت تراجع تراجعت سجل سجلت حقق حققت جمع جمعت عين عينت
    يعمل تعمل عمل عملت يملك تملك أسس أسست تأسست أقر أقرت اعترف اعترفت قرر قررت أصدر أصدرت
    فتح فتحت أغلق أغلقت حصل حصلت يواجه تواجه واجه واجهت استخدم استخدمت جمع جمعت تلقى تلقت
    أبلغ أبلغت يعتزم تعتزم تعتزم يخطط تخطط خطط أنفق أنفقت يبلغ تبلغ يضم تضم ضم ضمت
    يتيح تتيح يستخدم تستخدم طورت طور أجرى أجرت تجري يجري قاد قادت يقود تقود ترأس ترأست
    شارك شاركت وافق وافقت توقع توقعت يتوقع تتوقع أعلنا قالا نفيا أكدا ردت رد يرى ترى رأى
    تعهد تعهدت وعد وعدت هدد هددت انتقد انتقدت رحب رحبت أدان أدانت ناقش ناقشت بحث بحثت
    يستعد تستعد بدأ بدأت يبدأ تبدأ أنهى أنهت أوقف أوقفت علق علقت سحب سحبت منح منحت"""
)

# Speech verbs after which a bare name is the speaker ("قال زهير مراد إن").
SPEECH_VERBS = _n(
    """قال قالت أكد أكدت نفى نفت أوضح أوضحت أضاف أضافت صرح صرحت أشار أشارت ذكر ذكرت
    أعلن أعلنت اعتبر اعتبرت رأى رأت حذر حذرت أصر أصرت أنكر أنكرت كتب كتبت غرد غردت"""
)
# Indefinite nouns that are common subjects of speech verbs, not names.
SUBJECT_NOUNS = _n(
    """مسؤول مسؤولة مسؤولون مسؤولين مسؤولو مصدر مصادر مصدران متحدث متحدثة بيان تقرير شهود
    خبراء خبير محللون محلل سكان موظفون موظف نشطاء ناشط ناشطون مراقبون دبلوماسي دبلوماسيون
    مستثمرون مستخدمون باحثون علماء أطباء محامون معارضون نواب وزراء قادة رئيس وزير مدير
    عدد بعض كثير كثيرون آخرون آخر أحد إحدى تقارير وسائل صحيفة صحف وكالة مصادر محامو مسؤولو
    ممثلو موظفو مستشارو مؤيدو منتقدو معارضو مديرو مسؤولا ممثل ممثلة"""
)

# Title nouns that precede a person's name. Modifiers (definite words) may
# follow before the name: "وزير الخارجية الأمريكي X".
PERSON_TITLES = _n(
    """الدكتور الدكتورة د السيد السيدة الرئيس الرئيسة الملك الملكة الأمير الأميرة الشيخ الشيخة
    الوزير الوزيرة وزير وزيرة رئيس رئيسة المستشار المستشارة البروفيسور البروفيسورة الأستاذ
    الأستاذة الباحث الباحثة النائب النائبة السفير السفيرة المتحدث المتحدثة الناطق الناطقة
    المدير المديرة مدير مديرة المؤسس المؤسسة مؤسس الصحفي الصحفية الصحافي الصحافية الكاتب
    الكاتبة المحامي المحامية القاضي القاضية الجنرال اللواء العميد العقيد الفريق المبعوث
    المبعوثة المفوض المفوضة الناشط الناشطة المحلل المحللة الخبير الخبيرة المهندس
    المهندسة عضو عضوة الأمين الأمينة أمين محافظ المحافظ المدعي
    المدعية النجم النجمة اللاعب اللاعبة المدرب المغرد المطور المطورة الموظف الموظفة
    الشريك الشريكة كبير كبيرة مسؤول مسؤولة مسؤولي المخرج المخرجة الممثل الممثلة الفنان
    الفنانة المغني المغنية المطرب المطربة الروائي الروائية الشاعر الشاعرة المهاجم المدافع
    الحارس الرسام الرسامة المصور المصورة المذيع المذيعة الطبيب الطبيبة المحقق المحققة
    منسق منسقة المنسق المنسقة مكتب فرع قسم"""
)

# Organisation cue nouns whose following name is the organisation's own name
# ("شركة كامبريدج أناليتيكا" → كامبريدج أناليتيكا). When the next word is
# definite the cue is part of a descriptive name ("وكالة الأنباء السعودية").
ORG_DESCRIPTORS = _n(
    """شركة الشركة صحيفة الصحيفة جريدة مجلة منصة المنصة موقع وكالة قناة تطبيق حركة
    جماعة مجموعة خدمة متجر مختبر مختبرات استوديو حلف مركز"""
)
# Organisation cue nouns that are part of the name ("وزارة الخارجية", "جامعة القاهرة").
ORG_HEADS = _n(
    """وزارة هيئة لجنة مجلس جامعة حزب منظمة مؤسسة صندوق بنك مصرف البنك المصرف معهد
    اتحاد جمعية نادي محكمة المحكمة بورصة مفوضية الهيئة اللجنة المجلس الجامعة الحزب
    المنظمة المؤسسة الصندوق المعهد الاتحاد الجمعية النادي المفوضية الوزارة سلطة مستشفى
    رابطة الرابطة نقابة النقابة غرفة ائتلاف تحالف"""
)
# Cues of places; the name follows ("مدينة نيوم", "العاصمة الأردنية عمان").
PLACE_CUES = _n("مدينة المدينة العاصمة عاصمة ولاية إقليم منطقة بلدة قرية جزيرة ميناء مطار")
# Descriptor cues that may be followed by a definite name of their own
# ("مجموعة الفجر القابضة", "صحيفة الأيام"); after others (منصة، قناة) a
# definite word is a description unless the gazetteer knows it.
DEFINITE_NAME_DESCRIPTORS = _n("شركة صحيفة جريدة مجلة مجموعة")
# Descriptor cues that begin a descriptive name ("وكالة الأنباء السعودية").
INCLUSIVE_DESCRIPTORS = _n("وكالة")
# Organisation heads that stay in the name before a proper noun ("جامعة نورثغيت").
NAMED_HEADS = _n("جامعة الجامعة معهد المعهد نادي النادي بنك البنك مصرف المصرف حزب مستشفى")
# Definite words that end company names ("ثمار القابضة").
ORG_DEFINITE_SUFFIXES = _n("القابضة المحدودة المتحدة")
# Descriptor cues too generic to start a name unless a domain noun closes it.
WEAK_DESCRIPTORS = _n("مركز")
# Cues of products rather than organisations.
PRODUCT_CUES = _n("تطبيق")
# Domain nouns that may end an organisation name with ل ("غلوبال ساينس للأبحاث").
ORG_DOMAIN_NOUNS = _n(
    """أبحاث الأبحاث تقنية التقنية تكنولوجيا التكنولوجيا استشارات الاستشارات اتصالات الاتصالات
    طاقة الطاقة استثمار الاستثمار بيانات البيانات إعلام الإعلام تسويق التسويق أمن الأمن
    تطوير التطوير دراسات الدراسات حلول الحلول برمجيات البرمجيات تجارة التجارة خدمات
    الخدمات الأنباء أنباء الصناعات صناعات النفط البترول التعدين التأمين الطيران النقل
    الإلكترونيات التحليلات التواصل الرقمية التنمية الابتكار التمويل الصحة المياه مياه
    الكيماويات كيماويات الأغذية أغذية العقارات عقارات الإنشاءات المقاولات الأدوية أدوية
    الاستثمارات الصرافة الشحن اللوجستيات البرمجة التعليم السياحة الفنادق الزراعة"""
)
# The speaker cue "المتحدث باسم X" / "متحدث باسم X": X is an organisation.
SPOKESPERSON = _n("متحدث متحدثة المتحدث المتحدثة ناطق ناطقة الناطق الناطقة")

# Gentilic adjectives of countries and regions (masculine, feminine, plural
# forms without the article are produced from these).
_NISBA_STEMS = """أمريكي أميركي بريطاني سعودي إماراتي مصري أردني لبناني سوري عراقي كويتي قطري بحريني
    عماني يمني سوداني ليبي تونسي جزائري مغربي موريتاني فلسطيني إسرائيلي إيراني تركي روسي صيني
    ياباني هندي باكستاني ألماني فرنسي إيطالي إسباني أوروبي أفريقي إفريقي آسيوي خليجي عربي
    أيرلندي ايرلندي هولندي بلجيكي سويسري سويدي نرويجي كندي أسترالي برازيلي كوري أوكراني دولي
    محلي وطني اتحادي فيدرالي فدرالي حكومي رسمي إقليمي عالمي غربي شرقي أجنبي رقمي ناشئ عملاق"""


def _nisba_forms() -> frozenset[str]:
    forms = set()
    for stem in _NISBA_STEMS.split():
        base = normalize_arabic(stem)
        for form in (base, base + "ه", base + "ون", base + "ين", base + "ان"):
            forms.add(form)
            forms.add("ال" + form)
    return frozenset(forms)


NISBA = _nisba_forms()

# Frequent given names (Arabic and foreign names as Arabic news spells them);
# a given name followed by a non-function word starts a person's name.
GIVEN_NAMES = _n(
    """محمد أحمد محمود مصطفى علي حسن حسين عمر عثمان خالد سعد سالم سلمان سلطان فهد فيصل
    عبدالله عبدالرحمن عبدالعزيز عبدالمجيد عبد إبراهيم اسماعيل إسماعيل يوسف يونس موسى عيسى
    طارق طلال ماجد ماهر مازن نبيل نادر ناصر نايف هشام هاني وليد وائل ياسر ياسين زياد زيد
    رامي رائد رشيد سامي سامر شادي صالح عماد عمرو غسان فادي فارس لؤي مراد
    منصور منير نزار نضال هيثم وسام بسام جلال حمد حمدان راشد زايد تميم مكتوم منى
    فاطمة عائشة مريم سارة سلمى ليلى هدى نورا رنا رانيا دينا ريم لينا ياسمين هالة
    سعاد إيمان هبة رشا دعاء لمى جنى حلا غادة نادية سميرة ليلي كاترين جيهان نسرين
    مارك جون جيمس ديفيد دافيد مايكل ريتشارد روبرت توماس ويليام وليام بيتر بول جورج جوزيف
    ستيفن ستيف دانيال دانييل أندرو آندرو كريستوفر براين بريان كيفن جيسون إريك إيريك سكوت
    فرانك هنري تشارلز جاك نيك أليكس ألكسندر الكسندر ماثيو ماتيو آدم آدام تيم توم
    جيف بيل لاري سيرغي فلاديمير دميتري إيفان أولغا ماريا آنا آنا إيما إليزابيث سارا
    جينيفر ليندا كارول لورا جوليا صوفي صوفيا كلير هيلين كاثرين كاترين راشيل ميشيل
    باتريك لوكاس ماركو ماركوس هانس كلاوس فرانسوا جان بيير لوي لويس كارلوس خوان
    أنطونيو لوكا أوليفر أوليفيا هاري إدوارد غاري جاري نيل أندريه أندريا يان كيم
    خليل أمينة آمنة زينب خديجة حنان سوسن رشيد نبيلة سهى لبنى رزان شيماء أسماء منال
    جوليان جوليا فيليب فيليب كريستين ناتالي ستيفاني إيميلي إميلي أوليفييه ماري لورا
    مارتن مارتين سيمون روبرت أنطوان ميشال إيلي جورج شربل طوني بيار نجيب أنيس حبيب"""
)
# English company words as Arabic news spells them; a run of name words
# ending in one is an organisation ("توتال إنرجيز", "هانزا كلاود").
COMPANY_WORDS = _n(
    """تك تكنولوجيز تكنولوجي داتا ميديا كابيتال باي كلاود لابز لاب إنرجي إنرجيز سيستمز
    سوليوشنز جروب غروب هولدينغ هولدينغز موتورز إيرويز إيرلاينز فودز فارما بايو أناليتيكا
    أناليتكس إنسايتس نتوركس نتووركس ديجيتال سكيوريتي سوفت سوفتوير فنتشرز بارتنرز كوربوريشن
    إنترناشونال غلوبال ريسيرش ستوديوز جيمز ريتيل لوجستيكس ماركتس فاينانس إنفستمنتس
    سيرفيسز سيرفيس ويب كلاود إيرلاين شيبينغ"""
)
# Latin letters as Arabic spells them; two or more in a row are an initialism.
LETTER_NAMES = _n(
    """إيه أيه بي سي دي إي إف جي جيه إتش آي كيه كي إل إم إن أو بي كيو آر إس تي يو في
    دبليو إكس واي زد"""
)
# Parts of Arabic compound names that may follow a name word.
NAME_PARTICLES = _n("بن بنت ابن أبو أبي أم آل عبد عبدال ولد")

# More given names, Arab and foreign, as Arabic news spells them. Kept apart
# from the list above so that the closed classes stay readable.
GIVEN_NAMES = GIVEN_NAMES | _n(
    """نور نورة نوال أمل هند هيفاء وفاء صفاء رحاب إسراء آلاء بشرى جميلة حياة خلود دانة
    ديما رغد رهف روان ريما زهراء زهرة سهام سوزان شذى شهد صباح عبير عفاف علياء غدير فرح
    لطيفة مها ميساء ميس نجلاء نجوى نهى هيا وداد يسرى مروة ندى تسنيم بثينة سناء عزة
    جمال كمال نضال هلال بلال جلال طلال وليد سعيد سعود مشعل بندر تركي متعب عادل عاطف
    أيمن أنور أشرف أكرم أسامة أنس أمين إياد باسل بشار بشير توفيق ثامر جابر جاسم جواد حاتم
    حازم حامد حمزة حيدر خضر رضا رياض زكريا زهير سامح سعيد سليم سليمان سمير سيف شريف
    صابر صلاح ضياء عادل عامر عباس عدنان عزيز عصام علاء عمار عوض غازي فؤاد فاروق فتحي
    فراس فريد فواز قاسم كريم كمال لطفي مجدي محسن مختار مروان معاذ معتز مهدي ممدوح منذر
    نبيه نزار نعيم هادي همام وحيد ياسر يحيى إدريس إلياس أيوب بلقاسم حميد رشيد عبدالقادر
    عبدالكريم عبداللطيف عبدالرحيم عبدالحميد عبدالسلام عبدالناصر عبدالإله عبدالوهاب هشام
    سفيان رضوان عبدالصمد زكرياء حكيم وئام سلوى نوال مريم أمين ياسين إلياس أشرف
    إسلام مصعب صهيب أسعد مالك منصور مراد نصر نصير نوفل هاشم وجدي يزن يزيد
    خوسيه خوان ماريو بابلو ديغو دييغو ألبرتو روبرتو فرناندو مانويل رافائيل سيرجيو
    غريغوري جريجوري غريغ جورجيو ماتياس ماتيو سيباستيان هانس يوهان يورغن فولفغانغ كلاوس
    ستيفان شتيفان توماس نيكولاس نيكولا إيمانويل فرنسوا جاك لوران كلود جيروم أوليفييه
    ريتا آنا كارلا لورا إيلينا ماريانا كاتارينا إنغريد بريجيت أنغيلا أنجيلا كريستينا
    بريانكا راهول أميت سانجاي سونيا بيا إيفا ساندرا باربرا جيسيكا أماندا ميليسا
    ويليام روبرت تشارلز هنري إدوارد ريتشارد كريس جون جاكوب ليام نوح إيثان بنيامين
    أليكسي أليكسندر سيرغي ديمتري ميخائيل بوريس إيغور أندريه يوري فيكتور نيكولاي
    أرسلان محمد مصطفى أحمد كيم وانغ تشانغ هيروشي كينجي ياسوهيرو تاكيشي
    جيمي جوناثان ستيوارت نيكولاس آلان آلن كيث غراهام مارتن ديفيد ستيفن ستيف"""
)
# Second words of compound given names ("نور الهدى", "فاطمة الزهراء").
COMPOUND_SECOND = _n("الدين الله الرحمن الرحيم العزيز الهدى الزهراء الإسلام الحق النور الخير")


def _load_common() -> frozenset[str]:
    from marsad.nlp import data

    words: set[str] = set()
    for line in data.phrases("ar_common.txt"):
        for w in line.split():
            n = normalize_arabic(w)
            words.add(n)
            if not n.startswith("ال"):
                words.add("ال" + n)
    return frozenset(words)


# Common nouns, verbal nouns, adverbs and demonstratives (nlp/data/ar_common.txt).
COMMON_WORDS = _load_common()

_LONG = "اوي"


def _shape_common(n: str) -> bool:
    """True when a normalised word has the shape of a verb, a masdar or a broken plural."""
    size = len(n)
    if size >= 5 and n[0] == "س" and n[1] in "يتن" and _imperfect(n[1:]):
        return True  # future: ستغلق، سيتعاقد
    if _imperfect(n):
        return True
    if n.startswith("است") and size == 7 and n[5] == "ا":
        return True  # استفعال: استخدام، استثمار
    if size == 6 and n[0] == "ا" and n[2] == "ت" and n[4] == "ا":
        return True  # افتعال: اعتماد، ارتفاع، انتخاب
    if size == 6 and n.startswith("ان") and n[4] == "ا" and n[2] not in _LONG and n[3] not in _LONG:
        return True  # انفعال: انخفاض، انفجار
    if size == 5 and n[0] == "ت" and n[3] == "ي" and not any(c in _LONG for c in n[2] + n[4]):
        return True  # تفعيل: تسويق، تحليل، توصيل
    if size == 5 and n[0] == "ا" and n[3] == "ا" and not any(c in _LONG for c in n[1:3] + n[4]):
        return True  # إفعال / أفعال: إعلان، إغلاق، أسعار، أرباح
    if size in (5, 6) and n[0] == "م" and n[2] == "ا" and n[1] not in _LONG and n[-1] not in _LONG + "ه" \
            and (size == 5 or n[4] == "ي"):
        return True  # مفاعل / مفاعيل: مصادر، مواقع، مشاريع
    return False


def _imperfect(n: str) -> bool:
    """Imperfect verb shapes that names rarely have (يستخدم، تعتمد، يتعاقد، يملك).

    Form III (تواجه) is left out: its shape is that of many foreign names (ترامب).
    """
    # نـ (we) is left out: first-person verbs are rare in news and many
    # foreign names start with نت (نتفليكس، نتنياهو).
    if len(n) < 4 or n[0] not in "يت" or n[1] in _LONG:
        return False
    body = n[1:]
    if body.startswith("ست") and len(n) >= 6:
        return True  # form X
    if body[0] == "ت" and len(n) >= 5:
        return True  # forms V, VI: يتعاقد، تتبع
    if len(n) == 5 and body[1] == "ت" and body[2] not in _LONG and body[3] not in _LONG:
        return True  # form VIII: تعتمد، ينتقد
    if len(n) == 4 and not any(c in _LONG for c in body) and not n.endswith("ه"):
        return True  # form I/II/IV: يملك، تعلن
    return False


def is_verb_shape(norm: str) -> bool:
    """Returns True when a normalised word looks like an imperfect or future verb (تعتمد، ستغلق)."""
    if norm in GIVEN_NAMES:
        return False
    return _imperfect(norm) or (len(norm) >= 5 and norm[0] == "س" and _imperfect(norm[1:]))


@lru_cache(maxsize=100_000)
def is_listed_common(norm: str) -> bool:
    """Returns True when a normalised word (or its stem after proclitics) is in the common-word lexicon.

    Unlike ``is_common`` this ignores word shapes: after an explicit cue
    ("شركة إعمار") a masdar-shaped word can still be a brand.
    """
    if norm in GIVEN_NAMES or norm in NAME_PARTICLES:
        return False
    for skip, f in ((0, norm), *clitic_splits(norm)):
        if skip and len(f) < 4 and norm[0] not in "وف":
            continue
        if f in COMMON_WORDS or f in VERBS:
            return True
        if len(f) >= 4 and f.endswith("ا") and f[:-1] in COMMON_WORDS:
            return True
        for suffix in _ENCLITICS:
            # "شقيقته", "نظيره", "مبيعاتها": a common noun with a possessive
            # pronoun; teh marbuta is written ت before it.
            stem = f[: -len(suffix)]
            if f.endswith(suffix) and len(stem) >= 3 and (
                stem in COMMON_WORDS or (stem.endswith("ت") and stem[:-1] + "ه" in COMMON_WORDS)
            ):
                return True
    return False


_ENCLITICS = ("هما", "هم", "هن", "ها", "ه", "نا", "كم")


@lru_cache(maxsize=100_000)
def is_common(norm: str) -> bool:
    """Returns True when a normalised word is a common word that cannot start or end a name.

    Common nouns, verbal nouns (masdars), adverbs and demonstratives from the
    lexicon, also with proclitics, the article or an accusative alef
    ("وتطبيقا", "المستخدمين"), and words shaped like verbs, masdars or broken
    plurals (تعتمد، سيتعاقد، تسويق، استخدام، مصادر). Listed given names are
    never common ("أسماء" and "أمل" are names too; context decides).

    Args:
        norm: a normalised Arabic word (``normalize_arabic``).

    Returns:
        True for a word that is not part of a name.
    """
    if norm in GIVEN_NAMES or norm in NAME_PARTICLES:
        return False
    # A short stem after a clitic is too often the start of a name ("لاين"
    # is not ل + أين); only و/ف are safe before a short word ("وهنا").
    # The accusative alef is tried too ("تطبيقا", "عاما").
    if is_listed_common(norm):
        return True
    bare = norm[2:] if norm.startswith("ال") and len(norm) > 4 else norm
    if bare in GIVEN_NAMES:
        return False
    if _shape_common(bare):
        return True
    if bare.endswith("ا") and len(bare) > 5 and _shape_common(bare[:-1]):
        return True  # accusative masdar: ارتفاعا
    return False


_PRONOUN_SUFFIXES = ("ها", "هم", "هما", "هن", "نا", "كم")


@lru_cache(maxsize=100_000)
def looks_foreign(norm: str) -> bool:
    """Returns True when a normalised word has the shape of a transliterated foreign name.

    Arabic spells foreign names by ear, with long vowels where the source has
    short ones and letter clusters that Arabic roots avoid: a final و after a
    consonant (روتو، ماركيتو), three long vowels (فودافون), تش and دج (تشارلز،
    كامبريدج), غ before ر/ل in the first syllable (غريغوري، غلوبال), a final ز
    or س after a consonant (لابز), endings such as ـيكس، ـيكا، ـسون. Words the
    common-word lexicon or the verb/masdar shapes claim, definite words and
    words with a pronoun suffix are never foreign names. On the gazetteer's
    transliterated aliases this finds about two in five; it is meant for
    contexts where a name is already likely.

    Args:
        norm: a normalised Arabic word.

    Returns:
        True for a word that reads as a transliterated name.
    """
    if len(norm) < 4 or norm.startswith("ال") or norm in FUNCTION_WORDS or norm in NISBA or is_common(norm):
        return False
    if norm.endswith(_PRONOUN_SUFFIXES) or norm.endswith(("ات", "ين", "ه", "يا", "وا", "يير")):
        return False
    for _, stem in clitic_splits(norm):
        # "بنحو", "بالتوقيت", "ويدير": a clitic before a common word or an article.
        if stem in FUNCTION_WORDS or stem in COMMON_WORDS or stem.startswith("ال") or is_verb_shape(stem) \
                or stem[:1] in "يت" and norm[0] in "وفس":
            return False
    if norm.endswith("ون") and (norm.startswith("م") or sum(c in _LONG for c in norm[1:-2]) < 2):
        return False  # a sound plural (مسافرون، ناشطون), not فودافون
    if any(c in norm for c in "پڤگچ"):
        return True
    score = 0
    if "تش" in norm or norm.endswith("دج") or norm[:3].find("غر") >= 0 or norm[:3].find("غل") >= 0:
        score += 2
    if norm[-1] == "و" and norm[-2] not in _LONG:
        score += 2
    if norm[-1] in "زس" and norm[-2] not in _LONG:
        score += 1
    vowels = sum(c in _LONG for c in norm[1:])
    if vowels >= 3:
        score += 2
    elif vowels == 2 and len(norm) >= 5:
        score += 1
    if norm.endswith(("يكس", "يكا", "يك", "ون", "وس", "يز", "سون", "ير")):
        score += 1
    return score >= 2
