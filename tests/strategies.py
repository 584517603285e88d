"""Hypothesis strategies for claims (as attrs keeps its strategies in one module).

Claims are generated as the plain data of a claim file (claim-format.md) and
turned into YAML text, so the properties exercise parsing as well as the
engine. Events fall on a handful of days in March 2025 so that the daily caps
(2.2.1, 2.2.2) are reached often.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml
from hypothesis import strategies as st

__all__ = [
    "FORRATTNINGAR",
    "PERIOD",
    "SAMMANTRADEN",
    "claim_yaml",
    "claims",
    "events",
    "incomes",
    "lost_incomes",
    "span_text",
    "time_spans",
]

PERIOD = "2025-03"
DAYS = [dt.date(2025, 3, d) for d in range(3, 8)]
KF_MEETINGS = [dt.date(2025, 3, 24), dt.date(2025, 4, 7)]

SAMMANTRADEN = [
    "sammantrade",
    "beredning",
    "utskott",
    "presidiemote",
    "revision",
    "utredningskommitte",
]
FORRATTNINGAR = [
    "protokolljustering",
    "partigruppmote",
    "brukarrad",
    "utbildning",
    "uppdrag",
    "overlaggning",
    "samordningstraff",
    "gruppledartraff",
    "styrgrupp",
]
ORGANS = ["kommunfullmaktige", "kommunstyrelsen", "socialnamnden", "barn_och_utbildningsnamnden"]


@st.composite
def time_spans(
    draw: st.DrawFn, min_minutes: int = 1, max_minutes: int = 12 * 60
) -> tuple[int, int]:
    """(start, end) in minutes after midnight, within one day, end after start."""
    length = draw(st.integers(min_value=min_minutes, max_value=max_minutes))
    start = draw(st.integers(min_value=0, max_value=24 * 60 - length))
    return start, start + length


def span_text(span: tuple[int, int]) -> str:
    start, end = span
    return f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"


def _money(low: int, high: int) -> st.SearchStrategy[str]:
    """Kronor with öre as exact text, e.g. "310.50" (drawn as hela öre: fast and exact)."""
    return st.integers(min_value=low * 100, max_value=high * 100).map(
        lambda o: f"{o // 100}.{o % 100:02d}"
    )


def lost_incomes() -> st.SearchStrategy[dict[str, Any]]:
    """One of the three ways 2.2.2 lost income is claimed."""
    hours = st.integers(min_value=0, max_value=120).map(lambda t: f"{t // 10}.{t % 10}")
    return st.one_of(
        st.builds(lambda h: {"hours": h}, hours),
        st.builds(lambda a: {"amount": a}, _money(0, 5000)),
        st.just({"unknown_amount": True}),
    )


def incomes() -> st.SearchStrategy[dict[str, Any]]:
    """How the official's lost income is valued: hourly wage, yearly income, both or neither."""
    return st.fixed_dictionaries(
        {},
        optional={
            "hourly": _money(150, 800),
            "yearly": st.integers(min_value=150_000, max_value=1_500_000).map(str),
            "vacation_pay_loss": st.booleans(),
        },
    )


@st.composite
def events(draw: st.DrawFn, days: list[dt.date] = DAYS) -> dict[str, Any]:
    """One sammanträde or förrättning as in a claim file."""
    kind = draw(st.sampled_from(SAMMANTRADEN + FORRATTNINGAR))
    day = draw(st.sampled_from(days))
    event: dict[str, Any] = {"date": day, "organ": draw(st.sampled_from(ORGANS)), "kind": kind}
    if kind == "partigruppmote":
        event["organ"] = "kommunfullmaktige"
        if draw(st.integers(0, 9)):  # now and then the KF meeting is not named
            event["for_meeting"] = draw(st.sampled_from(KF_MEETINGS))
    if kind != "protokolljustering" or draw(st.booleans()):
        called = draw(st.none() | time_spans())
        attended = draw(time_spans()) if called is None else draw(st.none() | time_spans())
        if called is not None:
            event["called"] = span_text(called)
        if attended is not None:
            event["attended"] = span_text(attended)
    if kind in SAMMANTRADEN and draw(st.integers(0, 4)) == 0:
        event["serving"] = False
        event["specially_called"] = draw(st.booleans())
    if draw(st.booleans()):
        event["lost_income"] = draw(lost_incomes())
        event["free_time"] = draw(st.integers(0, 5)) == 0
    if draw(st.integers(0, 9)) == 0:
        event["paid_by_other"] = True
    if draw(st.integers(0, 3)) == 0:  # reported late now and then (6.1)
        event["reported"] = day + dt.timedelta(days=draw(st.integers(0, 300)))
    return event


@st.composite
def claims(draw: st.DrawFn, max_events: int = 8) -> dict[str, Any]:
    """A plain official's month (no årsarvode): the core of 2.2.1, 2.2.2, 3.2 a, 4.2, 6.1."""
    official: dict[str, Any] = {"id": f"p-{draw(st.integers(min_value=0, max_value=9999)):04d}"}
    income = draw(incomes())
    if income:
        official["income"] = income
    return {
        "official": official,
        "period": PERIOD,
        "events": draw(st.lists(events(), max_size=max_events)),
    }


def claim_yaml(document: dict[str, Any]) -> str:
    """The claim file for ``document`` (money and hours stay quoted strings)."""
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
