"""Text preparation: find the writer's own words in a draft.

Quoted reply text and the signature are not the writer's words for this
message, so nothing in them may be flagged. Instead of cutting them out (which
would shift every offset), they are *masked*: each of their characters becomes
a space (newlines are kept), so an offset into the prepared text is the same
offset into the text as sent. Carriage returns become spaces for the same
reason, which makes CRLF drafts parse like LF drafts, and a lone UTF-16
surrogate (valid in JSON, not in UTF-8) becomes U+FFFD: one unit for one.
List markers at line starts and pasted HTML tags are masked the same way.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# Where quoted or forwarded text starts; everything from there on is someone else's.
_QUOTE_STARTS = (
    # Gmail: "On Mon, Jun 2, 2025 at 4:01 PM Xavier Wu <x@example.com> wrote:" (may wrap onto two lines);
    # others: "At 09:57 AM 1/26/01 -0600, you wrote:", "ann@example.com wrote:"
    re.compile(r"^[ \t]*On\b[^\n]{0,300}?(?:\n[^\n]{0,200}?)?\bwrote:[ \t]*\r?$", re.M),
    re.compile(r"^[^\n]{0,200}\bwrote:[ \t]*\r?$", re.M),
    # the same line from a mail client set to another language: "El lun, 10 mar 2025 a las 19:22, Ana <a@x.cl> escribió:"
    re.compile(r"^[^\n]{0,300}?\b(?:escribió|a écrit|schrieb|ha scritto|escreveu|schreef|skrev|kirjoitti|napisał(?:\(a\))?)"
               r"[ \t]?:[ \t]*\r?$", re.M),
    # Outlook and others: "-----Original Message-----", "---------- Forwarded message ---------"
    re.compile(r"^[ \t]*-{2,}\s*(?:Original Message|Forwarded message)\s*-{2,}", re.M | re.I),
    # Outlook's separator line before a header block, and the block itself ("From: ... / Sent: ...")
    re.compile(r"^[ \t]*_{10,}[ \t]*\r?\n[ \t]*From:|^[ \t]*From:[^\n]*\r?\n[ \t]*(?:Sent|Date):", re.M),
    # Lotus Notes: "---------------------- Forwarded by Phillip K Allen/HOU/ECT on 10/16/2000 ..."
    re.compile(r"^[ \t]*-{3,}[ \t]*Forwarded by\b", re.M | re.I),
    # Lotus Notes: "NAME on 10/12/2000 01:12 PM" or "From: NAME  10/04/2000 12:23 PM", or NAME over a
    # date line, then "To:" within three lines
    re.compile(r"^[^\n]{1,200}?\bon \d{1,2}/\d{1,2}/\d{2,4}\b[^\n]{0,40}\r?\n(?:[^\n]{0,200}\n){0,2}?[ \t]*To:", re.M),
    re.compile(r"^[ \t]*From:[^\n]{0,200}\d{1,2}/\d{1,2}/\d{2,4}[^\n]{0,40}\r?\n(?:[^\n]{0,200}\n){0,2}?[ \t]*To:",
               re.M),
    re.compile(r"^[^\n]{1,100}\r?\n[ \t]*\d{1,2}/\d{1,2}/\d{2,4} \d{1,2}:\d{2}(?::\d{2})? ?[AP]M[ \t]*\r?\n"
               r"(?:[^\n]{0,200}\n){0,2}?[ \t]*To:", re.M),
    # Apple Mail
    re.compile(r"^[ \t]*Begin forwarded message:", re.M | re.I),
    # any header block: "From:" or "To:" then "Subject:" within four lines
    re.compile(r"^[ \t]*(?:From|To):[^\n]{0,300}\r?\n(?:[^\n]{0,300}\n){0,3}?[ \t]*Subject:", re.M),
)
_SIGNATURE = re.compile(r"^--[ \t]?\r?$", re.M)
# A sign-off on its own line, then only short lines (name, title, phone) to the end of the writer's text.
_SIGN_OFF = re.compile(r"^[ \t]*(?:thanks(?: again| so much)?|thank you|many thanks|regards|best(?: regards| wishes)?|"
                       r"kind regards|warm regards|all the best|cheers|sincerely(?: yours)?|yours(?: truly| sincerely)?|"
                       r"respectfully|take care|thx)[ \t]*[,.!]*[ \t]*\r?\n(?:[ \t]*\r?\n)*((?:[ \t]*[^\n]{1,40}\r?\n?){1,5})\s*\Z",
                       re.M | re.I)
_QUOTED_LINE = re.compile(r"^[ \t]*>[^\n]*(?:\n|$)", re.M)
# HTML pasted into a draft: tags are masked (block tags end a line), text kept.
_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]{0,15})(?:\s[^<>]{0,500})?/?>")
_SURROGATE = re.compile("[\ud800-\udfff]")
# A list marker at a line start ("- send me the list", "2) upload the log"): masked so the item parses as
# the sentence it is (the tagger reads "- upload the log" as a noun phrase).
_BULLET = re.compile(r"^[ \t]*(?:[-*•◦▪‣–—]|\d{1,2}[.)])(?=[ \t]+\S)", re.M)
_BLOCK = {"div", "p", "br", "li", "ul", "ol", "tr", "td", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "hr"}


@dataclass
class Prepared:
    """The draft with quotes and signature masked, and where they were."""

    text: str                      # same length as the original; ignored parts are blanks
    ignored: list = field(default_factory=list)  # [{"start", "end", "kind"}] in code points

    @property
    def own_end(self) -> int:
        """End of the writer's text: everything after is quote or signature."""
        tail = [s["start"] for s in self.ignored if s["end"] >= len(self.text.rstrip())]
        return min(tail) if tail else len(self.text)


def _tail_start(pattern: re.Pattern, text: str) -> int | None:
    m = pattern.search(text)
    return m.start() if m else None


def _signed_off_at(text: str, end: int) -> int | None:
    """Start of the name / title / phone lines after a sign-off that ends the writer's text."""
    m = _SIGN_OFF.search(text[:end])
    if m is None or any(line.rstrip().endswith(("?", ":")) for line in m.group(1).splitlines()):
        return None
    return m.start(1)


def prepare(text: str) -> Prepared:
    """Mask quoted text and the signature; report them as ignored spans."""
    ignored = []
    quote_at = min((p for p in (_tail_start(r, text) for r in _QUOTE_STARTS) if p is not None), default=None)
    sig_at = _tail_start(_SIGNATURE, text)
    if sig_at is None or (quote_at is not None and sig_at > quote_at):
        signed = _signed_off_at(text, quote_at if quote_at is not None else len(text))
        sig_at = signed if signed is not None else sig_at
    if sig_at is not None and (quote_at is None or sig_at < quote_at):
        ignored.append({"start": sig_at, "end": quote_at if quote_at is not None else len(text), "kind": "signature"})
    if quote_at is not None:
        ignored.append({"start": quote_at, "end": len(text), "kind": "quote"})
    limit = min([s["start"] for s in ignored], default=len(text))
    for m in _QUOTED_LINE.finditer(text, 0, limit):
        end = min(m.end(), limit)
        if ignored and ignored[-1]["kind"] == "quote" and ignored[-1]["end"] == m.start():
            ignored[-1]["end"] = end
        else:
            ignored.append({"start": m.start(), "end": end, "kind": "quote"})
    ignored.sort(key=lambda s: s["start"])
    for s in ignored:  # report spans without their trailing line break
        while s["end"] > s["start"] and text[s["end"] - 1] in "\r\n":
            s["end"] -= 1
    chars = list(_SURROGATE.sub("\ufffd", text.replace("\r", " ")))  # a lone surrogate (from JSON) can't be encoded
    for s in ignored:
        for i in range(s["start"], s["end"]):
            if chars[i] != "\n":
                chars[i] = " "
    for m in _BULLET.finditer(text):
        for i in range(m.start(), m.end()):
            chars[i] = " "
    if "<" in text:
        for m in _TAG.finditer(text):
            for i in range(m.start(), m.end()):
                chars[i] = " "
            if m.group(1).lower() in _BLOCK:
                chars[m.start()] = "\n"
    return Prepared("".join(chars), [s for s in ignored if s["end"] > s["start"]])
