"""arvode.calculation.engine: one claim priced event by event, with its section.

Bilaga 1 from 2025-01-01: sammanträdesersättning 1 173 kr, förrättningsersättning
782 kr, maxbelopp 3 360 kr.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from strategies import FORRATTNINGAR, SAMMANTRADEN

from arvode import (
    Claim,
    NoRuleInForceError,
    Result,
    Rules,
    bundled_rules_dir,
    calculate,
    check_claim,
    claim_from_text,
    load_rules,
)

Run = Callable[[str], Result]
Parse = Callable[[str], Claim]


def amounts(result: Result) -> list[tuple[int | None, str, Decimal]]:
    return [(line.event, line.type, line.amount) for line in result.lines]


# ---------------------------------------------------------------- 2.1.1, 2.2 substitutes
def test_substitutes(run: Run) -> None:
    result = run(
        """\
        official: {id: p-2210}
        period: 2025-04
        events:
          - {date: 2025-04-08, organ: socialnamnden, kind: sammantrade, attended: "14:20-16:00"}
          - {date: 2025-04-09, organ: socialnamnden, kind: sammantrade, attended: "15:20-16:00"}
          - {date: 2025-04-10, organ: socialnamnden, kind: sammantrade, called: "13:00-16:00",
             serving: false}
          - {date: 2025-04-11, organ: socialnamnden, kind: sammantrade, called: "13:00-16:00",
             serving: false, specially_called: true}
          - {date: 2025-04-14, organ: socialnamnden, kind: sammantrade, called: "13:00-13:45",
             serving: false, specially_called: true}
        """
    )
    assert amounts(result) == [
        (0, "sammantradesersattning", Decimal("1173.00")),  # uncalled, served 1 h 40 min: 1/1
        (1, "sammantradesersattning", Decimal("586.50")),  # uncalled, served 40 min: 1/2 × 1173
        (2, "sammantradesersattning", Decimal("0")),  # not serving: travel only (2.1.1)
        (3, "sammantradesersattning", Decimal("1173.00")),  # specially called: paid as serving
        (4, "sammantradesersattning", Decimal("586.50")),  # specially called, 45 min: 1/2
    ]
    not_serving = result.lines[2]
    assert not_serving.rule == "2.1.1"
    assert "inte tjänstgör" in not_serving.text
    assert result.rejected == ()


def test_a_substitute_not_serving_gets_no_lost_income(run: Run) -> None:
    result = run(
        """\
        official: {id: p-1, income: {hourly: "300.00"}}
        period: 2025-04
        events:
          - {date: 2025-04-10, organ: socialnamnden, kind: sammantrade, called: "13:00-16:00",
             serving: false, lost_income: {hours: "3"}}
        """
    )
    assert amounts(result) == [
        (0, "sammantradesersattning", Decimal(0)),
        (0, "forlorad_arbetsinkomst", Decimal(0)),
    ]
    assert {line.rule for line in result.lines} == {"2.1.1"}
    assert result.total == 0


def test_paid_by_another_body(run: Run) -> None:
    result = run(
        """\
        official: {id: p-1, income: {hourly: "300.00"}}
        period: 2025-04
        events:
          - {date: 2025-04-10, organ: socialnamnden, kind: utbildning, attended: "09:00-15:00",
             paid_by_other: true, lost_income: {hours: "6"}}
        """
    )
    assert result.lines == ()
    assert [(r.event, r.rule) for r in result.rejected] == [(0, "2")]
    assert "betalas av annan part" in result.rejected[0].reason


# ---------------------------------------------------------------- 2.1.2 partigruppmöte
def test_at_most_one_partigruppmote_per_kf_sammantrade(run: Run) -> None:
    result = run(
        """\
        official: {id: p-1}
        period: 2025-03
        events:
          - {date: 2025-03-18, organ: kommunfullmaktige, kind: partigruppmote,
             attended: "18:00-19:30", for_meeting: 2025-03-24}
          - {date: 2025-03-17, organ: kommunfullmaktige, kind: partigruppmote,
             attended: "18:00-20:30", for_meeting: 2025-03-24}
          - {date: 2025-03-31, organ: kommunfullmaktige, kind: partigruppmote,
             attended: "18:00-19:00", for_meeting: 2025-04-07}
          - {date: 2025-03-25, organ: kommunfullmaktige, kind: partigruppmote,
             attended: "18:00-19:00"}
        """
    )
    # The earlier one (event 1, 03-17) is paid: 2 h 30 min → 3 × 97.75 = 293.25; event 0 refused.
    # Event 2 prepares another KF sammanträde: 1 × 97.75.
    assert amounts(result) == [
        (1, "forrattningsersattning", Decimal("293.25")),
        (2, "forrattningsersattning", Decimal("97.75")),
    ]
    assert [(r.event, r.rule) for r in result.rejected] == [(0, "2.1.2"), (3, "2.1.2")]
    assert "händelse 2 förbereder redan sammanträdet 2025-03-24" in result.rejected[0].reason
    # Event 3 has no for_meeting and no KF sammanträde on or after 03-25 among the events.
    assert "inget sådant sammanträde på eller efter 2025-03-25" in result.rejected[1].reason


def test_a_partigruppmote_without_for_meeting_prepares_the_next_kf_sammantrade(run: Run) -> None:
    """2.1.2 (issue #13 item 4): paired with the first KF sammanträde on or after its date."""
    result = run(
        """\
        official: {id: p-1}
        period: 2025-03
        events:
          - {date: 2025-03-10, organ: kommunfullmaktige, kind: partigruppmote, attended: "18:00-19:30"}
          - {date: 2025-03-12, organ: kommunfullmaktige, kind: sammantrade, called: "13:00-17:00"}
          - {date: 2025-03-11, organ: kommunfullmaktige, kind: partigruppmote, attended: "18:00-19:00"}
          - {date: 2025-03-13, organ: kommunfullmaktige, kind: partigruppmote, attended: "18:00-19:00"}
          - {date: 2025-03-20, organ: kommunfullmaktige, kind: sammantrade, called: "09:00-12:00"}
        """
    )
    # ev 0 (03-10) prepares KF 03-12: 1 h 30 min → 2 started hours × 1/8 × 782 = 195,50
    # ev 2 (03-11) would prepare KF 03-12 too: refused, one per KF sammanträde.
    # ev 3 (03-13) prepares KF 03-20: 1 × 1/8 × 782 = 97,75
    fees = [(l.event, l.amount) for l in result.lines if l.type == "forrattningsersattning"]
    assert fees == [(0, Decimal("195.50")), (3, Decimal("97.75"))]
    paired = next(l for l in result.lines if l.event == 0 and l.type == "forrattningsersattning")
    assert "inför sammanträdet i Kommunfullmäktige 2025-03-12" in paired.text
    assert [(r.event, r.rule) for r in result.rejected] == [(2, "2.1.2")]
    assert "händelse 1 förbereder redan sammanträdet 2025-03-12" in result.rejected[0].reason


def test_for_meeting_on_a_known_day_without_a_kf_sammantrade_is_refused(run: Run) -> None:
    result = run(
        """\
        official: {id: p-1}
        period: 2025-03
        events:
          - {date: 2025-03-10, organ: kommunfullmaktige, kind: partigruppmote, attended: "18:00-19:00",
             for_meeting: 2025-03-12}
          - {date: 2025-03-12, organ: socialnamnden, kind: sammantrade, called: "13:00-17:00"}
        """
    )
    # 03-12 is known (a Socialnämnden meeting) and holds no KF sammanträde.
    assert [(r.event, r.rule) for r in result.rejected] == [(0, "2.1.2")]
    assert "inget sammanträde i Kommunfullmäktige" in result.rejected[0].reason


# ---------------------------------------------------------------- order and shape
def test_lines_come_in_date_order_then_file_order(run: Run) -> None:
    result = run(
        """\
        official: {id: p-1}
        period: 2025-03
        events:
          - {date: 2025-03-20, organ: socialnamnden, kind: protokolljustering}
          - {date: 2025-03-05, organ: socialnamnden, kind: protokolljustering}
          - {date: 2025-03-20, organ: kommunstyrelsen, kind: protokolljustering}
        """
    )
    assert [(line.event, line.date) for line in result.lines] == [
        (1, dt.date(2025, 3, 5)),
        (0, dt.date(2025, 3, 20)),
        (2, dt.date(2025, 3, 20)),
    ]


def test_an_empty_month(run: Run) -> None:
    result = run("official: {id: p-1}\nperiod: 2025-03\nevents: []\n")
    assert (result.official, result.period, result.lines, result.rejected) == (
        "p-1",
        "2025-03",
        (),
        (),
    )
    assert result.totals == {"total": Decimal(0)}


def test_each_line_lists_the_dated_values_it_used(run: Run) -> None:
    result = run(
        """\
        official: {id: p-1}
        period: 2025-03
        events:
          - {date: 2025-03-03, organ: socialnamnden, kind: uppdrag, attended: "09:00-11:10"}
        """
    )
    (line,) = result.lines
    assert (line.rule, line.amount) == ("2.2.1", Decimal("293.25"))  # 3 × 1/8 × 782
    used = {v.name: (v.value, v.valid_from) for v in line.values}
    assert used["forrattningsersattning"] == (Decimal("782"), dt.date(2025, 1, 1))
    assert used["forrattning.andel_per_paborjad_timme"][0] == Fraction(1, 8)
    assert "avrundning" not in used  # the rounding mode is not an amount


def test_a_plain_member_has_no_arsarvode(run: Run) -> None:
    result = run(
        """\
        official: {id: p-1}
        period: 2025-03
        events:
          - {date: 2025-03-03, organ: socialnamnden, kind: sammantrade, called: "13:00-16:00"}
        """
    )
    assert {line.type for line in result.lines} == {"sammantradesersattning"}


# ---------------------------------------------------------------- dated rules
KINDS = SAMMANTRADEN + FORRATTNINGAR


def _one_event(day: str, kind: str) -> str:
    extra = ", for_meeting: 2025-01-13" if kind == "partigruppmote" else ""
    return (
        f"official: {{id: p-1}}\nperiod: {day[:7]}\nevents:\n"
        f"  - {{date: {day}, organ: kommunfullmaktige, kind: {kind}, "
        f'called: "13:00-15:00"{extra}}}\n'
    )


@pytest.mark.parametrize("kind", KINDS)
def test_no_rules_in_force_on_2024_12_31(rules: Rules, claim: Parse, kind: str) -> None:
    parsed = claim(_one_event("2024-12-31", kind))
    with pytest.raises(NoRuleInForceError) as info:
        calculate(parsed, rules)
    assert str(info.value).startswith(
        "test.yaml:4: events[0].date: inga regler gäller 2024-12-31"
    )


@pytest.mark.parametrize(
    ("kind", "amount"),
    [
        ("sammantrade", "1173.00"),  # 2 h: 1/1 × 1173
        ("protokolljustering", "195.50"),  # 1/4 × 782
        ("partigruppmote", "195.50"),  # 2 started hours × 97.75
        ("uppdrag", "195.50"),
    ],
)
def test_rules_in_force_on_2025_01_01(run: Run, kind: str, amount: str) -> None:
    assert run(_one_event("2025-01-01", kind)).total == Decimal(amount)


ORGANS = [
    "kommunfullmaktige", "kommunstyrelsen", "ksapu", "socialnamnden",
    "barn_och_utbildningsnamnden", "samhallsbyggnadsnamnden", "kultur_och_fritidsnamnden",
    "miljo_och_tillsynsnamnden", "fastighets_och_servicenamnden", "gemensam_raddningsnamnd",
    "gemensam_overformyndarnamnd", "gemensam_kost_och_servicenamnd", "valnamnden", "revisionen",
]  # fmt: skip


@pytest.mark.parametrize("organ", ORGANS)
def test_every_organ_is_in_force_from_2025_01_01(
    run: Run, rules: Rules, claim: Parse, organ: str
) -> None:
    def text(day: str) -> str:
        return _one_event(day, "sammantrade").replace("kommunfullmaktige", organ)

    # 2 h sammanträde: 1/1 × 1173 = 1173.00
    assert run(text("2025-01-01")).total == Decimal("1173.00")
    with pytest.raises(NoRuleInForceError, match="inga regler gäller 2024-12-31"):
        calculate(claim(text("2024-12-31")), rules)


@pytest.fixture
def rules_2026(tmp_path: Path) -> Rules:
    """The bundled rules plus a (made-up) KSAPU raise from 2026-01-01."""
    folder = tmp_path / "rules"
    shutil.copytree(bundled_rules_dir(), folder)
    bilaga = folder / "bilaga1.yaml"
    text = bilaga.read_text(encoding="utf-8")
    for name, old, new in (
        ("sammantradesersattning", "1173", "1200"),
        ("forrattningsersattning", "782", "800"),
        ("maxbelopp", "3360", "3440"),
    ):
        found = re.search(rf'^( +)2025-01-01: \{{value: "{old}", .*$', text, re.MULTILINE)
        assert found is not None, name
        added = f'{found.group(1)}2026-01-01: {{value: "{new}", reference: "KSAPU test § 1"}}'
        text = text.replace(found.group(0), f"{found.group(0)}\n{added}")
    bilaga.write_text(text, encoding="utf-8")
    return load_rules(folder)


def test_new_amounts_apply_from_their_day(rules_2026: Rules) -> None:
    claim = claim_from_text(
        """\
official: {id: p-1, income: {hourly: "500.00"}}
period: 2026-01
events:
  - {date: 2025-12-31, organ: socialnamnden, kind: sammantrade, called: "13:00-16:00",
     lost_income: {hours: "8"}}
  - {date: 2025-12-31, organ: socialnamnden, kind: protokolljustering}
  - {date: 2026-01-01, organ: socialnamnden, kind: sammantrade, called: "08:00-08:30",
     lost_income: {hours: "8"}}
  - {date: 2026-01-01, organ: socialnamnden, kind: uppdrag, attended: "10:00-12:30"}
""",
        rules_2026,
        "c.yaml",
    )
    result = calculate(claim, rules_2026)
    assert amounts(result)[:6] == [
        (0, "sammantradesersattning", Decimal("1173.00")),  # 2025-12-31: 1/1 × 1173
        (0, "forlorad_arbetsinkomst", Decimal("3360.00")),  # 8 × 500 = 4000 → 3360
        (1, "forrattningsersattning", Decimal("0.00")),  # day cap 1173 reached
        (2, "sammantradesersattning", Decimal("600.00")),  # 2026-01-01: 1/2 × 1200
        (2, "forlorad_arbetsinkomst", Decimal("1720.00")),  # 4000 → 1/2 × 3440
        (3, "forrattningsersattning", Decimal("300.00")),  # 3 × 1/8 × 800
    ]


# ---------------------------------------------------------------- the front door
def test_check_claim_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(_one_event("2025-03-03", "sammantrade"), encoding="utf-8")
    assert check_claim(path).total == Decimal("1173.00")
    assert check_claim(path, bundled_rules_dir()).total == Decimal("1173.00")
