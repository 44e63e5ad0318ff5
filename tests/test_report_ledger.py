"""The give/ask ledger: `givefirst import` stores counts per sent email (never text), importing
twice counts once, `givefirst forget` deletes it, and GET /v1/ledger serves it with the same
guards as /v1/analyze, on loopback only."""
from __future__ import annotations

import sqlite3

import pytest

import mailkit as mk
from givefirst import cli
from givefirst.insights import ledger


@pytest.fixture()
def data_dir(tmp_path, monkeypatch):
    d = tmp_path / "data"
    monkeypatch.setenv("GIVEFIRST_DATA_DIR", str(d))
    return d


@pytest.fixture()
def imported(tmp_path, data_dir):
    path = mk.write_mbox(tmp_path / "Sent.mbox", mk.good_messages() + [m for m, _ in mk.bad_messages()])
    assert cli.main(["import", str(path), "--me", mk.ME, "-q"]) == 0
    return path


def test_import_stores_counts_and_no_text(imported, data_dir):
    db = data_dir / "ledger.sqlite3"
    assert (db.stat().st_mode & 0o777) == 0o600
    raw = db.read_bytes()
    for m in mk.good_messages():
        words = [w for w in m.get_content().split() if len(w) > 6]
        assert not any(w.encode() in raw for w in words)
    assert mk.CANARY.encode() not in raw
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM emails").fetchone()[0] == len(mk.good_messages()) + 4
    cols = {r[1] for r in con.execute("PRAGMA table_info(emails)")} | {r[1] for r in con.execute("PRAGMA table_info(recipients)")}
    assert cols == {"key", "date", "gives", "favour_asks", "routine_asks", "undermining", "address"}


def test_import_twice_counts_once_and_forget_deletes(imported, data_dir, capsys):
    before = ledger.balance([mk.DANA])
    assert cli.main(["import", str(imported), "--me", mk.ME, "-q"]) == 0
    assert ledger.balance([mk.DANA]) == before
    assert "0 sent emails added" in capsys.readouterr().err
    assert cli.main(["forget"]) == 0
    assert not ledger.exists() and ledger.balance([mk.DANA]) is None


def test_balance_since_the_last_give(imported):
    b = ledger.balance([mk.DANA, mk.SAM, "nobody@example.net"])
    dana = b[mk.DANA]
    # Dana: a favour ask (5 Feb), a give and a favour ask (1 Mar), the mentoring ask (3 Apr), the html-only mail
    # (13 May: a give and an ask), the no-date mail (an ask).
    assert dana["known"] and dana["emails"] == 5 and dana["gives"] >= 1 and dana["favour_asks"] >= 2
    assert dana["last_give"] is not None and dana["first_email"] == "2024-02-05"
    assert b["nobody@example.net"] == {**b["nobody@example.net"], "known": False, "emails": 0, "last_give": None}


def test_endpoint_serves_the_ledger(imported, client):
    r = client.get(f"/v1/ledger?to={mk.DANA.upper()},{mk.SAM}")
    assert r.status_code == 200
    body = r.get_json()
    assert body["ledger"] is True and [x["address"] for x in body["recipients"]] == [mk.DANA, mk.SAM]
    assert body["recipients"][0] == {"address": mk.DANA, **ledger.balance([mk.DANA])[mk.DANA]}
    assert r.headers["Cache-Control"] == "no-store"


def test_endpoint_without_a_ledger_and_bad_queries(client, data_dir):
    assert client.get(f"/v1/ledger?to={mk.DANA}").get_json() == {"ledger": False, "recipients": []}
    for q in ("", "?to=", "?to=not-an-address", "?to=a@b.c&x=1", "?to=a@b.c&to=d@e.f",
              "?to=" + ",".join(f"a{i}@b.c" for i in range(51))):
        r = client.get("/v1/ledger" + q)
        assert r.status_code == 400 and "a@b.c" not in r.get_data(as_text=True), q


def test_endpoint_guards(data_dir):
    from givefirst.service import create_app
    app = create_app({"TESTING": True, "TOKEN": "s3cret"})
    c = app.test_client()
    assert c.get(f"/v1/ledger?to={mk.DANA}").status_code == 401
    assert c.get(f"/v1/ledger?to={mk.DANA}", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert c.get(f"/v1/ledger?to={mk.DANA}", headers={"Authorization": "Bearer s3cret",
                                                      "Origin": "https://evil.example"}).status_code == 403
    assert c.get(f"/v1/ledger?to={mk.DANA}", headers={"Authorization": "Bearer s3cret",
                                                      "Host": "evil.example"}).status_code == 403
    team = create_app({"TESTING": True, "TOKEN": "s3cret", "HOST": "0.0.0.0"}).test_client()
    r = team.get(f"/v1/ledger?to={mk.DANA}", headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 404 and r.get_json()["error"]["code"] == "not_found"


def test_openapi_describes_the_ledger(client):
    spec = client.get("/openapi.json").get_json()
    assert spec["paths"]["/v1/ledger"]["get"]["parameters"][0]["name"] == "to"
