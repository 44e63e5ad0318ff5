"""A stand-in for the Give First service that the test controls: what each draft gets back, and when.

It listens on a loopback port the operating system picks when it binds (port 0, no race with other processes)
and answers POST /v1/analyze with whatever `answer(body)` returns, and GET /v1/ledger with `ledger` (the
addresses asked and the Authorization header are kept in `ledger_requests`). A test can hold the answer for one text until
it releases it, which is how a slow reply for old text is made to arrive after the reply for newer text.
"""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

HOLD_LIMIT_S = 30  # a held answer is sent after this long even if the test never releases it


def finding(text: str, phrase: str, category: str, rule: str, *, message: str = "", explanation: str = "",
            rewrites=(), severity: str = "warning", nth: int = 0) -> dict:
    """A finding on the nth occurrence of phrase in text, in UTF-16 offsets (what the extension asks for)."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(phrase, at + 1)
    start = len(text[:at].encode("utf-16-le")) // 2
    end = start + len(phrase.encode("utf-16-le")) // 2
    return {"id": f"f-{rule}-{start}", "category": category, "rule": rule, "severity": severity,
            "start": start, "end": end, "text": phrase, "message": message or f"About {phrase!r}.",
            "explanation": explanation, "rewrites": [{"start": start, "end": end, **r} for r in rewrites]}


def result(text: str, findings: list) -> dict:
    return {"findings": findings, "structure": {"sentences": [], "asks": [], "offers": [], "door_in_the_face": None},
            "metrics": {"words": len(text.split()), "sentences": 1, "questions": text.count("?"),
                        "reading_grade": 5.0, "reading_ease": 80.0},
            "ignored": []}


def flagging(*rules):
    """An answer that flags every occurrence of each (phrase, category, rule[, rewrites]) in the text sent."""
    def answer(body):
        text = body["text"]
        found = []
        for phrase, category, rule, *rest in rules:
            for nth in range(text.count(phrase)):
                found.append(finding(text, phrase, category, rule, nth=nth, rewrites=rest[0] if rest else ()))
        return 200, result(text, sorted(found, key=lambda f: f["start"]))
    return answer


class MockService:
    def __init__(self, port: int = 0):
        self.answer = lambda body: (200, result(body["text"], []))
        self.requests: list[dict] = []  # the bodies received, in order
        self.ledger: dict = {"ledger": False, "recipients": []}  # what GET /v1/ledger answers (no ledger imported)
        self.ledger_requests: list[dict] = []  # {"to": [addresses], "authorization": header or None}
        self._holds: dict[str, threading.Event] = {}
        self._sent: dict[str, threading.Event] = {}
        self._changed = threading.Condition()
        service = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet: no request lines on the test output
                pass

            def do_OPTIONS(self):
                self.send_response(204)
                self._cors()
                self.end_headers()

            def do_GET(self):  # /healthz: the service listens (it may still be loading its model); /v1/ledger
                data = b'{"status": "ok"}'
                url = urlsplit(self.path)
                if url.path == "/v1/ledger":
                    to = parse_qs(url.query).get("to", [""])[0]
                    with service._changed:
                        service.ledger_requests.append({"to": [a for a in to.split(",") if a],
                                                        "authorization": self.headers.get("Authorization")})
                        service._changed.notify_all()
                    data = json.dumps(service.ledger).encode()
                self.send_response(200)
                self._cors()
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
                with service._changed:
                    service.requests.append(body)
                    service._changed.notify_all()
                text = body.get("text", "")
                held = service._holds.get(text)
                if held is not None:
                    held.wait(HOLD_LIMIT_S)
                status, payload = service.answer(body)
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self._cors()
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    self.wfile.flush()
                except OSError:
                    pass  # the extension gave up on this request (a newer one superseded it)
                finally:
                    if text in service._sent:
                        service._sent[text].set()

            def _cors(self):
                self.send_header("Access-Control-Allow-Origin", self.headers.get("Origin") or "*")
                self.send_header("Access-Control-Allow-Headers", "Content-Type, Authorization")
                self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        for event in self._holds.values():
            event.set()
        self._server.shutdown()
        self._server.server_close()

    def hold(self, text: str) -> None:
        """The answer for exactly this text waits until release(text)."""
        self._holds[text] = threading.Event()
        self._sent[text] = threading.Event()

    def release(self, text: str, timeout: float = 10) -> None:
        """Lets the held answer go and waits until it has been written (or found its connection gone)."""
        self._holds[text].set()
        assert self._sent[text].wait(timeout), f"the held answer for {text!r} was never sent"

    def wait_for(self, predicate, timeout: float = 10) -> dict:
        """The first request body matching predicate, waiting for it."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                match = next((b for b in self.requests if predicate(b)), None)
                if match is not None:
                    return match
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no request matched within {timeout} s; got {[b.get('text') for b in self.requests]}")
                self._changed.wait(left)
