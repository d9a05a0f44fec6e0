"""Rules about citation dates as written."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator

from citecheck.extract.dates import default_style, format_date, swapped_reading, why_impossible
from citecheck.model import Finding, Severity
from citecheck.rules.base import Cited, Context, Rule

_NUMBERS = re.compile(r"\d+")


def house_style(ctx: Context) -> str:
    """The date style most citations of this digest use."""
    styles = Counter(
        c.citation.date.style for c in ctx.cited if c.citation.date and c.citation.date.value
    )
    return styles.most_common(1)[0][0] if styles else default_style(ctx.digest.date_order)


def family(style: str) -> str:
    """`M/D/YYYY` and `MM/DD/YYYY` are one style; zero padding is not worth a finding."""
    return style.replace("MM", "M").replace("DD", "D")


class MalformedDate(Rule):
    """Flags a citation date with a part missing or of the wrong length, such as `11.17`.

    ## Why it matters
    A reader cannot tell which day `11.17` means, and neither can a tool: a
    general-purpose parser would silently fill in the missing part from today.

    ## Example
    ```
    Mattis on 04.11.17: … (RFE/RL,11.17, Reuters, 04.12.17)
    ```

    ## Fix
    Write the full date. citecheck suggests the claim's event date, or another
    date of the same group, when the written parts agree with it: here `04.11.17`.
    """

    code = "D001"
    name = "date-malformed"
    severity = Severity.ERROR
    message = "malformed date “{text}”: expected {style}"
    fix_safety = "unsafe"

    def check(self, ctx: Context) -> Iterator[Finding]:
        style = house_style(ctx)
        for cited in ctx.cited:
            date = cited.citation.date
            if date is None or date.problem != "malformed":
                continue
            guess = _consistent_candidate(cited, date.text, style)
            yield self.finding(
                ctx,
                date.span,
                text=date.text,
                style=style,
                suggestion=f"{guess[1]}: write “{guess[0]}”" if guess else None,
                replacement=guess[0] if guess else None,
                claim=cited.claim,
            )


def _consistent_candidate(cited: Cited, written: str, style: str) -> tuple[str, str] | None:
    """A date from the context whose digits contain what was written, in order."""
    parts = _NUMBERS.findall(written)
    candidates: list[tuple[dt.date, str]] = []
    if cited.event_date is not None:
        candidates.append((cited.event_date, f"the event date from {cited.event_source}"))
    for other in cited.group.citations:
        if other.date and other.date.value and other is not cited.citation:
            candidates.append((other.date.value, "another date in this group"))
    for value, why in candidates:
        text = format_date(value, style)
        numbers = _NUMBERS.findall(text)
        if any(numbers[i : i + len(parts)] == parts for i in range(len(numbers))):
            return text, why
    return None


class ImpossibleDate(Rule):
    """Flags a citation date that does not exist: month 13, 31 April, 29 February 2019.

    ## Why it matters
    An impossible date is always a typo, often two digits swapped or a date
    written day-first in a month-first digest; the reader cannot find the source.

    ## Example
    ```
    (Reuters, 04.31.17)
    ```

    ## Fix
    Check the source and write its real date. When the date is valid read the
    other way round, citecheck says so.
    """

    code = "D002"
    name = "date-impossible"
    severity = Severity.ERROR
    message = "impossible date “{text}”: {why}"

    def check(self, ctx: Context) -> Iterator[Finding]:
        order = ctx.digest.date_order
        for cited in ctx.cited:
            date = cited.citation.date
            if date is None or date.problem != "impossible":
                continue
            swapped = swapped_reading(date.text, order)
            other_way = "day-first" if order == "mdy" else "month-first"
            yield self.finding(
                ctx,
                date.span,
                text=date.text,
                why=why_impossible(date, order),
                suggestion=(
                    f"it is a valid date read {other_way} ({swapped:%d %B %Y}); "
                    "is the digest's date order right?"
                )
                if swapped
                else None,
                claim=cited.claim,
            )


class DateAfterDigest(Rule):
    """Flags a citation dated after the digest itself.

    ## Why it matters
    A digest cannot cite a source that did not exist yet: the date is a typo
    (often the year), or the digest's date is wrong.

    ## Example
    ```
    Digest for 04.14.17
    … (Reuters, 04.21.17)
    ```

    ## Fix
    Correct the citation date. If the digest's date is what is wrong, set it
    with `--digest-date`, `digest-date` in the config, or a title line.
    """

    code = "D003"
    name = "date-after-digest"
    severity = Severity.ERROR
    message = "“{text}” is after the digest's date ({digest:%Y-%m-%d})"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for cited in ctx.cited:
            date = cited.citation.date
            if date and date.value and date.value > ctx.digest.date:
                yield self.finding(
                    ctx, date.span, text=date.text, digest=ctx.digest.date, claim=cited.claim
                )


class MixedDateStyles(Rule):
    """Flags a citation date written in another style than the rest of the digest.

    ## Why it matters
    `04.12.17` next to `4/12/2017` or `2017-04-12` makes readers wonder whether
    both follow the same day/month order, and it breaks the digest's house style.

    ## Example
    ```
    (Reuters, 04.12.17) … (AP, 2017-04-12)
    ```

    ## Fix
    Write every date in the house style, the one most citations use. The fix
    rewrites the date; the day it names stays the same.
    """

    code = "D004"
    name = "date-style-mixed"
    severity = Severity.WARNING
    message = "date “{text}” is written {style}; the digest writes dates {house}"
    fix_safety = "safe"

    def check(self, ctx: Context) -> Iterator[Finding]:
        house = house_style(ctx)
        for cited in ctx.cited:
            date = cited.citation.date
            if not date or not date.value or not date.style:
                continue
            if family(date.style) == family(house):
                continue
            rewritten = format_date(date.value, house)
            yield self.finding(
                ctx,
                date.span,
                text=date.text,
                style=date.style,
                house=house,
                suggestion=f"write “{rewritten}”",
                replacement=rewritten,
                claim=cited.claim,
            )
