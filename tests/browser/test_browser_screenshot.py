"""Makes docs/screenshot.png: a compose box with underlines in several colours, the chip, and an open card."""
from __future__ import annotations

import struct

import pytest
from playwright.sync_api import expect

from browser_env import ROOT

pytestmark = pytest.mark.browser

REPLY = "#reply-body"
SCREENSHOT = ROOT / "docs" / "screenshot.png"


def test_screenshot_of_a_compose_box_with_underlines_and_a_card(gmail):
    gmail.start_typing(REPLY)
    gmail.type("Hi Sam,\n\nCould you send me the Q3 export by Friday? I just think it would help the board deck."
               "\n\nAnd the dashboard fix? Oh, no big deal!\n\nBest,\nAlex")
    gmail.wait_settled()
    assert {u["category"] for u in gmail.underlines_in(REPLY)} >= {"undermining", "value-first", "weak-phrasing"}
    gmail.click_words(REPLY, "big")
    expect(gmail.card).to_be_visible()
    expect(gmail.card.get_by_role("button", name="You're welcome")).to_be_visible()

    box = gmail.box_rect(REPLY)
    card = gmail.card.bounding_box()
    left, top = min(box["x"], card["x"]) - 16, box["y"] - 16
    right = max(box["x"] + box["width"], card["x"] + card["width"]) + 16
    bottom = max(box["y"] + box["height"], card["y"] + card["height"]) + 16
    SCREENSHOT.parent.mkdir(exist_ok=True)
    gmail.page.screenshot(path=str(SCREENSHOT), clip={"x": left, "y": top, "width": right - left,
                                                       "height": bottom - top})
    png = SCREENSHOT.read_bytes()
    width, height = struct.unpack(">II", png[16:24])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and width >= 600 and height >= 300
