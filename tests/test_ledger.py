"""The claims ledger: extraction, curated fields that survive it, --check, and validation."""

from __future__ import annotations

import copy
import functools
from pathlib import Path

import pytest
from conftest import run
from hypothesis import example, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

import citecheck
from citecheck.cli import main
from citecheck.config import Config
from citecheck.ledger import lint_ledger
from citecheck.ledger.build import claim_entries, plain, read_digest
from citecheck.ledger.files import dumps, parse
from citecheck.ledger.merge import merge

ROOT = Path(__file__).resolve().parent.parent

DIGEST = """\
Lavrov-Tillerson talks

  1. 04.12.17 meeting of Lavrov and Tillerson:

  • Lavrov:
    • Talks were “frank and useful.” (Reuters, 04.12.17)
    • Russia wants a probe of the chemical attack in Idlib. (TASS, 04.12.17, Bloomberg, 04.12.17)
  • Tillerson: relations are at “a low point.” (Washington Post, 04.12.17)
"""


def load(path: Path):
    return YAML().load(path.read_text("utf-8"))


def claim(ledger, speaker_text: str):
    return next(c for c in ledger["claims"] if speaker_text in c["text"])


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A folder with a digest and its freshly extracted ledger, as the working directory."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "digest.txt").write_text(DIGEST, "utf-8")
    assert main(["extract", "digest.txt"]) == 0
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_ledger_records_every_claim_as_extracted(project):
    ledger = load(project / "claims.yaml")
    digest = read_digest(project / "digest.txt", Config())
    assert ledger["version"] == 1
    assert ledger["digest"] == "digest.txt"
    assert plain(list(ledger["claims"])) == plain(claim_entries(digest))
    probe = claim(ledger, "probe")
    assert probe["speaker"] == "Lavrov"
    assert probe["context"] == ["Lavrov"]
    assert probe["section"] == ["04.12.17 meeting of Lavrov and Tillerson"]
    assert [c["canonical"] for c in probe["citations"]] == ["TASS", "Bloomberg News"]
    assert str(probe["event_date"]) == "2017-04-12"
    assert claim(ledger, "frank")["quotes"] == ["frank and useful."]


def test_ledger_starts_with_a_header_saying_how_to_regenerate_it(project):
    text = (project / "claims.yaml").read_text("utf-8")
    assert text.startswith("# Claims ledger, written by `citecheck extract`")
    assert "citecheck extract -o claims.yaml" in text
    assert "&id" not in text  # shared dates are written out, not aliased


def test_re_extraction_of_an_unchanged_digest_rewrites_nothing(project, capsys):
    before = (project / "claims.yaml").read_text("utf-8")
    mtime = (project / "claims.yaml").stat().st_mtime_ns
    code, out, _ = run(capsys, "extract")
    assert code == 0
    assert out == ""
    assert (project / "claims.yaml").read_text("utf-8") == before
    assert (project / "claims.yaml").stat().st_mtime_ns == mtime


def test_curated_fields_and_comments_survive_re_extraction(project, capsys):
    ledger = project / "claims.yaml"
    edit(
        ledger,
        "    quotes:\n      - frank and useful.",
        "    note: ask Reuters for the transcript  # Mon\n    tags:\n      - talks\n    quotes:\n      - frank and useful.",
    )
    edit(
        ledger,
        "        date_text: 04.12.17\n        date: 2017-04-12\n        url:\n",
        "        date_text: 04.12.17\n        date: 2017-04-12\n        url: https://www.reuters.com/article/x\n        note: paywalled\n",
    )
    edit(ledger, "claims:\n", "claims:\n  # reviewed by AB\n")
    edit(
        project / "digest.txt",
        "Lavrov-Tillerson talks\n",
        "Lavrov-Tillerson talks\nSecond edition\n",
    )

    assert run(capsys, "extract")[0] == 0

    text = ledger.read_text("utf-8")
    assert "# reviewed by AB" in text
    assert "  # Mon" in text
    frank = claim(load(ledger), "frank")
    assert frank["line"] == 7  # moved down one line, and regenerated
    assert frank["note"] == "ask Reuters for the transcript"
    assert frank["tags"] == ["talks"]
    assert frank["citations"][0]["url"] == "https://www.reuters.com/article/x"
    assert frank["citations"][0]["note"] == "paywalled"
    assert "orphans" not in load(ledger)


def test_edited_claim_keeps_its_note_through_text_similarity(project, capsys):
    ledger = project / "claims.yaml"
    old_id = claim(load(ledger), "probe")["id"]
    edit(ledger, "    quotes: []\n", "    note: confirm with TASS\n    quotes: []\n")
    edit(project / "digest.txt", "the chemical attack", "the chemical weapons attack")

    assert run(capsys, "extract")[0] == 0

    probe = claim(load(ledger), "probe")
    assert probe["id"] != old_id
    assert "chemical weapons attack" in probe["text"]
    assert probe["note"] == "confirm with TASS"


def test_removed_claim_leaves_its_curated_data_as_an_orphan(project, capsys):
    ledger = project / "claims.yaml"
    edit(
        ledger,
        "    speaker: Tillerson\n",
        "    speaker: Tillerson\n    note: low point since when?  # ask AB\n",
    )
    edit(
        project / "digest.txt",
        "  • Tillerson: relations are at “a low point.” (Washington Post, 04.12.17)\n",
        "",
    )

    code, _, err = run(capsys, "extract")

    assert code == 0
    assert "warning: 1 entry with notes or URLs no longer match the digest" in err
    data = load(ledger)
    assert all("Tillerson" not in c["text"] for c in data["claims"])
    [orphan] = data["orphans"]
    assert orphan["note"] == "low point since when?"
    assert "low point" in orphan["text"]
    assert set(orphan) == {"id", "text", "note"}
    assert "# ask AB" in ledger.read_text("utf-8")
    assert run(capsys, "extract")[0] == 0
    assert len(load(ledger)["orphans"]) == 1  # kept, not duplicated


def test_dropped_citation_with_a_url_becomes_an_orphan_of_its_claim(project, capsys):
    ledger = project / "claims.yaml"
    edit(
        ledger,
        "        canonical: Bloomberg News\n        kind: article\n        date_text: 04.12.17\n        date: 2017-04-12\n        url:\n",
        "        canonical: Bloomberg News\n        kind: article\n        date_text: 04.12.17\n        date: 2017-04-12\n        url: https://www.bloomberg.com/news/x\n",
    )
    edit(project / "digest.txt", "(TASS, 04.12.17, Bloomberg, 04.12.17)", "(TASS, 04.12.17)")

    assert run(capsys, "extract")[0] == 0

    data = load(ledger)
    [orphan] = data["orphans"]
    assert orphan["id"] == claim(data, "probe")["id"]
    assert [dict(c) for c in orphan["citations"]] == [
        {"text": "Bloomberg, 04.12.17", "url": "https://www.bloomberg.com/news/x"}
    ]


def test_check_passes_silently_when_current_and_fails_when_stale(project, capsys):
    assert run(capsys, "extract", "--check") == (0, "", "")
    edit(project / "digest.txt", "(Reuters, 04.12.17)", "(Reuters, 04.13.17)")
    edit(
        project / "digest.txt",
        "  • Tillerson: relations are at “a low point.” (Washington Post, 04.12.17)\n",
        "",
    )

    code, out, _ = run(capsys, "extract", "--check")

    assert code == 1
    assert out == (
        "claims.yaml: out of date with digest.txt: 1 claim changed, 0 added, 1 removed; "
        "run `citecheck extract -o claims.yaml`\n"
    )


def test_check_ignores_curated_fields(project, capsys):
    edit(
        project / "claims.yaml",
        "        url:\n",
        "        url: https://www.reuters.com/x\n        note: seen\n",
    )
    assert run(capsys, "extract", "--check", "-o", "claims.yaml")[0] == 0


def test_check_of_a_missing_ledger_fails_and_says_how_to_write_it(tmp_path, capsys):
    (tmp_path / "digest.txt").write_text(DIGEST, "utf-8")
    ledger = tmp_path / "claims.yaml"
    code, out, _ = run(
        capsys, "extract", "--check", str(tmp_path / "digest.txt"), "-o", str(ledger)
    )
    assert code == 1
    assert "no ledger yet" in out


def test_extract_without_path_or_ledger_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "extract")
    assert code == 2
    assert out == ""
    assert err.startswith("citecheck: claims.yaml: no ledger to re-extract")
    assert len(err.splitlines()) == 1


def test_ledger_naming_a_missing_digest_is_bad_input(project, capsys):
    (project / "digest.txt").unlink()
    code, _, err = run(capsys, "extract")
    assert code == 2
    assert err == "citecheck: claims.yaml:7: the digest it names, digest.txt, is not there\n"


def test_extract_to_stdout_writes_no_file(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "digest.txt").write_text(DIGEST, "utf-8")
    code, out, _ = run(capsys, "extract", "digest.txt", "-o", "-")
    assert code == 0
    assert YAML().load(out)["digest"] == "digest.txt"
    assert not (tmp_path / "claims.yaml").exists()


def test_digest_is_named_relative_to_the_ledger(tmp_path, capsys):
    (tmp_path / "digests").mkdir()
    (tmp_path / "digests" / "d.txt").write_text(DIGEST, "utf-8")
    (tmp_path / "ledgers").mkdir()
    ledger = tmp_path / "ledgers" / "claims.yaml"
    assert run(capsys, "extract", str(tmp_path / "digests" / "d.txt"), "-o", str(ledger))[0] == 0
    assert load(ledger)["digest"] == "../digests/d.txt"
    assert run(capsys, "extract", "--check", "-o", str(ledger))[0] == 0


def test_lint_reports_schema_problems_on_their_yaml_lines(project, capsys):
    ledger = project / "claims.yaml"
    edit(ledger, "        kind: article\n", "        knd: article\n")
    edit(ledger, "    event_date: 2017-04-12\n", "    event_date: 04.12.17\n")
    edit(ledger, "        url:\n", "        url: ftp://example.com/x\n")
    lines = ledger.read_text("utf-8").splitlines()

    report = lint_ledger(str(ledger), Config())

    found = {(f.code, f.line, f.message.split(":")[0]) for f in report.findings}
    assert found == {
        ("L001", lines.index("        knd: article") + 1, "unknown key `knd` in a citation (known"),
        ("L001", lines.index("    event_date: 04.12.17") + 1, "`event_date`"),
        ("L001", lines.index("        url: ftp://example.com/x") + 1, "`url`"),
        ("L001", lines.index("      - text: Reuters, 04.12.17") + 1, "a citation has no `kind`"),
    }
    code, out, _ = run(capsys, "lint", "--color", "never", "claims.yaml")
    assert code == 1
    assert f"claims.yaml:{lines.index('        knd: article') + 1}:9: error L001 unknown key" in out


def test_duplicate_ids_and_wrong_types_are_schema_problems(project):
    ledger = project / "claims.yaml"
    data = load(ledger)
    first, second = data["claims"][0]["id"], data["claims"][1]["id"]
    edit(ledger, f"id: {second}", f"id: {first}")
    edit(ledger, "    line: 7\n", "    line: seven\n")
    messages = [f.message for f in lint_ledger(str(ledger), Config()).findings]
    assert any(m.startswith(f"duplicate id {first} (first on line") for m in messages)
    assert "`line`: expected a line number, got 'seven'" in messages


def test_extract_refuses_an_invalid_ledger_naming_its_line(project, capsys):
    ledger = project / "claims.yaml"
    edit(ledger, "    speaker: Lavrov\n", "    speaker: Lavrov\n    nots: typo\n")
    line = ledger.read_text("utf-8").splitlines().index("    nots: typo") + 1
    before = ledger.read_text("utf-8")
    code, _, err = run(capsys, "extract")
    assert code == 2
    assert err.startswith(f"citecheck: claims.yaml:{line}: unknown key `nots` in a claim")
    assert ledger.read_text("utf-8") == before


@pytest.mark.parametrize("command", [("lint", "claims.yaml"), ("extract",), ("extract", "--check")])
def test_yaml_syntax_error_is_one_line_and_exit_2(project, capsys, command):
    ledger = project / "claims.yaml"
    edit(ledger, "claims:\n", "claims: [\n")
    code, out, err = run(capsys, *command)
    assert code == 2
    assert out == ""
    assert err.startswith("citecheck: claims.yaml:")
    assert "invalid YAML" in err
    assert len(err.splitlines()) == 1


def test_lint_warns_when_the_digest_changed(project):
    edit(project / "digest.txt", "(Reuters, 04.12.17)", "(Reuters, 04.13.17)")
    [finding] = lint_ledger("claims.yaml", Config()).findings
    assert (finding.code, finding.line, finding.column) == ("L002", 7, 1)
    assert finding.message.startswith("out of date with its digest: 1 claim changed")
    assert not lint_ledger("claims.yaml", Config(ignore=("L002",))).findings


def test_lint_of_a_folder_includes_its_ledger(project, capsys):
    edit(project / "claims.yaml", "version: 1", "version: 2")
    code, out, _ = run(capsys, "lint", "--color", "never", ".")
    assert code == 1
    assert "claims.yaml:6:10: error L001 `version`: expected 1" in out


def test_committed_ledger_matches_the_bundled_example(capsys):
    code, out, _ = run(capsys, "extract", "--check", "-o", str(ROOT / "claims.yaml"))
    assert (code, out) == (0, "")


def test_a_link_in_the_digest_wins_over_a_curated_url():
    def entry(url: str | None) -> dict:
        citation = {"text": "Reuters, 04.12.17", "outlet": "Reuters", "canonical": "Reuters"}
        citation |= {"kind": "article", "date_text": "04.12.17", "date": None, "url": url}
        return {"id": "c-00000001", "line": 1, "section": [], "context": [], "speaker": None,
                "text": "Talks. (Reuters, 04.12.17)", "quotes": [], "event_date": None,
                "citations": [citation]}  # fmt: skip

    def ledger_with(url: str):
        document, _ = merge(None, "d.txt", [entry(url)], [])
        return parse(dumps(document, "claims.yaml"), "claims.yaml")

    kept, _ = merge(ledger_with("https://example.com/found"), "d.txt", [entry(None)], [])
    assert kept["claims"][0]["citations"][0]["url"] == "https://example.com/found"
    linked = entry("https://www.reuters.com/linked")
    replaced, _ = merge(ledger_with("https://example.com/found"), "d.txt", [linked], [])
    assert replaced["claims"][0]["citations"][0]["url"] == "https://www.reuters.com/linked"


@settings(max_examples=40, deadline=None)
@example(note="\x85", url_path="")  # NEL: read back as a space unless escaped
@given(note=st.text(min_size=1), url_path=st.text(alphabet="abc/-_?=&%#", max_size=20))
def test_any_note_and_url_survive_dump_and_re_extraction(note, url_path):
    url = f"https://example.com/{url_path}"
    document, _ = merge(None, "d.txt", small_digest_claims(), [])
    document["claims"][1]["note"] = note
    document["claims"][1]["citations"][0]["url"] = url
    reread = parse(dumps(document, "claims.yaml"), "claims.yaml")
    merged, _ = merge(reread, "d.txt", small_digest_claims(), [])
    again = parse(dumps(merged, "claims.yaml"), "claims.yaml")
    assert again["claims"][1]["note"] == note
    assert again["claims"][1]["citations"][0]["url"] == url


@functools.cache
def _small_digest() -> list[dict]:
    return claim_entries(citecheck.lint(DIGEST, path="d.txt").digest)


def small_digest_claims() -> list[dict]:
    """Fresh entries each call (merge keeps the dicts it is given), extracted once."""
    return copy.deepcopy(_small_digest())


def test_comments_of_a_removed_claim_are_kept_with_its_orphan(project, capsys):
    ledger = project / "claims.yaml"
    tillerson_id = claim(load(ledger), "Tillerson")["id"]
    edit(
        ledger,
        f"  - id: {tillerson_id}\n",
        f"  # about Tillerson's claim\n  - id: {tillerson_id}\n",
    )
    edit(ledger, "    quotes: []\n", "    quotes: []  # no quotes: paraphrase\n")
    edit(
        project / "digest.txt",
        "    • Russia wants a probe of the chemical attack in Idlib. (TASS, 04.12.17, Bloomberg, 04.12.17)\n",
        "",
    )

    code, _, err = run(capsys, "extract")

    assert code == 0
    assert "1 entry with notes or URLs" in err
    text = ledger.read_text("utf-8")
    assert "# about Tillerson's claim" in text
    assert "# no quotes: paraphrase" in text
    data = load(ledger)
    assert all("probe" not in c["text"] for c in data["claims"])
    assert "probe" in data["orphans"][0]["text"]
    assert run(capsys, "lint", "claims.yaml")[0] == 0
    assert run(capsys, "extract", "--check")[0] == 0


def test_markdown_links_fill_urls_and_win_over_curated_ones(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    digest = tmp_path / "d.md"
    digest.write_text(
        "# Talks\n\n## 04.12.17 meeting\n\n"
        "- Lavrov: talks were “frank.” ([Reuters](https://www.reuters.com/a), 04.12.17)\n"
        "- Tillerson: a “low point.” (Bloomberg, 04.12.17)\n",
        "utf-8",
    )
    assert run(capsys, "extract", "d.md")[0] == 0
    ledger = tmp_path / "claims.yaml"
    edit(
        ledger,
        "        url: https://www.reuters.com/a\n",
        "        url: https://example.com/mine\n",
    )
    edit(ledger, "        url:\n", "        url: https://www.bloomberg.com/found\n")
    assert run(capsys, "extract", "--check")[0] == 1  # the digest's own link disagrees

    assert run(capsys, "extract")[0] == 0

    urls = [c["citations"][0]["url"] for c in load(ledger)["claims"]]
    assert urls == ["https://www.reuters.com/a", "https://www.bloomberg.com/found"]
    assert run(capsys, "extract", "--check")[0] == 0
