"""The trained sentence-role classifier, and how it combines with the rules.

A spaCy `textcat_multilabel` on a blank English pipeline (bag of n-grams, see
models/roles/config.cfg and TRAINING.md) scores one sentence for each of
ROLES. It is cheap (well under a millisecond a sentence) and exists to decide
the fuzzy cases the cue patterns miss, mostly indirect and clipped asks in
real email ("Need the Q3 numbers before the call.", "Any chance to get the
report?").

If the model directory (models/roles/model/) is missing or cannot be loaded,
`load()` returns None and `predict()` returns None: the rules alone run,
unchanged. `combine()` with empty probabilities returns the rule roles as is.
"""
from __future__ import annotations

import functools
import os
import re
import threading
from collections import OrderedDict
from pathlib import Path

from .resources import models_dir

ROLES = ("ask", "offer", "concession", "gratitude", "undermining", "weak")
_CACHE_SIZE = 4096
_cache: OrderedDict = OrderedDict()
_lock = threading.Lock()
_SPACES = re.compile(r"\s+")
_QUOTES = re.compile(r"[’‘`´]")


def model_path() -> Path:
    """models/roles/model, or GIVEFIRST_ROLES_MODEL (set it to "" to run the rules alone)."""
    env = os.environ.get("GIVEFIRST_ROLES_MODEL")
    if env is not None:
        return Path(env) if env else Path("/nonexistent")
    return models_dir() / "roles" / "model"


def normalise(text: str) -> str:
    """What the model sees, in training and at run time: lower case, ' quotes, single spaces."""
    return _SPACES.sub(" ", _QUOTES.sub("'", text)).strip().lower()


@functools.lru_cache(maxsize=1)
def load():
    """The trained pipeline, or None when it is absent (the rules then run alone)."""
    path = model_path()
    if not (path / "meta.json").exists():
        return None
    try:
        import spacy
        return spacy.load(path)
    except Exception:  # a broken or incompatible artifact must not take the service down
        return None


def available() -> bool:
    return load() is not None


def predict(texts: list[str]) -> list[dict] | None:
    """Role probabilities per sentence, {role: p}; None when no model is installed.

    Batched through nlp.pipe; results are cached by normalised sentence text, so
    re-analysing a draft after a keystroke scores only the changed sentences.
    """
    nlp = load()
    if nlp is None:
        return None
    keys = [normalise(t) for t in texts]
    with _lock:
        missing = [k for k in dict.fromkeys(keys) if k not in _cache]
    scored = {k: {r: float(p) for r, p in doc.cats.items()} for k, doc in zip(missing, nlp.pipe(missing))}
    with _lock:
        _cache.update(scored)
        out = []
        for k in keys:
            probs = _cache.get(k) or scored[k]
            _cache[k] = probs
            _cache.move_to_end(k)
            out.append(dict(probs))
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return out


# combine(): see its docstring. Chosen on out-of-fold scores of the training
# data only (scripts/tune_combine.py prints the grid); never on a held-out split.
ASK_ADD = 0.65   # p(ask) at which the model adds an ask to a statement the rules gave no role
ASK_VETO = 0.05  # p(ask) below which the model removes a rule ask (not a concession's)
PROTECTED = frozenset({"offer", "concession", "gratitude"})  # rule roles the model never overrides
_QUESTION_END = re.compile(r"\?[\s)\"'’”]*$")


def combine(rule_roles: set, probs: dict | None, text: str = "", *, add: float = ASK_ADD,
            veto: float = ASK_VETO) -> set:
    """Roles for one sentence from the rules' roles and the model's probabilities.

    The rules decide wherever a precise cue fires; the model decides only the
    statements no cue claimed:

    1. Rule ask: kept, unless p(ask) < ASK_VETO. Out of fold on the training
       data, every such veto was Enron boilerplate ("To ensure delivery, please
       add ... to your address book", "please click here to unsubscribe") and
       none touched a project sentence; a concession's ask is never vetoed.
    2. Rule offer, concession or gratitude: unchanged. SPEC.md says offers
       ("let me know if you have questions", "feel free to call me") are not
       asks; the Enron labels call them actionable, and they are most of what
       the model would add here (out of fold: 21 of 22 offers with p >= 0.9).
    3. A question with no rule ask: unchanged. The rules make every question
       an ask unless an offer or a not-an-ask cue (pleasantry, rhetorical,
       permission-seeking) fired, and the model's false asks on the project's
       sentences were mostly exactly those ("How's your week going?").
    4. Any other sentence: the model adds an ask when p(ask) >= ASK_ADD. This
       is where clipped and indirect real-email asks live ("Need the signed
       copy back before the call.", "It would be great to meet when you come
       to Houston.").

    Out of fold on the training data (project sentences / Enron training part),
    ask F1 went from 0.980 / 0.709 (rules alone) to 0.977 / 0.775. With no
    probabilities (no model installed) the rule roles come back unchanged.
    """
    roles = set(rule_roles)
    if not probs:
        return roles
    p = probs.get("ask", 0.0)
    if "ask" in roles:
        if p < veto and "concession" not in roles:
            roles.discard("ask")
    elif not roles & PROTECTED and not _QUESTION_END.search(text) and p >= add:
        roles.add("ask")
    return roles
