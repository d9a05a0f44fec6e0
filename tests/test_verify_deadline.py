"""The per-URL deadline holds however slowly a server sends, with a real server."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
from verify_support import fetcher, options

DRIP = 0.1  # seconds between bytes: well inside the read timeout, so no read times out
DEADLINE = 1.0
SLACK = 0.5
PAGE = b"<html><body><p>On time.</p></body></html>"


class _Drip(BaseHTTPRequestHandler):
    """Sends its answer a byte at a time, for longer than any test waits."""

    protocol_version = "HTTP/1.1"
    peers: ClassVar[set[int]] = set()

    def do_GET(self):
        if self.path == "/page":
            self.peers.add(self.client_address[1])
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)
            return
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
        body = b"<html><body>" + b"x" * 100
        if self.path == "/headers":
            self._drip(head + body)
        else:
            self.wfile.write(head)
            self.wfile.flush()
            self._drip(body)
        self.close_connection = True

    def _drip(self, data: bytes) -> None:
        for i in range(len(data)):
            if self.server.stopping.is_set():
                return
            try:
                self.wfile.write(data[i : i + 1])
                self.wfile.flush()
            except OSError:
                return  # the client hung up, as it should
            time.sleep(DRIP)

    def log_message(self, *args):
        pass


@pytest.fixture
def drip_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Drip)
    server.daemon_threads = True
    server.stopping = threading.Event()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.stopping.set()
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("path", ["/body", "/headers"])
def test_a_dripping_server_is_cut_off_at_the_deadline(drip_server, path):
    fetch = fetcher(options(allow_private=True, deadline=DEADLINE, read_timeout=0.5, retries=0))
    started = time.monotonic()
    result = fetch.fetch(drip_server + path)
    elapsed = time.monotonic() - started
    assert result.problem == "timeout" and "deadline" in result.detail
    assert elapsed < DEADLINE + SLACK


def test_a_kept_alive_connection_outlives_the_first_fetchs_deadline(drip_server):
    fetch = fetcher(options(allow_private=True, deadline=0.3))
    first = fetch.fetch(drip_server + "/page")
    time.sleep(0.4)  # past the first fetch's deadline: its watchdog must be gone
    second = fetch.fetch(drip_server + "/page")
    assert first.text == second.text == PAGE.decode()
    assert len(_Drip.peers) == 1  # one connection served both
