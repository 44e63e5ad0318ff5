"""Typing a 500-word draft stays smooth: printed from the page's own Performance APIs while the draft of
long_draft.py is typed into Gmail's reply box, against the real service.

- key/input handling: Event Timing entries for keydown/keypress/input/keyup (input to the next paint, so the
  extension's MutationObserver and the frame it paints are included). Only events of 16 ms and more are
  reported (durations are rounded to 8 ms, and waiting for the next 60 Hz frame alone can take 16), so every
  event is also counted here and the unreported ones count as 16 ms: p95 <= 16 ms when at most 5% of the
  events took longer than 16; the handlers' own time (processingEnd - processingStart) is printed too;
- long tasks (over 50 ms), with the longest.

The same typing on the same page without the extension (served from another origin, where no content script
runs) is measured right after, so the figures say what the extension adds on this machine at this moment.

Targets: p95 <= 16 ms and no long task over 50 ms. The figures depend on the machine (2 shared cores, headless
chromium), so they are printed, never asserted; what is asserted is that the chip shows the current text's
analysis at the end."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser_env import FIXTURE
from gmail_page import GmailPage
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


def type_draft(page: GmailPage, settle) -> dict:
    page.page.evaluate(_INSTRUMENT, KINDS)
    page.start_typing(REPLY)
    for text in typed_paragraphs():
        page.type(text)
        settle()
    page.page.wait_for_timeout(300)  # the last entries are delivered
    return page.page.evaluate("() => window.__perf")


def figures(perf: dict) -> dict:
    counted, reported = perf["counted"], perf["events"]
    # Unreported events took under 16 ms: count them as 16 (an upper bound) for the percentile.
    durations = [e["duration"] for e in reported] + [16.0] * max(0, counted - len(reported))
    processing = [e["processing"] for e in reported]
    return {"counted": counted, "reported": len(reported), "over": sum(1 for e in reported if e["duration"] > 16),
            "p95": percentile(durations, 0.95), "slowest": max([e["duration"] for e in reported], default=0),
            "handlers_p95": percentile(processing, 0.95), "handlers_max": max(processing, default=0),
            "long": len(perf["long"]), "long_over_50": sum(1 for d in perf["long"] if d > 50),
            "longest": max(perf["long"], default=0)}


def line(name: str, f: dict) -> str:
    p95 = "<= 16" if f["p95"] <= 16 else f"{f['p95']:.0f}"
    return (f"[performance] {name}: {f['counted']} key/input events, {f['over']} over 16 ms "
            f"({100 * f['over'] / max(f['counted'], 1):.2f}%), p95 {p95} ms (target <= 16 ms), slowest "
            f"{f['slowest']:.0f} ms; handlers p95 {f['handlers_p95']:.1f} ms, max {f['handlers_max']:.1f} ms; "
            f"long tasks {f['long']}, over 50 ms {f['long_over_50']}, longest {f['longest']:.0f} ms")


def test_typing_a_500_word_draft_prints_its_key_handling_and_long_tasks(gmail, browser, capsys):
    assert sum(len(p.split()) for p in PARAGRAPHS) >= 500
    with_extension = figures(type_draft(gmail, lambda: gmail.wait_settled(timeout=60_000)))
    expect(gmail.chip_in(REPLY)).to_have_attribute("data-status", "ok")

    context, _ = browser
    context.route("https://givefirst-baseline.test/**", lambda route: route.fulfill(
        status=200, content_type="text/html; charset=utf-8", body=FIXTURE.read_text()))
    page = context.new_page()
    try:
        page.goto("https://givefirst-baseline.test/")
        bare = GmailPage(page)
        without = figures(type_draft(bare, lambda: page.wait_for_timeout(450)))
        assert page.locator("#givefirst-overlay").count() == 0, "no content script on the baseline page"
    finally:
        page.close()
    with capsys.disabled():
        print()
        print(line("500-word draft, with the extension", with_extension))
        print(line("same typing, no extension (baseline)", without))
    assert with_extension["counted"] > 2000, "every keystroke was counted"
