"""A one-line progress bar on stderr, shown only when stderr is a terminal."""

from __future__ import annotations

import sys
import threading
from typing import TextIO

WIDTH = 30


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.total = total
        self.done = 0
        self.enabled = total > 0 and self.stream.isatty()
        self._lock = threading.Lock()

    def advance(self, label: str = "") -> None:
        with self._lock:
            self.done += 1
            if not self.enabled:
                return
            filled = WIDTH * self.done // self.total
            bar = "█" * filled + "·" * (WIDTH - filled)
            self.stream.write(f"\r{bar} {self.done}/{self.total} {label[:40]:<40}")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * (WIDTH + 60) + "\r")
            self.stream.flush()
