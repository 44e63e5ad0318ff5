"""Paths, launch flags and small helpers the browser tests (conftest.py holds the fixtures) and
`make bench-browser` (scripts/bench_browser.py) share."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The unpacked extension; GIVEFIRST_TEST_EXTENSION loads a copy instead (to check a test fails on broken code).
EXTENSION = Path(os.environ.get("GIVEFIRST_TEST_EXTENSION") or ROOT / "extension")
EXTENSION_ID = (EXTENSION / "EXTENSION_ID").read_text().strip()
FIXTURES = Path(__file__).with_name("fixtures")
FIXTURE = FIXTURES / "gmail.html"
# Debian's chromium; GIVEFIRST_TEST_CHROMIUM points elsewhere (e.g. a missing path, to see the install hint).
CHROMIUM = os.environ.get("GIVEFIRST_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_MISSING = (
    f"{CHROMIUM} is missing, so the extension cannot be tested in a browser.\n"
    "Install Debian's chromium, as .ci/run does:  apt-get install chromium   (as root)\n"
    "or leave the browser tests out on purpose:    make test-fast")
GMAIL_URL = "https://mail.google.com/mail/u/0/#inbox/FMfcgzQbdrQ"
# Gmail's real compose structure (a thread in its scrolling view, compose windows with their tables): gmail_compose.html.
GMAIL_COMPOSE_URL = "https://mail.google.com/mail/u/0/?gf-fixture=gmail_compose#inbox/FMfcgzQbdrQ"
# Outlook on the web (outlook.html), on each of its origins.
OUTLOOK_URLS = ["https://outlook.office.com/mail/", "https://outlook.office365.com/mail/", "https://outlook.live.com/mail/0/"]
# What this machine and CI need: no sandbox (root in a container), no GPU, no background traffic.
LAUNCH_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}
SERVICE_ENV = {"GIVEFIRST_ORIGINS": f"chrome-extension://{EXTENSION_ID}", "GIVEFIRST_RATE_LIMIT": "100000 per minute"}


def launch(playwright, profile: str, extension: Path = EXTENSION):
    """Debian's chromium (new headless mode) with the unpacked extension, every https://mail.google.com page
    answered with the Gmail-like fixture. Returns (context, service_worker)."""
    context = playwright.chromium.launch_persistent_context(
        profile, executable_path=CHROMIUM, headless=True, viewport=VIEWPORT,
        args=[f"--disable-extensions-except={extension}", f"--load-extension={extension}", *LAUNCH_FLAGS])
    worker = context.service_workers[0] if context.service_workers else context.wait_for_event("serviceworker")
    assert worker.url.startswith(f"chrome-extension://{EXTENSION_ID}/"), (
        f"the extension loaded with another ID ({worker.url}); the manifest key and EXTENSION_ID disagree")
    context.route("https://mail.google.com/**", lambda route: route.fulfill(
        status=200, content_type="text/html; charset=utf-8", body=fixture_for(route.request.url, "gmail")))
    for origin in ["https://outlook.office.com", "https://outlook.office365.com", "https://outlook.live.com"]:
        context.route(f"{origin}/**", lambda route: route.fulfill(
            status=200, content_type="text/html; charset=utf-8", body=fixture_for(route.request.url, "outlook")))
    return context, worker


def fixture_for(url: str, default: str) -> str:
    """The fixture a page URL asks for with ?gf-fixture=NAME, else the client's default."""
    from urllib.parse import parse_qs, urlparse

    name = parse_qs(urlparse(url).query).get("gf-fixture", [default])[0]
    assert name.replace("_", "").isalnum(), name
    return (FIXTURES / f"{name}.html").read_text()


def set_settings(worker, **settings) -> None:
    """Replaces the extension's settings (chrome.storage.sync, as the options page writes them) and empties its
    device-only storage (chrome.storage.local): what a fresh install with these settings has."""
    worker.evaluate("s => Promise.all([chrome.storage.local.clear(), chrome.storage.sync.clear()])"
                    ".then(() => chrome.storage.sync.set(s))", settings)


def stored_settings(worker) -> dict:
    return worker.evaluate("chrome.storage.sync.get(null)")
