"""4.1 pensionsbehållning from the record (issue #13 item 9): real payroll runs, hand arithmetic.

4.1: "Pensionsavgiften grundas på utbetalda ersättningar och arvoden … 4,5 procent på
pensionsgrundande inkomst under 7,5 inkomstbasbelopp (IBB) och 30 procent på delar över
7,5 IBB … Pensionsavgift som understiger 1,5 procent av IBB utbetalas som ersättning. Om
pensionsavgiften är högre avsätts den kalenderårsvis, senast 31 mars, till en
pensionsbehållning hos kommunen … pensionsbehållning kan utbetalas som engångsersättning om
värdet av pensionsbehållningen är högst 150 procent av IBB."

IBB 2025 80 600: gräns 7,5 × 80 600 = 604 500,00; 1,5 % = 1 209,00; 150 % = 120 900,00.
IBB 2026 83 400: gräns 625 500,00; 1,5 % = 1 251,00; 150 % = 125 100,00.
A year is what that year's payroll runs paid (the note of pension.pensionsgrundande_typer).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

from arvode import (
    PensionAccount,
    Record,
    RecordError,
    Rules,
    book_pension,
    load_batch,
    pension_accounts,
    render_pension_account,
    run_payroll,
)

ARVODE = Path(sys.executable).parent / "arvode"
CSV_HEAD = "official_id,period,date,organ,kind,called\n"


def arvode(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ARVODE), *map(str, args)], capture_output=True, text=True, check=False, timeout=120)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def pay(record: Record, rules: Rules, register: Path, months: list[str],
        extra: dict[str, list[Path]] | None = None) -> None:
    """One payroll run per month, as lönekontoret does: the register, plus that month's inputs."""
    for month in months:
        inputs = [register, *(extra or {}).get(month, [])]
        run_payroll(load_batch(inputs, rules), rules, month, record)


def year_months(year: int) -> list[str]:
    return [f"{year}-{m:02d}" for m in range(1, 13)]


def by_official(accounts: list[PensionAccount]) -> dict[str, PensionAccount]:
    return {a.official: a for a in accounts}


# ---------------------------------------------------------------- two years
def _two_years(tmp_path: Path, rules: Rules) -> Path:
    """p-1 SN ordförande both years; p-2 three KF meetings in 2025, revisor in 2026.

    Booked: 2025 after December's run (16 March 2026); a December 2025 meeting of p-1
    reported late and paid in January 2026's run; p-2's September 2025 claim corrected
    in February 2026's run (the meeting was 45 minutes, not 4 hours).
    """
    register = write(tmp_path, "register.yaml", """\
        officials:
          - official: {id: p-1, name: Sara Ordförande, assignments: [{role: socialnamnden.ordforande, from: 2025-01-01}]}
          - official: {id: p-2, name: Per Ledamot, assignments: [{role: revisionen.revisor, from: 2026-01-01}]}
    """)
    meeting = "{day},kommunfullmaktige,sammantrade,13:00-17:00\n"
    march = write(tmp_path, "2025-03.csv", CSV_HEAD + "p-2,2025-03," + meeting.format(day="2025-03-10"))
    june = write(tmp_path, "2025-06.csv", CSV_HEAD + "p-2,2025-06," + meeting.format(day="2025-06-09"))
    september = tmp_path / "sept"
    september.mkdir()
    claim = """\
        official: {{id: p-2, name: Per Ledamot}}
        period: 2025-09
        events:
          - {{date: 2025-09-15, organ: kommunfullmaktige, kind: sammantrade, called: "{called}"}}
    """
    first = write(september, "p-2-2025-09.yaml", claim.format(called="13:00-17:00"))
    late = write(tmp_path, "2026-01.csv", CSV_HEAD + "p-1,2025-12," + meeting.format(day="2025-12-15"))
    fixed = tmp_path / "rattad"
    fixed.mkdir()
    second = write(fixed, "p-2-2025-09.yaml", claim.format(called="13:00-13:45"))
    ledger = tmp_path / "liggare.sqlite"
    with Record.create(ledger) as record:
        pay(record, rules, register, year_months(2025),
            {"2025-03": [march], "2025-06": [june], "2025-09": [first]})
        book_pension(record, rules, 2025, today=dt.date(2026, 3, 16))
        pay(record, rules, register, year_months(2026), {"2026-01": [late], "2026-02": [second]})
    return ledger


def test_two_years_from_the_record(tmp_path: Path, rules: Rules) -> None:
    ledger = _two_years(tmp_path, rules)
    with Record(ledger) as record:
        first = by_official(pension_accounts(record, rules, 2025))
        second = by_official(pension_accounts(record, rules, 2026))

    # p-1 2025: årsarvode 57 % × 1 002 100 = 571 197,00 (12 × 47 599,75), runs 2025-01 … 2025-12
    # 4,5 % × 571 197,00 = 25 703,865 → 25 703,87 ≥ 1 209,00: avsätts, senast 2026-03-31 (4.1)
    p1 = first["p-1"].this_year
    assert p1 is not None
    assert [month for _, month in p1.runs] == year_months(2025)
    assert p1.statement.income == Decimal("571197.00")
    assert p1.avgift == Decimal("25703.87")
    assert not p1.paid_as_cash
    assert p1.deadline == dt.date(2026, 3, 31)
    assert p1.booking is not None
    assert p1.booking.booked == "2026-03-16"
    assert first["p-1"].behallning == Decimal("25703.87")

    # p-1 2026: årsarvode 571 197,00 + the 15 December 2025 meeting, 1/1 × 1 173,00, reported
    # late and paid by January 2026's run ("utbetalda": it counts for 2026, not 2025)
    # 4,5 % × 572 370,00 = 25 756,65 (gräns 625 500,00, not reached)
    p1_2026 = second["p-1"].this_year
    assert p1_2026 is not None
    assert dict(p1_2026.statement.pensionable) == {
        "sammantradesersattning": Decimal("1173.00"), "arsarvode": Decimal("571197.00")}
    assert p1_2026.avgift == Decimal("25756.65")
    assert p1_2026.booking is None  # 2026 not booked yet
    # 2025 stays as booked: the late December meeting did not change it
    assert second["p-1"].years[0].avgift == Decimal("25703.87")
    assert second["p-1"].years[0].difference == Decimal("0")
    # Behållning: 25 703,87 + 25 756,65 = 51 460,52 ≤ 150 % × 83 400 = 125 100,00: engångsersättning possible
    assert second["p-1"].behallning == Decimal("51460.52")
    assert second["p-1"].one_off_limit == Decimal("125100.00")
    assert second["p-1"].one_off_possible

    # p-2 2025: 3 × 1 173,00 = 3 519,00; 4,5 % = 158,355 → 158,36 < 1 209,00:
    # paid as ersättning, never in the behållning
    p2 = first["p-2"].this_year
    assert p2 is not None
    assert p2.statement.income == Decimal("3519.00")
    assert p2.avgift == Decimal("158.36")
    assert p2.paid_as_cash
    assert p2.booking is not None
    assert p2.booking.cash
    assert first["p-2"].behallning == Decimal("0")

    # p-2 2026: revisor 3,5 % × 1 002 100 = 35 073,50 (11 × 2 922,79 + 2 922,81), less February's
    # rättelse of September 2025: ½ × 1 173,00 − 1 173,00 = −586,50 (booked in 2026's run)
    # = 34 487,00; 4,5 % = 1 551,915 → 1 551,92 ≥ 1 251,00: avsätts
    # The 6.4 recovery of the −586,50 (aterkrav lines) settles a debt, it is not arvode: left out.
    p2_2026 = second["p-2"].this_year
    assert p2_2026 is not None
    assert dict(p2_2026.statement.pensionable) == {
        "sammantradesersattning": Decimal("-586.50"), "arsarvode": Decimal("35073.50")}
    assert p2_2026.statement.income == Decimal("34487.00")
    assert p2_2026.settlements == (Decimal("0.00"), 5)  # +586,50 deferred, then 4 deductions (6.4)
    assert p2_2026.avgift == Decimal("1551.92")
    assert not p2_2026.paid_as_cash
    # Behållning: 2025 paid as ersättning (0) + 1 551,92 = 1 551,92
    assert second["p-2"].behallning == Decimal("1551.92")
    assert second["p-2"].one_off_possible

    text = render_pension_account(second["p-2"])
    assert "2025: pensionsavgift 158,36 kr, betalas ut som ersättning (bokförd 2026-03-16)" in text
    assert "Pensionsbehållning efter avsättningen för 2026: 2026 1 551,92 kr = 1 551,92 kr" in text
    assert "Högst 150 % × inkomstbasbelopp 83 400 kr = 125 100,00 kr: kan betalas ut som engångsersättning" in text


def test_booking_is_done_once_and_only_after_december(tmp_path: Path, rules: Rules) -> None:
    ledger = _two_years(tmp_path, rules)
    with Record(ledger) as record:
        # Booking 2025 again changes nothing: the act was done on 16 March 2026
        again = by_official(book_pension(record, rules, 2025, today=dt.date(2026, 5, 1)))
        this = again["p-1"].this_year
        assert this is not None
        assert this.booking is not None
        assert (this.booking.booked, this.booked_now) == ("2026-03-16", False)
        assert len(record.pension_bookings()) == 2
        # 2026: booked on 30 March 2027, within "senast 31 mars"
        booked = by_official(book_pension(record, rules, 2026, today=dt.date(2027, 3, 30)))
        now = booked["p-1"].this_year
        assert now is not None
        assert now.booked_now
        assert now.booking is not None
        assert now.booking.avgift == Decimal("25756.65")
        assert [(b.official, b.year, b.avgift, b.cash) for b in record.pension_bookings()] == [
            ("p-1", 2025, Decimal("25703.87"), False), ("p-1", 2026, Decimal("25756.65"), False),
            ("p-2", 2025, Decimal("158.36"), True), ("p-2", 2026, Decimal("1551.92"), False)]


def test_booking_before_the_years_december_run_is_refused(tmp_path: Path, rules: Rules) -> None:
    register = write(tmp_path, "register.yaml", """\
        officials:
          - official: {id: p-1, assignments: [{role: socialnamnden.ordforande, from: 2025-01-01}]}
    """)
    with Record.create(tmp_path / "l.sqlite") as record:
        pay(record, rules, register, ["2025-10", "2025-11"])
        with pytest.raises(RecordError, match="ingen lönekörning för 2025-12"):
            book_pension(record, rules, 2025)
        assert record.pension_bookings() == []


def test_a_run_after_booking_is_shown_as_a_difference_never_folded_in(tmp_path: Path, rules: Rules) -> None:
    register = write(tmp_path, "register.yaml", """\
        officials:
          - official: {id: p-1, assignments: [{role: socialnamnden.ordforande, from: 2025-01-01}]}
    """)
    ledger = tmp_path / "l.sqlite"
    Record.create(ledger).close()
    # A record made before the pension table existed: it is created by the first booking
    db = sqlite3.connect(ledger)
    db.execute("DROP TABLE pension")
    db.close()
    with Record(ledger) as record:
        assert record.pension_bookings() == []
        pay(record, rules, register, ["2025-11", "2025-12"])
        # 2 × 47 599,75 = 95 199,50; 4,5 % = 4 283,9775 → 4 283,98, booked 10 January 2026
        book_pension(record, rules, 2025, today=dt.date(2026, 1, 10))
        # December is run again with a KF meeting found later: + 1 173,00 paid in a 2025-12 run
        late = write(tmp_path, "dec.csv", CSV_HEAD + "p-1,2025-12,2025-12-05,kommunfullmaktige,sammantrade,"
                                                     "13:00-17:00\n")
        pay(record, rules, register, ["2025-12"], {"2025-12": [late]})
        (account,) = pension_accounts(record, rules, 2025)
    this = account.this_year
    assert this is not None
    # Now: 4,5 % × (95 199,50 + 1 173,00 = 96 372,50) = 4 336,7625 → 4 336,76; booked 4 283,98
    assert this.computed == Decimal("4336.76")
    assert this.avgift == Decimal("4283.98")
    assert this.difference == Decimal("52.78")  # 4 336,76 − 4 283,98
    assert account.behallning == Decimal("4283.98")  # what was set aside
    text = render_pension_account(account)
    assert "OBS: körningarna ger nu 4 336,76 kr, skillnad 52,78 kr mot det bokförda" in text


# ---------------------------------------------------------------- the 150 % IBB boundary
def _boundary(tmp_path: Path, rules: Rules) -> Path:
    """Two officials whose 2025 behållning is 120 900,00 and 120 900,01, from twelve real runs.

    Both are SN ordförande (57 % × 1 002 100 = 571 197,00) and gruppledare; in March each
    has one KF sammanträde (4 h: 1/1 × 1 173,00) and one utbildning (⅛ × 782 per started hour).
    """
    register = write(tmp_path, "register.yaml", """\
        officials:
          - official:
              id: q-1
              assignments: [{role: socialnamnden.ordforande, from: 2025-01-01}]
              group_leader: {party: S, seats: 22, share: "0.9793", from: 2025-01-01}
          - official:
              id: q-2
              assignments: [{role: socialnamnden.ordforande, from: 2025-01-01}]
              group_leader: {party: V, seats: 36, share: "0.686", from: 2025-01-01}
    """)
    march = write(tmp_path, "mars.csv", CSV_HEAD + textwrap.dedent("""\
        q-1,2025-03,2025-03-10,kommunfullmaktige,sammantrade,13:00-17:00
        q-1,2025-03,2025-03-12,kommunfullmaktige,utbildning,09:00-12:00
        q-2,2025-03,2025-03-10,kommunfullmaktige,sammantrade,13:00-17:00
        q-2,2025-03,2025-03-12,kommunfullmaktige,utbildning,09:00-13:00
    """))
    ledger = tmp_path / "liggare.sqlite"
    with Record.create(ledger) as record:
        pay(record, rules, register, year_months(2025), {"2025-03": [march]})
    return ledger


def test_exactly_150_percent_of_ibb_and_one_ore_over(tmp_path: Path, rules: Rules) -> None:
    with Record(_boundary(tmp_path, rules)) as record:
        accounts = by_official(pension_accounts(record, rules, 2025))
    at, over = accounts["q-1"], accounts["q-2"]
    # q-1: gruppledararvode (2.3.6) 12,6 % + 21 × 1,07 % = 35,07 %; × 0,9793 = 34,344051 %;
    #      × 1 002 100 = 344 161,735… → 344 161,74; utbildning 3 h: 3/8 × 782 = 293,25
    #      571 197,00 + 344 161,74 + 1 173,00 + 293,25 = 916 824,99
    #      4,5 % × 604 500,00 = 27 202,50; 30 % × (916 824,99 − 604 500,00 = 312 324,99) = 93 697,497 → 93 697,50
    #      avgift 27 202,50 + 93 697,50 = 120 900,00 = 150 % × 80 600: "högst" → engångsersättning possible
    assert at.this_year is not None
    assert at.this_year.statement.income == Decimal("916824.99")
    assert at.behallning == Decimal("120900.00")
    assert at.one_off_limit == Decimal("120900.00")
    assert at.one_off_possible
    # q-2: 12,6 % + 35 × 1,07 % = 50,05 %; × 0,686 = 34,3343 %; × 1 002 100 = 344 064,0203 → 344 064,02;
    #      utbildning 4 h: 4/8 × 782 = 391,00; 571 197,00 + 344 064,02 + 1 173,00 + 391,00 = 916 825,02
    #      30 % × 312 325,02 = 93 697,506 → 93 697,51; avgift 120 900,01: one öre over, no engångsersättning
    assert over.this_year is not None
    assert over.this_year.statement.income == Decimal("916825.02")
    assert over.behallning == Decimal("120900.01")
    assert not over.one_off_possible
    assert ("Över 150 % × inkomstbasbelopp 80 600 kr = 120 900,00 kr med 0,01 kr: kan inte betalas ut som "
            "engångsersättning (4.1)") in over.text[1]


# ---------------------------------------------------------------- the command
def test_cli_json_from_the_record(tmp_path: Path, rules: Rules) -> None:
    ledger = _boundary(tmp_path, rules)
    done = arvode("pension", "--year", "2025", "--ledger", ledger, "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    q1, q2 = data["officials"]
    assert (q1["official"], q1["behallning"], q1["one_off_limit"], q1["one_off_possible"]) == (
        "q-1", "120900.00", "120900.00", True)
    assert (q2["official"], q2["behallning"], q2["one_off_possible"]) == ("q-2", "120900.01", False)
    year = q1["years"][0]
    assert (year["contribution"], year["paid_as"], year["set_aside_by"], year["booked"]) == (
        "120900.00", "set_aside", "2026-03-31", None)
    assert [r["month"] for r in year["runs"]] == year_months(2025)


def test_cli_text_and_booking(tmp_path: Path, rules: Rules) -> None:
    ledger = _boundary(tmp_path, rules)
    done = arvode("pension", "--year", "2025", "--ledger", ledger, "--official", "q-2")
    assert done.returncode == 0, done.stderr
    assert "q-2 — pensionsavgift och pensionsbehållning 2025" in done.stdout
    assert "30 % × 312 325,02 kr (över gränsen) = 93 697,51 kr" in done.stdout
    assert "avsätts senast 2026-03-31 (beräknad, inte bokförd)" in done.stdout
    assert "q-1" not in done.stdout
    done = arvode("pension", "--year", "2025", "--ledger", ledger, "--bokfor")
    assert done.returncode == 0, done.stderr
    assert "Bokfört 2025: 2 förtroendevalda nu, 0 redan bokförda tidigare" in done.stdout
    done = arvode("pension", "--year", "2025", "--ledger", ledger, "--bokfor")
    assert "Bokfört 2025: 0 förtroendevalda nu, 2 redan bokförda tidigare" in done.stdout
    done = arvode("record", "status", "--ledger", ledger)
    assert "bokförda pensionsår (4.1)" in done.stdout


def test_two_bookings_at_once_book_each_year_once(tmp_path: Path, rules: Rules) -> None:
    ledger = _boundary(tmp_path, rules)
    args = [str(ARVODE), "pension", "--year", "2025", "--ledger", str(ledger), "--bokfor", "--json"]
    procs = [subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outputs = [proc.communicate(timeout=120) for proc in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], outputs
    now = sum(y["booked_now"] for out, _ in outputs for o in json.loads(out)["officials"] for y in o["years"])
    assert now == 2
    with Record(ledger) as record:
        assert [(b.official, b.year) for b in record.pension_bookings()] == [("q-1", 2025), ("q-2", 2025)]


@pytest.mark.parametrize(("args", "message"), [
    (["--official", "x-9"], "--official: liggaren har inga utbetalningar till x-9 till och med 2025"),
    (["--year", "2026", "--bokfor"], "--bokfor: liggaren har ingen lönekörning för 2026-12; årets pensionsavgift "
                                     "bokförs när årets alla lönekörningar är gjorda"),
])
def test_cli_record_errors_are_one_located_line(tmp_path: Path, rules: Rules, args: list[str], message: str) -> None:
    ledger = _boundary(tmp_path, rules)
    done = arvode("pension", "--year", "2025", "--ledger", ledger, *args)
    assert done.returncode == 2
    assert done.stderr == f"{ledger}: {message}\n"


def test_cli_claims_and_ledger_together_are_refused(tmp_path: Path) -> None:
    claim = write(tmp_path, "c.yaml", """\
        official: {id: p-7}
        period: 2025-03
        events: []
    """)
    done = arvode("pension", "--year", "2025", claim, "--ledger", tmp_path / "l.sqlite")
    assert done.returncode == 2
    assert done.stderr == "arvode: --ledger gäller liggaren: ange antingen rapporter eller --ledger, inte båda\n"


def test_cli_without_claims_or_ledger_says_what_to_give(tmp_path: Path) -> None:
    env_free = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run([str(ARVODE), "pension", "--year", "2025"], capture_output=True, text=True,
                          cwd=tmp_path, env=env_free, check=False, timeout=60)
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1
    assert "varken rapporter eller liggare" in done.stderr
