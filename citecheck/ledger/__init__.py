"""The claims ledger: a digest's claims as reviewable YAML (claims.yaml).

`citecheck extract` writes it; people add notes, tags and URLs; re-extraction
keeps those and their comments; `citecheck extract --check` and
`citecheck lint claims.yaml` say when it no longer matches its digest.
Only imported for ledger work, so ruamel.yaml stays off the lint path.
"""

from __future__ import annotations

from citecheck.ledger.commands import extract_command, lint_ledger

__all__ = ["extract_command", "lint_ledger"]
