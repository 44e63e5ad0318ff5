"""The API against its own OpenAPI description (GET /openapi.json), with
schemathesis: generated requests, valid and invalid, for every operation;
no response is a 5xx, and every response (status, content type, body)
matches the schema. In-process through the WSGI app, so it is fast; the
real gunicorn stack is covered by test_serving.py and test_load.py.
"""
from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings

from givefirst.service import create_app

app = create_app({"TESTING": True, "RATE_LIMIT": "1000000 per minute"})
# Invalid requests are refused with 4xx; the SPEC answers an over-long text with 413 and a body
# that is not JSON with 415, which schemathesis does not expect by default.
config = schemathesis.config.SchemathesisConfig.from_dict({"checks": {"negative_data_rejection": {
    "expected-statuses": [400, 401, 403, 404, 405, 406, 413, 415, 422]}}})
schema = schemathesis.openapi.from_wsgi("/openapi.json", app, config=config)


@schema.parametrize()
@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large])
def test_api_matches_its_schema(case):
    response = case.call_and_validate()
    assert response.status_code < 500
