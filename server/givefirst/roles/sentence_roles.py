"""Sentence roles: which sentences ask, which give value, which concede.

An *ask* requests action, time, input, approval, access or a decision from the
reader; an *offer* gives the reader something (a finding, an artifact, help,
credit). Cue patterns (models/patterns/roles.yaml) catch the phrasings; the
parse catches bare imperatives ("Send me the logs"), where the root verb is a
base form with no subject. Offers are checked first, because "Would you like
me to send it?" looks like a modal question but asks nothing of the reader.
"""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

from givefirst.roles import classifier
from givefirst.parse.draft import QUOTED, per_sentence
from givefirst.parse.pipeline import lemma
from givefirst.resources import load_yaml
from givefirst.rules import lexicons
from givefirst.rules.prefilter import PatternIndex

_LEAD = lexicons.compile(r"^(?:{{greetings}}\s+[\w.-]+[,!:]?\s+|(?:{{interjections}}|{{greetings}}|and|so|also|but|actually|quick question|"
                         r"one more thing|p\.?s\.?)[,:!-]?\s+|[^\w\s\"'“‘($£€#@]+\s*)+", 0)  # and emoji or symbols: "😬 if not, could you..."
_NOT_IMPERATIVE = {"see", "find", "understand", "get", "talk", "speak", "ignore", "count", "guess", "imagine", "picture",
                   "relax", "rest", "celebrate", "have", "enjoy", "thank", "thanks", "feel", "welcome", "congrats", "stay",
                   "hope", "excuse", "forgive", "pardon", "wish", "note", "rest", "fear", "worry", "mind", "bear"}
_WITHDRAWAL = lexicons.compile(r"\b{{withdrawals}}\b", 0)  # on normalise()d text

# Something handed over: it counts as value even in a sentence about the writer's own news.
_ARTIFACT = re.compile(r"\b(?:attached|attaching|enclosed|here is|here's|here are|linked|i've attached|we've attached)\b")
# After a withdrawal, a smaller fallback in the same sentence that says what it would do: the writer
# still asks, for less ("I understand if not — even chapter 3 would help"; not "just let me know by Friday").
_THEN_SMALLER = re.compile(r"\b(?:even|at least|just|only)\b(?! (?:let me know|tell me|say|reply|drop me))[^.?!]{0,80}\b"
                           r"(?:would|will|could) (?:still |really |already |itself |also )?(?:be|help|work|go|mean|make)\b|"
                           r"\bwould (?:still|already) (?:mean a lot|mean the world|help)\b|"
                           # "I understand your diary is full, so as a smaller option, would you record a video?"
                           r"\b(?:as )?a (?:smaller|lighter|shorter) (?:option|alternative|ask)\b[^.?!]*\?|"
                           # "I completely understand if that's hard to arrange; in that case, could I ask you a few questions?"
                           r"\bin that case,? (?:could|would|can|might) (?:i|we|you)\b[^.?!]*\?")
# asking leave to give less: "could I send you five questions by email instead?" (not "would you like me to...")
_PERMISSION_INSTEAD = re.compile(r"\b(?:could|can|may|might) (?:i|we) [^?]*\binstead\b")
# ... or after a condition that says the first ask may be too much: "If that's too big a commitment,
# could I send you my quarterly goals by email?"
_TOO_MUCH_LEAD = re.compile(r"^(?:and |but )?if (?:that|this|it)(?:'s| is| would be| seems| feels)(?: a bit| way| rather| perhaps)? "
                            r"(?:too (?:much|big|many|long)|a lot|a big (?:ask|commitment)|asking (?:a lot|too much))\b[^.?!]*,\s*(?:could|can|may|might) (?:i|we)\b")
_FALLBACK = re.compile(r"\b(would (already |still |really |definitely |also |at least )?[a-z]+|let's|let us|i'd|we'd|i could|we could|"
                       # after the first ask is refused: "If a fixed price is not possible, then as a minimum I need 60 days' notice"
                       r"^(if|should)\b[^.?!,]*\b(not|n't|no|impossible|too)\b[^.?!]*,\s*(then )?(at (the very |a )?(minimum|least)|as a minimum),? (i|we) (really |still |would )?need\b|"
                       r"(maybe|perhaps) (only|just)|(is|are|'s) (enough|plenty|fine|sufficient)|"
                       r"works? (too|as well|also|for (us|me))|(also|still) works?|"
                       r"(will|would|'d|'ll|is|are|'s) (also |still )?(be )?(also |still )?(very |really |super |so |hugely |incredibly |extremely |massively )?(ok|okay|fine|enough|great|ideal|amazing|perfect|plenty|helpful|useful|valuable)"
                       r"( too| as well)?|"
                       r"(i|we) (could|can) (start|begin|do|take|try|just|cover|handle|pilot|test|run|ship)|how about|what about|"
                       r"(i'd|i would) (love|settle for|ask for|take|be happy with)|maybe (we|you) (can|could)|"
                       r"would (also |still |already )?(go a long way|make a (real |big |huge )?difference|change a lot|cover)|"
                       r"(would|will) (also |still )?be (very |really |most )?(welcome|appreciated|valuable)|"
                       # an elliptical fallback: "If not, at least the migration file", "If not, $50 covers a welcome box"
                       r"(at least|even just|just|only) (the|a|an|one|part|some|your|do|send|get|give|cover|take|finish|review|check|read|make|try)|"
                       r"then (only|just) )\b|"
                       r"(?<!\S)[$£€]\d[\d,.]*k? (would |will |alone )?(covers?|buys?|funds?|pays? for|provides?)\b|"
                       # the part that matters named in its place: "the safety section alone is what we need most"
                       r"\b(is|are) (what|all) (we|i) (really )?need\b|\b(is|are) (the|my|our) (top |first |main |real |biggest )?priority\b|"
                       r"\b(is|are) the (most )?(urgent|important|critical|essential|pressing) (ones?|parts?|bits?|pages?|sections?)\b|"
                       r"\b(is|are) where (i|we) (most |really )?need\b|"
                       r"\b(is|are) the (one|part|bit|section|chapter)s? (i'm|i am|we're|we are) (most )?(worried|concerned|unsure) about\b")


@functools.lru_cache(maxsize=1)
def _cues() -> dict:
    data = load_yaml("patterns/roles.yaml")
    return {k: PatternIndex(lexicons.compile(p) for p in v) for k, v in data.items() if k != "examples"}


def examples() -> list[dict]:
    """roles.yaml's examples: a text and the roles of its last sentence."""
    return load_yaml("patterns/roles.yaml").get("examples", [])


def _any(kind: str, text: str) -> bool:
    return _cues()[kind].search_any(text)


_NO_APOSTROPHE = re.compile(r"\b(that|it|there|what|who)s\b|\b(don|can|won|isn|aren|doesn|didn|wasn)t\b")


def is_withdrawal(text: str) -> bool:
    """'If not, no worries': the writer takes the ask back instead of offering less."""
    return bool(_WITHDRAWAL.search(normalise(text)))


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, and "thats"/"dont" spelt with one."""
    text = re.sub(r"[’‘`´]", "'", text).strip().lower()
    return _NO_APOSTROPHE.sub(lambda m: (m.group(1) + "'s") if m.group(1) else (m.group(2) + "'t"), text)


def is_imperative(span) -> bool:
    """A bare command: the first verb is a base form with no subject, and only
    'please', 'do(n't)', interjections or adverbs come before it."""
    if sum(t.is_alpha for t in span) < 2:
        return False
    verb = next((t for t in span if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass", "neg")), None)
    if verb is None or verb.tag_ != "VB" or lemma(verb) in _NOT_IMPERATIVE or verb.lower_ in _INTERJECTIONS:
        return False
    if verb.dep_ in ("advcl", "amod", "acl", "relcl", "npadvmod", "compound", "nmod", "csubj", "csubjpass", "nsubj",
                     "nsubjpass"):
        return False  # "haha no worries, it only took a minute": a misparsed lead, not the command
    if verb.i + 1 < span.end and span.doc[verb.i + 1].lower_ in ("'s", "’s"):  # "deploy's done": a noun
        return False
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj"):
            return False
        if c.dep_ == "aux" and not (lemma(c) == "do" and c.i == span.start):  # "Don't mention it yet."
            return False
    if verb.i + 1 < span.end and span.doc[verb.i + 1].text == ":":  # "Most likely cause: a race condition"
        return False
    lead = [t for t in span if t.i < verb.i and not t.is_punct]
    if any(t.pos_ not in ("INTJ", "ADV", "PART", "SCONJ", "CCONJ", "PROPN") and t.lower_ not in ("please", "pls", "do")
           for t in lead):
        return False
    if lemma(verb) == "let":
        after = [t.lower_ for t in span if t.i > verb.i][:2]
        return after[:1] == ["'s"] or after[:1] == ["us"] or after == ["me", "know"]
    return True


# spaCy tags some of these as verbs ("Thanks", "Hey"): no commands
_INTERJECTIONS = frozenset().union(*(lexicons.words(n) for n in ("interjections", "greetings", "replies", "thanks")))

_PERCEIVE = {"notice", "see", "hear", "read", "learn", "spot"}
_NOT_GIVING = {"want", "think", "feel", "hope", "wonder", "need", "try", "mean", "forget", "miss", "fail", "be", "have",
               "follow", "admire", "work",
               "hear", "like", "love", "wish", "guess", "suppose", "ask", "worry", "struggle", "lose", "break", "realise",
               "realize", "get", "go", "come", "plan", "expect", "assume", "apologise", "apologize", "mess", "delay",
               "wait", "run", "start", "leave", "stay", "keep", "seem", "look", "meet", "talk", "speak", "say", "tell",
               "read", "join", "land", "arrive", "return", "attend", "visit", "watch", "enjoy", "grow", "graduate",
               "see", "learn", "decide", "sleep"}


def gives(span, done: bool = False) -> bool:
    """The writer did or commits to something: "I've exported the logs", "I'll cover
    your shift", "We can extend your trial". Read from the parse: an I/we subject on
    a completed (past, perfect) or, unless `done`, promised (will/can) verb, not negated."""
    for tok in span:
        if tok.dep_ != "nsubj" or tok.lower_ not in ("i", "we"):
            continue
        for verb in (tok.head, *[c for c in tok.head.children if c.dep_ == "conj"]):  # "I went ahead and booked"
            if verb.pos_ == "VERB" and lemma(verb) not in _NOT_GIVING and _done_for_someone(verb, done):
                return True
    return False


@per_sentence
def delivers(sent) -> bool:
    """The sentence reports help the writer has given ("I also checked the certificates")."""
    return gives(sent.span, done=True)


def _done_for_someone(verb, done: bool = False) -> bool:
    """A completed (or, unless `done`, promised) action with an object, not negated."""
    kids = list(verb.children) + ([c for c in verb.head.children] if verb.dep_ == "conj" else [])
    if any(c.dep_ == "neg" for c in kids):
        return False
    if not any(c.dep_ in ("dobj", "dative", "prt", "ccomp", "xcomp", "attr") for c in verb.children):
        return False  # "I just landed in Chicago": nothing done for anyone
    if lemma(verb) in _PERCEIVE and any(c.dep_ == "ccomp" and any(g.dep_ in ("nsubj", "nsubjpass") and g.lower_ in ("you", "u")
                                                              for g in c.children) for c in verb.children):
        return False  # "I noticed you're connected to Maria": news of the reader, nothing given to them
    aux = {c.lower_ for c in kids if c.dep_ == "aux"}
    if done:
        return (verb.tag_ == "VBD" and not aux) or (verb.tag_ == "VBN" and bool(aux & {"'ve", "have", "had", "'d"}))
    return verb.tag_ in ("VBD", "VBN") or bool(aux & {"will", "'ll", "can", "'ve", "have", "'d"})




@per_sentence
def _core(sent) -> str:
    """The sentence as the cues read it: lower case, quoted speech and leading greetings left out
    (read by several cue checks of one sentence, so kept with it)."""
    return _LEAD.sub("", normalise(QUOTED.sub(" ", sent.text)))


# A fallback's condition that points back at the ask before it ("If that's too much", "Failing that", "If three
# isn't feasible", "If the budget won't stretch that far"), not at circumstances ("If the premium is too high").
_REFERS_BACK = re.compile(r"^(?:and |but )?(?:if (?:that|this|it|not)\b|failing that|otherwise|short of that|barring that|"
                          r"should (?:that|this|it)\b|if [\w' -]{1,30}? (?:isn't|is not|aren't|are not|won't be) (?:feasible|possible|"
                          r"doable|an option|workable|realistic)\b|if (?:the |our )?(?:budget|funding|staffing|headcount) (?:won't|can't|"
                          r"doesn't|does not|will not|cannot) stretch|"
                          # the size of what was stated: "If every week is too much", "If the freeholder won't sign that off"
                          r"if [\w' -]{1,30}? (?:is|are|'s|would be|seems) (?:too much|too many|too big|too long|a stretch)\b|"
                          r"if [\w' -]{1,30}? (?:won't|will not|can't|cannot) sign (?:that|this|it) off)")


def states_a_want(sent) -> bool:
    """The writer's want or proposal in a statement ("I'm asking for three more hires"): the big ask
    when a fallback follows it ("If three isn't feasible, could we approve one contractor?")."""
    return not sent.is_question and _has_lower_case(sent.text) and _any("stated_want", _core(sent))


@per_sentence
def asks_in_words(sent) -> bool:
    """An ask cue ("please", "could you", "I need you to") outside quoted speech."""
    return _any("ask_indirect", _core(sent))


@per_sentence
def is_boilerplate(sent) -> bool:
    """A footer, legal notice or how-to for the reader's own case: never an ask, whatever the classifier says."""
    return _any("boilerplate", _core(sent))


@per_sentence
def sentence_roles(sent) -> frozenset:
    """Roles of one sentence judged on its own (see draft_roles for context); a keystroke
    re-judges only the sentence that changed."""
    return frozenset(_sentence_roles(sent))


def _sentence_roles(sent) -> set:
    """The cue and parse rules for one sentence. Quoted speech ("The client asked:
    “Can we ship Friday?”") asks nothing of the reader."""
    core = _core(sent)
    roles = set()
    if _any("gratitude", core):
        roles.add("gratitude")
    if is_boilerplate(sent):
        return roles
    # a fallback question is a smaller ask even when worded as an offer: "If a meeting is not possible,
    # could I send you five questions by email instead?"
    fallback_leave = sent.is_question and _any("concession", core) and (_PERMISSION_INSTEAD.search(core) or _TOO_MUCH_LEAD.search(core))
    if _any("offer_strong", core) and not fallback_leave:
        roles.add("offer")
        return roles
    requests = (asks_in_words(sent) or is_imperative(sent.span)) and not _any("not_ask", core)
    if _any("concession", core):
        roles.add("concession")
        withdrawn = _WITHDRAWAL.search(core)
        if withdrawn and _THEN_SMALLER.search(core, withdrawn.end()):  # "I understand if not — even chapter 3 would help"
            withdrawn = None
        if not withdrawn and (sent.is_question or requests or _FALLBACK.search(core)):
            roles.add("ask")
        return roles
    if sent.is_question:
        if not _any("not_ask_question", core):
            roles.add("ask")
    elif requests:
        roles.add("ask")
    if "ask" not in roles and (_any("offer", core) or ((gives(sent.span) or _any("value", core))
                                                        and not (_any("own_news", core) and not _ARTIFACT.search(core)))):
        roles.add("offer")
    return roles


_WH_QUESTION = re.compile(r"^(why|what|how|who|where|when)\b", re.I)
_HOW_TO = re.compile(r"(\b(here's|here is|here are|these are|follow) (how|the steps|the instructions|what to do)\b|"
                     r"\b(how to|steps to|instructions (for|to))\b|^to (set up|get|install|configure|connect|reset|fix|"
                     r"enable|access|update|change|log in|sign in|run)\b)[^.?!]*:$")  # a list of instructions follows
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_YES_NO = re.compile(r"^(no|nope|nah|yes|yep|yeah|not really|absolutely|definitely|of course)\W*$")
_ANSWER = re.compile(r"^(because|turns out|it turns out|the answer|short answer|answer:|mostly|simple:|in short|"
                     r"two reasons|three reasons|the reason|a few reasons|it's because|it was because)\b", re.I)


class _Facts(NamedTuple):
    """What draft_roles reads of a sentence besides its roles."""
    wh_question: bool = False    # "Why did signups dip?"
    yes_no: bool = False         # "No." on its own
    answers: bool = False        # opens like an answer: "Mostly the bank holiday."
    how_to: bool = False         # "Here's how to get the VPN working:"
    asks_in_words: bool = False  # an ask cue ("please", "could you"), not only the parse
    boilerplate: bool = False    # a footer, legal notice or how-to for the reader's own case: never an ask


@per_sentence
def _context_facts(sent) -> _Facts:
    """What draft_roles reads of the sentence besides its roles."""
    norm = normalise(sent.text)
    return _Facts(bool(_WH_QUESTION.match(_LEAD.sub("", norm))), bool(_YES_NO.match(norm)),
                  bool(_ANSWER.match(norm)), bool(_HOW_TO.search(norm)), asks_in_words(sent),
                  is_boilerplate(sent))


# Mailing-list mail (a newsletter, a promotion): its questions are teasers ("Think you know TV?",
# "Laid off?"), not questions for this reader.
# A draft may mention "your newsletter" or "my subscription"; mass mail says how to stop receiving it.
_BULK = re.compile(r"\[IMAGE\]|\b(?:unsubscribe|mailing list|view (?:it |this )?in (?:your |a )?browser|"
                   r"(?:manage|update) (?:your )?(?:subscription|email preferences)|you (?:are|were) receiving this|"
                   r"to stop receiving|this newsletter|newsletter (?:is|was) sent)\b", re.I)
_ASKS_THE_READER = re.compile(r"\b(?:can|could|would|will) you\b|\bplease\b", re.I)


def _has_lower_case(text: str) -> bool:
    """Headlines and rules ("NEWS ANALYSIS____", "WHAT'S THE FUTURE OF LINUX?") have none; they ask nothing."""
    return any(c.islower() for c in text)


def draft_roles(draft) -> None:
    """Set `roles` on every sentence.

    The cue rules judge each sentence; the trained classifier (classifier.py)
    then decides only what the rules left open (see classifier.combine);
    boilerplate (footers, legal notices) is never left open. In
    context: a concession needs an ask before it (a statement of the writer's want just
    before a fallback is that ask: "I'm asking for three more hires. If three isn't
    feasible, could we approve one contractor?"), and a question the writer
    answers in the next sentence ("Why did signups dip? Mostly the bank
    holiday.", "Do we still need it? No.") asks nothing, nor do the steps after
    "Here's how to get the VPN working:" up to the paragraph's end, unless
    they ask in words ("please", "could you")."""
    seen_ask = how_to = False
    sents = draft.sentences
    bulk = bool(_BULK.search(draft.prepared.text, 0, draft.prepared.own_end))  # the writer's own text, not a forward
    rule = [sentence_roles(s) for s in sents]
    facts = [_context_facts(s) for s in sents]
    todo = [i for i, s in enumerate(sents) if classifier.needs_model(rule[i], s.text) and not facts[i].boilerplate]
    probs = dict(zip(todo, classifier.predict([sents[i].text for i in todo]) or [])) if todo else {}
    for i, s in enumerate(sents):
        s.roles = classifier.combine(rule[i], probs.get(i), s.text) if _has_lower_case(s.text) else set()
        this, nxt = facts[i], facts[i + 1] if i + 1 < len(sents) else _Facts()
        if "ask" in s.roles and s.is_question and (nxt.yes_no or (this.wh_question and nxt.answers)):
            s.roles.discard("ask")
        if bulk and s.is_question and not _ASKS_THE_READER.search(s.text):
            s.roles.discard("ask")
        how_to = how_to and not _BLANK_LINE.search(draft.text, sents[i - 1].end, s.start)
        if how_to and "ask" in s.roles and not s.is_question and not this.asks_in_words:
            s.roles.discard("ask")
        how_to = how_to or this.how_to
        if "concession" in s.roles and not seen_ask:
            if "ask" in s.roles and i and states_a_want(sents[i - 1]) and _REFERS_BACK.match(_core(s)):
                sents[i - 1].roles = (sents[i - 1].roles - {"offer"}) | {"ask"}
                seen_ask = True
            else:
                s.roles.discard("concession")
        seen_ask = seen_ask or "ask" in s.roles
