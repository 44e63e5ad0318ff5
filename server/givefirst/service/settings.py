"""Service settings: defaults, overridden by GIVEFIRST_* environment variables.

GIVEFIRST_HOST, GIVEFIRST_PORT, GIVEFIRST_TOKEN, GIVEFIRST_ORIGINS (comma-separated
chrome-extension:// origins), GIVEFIRST_ALLOWED_HOSTS (extra Host names, comma-
separated), GIVEFIRST_MAX_CHARS, GIVEFIRST_RATE_LIMIT (flask-limiter syntax),
GIVEFIRST_LOG_LEVEL, GIVEFIRST_TRUSTED_PROXIES (how many proxies in front set
X-Forwarded-For: the rate limit then counts the real client, default 0),
GIVEFIRST_WORKERS, GIVEFIRST_MAX_REQUESTS, GIVEFIRST_ACCESS_LOG (gunicorn).
GIVEFIRST_TEST_HOLD_DIR is for the test suite only (service/testhooks.py; unset = off).
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
    "TRUSTED_PROXIES": 0,
    "TEST_HOLD_DIR": "",
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


def bind_host(address: str) -> str:
    """The host of a gunicorn bind address: "127.0.0.1:8765", "[::1]:8765", "unix:/run/x.sock"."""
    address = address.strip()
    if address.startswith("unix:"):
        return "localhost"  # a socket file: reachable only on this machine
    if address.startswith("["):
        return address[1: address.find("]")]
    if address.count(":") == 1:
        return address.rsplit(":", 1)[0]
    return address  # a bare host, or "fd://3" (not loopback: needs a token)


TEXT_SETTINGS = ("HOST", "TOKEN", "ORIGINS", "ALLOWED_HOSTS", "RATE_LIMIT", "LOG_LEVEL", "TEST_HOLD_DIR")


def text_from_env(environ, prefix: str = "GIVEFIRST_") -> dict:
    """Settings that are strings, read as given: Flask's from_prefixed_env parses values as JSON,
    which would turn a token such as "1e5" into 100000.0 and "null" into None."""
    return {k: environ[prefix + k] for k in TEXT_SETTINGS if prefix + k in environ}


def check_binding(host: str, token: str) -> None:
    if not is_loopback(host) and not token:
        raise InsecureBinding(
            f"Refusing to listen on {host}: the service reads private email, so binding beyond loopback "
            "needs GIVEFIRST_TOKEN set (clients then send 'Authorization: Bearer <token>').")
