"""HTTP caching of what cannot change while the server runs (data in the embedded store): SPARQL answers, pages
and RDF of resources.

Each such response carries an entity tag (a digest of the data served and of what the response is of) and a
Cache-Control that lets a browser, or a cache in front (nginx: deploy/nginx/), keep it a minute and then ask again
with If-None-Match, which gets 304 while the data is the same (https://www.rfc-editor.org/rfc/rfc9110#section-13.1.2,
https://www.rfc-editor.org/rfc/rfc9111#section-5.2).
"""

from __future__ import annotations

import hashlib

from starlette.requests import Request
from starlette.responses import Response

CACHE_CONTROL = "public, max-age=60, must-revalidate"


def validators(data_tag: str, key: tuple[str, ...]) -> dict[str, str]:
    """The ETag and Cache-Control headers of a response: the data's digest and the request (for an answer: query,
    dataset, format, row limit; for a resource: IRI and format)."""
    digest = hashlib.sha256(data_tag.encode())
    for part in key:
        digest.update(b"\x00" + part.encode())
    return {"ETag": f'"{digest.hexdigest()[:40]}"', "Cache-Control": CACHE_CONTROL}


def not_modified(request: Request, headers: dict[str, str]) -> Response | None:
    """304 with the response's headers when the request's If-None-Match lists its ETag, else None (weak tags
    compare as strong: the responses are byte-equal, and a compressing proxy makes a strong tag weak)."""
    listed = request.headers.get("if-none-match", "")
    tags = {tag.strip().removeprefix("W/") for tag in listed.split(",") if tag.strip()}
    return Response(status_code=304, headers=headers) if headers["ETag"] in tags else None
