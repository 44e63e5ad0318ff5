"""The labelled data the trained role classifier learns from and is checked on.

- models/data/sentences/{train,heldout}.jsonl: the project's own sentences,
  `{"text", "roles": [...]}`, roles from ROLES ("none" = no role); and
  models/data/adversarial/sentences.jsonl, lookalikes in the same format.
- ../shared/data/email-intent/train.tsv: real Enron sentences, `Yes|No<TAB>text`
  (Yes = actionable intent, mostly requests). It is split here into a training
  part and a held-out part by a hash of the sentence text (fixed salt, 20%
  held out): the split does not depend on file order, and a sentence can never
  be on both sides. The held-out part is never trained on.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path


ROLES = ("ask", "offer", "concession", "gratitude", "undermining", "weak")
ENRON_SALT = "givefirst-enron-split-v1"
ENRON_HELDOUT_PERCENT = 20


def project_dir() -> Path:
    return Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    """Labelled data: in the repository (models/data), never in the wheel."""
    return project_dir() / "models" / "data"


def shared_dir() -> Path:
    """The shared folder beside the project (GIVEFIRST_SHARED overrides)."""
    env = os.environ.get("GIVEFIRST_SHARED")
    return Path(env) if env else project_dir().parent / "shared"


def enron_path() -> Path:
    return shared_dir() / "data" / "email-intent" / "train.tsv"


SENTENCE_FILES = {"train": "sentences/train.jsonl", "heldout": "sentences/heldout.jsonl",
                  "adversarial": "adversarial/sentences.jsonl"}


def sentences_path(split: str) -> Path:
    return data_dir() / SENTENCE_FILES[split]


def load_sentences(split: str) -> list[dict]:
    """`split`: "train", "heldout" (never trained on) or "adversarial" (lookalikes, trained on); {"text", "roles": set}."""
    path = sentences_path(split)
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return [{"text": r["text"], "roles": set(r["roles"]) - {"none"}} for r in rows]


def enron_side(text: str) -> str:
    """"heldout" for about 20% of sentences, chosen by a salted hash of the text."""
    h = int(hashlib.sha1((ENRON_SALT + text).encode("utf-8")).hexdigest()[:8], 16)
    return "heldout" if h % 100 < ENRON_HELDOUT_PERCENT else "train"


def load_enron(side: str) -> list[tuple[str, bool]] | None:
    """[(sentence, is_ask)] for `side` ("train" or "heldout"); None when the file is absent."""
    path = enron_path()
    if not path.exists():
        return None
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            label, _, text = line.rstrip("\n").partition("\t")
            if text.strip() and enron_side(text) == side:
                out.append((text, label.strip() == "Yes"))
    return out


def file_sha256(path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()
