"""The service starts on demand, in Debian's chromium with fresh profiles: `givefirst install --user-data-dir`
puts the host manifest into <profile>/NativeMessagingHosts (where Chromium on Linux reads a profile's hosts),
no service is running, and typing "no big deal" in the Gmail compose fixture gets its underline once the
extension has started the service through the host (the chip says "starting" meanwhile). A second profile,
opened while the first runs, reuses the same service. HOME and the XDG folders point into a temporary folder,
so the host's files, state and lock never touch the real home, and the service is stopped at the end.

This module starts its own browsers and no shared service (its fresh_settings overrides the conftest's)."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from browser_env import CHROMIUM, EXTENSION, EXTENSION_ID, FIXTURE, GMAIL_URL, LAUNCH_FLAGS, VIEWPORT
from gmail_page import GmailPage, assert_underlined, has_underline_js

pytestmark = pytest.mark.browser

REPLY = "#reply-body"
LOAD_TIMEOUT_MS = 180_000  # the model's load time plus a margin on a busy two-core machine (never asserted)


@pytest.fixture(autouse=True)
def fresh_settings():
    """No shared browser or service here: every profile below is new."""
    yield


@pytest.fixture
def native_env(tmp_path, chromium):
    """The environment chromium (and so the host and the service) runs in: a temporary HOME and XDG folders,
    any free port for the service. The default port 8765 is held closed for the test, so the extension's
    default URL finds no service there (if something else already listens on 8765, the profiles are given a
    closed port as the one last reported, which the extension must likewise find dead)."""
    home = tmp_path / "home"
    run = tmp_path / "run"
    home.mkdir()
    run.mkdir(mode=0o700)
    env = {**os.environ, "HOME": str(home), "XDG_RUNTIME_DIR": str(run), "GIVEFIRST_PORT": "0",
           "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local/share"),
           "XDG_STATE_HOME": str(home / ".local/state")}
    env.pop("GIVEFIRST_HOST", None)
    held = socket.socket()
    dead = socket.socket()
    dead.bind(("127.0.0.1", 0))
    try:
        held.bind(("127.0.0.1", 8765))
        seed = None
    except OSError:
        seed = dead.getsockname()[1]
    from givefirst.host import paths, runner
    layout = paths.layout(env=env, system="linux")
    yield env, layout, seed
    runner.stop(layout, timeout=10)
    held.close()
    dead.close()


def install_into(profile, env) -> None:
    done = subprocess.run([sys.executable, "-m", "givefirst", "install", "--user-data-dir", str(profile)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (profile / "NativeMessagingHosts" / "com.givefirst.host.json").exists(), done.stdout


def open_profile(playwright, profile, env, seed):
    context = playwright.chromium.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, headless=True, viewport=VIEWPORT, env=env,
        args=[f"--disable-extensions-except={EXTENSION}", f"--load-extension={EXTENSION}", *LAUNCH_FLAGS])
    worker = context.service_workers[0] if context.service_workers else context.wait_for_event("serviceworker")
    if seed:
        worker.evaluate("port => chrome.storage.local.set({servicePort: port})", seed)
    context.route("https://mail.google.com/**", lambda route: route.fulfill(
        status=200, content_type="text/html; charset=utf-8", body=FIXTURE.read_text()))
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(GMAIL_URL)
    page.wait_for_selector("#givefirst-overlay", state="attached")
    return context, worker, GmailPage(page), errors


def test_typing_starts_the_service_through_the_host_and_a_second_profile_reuses_it(native_env, tmp_path, playwright):
    from givefirst.host import lock, runner

    env, layout, seed = native_env
    first_profile, second_profile = tmp_path / "profile-1", tmp_path / "profile-2"
    install_into(first_profile, env)
    install_into(second_profile, env)
    assert runner.describe(layout)["state"] == "stopped", "no service before the extension asks"

    p = playwright  # the session's one Playwright (conftest): its sync API cannot run twice at once
    context, worker, gmail, errors = open_profile(p, first_profile, env, seed)
    gmail.start_typing(REPLY)
    gmail.type("Thanks for the help! Oh, no big deal.")
    expect(gmail.page.locator(".gf-chip", has_text="starting the service")).to_be_visible(timeout=60_000)
    gmail.page.wait_for_function(has_underline_js("undermining"), timeout=LOAD_TIMEOUT_MS)
    gmail.wait_settled()
    assert_underlined(gmail, REPLY, "no big deal", "undermining")

    state = json.loads(layout.state_file.read_text())
    assert state["starter"] == "browser" and state["port"] != 8765
    assert os.getsid(state["pid"]) == state["pid"], "the service runs in its own session, not the browser's"
    assert worker.evaluate("chrome.storage.local.get('servicePort')") == {"servicePort": state["port"]}
    assert runner.health(state["port"])["status"] == "ok"

    other, other_worker, second, other_errors = open_profile(p, second_profile, env, seed)
    second.start_typing(REPLY)
    second.type("Oh, no big deal.")
    second.page.wait_for_function(has_underline_js("undermining"), timeout=LOAD_TIMEOUT_MS)
    assert_underlined(second, REPLY, "no big deal", "undermining")
    assert json.loads(layout.state_file.read_text())["pid"] == state["pid"], "the same service"
    assert other_worker.evaluate("chrome.storage.local.get('servicePort')") == {"servicePort": state["port"]}
    other.close()

    options = context.new_page()
    options.goto(f"chrome-extension://{EXTENSION_ID}/options.html")
    expect(options.locator("#serviceState")).to_have_text("Running: version 0.1.0, started by the extension.")
    expect(options.locator("#serviceWhere")).to_contain_text(f"At http://127.0.0.1:{state['port']}, process {state['pid']}")
    options.get_by_role("button", name="Restart").click()
    expect(options.locator("#serviceState")).to_have_text("Running: version 0.1.0, started by the extension.",
                                                          timeout=LOAD_TIMEOUT_MS)
    restarted = json.loads(layout.state_file.read_text())
    assert restarted["pid"] != state["pid"] and not lock.pid_alive(state["pid"]), "a new service, the old one gone"
    expect(options.locator("#serviceWhere")).to_contain_text(f"process {restarted['pid']}")
    context.close()
    assert errors == [] and other_errors == []
    log = layout.launcher_log.read_text()
    assert log.count("started the service") == 2, log  # the first profile's start and the Restart
    assert "big deal" not in log and "Thanks" not in log
    assert "big deal" not in layout.service_log.read_text()


def test_without_the_host_the_chip_and_the_options_name_the_command_that_fixes_it(native_env, tmp_path, playwright):

    env, layout, seed = native_env
    p = playwright  # the session's one Playwright (conftest): its sync API cannot run twice at once
    context, worker, gmail, errors = open_profile(p, tmp_path / "profile", env, seed)
    gmail.start_typing(REPLY)
    gmail.type("Oh, no big deal.")
    chip = gmail.page.locator(".gf-chip", has_text="service offline")
    expect(chip).to_have_text("Give First: service offline. Set it up once with givefirst installOptions")
    options = context.new_page()
    options.goto(f"chrome-extension://{EXTENSION_ID}/options.html")
    expect(options.locator("#serviceState")).to_contain_text("not installed. Run `givefirst install` once")
    expect(options.get_by_role("button", name="Restart")).to_be_disabled()
    context.close()
    assert errors == []
    assert not layout.state_file.exists()
