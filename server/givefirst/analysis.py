"""analyze(): text in, findings + structure + metrics out (the API contract). Orchestration only.

text.prepare masks quotes, forwards, signatures and markup; parse.draft parses
the writer's own text in cached sentences; roles give each sentence its roles
and find favours; parse.metrics counts; every detector reads the Context and
returns what it found; disabled categories and rules are dropped, findings
numbered, and offsets converted to the caller's unit (text.offsets).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from givefirst.context import Context, Metrics
from givefirst.detectors import ALL as DETECTORS, readability
from givefirst.parse import draft, metrics
from givefirst.roles import ask_kinds, classifier, favours, sentence_roles
from givefirst.text.offsets import UNITS, to_unit
from givefirst.text.prepare import prepare

MAX_CHARS = 20_000


def _ask(d, s) -> dict:
    kind = ask_kinds.kind_in(d, s)
    return {"start": s.start, "end": s.end, "kind": kind.kind, "confidence": kind.confidence}


def _is_disabled(f, disabled) -> bool:
    return f.category in disabled or f.rule in disabled


def _check(text, offsets) -> None:
    if not isinstance(text, str):
        raise TypeError("text must be a string")
    if offsets not in UNITS:
        raise ValueError(f"offsets must be one of {', '.join(UNITS)}")


def analyze(text: str, *, context: dict | None = None, offsets: str = "utf16", disabled=()) -> dict:
    """Analyse one draft. Offsets count UTF-16 units ("utf16") or code points."""
    _check(text, offsets)
    prepared = prepare(text)
    return _analyze_parsed(text, prepared, draft.build(text, prepared), context, offsets, disabled)


BATCH_CHARS = 200_000  # a batch's Docs cost about 2 KB a token: this bounds a batch to about 100 MB


def analyze_many(texts: Iterable[str], *, offsets: str = "utf16", disabled=(), batch_size: int = 64,
                 metrics: bool = True) -> Iterator[dict]:
    """analyze(text) for each text, in order, with the parse of `batch_size` drafts at a time (and
    at most BATCH_CHARS characters) done together (parse.draft.parse_batch, nlp.pipe): the
    sent-mail report's batch path. Each result is the one analyze() gives; only the parse is
    shared, every other step runs per draft. With `metrics=False` (the report, which shows no
    reading grade) the readability counts are skipped: "metrics" is None and there are no
    readability findings; everything else is as analyze() gives it."""
    batch: list[str] = []
    chars = 0
    for text in texts:
        _check(text, offsets)
        batch.append(text)
        chars += len(text)
        if len(batch) >= batch_size or chars >= BATCH_CHARS:
            yield from _analyze_batch(batch, offsets, disabled, metrics)
            batch, chars = [], 0
    if batch:
        yield from _analyze_batch(batch, offsets, disabled, metrics)


def _analyze_batch(texts: list[str], offsets: str, disabled, with_metrics: bool = True) -> Iterator[dict]:
    prepared = [prepare(t) for t in texts]
    parsed = draft.parse_batch([c for t, p in zip(texts, prepared) for _, c in draft.own_chunks(t, p)])
    drafts = [draft.build(t, p, parsed) for t, p in zip(texts, prepared)]
    # The role classifier scores the batch's open sentences in one call; draft_roles then finds them in its cache.
    open_sentences = [s.text for d in drafts for s in d.sentences
                      if classifier.needs_model(sentence_roles.sentence_roles(s), s.text)]
    if open_sentences:
        classifier.predict(open_sentences)
    for text, p, d in zip(texts, prepared, drafts):
        yield _analyze_parsed(text, p, d, None, offsets, disabled, with_metrics)


def _analyze_parsed(text: str, prepared, d, context: dict | None, offsets: str, disabled,
                    with_metrics: bool = True) -> dict:
    replying_to = (context or {}).get("replying_to")
    if replying_to is None:  # the message the draft quotes is the one it answers
        replying_to = favours.quoted_message(text, prepared.ignored)
        thanked = favours.thanks_for_something(replying_to)
    else:
        thanked = favours.thanks_the_writer(replying_to)
    sentence_roles.draft_roles(d)
    ctx = Context(draft=d, metrics=metrics.measure(d) if with_metrics else Metrics(), replying_to=replying_to,
                  thanked=thanked,
                  favour_sentences=tuple(s.index for s in d.sentences if favours.gives_favour(s)))
    disabled = set(disabled or ())
    found, structure = [], {}
    for detect in DETECTORS if with_metrics else [d for d in DETECTORS if d is not readability.detect]:
        got = detect(ctx)
        found += [f for f in got.findings if not _is_disabled(f, disabled)]
        structure.update(got.structure)
    found.sort(key=lambda f: (f.start, f.end, f.rule))
    result = {
        "findings": [f.to_dict(f"f{i}") for i, f in enumerate(found, 1)],
        "structure": {
            "sentences": [{"start": s.start, "end": s.end, "roles": sorted(s.roles)} for s in d.sentences],
            "asks": [_ask(d, s) for s in d.sentences if "ask" in s.roles],
            "offers": [{"start": s.start, "end": s.end} for s in d.sentences if "offer" in s.roles],
            "door_in_the_face": structure.get("door_in_the_face"),
        },
        "metrics": ctx.metrics.to_dict() if with_metrics else None,
        "ignored": prepared.ignored,
    }
    return to_unit(result, text, offsets)
