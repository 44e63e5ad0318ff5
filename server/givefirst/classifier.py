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
# data only (scripts/tune_combine.py); never on a held-out split.
ASK_ADD = 0.7
ASK_ADD_OFFER = 1.01
ASK_VETO = 0.0


def combine(rule_roles: set, probs: dict | None, text: str = "", *, add: float = ASK_ADD,
            add_offer: float = ASK_ADD_OFFER, veto: float = ASK_VETO) -> set:
    """Roles for one sentence from the rules' roles and the model's probabilities.

    Placeholder; the measured rule and its reasons are written below once tuned.
    """
    roles = set(rule_roles)
    if not probs:
        return roles
    p = probs.get("ask", 0.0)
    if "ask" in roles:
        if p < veto and "concession" not in roles:
            roles.discard("ask")
    elif "offer" in roles:
        if p >= add_offer:
            roles.discard("offer")
            roles.add("ask")
    elif "concession" not in roles and p >= add:
        roles.add("ask")
    return roles
