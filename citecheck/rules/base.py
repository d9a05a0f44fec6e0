"""What a rule is, and what it sees.

A rule is a small class: code, name, severity, message template and its
documentation live together, so `citecheck rule D001` and the finding it
raises can never drift apart. Rules only look at an extracted `Digest`;
they never parse text themselves.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from citecheck.config import Config
from citecheck.model import (
    Citation,
    CitationGroup,
    Claim,
    Digest,
    Document,
    Edit,
    Finding,
    Fix,
    Severity,
    Span,
)
from citecheck.outlets import Registry


@dataclass(frozen=True, slots=True)
class Cited:
    """One citation with everything a rule may want to weigh it against."""

    citation: Citation
    group: CitationGroup
    claim: Claim | None  # None for a section's source line
    event_date: dt.date | None
    event_source: str | None


@dataclass
class Context:
    digest: Digest
    config: Config
    registry: Registry

    def __post_init__(self) -> None:
        self.cited = list(self._cited())

    def _cited(self) -> Iterator[Cited]:
        for claim in self.digest.claims:
            for group in claim.groups:
                for citation in group.citations:
                    yield Cited(citation, group, claim, claim.event_date, claim.event_date_source)
        for section in self.digest.sections:
            dated = next((s for s in section.chain() if s.event_date), None)
            for group in section.sources:
                for citation in group.citations:
                    yield Cited(
                        citation,
                        group,
                        None,
                        dated.event_date if dated else None,
                        f"section “{dated.title}” (line {dated.line})" if dated else None,
                    )

    @property
    def groups(self) -> list[CitationGroup]:
        return self.digest.groups

    def text(self, span: Span) -> str:
        return self.digest.document.source[span.start : span.end]


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    message: ClassVar[str]  # str.format template, filled from `finding(**values)`
    fix_safety: ClassVar[str] = "none"  # "safe", "unsafe" or "none"

    def check(self, ctx: Context) -> Iterator[Finding]:
        raise NotImplementedError

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        return cls.doc().split("\n\n", 1)[0].replace("\n", " ")

    def finding(
        self,
        ctx: Context,
        span: Span,
        *,
        suggestion: str | None = None,
        replacement: str | None = None,
        fix_span: Span | None = None,
        claim: Claim | None = None,
        **values: object,
    ) -> Finding:
        """Build a finding; `replacement` for `fix_span` (default: `span`) makes it fixable."""
        return self.finding_in(
            ctx.digest.document,
            span,
            suggestion=suggestion,
            replacement=replacement,
            fix_span=fix_span,
            claim=claim,
            **values,
        )

    def finding_in(
        self,
        document: Document,
        span: Span,
        *,
        suggestion: str | None = None,
        replacement: str | None = None,
        fix_span: Span | None = None,
        claim: Claim | None = None,
        **values: object,
    ) -> Finding:
        """`finding` for a document that has no digest around it, such as a claims ledger."""
        line, column = document.position(span.start)
        end_line, end_column = document.position(max(span.end, span.start))
        fix = None
        if replacement is not None and self.fix_safety != "none":
            target = fix_span or span
            fix = Fix(
                (Edit(target, replacement),),
                self.fix_safety == "safe",
                f"replace “{document.source[target.start : target.end]}” with “{replacement}”",
            )
        return Finding(
            code=self.code,
            name=self.name,
            severity=self.severity,
            message=self.message.format(**values),
            path=document.path,
            span=span,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            suggestion=suggestion,
            fix=fix,
            claim_id=claim.id if claim else None,
            context=" ".join(document.source[span.start : span.end].split()),
        )
