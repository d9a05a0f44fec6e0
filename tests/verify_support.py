"""Helpers for the verify tests: tiny timeouts, no sleeping, a resolver with no DNS."""

from __future__ import annotations

import socket

from citecheck.verify.fetch import Fetcher
from citecheck.verify.model import Options

PUBLIC = "93.184.216.34"


def resolver(table: dict[str, str] | None = None):
    """getaddrinfo over a fixed table; unknown hosts get a public address, `nx.` hosts fail."""
    table = table or {}
    calls: list[str] = []

    def getaddrinfo(host, port, *args, **kwargs):
        calls.append(host)
        if host.startswith("nx."):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        address = table.get(host, host if host[0].isdigit() or ":" in host else PUBLIC)
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (address, port))]

    getaddrinfo.calls = calls  # type: ignore[attr-defined]
    return getaddrinfo


def options(tmp_path=None, **changes) -> Options:
    values = {
        "connect_timeout": 0.5,
        "read_timeout": 0.5,
        "deadline": 5.0,
        "retries": 2,
        "backoff": 0.001,
        "retry_after_cap": 2.0,
        "cache_dir": str(tmp_path / "cache") if tmp_path else ".citecheck-cache",
    }
    values.update(changes)
    return Options(**values)


def fetcher(opts: Options, table: dict[str, str] | None = None, sleeps: list | None = None):
    return Fetcher(
        opts,
        resolver=resolver(table),
        sleep=(sleeps.append if sleeps is not None else (lambda _: None)),
    )
