"""List labels: what item N of a list is called in a numbering style.

Styles are HTML's `<ol type>` values: `1`, `a`, `A`, `i`, `I`. The HTML
reader uses them to write the markers a browser draws; the numbering rule
uses them to say what a part should have been numbered.
"""

from __future__ import annotations

# fmt: off
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)
# fmt: on


def label(number: int, style: str) -> str:
    """`label(3, "I") == "III"`, `label(28, "a") == "ab"`; digits where a style has no label."""
    if number > 0 and style in ("a", "A"):
        letters = ""
        while number:
            number, digit = divmod(number - 1, 26)
            letters = chr(ord("a") + digit) + letters
        return letters.upper() if style == "A" else letters
    if 0 < number < 4000 and style in ("i", "I"):
        roman = ""
        for value, numeral in _ROMAN:
            count, number = divmod(number, value)
            roman += numeral * count
        return roman.upper() if style == "I" else roman
    return str(number)
