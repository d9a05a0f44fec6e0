"""Configuration: `[tool.citecheck]` in pyproject.toml, or a `citecheck.toml`.

Every key is checked: a misspelt key is an error that names it, not a
setting silently ignored. Command-line options override the file.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING

from citecheck.errors import CitecheckError
from citecheck.extract.dates import ORDERS
from citecheck.model import Severity
from citecheck.outlets import Outlet, outlet_from_table

if TYPE_CHECKING:
    from citecheck.gate.waivers import Waiver

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FAIL_LEVELS = ("error", "warning", "info", "never")


@dataclass(frozen=True)
class Config:
    date_order: str = "mdy"
    digest_date: dt.date | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str = "error"
    late_after_days: int = 14
    severity: dict[str, Severity] = field(default_factory=dict)
    outlets: tuple[Outlet, ...] = ()
    paths: tuple[str, ...] = ()
    user_agent_contact: str | None = None
    waivers: tuple[Waiver, ...] = ()
    source: str | None = None  # the file this came from, for messages

    def with_overrides(self, **changes: object) -> Config:
        """A copy with the given options replaced; None means "not given"."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


_KEYS = {f.name for f in fields(Config)} - {"source"}
_TOML_KEYS = {k.replace("_", "-") for k in _KEYS}


def load(path: str | Path | None = None, start: Path | None = None) -> Config:
    """Load the given file, else the nearest citecheck.toml or pyproject.toml upwards."""
    if path is not None:
        file = Path(path)
        if not file.is_file():
            raise CitecheckError("config file not found", str(path))
        return _from_file(file, required=True)
    directory = (start or Path.cwd()).resolve()
    for folder in (directory, *directory.parents):
        for name in ("citecheck.toml", "pyproject.toml"):
            candidate = folder / name
            if candidate.is_file():
                config = _from_file(candidate, required=name == "citecheck.toml")
                if config is not None:
                    return config
    return Config()


def _from_file(file: Path, *, required: bool) -> Config | None:
    try:
        data = tomllib.loads(file.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        message = str(exc).split(" (at ")[0]
        line = int(where.group(1)) if where else None
        raise CitecheckError(f"invalid TOML: {message}", str(file), line) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CitecheckError(f"cannot read config: {exc}", str(file)) from None
    if file.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise CitecheckError("[tool]: expected a table", str(file))
        table = tool.get("citecheck")
        if table is None:
            return None if not required else Config(source=str(file))
        if not isinstance(table, dict):
            raise CitecheckError("[tool.citecheck]: expected a table", str(file))
        where = "[tool.citecheck]"
    else:
        table = data
        where = "citecheck.toml"
    return from_table(table, str(file), where, base=file.parent)


def from_table(table: dict, file: str, where: str = "config", base: Path | None = None) -> Config:
    """Validate a config table; `file` names it in errors."""
    unknown = sorted(set(table) - _TOML_KEYS)
    if unknown:
        raise CitecheckError(
            f"unknown key {unknown[0]!r} in {where} (known: {', '.join(sorted(_TOML_KEYS))})", file
        )
    values: dict[str, object] = {"source": file}
    for key, value in table.items():
        name = key.replace("-", "_")
        values[name] = _convert(name, value, file, base)
    return Config(**values)  # type: ignore[arg-type]


def _convert(name: str, value: object, file: str, base: Path | None) -> object:
    def bad(expected: str) -> CitecheckError:
        return CitecheckError(f"{name.replace('_', '-')}: expected {expected}, got {value!r}", file)

    if name == "date_order":
        if value not in ORDERS:
            raise bad(" or ".join(ORDERS))
        return value
    if name == "digest_date":
        if isinstance(value, dt.datetime):  # a date to isinstance, but not comparable to one
            raise bad("a date such as 2017-04-12, without a time")
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise bad("a date such as 2017-04-12") from None
    if name in ("select", "ignore", "paths"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad("a list of strings")
        if name == "paths" and base is not None:
            return tuple(str(base / v) for v in value)
        return tuple(value)
    if name == "fail_on":
        if value not in FAIL_LEVELS:
            raise bad(" or ".join(FAIL_LEVELS))
        return value
    if name == "late_after_days":
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise bad("a whole number of days")
        return value
    if name == "severity":
        if not isinstance(value, dict):
            raise bad("a table of rule = severity")
        from citecheck.rules import find_rule

        overrides: dict[str, Severity] = {}
        for key, level in value.items():
            rule = find_rule(str(key))
            if rule is None:
                raise CitecheckError(
                    f"severity: no rule {key!r}; `citecheck rules` lists them", file
                )
            try:
                overrides[rule.code] = Severity(level)
            except ValueError:
                raise bad("error, warning or info for each rule") from None
        return overrides
    if name == "outlets":
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise bad("an array of tables ([[tool.citecheck.outlets]])")
        return tuple(outlet_from_table(v, file) for v in value)
    if name == "user_agent_contact":
        if not isinstance(value, str):
            raise bad("a URL or e-mail address")
        return value
    if name == "waivers":
        from citecheck.gate.waivers import waivers_from_table

        return waivers_from_table(value, file)
    raise bad("nothing")  # pragma: no cover - every key in _KEYS is handled above
