"""Quality bars on labelled drafts, scored by the shared scorer (../shared/eval/score.py)."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def summary(cases=None) -> dict:
    args = [sys.executable, str(SCORER), "--project", str(ROOT)] + (["--cases", str(cases)] if cases else [])
    out = subprocess.run(args, capture_output=True, text=True, timeout=600, cwd=ROOT).stdout
    line = out.strip().splitlines()[-1]
    assert line.startswith("SUMMARY"), out[-2000:]
    return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", line)}


needs_scorer = pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval/score.py not present")


@needs_scorer
def test_dev_set_bar():
    s = summary()
    assert s["crashed"] == 0
    assert s["macroF1"] >= 0.92, s
    assert min(s["und"], s["weak"], s["asks"], s["valuefirst"], s["ditf"]) >= 0.85, s


@needs_scorer
def test_project_heldout_drafts_bar():
    s = summary(ROOT / "models" / "data" / "drafts" / "heldout.jsonl")
    assert s["crashed"] == 0 and s["macroF1"] >= 0.85, s


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
