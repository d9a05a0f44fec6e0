"""Gates for CI: baselines, changed lines only, and waivers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "tillerson-moscow-2017-04.txt"
DATE = ("--digest-date", "2017-04-18")
BAD_LINE = "    • Lavrov on 04.12.17: talks were frank. (Reuters, 04.1217)"
BAD_AT = 23  # the bad line's number once inserted in the middle of the example


def findings(out: str) -> list[dict]:
    return json.loads(out)["findings"]


def insert_bad_line(path: Path) -> None:
    lines = path.read_text("utf-8").split("\n")
    lines.insert(BAD_AT - 1, BAD_LINE)
    path.write_text("\n".join(lines), "utf-8")


@pytest.fixture
def digest(tmp_path) -> Path:
    path = tmp_path / "digest.txt"
    shutil.copyfile(EXAMPLE, path)
    return path


def test_baseline_reports_only_the_new_anomaly_even_when_lines_move(capsys, tmp_path, digest):
    baseline = tmp_path / "baseline.json"
    code, _, err = run(capsys, "lint", *DATE, "--write-baseline", str(baseline), str(digest))
    assert code == 0 and "recorded 25 findings" in err
    original = digest.read_text("utf-8")

    insert_bad_line(digest)
    code, out, _ = run(
        capsys, "lint", *DATE, "--baseline", str(baseline), "--format", "json", str(digest)
    )
    new = findings(out)
    assert code == 1
    assert [(f["line"], f["code"]) for f in new] == [(BAD_AT, "D001")]

    digest.write_text(original, "utf-8")
    code, out, _ = run(
        capsys, "lint", *DATE, "--baseline", str(baseline), "--format", "json", str(digest)
    )
    assert code == 0 and findings(out) == []


def test_baseline_counts_repeats_of_a_recorded_anomaly(capsys, tmp_path):
    path = tmp_path / "d.txt"
    path.write_text("• Lavrov: “Frank.” (Reuters, 04.1217)\n", "utf-8")
    baseline = tmp_path / "b.json"
    run(capsys, "lint", *DATE, "--write-baseline", str(baseline), str(path))
    path.write_text("• Lavrov: “Frank.” (Reuters, 04.1217)\n" * 2, "utf-8")
    code, out, _ = run(
        capsys, "lint", *DATE, "--baseline", str(baseline), "--format", "json", str(path)
    )
    assert code == 1
    assert [f["line"] for f in findings(out)] == [2]


def test_baseline_paths_are_relative_to_the_baseline_file(capsys, tmp_path, digest, monkeypatch):
    baseline = tmp_path / "baseline.json"
    monkeypatch.chdir(tmp_path)
    run(capsys, "lint", *DATE, "--write-baseline", "baseline.json", "digest.txt")
    assert {row["path"] for row in json.loads(baseline.read_text())["findings"]} == {"digest.txt"}
    monkeypatch.chdir(tmp_path.parent)
    code, _, _ = run(capsys, "lint", *DATE, "--baseline", str(baseline), str(digest))
    assert code == 0


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "baseline.json: no such file"),
        ("\udcff{}", "baseline.json: baseline is not UTF-8 (byte 0)"),
        ("{not json", "baseline.json:1: baseline is not valid JSON"),
        ('{"findings": []}', "not a citecheck baseline"),
        ('{"citecheck-baseline": 1, "fingerprint": "v1", "findings": [{}]}', "finding #1 lacks"),
    ],
)
def test_missing_or_corrupt_baseline_is_one_line_and_exit_2(
    capsys, tmp_path, digest, content, expected
):
    baseline = tmp_path / "baseline.json"
    if content is not None:
        baseline.write_bytes(content.encode("utf-8", "surrogateescape"))
    report_dir = tmp_path / "reports"
    code, out, err = run(
        capsys, "lint", "--baseline", str(baseline), "--report", str(report_dir), str(digest)
    )
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and expected in err
    assert not report_dir.exists()


def git(repo: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def repo(tmp_path, digest) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "digest.txt")
    git(tmp_path, "commit", "-q", "-m", "digest")
    return tmp_path


def test_diff_base_reports_only_the_changed_line(capsys, repo, digest):
    insert_bad_line(digest)
    code, out, _ = run(
        capsys, "lint", *DATE, "--diff-base", "HEAD", "--format", "json", str(digest)
    )
    assert code == 1
    assert [(f["line"], f["code"]) for f in findings(out)] == [(BAD_AT, "D001")]


def test_diff_base_with_no_change_reports_nothing(capsys, repo, digest):
    code, out, _ = run(
        capsys, "lint", *DATE, "--diff-base", "HEAD", "--format", "json", str(digest)
    )
    assert code == 0 and findings(out) == []


def test_diff_base_treats_a_new_file_as_all_changed(capsys, repo):
    new = repo / "new.txt"
    new.write_text("• Lavrov: “Frank.” (Reuters, 04.1217)\n", "utf-8")
    code, out, _ = run(capsys, "lint", *DATE, "--diff-base", "HEAD", "--format", "json", str(new))
    assert code == 1 and [f["code"] for f in findings(out)] == ["D001"]


def test_diff_base_keeps_waived_findings_by_the_same_lines_as_findings(monkeypatch):
    """A span over lines 1-2 touches a change on line 2, waived or not."""
    from dataclasses import replace

    from citecheck.gate import diffbase
    from citecheck.gate.waivers import Waived, Waiver
    from citecheck.linter import lint

    report = lint(BAD_LINE.strip() + "\n", path="digest.txt")
    finding = replace(report.findings[0], line=1, end_line=2)
    report.findings = [finding]
    report.waived = [Waived(finding, Waiver(code=finding.code, reason="known"))]
    monkeypatch.setattr(diffbase, "changed_lines", lambda path, rev, checked=None: {2})
    diffbase.keep_changed([report], "HEAD")
    assert report.findings == [finding]
    assert [w.finding for w in report.waived] == [finding]


def test_diff_base_errors_are_one_line_and_exit_2(capsys, repo, digest, tmp_path_factory):
    code, _, err = run(capsys, "lint", "--diff-base", "no-such-rev", str(digest))
    assert code == 2 and err.count("\n") == 1
    assert "unknown git revision 'no-such-rev'" in err
    outside = tmp_path_factory.mktemp("nogit") / "d.txt"
    shutil.copyfile(EXAMPLE, outside)
    code, _, err = run(capsys, "lint", "--diff-base", "HEAD", str(outside))
    if code == 2 and "not inside a git repository" not in err:
        pytest.skip("the temp folder lies inside a git repository here")
    assert code == 2 and err.count("\n") == 1 and "not inside a git repository" in err


WAIVED_CONFIG = """
[[waivers]]
code = "T001"
text = "04.17.17"
reason = "RT re-aired the conference on 04.17; the date is right"

[[waivers]]
code = "live-source-date"
claim = "no such claim anywhere"
reason = "left over"
"""


def test_waived_findings_do_not_fail_and_stale_waivers_are_reported(capsys, tmp_path, digest):
    config = tmp_path / "citecheck.toml"
    config.write_text(WAIVED_CONFIG, "utf-8")
    args = ("lint", *DATE, "--config", str(config), "--select", "T001", str(digest))
    code, out, err = run(capsys, *args, "--format", "json")
    assert code == 0
    assert findings(out) == []
    assert err.strip() == (
        f"citecheck: {config}: warning: waiver live-source-date claim='no such claim anywhere' "
        "matches no finding; remove it or update it"
    )
    reports = tmp_path / "reports"
    run(capsys, *args, "--report", str(reports))
    data = json.loads((reports / "digest.json").read_text("utf-8"))
    assert [(w["line"], w["waiver"]["reason"][:7]) for w in data["waived"]] == [
        (63, "RT re-a"),
        (115, "RT re-a"),
    ]
    assert data["unused_waivers"][0]["reason"] == "left over"
    page = (reports / "digest.html").read_text("utf-8")
    assert page.count('data-severity="waived"') == 2
    assert "Waived: RT re-aired" in page


def test_a_waiver_by_claim_text_follows_the_claim(capsys, tmp_path, digest):
    config = tmp_path / "citecheck.toml"
    config.write_text(
        '[[waivers]]\ncode = "D001"\nclaim = "talks were frank"\nreason = "checked"\n', "utf-8"
    )
    insert_bad_line(digest)
    code, out, err = run(
        capsys,
        "lint",
        *DATE,
        "--config",
        str(config),
        "--select",
        "D001",
        "--format",
        "json",
        str(digest),
    )
    assert [f["line"] for f in findings(out)] == [25]  # the example's own “11.17”, moved down
    assert code == 1 and err == ""


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ('code = "T001"\ntext = "x"\n', "waivers #1: a waiver needs a reason"),
        ('code = "T001"\nreason = "ok"\n', "with text or claim (not a line number)"),
        ('code = "T001"\ntext = "x"\nreason = "ok"\nline = 4\n', "unknown key 'line'"),
        ('code = "Z123"\ntext = "x"\nreason = "ok"\n', "code 'Z123' names no rule"),
    ],
)
def test_bad_waivers_are_config_errors(capsys, tmp_path, digest, table, expected):
    config = tmp_path / "citecheck.toml"
    config.write_text("[[waivers]]\n" + table, "utf-8")
    code, _, err = run(capsys, "lint", "--config", str(config), str(digest))
    assert code == 2 and err.count("\n") == 1 and expected in err


def test_diff_base_asks_git_about_a_folder_once(monkeypatch, repo, digest):
    from citecheck.gate import diffbase
    from citecheck.linter import lint_file

    second = Path(digest).with_name("second.txt")
    second.write_text(Path(digest).read_text("utf-8"), "utf-8")
    calls: list[tuple[str, ...]] = []
    real = diffbase._git
    monkeypatch.setattr(diffbase, "_git", lambda folder, *a: calls.append(a) or real(folder, *a))
    diffbase.keep_changed([lint_file(digest), lint_file(second)], "HEAD")
    assert sum(1 for a in calls if a[0] == "rev-parse") == 2
