"""Turn a digest's bytes into text, recording what was assumed."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from citecheck.errors import CitecheckError


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # what `encode` needs to round-trip the file, e.g. "utf-8-sig"
    fallback: bool  # True when neither a BOM nor valid UTF-8 told us


def decode(data: bytes, path: str) -> Decoded:
    """UTF-8 (BOM or not) and UTF-16 with BOM; anything else is read as cp1252."""
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(_strict(data, "utf-8-sig", path), "utf-8-sig", False)
    if data.startswith(codecs.BOM_UTF16_LE):
        return Decoded(_strict(data, "utf-16", path), "utf-16-le", False)
    if data.startswith(codecs.BOM_UTF16_BE):
        return Decoded(_strict(data, "utf-16", path), "utf-16-be", False)
    if b"\x00" in data:
        raise CitecheckError("binary file, not a digest", path)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", False)
    except UnicodeDecodeError:
        pass
    try:
        return Decoded(data.decode("cp1252"), "cp1252", True)
    except UnicodeDecodeError as exc:
        raise CitecheckError(
            f"cannot decode byte 0x{data[exc.start]:02x} at offset {exc.start}: "
            "not UTF-8, UTF-16 or cp1252",
            path,
        ) from None


def _strict(data: bytes, codec: str, path: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise CitecheckError(
            f"invalid {codec} at byte offset {exc.start} despite its byte-order mark", path
        ) from None


_BOMS = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}


def encode(text: str, encoding: str) -> bytes:
    """The inverse of `decode`: UTF-16 keeps its byte order and byte-order mark.

    Raises `UnicodeEncodeError` for text the encoding cannot hold (cp1252).
    """
    return _BOMS.get(encoding, b"") + text.encode(encoding)
