"""Per-client rate limiting with flask-limiter and limits' in-memory storage.

The counts live in each worker process, so with N workers a client can reach
N times the limit (docs/team.md).
"""
from __future__ import annotations

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address


def install(app) -> Limiter:
    """One budget per client address across every route (RATE_LIMIT, flask-limiter syntax)."""
    return Limiter(get_remote_address, app=app, application_limits=[app.config["RATE_LIMIT"]],
                   storage_uri="memory://", headers_enabled=True)
