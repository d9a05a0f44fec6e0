"""Pair quotation marks and parentheses, and keep what does not pair.

Extraction only records; whether an unpaired mark deserves a finding is for
the rules. A `”` that stands where a quotation opens (after a space or colon,
before a word) is recorded as wrong-way rather than as a stray closer,
because that is how a word processor's autocorrect gets it wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from citecheck.extract.citations import is_enumerator
from citecheck.model import Marks, Quote, Span

OPENERS = {"“": "”", "«": "»", "„": "“"}
CLOSERS = {"”", "»"}


_MARKS = re.compile(r"[“”«»„\"()]")


def scan(text: str) -> tuple[Marks, list[tuple[int, int]]]:
    """Unpaired marks, and the (start, end) of each top-level quotation."""
    marks = Marks()
    stack: list[int] = []
    straight: int | None = None
    quotes: list[tuple[int, int]] = []
    parens: list[int] = []
    for match in _MARKS.finditer(text):
        i = match.start()
        ch = text[i]
        if ch in OPENERS and not (ch == "“" and stack and text[stack[-1]] == "„"):
            stack.append(i)
        elif ch in CLOSERS or ch == "“":
            if stack:
                opened = stack.pop()
                if not stack:
                    quotes.append((opened, i + 1))
            elif ch == "”" and _opens(text, i):
                marks.wrong_way_quotes.append(i)
                stack.append(i)
            else:
                marks.stray_closing_quotes.append(i)
        elif ch == '"':
            if straight is None:
                straight = i
            else:
                if not stack:
                    quotes.append((straight, i + 1))
                straight = None
        elif ch == "(":
            parens.append(i)
        elif parens:
            parens.pop()
        elif not is_enumerator(text, i):
            marks.stray_closing_parens.append(i)
    marks.unclosed_quotes = [i for i in stack if i not in marks.wrong_way_quotes]
    if straight is not None:
        marks.unclosed_quotes.append(straight)
    marks.unclosed_quotes.sort()
    marks.unclosed_parens = parens
    return marks, quotes


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1 : i + 3].lstrip(" ")
    return (before.isspace() or before in "([:—–") and after[:1].isalnum()


def quotes_of(
    text: str, spans: list[tuple[int, int]], block_span: Callable[[int, int], Span]
) -> list[Quote]:
    return [Quote(text[a + 1 : b - 1], block_span(a, b)) for a, b in spans]
