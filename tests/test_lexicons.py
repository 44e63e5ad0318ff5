"""Named lexicons (models/lexicons): each defined once, well-formed, and every {{name}} in the data resolves."""
import re

import pytest

from givefirst.resources import load_yaml, models_dir
from givefirst.rules import lexicons


def _data_patterns():
    """Every pattern string in the rule data: rules' patterns and unless, and the role cues."""
    for path in sorted((models_dir() / "rules").glob("*.yaml")):
        for rule in load_yaml(f"rules/{path.name}")["rules"]:
            yield from rule.get("patterns", [])
            for u in rule.get("unless", []):
                yield from u.values()
    for kind, pats in load_yaml("patterns/roles.yaml").items():
        if kind != "examples":
            yield from pats


@pytest.mark.parametrize("name", lexicons.names())
def test_lexicon_is_well_formed(name):
    data = load_yaml(f"lexicons/{name}.yaml")
    assert set(data) == {"description", "entries"}, name
    assert data["description"].strip()
    entries = lexicons.entries(name)
    assert entries and all(e.strip() == e and e for e in entries), name
    assert len(set(entries)) == len(entries), f"{name} lists an entry twice"
    re.compile(lexicons.group(name))


def test_every_placeholder_in_the_data_names_a_lexicon():
    used = {m.group(1) for p in _data_patterns() for m in lexicons.PLACEHOLDER.finditer(p)}
    assert used, "the rule data uses no lexicon"
    assert used <= set(lexicons.names()), used - set(lexicons.names())
    for p in _data_patterns():
        assert "{{" not in lexicons.expand(p), p


def test_expand_and_compile():
    assert lexicons.expand("^{{greetings}}\\b").startswith("^(?:hi|hey|hello|dear|")
    pat = lexicons.compile(r"\b{{thanks}}\b")
    assert pat.search("Thank you so much!") and pat.search("cheers for the notes")
    assert not pat.search("Cheers, Ann")  # a sign-off thanks nobody
    assert lexicons.compile("{{okay}}", 0).pattern == "(?:ok|okay|alright|all right)"


def test_words_are_lower_case_and_plain():
    assert "haha" in lexicons.words("interjections") and "thanks" in lexicons.words("thanks")
    assert "hey" in lexicons.words("greetings") and "hey" not in lexicons.words("interjections")
    assert "you're too kind" in lexicons.words("replies")
    welcomes = lexicons.compile(r"^{{welcomes}}$")
    assert all(welcomes.match(w) for w in ("You’re welcome", "you're so welcome", "it was a pleasure", "De nada"))
    with pytest.raises(ValueError):
        lexicons.words("reporting-verbs")  # holds patterns ("predicts?"), not words


def test_unknown_and_self_referencing_lexicons_are_errors(tmp_path, monkeypatch):
    with pytest.raises(KeyError):
        lexicons.expand("{{no-such-lexicon}}")
    (tmp_path / "lexicons").mkdir()
    (tmp_path / "lexicons" / "loop.yaml").write_text("description: x\nentries: ['a {{loop}}']\n")
    monkeypatch.setattr(lexicons, "models_dir", lambda: tmp_path)
    monkeypatch.setattr(lexicons, "load_yaml", lambda rel: __import__("yaml").safe_load((tmp_path / rel).read_text()))
    for f in (lexicons.entries, lexicons.group):
        f.cache_clear()
    try:
        with pytest.raises(ValueError, match="includes itself"):
            lexicons.group("loop")
    finally:
        for f in (lexicons.entries, lexicons.group):
            f.cache_clear()


def test_one_definition_each():
    """A word list lives in one lexicon: no entry is repeated across lexicons that mean the same kind of thing."""
    names = ("interjections", "replies", "greetings", "thanks")
    for a in names:
        for b in names:
            assert a == b or not set(lexicons.entries(a)) & set(lexicons.entries(b)), (a, b)
