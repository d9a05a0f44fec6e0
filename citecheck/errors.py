"""Errors that end a run with exit code 2 and one clear line."""

from __future__ import annotations


class CitecheckError(Exception):
    """Bad input or usage: printed as `path[:line]: message`, never as a traceback."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message
