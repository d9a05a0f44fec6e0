"""Properties of fixing, over digests assembled from the example's own lines.

Each digest is a sample of the example's lines, shuffled, some given a typical
typing slip, with random line endings, written in a random encoding. Fixing
must change only the spans of the findings it fixes, keep the encoding and
every line ending, leave no fixable finding behind, and change nothing when
run again.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck.config import Config
from citecheck.fix import MAX_PASSES, apply, fix_file, fixable
from citecheck.linter import lint_document
from citecheck.model import Span
from citecheck.reading import read_bytes
from citecheck.reading.encoding import decode, encode

EXAMPLE = Path(__file__).parent.parent / "examples/tillerson-moscow-2017-04.txt"
LINES = EXAMPLE.read_text(encoding="utf-8").split("\n")
CONFIG = Config(digest_date=dt.date(2017, 4, 20))
BOMS = {"utf-8": b"", "utf-8-sig": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE}
BOMS |= {"utf-16-be": codecs.BOM_UTF16_BE, "cp1252": b""}

SLIPS = (
    lambda line: line.replace(" (", "(", 1),  # group glued to the text
    lambda line: line.replace(", ", ",", 1),  # comma without its space
    lambda line: line.replace(", 04.", " 04.", 1),  # comma missing
    lambda line: line.replace("“", "” ", 1),  # wrong-way quotation mark
    lambda line: line.replace("U.S.", "U,S,", 1),  # mangled abbreviation
    lambda line: line.replace("Reuters", "Reuter", 1),  # misspelt outlet
    lambda line: line.replace("04.12.17", "2017-04-12", 1),  # another date style
    lambda line: re.sub(r"\(([^,()]+, [\d.]+)\)", r"(\1, \1)", line, count=1),  # repeat
)


@st.composite
def digests(draw) -> tuple[bytes, str]:
    lines = draw(st.lists(st.sampled_from(LINES), min_size=1, max_size=40))
    slipped = []
    for line in lines:
        slips = draw(st.lists(st.sampled_from(SLIPS), max_size=2))
        for slip in slips:
            line = slip(line)
        slipped.append(line)
    n = len(slipped)
    endings = draw(st.lists(st.sampled_from(["\n", "\r\n"]), min_size=n, max_size=n))
    text = "".join(line + end for line, end in zip(slipped, endings, strict=True))
    if draw(st.booleans()):
        text = text.rstrip("\r\n")
    encoding = draw(st.sampled_from(sorted(BOMS)))
    return BOMS[encoding] + text.encode("utf-8" if encoding == "utf-8-sig" else encoding), encoding


def _only_spans_changed(before: str, after: str, spans: list[Span]) -> bool:
    """`after` is `before` with only the text inside `spans` replaced."""
    pattern, at = [], 0
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if span.start < at:  # overlaps the previous span: extend it
            at = max(at, span.end)
            continue
        pattern.append(re.escape(before[at : span.start]) + "(.*?)")
        at = span.end
    pattern.append(re.escape(before[at:]))
    return re.fullmatch("".join(pattern), after, re.S) is not None


def _endings(text: str) -> list[bool]:
    return [line.endswith("\r") for line in text.split("\n")]


PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(digests(), st.booleans())
def test_each_pass_changes_only_the_spans_of_fixable_findings(
    digest: tuple[bytes, str], unsafe: bool
) -> None:
    data, _ = digest
    document = read_bytes(data, path="digest.txt")
    for _ in range(MAX_PASSES):
        report = lint_document(document, CONFIG)
        spans = [
            edit.span
            for finding in report.findings
            if fixable(finding, document, unsafe=unsafe)
            for edit in finding.fix.edits
        ]
        text, fixed = apply(document, report.findings, unsafe=unsafe)
        assert _only_spans_changed(document.source, text, spans)
        assert bool(fixed) == bool(spans)
        if not fixed:
            break
        document = read_bytes(encode(text, document.encoding), path="digest.txt")
    else:
        raise AssertionError(f"fixing did not settle in {MAX_PASSES} passes")


@PROPERTY
@given(digests(), st.booleans())
def test_fixing_a_file_keeps_its_form_is_idempotent_and_leaves_nothing_fixable(
    digest: tuple[bytes, str], unsafe: bool
) -> None:
    data, encoding = digest
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "digest.txt"
        path.write_bytes(data)
        result = fix_file(str(path), CONFIG, unsafe=unsafe)
        written = path.read_bytes()

        assert result.passes < MAX_PASSES
        assert written.startswith(BOMS[encoding])
        assert decode(written, "b").encoding == decode(data, "a").encoding
        before, after = decode(data, "a").text, decode(written, "b").text
        assert _endings(after) == _endings(before)
        assert written == data or result.fixed
        document = result.report.document
        assert not [f for f in result.remaining if fixable(f, document, unsafe=unsafe)]

        again = fix_file(str(path), CONFIG, unsafe=unsafe)
        assert not again.changed
        assert again.fixed == []
        assert path.read_bytes() == written
