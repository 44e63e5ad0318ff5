"""`givefirst install` / `givefirst uninstall`: the native messaging host's files on the Linux and macOS
layouts (macOS checked as files written under a temporary HOME), the login units (systemd checked by
`systemd-analyze verify` and by our own reading of its sections and keys; launchd by plistlib), idempotence,
and that uninstall leaves the home as it found it. Nothing is written into the real home."""
from __future__ import annotations

import base64
import hashlib
import json
import os
import plistlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from givefirst.host import EXTENSION_ID, EXTENSION_ORIGIN, HOST_NAME, install, login, manifest, paths
from hostkit import temp_home

ROOT = Path(__file__).resolve().parents[1]
LINUX_FOLDERS = {"chrome": ".config/google-chrome", "chromium": ".config/chromium", "edge": ".config/microsoft-edge",
                 "brave": ".config/BraveSoftware/Brave-Browser"}
MAC_FOLDERS = {"chrome": "Library/Application Support/Google/Chrome",
               "chromium": "Library/Application Support/Chromium",
               "edge": "Library/Application Support/Microsoft Edge",
               "brave": "Library/Application Support/BraveSoftware/Brave-Browser"}


@pytest.fixture
def home(monkeypatch, tmp_path):
    return temp_home(monkeypatch, tmp_path)


def tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def run_install(layout, **kw):
    said = []
    code = install.install(layout, say=said.append, **kw)
    return code, said


def run_uninstall(layout):
    said = []
    assert install.uninstall(layout, say=said.append) == 0
    return said


def test_the_manifest_names_only_our_extension():
    key = json.loads((ROOT / "extension" / "manifest.json").read_text())["key"]
    from_key = "".join(chr(ord("a") + int(c, 16)) for c in hashlib.sha256(base64.b64decode(key)).hexdigest()[:32])
    assert EXTENSION_ID == from_key == (ROOT / "extension" / "EXTENSION_ID").read_text().strip()
    from givefirst.service.settings import EXTENSION_ORIGIN as SERVICE_ORIGIN
    assert EXTENSION_ORIGIN == SERVICE_ORIGIN + "/"
    body = manifest.host_manifest(Path("/opt/gf/givefirst-host"))
    assert body == {"name": HOST_NAME, "description": manifest.DESCRIPTION, "path": "/opt/gf/givefirst-host",
                    "type": "stdio", "allowed_origins": [f"chrome-extension://{EXTENSION_ID}/"]}


@pytest.mark.parametrize("system, folders, launcher", [
    ("linux", LINUX_FOLDERS, ".local/share/givefirst/givefirst-host"),
    ("darwin", MAC_FOLDERS, "Library/Application Support/givefirst/givefirst-host"),
])
def test_install_writes_a_host_manifest_per_browser_and_the_launcher(home, system, folders, launcher):
    layout = paths.layout(system=system)
    code, said = run_install(layout)
    assert code == 0
    assert layout.launcher == home / launcher
    for browser, folder in folders.items():
        written = home / folder / "NativeMessagingHosts" / f"{HOST_NAME}.json"
        body = json.loads(written.read_text())
        assert body["path"] == str(home / launcher) and os.path.isabs(body["path"])
        assert body["allowed_origins"] == [EXTENSION_ORIGIN]
        assert f"wrote: host manifest for {browser}: {written}" in said
    script = (home / launcher).read_text()
    assert script.splitlines()[0] == f"#!{sys.executable}", "the interpreter that ran install, by absolute path"
    assert "from givefirst.host.launcher import main" in script
    assert os.access(home / launcher, os.X_OK)


def test_only_the_browsers_found_or_named_or_the_profile_folders_given(home):
    layout = paths.layout(system="linux")
    (home / ".config" / "chromium").mkdir(parents=True)
    run_install(layout)
    assert [p.relative_to(home).parts[1] for p in home.glob(".config/**/com.givefirst.host.json")] == ["chromium"]
    run_uninstall(layout)

    run_install(layout, browsers=("brave",))
    assert (home / LINUX_FOLDERS["brave"] / "NativeMessagingHosts" / f"{HOST_NAME}.json").exists()
    run_uninstall(layout)

    profile = home / "profiles" / "work"
    run_install(layout, user_data_dirs=(str(profile),))
    assert (profile / "NativeMessagingHosts" / f"{HOST_NAME}.json").exists()
    assert list(home.glob(".config/**/com.givefirst.host.json")) == []
    run_uninstall(layout)
    assert not (profile / "NativeMessagingHosts").exists()


def test_xdg_folders_are_followed(home, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    layout = paths.layout(system="linux")
    assert layout.hosts_dir("chrome") == tmp_path / "cfg/google-chrome/NativeMessagingHosts"
    assert layout.launcher == tmp_path / "data/givefirst/givefirst-host"
    assert layout.state_file == tmp_path / "state/givefirst/service.json"
    assert layout.lock_file == tmp_path / "run/givefirst/launcher.lock"
    assert layout.login_file == tmp_path / "cfg/systemd/user/givefirst.service"
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    assert paths.layout(system="linux").lock_file == tmp_path / "state/givefirst/launcher.lock"
    mac = paths.layout(system="darwin")
    assert mac.state_file == home / "Library/Application Support/givefirst/service.json", "XDG is not macOS's"


@pytest.mark.parametrize("system", ["linux", "darwin"])
def test_install_is_idempotent_and_uninstall_removes_everything_it_wrote(home, system):
    (home / ".config").mkdir()  # folders that were there before stay
    (home / "Library" / "Application Support").mkdir(parents=True)
    before = tree(home)
    layout = paths.layout(system=system)
    _, first = run_install(layout, at_login=True)
    written = tree(home)
    receipt = layout.receipt.read_text()
    _, second = run_install(layout, at_login=True)
    assert tree(home) == written and layout.receipt.read_text() == receipt
    assert [line for line in second if line.startswith("wrote")] == [], "nothing changed the second time"
    assert sum(line.startswith("unchanged: ") for line in second) == 6  # launcher, 4 manifests, login file

    said = run_uninstall(layout)
    assert tree(home) == before, "every file and folder install created is gone, nothing else"
    assert f"removed: {layout.launcher}" in said and f"removed: {layout.login_file}" in said
    assert run_uninstall(layout)[-1].startswith("nothing to remove")


def test_uninstall_also_removes_the_state_and_logs_the_launcher_wrote(home):
    layout = paths.layout(system="linux")
    run_install(layout)
    layout.state.mkdir(parents=True)
    for f in (layout.state_file, layout.launcher_log, layout.service_log):
        f.write_text("{}")
    run_uninstall(layout)
    assert not layout.state.exists() and not layout.data.exists()


def test_an_interpreter_path_a_shebang_cannot_hold_is_refused_before_writing(home):
    layout = paths.layout(system="linux")
    with pytest.raises(manifest.UnusableInterpreter):
        install.install(layout, python="/Users/me/My Projects/venv/bin/python", say=lambda s: None)
    assert tree(home) == set()


# ---------------------------------------------------------------- login units

def parse_unit(text: str) -> dict[str, dict[str, list[str]]]:
    """A systemd unit file read by the rules of systemd.syntax(7): [Section] headers, Key=Value lines,
    comments with # or ;. Anything else is an error."""
    sections: dict[str, dict[str, list[str]]] = {}
    current = None
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
            continue
        assert current is not None, f"line {n} is outside any section"
        key, sep, value = line.partition("=")
        assert sep and key.strip().isidentifier(), f"line {n} is not Key=Value: {line!r}"
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


KNOWN_KEYS = {"Unit": {"Description", "Documentation", "After", "Wants"},
              "Service": {"Type", "ExecStart", "Environment", "Restart", "RestartSec", "NoNewPrivileges"},
              "Install": {"WantedBy"}}


def test_the_systemd_user_unit_is_valid(home, tmp_path):
    layout = paths.layout(system="linux")
    run_install(layout, browsers=("chromium",))
    layout.login_file.parent.mkdir(parents=True)
    layout.login_file.write_text(login.systemd_unit(layout))
    unit = parse_unit(layout.login_file.read_text())
    assert set(unit) == set(KNOWN_KEYS)
    for section, keys in unit.items():
        assert set(keys) <= KNOWN_KEYS[section], f"unknown keys in [{section}]: {set(keys) - KNOWN_KEYS[section]}"
    service = unit["Service"]
    assert service["ExecStart"] == [f"{layout.launcher} --foreground"]
    assert os.access(layout.launcher, os.X_OK) and os.path.isabs(layout.launcher)
    assert service["Type"] == ["simple"] and service["Restart"] == ["on-failure"]
    assert service["Environment"] == ["GIVEFIRST_HOST=127.0.0.1"]
    assert unit["Install"]["WantedBy"] == ["default.target"]
    assert "After" not in unit["Unit"] or unit["Unit"]["After"] != ["default.target"], "an ordering cycle"

    verify = shutil.which("systemd-analyze")
    if verify is None:
        print("systemd-analyze is not installed: the unit was checked by parse_unit only")
        return
    done = subprocess.run([verify, "verify", "--user", str(layout.login_file)], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "HOME": str(home), "XDG_RUNTIME_DIR": str(tmp_path / "run")})
    complaints = [line for line in (done.stdout + done.stderr).splitlines() if "givefirst" in line]
    assert done.returncode == 0 and complaints == [], done.stdout + done.stderr


def test_a_unit_path_with_spaces_is_quoted():
    layout = paths.Layout("linux", Path("/home/a b"), Path("/home/a b/.config"), Path("/home/a b/.local/share/gf"),
                          Path("/s"), Path("/r"))
    assert 'ExecStart="/home/a b/.local/share/gf/givefirst-host" --foreground' in login.systemd_unit(layout)


def test_the_launchd_agent_is_a_valid_plist(home):
    layout = paths.layout(system="darwin")
    run_install(layout, at_login=True)
    assert layout.login_file == home / "Library/LaunchAgents/com.givefirst.service.plist"
    agent = plistlib.loads(layout.login_file.read_bytes())
    assert agent == {
        "Label": "com.givefirst.service",
        "ProgramArguments": [str(home / "Library/Application Support/givefirst/givefirst-host"), "--foreground"],
        "EnvironmentVariables": {"GIVEFIRST_HOST": "127.0.0.1"},
        "RunAtLoad": True,
        "KeepAlive": {"SuccessfulExit": False},
        "ProcessType": "Background",
        "StandardOutPath": str(home / "Library/Application Support/givefirst/service.log"),
        "StandardErrorPath": str(home / "Library/Application Support/givefirst/service.log"),
    }


def fake_tools(tmp_path, *names):
    """Stand-ins for systemctl/launchctl on PATH that record their arguments (one JSON list per line)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    calls = tmp_path / "calls.jsonl"
    for name in names:
        tool = bin_dir / name
        tool.write_text(f"#!{sys.executable}\nimport json, sys\n"
                        f"open({str(calls)!r}, 'a').write(json.dumps(sys.argv[1:]) + '\\n')\n")
        tool.chmod(0o755)
    return bin_dir, calls


def cli(*args, env):
    return subprocess.run([sys.executable, "-m", "givefirst", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def test_cli_install_at_login_enables_the_unit_and_uninstall_disables_it(home, tmp_path):
    bin_dir, calls = fake_tools(tmp_path, "systemctl")
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    done = cli("install", "--at-login", "--browser", "chromium", env=env)
    assert done.returncode == 0, done.stderr
    assert f"wrote: systemd user unit {home}/.config/systemd/user/givefirst.service" in done.stdout
    assert "ran: systemctl --user enable --now givefirst.service" in done.stdout
    assert [json.loads(line) for line in calls.read_text().splitlines()] == [
        ["--user", "daemon-reload"], ["--user", "enable", "--now", "givefirst.service"]]
    calls.unlink()
    done = cli("uninstall", env=env)
    assert done.returncode == 0, done.stderr
    assert [json.loads(line) for line in calls.read_text().splitlines()] == [
        ["--user", "disable", "--now", "givefirst.service"], ["--user", "daemon-reload"]]
    assert f"removed: {home}/.config/systemd/user/givefirst.service" in done.stdout
    assert not (home / ".config" / "systemd").exists() and not (home / ".local").exists()


def test_without_systemctl_the_unit_is_written_and_the_command_to_run_is_printed(home, tmp_path):
    env = {**os.environ, "PATH": str(tmp_path / "empty")}
    env.pop("PYTHONPATH", None)
    done = subprocess.run([sys.executable, "-m", "givefirst", "install", "--at-login", "--browser", "chrome"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 1
    assert "systemctl not found: run `systemctl --user enable --now givefirst.service` yourself" in done.stdout
    assert (home / ".config/systemd/user/givefirst.service").exists()


def test_launchctl_bootstraps_the_agent_on_macos(home, tmp_path, monkeypatch):
    bin_dir, calls = fake_tools(tmp_path, "launchctl")
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    layout = paths.layout(system="darwin")
    code, said = run_install(layout, at_login=True)
    assert code == 0
    uid = os.getuid()
    assert [json.loads(line) for line in calls.read_text().splitlines()] == [
        ["bootout", f"gui/{uid}/com.givefirst.service"], ["bootstrap", f"gui/{uid}", str(layout.login_file)]]
    run_uninstall(layout)
    assert json.loads(calls.read_text().splitlines()[-1]) == ["bootout", f"gui/{uid}/com.givefirst.service"]
