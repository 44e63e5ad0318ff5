"""`givefirst report` and `givefirst import`: sources -> the writer's sent mail -> batch -> page or ledger.

Two passes over the sources: the first reads headers only, to choose the
writer's messages (From is --me; else those in a Sent folder or labelled
Sent; else the most frequent sender) and to know how many there are (the
progress bar's ETA); the second extracts their text and streams it through
the batch. Nothing is written until the end, and then atomically: an
interrupted run leaves no page and no half-filled ledger.
"""
from __future__ import annotations

import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from givefirst.insights import batch, extract, ledger, page, sources
from givefirst.insights.summary import Summary


@dataclass
class Options:
    sources: list[str]
    me: set = field(default_factory=set)
    since: datetime | None = None
    examples: bool = True
    workers: int = 1
    scheduler: str | None = None
    by_sender: bool = False
    progress: bool = True


def parse_since(value: str) -> datetime:
    d = datetime.fromisoformat(value)
    return (d if d.tzinfo else d.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)


@dataclass
class Plan:
    """Which messages (source, position) are whose, from the headers pass."""
    chosen: dict = field(default_factory=dict)     # (source index, message index) -> writer address
    skipped: Counter = field(default_factory=Counter)
    others: int = 0
    inferred: dict = field(default_factory=dict)   # source -> the writer guessed as its most frequent sender


def plan(opts: Options) -> Plan:
    p = Plan()
    heads: list[list] = []
    for si, src in enumerate(opts.sources):
        rows = []
        for mi, raw in enumerate(sources.read(src)):
            if raw.skipped:
                p.skipped[raw.skipped] += 1
                continue
            try:
                h = extract.headers(raw)
            except Exception:  # malformed headers: counted, never shown
                p.skipped["unreadable"] += 1
                continue
            rows.append((mi, h.sender, h.sent, h.date))
        heads.append(rows)
    groups = [list(range(len(heads)))] if not opts.by_sender else [[i] for i in range(len(heads))]
    for group in groups:
        rows = [(si, r) for si in group for r in heads[si]]
        if opts.me:
            mine = lambda r: r[1] in opts.me  # noqa: E731
        elif any(r[2] for _, r in rows):
            mine = lambda r: r[2]  # noqa: E731
        else:
            top = Counter(r[1] for _, r in rows if r[1]).most_common(1)
            writer = top[0][0] if top else ""
            for si in group:
                p.inferred[opts.sources[si]] = writer
            mine = lambda r, w=writer: r[1] == w  # noqa: E731
        for si, r in rows:
            if mine(r) and opts.since is not None and r[3] is None:
                p.skipped["no date, so left out by --since"] += 1  # it may be older: counted, not analysed
            elif mine(r) and (opts.since is None or r[3] >= opts.since):
                p.chosen[(si, r[0])] = r[1]
            else:
                p.others += 1
    return p


def mails(opts: Options, p: Plan, skip) -> Iterator:
    """The chosen messages with their text; `skip(writer, reason)` for those that have none."""
    for si, src in enumerate(opts.sources):
        for mi, raw in enumerate(sources.read(src)):
            writer = p.chosen.get((si, mi))
            if writer is None:
                continue
            try:
                yield extract.extract(raw)
            except extract.Skip as e:
                skip(writer, str(e))


def _analysed(opts: Options, p: Plan, skip) -> Iterator[tuple]:
    from tqdm import tqdm
    bar = tqdm(total=len(p.chosen), unit="email", file=sys.stderr, disable=not opts.progress, dynamic_ncols=True,
               desc="analysing")
    try:
        for mail, counts in batch.run(mails(opts, p, lambda w, r: (skip(w, r), bar.update(1))),
                                      examples=opts.examples, workers=opts.workers, scheduler=opts.scheduler):
            bar.update(1)
            if counts is None:
                skip(mail.sender, "analysis failed")
                continue
            yield mail, counts
    finally:
        bar.close()


def report(opts: Options, out: str) -> dict:
    """Write the page (or, with by_sender, a folder of pages and index.html); return what was written."""
    p = plan(opts)
    summaries: dict[str, Summary] = {}

    def summary_of(writer: str) -> Summary:
        return summaries.setdefault(writer, Summary(writer=writer))

    for mail, counts in _analysed(opts, p, lambda w, r: summary_of(w if opts.by_sender else "").skip(r)):
        summary_of(mail.sender if opts.by_sender else "").add(mail, counts)
    if not opts.by_sender:
        s = summary_of("")
        s.skipped.update(p.skipped)
        s.others = p.others
        s.writer = ", ".join(sorted(opts.me)) or ", ".join(w for w, _ in s.senders.most_common(2)) or "your sent mail"
        page.write(out, page.render(s, title=f"Your giving habits: {s.writer}", examples_shown=opts.examples))
        return {"pages": [out], "emails": s.emails, "inferred": p.inferred, "others": p.others}
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    team, writers = Summary(writer="team"), []
    team.skipped.update(p.skipped)
    team.others = p.others
    for w in sorted(summaries):
        name = "sender-" + "".join(c if c.isalnum() or c in "._-@" else "_" for c in w) + ".html"
        page.write(folder / name, page.render(summaries[w], title=f"Giving habits: {w}", examples_shown=opts.examples))
        team.merge(summaries[w])
        writers.append((w, summaries[w], name))
    page.write(folder / "index.html", page.render_team(writers, team))
    return {"pages": [str(folder / "index.html")] + [str(folder / n) for *_, n in writers], "emails": team.emails,
            "inferred": p.inferred, "others": p.others}


def import_ledger(opts: Options) -> dict:
    """Store counts per sent email in the ledger, in one transaction (Ctrl-C leaves it as it was)."""
    opts.examples = False
    p = plan(opts)
    skipped = Counter(p.skipped)
    con = ledger.open_for_writing()
    added = known = 0
    try:
        with con:
            for mail, counts in _analysed(opts, p, lambda w, r: skipped.update([r])):
                if ledger.add(con, mail, counts):
                    added += 1
                else:
                    known += 1
    finally:
        con.close()
    os.chmod(ledger.path(), 0o600)
    return {"added": added, "known": known, "skipped": skipped, "path": str(ledger.path()), "inferred": p.inferred}
