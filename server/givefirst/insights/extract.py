"""A raw message -> a `Mail`: sender, recipients, date and the writer's own text.

The writer's own text is what the analyzer would judge: the text/plain part
(or the text/html part turned into text, Gmail's and Outlook's quote and
signature blocks dropped), then text.prepare's masking of quotes, forwards and
signatures, cut at the end of the writer's text. Attachments are never read.
A part in an unknown or wrong charset is decoded with replacement characters
(and counted); a message with no text part, or no text of the writer's, is
skipped with a reason. Only the first MAX_CHARS characters are analysed, as in
the API. Headers are decoded by the standard library's email package.
"""
from __future__ import annotations

import email
import email.policy
import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

from givefirst.analysis import MAX_CHARS
from givefirst.insights.html_text import html_to_text
from givefirst.insights.sources import Raw
from givefirst.text.prepare import prepare

_SENT = re.compile(r"\bsent\b|^sent|sent_?(?:mail|items)", re.I)


@dataclass
class Mail:
    key: str                      # a hash of the Message-ID (or of the headers): no text
    sender: str                   # lower-cased address
    to: tuple[str, ...]           # To and Cc addresses, lower-cased
    date: datetime | None         # aware, UTC; None when the message has none (counted)
    sent: bool                    # in a Sent folder or labelled Sent (Gmail Takeout's X-Gmail-Labels)
    text: str = ""                # the writer's own text
    notes: set = field(default_factory=set)  # "html", "undecodable", "truncated", "no date"


class Skip(Exception):
    """A message left out of the report, with the reason shown in its counts."""


def addresses(*values) -> tuple[str, ...]:
    out = []
    for _, addr in getaddresses([str(v) for v in values if v]):
        addr = addr.strip().lower()
        if "@" in addr and addr not in out:
            out.append(addr)
    return tuple(out)


def _date(value) -> datetime | None:
    if not value:
        return None
    try:
        d = parsedate_to_datetime(str(value))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if d is None:
        return None
    return (d if d.tzinfo else d.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)


def _key(*parts) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8", "replace")).hexdigest()[:32]


def headers(raw: Raw) -> Mail:
    """The message's headers only (the cheap first pass: who wrote it, is it sent mail)."""
    if raw.record is not None:
        r = raw.record
        sender = (parseaddr(str(r.get("from") or ""))[1] or "").lower()
        mail = Mail(_key(r.get("id") or "", r.get("date"), sender, r.get("to"), r.get("subject")), sender,
                    addresses(r.get("to"), r.get("cc")), _date(r.get("date")), bool(_SENT.search(raw.folder)))
        mail.notes.add("record")
        return mail
    msg = email.message_from_bytes(raw.data or b"", policy=email.policy.compat32)
    sender = (parseaddr(str(msg.get("From") or ""))[1] or "").lower()
    labels = str(msg.get("X-Gmail-Labels") or "")
    sent = bool(_SENT.search(raw.folder)) or "sent" in {x.strip().lower() for x in labels.split(",")}
    key = _key(msg.get("Message-ID") or "", msg.get("Date"), sender, msg.get("To"), msg.get("Subject"))
    return Mail(key, sender, addresses(msg.get("To"), msg.get("Cc")), _date(msg.get("Date")), sent)


def extract(raw: Raw) -> Mail:
    """The Mail with its own text; raises Skip (with the reason) when there is none to analyse."""
    if raw.skipped:
        raise Skip(raw.skipped)
    try:
        mail = headers(raw)
        body, notes = (str(raw.record.get("body") or ""), set()) if raw.record is not None else _body(raw.data)
    except Skip:
        raise
    except Exception:  # a malformed message must not stop the report; the reason is counted, never the content
        raise Skip("unreadable") from None
    mail.notes |= notes
    prepared = prepare(body)
    own = body[: prepared.own_end].strip()
    if not own:
        raise Skip("only quoted or forwarded text")
    if len(own) > MAX_CHARS:
        own = own[:MAX_CHARS]
        mail.notes.add("truncated")
    if mail.date is None:
        mail.notes.add("no date")
    mail.text = own
    return mail


def _body(data: bytes) -> tuple[str, set]:
    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    plain = html = None
    for part in msg.walk():
        if part.is_multipart() or part.get_content_disposition() == "attachment" or part.get_filename():
            continue
        ctype = part.get_content_type()
        if ctype == "text/plain" and plain is None:
            plain = part
        elif ctype == "text/html" and html is None:
            html = part
    if plain is None and html is None:
        raise Skip("no text part")
    notes = set()
    text, bad = _decode(plain if plain is not None else html)
    if bad:
        notes.add("undecodable")
    if plain is None:
        notes.add("html")
        text = html_to_text(text)
    return text.replace("\r\n", "\n"), notes


def _decode(part) -> tuple[str, bool]:
    """The part's text, and whether it needed replacement characters (a wrong or unknown charset)."""
    payload = part.get_payload(decode=True) or b""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset), False
    except (LookupError, UnicodeDecodeError):
        try:
            return payload.decode("utf-8"), False
        except UnicodeDecodeError:
            return payload.decode(charset if _known(charset) else "utf-8", "replace"), True


def _known(charset: str) -> bool:
    try:
        "".encode(charset)
        return True
    except LookupError:
        return False
