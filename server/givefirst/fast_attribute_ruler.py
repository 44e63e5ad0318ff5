"""The model's attribute_ruler, matched by table lookup instead of spaCy's Matcher.

en_core_web_sm's attribute_ruler maps tags to POS and morphology and fixes a
few lemmas with 179 token patterns. Its general-purpose Matcher tries every
pattern on every token and was about a fifth of a cold analysis. Here each
single-token pattern is filed under its exact TAG or LOWER value, so a token
is tested only against the few patterns that can apply; the rest (DEP-only,
IS_SPACE, two-token patterns) are tested directly. The matches, their order
(pattern id, then position) and how they are applied are the ruler's own, so
POS, MORPH and LEMMA come out the same (tests/test_fuzz.py compares both on
random and real text).

`install(ruler)` switches it on; it declines (returns False) and leaves the
Matcher in place if a pattern uses anything but plain, IN, NOT_IN and REGEX
tests on TAG, LOWER, DEP and IS_SPACE.
"""
from __future__ import annotations

import re
from collections import defaultdict

from spacy.tokens._retokenize import set_token_attrs

_ATTRS = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space"}


class Unsupported(ValueError):
    pass


def _test(attr: str, value):
    name = _ATTRS.get(attr)
    if name is None:
        raise Unsupported(attr)
    if isinstance(value, (str, bool)):
        return lambda tok: getattr(tok, name) == value
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN":
            allowed = frozenset(arg)
            return lambda tok: getattr(tok, name) in allowed
        if op == "NOT_IN":
            banned = frozenset(arg)
            return lambda tok: getattr(tok, name) not in banned
        if op == "REGEX":
            rx = re.compile(arg)
            return lambda tok: bool(rx.search(getattr(tok, name)))
    raise Unsupported(f"{attr}: {value!r}")


def _token_test(spec: dict):
    tests = [_test(a, v) for a, v in spec.items()]
    return lambda tok: all(t(tok) for t in tests)


class FastMatch:
    """Callable with the same result as `AttributeRuler.match(doc)`."""

    def __init__(self, ruler):
        self.by_tag, self.by_lower = defaultdict(list), defaultdict(list)
        self.other, self.multi = [], []
        for attr_id, entry in enumerate(ruler.patterns):
            key = ruler.vocab.strings[str(attr_id)]
            for pattern in entry["patterns"]:
                tests = [_token_test(tok) for tok in pattern]
                if len(pattern) > 1:
                    self.multi.append((attr_id, key, tests))
                elif isinstance(pattern[0].get("TAG"), str):
                    self.by_tag[pattern[0]["TAG"]].append((attr_id, key, tests[0]))
                elif isinstance(pattern[0].get("LOWER"), str):
                    self.by_lower[pattern[0]["LOWER"]].append((attr_id, key, tests[0]))
                else:
                    self.other.append((attr_id, key, tests[0]))

    def __call__(self, doc):
        matches = []
        for tok in doc:
            i = tok.i
            for group in (self.by_tag.get(tok.tag_, ()), self.by_lower.get(tok.lower_, ()), self.other):
                for attr_id, key, test in group:
                    if test(tok):
                        matches.append((attr_id, key, i, i + 1))
        for attr_id, key, tests in self.multi:
            n = len(tests)
            for i in range(len(doc) - n + 1):
                if all(t(doc[i + j]) for j, t in enumerate(tests)):
                    matches.append((attr_id, key, i, i + n))
        matches = list(dict.fromkeys(matches))  # the Matcher reports a (key, start, end) once
        matches.sort()
        return matches


def install(ruler) -> bool:
    """Swap the ruler's Matcher for FastMatch, on this instance only."""
    try:
        fast = FastMatch(ruler)
    except Unsupported:
        return False

    def set_annotations(doc, matches):
        for attr_id, _key, start, end in matches:
            index = ruler.indices[attr_id]
            set_token_attrs(doc[start + index if index >= 0 else end + index], ruler.attrs[attr_id])

    ruler.match = fast
    ruler.set_annotations = set_annotations
    ruler.reference_match = type(ruler).match.__get__(ruler)  # the Matcher path, for the equivalence test
    return True
