"""A parsed draft: the writer's own text split into lines and sentences.

The text is parsed in *chunks*, each cached by its text, so re-analysing after
a keystroke parses only the sentence that changed. A chunk is one sentence of
a line (a line break ends a sentence in email: "Hi Ruth," on its own line, list
items), split before the parse at a clear sentence end: `.`, `!` or `?` (not
after an abbreviation or an initial), then space, then a capital, digit or
opening quote; or an emoji used as a full stop before a new clause. The parser still segments inside a chunk (missing full stops);
on the project's labelled drafts, chunked and whole-line parsing give the same
analysis.
Every sentence keeps its code-point offsets into the text as sent.

Pathological input stays cheap: the splitting regexes run in linear time, the
tokenizer cuts very long runs of non-space characters (safe_tokenizer), and at
most MAX_TOKENS tokens of a draft are parsed; see tests/test_fuzz.py.
"""
from __future__ import annotations

import functools
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START

from givefirst.parse import pipeline as nlp_loader
from givefirst.text.prepare import Prepared

# A line's text from its first non-space character. Possessive and anchored at line starts, so a
# 20,000-space line is scanned once, not once per position.
_LINE = re.compile(r"^[ \t]*+(\S[^\n]*)", re.M)
_SENTENCE_END = re.compile(r"(?<![.!?])[.!?]++[\"')\]’”]*+\s++(?=\S)")
# An emoji used as a full stop in chat-style mail: "churn dropped to 2.1% 🎉 can you add it to the slides?".
# Only before a word that starts a new clause, and after three words or more ("The 🍕 is here" is one sentence).
_EMOJI_BREAK = re.compile(r"(?<=\s)(?:[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B50\u2B55][\uFE0F\u200D\U0001F3FB-\U0001F3FF]*)+\s+"
                          r"(?=(?:can|could|would|will|please|pls|i|we|you|it|this|that|also|so|but|anyway|btw|lmk|let|"
                          r"any|do|did|is|are|what|how|when|thanks|thank|just|quick|if)\b)", re.I)
_OPENERS = "\"'(['‘“"
_WORD_BEFORE = re.compile(r"[^\s\"'(\[‘“]{1,12}$")
_ABBREVIATIONS = {"mr", "ms", "mrs", "dr", "st", "vs", "jr", "sr", "prof", "etc", "e.g", "i.e", "p.s", "no", "inc",
                  "ltd", "co", "corp", "approx", "fig", "u.s", "cf", "al", "vol", "ca", "dept", "est", "min", "max",
                  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue",
                  "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "ave", "rd", "blvd", "ft", "hr", "hrs",
                  "a.m", "p.m", "ref", "ext", "tel", "nr",
                  "pp", "pg", "pgs", "para", "nos", "ch"}  # "at 2 p.m. Tuesday" goes on: left to the parser
# The parse reads at most MAX_TOKENS tokens of a draft: 20,000 characters of prose are about 4,500
# tokens, but 20,000 characters of ". . ." are 10,000, which would take a second or more to parse.
MAX_TOKENS = 6000
_LONG_CHUNK, _CUT_AT = 1500, 1000  # characters
_WRAP_MIN, _WRAP_MAX = 45, 80  # characters of a line wrapped by a mail client (most wrap at 72-78)
_NARROW_MIN = 25  # characters: a line this long that plainly runs on was wrapped narrow
_ITEM = re.compile(r"^(?:[-*•◦▪‣–—>]|\(?\d{1,2}[.)]|#\d|[A-Za-z][.)][ \t])")  # a list item starts here
QUOTED = re.compile(r"“[^”]{0,300}”|\"[^\"]{0,300}\"")  # quoted speech asks nothing
_CACHE_SIZE = 1024          # chunks (sentences); a long draft has about 30
_CACHE_CHARS = 100_000      # and characters: about 50 MB of Docs at most
_cache: OrderedDict = OrderedDict()
_cached_chars = 0
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

    @functools.cached_property
    def memo(self) -> dict:
        """A dict kept with this sentence's parse while the parse is cached: for results that
        depend only on the sentence (its text and its tokens), so a keystroke elsewhere in the
        draft does not recompute them. Keys are the caller's; values must not be mutated."""
        return self.span.doc.user_data.setdefault(("givefirst.memo", self.span.start, self.span.end), {})

    @property
    def is_question(self) -> bool:
        """Ends with a question mark outside quotation marks."""
        return re.sub(r"[^\w?]+$", "", QUOTED.sub(" ", self.text)).endswith("?")


def per_sentence(fn):
    """Remember fn(sentence) with the sentence's cached parse (Sentence.memo), so a keystroke
    elsewhere in the draft does not recompute it. For results that depend only on the
    sentence's text and tokens; they must be immutable (tuples, frozensets)."""
    key = f"{fn.__module__}.{fn.__qualname__}"

    @functools.wraps(fn)
    def remembered(sent):
        memo = sent.memo
        if key not in memo:
            memo[key] = fn(sent)
        return memo[key]
    return remembered


@dataclass
class Draft:
    text: str               # the text as sent
    prepared: Prepared
    sentences: list
    # ask kinds already read (roles.ask_kinds.kind_in), by sentence index: a kind depends on the
    # sentences around it, so it is kept with the draft rather than with the sentence
    kinds: dict = field(default_factory=dict, repr=False, compare=False)


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


def _pieces(offset: int, text: str) -> list[tuple[int, str]]:
    """A chunk longer than _LONG_CHUNK characters (no sentence end in sight), cut at line breaks or spaces:
    the parser is slower per token on one very long "sentence" than on several short ones."""
    out = []
    while len(text) > _LONG_CHUNK:
        cut = text.rfind("\n", _CUT_AT // 2, _CUT_AT)
        if cut < 0:
            cut = text.rfind(" ", _CUT_AT // 2, _CUT_AT)
        cut = cut if cut > 0 else _CUT_AT
        out.append((offset, text[:cut].rstrip()))
        rest = text[cut:]
        offset, text = offset + cut + len(rest) - len(rest.lstrip()), rest.lstrip()
    if text:
        out.append((offset, text))
    return out


def _runs_on(line: str, nxt: str) -> bool:
    """The line break after `line` was made by a mail client wrapping plain text, not by the
    writer (`nxt` is the next line as sent, list markers included). Either the line is as
    long as clients wrap (70-80 characters) and the next goes on with no indent or list
    marker, or, in narrow or indented text (newsletters), the sentence visibly goes on: no
    end punctuation, and the next line starts in lower case. A short line ("Hi Ruth,",
    "Thanks,") ends where the writer ended it; a line longer than any wrap width was not wrapped."""
    body, rest = line.strip(), nxt.lstrip()
    if _ITEM.match(rest):
        return False
    if _WRAP_MIN <= len(body) <= _WRAP_MAX and not nxt[:1].isspace():
        return True
    return len(body) >= _NARROW_MIN and not body.endswith((".", "!", "?", ":", ";")) and rest[:1].islower()


def lines(own: str, raw: str | None = None) -> list[tuple[int, str]]:
    """(offset, text) of each line of the writer's text from its first non-space character,
    with hard-wrapped lines joined back into the line the writer typed. A joining line break
    becomes a space, so the text keeps its length and every offset holds. `raw` is the text
    as sent (list markers are masked in `own`)."""
    raw = own if raw is None else raw
    out: list[tuple[int, str]] = []
    for p in _LINE.finditer(own):
        at, line = p.start(1), p.group(1)
        if out:
            prev_at, prev = out[-1]
            last = own[own.rfind("\n", 0, p.start() - 1) + 1: p.start() - 1]  # the line above, as typed
            if prev_at + len(prev) + 1 == p.start() and _runs_on(last, raw[p.start(): p.end()]):
                out[-1] = (prev_at, own[prev_at: p.end()].replace("\n", " "))
                continue
        out.append((at, line))
    return out


def chunks(own: str, raw: str | None = None) -> list[tuple[int, str]]:
    """(offset, text) of every chunk of the writer's text: the sentences of each line (hard
    wraps joined). A line break ends a sentence anyway (components.line_breaks, which now
    only guards text parsed outside this module), and a list item parsed after the line
    before it is often mistagged ("- upload the log" read as a noun)."""
    out = []
    for at, line in lines(own, raw):
        start = 0
        ends = sorted([(m.end(), False) for m in _SENTENCE_END.finditer(line) if _ends_sentence(line, m)]
                      + [(m.end(), True) for m in _EMOJI_BREAK.finditer(line)])
        for end, emoji in ends:
            if end <= start or (emoji and len(line[start:end].split()) < 4):  # three words and the emoji
                continue
            out.extend(_pieces(at + start, line[start:end].rstrip()))
            start = end
        out.extend(_pieces(at + start, line[start:]))
    return out


def parse_chunks(texts: list[str], max_tokens: int | None = None, parsed: dict | None = None) -> list[tuple[str, object]]:
    """(text, Doc) for the given chunk texts, in order, reusing cached parses and `parsed`
    (chunk text -> Doc, from parse_batch: a batch of drafts parsed together).

    With `max_tokens`, parsing stops after that many tokens: the last chunk
    may be cut to a prefix and the chunks after it are left out. The cache is
    bounded by entries and by characters (a Doc costs about 2 KB a token), so
    a worker's memory stays flat however many drafts pass through.
    """
    global _cached_chars
    nlp = nlp_loader.load()
    with _lock:
        known = {c: _cache[c] for c in texts if c in _cache}
    if parsed:
        known.update((c, parsed[c]) for c in texts if c in parsed)
    plan, fresh, total = [], {}, 0

    def doc_for(c):
        doc = known.get(c)
        if doc is None:
            doc = fresh.get(c)
        if doc is None:
            doc = fresh[c] = nlp.make_doc(c)  # tokenized now, parsed below with the other new chunks
        return doc

    for c in texts:
        doc = doc_for(c)
        if max_tokens is not None and total + len(doc) > max_tokens:
            keep = max_tokens - total
            if c in fresh and all(c != planned for planned, _ in plan):
                del fresh[c]  # only a prefix of it is parsed
            if keep > 0:
                c = c[: doc[keep - 1].idx + len(doc[keep - 1].text)]
                plan.append((c, doc_for(c)))
            break
        total += len(doc)
        plan.append((c, doc))
    # One new chunk (the keystroke case) goes through nlp(doc), which skips nlp.pipe's batching
    # machinery; several (a new draft) go through the networks as one batch. A chunk parses the same
    # either way (tests/test_fuzz.py).
    docs = [nlp(d) for d in fresh.values()] if len(fresh) == 1 else nlp.pipe(list(fresh.values())) if fresh else ()
    for doc in docs:
        doc.tensor = doc.tensor[:0]  # tok2vec output: no detector reads it, and it is a third of a Doc's memory
    with _lock:
        for c, doc in plan:
            if c not in _cache:
                _cached_chars += len(c)
            _cache[c] = doc
            _cache.move_to_end(c)
        while len(_cache) > _CACHE_SIZE or (_cached_chars > _CACHE_CHARS and len(_cache) > 1):
            _cached_chars -= len(_cache.popitem(last=False)[0])
    return plan


def parse_batch(texts) -> dict:
    """chunk text -> Doc for the chunks of many drafts, parsed together: the new ones go through
    the networks in nlp.pipe's batches, which costs less per chunk than a draft at a time (the
    report's batch path, analysis.analyze_many). The same Docs as parse_chunks gives one draft
    at a time; they also go into the bounded cache, where a repeated greeting is found again."""
    return dict(parse_chunks(list(dict.fromkeys(texts))))


def clear_cache() -> None:
    global _cached_chars
    with _lock:
        _cache.clear()
        _cached_chars = 0


def _sentence_bounds(doc) -> list[tuple[int, int, int, int]]:
    """(first token, end token, start char, end char) of each sentence of a chunk's Doc, without
    surrounding whitespace tokens; kept with the cached Doc, since a keystroke elsewhere leaves it as is."""
    bounds = doc.user_data.get("givefirst.sentences")
    if bounds is None:
        bounds = []
        # read as arrays (Doc.to_array), as Doc.sents splits: a new sentence at every token marked as a start
        rows = doc.to_array([SENT_START, IS_SPACE, IDX, LENGTH]).tolist()
        starts = [0] + [i for i in range(1, len(rows)) if rows[i][0] == 1] + [len(rows)]
        for a, b in zip(starts, starts[1:]):
            kept = [i for i in range(a, b) if not rows[i][1]]
            if kept:
                first, last = kept[0], kept[-1]
                bounds.append((first, last + 1, rows[first][2], rows[last][2] + rows[last][3]))
        doc.user_data["givefirst.sentences"] = bounds
    return bounds


def own_chunks(text: str, prepared: Prepared) -> list[tuple[int, str]]:
    """(offset, text) of the chunks build() parses: the writer's own text, quotes and signature left out."""
    return chunks(prepared.text[: prepared.own_end], text)


def build(text: str, prepared: Prepared, parsed: dict | None = None) -> Draft:
    """Parse the writer's own text (quotes and signature already masked). `parsed`: chunk Docs
    parsed beforehand with other drafts (parse_batch); chunks not in it are parsed here."""
    own = prepared.text
    parts = own_chunks(text, prepared)
    parsed = parse_chunks([c for _, c in parts], MAX_TOKENS, parsed)
    sentences = []
    for (offset, _), (_, doc) in zip(parts, parsed):
        for first, last, start, end in _sentence_bounds(doc):
            start, end = offset + start, offset + end
            if not own[start:end].strip():
                continue
            sentences.append(Sentence(start, end, own[start:end].replace("\n", " "), text[start:end], doc[first:last],
                                      len(sentences)))
    return Draft(text, prepared, sentences)
