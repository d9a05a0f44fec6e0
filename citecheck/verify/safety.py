"""Which URLs may be fetched: http(s) only, and only to public addresses.

Digests are edited by anyone with commit access and verified inside CI, so a
link is untrusted input: without these checks `http://169.254.169.254/` would
read a cloud metadata service. The host is resolved, every address checked,
and the connection made to the address that was checked (see `fetch`), on the
first request and on every redirect hop.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from urllib.parse import urlsplit

Resolver = Callable[..., list]

_net = ipaddress.ip_network

# Refused outright, most specific first. Written out rather than read from
# `is_private`/`is_global`, whose answers changed between Python patch
# releases. IPv4 follows the IANA special-purpose registry (RFC 6890 and
# updates); IPv6 outside 2000::/3, the only block assigned for global
# unicast, is refused whether listed here or not.
DENIED: tuple[tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, str], ...] = (
    (_net("0.0.0.0/32"), "an unspecified address"),
    (_net("0.0.0.0/8"), "a reserved address"),  # "this network"
    (_net("10.0.0.0/8"), "a private address"),
    (_net("100.64.0.0/10"), "a carrier-grade NAT address"),
    (_net("127.0.0.0/8"), "a loopback address"),
    (_net("169.254.0.0/16"), "a link-local address"),  # cloud metadata services
    (_net("172.16.0.0/12"), "a private address"),
    (_net("192.0.0.0/24"), "a reserved address"),  # IETF protocol assignments
    (_net("192.0.2.0/24"), "a documentation address"),
    (_net("192.88.99.0/24"), "a reserved address"),  # 6to4 relay anycast, deprecated
    (_net("192.168.0.0/16"), "a private address"),
    (_net("198.18.0.0/15"), "a reserved address"),  # benchmarking
    (_net("198.51.100.0/24"), "a documentation address"),
    (_net("203.0.113.0/24"), "a documentation address"),
    (_net("224.0.0.0/4"), "a multicast address"),
    (_net("240.0.0.0/4"), "a reserved address"),  # broadcast included
    (_net("::/128"), "an unspecified address"),
    (_net("::1/128"), "a loopback address"),
    (_net("::/96"), "a reserved address"),  # IPv4-compatible, deprecated
    (_net("64:ff9b:1::/48"), "a local-use NAT64 address"),  # translation not ours to check
    (_net("100::/64"), "a reserved address"),  # discard-only
    (_net("2001::/32"), "a Teredo address"),  # tunnelled through relays not ours to check
    (_net("2001::/23"), "a reserved address"),  # IETF protocol assignments
    (_net("2001:db8::/32"), "a documentation address"),
    (_net("3fff::/20"), "a documentation address"),
    (_net("5f00::/16"), "a reserved address"),  # segment routing
    (_net("fc00::/7"), "a private address"),  # unique local
    (_net("fe80::/10"), "a link-local address"),
    (_net("fec0::/10"), "a site-local address"),  # deprecated, still routed by some
    (_net("ff00::/8"), "a multicast address"),
)
_GLOBAL_UNICAST = _net("2000::/3")
_NAT64 = _net("64:ff9b::/96")


class Refused(Exception):
    """The URL may not be fetched; no request was sent."""


class NotResolved(Exception):
    """The host name does not resolve."""


class ResolveTimeout(Exception):
    """The host name did not resolve within the time left; no request was sent."""


def address_problem(address: str) -> str | None:
    """Why connecting to `address` is refused, or None when it is a public address.

    IPv6 forms that carry an IPv4 address (IPv4-mapped, NAT64, 6to4, Teredo's
    server and client) lead to it, so the IPv4 address must pass too.
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        for form, inner in _carried(ip):
            problem = _problem(inner)
            if problem:
                return f"{form} carrying {inner}, {problem}"
        if ip.ipv4_mapped is not None or ip in _NAT64:
            return None  # translated to the IPv4 address just checked
    return _problem(ip)


def _problem(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    for network, problem in DENIED:
        if ip.version == network.version and ip in network:
            return problem
    if ip.version == 6 and ip not in _GLOBAL_UNICAST:
        return "an unassigned address"
    return None


def _carried(ip: ipaddress.IPv6Address) -> list[tuple[str, ipaddress.IPv4Address]]:
    """The IPv4 addresses an IPv6 address leads to, each with the form that carries it."""
    if ip.ipv4_mapped is not None:
        return [("an IPv4-mapped address", ip.ipv4_mapped)]
    if ip in _NAT64:
        return [("a NAT64 address", ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))]
    if ip.sixtofour is not None:
        return [("a 6to4 address", ip.sixtofour)]
    if ip.teredo is not None:
        return [("a Teredo address", inner) for inner in ip.teredo]
    return []


class Guard:
    """Resolves and checks hosts once per run, so every connection uses a checked address."""

    def __init__(self, allow_private: bool, resolver: Resolver = socket.getaddrinfo):
        self.allow_private = allow_private
        self._resolver = resolver
        self._addresses: dict[tuple[str, int], str] = {}
        self._pending: dict[tuple[str, int], Future] = {}
        self._lock = threading.Lock()

    def check_url(self, url: str, timeout: float | None = None) -> str:
        """The address a request for `url` connects to.

        Raises Refused, NotResolved, or ResolveTimeout when the name does not
        resolve within `timeout` seconds.
        """
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            raise Refused(f"not a valid URL ({exc})") from None
        if parts.scheme not in ("http", "https"):
            raise Refused(f"{parts.scheme or 'no'} scheme: only http and https are fetched")
        if not parts.hostname:
            raise Refused("the URL names no host")
        default = 443 if parts.scheme == "https" else 80
        return self.address(parts.hostname, port or default, timeout)

    def address(self, host: str, port: int, timeout: float | None = None) -> str:
        key = (host.lower().rstrip("."), port)
        with self._lock:
            known = self._addresses.get(key)
        if known is not None:
            return known
        try:
            infos = self._resolve(key).result(timeout)
        except FutureTimeout:
            raise ResolveTimeout(f"{host} did not resolve in time") from None
        except (socket.gaierror, UnicodeError) as exc:
            raise NotResolved(f"{host} does not resolve ({exc})") from None
        addresses = list(dict.fromkeys(info[4][0] for info in infos))
        if not addresses:
            raise NotResolved(f"{host} does not resolve")
        if not self.allow_private:
            for address in addresses:
                problem = address_problem(address)
                if problem:
                    shown = host if host == address else f"{host} resolves to {address}, which"
                    raise Refused(f"{shown} is {problem} (--allow-private to fetch it)")
        with self._lock:
            self._addresses.setdefault(key, addresses[0])
            return self._addresses[key]

    def _resolve(self, key: tuple[str, int]) -> Future:
        """The look-up of `key`, run in a thread so a caller can stop waiting for it.

        getaddrinfo cannot be interrupted and takes as long as the system's
        resolver allows; a daemon thread left behind does not hold up exit,
        and callers asking for the same name share one look-up.
        """
        with self._lock:
            pending = self._pending.get(key)
            if pending is not None:
                return pending
            future: Future = Future()
            self._pending[key] = future

        def run() -> None:
            try:
                future.set_result(self._resolver(key[0], key[1], type=socket.SOCK_STREAM))
            except BaseException as exc:  # handed to the waiting caller
                future.set_exception(exc)
            finally:
                with self._lock:
                    del self._pending[key]

        threading.Thread(target=run, name=f"resolve {key[0]}", daemon=True).start()
        return future
