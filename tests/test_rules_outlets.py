"""O001–O004: the outlets a digest cites."""

from __future__ import annotations

import pytest
from conftest import codes, fixed, lint, only

from citecheck.outlets import Outlet

# O001 outlet-unknown


def test_unknown_outlet_fires_and_names_the_nearest_known_one():
    text = "• Lavrov: “Frank talks.” (Moscow Bugle, 04.12.17)\n"
    finding = only(text, "O001")
    assert (finding.line, finding.column, finding.end_column) == (1, 27, 39)
    assert finding.message == "unknown outlet “Moscow Bugle”"
    assert finding.suggestion == "did you mean “The Moscow Times”?"
    assert finding.fix is None


def test_unknown_outlet_without_a_near_name_asks_for_a_registry_entry():
    finding = only("• Lavrov: “Frank talks.” (Zqxvbn Wrlpt, 04.12.17)\n", "O001")
    assert finding.suggestion == "add it to the outlet registry"


@pytest.mark.parametrize(
    "outlet",
    ["AP", "RFE/RL", "RT", "Newsru", "Department of State", "The Washington Post", "NYT"],
)
def test_unknown_outlet_quiet_on_registry_names_and_abbreviations(outlet):
    assert codes(f"• Lavrov: “Frank talks.” ({outlet}, 04.12.17)\n") == []


def test_unknown_outlet_quiet_on_a_kind_after_a_known_outlet():
    assert codes("• Lavrov: “Frank talks.” (RT live broadcast, 04.12.17)\n") == []
    assert codes("• Putin: “No.” (Kremlin.ru transcript, 04.12.17)\n") == []


def test_unknown_outlet_quiet_once_the_config_adds_it():
    text = "• Lavrov: “Frank talks.” (Moscow Bugle, 04.12.17)\n"
    bugle = Outlet("Moscow Bugle", domains=("moscowbugle.example",))
    assert codes(text, outlets=(bugle,)) == []


def test_unknown_outlet_quiet_on_editorial_asides():
    text = "• We agreed to designate envoys. (Didn’t say at what level).\n"
    assert codes(text) == []


# O002 outlet-misspelt


def test_misspelt_outlet_fires_with_an_unsafe_fix():
    text = "• Lavrov: “Frank talks.” (Reuter, 04.12.17)\n"
    finding = only(text, "O002")
    assert (finding.line, finding.column, finding.end_column) == (1, 27, 33)
    assert finding.message == "“Reuter” looks like a misspelling of “Reuters”"
    assert finding.suggestion == "write “Reuters”"
    assert finding.fix is not None and not finding.fix.safe
    assert fixed(text, finding).endswith("(Reuters, 04.12.17)\n")
    assert "O001" not in codes(text)


def test_misspelt_outlet_keeps_the_kind():
    text = "• Lavrov: “Frank talks.” (Reuter live broadcast, 04.12.17)\n"
    assert fixed(text, only(text, "O002")).endswith("(Reuters live broadcast, 04.12.17)\n")


@pytest.mark.parametrize("outlet", ["Reuters", "REUTERS", "Bloomberg", "AP", "RFE/RL"])
def test_misspelt_outlet_quiet_on_known_names_in_any_case(outlet):
    assert "O002" not in codes(f"• Lavrov: “Frank talks.” ({outlet}, 04.12.17)\n")


# O003 outlet-inconsistent


def test_inconsistent_outlet_name_fires_against_the_usual_spelling():
    text = (
        "• A: “x.” (New York Times, 04.11.17)\n"
        "• B: “y.” (NYT, 04.12.17)\n"
        "• C: “z.” (New York Times, 04.12.17)\n"
    )
    finding = only(text, "O003")
    assert (finding.line, finding.column) == (2, 12)
    assert finding.message == "“NYT” is written “New York Times” elsewhere in this digest"
    assert finding.suggestion == "write “New York Times”"
    assert finding.fix is not None and not finding.fix.safe
    assert "• B: “y.” (New York Times, 04.12.17)\n" in fixed(text, finding)


def test_inconsistent_outlet_name_prefers_the_first_spelling_on_a_tie():
    text = "• A: “x.” (NYT, 04.11.17)\n• B: “y.” (New York Times, 04.12.17)\n"
    finding = only(text, "O003")
    assert finding.line == 2
    assert finding.message == "“New York Times” is written “NYT” elsewhere in this digest"


@pytest.mark.parametrize(
    "second", ["the Washington Post", "WASHINGTON POST", "Washington Post live broadcast"]
)
def test_inconsistent_outlet_name_quiet_on_case_article_and_kind(second):
    text = f"• A: “x.” (Washington Post, 04.11.17)\n• B: “y.” ({second}, 04.12.17)\n"
    assert "O003" not in codes(text)


def test_inconsistent_outlet_name_quiet_on_different_outlets():
    text = "• A: “x.” (AP, 04.11.17)\n• B: “y.” (AFP, 04.12.17)\n"
    assert codes(text) == []


# O004 link-outlet-mismatch (linked citations are a Markdown thing)


MEETING = "# Digest\n\n## 04.12.17 meeting\n\n"


def markdown(item: str) -> str:
    return MEETING + f"- Lavrov: “Frank talks.” ({item})\n"


def test_link_to_another_outlet_fires():
    text = markdown("[Reuters](https://www.bloomberg.com/news/x), 04.12.17")
    report = lint(text)
    assert report.document.format == "markdown"
    finding = only(text, "O004")
    assert (finding.line, finding.column, finding.end_column) == (5, 28, 35)
    assert finding.message == ("“Reuters” links to bloomberg.com, which belongs to Bloomberg News")
    assert finding.suggestion == "cite “Bloomberg News”, or link a page of Reuters"
    assert finding.fix is None


def test_link_mismatch_checks_each_citation_of_a_group():
    text = markdown("Reuters, 04.12.17, [AP](https://www.reuters.com/y), 04.12.17")
    finding = only(text, "O004")
    assert finding.message == "“AP” links to reuters.com, which belongs to Reuters"


@pytest.mark.parametrize(
    "item",
    [
        "[Reuters](https://www.reuters.com/x), 04.12.17",
        "[Reuters](https://uk.reuters.com/x), 04.12.17",
        "[Reuters](https://example.org/x), 04.12.17",
        "[Bloomberg](https://www.bloomberg.com/x), 04.12.17, [Reuters](https://reuters.com/y), 04.12.17",
        "Reuters, 04.12.17",
    ],
)
def test_link_mismatch_quiet_on_own_unowned_or_missing_links(item):
    assert codes(markdown(item)) == []
