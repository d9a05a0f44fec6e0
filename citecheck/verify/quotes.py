"""Finding a digest's direct quote in an article's text.

Both sides are normalised the same way first: typographic quote marks and
dashes to plain ones, whitespace collapsed, case folded, and an ellipsis
treated as "something was left out here". What still differs after that is
judged by similarity, so a dropped comma or a British spelling still counts
as found, with its score.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

FOUND = 0.9  # similarity at which a quote counts as found
FUZZY_MIN_WORDS = 4  # shorter quotes must match exactly

_QUOTES = str.maketrans({c: "'" for c in "‘’‚‛′`´"} | {c: '"' for c in "“”„‟″«»"})
_DASHES = re.compile(r"[‐‑‒–—―−]")
_ELLIPSIS = re.compile(r"\s*(?:…|\.\s?\.\s?\.|\[\s*(?:…|\.\.\.)\s*\])\s*")
_NOISE = re.compile(r"[\"'()\[\]]")
_SPACE = re.compile(r"\s+")
_SENTENCE = re.compile(r"(?<=[.!?…])[\"'”’)]?\s+(?=[\"“'‘(]?[A-Z0-9])")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _DASHES.sub("-", text)
    text = _NOISE.sub("", text)
    return _SPACE.sub(" ", text).strip().casefold()


def fragments(quote: str) -> list[str]:
    """The parts of a quote between ellipses, normalised; trailing punctuation dropped."""
    parts = [normalise(p).strip(" .,;:!?-") for p in _ELLIPSIS.split(quote)]
    return [p for p in parts if p]


@dataclass(frozen=True)
class Match:
    score: float
    sentence: str


def search(quote: str, text: str) -> Match:
    """How well `quote` occurs in `text`: 1.0 when every fragment occurs as written."""
    parts = fragments(quote)
    if not parts or not text:
        return Match(0.0, "")
    haystack = normalise(text)
    if all(p in haystack for p in parts):
        return Match(1.0, _sentence_around(text, parts[0]))
    words = sum(len(p.split()) for p in parts)
    scores = [_best_window(p, haystack) for p in parts]
    score = sum(s * len(p.split()) for (s, _), p in zip(scores, parts, strict=True)) / words
    if words < FUZZY_MIN_WORDS:
        score = min(score, FOUND - 0.01)
    (_, window), part = max(zip(scores, parts, strict=True), key=lambda item: len(item[1]))
    anchor = window if score >= FOUND else part  # a near miss lies where its window is
    return Match(round(score, 3), _sentence_around(text, anchor) or window)


def _best_window(part: str, haystack: str) -> tuple[float, str]:
    """The best similarity of `part` to any run of words of about its length."""
    target = part.split()
    words = haystack.split()
    size = len(target)
    if not words:
        return 0.0, ""
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(part)
    best = (0.0, "")
    wanted = set(target)
    for start in range(max(1, len(words) - size + 1)):
        if words[start] not in wanted and start + 1 < len(words) and words[start + 1] not in wanted:
            continue  # a window that starts far from any quoted word cannot win
        for width in {max(1, size - 1), size, size + 1}:
            window = " ".join(words[start : start + width])
            matcher.set_seq1(window)
            if matcher.real_quick_ratio() <= best[0] or matcher.quick_ratio() <= best[0]:
                continue
            ratio = matcher.ratio()
            if ratio > best[0]:
                best = (ratio, window)
    return best


def _sentence_around(text: str, normalised_part: str) -> str:
    """The sentence of `text` that best holds the (normalised) fragment."""
    sentences = [s.strip() for s in _SENTENCE.split(text) if s.strip()]
    if not sentences:
        return ""
    best = max(
        sentences,
        key=lambda s: (
            difflib.SequenceMatcher(None, normalised_part, normalise(s)).ratio()
            + (1.0 if normalised_part in normalise(s) else 0.0)
        ),
    )
    return best if len(best) <= 300 else best[:297] + "…"
