"""Analyse many emails: analysis.analyze_many (nlp.pipe over a batch) -> counts per email.

The same code runs in this process, on a Dask LocalCluster (`--workers N`:
processes, one thread each) or on an existing Dask cluster (`--scheduler
tcp://host:8786`). A task is one batch of texts; what comes back is counts and
the flagged phrases (a few words each), plus example sentences only when the
report shows examples. The messages' metadata (addresses, dates) never leaves
this process. At most two batches per worker are in flight, and the parse
cache of each worker is bounded (parse.draft), so a worker's memory stays flat
however large the mailbox; spilling to disk is turned off, so email text is
only ever in memory.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator

BATCH = 64  # emails a task: large enough for nlp.pipe's batching, small enough to spread over workers
CATEGORIES = ("undermining", "weak-phrasing", "value-first", "door-in-the-face")
_NO_SPILL = {"distributed.worker.memory.spill": False, "distributed.worker.memory.target": False,
             "distributed.worker.memory.pause": 0.9, "distributed.worker.memory.terminate": 0.98,
             "distributed.worker.profile.enabled": False}  # the statistical profiler costs CPU on every worker


class ClusterError(Exception):
    """The Dask scheduler given cannot be reached (the message names the address only)."""


def counts(result: dict, text: str, examples: bool) -> dict:
    """One email's figures from its analyze() result (code-point offsets). `text` is read only
    for the flagged phrases (a few words) and, with `examples`, the sentences they are in."""
    asks = result["structure"]["asks"]
    found = [f for f in result["findings"] if f["category"] in CATEGORIES]
    out = {
        "gives": len(result["structure"]["offers"]),
        "favour_asks": sum(a["kind"] == "favour" for a in asks),
        "routine_asks": sum(a["kind"] == "routine" for a in asks),
        "undermining": sum(f["category"] == "undermining" for f in found),
        "weak": sum(f["category"] == "weak-phrasing" for f in found),
        "ask_before_giving": sum(f["category"] == "value-first" for f in found),
        "door_in_the_face": sum(f["category"] == "door-in-the-face" for f in found),
        "phrases": [(f["category"], " ".join(f["text"].lower().split())[:60]) for f in found
                    if f["category"] in ("undermining", "weak-phrasing")],
        "examples": [],
    }
    if examples:
        sents = result["structure"]["sentences"]
        for f in found:
            s = next((s for s in sents if s["start"] <= f["start"] < s["end"]), None)
            if s is not None:
                out["examples"].append((f["category"], f["start"] - s["start"], f["end"] - s["start"],
                                        " ".join(text[s["start"]:s["end"]].split())[:300]))
    return out


def analyse_texts(texts: list[str], examples: bool = False) -> list[dict | None]:
    """The task a worker runs: counts for each text, in order; None for a text the analyzer failed
    on (the batch is then redone one text at a time, so one bad email costs only itself). No
    exception leaves a worker: its message could quote the text."""
    from givefirst.analysis import analyze, analyze_many
    try:
        # the report shows no reading grade: its batch skips the readability counts
        return [counts(r, t, examples) for r, t in zip(analyze_many(texts, offsets="codepoint", metrics=False), texts)]
    except Exception:
        pass
    out = []
    for t in texts:
        try:
            out.append(counts(analyze(t, offsets="codepoint"), t, examples))
        except Exception:
            out.append(None)
    return out


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run(mails: Iterable, *, examples: bool = False, workers: int = 1, scheduler: str | None = None,
        batch: int = BATCH) -> Iterator[tuple]:
    """(mail, counts) for every mail (objects with a .text), in any order; counts is None when the
    analysis failed on that mail (the caller counts it as skipped)."""
    if scheduler is None and workers <= 1:
        for group in _batches(mails, batch):
            yield from zip(group, analyse_texts([m.text for m in group], examples))
        return
    yield from _run_dask(mails, examples=examples, workers=workers, scheduler=scheduler, batch=batch)


def client_for(workers: int, scheduler: str | None):
    """A Dask client: on the scheduler given, or on a new LocalCluster of `workers` processes (one thread each)."""
    import dask
    from distributed import Client, LocalCluster
    dask.config.set(_NO_SPILL)
    for name in ("distributed", "bokeh", "tornado"):
        logging.getLogger(name).setLevel(logging.ERROR)
    if scheduler:
        try:
            return Client(scheduler, timeout="30s"), None
        except (OSError, TimeoutError, ValueError):
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}") from None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                           silence_logs=logging.ERROR, memory_limit=os.environ.get("GIVEFIRST_WORKER_MEMORY", "2GiB"),
                           env={"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"})
    return Client(cluster), cluster


def _run_dask(mails, *, examples, workers, scheduler, batch) -> Iterator[tuple]:
    client, cluster = client_for(workers, scheduler)
    try:
        yield from run_on(client, mails, examples=examples, batch=batch)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_on(client, mails: Iterable, *, examples: bool = False, batch: int = BATCH) -> Iterator[tuple]:
    """(mail, counts) for every mail, on the Dask cluster of `client`, two batches per worker in flight."""
    from distributed import as_completed
    slots = 2 * max(1, len(client.scheduler_info().get("workers", {})))
    pending, running = {}, as_completed()
    for group in _batches(mails, batch):
        fut = client.submit(analyse_texts, [m.text for m in group], examples, pure=False)
        pending[fut.key] = group
        running.add(fut)
        if running.count() >= slots:
            yield from _collect(next(running), pending)
    for fut in running:
        yield from _collect(fut, pending)


def _collect(fut, pending) -> Iterator[tuple]:
    group = pending.pop(fut.key)
    result = fut.result()
    fut.release()
    yield from zip(group, result)
