"""`citecheck lint --fix / --diff / --unsafe-fixes` as a user runs them."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import citecheck.fix
from citecheck.cli import main

ROOT = Path(__file__).parent.parent
EXAMPLE = "examples/tillerson-moscow-2017-04.txt"


def run(*args: str, cwd: Path = ROOT, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "citecheck", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return Path(shutil.copyfile(ROOT / EXAMPLE, tmp_path / "digest.txt"))


def test_diff_of_the_example_is_the_one_in_the_readme() -> None:
    before = (ROOT / EXAMPLE).read_bytes()
    done = run("lint", "--fix", "--diff", EXAMPLE)
    assert done.returncode == 1, done.stderr
    assert (ROOT / EXAMPLE).read_bytes() == before
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"```diff\n(.*?)```", readme, re.S)
    assert shown is not None
    assert done.stdout == shown.group(1)
    assert done.stderr == (
        "citecheck: would fix 9 problems in 1 file; 16 remain "
        "(10 more fixable with --unsafe-fixes)\n"
    )


def test_diff_of_the_example_fixes_its_citation_groups() -> None:
    lines = run("lint", "--diff", EXAMPLE).stdout.splitlines()
    removed = [line for line in lines if line.startswith("-") and not line.startswith("---")]
    added = [line for line in lines if line.startswith("+") and not line.startswith("+++")]
    assert any(line.endswith("people.”(Bloomberg, 04.12.17)") for line in removed)
    assert any(line.endswith("people.” (Bloomberg, 04.12.17)") for line in added)
    assert any(line.endswith("(Bloomberg, 04.11.17,Washington Post, 04.11.17)") for line in removed)
    assert any(line.endswith("(Bloomberg, 04.11.17, Washington Post, 04.11.17)") for line in added)
    assert any(line.endswith("(RFE/RL, 11.17, Reuters, 04.12.17)") for line in added)
    assert any(line.endswith("he said. (Washington Post, 04.12.17)") for line in added)
    assert len(removed) == len(added) == 9


def test_fix_writes_reports_what_remains_and_second_run_finds_nothing(example: Path) -> None:
    first = run("lint", "--fix", "--digest-date", "2017-04-20", str(example))
    assert first.returncode == 1  # errors remain
    assert first.stderr.startswith("citecheck: fixed 9 problems in 1 file; 16 remain")
    assert first.stdout.rstrip().endswith("(10 with a suggested fix)")
    assert "people.” (Bloomberg, 04.12.17)" in example.read_text(encoding="utf-8")
    fixed = example.read_bytes()
    second = run("lint", "--fix", "--digest-date", "2017-04-20", str(example))
    assert second.stderr.startswith("citecheck: nothing to fix; 16 remain")
    assert example.read_bytes() == fixed
    assert run("lint", "--diff", str(example)).returncode == 0


def test_unsafe_fixes_leave_only_what_needs_a_person(example: Path) -> None:
    done = run("lint", "--fix", "--unsafe-fixes", "--digest-date", "2017-04-20", str(example))
    assert done.stderr == "citecheck: fixed 19 problems in 1 file; 6 remain\n"
    text = example.read_text(encoding="utf-8")
    assert "(RFE/RL, 04.11.17, Reuters, 04.12.17)" in text
    assert "RT live broadcast, 04.17.17" not in text
    parts = re.findall(r"^ *([IVX]+\.) \S", text, re.M)
    assert parts == [
        "I.",
        "II.",
        "III.",
        "IV.",
    ]


def test_json_after_fix_carries_the_remaining_fixes_against_the_fixed_text(
    example: Path,
) -> None:
    done = run("lint", "--fix", "--format", "json", str(example))
    report = json.loads(done.stdout)
    text = example.read_text(encoding="utf-8")
    fixes = [f["fix"] for f in report["findings"] if f["fix"]]
    assert len(fixes) == 10
    for fix in fixes:
        assert fix["applicability"] == "unsafe"
        (edit,) = fix["edits"]
        assert fix["description"].startswith(f"replace “{text[edit['start'] : edit['end']]}”")


def test_unsafe_fixes_alone_is_a_usage_error(example: Path) -> None:
    done = run("lint", "--unsafe-fixes", str(example))
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "citecheck: --unsafe-fixes needs --fix or --diff\n"


def test_stdin_can_be_diffed_but_not_fixed() -> None:
    text = "• Lavrov said.(Reuters, 04.12.17)\n"
    diffed = run("lint", "--diff", "-", stdin=text)
    assert diffed.returncode == 1
    assert diffed.stdout.splitlines()[:2] == ["--- <stdin>", "+++ <stdin>"]
    assert "+• Lavrov said. (Reuters, 04.12.17)" in diffed.stdout.splitlines()
    fixed = run("lint", "--fix", "-", stdin=text)
    assert (fixed.returncode, fixed.stdout) == (2, "")
    assert fixed.stderr == "citecheck: <stdin>: cannot fix stdin in place; use --diff\n"


def test_read_only_file_is_one_line_exit_2_and_untouched(example: Path) -> None:
    example.chmod(0o444)
    before = example.read_bytes()
    done = run("lint", "--fix", str(example))
    assert done.returncode == 2
    assert done.stderr == f"citecheck: {example}: is read-only; not written\n"
    assert example.read_bytes() == before
    assert [p.name for p in example.parent.iterdir()] == ["digest.txt"]


def test_file_changed_on_disk_is_one_line_exit_2_and_untouched(
    example: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_fix = citecheck.fix.fix
    edited = example.read_text(encoding="utf-8") + "• An editor's late addition.\n"

    def fix_while_someone_edits(*args, **kwargs):
        example.write_text(edited, encoding="utf-8")
        return real_fix(*args, **kwargs)

    monkeypatch.setattr(citecheck.fix, "fix", fix_while_someone_edits)
    assert main(["lint", "--fix", str(example)]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"citecheck: {example}: changed on disk since it was read; not written\n"
    assert example.read_text(encoding="utf-8") == edited
    assert [p.name for p in example.parent.iterdir()] == ["digest.txt"]
