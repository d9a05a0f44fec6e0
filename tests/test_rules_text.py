"""Q001–Q005: quotations, parentheses and abbreviations in the claim text."""

from __future__ import annotations

import pytest
from conftest import codes, fixed, only

# Q001 quote-uncited


def test_uncited_quote_fires():
    text = "• Tillerson: Meeting with Putin was “very productive.”\n"
    finding = only(text, "Q001")
    assert (finding.line, finding.column, finding.end_column) == (1, 37, 55)
    assert finding.message == "quotation “very productive.” has no citation"
    assert finding.suggestion == (
        "add a citation group such as “(Outlet, MM.DD.YY)” after the claim"
    )
    assert finding.fix is None


def test_uncited_quote_in_a_paragraph_reports_the_first_quote_once():
    text = (
        "I. 04.12.17 meeting of Putin with Tillerson:\n\n"
        "Tillerson: Meeting with Putin was “very productive.” “Relations at low point.”\n"
    )
    finding = only(text, "Q001")
    assert (finding.line, finding.column) == (3, 35)


def test_uncited_quote_shortens_a_long_quotation():
    quote = "We hope that the Russian government concludes that they have aligned themselves."
    finding = only(f"• Tillerson: “{quote}”\n", "Q001")
    shown = finding.message.removeprefix("quotation “").removesuffix("” has no citation")
    assert len(shown) <= 60
    assert shown == "We hope that the Russian government concludes that they…"
    assert quote.startswith(shown[:-1] + " ")


def test_uncited_quote_fires_when_the_closing_parenthetical_is_an_aside():
    assert codes("• Tillerson: “Yes.” (at G7 meeting)\n") == ["Q001"]


def test_uncited_quote_quiet_with_a_citation_group():
    assert codes("• Tillerson: Meeting was “very productive.” (AP, 04.12.17)\n") == []


def test_uncited_quote_quiet_under_a_section_source_line():
    text = (
        "I. 04.12.17 Lavrov-Tillerson press conference:\n"
        "1. U.S. side\n\n"
        "• Tillerson: “We agreed to establish a working group.”\n\n"
        "2. Russian side\n\n"
        "• Lavrov: “We agreed to designate envoys.”\n\n"
        "(Source for the press conference: RT live broadcast, 04.12.17.)\n"
    )
    assert codes(text) == []


def test_uncited_quote_leaves_an_empty_citation_group_to_c004():
    assert codes("• Pompeo: both sides want to “find places to work together” ()\n") == ["C004"]


def test_uncited_quote_quiet_without_quotation_marks():
    assert codes("• We agreed to establish a working group to stabilize the relationship.\n") == []


# Q002 quote-unbalanced


def test_unclosed_quote_fires():
    text = "• Lavrov: “More than once, we have reaffirmed our readiness. (Reuters, 04.12.17)\n"
    finding = only(text, "Q002")
    assert (finding.line, finding.column) == (1, 11)
    assert finding.message == ("quotation opened here (“More than once, we have…”) is never closed")
    assert finding.suggestion == "close the quotation with ”"
    assert finding.fix is None


def test_unclosed_quote_with_a_quote_inside_suggests_single_marks():
    text = "• Lavrov: “A false choice, such as “with us or against us.” (Reuters, 04.12.17)\n"
    assert only(text, "Q002").suggestion == "for a quote inside a quote use ‘…’"


def test_stray_closing_quote_fires():
    text = "• Russia wants an “important role” in Syria’s future.” (Bloomberg, 04.11.17)\n"
    finding = only(text, "Q002")
    assert (finding.line, finding.column) == (1, 54)
    assert finding.message == (
        "closing quotation mark after “…rtant role” in Syria’s future.” has no opening mark"
    )
    assert finding.suggestion == "remove it, or open the quotation where it starts"


def test_unclosed_straight_quote_fires():
    assert codes('• Lavrov: "Frank talks. (Reuters, 04.12.17)\n') == ["Q002"]


@pytest.mark.parametrize(
    "quoted",
    [
        "“Frank talks.”",
        '"Frank talks."',
        "«Frank talks.»",
        "„Frank talks.“",
        "“A false choice, such as ‘with us or against us.’”",
        "“Tillerson’s visit is Assad’s problem, deal’d be revived.”",
    ],
)
def test_unbalanced_quote_quiet_on_paired_marks_and_apostrophes(quoted):
    assert codes(f"• Lavrov: {quoted} (Reuters, 04.12.17)\n") == []


# Q003 quote-wrong-way


def test_wrong_way_quote_fires_with_a_safe_fix():
    text = "• Tillerson: ” Our meeting today comes at an important moment.” (Reuters, 04.12.17)\n"
    finding = only(text, "Q003")
    assert (finding.line, finding.column, finding.end_column) == (1, 14, 15)
    assert finding.message == "quotation opened with the closing mark ”"
    assert finding.suggestion == "write “, against the first word"
    assert finding.fix is not None and finding.fix.safe
    assert fixed(text, finding).startswith("• Tillerson: “Our meeting")
    assert "Q002" not in codes(text)


def test_wrong_way_quote_quiet_on_a_closing_mark_that_closes():
    assert codes("• Tillerson: “Our meeting comes.” (Reuters, 04.12.17)\n") == []


# Q004 parenthesis-unbalanced


def test_unclosed_parenthesis_fires():
    text = "• Putin agreed if sides target ISIS and AQ (am hopeful that deal’d be revived.\n"
    finding = only(text, "Q004")
    assert (finding.line, finding.column) == (1, 44)
    assert finding.message == "“(” before “am hopeful that deal’d be…” is never closed"
    assert finding.suggestion == "close the aside with “)” where it ends"
    assert finding.fix is None


def test_stray_closing_parenthesis_fires():
    text = "• They agreed.) Then they left. (Reuters, 04.12.17)\n"
    finding = only(text, "Q004")
    assert (finding.line, finding.column) == (1, 15)
    assert finding.message == "“)” after “They agreed.” closes nothing"
    assert finding.suggestion == "remove it, or open the aside where it starts"


@pytest.mark.parametrize(
    "text",
    [
        "• We recalled (the Surkov-Nuland) format contacts on Ukraine.\n",
        "• Businesses want economic ties (no references to sanctions.)\n",
        "• Two options: a) strikes, b) talks. (Reuters, 04.12.17)\n",
        "• Two options: 1) strikes 2) talks. (Reuters, 04.12.17)\n",
        "• The talks (which lasted (some) 5 hours) ended. (Reuters, 04.12.17)\n",
    ],
)
def test_unbalanced_parenthesis_quiet_on_asides_and_enumerators(text):
    assert codes(text) == []


# Q005 abbreviation-mangled


@pytest.mark.parametrize(
    ("text", "column", "shown", "why", "repaired"),
    [
        (
            "• Confirmed by U,S, according to Lavrov. (RT, 04.12.17)\n",
            16,
            "U,S, according",
            "“U.S.” written with commas",
            "• Confirmed by U.S. according to Lavrov. (RT, 04.12.17)\n",
        ),
        (
            "• Air accidents between U.S/allies and Russia. (RT, 04.12.17)\n",
            25,
            "U.S/allies",
            "“U.S.” missing its final period",
            "• Air accidents between U.S./allies and Russia. (RT, 04.12.17)\n",
        ),
        (
            "• S.-Russian relations had worsened. (CBS, 04.12.17)\n",
            3,
            "S.-Russian",
            "“U.” lost at the start of the item (read as a list letter)",
            "• U.S.-Russian relations had worsened. (CBS, 04.12.17)\n",
        ),
        (
            "• K. officials said so. (BBC, 04.12.17)\n",
            3,
            "K. officials",
            "“U.” lost at the start of the item (read as a list letter)",
            "• U.K. officials said so. (BBC, 04.12.17)\n",
        ),
    ],
)
def test_mangled_abbreviation_fires_with_a_safe_fix(text, column, shown, why, repaired):
    finding = only(text, "Q005")
    assert (finding.line, finding.column) == (1, column)
    assert finding.message == f"“{shown}”: {why}"
    assert finding.fix is not None and finding.fix.safe
    assert fixed(text, finding) == repaired


def test_mangled_abbreviation_on_a_context_line():
    text = "• S. probe of the CW attack in Syria:\n  • Sarin was used. (Reuters, 04.12.17)\n"
    finding = only(text, "Q005")
    assert (finding.line, finding.column) == (1, 3)
    assert finding.message.startswith("“S. probe”: ")
    assert finding.suggestion == "write “U.S.”"


@pytest.mark.parametrize(
    "text",
    [
        "• U.S. is not going into Syria; U.S.-Russia ties and U.S./allies. (AP, 04.12.17)\n",
        "• S. Korea said so. (Reuters, 04.12.17)\n",
        "• We agree that N. Korea has to be denuclearized.\n",
        "• Lavrov met John S. Smith. (Reuters, 04.12.17)\n",
        "• Mattis on 04.11.17: “No spiral.” (RFE/RL, 04.11.17, AP, 04.12.17)\n",
        "• Our common objective remains destruction of ISIS and AQ. (TASS, 04.12.17)\n",
    ],
)
def test_mangled_abbreviation_quiet_on_valid_abbreviations(text):
    assert codes(text) == []


def test_unclosed_straight_quote_is_closed_with_a_straight_quote():
    finding = only('• Lavrov: "Frank talks. (Reuters, 04.12.17)\n', "Q002")
    assert finding.suggestion == 'close the quotation with "'
