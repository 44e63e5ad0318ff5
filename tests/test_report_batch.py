"""The report's batch path (analysis.analyze_many: one nlp.pipe parse per batch of drafts) gives
exactly what analyze() gives one draft at a time, on real sent mail and the labelled drafts."""
from __future__ import annotations

import json
from pathlib import Path

import givefirst
from givefirst.analysis import analyze_many
from givefirst.insights import batch
from givefirst.parse import draft

DATA = Path(__file__).resolve().parents[1] / "models" / "data"


def _texts(limit: int = 160) -> list[str]:
    out = []
    for name in ("real-mail/dev.jsonl", "drafts/train.jsonl"):
        with open(DATA / name, encoding="utf-8") as f:
            out += [json.loads(line)["text"] for line in f if line.strip()][: limit // 2]
    return out + ["", "Hi,", "Could you send it? " * 2500]  # empty, trivial, over the token bound


def test_batch_gives_the_same_results_as_one_at_a_time():
    texts = _texts()
    draft.clear_cache()
    one = [givefirst.analyze(t) for t in texts]
    draft.clear_cache()
    many = list(analyze_many(texts, batch_size=16))
    assert len(many) == len(one)
    diffs = [i for i, (a, b) in enumerate(zip(one, many)) if a != b]
    assert not diffs, f"{len(diffs)} drafts differ, first at {diffs[:5]}"


def test_the_reports_batch_skips_only_the_reading_metrics():
    """metrics=False (the report shows no reading grade): the same findings and structure as
    analyze(), without the readability findings, and "metrics" is None."""
    texts = _texts(60)
    one = [givefirst.analyze(t, offsets="codepoint") for t in texts]
    lean = list(analyze_many(texts, offsets="codepoint", batch_size=16, metrics=False))
    for a, b in zip(one, lean):
        assert b["metrics"] is None
        kept = [f for f in a["findings"] if f["category"] != "readability"]
        assert [{**f, "id": None} for f in b["findings"]] == [{**f, "id": None} for f in kept]
        assert b["structure"] == a["structure"] and b["ignored"] == a["ignored"]
    assert any(f["category"] == "readability" for a in one for f in a["findings"])  # something was left out


def test_batch_with_a_warm_cache_and_odd_batch_sizes():
    texts = _texts(40)
    one = [givefirst.analyze(t, offsets="codepoint") for t in texts]
    assert list(analyze_many(texts, offsets="codepoint", batch_size=7)) == one


def test_counts_are_read_from_the_result():
    text = "Hi Sam,\n\nNo big deal! I just wanted to ask: could you review my talk proposal?"
    c = batch.counts(givefirst.analyze(text, offsets="codepoint"), text, examples=True)
    assert c["undermining"] == 1 and c["weak"] >= 1 and c["favour_asks"] == 1 and c["gives"] == 0
    assert ("undermining", "no big deal") in c["phrases"]
    assert any(cat == "undermining" and s[a:b] == "No big deal" for cat, a, b, s in c["examples"])
    assert batch.counts(givefirst.analyze(text, offsets="codepoint"), text, examples=False)["examples"] == []
