#!/usr/bin/env python3
"""`make bench-report`: how fast `givefirst report` analyses sent mail. Prints figures; asserts nothing.

1. One process: analyze() called per email against the batch path as the
   report runs it (analysis.analyze_many: one nlp.pipe parse per batch of 64
   emails, without the reading metrics the report does not show), each round
   from an empty parse cache, interleaved. Target: batch >= 1.5x. The batch
   with analyze()'s whole result (metrics included) is printed beside it.
2. Dask LocalCluster (processes, one thread each) with 1 and then 2 workers,
   each worker warmed up (pipeline loaded) before the clock starts: emails/s
   and each worker's resident memory after the run. Targets: 2 workers >=
   1.6x one on a 2-core machine; a worker under 600 MB.

The mail is the writer's own text of real sent mail: every *sent*.jsonl under
shared/data/real-mail beside the repository (or --mail FILE...), read through
insights.sources and insights.extract as the report reads it; the project's
annotated real-mail sample when there is none. Timings on a shared machine are
noisy: compare the ratios within one run.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # one thread per worker, as the Dask workers run
ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"batch_vs_per_email": 1.5, "two_vs_one_worker": 1.6, "worker_rss_mb": 600}


def load_texts(files: list[str]) -> list[str]:
    from givefirst.insights import extract, sources
    if not files:
        found = sorted((ROOT.parent / "shared" / "data" / "real-mail").glob("*sent*.jsonl"))
        found = found or sorted(Path("/work/shared/data/real-mail").glob("*sent*.jsonl"))
        files = [str(f) for f in found] or [str(ROOT / "models" / "data" / "real-mail" / "dev.jsonl")]
    texts = []
    for f in files:
        for raw in sources.read(f):
            if raw.record is not None and "body" not in raw.record:
                raw.record["body"] = raw.record.get("text", "")
            try:
                texts.append(extract.extract(raw).text)
            except extract.Skip:
                pass
    print(f"mail: {len(texts)} emails with text of the writer's, from {', '.join(Path(f).name for f in files)}")
    return texts


def in_process(texts: list[str], rounds: int) -> float:
    import givefirst
    from givefirst.analysis import analyze_many
    from givefirst.parse import draft
    givefirst.analyze("Hi,\n\nCould you send it?")
    per, full, bat = [], [], []
    for _ in range(rounds):
        draft.clear_cache()
        t = time.perf_counter()
        for x in texts:
            givefirst.analyze(x, offsets="codepoint")
        per.append(time.perf_counter() - t)
        draft.clear_cache()
        t = time.perf_counter()
        for _ in analyze_many(texts, offsets="codepoint", batch_size=64):
            pass
        full.append(time.perf_counter() - t)
        draft.clear_cache()
        t = time.perf_counter()
        for _ in analyze_many(texts, offsets="codepoint", batch_size=64, metrics=False):  # what the report runs
            pass
        bat.append(time.perf_counter() - t)
    p, f, b = len(texts) / min(per), len(texts) / min(full), len(texts) / min(bat)
    print(f"one process: analyze() per email {p:.0f} emails/s; batch path as the report runs it (no reading "
          f"metrics) {b:.0f} emails/s: {b / p:.2f}x (target >= {TARGETS['batch_vs_per_email']}x); the batch with "
          f"analyze()'s whole result {f:.0f} emails/s: {f / p:.2f}x (best of {rounds} rounds)")
    return b / p


class _M:
    __slots__ = ("text",)

    def __init__(self, text):
        self.text = text


def _rss_mb() -> float:
    import psutil
    return psutil.Process().memory_info().rss / 2**20


def _spin(n: int = 5_000_000) -> float:
    """CPU seconds' worth of pure Python on a worker, timed: how much CPU the machine gives each worker now."""
    t = time.perf_counter()
    x = 0
    for i in range(n):
        x += i * i
    return time.perf_counter() - t


def _warm() -> int:
    from givefirst.insights.batch import analyse_texts
    analyse_texts(["Hi,\n\nCould you send it?"])
    return os.getpid()


def on_dask(texts: list[str], workers: int, repeat: int) -> tuple[float, list[float], float]:
    from givefirst.insights import batch
    client, cluster = batch.client_for(workers, None)
    try:
        client.run(_warm)
        client.run(lambda: __import__("givefirst.parse.draft", fromlist=["x"]).clear_cache())
        t = time.perf_counter()
        client.run(_spin)  # on every worker at once
        spin = workers / (time.perf_counter() - t)  # loops per second, all workers together
        mails = [_M(t) for t in texts] * repeat
        t = time.perf_counter()
        n = sum(1 for _ in batch.run_on(client, mails))
        rate = n / (time.perf_counter() - t)
        rss = sorted(client.run(_rss_mb).values())
    finally:
        client.close()
        cluster.close()
    print(f"dask LocalCluster, {workers} worker(s): {rate:.0f} emails/s; worker memory after the run: "
          + ", ".join(f"{r:.0f} MB" for r in rss))
    return rate, rss, spin


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mail", nargs="*", default=[], help="JSONL, mbox or maildir sources (default: real sent mail)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=2, help="times the mail is sent through the Dask runs")
    ap.add_argument("--quick", action="store_true", help="one round, a quarter of the mail (a smoke test)")
    ap.add_argument("--no-dask", action="store_true")
    args = ap.parse_args()
    texts = load_texts(args.mail)
    if args.quick:
        texts, args.rounds, args.repeat = texts[: max(40, len(texts) // 4)], 1, 1
    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}")
    in_process(texts, args.rounds)
    if not args.no_dask:
        one, _, spin1 = on_dask(texts, 1, args.repeat)
        two, rss, spin2 = on_dask(texts, 2, args.repeat)
        print(f"2 workers vs 1: {two / one:.2f}x (target >= {TARGETS['two_vs_one_worker']}x on 2 free cores); "
              f"largest worker {max(rss):.0f} MB (target < {TARGETS['worker_rss_mb']} MB)")
        print(f"machine check: a pure-Python loop on 2 workers at once ran {spin2 / spin1:.2f}x one worker's "
              "(2.0 on two idle cores; below 1.6 the machine is busy and the ratio above says little)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
