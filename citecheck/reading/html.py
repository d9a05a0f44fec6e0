"""HTML digests: a blog post or a saved page, read the way a browser shows it.

Two passes over the same text. Beautiful Soup reads the head (`<title>`, the
date `<meta>` tags) where a tree is the natural tool. The body is streamed
through the standard library's `HTMLParser`, because findings must point at
source positions: it reports where every tag, text run and character
reference starts, which Beautiful Soup does not keep for text. The stream also
lets us close `<li>` and `<p>` implicitly as browsers do (the `html.parser`
tree builder nests an unclosed `<li>` inside the previous one).
"""

from __future__ import annotations

import bisect
import html
import re
import warnings
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

from citecheck.model import Block, Link
from citecheck.numbering import label
from citecheck.reading.blocks import Chars, finish_block, mark_boilerplate, mark_title

# fmt: off
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "menu",
    "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul",
})
HIDDEN_TAGS = frozenset({
    "script", "style", "nav", "footer", "form", "noscript", "template", "title",
})
VOID_TAGS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
})
# fmt: on
LIST_TAGS = frozenset(("ul", "ol", "menu", "dir"))
HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
CLOSES_PARAGRAPH = BLOCK_TAGS - {"body", "html"}
SCOPE_BOUNDARIES = frozenset(("table", "td", "th", "caption", "button", "template", "html"))
DATE_META = ("digest-date", "date", "dc.date", "citation_date", "article:published_time")
WHITESPACE = " \t\n\r\f"
INTEGER = re.compile(r"\s*([+-]?\d{1,9})")
MAX_DEPTH = 512  # as Chromium's parser: deeper elements are not nested any further


def read_html(source: str) -> tuple[list[Block], dict[str, str]]:
    """Blocks as a browser shows them, and the title and date from the head."""
    line_starts = [0] + [index + 1 for index, char in enumerate(source) if char == "\n"]
    builder = _Builder(source, line_starts)
    for event in _events(source, line_starts):
        builder.handle(event)
    builder.flush()
    mark_boilerplate(builder.blocks)
    mark_title(builder.blocks)
    return builder.blocks, _head_meta(source)


def _head_meta(source: str) -> dict[str, str]:
    """meta["title"] from `<title>`, meta["date"] from the first date `<meta>` we trust most."""
    from bs4 import (
        BeautifulSoup,
        MarkupResemblesLocatorWarning,
        ParserRejectedMarkup,
        SoupStrainer,
        XMLParsedAsHTMLWarning,
    )

    with warnings.catch_warnings():  # a digest is what it is; hints about it are noise
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        try:
            soup = BeautifulSoup(source, "html.parser", parse_only=SoupStrainer(["title", "meta"]))
        except ParserRejectedMarkup:
            return {}
    meta: dict[str, str] = {}
    if soup.title is not None and (title := " ".join(soup.title.get_text().split())):
        meta["title"] = title
    dates: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        name = str(tag.get("name") or tag.get("property") or "").strip().lower()
        content = str(tag.get("content") or "").strip()
        if name in DATE_META and content:
            dates.setdefault(name, content)
    for name in DATE_META:
        if name in dates:
            meta["date"] = dates[name]
            break
    return meta


@dataclass(frozen=True, slots=True)
class _Start:
    tag: str
    attrs: dict[str, str]
    offset: int


@dataclass(frozen=True, slots=True)
class _End:
    tag: str
    offset: int


@dataclass(frozen=True, slots=True)
class _Text:
    text: str
    offsets: list[int]


_Event = _Start | _End | _Text


def _events(source: str, line_starts: list[int]) -> list[_Event]:
    """Tags and decoded text with source offsets, in document order.

    `HTMLParser` gives up on a few malformed declarations (`<![foo[`) with an
    AssertionError; we skip the offending tag and carry on from there.
    """
    events: list[_Event] = []
    start = 0
    while start < len(source):
        tokenizer = _Tokenizer(source, start, line_starts, events)
        try:
            tokenizer.feed(source[start:])
            tokenizer.close()
            break
        except AssertionError:
            end = source.find(">", tokenizer.source_offset())
            start = len(source) if end == -1 else end + 1
    return events


class _Tokenizer(HTMLParser):
    """Records events from `source[start:]`, positioned in the whole source."""

    def __init__(
        self, source: str, start: int, line_starts: list[int], events: list[_Event]
    ) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.start = start
        self.line_starts = line_starts
        self.next_line = bisect.bisect_right(line_starts, start)  # index of our line 2
        self.events = events

    def source_offset(self) -> int:
        line, column = self.getpos()
        if line == 1:
            return self.start + column
        return self.line_starts[self.next_line + line - 2] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        first_wins = {name: value or "" for name, value in reversed(attrs)}
        self.events.append(_Start(tag, first_wins, self.source_offset()))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.events.append(_End(tag, self.source_offset()))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(_End(tag, self.source_offset()))

    def handle_data(self, data: str) -> None:
        offset = self.source_offset()
        if self.source.startswith(data, offset):
            self.events.append(_Text(data, list(range(offset, offset + len(data)))))
        else:  # not expected from html.parser; keep offsets in range regardless
            self.events.append(_Text(data, [min(offset, len(self.source) - 1)] * len(data)))

    def handle_charref(self, name: str) -> None:
        self._reference("&#" + name)

    def handle_entityref(self, name: str) -> None:
        self._reference("&" + name)

    def _reference(self, raw: str) -> None:
        """Decode a character reference as browsers do; each character maps to its `&`."""
        offset = self.source_offset()
        if not self.source.startswith(raw, offset):
            self.handle_data(raw)
            return
        if self.source.startswith(";", offset + len(raw)):
            raw += ";"
        text = html.unescape(raw)
        kept = 0  # trailing characters unescape left as written (`&copyright` -> `©right`)
        while kept < min(len(raw), len(text)) and raw[-1 - kept] == text[-1 - kept]:
            kept += 1
        end = offset + len(raw)
        offsets = [offset] * (len(text) - kept) + list(range(end - kept, end))
        self.events.append(_Text(text, offsets))


@dataclass(slots=True)
class _Element:
    tag: str
    attrs: dict[str, str]
    number: int = 1  # next number of an `<ol>`
    depth: int = 0  # list nesting of an `<li>`
    marker: str = "•"
    emitted: bool = False  # the `<li>`'s own item block exists


@dataclass(slots=True)
class _Pending:
    """A block being filled: characters, their source offsets and links."""

    kind: str
    depth: int = 0
    level: int = 0
    marker: str | None = None
    chars: list[str] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    link: tuple[int, str] | None = None  # start and href of the open `<a>`

    def append(self, text: str, offsets: list[int]) -> None:
        self.chars.extend(text)
        self.offsets.extend(offsets)

    def open_link(self, href: str) -> None:
        self.close_link()
        self.link = (len(self.chars), href)

    def close_link(self) -> None:
        if self.link is not None:
            start, href = self.link
            self.links.append(Link(start, len(self.chars), href))
            self.link = None


class _Builder:
    """Turns the event stream into blocks, keeping a browser-like stack of open elements."""

    def __init__(self, source: str, line_starts: list[int]) -> None:
        self.source = source
        self.line_starts = line_starts
        self.stack: list[_Element] = []
        self.open: Counter[str] = Counter()  # tags on the stack, to skip hopeless searches
        self.blocks: list[Block] = []
        self.pending: _Pending | None = None

    def handle(self, event: _Event) -> None:
        if isinstance(event, _Text):
            self._text(event)
        elif isinstance(event, _Start):
            self._start(event)
        else:
            self._end(event)

    def _hidden(self) -> bool:
        return any(self.open[tag] for tag in HIDDEN_TAGS)

    def _text(self, event: _Text) -> None:
        if self._hidden() or (self.pending is None and not event.text.strip(WHITESPACE)):
            return
        self._ensure_pending().append(event.text, event.offsets)

    def _start(self, event: _Start) -> None:
        tag = event.tag
        if tag == "br":
            if not self._hidden():
                self._ensure_pending().append(" ", [event.offset])
            return
        if tag in BLOCK_TAGS:
            self.flush()
        self._close_implied(tag)
        if tag in VOID_TAGS or len(self.stack) >= MAX_DEPTH:
            return
        element = _Element(tag, event.attrs)
        if tag == "ol":
            element.number = _integer(event.attrs.get("start"), 1)
        elif tag == "li":
            self._number_item(element)
        self.stack.append(element)
        self.open[tag] += 1
        if tag == "a" and self.pending is not None and (href := _href(element)):
            self.pending.open_link(href)

    def _end(self, event: _End) -> None:
        if event.tag == "br":
            self._start(_Start("br", {}, event.offset))
            return
        if not self.open[event.tag]:
            return
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index].tag == event.tag:
                self._pop_to(index)
                if event.tag in BLOCK_TAGS:
                    self.flush()
                return

    def _close_implied(self, tag: str) -> None:
        """End tags browsers infer: `<li>` ends the previous item, a block ends a `<p>`."""
        if tag == "li":
            self._close_nearest("li", LIST_TAGS)
        elif tag == "a":
            self._close_nearest("a", SCOPE_BOUNDARIES)
        elif tag in ("dd", "dt"):
            self._close_nearest("dd", {"dl"})
            self._close_nearest("dt", {"dl"})
        if tag in CLOSES_PARAGRAPH:
            self._close_nearest("p", SCOPE_BOUNDARIES)
        if tag in HEADINGS and self.stack and self.stack[-1].tag in HEADINGS:
            self._pop_to(len(self.stack) - 1)

    def _close_nearest(self, tag: str, boundaries: set[str] | frozenset[str]) -> None:
        if not self.open[tag]:
            return
        for index in range(len(self.stack) - 1, -1, -1):
            name = self.stack[index].tag
            if name == tag:
                self._pop_to(index)
                return
            if name in boundaries:
                return

    def _pop_to(self, index: int) -> None:
        for element in self.stack[index:]:
            self.open[element.tag] -= 1
            if element.tag == "a" and self.pending is not None:
                self.pending.close_link()
        del self.stack[index:]

    def _number_item(self, item: _Element) -> None:
        lists = [element for element in self.stack if element.tag in LIST_TAGS]
        item.depth = max(len(lists) - 1, 0)
        if lists and lists[-1].tag == "ol":
            parent = lists[-1]
            number = _integer(item.attrs.get("value"), parent.number)
            item.marker = _ordinal(number, parent.attrs.get("type", "1"))
            parent.number = number + 1

    def _ensure_pending(self) -> _Pending:
        if self.pending is None:
            self.pending = self._new_pending()
            anchor = self._innermost({"a"})
            if anchor is not None and (href := _href(anchor)):
                self.pending.open_link(href)
        return self.pending

    def _innermost(self, tags: set[str] | frozenset[str]) -> _Element | None:
        if not any(self.open[tag] for tag in tags):
            return None
        return next(element for element in reversed(self.stack) if element.tag in tags)

    def _new_pending(self) -> _Pending:
        """The kind of block text at this point starts: item, heading or paragraph."""
        item = self._innermost({"li"})
        heading = self._innermost(HEADINGS)
        if heading is not None:
            pending = _Pending("heading", level=int(heading.tag[1]))
            if item is not None and not item.emitted:  # `<li><h2>…`: the heading is numbered
                pending.marker, item.emitted = item.marker, True
            return pending
        if item is None:
            return _Pending("paragraph")
        if item.emitted:
            return _Pending("paragraph", depth=item.depth + 1)
        item.emitted = True
        return _Pending("item", depth=item.depth, marker=item.marker)

    def flush(self) -> None:
        """Finish the pending block: collapse whitespace and drop it if nothing shows."""
        pending, self.pending = self.pending, None
        if pending is None:
            return
        pending.close_link()
        chars, links = _collapse(pending)
        block = finish_block(
            pending.kind,
            chars,
            links,
            source=self.source,
            line_starts=self.line_starts,
            depth=pending.depth,
            level=pending.level,
            marker=pending.marker,
        )
        if block is not None:
            self.blocks.append(block)


def _collapse(pending: _Pending) -> tuple[Chars, list[Link]]:
    """Whitespace runs become one space, at the run's first offset; links move with their text."""
    chars: Chars = []
    position = []  # where each pending character landed in `chars`
    for char, offset in zip(pending.chars, pending.offsets, strict=True):
        position.append(len(chars))
        if char not in WHITESPACE:
            chars.append((char, offset))
        elif not chars or chars[-1][0] != " ":
            chars.append((" ", offset))
    position.append(len(chars))
    links = [Link(position[link.start], position[link.end], link.href) for link in pending.links]
    return chars, links


def _href(anchor: _Element) -> str:
    return anchor.attrs.get("href", "").strip()


def _integer(value: str | None, default: int) -> int:
    """An HTML integer attribute (`start`, `value`), read leniently as browsers do."""
    match = INTEGER.match(value or "")
    return int(match.group(1)) if match else default


def _ordinal(number: int, style: str) -> str:
    """The marker a browser draws for `<ol type=…>`: `3.`, `c.`, `C.`, `iii.`, `III.`."""
    return label(number, style) + "."
