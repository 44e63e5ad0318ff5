"""spaCy's tokenizer, with a bound on the cost of very long "words".

spaCy peels prefixes and suffixes off a whitespace-delimited string one at a
time, re-running its regexes on what is left, so a long run of punctuation or
emoji costs time quadratic in its length: 4,000 "!" in a row take 2 s, and
20,000 take 50 s. Text with no run of non-space characters longer than
MAX_RUN goes to spaCy's tokenizer unchanged (every real draft). A longer run
is cut into MAX_RUN-character tokens; the text between runs is tokenized as
usual, so the Doc's text is still exactly the input.

A lone UTF-16 surrogate (JavaScript strings may hold one, and JSON carries it
as "\\ud83d") cannot be hashed by spaCy; the tokenizer sees U+FFFD in its
place, one code point and one UTF-16 unit like the original, so every offset
stays true.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

MAX_RUN = 100  # characters; URLs with tracking parameters run to a few hundred, and still cost little
_LONG = re.compile(r"\S{%d,}" % (MAX_RUN + 1))
_SURROGATE = re.compile("[\ud800-\udfff]")


class SafeTokenizer:
    def __init__(self, tokenizer):
        self.inner = tokenizer
        self.vocab = tokenizer.vocab

    def __call__(self, text: str) -> Doc:
        if not text.isascii():
            text = _SURROGATE.sub("\ufffd", text)
        if not _LONG.search(text):
            return self.inner(text)
        words, spaces, pos = [], [], 0
        for m in _LONG.finditer(text):
            self._normal(text[pos: m.start()], words, spaces)
            run = m.group()
            words.extend(run[i: i + MAX_RUN] for i in range(0, len(run), MAX_RUN))
            spaces.extend([False] * -(-len(run) // MAX_RUN))
            pos = m.end()
        self._normal(text[pos:], words, spaces)
        return Doc(self.vocab, words=words, spaces=spaces)

    def _normal(self, segment: str, words: list, spaces: list) -> None:
        if segment[:1] == " " and words and not spaces[-1]:
            spaces[-1] = True  # one space after a cut run: that token's trailing space, as spaCy does it
            segment = segment[1:]
        if segment:
            for tok in self.inner(segment):
                words.append(tok.text)
                spaces.append(bool(tok.whitespace_))

    # spaCy calls these on a tokenizer in nlp.pipe and when (de)serialising
    def pipe(self, texts, batch_size=1000):
        for text in texts:
            yield self(text)

    def __getattr__(self, name):
        return getattr(self.inner, name)
