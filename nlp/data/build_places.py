"""Generates places.tsv: countries and cities with English and Arabic names.

Sources are data shipped in installed packages, so the build is offline and
repeatable: pycountry (ISO 3166 English names), Babel's CLDR territory names in
English and Arabic, and CLDR's exemplar cities of time zones (the one list of
major cities that CLDR translates into Arabic).

Run from the repository root: ``.venv/bin/python -m marsad.nlp.data.build_places``.
Columns: id, label, English name, English aliases, Arabic aliases (aliases
separated by ``|``), and the ISO 3166 alpha-2 code of a country (empty for a
city), which tells countries from cities (``nlp.countries`` forms the Arabic
gentilics of countries from their names).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import babel
import pycountry
from babel.dates import get_timezone_location
from marsad.nlp.translit import slugify

OUT = Path(__file__).with_name("places.tsv")

# Territory codes that CLDR lists but that are not places in the news sense,
# or whose CLDR name would shadow a better-known entity.
_SKIP_TERRITORIES = {"AQ", "BV", "HM", "UM", "IO", "TF", "GS", "EU", "EZ", "UN", "XA", "XB", "ZZ", "QO"}
# Time zones whose exemplar city is not a city people name in news.
# CLDR's English name where news uses another one.
_RENAME = {
    "PS": "Palestine", "CZ": "Czech Republic", "MM": "Myanmar", "CI": "Ivory Coast",
    "HK": "Hong Kong", "MO": "Macao", "TR": "Turkey",
}
_SKIP_ZONE_PREFIXES = ("Etc/", "Antarctica/", "Arctic/")


def countries() -> list[tuple[str, str, str, list[str], list[str], str]]:
    """Returns (id, label, name, English aliases, Arabic aliases, ISO code) for each country."""
    en = babel.Locale("en").territories
    ar = babel.Locale("ar").territories
    rows = []
    for country in pycountry.countries:
        code = country.alpha_2
        if code in _SKIP_TERRITORIES or code not in en or code not in ar:
            continue
        name = _RENAME.get(code, en[code])
        aliases = {name, en[code], country.name}
        for attr in ("official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                aliases.add(value)
        # pycountry writes "Korea, Republic of"; such inverted forms never occur in text.
        aliases = {a.removeprefix("the ") for a in aliases if "," not in a}
        aliases.discard(name)
        rows.append((slugify(name), "GPE", name, sorted(aliases), [ar[code]], code))
    return rows


def cities(taken: set[str]) -> list[tuple[str, str, str, list[str], list[str], str]]:
    """Returns rows for CLDR exemplar cities not already taken by a country id."""
    rows = []
    seen = set(taken)
    for zone in sorted(babel.Locale("ar").time_zones):
        if zone.startswith(_SKIP_ZONE_PREFIXES) or "/" not in zone:
            continue
        name_en = get_timezone_location(zone, locale="en", return_city=True)
        name_ar = get_timezone_location(zone, locale="ar", return_city=True)
        if not name_en or not name_ar or name_ar == name_en:
            continue
        ident = slugify(name_en)
        if ident in seen:
            continue
        seen.add(ident)
        rows.append((ident, "GPE", name_en, [], [name_ar], ""))
    return rows


def main() -> int:
    """Writes places.tsv and prints how many rows it has."""
    rows = countries()
    rows += cities({r[0] for r in rows})
    with OUT.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter="\t", lineterminator="\n")
        writer.writerow(["id", "label", "name", "en_aliases", "ar_aliases", "iso"])
        for ident, label, name, en_aliases, ar_aliases, iso in rows:
            writer.writerow([ident, label, name, "|".join(en_aliases), "|".join(ar_aliases), iso])
    print(f"{len(rows)} rows → {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
