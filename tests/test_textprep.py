"""Quoted text and signatures are reported as ignored and never flagged."""
import pytest

from givefirst.text.prepare import prepare


def test_on_wrote_block_is_ignored(analyze):
    text = ("Glad to help!\n\nOn Mon, Jun 2, 2025 at 4:01 PM Xavier Wu <x@example.com>\nwrote:\n"
            "> Thanks! It was no big deal for you, but could you send Q2?")
    r = analyze(text)
    assert r["findings"] == [] or all(f["end"] <= text.index("On Mon") for f in r["findings"])
    assert r["ignored"][0]["kind"] == "quote" and r["ignored"][0]["start"] == text.index("On Mon")
    assert r["structure"]["asks"] == []


def test_gt_lines_are_ignored_mid_draft(analyze):
    text = "Sure, here's Q2.\n\n> No worries if not, it's nothing urgent.\n> Could you send Q2?\n\nMore below."
    r = analyze(text)
    assert [i["kind"] for i in r["ignored"]] == ["quote"]
    assert not any(f["category"] in ("undermining", "value-first") for f in r["findings"])


def test_signature_is_ignored(analyze):
    text = "Attached is the final funnel report.\n\nUma\n-- \nUma Ray\nHappy to help, no big deal is too small!"
    r = analyze(text)
    assert r["ignored"] == [{"start": text.index("-- "), "end": len(text), "kind": "signature"}]
    assert not [f for f in r["findings"] if f["category"] == "undermining"]


def test_original_message_block_is_ignored(analyze):
    text = "Here you go.\n\n-----Original Message-----\nFrom: Ann\nSorry to bother you, could you send it?"
    r = analyze(text)
    assert r["ignored"][0]["kind"] == "quote"
    assert not [f for f in r["findings"] if f["category"] == "weak-phrasing"]


def test_empty_and_blank_drafts(analyze):
    for text in ("", "   ", "\n\n\n", "-- \nsig only"):
        r = analyze(text)
        assert r["findings"] == [] and r["metrics"]["words"] == 0


def test_html_fragments_are_read_as_text(analyze):
    text = ("<div>Hi Ann,</div><div><br></div><div>No big deal! Glad the <b>export</b> helped.</div>"
            "<div>Could you send me the deck?</div>")
    r = analyze(text, offsets="codepoint")
    und = [f for f in r["findings"] if f["category"] == "undermining"]
    assert [f["text"] for f in und] == ["No big deal"]
    assert [text[a["start"]:a["end"]] for a in r["structure"]["asks"]] == ["Could you send me the deck?"]
    assert r["metrics"]["words"] == 15  # tags are not words


def test_list_markers_are_masked_in_place():
    text = "Three things:\n- send me the list\n  * upload the log\n2) sign off by Friday\n3.5 hours is fine\n-- \nAl"
    p = prepare(text)
    assert len(p.text) == len(text)
    assert p.text.splitlines()[1:5] == ["  send me the list", "    upload the log", "   sign off by Friday",
                                        "3.5 hours is fine"]  # a number, not a list marker


def test_list_items_are_asks_like_sentences(analyze):
    r = analyze("Three things for the audit:\n- send me the certification list\n- upload the incident log to the folder",
                offsets="codepoint")
    asks = [s for s in r["structure"]["sentences"] if "ask" in s["roles"]]
    assert len(asks) == 2


LOTUS_FORWARD = ("Can you look into this?\n\n---------------------- Forwarded by Sam Lee/HOU/ECT on 10/16/2000 "
                 "01:42 PM ---------------------------\n\"Ray, Ann\" <ann@example.com> on 10/12/2000 01:12:21 PM\n"
                 "To: Sam Lee/HOU/ECT@ECT\ncc:\nSubject: budget\n\nSorry to bother you, could you fund the offsite?")
LOTUS_REPLY = ("Sounds right to me.\n\n\n\n\nAnn Ray\n10/06/2000 06:59 AM\nTo: Sam Lee/HOU/ECT@ECT\ncc:\n"
               "Subject: Re: desk\n\nIt was no big deal. Could you review my deck?")
OUTLOOK_NO_SEPARATOR = ("Done.\n\nFrom: Ann Ray [mailto:ann@example.com]\nDate: Friday, May 4, 2001 9:12 AM\n"
                        "To: Sam Lee\nSubject: deck\n\nI just wanted to check: could you review it?")
APPLE = "FYI.\n\nBegin forwarded message:\n\n> From: Ann\n\nNo big deal, could you review it?"
YOU_WROTE = "Agreed.\n\nAt 09:57 AM 1/26/01 -0600, you wrote:\nSorry to bother you, but can you send it?"
HEADER_BLOCK = "Thanks.\n\nTo: Sam Lee\ncc: Ann Ray\nSubject: dinner\n\nCould you maybe book a table?"
SPANISH_CLIENT = ("¡De nada!\n\nEl lun, 10 mar 2025 a las 19:22, Andrés Pineda <ap@example.cl> escribió:\n"
                  "> Sorry to bother you, could you send the slides?")
WRITER_THEN_SPANISH = ("Hi Ana,\n\nThe venue is booked. Could you send the final headcount by Friday?\n"
                       "El lun, 10 mar 2025 a las 19:22, Ana <a@example.cl> escribió:\n> Gracias por todo!")


def test_an_attribution_line_right_after_the_writers_text_leaves_that_text_alone(analyze):
    r = analyze(WRITER_THEN_SPANISH, offsets="codepoint")
    asks = [WRITER_THEN_SPANISH[a["start"]:a["end"]] for a in r["structure"]["asks"]]
    assert asks == ["Could you send the final headcount by Friday?"]


FRENCH_CLIENT = "Voilà.\n\nLe lun. 10 mars 2025 à 09:12, Ana <ana@example.fr> a écrit :\n> No big deal, could you review it?"


@pytest.mark.parametrize("text", [LOTUS_FORWARD, LOTUS_REPLY, OUTLOOK_NO_SEPARATOR, APPLE, YOU_WROTE, HEADER_BLOCK,
                                  SPANISH_CLIENT, FRENCH_CLIENT])
def test_forwarded_and_quoted_blocks_are_ignored_and_never_flagged(analyze, text):
    own_end = len(text.split("\n\n")[0])
    r = analyze(text, offsets="codepoint")
    quote = [i for i in r["ignored"] if i["kind"] == "quote"]
    assert quote and quote[0]["end"] == len(text) and text[own_end:quote[0]["start"]].strip() == ""
    assert all(f["end"] <= own_end for f in r["findings"] if f["category"] != "readability")
    assert all(a["end"] <= own_end for a in r["structure"]["asks"])


def test_sign_off_with_name_and_phone_lines_is_a_signature(analyze):
    text = "Here is the forecast.\n\nThanks,\n\nSam Lee\nDirector, West Desk\n713-555-0100\n"
    r = analyze(text, offsets="codepoint")
    assert r["ignored"] == [{"start": text.index("Sam Lee"), "end": len(text) - 1, "kind": "signature"}]


def test_a_sign_off_word_followed_by_more_text_is_not_a_signature():
    for text in ("Thanks,\nWhat do you think about the draft I sent on Monday?\n",
                 "Thanks for the notes.\nSam\n", "Best,\nSam\n\nP.S. Could you also look at the budget tab?\n"):
        assert prepare(text).ignored == [], text


def test_hard_wrapped_lines_are_one_sentence(analyze):
    text = ("Hi Ann,\n\nThe spinning bikes are so much better than the life cycles.  Would you \n"
            "consider placing several spinning bikes out with the other equipment?\n\nSam\n")
    r = analyze(text, offsets="codepoint")
    asks = [text[a["start"]:a["end"]] for a in r["structure"]["asks"]]
    assert asks == ["Would you \nconsider placing several spinning bikes out with the other equipment?"]


def test_short_lines_and_list_items_keep_their_line_breaks():
    from givefirst.parse import draft
    text = ("Hi Ann,\nThe key points we agreed on with the bank on Friday afternoon are:\n"
            "1. the loan is prime + 1%\n2. the investors are repaid first\nThanks,\nSam\n")
    own = prepare(text).text
    assert [c for _, c in draft.chunks(own, text)] == [
        "Hi Ann,", "The key points we agreed on with the bank on Friday afternoon are:", "the loan is prime + 1%",
        "the investors are repaid first", "Thanks,"]  # "Sam" after the sign-off is the signature
