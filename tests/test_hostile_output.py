"""What arvode writes is safe to open (issue #11, item 3).

A payroll CSV is opened in Excel or LibreOffice, PAXml in a payroll system and
everything else on an operator's terminal. Each case below passed through
unchanged before: a formula ran in the spreadsheet, a control character broke
the XML, an escape sequence retitled the terminal.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import textwrap
import xml.dom.minidom
from pathlib import Path

import pytest

from arvode.base.text import visible
from arvode.output.export import csv_cell, xml_text

ARVODE = Path(sys.executable).parent / "arvode"


def arvode(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ARVODE), *map(str, args)], capture_output=True, text=True, check=False, timeout=60)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_a_spreadsheet_would_run_gets_a_leading_quote(start: str) -> None:
    assert csv_cell(f"{start}HYPERLINK(\"http://x\")") == f"'{start}HYPERLINK(\"http://x\")"
    assert csv_cell("p-1") == "p-1"


def test_payroll_csv_neutralises_a_formula_id_but_not_amounts(tmp_path: Path) -> None:
    claim = tmp_path / "c.yaml"
    claim.write_text(textwrap.dedent("""\
        official: {id: "=HYPERLINK(\\"http://evil\\",\\"klicka\\")", name: "@SUM(A1:A9)"}
        period: 2025-03
        events:
          - {date: 2025-03-12, organ: kommunfullmaktige, kind: sammantrade, called: "13:00-17:00"}
    """), encoding="utf-8")
    out = tmp_path / "lon.csv"
    done = arvode("payroll", "--month", "2025-03", "--no-ledger", claim, "--out", out)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert rows[0]["official"] == "'=HYPERLINK(\"http://evil\",\"klicka\")"
    assert rows[0]["amount"] == "1173.00"


def test_paxml_is_well_formed_whatever_the_text(tmp_path: Path) -> None:
    claim = tmp_path / "c.yaml"
    claim.write_text(textwrap.dedent("""\
        official: {id: "p<1>&\\"'", name: "Åsa <b>Öberg</b> & co"}
        period: 2025-03
        events:
          - {date: 2025-03-12, organ: kommunfullmaktige, kind: sammantrade, called: "13:00-17:00"}
    """), encoding="utf-8")
    out = tmp_path / "lon.xml"
    assert arvode("payroll", "--month", "2025-03", "--no-ledger", claim, "--paxml", out).returncode == 0
    document = xml.dom.minidom.parse(str(out))
    (trans,) = document.getElementsByTagName("lonetrans")
    assert trans.getAttribute("anstid") == "p<1>&\"'"


def test_characters_xml_cannot_hold_are_replaced() -> None:
    text = xml_text("a\x00b\x1bc<&>")
    assert text == "a\ufffdb\ufffdc&lt;&amp;&gt;"
    xml.dom.minidom.parseString(f"<x>{text}</x>")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "Anna\\x1b]0;pwned\\x07"),
        ("name", "Anna\\u200b"),
        ("id", "p-1\\x1b[2J"),
    ],
)
def test_control_characters_in_names_and_ids_are_refused_on_input(tmp_path: Path, field: str, value: str) -> None:
    claim = tmp_path / "c.yaml"
    other = "name: Anna" if field == "id" else "id: p-1"
    claim.write_text(f'official: {{{other}, {field}: "{value}"}}\nperiod: 2025-03\nevents: []\n', encoding="utf-8")
    done = arvode("check", claim)
    assert done.returncode == 2
    assert done.stderr.startswith(f"{claim}:1: official.{field}: ")
    assert "\x1b" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_reference_with_a_control_character_is_refused_in_rules(tmp_path: Path) -> None:
    import shutil

    from arvode import bundled_rules_dir

    rules = tmp_path / "regler"
    shutil.copytree(bundled_rules_dir(), rules)
    path = rules / "bilaga1.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Bilaga 1, uppräkningsdatum 2024-11-25", "Bilaga 1\\x1b[31m", 1), encoding="utf-8")
    done = arvode("rules", "check", rules)
    assert done.returncode == 2
    assert "osynligt tecken eller styrtecken (U+001B)" in done.stdout


def test_nothing_from_an_input_reaches_the_terminal_raw(tmp_path: Path) -> None:
    # The file name itself carries the escape sequence; it is echoed in the error line.
    evil = tmp_path / "x\x1b]0;pwned\x07.yaml"
    evil.write_text("official: {id: p-1}\nperiod: nope\n", encoding="utf-8")
    done = subprocess.run([str(ARVODE), "check", str(evil)], capture_output=True, check=False, timeout=60)
    assert done.returncode == 2
    assert b"\x1b" not in done.stderr
    assert b"\\x1b]0;pwned\\x07" in done.stderr


def test_visible_escapes_controls_and_keeps_text() -> None:
    assert visible("Åsa\tÖberg\n") == "Åsa\tÖberg\n"
    assert visible("a\x1b[2Jb\u202ec\x9b") == "a\\x1b[2Jb\\u202ec\\x9b"


@pytest.mark.parametrize("argv", [["nycklar", "\x1b]0;pwned\x07"], ["check", "--j\x1b[2J", "c.yaml"]],
                         ids=["unknown-argument", "unknown-option"])
def test_an_argument_argparse_echoes_reaches_the_terminal_escaped(argv: list[str]) -> None:
    # Found by the fuzz (test_hostile_fuzz.py): argparse's "unrecognized arguments" bypassed the escaping.
    done = subprocess.run([str(ARVODE), *argv], capture_output=True, check=False, timeout=60)
    assert done.returncode == 2
    assert b"\x1b" not in done.stderr
    assert b"\x07" not in done.stderr
    assert len(done.stderr.splitlines()) == 1
    assert b"\\x1b" in done.stderr
