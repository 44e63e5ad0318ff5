"""Support for the serving tests and `make bench`: realistic drafts, a real
gunicorn process on a loopback port it picks itself, a minimal HTTP client,
and the memory of a process.

Nothing here talks to anything but loopback, and every loop is bounded.
"""
from __future__ import annotations

import atexit
import ctypes
import http.client
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = "givefirst.service:create_app()"

# ---------------------------------------------------------------- drafts
# Work email built from templates with random names, numbers and dates, so
# every draft is new to the service's parse cache (its worst case), while
# greetings and sign-offs repeat as they do in real mail.
_NAMES = ["Maria", "Sam", "Priya", "Tomás", "Lena", "Kofi", "Jun", "Ana", "Olu", "Mei", "Ravi", "Greta", "Dmitri",
          "Aisha", "Noah", "Ingrid", "Carlos", "Yuki", "Fatima", "Liam"]
_TEAMS = ["finance", "support", "platform", "sales ops", "design", "data", "legal", "security", "growth", "billing"]
_THINGS = ["churn dashboard", "Q{q} forecast", "onboarding funnel", "renewal report", "incident review",
           "pricing sheet", "hiring plan", "board deck", "release checklist", "vendor contract"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
_SENTENCES = {
    "value": [
        "I went through the {thing} this morning and found that {p}% of the drop comes from {n} accounts that renewed late.",
        "I've attached a cleaned-up version of the {thing} with the {team} numbers split out.",
        "Quick win for your team: the {thing} now loads in {n} seconds instead of {m}.",
        "I know you've got the {team} review coming up, so I kept the summary of the {thing} to one page.",
        "Here is the link to the {thing}; the tab called {Name} has the {n} open items.",
        "Thanks to {Name}'s fix, the {team} backlog went from {m} tickets to {n} in two weeks.",
        "I pulled the last {n} weeks of {team} data and the trend is flat at about {p}%.",
        "The {thing} is done and in your inbox, with comments on the {n} places that changed.",
        "I closed ticket {ticket} and credited {Name} for spotting the {team} gap.",
    ],
    "ask": [
        "Could you review the {thing} before {day} and let me know if the split makes sense?",
        "Can we meet for {n} minutes on {day} to walk through the {team} numbers?",
        "Would you be willing to share the {thing} with {Name}'s team by {day}?",
        "Please send me the latest {team} figures so I can update the {thing}.",
        "I'd love your input on the {n} open questions in the {thing}.",
        "Are you free {day} afternoon to sign off on the {thing}?",
    ],
    "context": [
        "We agreed last {day} to move the {team} launch by {n} days.",
        "The {thing} goes to {Name} and the {team} leads on {day}.",
        "Most of the changes came out of the {team} sync with {Name} on {day}.",
        "The numbers in section {n} are still estimates until {day}.",
        "Sorry to bother you, but I just wanted to check the {team} timeline.",
        "It's no big deal, it only took a minute to fix the {n} broken links.",
        "If it helps, I can also walk your team through the {thing} on {day}.",
        "The invoice {ticket} for ${amount} is still open with {Name}'s team.",
    ],
}
_GREETINGS = ["Hi {Name},", "Hello {Name},", "Hey {Name},", "Dear {Name},"]
_SIGNOFFS = ["Best,\n{Me}", "Thanks,\n{Me}", "Cheers,\n{Me}", "Thanks so much,\n{Me}"]


def _fill(template: str, rnd: random.Random) -> str:
    n = rnd.randint(2, 90)
    return template.format(thing=rnd.choice(_THINGS).format(q=rnd.randint(1, 4)), team=rnd.choice(_TEAMS),
                           day=rnd.choice(_DAYS), Name=rnd.choice(_NAMES), Me=rnd.choice(_NAMES),
                           n=n, m=n + rnd.randint(3, 60), p=rnd.randint(3, 97),
                           ticket=f"{rnd.choice(['INC', 'PO', 'JIRA', 'CASE'])}-{rnd.randint(10000, 99999)}",
                           amount=f"{rnd.randint(1, 99)},{rnd.randint(100, 999)}")


_SHAPES = [["value", "value", "ask"], ["context", "value"], ["value", "context", "ask"], ["context", "ask"],
           ["value", "ask", "context"]]


def paragraph(rnd: random.Random, sentences: int | None = None) -> str:
    kinds = rnd.choice([s for s in _SHAPES if sentences is None or len(s) == sentences])
    return " ".join(_fill(rnd.choice(_SENTENCES[k]), rnd) for k in kinds)


def draft(words: int, rnd: random.Random, paragraphs: int | None = None) -> str:
    """A work email of about `words` words, or of exactly `paragraphs` body paragraphs of three
    sentences each (three of them make about 150 words)."""
    head, tail = _fill(rnd.choice(_GREETINGS), rnd), _fill(rnd.choice(_SIGNOFFS), rnd)
    body, count = [], len(head.split()) + len(tail.split())
    while True:
        p = paragraph(rnd, 3 if paragraphs is not None else None)
        if paragraphs is not None:
            if len(body) == paragraphs:
                break
        elif body and abs(count + len(p.split()) - words) >= abs(count - words):
            break  # one more paragraph would take it further from `words`
        body.append(p)
        count += len(p.split())
    return "\n\n".join([head, *body, tail])


def drafts(words: int, count: int, seed: int = 0) -> list[str]:
    rnd = random.Random(seed * 7919 + words)
    return [draft(words, rnd) for _ in range(count)]


def typing_session(text: str) -> list[str]:
    """The drafts a user's typing sends, one word at a time (the extension
    re-sends the draft when typing pauses): only the sentence being typed is new."""
    words = text.split(" ")
    return [" ".join(words[:k]) for k in range(1, len(words) + 1)]


# ---------------------------------------------------------------- gunicorn
_running: list = []


@atexit.register
def _stop_all() -> None:
    for g in list(_running):
        g.stop(timeout=20)


def _die_with_parent() -> None:
    """In the child before exec: SIGTERM it if the test process dies (Linux prctl PR_SET_PDEATHSIG)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)
    except OSError:
        pass


def free_port(host: str = "127.0.0.1") -> int:
    """A port that was free a moment ago. Racy (another process can take it before it is used):
    never use it for a server; a server binds port 0 and says which port it got (Gunicorn below)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout: float = 60, what: str = "condition", interval: float = 0.02):
    """Poll `predicate` until it returns something true, and return that; TimeoutError after `timeout` s.
    For waiting on another process's progress: it never decides a result by how long something took."""
    deadline = time.monotonic() + timeout
    while True:
        got = predicate()
        if got:
            return got
        if time.monotonic() >= deadline:
            raise TimeoutError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


_LISTENING = re.compile(r"Listening at: (\S+)")


def listening_port(lines: list[str]) -> int | None:
    """The port in gunicorn's "Listening at: http://127.0.0.1:43121 (pid)" line: the port it bound,
    also when it was asked for port 0."""
    for line in list(lines):
        m = _LISTENING.search(line)
        if m:
            return int(m.group(1).rsplit(":", 1)[1].rstrip("/"))
    return None


class Gunicorn:
    """The service under gunicorn with the repository's gunicorn.conf.py.

    Without `port`, gunicorn binds port 0 (the kernel picks a free port, with
    no window for another process to take it) and the port it got is read
    from its "Listening at:" log line; `self.port` is set once it is up.
    Readiness is /healthz answering. Output (stdout and stderr, merged) is
    kept in `lines`. Use as a context manager; `stop()` sends SIGTERM to the
    master and waits, then SIGKILLs the process group it started if it has to.
    """

    def __init__(self, *, env: dict | None = None, args: tuple = (), host: str = "127.0.0.1",
                 port: int | None = None, workers: int | None = None, cwd: Path | str | None = None,
                 command: list[str] | None = None):
        self.host, self.port = host, port
        self.connect_host = "127.0.0.1" if host in ("0.0.0.0", "") else "::1" if host == "::" else host
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("GIVEFIRST_")}
        self.env.update({"GIVEFIRST_HOST": host, "GIVEFIRST_PORT": str(port or 0), "PYTHONUNBUFFERED": "1"})
        if workers:
            self.env["GIVEFIRST_WORKERS"] = str(workers)
        self.env.update(env or {})
        self.args = list(args)
        self.command = command  # another way to start it (`givefirst serve ...`); default: gunicorn itself
        self.cwd = cwd or ROOT
        self.lines: list[str] = []
        self.proc: subprocess.Popen | None = None

    def start(self, wait: bool = True, timeout: float = 120) -> "Gunicorn":
        cmd = self.command or [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), *self.args, APP]
        self.proc = subprocess.Popen(cmd, cwd=self.cwd, env=self.env, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True, errors="replace", start_new_session=True,
                                     preexec_fn=_die_with_parent)
        _running.append(self)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        if wait:
            try:
                self.wait_healthy(timeout)
            except BaseException:
                self.stop()  # never leave a server behind
                raise
        return self

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_healthy(self, timeout: float = 120) -> None:
        """Wait for the "Listening at:" line (the port), then for /healthz to answer."""
        def up():
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}:\n" + "\n".join(self.lines[-30:]))
            if self.port is None:
                self.port = listening_port(self.lines)
                if self.port is None:
                    return False
            try:  # 401: up, and asking for the token
                return request(self.connect_host, self.port, "GET", "/healthz", timeout=2)[0] in (200, 401)
            except OSError:
                return False
        try:
            wait_for(up, timeout, "gunicorn to answer /healthz", interval=0.05)
        except TimeoutError as e:
            raise TimeoutError(f"{e}:\n" + "\n".join(self.lines[-30:])) from None

    def wait_exit(self, timeout: float = 60) -> int:
        rc = self.proc.wait(timeout)
        self._reader.join(5)
        return rc

    def stop(self, timeout: float = 60) -> int | None:
        if self in _running:
            _running.remove(self)
        if not self.proc or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else None
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.wait_exit(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)  # the group this object started, by its id
            return self.wait_exit(10)

    def worker_pids(self) -> list[int]:
        try:
            with open(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children") as f:
                return [int(p) for p in f.read().split()]
        except OSError:
            return []

    def wait_workers(self, n: int | None = None, timeout: float = 60) -> list[int]:
        """Worker pids once `n` workers (default: as configured) are up; gunicorn boots them one by one."""
        n = n or int(self.env.get("GIVEFIRST_WORKERS") or 0) or max(1, min(os.cpu_count() or 1, 8))
        deadline = time.monotonic() + timeout
        while len(self.worker_pids()) < n and time.monotonic() < deadline:
            time.sleep(0.1)
        return self.worker_pids()

    def __enter__(self):
        return self.start() if self.proc is None else self

    def __exit__(self, *exc):
        self.stop()

    @property
    def output(self) -> str:
        return "\n".join(self.lines)


def rss_mb(pid: int) -> float:
    """Resident set size of a process, in MB (shared pages counted in full)."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def pss_mb(pid: int) -> float:
    """Proportional set size: shared pages split between the processes sharing them."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


# ---------------------------------------------------------------- HTTP
def request(host: str, port: int, method: str, path: str, body=None, headers: dict | None = None,
            timeout: float = 30, source: str | None = None) -> tuple[int, dict, bytes]:
    """One request on a new connection (gunicorn's sync workers close after each). `source` picks the
    client's own address (any of 127.0.0.0/8 on Linux), so a test can be a client of its own."""
    conn = http.client.HTTPConnection(host, port, timeout=timeout,
                                      source_address=(source, 0) if source else None)
    try:
        hdrs = dict(headers or {})
        if body is not None and not isinstance(body, (bytes, str)):
            body = json.dumps(body)
            hdrs.setdefault("Content-Type", "application/json")
        conn.request(method, path, body=body, headers=hdrs)
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def percentile(samples: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    xs = sorted(samples)
    k = max(0, min(len(xs) - 1, int(round(q / 100 * len(xs) + 0.5)) - 1))
    return xs[k]


def run_load(host: str, port: int, texts: list[str], *, concurrency: int, duration: float | None = None,
             total: int | None = None, rate: float | None = None, on_count=None) -> dict:
    """POST /v1/analyze from `concurrency` threads, cycling through `texts`.

    Stops after `duration` seconds or `total` requests, whichever comes first
    (at least one must be given). With `rate`, requests are paced to that many
    per second overall. Returns latencies (ms), status counts and elapsed time.
    `on_count(n)` is called (from a client thread) as each request completes.
    """
    assert duration or total
    lock = threading.Lock()
    state = {"next": 0, "done": 0}
    latencies, statuses, errors = [], {}, []
    start = time.monotonic()
    stop_at = start + duration if duration else float("inf")

    def worker():
        while True:
            with lock:
                i = state["next"]
                if (total is not None and i >= total) or time.monotonic() >= stop_at:
                    return
                state["next"] += 1
            if rate:
                delay = start + i / rate - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
            t0 = time.perf_counter()
            try:
                status, _, _ = request(host, port, "POST", "/v1/analyze", {"text": texts[i % len(texts)]})
            except OSError as e:
                status = None
                with lock:
                    errors.append(type(e).__name__)
            ms = (time.perf_counter() - t0) * 1000
            with lock:
                if status is not None:
                    latencies.append(ms)
                    statuses[status] = statuses.get(status, 0) + 1
                state["done"] += 1
                n = state["done"]
            if on_count:
                on_count(n)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    return {"latencies": latencies, "statuses": statuses, "errors": errors, "elapsed": elapsed,
            "count": len(latencies) + len(errors)}
