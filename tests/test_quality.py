"""Quality bars on the project's own labelled data (nothing outside the repository).

Scored with score.py's matching (givefirst_dev.evaluate.score_cases, the same
overlap rules as ../shared/eval/score.py). Drafts: constructed emails under the
favour convention (models/data/drafts). Real mail: 160 real emails labelled by
two independent annotators (models/data/real-mail/dev.jsonl); what a user of a
real mailbox notices is false alarms per 100 emails.
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from givefirst_dev import evaluate, real_mail

DATA = Path(__file__).resolve().parents[1] / "models" / "data"


def _score(*names: str) -> tuple[dict, int]:
    cases = [json.loads(line) for name in names for line in open(DATA / name, encoding="utf-8") if line.strip()]
    return evaluate.score_cases(cases), len(cases)


@pytest.mark.parametrize("names", [("drafts/heldout.jsonl",), ("drafts/dev3.jsonl", "drafts/dev4.jsonl")])
def test_drafts_bar(names):
    res, _ = _score(*names)
    f1 = {k: round(p.f1, 3) for k, p in res["prf"].items()}
    assert res["macro"] >= 0.90 and min(f1.values()) >= 0.80, f1


def test_real_mail_false_alarms_stay_rare():
    res, n = _score("real-mail/dev.jsonl")
    fa = real_mail.false_alarms_per_100(res, n)
    assert fa["value-first"] <= 3 and fa["weak"] <= 4 and fa["undermining"] + fa["door-in-the-face"] <= 1, fa
    assert res["prf"]["asks"].f1 >= 0.60, res["prf"]["asks"].f1


def test_routine_real_asks_are_routine_and_agreed_favours_are_found():
    """Every ask both annotators agreed on, with its kind: nearly all real asks are routine."""
    from givefirst.roles.ask_kinds import kind_of_text
    rows = [json.loads(line) for line in open(DATA / "real-mail" / "dev.jsonl", encoding="utf-8")]
    pairs = [(a["kind"], kind_of_text(a["text"]).kind) for r in rows for a in r["ask_kinds"]]
    routine = [got for gold, got in pairs if gold == "routine"]
    assert routine.count("favour") <= 0.05 * len(routine), f"{routine.count('favour')} of {len(routine)} routine asks"


def test_readability_works_offline():
    """textstat must not reach the network (0.7.9+ downloads cmudict at run time)."""
    code = ("import socket\n"
            "def refuse(*a, **k): raise OSError('network disabled in this test')\n"
            "socket.socket.connect = refuse\nsocket.create_connection = refuse\n"
            "import givefirst\n"
            "m = givefirst.analyze('The quarterly numbers are attached. Revenue grew nine percent.')['metrics']\n"
            "assert m['reading_grade'] > 0 and m['words'] == 9, m\nprint('ok')\n")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert p.stdout.strip() == "ok", p.stderr[-2000:]
