"""The model's attribute_ruler, matched by table lookup instead of spaCy's Matcher.

en_core_web_sm's attribute_ruler maps tags to POS and morphology and fixes a
few lemmas with 179 token patterns. Its general-purpose Matcher tries every
pattern on every token and was about a sixth of a cold analysis. Here each
pattern is filed under the values its first token may have (a TAG, a LOWER,
a DEP, IS_SPACE, or each of an IN list), so a token is tested only against
the few patterns that can apply to it (plus the rare regex-only ones), and
the one-token results are remembered per distinct (tag, lower, dep, space).
The matches, their order (pattern id, then position) and how they are
applied are the ruler's own, so POS, MORPH and LEMMA come out the same
(tests/test_fuzz.py compares both on random and real text).

`install(ruler)` switches it on; it declines (returns False) and leaves the
Matcher in place if a pattern uses anything but plain, IN, NOT_IN and REGEX
tests on TAG, LOWER, DEP and IS_SPACE (operators such as "OP" included).
"""
from __future__ import annotations

import re
from collections import defaultdict

from spacy.tokens._retokenize import set_token_attrs

_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")  # the token attributes the patterns may test, in `_values` order
_ANY = ("*", None)  # patterns with no value to index by: tried on every token


class Unsupported(ValueError):
    pass


def _values(tok) -> tuple:
    return tok.tag_, tok.lower_, tok.dep_, tok.is_space


def _test(attr: str, value):
    """A predicate on a token's `_values` tuple."""
    if attr not in _ATTRS:
        raise Unsupported(attr)
    k = _ATTRS.index(attr)
    if isinstance(value, (str, bool)):
        return lambda v: v[k] == value
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN":
            allowed = frozenset(arg)
            return lambda v: v[k] in allowed
        if op == "NOT_IN":
            banned = frozenset(arg)
            return lambda v: v[k] not in banned
        if op == "REGEX":
            rx = re.compile(arg)
            return lambda v: bool(rx.search(v[k]))
    raise Unsupported(f"{attr}: {value!r}")


def _keys(spec: dict) -> list:
    """The (attribute, value) index keys a token must have one of to match `spec`."""
    for attr in _ATTRS:
        value = spec.get(attr)
        if isinstance(value, (str, bool)):
            return [(attr, value)]
        if isinstance(value, dict) and list(value) == ["IN"]:
            return [(attr, v) for v in value["IN"]]
    return [_ANY]


class FastMatch:
    """Callable with the same result as `AttributeRuler.match(doc)`."""

    MEMO_SIZE = 50_000  # distinct (tag, lower, dep, is_space) tuples remembered, then forgotten all at once

    def __init__(self, ruler):
        self.index = defaultdict(list)  # (attr, value) -> [(attr_id, key, [test per token])]
        for attr_id, entry in enumerate(ruler.patterns):
            key = ruler.vocab.strings[str(attr_id)]
            for pattern in entry["patterns"]:
                tests = [[_test(a, v) for a, v in tok.items()] for tok in pattern]
                for k in _keys(pattern[0]):
                    self.index[k].append((attr_id, key, tests))
        self.memo: dict = {}

    def _first(self, v: tuple) -> tuple:
        """For a token's values: the one-token patterns it matches, and the longer ones it may start."""
        single, multi = [], []
        for k in (("TAG", v[0]), ("LOWER", v[1]), ("DEP", v[2]), ("IS_SPACE", v[3]), _ANY):
            for attr_id, key, tests in self.index.get(k, ()):
                if all(t(v) for t in tests[0]):
                    if len(tests) == 1:
                        single.append((attr_id, key))
                    else:
                        multi.append((attr_id, key, tests))
        if len(self.memo) >= self.MEMO_SIZE:
            self.memo.clear()
        self.memo[v] = single, multi
        return single, multi

    def __call__(self, doc):
        values = [_values(t) for t in doc]
        memo, n_tok, matches = self.memo, len(values), []
        for i, v in enumerate(values):
            single, multi = memo.get(v) or self._first(v)
            for attr_id, key in single:
                matches.append((attr_id, key, i, i + 1))
            for attr_id, key, tests in multi:
                n = len(tests)
                if i + n <= n_tok and all(t(values[i + j]) for j in range(1, n) for t in tests[j]):
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
