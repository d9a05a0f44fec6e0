"""The HTML reader: blocks as a browser shows them, every character mapped to its source."""

from __future__ import annotations

import string
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.model import Block, Link
from citecheck.reading import read_text
from citecheck.reading.html import read_html

DIGEST = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Highlights of Tillerson&#8217;s Visit
  to Moscow | Russia Matters</title>
<meta property="article:published_time" content="2017-04-13T09:12:00+00:00">
<script>var menu = "<li>not a claim</li>";</script>
<style>li { color: red }</style>
</head>
<body>
<nav><ul><li><a href="/">Home</a></li></ul></nav>
<article>
<h1>Highlights of Tillerson&#8217;s Visit to Moscow</h1>
<p><strong>Bottom-line:</strong> Overall no breakthrough,
   but some positive signals &amp; a working group.</p>
<!-- <p>draft: check the Putin quote</p> -->
<ol start="2">
<li><h2>04.12.17 meeting of Lavrov and Tillerson</h2>
<ol type="a">
<li>U.S. side:
<ul>
<li>Trump:
<ul>
<li>In interview aired on 04.12.17:
<ul>
<li>U.S. is &#8220;not going into Syria.&#8221; (Washington Post, 04.12.17)</li>
<li>Claim about <em>Assad</em> (<a href="https://www.reuters.com/x?a=1&amp;b=2">Reuters</a>, 03.14.18)</li>
</ul>
</li>
</ul>
</li>
<li>Tillerson<br>On 04.11.17 (at G7 meeting):
</ul>
</ol>
</ol>
<p>(Source for the press conference: RT live broadcast, 04.17.17.)</p>
</article>
<div id="respond"><h3>Leave a Reply</h3>
<form><p>Name (required)</p><textarea>Comment</textarea></form>
<p>You are commenting using your WordPress.com account. Log Out / Change</p></div>
<footer>Blog at WordPress.com.</footer>
</body></html>
"""


def _shape(block: Block) -> tuple:
    return (block.kind, block.depth, block.level, block.marker, block.line, block.text)


def test_digest_blocks_in_order():
    blocks, meta = read_html(DIGEST)
    assert meta == {
        "title": "Highlights of Tillerson’s Visit to Moscow | Russia Matters",
        "date": "2017-04-13T09:12:00+00:00",
    }
    assert [_shape(block) for block in blocks] == [
        ("title", 0, 1, None, 14, "Highlights of Tillerson’s Visit to Moscow"),
        (
            "paragraph",
            0,
            0,
            None,
            15,
            "Bottom-line: Overall no breakthrough, but some positive signals & a working group.",
        ),
        ("heading", 0, 2, "2.", 19, "04.12.17 meeting of Lavrov and Tillerson"),
        ("item", 1, 0, "a.", 21, "U.S. side:"),
        ("item", 2, 0, "•", 23, "Trump:"),
        ("item", 3, 0, "•", 25, "In interview aired on 04.12.17:"),
        ("item", 4, 0, "•", 27, "U.S. is “not going into Syria.” (Washington Post, 04.12.17)"),
        ("item", 4, 0, "•", 28, "Claim about Assad (Reuters, 03.14.18)"),
        ("item", 2, 0, "•", 33, "Tillerson On 04.11.17 (at G7 meeting):"),
        (
            "paragraph",
            0,
            0,
            None,
            37,
            "(Source for the press conference: RT live broadcast, 04.17.17.)",
        ),
        ("boilerplate", 0, 0, None, 39, "Leave a Reply"),
        (
            "boilerplate",
            0,
            0,
            None,
            41,
            "You are commenting using your WordPress.com account. Log Out / Change",
        ),
    ]
    assert all(block.marker_span is None for block in blocks)
    assert_offsets(DIGEST, blocks)


def test_digest_links_and_entities_map_to_source():
    blocks, _ = read_html(DIGEST)
    claim = blocks[7]
    assert claim.links == (Link(19, 26, "https://www.reuters.com/x?a=1&b=2"),)
    span = claim.span(19, 26)
    assert DIGEST[span.start : span.end] == "Reuters"
    heading = blocks[0]
    apostrophe = heading.text.index("’")
    assert DIGEST.startswith("&#8217;", heading.source_offset(apostrophe))
    paragraph = blocks[1]
    assert DIGEST.startswith("&amp;", paragraph.source_offset(paragraph.text.index("&")))
    assert DIGEST.startswith("\n   but", paragraph.source_offset(paragraph.text.index(" but")))


def test_read_text_builds_a_document():
    document = read_text(DIGEST, path="digest.html")
    assert document.format == "html"
    assert document.title == "Highlights of Tillerson’s Visit to Moscow | Russia Matters"
    assert [note.kind for note in document.notes] == ["boilerplate"]
    claim = document.blocks[7]
    line, column = document.position(claim.source_offset(claim.links[0].start))
    assert line == 28
    assert document.line_text(line)[column - 1 :].startswith("Reuters</a>")


def test_plain_text_reading_does_not_import_beautiful_soup():
    code = (
        "import sys; from citecheck.reading import read_text; "
        "read_text('• a claim (Reuters, 04.12.17)', format='text'); "
        "print('bs4' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def read(source: str) -> list[tuple[str, int, str | None, str]]:
    blocks, _ = read_html(source)
    assert_offsets(source, blocks)
    return [(block.kind, block.depth, block.marker, block.text) for block in blocks]


def test_browsers_close_list_items_and_paragraphs_implicitly():
    source = "<ul><li>one<li>two<ul><li>nested</ul><li>three</ul><p>a<p>b<div>c</div>"
    assert read(source) == [
        ("item", 0, "•", "one"),
        ("item", 0, "•", "two"),
        ("item", 1, "•", "nested"),
        ("item", 0, "•", "three"),
        ("paragraph", 0, None, "a"),
        ("paragraph", 0, None, "b"),
        ("paragraph", 0, None, "c"),
    ]


def test_ordered_list_numbers():
    source = (
        '<ol start="3"><li>c<li value="7">g<li>h</ol>'
        '<ol type="I" start="4"><li>iv<li>v</ol><ol type="A" start="27"><li>aa</ol>'
    )
    assert [marker for _, _, marker, _ in read(source)] == ["3.", "7.", "8.", "IV.", "V.", "AA."]


def test_loose_items_and_text_after_a_nested_list():
    source = "<ul><li><p>Lavrov:</p><p>more</p><ul><li>claim</li></ul>tail</li></ul>"
    assert read(source) == [
        ("item", 0, "•", "Lavrov:"),
        ("paragraph", 1, None, "more"),
        ("item", 1, "•", "claim"),
        ("paragraph", 1, None, "tail"),
    ]


def test_hidden_elements_and_comments_produce_no_blocks():
    source = (
        "<script>document.write('<p>x</p>')</script><style>p{}</style>"
        "<noscript><p>enable js</p></noscript><template><p>t</p></template>"
        "<nav>menu</nav><form><p>name</p></form><footer>foot</footer>"
        "<!-- <p>comment</p> --><p>kept</p>"
    )
    assert read(source) == [("paragraph", 0, None, "kept")]


def test_whitespace_entities_and_breaks():
    source = "<p>  AT&amp;T\n\t said&nbsp;&#8220;no&#8221;<br/>twice &bogus; &copyright; </p>"
    (block,) = read_html(source)[0]
    assert block.text == "AT&T said\xa0“no” twice &bogus; ©right;"
    assert block.offsets is not None
    assert source[block.source_offset(block.text.index(" said"))] == "\n"
    assert source.startswith("&copyright;", block.source_offset(block.text.index("©")))
    assert source[block.source_offset(block.text.index("right"))] == "r"
    assert_offsets(source, [block])


def test_link_wrapping_blocks_and_links_without_href():
    source = '<a href="https://a.example/"><h2>Title</h2><p>body</p></a><p><a name="x">no</a></p>'
    blocks, _ = read_html(source)
    assert [(b.text, b.links) for b in blocks] == [
        ("Title", (Link(0, 5, "https://a.example/"),)),
        ("body", (Link(0, 4, "https://a.example/"),)),
        ("no", ()),
    ]


def test_date_meta_names():
    def date(head: str) -> str | None:
        return read_html(f"<html><head>{head}</head><body><p>x</p></body></html>")[1].get("date")

    assert date('<meta name="DC.date" content="2017-04-12">') == "2017-04-12"
    assert date('<meta name="citation_date" content="04/12/2017">') == "04/12/2017"
    assert date('<meta name="date" content="">') is None
    both = '<meta name="date" content="2017-04-12"><meta name="digest-date" content="04.13.17">'
    assert date(both) == "04.13.17"


def test_contiguous_text_needs_no_offsets():
    source = "<p>Lavrov said it.</p>"
    (block,) = read_html(source)[0]
    assert block.offsets is None
    assert source[block.base : block.base + len(block.text)] == "Lavrov said it."


def test_markup_html_parser_rejects_is_skipped():
    source = "<p>before</p><![foo[ x ]]><p>after</p>"
    assert read(source) == [("paragraph", 0, None, "before"), ("paragraph", 0, None, "after")]


# -- properties -------------------------------------------------------------


def assert_offsets(source: str, blocks: list[Block]) -> None:
    """Visible characters map to themselves in the source, or to the `&` (or tag) they came from."""
    starts = [0] + [i + 1 for i, char in enumerate(source) if char == "\n"]
    for block in blocks:
        assert block.text and block.text == block.text.strip()
        assert "  " not in block.text
        if block.offsets is None:
            assert source[block.base : block.base + len(block.text)] == block.text
        else:
            assert len(block.offsets) == len(block.text)
            assert block.offsets[0] == block.base
        assert block.line == sum(1 for start in starts if start <= block.base)
        for index, char in enumerate(block.text):
            offset = block.source_offset(index)
            assert 0 <= offset < len(source)
            if char == " ":
                assert source[offset] in " \t\n\r\f<&", (block, index)
            else:
                assert source[offset] in (char, "&"), (block, index)
        for link in block.links:
            assert 0 <= link.start < link.end <= len(block.text)


WORD = st.builds(
    str.__add__,
    st.sampled_from(string.ascii_letters),
    st.text(alphabet=string.ascii_letters + string.digits + "’“”.,:;()'\"/*_[]#-", max_size=8),
)
PHRASE = st.lists(WORD, min_size=1, max_size=3).map(" ".join)
ENTITIES = {
    "&amp;": "&",
    "&lt;": "<",
    "&#8217;": "’",
    "&#x201C;": "“",
    "&quot;": '"',
    "&eacute;": "é",
}
GAPS = st.sampled_from([" ", "\n", "  \n\t", "\r\n "])


@st.composite
def segments(draw) -> tuple[str, str, str | None]:
    """(HTML, rendered text, link href) for one piece of inline content."""
    kind = draw(st.sampled_from(["word", "em", "strong", "link", "entity", "span"]))
    words = draw(PHRASE)
    if kind in ("em", "strong"):
        return f"<{kind}>{words}</{kind}>", words, None
    if kind == "span":
        return f'<span class="x">{words}</span>', words, None
    if kind == "link":
        path = draw(st.from_regex(r"[a-z0-9_/]{0,10}", fullmatch=True))
        return (
            f"<a href='https://example.com/{path}?a=1&amp;b=2'>{words}</a>",
            words,
            (f"https://example.com/{path}?a=1&b=2"),
        )
    if kind == "entity":
        entity = draw(st.sampled_from(sorted(ENTITIES)))
        return entity, ENTITIES[entity], None
    return words, words, None


@st.composite
def inline(draw) -> tuple[str, str, list[tuple[str, str]]]:
    parts = draw(st.lists(segments(), min_size=1, max_size=5))
    source = draw(st.sampled_from(["", " ", "\n  "]))
    text = ""
    links = []
    for index, (markup, rendered, href) in enumerate(parts):
        if index:
            source += draw(GAPS)
            text += " "
        source += markup
        text += rendered
        if href is not None:
            links.append((rendered, href))
    return source + draw(st.sampled_from(["", " ", "\n"])), text, links


@st.composite
def lists(draw) -> tuple[str, list[tuple[str, int, str, str, list[tuple[str, str]]]]]:
    """Nested `<ul>`/`<ol>` lists, with or without `</li>`, and the items they hold."""
    close = draw(st.sampled_from(["</li>", ""]))
    source = ""
    expected = []
    open_lists: list[list] = []  # [tag, next number]
    for index in range(draw(st.integers(1, 6))):
        depth = draw(st.integers(0, len(open_lists) if index else 0))
        if depth == len(open_lists):
            tag = draw(st.sampled_from(["ul", "ol"]))
            start = draw(st.integers(1, 20))
            source += f"<{tag} start='{start}'>\n" if tag == "ol" else "<ul>\n"
            open_lists.append([tag, start])
        else:
            source += close
            while len(open_lists) > depth + 1:
                source += f"</{open_lists.pop()[0]}>{close}\n"
        markup, text, links = draw(inline())
        source += f"<li>{markup}"
        tag, number = open_lists[-1]
        marker = f"{number}." if tag == "ol" else "•"
        open_lists[-1][1] += 1
        expected.append(("item", depth, marker, text, links))
    while open_lists:
        source += f"{close}</{open_lists.pop()[0]}>\n"
    return source, expected


@st.composite
def documents(draw) -> tuple[str, list]:
    source = "<html><head><title>Digest</title></head><body>\n"
    expected = []
    for _ in range(draw(st.integers(1, 4))):
        shape = draw(st.sampled_from(["heading", "paragraph", "list"]))
        if shape == "list":
            markup, items = draw(lists())
            source += markup
            expected.extend(items)
            continue
        markup, text, links = draw(inline())
        if shape == "heading":
            level = draw(st.integers(1, 6))
            source += f"<h{level}>{markup}</h{level}>\n"
        else:
            source += f"<p>{markup}{draw(st.sampled_from(['</p>', '']))}\n"
        expected.append((shape, 0, None, text, links))
    return source + "</body></html>", expected


# Which heading is the title has tests of its own; here only text and offsets count.
_UNTITLED = {"title": "heading"}


@settings(max_examples=200, deadline=None)
@given(documents())
def test_generated_documents_read_exactly(document):
    source, expected = document
    blocks, meta = read_html(source)
    assert meta == {"title": "Digest"}
    got = [
        (
            _UNTITLED.get(b.kind, b.kind),
            b.depth,
            b.marker,
            b.text,
            [(b.text[link.start : link.end], link.href) for link in b.links],
        )
        for b in blocks
    ]
    assert got == expected
    assert_offsets(source, blocks)


HTMLISH = st.text(alphabet="<>/&#;!-=\"' \n\tabpulihx0123[]", max_size=200)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), HTMLISH))
def test_arbitrary_text_never_raises(source):
    blocks, meta = read_html(source)
    assert all(isinstance(value, str) for value in meta.values())
    assert_offsets(source, blocks)
