"""Typing a 500-word draft stays smooth: printed from the page's own Performance APIs while the draft of
long_draft.py is typed into Gmail's reply box, against the real service.

- key/input handling: Event Timing entries for keydown/keypress/input/keyup (input to the next paint, so the
  extension's MutationObserver and the frame it paints are included). Only events of 16 ms and more are
  reported (durations are rounded to 8 ms, and waiting for the next 60 Hz frame alone can take 16), so every
  event is also counted here and the unreported ones count as 16 ms: p95 <= 16 ms when at most 5% of the
  events took longer than 16; the handlers' own time (processingEnd - processingStart) is printed too;
- long tasks (over 50 ms), with the longest.

Targets: p95 <= 16 ms and no long task over 50 ms. The figures depend on the machine (2 shared cores, headless
chromium), so they are printed, never asserted; what is asserted is that the chip shows the current text's
analysis at the end."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from long_draft import PARAGRAPHS, typed_paragraphs

pytestmark = pytest.mark.browser

REPLY = "#reply-body"
KINDS = ["keydown", "keypress", "input", "keyup", "beforeinput"]

_INSTRUMENT = """(kinds) => {
  const m = window.__perf = {events: [], long: [], counted: 0};
  new PerformanceObserver(l => { for (const e of l.getEntries()) if (kinds.includes(e.name))
    m.events.push({name: e.name, duration: e.duration, processing: e.processingEnd - e.processingStart}); })
    .observe({type: 'event', durationThreshold: 16, buffered: false});
  new PerformanceObserver(l => { for (const e of l.getEntries()) m.long.push(e.duration); })
    .observe({type: 'longtask', buffered: false});
  for (const kind of kinds) document.addEventListener(kind, () => { m.counted++; }, true);
}"""


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * q))] if values else 0.0


def test_typing_a_500_word_draft_prints_its_key_handling_and_long_tasks(gmail, capsys):
    assert sum(len(p.split()) for p in PARAGRAPHS) >= 500
    gmail.page.evaluate(_INSTRUMENT, KINDS)
    gmail.start_typing(REPLY)
    for text in typed_paragraphs():
        gmail.type(text)
        gmail.wait_settled(timeout=60_000)
    gmail.page.wait_for_timeout(300)  # the last entries are delivered
    perf = gmail.page.evaluate("() => window.__perf")
    expect(gmail.chip_in(REPLY)).to_have_attribute("data-status", "ok")

    counted, reported = perf["counted"], perf["events"]
    # Unreported events took under 16 ms: count them as 16 (an upper bound) for the percentile.
    durations = [e["duration"] for e in reported] + [16.0] * max(0, counted - len(reported))
    p95 = percentile(durations, 0.95)
    processing = [e["processing"] for e in reported]
    long = perf["long"]
    with capsys.disabled():
        over = sum(1 for e in reported if e["duration"] > 16)
        print(f"\n[performance] 500-word draft typed: {counted} key/input events, {over} over 16 ms "
              f"({100 * over / max(counted, 1):.2f}%); p95 {'<= 16' if p95 <= 16 else f'{p95:.0f}'} ms "
              f"(target <= 16 ms); slowest {max([e['duration'] for e in reported], default=0):.0f} ms; "
              f"handlers p95 {percentile(processing, 0.95):.1f} ms, max {max(processing, default=0):.1f} ms "
              f"(of the {len(reported)} events reported)")
        print(f"[performance] long tasks: {len(long)}, over 50 ms: {sum(1 for d in long if d > 50)}, "
              f"longest {max(long, default=0):.0f} ms (target: none over 50 ms)")
    assert counted > 2000, "every keystroke was counted"
