"""Every rule's own examples: each `flag` example raises the rule over exactly its [bracketed]
span(s), and its first rewrite gives `becomes`; each `ok` example does not raise the rule."""
import pytest

from givefirst.roles import sentence_roles as roles
from givefirst.rules import rewrite
from givefirst.rules.catalogue import catalogue, example, phrase_rules, public_catalogue


def _cases():
    for rid, rule in catalogue().items():
        for kind in ("flag", "ok"):
            for ex in (rule.get("examples") or {}).get(kind, []):
                e = example(ex)
                yield pytest.param(rid, kind, e, id=f"{rid}-{kind}-{e.text[:30]}")


@pytest.mark.parametrize("rid,kind,ex", list(_cases()))
def test_rule_example(analyze, rid, kind, ex):
    found = [f for f in analyze(ex.text, context=ex.context, offsets="codepoint")["findings"] if f["rule"] == rid]
    if kind == "ok":
        assert not found, f"{rid} should not flag {ex.text!r}"
        return
    assert found, f"{rid} should flag {ex.text!r}"
    spans = sorted((f["start"], f["end"]) for f in found)
    marked = [ex.text[a:b] for a, b in ex.spans]
    assert spans == list(ex.spans), f"{rid} flags {[ex.text[a:b] for a, b in spans]}, the example marks {marked}"
    first = min(found, key=lambda f: (f["start"], f["end"]))
    if not first["rewrites"]:
        assert ex.becomes is None, f"{rid} offers no rewrite for {ex.text!r}"
        return
    assert ex.becomes is not None, f"{rid} rewrites {ex.text!r}: the example needs `becomes`"
    rw = first["rewrites"][0]
    assert ex.text[: rw["start"]] + rw["replacement"] + ex.text[rw["end"]:] == ex.becomes


def test_the_phrase_detector_runs_the_rule_data():
    """detectors/phrases.py takes its rules from catalogue.phrase_rules() (patterns, `unless`
    and guard in one check) and its rewrites from rewrite.for_rule (`when` conditions); a
    detector that reads the YAML itself ignores both, and many examples below fail."""
    from givefirst.detectors import phrases
    assert [c[3] for c in phrases._compiled()] == [p.accepts for p in phrase_rules()], (
        "detectors/phrases.py must use rules.catalogue.phrase_rules() and rules.rewrite.for_rule (docs/rules.md)")


def test_flag_examples_mark_their_spans():
    for rid, rule in catalogue().items():
        for ex in rule["examples"]["flag"]:
            assert isinstance(ex, dict) and example(ex).spans, f"{rid}: mark the span of {ex!r} with [brackets]"
            assert set(ex) <= {"text", "becomes", "context"}, ex
        for ex in rule["examples"]["ok"]:
            assert not example(ex).spans and (isinstance(ex, str) or set(ex) <= {"text", "context"}), ex


def test_rewrite_conditions_are_known():
    for rid, rule in catalogue().items():
        for spec in rule.get("rewrites", []):
            when = spec.get("when", [])
            assert set([when] if isinstance(when, str) else when) <= set(rewrite.CONDITIONS), (rid, spec)
            assert spec.get("delete") or spec.get("replacement"), (rid, spec)


def test_public_examples_give_spans_in_utf16():
    rules = {r["id"]: r for r in public_catalogue()}
    ex = rules["undermining.no-big-deal"]["examples"]["flag"][0]
    assert ex == {"text": "No big deal! Glad the export saved you time.",
                  "spans": [{"start": 0, "end": 11, "text": "No big deal"}],
                  "becomes": "You're welcome! Glad the export saved you time."}
    assert all(isinstance(ok, (str, dict)) for r in rules.values() for ok in r["examples"]["ok"])
    for r in rules.values():
        for fx in r["examples"]["flag"]:
            units = fx["text"].encode("utf-16-le")
            for sp in fx["spans"]:
                assert units[2 * sp["start"]: 2 * sp["end"]].decode("utf-16-le") == sp["text"]


@pytest.mark.parametrize("ex", roles.examples(), ids=lambda ex: ex["text"][:40])
def test_role_example(analyze, ex):
    """The cue patterns' examples (models/patterns/roles.yaml): the last sentence gets exactly these roles."""
    sentences = analyze(ex["text"])["structure"]["sentences"]
    assert sorted(sentences[-1]["roles"]) == sorted(ex["roles"]), sentences


def test_role_examples_cover_every_role():
    assert {r for ex in roles.examples() for r in ex["roles"]} >= {"ask", "offer", "concession", "gratitude"}
    assert any(not ex["roles"] for ex in roles.examples())


@pytest.mark.parametrize("rid", sorted(catalogue()))
def test_every_rule_has_examples_and_words(rid):
    rule = catalogue()[rid]
    ex = rule.get("examples") or {}
    assert ex.get("flag") and ex.get("ok"), f"{rid} needs flag and ok examples"
    for key in ("message", "explanation", "source"):
        assert rule.get(key), f"{rid} has no {key}"


SPEC_NOT_FLAGGED = [
    "There's no problem with the timeline.",
    "Don't mention it to the client.",
    "It's no big deal if you can't make it.",
    "The bug was not a big deal.",
    "We deployed just before midnight.",
    "Justin has the numbers.",
    "Would you like me to send the deck?",
    "Let me know if you have questions.",
]


@pytest.mark.parametrize("text", SPEC_NOT_FLAGGED)
def test_spec_not_flagged(analyze, text):
    r = analyze(text)
    flagged = [f for f in r["findings"] if f["category"] in ("undermining", "weak-phrasing")]
    assert flagged == []
    if "send the deck" in text or "questions" in text:
        assert r["structure"]["asks"] == []


def test_spec_not_flagged_cases_are_ok_examples():
    oks = {example(ex).text for r in catalogue().values() for ex in r["examples"].get("ok", [])}
    for phrase in ("no problem with the", "Don't mention it to the client", "no big deal if you can't make it",
                   "bug was not a big deal", "just before midnight", "Justin"):
        assert any(phrase in ok for ok in oks), phrase
