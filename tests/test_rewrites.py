"""Applying any rewrite gives a well-formed email: no double spaces, case kept."""
import re

import pytest

DRAFTS = [
    "Hi Ruth,\n\nNo big deal! I'm glad the cleaned-up export saved you time.\n\nAdam",
    "Oh, it's nothing — I had the SQL lying around anyway.",
    "Sorry to bother you, but could you send the logs? I just wanted to check the totals.",
    "I think we should probably maybe look at the attribution window again. Does that make sense?",
    "This might be a dumb question, but is the retention metric using calendar months? I'm not a stats person.",
    "😅 no worries, it only took a minute! Here's the link again.",
    "Hi Jay,\n\nWould you sign off on moving the weekly report to Mondays? Looking at open rates, Monday sends get read 40% more often.",
    "Could you review one chapter of the methods doc? If you have more time, would you review all five?",
    "Could we meet weekly for 30 minutes? If not, no worries.",
]


def apply(text, rw):
    return text[: rw["start"]] + rw["replacement"] + text[rw["end"]:]


@pytest.mark.parametrize("text", DRAFTS)
def test_every_rewrite_applies_cleanly(analyze, text):
    r = analyze(text, offsets="codepoint")
    rewrites = [rw for f in r["findings"] for rw in f["rewrites"]]
    assert rewrites
    for rw in rewrites:
        out = apply(text, rw)
        assert "  " not in out.replace("\n", " \n").replace(" \n", "\n") or "  " in text, out
        assert not re.search(r" [,.!?]", out), out
        assert not re.search(r"(^|[.!?]\s+)[a-z]", out.split("\n\n")[1] if "\n\n" in out else out) or \
            re.search(r"(^|[.!?]\s+)[a-z]", text), out


def test_you_are_welcome_keeps_case_and_punctuation(analyze):
    text = "Hi Ruth,\n\nNo big deal! I'm glad the export saved you time."
    f = next(f for f in analyze(text)["findings"] if f["category"] == "undermining")
    assert apply(text, f["rewrites"][0]) == "Hi Ruth,\n\nYou're welcome! I'm glad the export saved you time."


def test_deleting_a_leading_apology_recapitalises(analyze):
    text = "Sorry to bother you, but could you send the logs?"
    f = next(f for f in analyze(text)["findings"] if f["rule"] == "weak-phrasing.apology")
    assert apply(text, f["rewrites"][0]) == "Could you send the logs?"


def test_value_first_moves_later_value_ahead(analyze):
    text = "Would you sign off on moving the report to Mondays? Monday sends get read 40% more often."
    f = next(f for f in analyze(text)["findings"] if f["category"] == "value-first")
    assert apply(text, f["rewrites"][0]) == ("Monday sends get read 40% more often. "
                                             "Would you sign off on moving the report to Mondays?")


def test_withdrawal_gets_a_computed_smaller_ask(analyze):
    text = "Could we meet weekly for 30 minutes? If not, no worries."
    f = next(f for f in analyze(text)["findings"] if f["rule"] == "door-in-the-face.withdrawal")
    assert apply(text, f["rewrites"][0]).endswith("If that's too much, how about 15 minutes every other week?")
