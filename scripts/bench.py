#!/usr/bin/env python3
"""`make bench`: how fast the analysis is, in-process and through gunicorn.

Prints, and writes to docs/benchmarks.md:

1. In-process p50/p99 of `givefirst.analyze` on work email of about 50, 150
   and 500 words with every cache emptied before each call (a cold
   analysis), against the bare en_core_web_sm pipeline's `nlp(text)` (all of
   its default components, NER included) on the same texts in the same loop.
2. The keystroke case: a three-paragraph draft is analysed, one word in its
   middle paragraph changes, and the draft is analysed again; against a cold
   analysis of the same draft, in the same loop.
3. Through gunicorn on loopback (gunicorn.conf.py, its default worker count,
   next to the cores it follows): requests per second from concurrent clients
   sending drafts the service has never seen, the memory of each worker after
   the first requests and after the load (its growth), then p50/p99 of single
   requests next to in-process analysis of the same texts (interleaved, each
   text new to both; the service is past its first requests, as a running
   service is).
4. Pathological input: 20,000 characters of one repeated phrase, one
   20,000-character word, 5,000 blank lines, 2,000 emoji.

Drafts come from tests/servicekit.py: templates with random names, numbers
and dates, so each draft is new to the parse cache; greetings and sign-offs
repeat as in real mail. Timings on a shared machine are noisy: the targets
are ratios taken within one run, and every pair of timings is interleaved.
`--quick` runs fewer rounds (for a smoke test); `--no-write` leaves the docs.
"""
from __future__ import annotations

import argparse
import datetime
import gc
import os
import platform
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # single-threaded, as in the gunicorn workers (before numpy loads)

import servicekit as sk  # noqa: E402

SIZES = (50, 150, 500)
TARGETS = {
    "analyze150_vs_full": 0.45, "edit_vs_cold": 0.65, "http_overhead_ms": 3.0, "http_p99_over_p50": 3.0,
    "rps150": 60.0, "worker_rss_mb": 400.0, "worker_rss_growth": 0.10, "pathological_s": 1.0,
}


def ms(seconds: float) -> float:
    return seconds * 1000


def p(samples, q):
    return sk.percentile(samples, q)


def clear_caches() -> None:
    """Empty every cache the analysis keeps between calls (a cold analysis): parsed sentences,
    classifier scores, and textstat's per-text caches."""
    from givefirst.parse import draft
    draft.clear_cache()
    for name, mod in list(sys.modules.items()):
        if name.startswith("givefirst.") and name != "givefirst.parse.draft":
            cache = getattr(mod, "_cache", None)
            if isinstance(cache, dict):
                cache.clear()
        if name.startswith("textstat"):
            for fn in list(vars(mod).values()):
                module = getattr(fn, "__module__", "") or ""
                if callable(getattr(fn, "cache_clear", None)) and not module.startswith("textstat.backend.utils"):
                    fn.cache_clear()  # per-text results; not the cmudict and pyphen dictionaries (utils)


def timed(fn, *args) -> float:
    t0 = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t0


def in_process(rounds: dict) -> dict:
    import spacy
    import givefirst
    from givefirst.parse.pipeline import MODEL
    full = spacy.load(MODEL)
    out = {"full_components": full.pipe_names}
    for words in SIZES:
        texts = sk.drafts(words, 12, seed=1)
        for t in texts[:2]:
            givefirst.analyze(t), full(t)
        ours, ref = [], []
        for i in range(rounds[words]):
            t = texts[i % len(texts)]
            if i % 2:  # alternate which goes first
                ref.append(timed(full, t))
            clear_caches()
            ours.append(timed(givefirst.analyze, t))
            if not i % 2:
                ref.append(timed(full, t))
        out[words] = {"words": sum(len(t.split()) for t in texts) / len(texts), "n": len(ours),
                      "ours": (ms(p(ours, 50)), ms(p(ours, 99))), "full": (ms(p(ref, 50)), ms(p(ref, 99)))}
    return out


def _one_word_edit(text: str, rnd: random.Random) -> str:
    paras = text.split("\n\n")
    middle = paras[2].split(" ")  # greeting, three body paragraphs, sign-off: the second body paragraph
    i = rnd.choice([k for k, w in enumerate(middle) if w.isalpha() and len(w) > 3])
    middle[i] = rnd.choice([w for w in ("report", "numbers", "plan", "review", "summary", "update") if w != middle[i]])
    paras[2] = " ".join(middle)
    return "\n\n".join(paras)


def keystroke(rounds: int) -> dict:
    import givefirst
    rnd = random.Random(5)
    texts = [sk.draft(0, rnd, paragraphs=3) for _ in range(10)]
    cold, edit, warm = [], [], []
    for i in range(rounds):
        t = texts[i % len(texts)]
        edited = _one_word_edit(t, rnd)
        clear_caches()
        cold.append(timed(givefirst.analyze, t))   # the draft before the keystroke, from nothing
        edit.append(timed(givefirst.analyze, edited))  # after it: only the changed sentence is parsed
        warm.append(timed(givefirst.analyze, edited))  # the same text again (nothing parsed)
    return {"words": sum(len(t.split()) for t in texts) / len(texts), "n": rounds,
            "cold": (ms(p(cold, 50)), ms(p(cold, 99))), "edit": (ms(p(edit, 50)), ms(p(edit, 99))),
            "warm": (ms(p(warm, 50)), ms(p(warm, 99)))}


def http(latency_n: int, load_seconds: float, memory_at: int) -> dict:
    """`memory_at`: requests into the load when worker memory is first read (past the first-request costs)."""
    import givefirst
    env = {"GIVEFIRST_RATE_LIMIT": "1000000 per minute"}  # one client address sends everything here
    with sk.Gunicorn(env=env) as g:
        workers = g.wait_workers()
        # throughput first: concurrent clients, drafts the service has never seen; this also takes the
        # workers past their first requests (copy-on-write page faults after the fork, first parses)
        load_texts = sk.drafts(150, 5000, seed=3)
        concurrency = 2 * len(workers)
        early = {}

        def sample(n):
            if n == memory_at:
                early.update({w: sk.rss_mb(w) for w in g.worker_pids()})

        res = sk.run_load(g.host, g.port, load_texts, concurrency=concurrency, duration=load_seconds, on_count=sample)
        workers = g.worker_pids()
        mem = [(round(sk.rss_mb(w)), round(sk.pss_mb(w))) for w in workers]
        late = {w: sk.rss_mb(w) for w in workers}
        growth = (sum(late.values()) / sum(early.values()) - 1) if early and set(early) == set(late) else None
        master = round(sk.rss_mb(g.proc.pid))
        # latency: one request at a time, next to in-process analysis of the same text, interleaved so
        # both see the same machine; each text is new to both sides
        texts = sk.drafts(150, latency_n + 20, seed=2)
        inproc, over_http = [], []
        for i, t in enumerate(texts):
            a = timed(givefirst.analyze, t)
            t0 = time.perf_counter()
            status, _, _ = sk.request(g.host, g.port, "POST", "/v1/analyze", {"text": t})
            b = time.perf_counter() - t0
            assert status == 200, status
            if i >= 20:
                inproc.append(a)
                over_http.append(b)
    lat = res["latencies"]
    ok = res["statuses"].get(200, 0)
    return {"workers": len(workers), "default_workers": max(1, min(os.cpu_count() or 1, 8)), "n": len(over_http),
            "inproc": (ms(p(inproc, 50)), ms(p(inproc, 99))), "http": (ms(p(over_http, 50)), ms(p(over_http, 99))),
            "concurrency": concurrency, "seconds": res["elapsed"], "requests": res["count"],
            "rps": ok / res["elapsed"], "errors": res["count"] - ok, "load": (p(lat, 50), p(lat, 99)),
            "memory": mem, "master_rss": master, "growth": growth, "memory_at": memory_at}


def pathological() -> dict:
    import givefirst
    cases = {
        "20,000 chars of one repeated phrase": ("no big deal, it was nothing " * 1000)[:20000],
        "one 20,000-char word": "x" * 20000,
        "5,000 blank lines": "\n" * 5000,
        "2,000 emoji": "😀" * 2000,
    }
    out = {}
    for name, text in cases.items():
        runs = []
        for _ in range(2):
            clear_caches()
            runs.append(timed(givefirst.analyze, text))
        out[name] = max(runs)
    return out


def check(label: str, ok: bool) -> str:
    return f"{label}: {'PASS' if ok else 'MISS'}"


def report(r: dict) -> str:
    lines = []
    ip, ks, h, pa = r["in_process"], r["keystroke"], r["http"], r["pathological"]
    lines.append(f"Machine: {r['cores']} cores ({r['cpu']}), Python {platform.python_version()}, "
                 f"load average at start {r['load']}; {r['date']}, commit {r['commit']}.")
    lines.append("")
    lines.append("In-process, cold (every cache emptied before each call), ms:")
    lines.append("")
    lines.append("| draft | samples | analyze p50 | analyze p99 | nlp() p50 | nlp() p99 | ratio p50 |")
    lines.append("|---|---|---|---|---|---|---|")
    for words in SIZES:
        x = ip[words]
        lines.append(f"| ~{words} words ({x['words']:.0f}) | {x['n']} | {x['ours'][0]:.1f} | {x['ours'][1]:.1f} | "
                     f"{x['full'][0]:.1f} | {x['full'][1]:.1f} | {x['ours'][0] / x['full'][0]:.2f}x |")
    lines.append("")
    lines.append(f"`nlp()` is en_core_web_sm with its default components: {', '.join(ip['full_components'])}.")
    lines.append("")
    lines.append(f"Keystroke case (three-paragraph draft, {ks['words']:.0f} words on average, {ks['n']} samples), ms:")
    lines.append("")
    lines.append("| analysis | p50 | p99 |")
    lines.append("|---|---|---|")
    lines.append(f"| cold | {ks['cold'][0]:.1f} | {ks['cold'][1]:.1f} |")
    lines.append(f"| after a one-word edit in the middle paragraph | {ks['edit'][0]:.1f} | {ks['edit'][1]:.1f} |")
    lines.append(f"| the same text again | {ks['warm'][0]:.1f} | {ks['warm'][1]:.1f} |")
    lines.append("")
    lines.append(f"Edit / cold at p50: {ks['edit'][0] / ks['cold'][0]:.2f}x.")
    lines.append("")
    lines.append(f"HTTP through gunicorn on loopback ({h['workers']} workers), 150-word drafts, ms:")
    lines.append("")
    lines.append("| | p50 | p99 |")
    lines.append("|---|---|---|")
    lines.append(f"| in-process, same texts, interleaved | {h['inproc'][0]:.1f} | {h['inproc'][1]:.1f} |")
    lines.append(f"| one request at a time ({h['n']} requests) | {h['http'][0]:.1f} | {h['http'][1]:.1f} |")
    lines.append(f"| under load ({h['concurrency']} concurrent clients) | {h['load'][0]:.1f} | {h['load'][1]:.1f} |")
    lines.append("")
    lines.append(f"HTTP p50 minus in-process p50: {h['http'][0] - h['inproc'][0]:.1f} ms; "
                 f"HTTP p99 / p50: {h['http'][1] / h['http'][0]:.2f}x.")
    lines.append(f"Throughput: {h['rps']:.0f} requests/s ({h['requests']} requests in {h['seconds']:.0f} s, "
                 f"{h['errors']} errors), every draft new to the service.")
    mem = ", ".join(f"{rss} MB RSS / {pss} MB PSS" for rss, pss in h["memory"])
    lines.append(f"Workers: {h['workers']} on {r['cores']} cores (the default is one per core, at most 8: "
                 f"{h['default_workers']}).")
    lines.append(f"Memory per worker after the load: {mem} (master {h['master_rss']} MB RSS). "
                 "RSS counts the pages a worker shares with the preloaded master; PSS splits them.")
    growth = "not measured (fewer requests, or a worker was replaced)" if h["growth"] is None else \
        f"{100 * h['growth']:+.1f}%"
    lines.append(f"Worker RSS from request {h['memory_at']} to request {h['requests']}: {growth}.")
    lines.append("")
    lines.append("Pathological input (cold, worst of two runs):")
    lines.append("")
    for name, s in pa.items():
        lines.append(f"- {name}: {ms(s):.0f} ms")
    lines.append("")
    t = TARGETS
    ratio150 = ip[150]["ours"][0] / ip[150]["full"][0]
    lines.append("Targets (2-core machine):")
    lines.append("")
    lines += [f"- {x}" for x in [
        check(f"analyze p50 on 150 words <= {t['analyze150_vs_full']}x nlp(): {ratio150:.2f}x",
              ratio150 <= t["analyze150_vs_full"]),
        check(f"one-word edit <= {t['edit_vs_cold']}x cold: {ks['edit'][0] / ks['cold'][0]:.2f}x",
              ks["edit"][0] / ks["cold"][0] <= t["edit_vs_cold"]),
        check(f"HTTP p50 <= in-process + {t['http_overhead_ms']:.0f} ms: +{h['http'][0] - h['inproc'][0]:.1f} ms",
              h["http"][0] - h["inproc"][0] <= t["http_overhead_ms"]),
        check(f"HTTP p99 <= {t['http_p99_over_p50']:.0f}x p50: {h['http'][1] / h['http'][0]:.2f}x",
              h["http"][1] / h["http"][0] <= t["http_p99_over_p50"]),
        check(f">= {t['rps150']:.0f} requests/s with {h['workers']} workers: {h['rps']:.0f}",
              h["rps"] >= t["rps150"] and h["errors"] == 0),
        check(f"{h['default_workers']} workers by default on {r['cores']} cores: {h['workers']}",
              h["workers"] == h["default_workers"]),
        check(f"< {t['worker_rss_mb']:.0f} MB per worker: max {max(m[0] for m in h['memory'])} MB RSS",
              max(m[0] for m in h["memory"]) < t["worker_rss_mb"]),
        check(f"worker RSS grows <= {100 * t['worker_rss_growth']:.0f}% under load: {growth}",
              h["growth"] is not None and h["growth"] <= t["worker_rss_growth"]),
        check(f"pathological input < {t['pathological_s']:.0f} s each: max {ms(max(pa.values())):.0f} ms",
              max(pa.values()) < t["pathological_s"]),
    ]]
    return "\n".join(lines)


def write_doc(text: str) -> None:
    doc = ROOT / "docs" / "benchmarks.md"
    doc.write_text(
        "# Benchmarks\n\n"
        "Written by `make bench` (scripts/bench.py); see that script's docstring for how each figure is\n"
        "measured. The drafts are generated work email (tests/servicekit.py), new to the parse cache\n"
        "unless said otherwise. Timings on a shared machine are noisy: the targets are ratios within one run.\n\n"
        + text + "\n", encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer rounds: a smoke test, not a measurement")
    ap.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    ap.add_argument("--strict", action="store_true", help="exit 1 if a target is missed")
    args = ap.parse_args(argv)
    q = args.quick
    gc.collect()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True,
                           text=True).stdout.strip()
    commit = commit.strip() + (" with uncommitted changes" if dirty and commit.strip() else "")
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
               platform.processor() or "unknown CPU")
    r = {"cores": os.cpu_count(), "cpu": cpu, "load": ", ".join(f"{x:.1f}" for x in os.getloadavg()),
         "date": datetime.date.today().isoformat(), "commit": commit or "unknown"}
    steps = [("in_process", lambda: in_process({50: 30, 150: 30, 500: 10} if q else {50: 300, 150: 300, 500: 100})),
             ("keystroke", lambda: keystroke(30 if q else 300)),
             ("http", lambda: http(40 if q else 300, 4 if q else 20, 20 if q else 500)),
             ("pathological", pathological)]
    for name, step in steps:
        t0 = time.monotonic()
        print(f"... {name}", file=sys.stderr, flush=True)
        r[name] = step()
        print(f"    {time.monotonic() - t0:.0f} s", file=sys.stderr, flush=True)
    text = report(r)
    print(text)
    if not args.no_write and not q:
        write_doc(text)
        print(f"\nWritten to {ROOT / 'docs' / 'benchmarks.md'}")
    return 1 if args.strict and "MISS" in text else 0


if __name__ == "__main__":
    sys.exit(main())
