"""Offsets are the contract with the browser: spans must match in both units."""
import pytest

DRAFTS = [
    "Hi Zoë 🙏,\r\n\r\nNo big deal! 👍🏽 I just wanted to say the café data is in.\r\n\r\nCan you send me the deck?\r\n\r\nJosé",
    "🇫🇷🇫🇷 Oh, it's nothing — 🙏 happy to.\n\n\tSorry to bother you, but could you approve the PO? 😅 no worries, it only took a minute!",
    "Bonjour Amélie,\r\n\r\nI think the naïve model is off. Maybe we could meet weekly for 30 minutes? If not, no worries.\r\n-- \r\nsig 🙏 no big deal",
    "👍🏽👍🏽👍🏽 Could you review the whole suite? If that's too much, how about just the top 3 dashboards? 🇫🇷",
]


def utf16_slice(text, start, end):
    return text.encode("utf-16-le")[2 * start: 2 * end].decode("utf-16-le")


def spans(result):
    for f in result["findings"]:
        yield f["start"], f["end"], f["text"]
        for r in f["rewrites"]:
            yield r["start"], r["end"], None
    for s in result["structure"]["sentences"] + result["structure"]["asks"] + result["ignored"]:
        yield s["start"], s["end"], None


@pytest.mark.parametrize("text", DRAFTS)
def test_spans_match_in_both_units(analyze, text):
    cp = analyze(text, offsets="codepoint")
    u16 = analyze(text, offsets="utf16")
    assert [f["rule"] for f in cp["findings"]] == [f["rule"] for f in u16["findings"]]
    assert any(f["category"] != "readability" for f in cp["findings"])
    cp_spans, u16_spans = list(spans(cp)), list(spans(u16))
    assert len(cp_spans) == len(u16_spans)  # the same spans in both units, none missing
    for (s1, e1, t1), (s2, e2, t2) in zip(cp_spans, u16_spans):
        assert 0 <= s1 <= e1 <= len(text) and 0 <= s2 <= e2 <= len(text.encode("utf-16-le")) // 2
        assert utf16_slice(text, s2, e2) == text[s1:e1]
        if t1 is not None:
            assert text[s1:e1] == t1 == t2


def test_emoji_shifts_utf16_offsets(analyze):
    text = "🙏 no big deal, happy to help"
    f = next(f for f in analyze(text)["findings"] if f["category"] == "undermining")
    assert (f["start"], f["end"]) == (3, 14)  # the emoji is two UTF-16 units
    f = next(f for f in analyze(text, offsets="codepoint")["findings"] if f["category"] == "undermining")
    assert (f["start"], f["end"]) == (2, 13)


def test_crlf_offsets_point_at_the_phrase(analyze):
    text = "Hi Ann,\r\n\r\nNo big deal!\r\nGlad the export helped."
    f = next(f for f in analyze(text)["findings"] if f["category"] == "undermining")
    assert text[f["start"]:f["end"]] == "No big deal"
