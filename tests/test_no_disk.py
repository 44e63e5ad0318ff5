"""Email text is never written to disk (SPEC.md, README: "never writes text to logs or disk").

The service runs under gunicorn (access log on, debug logging) with its own
empty HOME, TMPDIR and working directory, and a Python audit hook (a
`sitecustomize` put on PYTHONPATH for this test only) that records every file
any of its processes opens for writing, even one deleted straight after.
Drafts, a reply context and requests that fail are sent with a canary
string; after a graceful stop:

- the workers, the processes that read drafts, opened no file for writing;
- no file under HOME, TMPDIR or the working directory, and no file the
  master opened for writing, holds the canary (UTF-8 or UTF-16);
- no line gunicorn wrote holds it.
"""
from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import servicekit as sk

AUDIT_ENV = "TEST_WRITE_AUDIT_LOG"
SITECUSTOMIZE = f'''
"""Test-only (tests/test_no_disk.py): log every file opened for writing, with the pid."""
import os, sys
_path = os.environ.get({AUDIT_ENV!r})
if _path:
    _fd = os.open(_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)  # before the hook: not logged
    _WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
    os.write(_fd, f"installed\\t{{os.getpid()}}\\n".encode())

    def _hook(event, args):
        if event == "open":
            path, mode, flags = args
            if path is None or isinstance(path, int):
                return
            if (isinstance(mode, str) and any(c in mode for c in "wax+")) or (mode is None and flags & _WRITE):
                os.write(_fd, f"write\\t{{os.getpid()}}\\t{{os.fsdecode(path)}}\\n".encode())
        elif event == "sqlite3.connect":
            os.write(_fd, f"write\\t{{os.getpid()}}\\t{{args[0]}}\\n".encode())

    sys.addaudithook(_hook)
'''


def _files(*roots: Path):
    for root in roots:
        for folder, _, names in os.walk(root):
            for name in names:
                yield Path(folder, name)


def _holds(path: Path, needles: list[bytes]) -> bool:
    try:
        data = path.read_bytes()
    except OSError:  # gone, or not a regular file
        return False
    return any(n in data for n in needles)


def test_no_draft_text_reaches_the_disk(tmp_path):
    home, tmp, cwd, hook = (tmp_path / d for d in ("home", "tmp", "cwd", "hook"))
    for d in (home, tmp, cwd, hook):
        d.mkdir()
    (hook / "sitecustomize.py").write_text(SITECUSTOMIZE)
    audit = tmp_path / "writes.log"
    canary = f"canary-{uuid.uuid4().hex}"
    env = {"HOME": str(home), "TMPDIR": str(tmp), AUDIT_ENV: str(audit), "PYTHONDONTWRITEBYTECODE": "1",
           "PYTHONPATH": os.pathsep.join(p for p in (str(hook), os.environ.get("PYTHONPATH")) if p),
           "GIVEFIRST_ACCESS_LOG": "1", "GIVEFIRST_LOG_LEVEL": "debug", "GIVEFIRST_RATE_LIMIT": "100000 per minute"}
    for var in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        env[var] = str(home / var.lower())  # would otherwise point outside the folders searched

    draft = (f"Hi {canary},\n\nNo big deal! I think the {canary} numbers look fine. Could you send me "
             f"the {canary} deck by Friday?\n\nThanks,\n{canary}\n\n> quoted {canary}")
    with sk.Gunicorn(workers=2, env=env, cwd=cwd) as g:
        master = g.proc.pid
        post = lambda body, **kw: sk.request(g.host, g.port, "POST", "/v1/analyze", body, **kw)[0]
        statuses = [post({"text": t}) for t in sk.typing_session(draft)]  # as the extension sends them
        statuses.append(post({"text": draft, "context": {"replying_to": f"Thanks {canary}!"}, "offsets": "codepoint"}))
        assert statuses == [200] * len(statuses)
        assert post({"text": canary * 2000}) == 413
        assert post("{" + canary, headers={"Content-Type": "application/json"}) == 400
        assert post({"text": canary, "disabled": [canary]}) == 400
        assert post(json.dumps({"text": canary * 40_000}), headers={"Content-Type": "application/json"}) == 413
        workers = set(g.worker_pids())
        assert len(workers) == 2
        assert g.stop() == 0

    records = [line.split("\t") for line in audit.read_text().splitlines()]
    assert ["installed", str(master)] in records, "the audit hook did not run in gunicorn"
    writes = [(int(pid), path) for kind, pid, *rest in records if kind == "write" for path in rest]
    by_workers = [(pid, path) for pid, path in writes if pid != master]
    assert not by_workers, f"a worker opened files for writing: {by_workers}"

    needles = [canary.encode(), canary.encode("utf-16-le"), canary.encode("utf-16-be")]
    written = {Path(path) for _, path in writes} | set(_files(home, tmp, cwd))
    leaks = sorted(str(p) for p in written if _holds(p, needles))
    assert not leaks, f"the canary is on disk in {leaks}"
    assert not [line for line in g.lines if canary in line], "the canary is in the log"
    assert any('"POST /v1/analyze" 200' in line for line in g.lines), "the access log was not on"
