"""Ledger YAML in and out, through ruamel.yaml's round-trip mode.

Round-trip mode is why ruamel.yaml is a dependency: it keeps a person's
comments and key order when the ledger is regenerated, which PyYAML cannot.
"""

from __future__ import annotations

import io
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.representer import RoundTripRepresenter

from citecheck.errors import CitecheckError


def _yaml() -> YAML:
    yaml = YAML()
    yaml.width = 4096  # one claim per line: a changed claim is a one-line diff
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.Representer = _Representer
    return yaml


class _Representer(RoundTripRepresenter):
    def ignore_aliases(self, data: object) -> bool:
        return True  # claims sharing a date object get the date, not `&id001`

    def represent_none(self, data: None):
        """`url:` with nothing after it: an empty field that invites filling in."""
        return self.represent_scalar("tag:yaml.org,2002:null", "")

    def represent_str(self, data: str):
        """Line separators (NEL, U+2028/9) read back as spaces unless double-quoted and escaped."""
        if any(ch in data for ch in "\x85\u2028\u2029"):
            return self.represent_scalar("tag:yaml.org,2002:str", data, style='"')
        return super().represent_str(data)


_Representer.add_representer(type(None), _Representer.represent_none)
_Representer.add_representer(str, _Representer.represent_str)


def parse(text: str, path: str | Path) -> object:
    """The YAML document, with line numbers (`.lc`) on every mapping and list."""
    try:
        return _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = " ".join(str(exc.problem or exc.context or "syntax error").split())
        raise CitecheckError(f"invalid YAML: {problem}", str(path), line) from None
    except YAMLError as exc:
        raise CitecheckError(f"invalid YAML: {' '.join(str(exc).split())}", str(path)) from None


def header(name: str) -> str:
    return (
        "# Claims ledger, written by `citecheck extract` from the digest named below.\n"
        f"# Regenerate: citecheck extract -o {name}   Check: citecheck extract --check -o {name}\n"
        "# Yours, kept on regeneration: a claim's `note`, `tags` and `waivers`; a citation's\n"
        "# `note`, and its `url` where the digest has no link; your comments. Everything else\n"
        "# is rewritten from the digest. Notes of claims that leave the digest move to `orphans`.\n"
    )


def dumps(document: object, name: str) -> str:
    """The ledger as YAML; a new ledger gets the header that explains it."""
    out = io.StringIO()
    _yaml().dump(document, out)
    text = out.getvalue()
    return text if text.startswith("#") else header(name) + text
