"""What real work email needs from the detectors (LABELING.md, "Real mail"): equal alternatives and
contingency instructions are no door-in-the-face; headlines and rules ask nothing; wrapped
newsletter lines are one sentence."""
from __future__ import annotations

import pytest

NOT_DITF = [
    "Hi Ann,\n\nI need you to figure these out today. Otherwise try and work with Gary on pressing issues.\n\nSam",
    "Please refer calls from the press to the PR group. And otherwise, please treat this information as confidential.",
    "Can you call me at work this afternoon? Otherwise any afternoon next week would be fine.",
    "Could you check whether the wire went out? If not, call me and I will find out why not.",
    "Could you come in on Friday to fix the boiler? If not, could you call me by phone tomorrow?",
]


@pytest.mark.parametrize("text", NOT_DITF)
def test_equal_alternatives_and_contingencies_are_no_door_in_the_face(analyze, text):
    r = analyze(text)
    assert r["structure"]["door_in_the_face"] is None
    assert not [f for f in r["findings"] if f["category"] == "door-in-the-face"]


def test_a_smaller_fallback_in_words_is_still_noted(analyze):
    text = "Could you review the whole methods doc this week? If that's too much, just the first section would help."
    r = analyze(text, offsets="codepoint")
    assert r["structure"]["door_in_the_face"] is not None
    assert [f["rule"] for f in r["findings"] if f["category"] == "door-in-the-face"] == ["door-in-the-face.noted"]


def test_headlines_and_rules_ask_nothing(analyze):
    text = ("_____________________NEWS ANALYSIS_____________________\n\nWHAT'S THE FUTURE OF LINUX?\n\n"
            "SHOWDOWN: SUN, MS SQUARE OFF OVER WEB SERVICES\n")
    assert analyze(text)["structure"]["asks"] == []


def test_narrow_wrapped_newsletter_lines_are_one_sentence(analyze):
    text = ("    Next week brings us a pair of dueling conferences,\n         as Microsoft and Sun try to woo "
            "folks into following\n         their visions for Web services.\n")
    sents = analyze(text, offsets="codepoint")["structure"]["sentences"]
    assert len(sents) == 1 and text[sents[0]["start"]:sents[0]["end"]].endswith("Web services.")


def test_several_hedges_in_one_sentence_are_one_finding_removed_together(analyze):
    text = "Perhaps we should probably move the review to Friday."
    hedges = [f for f in analyze(text, offsets="codepoint")["findings"] if f["rule"] == "weak-phrasing.hedge"]
    assert len(hedges) == 1 and hedges[0]["text"] == "Perhaps we should probably"
    r = hedges[0]["rewrites"][0]
    assert text[: r["start"]] + r["replacement"] + text[r["end"]:] == "We should move the review to Friday."


@pytest.mark.parametrize("text", [
    "They probably planned for the students to park in the garages but instead they are used as extra rooms.",
    "This Saturday afternoon will probably be the most convenient time.",
    "I think Steven is the person to talk to about the RC code.",
    "It appears the hydro data has not been updated since July.",
])
def test_uncertainty_about_facts_and_plans_is_not_weak(analyze, text):
    assert not [f for f in analyze(text)["findings"] if f["category"] == "weak-phrasing"]


def test_questions_in_mailing_list_mail_are_teasers(analyze):
    text = ("Think you know TV? Laid off? Check out over 90,000 tech job listings.\n\n"
            "To unsubscribe from this newsletter, click here.")
    asks = analyze(text, offsets="codepoint")["structure"]["asks"]
    assert [text[a["start"]:a["end"]] for a in asks] == ["Check out over 90,000 tech job listings."]
