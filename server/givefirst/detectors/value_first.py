"""Value first: an ask that comes before anything is given.

What: flags the first ask when no sentence before it gives the reader value (a
finding, an artifact, help, credit, a tailored favour). Why: reciprocity — a
request that follows something given is far more likely to be granted than the
same request made cold. Source: Cialdini, Influence, ch. 2; Grant, Give and Take.
Rewrite: move value the draft already has (later, or in a P.S.) ahead of the
ask; otherwise insert a placeholder lead-in for the writer to fill in.
"""
from __future__ import annotations

import re

from givefirst.context import Context, Detected
from givefirst.findings import Rewrite
from givefirst.rules.catalogue import finding

_PS = re.compile(r"^(?:p\.?\s?s\.?|ps)[:,.-]?\s*", re.I)
PLACEHOLDER = "[First, something useful for them: a finding, a file, or help you've done.] "


def _separator(text: str, before: int, at: int) -> str:
    gap = text[before:at]
    return "\n\n" if gap.count("\n") >= 2 else "\n" if "\n" in gap else " "


def _move_value(text: str, ask, values: list, sentences: list) -> Rewrite:
    """Replace [ask.start, last value end) with the value sentences first, then the rest."""
    end = values[-1].end
    moved = " ".join(_PS.sub("", v.source, count=1) for v in values)
    moved = moved[:1].upper() + moved[1:]
    keep, cursor = [], ask.start
    for v in values:
        prev_end = max(s.end for s in sentences if s.end <= v.start)
        keep.append(text[cursor:prev_end])
        cursor = v.end
    rest = "".join(keep).rstrip()
    sep = _separator(text, sentences[ask.index - 1].end, ask.start) if ask.index else " "
    sep = sep if sep.strip() == "" and "\n" in sep else " "
    return Rewrite("Lead with what you give", ask.start, end, f"{moved}{sep}{rest}")


def detect(ctx: Context) -> Detected:
    """Flag the first ask when nothing of value comes before it."""
    return Detected(tuple(_findings(ctx.draft)))


def _findings(draft):
    sents = draft.sentences
    first = next((s for s in sents if "ask" in s.roles), None)
    if first is None or any("offer" in s.roles for s in sents[: first.index]):
        return
    later = [s for s in sents[first.index + 1:] if "offer" in s.roles and "ask" not in s.roles]
    rewrites = [_move_value(draft.text, first, later, sents)] if later else []
    rewrites.append(Rewrite("Add a lead-in", first.start, first.start, PLACEHOLDER))
    yield finding("value-first.ask-first", draft.text, first.start, first.end, rewrites)
