"""6.5 Omräkning: `arvode omrakna` raises the listed amounts, rounds them and writes a rules set.

Figures are computed by hand from Bilaga 1 (uppräkningsdatum 2024-11-25):
+3.2 %: 1173 × 1.032 = 1210.536 → 1211; 782 × 1.032 = 807.024 → 807;
3360 × 1.032 = 3467.52 → 3468; 1002100 × 1.032 = 1034167.2 → 1034200 (100 kr);
167 × 1.032 = 172.344 → 172; 203 × 1.032 = 209.496 → 209.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

from arvode import ArvodeError, Rules, RulesError, bundled_rules_dir, load_rules
from arvode.base.yaml import load_yaml_text
from arvode.rules.omrakning import omrakna, parse_percent, plan_raises
from arvode.rules.params import parse_parameter

ARVODE = Path(sys.executable).parent / "arvode"
BUNDLED = bundled_rules_dir()
REFERENCE = "KSAPU 2025-11-24 § 150"

RAISED_BY_3_2 = {
    "sammantradesersattning": ("1173", "1211"),
    "forrattningsersattning": ("782", "807"),
    "maxbelopp": ("3360", "3468"),
    "arsarvode": ("1002100", "1034200"),
    "grundarvode_per_timme": ("167", "172"),
    "timlon_fardtid": ("203", "209"),
}
NOT_IN_6_5 = ("reseersattning_per_km", "traktamente_heldag", "prisbasbelopp", "inkomstbasbelopp")


def arvode(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ARVODE), *map(str, args)], capture_output=True, text=True)


def omrakna_cli(out: Path, percent: str = "3.2", start: str = "2026-01-01",
                rules: Path | None = None) -> subprocess.CompletedProcess[str]:
    extra = ["--rules", str(rules)] if rules is not None else []
    return arvode("omrakna", "--percent", percent, "--from", start, "--reference", REFERENCE,
                  "--out", out, *extra)


@pytest.fixture(scope="module")
def raised(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled rules raised by 3.2 % från 2026-01-01, through the installed command."""
    out = tmp_path_factory.mktemp("omrakna") / "pitea-2026"
    done = omrakna_cli(out)
    assert done.returncode == 0, done.stderr
    return out


# -- the arithmetic ----------------------------------------------------------------------


def test_plan_rounds_each_amount_to_its_step(rules: Rules) -> None:
    raises = {r.name: r for r in plan_raises(rules, Decimal("3.2"), dt.date(2026, 1, 1))}
    assert set(raises) == set(RAISED_BY_3_2)
    for name, (old, new) in RAISED_BY_3_2.items():
        assert raises[name].old.value == Decimal(old)
        assert raises[name].new == Decimal(new)
    assert raises["sammantradesersattning"].exact == Decimal("1210.536")
    assert raises["arsarvode"].exact == Decimal("1034167.2")
    assert raises["arsarvode"].steg == Decimal("100")
    assert raises["maxbelopp"].steg == Decimal("1")


def test_exact_half_is_rounded_by_the_rules_mode(tmp_path: Path) -> None:
    # +50 % is the percentage that makes exact halves of Bilaga 1's odd amounts:
    # 167 × 1.5 = 250.5; 203 × 1.5 = 304.5; 1002100 × 1.5 = 1503150 = 15031.5 hundreds.
    half_up = {r.name: r.new for r in plan_raises(load_rules(), Decimal("50"), dt.date(2026, 1, 1))}
    assert half_up["grundarvode_per_timme"] == Decimal("251")
    assert half_up["timlon_fardtid"] == Decimal("305")
    assert half_up["arsarvode"] == Decimal("1503200")
    assert half_up["sammantradesersattning"] == Decimal("1760")  # 1759.5

    for mode, expected in (
        ("ROUND_HALF_EVEN", {"grundarvode_per_timme": "250", "timlon_fardtid": "304",
                             "arsarvode": "1503200", "sammantradesersattning": "1760"}),
        ("ROUND_HALF_DOWN", {"grundarvode_per_timme": "250", "timlon_fardtid": "304",
                             "arsarvode": "1503100", "sammantradesersattning": "1759"}),
    ):
        copy = tmp_path / mode
        shutil.copytree(BUNDLED, copy)
        bilaga = copy / "bilaga1.yaml"
        bilaga.write_text(
            bilaga.read_text(encoding="utf-8").replace("value: ROUND_HALF_UP", f"value: {mode}"),
            encoding="utf-8",
        )
        plan = plan_raises(load_rules(copy), Decimal("50"), dt.date(2026, 1, 1))
        raises = {r.name: r for r in plan}
        assert {k: raises[k].new for k in expected} == {k: Decimal(v) for k, v in expected.items()}
        assert raises["timlon_fardtid"].mode == mode


def test_the_bundled_mode_is_half_up_with_its_reason(rules: Rules) -> None:
    value = rules.value("omrakning.avrundning", dt.date(2026, 1, 1))
    assert value.value == "ROUND_HALF_UP"
    assert value.note is not None
    assert "exakt halva" in value.note
    assert value.reference.startswith("6.5")


@pytest.mark.parametrize("text", ["3.2", "3", "0.25", "+2.5", "-1.5", " 3.2 ", "25", "-25"])
def test_percent_accepts_exact_decimals(text: str) -> None:
    assert parse_percent(text) == Decimal(text.strip())


@pytest.mark.parametrize(("text", "value"), [("3,2", "3.2"), ("-1,5", "-1.5"), (" 0,25 ", "0.25")])
def test_percent_accepts_a_swedish_decimal_comma(text: str, value: str) -> None:
    assert parse_percent(text) == Decimal(value)


@pytest.mark.parametrize(
    "text", ["3,2,1", "3.2e0", "1e1", "nan", "inf", "", "3.2 %", "abc", "0x10", "-100", "-250", "32", "-50", "25.01"]
)
def test_percent_refuses_anything_else(text: str) -> None:
    with pytest.raises(RulesError):
        parse_percent(text)


# -- the written rules set ---------------------------------------------------------------


def test_new_values_from_the_date_old_values_before(raised: Path) -> None:
    new = load_rules(raised)
    for name, (old, value) in RAISED_BY_3_2.items():
        before = new.value(name, dt.date(2025, 12, 31))
        after = new.value(name, dt.date(2026, 1, 1))
        assert before.value == Decimal(old)
        assert (after.value, after.valid_from, after.reference) == (
            Decimal(value), dt.date(2026, 1, 1), REFERENCE
        )
    assert new.value("arsarvode", dt.date(2026, 1, 1)).note == (
        "+3,2 % från 1002100 kr (6.5): 1002100 × 1,032 = 1034167,2, avrundat till närmaste "
        "100 kr (halva uppåt)"
    )


def _history(rules: Rules, name: str) -> list[tuple[object, ...]]:
    return [(v.valid_from, v.value, v.reference, v.note) for v in rules.parameters[name].values]


def test_amounts_not_in_6_5_are_left_alone(raised: Path, rules: Rules) -> None:
    new = load_rules(raised)
    for name in NOT_IN_6_5:
        assert _history(new, name) == _history(rules, name)
    assert new.value("reseersattning_per_km", dt.date(2026, 1, 1)).value == Decimal("2.90")


def test_diff_is_one_line_per_raised_amount(raised: Path) -> None:
    for source in sorted(BUNDLED.iterdir()):
        written = raised / source.name
        if source.name != "bilaga1.yaml":
            assert written.read_bytes() == source.read_bytes(), source.name
    old = (BUNDLED / "bilaga1.yaml").read_text(encoding="utf-8").splitlines()
    new = (raised / "bilaga1.yaml").read_text(encoding="utf-8").splitlines()
    added = [line for line in new if line.startswith("      2026-01-01: ")]
    assert len(added) == len(RAISED_BY_3_2) == len(new) - len(old)
    assert [line for line in new if line not in added] == old  # every other line, in order
    assert added[0] == (
        '      2026-01-01: {value: "1211", reference: "KSAPU 2025-11-24 § 150", note: '
        '"+3,2 % från 1173 kr (6.5): 1173 × 1,032 = 1210,536, avrundat till närmaste 1 kr '
        '(halva uppåt)"}'
    )
    # each new line stands right after the old value of its parameter
    for line in added:
        index = new.index(line)
        assert new[index - 1].startswith("      2025-01-01: ")


def test_cli_summary_names_each_line(tmp_path: Path) -> None:
    done = omrakna_cli(tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert "bilaga1.yaml:14: sammantradesersattning: 1 173 kr → 1 211 kr" in done.stdout
    assert "arsarvode: 1 002 100 kr → 1 034 200 kr" in done.stdout
    assert "inte omräknade (6.5 listar dem inte): prisbasbelopp" in done.stdout
    assert arvode("rules", "check", tmp_path / "out").returncode == 0


def test_a_second_year_raises_the_first_years_amounts(raised: Path, tmp_path: Path) -> None:
    # 1211 × 1.025 = 1241.275 → 1241; 1034200 × 1.025 = 1060055 → 1060100
    done = omrakna_cli(tmp_path / "2027", "2.5", "2027-01-01", rules=raised)
    assert done.returncode == 0, done.stderr
    rules = load_rules(tmp_path / "2027")
    values = rules.parameters["sammantradesersattning"].values
    assert [(v.valid_from.isoformat(), v.value) for v in values] == [
        ("2025-01-01", Decimal("1173")), ("2026-01-01", Decimal("1211")),
        ("2027-01-01", Decimal("1241")),
    ]
    assert rules.value("arsarvode", dt.date(2027, 1, 1)).value == Decimal("1060100")


def test_block_style_value_gets_its_line_after_the_whole_entry(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(BUNDLED, source)
    bilaga = source / "bilaga1.yaml"
    flow = '      2025-01-01: {value: "3360", reference: "Bilaga 1, uppräkningsdatum 2024-11-25"}\n'
    block = textwrap.indent(textwrap.dedent("""\
        2025-01-01:
          value: "3360"
          reference: "Bilaga 1, uppräkningsdatum 2024-11-25"
          note: >-
            A folded note over
            two lines.

        # a comment that stays where it is
    """), "      ")
    text = bilaga.read_text(encoding="utf-8")
    assert flow in text
    bilaga.write_text(text.replace(flow, block), encoding="utf-8")
    result = omrakna(Decimal("3.2"), dt.date(2026, 1, 1), REFERENCE, tmp_path / "out", source)
    lines = (tmp_path / "out" / "bilaga1.yaml").read_text(encoding="utf-8").splitlines()
    at = dict(zip([r.name for r in result.raises], result.lines, strict=True))["maxbelopp"][1]
    assert lines[at - 2] == "          two lines."
    assert lines[at - 1].startswith('      2026-01-01: {value: "3468"')
    assert lines[at] == ""
    assert lines[at + 1] == "      # a comment that stays where it is"
    assert load_rules(tmp_path / "out").value("maxbelopp", dt.date(2026, 1, 1)).value == 3468


def test_flow_style_values_are_refused_with_their_place(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(BUNDLED, source)
    bilaga = source / "bilaga1.yaml"
    entry = '2025-01-01: {value: "782", reference: "Bilaga 1, uppräkningsdatum 2024-11-25"}'
    text = bilaga.read_text(encoding="utf-8")
    assert f"    values:\n      {entry}\n" in text
    text = text.replace(f"    values:\n      {entry}\n", f"    values: {{{entry}}}\n")
    bilaga.write_text(text, encoding="utf-8")
    done = omrakna_cli(tmp_path / "out", rules=source)
    assert done.returncode == 2
    assert "forrattningsersattning.values" in done.stderr
    assert "blockmappning" in done.stderr
    assert not (tmp_path / "out").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["src"]  # no half-written folder left


# -- refusals ----------------------------------------------------------------------------


@pytest.mark.parametrize("percent", ["3,2,0", "3.2e0", "abc", "nan", "0.1 %"])
def test_cli_refuses_a_percent_that_is_not_an_exact_decimal(tmp_path: Path, percent: str) -> None:
    done = omrakna_cli(tmp_path / "out", percent)
    assert done.returncode == 2
    assert "inte ett exakt decimaltal" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_cli_refuses_an_implausible_percent(tmp_path: Path) -> None:
    done = omrakna_cli(tmp_path / "out", "32")  # 3,2 typed without its comma
    assert done.returncode == 2
    assert "orimlig för en årlig omräkning" in done.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("start", ["2025-01-01", "2024-12-31"])
def test_cli_refuses_a_date_not_after_the_latest_value(tmp_path: Path, start: str) -> None:
    done = omrakna_cli(tmp_path / "out", start=start)
    assert done.returncode == 2
    assert "är inte efter det senaste värdet" in done.stderr
    assert "bilaga1.yaml:13" in done.stderr
    assert not (tmp_path / "out").exists()


def test_cli_refuses_a_bad_date(tmp_path: Path) -> None:
    done = omrakna_cli(tmp_path / "out", start="2026-13-01")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_cli_refuses_an_out_folder_that_is_not_empty(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    done = omrakna_cli(out)
    assert done.returncode == 2
    assert "finns och är inte en tom mapp" in done.stderr
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_cli_fills_an_empty_out_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    assert omrakna_cli(out).returncode == 0
    assert (out / "bilaga1.yaml").is_file()


def test_out_inside_the_source_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(BUNDLED, source)
    with pytest.raises(RulesError, match="i den ursprungliga regelmappen"):
        omrakna(Decimal("3.2"), dt.date(2026, 1, 1), REFERENCE, source / "new", source)


def test_reference_must_be_one_line(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="en rad"):
        omrakna(Decimal("3.2"), dt.date(2026, 1, 1), "KSAPU\n§ 1", tmp_path / "out")


# -- the marker is data ------------------------------------------------------------------


def _parameter(body: str) -> list[str]:
    node = load_yaml_text(textwrap.dedent(body), "p.yaml", RulesError)
    problems: list[ArvodeError] = []
    parse_parameter("x", node, problems)
    return [str(p) for p in problems]


def test_marker_needs_a_positive_step_and_a_reference() -> None:
    assert _parameter("""
        description: X
        section: "6.5"
        unit: kr
        omrakning: {steg: "0", naam: y}
        values: {2025-01-01: {value: "1", reference: "r"}}
    """) == [
        "p.yaml:5: omrakning.naam: okänt fält (ett av: note, reference, steg)",
        "p.yaml:5: omrakning.steg: avrundningssteget måste vara större än 0 kr (är '0')",
        "p.yaml:5: omrakning.reference: obligatoriskt fält saknas",
    ]


def test_marker_only_on_amounts_in_kr() -> None:
    assert _parameter("""
        description: X
        section: "6.5"
        unit: percent
        omrakning: {steg: "1", reference: "6.5"}
        values: {2025-01-01: {value: "1", reference: "r"}}
    """) == ["p.yaml:5: omrakning: 6.5 räknar bara om belopp i kr, inte enheten 'percent'"]


def test_a_float_step_is_refused() -> None:
    problems = _parameter("""
        description: X
        section: "6.5"
        unit: kr
        omrakning: {steg: 0.5, reference: "6.5"}
        values: {2025-01-01: {value: "1", reference: "r"}}
    """)
    assert len(problems) == 1
    assert "är ett flyttal" in problems[0]


# -- claims use the amounts in force on each event's day ---------------------------------


def test_claim_spanning_the_change_gets_old_then_new_amounts(tmp_path: Path) -> None:
    out = tmp_path / "mid-2026"
    assert omrakna_cli(out, start="2026-06-15").returncode == 0
    claim = tmp_path / "claim.yaml"
    claim.write_text(textwrap.dedent("""\
        official: {id: p-1, assignments: [{role: ksapu.ledamot, from: 2023-01-01}]}
        period: 2026-06
        events:
          - {date: 2026-06-14, organ: socialnamnden, kind: sammantrade,
             called: "13:00-17:00", attended: "13:00-17:00"}
          - {date: 2026-06-15, organ: socialnamnden, kind: sammantrade,
             called: "13:00-17:00", attended: "13:00-17:00"}
    """), encoding="utf-8")
    done = arvode("check", "--json", "--rules", out, claim)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    fees = {line["date"]: line["amount"] for line in result["lines"]
            if line["type"] == "sammantradesersattning"}
    assert fees == {"2026-06-14": "1173.00", "2026-06-15": "1211.00"}
    # KSAPU ledamot 13 %: 1–14 June at 1 002 100 kr, 15–30 June at 1 034 200 kr.
    # 130 273,00 / 12 = 10 856,08; 14/30 of it = 5 066,17.
    # 134 446,00 / 12 = 11 203,83; 11 203,83 − round(14/30 × 11 203,83 = 5 228,454) = 5 975,38.
    arsarvode = [line["amount"] for line in result["lines"] if line["type"] == "arsarvode"]
    assert arsarvode == ["5066.17", "5975.38"]
    assert result["totals"]["total"] == "13425.55"  # 1173 + 1211 + 5066.17 + 5975.38
