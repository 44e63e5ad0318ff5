"""The command line of the sent-mail insights: `givefirst report`, `import` and `forget`
(cli.py adds these parsers and calls run()).

Every failure becomes one line on stderr and an exit status: 2 for bad input
(an unreadable SOURCE, a bad --since, an unreachable scheduler), 1 for an
internal error; never a traceback, never email text. Heavy imports (spaCy,
Dask, matplotlib) happen only when a command runs.
"""
from __future__ import annotations

import sys

from givefirst.insights import ledger
from givefirst.insights.batch import ClusterError
from givefirst.insights.sources import SourceError


def _insights_options(args):
    from givefirst.insights.report import Options, parse_since
    since = parse_since(args.since) if args.since else None
    me = {a.strip().lower() for a in (args.me or "").split(",") if a.strip()}
    return Options(sources=args.sources, me=me, since=since, examples=not getattr(args, "no_examples", False),
                   workers=args.workers, scheduler=args.scheduler, by_sender=getattr(args, "by_sender", False),
                   progress=not args.quiet)


def _say_inferred(result: dict) -> None:
    for src, who in sorted(result.get("inferred", {}).items()):
        print(f"givefirst: {src}: no Sent folder or label; taking the most frequent sender, {who or 'nobody'}, "
              "as the writer (use --me to choose)", file=sys.stderr)


def run(args) -> int:
    """report / import / forget, with every failure turned into a one-line message and an exit status."""
    from givefirst.insights import report  # matplotlib and friends: only when a command runs
    if args.cmd == "forget":
        found = ledger.forget()
        print(f"givefirst: {'deleted' if found else 'no ledger at'} {ledger.path()}")
        return 0
    try:
        opts = _insights_options(args)
        if args.cmd == "report":
            done = report.report(opts, args.output)
            _say_inferred(done)
            print(f"givefirst: {done['emails']} sent emails -> {', '.join(done['pages'][:3])}"
                  f"{' ...' if len(done['pages']) > 3 else ''}", file=sys.stderr)
        else:
            done = report.import_ledger(opts)
            _say_inferred(done)
            skipped = sum(done["skipped"].values())
            print(f"givefirst: {done['added']} sent emails added to {done['path']} ({done['known']} already there, "
                  f"{skipped} skipped)", file=sys.stderr)
        return 0
    except (SourceError, ClusterError) as e:
        print(f"givefirst: {e}", file=sys.stderr)
    except ValueError as e:  # a bad --since
        print(f"givefirst: {e}", file=sys.stderr)
    except OSError as e:
        print(f"givefirst: {type(e).__name__}: {e.strerror or 'cannot connect or write'}"
              f"{' (' + e.filename + ')' if getattr(e, 'filename', None) else ''}", file=sys.stderr)
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as e:  # never a traceback: its frames and message could hold email text
        print(f"givefirst: internal error ({type(e).__name__}); nothing was written", file=sys.stderr)
        return 1
    return 2


def add_parsers(sub) -> None:
    def common(p):
        p.add_argument("sources", nargs="+", metavar="SOURCE", help="an mbox file, a maildir or a JSONL file")
        p.add_argument("--me", metavar="ADDRESS", help="your address(es), comma-separated: From must match")
        p.add_argument("--since", metavar="DATE", help="only mail sent on or after DATE (YYYY-MM-DD)")
        p.add_argument("--workers", type=int, default=1, help="Dask LocalCluster with N worker processes (default 1: "
                       "in this process)")
        p.add_argument("--scheduler", metavar="tcp://HOST:8786", help="run on an existing Dask cluster")
        p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    r = sub.add_parser("report", help="an HTML page of your giving habits from your sent mail")
    common(r)
    r.add_argument("-o", "--output", required=True, help="the page to write (with --by-sender: a folder)")
    r.add_argument("--no-examples", action="store_true", help="leave example sentences out (a page to share)")
    r.add_argument("--by-sender", action="store_true", help="one page per sender and a team page (index.html)")
    i = sub.add_parser("import", help="keep counts per recipient (no text) in your local ledger")
    common(i)
    sub.add_parser("forget", help="delete your local ledger")
