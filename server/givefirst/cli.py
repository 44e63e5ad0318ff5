"""Command line: `givefirst check FILE|- [--json]` and `givefirst serve`.

check prints one line per finding (line:col, category, message, suggested
rewrite); exit status 1 when there are warnings, 0 when clean, 2 on bad input.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from givefirst.analysis import MAX_CHARS

_COLOURS = {"undermining": "35", "value-first": "33", "door-in-the-face": "36", "weak-phrasing": "34",
            "readability": "90"}


def _line_col(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _paint(s: str, code: str, on: bool) -> str:
    return f"\033[{code}m{s}\033[0m" if on else s


def render(text: str, result: dict, colour: bool) -> str:
    lines = []
    for f in result["findings"]:
        line, col = _line_col(text, f["start"])
        cat = _paint(f"{f['category']:<17}", _COLOURS.get(f["category"], "0"), colour)
        lines.append(f"{line}:{col}  {cat} {f['message']}")
        if f["category"] != "readability":
            lines.append(f"       {json.dumps(f['text'], ensure_ascii=False)[:80]}")
        if f["rewrites"]:
            r = f["rewrites"][0]
            shown = r["replacement"] if r["replacement"] else "(delete)"
            lines.append(f"       suggestion: {r['label']}: {json.dumps(shown, ensure_ascii=False)[:100]}")
    m = result["metrics"]
    warnings = sum(f["severity"] == "warning" for f in result["findings"])
    lines.append(f"{warnings} warning(s); {m['words']} words, grade {m['reading_grade']}, {m['questions']} question(s)")
    return "\n".join(lines)


def check(args) -> int:
    try:
        raw = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        print(f"givefirst: cannot read {args.file}: {type(e).__name__}", file=sys.stderr)
        return 2
    if len(text) > MAX_CHARS:
        print(f"givefirst: text is {len(text)} characters; the limit is {MAX_CHARS}", file=sys.stderr)
        return 2
    from givefirst.analysis import analyze
    context = {"replying_to": Path(args.replying_to).read_text(encoding="utf-8")} if args.replying_to else None
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
    args = p.parse_args(argv)
    try:
        return check(args) if args.cmd == "check" else serve(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
