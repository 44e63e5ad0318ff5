"""One launcher at a time decides whether to start the service: an exclusive flock on a file in the
user's runtime folder, so two browsers, windows or profiles asking at once never start two services.

flock is released by the kernel when its holder dies, so a crash normally leaves nothing behind. The one
stale case is a lock whose holder died after a child inherited the open file (the lock then lives as long
as that child). The holder writes its pid into the file and empties it on a clean release; a waiter that
finds the lock held, a pid written and that process gone, removes the file and locks a new one. A holder
checks after locking that the file it locked is still the one at the path, so two waiters clearing the
same stale lock still end with one holder.
"""
from __future__ import annotations

import fcntl
import logging
import os
import time
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger("givefirst.host")

GRACE_S = 1.0  # a holder writes its pid microseconds after locking; don't call a lock stale sooner than this


class LockTimeout(RuntimeError):
    """Another launcher, still alive, held the lock for the whole timeout."""


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid exists (and is not a zombie, on Linux)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat[stat.rfind(")") + 2] != "Z"
    except (OSError, IndexError):
        return True  # no /proc (macOS): kill(0) is all we know


def _holder(path: Path) -> int:
    try:
        return int(path.read_text().strip() or 0)
    except (OSError, ValueError):
        return 0


def _clear_if_stale(path: Path, waited: float) -> bool:
    """Removes the lock file when its recorded holder is gone; True when it did."""
    if waited < GRACE_S:
        return False
    try:
        before = path.stat().st_ino
    except FileNotFoundError:
        return True  # someone else cleared it: try again at once
    pid = _holder(path)
    if not pid or pid_alive(pid):
        return False
    try:
        if path.stat().st_ino == before:
            path.unlink()
            log.warning("cleared a stale lock (holder pid %d is gone)", pid)
    except FileNotFoundError:
        pass
    return True


@contextmanager
def held(path: Path, timeout: float = 15.0):
    """Holds the lock at `path` for the duration of the with-block; raises LockTimeout after `timeout` s."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    start = time.monotonic()
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            waited = time.monotonic() - start
            if _clear_if_stale(path, waited):
                continue
            if waited > timeout:
                raise LockTimeout(f"another launcher (pid {_holder(path) or '?'}) holds {path}") from None
            time.sleep(0.05)
            continue
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if not same:  # cleared as stale between our open and our lock: lock the new file instead
            os.close(fd)
            continue
        break
    try:
        previous = _holder(path)
        if previous and previous != os.getpid() and not pid_alive(previous):
            log.info("the previous holder (pid %d) ended without releasing the lock", previous)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.ftruncate(fd, 0)
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
