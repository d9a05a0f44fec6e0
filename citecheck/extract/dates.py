"""Strict citation dates: every part written, every part checked.

General-purpose parsers (python-dateutil's included) fill a missing year or
month from today, which turns the typo `11.17` into a plausible date. A
citation date is evidence, so here a date is either complete and real or it
is reported as malformed or impossible, never guessed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

from citecheck.model import ParsedDate, Span

ORDERS = ("mdy", "dmy", "ymd")

MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
MONTHS["sept"] = 9
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"

# Two or three numeric parts; two parts are matched only to be reported.
NUMERIC = r"(?<![\w./-])\d{1,4}([./-])\d{1,4}(?:\1\d{1,4})?(?![\w/-]|\.\d)"
LONG_MDY = rf"\b{_MONTH}\.? \d{{1,2}}(?:st|nd|rd|th)?(?:,? \d{{4}})?\b"
LONG_DMY = rf"\b\d{{1,2}}(?:st|nd|rd|th)? {_MONTH}\.?(?:,? \d{{4}})?\b"
DATE_TOKEN = re.compile(rf"{LONG_MDY}|{LONG_DMY}|{NUMERIC}", re.IGNORECASE)

# In running text (event dates), only complete dates count.
FULL_NUMERIC = r"(?<![\w./-])\d{1,4}([./-])\d{1,2}\1\d{2,4}(?![\w/-]|\.\d)"
FULL_DATE = re.compile(
    rf"\b{_MONTH}\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}\b|\b\d{{1,2}} {_MONTH}\.?,? \d{{4}}\b|{FULL_NUMERIC}",
    re.IGNORECASE,
)

_PARTS = re.compile(r"\d+")
_NOWHERE = Span(0, 0)
_LONG = re.compile(rf"({_MONTH})\.? (\d{{1,2}})(?:st|nd|rd|th)?(?:,? (\d{{4}}))?", re.I)
_LONG_DAY_FIRST = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)? ({_MONTH})\.?(?:,? (\d{{4}}))?", re.I)


def parse_date(text: str, span: Span, order: str = "mdy") -> ParsedDate:
    """Parse one date token as written in a citation."""
    value, style, problem = _parse(text, order)
    return ParsedDate(text, span, value, style, problem)


@lru_cache(maxsize=8192)
def _parse(text: str, order: str) -> tuple[dt.date | None, str | None, str | None]:
    # Digests repeat the same few dates hundreds of times; parse each once.
    if text[:1].isdigit() and not _LONG_DAY_FIRST.fullmatch(text):
        parsed = _parse_numeric(text, _NOWHERE, order)
    else:
        parsed = _parse_long(text, _NOWHERE)
    return parsed.value, parsed.style, parsed.problem


def _parse_numeric(text: str, span: Span, order: str) -> ParsedDate:
    sep = next(ch for ch in text if not ch.isdigit())
    parts = text.split(sep)
    if len(parts) != 3:
        return ParsedDate(text, span, None, None, "malformed")
    if len(parts[0]) == 4:
        order = "ymd"
    fields = dict(zip(order, parts, strict=True))
    year_text = fields["y"]
    if len(year_text) not in (2, 4) or len(fields["m"]) > 2 or len(fields["d"]) > 2:
        return ParsedDate(text, span, None, None, "malformed")
    year = int(year_text) + (_century(int(year_text)) if len(year_text) == 2 else 0)
    month, day = int(fields["m"]), int(fields["d"])
    style = _numeric_style(order, sep, fields)
    value, problem = _make(year, month, day)
    return ParsedDate(text, span, value, style, problem)


def _parse_long(text: str, span: Span) -> ParsedDate:
    match = _LONG.fullmatch(text)
    day_first = match is None
    if day_first:
        match = _LONG_DAY_FIRST.fullmatch(text)
        if match is None:
            return ParsedDate(text, span, None, None, "malformed")
        day_text, month_text, year_text = match.groups()
    else:
        month_text, day_text, year_text = match.groups()
    if year_text is None:
        return ParsedDate(text, span, None, None, "malformed")
    month = MONTHS[_month_key(month_text)]
    style = "D Month YYYY" if day_first else "Month D, YYYY"
    value, problem = _make(int(year_text), month, int(day_text))
    return ParsedDate(text, span, value, style, problem)


def _month_key(name: str) -> str:
    key = name.lower().rstrip(".")
    return key if key in MONTHS else key[:3]


def _century(two_digits: int) -> int:
    return 2000 if two_digits < 70 else 1900


def _numeric_style(order: str, sep: str, fields: dict[str, str]) -> str:
    if order == "ymd" and sep == "-" and len(fields["y"]) == 4:
        return "YYYY-MM-DD"
    width = {"y": "Y" * len(fields["y"])}
    for key in "md":
        letter = key.upper()
        width[key] = letter * 2 if len(fields[key]) == 2 else letter
    return sep.join(width[key] for key in order)


def _make(year: int, month: int, day: int) -> tuple[dt.date | None, str | None]:
    try:
        return dt.date(year, month, day), None
    except ValueError:
        return None, "impossible"


def why_impossible(parsed: ParsedDate, order: str = "mdy") -> str:
    """Say which part of an impossible date is wrong, for the message."""
    if parsed.style is None:
        return "it is not a date"
    numbers = [int(n) for n in _PARTS.findall(parsed.text)]
    if parsed.style[0] in "MD" and len(numbers) == 3:
        fields = dict(zip(order, numbers, strict=True))
        month, day, year = fields["m"], fields["d"], fields["y"]
    elif parsed.style.startswith("Y") and len(numbers) == 3:
        year, month, day = numbers
    else:
        year = numbers[-1]
        month = _long_month(parsed.text)
        day = numbers[0]
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    if year < 100:
        year += _century(year)
    if month == 2 and day == 29:
        return f"{year} is not a leap year"
    return f"{calendar.month_name[month]} has {calendar.monthrange(year, month)[1]} days"


def swapped_reading(text: str, order: str) -> dt.date | None:
    """The real date an impossible numeric date names with day and month read the other way."""
    numbers = [int(n) for n in _PARTS.findall(text)]
    if order not in ("mdy", "dmy") or len(numbers) != 3 or numbers[0] > 31:
        return None
    year = numbers[2] + (_century(numbers[2]) if numbers[2] < 100 else 0)
    month, day = (numbers[1], numbers[0]) if order == "mdy" else (numbers[0], numbers[1])
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _long_month(text: str) -> int:
    match = re.search(_MONTH, text, re.I)
    return MONTHS[_month_key(match.group(0))] if match else 0


def format_date(value: dt.date, style: str) -> str:
    """Write `value` the way `style` (as `ParsedDate.style` names it) writes dates."""
    if style == "Month D, YYYY":
        return f"{calendar.month_name[value.month]} {value.day}, {value.year}"
    if style == "D Month YYYY":
        return f"{value.day} {calendar.month_name[value.month]} {value.year}"
    if style == "YYYY-MM-DD":
        return value.isoformat()
    out = []
    for token in re.split(r"([./-])", style):
        if token in ".-/":
            out.append(token)
        elif token == "YYYY":
            out.append(f"{value.year:04d}")
        elif token == "YY":
            out.append(f"{value.year % 100:02d}")
        elif token in ("MM", "DD"):
            out.append(f"{value.month if token == 'MM' else value.day:02d}")
        else:
            out.append(str(value.month if token == "M" else value.day))
    return "".join(out)


def default_style(order: str) -> str:
    return {"mdy": "MM.DD.YY", "dmy": "DD.MM.YY", "ymd": "YYYY-MM-DD"}[order]


def parse_config_date(text: str) -> dt.date:
    """`--digest-date` and config dates are ISO; anything else is a usage error."""
    return dt.date.fromisoformat(text.strip())


@lru_cache(maxsize=4096)
def first_full_date(text: str, order: str) -> dt.date | None:
    """The first complete, real date in running text (for event dates).

    Cached: every claim under a context line asks again about the same line.
    """
    for match in FULL_DATE.finditer(text):
        parsed = parse_date(match.group(0), Span(0, 0), order)
        if parsed.value is not None:
            return parsed.value
    return None
