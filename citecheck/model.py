"""The data every stage shares: documents, claims, citations and findings.

Data flows one way: readers build a `Document`, extraction turns it into a
`Digest` of `Claim`s, rules turn those into `Finding`s. Every location is a
`Span` of character offsets into the decoded source, so findings, fixes and
reports all point at the text exactly as the user sees it.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from enum import Enum


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open range of character offsets into `Document.source`."""

    start: int
    end: int


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink inside a block; `start`/`end` index `Block.text`."""

    start: int
    end: int
    href: str


@dataclass(slots=True)
class Block:
    """One unit of text as the reader sees it: a heading, list item or paragraph.

    `text` is what a reader of the rendered digest sees (no bullet, no markup).
    Offsets into it map back to the source through `base` (contiguous text) or
    `offsets` (per character, for Markdown and HTML where markup was removed).
    """

    kind: str  # "title", "heading", "item", "paragraph", "boilerplate"
    text: str
    line: int
    base: int
    depth: int = 0
    level: int = 0  # heading level; 0 for anything else
    marker: str | None = None
    marker_span: Span | None = None
    offsets: tuple[int, ...] | None = None
    links: tuple[Link, ...] = ()

    def source_offset(self, index: int) -> int:
        if self.offsets is None:
            return self.base + index
        if index >= len(self.offsets):
            return self.offsets[-1] + 1 if self.offsets else self.base
        return self.offsets[index]

    def span(self, start: int, end: int) -> Span:
        """Source span of `text[start:end]`."""
        if end <= start:
            first = self.source_offset(start)
            return Span(first, first)
        return Span(self.source_offset(start), self.source_offset(end - 1) + 1)


@dataclass(frozen=True, slots=True)
class ReadNote:
    """A fact the reader noticed about the raw input (rules decide if it matters)."""

    kind: str  # "encoding-fallback", "boilerplate"
    detail: str
    span: Span


@dataclass(slots=True)
class Document:
    path: str
    source: str
    format: str  # "text", "markdown", "html"
    blocks: list[Block]
    encoding: str = "utf-8"
    title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    notes: list[ReadNote] = field(default_factory=list)
    _line_starts: list[int] | None = field(default=None, repr=False)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset, columns in characters."""
        starts = self._starts()
        row = bisect.bisect_right(starts, offset) - 1
        return row + 1, offset - starts[row] + 1

    def offset(self, line: int, column: int = 1) -> int:
        """The source offset of a 1-based (line, column): the inverse of `position`."""
        return self._starts()[line - 1] + column - 1

    def line_text(self, line: int) -> str:
        start = self._starts()[line - 1]
        end = self.source.find("\n", start)
        return self.source[start : end if end != -1 else len(self.source)].rstrip("\r")

    def _starts(self) -> list[int]:
        """Offsets where lines start; found once, as every finding asks for its position."""
        if self._line_starts is None:
            starts = [0]
            find = self.source.find
            i = find("\n")
            while i != -1:
                starts.append(i + 1)
                i = find("\n", i + 1)
            self._line_starts = starts
        return self._line_starts


@dataclass(slots=True)
class ParsedDate:
    """A date as written and what strict parsing made of it."""

    text: str
    span: Span
    value: dt.date | None
    style: str | None  # e.g. "mdy.2", "iso", "long"; None when malformed
    problem: str | None = None  # "malformed" or "impossible" when value is None


@dataclass(slots=True)
class Citation:
    text: str
    span: Span
    outlet: str | None  # as written, without the kind ("RT", not "RT live broadcast")
    outlet_span: Span | None
    canonical: str | None  # registry name, None when unknown
    kind: str  # "article", "live broadcast", "transcript", ...
    date: ParsedDate | None
    url: str | None = None


@dataclass(slots=True)
class Separator:
    """What stands between two parts of a citation group, as written."""

    text: str
    span: Span
    between: str  # "outlet-date" or "citations"


@dataclass(slots=True)
class CitationGroup:
    """The parenthetical that closes a claim, or a section's source line."""

    text: str
    span: Span
    citations: list[Citation]
    separators: list[Separator]
    space_before: bool  # False for `quoted.”(Bloomberg, …)`
    is_section_source: bool = False


@dataclass(slots=True)
class Section:
    title: str
    path: tuple[str, ...]
    level: int
    line: int
    span: Span
    event_date: dt.date | None
    parent: Section | None = None
    sources: list[CitationGroup] = field(default_factory=list)

    def chain(self) -> list[Section]:
        """This section and its ancestors, innermost first."""
        out, node = [], self
        while node is not None:
            out.append(node)
            node = node.parent
        return out


@dataclass(slots=True)
class Quote:
    text: str
    span: Span


@dataclass(slots=True)
class Marks:
    """Quotation marks and parentheses of a text that do not pair up.

    Offsets index the block's text. Extraction pairs them; rules decide
    what is worth a finding.
    """

    unclosed_quotes: list[int] = field(default_factory=list)
    stray_closing_quotes: list[int] = field(default_factory=list)
    wrong_way_quotes: list[int] = field(default_factory=list)  # ” used to open
    unclosed_parens: list[int] = field(default_factory=list)
    stray_closing_parens: list[int] = field(default_factory=list)

    def any(self) -> bool:
        return bool(
            self.unclosed_quotes
            or self.stray_closing_quotes
            or self.wrong_way_quotes
            or self.unclosed_parens
            or self.stray_closing_parens
        )


@dataclass(slots=True)
class Claim:
    id: str
    block: Block
    section: Section | None
    context: tuple[
        str, ...
    ]  # ancestors in the bullet tree, e.g. ("Trump", "In interview aired on 04.12.17")
    speaker: str | None
    text: str
    span: Span
    quotes: list[Quote]
    event_date: dt.date | None
    event_date_source: str | None  # where the event date came from, for messages
    groups: list[CitationGroup]

    @property
    def citations(self) -> list[Citation]:
        return [c for g in self.groups for c in g.citations]

    @property
    def covering_sources(self) -> list[CitationGroup]:
        """Section-level source lines that vouch for an uncited claim."""
        if self.section is None:
            return []
        return [g for s in self.section.chain() for g in s.sources]


@dataclass(slots=True)
class Digest:
    """A document with its claims extracted: what every rule looks at."""

    document: Document
    sections: list[Section]
    claims: list[Claim]
    date: dt.date
    date_order: str
    groups: list[CitationGroup] = field(default_factory=list)
    marks: list[tuple[Block, Marks]] = field(default_factory=list)  # blocks with unpaired marks


@dataclass(frozen=True, slots=True)
class Edit:
    span: Span
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    """A concrete correction; `safe` fixes never change meaning."""

    edits: tuple[Edit, ...]
    safe: bool
    description: str


@dataclass(slots=True)
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    path: str
    span: Span
    line: int
    column: int
    end_line: int
    end_column: int
    suggestion: str | None = None
    fix: Fix | None = None
    claim_id: str | None = None
    context: str = ""  # offending text, normalised: for baselines and waivers

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)
