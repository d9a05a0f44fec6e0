"""Atomic writes replace a file's content, never the link or permissions around it."""

from __future__ import annotations

import os

import pytest

from citecheck.atomic import write_bytes, write_text
from citecheck.errors import CitecheckError


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_writing_through_a_symlink_keeps_the_link(tmp_path):
    real = tmp_path / "digests" / "real.txt"
    real.parent.mkdir()
    real.write_text("old\n", "utf-8")
    link = tmp_path / "digest.txt"
    link.symlink_to(real)
    write_bytes(link, b"new\n", expect=b"old\n")
    assert link.is_symlink()
    assert real.read_text("utf-8") == "new\n"
    assert sorted(p.name for p in real.parent.iterdir()) == ["real.txt"]  # no temp file left


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path):
    file = tmp_path / "digest.txt"
    file.write_text("edited meanwhile\n", "utf-8")
    with pytest.raises(CitecheckError, match="changed on disk") as raised:
        write_bytes(file, b"fixed\n", expect=b"as read\n")
    assert raised.value.path == str(file)
    assert file.read_text("utf-8") == "edited meanwhile\n"
    assert [p.name for p in tmp_path.iterdir()] == ["digest.txt"]


def test_write_text_creates_a_new_file(tmp_path):
    write_text(tmp_path / "out.txt", "Lavrov: “x”\n")
    assert (tmp_path / "out.txt").read_text("utf-8") == "Lavrov: “x”\n"


def test_a_folder_is_not_replaced_by_a_file(tmp_path):
    from citecheck.atomic import write_text
    from citecheck.errors import CitecheckError

    with pytest.raises(CitecheckError, match="is a directory; not written"):
        write_text(tmp_path, "report\n")
    assert tmp_path.is_dir() and list(tmp_path.iterdir()) == []
