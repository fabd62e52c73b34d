"""An Open Referral UK feed read from its web address, page by page, only when a person asks.

Every request has a timeout, every response a size limit (counted as it streams, so a huge
or endless answer is cut off), and the number of pages a limit; a feed that breaks one says
which. Only http and https addresses are fetched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx

from pairsight.servicemap.oruk import FeedError, FeedRead, page_of, parse_json, read_services


@dataclass(frozen=True)
class FetchLimits:
    timeout_seconds: float = 20.0
    max_bytes_per_page: int = 20 * 1024 * 1024
    max_pages: int = 200
    per_page: int = 500


DEFAULT_LIMITS = FetchLimits()
USER_AGENT = "PAIRsight service mapping (Open Referral UK reader)"


def is_web_address(text: str) -> bool:
    return urlsplit(text.strip()).scheme.lower() in {"http", "https"}


def read_feed_url(
    url: str,
    *,
    limits: FetchLimits = DEFAULT_LIMITS,
    transport: httpx.BaseTransport | None = None,
    on_page: Callable[[int], None] | None = None,
) -> FeedRead:
    """Every service at `url`: a list, one service, or a paged list followed to its end.

    `on_page(number)` is called before each page is fetched (a job's progress, and its
    chance to stop when the person cancels).
    """
    if not is_web_address(url):
        raise FeedError(f"{url!r} is not a web address (http or https).")
    result = FeedRead(shape="list")
    with httpx.Client(
        timeout=limits.timeout_seconds,
        follow_redirects=True,
        headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
        transport=transport,
    ) as client:
        number = 1
        page_url = url
        while True:
            if on_page is not None:
                on_page(number)
            where = f"Page {number} of {url}" if number > 1 else url
            data = parse_json(_get(client, page_url, limits, where), where)
            page = page_of(data, where)
            read = read_services(page.items, where)
            result.errors.extend(read.errors)
            known = {s.source_id: i for i, s in enumerate(result.services)}
            for service in read.services:
                if service.source_id in known:
                    result.services[known[service.source_id]] = service
                else:
                    result.services.append(service)
            if page.total_pages is None or not page.items:
                break
            result.shape = "paged list"
            current = page.number if page.number is not None else number
            if page.last or current >= page.total_pages:
                break
            if number >= limits.max_pages:
                raise FeedError(
                    f"{url} has {page.total_pages} pages; PAIRsight reads at most "
                    f"{limits.max_pages}. Ask the directory for a larger page size."
                )
            number += 1
            page_url = next_page_url(url, current + 1, limits.per_page)
    return result


def next_page_url(url: str, page: int, per_page: int) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    query["page"] = str(page)
    query.setdefault("per_page", str(per_page))
    return urlunsplit(parts._replace(query=urlencode(query)))


def _get(client: httpx.Client, url: str, limits: FetchLimits, where: str) -> bytes:
    try:
        with client.stream("GET", url) as response:
            if response.status_code != 200:
                raise FeedError(f"{where} answered HTTP {response.status_code}, not the feed.")
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > limits.max_bytes_per_page:
                raise _too_large(where, limits)
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > limits.max_bytes_per_page:
                    raise _too_large(where, limits)
            return bytes(body)
    except httpx.TimeoutException:
        raise FeedError(
            f"{where} did not answer within {limits.timeout_seconds:g} seconds. "
            "Try again later, or download the feed and import the file."
        ) from None
    except httpx.HTTPError as error:
        raise FeedError(f"{where} could not be read: {error}.") from None


def _too_large(where: str, limits: FetchLimits) -> FeedError:
    size = limits.max_bytes_per_page / 1024 / 1024
    return FeedError(f"{where} is larger than {size:g} MB, the most PAIRsight reads per page.")
