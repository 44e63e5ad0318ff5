"""Offset units. Python indexes code points; the browser indexes UTF-16 code units.

The analysis works in code points; `to_unit` converts every span of a result
at the end, so no detector has to care which unit the caller wants.
"""
from __future__ import annotations

import re
from itertools import accumulate

UNITS = ("utf16", "codepoint")
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def utf16_table(text: str) -> list[int]:
    """table[i] = UTF-16 offset of code point i (len(text)+1 entries)."""
    return [0, *accumulate(2 if ord(c) > 0xFFFF else 1 for c in text)]


def to_unit(result: dict, text: str, unit: str) -> dict:
    """Rewrite every start/end in an analysis result into `unit`, in place."""
    if unit == "codepoint" or text.isascii() or not _ASTRAL.search(text):
        return result  # below U+10000 every code point is one UTF-16 unit: the offsets are the same
    table = utf16_table(text)

    def fix(span):
        if span:
            span["start"], span["end"] = table[span["start"]], table[span["end"]]

    for f in result["findings"]:
        fix(f)
        for r in f["rewrites"]:
            fix(r)
    st = result["structure"]
    for key in ("sentences", "asks", "offers"):
        for s in st[key]:
            fix(s)
    if st["door_in_the_face"]:
        fix(st["door_in_the_face"]["ask"])
        fix(st["door_in_the_face"]["concession"])
    for s in result["ignored"]:
        fix(s)
    return result
