"""The outlet registry: how outlets are written, what they are called, where they live.

The registry is data (`data/outlets.toml`); configuration can add outlets or
override bundled ones by canonical name. Lookups are case-insensitive and
ignore a leading "The" and surrounding punctuation, so `Washington Post`,
`the Washington Post` and `WaPo` all land on one outlet.
"""

from __future__ import annotations

import difflib
import re
import sys
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    type: str = "online"
    country: str = ""

    def owns(self, host: str) -> bool:
        return any(_match_length(host, d) >= 0 for d in self.domains)


def _match_length(host: str, domain: str) -> int:
    """len(domain) when `host` is `domain` or one of its subdomains, else -1."""
    host = host.lower().rstrip(".").removeprefix("www.")
    return len(domain) if host == domain or host.endswith("." + domain) else -1


@dataclass(frozen=True, slots=True)
class Kind:
    name: str
    phrases: tuple[str, ...]
    live: bool = False


_SPACE = re.compile(r"\s+")
_FLOOR = 0.6  # below this similarity a known name is no useful suggestion


@lru_cache(maxsize=8192)
def normalise(name: str) -> str:
    key = _SPACE.sub(" ", name.strip(" \t\n.,;:'\"“”‘’")).replace("’", "'").casefold()
    return key.removeprefix("the ")


@dataclass(eq=False)
class Registry:
    outlets: list[Outlet]
    kinds: list[Kind] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._closest: dict[str, tuple[Outlet, str, float] | None] = {}
        self._kinds_of: dict[str, tuple[str, Kind | None]] = {}
        self._by_key: dict[str, Outlet] = {}
        for outlet in self.outlets:
            for written in (outlet.name, *outlet.aliases):
                self._by_key[normalise(written)] = outlet
        self._phrases = sorted(
            ((normalise(p), kind) for kind in self.kinds for p in kind.phrases),
            key=lambda item: -len(item[0]),
        )

    def lookup(self, written: str) -> Outlet | None:
        return self._by_key.get(normalise(written))

    def closest(self, written: str, cutoff: float = 0.6) -> tuple[Outlet, str, float] | None:
        """Best match for an unknown name: (outlet, the spelling matched, similarity)."""
        key = normalise(written)
        if key not in self._closest:
            self._closest[key] = self._best(key)
        found = self._closest[key]
        return found if found is not None and found[2] >= cutoff else None

    def _best(self, key: str) -> tuple[Outlet, str, float] | None:
        # Fuzzy matching is the slowest step of a lint; names repeat, so it is memoised.
        if not key:
            return None
        names = difflib.get_close_matches(key, self._by_key, n=1, cutoff=_FLOOR)
        if not names:
            return None
        ratio = difflib.SequenceMatcher(None, key, names[0]).ratio()
        outlet = self._by_key[names[0]]
        spelling = next(w for w in (outlet.name, *outlet.aliases) if normalise(w) == names[0])
        return outlet, spelling, ratio

    def for_host(self, host: str) -> Outlet | None:
        """The outlet owning `host`; the most specific domain wins (europa.eu vs eeas.europa.eu)."""
        best, best_length = None, -1
        for outlet in self.outlets:
            for domain in outlet.domains:
                length = _match_length(host, domain)
                if length > best_length:
                    best, best_length = outlet, length
        return best

    def split_kind(self, written: str) -> tuple[str, Kind | None]:
        """`RT live broadcast` -> (`RT`, live broadcast). Known outlet names win."""
        if written not in self._kinds_of:
            self._kinds_of[written] = self._split_kind(written)
        return self._kinds_of[written]

    def _split_kind(self, written: str) -> tuple[str, Kind | None]:
        if self.lookup(written) is not None:
            return written, None
        lowered = written.casefold()
        for phrase, kind in self._phrases:
            if lowered.endswith(" " + phrase):
                return written[: len(written) - len(phrase)].rstrip(" ,-–"), kind
        return written, None

    def is_kind(self, written: str) -> bool:
        """Is this a kind of source on its own (`live broadcast`), not an outlet?"""
        key = normalise(written)
        return any(phrase == key for phrase, _ in self._phrases)

    def kind(self, name: str) -> Kind | None:
        return next((k for k in self.kinds if k.name == name), None)

    def extended(self, extra: list[Outlet]) -> Registry:
        """A registry with `extra` added; an extra outlet replaces a bundled one of its name."""
        if not extra:
            return self
        replaced = {normalise(o.name) for o in extra}
        kept = [o for o in self.outlets if normalise(o.name) not in replaced]
        return Registry(kept + list(extra), self.kinds)


def outlet_from_table(table: dict, where: str) -> Outlet:
    """Build an outlet from a TOML table, naming `where` on a bad entry."""
    from citecheck.errors import CitecheckError

    unknown = set(table) - {"name", "aliases", "domains", "type", "country"}
    if unknown:
        raise CitecheckError(f"unknown outlet key {sorted(unknown)[0]!r}", where)
    name = table.get("name")
    if not isinstance(name, str) or not name.strip():
        raise CitecheckError("every outlet needs a non-empty `name`", where)
    aliases = table.get("aliases", [])
    domains = table.get("domains", [])
    if not all(
        isinstance(values, list) and all(isinstance(x, str) for x in values)
        for values in (aliases, domains)
    ):  # a lone string would otherwise be read letter by letter
        raise CitecheckError(
            f"outlet {name!r}: aliases and domains must be lists of strings", where
        )
    return Outlet(
        name,
        tuple(aliases),
        tuple(d.lower().removeprefix("www.") for d in domains),
        str(table.get("type", "online")),
        str(table.get("country", "")),
    )


@cache
def bundled() -> Registry:
    data = resources.files("citecheck") / "data"
    outlets = tomllib.loads((data / "outlets.toml").read_text("utf-8"))["outlet"]
    kinds = tomllib.loads((data / "kinds.toml").read_text("utf-8"))["kind"]
    return Registry(
        [outlet_from_table(t, "outlets.toml") for t in outlets],
        [Kind(k["name"], tuple(k["phrases"]), bool(k.get("live", False))) for k in kinds],
    )
