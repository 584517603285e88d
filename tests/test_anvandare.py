"""Issue 14 as its users meet it, through the installed ``arvode`` command (a subprocess).

An official writes a first claim from the template and the key list, reads the
table and the statement; a KSAPU secretary exports the rules, points
``arvode.toml`` at them and is warned when the amounts are a year old; a payroll
clerk gets a CSV that Excel sv-SE opens and is stopped, with a hint, when an
``.xlsx`` is given. Each test names what a user could not do before.
"""

from __future__ import annotations

import csv
import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from arvode import TEMPLATE_PLACEHOLDERS, bundled_rules_dir, claim_format_document, claim_from_text, load_rules

ROOT = Path(__file__).resolve().parent.parent
ARVODE = Path(sys.executable).parent / "arvode"
EXAMPLES = ROOT / "examples"


def arvode(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None,
           columns: int = 100) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in {"ARVODE_RULES", "ARVODE_LEDGER"}}
    base["COLUMNS"] = str(columns)
    return subprocess.run([str(ARVODE), *map(str, args)], capture_output=True, text=True, check=False,
                          cwd=cwd, env={**base, **(env or {})}, timeout=120)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


MEETING = """\
official: {id: p-7, name: Eva Ek}
period: PERIOD
events:
  - {date: DAY, organ: ORGAN, kind: KIND, called: "13:00-16:00"}
"""


def claim(folder: Path, *, period: str = "2025-03", day: str = "2025-03-12", organ: str = "socialnamnden",
          kind: str = "sammantrade", name: str = "c.yaml") -> Path:
    text = MEETING.replace("PERIOD", period).replace("DAY", day).replace("ORGAN", organ).replace("KIND", kind)
    return write(folder, name, text)


def one_line(done: subprocess.CompletedProcess[str]) -> str:
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


# ------------------------------------------------------------------------------ small things (7)
def test_version() -> None:
    done = arvode("--version")
    assert done.returncode == 0
    assert re.fullmatch(r"arvode \d+\.\d+\.\d+\n", done.stdout)


def test_bare_arvode_prints_the_help_and_exits_0() -> None:
    done = arvode()
    assert done.returncode == 0
    assert done.stdout.startswith("användning: arvode")
    assert "arvode mall" in done.stdout  # how to start
    assert done.stderr == ""


def test_payroll_without_inputs_and_record_is_still_an_error() -> None:
    done = arvode("payroll", "--month", "2025-03", "--no-ledger")
    assert done.returncode == 2
    assert "inga indata" in one_line(done)


# ------------------------------------------------------------------- the claim format ships (2)
def test_the_template_filled_in_passes_check(tmp_path: Path) -> None:
    target = tmp_path / "mars.yaml"
    done = arvode("mall", "--fil", target)
    assert done.returncode == 0, done.stderr
    assert f"arvode check {target}" in done.stdout
    text = target.read_text(encoding="utf-8")
    unfilled = arvode("check", target)
    assert unfilled.returncode == 2  # the placeholders are not a claim yet: one located line
    assert one_line(unfilled).startswith(f"{target}:")
    for placeholder, value in TEMPLATE_PLACEHOLDERS.items():
        assert placeholder in text
        text = text.replace(placeholder, value)
    target.write_text(text, encoding="utf-8")
    checked = arvode("check", "--json", target)
    assert checked.returncode == 0, checked.stderr
    assert json.loads(checked.stdout)["totals"]["total"] == "1173.00"  # 13:00–17:00 KF: 1/1 × 1 173


def test_every_optional_line_of_the_template_is_valid_once_uncommented() -> None:
    done = arvode("mall")
    assert done.returncode == 0
    text = done.stdout
    for placeholder, value in TEMPLATE_PLACEHOLDERS.items():
        text = text.replace(placeholder, value)
    opened = re.sub(r"^(\s*)# (?=\s*[a-z_]+:|\s*- )", r"\1", text, flags=re.MULTILINE)
    assert opened.count("\n  - date:") == 2
    parsed = claim_from_text(opened, load_rules(), "mall.yaml")
    assert parsed.official.income.hourly is not None
    assert [e.kind for e in parsed.events] == ["sammantrade", "valforrattning"]
    # the comments are Swedish
    assert "# ditt id hos lönekontoret" in done.stdout


def test_the_template_never_overwrites_a_file(tmp_path: Path) -> None:
    target = write(tmp_path, "mars.yaml", "mitt ifyllda\n")
    done = arvode("mall", "--fil", target)
    assert done.returncode == 2
    assert "finns redan" in one_line(done)
    assert target.read_text(encoding="utf-8") == "mitt ifyllda\n"


def test_keys_are_listed_with_their_swedish_names() -> None:
    done = arvode("nycklar")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert re.search(r"^socialnamnden +Socialnämnden$", out, re.MULTILINE)
    assert re.search(r"^protokolljustering +Protokolljustering$", out, re.MULTILINE)
    assert re.search(r"^partigruppmote +KF partigruppmöte$", out, re.MULTILINE)
    assert re.search(r"^socialnamnden\.ordforande +Socialnämnd, ordförande$", out, re.MULTILINE)
    assert re.search(r"^rostmottagare +Röstmottagare$", out, re.MULTILINE)
    rules = load_rules()
    for key in [*rules.organs, *rules.kinds, *rules.roles]:
        assert re.search(rf"^{re.escape(key)} ", out, re.MULTILINE), key


def test_keys_of_another_rules_set(tmp_path: Path) -> None:
    rules = tmp_path / "annan"
    shutil.copytree(bundled_rules_dir(), rules)
    organs = rules / "organ.yaml"
    organs.write_text(organs.read_text(encoding="utf-8").replace("name: Socialnämnden", "name: Omsorgsnämnden"),
                      encoding="utf-8")
    done = arvode("nycklar", "--rules", rules)
    assert done.returncode == 0, done.stderr
    assert re.search(r"^socialnamnden +Omsorgsnämnden$", done.stdout, re.MULTILINE)


def test_the_claim_format_document_ships_and_is_shown() -> None:
    path = claim_format_document()
    assert path == Path(__import__("arvode").__file__).parent / "docs" / "rapportformat.md"
    done = arvode("rapportformat")
    assert done.returncode == 0
    assert done.stdout == path.read_text(encoding="utf-8")
    assert done.stdout.startswith("# Rapportformatet")
    # The entry point may run an installed copy (CI installs without -e), so the
    # printed path is checked as the shipped document, not as this source tree's path.
    shown = Path(arvode("rapportformat", "--sokvag").stdout.strip())
    assert shown.parts[-3:] == ("arvode", "docs", "rapportformat.md")
    assert shown.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_the_document_covers_every_field_and_csv_column() -> None:
    from arvode.claims import claim as claim_module
    from arvode.claims.batch import CSV_COLUMNS

    text = claim_format_document().read_text(encoding="utf-8")
    fields = {
        *claim_module._EVENT_FIELDS,
        "official", "id", "name", "home_distance_km", "income", "hourly", "yearly", "vacation_pay_loss",
        "assignments", "role", "acting_for", "group_leader", "party", "seats", "share", "special_decisions",
        "percent", "covers", "reference", "absences", "reason", "period", "events",
        "km", "within_km", "outside_municipality", "allowance", "day", "free_meals",
        "amount", "approved_by", "unknown_amount",
        "pension_loss_above_ibb", "year", "salary", "provision_percent", "lost_income_paid",
    }
    for field in sorted(fields):
        assert re.search(rf"\b{field}\b", text), field
    for column in CSV_COLUMNS:
        assert f"`{column}`" in text, column
    for word in ("semikolon", "decimalkomma", "ja", "nej", "arvode nycklar", "spara som CSV (semikolonavgränsad)"):
        assert word.casefold() in text.casefold(), word


def test_the_readme_links_the_document_on_its_first_screen() -> None:
    first_screen = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:60])
    assert "(arvode/docs/rapportformat.md)" in first_screen
    assert "arvode mall" in first_screen
    assert "arvode nycklar" in first_screen


def test_a_real_wheel_carries_the_document_examples_and_rules(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)],
                          capture_output=True, text=True, check=False, timeout=300)
    if done.returncode != 0:
        pytest.skip(f"pip wheel could not build here: {done.stderr.strip()[-300:]}")
    (wheel,) = tmp_path.glob("arvode-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "arvode/docs/rapportformat.md" in names
    assert "arvode/_data/examples/01-ledamot-dagstak.yaml" in names
    assert "arvode/_data/rules/pitea/bilaga1.yaml" in names


def test_examples_are_listed_shown_and_copied(tmp_path: Path) -> None:
    listed = arvode("exempel")
    assert listed.returncode == 0
    names = sorted(p.stem for p in EXAMPLES.glob("*.yaml"))
    for name in names:
        assert re.search(rf"^  {re.escape(name)} +\S", listed.stdout, re.MULTILINE), name
    assert "Ledamot utan årsarvode" in listed.stdout  # the Swedish title, not the file's English comments
    shown = arvode("exempel", "01")
    assert shown.stdout == (EXAMPLES / "01-ledamot-dagstak.yaml").read_text(encoding="utf-8")
    one = arvode("exempel", "20-valforrattning-helg", "--till", tmp_path / "ett")
    assert one.returncode == 0, one.stderr
    assert [p.name for p in (tmp_path / "ett").iterdir()] == ["20-valforrattning-helg.yaml"]
    every = arvode("exempel", "--till", tmp_path / "alla")
    assert every.returncode == 0, every.stderr
    assert sorted(p.stem for p in (tmp_path / "alla").iterdir()) == [*names, "lonekorning"]
    assert sorted(p.name for p in (tmp_path / "alla" / "lonekorning").iterdir()) == [
        "forteckning.yaml", "tidrapport-2025-03.csv"]
    # a pip user's first run: an example from the copy, from another folder
    checked = arvode("check", "--json", "alla/01-ledamot-dagstak.yaml", cwd=tmp_path)
    assert json.loads(checked.stdout)["totals"]["total"] == "4459.93"
    again = arvode("exempel", "--till", tmp_path / "alla")
    assert again.returncode == 2
    assert "finns redan" in one_line(again)


def test_an_unknown_example_names_the_choices() -> None:
    done = arvode("exempel", "99")
    assert done.returncode == 2
    assert "01-ledamot-dagstak" in one_line(done)


# ------------------------------------------------------------------------ keys: the nearest one
@pytest.mark.parametrize(("field", "given", "nearest"), [
    ("organ", "socialnämnden", "socialnamnden (Socialnämnden)"),
    ("organ", "Barn- och utbildningsnämnden", "barn_och_utbildningsnamnden (Barn- och utbildningsnämnden)"),
    ("kind", "protokollsjustering", "protokolljustering (Protokolljustering)"),
])
def test_an_unknown_key_gets_the_nearest(tmp_path: Path, field: str, given: str, nearest: str) -> None:
    path = claim(tmp_path, **{field: f'"{given}"'})
    done = arvode("check", path)
    assert done.returncode == 2
    line = one_line(done)
    assert line.startswith(f"{path}:4: events[0].{field}: ")
    assert f"menade du {nearest}?" in line
    assert line.endswith("arvode nycklar visar alla nycklar")


def test_an_unknown_role_gets_the_nearest(tmp_path: Path) -> None:
    path = write(tmp_path, "c.yaml", """\
        official:
          id: p-7
          assignments: [{role: socialnamnden.ordförande, from: 2025-01-01}]
        period: 2025-03
    """)
    done = arvode("check", path)
    assert done.returncode == 2
    assert "menade du socialnamnden.ordforande (Socialnämnd, ordförande)?" in one_line(done)


# ----------------------------------------------------------------------------- readable tables (3)
def test_the_check_table_fits_80_columns_and_wraps_the_arithmetic_under_its_line() -> None:
    for example in sorted(EXAMPLES.glob("*.yaml")):
        done = arvode("check", example, columns=80)
        assert done.returncode == 0, done.stderr
        too_long = [line for line in done.stdout.splitlines() if len(line) > 80]
        assert too_long == [], example.name
    done = arvode("check", EXAMPLES / "01-ledamot-dagstak.yaml", columns=80)
    rows = done.stdout.splitlines()
    assert rows[2].split() == ["Nr", "Datum", "Organ", "Typ", "Belopp", "Avsnitt"]
    first = rows.index(next(r for r in rows if r.startswith(" 1  2025-03-12  Kommunfullmäktige")))
    assert "Sammanträdesersättning" in rows[first]
    assert rows[first + 1].startswith("    Sammanträde (kallelse 13:00–17:00")  # the arithmetic, under it
    assert not any(re.search(r"\b\d{1,3}$", r) and rows[i + 1].lstrip()[:3].replace(" ", "").isdigit()
                   for i, r in enumerate(rows[:-1]) if r.startswith("    "))  # no amount cut in two


def test_the_check_table_on_a_wide_terminal_keeps_each_explanation_on_one_line() -> None:
    done = arvode("check", EXAMPLES / "02-ersattare.yaml", columns=250)
    rows = done.stdout.splitlines()
    head = rows.index(next(r for r in rows if r.startswith("Nr ")))
    body = rows[head + 1:rows.index("", head)]
    assert len(body) % 2 == 0  # a line, its explanation; a line, its explanation …


def test_events_count_from_1_for_people_and_from_0_in_json() -> None:
    text = arvode("check", EXAMPLES / "05-sen-begaran.yaml").stdout
    data = json.loads(arvode("check", "--json", EXAMPLES / "05-sen-begaran.yaml").stdout)
    assert {r["event"] for r in data["rejected"]} == {1, 2}
    refused = text[text.index("Ej ersatt"):]
    assert re.search(r"^ +3  2025-03-31", refused, re.MULTILINE)  # JSON event 2
    assert re.search(r"^ +2  2025-04-09", refused, re.MULTILINE)  # JSON event 1
    assert "\n    1  2025-04-10" not in text
    assert re.search(r"^ 1  2025-04-10  Socialnämnden", text, re.MULTILINE)


def test_deductions_are_negative_in_the_tables() -> None:
    check = arvode("check", EXAMPLES / "14-franvaro-sjukdom-niva2.yaml").stdout
    assert re.search(r"Frånvaroavdrag +-47 599,75 kr +3\.5$", check, re.MULTILINE)
    year = arvode("year", "--year", "2025", EXAMPLES / "14-franvaro-sjukdom-niva2.yaml", columns=80)
    assert year.returncode == 0, year.stderr
    assert re.search(r"^Året +571 197,00 +-81 380,22 +22 028,96 +511 845,74$", year.stdout, re.MULTILINE)


def test_the_year_table_has_full_heads_and_fits_the_terminal() -> None:
    done = arvode("year", "--year", "2025", EXAMPLES / "01-ledamot-dagstak.yaml", columns=80)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert all(len(line) <= 80 for line in out.splitlines())
    for head in ("Sammanträdesersättning", "Förrättningsersättning", "semesterersättning", "Summa"):
        assert head in out
    assert "forlorad_" not in out
    assert re.search(r"^mars +2 052,75 +782,00", out, re.MULTILINE)
    assert re.search(r"^januari \*", out, re.MULTILINE)


def test_the_repayment_is_a_debt_settled_by_negative_deductions() -> None:
    done = arvode("aterbetalning", "1606.68", "--months", "4", "--from", "2025-11")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("Skuld att betala tillbaka (för mycket utbetalt, 6.4): 1 606,68 kr")
    assert re.search(r"^november 2025 +-401,67 kr$", out, re.MULTILINE)
    assert re.search(r"^Summa avdrag +-1 606,68 kr$", out, re.MULTILINE)
    assert re.search(r"^Kvar av skulden +0,00 kr$", out, re.MULTILINE)
    data = json.loads(arvode("aterbetalning", "1606.68", "--months", "4", "--json").stdout)
    assert [d["amount"] for d in data["deductions"]] == ["401.67"] * 4  # the JSON keeps its form


def test_omrakning_prints_its_percent_the_swedish_way(tmp_path: Path) -> None:
    done = arvode("omrakna", "--percent", "3.4", "--from", "2026-01-01", "--reference", "KSAPU 2025-11-24 § 150",
                  "--out", tmp_path / "ny")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Omräkning +3,4 % från 2026-01-01")


# ------------------------------------------------------------------------ the statement (6)
def test_the_statement_in_the_terminal() -> None:
    done = arvode("specifikation", EXAMPLES / "01-ledamot-dagstak.yaml", columns=80)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("SPECIFIKATION AV ARVODEN OCH ERSÄTTNINGAR")
    assert "Förtroendevald: Anna Andersson (p-1042)" in out
    assert "Månad: mars 2025" in out
    assert "Händelse 1: 2025-03-12, Kommunfullmäktige, Sammanträde" in out
    assert re.search(r"^  Sammanträdesersättning \(2\.2\.1\) +1 173,00 kr$", out, re.MULTILINE)
    assert "Ej ersatt (betalas inte):" in out
    assert "Händelse 5: 2025-03-15, Kommunfullmäktige, KF partigruppmöte (avsnitt 2.1.2)" in out
    assert re.search(r"^Summa att betala +4 459,93 kr$", out, re.MULTILINE)
    assert all(len(line) <= 80 for line in out.splitlines())


def test_the_statement_as_html_is_self_contained_printable_and_escaped(tmp_path: Path) -> None:
    path = write(tmp_path, "c.yaml", """\
        official: {id: p-7, name: "<script>alert(1)</script> & Co"}
        period: 2025-03
        events:
          - {date: 2025-03-12, organ: socialnamnden, kind: sammantrade, called: "13:00-16:00"}
          - {date: 2025-03-13, organ: socialnamnden, kind: uppdrag, attended: "09:00-10:00", paid_by_other: true}
    """)
    target = tmp_path / "spec.html"
    done = arvode("specifikation", path, "--html", target)
    assert done.returncode == 0, done.stderr
    assert str(target) in done.stdout
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="sv">' in html
    assert "@media print" in html
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co (p-7)" in html
    assert "src=" not in html
    assert "href=" not in html  # nothing to fetch: one file to keep or mail
    assert "Sammanträdesersättning" in html
    assert "Ej ersatt (betalas inte)" in html
    assert "Summa att betala" in html


# ------------------------------------------------------------------------ Swedish spreadsheets (4)
SHEET = "spara som CSV (semikolonavgränsad) i Excel"


@pytest.mark.parametrize("name", ["rapport.xlsx", "rapport.XLS", "rapport.ods"])
def test_a_spreadsheet_for_check_is_refused_with_the_hint(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"PK\x03\x04" + bytes(200))
    done = arvode("check", path)
    assert done.returncode == 2
    line = one_line(done)
    assert line.startswith(f"{path}: ")
    assert SHEET in line


def test_a_spreadsheet_saved_under_a_yaml_name_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "rapport.yaml"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200))  # Excel 97–2003
    done = arvode("check", path)
    assert done.returncode == 2
    assert SHEET in one_line(done)


def test_a_spreadsheet_for_payroll_is_refused_given_or_in_a_folder(tmp_path: Path) -> None:
    sheet = tmp_path / "tidrapport.xlsx"
    sheet.write_bytes(b"PK\x03\x04" + bytes(100))
    claim(tmp_path)
    given = arvode("payroll", "--month", "2025-03", "--no-ledger", sheet)
    assert given.returncode == 2
    assert SHEET in one_line(given)
    folder = arvode("payroll", "--month", "2025-03", "--no-ledger", tmp_path)
    assert folder.returncode == 2  # in a folder it would have been skipped and its events not paid
    assert one_line(folder).startswith(f"{sheet}: ")
    (tmp_path / "~$tidrapport.xlsx").write_bytes(b"lock")
    sheet.unlink()
    assert arvode("payroll", "--month", "2025-03", "--no-ledger", tmp_path).returncode == 0  # Excel's lock file


def test_payroll_csv_for_excel_sv_se(tmp_path: Path) -> None:
    write(tmp_path, "c.yaml", """\
        official: {id: "=1+2", income: {hourly: "310.50"}}
        period: 2025-03
        events:
          - {date: 2025-03-12, organ: socialnamnden, kind: sammantrade, called: "13:00-16:00", lost_income: {hours: "3"}}
    """)
    out = tmp_path / "lön.csv"
    done = arvode("payroll", "--month", "2025-03", "--no-ledger", tmp_path / "c.yaml", "--out", out, "--excel")
    assert done.returncode == 0, done.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel shows å, ä, ö
    assert b"\r\n" in raw
    text = raw.decode("utf-8-sig")
    rows = list(csv.DictReader(text.splitlines(), delimiter=";"))
    assert list(rows[0]) == ["official", "period", "kind", "date", "type", "amount", "rule", "pay_code", "organ",
                             "text"]
    amounts = {r["type"]: r["amount"] for r in rows}
    # 1/1 × 1 173; 3 h × 310,50 = 931,50; 4,5 % × 931,50 = 41,9175 → 41,92
    assert amounts == {"sammantradesersattning": "1173,00", "forlorad_arbetsinkomst": "931,50",
                       "forlorad_pensionsforman": "41,92"}
    assert {r["official"] for r in rows} == {"'=1+2"}  # a formula stays text
    assert "Sammanträde" in text
    plain = tmp_path / "system.csv"
    assert arvode("payroll", "--month", "2025-03", "--no-ledger", tmp_path / "c.yaml", "--out", plain).returncode == 0
    assert plain.read_bytes().startswith(b"official,period")  # the system form is unchanged


def test_excel_without_an_output_file_is_an_error(tmp_path: Path) -> None:
    done = arvode("payroll", "--month", "2025-03", "--no-ledger", claim(tmp_path), "--excel")
    assert done.returncode == 2
    assert "--excel" in one_line(done)


# ---------------------------------------------------------------- rules found and current (5)
@pytest.fixture
def own_rules(tmp_path: Path) -> Path:
    """The bundled rules with a sammanträdesersättning of 1 000 kr, so it shows which set priced."""
    rules = tmp_path / "regler"
    done = arvode("regler", "exportera", rules)
    assert done.returncode == 0, done.stderr
    bilaga = rules / "bilaga1.yaml"
    text = bilaga.read_text(encoding="utf-8")
    old = '2025-01-01: {value: "1173",'
    assert old in text
    bilaga.write_text(text.replace(old, '2025-01-01: {value: "1000",', 1), encoding="utf-8")
    return rules


def test_the_rules_are_exported_whole_and_never_over_a_folder(tmp_path: Path) -> None:
    target = tmp_path / "pitea-2026"
    done = arvode("regler", "exportera", target)
    assert done.returncode == 0, done.stderr
    assert "16 filer" in done.stdout
    comparison = filecmp.dircmp(bundled_rules_dir(), target)
    assert comparison.left_only == []
    assert comparison.right_only == []
    assert comparison.diff_files == []
    assert arvode("regler", "kontrollera", target).returncode == 0
    again = arvode("regler", "exportera", target)
    assert again.returncode == 2
    assert "inte tom" in one_line(again)


def test_the_rules_are_found_in_arvode_toml_and_named(tmp_path: Path, own_rules: Path) -> None:
    path = claim(tmp_path)
    (tmp_path / "arvode.toml").write_text('rules = "regler"\n', encoding="utf-8")
    done = arvode("check", "--json", path.name, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["totals"]["total"] == "1000.00"
    assert one_line(done) == f"arvode: regler: {own_rules} (från {tmp_path / 'arvode.toml'})"
    flag = arvode("check", "--json", "--rules", "pitea", path.name, cwd=tmp_path)  # the flag wins; a bundled name
    assert json.loads(flag.stdout)["totals"]["total"] == "1173.00"
    assert flag.stderr == ""
    for command in (("nycklar",), ("bilaga", "--date", "2025-03-01"), ("mall",)):
        shown = arvode(*command, cwd=tmp_path)
        assert shown.returncode == 0, shown.stderr
        assert "från" in shown.stderr
        assert "arvode.toml" in shown.stderr


def test_the_rules_are_found_in_the_environment(tmp_path: Path, own_rules: Path) -> None:
    path = claim(tmp_path)
    done = arvode("check", "--json", path, env={"ARVODE_RULES": str(own_rules)})
    assert json.loads(done.stdout)["totals"]["total"] == "1000.00"
    assert "miljövariabeln ARVODE_RULES" in one_line(done)
    bundled = arvode("check", "--json", path, env={"ARVODE_RULES": "pitea"})
    assert json.loads(bundled.stdout)["totals"]["total"] == "1173.00"


def test_a_claim_a_year_after_the_latest_omrakning_is_warned_about(tmp_path: Path) -> None:
    current = claim(tmp_path, name="2025.yaml", period="2025-12", day="2025-12-31")
    assert arvode("check", current).stderr == ""
    stale = claim(tmp_path, name="2026.yaml", period="2026-02", day="2026-02-04")
    done = arvode("check", "--json", stale)
    assert done.returncode == 0  # a warning changes neither the result nor the exit status
    assert json.loads(done.stdout)["totals"]["total"] == "1173.00"
    line = one_line(done)
    # the first day priced (the month's first day: årsarvode is paid for it) is named
    assert line.startswith("arvode: varning: 2026-02-01 ligger mer än ett år efter den senaste omräkningen")
    assert "(2025-01-01, 6.5)" in line
    for command in (("specifikation", stale), ("year", "--year", "2026", stale),
                    ("payroll", "--month", "2026-02", "--no-ledger", stale)):
        assert "varning" in arvode(*command).stderr, command
    raised = tmp_path / "regler-2026"
    assert arvode("omrakna", "--percent", "3.2", "--from", "2026-01-01", "--reference", "KSAPU 2025-11-24 § 150",
                  "--out", raised).returncode == 0
    fresh = arvode("check", "--json", "--rules", raised, stale)
    assert fresh.stderr == ""
    assert json.loads(fresh.stdout)["totals"]["total"] == "1211.00"  # 1 173 × 1,032 = 1 210,536 → 1 211


# ------------------------------------------------------------------------------------- testfall (8)
def test_testfall_agrees_on_the_hand_computed_cases() -> None:
    done = arvode("testfall", ROOT / "tests" / "cases")
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"^  stämmer +pitea/01-sammantrade-en-timme-gransen: ", done.stdout, re.MULTILINE)
    assert re.search(r"^  stämmer +hudiksvall/01-halvdag-exakt-fyra-timmar: ", done.stdout, re.MULTILINE)
    assert re.search(r"^  stämmer +umea/01-kallans-exempel-1500-1720: ", done.stdout, re.MULTILINE)
    assert re.search(r"^  stämmer +monsteras/05-inlasningsarvode-arbetsutskott: ", done.stdout, re.MULTILINE)
    assert re.search(r"^38 testfall: 38 stämmer, 0 stämmer inte, 0 hoppades över\.$", done.stdout, re.MULTILINE)


def test_testfall_names_each_difference_and_exits_1(tmp_path: Path) -> None:
    case = tmp_path / "pitea" / "03.yaml"
    case.parent.mkdir()
    text = (ROOT / "tests" / "cases" / "pitea" / "03-dagstak-flera-moten.yaml").read_text(encoding="utf-8")
    case.write_text(text.replace('sammantradesersattning: "977.50"', 'sammantradesersattning: "978.50"'),
                    encoding="utf-8")
    done = arvode("testfall", tmp_path)
    assert done.returncode == 1
    assert "STÄMMER INTE  pitea/03" in done.stdout
    assert "- summa Sammanträdesersättning: väntat 978,50 kr, beräknat 977,50 kr" in done.stdout


def test_testfall_with_new_rules_runs_the_cases_of_that_set(own_rules: Path) -> None:
    done = arvode("testfall", "--rules", own_rules, ROOT / "tests" / "cases" / "pitea" / "01-sammantrade-en-timme-gransen.yaml")
    assert done.returncode == 1  # the cases were computed with 1 173 kr
    assert f"Regler för testfall med rules: pitea: {own_rules}" in done.stdout
    assert "väntat 2 346,00 kr, beräknat 2 000,00 kr" in done.stdout


def test_testfall_refuses_a_bad_case_file_with_its_line(tmp_path: Path) -> None:
    bad = write(tmp_path, "fel.yaml", """\
        name: Ett fall utan förväntan
        rules: pitea
        claim: {official: {id: p-1}, period: 2025-03}
    """)
    done = arvode("testfall", tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert one_line(done).startswith(f"{bad}:1: expect: ")


def test_a_recovery_in_payroll_reads_as_deductions(tmp_path: Path) -> None:
    march = write(tmp_path, "m.yaml", """\
        official: {id: p-1, income: {hourly: "300"}}
        period: 2025-03
        events:
          - {date: 2025-03-12, organ: kommunfullmaktige, kind: sammantrade, called: "13:00-17:00", lost_income: {amount: "3000.00"}}
    """)
    ledger = tmp_path / "l.sqlite"
    assert arvode("record", "init", ledger).returncode == 0
    assert arvode("payroll", "--month", "2025-03", march, "--ledger", ledger).returncode == 0
    fixed = write(tmp_path, "m2.yaml", march.read_text(encoding="utf-8").replace('"3000.00"', '"500.00"'))
    xml = tmp_path / "lon.xml"
    done = arvode("payroll", "--month", "2025-04", fixed, "--ledger", ledger, "--paxml", xml)
    assert done.returncode == 0, done.stderr
    # 2.2.2: 500 − 3 000 = −2 500; 4.2: 22,50 − 135 = −112,50; over 4 months (6.4): 653,13 now
    assert re.search(r"^  Förlorad arbetsinkomst +-2 500,00 kr$", done.stdout, re.MULTILINE)
    assert re.search(r"^  Rättelserna ovan, som dras av kommande månader \(6\.4\) +2 612,50 kr$", done.stdout,
                     re.MULTILINE)
    assert re.search(r"^  Återkrav, avdrag denna månad \(6\.4\) +-653,13 kr$", done.stdout, re.MULTILINE)
    paxml = xml.read_text(encoding="utf-8")
    assert "<benamning>Förlorad arbetsinkomst</benamning>" in paxml  # the payslip's words, not the key
    assert "<benamning>forlorad_arbetsinkomst</benamning>" not in paxml
