"""The pattern prefilter (rules.prefilter) may only skip searches that cannot match.

If it skipped one that can, a cue or a phrase rule would silently stop firing
on some texts: a missed ask or a missed "no big deal". So the index must give
every pattern that matches, on the project's own patterns and texts, on
generated texts built from the patterns' own words, and on the characters
that match ASCII letters case-insensitively.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from givefirst.detectors import phrases
from givefirst.roles import ask_kinds, sentence_roles
from givefirst.rules.prefilter import PatternIndex, required

DATA = Path(__file__).resolve().parents[1] / "models" / "data"


def _r(src: str, flags=re.I) -> frozenset | None:
    return required(re.compile(src, flags))


@pytest.mark.parametrize("src, want", [
    (r"\bcould you\b", {"could you"}),
    (r"\b(could|would) you\b", {"could", "would"}),  # the longest shortest literal wins over " you"
    (r"\b(can|may) you\b", {" you"}),
    (r"\b(could|would)\b", {"could", "would"}),
    (r"logs? attached", {" attached"}),      # "s" is optional: "log" and " attached" are the runs
    (r"(please )?send", {"send"}),            # an optional group requires nothing
    (r"(?:no|not a) (problem|worries)", {"problem", "worries"}),
    (r"(?<!if you )\bplease\b", {"please"}),  # a lookbehind requires nothing
    (r"[Hh]ere is", {"ere is"}),
    (r"NO BIG DEAL", {"no big deal"}),         # compared in lower case
    (r"don\'t worry", {"don't worry"}),
])
def test_required_literals(src, want):
    assert _r(src) == frozenset(want)


@pytest.mark.parametrize("src, flags", [
    (r"(?:abcdef|)", re.I),        # an empty branch: nothing is required
    (r"ab", re.I),                  # too short to index
    (r"(?i)please", 0),             # inline flags
    (r"please", 0),                 # case-sensitive: not indexed
    (r"\x70lease", re.I),           # code-point escapes
    (r"(a)\1bcd", re.I | re.X),     # verbose mode
    (r"(?P<w>abc)(?P=w)", re.I),    # back-references by name
    (r"abc{x}", re.I),              # a literal brace
    (r"\w+in", re.I),               # too short after the class
])
def test_unreadable_or_unhelpful_patterns_are_searched_always(src, flags):
    assert _r(src, flags) is None


def _project_patterns() -> dict[str, list[re.Pattern]]:
    groups = {k: list(v.patterns) for k, v in sentence_roles._cues().items()}
    groups["phrases"] = list(phrases._index()[1].patterns)
    groups["ask_kinds"] = [p for p in vars(ask_kinds).values() if isinstance(p, re.Pattern)]
    return groups


def _project_texts() -> list[str]:
    texts = []
    for f in sorted(DATA.glob("**/*.jsonl")):
        with open(f, encoding="utf-8") as fh:
            texts += [json.loads(line).get("text", "") for line in fh if line.strip()]
    out = set()
    for t in texts:
        for piece in re.split(r"(?<=[.?!])\s+|\n", t):
            if piece.strip():
                out.add(piece)
                out.add(sentence_roles.normalise(piece))
    return sorted(out)


def _missed(index: PatternIndex, text: str) -> list[str]:
    allowed = set(index.candidates(text))
    return [p.pattern for n, p in enumerate(index.patterns) if p.search(text) and n not in allowed]


def test_every_matching_pattern_is_a_candidate_on_the_labelled_texts():
    texts = _project_texts()
    assert len(texts) > 5000
    for name, pats in _project_patterns().items():
        index = PatternIndex(pats)
        assert sum(required(p) is not None for p in pats) >= len(pats) // 2, name  # the index does skip work
        for t in texts:
            assert not _missed(index, t), (name, t)


def _words_of_patterns() -> list[str]:
    words = set()
    for pats in _project_patterns().values():
        for p in pats:
            words.update(w.lower() for w in re.findall(r"[A-Za-z']{2,}", p.pattern))
    return sorted(words)


_WORDS = _words_of_patterns()
_ALL = PatternIndex([p for pats in _project_patterns().values() for p in pats])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_WORDS + ["you", "me", "it", ",", "?", "!", "K", "ſ", "İ", "ı", "’", "é", "😀"]),
                min_size=1, max_size=12),
       st.sampled_from([" ", "", "  "]), st.booleans())
def test_every_matching_pattern_is_a_candidate_on_texts_made_of_the_patterns_words(words, sep, upper):
    text = sep.join(words)
    text = text.upper() if upper else text
    assert not _missed(_ALL, text)


def test_letters_that_match_ascii_only_case_insensitively_turn_the_index_off():
    index = PatternIndex([re.compile(r"\bthanks\b", re.I), re.compile(r"\bkudos\b", re.I)])
    assert index.candidates("no thanks needed") == [0]
    assert index.candidates("nothing here") == []
    assert index.candidates("\u212audos to you") == [0, 1]  # Kelvin sign: matches "k" under re.I
    assert index.patterns[1].search("\u212audos to you")
    assert index.search_any("THANKS a lot")
