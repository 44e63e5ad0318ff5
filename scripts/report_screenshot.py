#!/usr/bin/env python3
"""docs/report.png: a `givefirst report` page rendered by Debian's chromium (Playwright, never its own browser).

Usage: PYTHONPATH=server .venv/bin/python scripts/report_screenshot.py PAGE.html [docs/report.png]
Make the page first, e.g. from the public Enron sample:
  .venv/bin/givefirst report ../shared/data/real-mail/allen-p-sent.jsonl --no-examples -o /tmp/report.html
"""
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

page_path = Path(sys.argv[1]).resolve()
out = Path(sys.argv[2] if len(sys.argv) > 2 else Path(__file__).resolve().parents[1] / "docs" / "report.png")
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
    page = browser.new_page(viewport={"width": 1000, "height": 1500}, device_scale_factor=1)
    blocked = []
    page.route("**/*", lambda route: (blocked.append(route.request.url), route.abort())
               if not route.request.url.startswith("file:") else route.continue_())
    page.goto(page_path.as_uri())
    page.screenshot(path=str(out), full_page=False)
    browser.close()
print(f"{out} written; requests beyond the file: {len(blocked)}")
