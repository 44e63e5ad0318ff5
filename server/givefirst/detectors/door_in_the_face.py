"""Door-in-the-face: a big ask followed by a smaller fallback.

What: notes a well-formed pair (info); flags a fallback that is not smaller, a
smaller ask placed before the bigger one, and a withdrawal with no smaller ask
("if not, no worries"). Why: a retreat from a large request to a smaller one
reads as a concession, and people feel obliged to concede in return
(Cialdini et al. 1975, "Reciprocal concessions procedure"). A withdrawal gives
nothing to reciprocate. Rewrites: swap the order; propose a smaller fallback
computed from the big ask's quantities.
"""
from __future__ import annotations

import re

from givefirst.roles import ask_kinds, quantities
from givefirst.roles.sentence_roles import is_withdrawal
from givefirst.context import Context, Detected
from givefirst.findings import Rewrite
from givefirst.rules.catalogue import finding

_UPGRADE = re.compile(r"^(?:and |also |but )?(?:if you have (?:more|extra|the|some more) (?:time|bandwidth|capacity)|ideally|"
                      r"even better|better yet|if possible|if you're up for it|and if you can|bonus points)\b", re.I)


# The condition after the fallback: "Even three extra days would help if two weeks is too much."
_TRAILING_CONDITION = re.compile(r",?\s+(?:if|in case)\s[^,.?!]{1,80}?\b(?:too|a stretch|a lot|out of reach|not (?:possible|"
                                 r"feasible|doable|an option))\b[^,.?!]*(?=[\s.?!)]*$)", re.I)


_ALREADY_SMALL = re.compile(r"^(?:even|just)\b", re.I)


def _without_condition(text: str) -> str:
    """'If admin is a stretch, read-only access would do' -> 'read-only access would do'; the same
    with the condition at the end. The condition's quantities are the big ask's, not the fallback's."""
    return _TRAILING_CONDITION.sub("", ask_kinds.LEAD_CONDITION.sub("", text, count=1), count=1)


def _fallback_text(ask_text: str) -> str | None:
    smaller = quantities.smaller_version(ask_text)
    return f"If that's too much, how about {smaller}?" if smaller else None


def _pairs(sents):
    """(big ask, following sentence) for each sentence that follows an ask."""
    last_ask = None
    for s in sents:
        if last_ask is not None and s is not last_ask and ("concession" in s.roles or
                                                            ("ask" in s.roles and _UPGRADE.match(s.text))):
            yield last_ask, s
        if "ask" in s.roles and "concession" not in s.roles:
            last_ask = s


def _suggest_fallback(draft):
    """A lone recurring or long time ask: suggest a computed smaller fallback (info)."""
    asks = [s for s in draft.sentences if "ask" in s.roles]
    if len(asks) != 1 or any("concession" in s.roles for s in draft.sentences):
        return
    big = asks[0]
    if _ALREADY_SMALL.match(big.text):  # "Even an hour would be a big help" is itself the small ask
        return
    amount = quantities.parse(big.text)
    if amount.minutes is None or (amount.per_week is None and amount.minutes < 60):
        return
    fb = _fallback_text(big.text)
    if fb:
        yield finding("door-in-the-face.suggest-fallback", draft.text, big.start, big.end,
                      [Rewrite("Add a smaller fallback", big.end, big.end, " " + fb)])


def detect(ctx: Context) -> Detected:
    """Findings for fallbacks, and the first well-formed pair as the response's structure."""
    draft, text = ctx.draft, ctx.draft.text
    found, pair = list(_suggest_fallback(draft)), None
    for big, nxt in _pairs(draft.sentences):
        if "ask" not in nxt.roles:  # a withdrawal ("If not, no worries."), or a plan B of the writer's own
            if not is_withdrawal(nxt.text):
                continue
            fb = _fallback_text(big.text)
            rewrites = [Rewrite("Offer a smaller ask", nxt.start, nxt.end, fb)] if fb else []
            found.append(finding("door-in-the-face.withdrawal", text, nxt.start, nxt.end, rewrites))
            continue
        smaller, ratio = quantities.compare(quantities.parse(big.text), quantities.parse(_without_condition(nxt.text)))
        upgrade = bool(_UPGRADE.match(nxt.text))
        if upgrade or smaller is False:
            bigger = _UPGRADE.sub("", nxt.source, count=1).lstrip(" ,")
            smaller_ask = big.source[:1].lower() + big.source[1:] if not big.source.startswith("I ") else big.source
            swap = Rewrite("Ask the bigger one first", big.start, nxt.end,
                           bigger[:1].upper() + bigger[1:] + text[big.end:nxt.start] + "If that's too much, " + smaller_ask)
            rule = "door-in-the-face.order" if upgrade else "door-in-the-face.not-smaller"
            found.append(finding(rule, text, nxt.start, nxt.end, [swap] if upgrade else []))
            continue
        if smaller is None and not ask_kinds.says_smaller_than(nxt.text, big.text):
            continue  # an equal alternative ("otherwise at home", "a recorded video ... if not, a recorded video on
            # Tuesday") or an instruction for when it fails
        if pair is None:
            pair = {"ask": {"start": big.start, "end": big.end},
                    "concession": {"start": nxt.start, "end": nxt.end}, "ratio": ratio}
            found.append(finding("door-in-the-face.noted", text, nxt.start, nxt.end))
    return Detected(tuple(found), {"door_in_the_face": pair})
