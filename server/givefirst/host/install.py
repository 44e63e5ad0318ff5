"""`givefirst install` and `givefirst uninstall`: register the native messaging host for this extension only,
and remove everything that registering wrote.

install writes the launcher script, one host manifest per browser (Chrome, Chromium, Edge, Brave: those whose
profile folder exists, or all four when none does, or the ones named; or only the --user-data-dir folders
given), optionally the login unit, and a receipt of every file and folder it created. uninstall stops the
service it started, reads the receipt (and the standard paths, in case the receipt is gone) and removes
those files, the service's state and logs, and the folders it created when they are empty. Both are
idempotent and print one line per thing they did.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from givefirst.host import login, runner
from givefirst.host.lock import LockTimeout, held
from givefirst.host.manifest import launcher_text, manifest_name, manifest_text
from givefirst.host.paths import BROWSERS, Layout


def targets(layout: Layout, browsers=(), user_data_dirs=()) -> list[tuple[str, Path]]:
    """(label, NativeMessagingHosts folder) for each place a manifest goes."""
    if "all" in browsers:
        browsers = tuple(BROWSERS)
    chosen = [(f"profile {d}", Path(d).resolve() / "NativeMessagingHosts") for d in user_data_dirs]
    if browsers or not user_data_dirs:
        if not browsers:
            browsers = [b for b in BROWSERS if layout.browser_dir(b).is_dir()] or list(BROWSERS)
        chosen += [(b, layout.hosts_dir(b)) for b in browsers]
    return chosen


class Receipt:
    """The files and folders install created, kept in the data folder so uninstall removes exactly them."""

    def __init__(self, layout: Layout):
        self.path = layout.receipt
        try:
            data = json.loads(self.path.read_text())
        except (OSError, ValueError):
            data = {}
        self.files = list(data.get("files", []))
        self.dirs = list(data.get("dirs", []))

    def mkdir(self, folder: Path) -> None:
        missing = [p for p in [folder, *folder.parents] if not p.exists()]
        for p in reversed(missing):
            p.mkdir(mode=0o700)
            if str(p) not in self.dirs:
                self.dirs.append(str(p))

    def write(self, path: Path, data: bytes, mode: int = 0o644) -> str:
        self.mkdir(path.parent)
        if str(path) not in self.files:
            self.files.append(str(path))
        if path.exists() and path.read_bytes() == data:
            os.chmod(path, mode)
            return "unchanged"
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
        return "wrote"

    def save(self) -> None:
        self.mkdir(self.path.parent)
        self.path.write_text(json.dumps({"files": self.files, "dirs": self.dirs}, indent=1) + "\n")


def install(layout: Layout, *, browsers=(), user_data_dirs=(), at_login=False, python=None, say=print) -> int:
    receipt = Receipt(layout)
    text = launcher_text(python)  # raises UnusableInterpreter before anything is written
    say(f"{receipt.write(layout.launcher, text.encode(), 0o755)}: launcher {layout.launcher}")
    for label, folder in targets(layout, browsers, user_data_dirs):
        path = folder / manifest_name()
        say(f"{receipt.write(path, manifest_text(layout.launcher).encode())}: host manifest for {label}: {path}")
    ok = True
    if at_login:
        what = "launchd agent" if layout.system == "darwin" else "systemd user unit"
        say(f"{receipt.write(layout.login_file, login.login_file_bytes(layout))}: {what} {layout.login_file}")
        receipt.save()
        ok = login.switch(layout, True, say)
    receipt.save()
    say("Done: load the extension (chrome://extensions -> Load unpacked -> extension/); "
        "it starts the service when Gmail needs it.")
    return 0 if ok else 1


def uninstall(layout: Layout, *, say=print) -> int:
    receipt = Receipt(layout)
    if layout.login_file.exists():
        login.switch(layout, False, say)
    if layout.state_file.exists():
        try:
            with held(layout.lock_file, timeout=5):
                if runner.stop(layout):
                    say("stopped: the service it had started")
        except LockTimeout:
            say("could not take the launcher lock; the service, if running, was left alone")
    files = [Path(f) for f in receipt.files]
    files += [layout.launcher, layout.login_file, layout.state_file, layout.launcher_log,
              layout.launcher_log.with_name(layout.launcher_log.name + ".1"), layout.service_log, layout.lock_file,
              layout.receipt]
    files += [layout.hosts_dir(b) / manifest_name() for b in BROWSERS]
    removed = 0
    for path in dict.fromkeys(files):
        if path.is_file() or path.is_symlink():
            path.unlink()
            removed += 1
            say(f"removed: {path}")
    folders = [Path(d) for d in receipt.dirs] + [layout.runtime, layout.state, layout.data]
    for folder in sorted(dict.fromkeys(folders), key=lambda p: len(p.parts), reverse=True):
        try:
            folder.rmdir()
            say(f"removed: {folder}/")
            removed += 1
        except OSError:
            pass  # not empty (someone else's files), or already gone
    if not removed:
        say("nothing to remove: Give First's native messaging host is not installed")
    return 0
