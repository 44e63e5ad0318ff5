"""Support for the native-host tests: a temporary home (HOME and every XDG folder point inside it, so nothing
is ever written into the real home), a stand-in service that answers /healthz like the real one after a
delay, and a client for the native messaging protocol."""
from __future__ import annotations

import json
import struct
import subprocess
import sys

FAKE_SERVICE = r"""
import http.server, json, os, sys, time
port, delay = int(sys.argv[1]), float(sys.argv[2])
time.sleep(delay)  # "loading the model"
class Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({"status": "ok", "version": "fake", "bound": self.server.server_address[0],
                           "host_env": os.environ.get("GIVEFIRST_HOST")}).encode()
        self.send_response(200 if self.path == "/healthz" else 404)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", port), Health).serve_forever()
"""


def fake_service_argv(delay: float = 0.3):
    return lambda port: [sys.executable, "-c", FAKE_SERVICE, str(port), str(delay)]


def temp_home(monkeypatch, tmp_path):
    """Points HOME and the XDG folders at tmp_path; returns the home."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(name, raising=False)
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    return home


def frame(message) -> bytes:
    data = message if isinstance(message, bytes) else json.dumps(message).encode()
    return struct.pack("<I", len(data)) + data


def unframe(data: bytes) -> list[dict]:
    out = []
    while data:
        (n,) = struct.unpack("<I", data[:4])
        out.append(json.loads(data[4:4 + n]))
        data = data[4 + n:]
    return out


def talk(launcher, messages, env=None, args=("chrome-extension://afaofoakldpbhdfcehjaghcanhbmlfcm/",), timeout=120):
    """Runs the launcher as a browser would, sends messages, closes stdin; returns (replies, exit code)."""
    done = subprocess.run([str(launcher), *args], input=b"".join(frame(m) for m in messages), capture_output=True,
                          env=env, timeout=timeout)
    return unframe(done.stdout), done.returncode
