"""A parsed draft: the writer's own text split into paragraphs and sentences.

Paragraphs (separated by blank lines) are parsed independently and cached by
their text, so re-analysing after a keystroke parses only the paragraph that
changed. Every sentence keeps its code-point offsets into the text as sent.
"""
from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from . import nlp as nlp_loader
from .textprep import Prepared

_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*(?:\n[ \t]*\S[^\n]*)*")
_CACHE_SIZE = 2048
_cache: OrderedDict = OrderedDict()
_lock = threading.Lock()


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    span: object            # spaCy Span inside its paragraph's Doc
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


def parse_paragraphs(chunks: list[str]) -> list:
    """Docs for the given paragraph texts, reusing cached parses."""
    nlp = nlp_loader.load()
    with _lock:
        missing = [c for c in dict.fromkeys(chunks) if c not in _cache]
    parsed = dict(zip(missing, nlp.pipe(missing))) if missing else {}
    with _lock:
        _cache.update(parsed)
        out = []
        for c in chunks:
            doc = _cache.get(c) or parsed[c]
            _cache[c] = doc
            _cache.move_to_end(c)
            out.append(doc)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return out


def build(text: str, prepared: Prepared) -> Draft:
    """Parse the writer's own text (quotes and signature already masked)."""
    own = prepared.text[: prepared.own_end]
    paras = [(m.start(), m.group()) for m in _PARAGRAPH.finditer(own)]
    docs = parse_paragraphs([p for _, p in paras])
    sentences = []
    for (offset, _), doc in zip(paras, docs):
        for sent in doc.sents:
            toks = [t for t in sent if not t.is_space]
            if not toks:
                continue
            start = offset + toks[0].idx
            end = offset + toks[-1].idx + len(toks[-1].text)
            if not text[start:end].strip():
                continue
            span = doc[toks[0].i: toks[-1].i + 1]
            sentences.append(Sentence(start, end, text[start:end], span, len(sentences)))
    return Draft(text, prepared, sentences)
