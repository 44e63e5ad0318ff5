"""Ask kinds: a favour or a routine ask, with a confidence (models/patterns/ask_kinds.yaml).

A favour costs the reader discretionary time, effort, money, reputation or
social capital (a review, an introduction, funding, speaking, help beyond
their role, an exception); a routine ask is part of their job or of an
exchange they started. Reciprocity matters for favours, so value-first looks
only at them. The cues are data with examples (tests/test_ask_kinds.py);
an ask no cue claims is routine, because most real work email asks are.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from givefirst.parse.draft import per_sentence
from givefirst.resources import load_yaml
from givefirst.roles.sentence_roles import normalise


@dataclass(frozen=True)
class AskKind:
    kind: str                 # "favour" or "routine"
    confidence: float
    cue: str | None = None    # the favour cue's id
    reason: str | None = None  # "asks for their review"
    value: str | None = None   # a lead-in that offers a fitting kind of value


@functools.lru_cache(maxsize=1)
def _routine_emails() -> list:
    return [re.compile(p, re.I) for p in load_yaml("patterns/ask_kinds.yaml").get("routine_emails", {}).get("patterns", [])]


def routine_email_examples() -> list[str]:
    return load_yaml("patterns/ask_kinds.yaml").get("routine_emails", {}).get("examples", [])


def is_routine_email(text: str) -> bool:
    """A workflow notice ("reports waiting for your approval"): every ask in it is the reader's job."""
    norm = normalise(text)
    return any(p.search(norm) for p in _routine_emails())


@functools.lru_cache(maxsize=1)
def _cues() -> tuple:
    data = load_yaml("patterns/ask_kinds.yaml")
    unless = [re.compile(p, re.I) for p in data.get("unless", [])]
    cues = [(c, [re.compile(p, re.I) for p in c["patterns"]]) for c in data["cues"]]
    return unless, cues, float(data["routine_confidence"])


def examples() -> list[dict]:
    """Every cue's examples: {"cue", "kind", "text"}."""
    return [{"cue": c["id"], "kind": kind, "text": text}
            for c in load_yaml("patterns/ask_kinds.yaml")["cues"]
            for kind, texts in c.get("examples", {}).items() for text in texts]


def kind_of_text(text: str) -> AskKind:
    unless, cues, routine = _cues()
    norm = normalise(text)
    if not any(p.search(norm) for p in unless):
        for cue, patterns in cues:
            if any(p.search(norm) for p in patterns):
                return AskKind("favour", float(cue["confidence"]), cue["id"], cue["reason"], cue["value"])
    return AskKind("routine", routine)


@per_sentence
def kind_of(sent) -> AskKind:
    """The kind of the ask this sentence makes (meaningful only for sentences with the ask role)."""
    return kind_of_text(sent.text)


def kind_in(draft, sent) -> AskKind:
    """kind_of(sent) in its email: routine throughout a workflow notice (see is_routine_email)."""
    kind = kind_of(sent)
    if kind.kind == "favour" and is_routine_email(draft.prepared.text[: draft.prepared.own_end]):
        _, _, routine = _cues()
        return AskKind("routine", routine)
    return kind
