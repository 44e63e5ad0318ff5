"""The unit every detector produces: a flagged span with its explanation and fixes."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Rewrite:
    label: str
    start: int
    end: int
    replacement: str


@dataclass
class Finding:
    category: str
    rule: str
    severity: str
    start: int
    end: int
    text: str
    message: str
    explanation: str
    rewrites: list = field(default_factory=list)

    def to_dict(self, fid: str) -> dict:
        return {"id": fid, **asdict(self)}
