"""Every change of the text is analysed, not only typing; findings stay put next to an edit that leaves their words
alone; answers are cached by text + settings + context, so undo, redo and a category switched off and on again
answer at once, without a request. Against a stand-in service that counts what it is asked."""
from __future__ import annotations

import pytest

from gmail_page import assert_underlined, has_underline_js, next_frame
from mock_service import flagging

pytestmark = pytest.mark.browser

REPLY = "#reply-body"
DEAL = ("no big deal", "undermining", "undermining.no-big-deal")
SORRY = ("Sorry to bother you", "weak-phrasing", "weak-phrasing.apology")


@pytest.fixture
def gmail(mocked_gmail, mock_service):
    mock_service.answer = flagging(DEAL, SORRY)
    return mocked_gmail


def sent(mock_service, text: str) -> int:
    return sum(1 for b in mock_service.requests if b["text"] == text)


def test_text_that_arrives_without_typing_is_analysed(gmail, mock_service):
    gmail.start_typing(REPLY)
    gmail.type("Thanks Sam, ")
    gmail.wait_settled()
    # Smart Compose accepted, or a template inserted: the text changes with no input event in the body.
    gmail.page.evaluate("""() => {
      const line = document.querySelector('#reply-body').firstChild;
      line.append(document.createTextNode('oh, no big deal.'));
    }""")
    mock_service.wait_for(lambda b: b["text"] == "Thanks Sam, oh, no big deal.")
    gmail.page.wait_for_function(has_underline_js("undermining"))
    gmail.wait_settled()
    assert_underlined(gmail, REPLY, "no big deal", "undermining")


def test_a_finding_stays_while_the_sentence_is_finished(gmail, mock_service):
    gmail.start_typing(REPLY)
    gmail.type("Oh, no big deal")
    gmail.wait_settled()
    assert_underlined(gmail, REPLY, "no big deal", "undermining")
    count = len(mock_service.requests)
    gmail.type("! ")  # within the debounce: what shows is the old finding, re-pointed
    next_frame(gmail.page)
    assert_underlined(gmail, REPLY, "no big deal", "undermining")  # no flicker at the sentence end
    gmail.type("S")  # a new word next to it: still its own words
    next_frame(gmail.page)
    assert_underlined(gmail, REPLY, "no big deal", "undermining")
    assert len(mock_service.requests) == count, "checked before any new answer"


def test_undo_redo_and_settings_switched_back_answer_from_the_cache(gmail, mock_service, browser):
    first = "Oh, no big deal!"
    gmail.start_typing(REPLY)
    gmail.type(first)
    gmail.wait_settled()
    assert_underlined(gmail, REPLY, "no big deal", "undermining")
    gmail.page.evaluate("document.execCommand('insertText', false, ' Sorry to bother you.')")
    second = first + " Sorry to bother you."
    mock_service.wait_for(lambda b: b["text"] == second)
    gmail.wait_settled()
    assert_underlined(gmail, REPLY, "Sorry to bother you", "weak-phrasing")

    gmail.page.keyboard.press("Control+z")
    assert gmail.writer_text(REPLY) == first
    next_frame(gmail.page)
    assert gmail.underlines_in(REPLY, "weak-phrasing") == [] and gmail.underlines_in(REPLY, "undermining")
    gmail.page.keyboard.press("Control+Shift+z")
    assert gmail.writer_text(REPLY) == second
    next_frame(gmail.page)
    assert_underlined(gmail, REPLY, "Sorry to bother you", "weak-phrasing")  # at once, from the cache
    gmail.page.wait_for_timeout(700)
    gmail.wait_settled()
    assert (sent(mock_service, first), sent(mock_service, second)) == (1, 1), "undo and redo asked nothing"

    _, worker = browser  # the options page's checkbox, off and on: one storage change each
    worker.evaluate("chrome.storage.sync.set({disabledCategories: ['weak-phrasing']})")
    mock_service.wait_for(lambda b: b.get("disabled") == ["weak-phrasing"])
    gmail.wait_settled()
    worker.evaluate("chrome.storage.sync.set({disabledCategories: []})")
    gmail.page.wait_for_function(has_underline_js("weak-phrasing"))
    gmail.page.wait_for_timeout(300)
    assert [b.get("disabled") for b in mock_service.requests if b["text"] == second] == [None, ["weak-phrasing"]], (
        "switched back on: the first answer, from the cache")
