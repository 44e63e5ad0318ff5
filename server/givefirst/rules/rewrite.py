"""Building rewrites that leave a well-formed email behind.

A rewrite replaces one range. Replacing a phrase keeps sentence case (capital
at a sentence start, lower case inside); deleting a phrase also takes the
separator next to it (", but", " —") so no double spaces or stray commas stay,
and re-capitalises the next word when the deletion was at a sentence start.
A phrase that ends its sentence goes with the separator and connector before it
("starts in May[, if that makes sense]."); a replacement for a clause after a
connector starts a sentence of its own ("twenty minutes[, so don't feel you owe
me anything]" -> "twenty minutes. You're welcome").

for_rule() builds a phrase rule's rewrites from its `rewrites` data: each is
`{label, replacement}` or `{label, delete: true}`, with an optional `when` (one
condition or a list, all must hold):
  clause     the phrase opens its clause ("Honestly, [it was nothing]")
  predicate  the phrase follows its own subject ("Editing the trailer [barely took an hour]")
  accepted   the phrase is a clause of its own and its sentence already accepts the
             thanks elsewhere ("[No problem], happy to help"; lexicon acceptances)
"""
from __future__ import annotations

import re

from givefirst.findings import Rewrite
from givefirst.rules import lexicons
from givefirst.rules.guards import only_lead_words

CONDITIONS = ("clause", "predicate", "accepted")
_ACCEPTED = lexicons.compile(r"\b{{acceptances}}\b")
_CONNECTIVE = r"\b(?:so|and|but|though|although)(?:\s+(?:honestly|really|frankly|seriously|tbh))*"
# ", so " / " but honestly " right before the phrase
_CONNECTOR_BEFORE = re.compile(r"(?:\s*[,;:—–-])?\s*" + _CONNECTIVE + r"\s+$", re.I)
# what may go with a sentence-final phrase: the separator and connector before it
_TRAIL_BEFORE = re.compile(r"(?:\s*[,;:—–-])?(?:\s*" + _CONNECTIVE + r")?\s*$", re.I)
_CLAUSE_START = re.compile(r"^\s*(?:(?:so|and|but|though|although|honestly|really|frankly|seriously|tbh)\b\W*)*", re.I)
# matched at the phrase's end (no ^: match(text, pos) anchors there)
_ENDS_SENTENCE = re.compile(r"[\s.!?…\"'”’)]*$")
_BREAK_AFTER = re.compile(r"\s*(?:[,;:—–]|-\s)")

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


def opens_clause(text: str, start: int, sent_start: int) -> bool:
    """Only lead words or a connector stand between the clause's start (the sentence's
    start or the last , ; : or dash) and the phrase."""
    before = re.split(r"[,;:—–]|\s-\s", text[sent_start:start])[-1]
    return only_lead_words(before[_CLAUSE_START.match(before).end():])


def replace(label: str, text: str, start: int, end: int, replacement: str, sent_start: int,
            sent_end: int | None = None) -> Rewrite:
    """Replace text[start:end], keeping sentence case. Given the sentence's end: a clause that
    a connector joins ("..., so [phrase].") becomes a sentence of its own."""
    if sent_end is not None and (_ENDS_SENTENCE.match(text, end, sent_end) or _BREAK_AFTER.match(text, end, sent_end)):
        m = _CONNECTOR_BEFORE.search(text, sent_start, start)
        if m:
            if only_lead_words(text[sent_start:m.start()]):  # "Thanks, but honestly [I didn't do much]"
                lead = len(text[sent_start:m.start()]) - len(text[sent_start:m.start()].lstrip())
                return Rewrite(label, sent_start + lead, end, cased(replacement, True))
            return Rewrite(label, m.start(), end, ". " + cased(replacement, True))
    return Rewrite(label, start, end, cased(replacement, at_sentence_start(text, start, sent_start)))


def _agree(replacement: str, phrase: str) -> str:
    """A plural subject keeps its verb: "Those queries [were a five-minute job]" -> "were a pleasure"."""
    if replacement.lower().startswith("was ") and re.match(r"(?:were|are)\b", phrase, re.I):
        return "were " + replacement[4:]
    return replacement


def for_rule(rule: dict, text: str, start: int, end: int, sent) -> list:
    """The rewrites of a phrase rule's finding over text[start:end] in sentence `sent`."""
    clause = opens_clause(text, start, sent.start)
    ends_clause = bool(_ENDS_SENTENCE.match(text, end, sent.end) or _BREAK_AFTER.match(text, end, sent.end))
    facts = {"clause": clause, "predicate": not clause,
             "accepted": clause and ends_clause and bool(_ACCEPTED.search(text[sent.start:start] + " " + text[end:sent.end]))}
    out = []
    for spec in rule.get("rewrites", []):
        when = spec.get("when", [])
        if not all(facts[c] for c in ([when] if isinstance(when, str) else when)):
            continue
        if spec.get("delete"):
            rw = delete(spec["label"], text, start, end, sent.start, sent.end)
        else:
            rw = replace(spec["label"], text, start, end, _agree(spec["replacement"], text[start:end]), sent.start,
                         sent.end)
        if not any((r.start, r.end, r.replacement) == (rw.start, rw.end, rw.replacement) for r in out):
            out.append(rw)
    return out


def delete(label: str, text: str, start: int, end: int, sent_start: int, sent_end: int) -> Rewrite:
    """Remove text[start:end] with its separator, keeping case and spacing right."""
    ends_clause = bool(_ENDS_SENTENCE.match(text, end, sent_end) or _BREAK_AFTER.match(text, end, sent_end))
    conn = _CONNECTOR_BEFORE.search(text, sent_start, start) if ends_clause else None
    if conn and at_sentence_start(text, conn.start(), sent_start):  # "[So] don't mention it, ..." goes whole
        start = conn.start() + len(text[conn.start():start]) - len(text[conn.start():start].lstrip())
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
    if _ENDS_SENTENCE.match(text, end, sent_end):  # "starts in May[, if that makes sense]."
        lo = _TRAIL_BEFORE.search(text, sent_start, start).start()
        took_end_mark = text[start:end].rstrip()[-1:] in ("?", "!", ".") and not text[end:sent_end].strip()
        if text[end:sent_end].lstrip().startswith("?"):  # "...can join[ — hope that's okay]?": the question goes too
            return Rewrite(label, lo, text.index("?", end) + 1, ".")
        return Rewrite(label, lo, end, "." if took_end_mark else "")
    if conn:  # "welcome[, though I didn't do much] — Sam had..."
        return Rewrite(label, conn.start(), end, "")
    # inside a sentence: take the space before, and a comma pair around it
    lo = start
    while lo > sent_start and text[lo - 1] in " \t":
        lo -= 1
    hi = end
    if lo > sent_start and text[lo - 1] == "," and hi < sent_end and text[hi] == ",":
        if only_lead_words(text[sent_start:lo - 1]):  # "Wow, [no big deal], happy to help": keep "Wow, "
            hi += 1
            while hi < sent_end and text[hi] in " \t":
                hi += 1
            return Rewrite(label, start, hi, "")
        lo -= 1  # "The report, [I think], is late"
        hi += 1
    elif hi < sent_end and text[hi] == "," and lo > sent_start and text[lo - 1] not in ",":
        hi += 1
    elif lo > sent_start and text[lo - 1] in ",;" and _BREAK_AFTER.match(text, end, sent_end):
        lo -= 1  # "Happy to[, it was easy] — the data was there"
    if hi < sent_end and text[hi] not in " \t.,!?;:" and lo == start:
        hi = end
        while hi < sent_end and text[hi] in " \t":
            hi += 1
    return Rewrite(label, lo, hi, "")
