"""Real mail in `make eval`: labelled real email scored like score.py, and rates over a whole mailbox.

(a) Labelled real mail, each email labelled by two independent annotators
(LABELING.md, "Real mail"): the shared dev sets (../shared/eval/real_dev*.jsonl)
and the project's own (models/data/real-mail/dev.jsonl for development,
blind.jsonl held out). Scored with score.py's matching, plus false alarms per
100 emails per category, which is what a user of a real mailbox notices.
(b) The 900 sent emails of ../shared/data/real-mail/allen-p-sent.jsonl: findings
per 100 emails per category, crashes, time per email, and a sample of findings
to read.
"""
from __future__ import annotations

import json
import random
import statistics
import time
from pathlib import Path

from givefirst_dev import datasets

CATEGORIES = ("value-first", "weak-phrasing", "undermining", "door-in-the-face")
SAMPLE = 12


def labelled_sets() -> list[tuple[str, str, Path]]:
    """(name, note, path) of every labelled real-mail set present."""
    shared = datasets.shared_dir() / "eval"
    own = datasets.data_dir() / "real-mail"
    sets = [("real_dev (shared, 120 sent)", "development", shared / "real_dev.jsonl"),
            ("real_dev_received (shared, 100 received)", "development", shared / "real_dev_received.jsonl"),
            ("project real-mail dev (160)", "development: rules were fixed from its false alarms", own / "dev.jsonl"),
            ("project real-mail blind (90)", "held out: scored, never read", own / "blind.jsonl")]
    return [s for s in sets if s[2].exists()]


def false_alarms_per_100(result: dict, n: int) -> dict:
    prf = result["prf"]
    return {name: round(100 * prf[key].fp / n, 1) for name, key in
            (("value-first", "value-first"), ("weak", "weak-phrasing"), ("undermining", "undermining"),
             ("door-in-the-face", "door-in-face"), ("asks", "asks"))}


def mailbox_rates(analyze, path: Path) -> dict:
    """`analyze(text)` returns code-point offsets."""
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    counts = {c: 0 for c in CATEGORIES}
    times, crashed, found = [], 0, []
    for r in rows:
        t0 = time.perf_counter()
        try:
            res = analyze(r["body"])
        except Exception:  # noqa: BLE001 (counted and reported, never hidden)
            crashed += 1
            continue
        times.append(time.perf_counter() - t0)
        for f in res["findings"]:
            if f["category"] in counts:
                counts[f["category"]] += 1
                sent = next((s for s in res["structure"]["sentences"] if s["start"] <= f["start"] < s["end"]), f)
                found.append((f["category"], f["text"], r["body"][sent["start"]:sent["end"]]))
    sample = random.Random(7).sample(found, min(SAMPLE, len(found)))
    return {"n": len(rows), "per_100": {c: round(100 * k / len(rows), 1) for c, k in counts.items()},
            "crashed": crashed, "p50_ms": round(1000 * statistics.median(times), 1) if times else None,
            "sample": sample}


def report_lines(blocks: list, rates: dict | None) -> list[str]:
    L = ["## Real mail", "", "Labelled real email (two independent annotators per email; LABELING.md, \"Real mail\"), "
         "scored like score.py; false alarms per 100 emails is what a user of a real mailbox notices.", "",
         "| set | asks F1 | weak P / R | value-first P / R | false alarms per 100 emails (value-first, weak, "
         "undermining, door-in-the-face) |", "|---|---|---|---|---|"]
    for name, note, n, res in blocks:
        prf, fa = res["prf"], false_alarms_per_100(res, n)
        L.append(f"| {name} ({note}) | {prf['asks'].f1:.2f} | {prf['weak-phrasing'].p:.2f} / {prf['weak-phrasing'].r:.2f}"
                 f" | {prf['value-first'].p:.2f} / {prf['value-first'].r:.2f} | {fa['value-first']}, {fa['weak']}, "
                 f"{fa['undermining']}, {fa['door-in-the-face']} |")
    if rates:
        L += ["", f"### Findings per 100 emails over {rates['n']} real sent emails (allen-p-sent.jsonl)", "",
              "| " + " | ".join(CATEGORIES) + " | crashed | p50 ms per email |", "|" + "---|" * (len(CATEGORIES) + 2)]
        L.append("| " + " | ".join(str(rates["per_100"][c]) for c in CATEGORIES)
                 + f" | {rates['crashed']} | {rates['p50_ms']} |")
        L += ["", "A sample of those findings, to read:", ""]
        L += [f"- {cat}, \"{phrase}\" in: {' '.join(sentence.split())[:160]}" for cat, phrase, sentence in rates["sample"]]
    return L + [""]
