"""Output formats for findings. Each module renders a list of reports to a string.

Formats are looked up by name and imported on first use, so the text format
never pays for the JSON, SARIF or HTML machinery.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from citecheck.linter import Report


class Renderer(Protocol):
    def __call__(self, reports: list[Report], *, color: bool = False) -> str: ...


FORMATS: dict[str, str] = {
    "text": "citecheck.output.text",
    "json": "citecheck.output.json",
    "github": "citecheck.output.github",
    "sarif": "citecheck.output.sarif",
    "junit": "citecheck.output.junit",
    "markdown": "citecheck.output.markdown",
}


def renderer(name: str) -> Renderer:
    return import_module(FORMATS[name]).render
