"""Starting the service on demand from the browser, with no terminal (`givefirst install`).

The extension asks a Chrome native messaging host (this subpackage's launcher) to start `givefirst serve`
on loopback when it finds no service; the launcher answers with the port and the health. Modules:

- paths.py     where every file lives, per OS and browser (tests point HOME/XDG_* at a temp dir)
- manifest.py  the host manifest (only our extension may call it) and the launcher script
- install.py   `givefirst install` / `givefirst uninstall`: write and remove exactly those files
- lock.py      one service per user: an flock that survives crashes (stale locks are cleared)
- runner.py    the service's state file, start (detached, loopback), health, stop
- launcher.py  the native messaging protocol: 4-byte length + JSON, a fixed set of commands
- login.py     optional start at login: a systemd user unit (Linux) or a launchd agent (macOS)
"""

HOST_NAME = "com.givefirst.host"
# The extension's ID is fixed by the `key` in extension/manifest.json (and written in extension/EXTENSION_ID;
# a test checks the three agree). Only this origin may start the host.
EXTENSION_ID = "afaofoakldpbhdfcehjaghcanhbmlfcm"
EXTENSION_ORIGIN = f"chrome-extension://{EXTENSION_ID}/"
