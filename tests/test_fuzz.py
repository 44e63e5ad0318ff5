"""Fuzzing: `analyze` on arbitrary input.

Property-based (hypothesis, derandomized so CI is repeatable): arbitrary
unicode mixed with email fragments, HTML, very long lines, CRLF, zero-width
and right-to-left characters, emoji sequences and lone surrogates (which
JavaScript strings can hold). For both offset units: `analyze` never
raises, every span is in bounds and matches its text, every rewrite applies
cleanly (never splits a surrogate pair, gives the same text in both units,
adds no double space), and the two units describe the same spans.
"""
from __future__ import annotations

from hypothesis import given

import givefirst
from givefirst.text.offsets import utf16_table
from fuzzkit import FUZZ, _apply, check_result, email_text


@FUZZ
@given(email_text)
def test_analyze_never_raises_and_every_span_holds(text):
    text = text[:20_000]
    by_unit = {unit: givefirst.analyze(text, offsets=unit) for unit in ("utf16", "codepoint")}
    for unit, result in by_unit.items():
        check_result(text, result, unit)
    # the two units describe the same spans, and a rewrite gives the same email in either
    table = utf16_table(text)
    cp, u16 = by_unit["codepoint"], by_unit["utf16"]
    assert [(table[f["start"]], table[f["end"]], f["rule"]) for f in cp["findings"]] == \
           [(f["start"], f["end"], f["rule"]) for f in u16["findings"]]
    for fc, fu in zip(cp["findings"], u16["findings"]):
        for rc, ru in zip(fc["rewrites"], fu["rewrites"]):
            assert _apply(text, rc, "codepoint") == _apply(text, ru, "utf16")


@FUZZ
@given(email_text)
def test_crlf_drafts_analyse_like_lf_drafts(text):
    lf = text.replace("\r", "")
    crlf = lf.replace("\n", "\r\n")
    a, b = givefirst.analyze(lf, offsets="codepoint"), givefirst.analyze(crlf, offsets="codepoint")
    check_result(crlf, b, "codepoint")
    assert [f["rule"] for f in a["findings"]] == [f["rule"] for f in b["findings"]]
    assert [f["text"].replace("\r", "") for f in a["findings"]] == [f["text"].replace("\r", "") for f in b["findings"]]
