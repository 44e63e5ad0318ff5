"""The native messaging launcher (givefirst/host/launcher.py): the stdio protocol and its fixed commands, one
service per user under the lock (also when two browsers ask at once), stale state and stale locks after a
crash, loopback only, a detached service, and a log without message content. A stand-in service (hostkit)
answers /healthz after a delay, so no model is loaded here; the browser test starts the real one."""
from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from givefirst.host import install, launcher, lock, paths, runner
from hostkit import fake_service_argv, frame, talk, temp_home, unframe

CANARY = "Oh, no big deal, it only took a minute"  # email-like text that must never reach a log


@pytest.fixture
def layout(monkeypatch, tmp_path):
    temp_home(monkeypatch, tmp_path)
    monkeypatch.setenv("GIVEFIRST_PORT", "0")  # any free port: never 8765 on a shared machine
    monkeypatch.setattr(runner, "service_argv", fake_service_argv())
    lay = paths.layout()
    yield lay
    runner.stop(lay, timeout=5)


def exchange(layout, *messages) -> tuple[list[dict], int]:
    out = io.BytesIO()
    code = launcher.serve_messages(layout, io.BytesIO(b"".join(frame(m) for m in messages)), out)
    return unframe(out.getvalue()), code


def test_messages_are_a_little_endian_length_then_json():
    out = io.BytesIO()
    launcher.write_message(out, {"state": "running", "port": 8765})
    data = out.getvalue()
    assert data[:4] == len(data[4:]).to_bytes(4, "little")
    assert launcher.read_message(io.BytesIO(data)) == {"state": "running", "port": 8765}
    assert launcher.read_message(io.BytesIO(b"")) is None


@pytest.mark.parametrize("message", [
    {"command": "rm -rf ~"}, {"command": "start", "args": ["--host", "0.0.0.0"]}, {"cmd": "start"},
    ["start"], "start", {"command": CANARY},
])
def test_anything_but_a_known_command_is_refused(layout, message):
    replies, code = exchange(layout, message, {"command": "status"})
    assert replies[0] == {"ok": False, "state": "error", "error": "unknown message; commands: status, start, restart, stop"}
    assert replies[1]["state"] == "stopped", "and the launcher goes on with the next message"
    assert code == 0
    assert not layout.state_file.exists()


@pytest.mark.parametrize("raw", [frame(b"not json " + CANARY.encode()), b"\x02\x00", (1 << 20).to_bytes(4, "little")])
def test_a_malformed_message_ends_the_conversation(layout, raw):
    out = io.BytesIO()
    assert launcher.serve_messages(layout, io.BytesIO(raw), out) == 1
    assert unframe(out.getvalue()) == [{"ok": False, "state": "error", "error": "malformed message"}]


def test_start_replies_starting_then_running_and_reuses_the_running_service(layout):
    (status,), _ = exchange(layout, {"command": "status"})
    assert status["state"] == "stopped" and status["port"] is None
    (starting, running), _ = exchange(layout, {"command": "start"})
    assert starting["state"] == "starting" and starting["load_seconds"] is None
    assert running["state"] == "running" and running["port"] == starting["port"] and running["pid"] == starting["pid"]
    assert running["url"] == f"http://127.0.0.1:{running['port']}"
    assert running["health"]["status"] == "ok" and running["version"] == "fake"
    assert running["load_seconds"] > 0
    state = json.loads(layout.state_file.read_text())
    assert state["pid"] == running["pid"] and state["port"] == running["port"] and state["starter"] == "browser"
    assert oct(layout.state_file.stat().st_mode & 0o777) == "0o600"

    (again,), _ = exchange(layout, {"command": "start"})
    assert again["state"] == "running" and again["pid"] == running["pid"], "no second service"

    (stopped,), _ = exchange(layout, {"command": "stop"})
    assert stopped["state"] == "stopped" and not lock.pid_alive(running["pid"])
    assert stopped["load_seconds"] == running["load_seconds"], "kept for the next 'starting' message"
    (starting, running), _ = exchange(layout, {"command": "restart"})
    assert starting["state"] == "starting" and starting["load_seconds"] == stopped["load_seconds"]
    assert running["state"] == "running"


def test_the_service_binds_loopback_only_in_its_own_session(layout, monkeypatch):
    monkeypatch.setenv("GIVEFIRST_HOST", "0.0.0.0")  # the browser's environment cannot widen the bind
    (_, running), _ = exchange(layout, {"command": "start"})
    assert running["health"]["host_env"] == "127.0.0.1" and running["health"]["bound"] == "127.0.0.1"
    assert os.getsid(running["pid"]) == running["pid"], "detached: its own session, not the browser's"
    monkeypatch.undo()  # the real command
    assert runner.service_argv(9000)[-4:] == ["--host", "127.0.0.1", "--port", "9000"]
    assert runner.service_env({"GIVEFIRST_HOST": "0.0.0.0"})["GIVEFIRST_HOST"] == "127.0.0.1"


def test_two_browsers_asking_at_once_get_one_service(layout, monkeypatch):
    spawned = []
    real_spawn = runner.spawn
    monkeypatch.setattr(runner, "spawn", lambda lay, port: spawned.append(port) or real_spawn(lay, port))
    results = [None] * 4

    def ask(i):
        results[i] = exchange(layout, {"command": "start"})[0]

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(spawned) == 1
    assert {r[-1]["pid"] for r in results} == {results[0][-1]["pid"]}
    assert all(r[-1]["state"] == "running" for r in results)


def test_a_stale_state_file_is_cleared_and_a_new_service_started(layout):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    layout.state.mkdir(parents=True)
    layout.state_file.write_text(json.dumps({"pid": dead.pid, "port": 9, "version": "0.1.0", "load_seconds": 3.5}))
    (status,), _ = exchange(layout, {"command": "status"})
    assert status["state"] == "stopped" and status["load_seconds"] == 3.5
    assert json.loads(layout.state_file.read_text()) == {"load_seconds": 3.5}
    (starting, running), _ = exchange(layout, {"command": "start"})
    assert running["state"] == "running" and running["pid"] != dead.pid


def test_a_service_that_dies_while_loading_is_reported_failed(layout, monkeypatch):
    monkeypatch.setattr(runner, "service_argv", lambda port: [sys.executable, "-c", "import sys; sys.exit(3)"])
    (starting, failed), _ = exchange(layout, {"command": "start"})
    assert starting["state"] == "starting"
    assert failed["ok"] is False and failed["state"] == "failed" and str(layout.service_log) in failed["error"]
    assert not layout.state_file.exists() or "pid" not in json.loads(layout.state_file.read_text())


def test_a_busy_preferred_port_gives_another_and_a_service_already_there_is_used(layout, monkeypatch):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert runner.choose_port(port) != port
        monkeypatch.setenv("GIVEFIRST_PORT", str(port))  # something else listens there: not a Give First service
        (_, running), _ = exchange(layout, {"command": "start"})
        assert running["state"] == "running" and running["port"] != port
        exchange(layout, {"command": "stop"})

    handmade = subprocess.Popen(fake_service_argv(0)(port))  # `make run` on the preferred port
    try:
        assert runner.wait_healthy(layout, handmade.pid, port, 30, handmade)
        (reply,), _ = exchange(layout, {"command": "start"})
        assert reply["state"] == "running" and reply["port"] == port and reply["starter"] == "external"
        assert "pid" not in json.loads(layout.state_file.read_text()), "not ours: nothing to stop later"
    finally:
        handmade.kill()
        handmade.wait()


# ---------------------------------------------------------------- the lock

def hold_in_child(path: Path, write_pid: int | None = None):
    """A `sleep` that holds an flock on path (inheriting the descriptor, as a crashed launcher's child would)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    import fcntl
    fcntl.flock(fd, fcntl.LOCK_EX)
    child = subprocess.Popen(["sleep", "60"], pass_fds=[fd])
    os.ftruncate(fd, 0)
    os.pwrite(fd, str(write_pid if write_pid is not None else child.pid).encode(), 0)
    os.close(fd)  # the child's copy keeps the lock
    return child


def test_the_lock_excludes_a_second_holder_while_the_first_lives(tmp_path):
    path = tmp_path / "run" / "launcher.lock"
    holder = hold_in_child(path)
    try:
        with pytest.raises(lock.LockTimeout):
            with lock.held(path, timeout=1.5):
                pass
    finally:
        holder.kill()
        holder.wait()
    with lock.held(path, timeout=1.5):
        assert path.read_text() == str(os.getpid())
    assert path.read_text() == "", "a clean release leaves no pid behind"


def test_a_stale_lock_whose_holder_crashed_is_detected_and_cleared(tmp_path, caplog):
    path = tmp_path / "run" / "launcher.lock"
    crashed = subprocess.Popen([sys.executable, "-c", "pass"])
    crashed.wait()
    orphan = hold_in_child(path, write_pid=crashed.pid)  # the launcher died; a child it forked holds the lock
    try:
        with caplog.at_level("WARNING", logger="givefirst.host"):
            with lock.held(path, timeout=10):
                assert path.read_text() == str(os.getpid())
        assert f"cleared a stale lock (holder pid {crashed.pid} is gone)" in caplog.text
    finally:
        orphan.kill()
        orphan.wait()


def test_a_lock_left_by_a_killed_launcher_is_taken_at_once(tmp_path):
    path = tmp_path / "launcher.lock"
    code = ("import sys, time; sys.path.insert(0, %r)\n"
            "from givefirst.host.lock import held\n"
            "with held(__import__('pathlib').Path(%r)):\n    print('locked', flush=True); time.sleep(60)\n"
            % (str(Path(__file__).resolve().parents[1] / "server"), str(path)))
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "locked"
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert path.read_text() == str(child.pid), "the crash left its pid"
    with lock.held(path, timeout=0.5):
        assert path.read_text() == str(os.getpid())


# ---------------------------------------------------------------- the launcher as the browser runs it

def test_the_installed_launcher_speaks_to_the_browser_and_logs_no_message_content(monkeypatch, tmp_path):
    temp_home(monkeypatch, tmp_path)
    layout = paths.layout()
    install.install(layout, browsers=("chromium",), say=lambda s: None)
    env = {**os.environ, "GIVEFIRST_PORT": "0"}
    replies, code = talk(layout.launcher, [{"command": "status"}, {"command": CANARY}], env=env)
    assert code == 0 and [r["state"] for r in replies] == ["stopped", "error"]
    replies, code = talk(layout.launcher, [{"command": "status"}], env=env,
                         args=("chrome-extension://abcdefghijklmnopabcdefghijklmnop/",))
    assert code == 1 and replies == [], "another extension gets nothing"
    subprocess.run([str(layout.launcher)], input=frame(b"{" + CANARY.encode()), capture_output=True, timeout=60)
    text = layout.launcher_log.read_text()
    assert "command: status" in text and "refused a message" in text
    assert "big deal" not in text and "minute" not in text
    assert oct(layout.state.stat().st_mode & 0o777) == "0o700"


def test_nothing_in_the_host_package_can_reach_a_shell():
    source = "\n".join(p.read_text() for p in (Path(launcher.__file__).parent).glob("*.py"))
    for risky in ("shell=True", "os.system", "os.popen", "/bin/sh"):
        assert risky not in source


def test_the_login_unit_command_becomes_the_service_unless_one_runs(layout, monkeypatch):
    execs = []

    def fake_exec(path, argv, env):
        execs.append((path, argv, env))
        raise SystemExit(0)

    monkeypatch.setattr(os, "execve", fake_exec)
    with pytest.raises(SystemExit):
        launcher.foreground(layout)
    state = json.loads(layout.state_file.read_text())
    runner.clear_state(layout)  # it names this test's own process: never let the teardown stop it
    (path, argv, env), = execs
    assert state["pid"] == os.getpid() and state["starter"] == "login", "exec keeps the pid the state names"
    assert argv == runner.service_argv(state["port"]) and env["GIVEFIRST_HOST"] == "127.0.0.1"

    (_, running), _ = exchange(layout, {"command": "start"})  # the browser was first
    assert launcher.foreground(layout) == 0 and len(execs) == 1
    assert json.loads(layout.state_file.read_text())["pid"] == running["pid"]
