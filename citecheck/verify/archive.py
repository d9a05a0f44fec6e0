"""Suggesting an archived copy: the Wayback Machine snapshot nearest the cited date."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlencode, urlsplit

from citecheck.verify.cache import Cache
from citecheck.verify.fetch import Fetcher


def nearest_snapshot(
    fetcher: Fetcher, cache: Cache | None, url: str, date: dt.date | None
) -> str | None:
    """The snapshot URL the availability API offers, or None."""
    query = {"url": url}
    if date is not None:
        query["timestamp"] = date.strftime("%Y%m%d")
    api = f"{fetcher.options.archive_api}?{urlencode(query)}"
    fetched = cache.get(api, "json") if cache is not None else None
    if fetched is None:
        if fetcher.options.offline:
            return None
        fetched = fetcher.fetch(api, expect="json")
        if cache is not None:
            cache.put(fetched, "json")
    if fetched.problem or fetched.status != 200 or not fetched.text:
        return None
    try:
        closest = json.loads(fetched.text)["archived_snapshots"]["closest"]
    except (ValueError, KeyError, TypeError):
        return None
    if not isinstance(closest, dict) or not closest.get("available"):
        return None
    snapshot = closest.get("url")
    return snapshot if isinstance(snapshot, str) and _is_web_url(snapshot) else None


def _is_web_url(url: str) -> bool:
    """Whether `url` is http(s): the API's answer is shown to editors as a link."""
    try:
        return urlsplit(url).scheme in ("http", "https")
    except ValueError:
        return False
