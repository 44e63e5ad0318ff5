"""The length limits of SPEC.md at their boundary, through HTTP and the command line.

`text` is "at most 20,000 code points", and so is `context.replying_to`:
exactly 20,000 is analysed, 20,001 is refused (413 `text_too_long` over HTTP,
exit status 2 from `givefirst check`). Code points, not UTF-16 units: a draft
of 20,000 code points full of emoji is longer than 20,000 in JavaScript and is
still accepted. GIVEFIRST_MAX_CHARS moves the service's limit.
"""
from __future__ import annotations

import io
import subprocess
import sys

import pytest

from givefirst import cli

LIMIT = 20_000
# A draft a person could write, with findings, so an accepted text is seen to be analysed.
PLAIN = ("Thanks for the notes on the Q3 deck. No big deal, it only took a minute! "
         "Could you send me the final numbers by Friday?\n\n")
EMOJI = "Thanks 🙏! No big deal 👍, happy to help. Could you review the 🇫🇷 deck by Friday? 😅\n\n"


def sized(unit: str, n: int) -> str:
    """`unit` repeated and cut to exactly n code points."""
    return (unit * (n // len(unit) + 1))[:n]


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@pytest.fixture(scope="module")
def texts():
    out = {(kind, n): sized(unit, n) for kind, unit in (("plain", PLAIN), ("emoji", EMOJI))
           for n in (LIMIT, LIMIT + 1)}
    assert all(len(t) == n for (_, n), t in out.items())
    assert utf16_len(out["emoji", LIMIT]) > LIMIT + 1000  # over the limit in UTF-16 units, not in code points
    return out


def post(client, **body):
    return client.post("/v1/analyze", json=body)


@pytest.mark.parametrize("kind", ["plain", "emoji"])
def test_http_text_of_exactly_the_limit_is_analysed(client, texts, kind):
    r = post(client, text=texts[kind, LIMIT])
    assert r.status_code == 200, r.get_json()
    assert any(f["category"] == "undermining" for f in r.get_json()["findings"])


@pytest.mark.parametrize("kind", ["plain", "emoji"])
def test_http_text_one_over_the_limit_is_refused(client, texts, kind):
    r = post(client, text=texts[kind, LIMIT + 1])
    assert r.status_code == 413
    error = r.get_json()["error"]
    assert error["code"] == "text_too_long" and "20000" in error["message"] and "20001" in error["message"]


def test_http_reply_context_has_the_same_limit(client, texts):
    ok = post(client, text="No problem!", context={"replying_to": texts["emoji", LIMIT]})
    assert ok.status_code == 200
    assert [f["rule"] for f in ok.get_json()["findings"]] == ["undermining.reply-to-thanks"]  # the context was read
    refused = post(client, text="No problem!", context={"replying_to": texts["emoji", LIMIT + 1]})
    assert refused.status_code == 413 and refused.get_json()["error"]["code"] == "text_too_long"
    assert "20000" in refused.get_json()["error"]["message"]


def test_max_chars_setting_moves_the_limit(monkeypatch):
    """GIVEFIRST_MAX_CHARS, read from the environment as the service reads it."""
    from givefirst.service import create_app
    monkeypatch.setenv("GIVEFIRST_MAX_CHARS", "120")
    monkeypatch.setenv("GIVEFIRST_RATE_LIMIT", "1000 per minute")
    client = create_app({"TESTING": True}).test_client()
    assert post(client, text=sized(EMOJI, 120)).status_code == 200
    for body in ({"text": sized(EMOJI, 121)}, {"text": "hi", "context": {"replying_to": sized(PLAIN, 121)}}):
        r = post(client, **body)
        assert r.status_code == 413 and r.get_json()["error"]["code"] == "text_too_long", body
        assert "120" in r.get_json()["error"]["message"]
    assert post(client, text=sized(PLAIN, 500)).status_code == 413  # far below the default limit
    described = client.get("/openapi.json").get_json()["paths"]["/v1/analyze"]["post"]["requestBody"]
    schema = described["content"]["application/json"]["schema"]
    assert schema["properties"]["text"]["maxLength"] == 120  # the published contract says the same
    assert schema["properties"]["context"]["properties"]["replying_to"]["maxLength"] == 120


def check(capsys, *args):
    """`givefirst check ...` in this process: (exit status, stdout, stderr)."""
    status = cli.main(["check", *args])
    out = capsys.readouterr()
    return status, out.out, out.err


@pytest.mark.parametrize("kind", ["plain", "emoji"])
def test_cli_text_of_exactly_the_limit_is_checked(tmp_path, capsys, texts, kind):
    draft = tmp_path / "draft.txt"
    draft.write_text(texts[kind, LIMIT], encoding="utf-8")
    status, out, err = check(capsys, str(draft))
    assert status == 1 and "undermining" in out and not err  # warnings found: it was analysed


@pytest.mark.parametrize("kind", ["plain", "emoji"])
def test_cli_text_one_over_the_limit_exits_2(tmp_path, capsys, texts, kind):
    draft = tmp_path / "draft.txt"
    draft.write_text(texts[kind, LIMIT + 1], encoding="utf-8")
    status, out, err = check(capsys, str(draft))
    assert status == 2 and not out
    assert "20001" in err and "20000" in err and "big deal" not in err


def test_cli_reply_context_has_the_same_limit(tmp_path, capsys, texts):
    draft, thread = tmp_path / "draft.txt", tmp_path / "thread.txt"
    draft.write_text("No problem!", encoding="utf-8")
    thread.write_text(texts["plain", LIMIT], encoding="utf-8")
    status, out, _ = check(capsys, str(draft), "--replying-to", str(thread), "--json")
    assert status == 1 and "undermining.reply-to-thanks" in out
    thread.write_text(texts["plain", LIMIT + 1], encoding="utf-8")
    status, out, err = check(capsys, str(draft), "--replying-to", str(thread))
    assert status == 2 and not out and "20000" in err


@pytest.mark.parametrize("case", ["missing file", "a directory", "not UTF-8", "not UTF-8 on stdin",
                                  "reply context missing", "reply context not UTF-8"])
def test_cli_bad_input_exits_2_without_quoting_it(tmp_path, capsys, monkeypatch, case):
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Café secret-canary-8812, no big deal".encode("latin-1"))
    good = tmp_path / "good.txt"
    good.write_text("No problem!", encoding="utf-8")
    args = {"missing file": [str(tmp_path / "missing.txt")],
            "a directory": [str(tmp_path)],
            "not UTF-8": [str(latin1)],
            "not UTF-8 on stdin": ["-"],
            "reply context missing": [str(good), "--replying-to", str(tmp_path / "missing.txt")],
            "reply context not UTF-8": [str(good), "--replying-to", str(latin1)]}[case]
    if case == "not UTF-8 on stdin":
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(latin1.read_bytes())))
    status, out, err = check(capsys, *args)
    assert status == 2 and not out
    assert err.startswith("givefirst: cannot read") and "canary" not in err and "Traceback" not in err


def test_cli_exit_status_reaches_the_shell(tmp_path):
    """The numbers above are the process's exit status, not only main()'s return value."""
    draft = tmp_path / "draft.txt"
    draft.write_text(sized(PLAIN, LIMIT + 1), encoding="utf-8")
    run = lambda *a: subprocess.run([sys.executable, "-m", "givefirst", "check", *a], capture_output=True,
                                    text=True, timeout=300)
    assert run(str(draft)).returncode == 2
    assert run(str(tmp_path / "missing.txt")).returncode == 2
