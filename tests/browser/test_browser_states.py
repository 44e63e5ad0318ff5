"""What the chip says when the service does not answer, and that it asks again by itself: warming up (a service
that listens but has not answered a first analysis yet, while its model loads: never "offline"), slow (it has
answered before), offline (nothing listens), each retried with backoff until an answer comes."""
from __future__ import annotations

import socket

import pytest
from playwright.sync_api import expect

from browser_env import set_settings
from gmail_page import assert_underlined
from mock_service import MockService, flagging

pytestmark = pytest.mark.browser

REPLY = "#reply-body"
DEAL = ("no big deal", "undermining", "undermining.no-big-deal")
TIMEOUT_MS = 1500  # the worker's wait for an answer, shortened (15 s by default)


@pytest.fixture
def slow_gmail(browser, mock_service, mocked_gmail):
    _, worker = browser
    set_settings(worker, serviceUrl=mock_service.url, requestTimeoutMs=TIMEOUT_MS)
    mock_service.answer = flagging(DEAL)
    return mocked_gmail


def test_a_first_answer_slower_than_the_timeout_is_warming_up_not_offline(slow_gmail, mock_service):
    gmail = slow_gmail
    text = "Oh, no big deal!"
    mock_service.hold(text)  # the model is loading: the first answers take long
    gmail.start_typing(REPLY)
    gmail.type(text)
    chip = gmail.page.locator(".gf-chip[data-status=warming]")
    expect(chip).to_contain_text("starting", timeout=8000)
    expect(gmail.page.locator(".gf-chip[data-status=offline]")).to_have_count(0)
    mock_service.release(text)  # loaded: the retry is answered
    gmail.page.wait_for_selector(".gf-chip[data-status=ok]", state="attached", timeout=10_000)
    gmail.wait_settled()
    assert_underlined(gmail, REPLY, "no big deal", "undermining")
    assert sum(1 for b in mock_service.requests if b["text"] == text) >= 2, "asked again after the timeout"


def test_a_service_that_answered_before_and_is_slow_now_says_so_and_is_retried(slow_gmail, mock_service):
    gmail = slow_gmail
    gmail.start_typing(REPLY)
    gmail.type("Hi Sam.")
    gmail.wait_settled()
    expect(gmail.page.locator(".gf-chip[data-status=ok]")).to_have_count(1)
    text = "Hi Sam. Oh, no big deal!"
    mock_service.hold(text)
    gmail.type(" Oh, no big deal!")
    expect(gmail.page.locator(".gf-chip[data-status=timeout]")).to_contain_text("slow", timeout=8000)
    mock_service.release(text)
    gmail.page.wait_for_selector(".gf-chip[data-status=ok]", state="attached", timeout=10_000)
    gmail.wait_settled()
    assert_underlined(gmail, REPLY, "no big deal", "undermining")


def test_offline_is_retried_until_the_service_comes(browser, mocked_gmail):
    gmail = mocked_gmail
    _, worker = browser
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:  # a free port nothing listens on (yet)
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        set_settings(worker, serviceUrl=f"http://127.0.0.1:{port}")
        gmail.start_typing(REPLY)
        gmail.type("Oh, no big deal!")
        expect(gmail.page.locator(".gf-chip[data-status=offline]")).to_contain_text("service offline", timeout=8000)
    with MockService(port=port) as service:  # started later on that port: no typing, no settings change
        service.answer = flagging(DEAL)
        gmail.page.wait_for_selector(".gf-chip[data-status=ok]", state="attached", timeout=20_000)
        gmail.wait_settled()
        assert_underlined(gmail, REPLY, "no big deal", "undermining")
