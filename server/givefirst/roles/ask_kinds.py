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
from givefirst.roles import quantities
from givefirst.roles.sentence_roles import is_withdrawal, normalise, sentence_roles, states_a_want
from givefirst.rules import lexicons


@dataclass(frozen=True)
class AskKind:
    kind: str                 # "favour" or "routine"
    confidence: float
    cue: str | None = None    # the favour cue's id
    reason: str | None = None  # "asks for their review"
    value: str | None = None   # a lead-in that offers a fitting kind of value


# Words that say a fallback asks less ("a pilot", "the first chapter", "alone"), where its quantities
# can't be compared with the big ask's. Door-in-the-face also takes a bare "just"/"only" and
# "would still help" (says_smaller_than); a retreat that marks a favour does not, since equal
# alternatives use them too ("could we just do Wednesday?").
# the recorded stand-in for a talk: "a five-minute video message"
_STAND_IN_WORDS = (r"a (?:one|two|three|five|ten|fifteen|\d{1,2})[- ]minute (?:pre-?recorded |recorded |video )?(?:video|recording|message|greeting|clip)|"
                   r"a (?:short )?(?:pre-?recorded|recorded) (?:video|message|talk|greeting)|a (?:short )?video (?:message|greeting)")
_STAND_IN = re.compile(r"\b(?:" + _STAND_IN_WORDS + r")\b", re.I)
_GIFT = re.compile(r"\b(?:donate|donating|donation|give us|gift|buy us)\b", re.I)
_LOAN = re.compile(r"\b(?:borrow(?:ing)?|lend(?:ing)?|lent|loan(?:ing|ed)?)\b", re.I)
# A remote or written stand-in for an ask made in person: "Could you see her in clinic this week? If your list is
# full, a telephone discussion would be very helpful", "If a meeting is not possible, could I send you five questions by email?"
_IN_PERSON = re.compile(r"\b(?:visit|in person|on[- ]site|come (?:in|over|up|down|to)|fly (?:in|out|over)|in (?:the )?clinic|host|tour|"
                        r"sit down|(?:minutes|an hour|half an hour) with you|a meeting|meet (?:up|in person)|for (?:two|three|\d+) days)\b", re.I)
# "If not, call me": an instruction for the case the ask fails, no stand-in for it
_CONTACT = re.compile(r"\b(?:call|ring|phone|e-?mail|text|contact|message) (?:me|us)\b", re.I)
_REMOTE = re.compile(r"\b(?:(?:by|over|via) (?:e-?mail|phone|the phone|video|zoom|teams)|on the phone|a (?:quick |short |brief )?(?:phone|telephone|video) "
                     r"(?:call|discussion|chat|walkthrough|walk-through)|a telephone call|(?:an?|one)[- ](?:hour|\d+-minute) video)\b", re.I)
_OVER_BUDGET_INSTEAD = lexicons.compile(r"^(?:and |but )?{{over-budget}}\b[^.?!]*\binstead\b")
_SMALLER_WORDS = (r"at (?:the )?(?:very )?least|at a minimum|even|a (?:quick|short|shorter|smaller|first|brief)|" + _STAND_IN_WORDS + "|"
                  # a line or two instead of the piece itself, a visit instead of the whole event
                  r"a (?:one|two|three|single|few)[- ](?:line|sentence|paragraph)|start (?:by|with)|begin (?:by|with)|"
                  r"one (?:of|chapter|section|part|page|team)|part of|the first|a pilot|a trial|half|a subset|some of|"
                  r"read-only|a few|alone|smaller|start small|scaled-down|settle for|second best|a couple of (?:lines|sentences|words)")
_SMALLER_IN_WORDS = re.compile(r"\b(?:just|only|" + _SMALLER_WORDS + r"|for now|"
                               r"(?:get|see) (?:us|me|them) through the worst|tide (?:us|me|them) over|(?:cover|handle|fix|solve) most of|"
                               r"would (?:already|still) mean (?:a lot|so much|the world|a great deal)|would (?:still|already) make a (?:big |real |huge )?difference|"
                               r"would already (?:reduce|cut|cover|save|ease|halve)|"
                               r"would (?:still|already|also) (?:help|change a lot|be (?:very |really )?(?:great|useful|helpful|welcome|valuable|"
                               r"appreciated|a (?:big |huge |great )?help))|(?:would|will|should) (?:still )?(?:be (?:enough|plenty|sufficient)|suffice)|"
                               r"(?:trial|pilot|test) it|smaller option)\b", re.I)
_SMALLER_IN_WORDS_ALONE = re.compile(r"\b(?:" + _SMALLER_WORDS + r"|(?:just|only) (?:the|one|a|an|part)|would (?:still )?(?:be enough|suffice))\b", re.I)


# A fallback whose condition says the first ask may be too big ("If that's too much, ...", "If 40 minutes is
# more than you can give, ...", "Short of that, ..."): it offers less by its own account.
_TOO_BIG = lexicons.compile(r"^(?:and |but |or,? )?(?:if (?:that|this|it|[\w' -]{1,40}?)(?:'s| is| are| seems(?: like)?| sounds(?: like)?| feels(?: like)?| would be)"
                            r"(?: a bit| way| rather| somewhat| perhaps)? (?:too (?:big|tight|long|many|soon|steep|heavy|high)|{{too-much}}|"
                            r"beyond|over|outside)|short of that|"
                            r"failing that|should (?:that|this|it) be (?:too|a bit)|should (?:a|an|the) [\w -]{1,30}? be (?:{{too-much}})|if not (?:the )?(?:whole|full|entire|complete)\b|"
                            r"if (?:a |the )?(?:full|whole|entire|complete) [\w-]+ (?:isn't|is not|won't be|is) (?:workable|possible|feasible|doable|"
                            r"realistic|an option|too))\b")


_ONLY = re.compile(r"\b(?:just|only|even)\b", re.I)
# The fallback grants that the ask before it takes a whole day: "I appreciate that's a full day in exam season, so
# alternatively, could you open the panel?"
_GRANTS_BIG = re.compile(r"\b(?:that's|that is|it's|it is|this is) a (?:full|whole|long) (?:day|week)\b[^.?!]*\b(?:so|in that case),? "
                         r"(?:alternatively|instead|perhaps|maybe)\b", re.I)
# A fallback that asks for the whole of something the first ask did not: "Could you send the one-page rubric?
# Failing that, could you share the full assessor guidance?" asks more, whatever its condition says.
_WHOLE = re.compile(r"\b(?:the|a|an|your|our|their) (?:full|whole|entire|complete)\b(?! (?:day|afternoon|morning|evening|week|hour|session)\b)", re.I)  # not "your diary is full"
# The condition that opens a fallback ("If that's too much, ..."): door_in_the_face reads the fallback without it.
LEAD_CONDITION = re.compile(r"^(?:and |but |or,? )?(?:if|otherwise|failing that|alternatively|unless|should|short of that|"
                            r"barring that)\b[^,]{0,80},\s*", re.I)


def says_smaller_than(text: str, big: str) -> bool:
    """The fallback says in words that it asks less ("the first chapter alone"), or its condition says
    the ask before it may be too much ("If that's a stretch, ..."). Words the big ask uses too do not
    count ("a two-line summary by noon? If not, a two-line summary by 3pm" is an equal alternative),
    and a bare "just", "only" or "even" counts only after an ask with a size ("the whole draft",
    "for a week"), or as "even" before a size of its own: after "Could you send the tracking
    number?", "Just the number would be super helpful" says what is wanted, not that it is less."""
    if _GRANTS_BIG.search(text):
        return True
    if (_WHOLE.search(LEAD_CONDITION.sub("", text, count=1)) and not _WHOLE.search(big)
            and not _SMALLER_IN_WORDS.search(text)):  # "at least join the full opening session" is still less
        return False
    if _TOO_BIG.match(normalise(text)):
        return True
    if _GIFT.search(big) and _LOAN.search(text) and not _LOAN.search(big):  # a loan instead of a gift
        return True
    if _REMOTE.search(text) and _IN_PERSON.search(big) and not _REMOTE.search(big) and not _CONTACT.search(text):  # a call instead of a visit
        return True
    if _OVER_BUDGET_INSTEAD.match(normalise(text)):  # "If a table isn't in the budget, could you share the event instead?"
        return True
    lower = big.lower()
    words = [m.group(0).lower() for m in _SMALLER_IN_WORDS.finditer(text) if m.group(0).lower() not in lower]
    if not words:
        return False
    # "Even 30 minutes a month would help" names its own size: less than an open-ended ask
    return (any(not _ONLY.fullmatch(w) for w in words) or quantities.parse(big).sized
            or ("even" in words and quantities.parse(text).sized))


def _following(draft, sent):
    """The next ask, concession or withdrawal within the two sentences after this ask, or None: a
    reason may come between ("Could you reserve two trucks every Monday? Our volume is going up. If
    that's too much, ...")."""
    for nxt in draft.sentences[sent.index + 1: sent.index + 3]:
        if "ask" in nxt.roles or "concession" in nxt.roles or is_withdrawal(nxt.text):
            return nxt
    return None


@functools.lru_cache(maxsize=1)
def _beyond_role() -> tuple:
    data = load_yaml("patterns/ask_kinds.yaml")["beyond_role"]
    kind = AskKind("favour", float(data["confidence"]), "beyond-role", data["reason"], data["value"])
    return [re.compile(p, re.I) for p in data["patterns"]], kind


def says_beyond_role(text: str) -> bool:
    """The sentence says the ask is outside the reader's job ("I know infra isn't your team anymore")."""
    patterns, _ = _beyond_role()
    norm = normalise(text)
    return any(p.search(norm) for p in patterns)


def _offers_a_way_out(sent, nxt) -> bool:
    """The next sentence retreats from this ask: a smaller fallback ask ("If that's too much, could
    you do the first chapter?", "If not, maybe just the Saturday mornings?") or a withdrawal ("If
    not, no worries"). A writer who expects a no knows the ask is a favour; an equal alternative
    ("If not, could we do Wednesday?") is no retreat."""
    text = normalise(nxt.text)
    if "ask" not in nxt.roles:
        return bool(_RELEASES.search(text))
    if "ask" not in sentence_roles(sent) and states_a_want(sent):
        return False  # a want stated as news ("We'd like to move our delivery to Thursdays"): its fallback says nothing of a favour
    if _TOO_MUCH_AFTER.search(text):  # "How about the first two weeks, if a full quarter is too much?"
        return True
    if _TOO_MUCH_FOR_YOU.match(text):
        return True
    if not _BACK_TO_THE_ASK.match(text):
        return False  # "If the file is too big, ...": a condition about something else
    if _STAND_IN.search(nxt.text):  # "Or, if your diary is full, would you record a video message?"
        return True
    big = quantities.parse(sent.text)
    if not big.sized:
        return False  # nothing in the ask to be smaller than: "If not, could we just do Wednesday?"
    smaller, _ = quantities.compare(big, quantities.parse(nxt.text))
    return smaller is True or bool(_SMALLER_IN_WORDS_ALONE.search(nxt.text))


# A retreat's condition points back at the ask itself ("If that's too much", "If not", "Failing that"),
# or at the reader's means ("If your diary won't allow it", "If you're slammed").
_BACK_TO_THE_ASK = re.compile(r"^(?:and |but |or,? )?(?:if (?:not|that|this|it|full|a full|the full|the whole|a whole|a refund|the refund)\b|otherwise\b|"
                              r"failing that|short of that|barring that|should (?:that|this|it|your)\b|"
                              r"if (?:your|the) (?:schedule|diary|calendar|budget|time|timing|workload)\b|"
                              r"if you(?:'re| are) (?:slammed|swamped|busy|stretched|pressed|short)|if time(?:'s| is) tight|"
                              r"if you(?:'re| are) not (?:ready|able|comfortable|keen|sure)|"
                              r"if [\w' -]{1,30}? (?:isn't|is not|aren't|are not|won't be) (?:possible|feasible|doable|workable|an option)|"
                              r"if there(?:'s| is) no (?:room|budget|capacity|time)|if you(?:'d| would) rather|if you (?:can )?only (?:manage|spare|make it for))", re.I)
# The condition says the ask may be too much for the reader, not that something else is too big.
_TOO_MUCH_FOR_YOU = lexicons.compile(r"^(?:and |but |or,? )?(?:if|should) (?:that|this|it|an? (?:call|meeting|visit|interview|talk|keynote|session))(?:'s| is| seems| would be| feels)"
                                      r"(?: a bit| way| rather| somewhat| perhaps)? (?:{{too-much}})\b|"
                                      # "If staffing won't stretch that far": the ask may be more than they have
                                      r"^(?:and |but )?if (?:the |our |your )?(?:budget|staffing|funding|headcount|capacity|money|resources|time|schedule|diary|"
                                      r"calendar|team) (?:won't|will not|can't|cannot) stretch (?:that far|to (?:that|it|this))\b")
# The same condition after the fallback, pointing back at the ask or at its size.
_TOO_MUCH_AFTER = lexicons.compile(r",\s*(?:if|in case) (?:that|this|it|(?:a|the) (?:full|whole|entire) [\w -]{1,30}?)(?:'s| is| seems| would be| feels)"
                                    r"(?: a bit| way| rather)? (?:{{too-much}})\W*$")
# A withdrawal of the ask ("If not, no worries", "No pressure if you can't"): not "don't worry about the format".
_RELEASES = re.compile(r"^(?:and |but )?if (?:not|you can't|you cannot|you're too busy|it's a no)\b|"
                       r"\b(?:no worries|no pressure|no problem|totally fine|completely understand|i'd understand|"
                       r"i understand|i completely understand|i totally understand)(?: at all)? if (?:not|you can't|you cannot|"
                       r"you're (?:too )?busy|you'd rather not|it's (?:too much|a no)|you don't have (?:the )?time)\b", re.I)


@functools.lru_cache(maxsize=1)
def _routine_emails() -> list:
    return [re.compile(p, re.I) for p in load_yaml("patterns/ask_kinds.yaml").get("routine_emails", {}).get("patterns", [])]


def routine_email_examples() -> list[str]:
    return load_yaml("patterns/ask_kinds.yaml").get("routine_emails", {}).get("examples", [])


@functools.lru_cache(maxsize=256)  # asked once per favour ask; a draft's text is the same each time
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


_TOO_MUCH = AskKind("favour", 0.6, "too-much", "asks for something you expect may be too much",
                    "[First, something for them: what their yes makes possible, or what you have done already.] ")


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
    """kind_of(sent) in its email: a favour when the next sentence retreats from it (a smaller
    fallback or "if not, no worries": the writer knows it is a favour); routine throughout a workflow notice
    (see is_routine_email). Read once per sentence of a draft whose roles are set."""
    if sent.index not in draft.kinds:
        draft.kinds[sent.index] = _kind_in(draft, sent)
    return draft.kinds[sent.index]


def _kind_in(draft, sent) -> AskKind:
    kind = kind_of(sent)
    nxt = _following(draft, sent) if kind.kind == "routine" else None
    if nxt is not None and _offers_a_way_out(sent, nxt):
        kind = _TOO_MUCH
    elif kind.kind == "routine" and any(says_beyond_role(s.text) for s in draft.sentences[max(0, sent.index - 1): sent.index + 2]):
        kind = _beyond_role()[1]
    if kind.kind == "favour" and is_routine_email(draft.prepared.text[: draft.prepared.own_end]):
        _, _, routine = _cues()
        return AskKind("routine", routine)
    return kind
