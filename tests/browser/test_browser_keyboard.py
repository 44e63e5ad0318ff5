"""Keyboard and screen readers: the next-finding shortcut (configurable in the options), the findings list as a menu
(role=menu, menuitems, arrow keys, aria-expanded on the chip), new findings announced in a polite live region;
"Pause for this email" from the chip; "Ignore" kept (rule + phrase, this device), listed and cleared in the
options page."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import open_gmail
from gmail_page import assert_underlined, has_underline_js, next_frame
from mock_service import flagging

pytestmark = pytest.mark.browser

REPLY = "#reply-body"
DEAL = ("no big deal", "undermining", "undermining.no-big-deal")
SORRY = ("Sorry to bother you", "weak-phrasing", "weak-phrasing.apology")
DRAFT = "Sorry to bother you, Sam.\n\nOh, no big deal!"
SHADOW = "document.querySelector('#givefirst-overlay').shadowRoot"
FOCUSED = f"() => {{ const a = {SHADOW}.activeElement; return a ? [a.className, a.getAttribute('role'), a.textContent] : null; }}"


@pytest.fixture
def gmail(mocked_gmail, mock_service):
    mock_service.answer = flagging(DEAL, SORRY)
    return mocked_gmail


def card_message(gmail) -> str:
    return gmail.card.locator(".gf-card-message").text_content()


def test_the_shortcut_jumps_from_finding_to_finding_and_escape_returns(gmail):
    gmail.start_typing(REPLY)
    gmail.type(DRAFT)
    gmail.wait_settled()
    gmail.page.keyboard.press("Control+Home")
    before = gmail.text_before_caret(REPLY)
    gmail.page.keyboard.press("Alt+Shift+J")
    expect(gmail.card).to_be_visible()
    assert "Sorry to bother you" in card_message(gmail)
    assert gmail.page.evaluate(FOCUSED)[0] == "gf-quiet gf-ignore", "the card's first button has the focus"
    gmail.page.keyboard.press("Alt+Shift+J")  # from inside the card: the next one
    expect(gmail.card.locator(".gf-card-message")).to_contain_text("no big deal")
    gmail.page.keyboard.press("Alt+Shift+J")  # and round again
    expect(gmail.card.locator(".gf-card-message")).to_contain_text("Sorry to bother you")
    gmail.page.keyboard.press("Escape")
    expect(gmail.card).to_be_hidden()
    assert gmail.text_before_caret(REPLY) == before
    gmail.page.keyboard.press("Alt+ArrowDown")  # not the shortcut (Option+Down on a Mac moves the caret)
    expect(gmail.card).to_be_hidden()


def test_the_shortcut_is_set_in_the_options(gmail, options, browser):
    field = options.locator("#shortcut")
    expect(field).to_have_value("Alt+Shift+J")
    field.click()
    field.press("Control+Alt+k")
    expect(field).to_have_value("Ctrl+Alt+K")
    _, worker = browser
    assert worker.evaluate("chrome.storage.sync.get('nextFindingShortcut')") == {"nextFindingShortcut": "Ctrl+Alt+K"}
    gmail.start_typing(REPLY)
    gmail.type(DRAFT)
    gmail.wait_settled()
    gmail.page.keyboard.press("Control+Home")
    gmail.page.keyboard.press("Alt+Shift+J")
    expect(gmail.card).to_be_hidden()
    gmail.page.keyboard.press("Control+Alt+k")
    expect(gmail.card).to_be_visible()
    expect(gmail.card).to_contain_text("Ctrl+Alt+K")  # the card's hint names the shortcut


def test_the_findings_list_is_a_menu_and_new_findings_are_announced(gmail):
    gmail.start_typing(REPLY)
    gmail.type(DRAFT)
    gmail.wait_settled()
    live = gmail.page.locator(".gf-live")
    expect(live).to_have_attribute("aria-live", "polite")
    expect(live).to_have_text("Give First: 2 new findings (weak phrasing, undermining a favour).")

    main = gmail.chip_in(REPLY).locator(".gf-chip-main")
    expect(main).to_have_attribute("aria-haspopup", "menu")
    expect(main).to_have_attribute("aria-expanded", "false")
    main.focus()
    gmail.page.keyboard.press("Enter")
    menu = gmail.page.get_by_role("menu")
    expect(menu).to_be_visible()
    expect(main).to_have_attribute("aria-expanded", "true")
    items = menu.get_by_role("menuitem")
    expect(items).to_have_count(3)  # two findings and "Pause for this email"
    assert "Sorry to bother you" in gmail.page.evaluate(FOCUSED)[2]
    gmail.page.keyboard.press("ArrowDown")
    assert "no big deal" in gmail.page.evaluate(FOCUSED)[2]
    gmail.page.keyboard.press("ArrowDown")
    assert gmail.page.evaluate(FOCUSED)[2] == "Pause for this email"
    gmail.page.keyboard.press("ArrowDown")  # wraps
    assert "Sorry to bother you" in gmail.page.evaluate(FOCUSED)[2]
    gmail.page.keyboard.press("End")
    gmail.page.keyboard.press("ArrowUp")
    assert "no big deal" in gmail.page.evaluate(FOCUSED)[2]
    gmail.page.keyboard.press("Escape")
    expect(menu).to_have_count(0)
    expect(main).to_have_attribute("aria-expanded", "false")
    assert gmail.page.evaluate(FOCUSED)[0] == "gf-chip-main"

    gmail.start_typing(REPLY)
    gmail.page.evaluate("document.execCommand('insertText', false, 'Hi! Sorry to bother you again. ')")
    gmail.wait_settled()
    expect(live).to_have_text("Give First: 1 new finding (weak phrasing).")


def test_pause_for_this_email_from_the_chip(gmail, mock_service):
    gmail.start_typing(REPLY)
    gmail.type(DRAFT)
    gmail.wait_settled()
    gmail.chip_in(REPLY).locator(".gf-chip-main").click()
    gmail.page.get_by_role("menuitem", name="Pause for this email").click()
    next_frame(gmail.page)
    assert gmail.underlines_in(REPLY) == []
    chip = gmail.page.locator(".gf-chip[data-status=paused]")
    expect(chip).to_contain_text("paused for this email")
    count = len(mock_service.requests)
    gmail.type(" More no big deal.")
    gmail.page.wait_for_timeout(900)
    assert len(mock_service.requests) == count, "a paused email is not sent"
    chip.get_by_role("button", name="Resume").click()
    gmail.page.wait_for_function(has_underline_js("undermining"))
    gmail.wait_settled()
    assert len(gmail.underlines_in(REPLY, "undermining")) == 2


def test_ignore_is_kept_listed_in_the_options_and_cleared_there(gmail, options, browser):
    gmail.start_typing(REPLY)
    gmail.type(DRAFT)
    gmail.wait_settled()
    gmail.click_words(REPLY, "big")
    gmail.card.get_by_role("button", name="Ignore").click()
    next_frame(gmail.page)
    assert gmail.underlines_in(REPLY, "undermining") == []
    _, worker = browser
    stored = worker.evaluate("chrome.storage.local.get('ignores')")["ignores"]
    assert [(i["rule"], i["phrase"]) for i in stored] == [("undermining.no-big-deal", "no big deal")]
    assert "no big deal" not in str(worker.evaluate("chrome.storage.sync.get(null)")), "never synced"

    # Another email, another tab: still ignored.
    context, _ = browser
    other, errors = open_gmail(context)
    other.start_typing(REPLY)
    other.type("No worries, no big deal.")
    other.wait_settled()
    assert other.underlines_in(REPLY, "undermining") == []

    options.reload()
    item = options.locator("#ignores li")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("no big deal")
    expect(item).to_contain_text("undermining.no-big-deal")
    item.get_by_role("button", name="Remove").click()
    expect(item).to_have_count(0)
    other.page.wait_for_function(has_underline_js("undermining"))
    assert_underlined(other, REPLY, "no big deal", "undermining")
    assert worker.evaluate("chrome.storage.local.get('ignores')")["ignores"] == []

    other.click_words(REPLY, "big")
    other.card.get_by_role("button", name="Ignore").click()
    expect(options.locator("#ignores li")).to_have_count(1)
    options.get_by_role("button", name="Clear all").click()
    expect(options.locator("#ignores li")).to_have_count(0)
    other.page.wait_for_function(has_underline_js("undermining"))
    other.page.close()
    assert not errors
