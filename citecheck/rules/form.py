"""Rules about how a citation group is written: spacing, commas, completeness."""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.model import Finding, Severity, Span
from citecheck.outlets import normalise
from citecheck.rules.base import Context, Rule


class CommaSpacing(Rule):
    """Flags a comma in a citation group that is not followed by exactly one space.

    ## Why it matters
    `RFE/RL,11.17` and `04.11.17,Washington Post` read as one token; they are
    hard to scan and break naive tools that split citations on ", ".

    ## Example
    ```
    (Bloomberg, 04.11.17,Washington Post, 04.11.17)
    ```

    ## Fix
    Write `, ` between an outlet and its date and between citations. Safe to fix.
    """

    code = "C001"
    name = "comma-spacing"
    severity = Severity.WARNING
    message = "write “{want}” after {between} in “{around}”"
    fix_safety = "safe"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for group in ctx.groups:
            for sep in group.separators:
                mark = sep.text.strip()
                if mark not in (",", ";") or sep.text == f"{mark} ":
                    continue
                want = f"{mark} "
                around = _around(
                    ctx.text(group.span),
                    sep.span.start - group.span.start,
                    sep.span.end - group.span.start,
                )
                yield self.finding(
                    ctx,
                    sep.span,
                    want=want,
                    between="the outlet" if sep.between == "outlet-date" else "a citation",
                    around=" ".join(around.split()),
                    suggestion=f"write “{want}”",
                    replacement=want,
                )


def _around(text: str, start: int, end: int) -> str:
    """The words either side of a separator: `RFE/RL,11.17`, not a cut-off window."""
    left = max(text.rfind(ch, 0, start) for ch in " (") + 1
    right = min((i for i in (text.find(ch, end) for ch in ",;)") if i != -1), default=len(text))
    return text[left:right]


class GroupSpacing(Rule):
    """Flags a citation group glued to the text before it, as in `people.”(Bloomberg, …)`.

    ## Why it matters
    Without the space the group reads as part of the quotation, and the
    digest's typography is inconsistent.

    ## Example
    ```
    … against its own people.”(Bloomberg, 04.12.17)
    ```

    ## Fix
    Put one space before the opening parenthesis. Safe to fix.
    """

    code = "C002"
    name = "group-spacing"
    severity = Severity.WARNING
    message = "no space before the citation group “{group}”"
    fix_safety = "safe"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for group in ctx.groups:
            if group.space_before or group.is_section_source:
                continue
            at = Span(group.span.start, group.span.start)
            yield self.finding(
                ctx,
                Span(group.span.start, group.span.start + 1),
                group=ctx.text(group.span),
                suggestion="insert a space before “(”",
                replacement=" ",
                fix_span=at,
            )


class MissingComma(Rule):
    """Flags an outlet and its date, or two citations, with no comma between them.

    ## Why it matters
    `Reuters 04.12.17` breaks the digest's citation format, and `04.12.17 AP`
    leaves the reader unsure where one citation ends.

    ## Example
    ```
    (Reuters 04.12.17)
    ```

    ## Fix
    Write `Outlet, date`, and separate citations with `, `. Safe to fix.
    """

    code = "C003"
    name = "missing-comma"
    severity = Severity.WARNING
    message = "missing comma between {between} in “{group}”"
    fix_safety = "safe"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for group in ctx.groups:
            for sep in group.separators:
                if sep.text.strip():
                    continue
                yield self.finding(
                    ctx,
                    sep.span,
                    between="outlet and date" if sep.between == "outlet-date" else "citations",
                    group=group.text,
                    suggestion="write “, ”",
                    replacement=", ",
                    fix_span=sep.span,
                )


class EmptyCitation(Rule):
    """Flags an empty citation group `()`.

    ## Why it matters
    An empty group is a citation someone meant to add and never did: the
    claim looks sourced but is not.

    ## Example
    ```
    Lavrov said Russia was worried. ()
    ```

    ## Fix
    Add the outlet and date, or remove the parentheses and mark the claim as unsourced.
    """

    code = "C004"
    name = "citation-empty"
    severity = Severity.ERROR
    message = "empty citation group"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for group in ctx.groups:
            if not group.citations:
                yield self.finding(ctx, group.span)


class OutletWithoutDate(Rule):
    """Flags a citation that names an outlet but gives no date.

    ## Why it matters
    Outlets publish many stories a day; without the date the source cannot be
    found, and the chronology rules cannot check it.

    ## Example
    ```
    (Reuters, 04.12.17, AP)
    ```

    ## Fix
    Add the publication date after the outlet: `AP, 04.12.17`.
    """

    code = "C005"
    name = "outlet-without-date"
    severity = Severity.ERROR
    message = "“{outlet}” has no date"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for cited in ctx.cited:
            citation = cited.citation
            if citation.date is None and citation.outlet:
                yield self.finding(ctx, citation.span, outlet=citation.text, claim=cited.claim)


class DateWithoutOutlet(Rule):
    """Flags a date in a citation group with no outlet before it.

    ## Why it matters
    A date alone does not say who published what; the reader cannot find the source.

    ## Example
    ```
    (Reuters, 04.11.17, 04.12.17)
    ```

    ## Fix
    Name the outlet before the date: `Reuters, 04.11.17, Reuters, 04.12.17`.
    """

    code = "C006"
    name = "date-without-outlet"
    severity = Severity.ERROR
    message = "date “{date}” has no outlet"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for cited in ctx.cited:
            citation = cited.citation
            if citation.outlet is None and citation.date is not None:
                yield self.finding(ctx, citation.span, date=citation.date.text, claim=cited.claim)


class DuplicateCitation(Rule):
    """Flags the same outlet and date cited twice in one group.

    ## Why it matters
    `(Washington Post, 04.12.17, Washington Post, 04.12.17)` suggests two
    sources where there is one; usually a paste error, sometimes a second
    source that was meant and lost.

    ## Example
    ```
    (Washington Post, 04.12.17, Washington Post, 04.12.17)
    ```

    ## Fix
    Remove the repeat, or correct it to the source that was meant. The fix
    removes it (safe: the same citation remains).
    """

    code = "C007"
    name = "citation-duplicate"
    severity = Severity.WARNING
    message = "“{citation}” is cited twice in this group"
    fix_safety = "safe"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for group in ctx.groups:
            seen: dict[tuple, int] = {}
            for index, citation in enumerate(group.citations):
                outlet = citation.canonical or normalise(citation.outlet or "")
                when = citation.date.value or citation.date.text if citation.date else None
                key = (outlet, when, citation.kind)
                if key not in seen:
                    seen[key] = index
                    continue
                previous = group.citations[index - 1]
                removal = Span(previous.span.end, citation.span.end)
                yield self.finding(
                    ctx,
                    citation.span,
                    citation=citation.text,
                    suggestion="remove the repeat",
                    replacement="",
                    fix_span=removal,
                )
