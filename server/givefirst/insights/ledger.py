"""The give/ask ledger: per sent email, its date, recipients and counts, in SQLite. Never text.

`givefirst import` fills it, `givefirst forget` deletes it, and the local
service reads it (read-only) for GET /v1/ledger, so the extension can say
"Dana: 3 favours asked, none given since Mar 2" while the writer drafts to
Dana. It lives in the user's data folder (platformdirs; GIVEFIRST_DATA_DIR
overrides it), created with owner-only permissions. An email is keyed by a
hash of its Message-ID and headers, so importing the same mailbox twice
counts each email once.
"""
from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS emails (key TEXT PRIMARY KEY, date TEXT, gives INTEGER NOT NULL,
  favour_asks INTEGER NOT NULL, routine_asks INTEGER NOT NULL, undermining INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS recipients (key TEXT NOT NULL REFERENCES emails(key) ON DELETE CASCADE,
  address TEXT NOT NULL, PRIMARY KEY (key, address));
CREATE INDEX IF NOT EXISTS recipients_address ON recipients(address);
"""
MAX_ADDRESSES = 50


def data_dir() -> Path:
    env = os.environ.get("GIVEFIRST_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir
    return Path(user_data_dir("givefirst", appauthor=False))


def path() -> Path:
    return data_dir() / "ledger.sqlite3"


def exists() -> bool:
    return path().is_file()


def open_for_writing() -> sqlite3.Connection:
    p = path()
    p.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not p.exists():
        p.touch(mode=0o600)
    con = sqlite3.connect(p)
    con.execute("PRAGMA foreign_keys = ON")
    con.executescript(_SCHEMA)
    return con


def add(con: sqlite3.Connection, mail, counts: dict) -> bool:
    """Store one email's counts; False when it was already there (imported before)."""
    cur = con.execute("INSERT OR IGNORE INTO emails VALUES (?, ?, ?, ?, ?, ?)",
                      (mail.key, mail.date.isoformat() if mail.date else None, counts["gives"], counts["favour_asks"],
                       counts["routine_asks"], counts["undermining"]))
    if cur.rowcount == 0:
        return False
    con.executemany("INSERT OR IGNORE INTO recipients VALUES (?, ?)", [(mail.key, a) for a in mail.to])
    return True


def forget() -> bool:
    """Delete the ledger (and SQLite's side files); False when there was none."""
    found = False
    for suffix in ("", "-journal", "-wal", "-shm"):
        p = Path(str(path()) + suffix)
        if p.exists():
            p.unlink()
            found = True
    return found


def balance(addresses: list[str]) -> dict | None:
    """Per address: emails, gives, favour and routine asks, undermining, the last give's date and the
    favour asks since it (since the first email when there was none). None when there is no ledger."""
    p = path()
    if not p.is_file():
        return None
    con = sqlite3.connect(f"{p.as_uri()}?mode=ro", uri=True)  # read-only: the service never writes
    try:
        return {a: _one(con, a) for a in addresses}
    finally:
        con.close()


def _one(con, address: str) -> dict:
    rows = con.execute("SELECT e.date, e.gives, e.favour_asks, e.routine_asks, e.undermining FROM emails e "
                       "JOIN recipients r ON r.key = e.key WHERE r.address = ? ORDER BY e.date", (address,)).fetchall()
    gives = [d for d, g, *_ in rows if g and d]
    last_give = max(gives) if gives else None
    since = [r for r in rows if last_give is None or (r[0] or "") > last_give]
    dates = [r[0] for r in rows if r[0]]
    return {"known": bool(rows), "emails": len(rows), "gives": sum(r[1] for r in rows),
            "favour_asks": sum(r[2] for r in rows), "routine_asks": sum(r[3] for r in rows),
            "undermining": sum(r[4] for r in rows), "first_email": _day(min(dates)) if dates else None,
            "last_email": _day(max(dates)) if dates else None, "last_give": _day(last_give),
            "favour_asks_since_last_give": sum(r[2] for r in since)}


def _day(iso: str | None) -> str | None:
    return datetime.fromisoformat(iso).date().isoformat() if iso else None
