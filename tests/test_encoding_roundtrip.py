"""`encode` undoes `decode` byte for byte, so a fixed file keeps its encoding."""

from __future__ import annotations

import codecs

import pytest

from citecheck.errors import CitecheckError
from citecheck.reading import read_bytes
from citecheck.reading.encoding import decode, encode

TEXT = "Tillerson: “very productive.” (RT live broadcast, 04.12.17)\r\n• Lavrov – said\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be", "cp1252"],
)
def test_encode_round_trips_decode(data: bytes) -> None:
    decoded = decode(data, "digest.txt")
    assert decoded.text == TEXT
    assert encode(decoded.text, decoded.encoding) == data


def test_read_bytes_records_the_encoding_and_the_fallback() -> None:
    document = read_bytes(TEXT.encode("cp1252"), path="digest.txt")
    assert document.encoding == "cp1252"
    assert [n.kind for n in document.notes] == ["encoding-fallback"]
    assert document.source == TEXT


def test_encode_refuses_what_cp1252_cannot_hold() -> None:
    with pytest.raises(UnicodeEncodeError):
        encode("Лавров", "cp1252")


def test_read_bytes_names_the_file_on_bad_input() -> None:
    with pytest.raises(CitecheckError, match="binary"):
        read_bytes(b"\x00\x01", path="digest.txt")
