"""Where the package's data lives: rules, patterns, lexicons and the trained classifier.

They are kept in the repository's top-level `models/` folder and ship inside
the wheel as the `givefirst.models` package (pyproject.toml maps the folder),
so they are found with importlib.resources however the package was installed.
`GIVEFIRST_MODELS` points at another folder of the same shape.
"""
from __future__ import annotations

import functools
import os
from importlib import resources
from pathlib import Path

import yaml


@functools.lru_cache(maxsize=1)
def models_dir() -> Path:
    env = os.environ.get("GIVEFIRST_MODELS")
    if env:
        return Path(env)
    return Path(str(resources.files("givefirst.models")))


@functools.lru_cache(maxsize=None)
def load_yaml(relative: str):
    with open(models_dir() / relative, encoding="utf-8") as f:
        return yaml.safe_load(f)
