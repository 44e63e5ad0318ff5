"""Quantities in asks: door-in-the-face needs the fallback to be really smaller."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from givefirst.roles import quantities as q


@pytest.mark.parametrize("big,fallback,smaller,ratio", [
    ("a 30-minute call weekly", "15 minutes every other week", True, 0.25),
    ("a one-hour review every month", "20 minutes once a quarter", True, 0.111),
    ("two analysts for the quarter", "one analyst", True, 0.5),
    ("consider a $25,000 sponsorship for next year", "a $5,000 gift would still fund the camp", True, 0.2),
    ("a budget of €1.2m", "€300k for the pilot", True, 0.25),
    ("pay 10,000 dollars up front", "2,000 dollars now", True, 0.2),
    ("a 15% discount on the annual licence", "at least 5% with payment in advance", True, 0.333),
    ("a $5,000 gift", "a $25,000 sponsorship", False, 5.0),
    ("two hours with your team on Wednesday", "two one-hour sessions on Wednesday and Thursday", False, 1.0),
    ("three 30-minute calls", "one 30-minute call", True, 0.333),
    ("three 10-page chapters", "one 20-page chapter", True, 0.667),
    ("one 80-page report", "two 10-page summaries", True, 0.25),
    ("the 40-page funding report", "the 2025 5-page summary", True, 0.125),
    ("owner access to the repo", "viewer access", True, None),
    ("the whole test suite", "just the payments module", True, None),
    ("two full-time engineers for Q3", "one engineer two days a week", True, 0.5),
    ("two interns again this summer", "one would still keep the programme alive", True, None),
    ("work on the migration full-time in April", "an hour every day", None, None),
    # a recurring gift against a one-off of the same sum; named weekdays are alternatives more often than counts
    ("becoming a monthly donor at £250 a month", "a one-off gift of £250", True, 0.008),
    ("deliver the bread on Mondays", "Tuesdays or Wednesdays work for us too", None, None),
    ("come on Tuesdays and Fridays", "Wednesdays would also work", None, None),
    # a date counts nothing: "3 Saturdays" and "15 March" are not three against fifteen
    ("every round, all three Saturdays", "the final on 15 March", None, None),
    # counts of different things decide nothing; full-time is every working day
    ("two full-time engineers for Q3", "one engineer two days a week for the top three markets", True, None),
    ("working from Ballarat full-time", "remotely two days a week", True, None),
])
def test_compare(big, fallback, smaller, ratio):
    assert q.compare(q.parse(big), q.parse(fallback)) == (smaller, ratio)


@pytest.mark.parametrize("big,fallback", [("0 minutes", "15 minutes"), ("0 analysts", "2 analysts"),
                                          ("$0 upfront", "$500 later"), ("0% of the budget", "5%")])
def test_a_zero_in_the_big_ask_measures_nothing(big, fallback):
    """Nothing to compare with: the fallback is called neither smaller nor larger."""
    assert q.compare(q.parse(big), q.parse(fallback)) == (None, None)


def test_money_is_not_a_count():
    a = q.parse("a $25,000 sponsorship")
    assert a.money == 25000 and a.count is None


_KINDS = ["${n}", "${n},000", "€{n}k", "{n} dollars", "a {n}% discount", "{n} minutes", "a {n}-minute call", "{n} hours",
          "{n} analysts", "the top {n} dashboards"]


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(_KINDS), st.integers(1, 999), st.integers(1, 999))
def test_same_kind_quantities_compare_by_their_numbers(kind, big, fallback):
    """"$800" after "$1,000" is smaller (0.8), "$1,000" after "$800" is not, the same sum is no concession."""
    got = q.compare(q.parse(kind.format(n=big)), q.parse(kind.format(n=fallback)))
    assert got == (fallback < big, round(fallback / big, 3))


_words = st.sampled_from(["$", "€", "0", "00", "1,000", "25", "%", "k", "minutes", "weekly", "analysts", "top", "half",
                          "a", "the whole", "just", "viewer", "owner", ",", ".", " ", "per cent", "1.5", "m"])


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.lists(_words, max_size=12).map(" ".join), st.lists(_words, max_size=12).map(" ".join))
def test_parse_and_compare_never_raise(a, b):
    """Any text: no exception, and what door-in-the-face shows agrees with itself."""
    smaller, ratio = q.compare(q.parse(a), q.parse(b))
    assert smaller in (True, False, None)
    if ratio is not None:  # the ratio shown and the verdict "smaller" / "not smaller" agree
        assert ratio >= 0 and smaller == (ratio < 1), (smaller, ratio)
    back_smaller, back_ratio = q.compare(q.parse(b), q.parse(a))
    if ratio and back_ratio:  # swapped, a smaller fallback becomes a larger one
        assert not (ratio < 1 and back_ratio < 1) and not (ratio > 1 and back_ratio > 1), (ratio, back_ratio)
    same_smaller, same_ratio = q.compare(q.parse(a), q.parse(a))
    if same_ratio is not None:  # the same ask again is no concession
        assert same_ratio == 1.0 and same_smaller is False, (same_smaller, same_ratio)
