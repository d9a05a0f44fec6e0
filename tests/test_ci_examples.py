"""The shipped pre-commit hook and example workflow call citecheck as it really is."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from citecheck.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent


def lint_commands(text: str) -> list[list[str]]:
    """Every `citecheck lint …` command line in a shell script, joined over `\\`."""
    script = text.replace("\\\n", " ")
    found = re.findall(r"citecheck (lint [^\n|]*)", script)
    return [shlex.split(command.replace('"$BASE"', "abc123")) for command in found]


def test_pre_commit_hook_runs_lint_on_digests():
    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    (hook,) = hooks
    assert hook["entry"] == "citecheck lint" and hook["language"] == "python"
    pattern = re.compile(hook["files"])
    assert pattern.search("digests/2017-04.txt") and pattern.search("d.html")
    assert not pattern.search("setup.py")


def test_example_workflow_uses_only_real_options():
    workflow = YAML(typ="safe").load((ROOT / "docs" / "github-workflow.yml").read_text("utf-8"))
    steps = workflow["jobs"]["citecheck"]["steps"]
    script = "\n".join(str(s.get("run", "")) for s in steps)
    commands = lint_commands(script)
    assert {c[c.index("--format") + 1] for c in commands} == {"github", "sarif", "markdown"}
    parser = build_parser()
    for command in commands:
        args = parser.parse_args([*command, "digest.txt"])
        assert args.diff_base == "abc123"
    with pytest.raises(SystemExit):
        parser.parse_args(["lint", "--no-such-option", "digest.txt"])
