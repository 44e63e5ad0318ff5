"""Train the sentence-role classifier (models/roles/model/). Run by `make model`.

    .venv/bin/python scripts/train_roles.py [--config models/roles/config.cfg]
                                            [--output models/roles/model]

Data (never the held-out splits):
- models/data/sentences/train.jsonl and models/data/adversarial/sentences.jsonl
  (lookalikes: quoted requests, writer commitments, how-to steps, offers as
  questions): every role known, so each doc carries all six labels (1.0 / 0.0);
  repeated PROJECT_COPIES times, because these sentences follow SPEC.md's
  definitions exactly while Enron's labels don't.
- the training part of ../shared/data/email-intent/train.tsv (hash split, see
  givefirst.datasets): only `ask` is known, so only `ask` is set in doc.cats;
  textcat_multilabel treats the absent labels as missing (no gradient), not 0.
  Skipped, with a note in the record, when ../shared is absent.
A hash-chosen DEV_PERCENT of all of them is kept apart as spaCy's dev set (checkpoint
choice); the model is copied from model-best. The record of data hashes, the
command and the scores goes to models/roles/model/training.json.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "server"))

import spacy  # noqa: E402
from spacy.tokens import DocBin  # noqa: E402

from givefirst import classifier, datasets  # noqa: E402

PROJECT_COPIES = 2
ENRON_COPIES = 1
DEV_PERCENT = 10
DEV_SALT = "givefirst-roles-dev-v1"


def is_dev(text: str, percent: int) -> bool:
    return int(hashlib.sha1((DEV_SALT + text).encode("utf-8")).hexdigest()[:8], 16) % 100 < percent


PROJECT_SETS = ("train", "adversarial")


def examples(use_enron: bool):
    """(text, cats, source) for every training sentence; labels absent from cats are missing, not 0."""
    for split in PROJECT_SETS:
        for row in datasets.load_sentences(split):
            yield row["text"], {r: float(r in row["roles"]) for r in datasets.ROLES}, split
    enron = datasets.load_enron("train") if use_enron else None
    for text, is_ask in enron or ():
        yield text, {"ask": float(is_ask)}, "enron"


def write_docbins(workdir: Path, use_enron: bool, project_copies: int, enron_copies: int, dev_percent: int,
                  exclude=None) -> dict:
    """train.spacy and dev.spacy in workdir; `exclude(text)` drops sentences (cross-validation folds)."""
    nlp = spacy.blank("en")
    train, dev = DocBin(store_user_data=False), DocBin(store_user_data=False)
    counts = {side: {src: 0 for src in PROJECT_SETS + ("enron",)} for side in ("train", "dev")}
    for text, cats, source in examples(use_enron):
        if exclude is not None and exclude(text):
            continue
        doc = nlp.make_doc(classifier.normalise(text))
        doc.cats = cats
        if is_dev(text, dev_percent):
            dev.add(doc)
            counts["dev"][source] += 1
            continue
        for _ in range(enron_copies if source == "enron" else project_copies):
            train.add(doc)
        counts["train"][source] += 1
    train.to_disk(workdir / "train.spacy")
    dev.to_disk(workdir / "dev.spacy")
    return counts


def text_hash(lines) -> str:
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def record(args, counts, seconds, scores, use_enron) -> dict:
    rec = {
        "command": " ".join([".venv/bin/python", "scripts/train_roles.py"] + sys.argv[1:]),
        "config": os.path.relpath(Path(args.config).resolve(), ROOT),
        "config_sha256": datasets.file_sha256(args.config),
        "data": {f"models/data/{datasets.SENTENCE_FILES[s]}": datasets.file_sha256(datasets.sentences_path(s))
                 for s in PROJECT_SETS},
        "enron": None,
        "project_copies": args.project_copies, "enron_copies": args.enron_copies,
        "dev_percent": args.dev_percent, "dev_salt": DEV_SALT,
        "counts": counts, "train_seconds": round(seconds, 1), "dev_scores": scores,
        "spacy": spacy.__version__, "python": platform.python_version(),
        "normalisation": "givefirst.classifier.normalise (lower case, ' quotes, single spaces)",
    }
    if use_enron:
        part = [t for t, _ in datasets.load_enron("train")]
        rec["enron"] = {"file": "../shared/data/email-intent/train.tsv",
                        "file_sha256": datasets.file_sha256(datasets.enron_path()),
                        "split_salt": datasets.ENRON_SALT, "heldout_percent": datasets.ENRON_HELDOUT_PERCENT,
                        "train_part_sentences": len(part), "train_part_sha256": text_hash(part)}
    return rec


def parse_overrides(pairs) -> dict:
    """["training.max_steps=1000", ...] -> {"training.max_steps": 1000} (JSON values, else strings)."""
    out = {}
    for kv in pairs:
        key, _, value = kv.partition("=")
        try:
            out[key] = json.loads(value)
        except ValueError:
            out[key] = value
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", default=str(ROOT / "models" / "roles" / "config.cfg"))
    ap.add_argument("--output", default=str(ROOT / "models" / "roles" / "model"))
    ap.add_argument("--project-copies", type=int, default=PROJECT_COPIES)
    ap.add_argument("--enron-copies", type=int, default=ENRON_COPIES)
    ap.add_argument("--dev-percent", type=int, default=DEV_PERCENT)
    ap.add_argument("--no-enron", action="store_true", help="train on the project's sentences only")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="config override, e.g. training.max_steps=1000 (recorded)")
    args = ap.parse_args(argv)
    use_enron = not args.no_enron and args.enron_copies > 0 and datasets.enron_path().exists()
    if not args.no_enron and not use_enron:
        print(f"note: {datasets.enron_path()} not found, training on the project's sentences only")
    overrides = parse_overrides(args.set)

    from spacy.cli.train import train
    out = Path(args.output)
    with tempfile.TemporaryDirectory(prefix="givefirst-roles-") as tmp:
        work = Path(tmp)
        counts = write_docbins(work, use_enron, args.project_copies, args.enron_copies, args.dev_percent)
        print(f"docs: {counts}")
        overrides.update({"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy")})
        t0 = time.perf_counter()
        train(args.config, work / "out", overrides=overrides)
        seconds = time.perf_counter() - t0
        best = work / "out" / "model-best"
        meta = json.loads((best / "meta.json").read_text(encoding="utf-8"))
        scores = {k: v for k, v in meta.get("performance", {}).items() if k.startswith("cats_") and v is not None}
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(best, out)
        # the same artifact from the same data: no temp paths in the saved config, a real name in meta
        cfg = (out / "config.cfg").read_text(encoding="utf-8").replace(f'"{work / "train.spacy"}"', "null")
        (out / "config.cfg").write_text(cfg.replace(f'"{work / "dev.spacy"}"', "null"), encoding="utf-8")
        meta.update(name="givefirst_roles", version="1.0.0",
                    description="Give First sentence roles (textcat_multilabel); see models/roles/TRAINING.md")
        (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    rec = record(args, counts, seconds, scores, use_enron)
    rec["overrides"] = {k: v for k, v in overrides.items() if not k.startswith("paths.")}
    (out / "training.json").write_text(json.dumps(rec, indent=2) + "\n", encoding="utf-8")
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"wrote {out} ({size / 1e6:.2f} MB) in {seconds:.0f}s of training")
    return 0


if __name__ == "__main__":
    sys.exit(main())
