"""The on-disk cache: a second run over the same digest sends no requests.

One JSON file per URL, written atomically. Only answers that will still be
true tomorrow are kept: never a 429, a 5xx, a timeout or a connection error.
The safety policy is part of the key, so a page fetched with
`--allow-private` is never served to a run without it.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

from citecheck.atomic import write_text
from citecheck.verify.model import Fetched

_KEPT_PROBLEMS = {None, "not-html", "too-large"}


class Cache:
    def __init__(self, folder: str | Path, ttl: float, allow_private: bool):
        self.folder = Path(folder)
        self.ttl = ttl
        self._policy = "private" if allow_private else "public"

    def _file(self, url: str, kind: str) -> Path:
        digest = hashlib.sha256(f"{self._policy} {kind} {url}".encode()).hexdigest()
        return self.folder / digest[:2] / f"{digest}.json"

    def get(self, url: str, kind: str = "html") -> Fetched | None:
        try:
            entry = json.loads(self._file(url, kind).read_text("utf-8"))
            if time.time() - float(entry["stored"]) > self.ttl:
                return None
            return Fetched.from_dict(entry["fetched"])
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing, expired or unreadable entries are misses

    def put(self, fetched: Fetched, kind: str = "html") -> bool:
        if not cacheable(fetched):
            return False
        file = self._file(fetched.url, kind)
        file.parent.mkdir(parents=True, exist_ok=True)
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            write_text(ignore, "# citecheck's fetch cache\n*\n")
        write_text(file, json.dumps({"stored": time.time(), "fetched": fetched.to_dict()}))
        return True


def cacheable(fetched: Fetched) -> bool:
    status = fetched.status
    return (
        status is not None and status != 429 and status < 500 and fetched.problem in _KEPT_PROBLEMS
    )
