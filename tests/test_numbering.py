"""List labels, shared by the HTML reader and the numbering rule."""

from __future__ import annotations

import pytest

from citecheck.numbering import label


@pytest.mark.parametrize(
    ("number", "style", "expected"),
    [
        (3, "1", "3"),
        (3, "a", "c"),
        (28, "A", "AB"),
        (4, "I", "IV"),
        (14, "i", "xiv"),
        (0, "I", "0"),
    ],
)
def test_labels_are_what_a_browser_draws(number, style, expected):
    assert label(number, style) == expected
