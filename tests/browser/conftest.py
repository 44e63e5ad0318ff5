"""Shared fixtures for the extension's browser tests.

One real Give First service (started here) and one Debian chromium with the unpacked extension, both for the
whole session. Each test gets fresh extension settings (as after a new install, pointing at the test service)
and a fresh tab on a Gmail-like fixture served *as* https://mail.google.com (Playwright routing), so the
content script runs on a public page exactly as it does on Gmail and has to reach the loopback service through
the service worker.

Without chromium these tests fail with the install hint: a run that skipped them would look like a tested
extension. `make test-fast` leaves them out on purpose (-m "not browser") and says so.
"""
from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
import requests

from browser_env import CHROMIUM, CHROMIUM_MISSING, EXTENSION_ID, SERVICE_ENV, launch, set_settings

_left_out: list[str] = []


def pytest_deselected(items):
    _left_out.extend(item.nodeid for item in items if "browser" in item.keywords)


def pytest_terminal_summary(terminalreporter):
    if _left_out:
        files = sorted({nodeid.split("::")[0] for nodeid in _left_out})
        terminalreporter.write_sep("-", f"left out: {len(_left_out)} browser tests (the extension in chromium)",
                                   yellow=True)
        terminalreporter.write_line(f"  {', '.join(Path(f).name for f in files)}")
        terminalreporter.write_line("  `make test` runs them (it needs Debian's chromium: apt-get install chromium)")


def warm_up(url: str) -> None:
    """One analysis per worker at once: a worker's first analysis loads lazily built parts and is slower."""
    from concurrent.futures import ThreadPoolExecutor

    body = {"text": "Oh, no big deal! Could you send me the numbers by Friday? I think it helps."}
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda _: requests.post(f"{url}/v1/analyze", json=body, timeout=60), range(4)))


@pytest.fixture(scope="session")
def chromium():
    """Fails every browser test (never skips) when chromium is missing, before anything is started."""
    if not Path(CHROMIUM).exists():
        pytest.fail(CHROMIUM_MISSING, pytrace=False)
    return CHROMIUM


@pytest.fixture(scope="session")
def service(chromium):
    """The real service (gunicorn, the repository's config), allowing the extension's origin."""
    from servicekit import Gunicorn

    server = Gunicorn(workers=2, env=SERVICE_ENV)
    with server.start(timeout=90):
        url = f"http://127.0.0.1:{server.port}"
        warm_up(url)
        yield url


@pytest.fixture(scope="session")
def playwright(chromium):
    """One Playwright for the session (its sync API cannot be started twice at once)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright, service):
    """Debian's chromium (new headless mode) with the unpacked extension; yields (context, service_worker)."""
    profile = tempfile.mkdtemp(prefix="givefirst-chromium-")
    context, worker = launch(playwright, profile)
    yield context, worker
    context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(autouse=True)
def fresh_settings(browser):
    """Every test starts from a fresh install's settings (nothing stored) and leaves none behind."""
    _, worker = browser
    set_settings(worker)
    yield
    set_settings(worker)


@pytest.fixture
def extension(browser, service, fresh_settings):
    """The service worker, with settings pointing at the test service (and nothing else set)."""
    _, worker = browser
    set_settings(worker, serviceUrl=service)
    return worker


@pytest.fixture
def analyze_requests(browser):
    """Every POST /v1/analyze the extension makes during the test: [{"body": dict, "headers": dict}].
    Tests pick out the request they caused by its text, never by its place in the list."""
    context, _ = browser
    seen = []

    def on_request(request):
        if request.method == "POST" and request.url.endswith("/v1/analyze"):
            seen.append({"body": json.loads(request.post_data or "{}"), "headers": request.all_headers()})

    context.on("request", on_request)
    yield seen
    context.remove_listener("request", on_request)


def open_gmail(context, url=None):
    """A tab on the Gmail-like fixture (or url), with the content scripts running (the overlay is attached)."""
    from browser_env import GMAIL_URL
    from gmail_page import GmailPage

    page = context.new_page()
    errors = []  # uncaught exceptions, the content scripts' included
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url or GMAIL_URL)
    page.wait_for_selector("#givefirst-overlay", state="attached")
    return GmailPage(page), errors


@pytest.fixture
def gmail(browser, extension):
    context, _ = browser
    page, errors = open_gmail(context)
    yield page
    page.page.close()
    assert not errors, f"uncaught errors on the page: {errors}"


@pytest.fixture
def mock_service(browser, fresh_settings):
    """A stand-in service the test scripts (mock_service.py), with the extension's settings pointing at it."""
    from mock_service import MockService

    _, worker = browser
    with MockService() as mock:
        set_settings(worker, serviceUrl=mock.url)
        yield mock


@pytest.fixture
def mocked_gmail(browser, mock_service):
    """A Gmail tab whose extension talks to mock_service."""
    context, _ = browser
    page, errors = open_gmail(context)
    yield page
    page.page.close()
    assert not errors, f"uncaught errors on the page: {errors}"


@pytest.fixture
def open_tab(browser):
    """Opens tabs on any fixture URL (Gmail's compose structure, Outlook): open_tab(url) -> GmailPage. Each tab
    is closed after the test, which fails on any uncaught error in it."""
    context, _ = browser
    opened = []

    def open_(url):
        page, errors = open_gmail(context, url)
        opened.append((page, errors))
        return page

    yield open_
    for page, errors in opened:
        page.page.close()
    assert not [e for _, errors in opened for e in errors], f"uncaught errors on the page: {opened}"


@pytest.fixture
def options(browser):
    """The extension's options page in the test browser."""
    context, _ = browser
    page = context.new_page()
    page.goto(f"chrome-extension://{EXTENSION_ID}/options.html")
    yield page
    page.close()
