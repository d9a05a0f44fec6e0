"""Waivers written on a claim in claims.yaml, and how linting a digest finds its ledger."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run
from ruamel.yaml import YAML

from citecheck.cli import main
from citecheck.ledger.lookup import find_ledger

DIGEST = """\
Lavrov-Tillerson talks

  1. 04.12.17 meeting of Lavrov and Tillerson:

  • Lavrov:
    • Talks were “frank and useful.” (Reuters,04.12.17)
    • Russia wants a probe of the attack in Idlib. (TASS,04.12.17)
  • Tillerson: relations are at “a low point.” (Washington Post, 04.12.17)
"""
FAIL = ("--color", "never", "--fail-on", "warning")


def load(path: Path):
    return YAML().load(path.read_text("utf-8"))


def claim_id(ledger: Path, text: str) -> str:
    return next(c["id"] for c in load(ledger)["claims"] if text in c["text"])


def waive(ledger: Path, text: str, waiver: str) -> int:
    """Add `waiver` (YAML lines) to the claim holding `text`; returns its first line."""
    lines = ledger.read_text("utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("    text: ") and text in line)
    lines[at:at] = ["    waivers:\n", *(f"      {line}\n" for line in waiver.splitlines())]
    ledger.write_text("".join(lines), "utf-8")
    return at + 2


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "digest.txt").write_text(DIGEST, "utf-8")
    assert main(["extract", "digest.txt"]) == 0
    return tmp_path


def test_a_waiver_on_a_claim_waives_its_finding_and_no_other(project, capsys):
    code, out, _ = run(capsys, "lint", *FAIL, "digest.txt")
    assert code == 1
    assert out.count("warning C001") == 2

    waive(project / "claims.yaml", "frank", "- code: C001\n  reason: Reuters house style")
    code, out, err = run(capsys, "lint", *FAIL, "digest.txt")

    assert code == 1  # the TASS claim's C001 is not waived
    assert out.count("warning C001") == 1
    assert "digest.txt:7:" in out and "digest.txt:6:" not in out
    assert err == ""


def test_waived_findings_pass_the_run_and_show_in_reports_with_their_reason(project, capsys):
    ledger = project / "claims.yaml"
    waive(ledger, "frank", "- code: C001\n  reason: Reuters house style")
    waive(ledger, "Idlib", "- code: comma-spacing\n  text: ','\n  reason: as TASS writes it")

    code, out, err = run(capsys, "lint", *FAIL, "--report", "r", "digest.txt")

    assert (code, err) == (0, "")
    assert "C001" not in out
    data = json.loads((project / "r" / "digest.json").read_text("utf-8"))
    assert data["findings"] == []
    assert sorted((w["line"], w["waiver"]["reason"]) for w in data["waived"]) == [
        (6, "Reuters house style"),
        (7, "as TASS writes it"),
    ]
    assert "Waived: Reuters house style" in (project / "r" / "digest.html").read_text("utf-8")


def test_a_waiver_that_matches_nothing_is_reported_with_its_yaml_line(project, capsys):
    ledger = project / "claims.yaml"
    line = waive(ledger, "low point", "- code: Q001\n  reason: left over")
    tillerson = claim_id(ledger, "low point")

    code, _, err = run(capsys, "lint", "--color", "never", "digest.txt")

    assert code == 0
    assert err == (
        f"citecheck: claims.yaml:{line}: warning: waiver Q001 claim='{tillerson}' matches no "
        "finding; remove it or update it\n"
    )
    code, out, _ = run(capsys, "lint", "--format", "github", "digest.txt")
    assert f"::warning file=claims.yaml,line={line},title=unused-waiver::" in out


def test_a_waiver_with_text_must_match_the_offending_text(project, capsys):
    waive(project / "claims.yaml", "frank", "- code: C001\n  text: TASS\n  reason: wrong text")
    code, out, err = run(capsys, "lint", *FAIL, "digest.txt")
    assert code == 1
    assert out.count("warning C001") == 2
    assert "waiver C001 text='TASS'" in err


def test_waiver_mistakes_are_schema_problems_on_their_lines(project, capsys):
    ledger = project / "claims.yaml"
    first = waive(ledger, "frank", "- code: Z999\n  reason: x\n- code: C001\n  reason: ''")
    third = waive(ledger, "Idlib", "- code: C001\n  why: typo\n  reason: x")

    code, out, _ = run(capsys, "lint", "--color", "never", "claims.yaml")

    assert code == 1
    assert f"claims.yaml:{first}:15: error L001 `code`: expected a rule code such as Q001" in out
    assert f"claims.yaml:{first + 3}:17: error L001 `reason`: expected the reason" in out
    assert f"claims.yaml:{third + 1}:9: error L001 unknown key `why` in a waiver" in out


def test_an_invalid_ledger_waives_nothing_and_says_so(project, capsys):
    ledger = project / "claims.yaml"
    waive(ledger, "frank", "- code: C001\n  reason: Reuters house style")
    waive(ledger, "Idlib", "- code: C001")
    line = ledger.read_text("utf-8").splitlines().index("      - code: C001", 20) + 1

    code, out, err = run(capsys, "lint", *FAIL, "digest.txt")

    assert code == 1
    assert out.count("warning C001") == 2
    assert err == (
        f"citecheck: claims.yaml:{line}: warning: its waivers are not applied: "
        "a waiver has no `reason`\n"
    )


def test_fix_says_once_that_an_invalid_ledger_waives_nothing(project, capsys):
    waive(project / "claims.yaml", "Idlib", "- code: C001")

    _, _, err = run(capsys, "lint", *FAIL, "--fix", "digest.txt")

    assert err.count("its waivers are not applied") == 1


def test_waivers_are_kept_on_re_extraction_and_orphaned_with_their_claim(project, capsys):
    ledger = project / "claims.yaml"
    waive(ledger, "frank", "- code: C001\n  reason: Reuters house style  # AB")
    digest = project / "digest.txt"
    digest.write_text(DIGEST.replace("frank and useful", "frank and very useful"), "utf-8")

    assert run(capsys, "extract")[0] == 0
    edited = next(c for c in load(ledger)["claims"] if "frank" in c["text"])
    assert edited["waivers"] == [{"code": "C001", "reason": "Reuters house style"}]
    assert "Reuters house style  # AB" in ledger.read_text("utf-8")
    _, out, err = run(capsys, "lint", *FAIL, "digest.txt")
    assert out.count("warning C001") == 1 and err == ""

    digest.write_text(
        DIGEST.replace("    • Talks were “frank and useful.” (Reuters,04.12.17)\n", "")
    )
    _, _, err = run(capsys, "extract")
    assert "kept under `orphans`" in err
    [orphan] = load(ledger)["orphans"]
    assert orphan["waivers"] == [{"code": "C001", "reason": "Reuters house style"}]
    _, _, err = run(capsys, "lint", "digest.txt")
    assert f"waiver C001 claim='{orphan['id']}' matches no finding" in err


def test_fix_leaves_a_waived_finding_alone(project, capsys):
    waive(project / "claims.yaml", "frank", "- code: C001\n  reason: Reuters house style")

    _, diff, _ = run(capsys, "lint", "--diff", "digest.txt")
    assert "+    • Russia wants a probe of the attack in Idlib. (TASS, 04.12.17)" in diff
    assert "Reuters, 04.12.17" not in diff
    run(capsys, "lint", "--fix", "digest.txt")
    text = (project / "digest.txt").read_text("utf-8")
    assert "(Reuters,04.12.17)" in text and "(TASS, 04.12.17)" in text


def test_a_ledger_in_a_parent_folder_that_names_the_digest_is_found(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "digests" / "april").mkdir(parents=True)
    digest = tmp_path / "digests" / "april" / "d.txt"
    digest.write_text(DIGEST, "utf-8")
    other = tmp_path / "digests" / "april" / "other.txt"
    other.write_text(DIGEST, "utf-8")
    (tmp_path / "digests" / "claims.yml").write_text("version: 1\ndigest: 'april/d.txt'\n")

    assert find_ledger("digests/april/d.txt") == Path("digests/claims.yml")
    assert find_ledger(str(digest)) == tmp_path / "digests" / "claims.yml"
    assert find_ledger("digests/april/other.txt") is None
    assert find_ledger("<stdin>") is None


def test_the_search_for_a_ledger_stops_at_the_top_of_a_repository(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "outside" / "repo" / "sub").mkdir(parents=True)
    (tmp_path / "outside" / "repo" / ".git").mkdir()
    (tmp_path / "outside" / "repo" / "sub" / "d.txt").write_text(DIGEST, "utf-8")
    (tmp_path / "outside" / "claims.yaml").write_text("digest: repo/sub/d.txt\n")
    assert find_ledger("outside/repo/sub/d.txt") is None
    (tmp_path / "outside" / "repo" / "claims.yaml").write_text("digest: sub/d.txt  # mine\n")
    assert find_ledger("outside/repo/sub/d.txt") == Path("outside/repo/claims.yaml")


@pytest.mark.parametrize("named", ["other.txt", "d.txt"])
def test_a_ledger_without_waivers_for_the_digest_keeps_yaml_off_the_lint(tmp_path, named):
    (tmp_path / "d.txt").write_text(DIGEST, "utf-8")
    (tmp_path / "claims.yaml").write_text(f"version: 1\ndigest: {named}\nclaims: []\n")
    code = (
        "import sys; from citecheck.cli import main\n"
        f"main(['lint', {str(tmp_path / 'd.txt')!r}])\n"
        "assert 'ruamel' not in sys.modules\n"
        f"main(['lint', {str(tmp_path / 'claims.yaml')!r}])\n"
        "assert 'ruamel' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, cwd=tmp_path)
