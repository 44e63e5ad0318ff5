"""Where the CSS Custom Highlight API is missing, underlines are drawn in the overlay instead (overlay.js), still
exactly under the words and without touching the email. Chromium has the API, so this runs a copy of the
extension whose highlights.js reports it missing, in a browser of its own."""
from __future__ import annotations

import shutil
import tempfile

import pytest

from browser_env import EXTENSION, GMAIL_URL, launch, set_settings
from gmail_page import GmailPage, assert_underlined
from mock_service import MockService, flagging

pytestmark = pytest.mark.browser

REPLY = "#reply-body"
SUPPORTED = "return typeof CSS !== 'undefined' && Boolean(CSS.highlights) && typeof Highlight === 'function';"


@pytest.fixture
def fallback_page(playwright, tmp_path):
    copy = tmp_path / "extension"
    shutil.copytree(EXTENSION, copy)
    source = (copy / "highlights.js").read_text()
    assert SUPPORTED in source, "highlights.js no longer decides support this way: update this test"
    (copy / "highlights.js").write_text(source.replace(SUPPORTED, "return false; // the API is missing"))
    profile = tempfile.mkdtemp(prefix="givefirst-fallback-")
    with MockService() as mock:
        mock.answer = flagging(("no big deal", "undermining", "undermining.no-big-deal"))
        context, worker = launch(playwright, profile, extension=copy)
        set_settings(worker, serviceUrl=mock.url)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(GMAIL_URL)
        page.wait_for_selector("#givefirst-overlay", state="attached")
        yield GmailPage(page)
        assert not errors, errors
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


def test_without_the_highlight_api_the_overlay_draws_the_underlines(fallback_page):
    gmail = fallback_page
    gmail.start_typing(REPLY)
    gmail.type("Hi Sam,\n\nOh, no big deal!")
    before = gmail.page.locator(REPLY).evaluate("b => b.outerHTML")
    gmail.wait_settled()
    assert gmail.page.evaluate("() => [...CSS.highlights.keys()].filter(n => n.startsWith('gf-'))") == []
    assert gmail.page.evaluate("() => document.querySelector('#givefirst-overlay').shadowRoot"
                               ".querySelectorAll('.gf-line').length") == 1
    assert_underlined(gmail, REPLY, "no big deal", "undermining")
    assert gmail.page.locator(REPLY).evaluate("b => b.outerHTML") == before
