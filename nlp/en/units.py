"""English counted nouns for figures: each unit's forms (users, accounts, staff ...), and the
words that may stand between a number and its noun or stop the search for one.
"""

from __future__ import annotations

# --- counted nouns ----------------------------------------------------------

_EN_UNIT_LIST = {
    "user": "users", "account": "accounts", "employee": "employees|staff|staffers|staffer",
    "worker": "workers", "subscriber": "subscribers", "person": "people|persons",
    "country": "countries", "customer": "customers|clients|client", "tweet": "tweets",
    "post": "posts", "record": "records", "download": "downloads", "job": "jobs",
    "vehicle": "vehicles", "car": "cars", "tonne": "tonnes|ton|tons",
    "student": "students", "patient": "patients", "case": "cases", "death": "deaths|dead|fatalities",
    "refugee": "refugees", "migrant": "migrants", "child": "children", "home": "homes",
    "house": "houses", "household": "households", "soldier": "soldiers|troops",
    "member": "members", "visitor": "visitors", "passenger": "passengers", "flight": "flights",
    "device": "devices", "smartphone": "smartphones", "video": "videos", "view": "views",
    "follower": "followers", "app": "apps|applications", "website": "websites|sites",
    "file": "files", "document": "documents", "email": "emails|e-mails", "message": "messages",
    "voter": "voters", "vote": "votes", "signature": "signatures", "doctor": "doctors",
    "nurse": "nurses", "teacher": "teachers", "company": "companies|firms|firm",
    "bank": "banks", "school": "schools", "hospital": "hospitals", "village": "villages",
    "civilian": "civilians", "protester": "protesters|demonstrators", "tourist": "tourists",
    "resident": "residents|inhabitants", "family": "families", "citizen": "citizens",
    "farmer": "farmers", "pilgrim": "pilgrims", "viewer": "viewers", "listener": "listeners",
    "reader": "readers", "ticket": "tickets", "copy": "copies", "unit": "units",
    "share": "shares", "contract": "contracts", "project": "projects", "photo": "photos|images",
    "complaint": "complaints", "journalist": "journalists", "prisoner": "prisoners|detainees",
    "injury": "injuries|injured|wounded", "page": "pages", "comment": "comments",
    "listing": "listings", "order": "orders", "store": "stores", "branch": "branches",
    "vaccine": "vaccines", "dose": "doses", "server": "servers", "bot": "bots", "ad": "ads|advertisements",
    "advertiser": "advertisers", "driver": "drivers", "robot": "robots",
    "aircraft": "aircraft|plane|planes|jet|jets|airplanes|airliners",
    "guest": "guests", "office": "offices", "candidate": "candidates", "call": "calls",
    "ounce": "ounces", "phone": "phones|handsets", "contestant": "contestants",
    "barrel": "barrels|bpd|b/d",
    "patent": "patents", "loan": "loans", "license": "licenses|licences", "shop": "shops",
    "ship": "ships", "truck": "trucks|lorries", "building": "buildings", "tree": "trees",
    "woman": "women", "man": "men", "adult": "adults", "teenager": "teenagers|teens",
    "participant": "participants", "respondent": "respondents", "applicant": "applicants",
    "victim": "victims", "volunteer": "volunteers", "officer": "officers", "fighter": "fighters",
    "partner": "partners", "developer": "developers", "researcher": "researchers",
    "engineer": "engineers", "seat": "seats", "bed": "beds", "meal": "meals",
    "password": "passwords", "profile": "profiles", "channel": "channels", "item": "items",
}
EN_UNITS: dict[str, str] = {}
for _unit, _forms in _EN_UNIT_LIST.items():
    EN_UNITS[_unit] = _unit
    for _f in _forms.split("|"):
        EN_UNITS[_f] = _unit
_EN_UNIT_MAX = 2  # longest unit phrase in tokens ("e-mails" is 3 but rare)

# Singular English nouns: after a number other than one they modify the next noun.
_EN_SINGULAR = frozenset(u for u, forms in _EN_UNIT_LIST.items() if u not in forms.split("|"))
# Function words end the search for a counted noun ("73 in 12 countries").
_EN_STOP = frozenset(
    "the a an of in on at to for from by with and or but as than that which who whom whose were was are "
    "is be been being has have had will would could should may might can said says say it its their his "
    "her our your my this these those less about over under up down per each every into out off if not "
    "no so then while when where after before during since until also only just there here such both "
    "all some any most many much few did do does a.m p.m am pm".split()
)
# Words that may stand between a number and its counted noun in English.
_EN_MODIFIERS = frozenset(
    "new more active monthly daily registered additional other former full-time part-time full part time "
    "unique paying paid fake young foreign local civilian international young elderly retail "
    "private public social skilled current existing affected displaced infected confirmed "
    "individual total extra potential eligible million-strong small large major online "
    "personal inactive dormant verified anonymous suspected -".split()
)
