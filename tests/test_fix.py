"""Applying fixes: one pass, clashes, the edits never applied, and fixing files on disk."""

from __future__ import annotations

import codecs
import datetime as dt
import stat
from pathlib import Path

import pytest

import citecheck.fix
from citecheck.config import Config
from citecheck.errors import CitecheckError
from citecheck.fix import apply, fix, fix_file, fixable, summary
from citecheck.linter import lint
from citecheck.model import Document, Edit, Finding, Fix, Severity, Span

CONFIG = Config(digest_date=dt.date(2017, 4, 20))
DIGEST = (
    "Digest of 04.12.17\n"
    "\n"
    "• Lavrov said Russia was worried.(Reuters, 04.12.17,AP, 04.12.17)\n"
    "• Tillerson: ” Our meeting today comes at an important moment.” (NBC, 04.12.17)\n"
)
FIXED = (
    "Digest of 04.12.17\n"
    "\n"
    "• Lavrov said Russia was worried. (Reuters, 04.12.17, AP, 04.12.17)\n"
    "• Tillerson: “Our meeting today comes at an important moment.” (NBC, 04.12.17)\n"
)


def finding(start: int, end: int, replacement: str, *, safe: bool = True, code: str = "X001"):
    return Finding(
        code=code,
        name="test",
        severity=Severity.WARNING,
        message="m",
        path="d.txt",
        span=Span(start, end),
        line=1,
        column=start + 1,
        end_line=1,
        end_column=end + 1,
        fix=Fix((Edit(Span(start, end), replacement),), safe, "d"),
    )


def document(source: str, *, format: str = "text", encoding: str = "utf-8") -> Document:
    return Document(path="d.txt", source=source, format=format, blocks=[], encoding=encoding)


def test_fix_applies_the_safe_fixes_and_only_them() -> None:
    result = fix(lint(DIGEST, path="d.txt", config=CONFIG))
    assert result.text == FIXED
    assert sorted(f.code for f in result.fixed) == ["C001", "C002", "Q003"]
    assert [f.code for f in result.remaining if f.fix is not None] == []


def test_unsafe_fixes_wait_for_the_flag() -> None:
    text = "Digest of 04.12.17\n\n• Lavrov said Russia was worried. (Reuter, 04.12.17)\n"
    report = lint(text, path="d.txt", config=CONFIG)
    assert fix(report).text == text
    assert fix(report).unsafe_left == 1
    assert "(Reuters, 04.12.17)" in fix(report, unsafe=True).text


def test_a_pass_defers_clashing_edits() -> None:
    first, overlapping, insertion, same_point = (
        finding(1, 3, "XY"),
        finding(2, 4, "ZZ"),
        finding(4, 4, "+"),
        finding(4, 5, "-"),
    )
    text, fixed = apply(document("abcdef"), [same_point, overlapping, insertion, first])
    assert text == "aXYd+ef"
    assert fixed == [first, insertion]


def test_an_insertion_and_a_replacement_at_one_point_clash() -> None:
    insertion, replacement = finding(1, 1, "+"), finding(1, 2, "B")
    assert apply(document("abc"), [replacement, insertion]) == ("a+bc", [insertion])


def test_touching_edits_both_apply() -> None:
    text, fixed = apply(document("a,11.17"), [finding(1, 2, ", "), finding(2, 7, "04.11.17")])
    assert text == "a, 04.11.17"
    assert len(fixed) == 2


def test_identical_edits_apply_once_and_fix_both_findings() -> None:
    text, fixed = apply(document("U,S,"), [finding(0, 4, "U.S."), finding(0, 4, "U.S.")])
    assert text == "U.S."
    assert len(fixed) == 2


def test_safe_fixes_win_a_clash() -> None:
    text, _ = apply(
        document("04.17.17"),
        [finding(0, 8, "04.12.17", safe=False, code="A"), finding(0, 8, "2017-04-17", code="B")],
        unsafe=True,
    )
    assert text == "2017-04-17"


@pytest.mark.parametrize(
    ("source", "span", "replacement", "format", "encoding"),
    [
        ("U,\r\nS, said", (0, 5), "U.S.", "text", "utf-8"),
        ("said\n(AP)", (4, 5), " ", "text", "utf-8"),
        ("a <b>Reuter</b>s", (2, 15), "Reuters", "html", "utf-8"),
        ("a [Reuter](https://reuters.com)", (3, 9), "Reuters]", "markdown", "utf-8"),
        ("Lavrov said", (0, 6), "Лавров", "text", "cp1252"),
    ],
    ids=["line-break", "line-break-removed", "html-tag", "markdown-link", "not-in-cp1252"],
)
def test_edits_that_would_touch_structure_are_never_applied(
    source: str, span: tuple[int, int], replacement: str, format: str, encoding: str
) -> None:
    doc = document(source, format=format, encoding=encoding)
    found = finding(*span, replacement)
    assert not fixable(found, doc)
    assert apply(doc, [found]) == (source, [])


def test_an_edit_inside_html_text_is_applied() -> None:
    doc = document("<p>(Reuter, 04.12.17)</p>", format="html")
    assert apply(doc, [finding(4, 10, "Reuters")])[0] == "<p>(Reuters, 04.12.17)</p>"


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (b"", "utf-8"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (b"", "cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be", "cp1252"],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_fix_file_keeps_encoding_and_line_endings(
    tmp_path: Path, bom: bytes, codec: str, newline: str
) -> None:
    path = tmp_path / "digest.txt"
    path.write_bytes(bom + DIGEST.replace("\n", newline).encode(codec))
    result = fix_file(str(path), CONFIG)
    assert result.changed
    assert path.read_bytes() == bom + FIXED.replace("\n", newline).encode(codec)


def test_fix_file_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "digest.txt"
    path.write_text(DIGEST, encoding="utf-8")
    path.chmod(0o640)
    fix_file(str(path), CONFIG)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.read_text(encoding="utf-8") == FIXED
    assert [p.name for p in tmp_path.iterdir()] == ["digest.txt"]


def test_fix_file_without_write_leaves_the_file(tmp_path: Path) -> None:
    path = tmp_path / "digest.txt"
    path.write_text(DIGEST, encoding="utf-8")
    result = fix_file(str(path), CONFIG, write=False)
    assert result.text == FIXED
    assert path.read_text(encoding="utf-8") == DIGEST


def test_a_read_only_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "digest.txt"
    path.write_text(DIGEST, encoding="utf-8")
    path.chmod(0o444)
    with pytest.raises(CitecheckError, match="read-only") as raised:
        fix_file(str(path), CONFIG)
    assert str(raised.value) == f"{path}: is read-only; not written"
    assert path.read_text(encoding="utf-8") == DIGEST
    assert [p.name for p in tmp_path.iterdir()] == ["digest.txt"]


def test_a_file_changed_while_fixing_is_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "digest.txt"
    path.write_text(DIGEST, encoding="utf-8")
    edited = DIGEST + "• Someone else's edit.\n"
    real_fix = citecheck.fix.fix

    def fix_while_someone_edits(*args, **kwargs):
        path.write_text(edited, encoding="utf-8")
        return real_fix(*args, **kwargs)

    monkeypatch.setattr(citecheck.fix, "fix", fix_while_someone_edits)
    with pytest.raises(CitecheckError, match="changed on disk since it was read"):
        fix_file(str(path), CONFIG)
    assert path.read_text(encoding="utf-8") == edited
    assert [p.name for p in tmp_path.iterdir()] == ["digest.txt"]


def test_fixing_twice_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "digest.txt"
    path.write_text(DIGEST, encoding="utf-8")
    fix_file(str(path), CONFIG)
    before = path.stat().st_mtime_ns, path.read_bytes()
    again = fix_file(str(path), CONFIG)
    assert not again.changed
    assert again.fixed == []
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before


def test_the_diff_is_unified_and_marks_a_missing_final_newline() -> None:
    result = fix(lint(DIGEST.rstrip("\n"), path="d.txt", config=CONFIG))
    assert result.diff().splitlines() == [
        "--- d.txt",
        "+++ d.txt",
        "@@ -1,4 +1,4 @@",
        " Digest of 04.12.17",
        " ",
        "-• Lavrov said Russia was worried.(Reuters, 04.12.17,AP, 04.12.17)",
        "-• Tillerson: ” Our meeting today comes at an important moment.” (NBC, 04.12.17)",
        "\\ No newline at end of file",
        "+• Lavrov said Russia was worried. (Reuters, 04.12.17, AP, 04.12.17)",
        "+• Tillerson: “Our meeting today comes at an important moment.” (NBC, 04.12.17)",
        "\\ No newline at end of file",
    ]


def test_no_diff_when_nothing_changes() -> None:
    assert fix(lint(FIXED, path="d.txt", config=CONFIG)).diff() == ""


def test_summary_counts_fixed_and_remaining() -> None:
    text = DIGEST + "• Lavrov said. (Reuter, 04.12.17)\n"
    result = fix(lint(text, path="d.txt", config=CONFIG))
    assert summary([result]) == (
        "fixed 3 problems in 1 file; 1 remains (1 more fixable with --unsafe-fixes)"
    )
    assert summary([result], dry_run=True).startswith("would fix 3 problems in 1 file")
    assert summary([fix(lint(FIXED, config=CONFIG))]) == "nothing to fix; 0 remain"


def test_a_fixed_file_reads_back_as_linted(tmp_path: Path) -> None:
    path = tmp_path / "digest.txt"
    path.write_bytes(DIGEST.encode("cp1252"))
    result = fix_file(str(path), CONFIG)
    assert [n.kind for n in result.report.document.notes] == ["encoding-fallback"]
    assert "S003" in [f.code for f in result.remaining]


def test_fix_file_needs_no_config(tmp_path: Path) -> None:
    path = tmp_path / "digest.txt"
    path.write_text(DIGEST, encoding="utf-8")
    assert fix_file(str(path)).text == FIXED
