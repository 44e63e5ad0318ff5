"""Quoted text and signatures are reported as ignored and never flagged."""
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
