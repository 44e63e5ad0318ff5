"""Where the project's data lives: `models/` (rules, patterns, trained parts).

The package is installed from the repository (editable), so `models/` sits two
levels above this file; `GIVEFIRST_MODELS` overrides it for other layouts.
"""
from __future__ import annotations

import functools
import os
from pathlib import Path

import yaml


def models_dir() -> Path:
    env = os.environ.get("GIVEFIRST_MODELS")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "models"


@functools.lru_cache(maxsize=None)
def load_yaml(relative: str):
    with open(models_dir() / relative, encoding="utf-8") as f:
        return yaml.safe_load(f)
