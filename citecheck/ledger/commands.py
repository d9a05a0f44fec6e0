"""`citecheck extract` and `citecheck lint claims.yaml`."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from citecheck.config import Config
from citecheck.errors import CitecheckError
from citecheck.ledger.build import claim_entries, read_digest, source_entries
from citecheck.ledger.files import dumps, parse
from citecheck.ledger.lookup import read_text
from citecheck.ledger.merge import changes, merge
from citecheck.ledger.schema import validate
from citecheck.linter import Report
from citecheck.model import Digest, Document, Finding
from citecheck.rules import configured
from citecheck.rules.ledger import LedgerSchema, LedgerStale

DEFAULT = "claims.yaml"


def extract_command(*, digest: str | None, output: str | None, check: bool, config: Config) -> int:
    """Write (or with `check`, compare) the ledger of `digest`; exit code as the CLI uses it."""
    to_stdout = output == "-"
    if to_stdout and check:
        raise CitecheckError("--check compares a ledger file; give -o FILE, not -o -")
    ledger = Path(DEFAULT if output is None or to_stdout else output)
    old_text, old = None, None
    if not to_stdout and ledger.exists():
        old_text = read_text(ledger)
        old = load(old_text, ledger)
    if digest is None:
        if old is None:
            raise CitecheckError(
                "no ledger to re-extract; give the digest: `citecheck extract PATH`", str(ledger)
            )
        source = ledger.parent / str(old["digest"])
        if not source.is_file():
            raise CitecheckError(
                f"the digest it names, {old['digest']}, is not there",
                str(ledger),
                old.lc.value("digest")[0] + 1,
            )
    else:
        source = Path(digest)
    name = _relative(source, ledger.parent)
    parsed = read_digest(source, config)
    claims, sources = claim_entries(parsed), source_entries(parsed)
    again = f"citecheck extract {digest + ' ' if digest else ''}-o {ledger}"
    if check:
        if old is None:
            print(f"{ledger}: no ledger yet; run `{again}`")
            return 1
        found = changes(old, name, claims, sources)
        if found:
            print(f"{ledger}: out of date with {source}: {found.summary()}; run `{again}`")
            return 1
        return 0
    document, orphaned = merge(old, name, claims, sources)
    text = dumps(document, ledger.name)
    if to_stdout:
        sys.stdout.write(text)
        return 0
    if _save(ledger, text, old_text, orphaned):
        print(f"{ledger}: {len(claims)} claims from {name}")
    return 0


def regenerate(ledger: Path, config: Config) -> bool:
    """Re-extract the digest `ledger` names into it, keeping curated fields; True if rewritten.

    What `citecheck extract -o LEDGER` does, for `lint --fix` after it changed the digest.
    """
    old_text = read_text(ledger)
    old = load(old_text, ledger)
    if old is None:
        raise CitecheckError("the ledger is empty", str(ledger))
    name = str(old["digest"])
    parsed = read_digest(ledger.parent / name, config)
    document, orphaned = merge(old, name, claim_entries(parsed), source_entries(parsed))
    return _save(ledger, dumps(document, ledger.name), old_text, orphaned)


def _save(ledger: Path, text: str, old_text: str | None, orphaned: int) -> bool:
    """Write the ledger atomically if it changed, and only if nobody edited it meanwhile."""
    if orphaned:
        print(
            f"citecheck: {ledger}: warning: {orphaned} entr{'ies' if orphaned != 1 else 'y'} "
            "with notes or URLs no longer match the digest; kept under `orphans`",
            file=sys.stderr,
        )
    if text == old_text:
        return False
    from citecheck.atomic import write_bytes

    expect = old_text.encode("utf-8") if old_text is not None else None
    write_bytes(ledger, text.encode("utf-8"), expect=expect)
    return True


def load(text: str, ledger: Path) -> object:
    """A valid ledger, or None for an empty file; anything else is bad input."""
    document = parse(text, ledger)
    if document is None:
        return None
    problems = validate(document)
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more; `citecheck lint {ledger}` lists them)"
        raise CitecheckError(
            first.message + (more if len(problems) > 1 else ""), str(ledger), first.line
        )
    return document


def lint_ledger(path: str | Path, config: Config) -> Report:
    """Schema problems (L001) and a stale ledger (L002) as findings on the YAML's lines."""
    text = read_text(path)
    document = Document(path=str(path), source=text, format="ledger", blocks=[])
    data = parse(text, path)
    schema = LedgerSchema()
    findings = [schema.at(document, p.line, p.column, problem=p.message) for p in validate(data)]
    if not findings:
        findings = _staleness(document, data, config)
    findings = configured(findings, config)
    digest = Digest(document, [], [], dt.date.today(), config.date_order)
    return Report(str(path), digest, findings, config)


def _staleness(document: Document, data, config: Config) -> list[Finding]:
    line = data.lc.value("digest")[0] + 1
    ledger = Path(document.path)
    source = ledger.parent / data["digest"]
    if not source.is_file():
        problem = f"the digest it names, {data['digest']}, is not there"
        return [LedgerSchema().at(document, line, problem=problem)]
    try:
        parsed = read_digest(source, config)
    except CitecheckError as exc:
        return [LedgerSchema().at(document, line, problem=f"cannot read the digest: {exc}")]
    found = changes(data, data["digest"], claim_entries(parsed), source_entries(parsed))
    if not found:
        return []
    return [
        LedgerStale().at(
            document,
            line,
            summary=f"out of date with its digest: {found.summary()}",
            command=f"citecheck extract -o {ledger}",
        )
    ]


def _relative(path: Path, folder: Path) -> str:
    """How the ledger names its digest: relative to the ledger's folder, with `/`."""
    try:
        return Path(os.path.relpath(path, folder)).as_posix()
    except ValueError:  # another drive on Windows
        return path.resolve().as_posix()
