"""A request that a test holds at a barrier, for the graceful-shutdown test.

Installed only when the GIVEFIRST_TEST_HOLD_DIR setting names a directory:
off by default, and settings come from the environment or create_app's
config, never from a request. Then `POST /_test/hold`:

1. writes `held` in that directory (the request is inside the app),
2. writes `term` there if this worker is asked to stop (SIGTERM) meanwhile,
3. answers 200 once the test creates `release` (or 504 after 60 s).

The files hold no request data. A test can so send SIGTERM while a request
is certainly in flight, see that the worker got it, and only then let the
request finish, without guessing how long anything takes.
"""
from __future__ import annotations

import signal
import threading
import time
from pathlib import Path

from flask import jsonify

from givefirst.service.errors import APIError

WAIT_LIMIT_S = 60


def _note_sigterm(directory: Path):
    """Chain a handler in front of the worker's own SIGTERM handler (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        return None
    previous = signal.getsignal(signal.SIGTERM)

    def on_term(signum, frame):
        (directory / "term").write_text("term\n")
        if callable(previous):
            previous(signum, frame)

    signal.signal(signal.SIGTERM, on_term)
    return previous


def install(app, directory: str) -> None:
    folder = Path(directory)

    @app.post("/_test/hold")
    def _hold():
        previous = _note_sigterm(folder)
        try:
            (folder / "held").write_text("held\n")
            deadline = time.monotonic() + WAIT_LIMIT_S
            while not (folder / "release").exists():
                if time.monotonic() > deadline:
                    raise APIError(504, "hold_timeout", "The test never released the held request.")
                time.sleep(0.01)
            return jsonify({"released": True, "term_seen": (folder / "term").exists()})
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)
