"""Service settings: defaults, overridden by GIVEFIRST_* environment variables.

GIVEFIRST_HOST, GIVEFIRST_PORT, GIVEFIRST_TOKEN, GIVEFIRST_ORIGINS (comma-separated
chrome-extension:// origins), GIVEFIRST_ALLOWED_HOSTS (extra Host names, comma-
separated), GIVEFIRST_MAX_CHARS, GIVEFIRST_RATE_LIMIT (flask-limiter syntax),
GIVEFIRST_LOG_LEVEL, GIVEFIRST_WORKERS (gunicorn).
"""
from __future__ import annotations

import ipaddress

# The extension's ID is fixed by the `key` in extension/manifest.json.
EXTENSION_ORIGIN = "chrome-extension://afaofoakldpbhdfcehjaghcanhbmlfcm"

DEFAULTS = {
    "HOST": "127.0.0.1",
    "PORT": 8765,
    "TOKEN": "",
    "ORIGINS": EXTENSION_ORIGIN,
    "ALLOWED_HOSTS": "",
    "MAX_CHARS": 20_000,
    "MAX_CONTENT_LENGTH": 512 * 1024,
    "RATE_LIMIT": "600 per minute",
    "LOG_LEVEL": "INFO",
}


def as_list(value) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value or "").split(",") if v.strip()]


def is_loopback(host: str) -> bool:
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class InsecureBinding(RuntimeError):
    """Raised when the service would listen beyond loopback without a token."""


def check_binding(host: str, token: str) -> None:
    if not is_loopback(host) and not token:
        raise InsecureBinding(
            f"Refusing to listen on {host}: the service reads private email, so binding beyond loopback "
            "needs GIVEFIRST_TOKEN set (clients then send 'Authorization: Bearer <token>').")
