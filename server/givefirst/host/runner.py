"""The service as the launcher sees it: a state file (port, pid, version, how long the model took to load),
starting `givefirst serve` detached on loopback, asking /healthz, and stopping it.

The service outlives the browser that asked for it (its own session, no inherited descriptors, no terminal)
and binds 127.0.0.1 only, whatever the browser's environment says. Its port is the preferred one
(GIVEFIRST_PORT, default 8765, so the extension's default URL works) when free, otherwise any free port;
either way it is written in the state file and reported to the extension. A state file whose process is gone
is stale and cleared. Nothing here ever sees email text.
"""
from __future__ import annotations

import http.client
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time

from givefirst import __version__
from givefirst.host.lock import pid_alive
from givefirst.host.paths import Layout

log = logging.getLogger("givefirst.host")

HOST = "127.0.0.1"
DEFAULT_PORT = 8765
DEFAULT_WORKERS = 2  # one person typing: two workers answer while a third request is queued
LOG_LIMIT = 1 << 20  # the service log is started afresh past 1 MiB


def read_state(layout: Layout) -> dict | None:
    try:
        state = json.loads(layout.state_file.read_text())
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None


def write_state(layout: Layout, state: dict) -> None:
    layout.state.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = layout.state_file.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(state, f)
    os.replace(tmp, layout.state_file)


def clear_state(layout: Layout) -> None:
    """Forgets the process; keeps only the last model load time (shown as "starting, about N s" next time)."""
    seconds = (read_state(layout) or {}).get("load_seconds")
    if seconds:
        write_state(layout, {"load_seconds": seconds})
    else:
        layout.state_file.unlink(missing_ok=True)


def health(port: int, timeout: float = 1.0) -> dict | None:
    """The service's /healthz body when a Give First service answers on this loopback port, else None."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", "/healthz", headers={"Host": f"{HOST}:{port}"})
        response = conn.getresponse()
        body = json.loads(response.read(65536) or b"null")
    except (OSError, ValueError, http.client.HTTPException):
        return None
    finally:
        conn.close()
    ok = response.status == 200 and isinstance(body, dict) and body.get("status") == "ok" and "version" in body
    return body if ok else None


def port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((HOST, port))
        except OSError:
            return False
    return True


def choose_port(preferred: int) -> int:
    """The preferred port when free (0: none preferred), otherwise one the kernel picks."""
    if preferred and port_free(preferred):
        return preferred
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def preferred_port(env=None) -> int:
    env = os.environ if env is None else env
    try:
        return max(0, min(65535, int(env.get("GIVEFIRST_PORT", DEFAULT_PORT))))
    except ValueError:
        return DEFAULT_PORT


def service_argv(port: int) -> list[str]:
    """The command that runs the service (a list: no shell ever sees it)."""
    return [sys.executable, "-m", "givefirst", "serve", "--host", HOST, "--port", str(port)]


def service_env(env=None) -> dict:
    env = dict(os.environ if env is None else env)
    env["GIVEFIRST_HOST"] = HOST  # loopback, whatever the browser's environment says
    env.setdefault("GIVEFIRST_WORKERS", str(DEFAULT_WORKERS))
    env.pop("GIVEFIRST_TEST_HOLD_DIR", None)
    return env


def _service_log(layout: Layout):
    layout.state.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = layout.service_log
    mode = "ab" if path.exists() and path.stat().st_size < LOG_LIMIT else "wb"
    return open(path, mode)


def spawn(layout: Layout, port: int) -> subprocess.Popen:
    """Starts the service detached from the caller (new session, no inherited descriptors, stdin closed)."""
    with _service_log(layout) as out:
        return subprocess.Popen(service_argv(port), stdin=subprocess.DEVNULL, stdout=out, stderr=out,
                                env=service_env(), start_new_session=True, close_fds=True, cwd=str(layout.state))


def describe(layout: Layout) -> dict:
    """What the state file says, checked: running (healthy), starting (alive, not yet healthy) or stopped.
    A state whose process is gone is cleared (stale)."""
    state = read_state(layout) or {}
    pid, port = state.get("pid"), state.get("port")
    if isinstance(pid, int) and isinstance(port, int) and pid_alive(pid):
        body = health(port)
        return {**state, "state": "running" if body else "starting", "health": body}
    if state.get("pid") is not None:
        log.info("cleared stale service state (pid %s is gone)", pid)
        clear_state(layout)
    return {"state": "stopped", "load_seconds": state.get("load_seconds"), "health": None}


def started_state(pid: int, port: int, starter: str, previous: dict | None) -> dict:
    return {"pid": pid, "port": port, "host": HOST, "version": __version__, "python": sys.executable,
            "started_at": time.time(), "starter": starter,
            "load_seconds": (previous or {}).get("load_seconds")}


def stop(layout: Layout, timeout: float = 15.0) -> bool:
    """Stops the service in the state file (SIGTERM to its process group, SIGKILL after `timeout`).
    Only a process the state file names and that is alive; True when one was stopped."""
    state = read_state(layout) or {}
    pid = state.get("pid")
    if not isinstance(pid, int) or not pid_alive(pid):
        clear_state(layout)
        return False
    _signal(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while pid_alive(pid) and time.monotonic() < deadline:
        _reap(pid)
        time.sleep(0.1)
    if pid_alive(pid):
        _signal(pid, signal.SIGKILL)
    _reap(pid)
    clear_state(layout)
    log.info("stopped the service (pid %d)", pid)
    return True


def _signal(pid: int, sig: int) -> None:
    try:
        if os.getpgid(pid) == pid:
            os.killpg(pid, sig)  # the master and its workers
        else:
            os.kill(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


def wait_healthy(layout: Layout, pid: int, port: int, timeout: float, proc: subprocess.Popen | None = None) -> dict | None:
    """Polls /healthz until the service answers (its body), its process ends or `timeout` passes (None)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = health(port)
        if body:
            return body
        if (proc.poll() is not None) if proc else not pid_alive(pid):
            return None
        time.sleep(0.2)
    return None

