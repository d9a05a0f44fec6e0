"""The last steps of the readers that remove markup (Markdown, HTML).

Both end with the characters a reader sees, each with the source offset it
came from, and the links over them. Trimming, re-indexing links and marking
page furniture in one place keeps the two formats agreeing on what a block's
text and link ranges are, which citation URLs and findings' positions rest on.
"""

from __future__ import annotations

import bisect

from citecheck.model import Block, Link, Span
from citecheck.reading.boilerplate import boilerplate_start

Chars = list[tuple[str, int]]  # characters with the source offset each came from


def finish_block(
    kind: str,
    chars: Chars,
    links: list[Link],
    *,
    source: str,
    line_starts: list[int],
    depth: int = 0,
    level: int = 0,
    marker: str | None = None,
    marker_span: Span | None = None,
) -> Block | None:
    """The block `chars` show, without outer whitespace; None when nothing is visible.

    `links` index `chars`. Per-character offsets are kept only when the text
    is not simply a slice of the source, so most blocks stay small.
    """
    start, end = 0, len(chars)
    while start < end and chars[start][0].isspace():
        start += 1
    while end > start and chars[end - 1][0].isspace():
        end -= 1
    if start == end:
        return None
    kept = chars[start:end]
    text = "".join(char for char, _ in kept)
    offsets = tuple(offset for _, offset in kept)
    base = offsets[0]
    contiguous = offsets == tuple(range(base, base + len(text)))
    return Block(
        kind,
        text,
        bisect.bisect_right(line_starts, base),
        base,
        depth=depth,
        level=level,
        marker=marker,
        marker_span=marker_span,
        offsets=None if contiguous and source[base : base + len(text)] == text else offsets,
        links=tuple(_trimmed_links(text, links, start)),
    )


def _trimmed_links(text: str, links: list[Link], shift: int) -> list[Link]:
    """Links re-indexed into the trimmed text, without surrounding spaces.

    A link whose text was all whitespace is dropped: there is nothing to click.
    """
    out = []
    for link in sorted(links, key=lambda link: link.start):
        start = min(max(link.start - shift, 0), len(text))
        end = min(max(link.end - shift, 0), len(text))
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append(Link(start, end, link.href))
    return out


def mark_boilerplate(blocks: list[Block]) -> None:
    """Trailing blog furniture ("Leave a Reply", share buttons) is not digest text."""
    cut = boilerplate_start([block.text for block in blocks])
    if cut is None:
        return
    for block in blocks[cut:]:
        block.kind = "boilerplate"
        block.level = 0


def mark_title(blocks: list[Block]) -> None:
    """An unnumbered heading that opens the digest above all others is its title.

    Markdown and HTML digests carry their title as `# …` or `<h1>`. It holds the
    whole digest, so it is no part: a source line does not speak for it and it
    stands in no claim's section path. A numbered heading (`I. 04.12.17 …`) is
    a part even when it comes first, and a lone heading may be the only part.
    """
    headings = [b for b in blocks if b.kind == "heading"]
    if len(headings) < 2 or not blocks or blocks[0] is not headings[0]:
        return
    top = headings[0]
    if top.marker is None and all(h.level > top.level for h in headings[1:]):
        top.kind = "title"
