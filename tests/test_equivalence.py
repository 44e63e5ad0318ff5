"""Equivalence: what makes analysis fast or bounded must not change what users see.

- Reading grade and ease come from per-sentence counts; the chip must show
  textstat's own numbers for the whole text (to the one decimal shown).
- The bounded tokenizer gives spaCy's tokens below its bound and keeps the text.
- The pipeline (numpy ops without blis) tags and parses like stock spaCy.
- givefirst_attributes sets exactly what the model's attribute ruler sets, and
  lemmas read on demand are the lemmatizer's.
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
    stock.add_pipe("givefirst_no_mid_clause_breaks", before="parser")
    sig = lambda doc, lemma: [(t.text, t.tag_, t.dep_, t.head.i, t.is_sent_start, t.pos_, lemma(t)) for t in doc]
    texts = _draft_texts() + _sentence_texts()
    differ = [t for t in texts if sig(ours(t), pipeline.lemma) != sig(stock(t), lambda t: t.lemma_.lower())]
    assert len(differ) <= 0.01 * len(texts), f"{len(differ)} of {len(texts)} texts parse differently: {differ[:3]}"


def _real_mail_texts() -> list[str]:
    with open(DATA / "real-mail" / "dev.jsonl", encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()]


def test_attribute_index_sets_what_the_stock_ruler_sets():
    """Same ops, same networks: with the model's attribute ruler or with givefirst_attributes
    (its patterns looked up by token), every token gets the same tag, POS, morphology, lemma and
    dependency: no text may differ. The odd words the ruler's longer patterns handle are included."""
    import spacy
    from givefirst.parse import attributes
    ours = pipeline.load()
    assert "givefirst_attributes" in ours.pipe_names and "attribute_ruler" not in ours.pipe_names
    stock = spacy.load(pipeline.MODEL, exclude=pipeline.EXCLUDE)
    stock.add_pipe("givefirst_line_breaks", before="parser")
    stock.add_pipe("givefirst_no_mid_clause_breaks", before="parser")
    assert "attribute_ruler" in stock.pipe_names
    sig = lambda doc: [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]
    odd = ["I ain't gonna do it, we gotta go.", "Y'all wanna come?", "He ain't here \n\n  ok", " \n ", "lemme know"]
    texts = _draft_texts() + _sentence_texts() + _real_mail_texts() + odd
    # both pipelines run the same networks on the same ops, so only the ruler step can differ
    docs = [ours.make_doc(t) for t in texts]
    parsed = list(stock.pipe(docs, disable=["attribute_ruler", "lemmatizer"]))
    ruler, index = stock.get_pipe("attribute_ruler"), attributes.GivefirstAttributes().use(stock.get_pipe("attribute_ruler").patterns)
    lemmatizer = stock.get_pipe("lemmatizer")
    a = [sig(lemmatizer(ruler(d.copy()))) for d in parsed]
    b = [sig(lemmatizer(index(d.copy()))) for d in parsed]
    differ = [t for t, x, y in zip(texts, a, b) if x != y]
    assert not differ, f"{len(differ)} of {len(texts)} texts differ: {differ[:3]}"


def test_lemmas_on_demand_are_the_lemmatizers():
    """The pipeline does not run the lemmatizer over every token; `pipeline.lemma` gives each
    token the lemma the stock pipeline gives it, the attribute rules' own lemmas included."""
    import spacy
    ours = pipeline.load()
    assert "lemmatizer" not in ours.pipe_names
    stock = spacy.load(pipeline.MODEL, exclude=pipeline.EXCLUDE)
    stock.add_pipe("givefirst_line_breaks", before="parser")
    stock.add_pipe("givefirst_no_mid_clause_breaks", before="parser")
    texts = _draft_texts()[::3] + _real_mail_texts()[::2] + ["I ain't gonna do it, we gotta go.", "Don't let us down."]
    docs = [ours.make_doc(t) for t in texts]
    differ = []
    for text, a, b in zip(texts, ours.pipe([d.copy() for d in docs]), stock.pipe([d.copy() for d in docs])):
        if [pipeline.lemma(t) for t in a] != [t.lemma_.lower() for t in b]:
            differ.append(text)
    assert not differ, f"{len(differ)} of {len(texts)} texts get other lemmas: {differ[:3]}"


def test_attribute_index_refuses_patterns_it_cannot_evaluate():
    """A future model's ruler pattern with an operator this module does not know keeps the stock ruler."""
    import pytest
    from givefirst.parse import attributes
    with pytest.raises(attributes.Unsupported):
        attributes.AttributeIndex().load([{"patterns": [[{"LOWER": "x", "OP": "+"}]], "attrs": {"POS": "X"}}])
    with pytest.raises(attributes.Unsupported):
        attributes.AttributeIndex().load([{"patterns": [[{"LENGTH": {">=": 3}}]], "attrs": {"POS": "X"}}])


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
