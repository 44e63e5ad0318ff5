"""`givefirst check`: readable findings, JSON, and exit codes."""
import json
import subprocess
import sys


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "givefirst", *args], input=stdin, capture_output=True, text=True,
                          timeout=120)


def test_check_prints_findings_with_line_and_column(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("Hi Ruth,\n\nNo big deal! Glad the export helped.\n", encoding="utf-8")
    p = run("check", str(draft))
    assert p.returncode == 1
    assert "3:1" in p.stdout and "undermining" in p.stdout and "You're welcome" in p.stdout


def test_check_json_from_stdin_and_clean_exit():
    p = run("check", "-", "--json", stdin="You're welcome! Glad the dashboard helped.")
    assert p.returncode == 0
    body = json.loads(p.stdout)
    assert body["findings"] == [] and body["metrics"]["words"] == 6


def test_check_bad_input_exits_2(tmp_path):
    assert run("check", str(tmp_path / "missing.txt")).returncode == 2
    bad = tmp_path / "latin1.txt"
    bad.write_bytes(b"caf\xe9 no big deal")
    p = run("check", str(bad))
    assert p.returncode == 2 and "no big deal" not in p.stderr
