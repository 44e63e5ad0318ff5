"""The rule catalogue: every rule family under models/rules/*.yaml.

A family file holds rules of one category. Each rule has an id, a message, an
explanation (why it matters, with the principle), a source, and examples that
`tests/test_rule_examples.py` runs. Phrase rules also carry:

  patterns  regular expressions (case-insensitive, on the sentence with straight
            apostrophes; `{{name}}` is a lexicon, see lexicons.py) that find the phrase;
  unless    exceptions, like LanguageTool's antipatterns: the match is dropped when
            every condition of one entry holds. `before` is searched in the sentence's
            text before the match (anchor it with $), `after` is matched at the text
            right after it, `draft` is searched in the writer's whole text. All three
            see the text as written (curly quotes and apostrophes kept), case-insensitively;
  guard     the name of a parse check in guards.py, for what a pattern cannot see;
  rewrites  replacements or deletions (rewrite.py), each with an optional `when`.

Examples: `flag` examples mark the finding's span with [brackets] and, when the
rule has rewrites, give the text after the first one (`becomes`); `ok` examples
are plain text. Either may carry a `context` (`replying_to`).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Callable

from givefirst.findings import Finding
from givefirst.rules import lexicons
from givefirst.rules.guards import GUARDS
from givefirst.resources import models_dir, load_yaml


@functools.lru_cache(maxsize=1)
def catalogue() -> dict:
    """rule id -> rule dict (with `category` and `family` filled in)."""
    out = {}
    for path in sorted((models_dir() / "rules").glob("*.yaml")):
        family = load_yaml(f"rules/{path.name}")
        for rule in family["rules"]:
            rule = dict(rule)
            rule.setdefault("category", family["category"])
            rule.setdefault("severity", family.get("severity", "warning"))
            rule["family"] = path.stem
            if "patterns" in rule:
                rule["patterns"] = [lexicons.expand(p) for p in rule["patterns"]]
            out[rule["id"]] = rule
    return out


def rule(rule_id: str) -> dict:
    return catalogue()[rule_id]


def finding(rule_id: str, text: str, start: int, end: int, rewrites=(), message=None) -> Finding:
    """A Finding for `rule_id` over text[start:end], with the rule's words."""
    r = rule(rule_id)
    return Finding(category=r["category"], rule=rule_id, severity=r["severity"], start=start, end=end,
                   text=text[start:end], message=message or r["message"], explanation=r["explanation"].strip(),
                   rewrites=list(rewrites))


@dataclass(frozen=True)
class Unless:
    """One exception of a phrase rule: it holds when each of its given conditions holds."""
    before: re.Pattern | None = None
    after: re.Pattern | None = None
    draft: re.Pattern | None = None

    @classmethod
    def parse(cls, spec: dict) -> "Unless":
        if not spec or set(spec) - {"before", "after", "draft"}:
            raise ValueError(f"an unless entry needs before, after or draft: {spec!r}")
        return cls(**{k: lexicons.compile(v) for k, v in spec.items()})

    def holds(self, m) -> bool:
        return ((self.before is None or self.before.search(m.before) is not None)
                and (self.after is None or self.after.match(m.after) is not None)
                and (self.draft is None or self.draft.search(m.draft.prepared.text) is not None))


@dataclass(frozen=True)
class PhraseRule:
    """A rule with patterns, compiled: what detectors/phrases.py runs."""
    id: str
    rule: dict
    patterns: tuple
    unless: tuple = ()
    guard: Callable | None = None

    def accepts(self, m) -> bool:
        """The match counts: no `unless` entry holds and the guard (if any) keeps it."""
        return not any(u.holds(m) for u in self.unless) and (self.guard is None or self.guard(m))


@functools.lru_cache(maxsize=1)
def phrase_rules() -> tuple:
    """Every rule that has patterns, in catalogue order."""
    return tuple(PhraseRule(rid, r, tuple(re.compile(p, re.I) for p in r["patterns"]),
                            tuple(Unless.parse(u) for u in r.get("unless", [])),
                            GUARDS[r["guard"]] if r.get("guard") else None)
                 for rid, r in catalogue().items() if r.get("patterns"))


_MARK = re.compile(r"\[([^\[\]]*)\]")


@dataclass(frozen=True)
class Example:
    """A rule example read: the plain text, the flagged spans (code points), the text
    after the first rewrite, and the reply context."""
    text: str
    spans: tuple = ()
    becomes: str | None = None
    context: dict | None = None


def example(ex) -> Example:
    """Read one example: a string, or {text, becomes?, context?}, where [brackets] mark spans."""
    raw, becomes, ctx = (ex, None, None) if isinstance(ex, str) else (ex["text"], ex.get("becomes"), ex.get("context"))
    spans, plain, last = [], "", 0
    for m in _MARK.finditer(raw):
        plain += raw[last:m.start()]
        spans.append((len(plain), len(plain) + len(m.group(1))))
        plain += m.group(1)
        last = m.end()
    return Example(plain + raw[last:], tuple(spans), becomes, ctx)


def _utf16(text: str, i: int) -> int:
    return len(text[:i].encode("utf-16-le")) // 2


def _public_example(ex, kind: str) -> dict | str:
    e = example(ex)
    if kind == "ok" and e.context is None:
        return e.text
    out = {"text": e.text}
    if kind == "flag":
        out["spans"] = [{"start": _utf16(e.text, a), "end": _utf16(e.text, b), "text": e.text[a:b]} for a, b in e.spans]
        if e.becomes is not None:
            out["becomes"] = e.becomes
    if e.context is not None:
        out["context"] = e.context
    return out


def public_catalogue() -> list:
    """Rules as served by GET /v1/rules (no patterns: those are internal). Examples:
    `ok` ones are strings (or {text, context}); `flag` ones are {text, spans: [{start, end,
    text}] in UTF-16 code units, becomes (the text after the first rewrite, when the rule
    has rewrites), context (when the example answers a message)}."""
    keys = ("id", "category", "severity", "message", "explanation", "source")
    return [{**{k: r.get(k) for k in keys},
             "examples": {kind: [_public_example(ex, kind) for ex in (r.get("examples") or {}).get(kind, [])]
                          for kind in ("flag", "ok")}}
            for r in catalogue().values()]
