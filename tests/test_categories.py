"""One list of categories (models/categories.json) for the service, the CLI and the extension."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from givefirst.rules import categories
from givefirst.rules.catalogue import catalogue

ROOT = Path(__file__).resolve().parents[1]


def test_extension_categories_are_generated_from_the_list():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import categories_js
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    shipped = (ROOT / "extension" / "categories.js").read_text(encoding="utf-8")
    assert shipped == categories_js.script(), "extension/categories.js is stale: run `make categories`"


def test_extension_reads_the_same_labels_and_colours():
    js = ("const c = require(process.argv[1]); "
          "console.log(JSON.stringify(c.LIST.map(x => [x.id, x.label, x.color, x.underline])))")
    out = subprocess.run(["node", "-e", js, str(ROOT / "extension" / "categories.js")],
                         capture_output=True, text=True, check=True).stdout
    import json
    assert json.loads(out) == [[c["id"], c["label"], c["color"], c["underline"]] for c in categories.all_categories()]


def test_every_rule_and_the_api_use_the_listed_categories(client):
    assert {r["category"] for r in catalogue().values()} <= set(categories.ids())
    spec = client.get("/openapi.json").get_json()
    result = spec["paths"]["/v1/analyze"]["post"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert result["properties"]["findings"]["items"]["properties"]["category"]["enum"] == categories.ids()


def test_cli_paints_each_category_in_its_colour():
    from givefirst.cli import render
    text = "It was nothing."
    result = {"findings": [{"category": "undermining", "start": 0, "end": 14, "message": "m", "text": text[:14],
                            "rewrites": [], "severity": "warning"}],
              "metrics": {"words": 3, "reading_grade": 2.0, "questions": 0}, "structure": {"sentences": []}}
    assert f"\033[{categories.get('undermining')['terminal']}m" in render(text, result, colour=True)
