"""Markdown digests: headings, list items nested by indentation, paragraphs.

Blocks are found line by line (CommonMark's block rules, made tolerant of the
2–4 space nesting people actually type), then each block's inline markup is
removed so `text` is what the rendered page shows. Every character keeps the
source offset it came from, so a finding lands on the line and column where
the user wrote it.

Deliberately small: no tables, no indented code blocks (in a digest,
indentation means nesting), and a block quote reads as its unquoted content.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from dataclasses import dataclass, field

from citecheck.model import Block, Link, Span
from citecheck.reading.blocks import Chars, finish_block, mark_boilerplate, mark_title

FRONT_MATTER_OPEN = re.compile(r"---[ \t]*\Z")
FRONT_MATTER_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*\Z")
META_LINE = re.compile(r"([A-Za-z0-9_][\w.-]*)[ \t]*:[ \t]*(.*?)[ \t]*\Z")
FENCE = re.compile(r"`{3,}|~{3,}")
QUOTE = re.compile(r"(?:>[ \t]?)+")
ATX = re.compile(r"#{1,6}(?=[ \t]|\Z)")
ATX_CLOSE = re.compile(r"(?:\A|[ \t]+)#+[ \t]*\Z")
SETEXT = re.compile(r"(?:=+|-+)[ \t]*\Z")
THEMATIC_BREAK = re.compile(r"([-*_])(?:[ \t]*\1){2,}[ \t]*\Z")
LIST_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?=[ \t]|\Z)")
REFERENCE = re.compile(
    r"\[((?:[^\]\\]|\\.)+)\]:[ \t]*(<[^<>]*>|\S+)"
    r"(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?[ \t]*\Z"
)
ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
EMAIL = re.compile(
    r"<([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>"
)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
HTML_TAG = re.compile(
    r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[A-Za-z_:][\w.:-]*"
    r"(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']*'|\"[^\"]*\"))?)*)\s*/?>"
)
HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)
ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
URL_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
SPACE = " \t\n"
MAX_PAREN_DEPTH = 32  # as cmark: deeper nesting in a link destination is not a link


def read_markdown(source: str) -> tuple[list[Block], dict[str, str]]:
    """Blocks as the rendered page shows them, and the front matter's `key: value` pairs."""
    lines = _lines(source)
    meta, skip = _front_matter(lines)
    parser = _BlockParser()
    for offset, line in lines[skip:]:
        parser.feed(offset, line)
    line_starts = [offset for offset, _ in lines]
    blocks = []
    for raw in parser.raws:
        chars, links = _inline(raw.chars, parser.references)
        block = finish_block(
            raw.kind,
            chars,
            links,
            source=source,
            line_starts=line_starts,
            depth=raw.depth,
            level=raw.level,
            marker=raw.marker,
            marker_span=raw.marker_span,
        )
        if block is not None:
            blocks.append(block)
    mark_boilerplate(blocks)
    mark_title(blocks)
    return blocks, meta


def _lines(source: str) -> list[tuple[int, str]]:
    """(offset, line without its line ending) for every line of the source."""
    out = []
    offset = 0
    for line in source.split("\n"):
        out.append((offset, line.rstrip("\r")))
        offset += len(line) + 1
    return out


def _front_matter(lines: list[tuple[int, str]]) -> tuple[dict[str, str], int]:
    """Simple `key: value` pairs of a leading `---` block, and how many lines it spans.

    Only flat pairs are read (no YAML library): a digest's front matter carries
    a title and a date, and anything fancier is ignored rather than guessed at.
    """
    if not lines or not FRONT_MATTER_OPEN.match(lines[0][1]):
        return {}, 0
    for index in range(1, len(lines)):
        if FRONT_MATTER_CLOSE.match(lines[index][1]):
            meta: dict[str, str] = {}
            for _, text in lines[1:index]:
                if (match := META_LINE.match(text)) and (value := _unquote(match.group(2))):
                    meta.setdefault(match.group(1).lower(), value)
            return meta, index + 1
    return {}, 0


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _columns(indent: str) -> int:
    """Width of leading whitespace, tabs advancing to the next multiple of 4."""
    width = 0
    for char in indent:
        width = width + 4 - width % 4 if char == "\t" else width + 1
    return width


@dataclass(slots=True)
class _Raw:
    """A block as written, before its inline markup is removed."""

    kind: str
    chars: Chars
    depth: int = 0
    level: int = 0
    marker: str | None = None
    marker_span: Span | None = None


@dataclass(slots=True)
class _Item:
    marker_column: int
    content_column: int

    @property
    def child_column(self) -> int:
        """Indentation from which a line belongs inside this item.

        CommonMark wants the content column; people indent nested bullets by
        two spaces under `1.` as often as by three, so either counts.
        """
        return min(self.marker_column + 2, self.content_column)


@dataclass(slots=True)
class _BlockParser:
    """Splits lines into raw blocks and collects link reference definitions."""

    raws: list[_Raw] = field(default_factory=list)
    references: dict[str, str] = field(default_factory=dict)
    items: list[_Item] = field(default_factory=list)
    open: _Raw | None = None  # paragraph or item that lazy continuation lines join
    fence: str | None = None  # the opening fence while inside a code block
    in_comment: bool = False
    blank: bool = True

    def feed(self, offset: int, line: str) -> None:
        if self.fence is not None:
            closing = line.strip(" \t")
            if closing.startswith(self.fence) and closing == closing[0] * len(closing):
                self.fence = None
            return
        if self.in_comment:
            self.in_comment = "-->" not in line
            return
        stripped = line.lstrip(" \t")
        indent = _columns(line[: len(line) - len(stripped)])
        start = offset + len(line) - len(stripped)
        if indent < 4 and (quote := QUOTE.match(stripped)):
            rest = stripped[quote.end() :]
            stripped = rest.lstrip(" \t")
            indent = _columns(rest[: len(rest) - len(stripped)])
            start += quote.end() + len(rest) - len(stripped)
        content = stripped.rstrip(" \t")
        if not content:
            self.open = None
            self.blank = True
            return
        self._line(indent, start, content, offset - 1)
        self.blank = False

    def _line(self, indent: int, start: int, content: str, newline: int) -> None:
        if (
            self._opens_fence(content)
            or self._opens_comment(content)
            or (indent < 4 and self._setext(content))
        ):
            self.open = None
        elif indent < 4 and THEMATIC_BREAK.match(content):
            self.open = None
            self.items.clear()
        elif indent < 4 and (match := ATX.match(content)):
            self._heading(start, content, match.end())
        elif match := LIST_MARKER.match(content):
            self._item(indent, start, content, match.end())
        elif self.open is not None and not self.blank:
            self.open.chars.append(("\n", newline))
            self.open.chars.extend(_chars(content, start))
        elif match := REFERENCE.match(content):
            self._reference(match)
        else:
            self._close_items(indent)
            self.open = _Raw("paragraph", _chars(content, start), depth=len(self.items))
            self.raws.append(self.open)

    def _opens_fence(self, content: str) -> bool:
        match = FENCE.match(content)
        if match is None or (match.group()[0] == "`" and "`" in content[match.end() :]):
            return False
        self.fence = match.group()
        return True

    def _opens_comment(self, content: str) -> bool:
        if not content.startswith("<!--"):
            return False
        self.in_comment = "-->" not in content[4:]
        return True

    def _setext(self, content: str) -> bool:
        """An `===` or `---` underline turns the paragraph above into a heading."""
        paragraph = self.open
        if paragraph is None or paragraph.kind != "paragraph" or self.items:
            return False
        if self.blank or not SETEXT.match(content):
            return False
        paragraph.kind = "heading"
        paragraph.level = 1 if content[0] == "=" else 2
        return True

    def _heading(self, start: int, content: str, hashes: int) -> None:
        rest = content[hashes:]
        body = rest.lstrip(" \t")
        if closing := ATX_CLOSE.search(body):
            body = body[: closing.start()]
        body_start = start + hashes + len(rest) - len(rest.lstrip(" \t"))
        self.raws.append(_Raw("heading", _chars(body, body_start), level=hashes))
        self.items.clear()
        self.open = None

    def _item(self, indent: int, start: int, content: str, marker_end: int) -> None:
        rest = content[marker_end:]
        body = rest.lstrip(" \t")
        gap = len(rest) - len(body)
        self._close_items(indent)
        depth = len(self.items)
        self.items.append(_Item(indent, indent + marker_end + (gap if 1 <= gap <= 4 else 1)))
        self.open = _Raw(
            "item",
            _chars(body, start + marker_end + gap),
            depth=depth,
            marker=content[:marker_end],
            marker_span=Span(start, start + marker_end),
        )
        self.raws.append(self.open)

    def _close_items(self, indent: int) -> None:
        while self.items and indent < self.items[-1].child_column:
            self.items.pop()

    def _reference(self, match: re.Match[str]) -> None:
        label = _label(match.group(1))
        if label:
            self.references.setdefault(
                label, _url(match.group(2).removeprefix("<").removesuffix(">"))
            )
        self.open = None


def _chars(text: str, start: int) -> Chars:
    return [(char, start + index) for index, char in enumerate(text)]


def _label(text: str) -> str:
    """Reference labels match case-insensitively, whitespace collapsed."""
    return " ".join(text.split()).casefold()


def _url(text: str) -> str:
    return html.unescape(URL_ESCAPE.sub(r"\1", text.strip()))


@dataclass(slots=True)
class _Run:
    """A run of `*` or `_`: emphasis markers if paired, literal text if not."""

    char: str
    offsets: list[int]
    can_open: bool
    can_close: bool
    low: int = 0  # markers used as a closer are taken from the front…
    high: int = -1  # …and as an opener from the back

    def __post_init__(self) -> None:
        self.high = len(self.offsets)

    @property
    def left(self) -> int:
        return self.high - self.low


@dataclass(frozen=True, slots=True)
class _LinkStart:
    href: str


class _LinkEnd:
    pass


_Token = tuple[str, int] | _Run | _LinkStart | _LinkEnd


def _inline(chars: Chars, references: dict[str, str]) -> tuple[Chars, list[Link]]:
    """The visible characters of a block, and its links."""
    tokens = _Scanner(chars, references).scan()
    _match_emphasis([token for token in tokens if isinstance(token, _Run)])
    return _assemble(tokens)


class _Scanner:
    """Turns a block's characters into literal characters, emphasis runs and link marks."""

    def __init__(self, chars: Chars, references: dict[str, str]) -> None:
        self.chars = chars
        self.text = "".join(char for char, _ in chars)
        self.references = references
        self.tokens: list[_Token] = []
        self.brackets = _bracket_pairs(self.text)
        self.link_ends: dict[int, tuple[int, bool]] = {}  # "]" index -> (resume, is link)
        self.anchors = 0  # raw `<a href>` tags still open
        self.i = 0

    def scan(self) -> list[_Token]:
        handlers = {
            "\\": self._escape,
            "`": self._code,
            "*": self._emphasis,
            "_": self._emphasis,
            "&": self._entity,
            "<": self._angle,
            "[": self._bracket,
            "!": self._bracket,
        }
        while self.i < len(self.text):
            if self.i in self.link_ends:
                self.i, is_link = self.link_ends.pop(self.i)
                if is_link:
                    self.tokens.append(_LinkEnd())
                continue
            handler = handlers.get(self.text[self.i])
            if handler is None or not handler():
                self.tokens.append(self.chars[self.i])
                self.i += 1
        return self.tokens

    def _escape(self) -> bool:
        following = self.text[self.i + 1 : self.i + 2]
        if following and following in ASCII_PUNCTUATION:
            self.tokens.append(self.chars[self.i + 1])
            self.i += 2
            return True
        if following == "\n":  # a hard line break; the backslash is not shown
            self.i += 1
            return True
        return False

    def _code(self) -> bool:
        size = _run_length(self.text, self.i)
        body_start = self.i + size
        end = _closing_backticks(self.text, body_start, size)
        if end is None:
            self.tokens.extend(self.chars[self.i : body_start])
        else:
            body = self.chars[body_start:end]
            text = self.text[body_start:end]
            if text[0] in " \n" and text[-1] in " \n" and text.strip(" \n"):
                body = body[1:-1]
            self.tokens.extend(body)
            body_start = end + size
        self.i = body_start
        return True

    def _emphasis(self) -> bool:
        end = self.i + _run_length(self.text, self.i)
        before = self.text[self.i - 1] if self.i else " "
        after = self.text[end] if end < len(self.text) else " "
        left = not after.isspace() and (
            not _punctuation(after) or before.isspace() or _punctuation(before)
        )
        right = not before.isspace() and (
            not _punctuation(before) or after.isspace() or _punctuation(after)
        )
        if self.text[self.i] == "_":
            can_open = left and (not right or _punctuation(before))
            can_close = right and (not left or _punctuation(after))
        else:
            can_open, can_close = left, right
        offsets = [offset for _, offset in self.chars[self.i : end]]
        self.tokens.append(_Run(self.text[self.i], offsets, can_open, can_close))
        self.i = end
        return True

    def _entity(self) -> bool:
        match = ENTITY.match(self.text, self.i)
        if match is None:
            return False
        decoded = html.unescape(match.group())
        if decoded == match.group():
            return False
        offset = self.chars[self.i][1]
        self.tokens.extend((char, offset) for char in decoded)
        self.i = match.end()
        return True

    def _angle(self) -> bool:
        text, i = self.text, self.i
        if match := HTML_COMMENT.match(text, i):
            self.i = match.end()
        elif match := AUTOLINK.match(text, i):
            self._autolink(match, match.group(1))
        elif match := EMAIL.match(text, i):
            self._autolink(match, f"mailto:{match.group(1)}")
        elif match := HTML_TAG.match(text, i):
            self._tag(match)
            self.i = match.end()
        else:
            return False
        return True

    def _autolink(self, match: re.Match[str], href: str) -> None:
        self.tokens.append(_LinkStart(href))
        self.tokens.extend(self.chars[match.start(1) : match.end(1)])
        self.tokens.append(_LinkEnd())
        self.i = match.end()

    def _tag(self, match: re.Match[str]) -> None:
        """Inline HTML shows no text; `<a href>` still makes a link and `<br>` a space."""
        closing, name = match.group(1), match.group(2).lower()
        if name == "br":
            self.tokens.append((" ", self.chars[match.start()][1]))
        elif name == "a" and closing and self.anchors:
            self.anchors -= 1
            self.tokens.append(_LinkEnd())
        elif name == "a" and not closing and (href := HREF.search(match.group(3))):
            self.anchors += 1
            self.tokens.append(
                _LinkStart(html.unescape(next(g for g in href.groups() if g is not None)))
            )

    def _bracket(self) -> bool:
        """`[text](url)`, `[text][ref]`, `[ref]`, or an image whose alt text is kept."""
        image = self.text[self.i] == "!"
        opening = self.i + 1 if image else self.i
        if not self.text.startswith("[", opening):
            return False
        close = self.brackets.get(opening)
        if close is None:
            return False
        target = self._target(close, self.text[opening + 1 : close])
        if target is None:
            return False
        href, resume = target
        if not image:
            self.tokens.append(_LinkStart(href))
        self.link_ends[close] = (resume, not image)
        self.i = opening + 1
        return True

    def _target(self, close: int, label: str) -> tuple[str, int] | None:
        text = self.text
        after = close + 1
        if text.startswith("(", after) and (inline := _destination(text, after)):
            return inline
        if text.startswith("[", after) and (end := text.find("]", after + 1)) != -1:
            href = self.references.get(_label(text[after + 1 : end] or label))
            if href is not None:
                return href, end + 1
        href = self.references.get(_label(label))
        return (href, after) if href is not None else None


def _run_length(text: str, start: int) -> int:
    end = start
    while end < len(text) and text[end] == text[start]:
        end += 1
    return end - start


def _closing_backticks(text: str, start: int, size: int) -> int | None:
    """Start of the next backtick run of exactly `size`, which closes a code span."""
    match = _backtick_run(size).search(text, start)
    return match.start() if match else None


@functools.lru_cache(maxsize=16)
def _backtick_run(size: int) -> re.Pattern[str]:
    return re.compile(rf"(?<!`)`{{{size}}}(?!`)")


def _bracket_pairs(text: str) -> dict[int, int]:
    """Each `[` index mapped to its matching `]`, skipping escapes and code spans.

    One pass up front keeps a block full of stray brackets linear.
    """
    pairs: dict[int, int] = {}
    openings: list[int] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "`":
            size = _run_length(text, i)
            end = _closing_backticks(text, i + size, size)
            i = i + size if end is None else end + size
            continue
        if char == "[":
            openings.append(i)
        elif char == "]" and openings:
            pairs[openings.pop()] = i
        i += 1
    return pairs


def _destination(text: str, opening: int) -> tuple[str, int] | None:
    """Parse `(url "title")` at `opening`: the URL and the index after `)`."""
    i = _skip_space(text, opening + 1)
    if text.startswith("<", i):
        end = text.find(">", i + 1)
        if end == -1 or "\n" in text[i + 1 : end] or "<" in text[i + 1 : end]:
            return None
        href, i = text[i + 1 : end], end + 1
    else:
        start, depth = i, 0
        while i < len(text) and not text[i].isspace() and text[i].isprintable():
            if text[i] == "\\":
                i += 1
            elif text[i] == "(":
                depth += 1
                if depth > MAX_PAREN_DEPTH:
                    return None
            elif text[i] == ")":
                if not depth:
                    break
                depth -= 1
            i += 1
        if depth:
            return None
        i = min(i, len(text))
        href = text[start:i]
    i = _skip_space(text, i)
    if i < len(text) and text[i] in "\"'(":
        end = _title_end(text, i)
        if end is None:
            return None
        i = _skip_space(text, end + 1)
    if not text.startswith(")", i):
        return None
    return _url(href), i + 1


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in SPACE:
        i += 1
    return i


def _title_end(text: str, opening: int) -> int | None:
    closer = ")" if text[opening] == "(" else text[opening]
    end = text.find(closer, opening + 1)
    while end != -1 and _escaped(text, end):
        end = text.find(closer, end + 1)
    return None if end == -1 else end


def _escaped(text: str, index: int) -> bool:
    backslashes = 0
    while index - backslashes > 0 and text[index - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _punctuation(char: str) -> bool:
    return char in ASCII_PUNCTUATION or unicodedata.category(char)[0] in "PS"


def _match_emphasis(runs: list[_Run]) -> None:
    """Pair openers with closers as CommonMark does; unpaired markers stay literal."""
    openers: list[tuple[int, _Run]] = []  # potential openers, in document order
    bottoms: dict[tuple[str, bool, int], int] = {}  # per kind of closer: nothing to find below
    for position, closer in enumerate(runs):
        kind = (closer.char, closer.can_open, len(closer.offsets) % 3)
        while closer.can_close and closer.left:
            found = _opener(openers, closer, bottoms.get(kind, -1))
            if found is None:
                bottoms[kind] = position - 1
                break
            opener = openers[found][1]
            used = 2 if opener.left >= 2 and closer.left >= 2 else 1
            opener.high -= used
            closer.low += used
            del openers[found + 1 :]  # markers between the pair stay literal
            if not opener.left:
                openers.pop()
        if closer.can_open and closer.left:
            openers.append((position, closer))


def _opener(openers: list[tuple[int, _Run]], closer: _Run, bottom: int) -> int | None:
    for index in range(len(openers) - 1, -1, -1):
        position, opener = openers[index]
        if position <= bottom:
            return None
        if opener.char != closer.char:
            continue
        sizes = len(opener.offsets), len(closer.offsets)
        if (
            (opener.can_close or closer.can_open)
            and sum(sizes) % 3 == 0
            and not (sizes[0] % 3 == 0 and sizes[1] % 3 == 0)
        ):
            continue  # CommonMark's "rule of three"
        return index
    return None


def _assemble(tokens: list[_Token]) -> tuple[Chars, list[Link]]:
    out: Chars = []
    links: list[Link] = []
    starts: list[tuple[int, str]] = []
    for token in tokens:
        if isinstance(token, tuple):
            out.append(token)
        elif isinstance(token, _Run):
            out.extend((token.char, offset) for offset in token.offsets[token.low : token.high])
        elif isinstance(token, _LinkStart):
            starts.append((len(out), token.href))
        elif starts:
            start, href = starts.pop()
            links.append(Link(start, len(out), href))
    links.extend(Link(start, len(out), href) for start, href in starts)
    return out, links
