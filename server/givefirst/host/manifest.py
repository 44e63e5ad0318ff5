"""The two files a browser needs to start the host: the host manifest and the launcher script.

The manifest names the launcher by absolute path and allows exactly one origin, our extension's (fixed by
the key in extension/manifest.json), so no other extension or web page can start it. The launcher is a tiny
Python script whose shebang is the interpreter that ran `givefirst install` (so it finds this package with
no shell, no PATH lookup and no activation step) and which runs givefirst.host.launcher.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from givefirst.host import EXTENSION_ORIGIN, HOST_NAME

DESCRIPTION = "Give First: starts the local writing-coach service on 127.0.0.1"


def host_manifest(launcher: Path) -> dict:
    return {
        "name": HOST_NAME,
        "description": DESCRIPTION,
        "path": str(launcher),
        "type": "stdio",
        "allowed_origins": [EXTENSION_ORIGIN],
    }


def manifest_text(launcher: Path) -> str:
    return json.dumps(host_manifest(launcher), indent=2) + "\n"


def manifest_name() -> str:
    return f"{HOST_NAME}.json"


class UnusableInterpreter(ValueError):
    """The interpreter's path cannot stand in a shebang line (spaces, or too long for the kernel)."""


def launcher_text(python: str | None = None) -> str:
    python = python or sys.executable
    if not python or any(c.isspace() for c in python) or len(python) > 120:
        raise UnusableInterpreter(
            f"cannot start {python!r} from a shebang line (no spaces, at most 120 characters): "
            "install Give First in a virtual environment at a plain path")
    return (f"#!{python}\n"
            "# Give First's native messaging host, written by `givefirst install` (`givefirst uninstall` removes it).\n"
            "# The browser runs it with the calling extension's origin; it speaks the native messaging protocol.\n"
            "import sys\n\n"
            "from givefirst.host.launcher import main\n\n"
            "sys.exit(main(sys.argv[1:]))\n")
