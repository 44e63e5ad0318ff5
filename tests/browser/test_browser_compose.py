"""End to end in chromium: the extension on a Gmail-like page, talking to the real service.

Each test types as a writer would and checks what the writer would see: underlines exactly under the flagged
words (compared with the words' own rects), the card, the rewrite in the text with the caret after it, undo.
"""
from __future__ import annotations

import pytest
import requests
from playwright.sync_api import expect

from gmail_page import assert_underlined, next_frame, request_for, wait_for_request

pytestmark = pytest.mark.browser

REPLY = "#reply-body"
ASK = "Could you review the Q3 numbers by Friday?"  # a favour: value-first underlines it
THANKS = "Thanks so much for pulling the numbers together, that saved my week!"


def write_draft(gmail, variant: str) -> None:
    """A reply with "Oh, no big deal!" and an ask-first paragraph; the phrase plain, in <b>, or after an emoji."""
    gmail.start_typing(REPLY)
    if variant == "bold":
        gmail.type("Hi Sam,\n\nOh, no ")
        gmail.page.keyboard.press("Control+b")
        gmail.type("big deal")
        gmail.page.keyboard.press("Control+b")
        gmail.type(f"!\n\n{ASK}")
    elif variant == "emoji":
        gmail.type(f"Hi Sam \U0001F60A,\n\n\U0001F389\U0001F44D\U0001F3FD Oh, no big deal!\n\n{ASK}")
    else:
        gmail.type(f"Hi Sam,\n\nOh, no big deal!\n\n{ASK}")


def service_rewrite(service: str, text: str, label: str) -> dict:
    """The service's own rewrite for text (code-point offsets, for Python slicing)."""
    reply = requests.post(f"{service}/v1/analyze", timeout=10, json={
        "text": text, "context": {"replying_to": THANKS}, "offsets": "codepoint"}).json()
    finding = next(f for f in reply["findings"] if f["category"] == "undermining")
    return {"message": finding["message"], **next(r for r in finding["rewrites"] if r["label"] == label)}


@pytest.mark.parametrize("variant", ["plain", "bold", "emoji"])
def test_card_rewrite_replaces_the_words_and_undo_restores_them(gmail, service, variant):
    write_draft(gmail, variant)
    gmail.wait_settled()
    if variant == "bold":
        expect(gmail.page.locator(f"{REPLY} b")).to_have_text("big deal")
    original = gmail.writer_text(REPLY)
    assert_underlined(gmail, REPLY, "no big deal", "undermining")
    assert_underlined(gmail, REPLY, ASK, "value-first")
    assert len(gmail.underlines_in(REPLY)) == 2, "nothing else is underlined (not the signature's 'no big deal')"

    rewrite = service_rewrite(service, original, "You're welcome")
    gmail.click_words(REPLY, "big")
    expect(gmail.card).to_be_visible()
    expect(gmail.card).to_contain_text(rewrite["message"])
    expect(gmail.card.get_by_role("button", name="Ignore")).to_be_visible()
    expect(gmail.card.get_by_role("button", name="Turn off this rule")).to_be_visible()
    gmail.card.get_by_role("button", name="You're welcome").click()

    changed = original[:rewrite["start"]] + rewrite["replacement"] + original[rewrite["end"]:]
    assert gmail.writer_text(REPLY) == changed
    assert gmail.text_before_caret(REPLY) == (original[:rewrite["start"]] + rewrite["replacement"]).replace("\n", "")
    expect(gmail.card).to_be_hidden()
    next_frame(gmail.page)
    assert gmail.underlines_in(REPLY, "undermining") == []
    gmail.wait_settled()
    assert gmail.underlines_in(REPLY, "undermining") == [], "the rewrite itself is not flagged"

    gmail.page.keyboard.press("Control+z")
    assert gmail.writer_text(REPLY) == original
    gmail.wait_settled()
    assert_underlined(gmail, REPLY, "no big deal", "undermining")


def test_quoted_no_big_deal_is_never_underlined(gmail, analyze_requests):
    gmail.start_typing("#popout-body")
    gmail.type("Sounds good, see you Thursday.")
    gmail.wait_settled()
    expect(gmail.chip_in("#popout-body")).to_contain_text("5 words")
    assert gmail.underlines_in("#popout-body") == []
    sent = request_for(gmail.page, analyze_requests, "Sounds good, see you Thursday.")["body"]
    assert sent["context"]["replying_to"].startswith("Oh, no big deal! Happy to help")
    assert all("no big deal" not in r["body"]["text"].lower() for r in analyze_requests), "the quote is not sent"


def test_a_draft_nobody_typed_in_is_never_sent(gmail, analyze_requests):
    gmail.start_typing(REPLY)
    gmail.type("Hi Sam, the deck is attached.")
    request_for(gmail.page, analyze_requests, "Hi Sam, the deck is attached.")  # the typed reply was analysed
    gmail.wait_settled()
    assert all("it was nothing" not in r["body"]["text"] for r in analyze_requests)
    assert gmail.underlines_in("#stale-body") == []
    assert gmail.chip_in("#stale-body") is None


def test_a_compose_window_opened_later_is_found_and_gets_no_thread_context(gmail, analyze_requests):
    gmail.start_typing(REPLY)
    gmail.type("Oh, no big deal!")
    layers = "() => document.querySelector('#givefirst-overlay').shadowRoot.querySelectorAll('.gf-layer').length"
    before = gmail.page.evaluate(layers)
    gmail.page.click("#compose")
    gmail.page.wait_for_function(f"() => ({layers})() === {before + 1}")
    gmail.page.click("#new-body")
    gmail.type("No big deal, Sam!")
    gmail.wait_settled()
    assert_underlined(gmail, "#new-body", "No big deal", "undermining")
    assert_underlined(gmail, REPLY, "no big deal", "undermining")  # both windows at once
    new = request_for(gmail.page, analyze_requests, "No big deal, Sam!")["body"]
    assert "context" not in new, "a new message answers nothing in the thread behind it"
    reply = request_for(gmail.page, analyze_requests, "Oh, no big deal!")["body"]
    assert reply["context"] == {"replying_to": THANKS}, "the reply answers the last message"


def test_underlines_follow_typing_scrolling_and_resizing(gmail):
    gmail.start_typing(REPLY)
    gmail.type("Oh, no big deal!\n" + "".join(f"Line {i} of the notes.\n" for i in range(14)))
    gmail.wait_settled()
    box = gmail.page.locator(REPLY)
    box.evaluate("b => b.scrollTop = 0")
    next_frame(gmail.page)
    assert_underlined(gmail, REPLY, "no big deal", "undermining")

    # Typing before the words moves the underline with them at once, before the service answers again.
    gmail.start_typing(REPLY)
    gmail.type("Hi Sam \U0001F44B,\n")
    next_frame(gmail.page)
    assert box.evaluate("_ => document.querySelector('#givefirst-overlay').shadowRoot"
                        ".querySelector('.gf-layer[data-pending=true]') !== null"), "checked before re-analysis"
    assert_underlined(gmail, REPLY, "no big deal", "undermining")
    gmail.wait_settled()
    assert_underlined(gmail, REPLY, "no big deal", "undermining")

    # The underline scrolls with the compose body; scrolled out of its view, it goes; scrolled back, it returns.
    box.evaluate("b => b.scrollTop = 12")
    next_frame(gmail.page)
    assert_underlined(gmail, REPLY, "no big deal", "undermining")
    box.evaluate("b => b.scrollTop = b.scrollHeight")
    next_frame(gmail.page)
    assert gmail.underlines(category="undermining") == []
    box.evaluate("b => b.scrollTop = 0")
    next_frame(gmail.page)
    assert_underlined(gmail, REPLY, "no big deal", "undermining")

    # A narrower compose window re-wraps the text; the underline follows.
    gmail.page.evaluate("document.querySelector('[role=main]').style.width = '420px'")
    next_frame(gmail.page)
    assert_underlined(gmail, REPLY, "no big deal", "undermining")


def test_keyboard_only_caret_into_the_words_opens_the_card(gmail):
    gmail.start_typing(REPLY)
    gmail.type("Oh, no big deal!")
    gmail.wait_settled()
    expect(gmail.card).to_be_hidden()
    gmail.page.keyboard.press("Home")
    for _ in range(6):
        gmail.page.keyboard.press("ArrowRight")
    expect(gmail.card).to_be_visible()
    gmail.page.keyboard.press("Escape")
    expect(gmail.card).to_be_hidden()
    gmail.page.keyboard.press("ArrowRight")
    expect(gmail.card).to_be_visible()
    gmail.page.keyboard.press("Alt+Shift+J")  # the next-finding shortcut: focus into the open card
    gmail.page.keyboard.press("Enter")
    expect(gmail.card).to_be_hidden()
    assert gmail.writer_text(REPLY) == "Oh, you're welcome!"


def test_ignore_and_turn_off_this_rule(gmail, analyze_requests, browser):
    gmail.start_typing(REPLY)
    gmail.type("Oh, no big deal!\n\nSorry to bother you, but the totals are in the sheet.")
    gmail.wait_settled()
    assert gmail.underlines_in(REPLY, "undermining") and gmail.underlines_in(REPLY, "weak-phrasing")

    gmail.click_words(REPLY, "big")
    gmail.card.get_by_role("button", name="Ignore").click()
    next_frame(gmail.page)
    assert gmail.underlines_in(REPLY, "undermining") == []
    gmail.type(" Thanks again.")  # a re-analysis finds it again; it stays ignored in this draft
    gmail.wait_settled()
    assert gmail.underlines_in(REPLY, "undermining") == []
    assert gmail.underlines_in(REPLY, "weak-phrasing")

    gmail.click_words(REPLY, "bother")
    gmail.card.get_by_role("button", name="Turn off this rule").click()
    next_frame(gmail.page)
    assert gmail.underlines_in(REPLY, "weak-phrasing") == []
    wait_for_request(gmail.page, analyze_requests, lambda r: "weak-phrasing.apology" in r["body"].get("disabled", []))
    gmail.wait_settled()
    assert gmail.underlines_in(REPLY, "weak-phrasing") == []
    context, worker = browser
    assert worker.evaluate("chrome.storage.sync.get('disabledRules')")["disabledRules"] == ["weak-phrasing.apology"]


def test_a_delete_rewrite_and_an_insert_rewrite(gmail, service):
    gmail.start_typing(REPLY)
    gmail.type(f"Hi Sam,\n\n{ASK} I just think it helps the deck.")
    gmail.wait_settled()
    for word, label in [("just", 'Remove "just"'), ("Q3 numbers", "Add a lead-in")]:
        before = gmail.writer_text(REPLY)
        reply = requests.post(f"{service}/v1/analyze", timeout=10, json={
            "text": before, "context": {"replying_to": THANKS}, "offsets": "codepoint"}).json()
        rewrite = next(r for f in reply["findings"] for r in f["rewrites"] if r["label"] == label)
        gmail.click_words(REPLY, word)
        gmail.card.get_by_role("button", name=label).click()
        assert gmail.writer_text(REPLY) == before[:rewrite["start"]] + rewrite["replacement"] + before[rewrite["end"]:]
        assert gmail.text_before_caret(REPLY) == (before[:rewrite["start"]] + rewrite["replacement"]).replace("\n", "")
        gmail.wait_settled()


def test_the_chip_lists_findings_and_opens_a_card_scrolled_into_view(gmail):
    gmail.start_typing(REPLY)
    gmail.type("Oh, no big deal!\n" + "".join(f"Line {i} of the notes.\n" for i in range(14)))
    gmail.wait_settled()
    assert gmail.underlines(category="undermining") == [], "the caret's at the bottom: the words scrolled away"
    chip = gmail.chip_in(REPLY)
    expect(chip).to_contain_text("words")
    chip.locator(".gf-chip-main").click()
    items = gmail.page.locator(".gf-list-item")
    expect(items.first).to_be_visible()
    items.filter(has_text="no big deal").click()
    expect(gmail.card).to_be_visible()
    expect(gmail.card.get_by_role("button", name="You're welcome")).to_be_visible()
    next_frame(gmail.page)
    assert_underlined(gmail, REPLY, "no big deal", "undermining")
    expect(items).to_have_count(0)
