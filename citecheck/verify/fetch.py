"""Fetching pages politely and safely: one Session, GET only, every hop checked.

Redirects are followed by hand so that each hop passes the safety checks and
is recorded; the connection itself goes to the address the `Guard` checked,
while the Host header, SNI and certificate check keep the host name. A
`_Watchdog` holds each fetch to its deadline however slowly the server sends.
"""

from __future__ import annotations

import contextlib
import email.utils
import random
import re
import socket
import threading
import time
from collections.abc import Callable
from urllib.parse import urljoin

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.util import connection

from citecheck.verify.model import Fetched, Options
from citecheck.verify.safety import Guard, NotResolved, Refused, ResolveTimeout

RETRY_STATUSES = {429, 502, 503, 504}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
HTML_TYPES = {"text/html", "application/xhtml+xml"}
JSON_TYPES = {"application/json", "text/json", "application/javascript"}
CHUNK = 16384
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_HTML_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<(?:!doctype\s+html|html|head|body)\b", re.I)


class RefusedConnection(NewConnectionError):
    """The checked address of a host became unsafe between check and connect."""


_current = threading.local()


class _Watchdog:
    """Shuts the connection a fetch is using once the fetch's deadline passes.

    Socket timeouts bound each read, not their sum: a server that sends a byte
    just inside the read timeout would otherwise hold a fetch, and CI, for as
    long as it liked, in the TLS handshake, the headers or the body. The
    watchdog keeps a duplicate of the socket's descriptor, since shutting it
    shuts the connection for every descriptor and TLS may re-wrap the original.
    """

    def __init__(self, deadline: float):
        self.expired = False
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(deadline - time.monotonic(), 0.0), self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Watchdog:
        _current.watchdog = self
        self._timer.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
        _current.watchdog = None

    def watch(self, sock: socket.socket) -> None:
        """Make the connection of `sock` the one to shut at the deadline."""
        try:
            duplicate = socket.fromfd(sock.fileno(), sock.family, sock.type)
        except OSError:
            return  # closed already: nothing left to wait on
        with self._lock:
            self._release()
            self._sock = duplicate
            if self.expired:
                _shut(duplicate)

    def stop(self) -> None:
        """Stop watching; called before the connection can go back to the pool."""
        self._timer.cancel()
        with self._lock:
            self._release()

    def _release(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            if self._sock is not None:
                _shut(self._sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed by the other side
        sock.shutdown(socket.SHUT_RDWR)


def _watch(sock: socket.socket | None) -> None:
    watchdog = getattr(_current, "watchdog", None)
    if watchdog is not None and sock is not None:
        watchdog.watch(sock)


class _PinnedConnection:
    guard: Guard

    def _new_conn(self) -> socket.socket:
        timeout = self.timeout  # type: ignore[attr-defined]
        try:
            address = self.guard.address(
                self._dns_host,  # type: ignore[attr-defined]
                self.port,  # type: ignore[attr-defined]
                timeout if isinstance(timeout, (int, float)) else None,
            )
        except ResolveTimeout as exc:
            raise ConnectTimeoutError(self, str(exc)) from exc
        except NotResolved as exc:
            raise NameResolutionError(self.host, self, socket.gaierror(str(exc))) from exc  # type: ignore[attr-defined]
        except Refused as exc:
            raise RefusedConnection(self, str(exc)) from exc
        try:
            sock = connection.create_connection(
                (address, self.port),  # type: ignore[attr-defined]
                self.timeout,  # type: ignore[attr-defined]
                source_address=self.source_address,  # type: ignore[attr-defined]
                socket_options=self.socket_options,  # type: ignore[attr-defined]
            )
        except TimeoutError as exc:
            raise ConnectTimeoutError(self, f"connect to {self.host} timed out") from exc  # type: ignore[attr-defined]
        except OSError as exc:
            raise NewConnectionError(self, f"failed to connect: {exc}") from exc
        _watch(sock)
        return sock

    def getresponse(self) -> object:
        _watch(self.sock)  # type: ignore[attr-defined]  # a reused connection, or TLS's socket
        return super().getresponse()  # type: ignore[misc]


class PinnedAdapter(HTTPAdapter):
    """An adapter whose connections go only to addresses its `Guard` approved."""

    def __init__(self, guard: Guard, **kwargs: object):
        self.guard = guard
        super().__init__(**kwargs)  # type: ignore[arg-type]

    def init_poolmanager(self, *args: object, **kwargs: object) -> None:
        super().init_poolmanager(*args, **kwargs)  # type: ignore[arg-type]
        attrs = {"guard": self.guard}
        http = type("PinnedHTTPConnection", (_PinnedConnection, HTTPConnection), attrs)
        https = type("PinnedHTTPSConnection", (_PinnedConnection, HTTPSConnection), attrs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": type("PinnedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http}),
            "https": type("PinnedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https}),
        }


class Fetcher:
    """Fetches URLs for one run. Thread-safe: the verify pool shares one."""

    def __init__(
        self,
        options: Options,
        *,
        resolver: Callable[..., list] = socket.getaddrinfo,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.options = options
        self.guard = Guard(options.allow_private, resolver)
        self._sleep = sleep
        self.session = requests.Session()
        self.session.trust_env = False  # a proxy from the environment would bypass the guard
        adapter = PinnedAdapter(self.guard, pool_maxsize=max(options.per_host, 1), max_retries=0)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers.update(
            {
                "User-Agent": options.user_agent,
                "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
                "Accept-Encoding": "gzip, deflate",
            }
        )

    def close(self) -> None:
        self.session.close()

    def fetch(self, url: str, *, expect: str = "html") -> Fetched:
        """GET `url`, following redirects by hand; never raises for network trouble."""
        deadline = time.monotonic() + self.options.deadline
        with _Watchdog(deadline) as watchdog:
            return self._follow(url, deadline, watchdog, expect)

    def _follow(self, url: str, deadline: float, watchdog: _Watchdog, expect: str) -> Fetched:
        chain: list[tuple[int, str]] = []
        seen = {url}
        current = url
        while True:
            try:
                self.guard.check_url(current, deadline - time.monotonic())
            except ResolveTimeout as exc:
                return Fetched(url, current, chain=chain, problem="timeout", detail=str(exc))
            except Refused as exc:
                return Fetched(url, current, chain=chain, problem="refused", detail=str(exc))
            except NotResolved as exc:
                return Fetched(url, current, chain=chain, problem="dns", detail=str(exc))
            response = self._send(current, deadline, watchdog)
            if isinstance(response, Fetched):
                response.url, response.chain = url, chain
                return response
            location = response.headers.get("Location")
            if response.status_code not in REDIRECT_STATUSES or not location:
                return self._read(url, current, response, chain, deadline, watchdog, expect)
            response.close()
            current = urljoin(current, location.strip())
            chain.append((response.status_code, current))
            if current in seen:
                return Fetched(
                    url, current, response.status_code, chain, "redirect-loop",
                    f"redirect loop back to {current}",
                )  # fmt: skip
            if len(chain) > self.options.max_redirects:
                return Fetched(
                    url, current, response.status_code, chain, "too-many-redirects",
                    f"more than {self.options.max_redirects} redirects",
                )  # fmt: skip
            seen.add(current)

    def _send(self, url: str, deadline: float, watchdog: _Watchdog) -> requests.Response | Fetched:
        """One hop, retried on connection trouble, timeouts, 429 and 502-504."""
        options = self.options
        attempt = 0
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return Fetched(url, url, problem="timeout", detail="deadline passed")
            timeout = (
                min(options.connect_timeout, remaining),
                min(options.read_timeout, remaining),
            )
            retry_after = None
            try:
                response = self.session.get(
                    url, stream=True, allow_redirects=False, timeout=timeout
                )
            except (requests.exceptions.Timeout, requests.exceptions.ConnectionError) as exc:
                if watchdog.expired:
                    return Fetched(url, url, problem="timeout", detail="deadline passed")
                failure = _failure(url, exc)
                if failure.problem not in ("timeout", "connection"):
                    return failure
            else:
                if response.status_code not in RETRY_STATUSES or attempt >= options.retries:
                    return response
                retry_after = _retry_after(response.headers.get("Retry-After"))
                failure = Fetched(url, url, response.status_code, detail="retries ran out")
                response.close()
            if attempt >= options.retries:
                return failure
            wait = options.backoff * 2**attempt * (0.5 + random.random())  # full jitter, halved
            if retry_after is not None:
                wait = max(wait, min(retry_after, options.retry_after_cap))
            if time.monotonic() + wait >= deadline:
                return failure
            self._sleep(wait)
            attempt += 1

    def _read(
        self,
        url: str,
        current: str,
        response: requests.Response,
        chain: list[tuple[int, str]],
        deadline: float,
        watchdog: _Watchdog,
        expect: str,
    ) -> Fetched:
        status = response.status_code
        content_type = response.headers.get("Content-Type", "")
        mime = content_type.split(";", 1)[0].strip().lower()
        result = Fetched(url, current, status, chain, content_type=content_type)
        wanted = HTML_TYPES if expect == "html" else JSON_TYPES
        with response:
            if mime and mime not in wanted:
                if status < 400:
                    result.problem, result.detail = "not-html", f"content type {mime}"
                return result
            limit = self.options.max_bytes
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > limit:
                return self._too_large(result, limit)
            body = bytearray()
            try:
                for chunk in response.iter_content(CHUNK):
                    body += chunk
                    if len(body) > limit:
                        return self._too_large(result, limit)
                    if time.monotonic() > deadline:
                        break
            except requests.exceptions.RequestException as exc:
                if not watchdog.expired:
                    result.problem = "timeout" if _is_timeout(exc) else "connection"
                    result.detail = _describe(exc)
                    return result
            finally:
                watchdog.stop()
            if watchdog.expired or time.monotonic() > deadline:
                result.problem, result.detail = "timeout", "deadline passed while reading"
                return result
        data = bytes(body)
        if not mime and expect == "html" and not _HTML_START.match(data[:1024]):
            if status < 400:
                result.problem, result.detail = "not-html", "no content type, not HTML"
            return result
        result.text = decode(data, response.encoding if "charset" in content_type.lower() else None)
        return result

    @staticmethod
    def _too_large(result: Fetched, limit: int) -> Fetched:
        result.problem = "too-large"
        result.detail = f"body larger than {limit:,} bytes (decompressed)"
        return result


def decode(data: bytes, declared: str | None) -> str:
    """Decode by the header's charset, then the meta charset, then detection."""
    candidates = [declared]
    meta = _META_CHARSET.search(data[:4096])
    if meta:
        candidates.append(meta.group(1).decode("ascii", "replace"))
    for name in candidates:
        if not name:
            continue
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return str(best) if best is not None else data.decode("utf-8", "replace")


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _failure(url: str, exc: requests.exceptions.RequestException) -> Fetched:
    """What a request that raised `exc` amounts to; timeouts and connection trouble are retried."""
    if isinstance(exc, requests.exceptions.Timeout):
        return Fetched(url, url, problem="timeout", detail=_describe(exc))
    if isinstance(exc, requests.exceptions.SSLError):
        return Fetched(url, url, problem="tls", detail=_describe(exc))
    cause = _root(exc)
    if isinstance(cause, RefusedConnection):
        return Fetched(url, url, problem="refused", detail=str(cause.__cause__))
    if isinstance(cause, NameResolutionError):
        return Fetched(url, url, problem="dns", detail=_describe(exc))
    return Fetched(url, url, problem="connection", detail=_describe(exc))


def _root(exc: BaseException) -> BaseException:
    """The urllib3 reason behind a requests exception (requests wraps it in MaxRetryError)."""
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    reason = getattr(inner, "reason", None)
    return reason if isinstance(reason, BaseException) else inner


def _is_timeout(exc: BaseException) -> bool:
    return isinstance(exc, requests.exceptions.Timeout) or "timed out" in str(exc).lower()


def _describe(exc: BaseException) -> str:
    cause = _root(exc)
    text = str(cause) or type(cause).__name__
    text = re.sub(r"<urllib3[^>]*>:?\s*", "", text)
    return text.split("(Caused by")[0].strip()[:200]
