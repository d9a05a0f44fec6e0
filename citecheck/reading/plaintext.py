"""Plain-text digests: `•` bullets nested by indentation, numbered parts, paragraphs.

Digests pasted from a blog or a word processor lose their list markup: Roman
parts and lettered sub-parts often all come out as `1.`. A numbered line that
is directly followed by another numbered line is read as a part with sub-parts,
so the outline survives even when every number is wrong.
"""

from __future__ import annotations

import re

from citecheck.model import Block, Span
from citecheck.reading.boilerplate import boilerplate_start

BULLET = re.compile(r"([•\-*–·▪◦●○■□➢►‣⁃])[ \t\u00a0]+")
NUMBER = re.compile(r"((?:\d{1,3}|[IVXLC]{1,7}|[A-Za-z])[.)])[ \t\u00a0]+")
ROMAN = re.compile(r"[IVXLC]+[.)]\Z")


def read_plaintext(source: str) -> list[Block]:
    lines = _lines(source)
    blocks: list[Block] = []
    indents: list[int] = []  # indentation of the open bullet levels
    cut = boilerplate_start([text for _, _, text in lines])
    previous_blank = True
    for index, (number, offset, raw) in enumerate(lines):
        if cut is not None and index >= cut:
            if raw.strip():
                blocks.append(Block("boilerplate", raw.strip(), number, offset + _indent(raw)))
            continue
        stripped = raw.lstrip(" \t\u00a0")
        if not stripped.strip():
            previous_blank = True
            continue
        indent = len(raw) - len(stripped)
        start = offset + indent
        text_end = len(stripped.rstrip())
        if match := BULLET.match(stripped):
            while indents and indents[-1] > indent:
                indents.pop()
            if not indents or indents[-1] < indent:
                indents.append(indent)
            blocks.append(
                Block(
                    "item",
                    stripped[match.end() : text_end],
                    number,
                    start + match.end(),
                    depth=len(indents) - 1,
                    marker=match.group(1),
                    marker_span=Span(start, start + 1),
                )
            )
        elif (match := NUMBER.match(stripped)) and not (indents and indent > indents[-1]):
            indents.clear()
            marker = match.group(1)
            blocks.append(
                Block(
                    "heading",
                    stripped[match.end() : text_end],
                    number,
                    start + match.end(),
                    marker=marker,
                    marker_span=Span(start, start + len(marker)),
                )
            )
        elif not previous_blank and blocks and blocks[-1].kind in ("item", "paragraph"):
            block = blocks[-1]
            block.text = source[block.base : start + text_end]
        else:
            indents.clear()
            blocks.append(Block("paragraph", stripped[:text_end], number, start))
        previous_blank = False
    _assign_levels(blocks)
    _mark_title(blocks, lines)
    return blocks


def _lines(source: str) -> list[tuple[int, int, str]]:
    out = []
    offset = 0
    for number, line in enumerate(source.split("\n"), start=1):
        out.append((number, offset, line.rstrip("\r")))
        offset += len(line) + 1
    return out


def _indent(raw: str) -> int:
    return len(raw) - len(raw.lstrip())


def _assign_levels(blocks: list[Block]) -> None:
    """Roman parts, and numbered lines followed by numbered lines, are level 1.

    The numbered lines after such a part are its sub-parts; before the first
    one, numbered lines are a flat list of parts (`1.`, `2.`, `3.`).
    """
    seen_parent = False
    for i, block in enumerate(blocks):
        if block.kind != "heading":
            continue
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        parent = following is not None and following.kind == "heading"
        if block.marker and ROMAN.match(block.marker) and block.marker not in ("C.", "C)"):
            parent = True
        if parent or not seen_parent:
            block.level = 1
            seen_parent = seen_parent or parent
        else:
            block.level = 2
        block.depth = block.level - 1


def _mark_title(blocks: list[Block], lines: list[tuple[int, int, str]]) -> None:
    """A short first line standing alone is the digest's title, not a claim."""
    if not blocks:
        return
    first = blocks[0]
    if first.kind != "paragraph" or "\n" in first.text or len(first.text) > 120:
        return
    after = lines[first.line] if first.line < len(lines) else None
    if after is not None and after[2].strip():
        return
    if first.text.endswith((".", ":", ")")):
        return
    first.kind = "title"
