"""Phrase rules: every rule in models/rules/*.yaml that carries `patterns`.

What: undermining ("no big deal", "it only took a minute") and weak phrasing
("sorry to bother you", minimising "just", hedges, self-deprecation).
Why: these are word-level habits; the rule data lists the phrasings and a
guard (guards.py) uses the parse and the draft's context to drop lookalikes.
Source: Cialdini, Influence (reciprocity); Just Not Sorry's weak-word list.
"""
from __future__ import annotations

import functools

from givefirst.context import Context, Detected
from givefirst.findings import Rewrite
from givefirst.parse.draft import per_sentence
from givefirst.rules import rewrite as rw
from givefirst.rules import guards
from givefirst.rules.guards import Match
from givefirst.rules.catalogue import catalogue, finding, phrase_rules
from givefirst.rules.prefilter import PatternIndex


@functools.lru_cache(maxsize=1)
def _compiled() -> list:
    return [(p.id, p.rule, p.patterns, p.accepts) for p in phrase_rules()]


@functools.lru_cache(maxsize=1)
def _index() -> tuple[list[int], PatternIndex]:
    """Every rule's patterns in rule order, indexed (rules.prefilter): most sentences match no
    pattern, and the index skips the searches that cannot match. Also each pattern's rule."""
    rules = _compiled()
    return ([i for i, (_, _, pats, _) in enumerate(rules) for _ in pats],
            PatternIndex(p for _, _, pats, _ in rules for p in pats))


def _rewrites(r: dict, text: str, start: int, end: int, sent) -> list:
    return rw.for_rule(r, text, start, end, sent)


@per_sentence
def _hits(sent) -> tuple:
    """(rule index, start, end) of every pattern match in the sentence, in rule order
    (the guards still run every time, since they read the rest of the draft)."""
    norm = sent.text.replace("’", "'").replace("‘", "'")
    rule_of, index = _index()
    return tuple((rule_of[n], m.start(), m.end()) for n in index.candidates(norm)
                 for m in index.patterns[n].finditer(norm))


def detect(ctx: Context) -> Detected:
    """Findings for every pattern rule whose guard accepts the match."""
    return Detected(tuple(_findings(ctx)))


def _findings(ctx: Context):
    """Every rule's findings; a rule marked `after_thanks` runs only when the draft answers thanks:
    the message it answers thanks the writer, the draft opens by accepting thanks ("You're very
    welcome, although it really wasn't a sacrifice"), or another undermining phrase anywhere in the draft
    answered the thanks ("[No thanks required] - pulling the numbers is a ten-minute query",
    "that was zero effort, it's on my way home. [no lunch owed]")."""
    first = list(_pass(ctx, after_thanks=False, prior=()))
    yield from first
    if ctx.thanked or any(f.category == "undermining" for f in first) or guards.opens_accepting_thanks(ctx.draft):
        yield from _pass(ctx, after_thanks=True, prior=first)


def _pass(ctx: Context, after_thanks: bool, prior):
    """Findings of the rules with (or without) `after_thanks`; a phrase `prior` findings already
    cover is left to them."""
    draft = ctx.draft
    text = draft.text
    rules = _compiled()
    for sent in draft.sentences:
        taken = [(f.start, f.end, f.category) for f in prior if sent.start <= f.start < sent.end]
        once = {}
        for i, a, b in _hits(sent):
            rid, r, _, guard = rules[i]
            if bool(r.get("after_thanks")) is not after_thanks:
                continue
            start, end = sent.start + a, sent.start + b
            if any(start < e and s < end and (cat == r["category"] or cat == "undermining")
                   for s, e, cat in taken):  # one finding per phrase; undermining wins
                continue
            if guard and not guard(Match(text, start, end, sent, draft, ctx)):
                continue
            taken.append((start, end, r["category"]))
            if r.get("one_per_sentence"):
                once.setdefault(rid, []).append((start, end))
                continue
            yield finding(rid, text, start, end, _rewrites(r, text, start, end, sent))
        for rid, spans in once.items():
            yield _one_finding(rid, catalogue()[rid], text, sorted(spans), sent)


def _one_finding(rid: str, r: dict, text: str, spans: list, sent):
    """A rule marked `one_per_sentence` (hedges): one finding from the first phrase to the last,
    whose rewrite removes every one of them ("I think we should probably" -> "We should")."""
    start, end = spans[0][0], spans[-1][1]
    if len(spans) == 1:
        return finding(rid, text, start, end, _rewrites(r, text, start, end, sent))
    cuts = [rw.delete("", text, a, b, sent.start, sent.end) for a, b in spans]
    lo, hi = min(c.start for c in cuts), max(c.end for c in cuts)
    after = text
    for c in sorted(cuts, key=lambda c: c.start, reverse=True):
        after = after[: c.start] + c.replacement + after[c.end:]
    shift = len(after) - len(text)
    label = next(spec["label"] for spec in r.get("rewrites", [])) if r.get("rewrites") else "Remove"
    return finding(rid, text, start, end, [Rewrite(label, lo, hi, after[lo: hi + shift])])
