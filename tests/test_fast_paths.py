"""The payroll run's fast paths give exactly what the general ones give (issue 12).

Texts, CSV rows and the record's paid rows are written by shortcuts that a month's
hundreds of thousands of lines made worth having; each is checked here against the
general code it stands in for, so a shortcut can never change a byte of output.
"""

from __future__ import annotations

import csv
import io
import random
import string
from decimal import Decimal
from pathlib import Path

import pytest

from arvode import Rules
from arvode.base.money import _format_kr, format_kr
from arvode.calculation.lines import Explanation
from arvode.claims.batch import load_batch
from arvode.output.export import _minimal_csv
from arvode.payroll.record import Record
from arvode.payroll.run import run_payroll

_CELLS = ["", "a", " b ", ",", ";", '"', "\r", "\n", "\r\n", "1 173,00 kr", "×", "–", "'=1", "\t", "\x0b", "\u2028"]


@pytest.mark.parametrize(("delimiter", "end"), [(",", "\n"), (";", "\r\n")])
def test_minimal_csv_rows_are_the_csv_writers(delimiter: str, end: str) -> None:
    rng = random.Random(12)
    shortcuts = 0
    for _ in range(20_000):
        row = tuple("".join(rng.choice(_CELLS) for _ in range(rng.randint(0, 3))) for _ in range(rng.randint(2, 10)))
        expected = io.StringIO()
        csv.writer(expected, delimiter=delimiter, lineterminator=end).writerow(row)
        written = _minimal_csv(row, delimiter, end)
        if written is not None:
            shortcuts += 1
            assert written == expected.getvalue(), row
    assert shortcuts > 1000


class _Plain(string.Formatter):
    """The formatter texts were written with before templates were planned."""

    def format_field(self, value: object, format_spec: str) -> str:
        return str(Explanation("{0:" + format_spec + "}", (value,))) if format_spec else str(format(value, ""))


@pytest.mark.parametrize("template", [
    "{0:kr} och {1:kr0}, {2:num} h, {3:frac}, {4:f} %, {5}",
    "{0}; avrundat till öre: {1:kr}",
    "{{klammer}} {0:kr}",
    "inga fält",
])
def test_planned_templates_format_as_string_formatter(template: str) -> None:
    inner = Explanation("{0:kr} inne", (Decimal("-0.5"),))
    args = (Decimal("1173.005"), Decimal("1200.50"), Decimal("4.50"), Decimal("0.125"), Decimal("2.5"), inner)
    expected = _Plain().vformat(template, args if "{0}" not in template else (inner, Decimal("1.5")), {})
    got = str(Explanation(template, args if "{0}" not in template else (inner, Decimal("1.5"))))
    assert got == expected


def test_named_fields_still_format() -> None:
    assert str(Explanation("{0[1]:kr}", ((Decimal(1), Decimal(2)),))) == "2,00 kr"


def test_kronor_texts_are_the_same_cached_or_not() -> None:
    for text in ("0", "-0", "-0.001", "0.005", "1.5", "1.50", "-1173.005", "999999.995", "12345678.9"):
        amount = Decimal(text)
        assert format_kr(amount) == format_kr(amount) == _format_kr(amount, True)
        assert format_kr(amount, decimals=False) == _format_kr(amount, False)


def _csv_month(folder: Path, rows: list[str]) -> Path:
    path = folder / "tid.csv"
    path.write_text("official_id,period,date,organ,kind,called,lost_hours,income_hourly\n" + "\n".join(rows) + "\n",
                    encoding="utf-8")
    return path


def test_streamed_paid_rows_are_one_row_per_official_and_month_with_recoveries_appended(
        tmp_path: Path, rules: Rules) -> None:
    """A 6.4 recovery is paid after every official: its line joins the official's row of the month."""
    march = [f"p-{n},2025-03,2025-03-1{d},socialnamnden,sammantrade,13:00-17:00,4,300"
             for n in range(3) for d in range(4)]
    first = _csv_month(tmp_path, march)
    with Record.create(tmp_path / "l.sqlite") as record:
        run_payroll(load_batch([first], rules), rules, "2025-03", record)
        less = tmp_path / "ny"
        less.mkdir()
        second = _csv_month(less, [r for r in march if not r.startswith("p-1,")] + march[4:5])
        run = run_payroll(load_batch([second], rules), rules, "2025-03", record, recovery_months=4)
        assert run.run_id == 2
        rows = list(record.paid_of_run(2))
    assert [(o, p) for o, p, _ in rows] == [("p-1", "2025-03")]
    kinds = [line[0] for line in rows[0][2]]
    assert kinds[0] == "rattelse"
    assert kinds[-1] == "aterkrav"
    assert kinds == sorted(kinds, reverse=True)
    assert [(line[0], line[3], line[7]) for line in rows[0][2]] == [
        (line.kind, int(line.amount * 100), line.text) for line in run.lines]


def test_a_run_that_pays_nothing_leaves_no_run_and_no_file(tmp_path: Path, rules: Rules) -> None:
    from arvode.output.export import Export

    path = _csv_month(tmp_path, ["p-1,2025-03,2025-03-12,socialnamnden,sammantrade,13:00-17:00,,"])
    out = tmp_path / "lon.csv"
    with Record.create(tmp_path / "l.sqlite") as record:
        run_payroll(load_batch([path], rules), rules, "2025-03", record, exports=[Export("csv", out)])
        out.unlink()
        again = run_payroll(load_batch([path], rules), rules, "2025-03", record, exports=[Export("csv", out)])
        assert again.nothing_to_pay
        assert again.run_id is None
        assert len(record.runs()) == 1
    assert not out.exists()
    assert not list(tmp_path.glob(".lon.csv*"))
