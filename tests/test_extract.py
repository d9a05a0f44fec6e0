"""Extraction: sections, claims with their context and event dates, citations, quotes."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import lint

APRIL = {day: dt.date(2017, 4, day) for day in range(1, 31)}

OUTLINE = (
    "1. Preparation fire ahead of the meetings:\n"
    "1. U.S. side:\n\n"
    "  • Trump:\n"
    "    • In interview aired on 04.12.17:\n"
    "      • U.S. is “not going into Syria.” (Washington Post, 04.12.17)\n"
    "    • Tillerson\n"
    "      • On 04.11.17 (at G7 meeting):\n"
    "        • “The reign of the Assad family is ending.” (New York Times, 04.11.17)\n"
    "  • Mattis on 04.11.17: the Pentagon is investigating. (RFE/RL,11.17, Reuters, 04.12.17)\n"
    "1. Russian side:\n\n"
    "  • Lavrov\n"
    "    • Lavrov said Russia was worried. (Reuters, 04.11.17)\n"
    "III. 04.12.17 meeting of Putin with Tillerson and Lavrov:\n"
    "1. U.S. side\n\n"
    "Tillerson: Meeting with Putin was “very productive.”\n\n"
    "1. Russian side:\n\n"
    "  • Lavrov: “Confirmed readiness.”\n\n"
    "(Source for the meeting: RT live broadcast, 04.12.17.)\n"
)


@pytest.fixture(scope="module")
def digest():
    return lint(OUTLINE).digest


def claim_at(digest, line):
    return next(c for c in digest.claims if c.block.line == line)


def test_sections_nest_and_carry_their_event_dates(digest):
    assert [(s.line, s.level, s.path, s.event_date) for s in digest.sections] == [
        (1, 1, ("Preparation fire ahead of the meetings",), None),
        (2, 2, ("Preparation fire ahead of the meetings", "U.S. side"), None),
        (11, 2, ("Preparation fire ahead of the meetings", "Russian side"), None),
        (15, 1, ("04.12.17 meeting of Putin with Tillerson and Lavrov",), APRIL[12]),
        (16, 2, ("04.12.17 meeting of Putin with Tillerson and Lavrov", "U.S. side"), None),
        (20, 2, ("04.12.17 meeting of Putin with Tillerson and Lavrov", "Russian side"), None),
    ]
    assert digest.sections[4].parent is digest.sections[3]


def test_bullets_with_children_are_context_not_claims(digest):
    assert [c.block.line for c in digest.claims] == [6, 9, 10, 14, 18, 22]


def test_speaker_and_context_path(digest):
    trump = claim_at(digest, 6)
    assert trump.speaker == "Trump"
    assert trump.context == ("Trump", "In interview aired on 04.12.17")
    assert trump.section.path == ("Preparation fire ahead of the meetings", "U.S. side")
    tillerson = claim_at(digest, 9)
    assert tillerson.speaker == "Tillerson"
    assert tillerson.context == ("Trump", "Tillerson", "On 04.11.17 (at G7 meeting)")
    assert claim_at(digest, 10).speaker == "Mattis"
    assert claim_at(digest, 18).speaker == "Tillerson"


@pytest.mark.parametrize(
    ("line", "date", "source"),
    [
        (6, APRIL[12], "“In interview aired on 04.12.17” (line 5)"),
        (9, APRIL[11], "“On 04.11.17 (at G7 meeting)” (line 8)"),
        (10, APRIL[11], "“Mattis on 04.11.17”"),
        (14, None, None),
        (18, APRIL[12], "section “04.12.17 meeting of Putin with Tillerson and Lavrov” (line 15)"),
        (22, APRIL[12], "section “04.12.17 meeting of Putin with Tillerson and Lavrov” (line 15)"),
    ],
)
def test_event_date_comes_from_the_nearest_context(digest, line, date, source):
    claim = claim_at(digest, line)
    assert (claim.event_date, claim.event_date_source) == (date, source)


def test_the_nearer_of_two_dated_contexts_wins():
    text = (
        "I. 04.12.17 meeting:\n\n"
        "• Trump\n"
        "  • On 04.10.17:\n"
        "    • In interview aired on 04.11.17:\n"
        "      • “Not going.” (AP, 04.11.17)\n"
        "  • Mattis on 04.09.17: “No spiral.” (AP, 04.09.17)\n"
    )
    claims = lint(text).claims
    assert [c.event_date for c in claims] == [APRIL[11], APRIL[9]]


def test_a_cited_parent_lends_its_lead_date_not_its_citation_date():
    text = (
        "• Lavrov said Russia was worried. (Reuters, 04.10.17)\n"
        "  • Earlier he called the strike illegal. (TASS, 04.09.17)\n"
        "• Mattis on 04.11.17: the Pentagon is investigating. (Reuters, 04.12.17)\n"
        "  • “No spiral.” (AP, 04.12.17)\n"
    )
    report = lint(text)
    assert [c.event_date for c in report.claims] == [None, None, APRIL[11], APRIL[11]]
    assert report.findings == []


def citations(claim):
    return [
        (c.outlet, c.canonical, c.kind, c.date.text if c.date else None) for c in claim.citations
    ]


def test_citation_groups_split_into_outlet_date_pairs(digest):
    assert citations(claim_at(digest, 10)) == [
        ("RFE/RL", "Radio Free Europe/Radio Liberty", "article", "11.17"),
        ("Reuters", "Reuters", "article", "04.12.17"),
    ]
    rfe = claim_at(digest, 10).citations[0]
    assert rfe.date.value is None and rfe.date.problem == "malformed"


@pytest.mark.parametrize(
    ("group", "pairs", "separators"),
    [
        (
            "(Bloomberg, 04.11.17,Washington Post, 04.11.17)",
            [("Bloomberg", "04.11.17"), ("Washington Post", "04.11.17")],
            [", ", ",", ", "],
        ),
        (
            "(Reuters 04.12.17 AP 04.12.17)",
            [("Reuters", "04.12.17"), ("AP", "04.12.17")],
            [" ", " ", " "],
        ),
        (
            "(Washington Post, April 12, 2017, Reuters, 11 April 2017)",
            [("Washington Post", "April 12, 2017"), ("Reuters", "11 April 2017")],
            [", ", ", ", ", "],
        ),
        ("(Reuters, AP, 04.12.17)", [("Reuters", None), ("AP", "04.12.17")], [", "]),
        (
            "(Reuters, 04.11.17, 04.12.17)",
            [("Reuters", "04.11.17"), (None, "04.12.17")],
            [", ", ", "],
        ),
    ],
)
def test_citation_splitting_survives_missing_commas_and_spaces(group, pairs, separators):
    (claim,) = lint(f"• Lavrov: “Frank talks.” {group}\n").claims
    (found,) = claim.groups
    assert [(c.outlet, c.date.text if c.date else None) for c in found.citations] == pairs
    assert [s.text for s in found.separators] == separators


def test_citation_spans_point_at_the_source():
    text = "• Lavrov: “Frank talks.” (RT live broadcast, 04.12.17)\n"
    report = lint(text)
    (citation,) = report.claims[0].citations
    assert text[citation.span.start : citation.span.end] == "RT live broadcast, 04.12.17"
    assert text[citation.outlet_span.start : citation.outlet_span.end] == "RT"
    assert text[citation.date.span.start : citation.date.span.end] == "04.12.17"


@pytest.mark.parametrize(
    ("written", "outlet", "canonical", "kind"),
    [
        ("RT live broadcast", "RT", "RT", "live broadcast"),
        ("RT, live broadcast", "RT", "RT", "live broadcast"),
        ("Kremlin.ru transcript", "Kremlin.ru", "President of Russia", "transcript"),
        ("Reuters", "Reuters", "Reuters", "article"),
        ("REN TV", "REN TV", "REN TV", "article"),
    ],
)
def test_the_kind_of_source_is_split_off_the_outlet(written, outlet, canonical, kind):
    (claim,) = lint(f"• Lavrov: “Frank talks.” ({written}, 04.12.17)\n").claims
    assert citations(claim) == [(outlet, canonical, kind, "04.12.17")]


@pytest.mark.parametrize(
    "text",
    [
        "• We agreed to designate envoys. (Didn’t say at what level).\n",
        "• We hope contacts are resumed (no references to INF).\n",
        "• We recalled (the Surkov-Nuland) format contacts on Ukraine.\n",
        "• Russia opposed the invasion (in 2003) of Iraq.\n",
        "• Tillerson: “Yes.” (at G7 meeting)\n",
        "• He met reporters (AP and Reuters were there).\n",
    ],
)
def test_editorial_parentheticals_are_not_citations(text):
    (claim,) = lint(text).claims
    assert claim.groups == []


def test_a_complete_citation_inside_the_claim_counts():
    (claim,) = lint("• Lavrov met Tillerson (Reuters, 04.11.17) and said “yes.”\n").claims
    assert citations(claim) == [("Reuters", "Reuters", "article", "04.11.17")]


def test_an_aside_never_closed_does_not_swallow_the_citation_group():
    text = "• Macron (in an interview with CNN: “I do not want that.” (CNN, 11.11.18)\n"
    report = lint(text, digest_date=dt.date(2018, 11, 13))
    (claim,) = report.claims
    assert citations(claim) == [("CNN", "CNN", "article", "11.11.18")]
    assert [f.code for f in report.findings] == ["Q004"]


def test_a_section_source_line_covers_the_uncited_claims_beneath_it(digest):
    top = digest.sections[3]
    (source,) = top.sources
    assert source.is_section_source
    assert [(c.outlet, c.kind, c.date.text) for c in source.citations] == [
        ("RT", "live broadcast", "04.12.17")
    ]
    assert claim_at(digest, 18).covering_sources == [source]
    assert claim_at(digest, 22).covering_sources == [source]
    assert claim_at(digest, 14).covering_sources == []
    assert all(c.block.line != 24 for c in digest.claims)


TITLED = (
    "# Pompeo in Sochi\n\n"
    "## 05.12.19 Preparation\n\n"
    "- Zakharova: the talks will be “a step, not a breakthrough.”\n\n"
    "## 05.14.19 Meeting with Putin\n\n"
    "Putin: Russia “never interfered.”\n\n"
    "(Source for the meeting: RT live broadcast, 05.14.19.)\n"
)


@pytest.mark.parametrize("format", ["markdown", "html"])
def test_the_title_heading_is_no_part_a_source_line_could_speak_for(format):
    text = TITLED
    if format == "html":
        text = (
            "<h1>Pompeo in Sochi</h1><h2>05.12.19 Preparation</h2>"
            "<ul><li>Zakharova: the talks will be “a step, not a breakthrough.”</li></ul>"
            "<h2>05.14.19 Meeting with Putin</h2><p>Putin: Russia “never interfered.”</p>"
            "<p>(Source for the meeting: RT live broadcast, 05.14.19.)</p>"
        )
    digest = lint(text, format=format, digest_date=dt.date(2019, 5, 20)).digest
    assert digest.document.title == "Pompeo in Sochi"
    preparation, meeting = digest.sections
    (source,) = meeting.sources
    assert preparation.sources == []
    zakharova, putin = digest.claims
    assert zakharova.covering_sources == []
    assert putin.covering_sources == [source]
    assert putin.section is meeting and meeting.path == ("05.14.19 Meeting with Putin",)


def test_quotes_are_extracted_with_their_spans(digest):
    claim = claim_at(digest, 18)
    assert [q.text for q in claim.quotes] == ["very productive."]
    quote = claim.quotes[0]
    assert OUTLINE[quote.span.start : quote.span.end] == "“very productive.”"


@pytest.mark.parametrize(
    ("quoted", "texts"),
    [
        ("“One.” and “two.”", ["One.", "two."]),
        ("“A ‘provocation,’ he said.”", ["A ‘provocation,’ he said."]),
        ('"Frank."', ["Frank."]),
        ("Tillerson’s visit", []),
    ],
)
def test_quotes(quoted, texts):
    (claim,) = lint(f"• Lavrov: {quoted} (TASS, 04.12.17)\n").claims
    assert [q.text for q in claim.quotes] == texts


def test_claim_ids_are_unique_and_stable():
    text = "• Lavrov: “Yes.” (TASS, 04.12.17)\n• Lavrov: “Yes.” (TASS, 04.12.17)\n"
    first = [c.id for c in lint(text).claims]
    assert len(set(first)) == 2
    assert [c.id for c in lint("\n\n" + text).claims] == first
