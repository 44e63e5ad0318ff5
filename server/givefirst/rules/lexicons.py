"""Named lexicons: word lists defined once, in models/lexicons/NAME.yaml, and used by name.

A lexicon file holds a `description` and `entries`: regular-expression fragments,
most of them plain words or phrases ("thanks", "thank you", "that's (fine|ok)"),
matched case-insensitively. A pattern anywhere in the rule data (`patterns` and
`unless` in models/rules/*.yaml, models/patterns/roles.yaml) or in Python names a
lexicon with a `{{NAME}}` placeholder; expand() replaces it, when the data is
loaded, with the group `(?:entry|entry|...)` in file order. Entries may use
placeholders too. Python that checks single tokens against a list uses words().

    >>> compile("{{thanks}}").search("Cheers for the notes!") is not None
    True
"""
from __future__ import annotations

import functools
import re

from givefirst.resources import load_yaml, models_dir

PLACEHOLDER = re.compile(r"\{\{([a-z][a-z0-9-]*)\}\}")
_PLAIN = re.compile(r"^[\w'’ -]+$")


def names() -> list[str]:
    """Every lexicon's name (its file name without .yaml)."""
    return sorted(p.stem for p in (models_dir() / "lexicons").glob("*.yaml"))


@functools.lru_cache(maxsize=None)
def entries(name: str) -> tuple[str, ...]:
    """The lexicon's entries as written."""
    try:
        data = load_yaml(f"lexicons/{name}.yaml")
    except FileNotFoundError:
        raise KeyError(f"no lexicon {name!r} (models/lexicons/{name}.yaml)") from None
    return tuple(str(e) for e in data["entries"])


@functools.lru_cache(maxsize=None)
def group(name: str) -> str:
    """The lexicon as one non-capturing group: `(?:entry|entry|...)`, placeholders expanded."""
    return _group(name, ())


def _group(name: str, outer: tuple) -> str:
    if name in outer:
        raise ValueError(f"lexicon {name!r} includes itself: {' -> '.join(outer + (name,))}")
    return "(?:" + "|".join(_expand(e, outer + (name,)) for e in entries(name)) + ")"


def _expand(pattern: str, outer: tuple) -> str:
    return PLACEHOLDER.sub(lambda m: _group(m.group(1), outer), pattern)


def expand(pattern: str) -> str:
    """The pattern with every `{{NAME}}` replaced by that lexicon's group."""
    return PLACEHOLDER.sub(lambda m: group(m.group(1)), pattern)


@functools.lru_cache(maxsize=None)
def compile(pattern: str, flags: int = re.I) -> re.Pattern:
    """re.compile(expand(pattern), flags), cached; case-insensitive unless flags say otherwise."""
    return re.compile(expand(pattern), flags)


@functools.lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """The lexicon's entries as a set of lower-case words or phrases, for checking tokens.
    Every entry must then be plain text (no regular-expression syntax)."""
    out = set()
    for e in entries(name):
        if not _PLAIN.match(e):
            raise ValueError(f"lexicon {name!r}: {e!r} is a pattern, not a word")
        out.add(e.lower())
    return frozenset(out)
