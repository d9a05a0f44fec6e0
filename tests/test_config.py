"""Bad configuration is one clear line naming the file, never a traceback."""

from __future__ import annotations

import datetime as dt

import pytest

from citecheck import config
from citecheck.errors import CitecheckError


def load(tmp_path, name: str, body: str) -> config.Config:
    file = tmp_path / name
    file.write_text(body, "utf-8")
    return config.load(file)


@pytest.mark.parametrize(
    "body",
    ["tool = 1\n", "[tool]\ncitecheck = 5\n", '[tool]\ncitecheck = ["a"]\n'],
    ids=["tool-not-a-table", "citecheck-not-a-table", "citecheck-an-array"],
)
def test_pyproject_whose_tables_are_not_tables_is_an_error(tmp_path, body):
    with pytest.raises(CitecheckError, match="expected a table") as raised:
        load(tmp_path, "pyproject.toml", body)
    assert raised.value.path == str(tmp_path / "pyproject.toml")


def test_pyproject_without_our_table_gives_defaults(tmp_path):
    assert load(tmp_path, "pyproject.toml", "[tool.other]\nx = 1\n").date_order == "mdy"


def test_digest_date_with_a_time_of_day_is_refused(tmp_path):
    # A datetime is a date to isinstance, but comparing it with citation dates fails later.
    with pytest.raises(CitecheckError, match="digest-date: expected a date"):
        load(tmp_path, "citecheck.toml", "digest-date = 2017-04-12T10:00:00\n")


def test_digest_date_as_toml_date_or_iso_string(tmp_path):
    assert load(tmp_path, "citecheck.toml", "digest-date = 2017-04-12\n").digest_date == dt.date(
        2017, 4, 12
    )
    assert load(tmp_path, "citecheck.toml", 'digest-date = "2017-04-12"\n').digest_date == dt.date(
        2017, 4, 12
    )


@pytest.mark.parametrize(
    "entry",
    ['aliases = "Reuter"', "aliases = 5", 'domains = "reuters.com"', "domains = [5]"],
)
def test_outlet_aliases_and_domains_must_be_lists_of_strings(tmp_path, entry):
    body = f'[[outlets]]\nname = "Reuters"\n{entry}\n'
    with pytest.raises(CitecheckError, match="must be lists of strings"):
        load(tmp_path, "citecheck.toml", body)


def test_outlet_lists_are_read(tmp_path):
    body = '[[outlets]]\nname = "Bugle"\naliases = ["The Bugle"]\ndomains = ["www.Bugle.example"]\n'
    (outlet,) = load(tmp_path, "citecheck.toml", body).outlets
    assert outlet.aliases == ("The Bugle",)
    assert outlet.domains == ("bugle.example",)


def test_severity_overrides_name_real_rules(tmp_path):
    from citecheck.config import load
    from citecheck.errors import CitecheckError
    from citecheck.model import Severity

    good = tmp_path / "good.toml"
    good.write_text('[severity]\nquote-wrong-way = "error"\nd001 = "info"\n')
    assert load(good).severity == {"Q003": Severity.ERROR, "D001": Severity.INFO}
    bad = tmp_path / "bad.toml"
    bad.write_text('[severity]\nquote-wrongway = "error"\n')
    with pytest.raises(CitecheckError, match="severity: no rule 'quote-wrongway'"):
        load(bad)
