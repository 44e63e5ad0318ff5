"""A 500-word draft typed paragraph by paragraph: after each pause the chip and the underlines show the service's
findings for the text as it is now (not for an earlier state of it), and every finding in view is underlined
under its own words. How fast that happens is measured by `make bench-browser`, not asserted here."""
from __future__ import annotations

import re
from collections import Counter

import pytest
import requests
from playwright.sync_api import expect

from gmail_page import wait_for_request
from long_draft import PARAGRAPHS, typed_paragraphs

pytestmark = pytest.mark.browser

REPLY = "#reply-body"
THANKS = "Thanks so much for pulling the numbers together, that saved my week!"
UNDERLINED = {"undermining", "value-first", "door-in-the-face", "weak-phrasing"}

# The numbers on the chip, by category (the coloured counts a writer reads).
_CHIP_COUNTS = """(chip) => Object.fromEntries([...chip.querySelectorAll('.gf-count[data-category]')]
  .map(c => [c.dataset.category, Number(c.textContent)]))"""


def close(a: float, b: float) -> bool:
    return abs(a - b) <= 1.5


def test_a_500_word_draft_shows_the_findings_of_its_current_text(gmail, service, analyze_requests):
    assert sum(len(p.split()) for p in PARAGRAPHS) >= 500
    gmail.start_typing(REPLY)
    for typed in typed_paragraphs():
        gmail.type(typed)
        gmail.wait_settled()
        # The request for the text on screen (innerText shows a blank line between <div>s as two newlines).
        on_screen = re.sub(r"\n+", "\n", gmail.writer_text(REPLY))
        sent = wait_for_request(gmail.page, analyze_requests,
                                lambda r: re.sub(r"\n+", "\n", r["body"]["text"]) == on_screen)["body"]
        text = sent["text"]
        assert sent["context"] == {"replying_to": THANKS}
        expected = requests.post(f"{service}/v1/analyze", json=sent, timeout=30).json()["findings"]
        chip = gmail.chip_in(REPLY)
        expect(chip).to_have_attribute("data-status", "ok")
        assert chip.evaluate(_CHIP_COUNTS) == dict(Counter(f["category"] for f in expected)), (
            f"the chip's counts are not those of the text now on screen ({len(text)} characters)")

    # Every underlined finding in view has its underline under its own words, and nothing else is underlined.
    box = gmail.box_rect(REPLY)
    lines = []  # (category, line rect, fully in view) for every underlined finding
    for f in (f for f in expected if f["category"] in UNDERLINED):
        assert text[f["start"]:f["end"]] == f["text"]  # UTF-16 offsets, but the draft is ASCII: Python's agree
        nth = text[:f["start"]].count(f["text"])
        for line in gmail.phrase_lines(REPLY, f["text"], nth):
            lines.append((f["category"], line, box["y"] <= line["top"] and line["bottom"] <= box["y"] + box["height"]))
    drawn = gmail.underlines_in(REPLY)
    in_view = [(c, line) for c, line, seen in lines if seen]
    assert len(in_view) >= 5, "the draft has several findings in view"
    for category, line in in_view:
        assert any(u["category"] == category and close(u["left"], line["left"]) and close(u["right"], line["right"])
                   and 0 <= u["top"] - line["bottom"] + 1 <= 3 for u in drawn), f"no {category} underline under {line}"
    for u in drawn:
        assert any(u["category"] == c and close(u["left"], line["left"]) and close(u["right"], line["right"])
                   for c, line, _ in lines), f"underline {u} is under no finding's words"
