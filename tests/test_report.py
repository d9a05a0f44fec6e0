"""Report files: what `lint --report DIR` writes, and that it writes all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run

import citecheck
from citecheck.cli import main
from citecheck.report import write_all

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = "examples/tillerson-moscow-2017-04.txt"
# The one command that regenerates the committed reports (see README), minus the program name.
REGENERATE = (
    "lint",
    "--report",
    "reports",
    "--digest-date",
    "2017-04-18",
    "--fail-on",
    "never",
    EXAMPLE,
)
PLANTED = (
    "Planted\n\n"
    "• Lavrov: “<script>document.title='pwned'</script> "
    '<img src=x onerror="document.body.dataset.pwned=1"> a & b” (Reuters, 04.1217)\n'
)


def test_report_writes_three_files_per_digest_and_an_index(capsys, tmp_path):
    other = tmp_path / "planted.txt"
    other.write_text(PLANTED, "utf-8")
    out = tmp_path / "out"
    code, _, _ = run(capsys, "lint", "--report", str(out), str(ROOT / EXAMPLE), str(other))
    assert code == 1
    assert sorted(p.name for p in out.iterdir()) == [
        "index.html",
        "planted.html",
        "planted.json",
        "planted.md",
        "tillerson-moscow-2017-04.html",
        "tillerson-moscow-2017-04.json",
        "tillerson-moscow-2017-04.md",
    ]
    index = (out / "index.html").read_text("utf-8")
    assert '<a href="./planted.html">Planted</a>' in index
    assert '<td class="num sev-error">7</td>' in index  # the example's seven errors
    data = json.loads((out / "tillerson-moscow-2017-04.json").read_text("utf-8"))
    assert data["counts"] == {"error": 7, "warning": 17, "info": 1, "waived": 0}
    assert len(data["claims"]) == 48


def test_digest_text_is_escaped_in_html_and_markdown(tmp_path, capsys):
    digest = tmp_path / "planted.txt"
    digest.write_text(PLANTED, "utf-8")
    run(capsys, "lint", "--report", str(tmp_path / "r"), str(digest))
    page = (tmp_path / "r" / "planted.html").read_text("utf-8")
    assert "<script>document" not in page and "<img" not in page
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in page
    assert "a &amp; b" in page
    assert page.count("<script>") == 1  # the report's own filter script
    markdown = (tmp_path / "r" / "planted.md").read_text("utf-8")
    assert "<script>" not in markdown and "&lt;script&gt;" in markdown


def test_reports_are_deterministic(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    first, second = tmp_path / "a", tmp_path / "b"
    for folder in (first, second):
        run(capsys, "lint", "--report", str(folder), "--digest-date", "2017-04-18", EXAMPLE)
    assert [p.read_bytes() for p in sorted(first.iterdir())] == [
        p.read_bytes() for p in sorted(second.iterdir())
    ]


def test_committed_reports_are_current(capsys, tmp_path, monkeypatch):
    """Fails when the reports under reports/ are stale: rerun the README's command."""
    monkeypatch.chdir(ROOT)
    fresh = tmp_path / "fresh"
    args = [str(fresh) if a == "reports" else a for a in REGENERATE]
    assert run(capsys, *args)[0] == 0
    committed = ROOT / "reports"
    names = sorted(p.name for p in fresh.iterdir())
    assert sorted(p.name for p in committed.iterdir()) == names
    stale = [n for n in names if (fresh / n).read_bytes() != (committed / n).read_bytes()]
    assert stale == [], "regenerate with: citecheck " + " ".join(REGENERATE)


@pytest.mark.parametrize("setup", ["folder-is-a-file", "parent-is-a-file"])
def test_an_unwritable_report_folder_is_one_line_and_exit_2(capsys, tmp_path, setup):
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    folder = blocker if setup == "folder-is-a-file" else blocker / "reports"
    code, out, err = run(capsys, "lint", "--report", str(folder), str(ROOT / EXAMPLE))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith(f"citecheck: {folder}: ")
    assert blocker.read_text() == "not a folder"


def test_a_failed_write_leaves_no_partial_report(tmp_path):
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "a.html").write_text("old")
    files = {"a.html": "new", "b.md": "new", "missing/c.json": "new"}
    with pytest.raises(Exception, match="cannot write report"):
        write_all(folder, files)
    assert sorted(p.name for p in folder.iterdir()) == ["a.html"]
    assert (folder / "a.html").read_text() == "old"


def test_a_digest_named_index_does_not_overwrite_the_run_index():
    from citecheck.report import view

    reports = [
        citecheck.lint("• A: “x” (Reuters, 04.12.17)\n", path=p)
        for p in ("index.txt", "a/index.md")
    ]
    assert view.report_names(reports) == ["index-2", "index-3"]


def test_index_links_stay_relative_whatever_the_file_is_called():
    from citecheck.report import html

    report = citecheck.lint("• A: “x” (Reuters, 04.12.17)\n", path="javascript:alert(1)#?.txt")
    index = html.render_index([report], ["javascript:alert(1)#?"])
    assert 'href="./javascript%3Aalert%281%29%23%3F.html"' in index
    assert 'href="javascript:' not in index


def test_a_bad_output_target_leaves_no_reports(tmp_path, capsys):
    reports = tmp_path / "reports"
    code = main(["lint", "--report", str(reports), "-o", str(tmp_path), str(EXAMPLE)])
    assert code == 2
    assert "is a directory; not written" in capsys.readouterr().err
    assert not reports.exists()
