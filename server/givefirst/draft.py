"""A parsed draft: the writer's own text split into paragraphs and sentences.

The text is parsed in *chunks*, each cached by its text, so re-analysing after
a keystroke parses only the sentence that changed. A chunk is one sentence of
a paragraph (paragraphs are separated by blank lines), split before the parse
at a clear sentence end: `.`, `!` or `?` (not after an abbreviation or an
initial), then space, then a capital, digit or opening quote. The parser still
segments inside a chunk (line breaks, missing full stops); on the project's
230 labelled drafts, chunked and whole-paragraph parsing give the same result.
Every sentence keeps its code-point offsets into the text as sent.

The splitting regexes run in linear time on pathological input (a 20,000-char
word, a run of "!!!!", blank lines): see tests/test_fuzz.py.
"""
from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from . import nlp as nlp_loader
from .textprep import Prepared

# A paragraph: lines with a non-space character, up to a blank line. Anchored at line starts so a
# 20,000-space line is scanned once, not once per position.
_PARAGRAPH = re.compile(r"^(?=[^\n]*\S)[^\n]*(?:\n(?=[ \t]*\S)[^\n]*)*", re.M)
_SENTENCE_END = re.compile(r"(?<![.!?])[.!?]++[\"')\]’”]*+\s++(?=\S)")
_OPENERS = "\"'(['‘“"
_WORD_BEFORE = re.compile(r"[^\s\"'(\[‘“]{1,12}$")
_ABBREVIATIONS = {"mr", "ms", "mrs", "dr", "st", "vs", "jr", "sr", "prof", "etc", "e.g", "i.e", "p.s", "no", "inc",
                  "ltd", "co", "corp", "approx", "fig", "u.s", "cf", "al", "vol", "ca", "dept", "est", "min", "max",
                  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue",
                  "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "ave", "rd", "blvd", "ft", "hr", "hrs",
                  "a.m", "p.m"}  # "at 2 p.m. Tuesday" goes on: left to the parser
_CACHE_SIZE = 4096
_cache: OrderedDict = OrderedDict()
_lock = threading.Lock()


@dataclass
class Sentence:
    start: int
    end: int
    text: str               # for analysis: markup masked, CR as space
    source: str             # the same range of the text as sent (for findings and rewrites)
    span: object            # spaCy Span inside its chunk's Doc
    index: int = 0
    roles: set = field(default_factory=set)

    @property
    def is_question(self) -> bool:
        return self.text.rstrip(" )\"'’”").rstrip().endswith("?") or self.text.rstrip().endswith("?")


@dataclass
class Draft:
    text: str               # the text as sent
    prepared: Prepared
    sentences: list


def _ends_sentence(para: str, m: re.Match) -> bool:
    """A clear sentence end: the next word starts with a capital or digit; a full stop not after an abbreviation."""
    nxt = para[m.end(): m.end() + 2].lstrip(_OPENERS)[:1]
    if not (nxt.isupper() or nxt.isdigit()):
        return False
    if para[m.start()] != ".":
        return True
    if para[m.start() + 1: m.start() + 2] == ".":  # an ellipsis trails off more often than it ends
        return False
    word = _WORD_BEFORE.search(para, max(0, m.start() - 12), m.start())
    word = word.group().lower() if word else ""
    return not (len(word) == 1 or word in _ABBREVIATIONS)


def chunks(own: str) -> list[tuple[int, str]]:
    """(offset, text) of every chunk of the writer's text: sentences of paragraphs."""
    out = []
    for p in _PARAGRAPH.finditer(own):
        para, start = p.group(), 0
        for m in _SENTENCE_END.finditer(para):
            if _ends_sentence(para, m):
                out.append((p.start() + start, para[start:m.end()].rstrip()))
                start = m.end()
        out.append((p.start() + start, para[start:]))
    return out


def parse_chunks(texts: list[str]) -> list:
    """Docs for the given chunk texts, reusing cached parses."""
    nlp = nlp_loader.load()
    with _lock:
        missing = [c for c in dict.fromkeys(texts) if c not in _cache]
    parsed = dict(zip(missing, nlp.pipe(missing))) if missing else {}
    with _lock:
        out = []
        for c in texts:
            doc = parsed.get(c)
            if doc is None:
                doc = _cache.get(c)
            if doc is None:  # evicted meanwhile by another thread
                doc = nlp(c)
            _cache[c] = doc
            _cache.move_to_end(c)
            out.append(doc)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return out


parse_paragraphs = parse_chunks  # the earlier name


def build(text: str, prepared: Prepared) -> Draft:
    """Parse the writer's own text (quotes and signature already masked)."""
    own = prepared.text
    parts = chunks(own[: prepared.own_end])
    docs = parse_chunks([c for _, c in parts])
    sentences = []
    for (offset, _), doc in zip(parts, docs):
        for sent in doc.sents:
            toks = [t for t in sent if not t.is_space]
            if not toks:
                continue
            start = offset + toks[0].idx
            end = offset + toks[-1].idx + len(toks[-1].text)
            if not own[start:end].strip():
                continue
            span = doc[toks[0].i: toks[-1].i + 1]
            sentences.append(Sentence(start, end, own[start:end], text[start:end], span, len(sentences)))
    return Draft(text, prepared, sentences)
