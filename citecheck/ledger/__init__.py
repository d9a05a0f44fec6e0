"""The claims ledger: a digest's claims as reviewable YAML (claims.yaml).

`citecheck extract` writes it; people add notes, tags, URLs and waivers;
re-extraction keeps those and their comments; `citecheck extract --check` and
`citecheck lint claims.yaml` say when it no longer matches its digest.
Attributes load on first use, so `citecheck.ledger.lookup` (which linting a
digest needs) does not bring ruamel.yaml onto the lint path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from citecheck.ledger.commands import extract_command, lint_ledger

__all__ = ["extract_command", "lint_ledger"]


def __getattr__(name: str) -> object:
    if name in __all__:
        from citecheck.ledger import commands

        return getattr(commands, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
