"""Outlook on the web (fixtures/outlook.html, served as each of its origins): the reply body is found, its quoted
reply (#divRplyFwdMsg / #appendonsend on) and signature (#Signature) are left out and the quoted message is the
context; a body with a localised label is found too; underlines are CSS highlights, the card a popover, the chip,
shortcut, menu and dark mode work as in Gmail; the email's DOM is never changed."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser_env import OUTLOOK_URLS
from gmail_page import assert_underlined
from mock_service import flagging

pytestmark = pytest.mark.browser

REPLY = "#reply-body"
NEW = "#new-body"
DEAL = ("no big deal", "undermining", "undermining.no-big-deal", [{"label": "You're welcome", "replacement": "You're welcome"}])
QUOTED = "Thanks so much for pulling the numbers together, that saved my week! Oh, no big deal if not."


@pytest.mark.parametrize("url", OUTLOOK_URLS)
def test_an_outlook_reply_is_checked_without_its_quote_and_signature(open_tab, mock_service, url):
    mock_service.answer = flagging(DEAL)
    outlook = open_tab(url)
    before = outlook.page.locator(REPLY).evaluate("b => b.outerHTML")
    outlook.page.click(REPLY)
    outlook.start_typing(REPLY)
    outlook.type("Oh, no big deal!")
    outlook.wait_settled()
    sent = mock_service.wait_for(lambda b: b["text"].startswith("Oh"))
    assert sent["text"] == "Oh, no big deal!", "the signature and the quoted reply are not sent"
    assert sent["context"] == {"replying_to": QUOTED}
    assert_underlined(outlook, REPLY, "no big deal", "undermining")
    assert len(outlook.underlines_in(REPLY)) == 1, "nothing in the signature or the quote is underlined"
    assert outlook.page.evaluate("() => CSS.highlights.has('gf-u-undermining')")

    outlook.click_words(REPLY, "big")
    expect(outlook.card).to_be_visible()
    assert outlook.card.evaluate("c => c.matches(':popover-open')")
    outlook.page.keyboard.press("Escape")
    expect(outlook.card).to_be_hidden()
    expect(outlook.chip_in(REPLY)).to_contain_text("Give First")
    after = outlook.page.locator(REPLY).evaluate("b => b.outerHTML")
    assert after.replace("<br>", "") == before.replace("<br>", "").replace(
        '<div class="elementToProof">', '<div class="elementToProof">Oh, no big deal!'), "only the typed words changed"

    outlook.page.keyboard.press("Alt+Shift+J")  # the shortcut, and a rewrite applied from the keyboard
    expect(outlook.card).to_be_visible()
    outlook.page.keyboard.press("Enter")
    assert outlook.writer_text(REPLY).startswith("Oh, You're welcome!")


def test_a_new_outlook_message_with_a_localised_label_is_found(open_tab, mock_service):
    mock_service.answer = flagging(DEAL)
    outlook = open_tab(OUTLOOK_URLS[0])
    outlook.page.click(NEW)
    outlook.start_typing(NEW)
    outlook.type("Kein Problem, no big deal.")
    outlook.wait_settled()
    sent = mock_service.wait_for(lambda b: b["text"] == "Kein Problem, no big deal.")
    assert "context" not in sent, "a new message answers nothing"
    assert_underlined(outlook, NEW, "no big deal", "undermining")
    chip = outlook.chip_in(NEW)
    chip.locator(".gf-chip-main").click()
    expect(outlook.page.get_by_role("menuitem").first).to_be_visible()
