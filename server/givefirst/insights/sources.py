"""Mailboxes in, raw messages out: an mbox file (a Gmail Takeout export), a maildir, or JSONL.

Why a reader of our own for mbox instead of `mailbox.mbox`: it streams, so a
multi-gigabyte export never sits in memory, a message over MAX_MESSAGE_BYTES is
skipped without being held (counted as too large), and a truncated file (an
interrupted download) yields what it has instead of failing. A message is a
`Raw`: its bytes (mbox, maildir) or its decoded JSON record (JSONL), with where
it came from; a message that cannot be read is a `Raw` with `skipped` set.
Nothing here decodes bodies (extract.py does).
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

MAX_MESSAGE_BYTES = 10 * 1024 * 1024  # a message larger than this (attachments) is skipped, not parsed
_FROM_LINE = re.compile(rb"^From ")
_ESCAPED_FROM = re.compile(rb"^>(>*From )")  # mboxrd: ">From " in a body line


class SourceError(Exception):
    """A SOURCE that is not an mbox, a maildir or a JSONL file (the message names the path, never content)."""


@dataclass
class Raw:
    folder: str                 # the mailbox or folder name: "Sent" there marks the writer's mail
    data: bytes | None = None   # the message as RFC 5322 bytes (mbox, maildir)
    record: dict | None = None  # or a JSONL record: date, from, to, cc, subject, body, folder
    skipped: str | None = None  # why it cannot be read: "too large", "unreadable"


def kind_of(path: Path) -> str:
    """"maildir", "jsonl" or "mbox", judged from the path and its first bytes."""
    if path.is_dir():
        if (path / "cur").is_dir() or (path / "new").is_dir() or any(_maildirs(path)):
            return "maildir"
        raise SourceError(f"{path}: a folder, but not a maildir (no cur/ or new/)")
    try:
        with path.open("rb") as f:
            head = f.read(4096).lstrip()
    except OSError as e:
        raise SourceError(f"{path}: cannot read ({type(e).__name__})") from None
    if path.suffix.lower() in (".jsonl", ".json", ".ndjson") or head.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"From ") or not head:
        return "mbox"
    raise SourceError(f"{path}: not an mbox (no 'From ' line at the start), a maildir or a JSONL file")


def read(path: str | os.PathLike) -> Iterator[Raw]:
    """Every message of one SOURCE, in file order."""
    path = Path(path)
    kind = kind_of(path)
    if kind == "maildir":
        yield from read_maildir(path)
    elif kind == "jsonl":
        yield from read_jsonl(path)
    else:
        yield from read_mbox(path)


def read_mbox(path: Path) -> Iterator[Raw]:
    folder = path.stem
    lines: list[bytes] = []
    size, started, too_large, blank_before = 0, False, False, True

    def done():
        if too_large:
            return Raw(folder, skipped="too large")
        return Raw(folder, data=b"".join(lines))

    with path.open("rb") as f:
        for line in f:
            if blank_before and _FROM_LINE.match(line):
                if started:
                    yield done()
                lines, size, started, too_large = [], 0, True, False
                blank_before = False
                continue
            blank_before = line in (b"\n", b"\r\n")
            if not started or too_large:
                continue
            size += len(line)
            if size > MAX_MESSAGE_BYTES:
                too_large, lines = True, []
                continue
            lines.append(_ESCAPED_FROM.sub(rb"\1", line))
    if started:
        yield done()


def _maildirs(path: Path) -> Iterator[Path]:
    """Sub-folders that are maildirs themselves (".Sent", "Sent Items"), one level down."""
    try:
        for child in sorted(path.iterdir()):
            if child.is_dir() and child.name not in ("cur", "new", "tmp") and (child / "cur").is_dir():
                yield child
    except OSError:
        return


def read_maildir(path: Path) -> Iterator[Raw]:
    for folder in [path, *_maildirs(path)]:
        name = folder.name.lstrip(".") or folder.name
        for sub in ("cur", "new"):
            d = folder / sub
            if not d.is_dir():
                continue
            for f in sorted(d.iterdir()):
                try:
                    if not f.is_file():
                        continue
                    if f.stat().st_size > MAX_MESSAGE_BYTES:
                        yield Raw(name, skipped="too large")
                        continue
                    yield Raw(name, data=f.read_bytes())
                except OSError:
                    yield Raw(name, skipped="unreadable")


def read_jsonl(path: Path) -> Iterator[Raw]:
    with path.open("rb") as f:
        for line in f:
            if not line.strip():
                continue
            if len(line) > MAX_MESSAGE_BYTES:
                yield Raw(path.stem, skipped="too large")
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError("not an object")
            except ValueError:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
                yield Raw(path.stem, skipped="unreadable")
                continue
            yield Raw(str(record.get("folder") or path.stem), record=record)
