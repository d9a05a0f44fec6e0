"""Claims ledgers as verify input: the digest a claims.yaml names, with the URLs people added.

A ledger records a citation's `url` where the digest has no link, so verify
reads the digest and fills those in, pairing claims and citations the way
`citecheck extract` does when it merges (claim id, then similar text;
citation text). Findings point into the digest, where the citation is.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from citecheck.errors import CitecheckError

if TYPE_CHECKING:
    from citecheck.config import Config
    from citecheck.linter import Report
    from citecheck.model import Citation


def is_ledger(path: str) -> bool:
    from citecheck.cli import LEDGER_NAMES

    return Path(path).name in LEDGER_NAMES


def lint_inputs(paths: Sequence[str], config: Config) -> list[Report]:
    """A report per digest; a ledger stands for its digest, which is then read once."""
    from citecheck.cli import lint_paths

    ledgers = {name: ledger_report(name, config) for name in paths if is_ledger(name)}
    covered = {Path(r.path).resolve() for r in ledgers.values()}
    reports = []
    for name in paths:
        if name in ledgers:
            reports.append(ledgers[name])
        elif name == "-" or Path(name).resolve() not in covered:
            reports.extend(lint_paths([name], config))
    return reports


def ledger_report(path: str, config: Config) -> Report:
    """The linted digest `path` names, its citations' curated URLs filled in."""
    from citecheck.ledger.build import claim_entries, source_entries
    from citecheck.ledger.commands import load
    from citecheck.ledger.lookup import read_text
    from citecheck.linter import lint_file

    ledger = Path(path)
    data = load(read_text(ledger), ledger)
    if data is None:
        raise CitecheckError("empty ledger: no digest to verify", path)
    digest = ledger.parent / str(data["digest"])
    if not digest.is_file():
        raise CitecheckError(
            f"the digest it names, {data['digest']}, is not there",
            path,
            data.lc.value("digest")[0] + 1,
        )
    report = lint_file(digest, config)
    groups = [g for g in report.digest.groups if g.is_section_source]
    _fill(data.get("claims") or [], claim_entries(report.digest), report.claims)
    _fill(data.get("sources") or [], source_entries(report.digest), groups)
    return report


def _fill(curated: list, entries: list[dict], owners: Sequence) -> None:
    """Give each citation without a link the `url` its paired ledger citation has."""
    from citecheck.ledger.merge import by_id, by_text, pair

    for j, i in pair(curated, entries, by_id).items():
        old = curated[i].get("citations") or []
        citations: list[Citation] = owners[j].citations
        for n, k in pair(old, entries[j]["citations"], by_text).items():
            url = old[k].get("url")
            if citations[n].url is None and url:
                citations[n].url = str(url)
