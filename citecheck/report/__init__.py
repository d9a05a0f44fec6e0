"""Report files for editors: per digest an HTML, a Markdown and a JSON report, plus an index.

Everything is rendered in memory first and then written all or nothing: the
files are staged next to their targets and renamed into place only when
every one of them was written, so a failed run leaves no partial report.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from citecheck.errors import CitecheckError

if TYPE_CHECKING:
    from citecheck.linter import Report


def render_reports(reports: Sequence[Report]) -> dict[str, str]:
    """File name -> content for every report of the run."""
    from citecheck.report import html, json, markdown, view

    names = view.report_names(reports)
    files: dict[str, str] = {}
    for report, name in zip(reports, names, strict=True):
        files[f"{name}.html"] = html.render_digest(report)
        files[f"{name}.md"] = markdown.render_digest(report)
        files[f"{name}.json"] = json.render_digest(report)
    files["index.html"] = html.render_index(reports, names)
    return files


def write_reports(folder: str | Path, reports: Sequence[Report]) -> list[Path]:
    """Render and write the run's reports into `folder`; returns the files written."""
    return write_all(folder, render_reports(reports))


def write_all(folder: str | Path, files: Mapping[str, str]) -> list[Path]:
    target = Path(folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise CitecheckError("report folder is not a folder", str(folder)) from None
    except OSError as exc:
        raise CitecheckError(f"cannot create report folder: {exc.strerror}", str(folder)) from None
    staged: list[tuple[str, Path]] = []
    try:
        for name, text in files.items():
            fd, temp = tempfile.mkstemp(dir=target, prefix=f".{name}.", suffix=".tmp")
            staged.append((temp, target / name))
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        mode = 0o666 & ~_umask()
        for temp, final in staged:
            os.chmod(temp, mode)
            os.replace(temp, final)
    except OSError as exc:
        for temp, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        raise CitecheckError(f"cannot write report: {exc.strerror or exc}", str(folder)) from None
    return [final for _, final in staged]


def _umask() -> int:
    """The process umask (reading it means setting it; set it straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
