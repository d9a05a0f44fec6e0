"""Running fetches concurrently: a global limit, and a smaller one per host.

Work is handed to threads only when its host has a free slot, so a digest
that cites one outlet fifty times never ties up every thread waiting on it.
"""

from __future__ import annotations

from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import TypeVar
from urllib.parse import urlsplit

T = TypeVar("T")


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def run_all(
    urls: Iterable[str],
    work: Callable[[str], T],
    *,
    limit: int,
    per_host: int,
    done: Callable[[str, T], None] | None = None,
) -> dict[str, T]:
    """`work(url)` for each URL, at most `limit` at once and `per_host` per host."""
    queues: dict[str, deque[str]] = defaultdict(deque)
    for url in dict.fromkeys(urls):
        queues[host_of(url)].append(url)
    active: Counter[str] = Counter()
    running: dict[Future[T], tuple[str, str]] = {}
    results: dict[str, T] = {}
    with ThreadPoolExecutor(max_workers=max(1, limit)) as pool:

        def launch() -> None:
            for host, queue in queues.items():
                while queue and active[host] < max(1, per_host) and len(running) < limit:
                    url = queue.popleft()
                    active[host] += 1
                    running[pool.submit(work, url)] = (host, url)

        launch()
        while running:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                host, url = running.pop(future)
                active[host] -= 1
                results[url] = future.result()
                if done is not None:
                    done(url, results[url])
            launch()
    return results
