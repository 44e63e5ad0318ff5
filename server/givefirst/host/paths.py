"""Where the host's files live, per OS (Linux, macOS) and browser, for the current user.

Install, uninstall, the launcher and the tests must agree on every path, so they all ask `layout()`. It
reads only `env` (HOME, XDG_*) and `system`, never the real home directly: tests pass a temporary HOME and
check the macOS layout on Linux by passing system="darwin".

Linux follows the XDG base directories: the launcher in XDG_DATA_HOME, the service's state and logs in
XDG_STATE_HOME, the lock in XDG_RUNTIME_DIR (a tmpfs, emptied at logout) when there is one. Browsers read
per-user hosts from <their config folder>/NativeMessagingHosts, which is also the folder inside a custom
--user-data-dir. macOS keeps everything under ~/Library/Application Support.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

# browser -> (folder under XDG_CONFIG_HOME on Linux, folder under ~/Library/Application Support on macOS)
BROWSERS = {
    "chrome": ("google-chrome", "Google/Chrome"),
    "chromium": ("chromium", "Chromium"),
    "edge": ("microsoft-edge", "Microsoft Edge"),
    "brave": ("BraveSoftware/Brave-Browser", "BraveSoftware/Brave-Browser"),
}
SYSTEMD_UNIT = "givefirst.service"
LAUNCHD_LABEL = "com.givefirst.service"


@dataclass(frozen=True)
class Layout:
    system: str      # "linux" or "darwin"
    home: Path
    config: Path     # where browsers keep their profiles
    data: Path       # the launcher script and the install receipt
    state: Path      # the service's state file and the logs
    runtime: Path    # the lock

    def browser_dir(self, browser: str) -> Path:
        linux, mac = BROWSERS[browser]
        return self.config / (mac if self.system == "darwin" else linux)

    def hosts_dir(self, browser: str) -> Path:
        return self.browser_dir(browser) / "NativeMessagingHosts"

    @property
    def launcher(self) -> Path:
        return self.data / "givefirst-host"

    @property
    def receipt(self) -> Path:
        return self.data / "installed.json"

    @property
    def state_file(self) -> Path:
        return self.state / "service.json"

    @property
    def lock_file(self) -> Path:
        return self.runtime / "launcher.lock"

    @property
    def launcher_log(self) -> Path:
        return self.state / "launcher.log"

    @property
    def service_log(self) -> Path:
        return self.state / "service.log"

    @property
    def login_file(self) -> Path:
        if self.system == "darwin":
            return self.home / "Library" / "LaunchAgents" / f"{LAUNCHD_LABEL}.plist"
        return self.config / "systemd" / "user" / SYSTEMD_UNIT


def current_system() -> str:
    return "darwin" if sys.platform == "darwin" else "linux"


def layout(env=None, system: str | None = None) -> Layout:
    env = os.environ if env is None else env
    system = system or current_system()
    home = Path(env.get("HOME") or Path.home())

    def xdg(name: str, default: str) -> Path:
        value = env.get(name, "")
        return Path(value) if value and os.path.isabs(value) else home / default  # relative: ignored (XDG spec)

    if system == "darwin":
        support = home / "Library" / "Application Support"
        own = support / "givefirst"
        return Layout(system, home, support, own, own, own)
    state = xdg("XDG_STATE_HOME", ".local/state") / "givefirst"
    runtime = env.get("XDG_RUNTIME_DIR", "")
    return Layout(system, home, xdg("XDG_CONFIG_HOME", ".config"), xdg("XDG_DATA_HOME", ".local/share") / "givefirst",
                  state, Path(runtime) / "givefirst" if runtime and os.path.isabs(runtime) else state)
