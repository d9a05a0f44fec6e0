"""The safety model: which addresses are refused, and that connections go where checked."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
import responses
from verify_support import fetcher, options, resolver

from citecheck.verify.fetch import Fetcher
from citecheck.verify.safety import Guard, NotResolved, Refused, ResolveTimeout, address_problem


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("fd00::1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("100.64.0.1", "carrier-grade NAT"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:169.254.169.254", "link-local"),
        ("0.1.2.3", "reserved"),
        ("192.0.0.9", "reserved"),
        ("192.0.2.1", "documentation"),
        ("198.18.0.1", "reserved"),
        ("255.255.255.255", "reserved"),
        # 6to4 carries an IPv4 address in bits 16-48
        ("2002:a9fe:a9fe::1", "6to4 address carrying 169.254.169.254, a link-local"),
        ("2002:7f00:1::1", "6to4 address carrying 127.0.0.1, a loopback"),
        ("2002:c0a8:101::1", "6to4 address carrying 192.168.1.1, a private"),
        # Teredo: server in bits 32-64, client inverted in the last 32 bits
        ("2001:0:a9fe:a9fe::", "Teredo address carrying 169.254.169.254"),
        ("2001:0:4136:e378:8000:63bf:80ff:fffe", "Teredo address carrying 127.0.0.1"),
        ("2001:0:4136:e378:8000:63bf:f7f7:f7f7", "a Teredo address"),
        # NAT64: the well-known prefix is translated to the IPv4 address it ends with
        ("64:ff9b::a9fe:a9fe", "NAT64 address carrying 169.254.169.254"),
        ("64:ff9b::10.0.0.1", "NAT64 address carrying 10.0.0.1, a private"),
        ("64:ff9b:1::8.8.8.8", "local-use NAT64"),
        ("::127.0.0.1", "reserved"),
        ("::8.8.8.8", "reserved"),
        ("fec0::1", "site-local"),
        ("fe80::1%eth0", "link-local"),
        ("100::1", "reserved"),
        ("2001:db8::1", "documentation"),
        ("2001:10::1", "reserved"),
        ("3fff::1", "documentation"),
        ("4000::1", "unassigned"),
        ("ff0e::1", "multicast"),
    ],
)
def test_unsafe_addresses_are_named(address, kind):
    assert kind in (address_problem(address) or "")


@pytest.mark.parametrize(
    "address",
    [
        "93.184.216.34",
        "8.8.8.8",
        "2606:4700::6810:84e5",
        "::ffff:8.8.8.8",
        "64:ff9b::8.8.8.8",
        "2002:808:808::1",  # 6to4 carrying 8.8.8.8
        "100.63.255.255",
        "100.128.0.0",
        "172.32.0.1",
        "192.0.1.1",
    ],
)
def test_public_addresses_pass(address):
    assert address_problem(address) is None


def test_a_name_resolving_to_6to4_metadata_is_refused():
    with pytest.raises(Refused, match=r"6to4 address carrying 169\.254\.169\.254"):
        Guard(False, resolver({"six.test": "2002:a9fe:a9fe::1"})).check_url("http://six.test/")


def test_a_host_with_any_unsafe_address_is_refused():
    def mixed(host, port, **kwargs):
        return [
            (2, 1, 6, "", ("93.184.216.34", port)),
            (2, 1, 6, "", ("10.0.0.5", port)),
        ]

    with pytest.raises(Refused, match=r"10\.0\.0\.5"):
        Guard(False, mixed).check_url("https://rebind.example/")


def test_allow_private_lets_loopback_through():
    assert Guard(True, resolver()).check_url("http://127.0.0.1:8000/") == "127.0.0.1"


def test_unresolvable_host():
    with pytest.raises(NotResolved):
        Guard(False, resolver()).check_url("https://nx.example/")


@pytest.mark.parametrize(
    "url", ["ftp://example.org/", "javascript:alert(1)", "mailto:a@b.org", "http:///path"]
)
def test_other_schemes_and_hostless_urls_are_refused(url):
    with pytest.raises(Refused):
        Guard(False, resolver()).check_url(url)


def stalled_resolver():
    """A getaddrinfo that hangs until released, like a resolver that never answers."""
    release = threading.Event()
    calls: list[str] = []

    def getaddrinfo(host, port, *args, **kwargs):
        calls.append(host)
        release.wait(10)
        return resolver()(host, port)

    getaddrinfo.release, getaddrinfo.calls = release, calls  # type: ignore[attr-defined]
    return getaddrinfo


def test_a_stalled_look_up_times_out_and_is_shared():
    stalled = stalled_resolver()
    guard = Guard(False, stalled)
    try:
        started = time.monotonic()
        for _ in range(2):
            with pytest.raises(ResolveTimeout, match=r"slow\.test did not resolve in time"):
                guard.check_url("http://slow.test/", timeout=0.1)
        assert time.monotonic() - started < 1.0
        assert stalled.calls == ["slow.test"]  # the second caller waited on the first look-up
    finally:
        stalled.release.set()


@responses.activate
def test_a_stalled_look_up_is_a_timeout_within_the_deadline_and_nothing_is_sent():
    stalled = stalled_resolver()
    fetch = Fetcher(options(deadline=0.3), resolver=stalled)
    try:
        started = time.monotonic()
        result = fetch.fetch("http://slow.test/story")
        elapsed = time.monotonic() - started
    finally:
        stalled.release.set()
    assert result.problem == "timeout" and "slow.test" in result.detail
    assert elapsed < 1.0
    assert not responses.calls


class _Echo(BaseHTTPRequestHandler):
    hosts: ClassVar[list[str]] = []

    def do_GET(self):
        self.hosts.append(self.headers["Host"])
        body = b"<html><body><p>pinned</p></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_the_connection_goes_to_the_checked_address_and_keeps_the_host_name():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        table = {"outlet.test": "127.0.0.1"}
        fetch = fetcher(options(allow_private=True), table)
        result = fetch.fetch(f"http://outlet.test:{port}/story")
        assert result.problem is None and "pinned" in result.text
        assert _Echo.hosts == [f"outlet.test:{port}"]
        # resolved once, by the guard; the connection used that answer
        assert fetch.guard._resolver.calls == ["outlet.test"]
    finally:
        server.shutdown()
        server.server_close()


def test_the_connection_itself_refuses_an_address_the_guard_rejects():
    fetch = fetcher(options(), {"sneaky.test": "127.0.0.1"})
    fetch.guard.check_url = lambda url, timeout=None: "93.184.216.34"  # as if it had passed
    result = fetch.fetch("http://sneaky.test:1/")
    assert result.problem == "refused"
    assert "loopback" in result.detail
