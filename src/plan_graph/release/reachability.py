"""Whether URLs answer, as data.europa.eu's MQA checks a distribution's access and download URLs: an HTTP HEAD
request (piveau's pv:accessUrlStatusCode, pv:downloadUrlStatusCode), a GET where the server refuses HEAD, and an
answer from 200 to 399 counts (a redirect is an answer: it is not followed).

Every URL is requested once, several at a time but no more than CONCURRENCY, each within TIMEOUT seconds.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

CONCURRENCY = 8  # requests under way at once: a portal's server is not to be flooded
TIMEOUT = 10.0  # seconds to connect, and again to get the answer's status line
HEAD_REFUSED = {405, 501}  # Method Not Allowed, Not Implemented: ask again with GET
USER_AGENT = "plan-graph (validate-dcat --mqa)"


@dataclass(frozen=True)
class Answer:
    url: str
    status: int | None  # the HTTP status, None when there was no answer
    reason: str  # "200 OK", "404 Not Found", or why there was no answer

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status <= 399


def reach(urls: Iterable[str], concurrency: int = CONCURRENCY, timeout: float = TIMEOUT) -> dict[str, Answer]:
    """Each distinct URL's answer."""
    distinct = sorted(set(urls))
    return dict(zip(distinct, asyncio.run(_reach_all(distinct, concurrency, timeout)), strict=True))


async def _reach_all(urls: list[str], concurrency: int, timeout: float) -> list[Answer]:
    bound = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(
        timeout=timeout, limits=limits, follow_redirects=False, headers={"User-Agent": USER_AGENT}
    ) as client:

        async def one(url: str) -> Answer:
            async with bound:
                return await _request(client, url)

        return list(await asyncio.gather(*(one(url) for url in urls)))


async def _request(client: httpx.AsyncClient, url: str) -> Answer:
    if urlsplit(url).scheme not in ("http", "https"):
        return Answer(url, None, "not an http(s) URL")
    try:
        response = await client.head(url)
        if response.status_code in HEAD_REFUSED:
            async with client.stream("GET", url) as streamed:  # the status line is enough: the body is not read
                response = streamed
        return Answer(url, response.status_code, f"{response.status_code} {response.reason_phrase}".strip())
    except httpx.TimeoutException:
        return Answer(url, None, f"no answer within {client.timeout.read:g} s")
    except httpx.HTTPError as error:
        return Answer(url, None, _why(error))


def _why(error: Exception) -> str:
    """The reason the request failed, in a few words ("connection refused"), not the library's paragraph."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        cause = cause.__cause__ or cause.__context__
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0][:200]
