"""Shared fixtures for the extension's browser tests.

One real Give First service (started here on a free port) and one Debian chromium with the unpacked extension,
both for the whole session. Each test gets a fresh tab on a Gmail-like fixture served *as* https://mail.google.com
(Playwright routing), so the content script runs on a public page exactly as it does on Gmail and has to reach
the loopback service through the service worker.
"""
from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
import requests

from browser_env import CHROMIUM, EXTENSION, EXTENSION_ID, FIXTURE, GMAIL_URL, LAUNCH_FLAGS, VIEWPORT, set_settings


def pytest_collection_modifyitems(items):
    if not Path(CHROMIUM).exists():
        skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing (CI installs Debian's chromium: apt-get install chromium)")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)


def warm_up(url: str) -> None:
    """One analysis per worker at once: a worker's first analysis is slower, and the tests time steady state."""
    from concurrent.futures import ThreadPoolExecutor

    body = {"text": "Oh, no big deal! Could you send me the numbers by Friday? I think it helps."}
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda _: requests.post(f"{url}/v1/analyze", json=body, timeout=60), range(4)))


@pytest.fixture(scope="session")
def service():
    """The real service (gunicorn, the repository's config) on a free port, allowing the extension's origin."""
    from servicekit import Gunicorn

    server = Gunicorn(workers=2, env={"GIVEFIRST_ORIGINS": f"chrome-extension://{EXTENSION_ID}",
                                      "GIVEFIRST_RATE_LIMIT": "100000 per minute"})
    with server.start(timeout=90):
        url = f"http://127.0.0.1:{server.port}"
        warm_up(url)
        yield url


@pytest.fixture(scope="session")
def browser(service):
    """Debian's chromium (new headless mode) with the unpacked extension; yields (context, service_worker)."""
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="givefirst-chromium-")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, viewport=VIEWPORT,
            args=[f"--disable-extensions-except={EXTENSION}", f"--load-extension={EXTENSION}", *LAUNCH_FLAGS])
        worker = context.service_workers[0] if context.service_workers else context.wait_for_event("serviceworker")
        assert worker.url.startswith(f"chrome-extension://{EXTENSION_ID}/"), (
            f"the extension loaded with another ID ({worker.url}); the manifest key and EXTENSION_ID disagree")
        context.route("https://mail.google.com/**", lambda route: route.fulfill(
            status=200, content_type="text/html; charset=utf-8", body=FIXTURE.read_text()))
        yield context, worker
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def extension(browser, service):
    """The service worker, with settings pointing at the test service; settings are reset after the test."""
    context, worker = browser
    set_settings(worker, serviceUrl=service)
    yield worker
    set_settings(worker, serviceUrl=service)


@pytest.fixture
def analyze_requests(browser):
    """Every POST /v1/analyze the extension makes during the test: [{"body": dict, "headers": dict}]."""
    context, _ = browser
    seen = []

    def on_request(request):
        if request.method == "POST" and request.url.endswith("/v1/analyze"):
            seen.append({"body": json.loads(request.post_data or "{}"), "headers": request.all_headers()})

    context.on("request", on_request)
    yield seen
    context.remove_listener("request", on_request)


@pytest.fixture
def gmail(browser, extension):
    """A tab on the Gmail-like fixture, with the content scripts running (the overlay is attached)."""
    from gmail_page import GmailPage

    context, _ = browser
    page = context.new_page()
    errors = []  # uncaught exceptions, the content scripts' included
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(GMAIL_URL)
    page.wait_for_selector("#givefirst-overlay", state="attached")
    yield GmailPage(page)
    page.close()
    assert not errors, f"uncaught errors on the page: {errors}"
