"""The HTTP API blueprint: /v1/analyze, /v1/ledger, /v1/rules, /healthz, /openapi.json."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from givefirst import __version__
from givefirst.analysis import analyze
from givefirst.parse.pipeline import model_info
from givefirst.rules.catalogue import public_catalogue
from givefirst.service.errors import APIError
from givefirst.service.openapi import spec
from givefirst.service.settings import is_loopback
from givefirst.service.validation import parse_analyze, parse_ledger

bp = Blueprint("api", __name__)


@bp.post("/v1/analyze")
def analyze_draft():
    if request.mimetype != "application/json":
        raise APIError(415, "unsupported_media_type", "Send the draft as JSON (Content-Type: application/json).")
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if request.content_length is None and limit and len(request.get_data(cache=True)) >= limit:
        # a chunked body is cut at the limit by Werkzeug, which would read as malformed JSON
        raise APIError(413, "too_large", "Request body too large.")
    try:
        body = request.get_json(silent=True)
    except RecursionError:  # "[[[[...]]]]" nested deeper than the JSON parser goes
        body = None
    if body is None:
        raise APIError(400, "malformed_json", "Request body is not valid JSON.")
    args = parse_analyze(body, int(current_app.config["MAX_CHARS"]))
    return jsonify(analyze(args["text"], context=args["context"], offsets=args["offsets"], disabled=args["disabled"]))


@bp.get("/v1/ledger")
def ledger_balance():
    """The give/ask balance per recipient from the user's own ledger (givefirst import). Only a
    service on loopback serves it: a shared team instance has no one's ledger to give."""
    if not is_loopback(str(current_app.config["HOST"])):
        raise APIError(404, "not_found", "The ledger is served only by a service on this computer.")
    addresses = parse_ledger(request.args)
    from givefirst.insights import ledger
    found = ledger.balance(addresses)
    if found is None:
        return jsonify({"ledger": False, "recipients": []})
    return jsonify({"ledger": True, "recipients": [{"address": a, **b} for a, b in found.items()]})


@bp.get("/v1/rules")
def rules():
    return jsonify({"rules": public_catalogue()})


@bp.get("/healthz")
def healthz():
    return jsonify({"status": "ok", "version": __version__, "model": model_info()})


@bp.get("/openapi.json")
def openapi():
    return jsonify(spec(int(current_app.config["MAX_CHARS"])))
