"""The HTML report in a real browser: headless Chromium, no network, no driver.

Chromium dumps the DOM after the report's script has run. The filter is
driven through the report's URL fragment hook (`#severity=error`), so the
dumped DOM shows which rows the filter hid. Skips, saying why, only when no
Chromium is installed (CI installs Debian's `chromium` first).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from citecheck.cli import main

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PLANTED = (
    "Planted\n\n"
    "• Lavrov: “<script>document.title='pwned';var p=document.createElement('p');"
    "p.id='pwned';document.body.appendChild(p)</script> and "
    "<img src=x onerror=\"document.body.dataset.pwned='img'\">” (Reuters, 04.1217)\n"
    "• Putin: “Frank talks.” (Reuters,04.12.17)\n"
)
ROW = re.compile(r'<tr class="sev-\w+" data-severity="(\w+)"[^>]*?( hidden="")?>')


def browser() -> str:
    found = os.environ.get("CITECHECK_CHROMIUM") or next(
        (path for name in BROWSERS if (path := shutil.which(name))), None
    )
    if found is None:
        pytest.skip(
            "no Chromium installed and none could be installed here "
            "(CI runs .ci/install-chromium first; locally: apt-get install chromium)"
        )
    return found


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [
        browser(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--virtual-time-budget=5000",
        *args,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("browser")
    digest = folder / "planted.txt"
    digest.write_text(PLANTED, "utf-8")
    assert main(["lint", "--report", str(folder / "reports"), str(digest)]) == 1
    return folder / "reports" / "planted.html"


def dom(page: Path, fragment: str = "") -> str:
    profile = page.parent.parent / f"profile{abs(hash(fragment))}"
    return chromium(profile, "--dump-dom", page.as_uri() + fragment).stdout


def rows(markup: str) -> list[tuple[str, bool]]:
    """(severity, visible) for every findings row in a dumped DOM."""
    return [(m[1], not m[2]) for m in ROW.finditer(markup)]


def test_findings_are_visible_and_planted_markup_did_not_run(page):
    markup = dom(page)
    found = rows(markup)
    assert ("error", True) in found and ("warning", True) in found
    assert all(visible for _, visible in found)
    assert "<title>citecheck: Planted</title>" in markup
    assert 'id="pwned"' not in markup and "data-pwned" not in markup
    assert "&lt;script&gt;document.title='pwned'" in markup  # shown as text
    assert re.search(r'<output id="shown">\d+ of \d+ shown</output>', markup)


def test_the_severity_filter_hides_and_shows_rows(page):
    errors_only = rows(dom(page, "#severity=error"))
    assert {s for s, visible in errors_only if visible} == {"error"}
    assert any(s == "warning" and not visible for s, visible in errors_only)
    warnings_only = rows(dom(page, "#severity=warning"))
    assert {s for s, visible in warnings_only if visible} == {"warning"}
    assert any(s == "error" and not visible for s, visible in warnings_only)
    assert len(errors_only) == len(warnings_only)


def test_the_rule_filter_and_a_screenshot(page):
    only = rows(dom(page, "#rule=C001"))
    assert [visible for _, visible in only].count(True) == 1
    shot = page.parent.parent / "report.png"
    chromium(
        page.parent.parent / "profile-shot",
        "--window-size=1280,900",
        f"--screenshot={shot}",
        page.as_uri(),
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
