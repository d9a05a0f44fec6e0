"""citecheck: lint and verify the citations in news digests.

>>> import citecheck
>>> report = citecheck.lint("Lavrov: “Frank talks.” (Reuter, 04.12.17)")
>>> [f.code for f in report.findings]
['O002']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["Config", "Report", "__version__", "lint", "lint_file"]

if TYPE_CHECKING:
    from citecheck.config import Config
    from citecheck.linter import Report, lint, lint_file


def __getattr__(name: str) -> object:
    """Load the linter on first use, so `citecheck --version` stays instant."""
    if name in ("lint", "lint_file", "Report"):
        from citecheck import linter as module

        return getattr(module, name)
    if name == "Config":
        from citecheck.config import Config

        return Config
    raise AttributeError(f"module 'citecheck' has no attribute {name!r}")
