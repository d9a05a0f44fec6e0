"""The lint pipeline: read, extract, judge. The CLI is a thin layer over this."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from citecheck.config import Config
from citecheck.extract import extract
from citecheck.extract.dates import first_full_date
from citecheck.model import Claim, Digest, Document, Finding, Severity
from citecheck.outlets import Registry, bundled
from citecheck.reading import read_file, read_text
from citecheck.rules import Context, run

if TYPE_CHECKING:
    from citecheck.gate.waivers import Waived, Waiver

_DIGEST_TITLE = re.compile(
    r"\b(?:digest|issue|edition|briefing|roundup|round-up|as of|for)\b", re.I
)


@dataclass
class Report:
    """What linting one digest found: its claims and the findings about them."""

    path: str
    digest: Digest
    findings: list[Finding]
    config: Config = field(repr=False, default_factory=Config)
    waived: list[Waived] = field(default_factory=list)  # accepted findings, kept for reports
    unused_waivers: list[Waiver] = field(default_factory=list)  # waivers that matched nothing
    verification: list = field(repr=False, default_factory=list)  # LinkChecks, from `verify`

    @property
    def claims(self) -> list[Claim]:
        return self.digest.claims

    @property
    def document(self) -> Document:
        return self.digest.document

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def fails(self, level: str | None = None) -> bool:
        """Does any finding reach `level` (default: the config's fail-on)?"""
        level = level or self.config.fail_on
        if level == "never":
            return False
        threshold = Severity(level).rank
        return any(f.severity.rank >= threshold for f in self.findings)


def lint(
    text: str,
    *,
    path: str | None = None,
    config: Config | None = None,
    format: str | None = None,
) -> Report:
    """Lint a digest given as text; `format` is sniffed when not given."""
    document = read_text(text, path=path or "<text>", format=format)
    return lint_document(document, config or Config())


def lint_file(path: str | Path, config: Config | None = None) -> Report:
    return lint_document(read_file(path), config or Config())


def lint_document(document: Document, config: Config) -> Report:
    registry = registry_for(config)
    digest = extract(document, registry, config.date_order, digest_date(document, config))
    findings = run(Context(digest, config, registry))
    return Report(document.path, digest, findings, config)


def registry_for(config: Config) -> Registry:
    return bundled().extended(list(config.outlets))


def digest_date(document: Document, config: Config) -> dt.date:
    """The date the digest was written: config, then the document, then today."""
    if config.digest_date is not None:
        return config.digest_date
    meta = document.meta.get("date")
    if meta:
        found = _meta_date(meta, config.date_order)
        if found is not None:
            return found
    title = document.title or ""
    if _DIGEST_TITLE.search(title):
        found_in_title = first_full_date(title, config.date_order)
        if found_in_title is not None:
            return found_in_title
    return dt.date.today()


def _meta_date(text: str, order: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        found = first_full_date(text, order)
        return found
