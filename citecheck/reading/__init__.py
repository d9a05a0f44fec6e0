"""Reading: plain text, Markdown or HTML into one `Document`.

Readers describe; they never judge. What they notice about the raw input
(a guessed encoding, trailing page furniture) goes into `Document.notes` for
the rules to weigh.
"""

from __future__ import annotations

import re
from pathlib import Path

from citecheck.errors import CitecheckError
from citecheck.model import Document, ReadNote, Span
from citecheck.reading.encoding import decode

FORMATS = ("text", "markdown", "html")
EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
_HTML_HINT = re.compile(r"\A\s*(?:<!doctype html|<html|<body|<(?:p|ul|ol|h[1-6]|div)\b)", re.I)
_MARKDOWN_HINT = re.compile(r"^(?:#{1,6} |\s*[-*+] |---\s*$)|\]\(https?://", re.M)


def read_file(path: str | Path, format: str | None = None) -> Document:
    """Read a digest from disk; unreadable input raises `CitecheckError`."""
    return read_bytes(read_raw(path), path=str(path), format=format)


def read_raw(path: str | Path) -> bytes:
    """A file's bytes, or `CitecheckError` with one clear line."""
    name = str(path)
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise CitecheckError("no such file", name) from None
    except IsADirectoryError:
        raise CitecheckError("is a directory", name) from None
    except OSError as exc:
        raise CitecheckError(f"cannot read: {exc.strerror or exc}", name) from None


def read_bytes(data: bytes, *, path: str, format: str | None = None) -> Document:
    """Read a digest's raw bytes, as `read_file` would find them on disk."""
    decoded = decode(data, path)
    fmt = format or EXTENSIONS.get(Path(path).suffix.lower())
    document = read_text(decoded.text, path=path, format=fmt)
    document.encoding = decoded.encoding
    if decoded.fallback:
        document.notes.insert(
            0, ReadNote("encoding-fallback", "not valid UTF-8; read as cp1252", Span(0, 0))
        )
    return document


def read_text(text: str, *, path: str = "<text>", format: str | None = None) -> Document:
    """Build a `Document` from decoded text; the format is sniffed when not given."""
    fmt = format or sniff(text)
    if fmt == "text":
        from citecheck.reading.plaintext import read_plaintext

        blocks = read_plaintext(text)
        meta: dict[str, str] = {}
    elif fmt == "markdown":
        from citecheck.reading.markdown import read_markdown

        blocks, meta = read_markdown(text)
    elif fmt == "html":
        from citecheck.reading.html import read_html

        blocks, meta = read_html(text)
    else:
        raise CitecheckError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})", path)
    document = Document(path=path, source=text, format=fmt, blocks=blocks, meta=meta)
    titles = [b for b in blocks if b.kind == "title"]
    document.title = meta.get("title") or (titles[0].text if titles else None)
    furniture = [b for b in blocks if b.kind == "boilerplate"]
    if furniture:
        first, last = furniture[0], furniture[-1]
        document.notes.append(
            ReadNote(
                "boilerplate",
                f"{len(furniture)} line{'s' if len(furniture) != 1 else ''} of page furniture from line {first.line} "
                f"(“{first.text[:40]}”)",
                Span(first.base, last.span(0, len(last.text)).end),
            )
        )
    return document


def sniff(text: str) -> str:
    head = text[:4096]
    if _HTML_HINT.match(head):
        return "html"
    if _MARKDOWN_HINT.search(head):
        return "markdown"
    return "text"
