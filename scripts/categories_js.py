"""Write extension/categories.js from models/categories.json (`make categories`).

The categories are defined once; the extension is plain JS with no build step,
so its copy is generated and checked in, and tests/test_categories.py fails
when it is out of date.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from givefirst.rules import categories

OUT = Path(__file__).resolve().parents[1] / "extension" / "categories.js"
KEYS = ("id", "label", "short", "color", "underline")


def script() -> str:
    rows = "".join(f"    {json.dumps({k: c[k] for k in KEYS}, ensure_ascii=False)},\n"
                   for c in categories.all_categories())
    fallback = json.dumps({k: v for k, v in categories.fallback().items() if k in KEYS}, ensure_ascii=False)
    return f"""// Generated from models/categories.json by `make categories`: edit that file, not this one.
// The finding categories the service reports: label, colour and whether a finding is drawn as an underline.
// Readability findings are about the whole email, so they appear in the chip's list, not under words.
const GiveFirstCategories = (() => {{
  const LIST = [
{rows}  ];
  const FALLBACK = {fallback};
  const byId = new Map(LIST.map((c) => [c.id, c]));

  function get(id) {{
    return byId.get(id) || {{ ...FALLBACK, id }};
  }}

  return {{ LIST, get }};
}})();

if (typeof module !== 'undefined') module.exports = GiveFirstCategories;
"""


if __name__ == "__main__":
    OUT.write_text(script(), encoding="utf-8")
    print(f"wrote {OUT}", file=sys.stderr)
