"""Request checks for a local service that reads private email.

- Host header must name a loopback address or a configured host (DNS rebinding).
- With GIVEFIRST_TOKEN set, `Authorization: Bearer <token>` is required,
  compared in constant time.
- Cross-origin requests are answered (CORS) only for configured origins, and
  a request carrying any other Origin is refused, so a web page can't read or
  spend the service.
"""
from __future__ import annotations

import hmac

from flask import request

from givefirst.service.errors import APIError
from givefirst.service.settings import as_list, is_loopback


def _host_name(host_header: str) -> str:
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def check_host(app) -> None:
    name = _host_name(request.host or "")
    bound = str(app.config["HOST"]).lower()
    allowed = set(as_list(app.config["ALLOWED_HOSTS"])) | {bound}
    if is_loopback(name) or name in allowed:
        return
    if not is_loopback(bound) and not as_list(app.config["ALLOWED_HOSTS"]) and bound in ("0.0.0.0", "::"):
        return  # listening on every address with a token: any Host, the token guards it
    raise APIError(403, "forbidden_host", "Host header does not name this service.")


def check_origin(app) -> None:
    origin = request.headers.get("Origin")
    if origin and origin not in as_list(app.config["ORIGINS"]):
        raise APIError(403, "forbidden_origin", "Origin not allowed; add it to GIVEFIRST_ORIGINS.")


def check_token(app) -> None:
    token = str(app.config["TOKEN"] or "")
    if not token or request.method == "OPTIONS":
        return
    header = request.headers.get("Authorization", "")
    given = header[7:] if header[:7].lower() == "bearer " else ""
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise APIError(401, "unauthorized", "Missing or wrong token: send 'Authorization: Bearer <token>'.")


def add_cors(app, response):
    origin = request.headers.get("Origin")
    if origin and origin in as_list(app.config["ORIGINS"]):
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Vary"] = "Origin"
        response.headers["Access-Control-Allow-Headers"] = "Content-Type, Authorization"
        response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response.headers["Access-Control-Max-Age"] = "600"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    return response


def install(app) -> None:
    @app.before_request
    def _guard():
        check_host(app)
        check_origin(app)
        check_token(app)

    @app.after_request
    def _cors(response):
        return add_cors(app, response)
