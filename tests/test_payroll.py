"""Payroll runs: batch equals per-claim results, idempotent reruns, corrections, 6.4, atomicity."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

from arvode import ArvodeError, Rules, calculate, load_claim, load_rules
from arvode.claims.batch import load_batch
from arvode.payroll.record import Record
from arvode.payroll.run import run_payroll

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
ARVODE = Path(sys.executable).parent / "arvode"

MEMBER = """\
official: {id: p-1, income: {hourly: "300"}}
period: 2025-03
events:
  - {date: 2025-03-12, organ: socialnamnden, kind: sammantrade, called: "13:00-17:00", lost_income: {hours: "4"}}
"""
CHAIR = """\
official:
  id: p-2
  assignments: [{role: kultur_och_fritidsnamnden.ordforande, from: 2023-01-01}]
period: PERIOD
events: []
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _computable(rules: Rules) -> list[Path]:
    """Examples that compute (one shows a missing amount on purpose, one is not one official's)."""
    found = []
    for path in sorted(EXAMPLES.glob("*.yaml")):
        try:
            calculate(load_claim(path, rules), rules)
        except ArvodeError:
            continue
        found.append(path)
    return found


def test_batch_equals_per_claim_check(rules: Rules) -> None:
    claims = _computable(rules)
    assert len(claims) >= 5
    batch = load_batch(claims, rules)
    for period in sorted({c.period for c in batch.claims}):
        run = run_payroll(batch, rules, period)
        for result in run.results:
            claim = next(c for c in batch.claims if c.official.id == result.official and c.period == period)
            single = calculate(load_claim(claim.file, rules), rules)
            assert result.totals == single.totals
            paid = sum((l.amount for l in run.lines if l.official == result.official), Decimal(0))
            assert paid == single.total


def test_rerun_pays_nothing_twice(tmp_path: Path, rules: Rules) -> None:
    write(tmp_path, "member.yaml", MEMBER)
    batch = load_batch([tmp_path], rules)
    with Record.create(tmp_path / "ledger.sqlite") as ledger:
        first = run_payroll(batch, rules, "2025-03", ledger)
        second = run_payroll(batch, rules, "2025-03", ledger)
    # 1/1 × 1 173 + 4 h × 300 = 1 200 + 4,5 % × 1 200 = 54: 2 427,00
    assert first.total == Decimal("2427.00")
    assert second.lines == ()


def test_retroactive_rate_change_is_corrected(tmp_path: Path, rules: Rules) -> None:
    claims = tmp_path / "claims"
    claims.mkdir()
    write(claims, "chair-03.yaml", CHAIR.replace("PERIOD", "2025-03"))
    write(claims, "chair-04.yaml", CHAIR.replace("PERIOD", "2025-04"))
    ledger_path = tmp_path / "ledger.sqlite"
    with Record.create(ledger_path) as ledger:
        # 22 % × 1 002 100 = 220 462 / 12 = 18 371,8333 → 18 371,83
        march = run_payroll(load_batch([claims / "chair-03.yaml"], rules), rules, "2025-03", ledger)
        assert march.total == Decimal("18371.83")
    # KSAPU raises årsarvode retroactively from 2025-03-01 to 1 100 000 kr
    new_rules = tmp_path / "rules"
    shutil.copytree(rules.directory, new_rules)
    bilaga = new_rules / "bilaga1.yaml"
    text = bilaga.read_text(encoding="utf-8")
    old = '      2025-01-01: {value: "1002100", reference: "Bilaga 1, uppräkningsdatum 2024-11-25"}\n'
    assert old in text
    bilaga.write_text(text.replace(old, old + '      2025-03-01: {value: "1100000", reference: "KSAPU test"}\n'),
                      encoding="utf-8")
    raised = load_rules(new_rules)
    with Record(ledger_path) as ledger:
        april = run_payroll(load_batch([claims], raised), raised, "2025-04", ledger)
    # new: 22 % × 1 100 000 = 242 000 / 12 = 20 166,6667 → 20 166,67
    # March correction: 20 166,67 − 18 371,83 = 1 794,84; April paid in full: 20 166,67
    corrections = [l for l in april.lines if l.kind == "rattelse"]
    assert [(l.period, l.amount) for l in corrections] == [("2025-03", Decimal("1794.84"))]
    payments = [l for l in april.lines if l.kind == "betalning"]
    assert [(l.period, l.amount) for l in payments] == [("2025-04", Decimal("20166.67"))]


def test_overpayment_is_recovered_in_at_most_four_parts(tmp_path: Path, rules: Rules) -> None:
    claims = tmp_path / "claims"
    claims.mkdir()
    path = write(claims, "member.yaml", MEMBER)
    ledger_path = tmp_path / "ledger.sqlite"
    with Record.create(ledger_path) as ledger:
        run_payroll(load_batch([claims], rules), rules, "2025-03", ledger)
    # the claim is corrected: the meeting was betalas av annan part, 2 427,00 was overpaid
    path.write_text(MEMBER.replace("called:", "paid_by_other: true, called:"), encoding="utf-8")
    deducted = []
    with Record(ledger_path) as ledger:
        for month in ("2025-04", "2025-05", "2025-06", "2025-07", "2025-08"):
            run = run_payroll(load_batch([claims], rules), rules, month, ledger)
            deducted.append(sum((l.amount for l in run.lines if l.official == "p-1"), Decimal(0)))
    # 2 427,00 over four months: 606,75 each, nothing in the fifth
    assert deducted == [Decimal("-606.75")] * 4 + [Decimal("0")]


def test_interrupted_run_leaves_the_ledger_as_before(tmp_path: Path, rules: Rules, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "member.yaml", MEMBER)
    batch = load_batch([tmp_path], rules)
    ledger_path = tmp_path / "ledger.sqlite"

    def killed(*_: object) -> None:
        raise KeyboardInterrupt

    with Record.create(ledger_path) as ledger:
        monkeypatch.setattr(Record, "finish_run", killed)
        with pytest.raises(KeyboardInterrupt):
            run_payroll(batch, rules, "2025-03", ledger)
        monkeypatch.undo()
        assert ledger.runs() == []
        assert ledger.booked() == {}
        assert ledger.units() == []
        assert run_payroll(batch, rules, "2025-03", ledger).total == Decimal("2427.00")


def test_killed_process_leaves_the_ledger_as_before(tmp_path: Path) -> None:
    """A real SIGKILL in the middle of the transaction."""
    write(tmp_path, "member.yaml", MEMBER)
    Record.create(tmp_path / "ledger.sqlite").close()
    script = textwrap.dedent(f"""
        import os, signal
        from arvode import load_rules
        from arvode.claims.batch import load_batch
        from arvode.payroll.record import Record
        from arvode.payroll.run import run_payroll
        rules = load_rules()
        def die(self, *a):
            os.kill(os.getpid(), signal.SIGKILL)
        Record.finish_run = die
        with Record({str(tmp_path / 'ledger.sqlite')!r}) as ledger:
            run_payroll(load_batch([{str(tmp_path / 'member.yaml')!r}], rules), rules, "2025-03", ledger)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode != 0
    with Record(tmp_path / "ledger.sqlite") as ledger:
        assert ledger.runs() == []
        assert ledger.booked() == {}
        assert ledger.units() == []


def test_csv_events_and_register(tmp_path: Path, rules: Rules) -> None:
    write(tmp_path, "register.yaml", """\
        officials:
          - official: {id: p-2, assignments: [{role: kultur_och_fritidsnamnden.ordforande, from: 2023-01-01}]}
          - official: {id: p-3}
    """)
    (tmp_path / "events.csv").write_text(
        "official_id,period,date,organ,kind,called,lost_hours,income_hourly\n"
        "p-3,2025-03,2025-03-12,socialnamnden,sammantrade,13:00-17:00,4,300\n"
        "p-3,2025-03,2025-03-13,socialnamnden,protokolljustering,,,\n",
        encoding="utf-8",
    )
    batch = load_batch([tmp_path], rules)
    run = run_payroll(batch, rules, "2025-03")
    by_official = {r.official: r.total for r in run.results}
    # p-2: 18 371,83 årsarvode; p-3: 1 173 + 1/4 × 782 = 195,50 + lost income 1 200 + 54 (4,5 %)
    assert by_official == {"p-2": Decimal("18371.83"), "p-3": Decimal("2622.50")}


def test_csv_error_names_file_row_and_column(tmp_path: Path) -> None:
    (tmp_path / "events.csv").write_text(
        "official_id,period,date,organ,kind,called\n"
        "p-3,2025-03,2025-03-12,socialnamnden,sammantrade,13:00-17:00\n"
        "p-3,2025-03,2025-03-13,socialnamnden,sammantrade,17:00-13:00\n",
        encoding="utf-8",
    )
    done = subprocess.run([str(ARVODE), "payroll", "--month", "2025-03", "--no-ledger", str(tmp_path)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert done.stderr.strip().startswith(f"{tmp_path / 'events.csv'}:3: called:")
    assert "Traceback" not in done.stderr


def test_cli_payroll_writes_csv_and_paxml(tmp_path: Path) -> None:
    write(tmp_path, "member.yaml", MEMBER)
    out, xml = tmp_path / "out.csv", tmp_path / "out.xml"
    Record.create(tmp_path / "l.sqlite").close()
    args = [str(ARVODE), "payroll", "--month", "2025-03", str(tmp_path / "member.yaml"), "--out", str(out),
            "--paxml", str(xml), "--ledger", str(tmp_path / "l.sqlite")]
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert sum(Decimal(r["amount"]) for r in rows) == Decimal("2427.00")
    assert {r["organ"] for r in rows if r["type"] == "sammantradesersattning"} == {"socialnamnden"}
    assert "<lonetrans anstid=\"p-1\">" in xml.read_text(encoding="utf-8")
    assert "Socialnämnden" in done.stdout  # the cost bearer by its name, not its key
    # the same month again: nothing new to pay, and the real export is left as it was
    before = out.read_bytes()
    again = subprocess.run(args, capture_output=True, text=True, check=False)
    assert again.returncode == 0
    assert out.read_bytes() == before
    assert "Inget att betala: 2025-03 är redan betald i körning 1" in again.stdout


def payroll(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ARVODE), "payroll", *map(str, args)], capture_output=True, text=True, check=False)


def test_the_same_input_twice_is_refused(tmp_path: Path) -> None:
    # Paying a file's events twice is the error payroll exists to prevent: exit 2, nothing paid.
    claim = write(tmp_path, "member.yaml", MEMBER)
    events = tmp_path / "events.csv"
    events.write_text("official_id,period,date,organ,kind,called\n"
                      "p-9,2025-03,2025-03-12,socialnamnden,sammantrade,13:00-17:00\n", encoding="utf-8")
    for inputs in ([events, events], [claim, tmp_path]):
        done = payroll("--month", "2025-03", "--no-ledger", *inputs)
        assert done.returncode == 2, done.stdout
        assert "samma fil angiven två gånger" in done.stderr
        assert "Traceback" not in done.stderr


def test_refused_events_are_listed_in_the_run(tmp_path: Path) -> None:
    # Lost hours without any income: the fee 1 173,00 is paid, the lost income refused (2.2.2)
    # and the summary says so; a claim for April is named as not in this run.
    (tmp_path / "events.csv").write_text(
        "official_id;period;date;organ;kind;called;lost_hours\r\n"
        "p-7;2025-03;2025-03-12;kommunfullmaktige;sammantrade;13:00-17:00;4\r\n"
        "\r\n"
        "p-8;2025-04;2025-04-02;kommunfullmaktige;sammantrade;13:00-17:00;\r\n",
        encoding="utf-8",
    )
    done = payroll("--month", "2025-03", "--no-ledger", tmp_path / "events.csv")
    assert done.returncode == 0, done.stderr
    assert "summa 1 173,00 kr" in done.stdout
    assert "Ej ersatt (1;" in done.stdout
    assert "p-7 2025-03 händelse 1 2025-03-12 [2.2.2] förlorad arbetsinkomst kan inte värderas" in done.stdout
    assert "Inte i denna körning: 1 rapport för senare månader (2025-04)" in done.stdout


@pytest.mark.parametrize(
    ("text", "where", "problem"),
    [
        ("official_id,period,date,kind\np-1,2025-03,2025-03-12\n", ":2:", "färre celler (3) än kolumner (4)"),
        ("official_id,period,date,kind\np-1,2025-03,2025-03-12,beredning,x\n", ":2:", "fler celler (5)"),
        ("official_id,period,date,kind,kind\n", ":1:", "kolumnen 'kind' finns två gånger"),
        ('official_id,period,date,kind\np-1,2025-03,2025-03-12,"beredning\n', ":2:", "CSV-filen kan inte läsas"),
    ],
    ids=["ragged-short", "ragged-long", "duplicate-column", "unclosed-quote"],
)
def test_csv_structure_problems_are_located(tmp_path: Path, text: str, where: str, problem: str) -> None:
    path = tmp_path / "events.csv"
    path.write_text(text, encoding="utf-8")
    done = payroll("--month", "2025-03", "--no-ledger", path)
    assert done.returncode == 2
    assert done.stderr.startswith(f"{path}{where}"), done.stderr
    assert problem in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_reexport_of_a_run_the_ledger_lacks(tmp_path: Path) -> None:
    write(tmp_path, "member.yaml", MEMBER)
    ledger = tmp_path / "l.sqlite"
    Record.create(ledger).close()
    assert payroll("--month", "2025-03", tmp_path / "member.yaml", "--ledger", ledger).returncode == 0
    missing = payroll("--month", "2025-03", "--reexport", "99", "--ledger", ledger, "--out", tmp_path / "x.csv")
    assert missing.returncode == 2
    assert "har ingen körning 99 (körningar: 1)" in missing.stderr
    other_month = payroll("--month", "2025-04", "--reexport", "1", "--ledger", ledger, "--out", tmp_path / "x.csv")
    assert other_month.returncode == 2
    assert "körning 1 betalade 2025-03, inte --month 2025-04" in other_month.stderr
    again = payroll("--month", "2025-03", "--reexport", "1", "--ledger", ledger, "--out", tmp_path / "r.csv")
    assert again.returncode == 0
    rows = csv.DictReader((tmp_path / "r.csv").read_text(encoding="utf-8").splitlines())
    assert sum(Decimal(r["amount"]) for r in rows) == Decimal("2427.00")


def test_paxml_leaves_out_explanatory_zero_lines(tmp_path: Path) -> None:
    # A 0,00 line (here: free time, 2.2.2) explains a refusal in the CSV; it is no transaction.
    from arvode.output.export import Export, finish, write_temp
    from arvode.payroll.run import PayLine

    paid = PayLine("p-1", "2025-03", "betalning", None, "sammantradesersattning", Decimal("1173.00"),
                   "2.2.1", "100", "socialnamnden", "1/1 × 1 173 kr")
    zero = PayLine("p-1", "2025-03", "betalning", None, "forlorad_arbetsinkomst", Decimal("0"),
                   "2.2.2", "110", "socialnamnden", "ledig tid")
    for export in (Export("paxml", tmp_path / "l.xml"), Export("csv", tmp_path / "l.csv")):
        written = write_temp(export, [paid, zero], "2025-03", "t")
        finish(written.temp, export.path)
    xml = (tmp_path / "l.xml").read_text(encoding="utf-8")
    assert xml.count("<lonetrans ") == 1
    assert "<belopp>1173.00</belopp>" in xml
    assert "ledig tid" in (tmp_path / "l.csv").read_text(encoding="utf-8")


def test_csv_official_data_is_never_dropped_unseen(tmp_path: Path) -> None:
    # Two rows of p-9 disagree on the hourly wage: which one was meant is not for payroll to
    # guess. "300" and "300.00" agree. A CSV wage that contradicts p-1's claim file likewise.
    head = "official_id,period,date,organ,kind,called,lost_hours,income_hourly\n"
    row = "p-9,2025-03,2025-03-1{d},socialnamnden,sammantrade,13:00-17:00,4,{wage}\n"
    agree = tmp_path / "agree.csv"
    agree.write_text(head + row.format(d=2, wage="300") + row.format(d=3, wage="300.00"), encoding="utf-8")
    assert payroll("--month", "2025-03", "--no-ledger", agree).returncode == 0
    differ = tmp_path / "differ.csv"
    differ.write_text(head + row.format(d=2, wage="300") + row.format(d=3, wage="350"), encoding="utf-8")
    done = payroll("--month", "2025-03", "--no-ledger", differ)
    assert done.returncode == 2
    assert done.stderr.startswith(f"{differ}:3: income_hourly: '350' skiljer sig från '300' på rad 2")
    (tmp_path / "claims").mkdir()
    claim = write(tmp_path / "claims", "member.yaml", MEMBER)
    joined = tmp_path / "joined.csv"
    joined.write_text(head + "p-1,2025-03,2025-03-14,socialnamnden,sammantrade,13:00-17:00,4,350\n",
                      encoding="utf-8")
    done = payroll("--month", "2025-03", "--no-ledger", claim, joined)
    assert done.returncode == 2
    assert done.stderr.startswith(f"{joined}:2: income_hourly: 350 skiljer sig från 300 i rapportfilen")


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("[0-9]*.yaml")), ids=lambda p: p.stem)
def test_every_paid_line_reaches_payroll_with_its_organ(example: Path, tmp_path: Path) -> None:
    # Section 1: every cost is borne by an organ; the payroll export carries it on every line,
    # deductions, sjuklön and föräldraersättning included (they reduce a role's arvode, so its organ).
    period = next(line.split(":", 1)[1].strip() for line in example.read_text(encoding="utf-8").splitlines()
                  if line.startswith("period:"))
    out = tmp_path / "lon.csv"
    done = subprocess.run([str(Path(sys.executable).parent / "arvode"), "payroll", "--no-ledger", "--month", period,
                           str(example), "--out", str(out), "--quiet"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows, "the example pays nothing in its own month"
    assert [(r["type"], r["amount"]) for r in rows if not r["organ"] and Decimal(r["amount"])] == []


def test_the_bundled_payroll_example_pays_the_hand_computed_month(tmp_path: Path) -> None:
    # arvode exempel --till copies the claims and the payroll folder (register + Swedish Excel CSV).
    arvode_bin = str(Path(sys.executable).parent / "arvode")
    copied = subprocess.run([arvode_bin, "exempel", "--till", str(tmp_path / "ex")], capture_output=True,
                            text=True, check=False)
    assert copied.returncode == 0, copied.stderr
    out = tmp_path / "lon.csv"
    done = subprocess.run([arvode_bin, "payroll", "--no-ledger", "--month", "2025-03", str(tmp_path / "ex" / "lonekorning"),
                           "--out", str(out)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    with out.open(encoding="utf-8") as handle:
        rows = [(r["official"], r["type"], r["amount"]) for r in csv.DictReader(handle)]
    # p-0101 KS ordförande 100 % × 1 002 100 / 12 = 83 508,33; p-0207 revisor 3,5 % → 35 073,50 / 12 = 2 922,79;
    # p-1042 KF 4 h: 1 173, 4,5 h × 310 = 1 395, 4,5 % × 1 395 = 62,78, 36 km × 2,90 = 104,40 (18 km ≥ 6 km),
    # Socialnämnden 45 min: ½ × 1 173 = 586,50; p-1077 KF 1 173, justering ¼ × 782 = 195,50.
    assert sorted(rows) == sorted([
        ("p-0101", "arsarvode", "83508.33"), ("p-0207", "arsarvode", "2922.79"),
        ("p-1042", "sammantradesersattning", "1173.00"), ("p-1042", "forlorad_arbetsinkomst", "1395.00"),
        ("p-1042", "forlorad_pensionsforman", "62.78"), ("p-1042", "reseersattning", "104.40"),
        ("p-1042", "sammantradesersattning", "586.50"),
        ("p-1077", "sammantradesersattning", "1173.00"), ("p-1077", "forrattningsersattning", "195.50")])
    assert "summa 91 121,30 kr" in done.stdout


def test_an_absence_of_an_official_with_two_organs_is_one_line_at_the_larger(tmp_path: Path) -> None:
    # SN ordförande 57 % and KF ordförande 17 % (nivå 2), sick 3–20 June 2025 (sjuklön from day one):
    # deduction 18/30 of each month's arvode: 57 % × 1 002 100 / 12 = 47 599,75 → × 18/30 = 28 559,85;
    # 17 % × 1 002 100 / 12 = 14 196,42 → × 18/30 = 8 517,85; one line −37 077,70, borne by
    # Socialnämnden (the larger part); the sjuklön paid in its place goes there too, as one line.
    claim = tmp_path / "sjuk.yaml"
    claim.write_text(textwrap.dedent("""\
        official:
          id: p-1
          assignments:
            - {role: socialnamnden.ordforande, from: 2023-01-01}
            - {role: kommunfullmaktige.ordforande, from: 2023-01-01}
          absences:
            - {from: 2025-06-03, to: 2025-06-20, reason: sjukdom}
        period: 2025-06
        events: []
        """), encoding="utf-8")
    out = tmp_path / "lon.csv"
    done = subprocess.run([str(ARVODE), "payroll", "--no-ledger", "--month", "2025-06", str(claim), "--out", str(out),
                           "--quiet"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    with out.open(encoding="utf-8") as handle:
        rows = [(r["type"], r["organ"], Decimal(r["amount"])) for r in csv.DictReader(handle)]
    deductions = [r for r in rows if r[0] == "franvaroavdrag"]
    assert deductions == [("franvaroavdrag", "socialnamnden", Decimal("-37077.70"))]
    sick = [r for r in rows if r[0] == "sjuklon"]
    assert sick
    assert all(organ == "socialnamnden" and amount > 0 for _, organ, amount in sick)
