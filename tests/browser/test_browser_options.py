"""The options page and the service being away, in chromium: settings reach an open Gmail tab without a
reload, the request carries the token and the disabled categories, and an offline service is said plainly."""
from __future__ import annotations

import socket

import pytest
from playwright.sync_api import expect

from browser_env import set_settings, stored_settings
from gmail_page import assert_underlined, has_underline_js, request_for, wait_for_request

pytestmark = pytest.mark.browser

REPLY = "#reply-body"
DRAFT = "Oh, no big deal!\n\nSorry to bother you, but the totals are in the sheet."


def test_options_apply_to_an_open_gmail_tab_without_reload(gmail, options, service, analyze_requests):
    gmail.start_typing(REPLY)
    gmail.type(DRAFT)
    gmail.wait_settled()
    assert gmail.underlines_in(REPLY, "weak-phrasing")
    first = request_for(gmail.page, analyze_requests, DRAFT)
    assert "disabled" not in first["body"]
    assert "authorization" not in first["headers"]

    expect(options.locator("#serviceUrl")).to_have_value(service)
    options.get_by_role("button", name="Test connection").click()
    expect(options.locator("#health")).to_have_text("Connected: the service is running.")
    options.get_by_label("Weak phrasing").uncheck()
    expect(options.get_by_text("Saved")).to_be_visible()
    gmail.page.wait_for_function(f"() => !({has_underline_js('weak-phrasing')})()")
    sent = wait_for_request(gmail.page, analyze_requests, lambda r: "disabled" in r["body"])
    assert sent["body"]["disabled"] == ["weak-phrasing"]
    gmail.wait_settled()
    assert gmail.underlines_in(REPLY, "weak-phrasing") == []
    assert_underlined(gmail, REPLY, "no big deal", "undermining")

    options.locator("#token").fill("s3cret-token")
    options.locator("#token").press("Tab")
    expect(options.get_by_text("Saved")).to_be_visible()
    # The storage change reaches the tab, which asks again, now with the token.
    sent = wait_for_request(gmail.page, analyze_requests, lambda r: "authorization" in r["headers"])
    assert sent["headers"]["authorization"] == "Bearer s3cret-token"

    options.get_by_label("Weak phrasing").check()
    gmail.page.wait_for_function(has_underline_js("weak-phrasing"))


def test_options_defaults_and_a_non_loopback_url_warning(options, browser):
    _, worker = browser
    assert stored_settings(worker) == {}, "a fresh install has nothing stored"
    expect(options.locator("#serviceUrl")).to_have_value("http://127.0.0.1:8765")
    expect(options.locator("#token")).to_have_value("")
    for label in ["Undermining a favour", "Give value first", "Door in the face", "Weak phrasing", "Readability"]:
        expect(options.get_by_label(label)).to_be_checked()
    expect(options.locator("#urlWarning")).to_be_hidden()
    options.locator("#serviceUrl").fill("https://givefirst.example.com")
    options.locator("#serviceUrl").press("Tab")
    expect(options.locator("#urlWarning")).to_be_visible()
    assert stored_settings(worker)["serviceUrl"] == "https://givefirst.example.com"  # reset after this test


@pytest.fixture
def closed_port():
    """A loopback port nothing listens on: bound (so no other process can take it) but not listening."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        yield s.getsockname()[1]


def test_offline_service_is_named_on_the_chip_and_the_draft_keeps_working(gmail, browser, service, closed_port):
    _, worker = browser
    set_settings(worker, serviceUrl=f"http://127.0.0.1:{closed_port}")
    gmail.start_typing(REPLY)
    gmail.type("Oh, no big deal!")
    gmail.wait_settled()
    chip = gmail.chip_in(REPLY)
    expect(chip).to_contain_text("service offline")
    expect(chip).to_contain_text("make run")
    assert gmail.underlines_in(REPLY) == []
    gmail.type(" See you soon.")
    assert gmail.writer_text(REPLY) == "Oh, no big deal! See you soon."

    set_settings(worker, serviceUrl=service)  # the service is back: the tab asks again by itself
    gmail.page.wait_for_function(has_underline_js("undermining"))
    gmail.wait_settled()
    assert_underlined(gmail, REPLY, "no big deal", "undermining")
    expect(gmail.chip_in(REPLY)).not_to_contain_text("offline")
