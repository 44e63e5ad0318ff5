"""JSON error bodies for every failure: {"error": {"code", "message"}}.

Messages describe the request's shape, never its content: no email text and no
traceback ever leaves the service.
"""
from __future__ import annotations

import logging

from flask import jsonify
from werkzeug.exceptions import HTTPException

log = logging.getLogger("givefirst")


class APIError(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error_response(status: int, code: str, message: str):
    resp = jsonify({"error": {"code": code, "message": message}})
    resp.status_code = status
    return resp


_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
          413: "too_large", 415: "unsupported_media_type", 429: "rate_limited"}


def register(app) -> None:
    @app.errorhandler(APIError)
    def _api_error(e: APIError):
        return error_response(e.status, e.code, e.message)

    @app.errorhandler(HTTPException)
    def _http_error(e: HTTPException):
        status = e.code or 500
        if status == 413:
            return error_response(413, "too_large", "Request body too large.")
        if status == 429:
            return error_response(429, "rate_limited", f"Too many requests: limit {e.description}.")
        resp = error_response(status, _CODES.get(status, "http_error"), e.name + ".")
        if getattr(e, "valid_methods", None):  # 405 must say what is allowed (RFC 9110)
            resp.headers["Allow"] = ", ".join(e.valid_methods)
        return resp

    @app.errorhandler(Exception)
    def _unexpected(e: Exception):
        log.error("internal error: %s", type(e).__name__)  # the type only: args may hold email text
        return error_response(500, "internal", "Internal error while analysing the draft.")
