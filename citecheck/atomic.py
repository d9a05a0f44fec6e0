"""Replace a file all at once, so an interrupted run never leaves half a file.

The new content goes to a temporary file in the same folder (same file
system, so the rename is atomic), is flushed and synced, takes over the old
file's permissions, and is renamed over it. A read-only file is refused, not
silently replaced: the rename would get round its permissions. Callers that
read the file first pass what they read as `expect`, so an edit made on disk
in the meantime is never overwritten. Through a symlink, the file it points
at is replaced and the link kept.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from citecheck.errors import CitecheckError

_WRITABLE = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH


def write_bytes(path: str | Path, data: bytes, *, expect: bytes | None = None) -> None:
    """Replace `path` with `data`; with `expect`, only if it still holds those bytes."""
    target = Path(path)
    if target.is_symlink():  # replace what the link points at; renaming over it would cut it
        target = Path(os.path.realpath(target))
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise CitecheckError("is a directory; not written", str(path))
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        if expect is not None:
            raise CitecheckError("was removed since it was read; not written", str(path)) from None
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as exc:
        raise CitecheckError(f"cannot write: {exc.strerror or exc}", str(path)) from None
    else:
        if not mode & _WRITABLE or not os.access(target, os.W_OK):
            raise CitecheckError("is read-only; not written", str(path))
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise CitecheckError(f"cannot write: {exc.strerror or exc}", str(path)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        if expect is not None:
            _unchanged(target, expect, str(path))
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise CitecheckError(f"cannot write: {exc.strerror or exc}", str(path)) from None
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every platform can open a folder."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _unchanged(target: Path, expect: bytes, name: str) -> None:
    try:
        current = target.read_bytes()
    except FileNotFoundError:
        raise CitecheckError("was removed since it was read; not written", name) from None
    if current != expect:
        raise CitecheckError("changed on disk since it was read; not written", name)


def write_text(path: str | Path, text: str) -> None:
    """Atomically write UTF-8 text: reports, ledgers, baselines, outputs."""
    write_bytes(path, text.encode("utf-8"))
