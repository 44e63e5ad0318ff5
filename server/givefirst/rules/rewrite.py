"""Building rewrites that leave a well-formed email behind.

A rewrite replaces one range. Replacing a phrase keeps sentence case (capital
at a sentence start, lower case inside); deleting a phrase also takes the
separator next to it (", but", " —") so no double spaces or stray commas stay,
and re-capitalises the next word when the deletion was at a sentence start.
"""
from __future__ import annotations

import re

from givefirst.findings import Rewrite

_SEP_AFTER = re.compile(r"(?:\s*(?:,|;|:|—|–|-)?\s*(?:but|and|so)?\s*)?(?:,\s*)?\s*")


def at_sentence_start(text: str, pos: int, sent_start: int) -> bool:
    """True when nothing but symbols, emoji or spaces precede pos in its sentence."""
    return not any(c.isalnum() for c in text[sent_start:pos])


def cased(replacement: str, capital: bool) -> str:
    if capital:
        return replacement[:1].upper() + replacement[1:]
    if replacement[:2] in ("I ", "I'") or replacement[:1] == "[":
        return replacement
    return replacement[:1].lower() + replacement[1:]


def replace(label: str, text: str, start: int, end: int, replacement: str, sent_start: int) -> Rewrite:
    return Rewrite(label, start, end, cased(replacement, at_sentence_start(text, start, sent_start)))


def delete(label: str, text: str, start: int, end: int, sent_start: int, sent_end: int) -> Rewrite:
    """Remove text[start:end] with its separator, keeping case and spacing right."""
    if at_sentence_start(text, start, sent_start):
        tail = _SEP_AFTER.match(text, end, sent_end)
        stop = tail.end() if tail else end
        if not any(c.isalnum() for c in text[stop:sent_end]):  # the whole sentence goes
            stop = sent_end
            if stop < len(text) and text[stop] in " \t":
                while stop < len(text) and text[stop] in " \t":
                    stop += 1
                return Rewrite(label, start, stop, "")
            while start > 0 and text[start - 1] in " \t":
                start -= 1
            return Rewrite(label, start, stop, "")
        nxt = text[stop]
        return Rewrite(label, start, stop + 1, nxt.upper() if not text[stop:stop + 2] in ("I ", "I'") else nxt)
    # inside a sentence: take the space before, and a comma pair around it
    lo = start
    while lo > sent_start and text[lo - 1] in " \t":
        lo -= 1
    hi = end
    if lo > sent_start and text[lo - 1] == "," and hi < sent_end and text[hi] == ",":
        lo -= 1
        hi += 1
    elif hi < sent_end and text[hi] == "," and lo > sent_start and text[lo - 1] not in ",":
        hi += 1
    if hi < sent_end and text[hi] not in " \t.,!?;:" and lo == start:
        hi = end
        while hi < sent_end and text[hi] in " \t":
            hi += 1
    return Rewrite(label, lo, hi, "")
