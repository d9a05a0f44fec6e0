"""A run killed in the middle of writing a fixed digest leaves the original intact."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples/tillerson-moscow-2017-04.txt"

# Runs `citecheck lint --fix` with a file writer that stops half way through
# the new content, says so through a flag file, and waits to be killed.
SLOW_WRITER = """
import os, sys, time
from citecheck.cli import main

flag = sys.argv[1]
real_fdopen = os.fdopen


class HalfWritten:
    def __init__(self, handle):
        self.handle = handle

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self.handle.__exit__(*exc)

    def write(self, data):
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        with open(flag, "w") as out:
            out.write("half written")
        time.sleep(120)


os.fdopen = lambda *args, **kwargs: HalfWritten(real_fdopen(*args, **kwargs))
sys.exit(main(["lint", "--fix", sys.argv[2]]))
"""


def test_killed_while_writing_leaves_the_original_untouched(tmp_path: Path) -> None:
    digest = Path(shutil.copyfile(EXAMPLE, tmp_path / "digest.txt"))
    original = digest.read_bytes()
    flag = tmp_path / "flag"
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, str(flag), str(digest)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not flag.exists():
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < deadline, "the fix never started writing"
            time.sleep(0.05)
        (temp,) = [p for p in tmp_path.iterdir() if p.name.startswith(".digest.txt.")]
        assert 0 < temp.stat().st_size < len(original)  # caught half way
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stderr:
            process.stderr.close()
    assert digest.read_bytes() == original
