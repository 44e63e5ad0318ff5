"""The report as one self-contained HTML page (page.html: inline CSS and SVG, no scripts,
fonts or images, and a Content-Security-Policy that forbids loading any).

Every value is escaped; every chart has a table with its numbers for screen
readers. Numbers carry `data-key` so a test can read what the page says.
write() goes through a temporary file in the target's folder and os.replace,
so an interrupted report leaves no half-written page.
"""
from __future__ import annotations

import os
import tempfile
from html import escape
from importlib.resources import files
from pathlib import Path
from string import Template

from givefirst import __version__
from givefirst.insights import plots
from givefirst.insights.summary import Summary

_LABELS = {"undermining": "Undermining", "weak-phrasing": "Weak phrasing", "value-first": "Favour asked before giving",
           "door-in-the-face": "Door in the face"}


def _fmt_date(d) -> str:
    return d.strftime("%d %b %Y") if d is not None else "no date"


def _period(s: Summary) -> str:
    return f"{_fmt_date(s.first)} to {_fmt_date(s.last)}" if s.first else "no dated emails"


def _table(caption: str, head: list[str], rows: list[list], numeric: set[int] = frozenset(), cls: str = "",
           keys: list[str] | None = None) -> str:
    th = "".join(f'<th scope="col"{" class=n" if i in numeric else ""}>{escape(h)}</th>' for i, h in enumerate(head))
    body = []
    for row in rows:
        cells = []
        for i, v in enumerate(row):
            key = f' data-key="{escape(keys[i])}"' if keys and keys[i] else ""
            cells.append(f'<td{" class=n" if i in numeric else ""}{key}>{escape(str(v))}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    c = f' class="{cls}"' if cls else ""
    return f"<table{c}><caption>{escape(caption)}</caption><thead><tr>{th}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def headline(s: Summary) -> str:
    items = [("emails", s.emails, "emails analysed"),
             ("ask_before_giving", s.per_100("ask_before_giving"), "favour asks before giving, per 100 emails"),
             ("undermining", s.per_100("undermining"), "undermining phrases per 100 emails"),
             ("weak", s.per_100("weak"), "weak phrases per 100 emails"),
             ("asks_per_email", s.asks_per_email(), "asks per email"),
             ("gives", s.totals["gives"], "gives (findings, files, help, credit)")]
    lis = "".join(f'<li><span class="num" data-key="{k}">{escape(str(v))}</span> {escape(label)}</li>'
                  for k, v, label in items)
    return f'<h2>At a glance</h2><ul class="headline">{lis}</ul>'


def trends(s: Summary) -> str:
    rows = s.month_rows()
    if not rows:
        return "<h2>Month by month</h2><p>No email had a date, so there are no trends.</p>"
    table = _table("Month by month (the chart's numbers)",
                   ["month", "emails", "favour asks before giving /100", "undermining /100", "weak /100", "asks/email"],
                   [[r["month"], r["emails"], r["ask_before_giving"], r["undermining"], r["weak"], r["asks_per_email"]]
                    for r in rows], numeric={1, 2, 3, 4, 5}, cls="sr-only")
    return (f"<h2>Month by month</h2><figure>{plots.trends(rows)}<figcaption class=note>Favour asks made before "
            f"giving, undermining and weak phrasing per 100 emails (months of {plots.MIN_EMAILS} emails or more); asks per "
            f"email below.</figcaption></figure>{table}")


def recipients(s: Summary) -> str:
    top = s.top_recipients()
    if not top:
        return ""
    rows = [[a, c["emails"], c["gives"], c["favour_asks"], c["routine_asks"], _fmt_date(s.last_give.get(a))
             if a in s.last_give else "never"] for a, c in top]
    table = _table(f"Give/ask balance: the {len(top)} people you wrote to most",
                   ["recipient", "emails", "gives", "favour asks", "routine asks", "last give"], rows,
                   numeric={1, 2, 3, 4}, keys=["recipient", "emails", "gives", "favour_asks", "routine_asks", "last_give"])
    return (f"<h2>Give and ask, per person</h2><figure>{plots.balance(top)}</figure>{table}"
            "<p class=note>Every person on To or Cc is counted for the whole email.</p>")


def phrases(s: Summary) -> str:
    top = s.phrases.most_common(20)
    if not top:
        return ""
    return "<h2>Phrases flagged most often</h2>" + _table(
        "Undermining and weak phrases, most frequent first", ["phrase", "kind", "times"],
        [[p, _LABELS.get(cat, cat), n] for (cat, p), n in top], numeric={2})


def examples(s: Summary) -> str:
    if not s.examples:
        return ""
    out = ["<h2>Examples</h2><p class=note>From your own emails: share this page only if you mean to.</p>"]
    for cat in ("value-first", "undermining", "weak-phrasing", "door-in-the-face"):
        if s.examples.get(cat):
            out.append(f"<h3>{escape(_LABELS[cat])}</h3>")
            for start, end, sent in s.examples[cat]:
                out.append(f"<blockquote>{escape(sent[:start])}<mark>{escape(sent[start:end])}</mark>"
                           f"{escape(sent[end:])}</blockquote>")
    return "".join(out)


def handled(s: Summary) -> str:
    rows = [[f"skipped: {r}", n] for r, n in sorted(s.skipped.items())]
    names = {"html": "HTML only, read as text", "undecodable": "undecodable characters replaced",
             "truncated": f"longer than 20,000 characters: the start analysed", "no date": "no date (not in the trends)"}
    rows += [[names.get(k, k), n] for k, n in sorted(s.notes.items())]
    if not rows:
        return ""
    return "<h2>Messages handled specially</h2>" + _table("Messages skipped or read with care", ["what", "messages"],
                                                           rows, numeric={1}, keys=["", "handled"])


def _subtitle(s: Summary, prefix: str = "") -> str:
    others = f"; {s.others} other messages in the mailbox are not yours or older" if s.others else ""
    return f"{prefix}{s.emails} sent emails, {_period(s)}{others}"


def render(s: Summary, *, title: str, examples_shown: bool) -> str:
    body = headline(s) + trends(s) + recipients(s) + phrases(s) + (examples(s) if examples_shown else "") + handled(s)
    privacy = " It holds example sentences from your email." if examples_shown and s.examples else " It holds no example sentences."
    return _template().substitute(title=escape(title), subtitle=escape(_subtitle(s)),
                                  body=body, version=escape(__version__), privacy=privacy)


def render_team(writers: list[tuple[str, Summary, str]], team: Summary) -> str:
    """The team page: figures per writer and month, no addresses of recipients, no phrases, no text."""
    rows = [[w, s.emails, s.per_100("ask_before_giving"), s.per_100("undermining"), s.per_100("weak"),
             s.asks_per_email()] for w, s, _ in writers]
    table = _table("Per writer", ["writer", "emails", "favour asks before giving /100", "undermining /100",
                                  "weak /100", "asks/email"], rows, numeric={1, 2, 3, 4, 5},
                   keys=["writer", "emails", "ask_before_giving", "undermining", "weak", "asks_per_email"])
    links = "".join(f'<li><a href="{escape(page)}">{escape(w)}</a></li>' for w, _, page in writers)
    body = headline(team) + trends(team) + "<h2>Writers</h2>" + table + f"<ul>{links}</ul>" + handled(team)
    return _template().substitute(title="Team: giving habits", subtitle=escape(_subtitle(team, f"{len(writers)} writers, ")),
                                  body=body, version=escape(__version__),
                                  privacy=" It holds no email text and no recipients.")


def _template() -> Template:
    return Template(files("givefirst.insights").joinpath("page.html").read_text(encoding="utf-8"))


def write(path: str | os.PathLike, html: str) -> None:
    """Write the page atomically: a temporary file beside it, then os.replace."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(html)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
