"""Rules about the digest as a document: its outline and what the reader noticed."""

from __future__ import annotations

import re
from collections.abc import Iterator

from citecheck.model import Block, Finding, Severity
from citecheck.numbering import label
from citecheck.rules.base import Context, Rule

_ROMAN = re.compile(r"[IVXLC]+\Z")


def _siblings(blocks: list[Block]) -> list[list[Block]]:
    """Numbered headings grouped by parent: each list should count 1, 2, 3…"""
    groups: list[list[Block]] = []
    open_lists: dict[int, list[Block]] = {}
    for block in blocks:
        if block.kind != "heading" or block.marker is None:
            continue
        for level in [lv for lv in open_lists if lv > block.level]:
            del open_lists[level]
        if block.level not in open_lists:
            open_lists[block.level] = []
            groups.append(open_lists[block.level])
        open_lists[block.level].append(block)
    return groups


def _style(markers: list[str]) -> str:
    """The list's style as an `<ol type>`; a letter no Roman numeral uses makes it lettered."""
    labels = [m[:-1] for m in markers]
    upper = [x.upper() for x in labels]
    lettered = any(x.isalpha() and not _ROMAN.match(x) for x in upper)
    roman_like = any(_ROMAN.match(x) and x != "I" for x in upper) or upper[:1] == ["I"]
    capitals = any(x.isupper() for x in labels)
    if roman_like and not lettered:
        return "I" if capitals else "i"
    if any(x.isalpha() for x in labels):
        return "A" if capitals else "a"
    return "1"


class BrokenNumbering(Rule):
    """Flags numbered parts that do not count up: `1.`, `1.`, `III.`, `1.`.

    ## Why it matters
    Pasting from a word processor often turns Roman parts and lettered
    sub-parts into `1.` each; readers can no longer refer to "part III", and
    the outline no longer shows which side spoke in which meeting.

    ## Example
    ```
    1. Preparation fire ahead of the meetings:
    1. 04.12.17 meeting of Lavrov and Tillerson:
    III. 04.12.17 meeting of Putin with Tillerson and Lavrov:
    ```

    ## Fix
    Number each list in one style, counting up (`I.`, `II.`, `III.`). Where
    one item shows the intended style (`III.`), citecheck uses it.
    """

    code = "S001"
    name = "numbering-broken"
    severity = Severity.WARNING
    message = "part numbered “{marker}”, expected “{expected}” ({context})"
    fix_safety = "unsafe"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for siblings in _siblings(ctx.digest.document.blocks):
            markers = [b.marker or "" for b in siblings]
            style = _style(markers)
            sequence = ", ".join(markers)
            for number, block in enumerate(siblings, start=1):
                marker = block.marker or ""
                expected = label(number, style) + marker[-1:]
                if marker == expected:
                    continue
                # HTML numbers its lists itself: point at the part, with nothing to rewrite.
                written = block.marker_span is not None
                yield self.finding(
                    ctx,
                    block.marker_span if written else block.span(0, len(block.text)),
                    marker=marker,
                    expected=expected,
                    context=f"this list runs {sequence}",
                    suggestion=f"write “{expected}”" if written else f"number it {expected}",
                    replacement=expected if written else None,
                )


class PageFurniture(Rule):
    """Notes page furniture copied along with the digest: a comment form, share buttons.

    ## Why it matters
    A digest saved from a blog often ends with "Leave a Reply" and login
    prompts. citecheck leaves them out of the claims; the note says so, once,
    so that an editor can delete them from the published text.

    ## Example
    ```
    Leave a Reply
    Please log in using one of these methods to post your comment:
    ```

    ## Fix
    Delete the lines from the digest.
    """

    code = "S002"
    name = "page-furniture"
    severity = Severity.INFO
    message = "page furniture left out of the claims: {detail}"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for note in ctx.digest.document.notes:
            if note.kind == "boilerplate":
                yield self.finding(
                    ctx,
                    note.span,
                    detail=note.detail,
                    suggestion="delete these lines from the digest",
                )


class EncodingFallback(Rule):
    """Notes that a digest was not UTF-8 and was read as Windows-1252.

    ## Why it matters
    A guessed encoding can turn curly quotes and dashes into the wrong
    characters; the quote rules then misfire. Saved as UTF-8, the digest reads
    the same everywhere.

    ## Example
    A file saved by an old word processor as "ANSI".

    ## Fix
    Save the digest as UTF-8.
    """

    code = "S003"
    name = "encoding-fallback"
    severity = Severity.INFO
    message = "{detail}"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for note in ctx.digest.document.notes:
            if note.kind == "encoding-fallback":
                yield self.finding(
                    ctx, note.span, detail=note.detail, suggestion="save it as UTF-8"
                )
