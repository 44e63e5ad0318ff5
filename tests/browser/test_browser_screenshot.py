"""A screenshot of a compose box with underlines in several colours, the chip and an open card, checked for what a
writer sees in it: the underline colours under the flagged words (and not under the others), and a card with
text on it. It is written to the test's temporary folder; `make screenshot` copies it to docs/screenshot.png
(GIVEFIRST_SCREENSHOT names the copy), so a test run never changes a tracked file."""
from __future__ import annotations

import base64
import os
import shutil
import struct
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

REPLY = "#reply-body"
RED, BLUE = (0xD9, 0x30, 0x25), (0x1A, 0x73, 0xE8)  # undermining, value-first (extension/categories.js)
ASK = "Could you review the Q3 export by Friday?"  # a favour: value-first underlines it

# Decodes the PNG in chromium (no image library needed) and, for each region [x, y, width, height] of the image,
# counts the columns holding a pixel within `tolerance` of `color`, and the region's dark (text) pixels.
_PIXELS = """async ([png, regions, color, tolerance]) => {
  const bytes = Uint8Array.from(atob(png), c => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], {type: 'image/png'}));
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(bitmap, 0, 0);
  return regions.map(([x, y, w, h]) => {
    x = Math.max(0, Math.round(x)); y = Math.max(0, Math.round(y));
    w = Math.min(bitmap.width - x, Math.round(w)); h = Math.min(bitmap.height - y, Math.round(h));
    const d = ctx.getImageData(x, y, w, h).data;
    let columns = 0, dark = 0;
    for (let i = 0; i < w; i++) {
      let hit = false;
      for (let j = 0; j < h; j++) {
        const k = (j * w + i) * 4;
        if (Math.abs(d[k] - color[0]) <= tolerance && Math.abs(d[k + 1] - color[1]) <= tolerance
            && Math.abs(d[k + 2] - color[2]) <= tolerance) hit = true;
        if (d[k] + d[k + 1] + d[k + 2] < 3 * 110) dark++;
      }
      if (hit) columns++;
    }
    return {width: w, columns, dark};
  });
}"""


def pixels(page, png: bytes, regions: list, color: tuple, tolerance: int = 40) -> list[dict]:
    return page.evaluate(_PIXELS, [base64.b64encode(png).decode(), regions, list(color), tolerance])


def below(line: dict, clip: dict) -> list[float]:
    """The image region just under a line of words: where its underline is drawn."""
    return [line["left"] - clip["x"], line["bottom"] - 3 - clip["y"], line["right"] - line["left"], 7]


def test_screenshot_shows_underlines_under_the_flagged_words_and_a_card(gmail, tmp_path):
    gmail.start_typing(REPLY)
    gmail.type(f"Hi Sam,\n\n{ASK} I just think it would help the board deck."
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
    clip = {"x": left, "y": top, "width": right - left, "height": bottom - top}
    shot = tmp_path / "screenshot.png"
    gmail.page.screenshot(path=str(shot), clip=clip)
    png = shot.read_bytes()
    width, height = struct.unpack(">II", png[16:24])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and width >= 600 and height >= 300

    [deal] = gmail.phrase_lines(REPLY, "no big deal")
    [greeting] = gmail.phrase_lines(REPLY, "Hi Sam,")
    ask_lines = gmail.phrase_lines(REPLY, ASK)
    red_under_deal, red_under_greeting = pixels(gmail.page, png, [below(deal, clip), below(greeting, clip)], RED)
    assert red_under_deal["columns"] >= 0.9 * red_under_deal["width"], (
        f"the red underline under 'no big deal' is missing from the image: {red_under_deal}")
    assert red_under_greeting["columns"] == 0, f"red under the unflagged greeting: {red_under_greeting}"
    for line, blue in zip(ask_lines, pixels(gmail.page, png, [below(line, clip) for line in ask_lines], BLUE)):
        assert blue["columns"] >= 0.9 * blue["width"], f"the blue underline under the ask is missing: {blue}"

    # The card: its red top border, and its message and buttons as dark text on white (not a blank box).
    [border, face] = pixels(gmail.page, png, [
        [card["x"] - clip["x"] + 8, card["y"] - clip["y"], card["width"] - 16, 4],
        [card["x"] - clip["x"], card["y"] - clip["y"] + 6, card["width"], card["height"] - 6]], RED)
    assert border["columns"] >= 0.9 * border["width"], f"the card's red top border is missing: {border}"
    assert face["dark"] >= 500, f"the card shows no text: {face}"

    if os.environ.get("GIVEFIRST_SCREENSHOT"):  # make screenshot: keep this checked image as the docs' picture
        shutil.copyfile(shot, Path(os.environ["GIVEFIRST_SCREENSHOT"]))
