"""Validating the /v1/analyze request body and the /v1/ledger query. Errors name fields, never
content: not even a client's unknown field names, rule ids or addresses are echoed back."""
from __future__ import annotations

import re

from givefirst.text.offsets import UNITS
from givefirst.rules.catalogue import catalogue
from givefirst.service.errors import APIError

FIELDS = {"text", "context", "offsets", "disabled"}


def known_switches() -> set:
    return {r["category"] for r in catalogue().values()} | set(catalogue())


def parse_analyze(body, max_chars: int) -> dict:
    if not isinstance(body, dict):
        raise APIError(400, "bad_request", "Body must be a JSON object.")
    unknown = sorted(set(body) - FIELDS)
    if unknown:
        raise APIError(400, "unknown_field", "Unknown field; the fields are text, context, offsets and disabled.")
    text = body.get("text")
    if "text" not in body:
        raise APIError(400, "missing_text", "Field 'text' is required.")
    if not isinstance(text, str):
        raise APIError(400, "bad_text", "Field 'text' must be a string.")
    if len(text) > max_chars:
        raise APIError(413, "text_too_long", f"Text is {len(text)} characters; the limit is {max_chars}.")
    context = body.get("context")
    if context is not None:
        if not isinstance(context, dict) or set(context) - {"replying_to"}:
            raise APIError(400, "bad_context", "Field 'context' must be an object with only 'replying_to'.")
        rt = context.get("replying_to")
        if rt is not None and not isinstance(rt, str):
            raise APIError(400, "bad_context", "Field 'context.replying_to' must be a string or null.")
        if rt is not None and len(rt) > max_chars:
            raise APIError(413, "text_too_long", f"context.replying_to is over the limit of {max_chars} characters.")
    offsets = body.get("offsets", "utf16")
    if offsets not in UNITS:
        raise APIError(400, "bad_offsets", f"Field 'offsets' must be one of: {', '.join(UNITS)}.")
    disabled = body.get("disabled", [])
    if not isinstance(disabled, list) or not all(isinstance(d, str) for d in disabled):
        raise APIError(400, "bad_disabled", "Field 'disabled' must be a list of category or rule ids.")
    bad = sorted(set(disabled) - known_switches())
    if bad:
        raise APIError(400, "unknown_rule", "Unknown category or rule id in 'disabled'; GET /v1/rules lists them.")
    return {"text": text, "context": context, "offsets": offsets, "disabled": disabled}


MAX_RECIPIENTS = 50
_ADDRESS = r"[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9.-]{1,189}"
# The whole `to` value: 1 to MAX_RECIPIENTS addresses, commas between (a space after a comma is fine).
# The OpenAPI description carries the same pattern, so a generated request is valid exactly when it matches.
TO_PATTERN = rf"^{_ADDRESS}(?:, ?{_ADDRESS}){{0,{MAX_RECIPIENTS - 1}}}$"
_TO = re.compile(TO_PATTERN)


def parse_ledger(args) -> list[str]:
    """The `to` query parameter: comma-separated addresses, lower-cased, at most MAX_RECIPIENTS."""
    if set(args) - {"to"}:
        raise APIError(400, "unknown_parameter", "Unknown query parameter; the only one is 'to'.")
    values = args.getlist("to")
    if len(values) != 1:
        raise APIError(400, "missing_to", "Query parameter 'to' (comma-separated addresses) is required once.")
    if not _TO.fullmatch(values[0]):
        raise APIError(400, "bad_to", f"'to' must be 1 to {MAX_RECIPIENTS} email addresses, comma-separated.")
    return list(dict.fromkeys(a.strip().lower() for a in values[0].split(",")))
