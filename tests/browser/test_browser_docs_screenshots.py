"""The pictures in docs/extension.md: a Gmail compose window in Gmail's light and dark themes and an Outlook reply,
each with underlines from the real service and an open card, checked for what a writer sees in them (the red
underline under "no big deal" and the card's text). Written to the test's temporary folder; `make screenshots`
sets GIVEFIRST_DOCS_SCREENSHOTS to docs/ so they are kept there (a test run never changes a tracked file)."""
from __future__ import annotations

import base64
import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser_env import GMAIL_COMPOSE_URL, OUTLOOK_URLS

pytestmark = pytest.mark.browser

RED = (0xD9, 0x30, 0x25)
DRAFT = ("Hi Sam,\n\nCould you review the Q3 export by Friday? I just think it would help the board deck."
         "\n\nAnd the dashboard fix? Oh, no big deal!")

_RED_COLUMNS = """async ([png, region, color]) => {
  const bytes = Uint8Array.from(atob(png), c => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], {type: 'image/png'}));
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(bitmap, 0, 0);
  const [x, y, w, h] = region.map(Math.round);
  const d = ctx.getImageData(x, y, w, h).data;
  let columns = 0;
  for (let i = 0; i < w; i++) for (let j = 0; j < h; j++) {
    const k = (j * w + i) * 4;
    if (Math.abs(d[k] - color[0]) <= 40 && Math.abs(d[k + 1] - color[1]) <= 40 && Math.abs(d[k + 2] - color[2]) <= 40) { columns++; break; }
  }
  return columns / w;
}"""

CASES = {
    "gmail-light": (GMAIL_COMPOSE_URL, "#compose-body", "#compose-window", ""),
    "gmail-dark": (GMAIL_COMPOSE_URL, "#compose-body", "#compose-window", "document.body.classList.add('dark')"),
    "outlook": (OUTLOOK_URLS[0], "#reply-body", "#ReadingPaneContainerId", ""),
}


@pytest.mark.parametrize("name", list(CASES))
def test_docs_screenshot(open_tab, extension, tmp_path, name):
    url, body, window, setup = CASES[name]
    page = open_tab(url)
    if setup:
        page.page.evaluate(setup)
    page.page.click(body)
    page.start_typing(body)
    page.type(DRAFT)
    page.wait_settled(timeout=30_000)
    page.click_words(body, "big")
    expect(page.card).to_be_visible()
    page.page.wait_for_timeout(200)

    frame = page.page.locator(window).bounding_box()
    card = page.card.bounding_box()
    left = max(0, min(frame["x"], card["x"]) - 12)
    top = max(0, min(frame["y"], card["y"]) - 12)
    right = min(1280, max(frame["x"] + frame["width"], card["x"] + card["width"]) + 12)
    bottom = min(800, max(frame["y"] + min(frame["height"], 460), card["y"] + card["height"]) + 12)
    clip = {"x": left, "y": top, "width": right - left, "height": bottom - top}
    shot = tmp_path / f"screenshot-{name}.png"
    page.page.screenshot(path=str(shot), clip=clip)

    [line] = page.phrase_lines(body, "no big deal")
    region = [line["left"] - left, line["bottom"] - 2 - top, line["right"] - line["left"], 6]
    covered = page.page.evaluate(_RED_COLUMNS, [base64.b64encode(shot.read_bytes()).decode(), region, list(RED)])
    assert covered >= 0.9, f"the red underline under 'no big deal' is missing from the picture ({covered:.0%})"
    expect(page.card.locator(".gf-card-message")).not_to_be_empty()

    target = os.environ.get("GIVEFIRST_DOCS_SCREENSHOTS")
    if target:
        shutil.copyfile(shot, Path(target) / shot.name)
