"""Performance in the browser: typing a 500-word draft with many findings. Typing never stalls (input events
and long tasks measured by the page's own Performance APIs) and underlines catch up within 1 s of the 400 ms
debounce (from the last keystroke to the underlines drawn for that text, timed in the page)."""
from __future__ import annotations

import statistics

import pytest

pytestmark = pytest.mark.browser

REPLY = "#reply-body"
DEBOUNCE_MS = 400
PARAGRAPHS = [
    "Hi Sam, thanks for the quick turnaround on the churn report. Oh, no big deal on my side, the script was "
    "already there. I just wanted to flag two things before Thursday. I think the enterprise cohort is kind of "
    "undercounted, and maybe we should rerun it.",
    "Sorry to bother you again, but could you send me the raw export by Friday? I need it before the board deck "
    "goes out. Does that make sense? This might be a dumb question, but is the export the same as last quarter?",
    "The dashboard now loads in two seconds instead of ten, and the filters finally remember your last view. No "
    "worries about the delay on your end, it was nothing. I feel like the new layout is kind of cleaner, but I "
    "just want your take.",
    "Can we meet weekly for thirty minutes to go through the numbers? If that's too much, how about fifteen "
    "minutes every other week? I was hoping you could also review the pricing sheet, just the first tab. Sorry "
    "for the long note.",
    "I attached the cleaned-up dashboard and a one-page summary of the churn drivers. The biggest driver is "
    "onboarding: accounts that skip the setup call churn twice as often. I think that maybe deserves its own "
    "slide, if you kind of agree.",
    "Could you also ask Priya for the support ticket counts? I just need the totals per month. It only took a "
    "minute to pull the rest, so no big deal if the tickets take longer. Let me know by Wednesday which format "
    "you prefer.",
    "Please review the attached notes when you get a chance. Sorry to bother you with this, I know QBRs are "
    "coming up. Maybe we can sync after the planning meeting, if that works. I just think it would save us both "
    "some time later.",
    "Oh, it was nothing, happy to help with the retention model. I kind of rebuilt it from scratch, so the "
    "numbers should be cleaner now. Would you be willing to present it at the all-hands? I just feel like it "
    "would land better from you.",
    "One more thing: the export job fails on Sundays because of the backup window. I moved it to Monday at six. "
    "I think that fixes it, but maybe keep an eye on the logs. Does that make sense? Sorry, I know this is a lot.",
    "Can you approve the budget line for the new analytics seat by Friday? If not, no worries, we can revisit "
    "next quarter. I just want to make sure we have coverage. Thanks again, and no problem at all about the "
    "review delay.",
    "For the appendix, I kind of grouped the accounts by region and plan. The west region looks maybe a little "
    "weaker, but I think that is mostly seasonal. Sorry if the charts are rough, I just made them this morning "
    "between calls.",
    "Last, I just want to say the new intern has been great with the data cleaning. No big deal, but could you "
    "mention her work in the next team update? I think it would mean a lot to her. Does that make sense?",
]

# In the page: every keyboard/input event's duration (Event Timing: handlers plus the frame after), long tasks,
# and when each compose layer last finished an analysis (data-pending back to "false").
_INSTRUMENT = """() => {
  const m = window.__perf = {events: [], long: [], settled: [], lastKey: 0};
  new PerformanceObserver(l => { for (const e of l.getEntries())
    if (['keydown', 'keypress', 'keyup', 'beforeinput', 'input'].includes(e.name)) m.events.push(e.duration); })
    .observe({type: 'event', durationThreshold: 16, buffered: false});
  new PerformanceObserver(l => { for (const e of l.getEntries()) m.long.push(e.duration); })
    .observe({type: 'longtask', buffered: false});
  document.addEventListener('keydown', () => { m.lastKey = performance.now(); }, true);
  const root = document.querySelector('#givefirst-overlay').shadowRoot;
  new MutationObserver(records => { for (const r of records)
    if (r.target.dataset.pending === 'false') m.settled.push(performance.now() - m.lastKey); })
    .observe(root, {subtree: true, attributes: true, attributeFilter: ['data-pending']});
}"""


def test_typing_500_words_never_stalls_and_underlines_keep_up(gmail):
    assert sum(len(p.split()) for p in PARAGRAPHS) >= 500
    gmail.page.evaluate(_INSTRUMENT)
    gmail.start_typing(REPLY)
    update_ms = []
    typed_chars = 0
    for i, paragraph in enumerate(PARAGRAPHS):
        text = ("\n\n" if i else "") + paragraph
        gmail.type(text)
        typed_chars += len(text)
        gmail.wait_settled()
        update_ms.append(gmail.page.evaluate("() => window.__perf.settled.at(-1)") - DEBOUNCE_MS)
    perf = gmail.page.evaluate("() => window.__perf")
    chip = gmail.page.locator(".gf-chip[data-status=ok] .gf-chip-main").get_attribute("aria-label")
    events = sorted(perf["events"])  # only events over 16 ms are reported
    p95 = events[int(len(events) * 0.95)] if events else 0
    print(f"\n500-word draft, {typed_chars} characters typed in {len(PARAGRAPHS)} paragraphs. {chip}")
    print(f"underlines updated {min(update_ms):.0f}-{max(update_ms):.0f} ms after the {DEBOUNCE_MS} ms debounce "
          f"(median {statistics.median(update_ms):.0f} ms)")
    print(f"key/input events lasting over 16 ms (to the next paint): {len(events)}, p95 {p95:.0f} ms, "
          f"longest {max(events, default=0):.0f} ms; long tasks (> 50 ms): {len(perf['long'])}, "
          f"longest {max(perf['long'], default=0):.0f} ms")
    assert max(update_ms) < 1000, f"underlines lagged the debounce by {max(update_ms):.0f} ms"
    assert max(events, default=0) < 200, f"a keystroke took {max(events):.0f} ms to show"
    assert max(perf["long"], default=0) < 200, f"the page was blocked for {max(perf['long']):.0f} ms"
    assert len(gmail.underlines()) >= 10, "the draft's findings are underlined (those in view)"
