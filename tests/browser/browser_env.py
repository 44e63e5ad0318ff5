"""Paths, launch flags and small helpers the browser tests share (conftest.py holds the fixtures)."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "extension"
EXTENSION_ID = (EXTENSION / "EXTENSION_ID").read_text().strip()
FIXTURE = Path(__file__).with_name("fixtures") / "gmail.html"
CHROMIUM = "/usr/bin/chromium"
GMAIL_URL = "https://mail.google.com/mail/u/0/#inbox/FMfcgzQbdrQ"
# What this machine and CI need: no sandbox (root in a container), no GPU, no background traffic.
LAUNCH_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}


def set_settings(worker, **settings) -> None:
    """Replaces the extension's chrome.storage.sync settings (as the options page would)."""
    worker.evaluate("s => chrome.storage.sync.clear().then(() => chrome.storage.sync.set(s))", settings)
