"""Parse checks a phrase rule names as its `guard`: what its patterns and `unless` cannot see.

A rule in models/rules/*.yaml names its guard; the guard gets the match and
returns True to keep it. Exceptions a pattern can state (what comes right
before or after the phrase: "no big deal if you can't make it", "just now",
"what kind of", quoted or reported words) are `unless` data in the rule. What
stays here reads the parse (the phrase's verb and its subject, the clause after
it), the rest of the draft (which sentence comes first, whether the draft
delivers a favour) or the message it answers (does it thank the writer).
"""
from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from givefirst.parse.pipeline import lemma
from givefirst.rules import lexicons

# Words that may stand before a phrase that opens its sentence. Each is matched one way only: an
# entry never starts with another entry (the adverbs are not part of the welcomes entries), and a
# name after a greeting is no lead word. Input that can be read two ways costs time exponential in
# its length (tests/test_pathological.py).
_LEAD_WORDS = (r"{{interjections}}|{{greetings}}|{{thanks}}|{{replies}}|{{welcomes}}|honestly|seriously|really|truly|genuinely|"
               r"please|and|so|but|although|though|stop(?: it)?|go way|sure look")
_LEAD_OK = lexicons.compile(r"^[\W_]*(?:(?:" + _LEAD_WORDS + r"|"
                            # an acceptance of thanks before the phrase ("You're very welcome, although it really wasn't...")
                            r"glad to (?:do it|make the intro(?:duction)?)|"
                            r"(?:glad|happy|pleased) (?:the|it|that|my|our) (?:(?!(?:helped|worked|landed|was)\b)[\w'-]+ ){1,5}?(?:helped|worked|landed|was useful))\b[\W_]*|"
                            # a greeting and a name ("Hi Ruth,", "hi so" reads as two lead words only)
                            r"{{greetings}}\s+(?:(?:dr|mr|mrs|ms|mx|prof|engr|sir|madam)\.?\s+)?{{not_lead}}\w+(?:\s+{{not_lead}}\w+)?[\W_]*)*$"
                            .replace("{{not_lead}}", r"(?!(?:" + _LEAD_WORDS + r"|glad|happy|pleased)\b)"))
_CLAUSE_END = lexicons.compile(r"^\s*(?:for (?:me|us)\b\s*)?(?:(?:mate|love|hun|man|dude|buddy|pal|bro|sis|sir|ma'?am|madam|boss|dear|my (?:friend|sister|brother|dear|guy)|all|everyone|"
                               r"team|guys|folks|{{particles}})\b\s*)?(?:$|[^\w\s]|(?:really|honestly|at all|seriously|truly|whatsoever)\b)")
# A reply to thanks: "No need of thanks", "Please do not mention it", "Don't thank me", "No worries at all".
_THANKS_REPLY = (r"(?:please,? )?(?:there(?:'s| is) )?no need (?:of |for |to )?(?:all )?(?:that |the |these )?thank(?:s|ing)?(?: me| us)?|"
                 r"no thanks (?:needed|necessary|required)|(?:please,? )?(?:don't|do not) (?:mention it|thank (?:me|us))|"
                 r"(?:{{thanks-replies}})(?: at all)?")
# An earlier reply to the thanks in the same sentence: "No need of thanks, [it is my duty only]",
# "Please do not mention it; [it was the least I could do]"
_PRIOR_REPLY = lexicons.compile(r"^[\W_]*(?:(?:{{interjections}})\W+)*(?:" + _THANKS_REPLY + r")(?:\s+(?:sir|ma'?am|madam|mate|boss|ji|bhai|didi))?[\W_]*$")
# A name or title the phrase is said to: "it was nae bother at all, Morag.", "No problem at all anh Minh!"
_VOCATIVE = re.compile(r"^,?\s*(?:(?:sir|ma'?am|madam|boss|anh|chị|chi|em|bhai|didi|mzee|mama|baba|mr|mrs|ms|dr|"
                       r"Sir|Ma'?am|Madam|Boss|Mr|Mrs|Ms|Dr)\.?\s*)?(?:(?P<name>[^\W\d_][\w'’-]+)\s*)?(?:[.!?,;:—–-]|$)")


def _vocative(after: str) -> bool:
    """_VOCATIVE, where the name may start with any capital letter ("Émile", "Łukasz"), not only A-Z."""
    m = _VOCATIVE.match(after)
    return bool(m) and (m.group("name") is None or m.group("name")[0].isupper())


_SHORT_LEAD = re.compile(r"^[\W_]*(?!(?:if|unless|otherwise|or|and|but|when)\b)(?:[^\W\d_]+[’']?[^\W\d_]*\s+){0,2}[^\W\d_]+[’']?[^\W\d_]*\s*[,—–!]\s*$", re.I)
_EXCUSING = re.compile(r"\b(i know how (hectic|busy|crazy|swamped)|take your time|no rush|isn't until|not until|"
                       r"don't (stress|worry|fret) (about|over) (the|your|that)\b(?! (favou?r|help))|nobody (even )?noticed|whenever you "
                       r"(can|get a chance)|these things happen|it happens|happens to (the best|everyone)|no need to "
                       r"apologi[sz]e|don't apologi[sz]e|totally understand|completely understand)\b", re.I)
# A promise right after the phrase: the writer agrees to do something asked of them.
_AGREEING = re.compile(r"^\W*(?:i'?ll|i will|we'?ll|we will|will do|i can|we can|i'?m on it|on it|see you|talk (?:then|soon)|"
                       r"sounds good|that'?s fine|happy to (?:move|change|reschedule|swap)|(?:[\w:-]+ ){1,4}(?:works|suits) (?:for )?(?:me|us))\b", re.I)
_EFFORT_AFTER = re.compile(r"\b(already|anyway|trivial|quick|easy|nothing|on my way|one (sql )?query|formulas?|took|"
                           r"only (a few|a couple of|an? (evening|afternoon|morning|hour|bit of))|(a|one|two|a couple of|a few) (quick )?clicks|"
                           r"cc'?d you|in any case|was (just|only)|was (literally|honestly|really) |doddle|breeze|copy-?paste|"
                           r"(a|one|two|five|ten|\d+)-minute|wee bit|no (effort|hassle|time)|zero (effort|hassle|work)|"
                           r"least (i|we) could do|(?:was|were) (?:a |an )?(?:one|two|three|single|\d+)[- ]line (?:fix|change|tweak))\b", re.I)
# A sentence that delivers or acknowledges a favour (the analysis marks such sentences for the guards below).
FAVOUR = lexicons.compile(r"\b{{favour-cues}}\b")
_NEW_CLAUSE = re.compile(r"[,;:—–-]\s*(?:(?:and|but|so|though|although|honestly|really|tbh|frankly|plus)\W+)*$|\s(?:so|but)\s+$", re.I)  # "..., so ", "... anyway so "
_EXPLAINS_IT = re.compile(r"^\s*[,:—–-]\s*(?:simply |merely )?(?:a|an|the|some|\d)\b", re.I)
_MINIMISING_HEADS = {"want", "wonder", "check", "follow", "ping", "think", "need", "hope", "touch", "circle", "reach",
                     "ask", "confirm", "remind", "say", "note", "mention", "drop", "see", "make", "flag", "bump",
                     "nudge", "send", "write", "share", "let", "feel", "suggest", "propose", "curious", "double",
                     "trying", "try", "like", "love", "be"}
_MINIMISING_NEXT = re.compile(r"^\s+(?:(?:a|an|one)\s+(?:more\s+)?|another\s+)(?:quick|small|little|tiny|friendly|gentle|short|brief|"
                              r"reminder|thought|heads|note|question|idea|suggestion|fyi|nudge|ping|thing|ask|request|favou?r)\b|"
                              # the writer's own work made to sound slapdash: "I just threw together a draft"
                              r"^\s+(?:threw|thrown|throw|cobbled|hacked|knocked|whipped|slapped|banged) (?:together|up|out)\b|"
                              r"^\s+like to (?!the\b|a\b|an\b)", re.I)  # "I'd just like to get your read"


def _tokens_after(m) -> list:
    s = m.sentence
    shift = s.start - s.span[0].idx
    return [t for t in s.span if t.idx + shift >= m.end]


@dataclass
class Match:
    text: str        # the whole draft
    start: int
    end: int
    sentence: object
    draft: object
    ctx: object      # givefirst.context.Context

    @property
    def before(self) -> str:
        return self.text[self.sentence.start: self.start]

    @property
    def after(self) -> str:
        return self.text[self.end: self.sentence.end]

    def tokens(self):
        s = self.sentence
        shift = s.start - s.span[0].idx  # paragraph-relative idx -> offset in the draft
        return [t for t in s.span if self.start <= t.idx + shift < self.end]


def opens_sentence(m: Match) -> bool:
    """The phrase stands at the head of its sentence: only lead words before it ('Oh,',
    'Hi Ann,', 'Thanks!', emoji) or a short interjection and a comma ('Pas de problème, it was nothing')."""
    before = _NAME_FIRST.sub("", m.before, count=1)  # "Sam, please, it was the least I could do"
    return bool(_LEAD_OK.match(before) or _SHORT_LEAD.match(before) or _PRIOR_REPLY.match(before))


def ends_clause(m: Match) -> bool:
    """Nothing of substance follows the phrase in its clause: punctuation, the end, 'for me',
    a vocative ('mate') or an intensifier ('really', 'at all')."""
    return bool(_CLAUSE_END.match(m.after)) or _vocative(m.after)


def favour_context(m: Match) -> bool:
    """With a reply context, it must thank the writer or the draft deliver a favour."""
    if m.ctx.replying_to is not None:
        return m.ctx.thanked or m.ctx.favour_in_draft
    return True


def explains_it(m: Match) -> bool:
    """A verbless phrase follows ("It was nothing, a flaky health check"): it names
    what "it" was, so the sentence reports an incident rather than a favour."""
    if not _EXPLAINS_IT.match(m.after):
        return False
    rest = [t for t in m.sentence.span if t.idx - m.sentence.span[0].idx + m.sentence.start >= m.end]
    clause = []
    for t in rest[1:] if rest and rest[0].is_punct else rest:
        if t.text in ".;!?" or (clause and t.text in ",—–"):
            break
        clause.append(t)
    return not any(t.pos_ in ("VERB", "AUX") for t in clause)


# An activity as the subject: "Honestly, covering the night shift [was nothing]" names the favour itself.
_ACTIVITY_SUBJECT = lexicons.compile(r"^[\W_]*(?:(?:{{interjections}}|honestly|really|truly|seriously),?\s+)*"
                                       r"(?!(?:every|some|no|any)thing\b|morning\b|evening\b|during\b|building\b|meeting\b|wedding\b|ceiling\b|"
                                       r"parking\b|being\b|shipping\b|pricing\b|funding\b|spending\b|housing\b|training\b|booking\b|landing\b)"
                                       r"[a-z]+ing\b[^,.;:!?]{0,50}\s$")


# A reply to thanks earlier in the sentence: "No wukkas mate, ...", "Please, there is no need to thank me; ...",
# "Coach P — forget about it, ..."
_REPLY_FIRST = lexicons.compile(r"(?:^|[\W_])(?:" + _THANKS_REPLY + r"|forget (?:about )?it)\b[\s\w]{0,12}[,;:—–-]")


# The favour named as the subject after the writer accepted thanks: "You're so welcome! Honestly the
# extra logo variants [were no biggie]".
_NAMED_FAVOUR = re.compile(r"^[\W_]*(?:(?:honestly|really|truly|seriously|oh|ah),?\s+)*(?:the|my|those|these|that|this|your|our) "
                           r"[\w' -]{1,40}? (?:was|were|is|are) $", re.I)


def own_favour(m: Match) -> bool:
    """'No big deal' / 'it's nothing' about the writer's favour: the phrase is a clause of its
    own at the head of its sentence, it does not go on to explain what "it" was ("It was
    nothing, a flaky health check" reports an incident), and a reply thanks the writer."""
    near = " ".join(s.text for s in m.draft.sentences[max(0, m.sentence.index - 1): m.sentence.index + 2])
    excusing = m.ctx.replying_to is None and bool(_EXCUSING.search(near))  # "Don't stress about the typo"
    clause = re.split(r"[,;:—–]\s*|\b(?:so|and|but)\s+", m.before)[-1]  # "No wukkas mate, [grabbing the sealant was nothin]"
    # the favour named as the subject ("covering the night shift [was nothing]", "No wukkas mate, so grabbing the
    # sealant [was nothin]"), once thanks are answered: alone it may be a cost or an apology ("Parking was nothing")
    named = bool(_ACTIVITY_SUBJECT.match(m.before) or _ACTIVITY_SUBJECT.match(clause))
    heads = (opens_sentence(m) or (named and (accepts_thanks(m) or bool(_REPLY_FIRST.search(m.before))))
             or (bool(_NAMED_FAVOUR.match(m.before)) and accepts_thanks(m)))
    return heads and ends_clause(m) and not explains_it(m) and favour_context(m) and not excusing


def releases_debt(m: Match) -> bool:
    """'Don't mention it' / 'you don't owe me anything' in the writer's own words: opening its
    clause ('the release notes don't mention it' is a report) and ending it ('don't mention it
    to the client' asks for discretion), and not asked."""
    return ((opens_sentence(m) or bool(_NEW_CLAUSE.search(m.before))) and ends_clause(m)
            and not m.sentence.is_question and favour_context(m))


def answers_thanks(m: Match) -> bool:
    """'No problem' / 'no worries' / 'don't mention it' used as a reply to thanks.

    With `context.replying_to`, the reply must be to a message that thanks the
    writer. Without it, the phrase must open the writer's text (after the
    greeting), the draft must not be accepting an apology ("no worries, take your
    time"), and it must deliver or mention a favour, play down the effort in its own or the next
    sentence ("Not at all, it was a doddle"), or be the draft's only sentence. A draft
    that quotes the message it answers has that message as its context (analysis).
    """
    if not opens_sentence(m) or not ends_clause(m):
        return False
    if m.ctx.replying_to is not None:
        return m.ctx.thanked
    if _excusing(m.draft.prepared.text):  # accepting an apology, not thanks
        return False
    if _AGREEING.match(m.after):  # "No problem, I'll move the call to 3pm": agreeing to a request
        return False
    # the first sentence after the greeting and a warm acceptance of thanks ("Thanks for the kind message. [Don't worry about it]")
    first = next((s for s in m.draft.sentences if not _LEAD_OK.match(s.text) and (s is m.sentence or not _WARM_ACCEPTANCE.search(s.text))), None)
    if first is not m.sentence:
        return False
    alone = len([s for s in m.draft.sentences if not _LEAD_OK.match(s.text) and len(s.text.split()) > 1]) <= 1
    nxt = m.draft.sentences[m.sentence.index + 1].text if m.sentence.index + 1 < len(m.draft.sentences) else ""
    return m.ctx.favour_in_draft or alone or bool(_EFFORT_AFTER.search(m.after) or _EFFORT_AFTER.search(nxt))


# An acceptance of thanks that says the thanks were warm ("Thanks for your kind message"); a plain "Thanks for your
# message" also opens replies to apologies and complaints.
_WARM_ACCEPTANCE = re.compile(r"\b(?:thank you|thanks) (?:so much |very much )?for (?:your|the) (?:kind|lovely|generous) (?:words|note|message)\b|"
                              r"\byou(?:'re| are) (?:too|so|very) (?:kind|polite|sweet|generous)\b", re.I)


@functools.lru_cache(maxsize=16)
def _excusing(text: str) -> bool:
    """_EXCUSING anywhere in the draft, once per draft however many phrases ask."""
    return bool(_EXCUSING.search(text))


# The writer accepts thanks ("You're welcome!", "Anytime.", "No thanks are necessary."): the
# sentences that follow talk about the favour that was thanked for.
_ACCEPTS_THANKS = lexicons.compile(r"^\W*(?:(?:{{interjections}}|honestly),? )*(?:{{welcomes}}|"
                                   r"anytime|any time|happy to|glad (?:it|that) was useful|"
                                   r"no thanks (?:are |is )?(?:necessary|needed|required)|(?:please,? )?don't mention it|not at all|no bother|"
                                   # the reply-to-thanks phrases themselves: "No problem! Re-running it took no time at all."
                                   r"(?:{{thanks-replies}}|no big deal|no biggie)(?: at all)?|"
                                   r"(?:it|that) (?:was|is|'s) (?:nothing|{{thanks-replies}})|'?twas no (?:bother|trouble))\b(?! (?:to|with|if|on|about|for)\b)")


# Words that only accept thanks (not the undermining replies themselves: "It was nothing, a flaky
# health check" reports an incident).
_WELCOMES = lexicons.compile(r"^\W*(?:(?:oh|ah|aw|ag|honestly),? )*(?:{{welcomes}}|(?:it was|it['’]s|it is) (?:honestly|truly|really|genuinely) (?:my|a) pleasure|"
                       r"(?:oh|aw+|ah),? stop(?: it)?\b|glad (?:it|the|that|my|they|those|these) [\w ]{0,30}?(?:(?:was|were) (?:of (?:some )?use|useful|helpful|usable|handy)|came in handy|did the trick)\b|you(?:'re| are) (?:too|so|very) (?:kind|polite|sweet|generous)|(?:thank you|thanks) for (?:your|the) (?:kind |lovely |generous )?"
                       r"(?:words|note|message)\b(?! (?:about|on|re|regarding)\b)|"
                       r"no thanks (?:are |is )?(?:necessary|needed|required))\b")


_GREETING_LINE = lexicons.compile(r"^\W*(?:{{greetings}})\b[^.!?\n]{0,40},?\s*$")  # "Dear Tanaka-san,"
_NAME_FIRST = re.compile(r"^\W*[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?,\s*")  # "Zhang Wei, you are too polite!"


def opens_accepting_thanks(draft) -> bool:
    """The writer opens by accepting thanks ("You're welcome!", "Zhang Wei, you are too polite!"):
    in one of the first two sentences after the greeting."""
    seen = 0
    for s in draft.sentences[:4]:
        if answers_thanks_in(s.text):
            return True
        if not (_LEAD_OK.match(s.text) or _GREETING_LINE.match(s.text)):
            seen += 1
            if seen == 2:
                return False
    return False


def answers_thanks_in(text: str) -> bool:
    """The sentence accepts thanks ("You're welcome!", "Glad it was useful"): it points back at the
    help given. A reply that shrinks the help ("Oh, no big deal!") does not."""
    return bool(_WELCOMES.search(_NAME_FIRST.sub("", text.replace("’", "'"), count=1)))


def accepts_thanks(m: Match) -> bool:
    """The writer was thanked (the reply context) or accepts thanks in this sentence or one before it."""
    return m.ctx.thanked or any(_ACCEPTS_THANKS.search(s.text.replace("’", "'"))
                                for s in m.draft.sentences[: m.sentence.index + 1])


def minimising_effort(m: Match) -> bool:
    """'it only took a minute' about the favour: it opens its own clause ("..., it only
    took a minute"), so a named subject ("The migration only took a minute", "approval took no
    time") is not the favour, unless the writer has just accepted thanks ("You're welcome! The
    re-cut barely took an hour") or points back at it ("that macro was less work than tea"). An activity as the subject ("Rebuilding the database barely
    took an afternoon") is, when another sentence delivers or acknowledges a favour."""
    before = re.sub(r"\b(?:it|that)\s+(?:only|just|barely|hardly|literally|really)?\s*$", "", m.before, flags=re.I)
    clause_start = bool(_LEAD_OK.match(before) or _SHORT_LEAD.match(before) or _NEW_CLAUSE.search(before))
    toks = m.tokens()
    verbs = {toks[0], toks[0].head} if toks else set()
    # "that macro", "those queries": a subject pointing back at what was thanked for, like "it"
    favour_near = (m.ctx.thanked or any(i != m.sentence.index for i in m.ctx.favour_sentences)
                   or bool(FAVOUR.search(m.before + " " + m.after)))  # "..., and I was glad to lend a hand"
    pointed = favour_near and any(c.dep_ in ("nsubj", "nsubjpass") and any(
        d.dep_ == "det" and d.lower_ in ("that", "those") for d in c.children) for v in verbs for c in v.children)
    activity = favour_near and any(c.dep_ in ("csubj", "nsubj") and c.tag_ == "VBG" for v in verbs for c in v.children)
    return (clause_start or pointed or activity or accepts_thanks(m)) and not m.sentence.is_question


def minimising_just(m: Match) -> bool:
    """'just' shrinking the writer's own action ("I just wanted to check"), read from the verb
    it modifies: not a past action ('I just sent it'), which is temporal. (Temporal words
    right after it, "just now", "just before", are the rule's `unless`.)"""
    if _MINIMISING_NEXT.match(m.after):
        return True
    toks = m.tokens()
    if not toks:
        return False
    head = toks[0].head
    if head.tag_ in ("VBD", "VBN") and lemma(head) not in ("want", "wonder", "think", "hope"):
        return False
    return lemma(head) in _MINIMISING_HEADS or (lemma(head) == "be" and head.tag_ == "VBG")


_CLAUSE_PUNCT = frozenset(",;:.!?—–()")


def hedges_a_clause(m: Match) -> bool:
    """'I feel like' hedges a clause ("I feel like the model is overfitting"), not a noun
    phrase ("I feel like a new person", "I feel like the luckiest teacher in the school"): an article
    and no verb in the next words is no hedge."""
    after = _tokens_after(m)
    if not (m.text[m.start:m.end].lower().endswith("like") and after and after[0].lower_ in ("a", "an", "the")):
        return True
    clause = after[:8] if after[0].lower_ != "the" else list(itertools.takewhile(lambda t: t.text not in _CLAUSE_PUNCT, after))
    return any(t.pos_ in ("VERB", "AUX") for t in clause)


# Bare epistemic hedges: about facts, events and plans they are genuine uncertainty ("she will probably
# know", "I believe the file had the details"); they weaken the writer only on their own position.
# ("I suspect", "I reckon", "I'd imagine" give the writer's own read of things: they always count.)
_BARE_HEDGE = re.compile(r"^(?:maybe|probably|perhaps|possibly|it (?:seems|appears|would seem)|"
                         r"i (?:just )?(?:think|guess|believe|suppose|feel like)|i'?d guess)$", re.I)
# "I feel like" before a clause about the team, the work or other people states the writer's view ("I feel like we
# keep selling it on fuel savings", "I feel like the abstract is the weakest part"); before "I", a gerund or a noun
# it is a feeling, a wish or a pleasantry ("I feel like I owe you a coffee", "I feel like going for a curry").
_VIEW_AFTER_FEEL = re.compile(r"^\s+(?:we're|they're|(?:we|the|this|that|these|those|our|your|their|they|people|"
                              r"everyone|everybody|nobody|more|most|some|many|half)\b(?!['’]))", re.I)
# The writer's own position: a recommendation, proposal or judgement of what should happen.
_HEDGED = r"(?: (?:maybe|probably|perhaps|possibly|likely|really|just))?"  # "is [probably] the best"
_OWN_POSITION = re.compile(r"\b(?:should|ought to|shall we|let's|let us|we could|could we|we can|can we|"
                           r"i'?d (?:suggest|recommend|propose|rather|prefer|go with)|i would (?:suggest|recommend|propose|go with)|i'?d (?:maybe |probably |perhaps )(?:go|pick|choose|opt|suggest|recommend|propose)\b|"
                           r"i(?:'?d| would) (?:maybe |probably |perhaps )(?:go with|go for|pick|choose|opt|suggest|recommend|propose|lean towards|lead with|start with|stick with|focus on|prioriti[sz]e)\b|i (?:suggest|recommend|propose)|"
                           r"(?:we|i) (?:really |still |also )?(?:need|have|ought) to|(?:we|i) (?:kind of |sort of |really |still |also |probably |maybe |perhaps )?need (?:a|an|more|another|some|to)\b|"
                           r"(?:would|'d|will) be (?:better|best|good|great|wise|worth|easier|nice|ideal|helpful|useful|enough|relevant|valuable|a (?:really |very |perfect |natural )?(?:good |great )?fit)|"
                           # a recommendation in other words: "clause 14.2 would perhaps benefit from a cap", "the reserve policy needs revisiting"
                           r"(?:would|could|might) (?:really |perhaps |maybe |probably |possibly )?benefit from|"
                           r"needs? (?:revisiting|rethinking|a rethink|another look|a second look|reworking|to be (?:revisited|rethought|reworked|changed))\b|"
                           r"(?:could|might) be (?:really |very |quite )?(?:useful|helpful|valuable|worth (?:it|trying|a try|a look))|"
                           # the writer's own finding: "I think I found the cause of the token leak"
                           r"\bi(?:'ve| have)? (?:found|figured out|tracked down|pinned down|spotted) (?:the|a|what)\b|"
                           # the writer's own case: "our literacy programme fits their fund", "the second option is stronger"
                           r"(?:our|my) (?:programme|program|proposal|product|project|work|idea|plan|approach|solution|service|platform|[\w-]+ (?:programme|program|work|proposal|product)) (?:fits|would fit|is a (?:good |great |natural )?fit)|"
                           rf"(?:is|are|'s|'re|reads?){_HEDGED} (?:much |a lot |slightly |far )?(?:stronger|weaker|clearer|cleaner|simpler|safer|cheaper|riskier|tighter|"
                           r"more (?:accurate|appropriate|robust|reliable|realistic|idiomatic|natural|consistent|convincing|compelling))\b|"
                           # the writer's verdict as a superlative: "is probably the strongest one we've put in"
                           rf"(?:is|are|'s|'re){_HEDGED} (?:the|our) (?:strongest|weakest|clearest|safest|simplest|easiest|most (?:promising|compelling|convincing|realistic|sensible)) "
                           r"(?:one|option|thing|story|case|candidate|choice|bet|pitch|idea|proposal|bid|application|submission|design|version|draft|route|approach)\b|reads? (?:much |a lot )?(?:better|worse)\b|"
                           r"\btoo (?:thin|much|many|expensive|risky|aggressive|optimistic|ambitious)\b|"
                           r"(?:silly|stupid|dumb|daft|crazy) (?:idea|question|suggestion)|(?:a )?big ask|too much to ask|\bi (?:might|could|may) be wrong|"
                           rf"(?:is|'s|are){_HEDGED} (?:the )?(?:best|better|right|wrong|way to go)\b|makes? (?:more )?sense|"
                           r"worth (?:it|trying|doing|a|adding|considering|exploring|testing|piloting)|(?:flag|point out|raise) that|my (?:recommendation|suggestion|advice|vote|pick|preference) (?:would be|is)|(?:could|should|might)(?: perhaps| maybe| possibly)? be \w+ed\b|"
                           r"(?:could|should|might) be (?:a (?:bit|little) )?(?:[a-z]+er|more \w+|less \w+)\b|^(?:probably|maybe|perhaps) (?:better|best|easier|safer|wiser|cleaner)|"
                           rf"(?:is|are|'s|'re|looks?|seems?){_HEDGED} (?:weak|wrong|off|low|high|risky|flawed|problematic|unclear|"
                           r"misleading|inflated|underestimated|overstated|optimistic|pessimistic)\b|"
                           # what the writer's proposal would do: "I think it would also cut the queue"
                           r"(?:it|this|that) (?:would|could|might) (?:also |really |definitely |still )?(?:reduce|cut|improve|help|fix|save|speed|make|give|increase|"
                           r"lower|solve|simplify|free|ease|reach|attract|bring|draw|win)|(?:would|could) (?:\w+ )?save you\b|(?:it|this|that) (?:would|could|might) be (?:really |quite |pretty )?(?:big|huge|a (?:big |huge |real )?win|a game[- ]changer) for (?:us|you|the|our|your)\b|(?:works?|working|performs?|performing) (?:better|worse|best)|"
                           # a judgement or diagnosis: "my main concern is", "a bit steep", "down to the new captcha"
                           r"(?:main|real|biggest|key|only) (?:lesson|concern|issue|problem|worry|risk|takeaway|point)|"
                           rf"(?:is|are|'s|'re){_HEDGED} (?:a bit|a little|too|rather|quite|way too|sort of|kind of|somewhat) \w+|"
                           rf"(?:is|are|'s){_HEDGED} (?:down|due) to|(?:is|are|'s){_HEDGED} (?:coming|stemming) from|rather than|"
                           # a diagnosis: "that rule is the culprit", "the retry logic is what's causing it"
                           rf"(?:is|are|'s){_HEDGED} (?:the |our )?(?:real |main |likely )?(?:culprit|root cause|cause|bottleneck|problem)\b|"
                           rf"(?:is|are|'s){_HEDGED} what'?s (?:causing|behind|driving)|"
                           # the way forward: "the logical next step is a pilot in two stores"
                           r"(?:logical|sensible) next step|"
                           # a view offered after a disclaimer: "I'm not an expert in accessibility, but I think the contrast fails"
                           r"(?:expert|wrong|mistaken|out of line|out of my lane|my place|pinch of salt|(?:still|pretty|quite) new|overthinking|biased|"
                           r"devil's advocate|two cents)\b[^.?!]{0,60}\bbut i (?:just |do |really )?(?:think|feel|believe|guess|suppose|reckon)\b|"
                           r"(?:is|'s|are) an? (?:nice|good|great|solid|strong|weak|poor|bad|useful) (?:\w+ )?"
                           r"(?:check|idea|fit|sign|result|option|start|choice|test|step))\b",
                           re.I)


# Where a reason or a second statement starts: the hedge and the position it weakens share a clause.
_CLAUSE_BREAK = re.compile(r";|:(?!\d)|\s[—–]\s|,\s*(?:as|because|since|although|though|while|whereas|given)\b|\s(?:because|since)\s", re.I)


def hedges_own_position(m: Match) -> bool:
    """A hedge on the writer's own claim (someone else's words are the rule's `unless`) that
    weakens their position: a bare "maybe", "probably", "I think" counts in a request or a
    recommendation ("I think we should move it", "Maybe you could send it"), not in genuine
    uncertainty about facts, events or plans ("They probably planned for it", "I think Steven is
    the person to ask"). Hedges about the writer's own contribution ("not sure if this helps,
    but", "correct me if I'm wrong") always count. 'I feel like' needs a clause (hedges_a_clause)."""
    if not hedges_a_clause(m):
        return False
    phrase = m.text[m.start:m.end].replace("’", "'")
    if not _BARE_HEDGE.match(phrase):
        return True
    if phrase.lower().endswith("feel like") and _VIEW_AFTER_FEEL.match(m.after):
        return True
    s = m.sentence
    if "ask" in s.roles:
        return True
    # the position in the hedge's own clause: not "I would suggest you call them, as they will [probably] refund it"
    at = m.start - s.start
    text = s.text.replace("’", "'")
    lo = max((b.end() for b in _CLAUSE_BREAK.finditer(text, 0, at)), default=0)
    hi = next((b.start() for b in _CLAUSE_BREAK.finditer(text, at + (m.end - m.start))), len(text))
    return bool(_OWN_POSITION.search(text[lo:hi]))


# The reader, or something handed to them, named: a gift needs a receiver ("for you", "attached", "Link: https://...").
_TO_THE_READER = re.compile(r"\b(?:you|your|yours|ya|attached|attaching|enclosed|here(?:'s| is| are)|link|https?://)", re.I)


def shrinks_a_gift(m: Match) -> bool:
    """The phrase shrinks something its own sentence hands over (ctx.favour_sentences), with the reader
    or the thing handed to them named in it or a sentence beside it ("Here is the checklist we use, [so
    don't expect miracles]"; "I put a box of chocolates in your mailbox, [it is really nothing]"), in a
    statement that forgives nothing: "The server went down overnight, nothing major" reports news, and
    "Don't worry about the late timesheet, it's nothing" forgives."""
    s = m.sentence
    if s.is_question or s.index not in m.ctx.favour_sentences or _EXCUSING.search(s.text):
        return False
    near = m.draft.sentences[max(0, s.index - 1): s.index + 2]
    return any(_TO_THE_READER.search(n.text) for n in near)


_FAULT = lexicons.compile(r"\b(?:{{faults}})\b")


def apologises_without_fault(m: Match) -> bool:
    """No fault of the writer's is owned up to after the apology, in its sentence or the next: "Sorry
    to keep chasing. Our portal lost your first submission, which is entirely on us" apologises for a
    real fault, which is no weak phrasing."""
    s = m.sentence
    following = m.draft.sentences[s.index + 1: s.index + 2]
    return not any(_FAULT.search(t.replace("’", "'")) for t in [m.after, *(n.text for n in following)])


def not_asked(m: Match) -> bool:
    """The phrase is a statement, not a question ("Was it easy to set up?")."""
    return not m.sentence.is_question


GUARDS = {f.__name__: f for f in (own_favour, answers_thanks, releases_debt, minimising_effort, minimising_just,
                                  hedges_own_position, shrinks_a_gift, not_asked, apologises_without_fault)}


def only_lead_words(text: str) -> bool:
    """Nothing but greetings, interjections, thanks, short replies, emoji and punctuation
    ("Hi Ann, thanks!"): what may stand before a phrase that opens its sentence."""
    return bool(_LEAD_OK.match(text))
