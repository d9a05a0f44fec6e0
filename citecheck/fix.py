"""Apply the fixes findings carry, and change nothing else.

A fix is a set of edits to character spans of the decoded source. One pass
applies every fix that overlaps none applied before it; the digest is then
read and linted again, and the fixes that had to wait get their turn, until
a pass changes nothing. An edit that would touch a line break, markup, or
write a character the file's encoding cannot hold is never applied: its
finding stays for a person to fix. The file is written back in its own
encoding, atomically, and only if nobody changed it since it was read.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from citecheck.config import Config
from citecheck.linter import Report, lint_document
from citecheck.model import Document, Edit, Finding, Span
from citecheck.reading import read_bytes, read_raw
from citecheck.reading.encoding import encode

if TYPE_CHECKING:
    from citecheck.gate.waivers import Waiver

MAX_PASSES = 8  # fixes that wait for others rarely need more than two or three

_MARKUP = {"html": "<>&", "markdown": "[]()<>*_`\\"}
_LINE = re.compile(r"[^\n]*\n|[^\n]+")


@dataclass
class FixResult:
    """One digest before and after fixing."""

    original: str
    report: Report  # the fixed digest, linted: what remains
    fixed: list[Finding] = field(default_factory=list)  # spans index the text of their pass
    passes: int = 0
    unsafe: bool = False

    @property
    def path(self) -> str:
        return self.report.path

    @property
    def text(self) -> str:
        return self.report.document.source

    @property
    def changed(self) -> bool:
        return self.text != self.original

    @property
    def remaining(self) -> list[Finding]:
        return self.report.findings

    @property
    def unsafe_left(self) -> int:
        """Remaining findings that `--unsafe-fixes` would fix."""
        if self.unsafe:
            return 0
        document = self.report.document
        return sum(1 for f in self.remaining if fixable(f, document, unsafe=True))

    def data(self) -> bytes:
        return encode(self.text, self.report.document.encoding)

    def diff(self) -> str:
        """A unified diff from the original to the fixed text; empty when unchanged."""
        lines = difflib.unified_diff(
            _LINE.findall(self.original), _LINE.findall(self.text), self.path, self.path
        )
        return "".join(
            line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
            for line in lines
        )


def fixable(finding: Finding, document: Document, *, unsafe: bool = False) -> bool:
    """Would `finding`'s fix be applied to `document`?"""
    fix = finding.fix
    if fix is None or not (fix.safe or unsafe):
        return False
    return all(_harmless(edit, document) for edit in fix.edits)


def _harmless(edit: Edit, document: Document) -> bool:
    """Edits never touch line breaks or markup, nor write what the encoding cannot hold."""
    before = document.source[edit.span.start : edit.span.end]
    touched = before + edit.replacement
    if "\n" in touched or "\r" in touched:
        return False
    if any(mark in touched for mark in _MARKUP.get(document.format, "")):
        return False
    try:
        encode(edit.replacement, document.encoding)
    except UnicodeEncodeError:
        return False
    return True


def apply(
    document: Document, findings: list[Finding], *, unsafe: bool = False
) -> tuple[str, list[Finding]]:
    """One pass: the text with every fix applied that clashes with none before it.

    Safe fixes go first, then by position. Returns the new text and the
    findings fixed; a fix identical to one applied fixes its finding too.
    """
    candidates = [f for f in findings if fixable(f, document, unsafe=unsafe)]
    candidates.sort(key=lambda f: (not f.fix.safe, _first(f).start, _first(f).end, f.code))
    taken: set[Edit] = set()
    fixed: list[Finding] = []
    for finding in candidates:
        edits = set(finding.fix.edits)
        if edits <= taken:
            fixed.append(finding)
            continue
        if any(_clash(a.span, b.span) for a in edits for b in taken):
            continue
        taken |= edits
        fixed.append(finding)
    source = document.source
    out: list[str] = []
    at = 0
    for edit in sorted(taken, key=lambda e: (e.span.start, e.span.end)):
        out.append(source[at : edit.span.start])
        out.append(edit.replacement)
        at = edit.span.end
    out.append(source[at:])
    return "".join(out), fixed


def _first(finding: Finding) -> Span:
    return min((e.span for e in finding.fix.edits), key=lambda s: (s.start, s.end))


def _clash(a: Span, b: Span) -> bool:
    """Overlapping spans, or two edits at one point, whose order would be a guess."""
    return (a.start < b.end and b.start < a.end) or a.start == b.start


def fix(
    report: Report,
    *,
    unsafe: bool = False,
    passes: int = MAX_PASSES,
    waivers: Sequence[Waiver] = (),
) -> FixResult:
    """Fix a linted digest in memory, pass after pass until nothing changes.

    A waived finding was accepted as it is, so its fix is not applied.
    """
    result = FixResult(report.document.source, report, unsafe=unsafe)
    for _ in range(passes):
        document = result.report.document
        text, fixed = apply(document, _unwaived(result.report, waivers), unsafe=unsafe)
        if text == document.source:
            break
        again = read_bytes(
            encode(text, document.encoding), path=document.path, format=document.format
        )
        result.report = lint_document(again, report.config)
        result.fixed.extend(fixed)
        result.passes += 1
    return result


def _unwaived(report: Report, waivers: Sequence[Waiver]) -> list[Finding]:
    if not waivers:
        return report.findings
    from citecheck.gate.waivers import claim_of, matches

    return [
        f
        for f in report.findings
        if not any(matches(w, f, claim_of(f, report.claims)) for w in waivers)
    ]


def fix_file(
    path: str,
    config: Config | None = None,
    *,
    unsafe: bool = False,
    write: bool = True,
    waivers: Sequence[Waiver] = (),
) -> FixResult:
    """Fix a digest on disk; with `write`, replace it atomically if anything changed.

    The file is left alone, and `CitecheckError` raised, when it is read-only
    or was changed by someone else while it was being fixed.
    """
    from citecheck.atomic import write_bytes

    raw = read_raw(path)
    document = read_bytes(raw, path=path)
    result = fix(lint_document(document, config or Config()), unsafe=unsafe, waivers=waivers)
    if write and result.changed:
        write_bytes(path, result.data(), expect=raw)
    return result


def summary(results: list[FixResult], *, dry_run: bool = False) -> str:
    """`fixed 7 problems in 1 file; 18 remain (3 more fixable with --unsafe-fixes)`."""
    count = sum(len(r.fixed) for r in results)
    files = sum(1 for r in results if r.changed)
    remaining = sum(len(r.remaining) for r in results)
    unsafe = sum(r.unsafe_left for r in results)
    if count:
        verb = "would fix" if dry_run else "fixed"
        done = f"{verb} {_plural(count, 'problem')} in {_plural(files, 'file')}"
    else:
        done = "nothing to fix"
    text = f"{done}; {remaining} remain{'s' if remaining == 1 else ''}"
    if unsafe:
        text += f" ({unsafe} more fixable with --unsafe-fixes)"
    return text


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"
