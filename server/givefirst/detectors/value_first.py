"""Value first: a favour asked before anything is given.

What: flags the first favour ask (roles.ask_kinds: a review, an introduction,
money, time beyond the reader's job) when no sentence before it gives the
reader value (a finding, an artifact, help, credit, a tailored favour, or an
answer to thanks for help already given).
Routine asks (a file, a meeting time, access that is the reader's job) are
never flagged: a coach that asks for value before every request is switched
off. Why: reciprocity: a favour that follows something given is far more
likely to be granted than the same favour asked cold. Source: Cialdini,
Influence, ch. 2; Grant, Give and Take. Rewrite: move value the draft already
has (later, or in a P.S.) ahead of the ask; otherwise a lead-in that names a
kind of value fitting the favour, for the writer to fill in.
"""
from __future__ import annotations

import re

from givefirst.context import Context, Detected
from givefirst.findings import Rewrite
from givefirst.roles import ask_kinds
from givefirst.rules import guards
from givefirst.rules.catalogue import finding

_PS = re.compile(r"^(?:p\.?\s?s\.?|ps)[:,.-]?\s*", re.I)


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


def _answers_thanks_first(ctx: Context, first) -> bool:
    """The draft accepts thanks before it asks ("You're welcome! ... Would you consider..."): it points
    back at the favour the writer gave, which is value given first (LABELING.md)."""
    if not (ctx.thanked or guards.opens_accepting_thanks(ctx.draft)):
        return False
    return any(guards.answers_thanks_in(s.text) for s in ctx.draft.sentences[: first.index])


def detect(ctx: Context) -> Detected:
    """Flag the first favour ask when nothing of value comes before it."""
    sents = ctx.draft.sentences
    first = next((s for s in sents if "ask" in s.roles and ask_kinds.kind_in(ctx.draft, s).kind == "favour"), None)
    if first is None or any("offer" in s.roles for s in sents[: first.index]):
        return Detected()
    if _answers_thanks_first(ctx, first):
        return Detected()
    kind = ask_kinds.kind_in(ctx.draft, first)
    later = [s for s in sents[first.index + 1:] if "offer" in s.roles and "ask" not in s.roles]
    rewrites = [_move_value(ctx.draft.text, first, later, sents)] if later else []
    rewrites.append(Rewrite("Add a lead-in", first.start, first.start, kind.value))
    message = f"This ask is a favour ({kind.reason}), and it comes before you have given them anything."
    return Detected((finding("value-first.ask-first", ctx.draft.text, first.start, first.end, rewrites, message),))
