"""The bundled example digest: every anomaly the user pointed at, and nothing else.

The golden file pins the full finding list; regenerate it after a deliberate
change with `CITECHECK_UPDATE_GOLDEN=1 pytest tests/test_example.py` and
review the diff like any other change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import citecheck
from citecheck.output.json import finding_dict

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "tillerson-moscow-2017-04.txt"
GOLDEN = Path(__file__).parent / "golden" / "tillerson-moscow-2017-04.json"
SEED = ROOT.parent / "shared" / "seed" / "000_03d44ea47c658629.txt"


@pytest.fixture(scope="module")
def report():
    return citecheck.lint_file(EXAMPLE)


def by_line(report) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    for f in report.findings:
        found.setdefault(f.line, set()).add(f.code)
    return found


def test_matches_the_golden_finding_list(report):
    actual = [finding_dict(f) | {"path": EXAMPLE.name} for f in report.findings]
    if os.environ.get("CITECHECK_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n", "utf-8")
    expected = json.loads(GOLDEN.read_text("utf-8"))
    assert actual == expected


@pytest.mark.parametrize(
    ("line", "code", "needle"),
    [
        (24, "D001", "11.17"),  # (RFE/RL,11.17, Reuters, 04.12.17)
        (24, "C001", "RFE/RL,11.17"),
        (19, "C001", "04.11.17,Washington Post"),
        (23, "C002", "(Bloomberg, 04.12.17)"),
        (15, "C007", "Washington Post, 04.12.17"),
        (63, "T001", "04.17.17"),  # RT live broadcast for the 04.12.17 meeting
        (115, "T001", "04.17.17"),  # the press conference's source line
        (59, "Q001", "very productive"),
        (45, "Q003", "”"),
        (19, "Q002", "no opening mark"),
        (50, "Q002", "never closed"),
        (4, "Q004", "am hopeful"),
        (21, "Q005", "S. probe"),
        (32, "Q005", "S.-Russian"),
        (63, "Q005", "U,S,"),
        (118, "S002", "Leave a Reply"),
    ],
)
def test_reports_each_named_anomaly_at_its_line(report, line, code, needle):
    hits = [f for f in report.findings if f.line == line and f.code == code]
    assert hits, f"no {code} at line {line}: {by_line(report).get(line)}"
    assert any(needle in f.message for f in hits), [f.message for f in hits]


def test_suggestions_come_from_context(report):
    malformed = next(f for f in report.findings if f.code == "D001")
    assert malformed.fix is not None and malformed.fix.edits[0].replacement == "04.11.17"
    assert "Mattis on 04.11.17" in (malformed.suggestion or "")
    live = [f for f in report.findings if f.code == "T001"]
    assert {f.fix.edits[0].replacement for f in live if f.fix} == {"04.12.17"}


def test_lines_that_are_fine_stay_quiet(report):
    flagged = set(by_line(report))
    quiet = {1, 6, 16, 20, 22, 25, 30, 33, 35, 36, 38, 39, 40, 51, 52, 65, 75, 84, 113}
    assert not flagged & quiet, {line: by_line(report)[line] for line in flagged & quiet}


def test_example_is_the_users_digest_byte_for_byte():
    if not SEED.exists():
        pytest.skip("the user's original is not beside this checkout")
    assert EXAMPLE.read_bytes() == SEED.read_bytes()
