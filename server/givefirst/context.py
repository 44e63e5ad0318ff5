"""What every detector receives, and what each gives back.

`Context` is built once per analysis (analysis.py) after the draft is parsed
and its sentences have roles; detectors read it and never write into it.
Each detector returns a `Detected`: its findings and, where it has one, its
part of the response's `structure` (today only door-in-the-face's pair).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from givefirst.findings import Finding
from givefirst.parse.draft import Draft


@dataclass(frozen=True)
class Metrics:
    words: int = 0
    sentences: int = 0
    questions: int = 0
    reading_grade: float = 0.0
    reading_ease: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Context:
    draft: Draft
    metrics: Metrics
    replying_to: str | None = None          # the message this draft answers, when the caller sent it
    thanked: bool = False                   # that message thanks the writer
    favour_sentences: tuple[int, ...] = ()  # indexes of sentences that deliver or acknowledge a favour

    @property
    def favour_in_draft(self) -> bool:
        return bool(self.favour_sentences)


@dataclass(frozen=True)
class Detected:
    findings: tuple[Finding, ...] = ()
    structure: dict = field(default_factory=dict)  # keys of the response's `structure` this detector fills
