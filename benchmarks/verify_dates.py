"""Date extraction accuracy on tests/data/verify_pages: ours, and htmldate's if installed.

A page counts as right when the publication date found is the one a reader
sees (the outlet's local date), or when none is found on a page that has
none. "Within a day" is what the date check tolerates.

Run from the repository root: python benchmarks/verify_dates.py
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections import Counter
from pathlib import Path

from citecheck.verify.extract import extract_page

PAGES = Path("tests/data/verify_pages")


def ours(page: str, url: str) -> str | None:
    found = extract_page(page, url).published
    return found.day.isoformat() if found else None


def theirs(page: str, url: str) -> str | None:
    from htmldate import find_date

    return find_date(page, url=url, original_date=True, extensive_search=True)


def score(name: str, extract, truths: list[dict]) -> dict:
    exact = near = 0
    wrong: Counter[str] = Counter()
    start = time.perf_counter()
    for truth in truths:
        page = (PAGES / truth["file"]).read_text("utf-8")
        found, expected = extract(page, truth["url"]), truth["published"]
        if found == expected:
            exact += 1
            near += 1
            continue
        if found and expected:
            gap = abs(dt.date.fromisoformat(found) - dt.date.fromisoformat(expected)).days
            near += gap <= 1
        wrong[truth["convention"]] += 1
    elapsed = time.perf_counter() - start
    total = len(truths)
    return {
        "extractor": name,
        "pages": total,
        "exact": f"{exact / total:.1%}",
        "within_a_day": f"{near / total:.1%}",
        "ms_per_page": round(1000 * elapsed / total, 1),
        "misses_by_convention": dict(wrong),
    }


def main() -> None:
    truths = json.loads((PAGES / "truth.json").read_text("utf-8"))
    results = [score("citecheck", ours, truths)]
    try:
        import htmldate  # noqa: F401
    except ImportError:
        results.append({"extractor": "htmldate", "skipped": "not installed"})
    else:
        results.append(score("htmldate", theirs, truths))
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
