"""Markdown for a pull-request comment: the report of every digest in the run."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from citecheck.linter import Report


def render(reports: list[Report], *, color: bool = False) -> str:
    from citecheck.report.markdown import render_run

    return render_run(reports)
