"""Whether URLs answer, as the MQA's accessibility indicators ask: a real HTTP server of the test's own answers HEAD,
refuses it, redirects, fails, or is slow."""

from __future__ import annotations

import http.server
import socket
import threading
import time
from typing import ClassVar

import pytest

from plan_graph.release.reachability import Answer, reach
from tests.support.server_process import serving_in_thread


class Handler(http.server.BaseHTTPRequestHandler):
    in_flight = 0
    most = 0
    lock = threading.Lock()
    methods: ClassVar[list[tuple[str, str]]] = []

    def answer(self, head: bool) -> None:
        path = self.path.split("?")[0]
        with Handler.lock:
            Handler.methods.append(("HEAD" if head else "GET", self.path))
            if path == "/busy":  # the requests under way at once (only these: a slow one may outlive its test)
                Handler.in_flight += 1
                Handler.most = max(Handler.most, Handler.in_flight)
        time.sleep({"/slow": 2, "/busy": 0.2}.get(path, 0))
        if path == "/busy":
            with Handler.lock:  # before answering: the client sends its next request only after an answer
                Handler.in_flight -= 1
        if path == "/get-only" and head:
            self.send_response(405)
        elif path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/nowhere")
        elif path == "/broken":
            self.send_response(500)
        elif path in ("/ok", "/get-only", "/busy", "/slow"):
            self.send_response(200)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self) -> None:
        self.answer(head=True)

    def do_GET(self) -> None:
        self.answer(head=False)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def server():
    Handler.methods, Handler.most = [], 0
    with serving_in_thread(Handler) as base:
        yield base


def test_each_url_s_answer(server):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/ok"
    urls = [f"{server}/{path}" for path in ("ok", "get-only", "moved", "broken", "missing", "slow")]
    answers = reach([*urls, urls[0], closed, "ftp://example.org/file.csv"], timeout=0.5)
    assert answers == {
        f"{server}/ok": Answer(f"{server}/ok", 200, "200 OK"),
        f"{server}/get-only": Answer(f"{server}/get-only", 200, "200 OK"),  # asked again with GET
        f"{server}/moved": Answer(f"{server}/moved", 302, "302 Found"),  # an answer: not followed
        f"{server}/broken": Answer(f"{server}/broken", 500, "500 Internal Server Error"),
        f"{server}/missing": Answer(f"{server}/missing", 404, "404 Not Found"),
        f"{server}/slow": Answer(f"{server}/slow", None, "no answer within 0.5 s"),
        closed: Answer(closed, None, "connection refused"),
        "ftp://example.org/file.csv": Answer("ftp://example.org/file.csv", None, "not an http(s) URL"),
    }
    assert {url for url, answer in answers.items() if answer.ok} == {
        f"{server}/ok",
        f"{server}/get-only",
        f"{server}/moved",
    }
    # each URL once (the one given twice too), with HEAD; GET only where HEAD was refused
    assert sorted(Handler.methods) == sorted(
        [("HEAD", f"/{path}") for path in ("ok", "get-only", "moved", "broken", "missing", "slow")]
        + [("GET", "/get-only")]
    )


def test_no_more_requests_at_once_than_the_bound(server):
    answers = reach([f"{server}/busy?{n}" for n in range(12)], concurrency=3)
    assert [answer.status for answer in answers.values()] == [200] * 12
    assert Handler.most == 3
