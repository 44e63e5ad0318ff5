"""Flesch-Kincaid grade and Flesch reading ease, from textstat's public counts.

The published formulas over textstat's own word, sentence and syllable
counts (`lexicon_count`, `sentence_count`, `syllable_count`). Word and
syllable counts add up over sentences joined by a space, so a draft's counts
are summed from its sentences' counts, each remembered with the sentence's
cached parse: a keystroke recounts only the sentence that changed.
"""
from __future__ import annotations

import textstat


def counts(text: str) -> tuple[int, int]:
    """(words, syllables) of a text as textstat counts them."""
    if not text.strip():
        return 0, 0
    return textstat.lexicon_count(text), textstat.syllable_count(text)


def sentences(text: str) -> int:
    return textstat.sentence_count(text)


def from_counts(words: int, sentences: int, syllables: int) -> tuple[float, float]:
    """(Flesch-Kincaid grade, Flesch reading ease); (0, 0) when there is nothing to read."""
    if not words or not sentences or not syllables:
        return 0.0, 0.0
    per_sentence, per_word = words / sentences, syllables / words
    grade = 0.39 * per_sentence + 11.8 * per_word - 15.59
    ease = 206.835 - 1.015 * per_sentence - 84.6 * per_word
    return grade, ease


def grade_and_ease(text: str) -> tuple[float, float]:
    words, syllables = counts(text)
    return from_counts(words, sentences(text), syllables)
