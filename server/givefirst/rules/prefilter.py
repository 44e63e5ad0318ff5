"""Which of many regexes can match a text at all, found without running them.

Most sentences match none of the hundreds of cue and phrase patterns, yet
each pattern costs a full search. A pattern usually cannot match unless some
literal word of it is in the text: `\\b(could|would) you\\b` needs " you". This
module reads each pattern's source for such literals (`required`), indexes the
patterns by a three-letter piece of each literal, and gives for a text only
the patterns whose pieces it contains (`PatternIndex.candidates`). The regex
still decides; the index only skips searches that cannot succeed, so results
are exactly those of searching every pattern.

The reading of a pattern is deliberately conservative: any construct it does
not fully understand (inline flags, escapes of code points, back-references,
conditionals, verbose mode) leaves that pattern unindexed, and it is then
searched on every text. Only case-insensitive patterns are indexed; they are
compared with the lower-cased text, and a text with one of the few characters
that match an ASCII letter case-insensitively without lower-casing to it
("K", "ſ", "ı", "İ") has every pattern searched.
"""
from __future__ import annotations

import functools
import re
from collections import defaultdict

PIECE = 3  # letters in an index key: literals shorter than this are not indexed
_CASELESS_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")  # match ASCII letters under re.I, lower() elsewhere
_QUANTIFIER = re.compile(r"[?*+]|\{(\d*)(,?)(\d*)\}")
_ZERO_WIDTH = set("bBAZ")
_CLASS_ESCAPES = set("dDsSwW")
_LITERAL = frozenset(chr(c) for c in range(0x20, 0x7F)) - set("\\.^$*+?{}[]|()")


class _Unknown(Exception):
    """A construct the reader does not understand: the pattern is not indexed."""


def required(pattern: re.Pattern) -> frozenset | None:
    """Lower-case literals at least one of which every match of `pattern` contains, or None
    when the pattern cannot be read that way (it is then searched on every text)."""
    if not pattern.flags & re.IGNORECASE or pattern.flags & re.VERBOSE or not isinstance(pattern.pattern, str):
        return None
    try:
        found, end = _alternation(pattern.pattern, 0)
    except _Unknown:
        return None
    if end != len(pattern.pattern):
        return None
    return found


def _alternation(src: str, i: int) -> tuple[frozenset | None, int]:
    """Branches up to an unmatched ')' or the end: a match needs a literal of the branch it takes."""
    branches = []
    while True:
        found, i = _sequence(src, i)
        branches.append(found)
        if i < len(src) and src[i] == "|":
            i += 1
            continue
        break
    if any(b is None for b in branches):
        return None, i
    return frozenset().union(*branches), i


def _quantifier(src: str, i: int) -> tuple[int | None, int]:
    """(least repetitions, index after) of a quantifier at i; (None, i) when there is none."""
    m = _QUANTIFIER.match(src, i)
    if not m:
        if i < len(src) and src[i] == "{":
            raise _Unknown  # a literal brace, or a form this reader does not know
        return None, i
    if m.group(0) in ("?", "*"):
        least = 0
    elif m.group(0) == "+":
        least = 1
    elif not (m.group(1) or m.group(3)):
        raise _Unknown
    else:
        least = int(m.group(1) or 0)
    j = m.end()
    if j < len(src) and src[j] in "?+":  # lazy or possessive
        j += 1
    return least, j


def _sequence(src: str, i: int) -> tuple[frozenset | None, int]:
    """One branch: its runs of literal characters and its mandatory groups are each a way to
    require something; the best of them is kept."""
    options: list[frozenset] = []
    run = ""

    def close():
        nonlocal run
        if len(run) >= PIECE:
            options.append(frozenset([run]))
        run = ""

    while i < len(src) and src[i] not in "|)":
        c = src[i]
        group = None
        literal = None
        if c == "(":
            group, i = _group(src, i)
        elif c == "[":
            i = _class_end(src, i)
        elif c == "\\":
            if i + 1 >= len(src):
                raise _Unknown
            e = src[i + 1]
            i += 2
            if e in _ZERO_WIDTH:
                close()
                continue
            if e in _CLASS_ESCAPES:
                pass
            elif e.isascii() and not e.isalnum() and e in _LITERAL:
                literal = e
            else:
                raise _Unknown  # \x, \u, \N, \1, \n ...: code points and back-references
        elif c in "^$":
            close()
            i += 1
            continue
        elif c == ".":
            i += 1
        elif c in _LITERAL:
            literal = c
            i += 1
        elif c in "*+?{":
            raise _Unknown  # a quantifier with nothing before it
        else:
            i += 1  # a character outside ASCII: matched as itself, not indexed
        least, i = _quantifier(src, i)
        if literal is not None and least is None:
            run += literal.lower()
            continue
        close()
        if group is not None and (least is None or least >= 1):
            options.append(group)
    close()
    if not options:
        return None, i
    # the most selective way: the longest shortest literal, then the fewest literals
    return max(options, key=lambda s: (min(map(len, s)), -len(s))), i


def _group(src: str, i: int) -> tuple[frozenset | None, int]:
    """A group at src[i] == '(': (what a match of it needs or None, index after ')')."""
    i += 1
    lookaround = False
    if src.startswith("?", i):
        if src.startswith("?:", i):
            i += 2
        elif src.startswith("?P<", i):
            i = src.index(">", i) + 1
        elif src.startswith(("?=", "?!"), i):
            i, lookaround = i + 2, True
        elif src.startswith(("?<=", "?<!"), i):
            i, lookaround = i + 3, True
        else:
            raise _Unknown  # inline flags, back-references by name, conditionals, comments
    found, i = _alternation(src, i)
    if i >= len(src) or src[i] != ")":
        raise _Unknown
    return (None if lookaround else found), i + 1


def _class_end(src: str, i: int) -> int:
    """The index after the character class that starts at src[i] == '['."""
    i += 1
    if src.startswith("^", i):
        i += 1
    if src.startswith("]", i):
        i += 1
    while i < len(src) and src[i] != "]":
        i += 2 if src[i] == "\\" else 1
    if i >= len(src):
        raise _Unknown
    return i + 1


@functools.lru_cache(maxsize=512)
def _lowered(text: str) -> tuple[str, frozenset] | None:
    """The lower-cased text and every three-letter piece of it; None when lower-casing is not
    a safe comparison for it (see the module docstring)."""
    if _CASELESS_ASCII.search(text):
        return None
    low = text.lower()
    return low, frozenset(low[k:k + PIECE] for k in range(len(low) - PIECE + 1))


class PatternIndex:
    """Patterns indexed by a piece of their required literals (see the module docstring)."""

    def __init__(self, patterns):
        self.patterns = tuple(patterns)
        self._always: set[int] = set()
        self._by_piece: dict[str, list[tuple[int, str]]] = defaultdict(list)  # piece -> (pattern, literal)
        for n, p in enumerate(self.patterns):
            need = required(p)
            if need is None:
                self._always.add(n)
            for lit in sorted(need or ()):
                self._by_piece[lit[:PIECE]].append((n, lit))
        self._keys = frozenset(self._by_piece)

    def candidates(self, text: str) -> list[int]:
        """Indices, in order, of the patterns that may match `text`; the others cannot. A piece
        in common only points at literals, which are then looked for whole."""
        lowered = _lowered(text)
        if lowered is None:
            return list(range(len(self.patterns)))
        low, pieces = lowered
        found = set(self._always)
        for piece in pieces & self._keys:
            found.update(n for n, lit in self._by_piece[piece] if n not in found and lit in low)
        return sorted(found)

    def search_any(self, text: str) -> bool:
        """Whether any of the patterns matches `text` (re.search semantics)."""
        return any(self.patterns[n].search(text) for n in self.candidates(text))
