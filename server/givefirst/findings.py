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
        # what {"id": fid, **asdict(self)} gives, without asdict's deep copies (on every request)
        return {"id": fid, "category": self.category, "rule": self.rule, "severity": self.severity,
                "start": self.start, "end": self.end, "text": self.text, "message": self.message,
                "explanation": self.explanation,
                "rewrites": [{"label": r.label, "start": r.start, "end": r.end, "replacement": r.replacement}
                             if type(r) is Rewrite else asdict(r) for r in self.rewrites]}
