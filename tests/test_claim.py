"""arvode.claims.claim: a claim file parsed and validated against the rules (claim-format.md)."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from arvode import Claim, ClaimError, Rules, load_claim

Parse = Callable[[str], Claim]

FULL = """\
official:
  id: p-1042
  name: Anna Andersson
  home_distance_km: 14
  income:
    hourly: "310.00"
    yearly: "480000"
    vacation_pay_loss: true
period: 2025-03
events:
  - date: 2025-03-12
    organ: kommunfullmaktige
    kind: sammantrade
    called: "13:00-17:00"
    attended: "13:00-16:10"
    serving: true
    specially_called: false
    lost_income: {hours: "4.5"}
    free_time: false
    paid_by_other: false
    reported: 2025-03-20
  - date: 2025-03-14
    organ: kommunfullmaktige
    kind: partigruppmote
    attended: "18:00-19:30"
    for_meeting: 2025-03-24
    lost_income: {amount: "1450.00"}
  - date: 2025-03-15
    organ: socialnamnden
    kind: protokolljustering
    lost_income: {unknown_amount: true}
"""


def test_a_full_claim(claim: Parse) -> None:
    c = claim(FULL)
    assert c.period == "2025-03"
    assert c.file == "test.yaml"
    o = c.official
    assert (o.id, o.name, o.home_distance_km) == ("p-1042", "Anna Andersson", Decimal(14))
    assert (o.income.hourly, o.income.yearly, o.income.vacation_pay_loss) == (
        Decimal("310.00"),
        Decimal("480000"),
        True,
    )
    first, second, third = c.events
    assert (first.index, first.line, first.date, first.kind, first.organ) == (
        0,
        11,
        dt.date(2025, 3, 12),
        "sammantrade",
        "kommunfullmaktige",
    )
    assert first.called is not None
    assert first.called.minutes == 240
    assert first.attended is not None
    assert first.attended.minutes == 190
    assert first.lost_income is not None
    assert first.lost_income.hours == Decimal("4.5")
    assert first.reported == dt.date(2025, 3, 20)
    assert second.for_meeting == dt.date(2025, 3, 24)
    assert second.lost_income is not None
    assert second.lost_income.amount == Decimal("1450.00")
    assert third.lost_income is not None
    assert third.lost_income.unknown_amount


def test_defaults(claim: Parse) -> None:
    c = claim(
        """
        official: {id: p-1}
        period: 2025-02
        events:
          - {date: 2025-02-03, organ: socialnamnden, kind: sammantrade, called: "13:00-14:00"}
        """
    )
    event = c.events[0]
    assert event.serving
    assert not event.specially_called
    assert not event.free_time
    assert not event.paid_by_other
    assert event.lost_income is None
    assert event.travel is None
    assert event.reported == dt.date(2025, 2, 28)  # default: the period's last day (6.1)
    assert c.official.income.hourly is None
    assert not c.official.income.vacation_pay_loss


def test_no_events(claim: Parse) -> None:
    assert claim("official: {id: p-1}\nperiod: 2025-03\n").events == ()
    assert claim("official: {id: p-1}\nperiod: 2025-03\nevents: []\n").events == ()


@pytest.mark.parametrize(
    ("called", "attended", "minutes"),
    [
        ('"13:00-17:00"', '"13:00-16:10"', 240),  # at least the kallelse (2.2)
        ('"08:00-09:00"', '"08:00-09:20"', 80),  # the longer time served counts
        (None, '"14:20-16:00"', 100),  # uncalled substitute: time served (2.2)
        ('"09:00-12:00"', None, 180),
    ],
)
def test_paid_minutes(claim: Parse, called: str | None, attended: str | None, minutes: int) -> None:
    fields = "".join(
        f", {key}: {value}" for key, value in (("called", called), ("attended", attended)) if value
    )
    c = claim(
        "official: {id: p-1}\nperiod: 2025-03\nevents:\n"
        f"  - {{date: 2025-03-03, organ: socialnamnden, kind: sammantrade{fields}}}\n"
    )
    assert c.events[0].minutes == minutes


def test_protokolljustering_needs_no_time(claim: Parse) -> None:
    c = claim(
        "official: {id: p-1}\nperiod: 2025-03\nevents:\n"
        "  - {date: 2025-03-03, organ: socialnamnden, kind: protokolljustering}\n"
    )
    assert c.events[0].minutes is None


@pytest.mark.parametrize(
    ("period", "first", "last"),
    [
        ("2025-03", dt.date(2025, 3, 1), dt.date(2025, 3, 31)),
        ("2028-02", dt.date(2028, 2, 1), dt.date(2028, 2, 29)),
        ("2025-02", dt.date(2025, 2, 1), dt.date(2025, 2, 28)),
    ],
)
def test_first_and_last_day(claim: Parse, period: str, first: dt.date, last: dt.date) -> None:
    c = claim(f'official: {{id: p-1}}\nperiod: "{period}"\n')
    assert (c.first_day, c.last_day) == (first, last)


def test_load_claim_from_a_file(tmp_path: Path, rules: Rules) -> None:
    path = tmp_path / "claim.yaml"
    path.write_text(FULL, encoding="utf-8")
    c = load_claim(path, rules)
    assert c.file == str(path)
    assert len(c.events) == 3


# ---------------------------------------------------------------- refused claims
BASE = """\
official:
  id: p-1
  income: {hourly: "300.00"}
period: 2025-03
events:
  - date: 2025-03-12
    organ: socialnamnden
    kind: sammantrade
    called: "13:00-16:00"
    lost_income: {hours: "3"}
"""


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "problem"),
    [
        (
            "organ: socialnamnden",
            "organ: pitea_energi_ab",
            7,
            "events[0].organ",
            "okänt organ 'pitea_energi_ab'",
        ),
        ("kind: sammantrade", "kind: fest", 8, "events[0].kind", "okänd sammanträdestyp 'fest'"),
        (
            'called: "13:00-16:00"',
            'called: "16:00-13:00"',
            9,
            "events[0].called",
            "sluttiden måste vara efter starttiden",
        ),
        (
            'called: "13:00-16:00"',
            "called: 13:00",
            9,
            "events[0].called",
            'tid "TT:MM-TT:MM"',
        ),
        ('{hours: "3"}', '{hours: "-3"}', 10, "events[0].lost_income.hours", "måste vara minst 0"),
        ('{hours: "3"}', "{hours: 2.5}", 10, "events[0].lost_income.hours", "2.5 är ett flyttal"),
        (
            '{hours: "3"}',
            '{hours: "3", amount: "900"}',
            10,
            "events[0].lost_income",
            "ange precis ett av hours, amount eller unknown_amount",
        ),
        (
            '{hours: "3"}',
            "{unknown_amount: false}",
            10,
            "events[0].lost_income.unknown_amount",
            "måste vara true",
        ),
        ('{hours: "3"}', '{timmar: "3"}', 10, "events[0].lost_income.timmar", "okänt fält"),
        ('hourly: "300.00"', "hourly: 310.5", 3, "official.income.hourly", "310.5 är ett flyttal"),
        ("  id: p-1\n", "  name: x\n", 2, "official.id", "obligatoriskt fält saknas"),
        (
            "period: 2025-03",
            "period: 2025-03-01",
            4,
            "period",
            "väntade en månad ÅÅÅÅ-MM, fick ett helt datum",
        ),
        ("period: 2025-03", "period: 2025-13", 4, "period", "väntade en månad ÅÅÅÅ-MM"),
        ("date: 2025-03-12", "date: 2025-03-32", 6, "events[0].date", "inte ett giltigt värde"),
        ("date: 2025-03-12", 'date: "12 mars"', 6, "events[0].date", "väntade ett datum ÅÅÅÅ-MM-DD"),
        ("    organ: socialnamnden\n", "", 6, "events[0].organ", "obligatoriskt fält saknas"),
        ('    called: "13:00-16:00"\n', "", 6, "events[0]", "behöver sin tid"),
        (
            "    lost_income:",
            "    reported: 2025-03-01\n    lost_income:",
            10,
            "events[0].reported",
            "är före händelsens datum",
        ),
        (
            "    lost_income:",
            '    hours: "3"\n    lost_income:',
            10,
            "events[0].hours",
            "hör till valförrättning",
        ),
        (
            "    lost_income:",
            "    serving: kanske\n    lost_income:",
            10,
            "events[0].serving",
            "väntade true eller false",
        ),
        ("events:", "handelser:", 5, "handelser", "okänt fält"),
    ],
)
def test_bad_claims_are_located(
    claim: Parse, old: str, new: str, line: int, field: str, problem: str
) -> None:
    assert old in BASE
    with pytest.raises(ClaimError) as info:
        claim(BASE.replace(old, new, 1))
    location = info.value.location
    assert location is not None
    assert (location.file, location.line, location.field) == ("test.yaml", line, field)
    assert problem in info.value.problem


def test_an_unknown_role(claim: Parse) -> None:
    with pytest.raises(
        ClaimError, match=r"^test\.yaml:4: official\.assignments\[0\]\.role: okänt uppdrag"
    ):
        claim(
            """\
            official:
              id: p-1
              assignments:
                - {role: kommunstyrelsen.kassor, from: 2023-01-01}
            period: 2025-03
            """
        )


def test_an_assignment_ending_before_it_starts(claim: Parse) -> None:
    with pytest.raises(
        ClaimError, match=r"official\.assignments\[0\]\.to: slutdatum 2022-12-31 är före startdatum"
    ):
        claim(
            """\
            official:
              id: p-1
              assignments:
                - {role: socialnamnden.ordforande, from: 2023-01-01, to: 2022-12-31}
            period: 2025-03
            """
        )


def test_a_missing_claim_file(tmp_path: Path, rules: Rules) -> None:
    with pytest.raises(ClaimError, match="filen finns inte"):
        load_claim(tmp_path / "saknas.yaml", rules)


def test_an_event_after_the_period_without_reported_is_not_a_crash(claim: Parse) -> None:
    text = textwrap.dedent(
        """\
        official: {id: p-1}
        period: 2025-03
        events:
          - {date: 2025-04-10, organ: socialnamnden, kind: sammantrade, called: "13:00-16:00"}
        """
    )
    with pytest.raises(ClaimError, match=r"test.yaml:4: events\[0\].date: 2025-04-10 är efter rapportens månad"):
        claim(text)
