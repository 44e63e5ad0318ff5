"""The finding categories (models/categories.json), defined once for the service, the CLI and the extension."""
from __future__ import annotations

import functools
import json

from givefirst.resources import models_dir


@functools.lru_cache(maxsize=1)
def _data() -> dict:
    with open(models_dir() / "categories.json", encoding="utf-8") as f:
        return json.load(f)


def ids() -> list[str]:
    return [c["id"] for c in _data()["categories"]]


def get(category_id: str) -> dict:
    """The category's label, colour and terminal colour; the fallback for an unknown id."""
    return next((c for c in _data()["categories"] if c["id"] == category_id), {**fallback(), "id": category_id})


def all_categories() -> list[dict]:
    return list(_data()["categories"])


def fallback() -> dict:
    return dict(_data()["fallback"])
