"""gunicorn's logger, with nothing a client sent in any log line.

The access log keeps the client address, method, route, status, size and
time. A path that is not one of the service's routes is logged as "-", and
query strings, headers (tokens), the request line, referrer and user agent
are never logged, whatever `access_log_format` asks for. gunicorn's own
messages about malformed requests and failed requests quote the request
line, a header or the URL; only the kind of error is logged.
"""
from __future__ import annotations

import re
import sys

from gunicorn.glogging import Logger

ROUTES = frozenset({"/v1/analyze", "/v1/rules", "/healthz", "/openapi.json"})
_KEPT = {"h", "l", "t", "s", "m", "U", "H", "b", "B", "T", "D", "M", "L", "p"}
_INVALID = re.compile(r"^(Invalid request from ip=[^:\s]*): .*", re.S)


class PrivateLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        safe = {k: v for k, v in atoms.items() if k in _KEPT}
        safe["U"] = atoms.get("U") if atoms.get("U") in ROUTES else "-"
        safe["u"] = "-"
        return safe

    def warning(self, msg, *args, **kwargs):
        if isinstance(msg, str):
            msg = _INVALID.sub(lambda m: f"{m.group(1)}: {_error_kind()}", msg)
        super().warning(msg, *args, **kwargs)

    def exception(self, msg, *args, **kwargs):
        # "Error handling request <method> <uri>" and a traceback whose text may quote the request.
        if isinstance(msg, str) and msg.startswith("Error handling request"):
            self.error("Error handling request: %s", _error_kind())
            return
        super().exception(msg, *args, **kwargs)


def _error_kind() -> str:
    exc = sys.exc_info()[1]
    return type(exc).__name__ if exc else "malformed request"
