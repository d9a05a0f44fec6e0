"""End to end: a Markdown digest verified through the CLI against a real local server."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from citecheck.cli import main

ARTICLE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Tillerson, Lavrov trade barbs - The Washington Post</title>
<meta property="og:site_name" content="The Washington Post">
<script type="application/ld+json">{{"@type": "NewsArticle", "datePublished": "{published}",
 "publisher": {{"@type": "Organization", "name": "The Washington Post"}}}}</script>
</head><body><nav><a href="/">Home</a></nav>
<article><h1>Tillerson, Lavrov trade barbs</h1>
<p>\u201cThe current state of U.S.-Russia relations is at a low point,\u201d Tillerson said.</p>
<p>Lavrov said Moscow wanted facts.</p></article>
<footer>\u00a9 2017</footer></body></html>"""

ROUTES = {
    "/world/2017/04/12/barbs.html": (
        200,
        {},
        ARTICLE.format(published="2017-04-12T14:05:00-04:00"),
        0.05,
    ),
    "/old/barbs": (301, {"Location": "/world/2017/04/12/barbs.html"}, "", 0.0),
    "/world/barbs-earlier": (200, {}, ARTICLE.format(published="2017-04-03T09:00:00-04:00"), 0.1),
    "/gone": (404, {}, "<html><body>Not found</body></html>", 0.0),
    "/removed-story": (302, {"Location": "/"}, "", 0.0),
    "/": (200, {}, "<html><head><title>Home</title></head><body>News</body></html>", 0.0),
    "/slow": (200, {}, ARTICLE.format(published="2017-04-12"), 2.0),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.paths.append(self.path)
        status, headers, body, delay = ROUTES.get(self.path, (404, {}, "", 0.0))
        time.sleep(delay)
        data = body.encode("utf-8")
        self.send_response(status)
        for name, value in {"Content-Type": "text/html; charset=utf-8", **headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        with contextlib.suppress(OSError):  # the client gave up on /slow
            self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.paths = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


WAPO = "https://www.washingtonpost.com"
DIGEST = f"""# Digest for 04.20.17

## Tillerson in Moscow (04.12.17)

- Tillerson: \u201cThe current state of U.S.-Russia relations is at a low point.\u201d ([Washington Post]({WAPO}/old/barbs), 04.12.17)
- Tillerson: relations are poor. ([Washington Post]({WAPO}/world/barbs-earlier), 04.12.17)
- Lavrov: talks were frank. ([Washington Post]({WAPO}/gone), 04.12.17)
- Lavrov: talks will go on. ([Washington Post]({WAPO}/removed-story), 04.12.17)
- Putin: no comment. ([Washington Post]({WAPO}/slow), 04.12.17)
"""


def run_verify(capsys, tmp_path, *extra: str) -> tuple[int, dict, str]:
    digest = tmp_path / "digest.md"
    digest.write_text(DIGEST, "utf-8")
    code = main(
        [
            "verify",
            str(digest),
            "--format",
            "json",
            "--cache-dir",
            str(tmp_path / "cache"),
            "--timeout",
            "0.5",
            "--deadline",
            "1",
            "--retries",
            "0",
            *extra,
        ]
    )
    out, err = capsys.readouterr()
    return code, json.loads(out), err


def test_verify_a_markdown_digest_end_to_end(capsys, tmp_path, server):
    port = server.server_address[1]
    remap = ["--remap", rf"^https://www\.washingtonpost\.com/ http://127.0.0.1:{port}/"]
    code, result, err = run_verify(capsys, tmp_path, "--allow-private", *remap)
    found = sorted((f["line"], f["code"]) for f in result["findings"])
    assert found == [(6, "V009"), (7, "V001"), (8, "V005"), (9, "V002")]
    assert code == 1  # V001 is an error
    assert "verified 5 links: 1 fine, 4 with problems, 0 unverifiable, 0 from cache" in err
    requested = list(server.paths)
    assert "/old/barbs" in requested and "/world/2017/04/12/barbs.html" in requested

    code, again, err = run_verify(capsys, tmp_path, "--allow-private", *remap)
    assert again["findings"][:3] == result["findings"][:3]
    assert "4 from cache" in err  # the timeout is never cached
    assert server.paths[len(requested) :] == ["/slow"]


def test_without_allow_private_the_local_server_is_refused_and_never_asked(
    capsys, tmp_path, server
):
    port = server.server_address[1]
    remap = ["--remap", rf"^https://www\.washingtonpost\.com/ http://127.0.0.1:{port}/"]
    code, result, _ = run_verify(capsys, tmp_path, *remap)
    assert {f["code"] for f in result["findings"]} == {"V007"}
    assert "loopback" in result["findings"][0]["message"]
    assert code == 1
    assert server.paths == []
