"""Rules about the claim text itself: quotations, parentheses, abbreviations."""

from __future__ import annotations

import re
from collections.abc import Iterator

from citecheck.model import Finding, Severity
from citecheck.rules.base import Context, Rule


class UncitedQuote(Rule):
    """Flags a direct quotation with no citation and no section source.

    ## Why it matters
    Quoted words are the strongest claim a digest makes: someone said exactly
    this. A quote nobody can trace to a source cannot be checked, and should
    not be published. An empty group `()` after the quote is left to C004.

    ## Example
    ```
    Tillerson: Meeting with Putin was “very productive.”
    ```

    ## Fix
    Add a citation group after the claim, or a source line for its section:
    `(Source for the press conference: RT live broadcast, 04.12.17.)`.
    """

    code = "Q001"
    name = "quote-uncited"
    severity = Severity.ERROR
    message = "quotation “{quote}” has no citation"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for claim in ctx.digest.claims:
            # An empty group `()` is a citation begun and not finished: C004 says so.
            if not claim.quotes or claim.groups or claim.covering_sources:
                continue
            quote = claim.quotes[0]
            yield self.finding(
                ctx,
                quote.span,
                quote=_shorten(quote.text),
                suggestion="add a citation group such as “(Outlet, MM.DD.YY)” after the claim",
                claim=claim,
            )


def _shorten(text: str, limit: int = 60) -> str:
    """At most `limit` characters, cut at a word boundary when there is one."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:") + "…"


class UnbalancedQuote(Rule):
    """Flags a quotation mark with no partner: an opening `“` never closed, or a stray `”`.

    ## Why it matters
    Where a quotation starts and ends decides which words are attributed to
    the speaker. An unclosed quote makes the rest of the claim look quoted; a
    stray closing mark makes it unclear whether words are the speaker's.

    ## Example
    ```
    …an “important role” in discussions about Syria’s future.” “We hope…”
    ```

    ## Fix
    Add the missing mark or remove the stray one. For a quotation inside a
    quotation use single marks: `“… such as ‘you are either with us or against us.’”`.
    """

    code = "Q002"
    name = "quote-unbalanced"
    severity = Severity.ERROR
    message = "{what}"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for block, marks in ctx.digest.marks:
            for index in marks.unclosed_quotes:
                nested = block.text.find("“", index + 1) != -1
                yield self.finding(
                    ctx,
                    block.span(index, index + 1),
                    what=f"quotation opened here (“{_shorten(block.text[index + 1 :], 30)}”) "
                    "is never closed",
                    suggestion="for a quote inside a quote use ‘…’"
                    if nested
                    else f"close the quotation with {_CLOSING.get(block.text[index], '”')}",
                )
            for index in marks.stray_closing_quotes:
                yield self.finding(
                    ctx,
                    block.span(index, index + 1),
                    what=f"closing quotation mark after “{_tail(block.text, index)}” "
                    "has no opening mark",
                    suggestion="remove it, or open the quotation where it starts",
                )


_CLOSING = {'"': '"', "«": "»", "„": "“"}


def _tail(text: str, index: int, limit: int = 30) -> str:
    before = " ".join(text[:index].split())
    return before if len(before) <= limit else "…" + before[-limit:].lstrip()


class WrongWayQuote(Rule):
    """Flags a closing mark `”` used to open a quotation.

    ## Why it matters
    `” Our meeting today…` is an autocorrect slip that shows in print, and
    tools that pair quotation marks misread everything after it.

    ## Example
    ```
    Tillerson: ” Our meeting today comes at an important moment…”
    ```

    ## Fix
    Use the opening mark `“`, against the word it opens. Safe to fix.
    """

    code = "Q003"
    name = "quote-wrong-way"
    severity = Severity.WARNING
    message = "quotation opened with the closing mark ”"
    fix_safety = "safe"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for block, marks in ctx.digest.marks:
            for index in marks.wrong_way_quotes:
                gap = len(block.text[index + 1 :]) - len(block.text[index + 1 :].lstrip(" "))
                yield self.finding(
                    ctx,
                    block.span(index, index + 1),
                    suggestion="write “, against the first word",
                    replacement="“",
                    fix_span=block.span(index, index + 1 + gap),
                )


class UnbalancedParenthesis(Rule):
    """Flags a parenthesis that is opened and never closed, or closed and never opened.

    ## Why it matters
    An unclosed aside swallows the rest of the paragraph: readers cannot tell
    where the author's comment ends, and a citation after it is not seen as one.

    ## Example
    ```
    … targeting ISIS and AQ (am hopeful that deal’d be revived – I called for that …
    ```

    ## Fix
    Close the aside where it ends, or remove the stray parenthesis.
    """

    code = "Q004"
    name = "parenthesis-unbalanced"
    severity = Severity.WARNING
    message = "{what}"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for block, marks in ctx.digest.marks:
            for index in marks.unclosed_parens:
                yield self.finding(
                    ctx,
                    block.span(index, index + 1),
                    what=f"“(” before “{_shorten(block.text[index + 1 :], 30)}” is never closed",
                    suggestion="close the aside with “)” where it ends",
                )
            for index in marks.stray_closing_parens:
                yield self.finding(
                    ctx,
                    block.span(index, index + 1),
                    what=f"“)” after “{_tail(block.text, index)}” closes nothing",
                    suggestion="remove it, or open the aside where it starts",
                )


# (literals one of which must occur, pattern, replacement, why): the literals
# are a cheap `in` test that spares most blocks the regular expression.
_MANGLED = (
    (("U,",), re.compile(r"\bU,\s?S,"), "U.S.", "“U.S.” written with commas"),
    (("U.S/", "U.S-"), re.compile(r"\bU\.S(?=[/-])"), "U.S.", "“U.S.” missing its final period"),
    (
        ("S.",),
        re.compile(r"\AS\.(?=[\s-])(?!\s(?:Korea|Africa|Sudan|Ossetia|Arabia|Carolina|Dakota)\b)"),
        "U.S.",
        "“U.” lost at the start of the item (read as a list letter)",
    ),
    (
        ("K.",),
        re.compile(r"\AK\.(?=[\s-])"),
        "U.K.",
        "“U.” lost at the start of the item (read as a list letter)",
    ),
)


class MangledAbbreviation(Rule):
    """Flags abbreviations damaged by copy and paste: `S. probe`, `S.-Russian`, `U,S,`.

    ## Why it matters
    When a digest is pasted from a word processor, a leading `U.` is often
    taken for a list letter and dropped, leaving `S. probe` for `U.S. probe`;
    autocorrect turns periods into commas. The result misnames a country.

    ## Example
    ```
    • S.-Russian relations had worsened …
    … if goals of fighting ISIS and AQ are confirmed by U,S, according to Lavrov.
    ```

    ## Fix
    Restore the abbreviation (`U.S.-Russian`, `U.S.`).
    """

    code = "Q005"
    name = "abbreviation-mangled"
    severity = Severity.WARNING
    message = "“{text}”: {why}"
    fix_safety = "safe"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for block in ctx.digest.document.blocks:
            if block.kind in ("boilerplate", "title"):
                continue
            text = block.text
            for literals, pattern, replacement, why in _MANGLED:
                if not any(map(text.__contains__, literals)):
                    continue
                for match in pattern.finditer(block.text):
                    words = block.text[match.start() :].split()
                    shown = words[0] if words[0] != match.group(0) else " ".join(words[:2])
                    yield self.finding(
                        ctx,
                        block.span(match.start(), match.end()),
                        text=shown.rstrip(",;:"),
                        why=why,
                        suggestion=f"write “{replacement}”",
                        replacement=replacement,
                    )
