"""The native messaging host: what the browser runs when the extension asks for the service.

Protocol (Chrome native messaging): each message is a 4-byte little-endian length, then that many bytes of
UTF-8 JSON, on stdin (from the extension) and stdout (to it). A message is exactly {"command": NAME} with NAME
one of COMMANDS; anything else is refused with an error reply. Nothing from a message reaches a shell or a
command line: the service's command is fixed (runner.service_argv).

- status:  the service's state ("running", "starting", "stopped"), port, URL, pid, version, health, log path
- start:   starts the service unless it runs or is starting (under the lock: one service per user); replies
           at once ("starting" with the last model load time, or "running"), then again when /healthz
           answers ("running") or the service fails ("failed")
- restart: stop, then start (the same two replies)
- stop:    stops the service the state file names

`--foreground` (the login unit's command) starts the service in this process instead, so systemd or launchd
supervise it, unless one is already running. The launcher's log (launcher.log in the state folder) holds
commands, pids, ports and timings only: the launcher never receives email text.
"""
from __future__ import annotations

import json
import logging
import logging.handlers
import os
import struct
import sys
import time

from givefirst import __version__
from givefirst.host import EXTENSION_ORIGIN
from givefirst.host import runner
from givefirst.host.lock import LockTimeout, held
from givefirst.host.paths import Layout, layout as current_layout

log = logging.getLogger("givefirst.host")

COMMANDS = ("status", "start", "restart", "stop")
MAX_MESSAGE = 64 * 1024  # our commands are a few bytes
START_TIMEOUT = 180.0


class ProtocolError(ValueError):
    """A message that is not length + JSON object within MAX_MESSAGE."""


def read_message(stream) -> dict | None:
    """The next message, or None at end of input."""
    header = stream.read(4)
    if not header:
        return None
    if len(header) < 4:
        raise ProtocolError("truncated length")
    (length,) = struct.unpack("<I", header)
    if length > MAX_MESSAGE:
        raise ProtocolError(f"message of {length} bytes is over the limit")
    body = stream.read(length)
    if len(body) < length:
        raise ProtocolError("truncated message")
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ProtocolError(f"message of {length} bytes is not JSON") from None


def write_message(stream, message: dict) -> None:
    data = json.dumps(message, separators=(",", ":")).encode("utf-8")
    stream.write(struct.pack("<I", len(data)) + data)
    stream.flush()


def command_of(message) -> str | None:
    """The command of a well-formed message (exactly {"command": one of COMMANDS}), else None."""
    if isinstance(message, dict) and set(message) == {"command"} and message["command"] in COMMANDS:
        return message["command"]
    return None


def public(layout: Layout, desc: dict) -> dict:
    """A reply: what the extension shows (options page) and uses (the port)."""
    port = desc.get("port")
    health = desc.get("health") or None
    return {
        "ok": desc["state"] != "failed",
        "state": desc["state"],
        "port": port,
        "url": f"http://{runner.HOST}:{port}" if port else None,
        "pid": desc.get("pid"),
        "version": (health or {}).get("version") or desc.get("version"),
        "starter": desc.get("starter"),
        "load_seconds": desc.get("load_seconds"),
        "health": health,
        "log": str(layout.service_log),
        "launcher": __version__,
    }


def status(layout: Layout, reply) -> None:
    reply(public(layout, runner.describe(layout)))


def start(layout: Layout, reply, timeout: float = START_TIMEOUT) -> None:
    proc = None
    with held(layout.lock_file):
        desc = runner.describe(layout)
        if desc["state"] == "stopped":
            preferred = runner.preferred_port()
            body = runner.health(preferred) if preferred else None
            if body:  # a service started by hand (make run) on the preferred port: use it
                reply(public(layout, {"state": "running", "port": preferred, "health": body, "starter": "external"}))
                return
            port = runner.choose_port(preferred)
            proc = runner.spawn(layout, port)
            state = runner.started_state(proc.pid, port, "browser", desc)
            runner.write_state(layout, state)
            log.info("started the service: pid %d, port %d", proc.pid, port)
            desc = {**state, "state": "starting", "health": None}
    reply(public(layout, desc))
    if desc["state"] == "running":
        return
    body = runner.wait_healthy(layout, desc["pid"], desc["port"], timeout, proc)
    if body:
        seconds = round(time.time() - desc["started_at"], 1)
        with held(layout.lock_file):
            state = runner.read_state(layout) or {}
            if proc and state.get("pid") == proc.pid:
                state["load_seconds"] = seconds
                runner.write_state(layout, state)
                desc = state
        log.info("the service answers on port %d (%.1f s after start)", desc["port"], seconds)
        reply(public(layout, {**desc, "state": "running", "health": body}))
        return
    ended = proc is not None and proc.poll() is not None
    if ended:
        with held(layout.lock_file):
            if (runner.read_state(layout) or {}).get("pid") == proc.pid:
                runner.clear_state(layout)
    log.warning("the service did not answer (%s)", "it exited" if ended else "timed out")
    reply({**public(layout, {**desc, "state": "failed", "health": None}),
           "error": f"the service {'exited' if ended else 'did not answer in time'}; see {layout.service_log}"})


def stop(layout: Layout, reply) -> None:
    with held(layout.lock_file):
        runner.stop(layout)
    status(layout, reply)


def restart(layout: Layout, reply) -> None:
    with held(layout.lock_file):
        runner.stop(layout)
    start(layout, reply)


HANDLERS = {"status": status, "start": start, "restart": restart, "stop": stop}


def serve_messages(layout: Layout, stdin, stdout) -> int:
    """Answers messages until the browser closes stdin. 0 at a clean end, 1 after a malformed message."""
    def reply(message: dict) -> None:
        write_message(stdout, message)

    while True:
        try:
            message = read_message(stdin)
        except ProtocolError as e:
            log.warning("refused a message: %s", e)
            reply({"ok": False, "state": "error", "error": "malformed message"})
            return 1
        if message is None:
            return 0
        command = command_of(message)
        if command is None:
            log.warning("refused a message that is not one of %s", "/".join(COMMANDS))
            reply({"ok": False, "state": "error", "error": f"unknown message; commands: {', '.join(COMMANDS)}"})
            continue
        log.info("command: %s", command)
        try:
            HANDLERS[command](layout, reply)
        except LockTimeout as e:
            log.warning("%s", e)
            reply({"ok": False, "state": "error", "error": "another launcher is busy; try again"})


def foreground(layout: Layout) -> int:
    """The login unit's command: become the service (same pid, so the state file stays right)."""
    with held(layout.lock_file):
        desc = runner.describe(layout)
        if desc["state"] != "stopped":
            log.info("login start: the service already runs (pid %s)", desc.get("pid"))
            return 0
        port = runner.choose_port(runner.preferred_port())
        runner.write_state(layout, runner.started_state(os.getpid(), port, "login", desc))
        log.info("login start: pid %d, port %d", os.getpid(), port)
    argv = runner.service_argv(port)
    os.execve(argv[0], argv, runner.service_env())


def _setup_log(layout: Layout) -> None:
    layout.state.mkdir(parents=True, exist_ok=True, mode=0o700)
    handler = logging.handlers.RotatingFileHandler(layout.launcher_log, maxBytes=256 * 1024, backupCount=1)
    handler.setFormatter(logging.Formatter("%(asctime)s pid %(process)d %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    layout = current_layout()
    _setup_log(layout)
    if argv[:1] == ["--foreground"]:
        return foreground(layout)
    # Chrome passes the caller's origin first (Windows adds --parent-window); the manifest already limits it.
    origin = next((a for a in argv if a.startswith("chrome-extension://")), None)
    if origin is not None and origin.rstrip("/") != EXTENSION_ORIGIN.rstrip("/"):
        log.warning("refused a caller that is not the Give First extension")
        return 1
    return serve_messages(layout, sys.stdin.buffer, sys.stdout.buffer)


if __name__ == "__main__":
    sys.exit(main())
