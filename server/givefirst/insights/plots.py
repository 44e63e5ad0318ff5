"""The report's charts as inline SVG strings (matplotlib, Agg backend: no display, no files).

Text stays text (svg.fonttype "none", the page's own fonts): the page loads no
font or image, and the SVG is small. Each chart is decorative for a screen
reader (aria-hidden); page.py puts the same numbers in a table beside it.
"""
from __future__ import annotations

import io
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

_STYLE = {"svg.fonttype": "none", "svg.hashsalt": "givefirst", "font.size": 9, "axes.spines.top": False,
          "axes.spines.right": False, "font.family": "sans-serif"}
COLOURS = {"ask_before_giving": "#1a73e8", "undermining": "#d93025", "weak": "#e37400", "asks": "#5f6368",
           "gives": "#188038", "favour_asks": "#1a73e8", "routine_asks": "#9aa0a6"}


def _svg(fig) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]  # drop the XML declaration and DOCTYPE (not allowed inside HTML)
    return re.sub(r"<svg ", '<svg role="img" aria-hidden="true" focusable="false" ', svg, count=1)


MIN_EMAILS = 5  # a month with fewer emails has no point on the per-100 lines (1 email in a month reads as 100)


def trends(rows: list[dict]) -> str:
    """Per month: favour asks before giving, undermining and weak phrasing per 100 emails (months with
    MIN_EMAILS or more); asks per email."""
    with plt.rc_context(_STYLE):
        fig, (top, bottom) = plt.subplots(2, 1, figsize=(7.5, 4.6), sharex=True, height_ratios=(2, 1))
        months = [r["month"] for r in rows]
        x = range(len(months))
        for key, label in (("ask_before_giving", "favour asks before giving"), ("undermining", "undermining"),
                           ("weak", "weak phrasing")):
            top.plot(x, [r[key] if r["emails"] >= MIN_EMAILS else float("nan") for r in rows], marker="o", ms=3,
                     color=COLOURS[key], label=label)
        top.set_ylabel("per 100 emails")
        top.legend(frameon=False, fontsize=8, loc="upper left")
        bottom.bar(x, [r["asks_per_email"] for r in rows], color=COLOURS["asks"])
        bottom.set_ylabel("asks per email")
        step = max(1, len(months) // 12)
        bottom.set_xticks(list(x)[::step], months[::step], rotation=45, ha="right")
        return _svg(fig)


def balance(recipients: list[tuple[str, dict]]) -> str:
    """Per recipient: gives next to favour and routine asks (horizontal bars, most written-to on top)."""
    with plt.rc_context(_STYLE):
        n = len(recipients)
        fig, ax = plt.subplots(figsize=(7.5, 0.35 * n + 0.9))
        y = range(n)
        h = 0.27
        for i, (key, label) in enumerate((("gives", "gives"), ("favour_asks", "favour asks"),
                                          ("routine_asks", "routine asks"))):
            ax.barh([v + (i - 1) * h for v in y], [c[key] for _, c in recipients], height=h,
                    color=COLOURS[key], label=label)
        ax.set_yticks(list(y), [a for a, _ in recipients])
        ax.invert_yaxis()
        ax.legend(frameon=False, fontsize=8, loc="lower right")
        ax.set_xlabel("sentences")
        return _svg(fig)
