"""On Gmail's real compose structure (fixtures/gmail_compose.html: a compose window with its tables, the body in
its own scrolling container, a thread view that scrolls by itself), against a stand-in service:

- underlines are painted with the text (CSS highlights): a Gmail menu opened over flagged words covers them, as
  it covers the words (checked in the pixels of a screenshot);
- the card is in the top layer, next to its words; the keyboard moves into it without scrolling anything, and
  Escape closes it and puts the caret back;
- chips (contenteditable=false) are left out of the text, an <img> reads as a space, the trimmed quote expanded
  is not the writer's text, and a popped-out reply takes its context from the thread;
- the chip and card follow scrolling containers and a compose window that moves; a finding picked from the list
  scrolls only the compose body's own container; a hidden compose window shows no chip;
- dark mode follows the compose window's background.
"""
from __future__ import annotations

import base64

import pytest
from playwright.sync_api import expect

from browser_env import GMAIL_COMPOSE_URL
from gmail_page import assert_underlined, next_frame
from mock_service import flagging

pytestmark = pytest.mark.browser

BODY = "#compose-body"
POPOUT = "#popout-body"
THANKS = "Thanks so much for pulling the numbers together, that saved my week!"
RED = (0xD9, 0x30, 0x25)
DEAL = ("no big deal", "undermining", "undermining.no-big-deal", [{"label": "You're welcome", "replacement": "You're welcome"}])
JUST = ("just", "weak-phrasing", "weak-phrasing.just")
SHADOW = "document.querySelector('#givefirst-overlay').shadowRoot"

# Counts the pixels within tolerance of color in a PNG (decoded by chromium itself).
_COUNT = """async ([png, color, tolerance]) => {
  const bytes = Uint8Array.from(atob(png), c => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], {type: 'image/png'}));
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(bitmap, 0, 0);
  const d = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
  let n = 0;
  for (let k = 0; k < d.length; k += 4)
    if (Math.abs(d[k] - color[0]) <= tolerance && Math.abs(d[k + 1] - color[1]) <= tolerance
        && Math.abs(d[k + 2] - color[2]) <= tolerance) n++;
  return n;
}"""


def red_pixels(page, clip) -> int:
    png = page.screenshot(clip=clip)
    return page.evaluate(_COUNT, [base64.b64encode(png).decode(), list(RED), 40])


@pytest.fixture
def compose(open_tab, mock_service):
    mock_service.answer = flagging(DEAL, JUST)
    return open_tab(GMAIL_COMPOSE_URL)


def type_in(page, selector: str, text: str) -> None:
    page.page.click(selector)
    page.start_typing(selector)
    page.type(text)


def test_a_gmail_menu_over_flagged_words_covers_their_underline(compose):
    type_in(compose, BODY, "Hi Sam,\n\nOh, no big deal! The export is attached.")
    compose.wait_settled()
    assert_underlined(compose, BODY, "no big deal", "undermining")
    assert compose.page.evaluate("() => CSS.highlights.has('gf-u-undermining')"), "painted as a CSS highlight"
    assert "::highlight(gf-u-undermining)" in compose.page.locator("#givefirst-highlight-style").text_content()
    assert compose.page.evaluate(f"() => {SHADOW}.querySelectorAll('.gf-line').length") == 0, "no overlay lines"

    [line] = compose.phrase_lines(BODY, "no big deal")
    region = {"x": line["left"] - 4, "y": line["top"] - 4, "width": line["right"] - line["left"] + 8,
              "height": line["bottom"] - line["top"] + 10}
    assert red_pixels(compose.page, region) > 40, "the underline is in the picture before the menu opens"

    menu = compose.page.evaluate("r => openGmailMenu(r)", {"left": line["left"] - 20, "top": line["top"] - 30})
    assert menu["top"] < line["top"] and menu["bottom"] > line["bottom"] + 4, "the menu covers the words"
    next_frame(compose.page)
    clip = {"x": menu["left"], "y": menu["top"], "width": menu["width"], "height": menu["height"]}
    assert red_pixels(compose.page, clip) == 0, "an underline is drawn over Gmail's menu"


def test_the_card_is_in_the_top_layer_takes_focus_without_scrolling_and_escape_restores_the_caret(compose):
    type_in(compose, BODY, "Hi Sam,\n\nOh, no big deal! The export is attached.")
    compose.wait_settled()
    compose.page.keyboard.press("ArrowLeft")  # the caret somewhere of the writer's choosing
    before = compose.text_before_caret(BODY)
    scrolls = "() => [scrollX, scrollY, document.querySelector('.Tm').scrollTop, document.querySelector('#compose-window .qz').scrollTop]"
    scrolled = compose.page.evaluate(scrolls)

    compose.page.keyboard.press("Alt+Shift+J")
    expect(compose.card).to_be_visible()
    assert compose.card.evaluate("c => c.matches(':popover-open')"), "the card is a popover in the top layer"
    assert compose.page.evaluate(f"() => {SHADOW}.activeElement?.closest('.gf-card') !== null"), "focus is in the card"
    assert compose.page.evaluate(scrolls) == scrolled, "moving the focus scrolled something"
    [line] = compose.phrase_lines(BODY, "no big deal")
    card = compose.card.bounding_box()
    assert abs(card["x"] - line["left"]) <= 2 or card["x"] + card["width"] <= 1280, card
    assert 0 <= card["y"] - line["bottom"] <= 12 or 0 <= line["top"] - (card["y"] + card["height"]) <= 12, (
        f"the card {card} is not next to its words {line}")

    compose.page.keyboard.press("Escape")
    expect(compose.card).to_be_hidden()
    assert compose.page.evaluate("() => document.activeElement.id") == "compose-body"
    assert compose.text_before_caret(BODY) == before, "the caret is back where it was"
    compose.page.wait_for_timeout(300)
    expect(compose.card).to_be_hidden()  # and the card does not reopen by itself


def test_chips_images_and_the_expanded_quote_are_not_the_writers_text(compose, mock_service):
    type_in(compose, BODY, "Please see")
    # Gmail inserts a Drive chip (contenteditable=false) and an inline image where the caret is.
    compose.page.evaluate("""() => {
      const chip = document.createElement('a');
      chip.className = 'chip'; chip.contentEditable = 'false'; chip.href = '#';
      chip.textContent = 'no big deal.xlsx';
      document.execCommand('insertHTML', false, ' ' + chip.outerHTML + ' and<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="12" height="12">below');
    }""")
    compose.type(" just now.")
    compose.wait_settled()
    sent = mock_service.requests[-1]["text"]
    assert "no big deal" not in sent, f"the chip's text was sent: {sent!r}"
    assert "and below" in sent and "andbelow" not in sent, f"the image did not read as a space: {sent!r}"
    assert compose.underlines_in(BODY, "undermining") == []
    assert_underlined(compose, BODY, "just", "weak-phrasing")


def test_a_popped_out_reply_with_its_quote_trimmed_answers_the_thread(compose, mock_service):
    type_in(compose, POPOUT, "Oh, no big deal!")
    compose.wait_settled()
    sent = mock_service.wait_for(lambda b: b["text"] == "Oh, no big deal!")
    assert sent["context"] == {"replying_to": THANKS}
    assert_underlined(compose, POPOUT, "no big deal", "undermining")

    count = len(mock_service.requests)
    # "..." pressed: Gmail puts the trimmed quote (here a forward, in all its wrappers) into the body.
    compose.page.evaluate("""() => {
      document.querySelector('#popout-body').insertAdjacentHTML('beforeend',
        '<div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">---------- Forwarded message ---------<br>From: Sam</div>'
        + '<blockquote class="gmail_quote">Just a note, no big deal.</blockquote></div>');
    }""")
    compose.page.wait_for_timeout(800)
    compose.wait_settled()
    assert len(mock_service.requests) == count, "the writer's text did not change: nothing is sent"
    assert len(compose.underlines_in(POPOUT)) == 1


def test_chip_and_card_follow_scrolling_containers_and_a_moving_window(compose):
    type_in(compose, BODY, "Oh, no big deal!\n" + "".join(f"Line {i} of the notes.\n" for i in range(14)))
    compose.wait_settled()
    container = compose.page.locator("#compose-window .qz")
    assert container.evaluate("c => c.scrollTop") > 0, "the compose body's own container scrolled as we typed"
    assert compose.underlines_in(BODY, "undermining") == [], "scrolled out of view"
    compose.page.locator(".Tm").evaluate("t => t.scrollTop = 200")

    chip = compose.chip_in("#compose-window .qz")
    chip.locator(".gf-chip-main").click()
    compose.page.locator(".gf-list-item").filter(has_text="no big deal").click()
    expect(compose.card).to_be_visible()
    assert container.evaluate("c => c.scrollTop") < 40, "the compose body's container scrolled to the words"
    assert compose.page.locator(".Tm").evaluate("t => t.scrollTop") == 200, "the thread view behind did not move"
    assert compose.page.evaluate("() => scrollY") == 0
    next_frame(compose.page)
    assert_underlined(compose, BODY, "no big deal", "undermining")

    # The card follows its words when their container scrolls: at once, by the scroll listener on that ancestor
    # (the slow poll, every 400 ms, would be too late).
    top = compose.card.bounding_box()["y"]
    container.evaluate("c => c.scrollTop += 10")
    compose.page.wait_for_function(f"() => Math.abs({SHADOW}.querySelector('.gf-card').getBoundingClientRect().top - {top - 10}) < 2",
                                   timeout=250)

    # The compose window moves without any event (an animation): the chip follows within the slow poll.
    compose.page.keyboard.press("Escape")
    x = compose.page.locator(".gf-chip:visible").bounding_box()["x"]
    compose.page.evaluate("document.querySelector('#compose-window').style.right = '100px'")
    compose.page.wait_for_function(f"() => Math.abs({SHADOW}.querySelector('.gf-chip:not([hidden])').getBoundingClientRect().left - {x - 84}) < 2",
                                   timeout=3000)

    # Hidden (visibility, not display): checkVisibility says so, and the chip goes.
    compose.page.evaluate("document.querySelector('#compose-window').style.visibility = 'hidden'")
    compose.page.wait_for_function(f"() => !{SHADOW}.querySelector('.gf-chip:not([hidden])')", timeout=3000)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_dark_mode_follows_the_compose_window(compose, theme):
    if theme == "dark":
        compose.page.evaluate("document.body.classList.add('dark')")
    type_in(compose, BODY, "Oh, no big deal!")
    compose.wait_settled()
    compose.click_words(BODY, "big")
    expect(compose.card).to_be_visible()
    background = compose.card.evaluate("c => getComputedStyle(c).backgroundColor")
    chip = compose.chip_in("#compose-window .qz").evaluate("c => getComputedStyle(c).backgroundColor")
    if theme == "dark":
        assert background == "rgb(45, 46, 48)" and chip.startswith("rgba(45, 46, 48"), (background, chip)
    else:
        assert background == "rgb(255, 255, 255)" and chip.startswith("rgba(255, 255, 255"), (background, chip)
