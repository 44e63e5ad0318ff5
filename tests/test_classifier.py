"""The trained sentence-role classifier (models/roles/model) and how it combines with the rules."""
from collections import OrderedDict

import pytest

from givefirst.roles import classifier


@pytest.fixture(scope="module")
def model():
    if not classifier.model_path().exists():
        pytest.fail("models/roles/model is missing: run `make model`")
    nlp = classifier.load()
    assert nlp is not None, "the model directory exists but does not load"
    return nlp


def test_model_loads_with_every_role(model):
    assert set(model.get_pipe("textcat_multilabel").labels) == set(classifier.ROLES)


@pytest.mark.parametrize("text, role", [
    ("Could you send me the Q3 numbers by Friday?", "ask"),
    ("Please review the contract before our call tomorrow.", "ask"),
    ("I've attached the cleaned-up dashboard with last week's numbers.", "offer"),
    ("Thank you so much for covering the on-call shift.", "gratitude"),
    ("Oh, it was nothing, it only took a minute.", "undermining"),
])
def test_clear_sentences_get_their_role(model, text, role):
    probs = classifier.predict([text])[0]
    assert probs[role] >= 0.5, probs
    if role != "ask":
        assert probs["ask"] < 0.5, probs


def test_predict_is_batched_cached_and_normalised(model, monkeypatch):
    """A sentence gets the same scores whether it is scored alone, in a batch, or from the cache."""
    texts = ["Can you join the call?", "Thanks!", "CAN YOU  JOIN the call?", "Here is the deck."]
    monkeypatch.setattr(classifier, "_cache", OrderedDict())  # nothing remembered from other tests
    batched = classifier.predict(texts)
    a, b, c, d = batched
    assert a == c  # same text after normalisation (case, spaces)
    assert a != b and b != d
    assert classifier.predict([]) == []
    a["ask"] = -1.0  # a caller's copy: changing it changes nothing remembered
    cached = classifier.predict(texts[::-1])[::-1]
    monkeypatch.setattr(classifier, "_cache", OrderedDict())
    alone = [classifier.predict([t])[0] for t in texts]  # scored one at a time, nothing cached
    for text, got, fresh in zip(texts, cached, alone):
        assert got.keys() == fresh.keys() and all(got[k] == pytest.approx(fresh[k], abs=1e-5) for k in got), text
    for text, got, fresh in zip(texts[1:], batched[1:], alone[1:]):
        assert all(got[k] == pytest.approx(fresh[k], abs=1e-5) for k in got), text


def test_missing_model_means_rules_alone(monkeypatch):
    monkeypatch.setenv("GIVEFIRST_ROLES_MODEL", "")
    classifier.load.cache_clear()
    try:
        assert classifier.load() is None
        assert classifier.predict(["Can you send it?"]) is None
        assert classifier.combine({"offer"}, None, "Here is the deck.") == {"offer"}
    finally:
        monkeypatch.delenv("GIVEFIRST_ROLES_MODEL")
        classifier.load.cache_clear()


@pytest.mark.parametrize("rules, p, text, expected", [
    # a statement no cue claimed: the model decides
    (set(), 0.9, "Need the signed copy back before the call.", {"ask"}),
    (set(), classifier.ASK_ADD - 0.01, "Need the signed copy back before the call.", set()),
    # protected rule roles and questions stay as the rules said
    ({"offer"}, 0.99, "Feel free to call me if you want to discuss.", {"offer"}),
    ({"gratitude"}, 0.99, "Thanks in advance for the numbers.", {"gratitude"}),
    ({"concession"}, 0.99, "Or even just the summary tab.", {"concession"}),
    (set(), 0.99, "How's your week going?", set()),
    (set(), 0.99, "What could possibly go wrong? ", set()),
    # a heading line adds no ask; a rule ask on one stays
    (set(), 0.99, "Weekly update on the warehouse move:", set()),
    ({"ask"}, 0.99, "Please send the following:", {"ask"}),
    # a rule ask is vetoed only below ASK_VETO, and never a concession's
    ({"ask"}, classifier.ASK_VETO / 2, "Please add us to your address book.", set()),
    ({"ask"}, classifier.ASK_VETO, "Please add us to your address book.", {"ask"}),
    ({"ask", "concession"}, 0.0, "If that's too much, how about 15 minutes?", {"ask", "concession"}),
])
def test_combine_follows_its_documented_rule(rules, p, text, expected):
    probs = {r: 0.0 for r in classifier.ROLES} | {"ask": p}
    before = set(rules)
    assert classifier.combine(rules, probs, text) == expected
    assert rules == before  # the caller's set is not modified


def test_combine_without_probabilities_returns_rules():
    assert classifier.combine({"ask"}, None, "Send it.") == {"ask"}
    assert classifier.combine(set(), {}, "Need it by Friday.") == set()
