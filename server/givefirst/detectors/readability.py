"""Readability: email-level metrics that predict replies (info only).

What: reading grade far above grade 3-8, length outside about 50-125 words,
more than three questions. Why: analyses of millions of emails (Boomerang,
2016-2017) found reply rates peak for 50-125 words, a grade-3 reading level
and one to three questions. The span is the writer's own text; the extension
shows these in the summary chip rather than underlining.
"""
from __future__ import annotations

from givefirst.context import Context, Detected
from givefirst.rules.catalogue import finding

MAX_GRADE = 10.0
MIN_WORDS, MAX_WORDS = 50, 125
MAX_QUESTIONS = 3


def detect(ctx: Context) -> Detected:
    """Info findings from the metrics computed for the draft."""
    return Detected(tuple(_findings(ctx.draft, ctx.metrics)))


def _findings(draft, m):
    if not draft.sentences:
        return
    start, end = draft.sentences[0].start, draft.sentences[-1].end
    has_ask = any("ask" in s.roles for s in draft.sentences)
    if m.words >= 30 and m.reading_grade > MAX_GRADE:
        yield finding("readability.grade", draft.text, start, end,
                      message=f"Reading grade {m.reading_grade:.0f}: emails at grade 3-8 get more replies.")
    if m.words > MAX_WORDS:
        yield finding("readability.length", draft.text, start, end,
                      message=f"{m.words} words: emails of 50-125 words get the most replies.")
    elif has_ask and 0 < m.words < MIN_WORDS // 2:
        yield finding("readability.length", draft.text, start, end,
                      message=f"{m.words} words: a request this short may read as abrupt; 50-125 words get the most replies.")
    if m.questions > MAX_QUESTIONS:
        yield finding("readability.questions", draft.text, start, end,
                      message=f"{m.questions} questions: one to three get more replies than more.")
