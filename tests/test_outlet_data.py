"""Integrity checks for the bundled outlet registry (citecheck/data/outlets.toml).

The registry is hand-maintained data; these tests keep it loadable, unambiguous
and in the shape the lookup code expects, and pin the spellings real digests use.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised only on older interpreters
    import tomli as tomllib

OUTLETS_PATH = Path(__file__).parent.parent / "citecheck/data/outlets.toml"

MIN_ENTRIES = 150
EXPECTED_KEYS = {"name", "aliases", "domains", "type", "country"}
ALLOWED_TYPES = {
    "wire",
    "newspaper",
    "magazine",
    "broadcaster",
    "online",
    "government",
    "international-organization",
    "think-tank",
}
# Lowercase hostname: at least two dot-separated labels, letters/digits/hyphens,
# labels not starting or ending with a hyphen, alphabetic TLD.
HOSTNAME_RE = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
# ISO 3166-1 alpha-2 (all 249 officially assigned codes); "INT" marks international bodies.
ISO_3166_ALPHA2 = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM
    BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX
    CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG
    GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR
    IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV
    LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE
    NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO
    RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF
    TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF
    WS YE YT ZA ZM ZW
    """.split()  # noqa: SIM905 - compact, diff-friendly block of codes
)
ALLOWED_COUNTRIES = ISO_3166_ALPHA2 | {"INT"}


def _load() -> dict:
    with OUTLETS_PATH.open("rb") as fh:
        return tomllib.load(fh)


DATA = _load()
OUTLETS: list[dict] = DATA.get("outlet", [])


def _label(entry: dict) -> str:
    return repr(entry.get("name", entry))


def _spellings(entry: dict) -> list[str]:
    return [entry["name"], *entry["aliases"]]


def _index() -> dict[str, dict]:
    index: dict[str, dict] = {}
    for entry in OUTLETS:
        for spelling in _spellings(entry):
            index.setdefault(spelling.casefold(), entry)
    return index


def test_file_has_only_outlet_tables():
    assert set(DATA) == {"outlet"}, f"unexpected top-level keys: {sorted(DATA)}"
    assert isinstance(OUTLETS, list)


def test_minimum_number_of_entries():
    assert len(OUTLETS) >= MIN_ENTRIES, f"only {len(OUTLETS)} outlets"


@pytest.mark.parametrize("entry", OUTLETS, ids=lambda e: str(e.get("name")))
def test_entry_shape(entry):
    assert isinstance(entry, dict)
    assert set(entry) == EXPECTED_KEYS, f"{_label(entry)} has keys {sorted(entry)}"

    name = entry["name"]
    assert isinstance(name, str) and name.strip() == name and name, _label(entry)

    aliases = entry["aliases"]
    assert isinstance(aliases, list), _label(entry)
    for alias in aliases:
        assert isinstance(alias, str) and alias and alias.strip() == alias, (
            f"{_label(entry)}: bad alias {alias!r}"
        )

    domains = entry["domains"]
    assert isinstance(domains, list) and domains, f"{_label(entry)} has no domains"
    assert all(isinstance(d, str) for d in domains), _label(entry)

    assert isinstance(entry["type"], str), _label(entry)
    assert entry["type"] in ALLOWED_TYPES, f"{_label(entry)}: type {entry['type']!r}"

    assert isinstance(entry["country"], str), _label(entry)
    assert entry["country"] in ALLOWED_COUNTRIES, (
        f"{_label(entry)}: country {entry['country']!r} is not ISO 3166-1 alpha-2 or INT"
    )


@pytest.mark.parametrize("entry", OUTLETS, ids=lambda e: str(e.get("name")))
def test_aliases_are_distinct_spellings(entry):
    folded_name = entry["name"].casefold()
    seen: set[str] = set()
    for alias in entry["aliases"]:
        folded = alias.casefold()
        assert folded != folded_name, f"{_label(entry)} repeats its name as alias {alias!r}"
        assert folded not in seen, f"{_label(entry)} lists {alias!r} twice (case variant)"
        seen.add(folded)


def test_no_name_or_alias_shared_between_outlets():
    owners: dict[str, list[str]] = {}
    for entry in OUTLETS:
        for spelling in {s.casefold() for s in _spellings(entry)}:
            owners.setdefault(spelling, []).append(entry["name"])
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert not clashes, f"spellings claimed by several outlets: {clashes}"


@pytest.mark.parametrize("entry", OUTLETS, ids=lambda e: str(e.get("name")))
def test_domains_are_bare_hostnames(entry):
    for domain in entry["domains"]:
        assert HOSTNAME_RE.match(domain), f"{_label(entry)}: bad domain {domain!r}"
        assert not domain.startswith("www."), f"{_label(entry)}: {domain!r} has www."


def test_domains_unique_across_outlets():
    owners: dict[str, list[str]] = {}
    for entry in OUTLETS:
        for domain in entry["domains"]:
            owners.setdefault(domain, []).append(entry["name"])
    dupes = {d: v for d, v in owners.items() if len(v) > 1}
    assert not dupes, f"domains listed more than once: {dupes}"


@pytest.mark.parametrize(
    ("spelling", "canonical", "domain"),
    [
        ("AP", "The Associated Press", "apnews.com"),
        ("Associated Press", "The Associated Press", "apnews.com"),
        ("AFP", "Agence France-Presse", "afp.com"),
        ("Reuters", "Reuters", "reuters.com"),
        ("Bloomberg", "Bloomberg News", "bloomberg.com"),
        ("Interfax", "Interfax", "interfax.ru"),
        ("TASS", "TASS", "tass.ru"),
        ("RIA Novosti", "RIA Novosti", "ria.ru"),
        ("NYT", "The New York Times", "nytimes.com"),
        ("New York Times", "The New York Times", "nytimes.com"),
        ("WaPo", "The Washington Post", "washingtonpost.com"),
        ("Washington Post", "The Washington Post", "washingtonpost.com"),
        ("WSJ", "The Wall Street Journal", "wsj.com"),
        ("CBS", "CBS News", "cbsnews.com"),
        ("NBC", "NBC News", "nbcnews.com"),
        ("RFE/RL", "Radio Free Europe/Radio Liberty", "rferl.org"),
        ("Radio Liberty", "Radio Free Europe/Radio Liberty", "rferl.org"),
        ("Radio Svoboda", "Radio Free Europe/Radio Liberty", "svoboda.org"),
        ("RT", "RT", "rt.com"),
        ("Russia Today", "RT", "rt.com"),
        ("Newsru", "NEWSru.com", "newsru.com"),
        ("Mir", "Mir TV", "mir24.tv"),
        ("Department of State", "U.S. Department of State", "state.gov"),
        ("State Department", "U.S. Department of State", "state.gov"),
        ("DoS", "U.S. Department of State", "state.gov"),
        ("Kremlin.ru", "President of Russia", "kremlin.ru"),
        ("Kremlin", "President of Russia", "kremlin.ru"),
        ("MID", "Ministry of Foreign Affairs of the Russian Federation", "mid.ru"),
        (
            "Russian Foreign Ministry",
            "Ministry of Foreign Affairs of the Russian Federation",
            "mid.ru",
        ),
        ("NATO.int", "NATO", "nato.int"),
        ("Pentagon", "U.S. Department of Defense", "defense.gov"),
        ("Politico", "Politico", "politico.com"),
        ("Politico Europe", "Politico Europe", "politico.eu"),
        ("DW", "Deutsche Welle", "dw.com"),
        ("FT", "Financial Times", "ft.com"),
        ("Dozhd", "TV Rain", "tvrain.ru"),
        ("Perviy Kanal", "Channel One Russia", "1tv.ru"),
        ("ZN.ua", "Zerkalo Nedeli", "zn.ua"),
    ],
)
def test_real_world_spellings_resolve(spelling, canonical, domain):
    index = _index()
    # Case-insensitive: digests are not consistent about capitalisation.
    for variant in (spelling, spelling.lower(), spelling.upper()):
        entry = index.get(variant.casefold())
        assert entry is not None, f"{variant!r} does not resolve to any outlet"
        assert entry["name"] == canonical, (
            f"{variant!r} resolves to {entry['name']!r}, expected {canonical!r}"
        )
        assert domain in entry["domains"], f"{canonical!r} lacks domain {domain!r}"


def test_ambiguous_bare_words_are_not_aliases():
    index = _index()
    for word in ("times", "post", "news", "daily", "journal", "independent", "hill"):
        assert word not in index, f"bare word {word!r} is registered as an outlet spelling"


def test_country_code_list_is_sane():
    # Guards the hand-typed code list above against typos and truncation.
    assert len(ISO_3166_ALPHA2) == 249
    assert all(re.fullmatch(r"[A-Z]{2}", code) for code in ISO_3166_ALPHA2)
    assert "UK" not in ISO_3166_ALPHA2 and "GB" in ISO_3166_ALPHA2
