"""Small mailboxes for the report and ledger tests: an mbox, a maildir and JSONL built from
message specs, and the bad inputs a real export holds (HTML-only, attachments, undecodable
parts, no date, a huge message, a truncated file)."""
from __future__ import annotations

import json
import mailbox
from email.message import EmailMessage
from pathlib import Path

ME = "me@example.com"
DANA = "dana@example.org"
SAM = "sam@example.org"

# The writer's sent mail: (to, date, body). Bodies mix gives, favour asks, routine asks, undermining and weak phrasing.
SENT = [
    (DANA, "Mon, 05 Feb 2024 09:00:00 +0000",
     "Hi Dana,\n\nCould you review my conference talk proposal by Friday?\n\nThanks,\nAlex"),
    (DANA, "Fri, 01 Mar 2024 10:00:00 +0000",
     "Hi Dana,\n\nI cleaned up the churn dashboard so it loads in two seconds now.\n\nCould you introduce me to "
     "your VP of sales?\n\nBest,\nAlex"),
    (SAM, "Tue, 12 Mar 2024 16:30:00 +0000",
     "Sam,\n\nNo big deal! Glad the export helped.\n\nI just wanted to check: can you send me the Q3 numbers?"),
    (f"{DANA}, {SAM}", "Wed, 03 Apr 2024 08:15:00 +0000",
     "Hi both,\n\nSorry to bother you, but would you be willing to mentor our two new hires for a month?"),
    (SAM, "Thu, 18 Apr 2024 11:00:00 +0000",
     "Hi Sam,\n\nHere is the summary of the customer interviews: three of five asked for SSO.\n\nCheers"),
]
CANARY = "zebracanary"  # in a sentence of one email: it must not reach the ledger or a page without examples


def message(to: str, date: str | None, body: str, *, sender: str = ME, html: bool = False,
            subject: str = "Hello") -> EmailMessage:
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = sender, to, subject
    if date:
        m["Date"] = date
    m["Message-ID"] = f"<{abs(hash((to, date, body, sender)))}@example.com>"
    if html:
        paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
        m.set_content(f"<html><body><div>{paras}</div><div class=\"gmail_quote\">On Mon someone wrote:"
                      f"<blockquote>Could you quote me?</blockquote></div></body></html>", subtype="html")
    else:
        m.set_content(body)
    return m


def good_messages(sender: str = ME) -> list[EmailMessage]:
    msgs = [message(to, date, body, sender=sender) for to, date, body in SENT]
    msgs.append(message(SAM, "Mon, 06 May 2024 09:00:00 +0000",
                        f"Hi Sam,\n\nI just wanted to say the {CANARY} migration is done. Could you approve the budget request?",
                        sender=sender))
    return msgs


def bad_messages() -> list:
    """(message or raw bytes, what the report should make of it)."""
    html_only = message(DANA, "Mon, 13 May 2024 09:00:00 +0000",
                        "Hi Dana,\n\nI attached the cleaned dataset for you.\n\nCould you present it on Monday?",
                        html=True)
    attached = message(SAM, "Tue, 14 May 2024 09:00:00 +0000", "Hi Sam,\n\nThe deck is attached. Does that make sense?")
    attached.add_attachment(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, maintype="image", subtype="png",
                            filename="chart.png")
    no_date = message(DANA, None, "Hi Dana,\n\nIt's nothing, honestly. Could you send me the invoice?")
    undecodable = (b"From: me@example.com\nTo: sam@example.org\nSubject: caf\xe9\nDate: Wed, 15 May 2024 09:00:00 +0000\n"
                   b"Content-Type: text/plain; charset=x-unknown-charset\n\nCaf\xe9 notes: can you book the room?\xff\xfe\n")
    only_attachment = EmailMessage()
    only_attachment["From"], only_attachment["To"] = ME, SAM
    only_attachment["Date"] = "Thu, 16 May 2024 09:00:00 +0000"
    only_attachment.add_attachment(b"%PDF-1.4 ...", maintype="application", subtype="pdf", filename="a.pdf")
    received = message(ME, "Fri, 17 May 2024 09:00:00 +0000", "Could you do me a favour?", sender=DANA)
    return [(html_only, "html"), (attached, "attachment"), (no_date, "no date"), (undecodable, "undecodable"),
            (only_attachment, "no text part"), (received, "received")]


def _bytes(m) -> bytes:
    return m if isinstance(m, bytes) else m.as_bytes()


def write_mbox(path: Path, msgs, *, huge_bytes: int = 0, truncate: bool = False) -> Path:
    """An mbox of `msgs`; with huge_bytes, one more message that large; with truncate, a last
    message cut off in the middle of its headers (an interrupted download)."""
    with path.open("wb") as f:
        for m in msgs:
            data = _bytes(m).replace(b"\r\n", b"\n")
            data = b"\n".join((b">" + line) if line.startswith(b"From ") else line for line in data.split(b"\n"))
            f.write(b"From MAILER-DAEMON Thu Jan  1 00:00:00 2024\n" + data.rstrip(b"\n") + b"\n\n")
        if huge_bytes:
            f.write(b"From MAILER-DAEMON Thu Jan  1 00:00:00 2024\nFrom: me@example.com\nTo: sam@example.org\n"
                    b"Date: Mon, 20 May 2024 09:00:00 +0000\nContent-Type: text/plain\n\n")
            line = b"Could you look at this log line please, it is long. " * 20 + b"\n"
            for _ in range(huge_bytes // len(line) + 1):
                f.write(line)
            f.write(b"\n")
        if truncate:
            f.write(b"From MAILER-DAEMON Thu Jan  1 00:00:00 2024\nFrom: me@example.com\nTo: dana@exa")
    return path


def write_maildir(path: Path, msgs) -> Path:
    md = mailbox.Maildir(path, create=True)
    for m in msgs:
        md.add(_bytes(m))
    return path


def write_jsonl(path: Path, msgs) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for m in msgs:
            f.write(json.dumps({"date": m["Date"], "from": m["From"], "to": m["To"], "cc": m["Cc"] or "",
                                "subject": m["Subject"], "body": m.get_content(), "folder": "sent"}) + "\n")
        f.write("{not json\n")
    return path
