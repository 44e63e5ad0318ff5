"""A bounded load test on loopback against the real service under gunicorn.

10,000 requests against one gunicorn with its default workers, in two phases:

1. Paced: 3,000 requests at about 50/s from 8 concurrent clients, each a
   work email of about 150 words the service has never seen (its slowest
   case: every sentence is parsed).
2. Un-paced: the next 7,000 requests as fast as 4 clients get answers, as
   the extension sends them while someone types: the draft so far, one word
   more each time, so each request parses one new sentence. These drafts
   carry ticket numbers, amounts and names, so new words keep reaching
   spaCy's string store, the thing that grows in a long-running spaCy
   service.

What a user would notice is checked: every request gets a 200 (no error,
no refused connection), and no worker dies and is replaced along the way
(recycling, gunicorn's max_requests, is switched off for the run). How fast
and how big is not a pass/fail here, since it depends on the machine: p50/p99
and worker memory after 1,000 and 10,000 requests are printed, and `make
bench` measures them with its targets (docs/benchmarks.md).
"""
from __future__ import annotations

import pytest

import servicekit as sk

pytestmark = pytest.mark.slow

PACED_SECONDS, PACED_RATE = 60, 50
TOTAL = 10_000
MEMORY_AT = 1_000


def _summary(name: str, res: dict) -> str:
    lat = res["latencies"]
    return (f"{name}: {res['count']} requests in {res['elapsed']:.1f} s ({res['count'] / res['elapsed']:.0f}/s), "
            f"statuses {res['statuses']}, errors {len(res['errors'])}, "
            f"p50 {sk.percentile(lat, 50):.1f} ms, p99 {sk.percentile(lat, 99):.1f} ms")


def test_load_zero_errors_and_no_worker_lost():
    env = {"GIVEFIRST_RATE_LIMIT": "1000000 per minute", "GIVEFIRST_MAX_REQUESTS": "0"}
    with sk.Gunicorn(env=env) as g:
        workers = g.wait_workers()
        memory = {}

        def sample(n):
            if n == MEMORY_AT:
                memory["first"] = {pid: sk.rss_mb(pid) for pid in g.worker_pids()}

        paced_n = PACED_SECONDS * PACED_RATE
        paced = sk.run_load(g.host, g.port, sk.drafts(150, paced_n, seed=21), concurrency=8,
                            total=paced_n, rate=PACED_RATE, on_count=sample)
        typing = [d for text in sk.drafts(150, 60, seed=22) for d in sk.typing_session(text)]
        assert len(typing) >= TOTAL - paced_n
        fast = sk.run_load(g.host, g.port, typing, concurrency=4, total=TOTAL - paced_n)
        last = {pid: sk.rss_mb(pid) for pid in g.worker_pids()}
        print()
        print(_summary("paced", paced))
        print(_summary("typing", fast))
        first = memory["first"]
        print(f"worker RSS after {MEMORY_AT} requests: {first}; after {TOTAL}: {last} (MB)")
        for res in (paced, fast):
            assert not res["errors"] and set(res["statuses"]) == {200}, res["statuses"]
        assert set(first) == set(last) == set(workers), "a worker was replaced during the run"
