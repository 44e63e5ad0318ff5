"""A 500-word reply with findings of every kind in each paragraph, typed paragraph by paragraph by the long-draft
test (tests/browser/test_browser_long_draft.py) and by `make bench-browser` (scripts/bench_browser.py)."""
from __future__ import annotations

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


def typed_paragraphs():
    """What is typed for each paragraph: the paragraph, after a blank line from the second on."""
    return [("\n\n" if i else "") + p for i, p in enumerate(PARAGRAPHS)]
