"""arvode.base.times: time spans within one day, and started hours (2.2.1)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import time_spans

from arvode.base.times import format_duration, parse_span


@pytest.mark.parametrize(
    ("text", "start", "end", "minutes"),
    [
        ("13:00-16:10", 780, 970, 190),
        ("9:00-10:30", 540, 630, 90),
        ("09.00-10.30", 540, 630, 90),  # dots, as often written in Swedish
        ("13:00–16:10", 780, 970, 190),  # en dash
        (" 13:00 - 16:10 ", 780, 970, 190),
        ("00:00-24:00", 0, 1440, 1440),  # a whole day
        ("23:00-24:00", 1380, 1440, 60),
        ("18:00-18:01", 1080, 1081, 1),
    ],
)
def test_parse_span(text: str, start: int, end: int, minutes: int) -> None:
    span = parse_span(text)
    assert (span.start_minutes, span.end_minutes, span.minutes) == (start, end, minutes)
    assert span.start == dt.time(start // 60, start % 60)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("16:00-14:00", "sluttiden måste vara efter starttiden"),
        ("14:00-14:00", "sluttiden måste vara efter starttiden"),  # no length
        ("22:00-01:00", "sluttiden måste vara efter starttiden"),  # over midnight: not one calendar day
        ("24:00-24:30", "är inga klockslag"),
        ("25:00-26:00", "är inga klockslag"),
        ("10:60-11:00", "är inga klockslag"),
        ("10:00-24:01", "är inga klockslag"),
        ("1300-1400", "väntade en tid"),
        ("13:00", "väntade en tid"),
        ("", "väntade en tid"),
        ("kl 13-16", "väntade en tid"),
    ],
)
def test_bad_spans(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_span(text)


@pytest.mark.parametrize(
    ("text", "started"),
    [
        ("18:00-18:01", 1),
        ("18:00-19:00", 1),  # exactly one hour: one started hour
        ("18:00-19:01", 2),  # 61 minutes: two (2.2.1 "per påbörjad timme")
        ("09:00-11:10", 3),
        ("08:00-16:00", 8),
    ],
)
def test_started_hours(text: str, started: int) -> None:
    assert parse_span(text).started_hours == started


def test_str_uses_an_en_dash() -> None:
    assert str(parse_span("9:05-10:30")) == "09:05–10:30"
    assert str(parse_span("00:00-24:00")) == "00:00–24:00"


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(60, "1 h"), (100, "1 h 40 min"), (45, "45 min"), (240, "4 h"), (1, "1 min")],
)
def test_format_duration(minutes: int, text: str) -> None:
    assert format_duration(minutes) == text


@settings(max_examples=200, deadline=None)
@given(time_spans())
def test_any_span_round_trips_and_counts_started_hours(span: tuple[int, int]) -> None:
    start, end = span
    text = f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"
    parsed = parse_span(text)
    assert parsed.minutes == end - start > 0
    # started hours: the fewest whole hours that cover the span
    assert (parsed.started_hours - 1) * 60 < parsed.minutes <= parsed.started_hours * 60
    assert parse_span(str(parsed)) == parsed


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=12))
def test_parse_span_raises_only_value_error(text: str) -> None:
    try:
        span = parse_span(text)
    except ValueError:
        return
    assert 0 < span.minutes <= 1440
