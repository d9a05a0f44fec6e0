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


def verify_cli(capsys, tmp_path, server, digest: str, *extra: str) -> tuple[int, str, str]:
    """`citecheck verify` of `digest` against the local server; no slow pages, no retries."""
    path = tmp_path / "digest.md"
    path.write_text(digest, "utf-8")
    port = server.server_address[1]
    code = main(
        [
            "verify",
            str(path),
            "--allow-private",
            "--remap",
            rf"^https://www\.washingtonpost\.com/ http://127.0.0.1:{port}/",
            "--cache-dir",
            str(tmp_path / "cache"),
            "--retries",
            "0",
            *extra,
        ]
    )
    out, err = capsys.readouterr()
    return code, out, err


QUICK = DIGEST.replace(f"- Putin: no comment. ([Washington Post]({WAPO}/slow), 04.12.17)\n", "")


def test_verify_report_has_a_verification_column_and_the_summary(capsys, tmp_path, server):
    port = server.server_address[1]
    reports = tmp_path / "reports"
    code, _, _ = verify_cli(capsys, tmp_path, server, QUICK, "--report", str(reports))
    assert code == 1
    assert sorted(p.name for p in reports.iterdir()) == [
        "digest.html",
        "digest.json",
        "digest.md",
        "index.html",
    ]
    summary = "verified 4 links: 1 fine, 3 with problems, 0 unverifiable, 0 from cache"
    final = f"http://127.0.0.1:{port}/world/2017/04/12/barbs.html"
    page = (reports / "digest.html").read_text("utf-8")
    assert f'<p class="meta verification">{summary}</p>' in page
    assert "<th scope=col>Verification</th>" in page
    assert (
        f'<li data-verdict="fine"><a href="{final}" rel="noreferrer noopener">{final}</a> '
        "“Tillerson, Lavrov trade barbs - The Washington Post” · "
        '<span class="status ok">fine</span> (HTTP 200, after 1 redirect) · '
        '<span class="date">2017-04-12T14:05-04:00 (JSON-LD datePublished)</span></li>'
    ) in page
    assert f"http://127.0.0.1:{port}/gone</a> · " in page  # a 404 shows no title and no date
    assert "(HTTP 200, after 1 redirect to a home page)" in page

    markdown = (reports / "digest.md").read_text("utf-8")
    assert f"\n{summary}\n" in markdown
    assert "| Section | Speaker | Claim | Citations | Verification |" in markdown
    assert "fine (HTTP 200, after 1 redirect), 2017-04-12T14:05-04:00" in markdown

    data = json.loads((reports / "digest.json").read_text("utf-8"))
    assert {k: v for k, v in data["verification"].items() if k != "links"} == {
        "checked": 4,
        "fine": 1,
        "problems": 3,
        "unverifiable": 0,
        "from_cache": 0,
    }
    first = data["verification"]["links"][0]
    assert (first["line"], first["url"], first["final_url"]) == (5, f"{WAPO}/old/barbs", final)
    assert first["redirects"] == [{"status": 301, "location": final}]
    assert first["page"]["published_source"] == "JSON-LD datePublished"
    assert [link["verdict"] for link in data["verification"]["links"]] == [
        "fine",
        "problem",
        "problem",
        "problem",
    ]

    verify_cli(capsys, tmp_path, server, QUICK, "--report", str(reports))
    again = (reports / "digest.md").read_text("utf-8")
    assert "0 unverifiable, 4 from cache" in again and "after 1 redirect, from cache" in again


def test_verify_baseline_reports_only_new_link_problems(capsys, tmp_path, server):
    baseline = tmp_path / "baseline.json"
    code, out, err = verify_cli(capsys, tmp_path, server, QUICK, "--write-baseline", str(baseline))
    assert (code, out) == (0, "")
    assert f"recorded 3 findings in {baseline}" in err
    recorded = json.loads(baseline.read_text("utf-8"))["findings"]
    assert sorted(row["code"] for row in recorded) == ["V001", "V005", "V009"]

    args = ("--baseline", str(baseline), "--format", "json")
    code, out, _ = verify_cli(capsys, tmp_path, server, QUICK, *args)
    assert (code, json.loads(out)["findings"]) == (0, [])

    grown = QUICK + f"- Lavrov: no deal. ([Washington Post]({WAPO}/gone-too), 04.12.17)\n"
    code, out, _ = verify_cli(capsys, tmp_path, server, grown, *args)
    assert code == 1
    assert [(f["line"], f["code"]) for f in json.loads(out)["findings"]] == [(9, "V001")]


def test_verify_waivers_and_only_its_own_waivers_can_be_stale(capsys, tmp_path, server):
    config = tmp_path / "citecheck.toml"
    config.write_text(
        '[[waivers]]\ncode = "link-dead"\ntext = "Washington Post"\nclaim = "talks were frank"\n'
        'reason = "paywalled archive"\n\n'
        '[[waivers]]\ncode = "D001"\ntext = "04.1217"\nreason = "a lint waiver"\n',
        "utf-8",
    )
    reports = tmp_path / "reports"
    args = ("--config", str(config), "--format", "json", "--report", str(reports))
    code, out, err = verify_cli(capsys, tmp_path, server, QUICK, *args)
    assert code == 0  # the only error, V001, is waived
    assert "V001" not in {f["code"] for f in json.loads(out)["findings"]}
    assert "waiver" not in err  # the D001 waiver is lint's business, not stale here
    data = json.loads((reports / "digest.json").read_text("utf-8"))
    assert [w["waiver"]["reason"] for w in data["waived"]] == ["paywalled archive"]
    assert data["unused_waivers"] == []

    code, _, err = main_lint(capsys, tmp_path / "digest.md", "--config", str(config))
    assert "waiver D001" in err and "link-dead" not in err  # and V waivers are not lint's


def main_lint(capsys, path, *extra: str) -> tuple[int, str, str]:
    code = main(["lint", str(path), *extra])
    out, err = capsys.readouterr()
    return code, out, err


def test_verify_a_claims_ledger_checks_the_urls_people_added(capsys, tmp_path, server):
    port = server.server_address[1]
    digest = tmp_path / "digest.md"
    digest.write_text(
        "# Digest for 04.20.17\n\n## Tillerson in Moscow (04.12.17)\n\n"
        "- Tillerson: relations are poor. (Washington Post, 04.12.17)\n"
        "- Lavrov: talks were frank. (Washington Post, 04.12.17)\n",
        "utf-8",
    )
    ledger = tmp_path / "claims.yaml"
    assert main(["extract", str(digest), "-o", str(ledger)]) == 0
    text = ledger.read_text("utf-8")
    assert text.count("url:\n") == 2  # no links in the digest: room for one per citation
    ledger.write_text(text.replace("url:\n", f"url: {WAPO}/world/barbs-earlier\n", 1), "utf-8")
    capsys.readouterr()
    args = [
        "verify",
        "--allow-private",
        "--remap",
        rf"^https://www\.washingtonpost\.com/ http://127.0.0.1:{port}/",
        "--cache-dir",
        str(tmp_path / "cache"),
        "--format",
        "json",
    ]
    code = main([*args, str(ledger), str(digest)])  # the digest is read once, for its ledger
    out, err = capsys.readouterr()
    assert code == 0  # V009 is a warning
    assert [(f["path"], f["line"], f["code"]) for f in json.loads(out)["findings"]] == [
        (str(digest), 5, "V009")
    ]
    assert "verified 1 link: 0 fine, 1 with problems" in err
    assert server.paths == ["/world/barbs-earlier"]
