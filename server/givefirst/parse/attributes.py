"""`givefirst_attributes`: the model's attribute ruler, applied through an index by tag and word.

What: en_core_web_sm's `attribute_ruler` maps fine-grained tags to POS and
morphology and fixes a few words' lemmas, with about 180 patterns of one or
two tokens. This component applies exactly those patterns (read from the
ruler's public `patterns`), in the same order, with the same result.

Why: spaCy's Matcher tries every pattern at every token; on email-sized text
that costs about as much as the parser. Nearly every pattern names the
token's tag or its lower-case form, so an index by those two gives each
token its few candidate rules directly. Patterns are matched before any
attribute is set and a later rule wins, as in the ruler. A pattern using
anything this module does not know (an operator, a quantifier, another
attribute) raises `Unsupported`, and the pipeline keeps the stock ruler.
tests/test_equivalence.py compares tags, POS, morphology, lemmas and
dependencies with the stock ruler.
"""
from __future__ import annotations

import re
from collections import defaultdict
from operator import attrgetter

from spacy.language import Language

# Pattern keys this module evaluates: the Token attribute each one reads.
_ATTR = {
    "ORTH": "orth_", "TEXT": "text", "LOWER": "lower_", "NORM": "norm_", "TAG": "tag_", "POS": "pos_", "DEP": "dep_",
    "LEMMA": "lemma_", "IS_SPACE": "is_space", "IS_PUNCT": "is_punct", "IS_DIGIT": "is_digit", "IS_ALPHA": "is_alpha",
    "IS_TITLE": "is_title", "IS_UPPER": "is_upper",
}
_READ = {key: attrgetter(name) for key, name in _ATTR.items()}
_SET = {
    "TAG": lambda t, v: setattr(t, "tag_", v), "POS": lambda t, v: setattr(t, "pos_", v),
    "DEP": lambda t, v: setattr(t, "dep_", v), "LEMMA": lambda t, v: setattr(t, "lemma_", v),
    "MORPH": lambda t, v: t.set_morph(v),
}


class Unsupported(ValueError):
    """A ruler pattern this module cannot evaluate exactly."""


def _test(key: str, value):
    """A predicate on one token attribute, as spaCy's Matcher reads the pattern value."""
    read = _READ.get(key)
    if read is None:
        raise Unsupported(key)
    if isinstance(value, (str, bool, int)):
        return lambda t: read(t) == value
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN":
            allowed = frozenset(arg)
            return lambda t: read(t) in allowed
        if op == "NOT_IN":
            banned = frozenset(arg)
            return lambda t: read(t) not in banned
        if op == "REGEX":
            rx = re.compile(arg)
            return lambda t: rx.search(read(t)) is not None
    raise Unsupported(f"{key}: {value!r}")


def _token_test(spec: dict):
    if "OP" in spec:
        raise Unsupported("OP")
    tests = [_test(k, v) for k, v in spec.items()]
    return lambda t: all(test(t) for test in tests)


def _anchor(pattern: list) -> tuple[int, tuple] | tuple[None, None]:
    """A position in the pattern whose token must have one of a few exact lower-case forms, and
    those forms: the pattern is tried only where one of them occurs."""
    for k, spec in enumerate(pattern):
        value = spec.get("LOWER")
        if isinstance(value, str):
            return k, (value,)
        if isinstance(value, dict) and list(value) == ["IN"]:
            return k, tuple(value["IN"])
    return None, None


class AttributeIndex:
    """The ruler's patterns. One-token rules that name an exact word are looked up by the token's
    lower-case form (the few with a regex on the word are decided once per word); the others (tag,
    dependency, space) are decided once per distinct signature (the values of the attributes they
    read), which repeats across words. Longer rules are indexed by a word."""

    _MAX_SIGNATURES = 50_000

    def __init__(self):
        self.attrs = []            # per rule number: the attributes it sets
        self.by_word = defaultdict(list)  # lower-case word -> (rule number, token test) of one-token rules
        self.by_signature = []     # (rule number, token test): one-token rules that do not read the word
        self.by_token = []         # (rule number, token test): one-token rules that read the word loosely (a regex)
        self.word_only = True      # whether those read nothing but the word (then decided once per word)
        self._loose = {}           # lower-case word -> rule numbers of by_token that hold
        self.keys = ()             # the attributes those read: a token's signature
        self.multi = defaultdict(list)  # a word -> (rule number, token tests, index to set, the word's position)
        self.multi_any = []
        self._decided = {}         # signature -> rule numbers of by_signature that hold
        self._merged = {}          # rule numbers -> the attributes they set together

    def load(self, patterns: list[dict]) -> "AttributeIndex":
        self.attrs = [entry["attrs"] for entry in patterns]
        keys = set()
        for number, entry in enumerate(patterns):
            unknown = set(entry["attrs"]) - set(_SET)
            if unknown:
                raise Unsupported(f"attrs {sorted(unknown)}")
            for pattern in entry["patterns"]:
                if not isinstance(pattern, list) or not pattern:
                    raise Unsupported("a pattern that is not a list of tokens")
                tests = [_token_test(spec) for spec in pattern]
                at, lowers = _anchor(pattern)
                if len(pattern) == 1 and lowers is not None:
                    for lower in lowers:
                        self.by_word[lower].append((number, tests[0]))
                elif len(pattern) == 1 and "LOWER" in pattern[0]:
                    self.by_token.append((number, tests[0]))
                    self.word_only = self.word_only and set(pattern[0]) == {"LOWER"}
                elif len(pattern) == 1:
                    self.by_signature.append((number, tests[0]))
                    keys.update(pattern[0])
                elif lowers is not None:
                    for lower in lowers:
                        self.multi[lower].append((number, tests, entry.get("index", 0), at))
                else:
                    self.multi_any.append((number, tests, entry.get("index", 0), 0))
        self.keys = tuple(sorted(keys))
        return self

    def _merge(self, numbers) -> tuple:
        merged = {}
        for number in sorted(set(numbers)):  # later rules win, as in the ruler
            merged.update(self.attrs[number])
        return tuple(merged.items())

    def _multi_hits(self, toks: list, lowers: list) -> dict:
        """Token index -> rule numbers of the longer rules that set it (read before anything is set)."""
        out = defaultdict(list)
        n = len(toks)
        multi, anywhere = self.multi, self.multi_any
        if not anywhere and multi.keys().isdisjoint(lowers):  # most sentences have none of their words
            return out
        for i, lower in enumerate(lowers):
            rules = multi.get(lower)
            if rules is None and not anywhere:
                continue
            for number, tests, index, at in (*(rules or ()), *anywhere):
                start = i - at
                end = start + len(tests)
                if start < 0 or end > n or not all(test(toks[start + k]) for k, test in enumerate(tests)):
                    continue
                target = (end if index < 0 else start) + index
                if not start <= target < end:
                    raise ValueError(f"attribute rule {number}: index {index} outside its match")
                out[target].append(number)
        return out

    def __call__(self, doc):
        toks = list(doc)
        lowers = [tok.lower_ for tok in toks]
        longer = self._multi_hits(toks, lowers) if self.multi or self.multi_any else {}
        decided = self._decided
        merged = self._merged
        if max(len(decided), len(merged), len(self._loose)) > self._MAX_SIGNATURES:
            decided.clear()
            merged.clear()
            self._loose.clear()
        signature = attrgetter(*(_ATTR[k] for k in self.keys)) if self.keys else (lambda tok: ())
        for i, tok in enumerate(toks):
            sig = signature(tok)
            numbers = decided.get(sig)
            if numbers is None:
                numbers = decided[sig] = tuple(n for n, test in self.by_signature if test(tok))
            lower = lowers[i]
            word = self.by_word.get(lower)
            extra = longer.get(i)
            loose = None
            if self.by_token:
                loose = self._loose.get(lower) if self.word_only else None
                if loose is None:
                    loose = tuple(n for n, test in self.by_token if test(tok))
                    if self.word_only:
                        self._loose[lower] = loose
            if word or extra or loose:
                numbers = (*numbers, *(n for n, test in word or () if test(tok)), *(loose or ()), *(extra or ()))
            attrs = merged.get(numbers)
            if attrs is None:
                attrs = merged[numbers] = self._merge(numbers)
            for key, value in attrs:
                _SET[key](tok, value)
        return doc


class GivefirstAttributes:
    """The pipeline component: an AttributeIndex, filled from the stock ruler's patterns."""

    def __init__(self):
        self.index = AttributeIndex()

    def use(self, patterns: list[dict]) -> "GivefirstAttributes":
        self.index = AttributeIndex().load(patterns)
        return self

    def __call__(self, doc):
        return self.index(doc)


@Language.factory("givefirst_attributes")
def make_attributes(nlp, name):
    return GivefirstAttributes()


def replace_ruler(nlp, name: str = "attribute_ruler") -> bool:
    """Swap the stock attribute ruler for givefirst_attributes with the same patterns; False (stock ruler
    kept) when the pipeline has no ruler or a pattern is not one this module evaluates exactly."""
    if name not in nlp.pipe_names:
        return False
    patterns = nlp.get_pipe(name).patterns
    try:
        AttributeIndex().load(patterns)
    except Unsupported:
        return False
    nlp.add_pipe("givefirst_attributes", after=name).use(patterns)
    nlp.remove_pipe(name)
    return True
