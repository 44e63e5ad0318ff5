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
    "The plan, I think, is solid. This is, kind of, a big change.",
]


def apply(text, rw):
    return text[: rw["start"]] + rw["replacement"] + text[rw["end"]:]


# What a reader notices in a sent email, each found anywhere in the text.
FLAWS = {
    "double space": re.compile(r"(?<=\S) {2,}(?=\S)"),
    "space before punctuation": re.compile(r"\s[,.!?;:](?!\w)"),
    "space at the end of a line": re.compile(r"\S[ \t]+$", re.M),
    "space at the start of a line": re.compile(r"^[ \t]+\S", re.M),
    "punctuation where a sentence starts": re.compile(r"(?:\A|\n)\s*[,;:.!?]"),
    "doubled punctuation": re.compile(r"[,;:][ ]*[,;:.!?]|[.!?][ ]*[,;:]|(?<!\.)\.\.(?!\.)"),
}
_SENTENCE_START = re.compile(r"(?:\A|[.!?][\"'’”)]*\s+|\n\s*\n)\s*([^\W\d_])")


def flaws(text: str) -> dict:
    found = {name: len(pattern.findall(text)) for name, pattern in FLAWS.items()}
    found["sentence starting in lower case"] = sum(m.group(1).islower() for m in _SENTENCE_START.finditer(text))
    return found


@pytest.mark.parametrize("text", DRAFTS)
def test_every_rewrite_applies_cleanly(analyze, text):
    """Each rewrite changes the text and adds none of the flaws above, wherever they would be."""
    r = analyze(text, offsets="codepoint")
    rewrites = [rw for f in r["findings"] for rw in f["rewrites"]]
    assert rewrites
    before = flaws(text)
    for rw in rewrites:
        out = apply(text, rw)
        assert out != text, rw
        added = {k: n - before[k] for k, n in flaws(out).items() if n > before[k]}
        assert not added, f"{rw['label']!r} adds {added}: {out!r}"


@pytest.mark.parametrize("text, flaw", [
    ("Hi Ann,\n\ncould you send it?", "sentence starting in lower case"),
    ("Thanks. could you send it?", "sentence starting in lower case"),
    ("Hi Ann,\n\nThanks!  Could you send it?", "double space"),
    ("Could you send it ?", "space before punctuation"),
    ("Hi Ann, \nThanks.", "space at the end of a line"),
    ("Hi Ann,\n\n, could you send it?", "punctuation where a sentence starts"),
    ("Thanks,. Could you send it?", "doubled punctuation"),
])
def test_the_flaw_check_sees_each_flaw(text, flaw):
    assert flaws(text)[flaw] == 1, flaws(text)


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


# rules/rewrite.py on its own: sentence bounds given by hand (start 0, end len(text))
from givefirst.rules import rewrite  # noqa: E402


def _apply(text, phrase, fn, *args):
    start = text.index(phrase)
    rw = fn("label", text, start, start + len(phrase), *args)
    return text[: rw.start] + rw.replacement + text[rw.end:]


@pytest.mark.parametrize("text,phrase,expected", [
    ("The new schedule starts in May, if that makes sense.", "if that makes sense", "The new schedule starts in May."),
    ("I moved our 1:1 because of the offsite — is that alright?", "is that alright?", "I moved our 1:1 because of the offsite."),
    ("I moved the demo so the team can join — hope that's okay?", "hope that's okay", "I moved the demo so the team can join."),
    ("Glad it helped; it only took a quick script.", "it only took a quick script", "Glad it helped."),
    ("You're welcome, though I didn't do much — Sam had the contacts.", "I didn't do much",
     "You're welcome — Sam had the contacts."),
    ("Wow, no big deal, happy to help.", "no big deal", "Wow, happy to help."),
    ("The report, I think, is late.", "I think", "The report is late."),
    ("Happy to, it was easy — the data was there.", "it was easy", "Happy to — the data was there."),
    ("So don't mention it, the file is attached.", "don't mention it", "The file is attached."),
])
def test_delete_takes_the_clause_and_keeps_the_sentence_well_formed(text, phrase, expected):
    assert _apply(text, phrase, rewrite.delete, 0, len(text)) == expected


@pytest.mark.parametrize("text,phrase,expected", [
    ("It took me twenty minutes, so don't feel you owe me anything.", "don't feel you owe me anything",
     "It took me twenty minutes. You're welcome."),
    ("Thanks, but honestly I didn't do much.", "I didn't do much", "You're welcome."),
    ("Oh, it was no big deal, I had the query.", "it was no big deal", "Oh, you're welcome, I had the query."),
    ("No big deal!", "No big deal", "You're welcome!"),
])
def test_replace_keeps_case_and_starts_a_sentence_after_a_connector(text, phrase, expected):
    assert _apply(text, phrase, rewrite.replace, "You're welcome", 0, len(text)) == expected


def test_rewrite_conditions():
    assert rewrite.opens_clause("Honestly, it was nothing.", 10, 0)
    assert rewrite.opens_clause("It took ages, so don't mention it.", 17, 0)
    assert not rewrite.opens_clause("Editing the trailer barely took an hour.", 20, 0)
