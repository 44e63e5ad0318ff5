"""Quantities in an ask, so a fallback can be compared with the ask it follows.

Door-in-the-face works only when the concession is really smaller. Asks carry
durations ("one-hour"), frequencies ("weekly", "once a quarter"), money
("$25,000", "€5k"), percentages ("a 15% discount"), counts ("two analysts",
"top 3 dashboards"), scope ("the whole suite" vs "just the revenue model") and
access levels ("owner" vs "viewer"). `parse` reads them;
`compare` says how the fallback relates to the big ask.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
        "forty-five": 45, "fifty": 50, "sixty": 60, "ninety": 90, "half an": 0.5, "half a": 0.5, "a couple of": 2,
        "a couple": 2, "couple of": 2, "a few": 3, "several": 3, "single": 1, "a single": 1}
_NUMBER = r"\b(\d+(?:\.\d+)?|half an?|a couple(?: of)?|couple of|a few|several|a single|single|" + "|".join(
    sorted((k for k in _NUM if " " not in k), key=len, reverse=True)) + ")"
_UNIT_MIN = {"minute": 1, "min": 1, "hour": 60, "hr": 60, "day": 480, "week": 2400, "month": 9600, "sprint": 4800,
             "quarter": 28800}
_DURATION = re.compile(_NUMBER + r"(?:[- ](?:extra|more|additional|full|whole))?[- ]?(minute|min|hour|hr|day|week|month|sprint|quarter)s?\b",
                       re.I)  # "3 extra days off"
_HALF_DAY = re.compile(r"\bhalf[- ]day\b", re.I)
# "two one-hour sessions": the count multiplies the duration (two hours in all, not one)
_SESSIONS = re.compile(_NUMBER + r"\s+" + _DURATION.pattern + r"\s+(?:sessions|meetings|calls|slots|blocks|workshops|"
                       r"interviews|chats|syncs|check-ins|classes|shifts)\b", re.I)
_FREQ = [(re.compile(p, re.I), per_week) for p, per_week in [
    # full-time: every working day
    (r"\b(every day|daily|each day|full[- ]time|every weekday|each weekday|every working day|on weekdays)\b", 5.0),
    (r"\b(twice|two times) (a|per|every) week\b", 2.0),
    (r"\b(three times|3 times|thrice) (a|per|every) week\b", 3.0),
    (r"\b(every other week|every two weeks|every 2 weeks|biweekly|bi-weekly|fortnightly|twice a month|twice monthly|"
     r"once a fortnight|every fortnight)\b", 0.5),
    (r"\b(weekly|every week|each week|once a week|per week|a week)\b", 1.0),
    (r"\b(monthly|every month|each month|once a month|per month|a month)\b", 12 / 52),
    (r"\b(every other month|bimonthly|every two months)\b", 6 / 52),
    (r"\b(quarterly|every quarter|each quarter|once a quarter|per quarter|a quarter)\b", 4 / 52),
    (r"\b(yearly|annually|once a year|every year|per year)\b", 1 / 52),
    (r"\b(one-off|one-time|once-off|one off)\b", 1 / 520),  # once, against any recurring gift or payment
]]
_COUNTED = re.compile(_NUMBER + r"\s+(?:(?:more|extra|additional|new|full-time|part-time|senior|junior|of (?:the|our|your)|top|"
                      r"\w+-\w+)\s+)?([a-z]+s?)\b", re.I)
_SIZED = re.compile(r"\b(\d+)-(page|slide|word|question|item|chapter|section|module|episode)\b", re.I)  # "the 80-page study"
_MANY_SIZED = re.compile(_NUMBER + r"\s+$", re.I)  # how many of them: "three 10-page chapters"
_TOP_N = re.compile(r"\b(?:top|first|last)\s+" + _NUMBER + r"\b", re.I)
_ALL = re.compile(r"\b(whole|entire|all|full|complete|end-to-end|everything)\b", re.I)
# "one" as a pronoun ("the May one", "the 2pm one") names an alternative, not a part.
_PART = re.compile(r"\b(just|only|(?<!\bthe )(?<!\bthat )(?<!\bthis )(?<!\bthe other )one(?! (?:is|was|works|would|will)\b)|a single|top \w+|first \w+|part of|a piece of|subset|a sample|a slice|"
                   r"starting with|start by|start with|the most|a quick|a short|brief)\b", re.I)
_ACCESS = [(re.compile(p, re.I), level) for p, level in [
    (r"\b(owner|admin|administrator|superuser|root|full access)\b", 4),
    (r"\b(write access|edit access|editor|maintainer|push access)\b", 3),
    (r"\b(comment|commenter|contributor)\b", 2),
    (r"\b(viewer|read-only|read only|view access|read access|view-only|view only|viewing)\b", 1),
]]
_AMOUNT = r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?(k|m|bn|thousand|million|billion)?\b"
_MONEY = re.compile(r"[$£€¥]\s?" + _AMOUNT + r"|\b" + _AMOUNT + r"\s?(?:dollars|euros|pounds|usd|eur|gbp|chf)\b", re.I)
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}
_PERCENT = re.compile(r"\b(\d+(?:\.\d+)?)\s?(?:%|percent\b|per cent\b)", re.I)
_NOT_COUNTED = {"minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "day", "days", "week", "weeks", "month",
                "months", "times", "time", "of", "more", "or", "and", "to", "per", "quarter", "quarters", "sprint",
                "sprints", "am", "pm", "percent", "a", "the", "in", "on", "at", "for", "with", "by",
                # a date ("the final on 15 March") counts nothing
                "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
                "dec"}


def _num(s: str) -> float:
    s = s.lower()
    return float(s) if s[0].isdigit() else float(_NUM.get(s, 1))


@dataclass
class Amount:
    minutes: float | None = None      # length of one session / piece of work
    per_week: float | None = None     # how often
    count: float | None = None        # how many of something
    count_noun: str | None = None
    scope: str | None = None          # "all" or "part"
    access: int | None = None
    money: float | None = None        # the largest sum of money named
    percent: float | None = None      # the largest percentage named

    @property
    def sized(self) -> bool:
        """The ask names a size a fallback can be smaller than: all of something, a length, a count, a sum..."""
        return bool(self.scope == "all" or self.minutes or self.count or self.money or self.per_week or self.percent)

    @property
    def load(self) -> float | None:
        """Minutes per week when both are known, else the duration alone."""
        if self.minutes is None:
            return None
        return self.minutes * (self.per_week if self.per_week is not None else 1.0)


def parse(text: str) -> Amount:
    a = Amount()
    for pat, per_week in _FREQ:
        if pat.search(text):
            a.per_week = per_week
            text = pat.sub(" ", text)
            break
    sums = [float((m.group(1) or m.group(3)).replace(",", "")) * _SCALE.get((m.group(2) or m.group(4) or "").lower(), 1)
            for m in _MONEY.finditer(text)]
    a.money = max(sums) if sums else None
    percents = [float(m.group(1)) for m in _PERCENT.finditer(text)]
    a.percent = max(percents) if percents else None
    text = _PERCENT.sub(" ", _MONEY.sub(" ", text))  # "$25,000 sponsorship" is no count of sponsorships
    durations = [(_num(m.group(1)) * _UNIT_MIN[m.group(2).lower()]) for m in _DURATION.finditer(text)]
    durations += [_num(m.group(1)) * _num(m.group(2)) * _UNIT_MIN[m.group(3).lower()] for m in _SESSIONS.finditer(text)]
    if _HALF_DAY.search(text):
        durations.append(240.0)
    if durations:
        a.minutes = max(durations)
    top, sized = _TOP_N.search(text), _SIZED.search(text)
    if top:
        a.count, a.count_noun = _num(top.group(1)), "top"
    elif sized:  # "three 10-page chapters": 30 pages
        many = _MANY_SIZED.search(text, 0, sized.start())
        times = _num(many.group(1)) if many else 1.0
        a.count = float(sized.group(1)) * (times if times < 100 else 1.0)  # "the 2025 5-page summary": a year
        a.count_noun = sized.group(2).lower()
    else:
        for m in _COUNTED.finditer(text):
            noun = m.group(2).lower()
            if m.group(1).lower() in ("a", "an"):
                continue  # "a full series", "a teaser": an article, not a count
            if noun not in _NOT_COUNTED and not _DURATION.match(m.group(0)):
                a.count, a.count_noun = _num(m.group(1)), noun.rstrip("s")
                break
    if _ALL.search(text):
        a.scope = "all"
    elif _PART.search(text) or top:
        a.scope = "part"
    for pat, level in _ACCESS:
        if pat.search(text):
            a.access = level
            break
    return a


def compare(big: Amount, fallback: Amount) -> tuple[bool | None, float | None]:
    """(is the fallback smaller?, ratio fallback/big when both are measured). A zero in
    the big ask ("0 minutes") measures nothing: the next kind of quantity decides."""
    if big.load and fallback.load is not None and (big.per_week is None) == (fallback.per_week is None):
        ratio = round(fallback.load / big.load, 3)
        return ratio < 1, ratio
    if big.minutes and fallback.minutes is not None:
        bw = big.per_week if big.per_week is not None else (fallback.per_week or 1.0)
        fw = fallback.per_week if fallback.per_week is not None else (big.per_week or 1.0)
        ratio = round(fallback.minutes * fw / (big.minutes * bw), 3)
        return ratio < 1, ratio
    for kind in ("money", "percent"):
        b, f = getattr(big, kind), getattr(fallback, kind)
        if kind == "money" and b and f is not None and big.per_week and fallback.per_week:
            b, f = b * big.per_week, f * fallback.per_week  # "£250 a month" -> "a one-off gift of £250"
        if b and f is not None:
            ratio = round(f / b, 3)
            return ratio < 1, ratio
    if big.per_week is not None and fallback.per_week is None and big.count and fallback.count is not None \
            and fallback.count <= big.count:
        return True, None  # "one night a week through March" -> "a single shift over Christmas week"
    if big.count and fallback.count is not None and big.count_noun and fallback.count_noun:
        ratio = round(fallback.count / big.count, 3)
        if big.count_noun == fallback.count_noun:
            return ratio < 1, ratio
        if ratio < 1:  # "two interns" -> "one would still keep it alive"
            return True, None
        # a larger count of something else ("two engineers" -> "the top three markets") decides nothing
    if big.per_week is not None and fallback.per_week is not None and big.per_week != fallback.per_week:
        return fallback.per_week < big.per_week, None  # the same frequency ("full-time" -> "an hour every day") decides nothing
    if big.access is not None and fallback.access is not None:
        return fallback.access < big.access, None
    if big.scope and fallback.scope and big.scope != fallback.scope:
        return big.scope == "all", None
    if fallback.scope == "part" or (big.scope == "all" and (fallback.count is not None or fallback.minutes is not None)):
        return True, None
    if big.count is not None and fallback.scope == "all":
        return False, None
    return None, None


def smaller_version(text: str) -> str | None:
    """A concrete, smaller fallback for an ask with a recurring time commitment."""
    a = parse(text)
    if a.minutes is None or a.minutes < 20 or a.minutes > 480:
        return None
    half = int(a.minutes // 2) if a.minutes < 120 else int(a.minutes // 4)
    half = max(10, 5 * round(half / 5))
    length = f"{half} minutes" if half < 60 else f"{half // 60} hour" + ("s" if half >= 120 else "")
    if a.per_week is None:
        return f"{length}"
    if a.per_week >= 1:
        return f"{length} every other week"
    if a.per_week >= 0.2:
        return f"{length} once a quarter"
    return None
