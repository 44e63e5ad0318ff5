"""Optional start at login (`givefirst install --at-login`), so the service is up before the browser asks:
a systemd user unit on Linux, a launchd agent on macOS. Both run the launcher with --foreground, which takes
the same lock and state file as a browser's request (so there is still one service per user) and then
becomes the service, supervised by systemd or launchd (restarted if it fails, not if it was stopped).

Activation goes through systemctl / launchctl with fixed argument lists (no shell); when they are missing or
fail (no user session bus, a container), the files are still written and the command to run is printed.
"""
from __future__ import annotations

import os
import plistlib
import shutil
import subprocess

from givefirst.host.paths import LAUNCHD_LABEL, SYSTEMD_UNIT, Layout


def _systemd_quote(arg: str) -> str:
    return '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"' if any(c in arg for c in ' "\\') else arg


def systemd_unit(layout: Layout) -> str:
    return "\n".join([
        "# Give First: the writing-coach service on 127.0.0.1, started at login (`givefirst install --at-login`).",
        "# `givefirst uninstall` disables and removes this unit.",
        "[Unit]",
        "Description=Give First writing coach (local service on 127.0.0.1)",
        "",
        "[Service]",
        "Type=simple",
        f"ExecStart={_systemd_quote(str(layout.launcher))} --foreground",
        "Environment=GIVEFIRST_HOST=127.0.0.1",
        "Restart=on-failure",
        "RestartSec=5",
        "NoNewPrivileges=yes",
        "",
        "[Install]",
        "WantedBy=default.target",
        "",
    ])


def launchd_plist(layout: Layout) -> bytes:
    return plistlib.dumps({
        "Label": LAUNCHD_LABEL,
        "ProgramArguments": [str(layout.launcher), "--foreground"],
        "EnvironmentVariables": {"GIVEFIRST_HOST": "127.0.0.1"},
        "RunAtLoad": True,
        "KeepAlive": {"SuccessfulExit": False},
        "ProcessType": "Background",
        "StandardOutPath": str(layout.service_log),
        "StandardErrorPath": str(layout.service_log),
    })


def login_file_bytes(layout: Layout) -> bytes:
    return launchd_plist(layout) if layout.system == "darwin" else systemd_unit(layout).encode()


def _commands(layout: Layout, on: bool) -> list[list[str]]:
    if layout.system == "darwin":
        domain = f"gui/{os.getuid()}"
        if on:
            return [["launchctl", "bootout", f"{domain}/{LAUNCHD_LABEL}"],
                    ["launchctl", "bootstrap", domain, str(layout.login_file)]]
        return [["launchctl", "bootout", f"{domain}/{LAUNCHD_LABEL}"]]
    if on:
        return [["systemctl", "--user", "daemon-reload"], ["systemctl", "--user", "enable", "--now", SYSTEMD_UNIT]]
    return [["systemctl", "--user", "disable", "--now", SYSTEMD_UNIT], ["systemctl", "--user", "daemon-reload"]]


def switch(layout: Layout, on: bool, say) -> bool:
    """Enables (on) or disables the login start; says each command and whether it worked. True when all did."""
    commands = _commands(layout, on)
    tool = commands[0][0]
    if not shutil.which(tool):
        say(f"{tool} not found: run `{' '.join(commands[-1])}` yourself" if on else f"{tool} not found: nothing to stop")
        return False
    ok = True
    for argv in commands:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=30)
        optional = argv[1] == "bootout" and on  # unloading before loading again: fine when not loaded
        if done.returncode == 0:
            say(f"ran: {' '.join(argv)}")
        elif not optional:
            ok = False
            reason = (done.stderr or done.stdout).strip().splitlines()[:1]
            say(f"failed: {' '.join(argv)} ({reason[0] if reason else f'exit {done.returncode}'})")
    return ok

