"""Pathological input: huge, repetitive or degenerate drafts are analysed, bounded and correct.

Speed is measured by `make bench` (scripts/bench.py prints each input's time);
here each input must finish with a valid result, and the work it causes must
stay bounded in what the code controls: tokens parsed, tokens per run of
characters, cache size.
"""
from __future__ import annotations

import random

import pytest

import givefirst
from givefirst.parse import draft, pipeline
from givefirst.parse.tokenizer import MAX_RUN
from fuzzkit import check_result

PATHOLOGICAL = {
    "20,000 chars of one repeated phrase": ("no big deal, it was nothing " * 1000)[:20_000],
    "20,000 chars of one repeated sentence": ("Could you send me the deck? " * 1000)[:20_000],
    "20,000 chars of one phrase without punctuation": ("sorry to bother you " * 1000)[:20_000],
    "one 20,000-char word": "x" * 20_000,
    "one 20,000-char run of punctuation": "!" * 20_000,
    "5,000 blank lines": "\n" * 5_000,
    "5,000 lines of spaces": " \n" * 5_000,
    "2,000 emoji": "😀" * 2_000,
    "2,000 emoji with spaces": "😀 " * 2_000,
    "10,000 dots and spaces": ". " * 10_000,
    "20,000 spaces": " " * 20_000,
    # lead words that can be read more than one way once cost time exponential in their number
    "20,000 chars of repeated you're welcome": ("you're welcome " * 1400)[:20_000],
    "a greeting repeated before a symbol": "hi " * 40 + "§1 no worries",
    "an acceptance of thanks repeated before a symbol": "glad it helped " * 40 + "§1 no worries",
    "an adverb and an acceptance repeated before a symbol": "really my pleasure " * 40 + "§1 no worries",
    "a greeting and a lead word repeated before a symbol": "hi so " * 40 + "§1x",
    "an acceptance of help repeated before a symbol": "happy to help, happy to have helped, " * 20 + "§1 no worries",
    "two-word greetings repeated before a symbol": "good morning morning alright hola " * 20 + "§1 no worries",
}


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_input_gives_a_valid_bounded_analysis(name):
    text = PATHOLOGICAL[name]
    draft.clear_cache()
    for unit in ("utf16", "codepoint"):
        check_result(text, givefirst.analyze(text, offsets=unit), unit)
    parsed = draft.parse_chunks([c for _, c in draft.chunks(text)], draft.MAX_TOKENS)
    assert sum(len(doc) for _, doc in parsed) <= draft.MAX_TOKENS
    draft.clear_cache()


def test_long_runs_are_cut_into_bounded_tokens():
    """A 20,000-character run of "!" costs spaCy quadratic time; the tokenizer cuts it into
    MAX_RUN-character tokens and keeps the text exactly."""
    long = "ok " + "!" * 20_000 + " fine. " + "😀" * 2000
    doc = pipeline.load().tokenizer(long)
    assert doc.text == long
    assert max(len(t.text) for t in doc) <= MAX_RUN
    assert len(doc) < 2 * (20_000 + 2000) // MAX_RUN + 10


def test_parse_reads_at_most_max_tokens():
    """20,000 characters of "ab, cd, ..." are 10,000 tokens: the parse stops at MAX_TOKENS,
    and what it read is analysed as usual."""
    rnd = random.Random(2)
    text = " ".join(rnd.choice("abcdefgh") + rnd.choice("ijklmnop") + "," for _ in range(5000))[:20_000]
    parts = draft.chunks(text)
    parsed = draft.parse_chunks([c for _, c in parts], draft.MAX_TOKENS)
    assert sum(len(doc) for _, doc in parsed) <= draft.MAX_TOKENS < sum(len(pipeline.load().make_doc(c)) for _, c in parts)
    assert all(doc.text == c and doc.has_annotation("DEP") for c, doc in parsed)
    result = givefirst.analyze(text, offsets="codepoint")
    check_result(text, result, "codepoint")
    assert result["structure"]["sentences"][-1]["end"] < len(text)


def test_chunks_cover_the_lines():
    own = ("Hi Dr. Okonkwo,\n\nThanks. I sent it at 9 a.m. Tuesday! Could you check? e.g. this...  And that."
           "\n\nBest,\nAl\n   - see ref. HB/22 too")
    parts = draft.chunks(own)
    assert [c for _, c in parts] == ["Hi Dr. Okonkwo,", "Thanks.", "I sent it at 9 a.m. Tuesday!",
                                     "Could you check? e.g. this...  And that.", "Best,", "Al", "- see ref. HB/22 too"]
    assert all(own[o: o + len(c)] == c for o, c in parts)
    chat = "churn dropped to 2.1% after the email change 🎉 can you add it to the slides? The 🍕 is here"
    assert [c for _, c in draft.chunks(chat)] == ["churn dropped to 2.1% after the email change 🎉",
                                                  "can you add it to the slides?", "The 🍕 is here"]
    long = "word " * 2000
    pieces = draft.chunks(long)
    assert len(pieces) > 5 and all(long[o: o + len(c)] == c and len(c) <= 1500 for o, c in pieces)


def test_parse_cache_stays_bounded():
    draft.clear_cache()
    rnd = random.Random(1)
    for i in range(300):
        givefirst.analyze(" ".join(f"Sentence {i}-{k} about {rnd.random()}." for k in range(8)))
    assert len(draft._cache) <= draft._CACHE_SIZE
    assert draft._cached_chars <= draft._CACHE_CHARS + max(len(c) for c in draft._cache)
    assert draft._cached_chars == sum(len(c) for c in draft._cache)
    draft.clear_cache()
