"""Promises the extension makes that no other test holds, each checked as a writer or the page would notice it:

- highlighting never modifies the email's DOM (a changed DOM breaks Gmail's caret and leaks markup into sent
  mail): the compose body's full HTML is the same before and after analysis, underlines, a card opened and
  closed, and not one mutation happens in it meanwhile;
- text from the service goes into the page as text (textContent), never as HTML;
- a slow reply for old text that arrives after the reply for newer text is never painted.

The last two use a stand-in service (mock_service.py) the test controls.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from gmail_page import assert_underlined, has_underline_js, next_frame
from mock_service import finding, result

pytestmark = pytest.mark.browser

REPLY = "#reply-body"

# Records every mutation inside the compose body from now on (window.__gfMutations), and returns its outerHTML.
_WATCH_BODY = """(selector) => {
  const box = document.querySelector(selector);
  window.__gfMutations = [];
  new MutationObserver(records => { for (const r of records) window.__gfMutations.push(
      `${r.type} on ${r.target.nodeName}${r.attributeName ? ' ' + r.attributeName : ''}`
      + (r.addedNodes.length ? ` added ${[...r.addedNodes].map(n => n.nodeName)}` : '')
      + (r.removedNodes.length ? ` removed ${[...r.removedNodes].map(n => n.nodeName)}` : '')); })
    .observe(box, {subtree: true, childList: true, attributes: true, characterData: true});
  return box.outerHTML;
}"""


def outer_html(gmail, selector: str = REPLY) -> str:
    return gmail.page.locator(selector).evaluate("b => b.outerHTML")


def test_underlines_and_cards_never_change_the_email_dom(gmail):
    gmail.start_typing(REPLY)
    gmail.type("Hi Sam,\n\nOh, no ")
    gmail.page.keyboard.press("Control+b")
    gmail.type("big deal")  # the phrase crosses a <b>: the underline must still not touch the DOM
    gmail.page.keyboard.press("Control+b")
    gmail.type("! Sorry to bother you, the totals are in the sheet.")
    before = gmail.page.evaluate(_WATCH_BODY, REPLY)
    assert "<b>big deal</b>" in before

    gmail.wait_settled()  # analysed
    assert_underlined(gmail, REPLY, "no big deal", "undermining")  # underlines shown
    assert gmail.underlines_in(REPLY, "weak-phrasing")
    assert outer_html(gmail) == before

    gmail.click_words(REPLY, "big")  # a card opened by a click
    expect(gmail.card).to_be_visible()
    next_frame(gmail.page)  # the open card's words are marked (drawn over them)
    assert outer_html(gmail) == before
    gmail.page.keyboard.press("Escape")  # and closed
    expect(gmail.card).to_be_hidden()
    gmail.click_words(REPLY, "bother")  # another card, then the chip's list
    expect(gmail.card).to_be_visible()
    gmail.chip_in(REPLY).locator(".gf-chip-main").click()
    expect(gmail.page.locator(".gf-list-item").first).to_be_visible()
    gmail.page.keyboard.press("Escape")
    next_frame(gmail.page)

    assert outer_html(gmail) == before, "the compose body's HTML changed"
    assert gmail.page.evaluate("window.__gfMutations") == [], "the compose body was changed (and maybe changed back)"


HOSTILE = '<img src=x onerror="document.title=\'injected\'">No <b>big</b> deal'


def hostile_answer(body):
    text = body["text"]
    if "no big deal" not in text:
        return 200, result(text, [])
    return 200, result(text, [
        finding(text, "no big deal", "undermining", "undermining.no-big-deal", message=HOSTILE,
                explanation="<script>document.title='injected'</script><i>why</i> & <a href=x>more</a>",
                rewrites=[{"label": "<em>You're welcome</em>", "replacement": "You're welcome"}]),
        {**finding(text, "Oh", "readability", "<u>readability.length</u>", severity="info",
                   message="<svg onload=\"document.title='injected'\"></svg>Too short"), "text": "<p>Oh</p>"},
    ])


def test_service_text_is_shown_as_text_never_as_html(mocked_gmail, mock_service):
    gmail = mocked_gmail
    mock_service.answer = hostile_answer
    gmail.start_typing(REPLY)
    gmail.type("Oh, no big deal!")
    gmail.wait_settled()
    assert_underlined(gmail, REPLY, "no big deal", "undermining")

    gmail.click_words(REPLY, "big")
    card = gmail.card
    expect(card).to_be_visible()
    expect(card.locator(".gf-card-message")).to_have_text(HOSTILE)
    expect(card.locator(".gf-card-explanation")).to_have_text(
        "<script>document.title='injected'</script><i>why</i> & <a href=x>more</a>")
    expect(card.get_by_role("button", name="<em>You're welcome</em>")).to_be_visible()
    gmail.page.keyboard.press("Escape")

    gmail.chip_in(REPLY).locator(".gf-chip-main").click()
    items = gmail.page.locator(".gf-list-item")
    expect(items).to_have_count(2)
    expect(items.filter(has_text="Too short")).to_contain_text("<svg onload=\"document.title='injected'\"></svg>Too short")
    expect(items.filter(has_text=HOSTILE)).to_have_count(1)

    overlay = gmail.page.locator("#givefirst-overlay")
    for tag in ["img", "b", "i", "a", "em", "u", "p", "svg", "script"]:
        expect(overlay.locator(tag)).to_have_count(0)
    assert gmail.page.title() != "injected"


def test_a_service_error_code_is_shown_as_text(mocked_gmail, mock_service):
    gmail = mocked_gmail
    mock_service.answer = lambda body: (500, {"error": {"code": "<img src=x>", "message": "<b>boom</b>"}})
    gmail.start_typing(REPLY)
    gmail.type("Oh, no big deal!")
    gmail.wait_settled()
    chip = gmail.chip_in(REPLY)
    expect(chip).to_contain_text("service error (<img src=x>)")
    expect(gmail.page.locator("#givefirst-overlay img")).to_have_count(0)


OLD = "Oh, no big deal!"
NEW = OLD + " Sorry to bother you."


def answer_by_text(body):
    """The old text's answer marks "Oh," (door in the face); the new text's marks its own phrases. "Oh," is
    before the edit, so a stale answer, if it were painted, would be carried over to the new text and shown."""
    text = body["text"]
    if text == OLD:
        return 200, result(text, [finding(text, "Oh,", "door-in-the-face", "door-in-the-face.withdrawal")])
    if text == NEW:
        return 200, result(text, [finding(text, "no big deal", "undermining", "undermining.no-big-deal"),
                                  finding(text, "Sorry to bother you", "weak-phrasing", "weak-phrasing.apology")])
    return 200, result(text, [])


def test_a_slow_reply_for_old_text_is_never_painted(mocked_gmail, mock_service):
    gmail = mocked_gmail
    mock_service.answer = answer_by_text
    mock_service.hold(OLD)  # the reply for the old text is slow: it waits until released below
    gmail.start_typing(REPLY)
    gmail.page.keyboard.insert_text(OLD)
    mock_service.wait_for(lambda b: b["text"] == OLD)
    gmail.page.keyboard.insert_text(" Sorry to bother you.")  # the writer goes on before the reply comes
    mock_service.wait_for(lambda b: b["text"] == NEW)
    gmail.page.wait_for_function(has_underline_js("undermining"))  # the new reply is shown

    mock_service.release(OLD)  # the old reply now arrives, after the new one
    gmail.wait_settled()
    next_frame(gmail.page)
    assert {u["category"] for u in gmail.underlines_in(REPLY)} == {"undermining", "weak-phrasing"}
    assert_underlined(gmail, REPLY, "no big deal", "undermining")
    assert_underlined(gmail, REPLY, "Sorry to bother you", "weak-phrasing")
    counts = gmail.chip_in(REPLY).locator(".gf-count[data-category]")
    expect(counts).to_have_count(2)
    expect(gmail.chip_in(REPLY).locator(".gf-count[data-category=door-in-the-face]")).to_have_count(0)
