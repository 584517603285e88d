"""The pieces of what people read: Swedish numbers, labels, tables that fit, the statement, current rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from arvode import (
    LINE_TYPE_LABELS,
    Rules,
    beyond_omrakning,
    calculate,
    claim_from_text,
    format_count,
    format_number,
    format_percent,
    kind_label,
    latest_omrakning,
    line_label,
    organ_label,
    period_label,
    render_keys,
    render_statement,
    render_statement_html,
    role_label,
)
from arvode.calculation.result import LINE_TYPES
from arvode.claims.kalkylark import is_spreadsheet
from arvode.output.tabell import Column, Row, render_table, wrap_text


@pytest.mark.parametrize(("value", "decimals", "text"), [
    (Decimal("2400"), None, "2 400"),
    (Decimal("1212.882"), None, "1 212,882"),
    (Decimal("1212.8820"), None, "1 212,882"),
    (Decimal("-1234567.5"), 2, "-1 234 567,50"),
    (123000, None, "123 000"),
    (Decimal("0.5"), None, "0,5"),
    (Decimal("999"), None, "999"),
])
def test_numbers_the_swedish_way(value: Decimal | int, decimals: int | None, text: str) -> None:
    assert format_number(value, decimals) == text


def test_percent_and_counts() -> None:
    assert format_percent(Decimal("3.4"), sign=True) == "+3,4 %"
    assert format_percent(Decimal("-1"), sign=True) == "-1 %"
    assert format_percent(Decimal("4.50")) == "4,5 %"
    assert format_count(1, "rad", "rader") == "1 rad"
    assert format_count(2, "rad", "rader") == "2 rader"
    assert format_count(123000, "rad", "rader") == "123 000 rader"


def test_every_line_type_has_a_swedish_label() -> None:
    assert set(LINE_TYPES) <= set(LINE_TYPE_LABELS)
    assert line_label(None, "sammantradesersattning") == "Sammanträdesersättning"
    assert line_label(None, "aterkrav").startswith("Återkrav")
    assert line_label(None, "ny_typ") == "Ny typ"  # never the raw key


def test_labels_come_from_the_rules(rules: Rules) -> None:
    assert organ_label(rules, "socialnamnden") == "Socialnämnden"
    assert organ_label(rules, None) == ""
    assert kind_label(rules, "partigruppmote") == "KF partigruppmöte"
    assert role_label(rules, "socialnamnden.ordforande") == "Socialnämnd, ordförande"
    assert period_label("2025-03") == "mars 2025"
    assert period_label("fel") == "fel"


def test_a_rules_set_may_name_its_line_types(rules: Rules) -> None:
    import attrs

    named = attrs.evolve(rules, meta={**rules.meta, "line_types": {"arsarvode": "Fast arvode"}})
    assert line_label(named, "arsarvode") == "Fast arvode"
    assert line_label(named, "traktamente") == "Traktamente"


def test_the_web_page_uses_the_same_labels() -> None:
    from arvode.web import labels

    assert labels.LINE_TYPES is LINE_TYPE_LABELS


def test_wrapping_keeps_amounts_whole() -> None:
    text = "dagstak 2.2.1: högst 1 173,00 kr per dag, 1 173,00 kr redan ersatt denna dag, 4,5 h × 310,00 kr"
    for width in range(20, 60):
        lines = wrap_text(text, width, "  ")
        assert " ".join(line.strip() for line in lines) == text
        for line in lines:
            assert not line.rstrip().endswith((" 1", " 4,5"))  # "1 | 173,00 kr", "4,5 | h" never split


def test_a_table_wraps_its_wrapping_columns_between_words() -> None:
    columns = [Column("Nr", right=True), Column("Organ", wrap=True), Column("Belopp", right=True)]
    rows = [Row(("1", "Barn- och utbildningsnämnden", "1 173,00 kr"), "en förklaring under raden")]
    wide = render_table(columns, rows, 80)
    assert wide == ["Nr  Organ                              Belopp",
                    " 1  Barn- och utbildningsnämnden  1 173,00 kr",
                    "    en förklaring under raden"]
    narrow = render_table(columns, rows, 36)
    assert narrow[1].split() == ["1", "Barn-", "och", "1", "173,00", "kr"]
    assert narrow[2] == "    utbildningsnämnden"  # under its column, the word whole
    assert all(len(line) <= 36 for line in narrow)


def test_the_latest_omrakning_of_the_bundled_rules(rules: Rules) -> None:
    assert latest_omrakning(rules) == dt.date(2025, 1, 1)
    days = [dt.date(2025, 12, 31), dt.date(2026, 1, 1), dt.date(2026, 3, 1)]
    assert beyond_omrakning(rules, days) == dt.date(2026, 1, 1)  # a year on: the day before is current
    assert beyond_omrakning(rules, days[:1]) is None


def test_spreadsheets_are_recognised_by_name_or_first_bytes(tmp_path: Path) -> None:
    (tmp_path / "a.xlsx").write_text("x", encoding="utf-8")
    (tmp_path / "b.csv").write_bytes(b"PK\x03\x04rest")
    (tmp_path / "c.csv").write_text("official_id;period\n", encoding="utf-8")
    assert is_spreadsheet(tmp_path / "a.xlsx")
    assert is_spreadsheet(tmp_path / "b.csv")
    assert not is_spreadsheet(tmp_path / "c.csv")
    assert not is_spreadsheet(tmp_path / "saknas.yaml")  # the reader reports a missing file itself


def test_the_key_list_names_every_organ_kind_and_role(rules: Rules) -> None:
    text = render_keys(rules, width=120)
    for organ in rules.organs.values():
        assert organ.name in text
    for kind in rules.kinds.values():
        assert kind.name in text
    assert "Skäl till frånvaro (absences: reason):" in text


STATEMENT = """\
official: {id: p-9, name: Per Persson, income: {hourly: "300.00"}}
period: 2025-05
events:
  - {date: 2025-05-06, organ: socialnamnden, kind: sammantrade, called: "09:00-12:00", lost_income: {hours: "3"}}
  - {date: 2025-05-07, kind: valforrattning, election_role: rostmottagare, hours: "2"}
"""


def test_the_statement_groups_lines_by_event_and_sums_per_organ(rules: Rules) -> None:
    claim = claim_from_text(STATEMENT, rules, "s.yaml")
    result = calculate(claim, rules)
    text = render_statement(result, claim, rules, width=90)
    assert "Händelse 1: 2025-05-06, Socialnämnden, Sammanträde" in text
    assert "Händelse 2: 2025-05-07, Valnämnden, Valförrättning" in text  # election work: Valnämnden bears it
    assert "Hela månaden" in text
    assert "Summa per organ (kostnadsbärare, avsnitt 1):" in text
    # 1 173 + 900 + 4,5 % × 900 = 40,50; 2 h × 167 = 334: 2 447,50
    assert text.splitlines()[-1].split() == ["Summa", "att", "betala", "2", "447,50", "kr"]
    html = render_statement_html(result, claim, rules)
    assert html.count("<h2>") == 5  # two events, the month, per type, per organ
    assert "2&nbsp;447,50&nbsp;kr" in html
