"""The command line: exit codes, formats, options, and bad input as one clear line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run

from citecheck.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "tillerson-moscow-2017-04.txt"
CLEAN = "• Lavrov: “Frank talks.” (Reuters, 04.12.17)\n"
WARNING_ONLY = "• Lavrov: “Frank talks.” (Reuters,04.12.17)\n"


@pytest.fixture
def digest(tmp_path):
    def write(text: str, name: str = "digest.txt") -> str:
        path = tmp_path / name
        path.write_text(text, "utf-8")
        return str(path)

    return write


def test_clean_digest_exits_0(capsys, digest):
    code, out, _ = run(capsys, "lint", "--digest-date", "2017-04-20", digest(CLEAN))
    assert code == 0
    assert "no problems found" in out


def test_errors_exit_1_with_compiler_style_lines(capsys):
    code, out, _ = run(capsys, "lint", "--color", "never", str(EXAMPLE))
    assert code == 1
    assert f"{EXAMPLE}:24:428: error D001 malformed date “11.17”" in out
    assert "^^^^^" in out
    assert "fix: the event date from “Mattis on 04.11.17”: write “04.11.17”" in out
    assert out.rstrip().splitlines()[-1].startswith("1 file, ")


def test_fail_on_sets_the_threshold(capsys, digest):
    path = digest(WARNING_ONLY)
    assert run(capsys, "lint", "--digest-date", "2017-04-20", path)[0] == 0
    assert run(capsys, "lint", "--digest-date", "2017-04-20", "--fail-on", "warning", path)[0] == 1
    assert run(capsys, "lint", "--fail-on", "never", str(EXAMPLE))[0] == 0


def test_json_output_follows_the_documented_schema(capsys):
    code, out, _ = run(capsys, "lint", "--format", "json", str(EXAMPLE))
    document = json.loads(out)
    assert code == 1
    assert document["version"] == 1
    keys = {"path", "line", "column", "end_line", "end_column", "code", "name", "severity"}
    keys |= {"message", "suggestion", "fix", "claim"}
    assert all(set(f) == keys for f in document["findings"])
    summary = document["summary"]
    assert summary["findings"] == len(document["findings"])
    assert summary["error"] + summary["warning"] + summary["info"] == summary["findings"]


def test_select_and_ignore_take_codes_prefixes_and_names(capsys):
    def codes(*options: str) -> set[str]:
        _, out, _ = run(capsys, "lint", "--format", "json", *options, str(EXAMPLE))
        return {f["code"] for f in json.loads(out)["findings"]}

    assert codes("--select", "D001") == {"D001"}
    assert codes("--select", "Q") == {"Q001", "Q002", "Q003", "Q004", "Q005"}
    assert codes("--select", "quote-uncited,T") == {"Q001", "T001"}
    assert "S001" not in codes("--ignore", "numbering-broken")


def test_stdin(capsys, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(WARNING_ONLY.encode())))
    code, out, _ = run(capsys, "lint", "--digest-date", "2017-04-20", "-")
    assert code == 0
    assert "<stdin>:1:" in out and "C001" in out


def test_stdin_is_read_as_a_file_is(capsys, monkeypatch, digest):
    """Not UTF-8 on stdin gets the same S003 note as in a file, not a silent cp1252 read."""
    import io

    data = "• Lavrov: “Frank talks.” (Reuters, 04.12.17)\n".encode("cp1252")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    _, piped, _ = run(capsys, "lint", "--format", "json", "--digest-date", "2017-04-20", "-")
    path = Path(digest(""))
    path.write_bytes(data)
    _, read, _ = run(capsys, "lint", "--format", "json", "--digest-date", "2017-04-20", str(path))
    codes = [[f["code"] for f in json.loads(out)["findings"]] for out in (piped, read)]
    assert "S003" in codes[1]
    assert codes[0] == codes[1]


def test_folders_are_searched_for_digests(capsys, tmp_path):
    (tmp_path / "a.txt").write_text(CLEAN, "utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(WARNING_ONLY, "utf-8")
    (tmp_path / "notes.csv").write_text("x,y\n", "utf-8")
    code, out, _ = run(capsys, "lint", "--format", "json", str(tmp_path))
    assert json.loads(out)["summary"]["files"] == 2
    assert code == 0


def test_rules_lists_every_rule_and_rule_explains_one(capsys):
    from citecheck.rules import ALL_RULES

    code, out, _ = run(capsys, "rules")
    assert code == 0
    assert len(out.strip().splitlines()) == len(ALL_RULES)
    code, out, _ = run(capsys, "rule", "date-malformed")
    assert code == 0
    assert out.startswith("D001 date-malformed\nDefault severity: error.")
    for heading in ("## Why it matters", "## Example", "## Fix"):
        assert heading in out


def test_every_rule_is_documented():
    from citecheck.rules import ALL_RULES

    codes = [r.code for r in ALL_RULES]
    names = [r.name for r in ALL_RULES]
    assert len(set(codes)) == len(codes) and len(set(names)) == len(names)
    for rule in ALL_RULES:
        for heading in ("## Why it matters", "## Example", "## Fix"):
            assert heading in rule.doc(), f"{rule.code} lacks {heading}"
        assert rule.fix_safety in ("safe", "unsafe", "none")


@pytest.mark.parametrize(
    ("setup", "args", "expected"),
    [
        (None, ["lint", "missing.txt"], "missing.txt: no such file or folder"),
        ("empty-folder", ["lint", "{tmp}/empty"], "folder holds no digests"),
        ("binary", ["lint", "{tmp}/x.txt"], "x.txt: binary file, not a digest"),
        ("undecodable", ["lint", "{tmp}/x.txt"], "x.txt: cannot decode byte 0x81"),
        ("bad-toml", ["lint", "--config", "{tmp}/c.toml", str(EXAMPLE)], "c.toml:1: invalid TOML"),
        ("bad-key", ["lint", "--config", "{tmp}/c.toml", str(EXAMPLE)], "unknown key 'colour'"),
        (None, ["lint", "--digest-date", "12.04.17", str(EXAMPLE)], "--digest-date: expected"),
        (None, ["lint", "--select", "Z999", str(EXAMPLE)], "--select: no rule matches 'Z999'"),
        (None, ["lint", "--format", "yaml", str(EXAMPLE)], "--format: unknown format 'yaml'"),
        (None, ["rule", "X123"], "no rule 'X123'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys, tmp_path, setup, args, expected):
    if setup == "empty-folder":
        (tmp_path / "empty").mkdir()
        (tmp_path / "empty" / "notes.csv").write_text("a,b\n")
    elif setup == "binary":
        (tmp_path / "x.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    elif setup == "undecodable":
        (tmp_path / "x.txt").write_bytes(b"Lavrov \x81\x8d said")
    elif setup == "bad-toml":
        (tmp_path / "c.toml").write_text("date-order = \n")
    elif setup == "bad-key":
        (tmp_path / "c.toml").write_text('colour = "always"\n')
    code, out, err = run(capsys, *(a.format(tmp=tmp_path) for a in args))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("citecheck: ")
    assert expected in err


def test_argparse_usage_errors_also_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["lint", "--fail-on", "sometimes", str(EXAMPLE)])
    assert exit_info.value.code == 2


def test_a_real_process_prints_no_traceback(tmp_path):
    bad = tmp_path / "x.txt"
    bad.write_bytes(b"\x00\x01binary")
    result = subprocess.run(
        [sys.executable, "-m", "citecheck", "lint", str(bad)], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == f"citecheck: {bad}: binary file, not a digest"


def test_version_is_fast_because_nothing_heavy_is_imported():
    code = (
        "import sys; from citecheck.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "heavy = {'requests', 'bs4', 'ruamel', 'dateutil', 'citecheck.rules'} & set(sys.modules)\n"
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_plain_text_lint_imports_no_network_or_html_library(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(CLEAN, "utf-8")
    code = (
        "import sys; from citecheck.cli import main\n"
        f"main(['lint', {str(path)!r}])\n"
        "heavy = {'requests', 'bs4', 'ruamel', 'dateutil', 'urllib3'} & set(sys.modules)\n"
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_config_file_is_read_and_cli_overrides_it(capsys, tmp_path):
    (tmp_path / "citecheck.toml").write_text('select = ["D"]\nfail-on = "warning"\n')
    path = tmp_path / "d.txt"
    path.write_text("• Lavrov: “Frank talks.” (Reuters, 04.12.17) (AP, 2017-04-12)\n", "utf-8")
    config = str(tmp_path / "citecheck.toml")
    code, out, _ = run(capsys, "lint", "--config", config, "--format", "json", str(path))
    assert {f["code"] for f in json.loads(out)["findings"]} == {"D004"}
    assert code == 1
    code, _, _ = run(capsys, "lint", "--config", config, "--fail-on", "error", str(path))
    assert code == 0
