"""Which ledger belongs to a digest, and reading a ledger's text, without YAML.

Linting a digest runs this for every file, so it costs a few `stat` calls
when there is no ledger and a regex over the ledger's text when there is
one; ruamel.yaml is not imported here.
"""

from __future__ import annotations

import re
from pathlib import Path

from citecheck.errors import CitecheckError

LEDGER_NAMES = ("claims.yaml", "claims.yml")

_DIGEST_LINE = re.compile(r"^digest:[ \t]*(.*?)[ \t]*(?:[ \t]#.*)?$", re.M)


def find_ledger(digest: str | Path) -> Path | None:
    """The ledger in the digest's folder or above whose `digest:` names this digest.

    The search stops at the working folder or the top of a git repository,
    whichever comes first, so a ledger elsewhere on the machine never applies.
    """
    path = Path(digest)
    if str(digest).startswith("<") or not path.is_file():
        return None
    target = path.resolve()
    here = Path.cwd().resolve()
    for folder in (target.parent, *target.parent.parents):
        for name in LEDGER_NAMES:
            ledger = folder / name
            if ledger.is_file() and _names(ledger, target):
                return ledger if path.is_absolute() else _shown(ledger, here)
        if folder == here or (folder / ".git").exists():
            return None
    return None


def read_text(path: str | Path) -> str:
    """A ledger's text: UTF-8, with no cp1252 fallback, since YAML is always UTF-8."""
    from citecheck.reading import read_raw

    try:
        return read_raw(path).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CitecheckError(f"not UTF-8 (byte {exc.start})", str(path)) from None


def _names(ledger: Path, digest: Path) -> bool:
    try:
        text = read_text(ledger)
    except CitecheckError:
        return False
    match = _DIGEST_LINE.search(text)
    if match is None:
        return False
    value = match.group(1)
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    return (ledger.parent / value).resolve() == digest


def _shown(ledger: Path, here: Path) -> Path:
    """Relative to the working folder when under it, as the user named the digest."""
    try:
        return ledger.relative_to(here)
    except ValueError:
        return ledger
