"""The shared set-up of docs/team.md, end to end under gunicorn.

One service configured as the guide says (listening on 0.0.0.0 with a token,
GIVEFIRST_ALLOWED_HOSTS, GIVEFIRST_TRUSTED_PROXIES=1 behind one proxy, the
team's own extension origin, a smaller GIVEFIRST_MAX_CHARS), and the checks
of the guide's "How to check it", plus what the proxy setting promises: the
rate limit counts each user named by X-Forwarded-For, not the proxy.

The test's requests come from 127.0.0.2 (its own client address), as a proxy
would send them; the readiness checks come from 127.0.0.1.
"""
from __future__ import annotations

import json
import secrets

import pytest

import servicekit as sk

NAME = "givefirst.corp.example"
ORIGIN = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
DRAFT = "Hi Sam,\n\nNo big deal! Could you review the deck?"
PROXY = "127.0.0.2"


@pytest.fixture(scope="module")
def team():
    token = secrets.token_urlsafe(24)
    env = {"GIVEFIRST_TOKEN": token, "GIVEFIRST_ALLOWED_HOSTS": NAME, "GIVEFIRST_TRUSTED_PROXIES": "1",
           "GIVEFIRST_ORIGINS": ORIGIN, "GIVEFIRST_RATE_LIMIT": "3 per hour", "GIVEFIRST_MAX_CHARS": "300"}
    with sk.Gunicorn(host="0.0.0.0", workers=1, env=env) as g:
        yield g, token


_users = iter(f"198.51.100.{i}" for i in range(1, 255))


def send(team, method="GET", path="/healthz", body=None, *, token=True, host=NAME, user=None, headers=None):
    """A request as the proxy forwards it: the user's Host, their token, and X-Forwarded-For naming them
    (a new user each time unless `user` is given, so the rate limit only counts where a test means it)."""
    g, secret = team
    hdrs = {"Host": host, "X-Forwarded-For": user or next(_users)}
    if token:
        hdrs["Authorization"] = f"Bearer {secret}" if token is True else token.format(secret=secret)
    hdrs.update(headers or {})
    status, got, data = sk.request(g.connect_host, g.port, method, path, body, hdrs, source=PROXY)
    return status, got, json.loads(data) if data else None


def test_listens_beyond_loopback(team):
    g, _ = team
    assert f"Listening at: http://0.0.0.0:{g.port}" in g.output


def test_healthz_with_the_token(team):
    status, _, body = send(team)
    assert status == 200 and body["status"] == "ok" and body["model"]["name"]


@pytest.mark.parametrize("token", [False, "Bearer wrong", "Basic {secret}", "Bearer {secret}x", "Bearer"])
def test_the_token_is_enforced(team, token):
    for method, path, body in (("GET", "/healthz", None), ("POST", "/v1/analyze", {"text": DRAFT})):
        status, _, got = send(team, method, path, body, token=token)
        assert status == 401 and got["error"]["code"] == "unauthorized"


@pytest.mark.parametrize("host, status", [(NAME, 200), (f"{NAME}:443", 200), ("localhost:8765", 200),
                                          ("attacker.example", 403), (f"{NAME}.attacker.example", 403)])
def test_host_must_be_the_teams_name(team, host, status):
    got_status, _, body = send(team, host=host)
    assert got_status == status, body
    if status == 403:
        assert body["error"]["code"] == "forbidden_host"


def test_the_teams_extension_analyses_a_draft(team):
    status, hdrs, body = send(team, "POST", "/v1/analyze", {"text": DRAFT}, headers={"Origin": ORIGIN})
    assert status == 200 and hdrs["access-control-allow-origin"] == ORIGIN
    assert "undermining.no-big-deal" in {f["rule"] for f in body["findings"]}
    status, hdrs, _ = send(team, "OPTIONS", "/v1/analyze", headers={
        "Origin": ORIGIN, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type"}, token=False)
    assert status == 200 and hdrs["access-control-allow-origin"] == ORIGIN  # preflight needs no token


def test_other_origins_are_refused(team):
    from givefirst.service.settings import EXTENSION_ORIGIN  # the default, replaced by the team's own
    for origin in (EXTENSION_ORIGIN, "https://mail.google.com"):
        status, hdrs, body = send(team, "POST", "/v1/analyze", {"text": DRAFT}, headers={"Origin": origin})
        assert status == 403 and body["error"]["code"] == "forbidden_origin"
        assert "access-control-allow-origin" not in hdrs


def test_max_chars_setting_under_gunicorn(team):
    assert send(team, "POST", "/v1/analyze", {"text": "x" * 300})[0] == 200
    status, _, body = send(team, "POST", "/v1/analyze", {"text": "x" * 301})
    assert status == 413 and body["error"]["code"] == "text_too_long" and "300" in body["error"]["message"]


def test_rate_limit_counts_each_user_behind_the_proxy(team):
    alice, bob = "203.0.113.10", "203.0.113.11"
    assert [send(team, user=alice)[0] for _ in range(4)] == [200, 200, 200, 429]
    assert send(team, user=bob)[0] == 200  # the proxy's address is not what is counted
    # the proxy appends the address it saw; what a user writes in front of it is not believed
    assert send(team, user=f"192.0.2.99, {alice}")[0] == 429
