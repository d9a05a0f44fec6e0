"""D001–D004: citation dates as written."""

from __future__ import annotations

import pytest
from conftest import codes, fixed, only

MATTIS = "• Mattis on 04.11.17: “Not out of control.” (RFE/RL,11.17, Reuters, 04.12.17)\n"


# D001 date-malformed


def test_malformed_date_fires_and_suggests_the_event_date():
    finding = only(MATTIS, "D001")
    assert (finding.line, finding.column) == (1, 53)
    assert finding.message == "malformed date “11.17”: expected MM.DD.YY"
    assert finding.suggestion == "the event date from “Mattis on 04.11.17”: write “04.11.17”"
    assert finding.fix is not None and not finding.fix.safe
    assert "(RFE/RL,04.11.17, Reuters, 04.12.17)" in fixed(MATTIS, finding)


def test_malformed_date_suggests_a_consistent_date_of_the_same_group():
    text = "• Lavrov: “Frank talks.” (Reuters, 04.11, AP, 04.11.17)\n"
    finding = only(text, "D001")
    assert finding.suggestion == "another date in this group: write “04.11.17”"
    assert "(Reuters, 04.11.17, AP, 04.11.17)" in fixed(text, finding)


def test_malformed_date_suggests_nothing_when_no_date_agrees():
    # Two different dates in one group: 04.12.17 does not contain "11.17".
    finding = only("• Lavrov: “Frank talks.” (RFE/RL, 11.17, Reuters, 04.12.17)\n", "D001")
    assert finding.suggestion is None
    assert finding.fix is None


def test_malformed_date_names_the_house_style():
    text = "• A: “x.” (Reuters, 4/11/2017)\n• Mattis on 04.11.17: “y.” (AP, 4/11)\n"
    finding = only(text, "D001")
    assert finding.message == "malformed date “4/11”: expected M/DD/YYYY"
    assert finding.line == 2
    assert "(AP, 4/11/2017)" in fixed(text, finding)


@pytest.mark.parametrize("written", ["04.11.017", "April 12", "004.11.17"])
def test_malformed_date_fires_on_other_incomplete_forms(written):
    assert "D001" in codes(f"• Lavrov: “Frank talks.” (Reuters, {written})\n")


@pytest.mark.parametrize(
    "written", ["04.12.17", "4.12.17", "04.12.2017", "4/12/17", "April 12, 2017", "12 April 2017"]
)
def test_malformed_date_quiet_on_complete_dates(written):
    assert "D001" not in codes(f"• Lavrov: “Frank talks.” (Reuters, {written})\n")


def test_malformed_date_quiet_on_numbers_in_running_text():
    text = "• Putin said 11.17 percent of 5 hours were lost (Reuters, 04.12.17)\n"
    assert codes(text) == []


# D002 date-impossible


def test_impossible_date_fires_and_says_why():
    finding = only("• Lavrov: “Frank talks.” (Reuters, 04.31.17)\n", "D002")
    assert (finding.line, finding.column) == (1, 36)
    assert finding.message == "impossible date “04.31.17”: April has 30 days"
    assert finding.suggestion is None
    assert finding.fix is None


def test_impossible_date_in_a_non_leap_year():
    finding = only("• Lavrov: “Frank talks.” (Reuters, 02.29.17)\n", "D002")
    assert finding.message == "impossible date “02.29.17”: 2017 is not a leap year"


def test_impossible_date_notices_a_day_first_date():
    finding = only("• Lavrov: “Frank talks.” (Reuters, 13.04.17)\n", "D002")
    assert finding.message == "impossible date “13.04.17”: there is no month 13"
    assert finding.suggestion == (
        "it is a valid date read day-first (13 April 2017); is the digest's date order right?"
    )


def test_impossible_date_notices_a_month_first_date_in_a_day_first_digest():
    finding = only("• Lavrov: “Frank talks.” (Reuters, 04.13.17)\n", "D002", date_order="dmy")
    assert finding.message == "impossible date “04.13.17”: there is no month 13"
    assert finding.suggestion == (
        "it is a valid date read month-first (13 April 2017); is the digest's date order right?"
    )


@pytest.mark.parametrize("written", ["April 31, 2017", "2017-04-31"])
def test_impossible_date_in_other_styles(written):
    finding = only(f"• Lavrov: “Frank talks.” (Reuters, {written})\n", "D002")
    assert finding.message == f"impossible date “{written}”: April has 30 days"


def test_impossible_date_quiet_on_a_leap_day_and_day_first_digests():
    assert codes("• A: “x.” (Reuters, 02.29.16)\n", digest_date=None) == []
    assert "D002" not in codes("• A: “x.” (Reuters, 13.04.17)\n", date_order="dmy")


# D003 date-after-digest


def test_date_after_digest_fires():
    finding = only("• Lavrov: “Frank talks.” (Reuters, 04.21.17)\n", "D003")
    assert (finding.line, finding.column) == (1, 36)
    assert finding.message == "“04.21.17” is after the digest's date (2017-04-20)"
    assert finding.fix is None


def test_date_after_digest_quiet_on_the_digest_day_and_before():
    assert codes("• A: “x.” (Reuters, 04.20.17)\n• B: “y.” (AP, 04.19.17)\n") == []


def test_date_after_digest_takes_the_date_from_the_title():
    text = "Digest for 04.14.17\n\n• Lavrov: “Frank talks.” (Reuters, 04.15.17)\n"
    assert "D003" in codes(text, digest_date=None)
    assert "D003" not in codes(text.replace("04.15.17", "04.14.17"), digest_date=None)


# D004 date-style-mixed


MIXED = "• A: “x.” (Reuters, 04.12.17)\n• B: “y.” (Reuters, 04.11.17)\n• C: “z.” (AP, 2017-04-12)\n"


def test_mixed_date_style_fires_with_a_safe_rewrite():
    finding = only(MIXED, "D004")
    assert (finding.line, finding.column) == (3, 16)
    assert finding.message == (
        "date “2017-04-12” is written YYYY-MM-DD; the digest writes dates MM.DD.YY"
    )
    assert finding.suggestion == "write “04.12.17”"
    assert finding.fix is not None and finding.fix.safe
    assert fixed(MIXED, finding).endswith("• C: “z.” (AP, 04.12.17)\n")


def test_mixed_date_style_rewrites_long_dates():
    text = MIXED.replace("2017-04-12", "April 12, 2017")
    finding = only(text, "D004")
    assert finding.message.startswith("date “April 12, 2017” is written Month D, YYYY")
    assert fixed(text, finding).endswith("(AP, 04.12.17)\n")


def test_mixed_date_style_quiet_on_zero_padding_and_on_one_style():
    assert codes(MIXED.replace("2017-04-12", "4.12.17")) == []
    assert codes(MIXED.replace("2017-04-12", "04.10.17")) == []


def test_mixed_date_style_quiet_on_two_different_dates_in_one_group():
    assert codes("• Lavrov: “Frank talks.” (Reuters, 04.07.17, Bloomberg, 04.05.17)\n") == []
