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
from urllib.parse import urlsplit

Resolver = Callable[..., list]

_CGNAT = ipaddress.ip_network("100.64.0.0/10")


class Refused(Exception):
    """The URL may not be fetched; no request was sent."""


class NotResolved(Exception):
    """The host name does not resolve."""


def address_problem(address: str) -> str | None:
    """Why connecting to `address` is refused, or None when it is a public address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_unspecified:
        return "an unspecified address"
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if isinstance(ip, ipaddress.IPv4Address) and ip in _CGNAT:
        return "a carrier-grade NAT address"
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_reserved:
        return "a reserved address"
    if ip.is_private:
        return "a private address"
    if not ip.is_global:
        return "a reserved address"
    return None


class Guard:
    """Resolves and checks hosts once per run, so every connection uses a checked address."""

    def __init__(self, allow_private: bool, resolver: Resolver = socket.getaddrinfo):
        self.allow_private = allow_private
        self._resolver = resolver
        self._addresses: dict[tuple[str, int], str] = {}
        self._lock = threading.Lock()

    def check_url(self, url: str) -> str:
        """The address a request for `url` connects to; raises Refused or NotResolved."""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            raise Refused(f"not a valid URL ({exc})") from None
        if parts.scheme not in ("http", "https"):
            raise Refused(f"{parts.scheme or 'no'} scheme: only http and https are fetched")
        if not parts.hostname:
            raise Refused("the URL names no host")
        return self.address(parts.hostname, port or (443 if parts.scheme == "https" else 80))

    def address(self, host: str, port: int) -> str:
        key = (host.lower().rstrip("."), port)
        with self._lock:
            known = self._addresses.get(key)
        if known is not None:
            return known
        try:
            infos = self._resolver(key[0], port, type=socket.SOCK_STREAM)
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
