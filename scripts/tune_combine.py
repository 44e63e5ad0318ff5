"""Measure where rules and model disagree, on training data only, and pick combine()'s thresholds.

    .venv/bin/python scripts/tune_combine.py [--folds 5] [--config CFG] [--project-copies N] [--set KEY=VALUE]

The model's probabilities for training sentences must not come from a model
that saw them (a bag-of-words model nearly memorises its training set), so
they are out-of-fold: the training data (train_roles.examples(): project train
and adversarial sentences, the Enron training part) is cut into FOLDS by a
hash of the text, and each fold is scored by a model trained on the others
with the same config. The rule roles come from givefirst.analyze with the
classifier switched off, per analyzed sentence, and combine() is applied per
sentence as the wiring in roles.py would. Nothing held out is read. Prints the
disagreement table and a threshold grid; the chosen values are constants in
givefirst/classifier.py. About 2 minutes; scores are cached in a temp file
named by the settings (delete it after the rules change).

Caveat: the rules were tuned on the same project sentences, so their recall
there is in-sample and the model's gains on spec-style text are understated.
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "server"))
sys.path.insert(0, str(ROOT / "scripts"))

import spacy  # noqa: E402

import train_roles  # noqa: E402
from givefirst import classifier, datasets  # noqa: E402
from givefirst import evaluate as ev  # noqa: E402

FOLD_SALT = "givefirst-roles-cv-v1"


def fold_of(text: str, folds: int) -> int:
    return int(hashlib.sha1((FOLD_SALT + text).encode("utf-8")).hexdigest()[:8], 16) % folds


def out_of_fold(items: list[dict], folds: int, config: Path, project_copies: int, overrides: dict) -> None:
    """Set p (whole text) and each sentence's p, from the model of the fold that did not see the item."""
    for k in range(folds):
        with tempfile.TemporaryDirectory(prefix="givefirst-cv-") as tmp:
            work = Path(tmp)
            train_roles.write_docbins(work, True, project_copies, train_roles.ENRON_COPIES,
                                      train_roles.DEV_PERCENT, exclude=lambda t: fold_of(t, folds) == k)
            from spacy.cli.train import train
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                train(config, work / "out", overrides={**overrides, "paths.train": str(work / "train.spacy"),
                                                       "paths.dev": str(work / "dev.spacy")})
            nlp = spacy.load(work / "out" / "model-best")
            score = lambda t: {r: float(v) for r, v in nlp(classifier.normalise(t)).cats.items()}  # noqa: E731
            for item in items:
                if fold_of(item["text"], folds) == k:
                    item["p"] = score(item["text"])
                    for sent in item["sents"]:
                        sent["p"] = score(sent["text"])
        print(f"fold {k + 1}/{folds} scored", file=sys.stderr)


def collect(folds: int, cache: Path, config: Path, project_copies: int, overrides: dict) -> list[dict]:
    """Training items with gold ask, the rules' roles per analyzed sentence, and out-of-fold probabilities."""
    if cache.exists():
        return json.loads(cache.read_text(encoding="utf-8"))
    items = []
    with ev.rules_only():
        for text, cats, source in train_roles.examples(True):
            r = ev._analyze(text)
            sents = [{"text": text[s["start"]:s["end"]], "roles": s["roles"]} for s in r["structure"]["sentences"]]
            items.append({"text": text, "source": source, "gold_ask": bool(cats["ask"]),
                          "rule": sorted({x for s in sents for x in s["roles"]}), "sents": sents})
    out_of_fold(items, folds, config, project_copies, overrides)
    cache.write_text(json.dumps(items), encoding="utf-8")
    return items


def combined_ask(item, **kw) -> bool:
    """What the wired system would say: combine() per analyzed sentence, any ask."""
    return any("ask" in classifier.combine(set(s["roles"]), s["p"], s["text"], **kw) for s in item["sents"])


def f1(pairs) -> tuple:
    tp = sum(p and g for p, g in pairs)
    fp = sum(p and not g for p, g in pairs)
    fn = sum(g and not p for p, g in pairs)
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


GROUPS = {"spec": ("train", "adversarial"), "enron": ("enron",)}  # spec: labelled by SPEC.md's definitions


def report(items):
    print("\n== where rules and model (p_ask >= 0.5) disagree, out-of-fold, training data only")
    for source in ("train", "adversarial", "enron"):
        sub = [i for i in items if i["source"] == source]
        cells = {}
        for i in sub:
            key = ("rule-ask" if "ask" in i["rule"] else "rule-offer" if "offer" in i["rule"] else "rule-other",
                   "model-ask" if i["p"]["ask"] >= 0.5 else "model-no")
            c = cells.setdefault(key, [0, 0])
            c[0] += 1
            c[1] += i["gold_ask"]
        print(f"  {source} ({len(sub)} sentences): cell -> n, gold asks")
        for key in sorted(cells):
            n, g = cells[key]
            print(f"    {key[0]:<11} {key[1]:<10} n={n:<5} gold-ask={g:<5} ({g / n:.0%})")
    data = {g: [i for i in items if i["source"] in srcs] for g, srcs in GROUPS.items()}

    def scores(**kw):
        return {g: f1([(combined_ask(i, **kw) if kw.get("add") is not None else "ask" in i["rule"], i["gold_ask"])
                       for i in sub]) for g, sub in data.items()}

    def line(res):
        return "   ".join(f"{g} P={v[0]:.3f} R={v[1]:.3f} F1={v[2]:.3f}" for g, v in res.items())

    print("\n== ask F1 out of fold (spec = project train + adversarial sentences; enron = its training part)")
    print(f"  rules alone                 {line(scores(add=None))}")
    grid = []
    for add in (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9, 1.01):
        for veto in (0.0, 0.02, 0.05, 0.1, 0.2):
            kw = dict(add=add, veto=veto)
            res = scores(**kw)
            grid.append((kw, res))
    print("  Pareto front (no other setting is better on both):")
    seen = set()
    for kw, res in sorted(grid, key=lambda g: -g[1]["spec"][2]):
        pair = (res["spec"][2], res["enron"][2])
        if pair in seen or any(o["spec"][2] >= pair[0] and o["enron"][2] >= pair[1] and (o["spec"][2], o["enron"][2]) != pair
                               for _, o in grid):
            continue
        seen.add(pair)
        print(f"  {str(kw):<27} {line(res)}")
    print(f"  module constants (add={classifier.ASK_ADD}, veto={classifier.ASK_VETO}): "
          f"{line(scores(add=classifier.ASK_ADD, veto=classifier.ASK_VETO))}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--cache", help="where to keep the out-of-fold scores (default: a temp file named by the settings)")
    ap.add_argument("--config", default=str(ROOT / "models" / "roles" / "config.cfg"))
    ap.add_argument("--project-copies", type=int, default=train_roles.PROJECT_COPIES)
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="config override (as train_roles.py)")
    args = ap.parse_args(argv)
    overrides = train_roles.parse_overrides(args.set)
    key = json.dumps([args.folds, datasets.file_sha256(args.config), args.project_copies, overrides], sort_keys=True)
    cache = Path(args.cache or Path(tempfile.gettempdir()) / f"givefirst-oof-{hashlib.sha1(key.encode()).hexdigest()[:10]}.json")
    report(collect(args.folds, cache, Path(args.config), args.project_copies, overrides))
    return 0


if __name__ == "__main__":
    sys.exit(main())
