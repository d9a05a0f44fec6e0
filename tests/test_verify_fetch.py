"""Fetching: each failure the issue lists, with `responses` standing in for the network."""

from __future__ import annotations

import gzip

import pytest
import requests
import responses
from verify_support import fetcher, options

from citecheck.verify.fetch import decode

URL = "https://news.example/2017/04/12/story.html"
HTML = "<html><head><title>Story</title></head><body><p>Hello.</p></body></html>"


@responses.activate
def test_a_page_is_fetched_once_with_get_and_an_honest_user_agent():
    responses.get(URL, body=HTML, content_type="text/html; charset=utf-8")
    result = fetcher(options(contact="https://desk.example/bots")).fetch(URL)
    assert result.problem is None and result.status == 200 and "Hello." in result.text
    (call,) = responses.calls
    assert call.request.method == "GET"
    assert call.request.headers["User-Agent"].startswith("citecheck/")
    assert "https://desk.example/bots" in call.request.headers["User-Agent"]


@responses.activate
def test_timeout_is_retried_then_reported():
    responses.get(URL, body=requests.exceptions.ReadTimeout("read timed out"))
    sleeps: list[float] = []
    result = fetcher(options(retries=2), sleeps=sleeps).fetch(URL)
    assert result.problem == "timeout"
    assert len(responses.calls) == 3 and len(sleeps) == 2


@responses.activate
def test_connection_reset_is_retried_then_reported():
    reset = requests.exceptions.ConnectionError("Connection reset by peer")
    responses.get(URL, body=reset)
    result = fetcher(options(retries=1)).fetch(URL)
    assert result.problem == "connection"
    assert "reset" in result.detail
    assert len(responses.calls) == 2


@responses.activate
def test_429_then_success_honours_retry_after():
    responses.get(URL, status=429, headers={"Retry-After": "1"})
    responses.get(URL, body=HTML, content_type="text/html")
    sleeps: list[float] = []
    result = fetcher(options(), sleeps=sleeps).fetch(URL)
    assert result.status == 200 and result.problem is None
    assert sleeps and sleeps[0] >= 1.0


@responses.activate
def test_retry_after_is_capped():
    responses.get(URL, status=503, headers={"Retry-After": "3600"})
    responses.get(URL, body=HTML, content_type="text/html")
    sleeps: list[float] = []
    fetcher(options(retry_after_cap=1.5), sleeps=sleeps).fetch(URL)
    assert sleeps == [1.5]


@responses.activate
def test_503_until_retries_run_out_returns_the_last_answer():
    responses.get(URL, status=503)
    result = fetcher(options(retries=2)).fetch(URL)
    assert result.status == 503
    assert len(responses.calls) == 3


@responses.activate
def test_404_is_not_retried():
    responses.get(URL, status=404)
    assert fetcher(options()).fetch(URL).status == 404
    assert len(responses.calls) == 1


@responses.activate
def test_redirects_are_followed_and_recorded():
    responses.get(URL, status=301, headers={"Location": "/new"})
    responses.get("https://news.example/new", body=HTML, content_type="text/html")
    result = fetcher(options()).fetch(URL)
    assert result.final_url == "https://news.example/new"
    assert result.chain == [(301, "https://news.example/new")]


@responses.activate
def test_redirect_loop_stops():
    responses.get(URL, status=302, headers={"Location": "https://news.example/b"})
    responses.get("https://news.example/b", status=302, headers={"Location": URL})
    result = fetcher(options()).fetch(URL)
    assert result.problem == "redirect-loop"
    assert len(result.chain) == 2 and len(responses.calls) == 2


@responses.activate
def test_at_most_ten_redirects():
    for i in range(12):
        responses.get(f"https://news.example/{i}", status=302, headers={"Location": f"/{i + 1}"})
    result = fetcher(options()).fetch("https://news.example/0")
    assert result.problem == "too-many-redirects"
    assert len(responses.calls) == 11


@responses.activate
def test_redirect_to_loopback_is_refused_without_a_request():
    responses.get(URL, status=302, headers={"Location": "http://127.0.0.1:8080/admin"})
    result = fetcher(options()).fetch(URL)
    assert result.problem == "refused"
    assert "loopback" in result.detail
    assert [c.request.url for c in responses.calls] == [URL]


@responses.activate
def test_redirect_to_a_name_that_resolves_to_metadata_service_is_refused():
    responses.get(URL, status=302, headers={"Location": "http://metadata.internal/latest"})
    table = {"metadata.internal": "169.254.169.254"}
    result = fetcher(options(), table).fetch(URL)
    assert result.problem == "refused"
    assert "169.254.169.254" in result.detail and "link-local" in result.detail
    assert len(responses.calls) == 1


@responses.activate
def test_only_http_and_https_are_fetched():
    result = fetcher(options()).fetch("file:///etc/passwd")
    assert result.problem == "refused" and "only http and https" in result.detail
    assert not responses.calls


@responses.activate
def test_unresolvable_host_is_dns_failure_without_a_request():
    result = fetcher(options()).fetch("https://nx.example/story")
    assert result.problem == "dns"
    assert not responses.calls


@responses.activate
def test_tls_failure():
    responses.get(URL, body=requests.exceptions.SSLError("certificate verify failed"))
    result = fetcher(options()).fetch(URL)
    assert result.problem == "tls"
    assert len(responses.calls) == 1


@responses.activate
def test_oversize_body_stops_reading():
    responses.get(URL, body="<html>" + "x" * 300_000, content_type="text/html")
    result = fetcher(options(max_bytes=100_000)).fetch(URL)
    assert result.problem == "too-large" and result.text is None


@responses.activate
def test_declared_oversize_body_is_not_read():
    responses.get(
        URL, body="<html></html>", content_type="text/html", headers={"Content-Length": "999999"}
    )
    result = fetcher(options(max_bytes=1000)).fetch(URL)
    assert result.problem == "too-large"


@responses.activate
def test_gzip_bomb_is_cut_at_the_decompressed_size():
    bomb = gzip.compress(b"<html>" + b"\0" * 20_000_000)
    assert len(bomb) < 100_000
    responses.get(URL, body=bomb, content_type="text/html", headers={"Content-Encoding": "gzip"})
    result = fetcher(options(max_bytes=1_000_000)).fetch(URL)
    assert result.problem == "too-large"
    assert "decompressed" in result.detail


@responses.activate
def test_non_html_is_not_parsed():
    responses.get(URL, body=b"%PDF-1.4", content_type="application/pdf")
    result = fetcher(options()).fetch(URL)
    assert result.problem == "not-html" and result.text is None
    assert "application/pdf" in result.detail


@responses.activate
def test_missing_content_type_is_sniffed():
    responses.get(URL, body=b"PK\x03\x04 binary", content_type=None)
    assert fetcher(options()).fetch(URL).problem == "not-html"


@responses.activate
def test_wrong_header_charset_falls_back_to_meta_charset():
    body = '<html><head><meta charset="windows-1252"></head><body>Caf\u00e9 \u201cquote\u201d</body></html>'
    responses.get(URL, body=body.encode("cp1252"), content_type="text/html; charset=utf-8")
    result = fetcher(options()).fetch(URL)
    assert "Café “quote”" in result.text


def test_decode_order_header_then_meta_then_detection():
    cyrillic = (
        "<html><body><p>Министр иностранных дел России Сергей Лавров заявил</p></body></html>"
    )
    assert decode(cyrillic.encode("utf-8"), "utf-8") == cyrillic
    assert "Лавров" in decode(cyrillic.encode("cp1251"), None)
    meta = '<meta charset="koi8-r">' + cyrillic
    assert "Лавров" in decode(meta.encode("koi8-r"), None)


@pytest.mark.parametrize("status", [401, 403, 451])
@responses.activate
def test_blocked_statuses_are_answers_not_retries(status):
    responses.get(URL, status=status, body="<html>no</html>", content_type="text/html")
    assert fetcher(options()).fetch(URL).status == status
    assert len(responses.calls) == 1
