"""The rule set, and choosing which rules run."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from citecheck.config import Config
from citecheck.model import Finding
from citecheck.rules.base import Context, Rule
from citecheck.rules.chronology import LiveSourceDate, SourceBeforeEvent, SourceLongAfterEvent
from citecheck.rules.dates import DateAfterDigest, ImpossibleDate, MalformedDate, MixedDateStyles
from citecheck.rules.form import (
    CommaSpacing,
    DateWithoutOutlet,
    DuplicateCitation,
    EmptyCitation,
    GroupSpacing,
    MissingComma,
    OutletWithoutDate,
)
from citecheck.rules.ledger import LedgerSchema, LedgerStale
from citecheck.rules.outlets import (
    InconsistentOutletName,
    LinkOutletMismatch,
    MisspeltOutlet,
    UnknownOutlet,
)
from citecheck.rules.structure import BrokenNumbering, EncodingFallback, PageFurniture
from citecheck.rules.text import (
    MangledAbbreviation,
    UnbalancedParenthesis,
    UnbalancedQuote,
    UncitedQuote,
    WrongWayQuote,
)
from citecheck.rules.verify import VERIFY_RULES

RULES: tuple[type[Rule], ...] = (
    MalformedDate,
    ImpossibleDate,
    DateAfterDigest,
    MixedDateStyles,
    LiveSourceDate,
    SourceBeforeEvent,
    SourceLongAfterEvent,
    CommaSpacing,
    GroupSpacing,
    MissingComma,
    EmptyCitation,
    OutletWithoutDate,
    DateWithoutOutlet,
    DuplicateCitation,
    UnknownOutlet,
    MisspeltOutlet,
    InconsistentOutletName,
    LinkOutletMismatch,
    UncitedQuote,
    UnbalancedQuote,
    WrongWayQuote,
    UnbalancedParenthesis,
    MangledAbbreviation,
    BrokenNumbering,
    PageFurniture,
    EncodingFallback,
    LedgerSchema,
    LedgerStale,
)
ALL_RULES = RULES + VERIFY_RULES  # what `citecheck rules` lists; verify rules run only in verify

__all__ = [
    "ALL_RULES",
    "RULES",
    "VERIFY_RULES",
    "Context",
    "Rule",
    "configured",
    "find_rule",
    "matches",
    "run",
    "selected",
]


def matches(rule: type[Rule], selector: str) -> bool:
    """A selector is a code, a code prefix (`D`, `D00`), a rule name, or `ALL`."""
    key = selector.strip()
    return (
        key.upper() == "ALL"
        or rule.code.upper().startswith(key.upper())
        or rule.name == key.lower()
    )


def unknown_selectors(selectors: tuple[str, ...]) -> list[str]:
    return [s for s in selectors if not any(matches(r, s) for r in ALL_RULES)]


def selected(config: Config, rules: tuple[type[Rule], ...] = RULES) -> list[type[Rule]]:
    chosen = [r for r in rules if not config.select or any(matches(r, s) for s in config.select)]
    return [r for r in chosen if not any(matches(r, s) for s in config.ignore)]


def find_rule(key: str) -> type[Rule] | None:
    key = key.strip()
    return next(
        (r for r in ALL_RULES if r.code.upper() == key.upper() or r.name == key.lower()), None
    )


def run(ctx: Context, rules: tuple[type[Rule], ...] = RULES) -> list[Finding]:
    found = [f for rule in selected(ctx.config, rules) for f in rule().check(ctx)]
    return configured(found, ctx.config, rules)


def configured(
    findings: Iterable[Finding], config: Config, rules: tuple[type[Rule], ...] = RULES
) -> list[Finding]:
    """The findings of the selected rules, at the severity the config gives them, in file order.

    Rules that are not run over a digest (the ledger's) build findings
    elsewhere and pass them through here, so selection works the same.
    """
    chosen = {rule.code for rule in selected(config, rules)}
    overrides = config.severity
    kept = [
        replace(f, severity=severity)
        if (severity := overrides.get(f.code) or overrides.get(f.name))
        else f
        for f in findings
        if f.code in chosen
    ]
    kept.sort(key=Finding.sort_key)
    return kept
