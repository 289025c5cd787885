"""The sentence frames of the benchmark corpus (bench/corpus.py), in English and Arabic, written for Marsad."""

from __future__ import annotations

# Slots: {person} {org} {place} {lead} (entities; {lead} is the story's own),
# {count} {money} {percent} {count_<noun>} (figures), {N} {A} {V} (a noun,
# adjective, past-tense verb of the Zipfian vocabulary), {K} (the story's
# keyword), {day}, {year}; <<…>> marks a claim's text. A claim template is
# (kind, cue, template); its body slot is filled from the bodies of its kind.

EN_BODIES = [
    "the {N} rose {percent} to {money} last year",
    "the {A} {N} would create {count_jobs} in {place}",
    "the {N} had spent {money} on the {A} {N}",
    "prices of {N} fell {percent} in the first quarter",
    "{count_households} had been affected by the {N} in {place}",
    "the contract with {org} was worth {money}",
    "the {N} to {place} grew by {percent} since {year}",
    "the {N} had {V} the {A} {N}",
    "the {A} {N} {V} the {N} of {place}",
    "the {K} would cost {money}",
]
EN_NEGATED_BODIES = [
    "the {N} would not be {V} before {year}",
    "there were no plans to sell the {N}",
    "the {A} {N} had not {V} the {N}",
    "no decision on the {K} had been taken",
]
EN_DENIAL_BODIES = [
    "the company had laid off {count_workers}",
    "the {N} paid {money} to {org}",
    "data on {count_users} was sold to advertisers",
    "the {K} was awarded without a public bid",
    "{N} prices would rise by {percent} next month",
]
EN_CLAIMS = [
    ("statement", "said", "{speaker} said on {day} that <<{body}>>."),
    ("statement", "said", "\"<<{body_cap}>>,\" {speaker} said."),
    ("statement", "told", "{speaker} told reporters in {place} that <<{body}>>."),
    ("statement", "According to", "According to {speaker}, <<{body}>>."),
    ("statement", "announced", "{speaker} announced that <<{body}>>."),
    ("denial", "denied", "{speaker} denied that <<{body}>>."),
    ("denial", "denied", "{speaker} on {day} denied reports that <<{body}>>."),
    ("denial", "rejected", "{speaker} rejected claims that <<{body}>>, calling them baseless."),
    ("denial", "said", "{speaker} said it was not true that <<{body}>>."),
]
EN_FRAMES = [
    "The {A} {N} in {place} {V} the {N} of the {N}.",
    "{person} {V} the {A} {N} on {day}.",
    "The {N} {V} {percent} in the {A} {N}.",
    "{org} {V} a {N} worth {money} for the {N}.",
    "In {place}, the {N} {V} the {A} {N} and the {N}.",
    "The {N} of {org} {V} {count} over the {A} {N}.",
    "The {A} {N} {V} the {N} after the {N} of {year}.",
    "A {A} {N} {V} the {N} between {org} and the {N}.",
    "The {N} and the {N} {V} the {A} {N} in {place}.",
    "By the end of the {N}, the {N} {V} the {A} {N}.",
    "The {N} {V} a {A} {N} for the {N} of {place}.",
    "{person}, who {V} the {N} in {year}, {V} the {A} {N}.",
    "The {K} {V} the {N} of {org}.",
    "Since {year}, the {N} has {V} the {N} by {percent}.",
    "The {A} {N} {V} {count} and {V} the {N}.",
    "{org} {V} the {N} on {day}, a week after the {A} {N}.",
    "The {N} was {V} as the {N} in {place} {V} the {A} {N}.",
    "A {N} of {money} {V} the {A} {N}.",
    "The {K} has {V} the {N} and the {A} {N}.",
    "Residents of {place} {V} the {N} of the {A} {N}.",
    "The {A} {N} of {lead} {V} the {N}.",
    "{org} did not respond to a request for comment.",
]
EN_TITLES = [
    "{lead} {V} {A} {N} in {place}", "{place} {N} {V} {percent}", "{lead} {V} {money} {N}",
    "{A} {N} {V} in {place}", "{K}: {lead} {V} the {N}", "{lead} and {org} {V} {K}",
]
EN_DENIAL_TITLES = ["{lead} denies report on {K}", "{lead} rejects claims over {N}"]

AR_BODIES = [
    "{N} ارتفعت بنسبة {percent} إلى {money} في العام الماضي",
    "{N} {A} سيوفر {count_jobs} في {place}",
    "{N} أنفقت {money} على {N} {A}",
    "أسعار {N} تراجعت بنسبة {percent} في الربع الأول",
    "{N} أثر على {count_households} في {place}",
    "قيمة العقد مع {org} بلغت {money}",
    "{N} إلى {place} نمت بنسبة {percent} منذ عام {year}",
    "{N} {V} {N} {A} خلال {N}",
    "{N} {A} قدم {money} إلى {N}",
    "{K} سيكلف {money}",
]
AR_NEGATED_BODIES = [
    "{N} لن يتأثر بهذا القرار",
    "لا توجد خطط لبيع {N}",
    "لم يتم اتخاذ أي قرار بشأن {K}",
    "{N} {A} لن يكتمل قبل عام {year}",
]
AR_DENIAL_BODIES = [
    "تكون الشركة قد سرحت {count_workers}",
    "تكون الوزارة قد دفعت {money} إلى {org}",
    "تكون بيانات {count_users} قد بيعت للمعلنين",
    "يكون {K} قد منح دون عطاء علني",
    "ترتفع أسعار الوقود بنسبة {percent} الشهر المقبل",
]
AR_CLAIMS = [
    ("statement", "وقال", "وقال {speaker} يوم {day} إن <<{body}>>."),
    ("statement", "وقال", "وقال {speaker}: «<<{body}>>»."),
    ("statement", "وأكد", "وأكد {speaker} للصحفيين في {place} أن <<{body}>>."),
    ("statement", "وأعلن", "وأعلن {speaker} أن <<{body}>>."),
    ("statement", "وأضاف", "وأضاف {speaker} أن <<{body}>>."),
    ("denial", "ونفى", "ونفى {speaker} أن <<{body}>>."),
    ("denial", "ونفى", "ونفى {speaker} يوم {day} أن <<{body}>>."),
    ("denial", "ونفت", "ونفت {org_speaker} أن <<{body}>>، ووصفت الاتهامات بأنها لا أساس لها."),
]
AR_FRAMES = [
    "وفي {place}، {V} {N} {N} {A}.",
    "وقد {V} {person} {N} {A} يوم {day}.",
    "وسجل {N} ارتفاعا بنسبة {percent} في {N} {A}.",
    "كما {V} {org} {N} بقيمة {money} من أجل {N}.",
    "وقد {V} {N} {A} {N} إلى جانب {N}.",
    "وتناول {N} {A} {count} خلال {N} {A}.",
    "وجاء {N} {A} بعد {N} عام {year}.",
    "ومن المتوقع أن يشمل {N} {A} {org}.",
    "وبحلول نهاية {N}، {V} {N} {N} {A}.",
    "ويتولى {person} {N} {A} منذ عام {year}.",
    "وقد {V} {N} {K} {N} {org}.",
    "ومنذ عام {year}، {V} {N} {N} بنسبة {percent}.",
    "وقد {V} {org} {N} يوم {day}، بعد أسبوع من {N} {A}.",
    "وبلغت قيمة {N} {money} في {N} {A}.",
    "وقد {V} {K} {N} {A}.",
    "ويشكو سكان {place} من {N} {A}.",
    "وقد {V} {N} {lead} {N}.",
    "ولم ترد {org} على طلب للتعليق.",
    "وشهد {N} في {place} {N} {A} خلال {N}.",
    "وقد {V} {N} {A} في {place} {N} {N}.",
    "وتمت الموافقة على {N} {A} بقيمة {money}.",
    "وقد {V} {N} {count} في {N} {A}.",
]
AR_TITLES = [
    "{lead} {V} {N} {A} في {place}", "{N} في {place} ترتفع بنسبة {percent}", "{lead} تستثمر {money} في {N}",
    "{N} {A} في {place}", "{K}: {lead} {V} {N}", "{lead} و{org} {V} {K}",
]
AR_DENIAL_TITLES = ["{lead} تنفي تقريرا بشأن {K}", "{lead} ترفض الاتهامات بشأن {N}"]

SOURCES = {
    "en": ["gulf-ledger.example", "nile-courier.example", "levant-wire.example", "maghreb-times.example"],
    "ar": ["al-marsad-news.example", "al-khabar-daily.example", "sawt-al-sahel.example", "al-wadi-post.example"],
}
