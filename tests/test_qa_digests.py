"""Fresh digests an editor might write, each with known, deliberate mistakes.

Each `tests/data/qa/<name>.<ext>` has a sidecar `<name>.expected.json`: the
options it is linted with and the (line, code) of every mistake planted in
it. Everything else in these digests is correct but looks like a mistake
(asides, previews, lazy Markdown numbering, long-form dates, entities), so
the exact comparison checks precision as well as recall on material the
rules were not written against.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import citecheck
from citecheck.config import Config

QA = Path(__file__).parent / "data" / "qa"
DIGESTS = sorted(p for p in QA.iterdir() if not p.name.endswith(".expected.json"))


def test_every_digest_has_a_sidecar():
    assert len(DIGESTS) == 4
    for digest in DIGESTS:
        assert _sidecar(digest).exists(), digest.name


@pytest.mark.parametrize("digest", DIGESTS, ids=lambda p: p.name)
def test_findings_are_exactly_the_planted_mistakes(digest):
    expected = json.loads(_sidecar(digest).read_text("utf-8"))
    options = {key.replace("-", "_"): value for key, value in expected["options"].items()}
    report = citecheck.lint_file(digest, Config(**options))
    found = {(f.line, f.code) for f in report.findings}
    planted = {(m["line"], m["code"]) for m in expected["mistakes"]}
    assert planted
    assert sorted(found - planted) == [], "false positives"
    assert sorted(planted - found) == [], "false negatives"


def _sidecar(digest: Path) -> Path:
    return digest.with_name(digest.name.split(".")[0] + ".expected.json")
