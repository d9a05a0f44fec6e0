"""README promises that code can check: the commands CI runs, and the rule table."""

from __future__ import annotations

import re
from pathlib import Path

from citecheck.rules import RULES

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text("utf-8")


def shell_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)\n```", README, re.S)


def test_quick_start_shows_the_two_commands_near_the_top():
    run, test = shell_blocks()[:2]
    assert "citecheck lint examples/tillerson-moscow-2017-04.txt" in run
    assert "pytest" in test
    assert README.index(test) < len(README) // 4


def test_ci_runs_exactly_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    test = shell_blocks()[1]
    assert test in ci.splitlines()


def test_rule_table_matches_the_rules():
    table = README.split("<!-- rules-table")[1].split("<!-- /rules-table -->")[0]
    rows = [
        tuple(cell.strip() for cell in line.strip("|").split("|"))[:4]
        for line in table.splitlines()
        if re.match(r"\| [A-Z]\d{3} ", line)
    ]
    expected = [(r.code, r.name, r.severity.value, r.fix_safety) for r in RULES]
    assert rows == expected
