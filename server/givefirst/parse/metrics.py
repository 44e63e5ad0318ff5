"""The draft's metrics: words, sentences, questions, reading grade and ease.

Counted per sentence and remembered with its parse, so a keystroke recounts
only the sentence that changed; the grade and ease are textstat's formulas
over the summed counts (text.readability).
"""
from __future__ import annotations

import re

from givefirst.context import Metrics
from givefirst.parse.draft import Draft, per_sentence
from givefirst.text import readability

_WORD = re.compile(r"[A-Za-z0-9À-ÖØ-öø-ÿ]+(?:['’][A-Za-z]+)?")


@per_sentence
def _counts(sent) -> tuple:
    """(normalised text, words, textstat's words, syllables, is a question) of one sentence."""
    text = " ".join(sent.text.split())
    return (text, len(_WORD.findall(text)), *readability.counts(text), sent.is_question)


def words(text: str) -> int:
    return len(_WORD.findall(text))


def measure(draft: Draft) -> Metrics:
    parts = [_counts(s) for s in draft.sentences]
    n_words = sum(p[1] for p in parts)  # _WORD never matches across the spaces that join sentences
    grade = ease = 0.0
    if n_words:
        own = " ".join(p[0] for p in parts)
        # textstat's counts summed over sentences: readability.grade_and_ease(own) gives the same
        grade, ease = readability.from_counts(sum(p[2] for p in parts), readability.sentences(own),
                                              sum(p[3] for p in parts))
    return Metrics(words=n_words, sentences=len(draft.sentences), questions=sum(p[4] for p in parts),
                   reading_grade=round(float(grade), 1), reading_ease=round(float(ease), 1))
