"""The parse checks phrase rules name as their `guard` (rules/guards.py), one by one, and the
`unless` exceptions of the rule data (rules/catalogue.py)."""
import pytest

from givefirst.context import Context, Metrics
from givefirst.parse import draft as draft_mod
from givefirst.roles.favours import gives_favour
from givefirst.roles import sentence_roles as roles
from givefirst.rules import guards
from givefirst.rules.catalogue import Unless, phrase_rules
from givefirst.text.prepare import prepare


def match(text: str, phrase: str, *, replying_to=None, thanked=False) -> guards.Match:
    """The Match a phrase rule would build for the first `phrase` in `text`."""
    d = draft_mod.build(text, prepare(text))
    roles.draft_roles(d)
    start = text.index(phrase)
    sent = next(s for s in d.sentences if s.start <= start < s.end)
    ctx = Context(draft=d, metrics=Metrics(), replying_to=replying_to, thanked=thanked,
                  favour_sentences=tuple(s.index for s in d.sentences if gives_favour(s)))
    return guards.Match(text, start, start + len(phrase), sent, d, ctx)


@pytest.mark.parametrize("text,phrase,expected", [
    ("Oh, it was nothing.", "it was nothing", True),
    ("Hi Ann, thanks! No big deal.", "No big deal", True),
    ("Pas de problème, it was nothing.", "it was nothing", True),   # a short interjection and a comma
    ("😅 no worries, it was easy.", "no worries", True),
    ("Missing the standup is no big deal for the team.", "no big deal", False),
    ("If not, no worries.", "no worries", False),
])
def test_opens_sentence(text, phrase, expected):
    assert guards.opens_sentence(match(text, phrase)) is expected


@pytest.mark.parametrize("text,phrase,expected", [
    ("No worries, mate!", "No worries", True),
    ("It was nothing, really.", "It was nothing", True),
    ("No big deal for me.", "No big deal", True),
    ("No problem with the timeline.", "No problem", False),
    ("It's nothing urgent.", "It's nothing", False),
])
def test_ends_clause(text, phrase, expected):
    assert guards.ends_clause(match(text, phrase)) is expected


def test_favour_context():
    assert guards.favour_context(match("No big deal!", "No big deal"))  # no reply context: the draft decides
    assert guards.favour_context(match("No big deal!", "No big deal", replying_to="Thanks!", thanked=True))
    assert not guards.favour_context(match("No big deal!", "No big deal", replying_to="Is the bug serious?"))
    assert guards.favour_context(match("No big deal! The file is attached.", "No big deal", replying_to="Any news?"))


@pytest.mark.parametrize("text,expected", [
    ("It was nothing, a flaky health check on the staging load balancer.", True),
    ("It was nothing, I had the SQL open anyway.", False),
    ("It was nothing.", False),
])
def test_explains_it(text, expected):
    assert guards.explains_it(match(text, "It was nothing")) is expected


@pytest.mark.parametrize("text,phrase,expected", [
    ("No big deal! Glad the export saved you time.", "No big deal", True),
    ("Oh, it was no big deal, I already had the query.", "it was no big deal", True),
    ("Missing the standup is no big deal for the team.", "no big deal", False),
    ("It was nothing, a flaky health check on the staging load balancer.", "It was nothing", False),
])
def test_own_favour(text, phrase, expected):
    assert guards.own_favour(match(text, phrase)) is expected


@pytest.mark.parametrize("text,phrase,expected", [
    ("Don't mention it. The template is yours to keep.", "Don't mention it", True),
    ("Honestly it took me twenty minutes, so don't feel you owe me anything.", "don't feel you owe me anything", True),
    ("Do you feel you owe me anything after the launch?", "you owe me anything", False),
    ("The release notes don't mention it, but the API now returns 429s.", "don't mention it", False),
])
def test_releases_debt(text, phrase, expected):
    assert guards.releases_debt(match(text, phrase)) is expected


@pytest.mark.parametrize("text,kw,expected", [
    ("No problem, happy to help. The deck is in your inbox.", {}, True),
    ("No worries!", {"replying_to": "Thanks for covering my shift!", "thanked": True}, True),
    ("No problem.", {"replying_to": "Is there any issue with the Q3 timeline?"}, False),
    ("No worries, I know how hectic quarter-end is. The deadline isn't until the 20th.", {}, False),
    ("I'll send the deck tomorrow. No problem.", {}, False),   # not the writer's first sentence
    ("No problem! I'll send the deck tomorrow.", {}, False),   # no favour delivered
    ("No problem, I'll move the supplier call to 3pm and let them know.", {}, False),  # agreeing to a request
    ("Hi Dr. Lim,\n\nNo problem at all, calling the other branches took five minutes.", {}, True),  # a title in the greeting
    ("Not at all, it was an absolute doddle. Enjoy the long weekend!", {}, True),  # the effort played down after it
    ("No problem. Sure it was only a wee bit of proofreading. Good luck!", {}, True),  # ... or in the next sentence
])
def test_answers_thanks(text, kw, expected):
    phrase = next(p for p in ("No worries", "No problem", "Not at all") if p in text)
    assert guards.answers_thanks(match(text, phrase, **kw)) is expected


@pytest.mark.parametrize("text,phrase,expected", [
    ("No worries, it only took a minute!", "it only took a minute", True),
    ("Happy to help. Editing the trailer barely took an hour.", "barely took an hour", True),  # activity subject
    ("The migration only took a minute once the index existed.", "only took a minute", False),
    ("Setting up the new server only took a minute once the index existed.", "only took a minute", False),
    ("Was it easy to set up?", "it easy", False),
])
def test_minimising_effort(text, phrase, expected):
    assert guards.minimising_effort(match(text, phrase)) is expected


@pytest.mark.parametrize("text,expected", [
    ("I just wanted to check whether the contract went out.", True),
    ("Just a quick reminder that timesheets are due.", True),
    ("I'm just following up on my note from Monday.", True),
    ("I just sent the signed copy.", False),
    ("The export just finished.", False),
])
def test_minimising_just(text, expected):
    phrase = "just" if "just" in text else "Just"
    assert guards.minimising_just(match(text, phrase)) is expected


@pytest.mark.parametrize("text,expected", [
    ("I feel like the churn model is overfitting.", True),
    ("I feel like a new person after the vacation!", False),
    ("I think the numbers are off.", True),
])
def test_hedges_a_clause(text, expected):
    phrase = "I feel like" if "feel" in text else "I think"
    assert guards.hedges_a_clause(match(text, phrase)) is expected


@pytest.mark.parametrize("text,phrase,expected", [
    ("I think we should push the launch by a week.", "I think", True),      # the writer's recommendation
    ("Maybe you could send the deck to Ana as well?", "Maybe", True),       # a request
    ("I would maybe suggest not signing it in its current form.", "maybe", True),  # "I would suggest" as "I'd suggest"
    ("I would recommend a raincoat, as it will probably rain on Thursday.", "probably", False),  # the reason's own clause
    ("Not sure if this is helpful, but the logs show a spike.", "Not sure if this is helpful", True),
    ("They probably planned for the students to park in the garages.", "probably", False),  # a fact, not a position
    ("I feel like a new person after the vacation!", "I feel like", False),
])
def test_hedges_own_position(text, phrase, expected):
    assert guards.hedges_own_position(match(text, phrase)) is expected


@pytest.mark.parametrize("text,phrase,expected", [
    ("Here is the checklist we use, so don't expect miracles.", "so don't expect miracles", True),
    ("I put a small box of chocolates in your mailbox, it is really nothing.", "it is really nothing", True),
    ("The server went down overnight, nothing major, it was back by six.", "nothing major", False),   # news, no gift
    ("Don't worry about the late timesheet, it's nothing. I've added your hours.", "it's nothing", False),  # forgiving
    ("Here is the checklist, so don't expect miracles?", "so don't expect miracles", False),
])
def test_shrinks_a_gift(text, phrase, expected):
    assert guards.shrinks_a_gift(match(text, phrase)) is expected


@pytest.mark.parametrize("text,phrase,expected", [
    ("No thanks needed. The edit was light.", "The edit was light", True),
    ("No thanks needed. Was the edit light?", "the edit light", False),
])
def test_not_asked(text, phrase, expected):
    assert guards.not_asked(match(text, phrase)) is expected


@pytest.mark.parametrize("text,phrase,expected", [
    ("Sorry to keep chasing. The register is due Thursday.", "Sorry to keep chasing", True),
    ("Sorry to keep chasing. Our portal lost your first submission, which is on us.", "Sorry to keep chasing", False),
    ("Sorry for another reminder: our scheduler fired twice, a bug on our side.", "Sorry for another reminder", False),
    ("Sorry to bother you again, but I sent you the wrong template.", "Sorry to bother you again", False),
    ("Sorry to bother you. The next step is yours, and the mistake in the brief is the agency's.", "Sorry to bother you", True),
])
def test_apologises_without_fault(text, phrase, expected):
    assert guards.apologises_without_fault(match(text, phrase)) is expected


def test_every_guard_has_unit_tests():
    tested = {name[len("test_"):] for name in globals() if name.startswith("test_")}
    assert set(guards.GUARDS) <= tested


def test_guards_named_by_rules_exist():
    assert {p.guard.__name__ for p in phrase_rules() if p.guard} <= set(guards.GUARDS)


def test_unless_conditions():
    u = Unless.parse({"before": "\\bsaid\\b", "after": "^\\s+rain"})
    m = match("The forecast said it will probably rain.", "probably")
    assert u.holds(m)
    assert not Unless.parse({"after": "^\\s+snow"}).holds(m)
    assert Unless.parse({"draft": "{{reporting-verbs}}"}).holds(m)  # lexicons work in unless too
    with pytest.raises(ValueError):
        Unless.parse({"sentence": "x"})


@pytest.mark.parametrize("rid,text,phrase", [
    ("undermining.no-big-deal", "It's no big deal if you can't make it.", "no big deal"),
    ("undermining.reply-to-thanks", "No problem with the Q1 numbers.", "No problem"),
    ("weak-phrasing.just", "We shipped just before midnight.", "just"),
    ("weak-phrasing.kind-of", "What kind of data do you need?", "kind of"),
    ("weak-phrasing.kind-of", "The client said “we're sort of stretched right now” on the call.", "sort of"),
    ("weak-phrasing.hedge", "The forecast says it will probably rain.", "probably"),
    ("weak-phrasing.hedge", "I think so.", "I think"),
])
def test_rules_unless_drops_the_lookalike(rid, text, phrase):
    rule = next(p for p in phrase_rules() if p.id == rid)
    m = match(text, phrase)
    assert any(u.holds(m) for u in rule.unless) and not rule.accepts(m)
