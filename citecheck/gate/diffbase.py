"""Changed lines only: gate a pull request on what it touched.

`--diff-base REV` keeps the findings on lines added or changed since REV
(compared with the working tree, as `git diff REV` does). A digest that did
not exist at REV is new in every line.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from citecheck.errors import CitecheckError

if TYPE_CHECKING:
    from citecheck.linter import Report
    from citecheck.model import Finding

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.M)


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except FileNotFoundError:
        raise CitecheckError("--diff-base needs git, and git is not installed") from None


def changed_lines(
    path: str, rev: str, checked: dict[Path, str | None] | None = None
) -> set[int] | None:
    """Line numbers added or changed since `rev`; None when the whole file is new.

    `checked` remembers, for one run, which folders passed the repository and
    revision checks, so a folder of digests asks git about them once.
    """
    if path.startswith("<"):
        raise CitecheckError("--diff-base cannot check stdin: name the file", path)
    file = Path(path).resolve()
    folder, name = file.parent, file.name
    checked = {} if checked is None else checked
    if folder not in checked:
        checked[folder] = _problem(folder, rev)
    if checked[folder] is not None:
        raise CitecheckError(str(checked[folder]), path)
    if _git(folder, "cat-file", "-e", f"{rev}:./{name}").returncode != 0:
        return None
    diff = _git(folder, "diff", "--no-color", "--no-ext-diff", "-U0", rev, "--", name)
    if diff.returncode != 0:
        raise CitecheckError(f"--diff-base: git diff failed: {diff.stderr.strip()}", path)
    lines: set[int] = set()
    for match in _HUNK.finditer(diff.stdout):
        start, count = int(match.group(1)), int(match.group(2) or 1)
        lines.update(range(start, start + count))
    return lines


def _problem(folder: Path, rev: str) -> str | None:
    if _git(folder, "rev-parse", "--show-toplevel").returncode != 0:
        return "--diff-base: not inside a git repository"
    if _git(folder, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").returncode != 0:
        return f"--diff-base: unknown git revision {rev!r}"
    return None


def keep_changed(reports: Sequence[Report], rev: str) -> None:
    """Keep, in place, only findings that touch a changed line."""
    checked: dict[Path, str | None] = {}
    for report in reports:
        lines = changed_lines(report.path, rev, checked)
        if lines is None:
            continue
        report.findings = [f for f in report.findings if _touches(f, lines)]
        report.waived = [w for w in report.waived if _touches(w.finding, lines)]


def _touches(finding: Finding, lines: set[int]) -> bool:
    return any(n in lines for n in range(finding.line, max(finding.line, finding.end_line) + 1))
