"""Robustness: `analyze` on arbitrary input, and the speed-ups that must not
change a result.

Property-based (hypothesis, derandomized so CI is repeatable): arbitrary
unicode mixed with email fragments, HTML, very long lines, CRLF, zero-width
and right-to-left characters, emoji sequences and lone surrogates (which
JavaScript strings can hold). For both offset units: `analyze` never
raises, every span is in bounds and matches its text, every rewrite applies
cleanly (never splits a surrogate pair, gives the same text in both units,
adds no double space), and the two units describe the same spans.

Equivalence: the table-driven attribute ruler, numpy's matrix products, the
bounded tokenizer and the syllable-caching Flesch scores give spaCy's and
textstat's results, and
parsing sentence by sentence gives whole-paragraph parsing's analysis on the
labelled drafts. Pathological input finishes in under a second.
"""
from __future__ import annotations

import json
import random
import time

import numpy
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import givefirst
from givefirst import draft, fast_tok2vec, flesch, nlp
from givefirst.offsets import utf16_table
from givefirst.resources import models_dir

FRAGMENTS = [
    "Hi Sam,\n\n", "Hey team,\r\n\r\n", "No big deal! ", "no problem, ", "Oh, it's nothing. ", "it only took a minute",
    "Could you review the deck by Friday? ", "Can we meet weekly for 30 minutes? ",
    "If that's too much, how about 15 minutes every other week? ", "If not, no worries. ",
    "Sorry to bother you, but ", "I just wanted to ask ", "just before midnight", "Justin ", "I think maybe ",
    "Does that make sense? ", "This might be a dumb question, ", "I've attached the Q3 numbers. ",
    "Let me know if you have questions. ", "Would you like me to send the deck? ", "Thanks so much!\n",
    "> quoted line\n", ">> nested quote\n", "On Mon, Jun 2, 2025 at 4:01 PM Xavier Wu <x@example.com> wrote:\n",
    "-----Original Message-----\nFrom: a\nSent: b\n", "\n-- \nSam Lee\nHead of Ops\n",
    "<b>bold</b> ", "<div><br></div>", "</p><p>", "&nbsp;", "<a href=\"https://x.example/?a=1&b=2\">link</a>",
    "<!-- note -->", "<script>alert(1)</script>", "\r\n", "\r", "\n\n\n", "\t", "  ", "\u00a0", "\u2028", "\u2029",
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202e", "\u200f", "\u202b", "مرحبا بك", "שלום", "日本語のテキスト",
    "😀", "👩\u200d💻", "🇫🇷", "👍🏽", "e\u0301", "é", "ﬁ", "İ", "ß", "’", "“quoted”", "…", "—", "–",
    "\ud83d", "\ude00", "\udfff", "x" * 150, "!" * 130, "ab" * 120 + " ", ". " * 40, "1,234.56 ", "$12,480 ",
    "INC-48213 ", "e.g. ", "Dr. Okonkwo ", "a.m. ", "P.S. ",
]

email_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40),
              st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x2FFF), min_size=200, max_size=900)),
    max_size=25).map("".join)

FUZZ = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _units(text: str) -> bytes:
    return text.encode("utf-16-le", "surrogatepass")


def _slice(text: str, start: int, end: int, unit: str) -> str:
    if unit == "codepoint":
        return text[start:end]
    return _units(text)[2 * start: 2 * end].decode("utf-16-le", "surrogatepass")


def _length(text: str, unit: str) -> int:
    return len(text) if unit == "codepoint" else len(_units(text)) // 2


def _splits_pair(text: str, pos: int) -> bool:
    """Is UTF-16 offset `pos` between the two halves of a surrogate pair?"""
    u = _units(text)
    if pos <= 0 or 2 * pos >= len(u):
        return False
    before = int.from_bytes(u[2 * pos - 2: 2 * pos], "little")
    after = int.from_bytes(u[2 * pos: 2 * pos + 2], "little")
    return 0xD800 <= before <= 0xDBFF and 0xDC00 <= after <= 0xDFFF


def _apply(text: str, rewrite: dict, unit: str) -> str:
    if unit == "codepoint":
        return text[: rewrite["start"]] + rewrite["replacement"] + text[rewrite["end"]:]
    u = _units(text)
    return (u[: 2 * rewrite["start"]] + _units(rewrite["replacement"]) + u[2 * rewrite["end"]:]).decode(
        "utf-16-le", "surrogatepass")


def _spans(result: dict):
    for f in result["findings"]:
        yield "finding", f
        for r in f["rewrites"]:
            yield "rewrite", r
    st_ = result["structure"]
    for key in ("sentences", "asks", "offers"):
        for s in st_[key]:
            yield key, s
    if st_["door_in_the_face"]:
        yield "ditf", st_["door_in_the_face"]["ask"]
        yield "ditf", st_["door_in_the_face"]["concession"]
    for s in result["ignored"]:
        yield "ignored", s


def check_result(text: str, result: dict, unit: str) -> None:
    n = _length(text, unit)
    assert set(result) == {"findings", "structure", "metrics", "ignored"}
    for kind, span in _spans(result):
        assert isinstance(span["start"], int) and isinstance(span["end"], int), kind
        assert 0 <= span["start"] <= span["end"] <= n, (kind, span, n)
        if unit == "utf16":
            assert not _splits_pair(text, span["start"]) and not _splits_pair(text, span["end"]), (kind, span)
    for f in result["findings"]:
        assert _slice(text, f["start"], f["end"], unit) == f["text"]
        for r in f["rewrites"]:
            after = _apply(text, r, unit)
            assert after.count("  ") <= text.count("  "), (f["rule"], r)
    m = result["metrics"]
    assert m["words"] >= 0 and m["sentences"] == len(result["structure"]["sentences"]) and m["questions"] >= 0


@FUZZ
@given(email_text)
def test_analyze_never_raises_and_every_span_holds(text):
    text = text[:20_000]
    by_unit = {unit: givefirst.analyze(text, offsets=unit) for unit in ("utf16", "codepoint")}
    for unit, result in by_unit.items():
        check_result(text, result, unit)
    # the two units describe the same spans, and a rewrite gives the same email in either
    table = utf16_table(text)
    cp, u16 = by_unit["codepoint"], by_unit["utf16"]
    assert [(table[f["start"]], table[f["end"]], f["rule"]) for f in cp["findings"]] == \
           [(f["start"], f["end"], f["rule"]) for f in u16["findings"]]
    for fc, fu in zip(cp["findings"], u16["findings"]):
        for rc, ru in zip(fc["rewrites"], fu["rewrites"]):
            assert _apply(text, rc, "codepoint") == _apply(text, ru, "utf16")


@FUZZ
@given(email_text)
def test_crlf_drafts_analyse_like_lf_drafts(text):
    lf = text.replace("\r", "")
    crlf = lf.replace("\n", "\r\n")
    a, b = givefirst.analyze(lf, offsets="codepoint"), givefirst.analyze(crlf, offsets="codepoint")
    check_result(crlf, b, "codepoint")
    assert [f["rule"] for f in a["findings"]] == [f["rule"] for f in b["findings"]]
    assert [f["text"].replace("\r", "") for f in a["findings"]] == [f["text"].replace("\r", "") for f in b["findings"]]


@FUZZ
@given(st.text(max_size=600) | email_text)
def test_tokenizer_keeps_the_text(text):
    doc = nlp.load().tokenizer(text)
    plain = "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)
    assert doc.text == plain and all(t.idx <= len(text) for t in doc)


def test_tokenizer_is_spacys_below_the_long_run_bound():
    tok = nlp.load().tokenizer
    for text in _draft_texts()[::7] + ["x" * 100 + " ok", "a!b?c... (d) e-mail."]:
        assert [t.text for t in tok(text)] == [t.text for t in tok.inner(text)]
    long = "ok " + "!" * 20_000 + " fine. " + "😀" * 2000
    t0 = time.perf_counter()
    doc = tok(long)
    assert doc.text == long and time.perf_counter() - t0 < 1


@FUZZ
@given(st.text(max_size=300) | email_text)
def test_flesch_scores_are_textstats(text):
    assert flesch.grade_and_ease(text) == flesch.reference(text)


@FUZZ
@given(email_text)
def test_draft_metrics_are_textstats(text):
    """The metrics are summed from per-sentence counts; they must be textstat's on the whole text."""
    import textstat
    from givefirst import analysis, textprep
    d = draft.build(text, textprep.prepare(text))
    own = " ".join(" ".join(s.text.split()) for s in d.sentences)
    words = len(analysis._WORD.findall(own))
    grade = round(float(textstat.flesch_kincaid_grade(own)), 1) if words else 0.0
    ease = round(float(textstat.flesch_reading_ease(own)), 1) if words else 0.0
    assert analysis._metrics(d) == {"words": words, "sentences": len(d.sentences),
                                    "questions": sum(s.is_question for s in d.sentences),
                                    "reading_grade": grade, "reading_ease": ease}


def _draft_texts() -> list[str]:
    out = []
    for name in ("train.jsonl", "heldout.jsonl"):
        with open(models_dir() / "data" / "drafts" / name, encoding="utf-8") as f:
            out += [json.loads(line)["text"] for line in f if line.strip()]
    return out


def _sentence_texts(limit: int = 400) -> list[str]:
    with open(models_dir() / "data" / "sentences" / "train.jsonl", encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    return random.Random(3).sample(texts, min(limit, len(texts)))


def _before_ruler(text: str):
    p = nlp.load()
    with p.select_pipes(disable=["attribute_ruler", "lemmatizer"]):
        return p(text)


@FUZZ
@given(email_text)
def test_attribute_ruler_lookup_matches_spacys_matcher_fuzz(text):
    ruler = nlp.load().get_pipe("attribute_ruler")
    doc = _before_ruler(text[:3000])
    assert ruler.match(doc) == ruler.reference_match(doc)


def test_attribute_ruler_lookup_matches_spacys_matcher_on_real_text():
    ruler = nlp.load().get_pipe("attribute_ruler")
    assert type(ruler.match).__name__ == "FastMatch", "the lookup is not installed"
    for text in _draft_texts() + _sentence_texts() + ["I ain't gonna go, let's see. There is one.\n\n  \t x"]:
        doc = _before_ruler(text)
        assert ruler.match(doc) == ruler.reference_match(doc), text


def test_pipeline_parses_like_stock_spacy():
    """Our pipeline (numpy matrix products, table-driven attribute ruler) against the same
    components as spaCy ships them (blis, Matcher): the same tags, parses, POS and lemmas."""
    import spacy
    from thinc.api import NumpyOps
    ours = nlp.load()
    stock = spacy.load(nlp.MODEL, exclude=nlp.EXCLUDE)
    stock.add_pipe("givefirst_line_breaks", before="parser")
    assert type(stock.get_pipe("tok2vec").model.ops) is NumpyOps and stock.get_pipe("tok2vec").model.ops.use_blis
    assert type(ours.get_pipe("tok2vec").model.ops).__name__ == "NumpyGemmOps"
    sig = lambda doc: [(t.tag_, t.dep_, t.head.i, t.is_sent_start, t.pos_, t.lemma_, str(t.morph)) for t in doc]
    texts = _draft_texts() + _sentence_texts()
    differ = [t for t in texts if sig(ours(t)) != sig(stock(t))]
    assert not differ, differ[:3]


def _tok2vec():
    model = nlp.load().get_pipe("tok2vec").model
    assert model._func.__name__ == "forward" and id(model) in fast_tok2vec._installed, \
        "the fast tok2vec is not installed"
    return model


def _same_vectors(a, b) -> bool:
    return len(a) == len(b) and all(x.shape == y.shape and numpy.array_equal(x, y) for x, y in zip(a, b))


def test_fast_tok2vec_gives_thincs_vectors_alone_batched_and_remembered():
    """A sentence gets thinc's vectors, bit for bit, whether it is parsed alone (the keystroke
    case), in a batch, with its tokens' embeddings remembered or not."""
    model, p = _tok2vec(), nlp.load()
    sents = [p.make_doc(s.text) for d in p.pipe(_draft_texts()[:60]) for s in d.sents]
    sents += [p.make_doc(t) for t in _sentence_texts(150) + ["Hi", "a b", "😀 é\r\nx\t", "  Sure.  "]]
    expected = fast_tok2vec.reference(model, sents)  # one batch: every product has many rows
    fast_tok2vec.clear_cache()
    assert _same_vectors([model.predict([d])[0] for d in sents], expected)   # alone, cache warming up
    assert _same_vectors(model.predict(sents), expected)                     # batched, all remembered
    fast_tok2vec.clear_cache()
    assert _same_vectors(model.predict(sents), expected)                     # batched, from nothing


@FUZZ
@given(email_text)
def test_fast_tok2vec_gives_thincs_vectors_fuzz(text):
    model, p = _tok2vec(), nlp.load()
    docs = [p.make_doc(text[:2000]), p.make_doc("Could you send it over?")]
    assert _same_vectors(model.predict(docs), fast_tok2vec.reference(model, docs))
    assert _same_vectors(model.predict(docs[:1]), fast_tok2vec.reference(model, docs)[:1])


def test_fast_tok2vec_memory_is_bounded(monkeypatch):
    """More new tokens than the embedding memory holds: the least recently used are forgotten
    and the vectors stay right."""
    model, p = _tok2vec(), nlp.load()
    fast = fast_tok2vec._installed[id(model)][0]
    monkeypatch.setattr(fast_tok2vec, "CACHE_ROWS", 12)
    docs = [p.make_doc(t) for t in _sentence_texts(40)]
    try:
        assert _same_vectors([model.predict([d])[0] for d in docs], fast_tok2vec.reference(model, docs))
        assert len(fast._rows) <= 12
        assert sorted(fast._rows.values()) == sorted(set(fast._rows.values()))  # no row holds two tokens
        assert _same_vectors(model.predict(docs[:3]), fast_tok2vec.reference(model, docs[:3]))  # > 6 new at once
    finally:
        fast_tok2vec.clear_cache()


def test_fast_tok2vec_forgets_the_least_recently_used(monkeypatch):
    """A word the writer keeps using stays remembered while new words push old ones out."""
    model, p = _tok2vec(), nlp.load()
    fast = fast_tok2vec._installed[id(model)][0]
    monkeypatch.setattr(fast_tok2vec, "CACHE_ROWS", 40)
    fast_tok2vec.clear_cache()
    try:
        kept = p.make_doc("Could you approve the budget")
        model.predict([kept])
        kept_keys = set(fast._rows)
        for i in range(30):
            model.predict([p.make_doc(f"word{i}a word{i}b word{i}c word{i}d")])
            model.predict([kept])
            assert kept_keys <= set(fast._rows) and len(fast._rows) <= 40
        first = p.make_doc("word0a")
        assert first.to_array(fast.columns).astype("uint64")[0].tobytes() not in fast._rows  # long unused: forgotten
        assert _same_vectors(model.predict([kept]), fast_tok2vec.reference(model, [kept]))
    finally:
        fast_tok2vec.clear_cache()


def test_matrix_product_rows_do_not_depend_on_their_batch():
    """What the fast tok2vec and the sentence cache rely on: a row of a product comes out the
    same whatever rows it is computed with (OpenBLAS's small-matrix kernels differ in the last bits)."""
    ops = nlp.load().get_pipe("tok2vec").model.ops
    rng = numpy.random.default_rng(0)
    W = rng.standard_normal((288, 576)).astype("float32")
    X = rng.standard_normal((64, 576)).astype("float32")
    full = ops.gemm(X, W, trans2=True)
    for rows in (1, 2, 3, 4, 5, 7, 9, 33):
        assert numpy.array_equal(ops.gemm(X[:rows], W, trans2=True), full[:rows]), rows
        out = numpy.empty((rows, 288), dtype="float32")
        assert numpy.array_equal(ops.gemm(X[:rows], W, trans2=True, out=out), full[:rows]), rows


def test_sentence_chunks_parse_like_whole_lines():
    """The keystroke cache parses sentence by sentence; on the labelled drafts that gives
    the analysis parsing each line whole gives (a parse is context-sensitive, so a rare
    draft may differ: at most 2%)."""
    texts = _draft_texts()

    def paragraphs(own):
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
    assert len(differ) <= 0.02 * len(texts), differ[:3]


def test_chunks_cover_the_lines():
    own = ("Hi Dr. Okonkwo,\n\nThanks. I sent it at 9 a.m. Tuesday! Could you check? e.g. this...  And that."
           "\n\nBest,\nAl\n   - see ref. HB/22 too")
    parts = draft.chunks(own)
    assert [c for _, c in parts] == ["Hi Dr. Okonkwo,", "Thanks.", "I sent it at 9 a.m. Tuesday!",
                                     "Could you check? e.g. this...  And that.", "Best,", "Al", "- see ref. HB/22 too"]
    assert all(own[o: o + len(c)] == c for o, c in parts)
    chat = "churn dropped to 2.1% after the email change 🎉 can you add it to the slides? The 🍕 is here"
    assert [c for _, c in draft.chunks(chat)] == ["churn dropped to 2.1% after the email change 🎉",
                                                  "can you add it to the slides?", "The 🍕 is here"]
    long = "word " * 2000
    pieces = draft.chunks(long)
    assert len(pieces) > 5 and all(long[o: o + len(c)] == c and len(c) <= 1500 for o, c in pieces)


def test_parse_reads_at_most_max_tokens():
    """20,000 characters of "ab, cd, ..." are 10,000 tokens: the parse stops at MAX_TOKENS,
    and what it read is analysed as usual."""
    rnd = random.Random(2)
    text = " ".join(rnd.choice("abcdefgh") + rnd.choice("ijklmnop") + "," for _ in range(5000))[:20_000]
    parts = draft.chunks(text)
    parsed = draft.parse_chunks([c for _, c in parts], draft.MAX_TOKENS)
    assert sum(len(doc) for _, doc in parsed) <= draft.MAX_TOKENS < sum(len(nlp.load().make_doc(c)) for _, c in parts)
    assert all(doc.text == c and doc.has_annotation("DEP") for c, doc in parsed)
    result = givefirst.analyze(text, offsets="codepoint")
    check_result(text, result, "codepoint")
    assert result["structure"]["sentences"][-1]["end"] < len(text)


def test_parse_cache_stays_bounded():
    draft.clear_cache()
    rnd = random.Random(1)
    for i in range(300):
        givefirst.analyze(" ".join(f"Sentence {i}-{k} about {rnd.random()}." for k in range(8)))
    assert len(draft._cache) <= draft._CACHE_SIZE
    assert draft._cached_chars <= draft._CACHE_CHARS + max(len(c) for c in draft._cache)
    assert draft._cached_chars == sum(len(c) for c in draft._cache)
    draft.clear_cache()


PATHOLOGICAL = {
    "20,000 chars of one repeated phrase": ("no big deal, it was nothing " * 1000)[:20_000],
    "20,000 chars of one repeated sentence": ("Could you send me the deck? " * 1000)[:20_000],
    "20,000 chars of one phrase without punctuation": ("sorry to bother you " * 1000)[:20_000],
    "one 20,000-char word": "x" * 20_000,
    "one 20,000-char run of punctuation": "!" * 20_000,
    "5,000 blank lines": "\n" * 5_000,
    "5,000 lines of spaces": " \n" * 5_000,
    "2,000 emoji": "😀" * 2_000,
    "2,000 emoji with spaces": "😀 " * 2_000,
    "10,000 dots and spaces": ". " * 10_000,
    "20,000 spaces": " " * 20_000,
}


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_input_finishes_in_under_a_second(name):
    """The issue's bar (the slowest of these takes about a fifth of it on the dev machine);
    the better of two cold runs, so a scheduling hiccup on a shared machine does not fail it."""
    text = PATHOLOGICAL[name]
    best = float("inf")
    for _ in range(2):
        draft.clear_cache()
        t0 = time.perf_counter()
        result = givefirst.analyze(text)
        best = min(best, time.perf_counter() - t0)
        check_result(text, result, "utf16")
        if best < 1:
            break
    assert best < 1, f"{name}: {best:.2f} s"
