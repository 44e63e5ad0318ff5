"""Per-client rate limiting (flask-limiter), with a storage fit for gunicorn workers.

The `limits` package's in-memory storage starts a timer thread after a
request to drop expired counters 10 ms later; in a worker that answers a
request every few milliseconds that is a new thread per request, waking up
in the middle of the next analysis. This storage does the same clean-up
inline, at most once a second. Counting is unchanged (each fixed window
still expires on time: the counters check their own expiry when read).
The counts live in each worker process, so with N workers a client can
reach N times the limit (docs/team.md).
"""
from __future__ import annotations

import time

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits.storage import MemoryStorage

SCHEME = "givefirst-memory"


class InlineExpiryMemoryStorage(MemoryStorage):
    STORAGE_SCHEME = [SCHEME]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self._last_expiry = 0.0

    def _MemoryStorage__schedule_expiry(self) -> None:  # replaces the timer thread
        now = time.monotonic()
        if now - self._last_expiry >= 1.0:
            self._last_expiry = now
            self._MemoryStorage__expire_events()


def install(app) -> Limiter:
    """One budget per client address across every route (RATE_LIMIT, flask-limiter syntax)."""
    return Limiter(get_remote_address, app=app, application_limits=[app.config["RATE_LIMIT"]],
                   storage_uri=f"{SCHEME}://", headers_enabled=True)
