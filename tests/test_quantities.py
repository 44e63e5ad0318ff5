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
    ("owner access to the repo", "viewer access", True, None),
    ("the whole test suite", "just the payments module", True, None),
])
def test_compare(big, fallback, smaller, ratio):
    assert q.compare(q.parse(big), q.parse(fallback)) == (smaller, ratio)


@pytest.mark.parametrize("big,fallback", [("0 minutes", "15 minutes"), ("0 analysts", "2 analysts"),
                                          ("$0 upfront", "$500 later"), ("0% of the budget", "5%")])
def test_a_zero_in_the_big_ask_measures_nothing(big, fallback):
    smaller, ratio = q.compare(q.parse(big), q.parse(fallback))
    assert ratio is None


def test_money_is_not_a_count():
    a = q.parse("a $25,000 sponsorship")
    assert a.money == 25000 and a.count is None


_words = st.sampled_from(["$", "€", "0", "00", "1,000", "25", "%", "k", "minutes", "weekly", "analysts", "top", "half",
                          "a", "the whole", "just", "viewer", "owner", ",", ".", " ", "per cent", "1.5", "m"])


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.lists(_words, max_size=12).map(" ".join), st.lists(_words, max_size=12).map(" ".join))
def test_parse_and_compare_never_raise(a, b):
    smaller, ratio = q.compare(q.parse(a), q.parse(b))
    assert smaller in (True, False, None)
    assert ratio is None or ratio >= 0
