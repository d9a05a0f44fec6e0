"""Lint throughput on a generated archive, against a bare read-and-regex pass.

    python benchmarks/lint_bench.py [--megabytes 12] [--keep DIR]

Builds an archive of digests from the bundled example (its sections shuffled,
dates shifted, names varied, so no two files are alike), then reports:
- MB/s and peak memory of `citecheck.lint_file` over every file, on one core
  (CPU time of this process, so other load on the machine barely moves it);
- the time of a bare pass that reads each file and runs one citation regex,
  the floor any linter in Python pays;
- the start-up time of `citecheck --version` against a bare `python -c pass`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "tillerson-moscow-2017-04.txt"
DATE = re.compile(r"\b(\d\d)\.(\d\d)\.(\d\d)\b")
NAMES = ["Tillerson", "Lavrov", "Putin", "Trump", "Mattis", "Ryabkov", "Zakharova", "Peskov"]


def build_archive(folder: Path, megabytes: float, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    text = EXAMPLE.read_text("utf-8")
    head, *parts = re.split(r"(?m)^(?=  1\. |III\. )", text)
    files: list[Path] = []
    size = 0
    while size < megabytes * 1_000_000:
        shift = dt.timedelta(days=rng.randrange(0, 2000))
        body = head + "".join(rng.sample(parts, len(parts)))
        body = DATE.sub(lambda m, shift=shift: _shift(m, shift), body)
        for name in rng.sample(NAMES, 2):
            body = body.replace(name, rng.choice(NAMES))
        path = folder / f"digest-{len(files):04d}.txt"
        path.write_text(body, "utf-8")
        files.append(path)
        size += len(body.encode("utf-8"))
    return files


def _shift(match: re.Match[str], delta: dt.timedelta) -> str:
    try:
        day = dt.date(2000 + int(match[3]), int(match[1]), int(match[2])) + delta
    except ValueError:
        return match[0]
    return f"{day:%m.%d.%y}"


def bare_pass(files: list[Path]) -> float:
    pattern = re.compile(r"\(([^()]*\d\d\.\d\d\.\d\d[^()]*)\)")
    start = time.process_time()
    count = 0
    for path in files:
        count += len(pattern.findall(path.read_text("utf-8")))
    return time.process_time() - start


def lint_pass(files: list[Path]) -> tuple[float, int]:
    from citecheck import lint_file
    from citecheck.config import Config

    config = Config(digest_date=dt.date(2030, 1, 1))
    lint_file(files[0], config)  # load the registry once, outside the timing
    start = time.process_time()
    findings = sum(len(lint_file(path, config).findings) for path in files)
    return time.process_time() - start, findings


def startup(command: list[str], runs: int = 15) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=12.0)
    parser.add_argument("--keep", type=Path, help="build the archive here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = args.keep or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        files = build_archive(folder, args.megabytes)
        megabytes = sum(p.stat().st_size for p in files) / 1_000_000
        bare = bare_pass(files)
        lint_seconds, findings = lint_pass(files)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    python = startup([sys.executable, "-c", "pass"])
    version = startup([sys.executable, "-m", "citecheck", "--version"])
    print(f"archive: {len(files)} digests, {megabytes:.1f} MB")
    print(f"bare read + regex: {bare:.2f} s ({megabytes / bare:.0f} MB/s)")
    print(
        f"citecheck lint:    {lint_seconds:.2f} s ({megabytes / lint_seconds:.1f} MB/s), "
        f"{findings} findings, peak memory {peak:.0f} MB"
    )
    print(
        f"start-up: python -c pass {python * 1000:.0f} ms, "
        f"citecheck --version {version * 1000:.0f} ms ({version / python:.1f}x)"
    )


if __name__ == "__main__":
    main()
