"""T001–T003: a citation's date against the date of the event it reports."""

from __future__ import annotations

import pytest
from conftest import codes, fixed, only

PRESS = "I. 04.12.17 Lavrov-Tillerson press conference:\n\n"
SOURCE_LINE = "(Source for the press conference: RT live broadcast, 04.17.17.)\n"


# T001 live-source-date


def test_live_broadcast_dated_after_its_event_fires():
    text = PRESS + "• Lavrov: “Frank talks.” (RT live broadcast, 04.17.17)\n"
    finding = only(text, "T001")
    assert (finding.line, finding.column) == (3, 46)
    assert finding.message == (
        "live broadcast dated “04.17.17”, but the event it covers was on 04.12.17"
    )
    assert finding.suggestion == (
        "write “04.12.17”, the event date from section "
        "“04.12.17 Lavrov-Tillerson press conference” (line 1)"
    )
    assert finding.fix is not None and not finding.fix.safe
    assert fixed(text, finding).endswith("(RT live broadcast, 04.12.17)\n")


def test_live_date_checked_on_a_section_source_line():
    text = PRESS + "• We agreed to establish a working group.\n\n" + SOURCE_LINE
    finding = only(text, "T001")
    assert (finding.line, finding.column) == (5, 54)
    assert finding.claim_id is None
    assert fixed(text, finding).endswith("RT live broadcast, 04.12.17.)\n")


def test_live_date_follows_the_event_date_format():
    text = "• Putin on April 12, 2017: “No.” (Kremlin.ru live stream, April 13, 2017)\n"
    finding = only(text, "T001")
    assert finding.message == (
        "live stream dated “April 13, 2017”, but the event it covers was on April 12, 2017"
    )


def test_live_source_quiet_on_the_event_day_and_without_an_event_date():
    assert codes(PRESS + "• Lavrov: “Frank talks.” (RT live broadcast, 04.12.17)\n") == []
    assert codes("• Lavrov: “Frank talks.” (RT live broadcast, 04.17.17)\n") == []


def test_live_source_quiet_on_a_later_article_by_the_same_outlet():
    # Not live: a write-up two days later is an ordinary source.
    assert "T001" not in codes(PRESS + "• Lavrov: “Frank talks.” (RT, 04.14.17)\n")


# T002 source-before-event


MEETING = "I. 04.12.17 meeting of Lavrov and Tillerson:\n\n"


def test_source_before_event_fires():
    text = MEETING + "• Lavrov: “Frank talks.” (Reuters, 04.10.17)\n"
    finding = only(text, "T002")
    assert (finding.line, finding.column) == (3, 36)
    assert finding.message == (
        "source dated “04.10.17” reports an event of 04.12.17, which came later"
    )
    assert finding.suggestion == (
        "the event date comes from section “04.12.17 meeting of Lavrov and Tillerson” (line 1)"
    )
    assert finding.fix is None


def test_source_before_event_uses_the_nearest_context():
    text = "• Trump\n  • In interview aired on 04.12.17:\n    • “Not going.” (Washington Post, 04.10.17)\n"
    finding = only(text, "T002")
    assert finding.line == 3
    assert finding.suggestion == (
        "the event date comes from “In interview aired on 04.12.17” (line 2)"
    )


@pytest.mark.parametrize(
    "claim",
    [
        "Plans to discuss the fight against terrorism with Tillerson, the ministry said.",
        "Lavrov will raise Syria, the ministry said.",
        "Ahead of the talks Lavrov said Russia was worried.",
        "Syria and Ukraine are on the agenda, it said",
    ],
)
def test_source_before_event_quiet_on_previews(claim):
    text = MEETING + f"• Lavrov\n  • {claim} (Reuters, 04.07.17, Bloomberg, 04.05.17)\n"
    assert codes(text) == []


def test_reported_speech_with_would_is_no_preview():
    text = MEETING + "• Lavrov said Russia would respond to any strike. (Reuters, 04.10.17)\n"
    assert codes(text) == ["T002"]


def test_source_before_event_quiet_in_a_section_that_previews_the_event():
    text = (
        "I. Preparation fire ahead of the 04.12.17 meeting:\n\n"
        "• Lavrov said Russia was extremely worried. (Reuters, 04.11.17)\n"
    )
    assert codes(text) == []


def test_source_before_event_quiet_on_live_sources_and_sources_on_the_day():
    assert "T002" not in codes(MEETING + "• Lavrov: “Hi.” (RT live broadcast, 04.10.17)\n")
    assert codes(MEETING + "• Lavrov: “Hi.” (Reuters, 04.12.17, AP, 04.13.17)\n") == []


def test_nearest_event_date_wins_over_the_section():
    # Mattis spoke on 04.11.17, in a section about 04.12.17: a 04.11.17 report is fine.
    text = MEETING + "• Mattis on 04.11.17: “No spiral.” (Reuters, 04.11.17)\n"
    assert codes(text) == []


# T003 source-long-after-event


def test_source_long_after_event_fires():
    text = "• Mattis on 04.01.17: “No spiral.” (Reuters, 04.16.17)\n"
    finding = only(text, "T003")
    assert (finding.line, finding.column) == (1, 46)
    assert finding.message == "source dated “04.16.17” is 15 days after the event (04.01.17)"
    assert finding.suggestion == "the event date comes from “Mattis on 04.01.17”"
    assert finding.fix is None


def test_source_long_after_event_respects_the_window():
    text = "• Mattis on 04.01.17: “No spiral.” (Reuters, 04.16.17)\n"
    assert "T003" not in codes(text, late_after_days=15)
    assert "T003" in codes(text, late_after_days=3)


def test_source_long_after_event_quiet_within_two_weeks_and_on_live_kinds():
    assert codes("• Mattis on 04.01.17: “No spiral.” (Reuters, 04.15.17)\n") == []
    text = "• Mattis on 04.01.17: “No spiral.” (RT live broadcast, 04.16.17)\n"
    assert "T003" not in codes(text)
