"""Email text never reaches a log line.

A real gunicorn (access log on, log level debug, a token set) gets a canary
string through every endpoint and every error path we can reach from outside:
in the draft, the reply context, field names and values, the URL path and
query, headers (Host, Origin, Referer, User-Agent, Authorization), bodies
that are not JSON or too large, malformed HTTP that gunicorn itself rejects,
and the rate limit. Then the server is stopped and every line it wrote
(stdout and stderr) is searched for the canary, and for the token.
"""
from __future__ import annotations

import json
import logging
import socket

import pytest

import servicekit as sk

CANARY = "zebra-canary-7731"
TOKEN = "tok-4471-secret"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _raw(g, payload: bytes) -> bytes:
    with socket.create_connection((g.host, g.port), timeout=10) as s:
        s.sendall(payload)
        out = b""
        while chunk := s.recv(65536):
            out += chunk
        return out


def _requests(g):
    """(what, status expected or None for any 4xx, callable) for every path a canary can take."""
    req = lambda method, path, body=None, headers=None: sk.request(g.host, g.port, method, path, body,
                                                                   {**AUTH, **(headers or {})})[0]
    draft = f"Hi {CANARY},\n\nNo big deal! Could you send {CANARY} the deck? I think it's fine.\n\n-- \n{CANARY}"
    yield "analyze", 200, lambda: req("POST", "/v1/analyze", {"text": draft})
    yield "analyze with context", 200, lambda: req(
        "POST", "/v1/analyze", {"text": draft, "context": {"replying_to": f"Thanks {CANARY}!"}, "offsets": "codepoint"})
    yield "rules", 200, lambda: req("GET", f"/v1/rules?q={CANARY}")
    yield "openapi", 200, lambda: req("GET", f"/openapi.json?{CANARY}=1")
    yield "healthz with headers", 200, lambda: req(
        "GET", "/healthz", headers={"User-Agent": CANARY, "Referer": f"https://{CANARY}.example/"})
    yield "malformed json", 400, lambda: req("POST", "/v1/analyze", "{" + CANARY, {"Content-Type": "application/json"})
    yield "not json", 415, lambda: req("POST", "/v1/analyze", CANARY, {"Content-Type": "text/plain"})
    yield "unknown field", 400, lambda: req("POST", "/v1/analyze", {CANARY: CANARY, "text": "hi"})
    yield "array body", 400, lambda: req("POST", "/v1/analyze", [CANARY])
    yield "bad offsets", 400, lambda: req("POST", "/v1/analyze", {"text": CANARY, "offsets": CANARY})
    yield "unknown rule", 400, lambda: req("POST", "/v1/analyze", {"text": CANARY, "disabled": [CANARY]})
    yield "bad context", 400, lambda: req("POST", "/v1/analyze", {"text": CANARY, "context": {CANARY: 1}})
    yield "text too long", 413, lambda: req("POST", "/v1/analyze", {"text": CANARY * 1500})
    yield "body too large", 413, lambda: req("POST", "/v1/analyze", json.dumps({"text": CANARY * 40_000}),
                                             {"Content-Type": "application/json"})
    yield "not found", 404, lambda: req("GET", f"/v1/{CANARY}")
    yield "not found, post", 404, lambda: req("POST", f"/{CANARY}", {"text": CANARY})
    yield "wrong method", 405, lambda: req("PUT", "/v1/analyze", {"text": CANARY})
    yield "wrong token", 401, lambda: req("POST", "/v1/analyze", {"text": CANARY},
                                          {"Authorization": f"Bearer {CANARY}"})
    yield "foreign origin", 403, lambda: req("POST", "/v1/analyze", {"text": CANARY},
                                             {"Origin": f"https://{CANARY}.example"})
    yield "foreign host", 403, lambda: req("POST", "/v1/analyze", {"text": CANARY}, {"Host": f"{CANARY}.example"})
    yield "bad request line", None, lambda: _raw(g, f"GET /{CANARY}\x01 HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    yield "bad header", None, lambda: _raw(g, f"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-{CANARY}\x01: "
                                              f"{CANARY}\r\n\r\n".encode())
    yield "request line too long", None, lambda: _raw(g, f"GET /{CANARY * 400} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    yield "bad chunked body", None, lambda: _raw(
        g, f"POST /v1/analyze HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n"
           f"Content-Type: application/json\r\n\r\nzz{CANARY}\r\n".encode())


@pytest.fixture(scope="module")
def logged():
    env = {"GIVEFIRST_ACCESS_LOG": "1", "GIVEFIRST_LOG_LEVEL": "debug", "GIVEFIRST_TOKEN": TOKEN,
           "GIVEFIRST_RATE_LIMIT": "40 per minute"}
    g = sk.Gunicorn(workers=1, env=env).start()
    results = []
    try:
        for what, expected, send in _requests(g):
            results.append((what, expected, send()))
        statuses = [sk.request(g.host, g.port, "POST", "/v1/analyze", {"text": CANARY}, AUTH)[0] for _ in range(45)]
        results.append(("rate limited", 429, statuses[-1]))
    finally:
        g.stop()
    return g, results


def test_every_path_answered_as_expected(logged):
    _, results = logged
    for what, expected, got in results:
        if expected is None:
            assert got.startswith(b"HTTP/1.1 4"), (what, got[:60])
        else:
            assert got == expected, what


def test_canary_is_in_no_log_line(logged):
    g, _ = logged
    lines = g.lines
    assert any('"POST /v1/analyze" 200' in line for line in lines), "the access log was not on"
    assert any("[DEBUG]" in line for line in lines), "debug logging was not on"
    assert any('"GET -" 404' in line or '"POST -" 404' in line for line in lines), "unknown paths are logged as -"
    leaks = [line for line in lines if CANARY in line or TOKEN in line]
    assert not leaks, "\n".join(leaks[:5])


def test_internal_error_logs_only_the_type(caplog, monkeypatch):
    """The one path not reachable from outside: an exception inside the analysis."""
    from givefirst.service import api, create_app

    def boom(text, **kw):
        raise ValueError(f"could not handle {text}")

    monkeypatch.setattr(api, "analyze", boom)
    client = create_app({"TESTING": True, "RATE_LIMIT": "1000 per minute"}).test_client()
    with caplog.at_level(logging.DEBUG):
        r = client.post("/v1/analyze", json={"text": CANARY})
    assert r.status_code == 500 and r.get_json()["error"]["code"] == "internal"
    assert CANARY not in r.get_data(as_text=True)
    assert "ValueError" in caplog.text and CANARY not in caplog.text
