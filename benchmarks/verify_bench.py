"""Verify benchmark: 500 links over 10 hosts on local servers that answer after 50 ms.

With at most `per_host` requests in flight per host and `limit` overall, no
scheduler can beat max(ceil(links_per_host / per_host), ceil(links / limit))
x 50 ms; the fetch phase is timed against that bound. The whole CLI run is
timed too, then run again to count the requests the cache saved (should be 0).

Hosts are 127.0.0.1 ... 127.0.0.10 (all loopback), so `--allow-private` is on.
Run from the repository root: python benchmarks/verify_bench.py
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import tempfile
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from citecheck.cli import main
from citecheck.verify.fetch import Fetcher
from citecheck.verify.model import Options
from citecheck.verify.pool import run_all

HOSTS = [f"127.0.0.{i}" for i in range(1, 11)]
LINKS = 500
DELAY = 0.05
PAGE = (
    b'<html><head><meta property="og:site_name" content="The Washington Post">'
    b'<meta property="article:published_time" content="2017-04-12T10:00:00-04:00"></head>'
    b"<body><article><p>Text.</p></article></body></html>"
)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out without waiting for an ACK

    def do_GET(self):
        server = self.server
        with server.lock:
            server.active += 1
            server.requests += 1
            server.peak = max(server.peak, server.active)
        time.sleep(DELAY)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)
        with server.lock:
            server.active -= 1

    def log_message(self, *args):
        pass


def start() -> list[ThreadingHTTPServer]:
    servers = []
    for host in HOSTS:
        server = ThreadingHTTPServer((host, 0), Handler)
        server.daemon_threads = True
        server.request_queue_size = 64
        server.lock, server.active, server.peak, server.requests = threading.Lock(), 0, 0, 0
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    return servers


def urls(servers: list[ThreadingHTTPServer]) -> list[str]:
    return [
        f"http://{HOSTS[i % len(HOSTS)]}:{servers[i % len(HOSTS)].server_address[1]}"
        f"/world/2017/04/12/story-{i}.html"
        for i in range(LINKS)
    ]


def fetch_phase(links: list[str], limit: int, per_host: int) -> float:
    options = Options(allow_private=True, max_concurrency=limit, per_host=per_host)
    fetcher = Fetcher(options)
    start_time = time.perf_counter()
    results = run_all(links, fetcher.fetch, limit=limit, per_host=per_host)
    elapsed = time.perf_counter() - start_time
    fetcher.close()
    assert Counter(r.status for r in results.values()) == {200: LINKS}
    return elapsed


def bound(limit: int, per_host: int) -> float:
    per_host_bound = math.ceil(LINKS / len(HOSTS) / per_host) * DELAY
    global_bound = math.ceil(LINKS / limit) * DELAY
    return max(per_host_bound, global_bound)


def cli_run(digest: Path, cache: Path) -> float:
    start_time = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        main(["verify", str(digest), "--allow-private", "--cache-dir", str(cache)])
    return time.perf_counter() - start_time


def main_bench() -> None:
    servers = start()
    links = urls(servers)
    rows = []
    for limit, per_host in ((8, 2), (20, 2)):
        for server in servers:
            server.peak = 0
        elapsed = fetch_phase(links, limit, per_host)
        rows.append(
            {
                "phase": "fetch",
                "max_concurrency": limit,
                "per_host": per_host,
                "seconds": round(elapsed, 2),
                "bound_seconds": round(bound(limit, per_host), 2),
                "peak_in_flight_per_host": max(s.peak for s in servers),
            }
        )
    with tempfile.TemporaryDirectory() as folder:
        digest = Path(folder) / "digest.md"
        digest.write_text(
            "# Digest for 04.20.17\n\n## Talks (04.12.17)\n\n"
            + "".join(
                f"- Speaker {i}: words. ([Washington Post]({u}), 04.12.17)\n"
                for i, u in enumerate(links)
            ),
            "utf-8",
        )
        cache = Path(folder) / "cache"
        before = sum(s.requests for s in servers)
        first = cli_run(digest, cache)
        middle = sum(s.requests for s in servers)
        second = cli_run(digest, cache)
        after = sum(s.requests for s in servers)
    rows.append(
        {
            "phase": "citecheck verify (first run)",
            "seconds": round(first, 2),
            "requests": middle - before,
        }
    )
    rows.append(
        {
            "phase": "citecheck verify (second run)",
            "seconds": round(second, 2),
            "requests": after - middle,
        }
    )
    for server in servers:
        server.shutdown()
        server.server_close()
    print(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main_bench()
