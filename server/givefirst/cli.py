"""Command line: `givefirst check FILE|- [--json]`, `givefirst serve`, `givefirst install` /
`givefirst uninstall` (the browser helper that starts the service on demand: givefirst/host/), and the
sent-mail insights: `givefirst report SOURCE... -o report.html`, `givefirst import SOURCE...`, `givefirst forget`.

check prints one line per finding (line:col, category, message, suggested
rewrite); exit status 1 when there are warnings, 0 when clean, 2 on bad input.
report/import/forget: 0 on success, 2 on bad input (an unreadable SOURCE, a bad
date), 130 when interrupted; never a traceback, never email text in a message.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from givefirst.analysis import MAX_CHARS
from givefirst.insights import commands as insights
from givefirst.rules import categories

_SHOWN = 160  # characters of a sentence shown before and after a rewrite


def _line_col(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _paint(s: str, code: str, on: bool) -> str:
    return f"\033[{code}m{s}\033[0m" if on else s


def _one_line(s: str) -> str:
    s = " ".join(s.split())
    return s if len(s) <= _SHOWN else s[: _SHOWN - 1] + "…"


def before_and_after(text: str, result: dict, rewrite: dict) -> tuple[str, str]:
    """The sentences a rewrite touches, as they are and as they would read (code-point offsets)."""
    sents = [s for s in result["structure"]["sentences"]
             if s["start"] <= rewrite["end"] and rewrite["start"] <= s["end"]]
    lo = min([rewrite["start"]] + [s["start"] for s in sents])
    hi = max([rewrite["end"]] + [s["end"] for s in sents])
    after = text[lo:rewrite["start"]] + rewrite["replacement"] + text[rewrite["end"]:hi]
    return _one_line(text[lo:hi]), _one_line(after)


def render(text: str, result: dict, colour: bool) -> str:
    lines = []
    for f in result["findings"]:
        line, col = _line_col(text, f["start"])
        cat = _paint(f"{f['category']:<17}", categories.get(f["category"])["terminal"], colour)
        lines.append(f"{line}:{col}  {cat} {f['message']}")
        if f["category"] != "readability":
            lines.append(f"       {json.dumps(f['text'], ensure_ascii=False)[:80]}")
        if f["rewrites"]:
            r = f["rewrites"][0]
            before, after = before_and_after(text, result, r)
            lines.append(f"       {r['label']}:")
            lines.append(f"         - {before}")
            lines.append(f"         + {after}")
    m = result["metrics"]
    warnings = sum(f["severity"] == "warning" for f in result["findings"])
    grade = f", grade {m['reading_grade']}" if m["reading_grade"] >= 1 else ""  # too short to grade
    lines.append(f"{warnings} warning(s); {m['words']} words{grade}, {m['questions']} question(s)")
    return "\n".join(lines)


def _read(name: str) -> str | None:
    """A file's text (or standard input's for "-"), or None after saying why on stderr (bad input:
    unreadable, not UTF-8, over MAX_CHARS code points). The message never quotes the text."""
    try:
        raw = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        print(f"givefirst: cannot read {name}: {type(e).__name__}", file=sys.stderr)
        return None
    if len(text) > MAX_CHARS:
        print(f"givefirst: {name} is {len(text)} characters; the limit is {MAX_CHARS}", file=sys.stderr)
        return None
    return text


def check(args) -> int:
    text = _read(args.file)
    replying_to = _read(args.replying_to) if args.replying_to else None
    if text is None or (args.replying_to and replying_to is None):
        return 2
    from givefirst.analysis import analyze
    context = {"replying_to": replying_to} if args.replying_to else None
    result = analyze(text, context=context, offsets="codepoint" if not args.json else args.offsets)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        print(render(text, result, colour))
    return 1 if any(f["severity"] == "warning" for f in result["findings"]) else 0


def serve(args) -> int:
    """Run the service under gunicorn with the package's settings (givefirst.service.gunicorn_config)."""
    from givefirst.service.settings import InsecureBinding, check_binding
    try:
        check_binding(args.host, os.environ.get("GIVEFIRST_TOKEN", ""))
    except InsecureBinding as e:
        print(f"givefirst: {e}", file=sys.stderr)
        return 2
    os.environ["GIVEFIRST_HOST"], os.environ["GIVEFIRST_PORT"] = args.host, str(args.port)
    if args.workers:
        os.environ["GIVEFIRST_WORKERS"] = str(args.workers)
    os.execv(sys.executable, [sys.executable, "-m", "gunicorn", "-c", "python:givefirst.service.gunicorn_config",
                              "givefirst.service:create_app()"])


def install(args) -> int:
    """Register the native messaging host (givefirst/host/install.py) for this user."""
    from givefirst.host.install import install as run_install
    from givefirst.host.manifest import UnusableInterpreter
    from givefirst.host.paths import layout
    try:
        return run_install(layout(), browsers=tuple(args.browser or ()), user_data_dirs=tuple(args.user_data_dir or ()),
                           at_login=args.at_login)
    except UnusableInterpreter as e:
        print(f"givefirst: {e}", file=sys.stderr)
        return 2


def uninstall(args) -> int:
    from givefirst.host.install import uninstall as run_uninstall
    from givefirst.host.paths import layout
    return run_uninstall(layout())


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="givefirst", description="Reciprocity coach for work email.")
    sub = p.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("check", help="check a draft (a file, or - for standard input)")
    c.add_argument("file")
    c.add_argument("--json", action="store_true", help="print the API's JSON body")
    c.add_argument("--offsets", choices=["utf16", "codepoint"], default="utf16", help="offset unit for --json")
    c.add_argument("--replying-to", metavar="FILE", help="the message this draft answers")
    s = sub.add_parser("serve", help="run the HTTP service (gunicorn)")
    s.add_argument("--host", default=os.environ.get("GIVEFIRST_HOST", "127.0.0.1"))
    s.add_argument("--port", type=int, default=int(os.environ.get("GIVEFIRST_PORT", "8765")))
    s.add_argument("--workers", type=int, default=0)
    i = sub.add_parser("install", help="let the extension start the service when Gmail needs it (no terminal)")
    i.add_argument("--at-login", action="store_true", help="also start it at login (systemd user unit / launchd agent)")
    i.add_argument("--browser", action="append", choices=["chrome", "chromium", "edge", "brave", "all"],
                   help="register for this browser (repeatable; default: those installed, else all four)")
    i.add_argument("--user-data-dir", action="append", metavar="DIR",
                   help="register in this browser profile folder (a browser started with --user-data-dir=DIR)")
    sub.add_parser("uninstall", help="remove everything `givefirst install` wrote, and stop the service it started")
    insights.add_parsers(sub)
    args = p.parse_args(argv)
    commands = {"check": check, "serve": serve, "install": install, "uninstall": uninstall}
    try:
        if args.cmd in ("report", "import", "forget"):
            return insights.run(args)
        return commands[args.cmd](args)
    except KeyboardInterrupt:
        if args.cmd in ("report", "import"):
            print("\ngivefirst: interrupted; nothing was written", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
