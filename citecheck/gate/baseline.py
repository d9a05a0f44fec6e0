"""Baselines: adopt citecheck on an existing archive without fixing it first.

`--write-baseline FILE` records the fingerprint of every current finding;
`--baseline FILE` then reports only findings that are not recorded. Each
fingerprint carries a count, so a second copy of a recorded anomaly is new.
Paths are stored relative to the baseline file, so the run's working folder
does not matter.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from citecheck.errors import CitecheckError
from citecheck.gate.fingerprint import VERSION, fingerprint

if TYPE_CHECKING:
    from citecheck.linter import Report

FORMAT = "citecheck-baseline"


@dataclass
class Baseline:
    folder: Path
    counts: Counter[tuple[str, str]]  # (path relative to folder, fingerprint) -> count


def _key_path(path: str, folder: Path) -> str:
    if path.startswith("<"):
        return path
    return Path(os.path.relpath(Path(path).resolve(), folder.resolve())).as_posix()


def write(path: str, reports: Sequence[Report]) -> int:
    """Record every finding of the run; returns how many were recorded."""
    from citecheck.atomic import write_text

    folder = Path(path).parent
    rows: dict[tuple[str, str], dict] = {}
    for report in reports:
        for finding in report.findings:
            key = (_key_path(finding.path, folder), fingerprint(finding))
            row = rows.setdefault(
                key,
                {
                    "path": key[0],
                    "fingerprint": key[1],
                    "code": finding.code,
                    "text": finding.context,
                    "claim": finding.claim_id,
                    "count": 0,
                },
            )
            row["count"] += 1
    document = {FORMAT: 1, "fingerprint": VERSION, "findings": [rows[k] for k in sorted(rows)]}
    write_text(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return sum(row["count"] for row in rows.values())


def load(path: str) -> Baseline:
    from citecheck.reading import read_raw

    try:
        data = json.loads(read_raw(path).decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise CitecheckError(f"baseline is not UTF-8 (byte {exc.start})", path) from None
    except json.JSONDecodeError as exc:
        raise CitecheckError(f"baseline is not valid JSON: {exc.msg}", path, exc.lineno) from None
    if not isinstance(data, dict) or data.get(FORMAT) != 1:
        raise CitecheckError(f"not a citecheck baseline (no {FORMAT!r}: 1)", path)
    if data.get("fingerprint") != VERSION:
        raise CitecheckError(
            f"baseline uses fingerprint {data.get('fingerprint')!r}, this citecheck uses "
            f"{VERSION!r}: write it again with --write-baseline",
            path,
        )
    counts: Counter[tuple[str, str]] = Counter()
    rows = data.get("findings")
    if not isinstance(rows, list):
        raise CitecheckError("baseline has no list of findings", path)
    for n, row in enumerate(rows, 1):
        try:
            key = (row["path"], row["fingerprint"])
            count = row["count"]
        except (KeyError, TypeError):
            raise CitecheckError(
                f"baseline finding #{n} lacks path, fingerprint or count", path
            ) from None
        if not (isinstance(key[0], str) and isinstance(key[1], str) and isinstance(count, int)):
            raise CitecheckError(f"baseline finding #{n} has a value of the wrong type", path)
        counts[key] += count
    return Baseline(Path(path).parent, counts)


def subtract(reports: Sequence[Report], baseline: Baseline) -> None:
    """Drop recorded findings from each report, in place, up to their recorded count."""
    left = Counter(baseline.counts)
    for report in reports:
        kept = []
        for finding in report.findings:
            key = (_key_path(finding.path, baseline.folder), fingerprint(finding))
            if left[key] > 0:
                left[key] -= 1
            else:
                kept.append(finding)
        report.findings = kept
