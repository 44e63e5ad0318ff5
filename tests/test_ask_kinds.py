"""Favour vs routine asks: the cue data's own examples, and what the API reports."""
from __future__ import annotations

import pytest

from givefirst.resources import load_yaml
from givefirst.roles import ask_kinds

EXAMPLES = ask_kinds.examples()


@pytest.mark.parametrize("ex", EXAMPLES, ids=[f"{e['cue']}-{e['kind']}-{i}" for i, e in enumerate(EXAMPLES)])
def test_cue_examples(ex):
    got = ask_kinds.kind_of_text(ex["text"])
    if ex["kind"] == "favour":
        assert (got.kind, got.cue) == ("favour", ex["cue"]), ex["text"]
    else:
        assert got.kind == "routine", f"{ex['text']!r} read as a favour by cue {got.cue}"


def test_every_cue_has_examples_of_both_kinds():
    by_cue = {}
    for e in EXAMPLES:
        by_cue.setdefault(e["cue"], set()).add(e["kind"])
    assert all(kinds == {"favour", "routine"} for kinds in by_cue.values()), by_cue


def test_asks_carry_their_kind_and_confidence(analyze):
    text = ("Hi Ann,\n\nCan you book the boardroom for Tuesday? Also, would you review my grant narrative "
            "before Friday?\n\nSam")
    asks = analyze(text, offsets="codepoint")["structure"]["asks"]
    assert [(text[a["start"]:a["end"]].split()[0], a["kind"]) for a in asks] == [("Can", "routine"), ("Also,", "favour")]
    assert all(0.0 < a["confidence"] <= 1.0 for a in asks)


def test_value_first_ignores_routine_asks_and_names_what_makes_a_favour(analyze):
    routine = "Hi Hal,\n\nCan you give me admin access to the Looker instance? I want to fix the broken explores."
    assert not [f for f in analyze(routine)["findings"] if f["category"] == "value-first"]
    favour = "Hi Ann,\n\nCan you book the boardroom for Tuesday? Could you review my grant narrative before Friday?"
    found = [f for f in analyze(favour, offsets="codepoint")["findings"] if f["category"] == "value-first"]
    assert len(found) == 1 and found[0]["text"] == "Could you review my grant narrative before Friday?"
    assert "review" in found[0]["message"]
    lead_in = found[0]["rewrites"][-1]
    assert lead_in["start"] == lead_in["end"] == favour.index("Could you") and "changed" in lead_in["replacement"]


@pytest.mark.parametrize("text", ask_kinds.routine_email_examples())
def test_workflow_notices_make_every_ask_routine(analyze, text):
    """In a workflow notice ("reports waiting for your approval") a review is the reader's job: the ask
    is routine and value-first stays silent; the same ask alone is a favour."""
    r = analyze(text)
    assert r["structure"]["asks"] and all(a["kind"] == "routine" for a in r["structure"]["asks"]), r["structure"]
    assert not [f for f in r["findings"] if f["category"] == "value-first"]
    assert ask_kinds.kind_of_text("Please review.").kind == "favour"


@pytest.mark.parametrize("text, kind", [
    # a retreat after the ask: the writer expects a no, so the ask is a favour
    ("Hi Chidi,\n\nWould you give me a weekly column on the business desk? If that's too much to commit to, "
     "could I pitch you one feature a month instead?\n\nAmara", "favour"),
    ("Hello Dr. Petrov,\n\nIs it possible to get weekend access to the lab for the whole team until June? "
     "If not, maybe only me and Ana on Saturday mornings?\n\nDmitri", "favour"),
    ("Hi Ahmed,\n\nWould you join the interview loop for the nurse post on the 12th? If not, no worries at all."
     "\n\nLeonie", "favour"),
    ("Hi Jo,\n\nWould your team be able to own the on-call for the new queue service for its first quarter? "
     "How about the first two weeks after launch, if a full quarter is too much?\n\nLena", "favour"),
    # a polite tag or a frequency retreat on an errand says nothing of a favour
    ("Hi Sam,\n\nCould you send me a copy of the March invoice? Only if it's not too much trouble, that's fine "
     "otherwise.\n\nMo", "routine"),
    ("Hi Sam,\n\nCan you send me the rota for next month? If monthly is too much admin, just send it week by week."
     "\n\nMo", "routine"),
    # any condition, when the fallback says in words that it is less; a bare "No?" between them
    ("Hi Dean,\n\nCould the reading room stay open until 9pm every weekday in May? If staffing won't stretch that "
     "far, two late evenings a week would already make a real difference.\n\nSU Officers", "favour"),
    ("Hi Sam,\n\nCould you send the report today? If you're busy, tomorrow would do.\n\nMo", "routine"),
    # a contingency, not a retreat: the condition is about circumstances
    ("Hi Jo,\n\nCould you call me when you land? If you're on the train, a quick text would do.\n\nMo", "routine"),
    ("Hi Jo,\n\nCould you send me the Q3 figures by Wednesday? In case the final numbers aren't ready, the draft "
     "version would be enough for the board pack.\n\nMo", "routine"),
    ("Hi Jo,\n\nCould we meet Tuesday at 2 to go over the rota? Otherwise, the first slot on Wednesday works for me."
     "\n\nMo", "routine"),
    # an equal alternative is no retreat: scheduling stays routine
    ("Hi Niamh,\n\nCan we meet on Tuesday at 11 for the handover? If not, could we do Wednesday at 11?\n\nPádraig",
     "routine"),
    ("Hi Sam,\n\nCould you send the signed lease by Friday? Otherwise call me and we'll sort it out.\n\nMo", "routine"),
    # conditions about something else, equal alternatives and reassurance are no retreat
    ("Hi Sam,\n\nCould you send me the site photos? If the file is too big, could you share a Drive link instead?\n\nMo",
     "routine"),
    ("Hi Sam,\n\nCan you book the large meeting room for Tuesday? If that's not doable, could you book the small one?"
     "\n\nMo", "routine"),
    ("Hi Sam,\n\nCould you send me the Q3 invoice? No worries if it's not ready yet.\n\nMo", "routine"),
    ("Hi Sam,\n\nCould you send me the Q3 invoice? Only if it's ready, of course.\n\nMo", "routine"),
    ("Hi Sam,\n\nPlease send me the Q3 invoice. Don't worry about the format, a PDF is fine.\n\nMo", "routine"),
    ("Hi Sam,\n\nCan we meet on Tuesday at 11 for the handover? If not, could we just do Wednesday at 11?\n\nMo",
     "routine"),
    ("Hi Sam,\n\nCould you send me the site photos? Or a Drive link, if that's easier?\n\nMo", "routine"),
])
def test_a_retreat_after_an_ask_marks_it_a_favour(analyze, text, kind):
    first = analyze(text, offsets="codepoint")["structure"]["asks"][0]
    assert first["kind"] == kind, text[first["start"]:first["end"]]


def _beyond_role_examples():
    data = load_yaml("patterns/ask_kinds.yaml")["beyond_role"]["examples"]
    return [(pair, kind) for kind, pairs in data.items() for pair in pairs]


@pytest.mark.parametrize("pair, kind", _beyond_role_examples())
def test_an_ask_said_to_be_beyond_the_readers_role_is_a_favour(analyze, pair, kind):
    text = "Hi Kai,\n\n" + " ".join(pair) + "\n\nSam"
    asks = analyze(text, offsets="codepoint")["structure"]["asks"]
    assert [a["kind"] for a in asks] == [kind], [text[a["start"]:a["end"]] for a in asks]
