"""Counts per email -> the report's figures: headline, months, recipients, phrases, examples.

Kept apart from the page so a test can compare these numbers with per-email
analyze() and the page shows exactly them. Every recipient of an email (To and
Cc) is credited with that email's gives and asks. Emails without a date count
in the headline and per recipient but not in the monthly trends.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

TOP_RECIPIENTS = 15
TOP_PHRASES = 20
EXAMPLES_PER_CATEGORY = 5
_SUMMED = ("gives", "favour_asks", "routine_asks", "undermining", "weak", "ask_before_giving", "door_in_the_face")


@dataclass
class Summary:
    writer: str = ""
    emails: int = 0
    totals: Counter = field(default_factory=Counter)
    months: dict = field(default_factory=lambda: defaultdict(Counter))     # "2001-05" -> Counter(+ "emails")
    recipients: dict = field(default_factory=lambda: defaultdict(Counter))  # address -> Counter(+ "emails")
    last_give: dict = field(default_factory=dict)                          # address -> date of the last give
    phrases: Counter = field(default_factory=Counter)                      # (category, phrase) -> count
    examples: dict = field(default_factory=lambda: defaultdict(list))      # category -> [(start, end, sentence)]
    senders: Counter = field(default_factory=Counter)                      # the analysed emails' From addresses
    skipped: Counter = field(default_factory=Counter)                      # reason -> messages
    notes: Counter = field(default_factory=Counter)                        # "html", "undecodable", ... -> messages
    others: int = 0                                                        # messages not the writer's (or before --since)
    first: object = None
    last: object = None

    def add(self, mail, c: dict) -> None:
        self.emails += 1
        self.senders[mail.sender] += 1
        figures = Counter({k: c[k] for k in _SUMMED})
        self.totals.update(figures)
        self.notes.update(n for n in mail.notes if n != "record")
        if mail.date is not None:
            self.first = min(self.first or mail.date, mail.date)
            self.last = max(self.last or mail.date, mail.date)
            month = self.months[mail.date.strftime("%Y-%m")]
            month.update(figures)
            month["emails"] += 1
        for to in mail.to:
            r = self.recipients[to]
            r.update(figures)
            r["emails"] += 1
            if c["gives"] and mail.date is not None and (to not in self.last_give or mail.date > self.last_give[to]):
                self.last_give[to] = mail.date
        self.phrases.update(c["phrases"])
        for cat, start, end, sentence in c.get("examples") or ():
            if len(self.examples[cat]) < EXAMPLES_PER_CATEGORY and sentence not in [e[2] for e in self.examples[cat]]:
                self.examples[cat].append((start, end, sentence))

    def skip(self, reason: str) -> None:
        self.skipped[reason] += 1

    def per_100(self, key: str, c: Counter | None = None) -> float:
        c = self.totals if c is None else c
        n = self.emails if c is self.totals else c["emails"]
        return round(100 * c[key] / n, 1) if n else 0.0

    def asks_per_email(self, c: Counter | None = None) -> float:
        c = self.totals if c is None else c
        n = self.emails if c is self.totals else c["emails"]
        return round((c["favour_asks"] + c["routine_asks"]) / n, 2) if n else 0.0

    def top_recipients(self, n: int = TOP_RECIPIENTS) -> list[tuple[str, Counter]]:
        """The n recipients written to most (ties: most asks), with their figures."""
        ranked = sorted(self.recipients.items(),
                        key=lambda kv: (-kv[1]["emails"], -(kv[1]["favour_asks"] + kv[1]["routine_asks"]), kv[0]))
        return ranked[:n]

    def month_rows(self) -> list[dict]:
        return [{"month": m, "emails": c["emails"], "ask_before_giving": self.per_100("ask_before_giving", c),
                 "undermining": self.per_100("undermining", c), "weak": self.per_100("weak", c),
                 "asks_per_email": self.asks_per_email(c)} for m, c in sorted(self.months.items())]

    def merge(self, other: "Summary") -> None:
        """Add another writer's figures (the team page: no text, no phrases, no examples)."""
        self.emails += other.emails
        self.others += other.others
        self.totals.update(other.totals)
        self.skipped.update(other.skipped)
        self.notes.update(other.notes)
        for m, c in other.months.items():
            self.months[m].update(c)
        for d in (other.first, other.last):
            if d is not None:
                self.first, self.last = min(self.first or d, d), max(self.last or d, d)
