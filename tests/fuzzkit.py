"""What the robustness tests share: arbitrary email-like text, and the checks every result must pass."""
from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

FRAGMENTS = [
    "Hi Sam,\n\n", "Hey team,\r\n\r\n", "No big deal! ", "no problem, ", "Oh, it's nothing. ", "it only took a minute",
    "Could you review the deck by Friday? ", "Can we meet weekly for 30 minutes? ",
    "If that's too much, how about 15 minutes every other week? ", "If not, no worries. ",
    "Sorry to bother you, but ", "I just wanted to ask ", "just before midnight", "Justin ", "I think maybe ",
    "Does that make sense? ", "This might be a dumb question, ", "I've attached the Q3 numbers. ",
    "Let me know if you have questions. ", "Would you like me to send the deck? ", "Thanks so much!\n",
    "> quoted line\n", ">> nested quote\n", "On Mon, Jun 2, 2025 at 4:01 PM Xavier Wu <x@example.com> wrote:\n",
    "-----Original Message-----\nFrom: a\nSent: b\n", "\n-- \nSam Lee\nHead of Ops\n",
    "<b>bold</b> ", "<div><br></div>", "</p><p>", "&nbsp;", "<a href=\"https://x.example/?a=1&b=2\">link</a>",
    "<!-- note -->", "<script>alert(1)</script>", "\r\n", "\r", "\n\n\n", "\t", "  ", "\u00a0", "\u2028", "\u2029",
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202e", "\u200f", "\u202b", "مرحبا بك", "שלום", "日本語のテキスト",
    "😀", "👩\u200d💻", "🇫🇷", "👍🏽", "e\u0301", "é", "ﬁ", "İ", "ß", "’", "“quoted”", "…", "—", "–",
    "\ud83d", "\ude00", "\udfff", "x" * 150, "!" * 130, "ab" * 120 + " ", ". " * 40, "1,234.56 ", "$12,480 ",
    "INC-48213 ", "e.g. ", "Dr. Okonkwo ", "a.m. ", "P.S. ",
]

email_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40),
              st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x2FFF), min_size=200, max_size=900)),
    max_size=25).map("".join)

FUZZ = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _units(text: str) -> bytes:
    return text.encode("utf-16-le", "surrogatepass")


def _slice(text: str, start: int, end: int, unit: str) -> str:
    if unit == "codepoint":
        return text[start:end]
    return _units(text)[2 * start: 2 * end].decode("utf-16-le", "surrogatepass")


def _length(text: str, unit: str) -> int:
    return len(text) if unit == "codepoint" else len(_units(text)) // 2


def _splits_pair(text: str, pos: int) -> bool:
    """Is UTF-16 offset `pos` between the two halves of a surrogate pair?"""
    u = _units(text)
    if pos <= 0 or 2 * pos >= len(u):
        return False
    before = int.from_bytes(u[2 * pos - 2: 2 * pos], "little")
    after = int.from_bytes(u[2 * pos: 2 * pos + 2], "little")
    return 0xD800 <= before <= 0xDBFF and 0xDC00 <= after <= 0xDFFF


def _apply(text: str, rewrite: dict, unit: str) -> str:
    if unit == "codepoint":
        return text[: rewrite["start"]] + rewrite["replacement"] + text[rewrite["end"]:]
    u = _units(text)
    return (u[: 2 * rewrite["start"]] + _units(rewrite["replacement"]) + u[2 * rewrite["end"]:]).decode(
        "utf-16-le", "surrogatepass")


def _spans(result: dict):
    for f in result["findings"]:
        yield "finding", f
        for r in f["rewrites"]:
            yield "rewrite", r
    st_ = result["structure"]
    for key in ("sentences", "asks", "offers"):
        for s in st_[key]:
            yield key, s
    if st_["door_in_the_face"]:
        yield "ditf", st_["door_in_the_face"]["ask"]
        yield "ditf", st_["door_in_the_face"]["concession"]
    for s in result["ignored"]:
        yield "ignored", s


def check_result(text: str, result: dict, unit: str) -> None:
    n = _length(text, unit)
    assert set(result) == {"findings", "structure", "metrics", "ignored"}
    for kind, span in _spans(result):
        assert isinstance(span["start"], int) and isinstance(span["end"], int), kind
        assert 0 <= span["start"] <= span["end"] <= n, (kind, span, n)
        if unit == "utf16":
            assert not _splits_pair(text, span["start"]) and not _splits_pair(text, span["end"]), (kind, span)
    for f in result["findings"]:
        assert _slice(text, f["start"], f["end"], unit) == f["text"]
        for r in f["rewrites"]:
            after = _apply(text, r, unit)
            assert after.count("  ") <= text.count("  "), (f["rule"], r)
    m = result["metrics"]
    assert m["words"] >= 0 and m["sentences"] == len(result["structure"]["sentences"]) and m["questions"] >= 0

