"""The Markdown reader: blocks as rendered, every character mapped back to its source."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.model import Block, Link
from citecheck.reading import read_text
from citecheck.reading.markdown import read_markdown

DIGEST = """\
---
title: "Highlights of Tillerson’s Visit to Moscow"
Date: 04.13.17
---

# Highlights of Tillerson’s Visit to Moscow

**Bottom-line:** Overall no breakthrough, but some positive signals: the sides agreed
to establish a working group for bilateral contacts.

## II. 04.12.17 meeting of Lavrov and Tillerson

### U.S. side

- Trump:
  - In interview aired on 04.12.17:
    - U.S. is “not going into Syria.”
    - “Putin is backing a person that’s truly an evil person.” (Washington Post, 04.12.17)
- Tillerson: “Our meeting today comes at an important moment.” \
([Department of State](https://www.state.gov/r "Remarks"), 04.12.17)

### Russian side

* Lavrov:
    * “I will be frank, we have a lot of questions,” he said. (Washington Post,
      04.12.17)
    * Russia wants an _investigation_ ([Reuters](https://www.reuters.com/x), 03.14.18)

<!-- the Lavrov quote needs a second source -->

(Source for the press conference: RT live broadcast, 04.17.17.)

Leave a Reply
-------------

You are commenting using your WordPress.com account. Log Out / Change
"""


def _shape(block: Block) -> tuple:
    return (block.kind, block.depth, block.level, block.marker, block.line, block.text)


def test_digest_blocks_in_order():
    blocks, meta = read_markdown(DIGEST)
    assert meta == {"title": "Highlights of Tillerson’s Visit to Moscow", "date": "04.13.17"}
    assert [_shape(block) for block in blocks] == [
        ("title", 0, 1, None, 6, "Highlights of Tillerson’s Visit to Moscow"),
        (
            "paragraph",
            0,
            0,
            None,
            8,
            "Bottom-line: Overall no breakthrough, but some positive signals: the sides agreed"
            "\nto establish a working group for bilateral contacts.",
        ),
        ("heading", 0, 2, None, 11, "II. 04.12.17 meeting of Lavrov and Tillerson"),
        ("heading", 0, 3, None, 13, "U.S. side"),
        ("item", 0, 0, "-", 15, "Trump:"),
        ("item", 1, 0, "-", 16, "In interview aired on 04.12.17:"),
        ("item", 2, 0, "-", 17, "U.S. is “not going into Syria.”"),
        (
            "item",
            2,
            0,
            "-",
            18,
            "“Putin is backing a person that’s truly an evil person.” (Washington Post, 04.12.17)",
        ),
        (
            "item",
            0,
            0,
            "-",
            19,
            "Tillerson: “Our meeting today comes at an important moment.” "
            "(Department of State, 04.12.17)",
        ),
        ("heading", 0, 3, None, 21, "Russian side"),
        ("item", 0, 0, "*", 23, "Lavrov:"),
        (
            "item",
            1,
            0,
            "*",
            24,
            "“I will be frank, we have a lot of questions,” he said. (Washington Post,\n04.12.17)",
        ),
        ("item", 1, 0, "*", 26, "Russia wants an investigation (Reuters, 03.14.18)"),
        (
            "paragraph",
            0,
            0,
            None,
            30,
            "(Source for the press conference: RT live broadcast, 04.17.17.)",
        ),
        ("boilerplate", 0, 0, None, 32, "Leave a Reply"),
        (
            "boilerplate",
            0,
            0,
            None,
            35,
            "You are commenting using your WordPress.com account. Log Out / Change",
        ),
    ]
    assert_offsets(DIGEST, blocks)


def test_digest_links_point_at_their_text():
    blocks, _ = read_markdown(DIGEST)
    state = blocks[8]
    assert state.links == (Link(62, 81, "https://www.state.gov/r"),)
    assert state.text[62:81] == "Department of State"
    reuters = blocks[12]
    assert reuters.links == (Link(31, 38, "https://www.reuters.com/x"),)
    span = reuters.span(31, 38)
    assert DIGEST[span.start : span.end] == "Reuters"


def test_marker_spans_and_contiguous_text():
    blocks, _ = read_markdown(DIGEST)
    trump = blocks[4]
    assert DIGEST[trump.marker_span.start : trump.marker_span.end] == "-"
    assert trump.offsets is None
    assert DIGEST[trump.base : trump.base + len(trump.text)] == "Trump:"
    lavrov_quote = blocks[11]
    assert DIGEST[lavrov_quote.marker_span.start : lavrov_quote.marker_span.end] == "*"
    assert lavrov_quote.offsets is not None  # the continuation line's indentation is gone


def test_read_text_builds_a_document():
    document = read_text(DIGEST, path="digest.md", format="markdown")
    assert document.format == "markdown"
    assert document.title == "Highlights of Tillerson’s Visit to Moscow"
    assert document.meta["date"] == "04.13.17"
    assert [note.kind for note in document.notes] == ["boilerplate"]
    reuters = document.blocks[12]
    start = reuters.source_offset(reuters.links[0].start)
    line, column = document.position(start)
    assert line == 26
    assert document.line_text(line)[column - 1 :].startswith("Reuters](")


def test_sniffed_as_markdown():
    assert read_text(DIGEST).format == "markdown"


def texts(source: str) -> list[tuple[str, int, str]]:
    blocks, _ = read_markdown(source)
    assert_offsets(source, blocks)
    return [(block.kind, block.depth, block.text) for block in blocks]


def test_nesting_tolerates_two_four_spaces_and_tabs():
    source = "1. Part\n  - two\n      - six\n  - back\n\t- tab\n- top\n    1) four\n"
    assert texts(source) == [
        ("item", 0, "Part"),
        ("item", 1, "two"),
        ("item", 2, "six"),
        ("item", 1, "back"),
        ("item", 2, "tab"),
        ("item", 0, "top"),
        ("item", 1, "four"),
    ]
    markers = [block.marker for block in read_markdown(source)[0]]
    assert markers == ["1.", "-", "-", "-", "-", "-", "1)"]


def test_paragraph_inside_an_item_and_after_the_list():
    source = "- claim\n\n  more about it\n\nAfter the list.\n"
    assert texts(source) == [
        ("item", 0, "claim"),
        ("paragraph", 1, "more about it"),
        ("paragraph", 0, "After the list."),
    ]


def test_code_comments_and_breaks_produce_no_blocks():
    source = (
        "```text\n- not an item\n```\n"
        "~~~~\n# not a heading\n~~~~\n"
        "<!-- a comment\n\n- spanning lines -->\n"
        "***\n"
        "[ref]: https://example.com/ref\n"
        "Kept.\n"
    )
    assert texts(source) == [("paragraph", 0, "Kept.")]


def test_headings_atx_closing_hashes_and_setext():
    source = "## Part II ##\n\nUnderlined\n==========\n\nAlso\n---\n####### seven\n"
    blocks, _ = read_markdown(source)
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        ("heading", 2, "Part II"),
        ("heading", 1, "Underlined"),
        ("heading", 2, "Also"),
        ("paragraph", 0, "####### seven"),
    ]


def test_lazy_continuation_keeps_the_newline():
    source = "- first line\nsecond line\n   third line\n"
    (block,) = read_markdown(source)[0]
    assert block.text == "first line\nsecond line\nthird line"
    assert_offsets(source, [block])
    assert block.source_offset(block.text.index("third")) == source.index("third")


def test_inline_markup_is_removed():
    source = (
        "**bold** *it* __u__ _u_ `code *x*` \\*star\\* snake_case 5 * 3 **unclosed and ``a ` b``\n"
    )
    assert texts(source) == [
        (
            "paragraph",
            0,
            "bold it u u code *x* *star* snake_case 5 * 3 **unclosed and a ` b",
        )
    ]


def test_links_of_every_kind():
    source = (
        "[inline](https://a.example/x_(y) 'T') [full][Ref] [collapsed][] [ref] "
        "<https://auto.example/p> <me@example.com> ![alt *text*](img.png) "
        '<a href="https://raw.example/?a=1&amp;b=2">raw</a> [not a link] [x](<https://b.example/a b>)'
        '\n\n[REF]: <https://ref.example/> "Title"\n[collapsed]: https://c.example/\n'
    )
    (block,) = read_markdown(source)[0]
    assert block.text == (
        "inline full collapsed ref https://auto.example/p me@example.com alt text raw "
        "[not a link] x"
    )
    found = [(block.text[link.start : link.end], link.href) for link in block.links]
    assert found == [
        ("inline", "https://a.example/x_(y)"),
        ("full", "https://ref.example/"),
        ("collapsed", "https://c.example/"),
        ("ref", "https://ref.example/"),
        ("https://auto.example/p", "https://auto.example/p"),
        ("me@example.com", "mailto:me@example.com"),
        ("raw", "https://raw.example/?a=1&b=2"),
        ("x", "https://b.example/a b"),
    ]
    assert_offsets(source, [block])


def test_entities_map_to_their_ampersand():
    source = "Tillerson&#8217;s &amp; Lavrov&rsquo;s &bogus; AT&T\n"
    (block,) = read_markdown(source)[0]
    assert block.text == "Tillerson’s & Lavrov’s &bogus; AT&T"
    assert block.source_offset(9) == source.index("&#8217;")
    assert block.source_offset(block.text.index("&bogus")) == source.index("&bogus")
    assert_offsets(source, [block])


def test_block_quote_reads_as_its_content():
    assert texts("> quoted *claim*\n> continued\n") == [("paragraph", 0, "quoted claim\ncontinued")]


def test_front_matter_needs_a_closing_line():
    blocks, meta = read_markdown("---\ntitle: x\n")
    assert meta == {}
    assert [b.text for b in blocks] == ["title: x"]
    _, meta = read_markdown("---\ntitle: 'Quoted'\ntags:\n  - a\nempty:\n...\n")
    assert meta == {"title": "Quoted"}


def test_crlf_line_endings():
    source = "# Title\r\n\r\n- a claim\r\n  continued\r\n"
    assert texts(source) == [("heading", 0, "Title"), ("item", 0, "a claim\ncontinued")]


# -- properties -------------------------------------------------------------


def assert_offsets(source: str, blocks: list[Block]) -> None:
    """Every visible character maps to itself in the source (or to its entity's `&`)."""
    starts = [0] + [i + 1 for i, char in enumerate(source) if char == "\n"]
    for block in blocks:
        assert block.text and block.text == block.text.strip()
        if block.offsets is None:
            assert source[block.base : block.base + len(block.text)] == block.text
        else:
            assert len(block.offsets) == len(block.text)
            assert block.offsets[0] == block.base
            assert list(block.offsets) == sorted(block.offsets)
        assert block.line == sum(1 for start in starts if start <= block.base)
        for index, char in enumerate(block.text):
            offset = block.source_offset(index)
            assert 0 <= offset < len(source)
            assert source[offset] == char or source[offset] in "&<", (block, index)
        for link in block.links:
            assert 0 <= link.start < link.end <= len(block.text)
        if block.marker_span is not None:
            assert source[block.marker_span.start : block.marker_span.end] == block.marker


WORD = st.builds(
    str.__add__,
    st.sampled_from(string.ascii_letters),
    st.text(alphabet=string.ascii_letters + string.digits + "’“”.,:;()'\"/-", max_size=8),
)
PHRASE = st.lists(WORD, min_size=1, max_size=3).map(" ".join)
ENTITIES = {"&amp;": "&", "&#8217;": "’", "&quot;": '"', "&eacute;": "é", "&#x2014;": "—"}


@st.composite
def segments(draw) -> tuple[str, str, str | None]:
    """(markdown, rendered text, link href) for one piece of inline content."""
    kind = draw(
        st.sampled_from(["word", "strong", "em", "under", "code", "link", "entity", "auto"])
    )
    words = draw(PHRASE)
    if kind == "strong":
        return f"**{words}**", words, None
    if kind == "em":
        return f"*{words}*", words, None
    if kind == "under":
        return f"_{words}_", words, None
    if kind == "code":
        return f"`{words}*_`", f"{words}*_", None
    if kind == "link":
        path = draw(st.from_regex(r"[a-z0-9_/]{0,10}", fullmatch=True))
        title = draw(st.sampled_from(["", ' "Title"', " 'T'"]))
        return f"[{words}](https://example.com/{path}{title})", words, f"https://example.com/{path}"
    if kind == "entity":
        entity = draw(st.sampled_from(sorted(ENTITIES)))
        return entity, ENTITIES[entity], None
    if kind == "auto":
        url = f"https://example.org/{draw(st.from_regex(r'[a-z0-9]{1,6}', fullmatch=True))}"
        return f"<{url}>", url, url
    return words, words, None


@st.composite
def inline(draw) -> tuple[str, str, list[tuple[str, str]]]:
    """Inline content, possibly wrapped onto a lazy continuation line."""
    parts = draw(st.lists(segments(), min_size=1, max_size=5))
    wrap = draw(st.integers(0, len(parts) - 1))
    source = text = ""
    links = []
    for index, (markdown, rendered, href) in enumerate(parts):
        if index:
            lazy = index == wrap
            source += "\n" + draw(st.sampled_from(["", "  "])) if lazy else " "
            text += "\n" if lazy else " "
        source += markdown
        text += rendered
        if href is not None:
            links.append((rendered, href))
    return source, text, links


@st.composite
def documents(draw) -> tuple[str, list[tuple[str, int, str, list[tuple[str, str]]]]]:
    """A digest of headings, paragraphs and nested lists, with the blocks it must read as."""
    source_parts: list[str] = []
    expected = []
    for _ in range(draw(st.integers(1, 4))):
        shape = draw(st.sampled_from(["heading", "paragraph", "list"]))
        if shape == "heading":
            words = draw(PHRASE)
            level = draw(st.integers(1, 6))
            source_parts.append(f"{'#' * level} {words}")
            expected.append(("heading", 0, words, []))
        elif shape == "paragraph":
            source, text, links = draw(inline())
            source_parts.append(source)
            expected.append(("paragraph", 0, text, links))
        else:
            step = draw(st.sampled_from(["  ", "    ", "\t"]))
            marker = draw(st.sampled_from(["-", "*", "+", "1.", "2)"]))
            lines = []
            depth = 0
            for index in range(draw(st.integers(1, 5))):
                depth = draw(st.integers(0, depth + 1 if index else 0))
                source, text, links = draw(inline())
                continued = source.replace("\n", "\n" + step * depth)
                lines.append(f"{step * depth}{marker} {continued}")
                expected.append(("item", depth, text, links))
            source_parts.append("\n".join(lines))
    return "\n\n".join(source_parts) + "\n", expected


# Which heading is the title has tests of its own; here only text and offsets count.
_UNTITLED = {"title": "heading"}


@settings(max_examples=200, deadline=None)
@given(documents())
def test_generated_documents_read_exactly(document):
    source, expected = document
    blocks, _ = read_markdown(source)
    got = [
        (
            _UNTITLED.get(b.kind, b.kind),
            b.depth,
            b.text,
            [(b.text[link.start : link.end], link.href) for link in b.links],
        )
        for b in blocks
    ]
    assert got == expected
    assert_offsets(source, blocks)


MARKDOWNISH = st.text(alphabet="*_`[]()<>!#-+1.)\\&;:/ax \t\n>=~\"'", max_size=200)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), MARKDOWNISH))
def test_arbitrary_text_never_raises(source):
    blocks, meta = read_markdown(source)
    assert all(isinstance(value, str) for value in meta.values())
    assert_offsets(source, blocks)


@pytest.mark.parametrize(
    ("source", "kinds"),
    [
        ("# Digest\n\n## I. Part\n\n- a\n", ["title", "heading", "item"]),
        ("# Digest\n\n# Other\n\n- a\n", ["heading", "heading", "item"]),
        ("## 04.12.17 meeting\n\n- a\n", ["heading", "item"]),
        ("- a\n\n# Digest\n\n## Part\n", ["item", "heading", "heading"]),
    ],
)
def test_only_a_heading_that_opens_the_digest_above_all_others_is_its_title(source, kinds):
    blocks, _ = read_markdown(source)
    assert [b.kind for b in blocks] == kinds
