"""C001–C007: how a citation group is written."""

from __future__ import annotations

import pytest
from conftest import codes, findings, fixed, only

# C001 comma-spacing


def test_comma_glued_to_the_next_citation_fires():
    text = "• Tillerson: “Unreliable partner.” (Bloomberg, 04.11.17,Washington Post, 04.11.17)\n"
    finding = only(text, "C001")
    assert (finding.line, finding.column) == (1, 56)
    assert finding.message == "write “, ” after a citation in “04.11.17,Washington Post”"
    assert finding.suggestion == "write “, ”"
    assert finding.fix is not None and finding.fix.safe
    assert fixed(text, finding).endswith("(Bloomberg, 04.11.17, Washington Post, 04.11.17)\n")


def test_comma_glued_to_a_date_fires_on_the_outlet_side():
    text = "• Mattis on 04.11.17: “No spiral.” (RFE/RL,04.11.17, Reuters, 04.12.17)\n"
    finding = only(text, "C001")
    assert finding.message == "write “, ” after the outlet in “RFE/RL,04.11.17”"
    assert "(RFE/RL, 04.11.17, Reuters, 04.12.17)" in fixed(text, finding)


@pytest.mark.parametrize(
    ("group", "want"),
    [
        ("(Bloomberg,  04.11.17)", "(Bloomberg, 04.11.17)"),
        ("(Bloomberg , 04.11.17)", "(Bloomberg, 04.11.17)"),
        ("(Bloomberg, 04.11.17;Reuters, 04.11.17)", "(Bloomberg, 04.11.17; Reuters, 04.11.17)"),
    ],
)
def test_comma_spacing_fixes_other_spacings(group, want):
    text = f"• Putin: “A provocation.” {group}\n"
    assert fixed(text, only(text, "C001")) == f"• Putin: “A provocation.” {want}\n"


@pytest.mark.parametrize(
    "text",
    [
        "• Putin: “A provocation.” (Bloomberg, 04.11.17, Reuters, 04.11.17)\n",
        "• Putin: “A provocation.” (Bloomberg, 04.11.17; Reuters, 04.11.17)\n",
        "• Putin: “A provocation.” (Washington Post, April 12, 2017)\n",
        "• Putin said Russia, Syria,Iran and Iraq agreed. (Reuters, 04.11.17)\n",
        "• Russia wants (in Syria,Iraq and Libya) a say. (Reuters, 04.11.17)\n",
    ],
)
def test_comma_spacing_quiet_on_well_spaced_groups_and_running_text(text):
    assert codes(text) == []


# C002 group-spacing


def test_group_glued_to_the_quotation_fires():
    text = "• WH document: “Sarin was used against its own people.”(Bloomberg, 04.12.17)\n"
    finding = only(text, "C002")
    assert (finding.line, finding.column) == (1, 56)
    assert finding.message == "no space before the citation group “(Bloomberg, 04.12.17)”"
    assert finding.suggestion == "insert a space before “(”"
    assert finding.fix is not None and finding.fix.safe
    assert fixed(text, finding) == text.replace(".”(", ".” (")


def test_group_spacing_quiet_with_a_space_and_on_editorial_asides():
    assert codes("• WH document: “Sarin was used.” (Bloomberg, 04.12.17)\n") == []
    assert codes("• We recalled the (Surkov-Nuland)format contacts. (Reuters, 04.12.17)\n") == []


# C003 missing-comma


def test_missing_comma_between_outlet_and_date_fires():
    text = "• Putin: “A provocation.” (Reuters 04.11.17)\n"
    finding = only(text, "C003")
    assert (finding.line, finding.column) == (1, 35)
    assert finding.message == "missing comma between outlet and date in “Reuters 04.11.17”"
    assert finding.suggestion == "write “, ”"
    assert finding.fix is not None and finding.fix.safe
    assert fixed(text, finding).endswith("(Reuters, 04.11.17)\n")


def test_missing_comma_between_citations_fires():
    text = "• Putin: “A provocation.” (Reuters, 04.11.17 AP, 04.11.17)\n"
    finding = only(text, "C003")
    assert finding.message == "missing comma between citations in “Reuters, 04.11.17 AP, 04.11.17”"
    assert fixed(text, finding).endswith("(Reuters, 04.11.17, AP, 04.11.17)\n")


def test_missing_commas_are_each_reported():
    text = "• Putin: “A provocation.” (Reuters 04.11.17 AP 04.11.17)\n"
    assert [f.column for f in findings(text, "C003")] == [35, 44, 47]


def test_missing_comma_quiet_on_long_dates_and_outlet_kinds():
    assert codes("• Putin: “A provocation.” (Reuters, April 11, 2017)\n") == []
    assert codes("• Putin: “A provocation.” (Reuters, 11 April 2017)\n") == []
    assert codes("• Putin: “A provocation.” (Kremlin.ru transcript, 04.11.17)\n") == []


# C004 citation-empty


def test_empty_group_fires():
    text = "• Lavrov said Russia was extremely worried. ()\n"
    finding = only(text, "C004")
    assert (finding.line, finding.column, finding.end_column) == (1, 45, 47)
    assert finding.message == "empty citation group"
    assert finding.fix is None
    assert codes(text.replace("()", "( )")) == ["C004"]


def test_empty_group_quiet_on_parentheses_inside_the_claim():
    assert codes("• Lavrov said () was sent to Moscow. (Reuters, 04.11.17)\n") == []


# C005 outlet-without-date


def test_outlet_without_date_fires():
    text = "• Lavrov: “Frank talks.” (Reuters, 04.12.17, AP)\n"
    finding = only(text, "C005")
    assert (finding.line, finding.column) == (1, 46)
    assert finding.message == "“AP” has no date"
    assert finding.fix is None


def test_outlet_without_date_fires_on_a_lone_outlet_and_one_before_another():
    assert codes("• Lavrov: “Frank talks.” (Reuters)\n") == ["C005"]
    finding = only("• Lavrov: “Frank talks.” (Reuters, AP, 04.12.17)\n", "C005")
    assert finding.message == "“Reuters” has no date"


def test_outlet_without_date_quiet_on_editorial_asides():
    text = "• We hope contacts are resumed (no references to INF).\n"
    assert codes(text) == []
    assert codes("• He met reporters (AP and Reuters were there). (TASS, 04.12.17)\n") == []


# C006 date-without-outlet


def test_date_without_outlet_fires():
    text = "• Lavrov: “Frank talks.” (Reuters, 04.11.17, 04.12.17)\n"
    finding = only(text, "C006")
    assert (finding.line, finding.column) == (1, 46)
    assert finding.message == "date “04.12.17” has no outlet"
    assert finding.fix is None
    assert codes("• Lavrov: “Frank talks.” (04.12.17)\n") == ["C006"]


def test_date_without_outlet_quiet_when_every_date_has_one():
    assert codes("• Lavrov: “Frank talks.” (Reuters, 04.11.17, Reuters, 04.12.17)\n") == []


# C007 citation-duplicate


def test_duplicate_citation_fires_and_removes_the_repeat():
    text = (
        "• Trump: “Very bad for Russia.” (Washington Post, 04.12.17, Washington Post, 04.12.17)\n"
    )
    finding = only(text, "C007")
    assert (finding.line, finding.column) == (1, 61)
    assert finding.message == "“Washington Post, 04.12.17” is cited twice in this group"
    assert finding.suggestion == "remove the repeat"
    assert finding.fix is not None and finding.fix.safe
    assert fixed(text, finding).endswith("(Washington Post, 04.12.17)\n")


def test_duplicate_citation_sees_through_aliases():
    text = "• Trump: “Very bad.” (Washington Post, 04.12.17, WaPo, 04.12.17)\n"
    assert fixed(text, only(text, "C007")).endswith("(Washington Post, 04.12.17)\n")


@pytest.mark.parametrize(
    "group",
    [
        "(Washington Post, 04.11.17, Washington Post, 04.12.17)",
        "(RT, 04.12.17, RT live broadcast, 04.12.17)",
        "(Bloomberg, 04.12.17, Reuters, 04.12.17)",
    ],
)
def test_duplicate_citation_quiet_on_different_dates_kinds_or_outlets(group):
    assert "C007" not in codes(f"• Trump: “Very bad.” {group}\n")


def test_duplicate_citation_quiet_across_groups():
    text = "• A: “x.” (Reuters, 04.12.17)\n• B: “y.” (Reuters, 04.12.17)\n"
    assert codes(text) == []
