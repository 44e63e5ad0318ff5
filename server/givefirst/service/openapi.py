"""The OpenAPI 3 description of the service (served at /openapi.json)."""
from __future__ import annotations

from givefirst import __version__
from givefirst.rules import categories
from givefirst.service.validation import TO_PATTERN

_SPAN = {"type": "object", "required": ["start", "end"],
         "properties": {"start": {"type": "integer", "minimum": 0}, "end": {"type": "integer", "minimum": 0}}}
_ASK = {"type": "object", "required": ["start", "end", "kind", "confidence"], "properties": {
    **_SPAN["properties"], "kind": {"type": "string", "enum": ["favour", "routine"]},
    "confidence": {"type": "number", "minimum": 0, "maximum": 1}}}
_ERROR = {"type": "object", "required": ["error"], "properties": {"error": {
    "type": "object", "required": ["code", "message"],
    "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}}}
_REWRITE = {"type": "object", "required": ["label", "start", "end", "replacement"], "properties": {
    "label": {"type": "string"}, "start": {"type": "integer"}, "end": {"type": "integer"},
    "replacement": {"type": "string"}}}
_FINDING = {"type": "object",
            "required": ["id", "category", "rule", "severity", "start", "end", "text", "message", "explanation",
                         "rewrites"],
            "properties": {
                "id": {"type": "string"},
                "category": {"type": "string", "enum": categories.ids()},
                "rule": {"type": "string"}, "severity": {"type": "string", "enum": ["info", "warning"]},
                "start": {"type": "integer"}, "end": {"type": "integer"}, "text": {"type": "string"},
                "message": {"type": "string"}, "explanation": {"type": "string"},
                "rewrites": {"type": "array", "items": _REWRITE}}}
_RESULT = {"type": "object", "required": ["findings", "structure", "metrics", "ignored"], "properties": {
    "findings": {"type": "array", "items": _FINDING},
    "structure": {"type": "object", "required": ["sentences", "asks", "offers", "door_in_the_face"], "properties": {
        "sentences": {"type": "array", "items": {"type": "object", "required": ["start", "end", "roles"], "properties": {
            "start": {"type": "integer"}, "end": {"type": "integer"},
            "roles": {"type": "array", "items": {"type": "string"}}}}},
        "asks": {"type": "array", "items": _ASK}, "offers": {"type": "array", "items": _SPAN},
        "door_in_the_face": {"type": "object", "nullable": True, "required": ["ask", "concession", "ratio"],
                             "properties": {"ask": _SPAN, "concession": _SPAN,
                                            "ratio": {"type": "number", "nullable": True}}}}},
    "metrics": {"type": "object", "required": ["words", "sentences", "questions", "reading_grade", "reading_ease"],
                "properties": {"words": {"type": "integer"}, "sentences": {"type": "integer"},
                               "questions": {"type": "integer"}, "reading_grade": {"type": "number"},
                               "reading_ease": {"type": "number"}}},
    "ignored": {"type": "array", "items": {"type": "object", "required": ["start", "end", "kind"], "properties": {
        "start": {"type": "integer"}, "end": {"type": "integer"},
        "kind": {"type": "string", "enum": ["quote", "signature"]}}}}}}
_REQUEST = {"type": "object", "required": ["text"], "additionalProperties": False, "properties": {
    "text": {"type": "string", "maxLength": 20000},
    "context": {"type": "object", "nullable": True, "additionalProperties": False,
                "properties": {"replying_to": {"type": "string", "nullable": True, "maxLength": 20000}}},
    "offsets": {"type": "string", "enum": ["utf16", "codepoint"]},
    "disabled": {"type": "array", "items": {"type": "string", "enum": []}}}}


_DAY = {"type": "string", "format": "date", "nullable": True}
_LEDGER = {"type": "object", "required": ["ledger", "recipients"], "properties": {
    "ledger": {"type": "boolean"},
    "recipients": {"type": "array", "items": {"type": "object", "required": [
        "address", "known", "emails", "gives", "favour_asks", "routine_asks", "undermining", "first_email",
        "last_email", "last_give", "favour_asks_since_last_give"], "properties": {
        "address": {"type": "string"}, "known": {"type": "boolean"},
        **{k: {"type": "integer", "minimum": 0} for k in ("emails", "gives", "favour_asks", "routine_asks",
                                                          "undermining", "favour_asks_since_last_give")},
        "first_email": _DAY, "last_email": _DAY, "last_give": _DAY}}}}}


def _errors(*codes):
    return {str(c): {"description": "error", "content": {"application/json": {"schema": _ERROR}}} for c in codes}


def spec(max_chars: int = 20_000) -> dict:
    """The description; `max_chars` is the service's configured limit (GIVEFIRST_MAX_CHARS)."""
    from givefirst.rules.catalogue import catalogue
    req = {**_REQUEST, "properties": {**_REQUEST["properties"]}}
    req["properties"]["text"] = {"type": "string", "maxLength": max_chars}
    req["properties"]["context"] = {**_REQUEST["properties"]["context"], "properties": {
        "replying_to": {"type": "string", "nullable": True, "maxLength": max_chars}}}
    ids = sorted({r["category"] for r in catalogue().values()} | set(catalogue()))
    req["properties"]["disabled"] = {"type": "array", "items": {"type": "string", "enum": ids}}
    json_ok = lambda schema: {"description": "OK", "content": {"application/json": {"schema": schema}}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "Give First analysis service", "version": __version__},
        "paths": {
            "/v1/analyze": {"post": {
                "summary": "Analyse a draft",
                "requestBody": {"required": True, "content": {"application/json": {"schema": req}}},
                "responses": {"200": json_ok(_RESULT), **_errors(400, 401, 403, 413, 415, 429)}}},
            "/v1/ledger": {"get": {
                "summary": "Give/ask balance per recipient from the user's own ledger (givefirst import); "
                           "ledger false when there is none; loopback only",
                "parameters": [{"name": "to", "in": "query", "required": True,
                                "description": "comma-separated addresses, at most 50",
                                "schema": {"type": "string", "pattern": TO_PATTERN}}],
                "responses": {"200": json_ok(_LEDGER), **_errors(400, 401, 403, 404, 429)}}},
            "/v1/rules": {"get": {"summary": "Every rule with its message, explanation and examples",
                                  "responses": {"200": json_ok({"type": "object", "required": ["rules"],
                                                                "properties": {"rules": {"type": "array"}}}),
                                                **_errors(401, 403, 429)}}},
            "/healthz": {"get": {"summary": "Liveness; the model is loaded",
                                 "responses": {"200": json_ok({"type": "object", "required": ["status"],
                                                               "properties": {"status": {"type": "string"}}}),
                                               **_errors(401, 403, 429)}}},
        },
    }
