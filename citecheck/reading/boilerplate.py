"""Recognise the page furniture a copied blog post drags along.

A digest saved from a blog ends with its comment form ("Leave a Reply",
"You are commenting using your … account") or share buttons. Those lines are
not claims; the reader marks them so extraction skips them and a rule can say
once that they were found.
"""

from __future__ import annotations

import re

START = re.compile(
    r"^\s*(?:leave a (?:reply|comment)|share this:?|like this:?|post navigation|"
    r"related posts?:?|please log in using one of these methods|"
    r"fill in your details below|\d+ (?:comments?|responses?))\s*$",
    re.IGNORECASE,
)
FURNITURE = re.compile(
    r"(?:you are commenting using your|please log in|log out|connecting to %s|notify me of|"
    r"wordpress\.com|google\+|twitter|facebook|email \(required\)|name \(required\)|"
    r"website|post comment|cancel|subscribe|share|like|related|loading|"
    r"\bphoto\b|\bpicture\b|\blogo\b|\(\s*log out|change \))",
    re.IGNORECASE,
)


def boilerplate_start(lines: list[str]) -> int | None:
    """Index of the first line of trailing boilerplate, or None.

    Only a tail counts: a start marker followed by nothing but furniture and
    short lines, so a digest that merely quotes "Leave a reply" keeps its text.
    """
    for i, line in enumerate(lines):
        if not START.match(line):
            continue
        rest = [text.strip() for text in lines[i + 1 :] if text.strip()]
        if all(FURNITURE.search(text) or len(text) < 40 for text in rest):
            return i
    return None
