"""The rule catalogue: every rule family under models/rules/*.yaml.

A family file holds rules of one category. Each rule has an id, a message, an
explanation (why it matters, with the principle), a source, and examples that
`tests/test_rule_examples.py` runs: every `flag` example must raise the rule,
every `ok` example must not. Phrase rules also carry regex `patterns`, an
optional `guard` (a parse check in guards.py) and `rewrites`.
"""
from __future__ import annotations

import functools

from givefirst.findings import Finding
from givefirst.rules import lexicons
from givefirst.resources import models_dir, load_yaml


@functools.lru_cache(maxsize=1)
def catalogue() -> dict:
    """rule id -> rule dict (with `category` and `family` filled in)."""
    out = {}
    for path in sorted((models_dir() / "rules").glob("*.yaml")):
        family = load_yaml(f"rules/{path.name}")
        for rule in family["rules"]:
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


def public_catalogue() -> list:
    """Rules as served by GET /v1/rules (no patterns: those are internal)."""
    keys = ("id", "category", "severity", "message", "explanation", "source", "examples")
    return [{k: r.get(k) for k in keys} for r in catalogue().values()]
