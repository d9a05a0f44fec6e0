"""`lint --fix` and the claims ledger: regenerated, curated fields kept; `--diff` writes none."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run
from ruamel.yaml import YAML

from citecheck.cli import main

DIGEST = """\
Lavrov-Tillerson talks

  1. 04.12.17 meeting of Lavrov and Tillerson:

  • Lavrov:
    • Talks were “frank and useful.” (Reuters,04.12.17)
    • Russia wants a probe of the attack in Idlib. (TASS, 04.12.17)
  • Tillerson: relations are at “a low point.” (Washington Post, 04.12.17)
"""
NOTE = "    note: ask Reuters for the transcript  # AB\n"


def frank(ledger: Path):
    return next(c for c in YAML().load(ledger.read_text("utf-8"))["claims"] if "frank" in c["text"])


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A digest with one fixable finding and its ledger, with a note on the claim to be fixed."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "digest.txt").write_text(DIGEST, "utf-8")
    assert main(["extract", "digest.txt"]) == 0
    ledger = tmp_path / "claims.yaml"
    text = ledger.read_text("utf-8")
    anchor = "    text: Talks were"
    ledger.write_text(text.replace(anchor, NOTE + anchor, 1), "utf-8")
    return tmp_path


def test_extract_check_says_the_ledger_is_stale_after_a_fix(project, capsys):
    code, _, err = run(capsys, "lint", "--fix", "--no-ledger-update", "digest.txt")
    assert code == 0
    assert "(Reuters, 04.12.17)" in (project / "digest.txt").read_text("utf-8")
    assert "updated" not in err

    code, out, _ = run(capsys, "extract", "--check")

    assert code == 1
    assert out == (
        "claims.yaml: out of date with digest.txt: 1 claim changed, 0 added, 0 removed; "
        "run `citecheck extract -o claims.yaml`\n"
    )


def test_fix_regenerates_the_ledger_keeping_curated_fields(project, capsys):
    ledger = project / "claims.yaml"
    before = frank(ledger)["id"]

    code, _, err = run(capsys, "lint", "--fix", "digest.txt")

    assert code == 0
    assert err == "citecheck: fixed 1 problem in 1 file; 0 remain; updated claims.yaml\n"
    assert run(capsys, "extract", "--check") == (0, "", "")
    claim = frank(ledger)
    assert claim["text"] == "Talks were “frank and useful.” (Reuters, 04.12.17)"
    assert claim["id"] != before
    assert claim["note"] == "ask Reuters for the transcript"
    assert NOTE in ledger.read_text("utf-8")  # the comment too
    assert not list(project.glob(".claims.yaml.*"))  # no temporary file left behind


def test_fix_leaves_the_ledger_alone_when_the_digest_needs_no_fix(project, capsys):
    run(capsys, "lint", "--fix", "digest.txt")
    ledger = project / "claims.yaml"
    mtime = ledger.stat().st_mtime_ns

    code, _, err = run(capsys, "lint", "--fix", "digest.txt")

    assert (code, err) == (0, "citecheck: nothing to fix; 0 remain\n")
    assert ledger.stat().st_mtime_ns == mtime


def test_diff_never_writes_the_ledger(project, capsys):
    ledger = project / "claims.yaml"
    before = ledger.read_bytes()

    code, out, _ = run(capsys, "lint", "--diff", "digest.txt")

    assert code == 1
    assert "+    • Talks were “frank and useful.” (Reuters, 04.12.17)" in out
    assert ledger.read_bytes() == before
    assert "(Reuters,04.12.17)" in (project / "digest.txt").read_text("utf-8")


def test_a_folder_lint_judges_its_ledger_against_the_fixed_digest(project, capsys):
    args = ("lint", "--fix", "--color", "never", "--fail-on", "info", ".")
    code, out, err = run(capsys, *args, "--no-ledger-update")
    assert code == 1
    assert "claims.yaml:7:1: warning L002 out of date with its digest: 1 claim changed" in out

    (project / "digest.txt").write_text(DIGEST, "utf-8")
    code, out, err = run(capsys, *args)
    assert "updated claims.yaml" in err
    assert (code, out.count("L002")) == (0, 0)


def test_an_invalid_ledger_is_left_as_it_was_with_a_warning(project, capsys):
    ledger = project / "claims.yaml"
    ledger.write_text(ledger.read_text("utf-8").replace("version: 1", "version: 2"), "utf-8")
    before = ledger.read_bytes()

    code, _, err = run(capsys, "lint", "--fix", "digest.txt")

    assert code == 0
    assert "(Reuters, 04.12.17)" in (project / "digest.txt").read_text("utf-8")
    assert ledger.read_bytes() == before
    assert "citecheck: claims.yaml:6: warning: ledger not updated: `version`: expected 1" in err


def test_a_read_only_ledger_is_left_as_it_was_with_a_warning(project, capsys):
    ledger = project / "claims.yaml"
    before = ledger.read_bytes()
    ledger.chmod(0o444)
    try:
        code, _, err = run(capsys, "lint", "--fix", "digest.txt")
    finally:
        ledger.chmod(0o644)
    assert code == 0
    assert ledger.read_bytes() == before
    assert "citecheck: claims.yaml: warning: ledger not updated: is read-only; not written" in err


def test_no_ledger_update_needs_fix(project, capsys):
    code, out, err = run(capsys, "lint", "--no-ledger-update", "digest.txt")
    assert (code, out, err) == (2, "", "citecheck: --no-ledger-update needs --fix\n")
