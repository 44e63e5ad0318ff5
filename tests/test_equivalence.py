"""Equivalence: what makes analysis fast or bounded must not change what users see.

- Reading grade and ease come from per-sentence counts; the chip must show
  textstat's own numbers for the whole text (to the one decimal shown).
- The bounded tokenizer gives spaCy's tokens below its bound and keeps the text.
- The pipeline (numpy ops without blis) tags and parses like stock spaCy.
- Parsing sentence by sentence (the keystroke cache) gives the analysis that
  parsing each line whole gives, on the labelled drafts.
"""
from __future__ import annotations

import json
import random

import textstat
from hypothesis import given
from hypothesis import strategies as st

import givefirst
from givefirst.parse import draft, metrics, pipeline
from givefirst.text import prepare, readability
from fuzzkit import FUZZ, email_text

DATA = __import__("pathlib").Path(__file__).resolve().parents[1] / "models" / "data"


def _draft_texts() -> list[str]:
    out = []
    for name in ("train.jsonl", "heldout.jsonl"):
        with open(DATA / "drafts" / name, encoding="utf-8") as f:
            out += [json.loads(line)["text"] for line in f if line.strip()]
    return out


def _sentence_texts(limit: int = 400) -> list[str]:
    with open(DATA / "sentences" / "train.jsonl", encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    return random.Random(3).sample(texts, min(limit, len(texts)))


def _shown(x: float) -> float:
    return round(float(x), 1)


@FUZZ
@given(st.text(max_size=300) | email_text)
def test_readability_is_textstats_as_shown(text):
    grade, ease = readability.grade_and_ease(text)
    if readability.counts(text)[0] == 0:
        assert (grade, ease) == (0.0, 0.0)
        return
    assert (_shown(grade), _shown(ease)) == (_shown(textstat.flesch_kincaid_grade(text)),
                                             _shown(textstat.flesch_reading_ease(text))), text


@FUZZ
@given(email_text)
def test_draft_metrics_are_textstats_on_the_whole_text(text):
    """The metrics are summed from per-sentence counts; users must see textstat's numbers for the own text."""
    d = draft.build(text, prepare.prepare(text))
    own = " ".join(" ".join(s.text.split()) for s in d.sentences)
    words = metrics.words(own)
    has_words = readability.counts(own)[0] > 0
    grade = _shown(textstat.flesch_kincaid_grade(own)) if words and has_words else 0.0
    ease = _shown(textstat.flesch_reading_ease(own)) if words and has_words else 0.0
    assert metrics.measure(d).to_dict() == {"words": words, "sentences": len(d.sentences),
                                            "questions": sum(s.is_question for s in d.sentences),
                                            "reading_grade": grade, "reading_ease": ease}


@FUZZ
@given(st.text(max_size=600) | email_text)
def test_tokenizer_keeps_the_text(text):
    doc = pipeline.load().tokenizer(text)
    plain = "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)
    assert doc.text == plain and all(t.idx <= len(text) for t in doc)


def test_tokenizer_is_spacys_below_the_long_run_bound():
    tok = pipeline.load().tokenizer
    for text in _draft_texts()[::7] + ["x" * 100 + " ok", "a!b?c... (d) e-mail."]:
        assert [t.text for t in tok(text)] == [t.text for t in tok.inner(text)], text


def test_pipeline_tags_and_parses_like_stock_spacy():
    """Our pipeline (thinc's NumpyOps without blis) against the components as spaCy ships them
    (blis): the same tags, parses, POS and lemmas. Two BLAS libraries may round the last bit of
    a score differently, which can flip a near-tie; at most 1% of texts may differ, and every
    difference is printed."""
    import spacy
    ours = pipeline.load()
    stock = spacy.load(pipeline.MODEL, exclude=pipeline.EXCLUDE)
    stock.add_pipe("givefirst_line_breaks", before="parser")
    sig = lambda doc: [(t.text, t.tag_, t.dep_, t.head.i, t.is_sent_start, t.pos_, t.lemma_) for t in doc]
    texts = _draft_texts() + _sentence_texts()
    differ = [t for t in texts if sig(ours(t)) != sig(stock(t))]
    assert len(differ) <= 0.01 * len(texts), f"{len(differ)} of {len(texts)} texts parse differently: {differ[:3]}"


def test_sentence_chunks_parse_like_whole_lines():
    """The keystroke cache parses sentence by sentence; on the labelled drafts that gives the
    analysis parsing each line whole gives (a parse is context-sensitive, so a rare draft may
    differ: at most 2%)."""
    texts = _draft_texts()

    def paragraphs(own, raw=None):
        return [(p.start(1), p.group(1)) for p in draft._LINE.finditer(own)]

    def run():
        draft.clear_cache()
        return [givefirst.analyze(t, offsets="codepoint") for t in texts]

    chunked = run()
    saved = draft.chunks
    try:
        draft.chunks = paragraphs
        whole = run()
    finally:
        draft.chunks = saved
        draft.clear_cache()
    differ = [t for t, a, b in zip(texts, chunked, whole) if a != b]
    assert len(differ) <= 0.02 * len(texts), f"{len(differ)} of {len(texts)} drafts differ: {differ[:3]}"


def test_a_sentence_parses_the_same_alone_or_in_a_batch():
    """A cached sentence must not change with what it was first parsed beside: the findings of a
    draft are the same whether its sentences were parsed together (a new draft) or one by one
    (keystrokes)."""
    texts = _draft_texts()[:60]
    draft.clear_cache()
    batched = [givefirst.analyze(t) for t in texts]
    one_by_one = []
    for t in texts:
        draft.clear_cache()
        for _, chunk in draft.chunks(t):
            draft.parse_chunks([chunk])
        one_by_one.append(givefirst.analyze(t))
    draft.clear_cache()
    differ = [t for t, a, b in zip(texts, batched, one_by_one) if a["findings"] != b["findings"]]
    assert not differ, f"{len(differ)} drafts differ: {differ[:2]}"
