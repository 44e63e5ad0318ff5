"""analyze(): text in, findings + structure + metrics out (the API contract).

Steps: mask quotes and signature (textprep), parse the writer's own text in
cached paragraphs (draft), give each sentence its roles (roles), compute the
metrics, run every detector, drop disabled categories and rules, number the
findings, and convert offsets to the caller's unit.
"""
from __future__ import annotations

import re

from givefirst.parse import draft as draft_mod
from givefirst.text import readability
from givefirst.roles import sentence_roles as roles
from givefirst.detectors import ALL as DETECTORS
from givefirst.rules.guards import FAVOUR
from givefirst.text.offsets import UNITS, to_unit
from givefirst.text.prepare import prepare

MAX_CHARS = 20_000
_THANKS = re.compile(r"\b(thanks|thank you|thank u|thx|ty|appreciate|grateful|lifesaver|life saver|you're a star|"
                     r"you rock|owe you|cheers for|kudos)\b", re.I)
_WORD = re.compile(r"[A-Za-z0-9À-ÖØ-öø-ÿ]+(?:['’][A-Za-z]+)?")


def _sentence_counts(s) -> tuple:
    """(normalised text, words, textstat words, syllables, is a question) of one sentence, kept
    with its cached parse (Sentence.memo): a keystroke elsewhere does not count it again."""
    memo = s.memo
    got = memo.get("metrics")
    if got is None:
        text = " ".join(s.text.split())
        got = memo["metrics"] = (text, len(_WORD.findall(text)), *readability.counts(text), s.is_question)
    return got


def _gives_favour(s) -> bool:
    """The sentence delivers or acknowledges a favour (for the undermining guards), remembered with its parse."""
    memo = s.memo
    if "favour" not in memo:
        memo["favour"] = bool(FAVOUR.search(s.text)) or roles.delivers(s)
    return memo["favour"]


def _metrics(d) -> dict:
    parts = [_sentence_counts(s) for s in d.sentences]
    words = sum(p[1] for p in parts)  # _WORD never matches across the spaces that join sentences
    grade = ease = 0.0
    if words:
        own = " ".join(p[0] for p in parts)
        # textstat's counts summed over sentences (readability.grade_and_ease(own) gives the same)
        grade, ease = readability.from_counts(sum(p[2] for p in parts), readability.sentences(own), sum(p[3] for p in parts))
        grade, ease = round(float(grade), 1), round(float(ease), 1)
    return {"words": words, "sentences": len(d.sentences), "questions": sum(p[4] for p in parts),
            "reading_grade": grade, "reading_ease": ease}


def _is_disabled(f, disabled) -> bool:
    return f.category in disabled or f.rule in disabled


def analyze(text: str, *, context: dict | None = None, offsets: str = "utf16", disabled=()) -> dict:
    """Analyse one draft. Offsets count UTF-16 units ("utf16") or code points."""
    if not isinstance(text, str):
        raise TypeError("text must be a string")
    if offsets not in UNITS:
        raise ValueError(f"offsets must be one of {', '.join(UNITS)}")
    replying_to = (context or {}).get("replying_to")
    prepared = prepare(text)
    d = draft_mod.build(text, prepared)
    roles.draft_roles(d)
    favours = [s.index for s in d.sentences if _gives_favour(s)]
    ctx = {"replying_to": replying_to, "thanked": bool(replying_to and _THANKS.search(replying_to)),
           "favour_in_draft": bool(favours), "favour_sentences": favours, "metrics": _metrics(d),
           "door_in_the_face": None}
    disabled = set(disabled or ())
    found = [f for det in DETECTORS for f in det(d, ctx) if not _is_disabled(f, disabled)]
    found.sort(key=lambda f: (f.start, f.end, f.rule))
    result = {
        "findings": [f.to_dict(f"f{i}") for i, f in enumerate(found, 1)],
        "structure": {
            "sentences": [{"start": s.start, "end": s.end, "roles": sorted(s.roles)} for s in d.sentences],
            "asks": [{"start": s.start, "end": s.end} for s in d.sentences if "ask" in s.roles],
            "offers": [{"start": s.start, "end": s.end} for s in d.sentences if "offer" in s.roles],
            "door_in_the_face": ctx["door_in_the_face"],
        },
        "metrics": ctx["metrics"],
        "ignored": prepared.ignored,
    }
    return to_unit(result, text, offsets)
