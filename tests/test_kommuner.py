"""Another municipality is a folder of YAML (issue: Hudiksvall, Umeå and Mönsterås).

The committee's hand-computed cases for each set run in ``tests/cases`` (and
``test_testfall``); this file holds what those cases do not: the rules language
itself (computed and missing values, rounding, levels, seats, the cap and its
exemptions, a substitute's share), the gaps each set refuses with their names,
the bundled sets by name on the command line, and that no Python file names a
municipality. Every amount is worked out by hand beside the assertion.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

from arvode import (
    DEFAULT_RULES,
    MissingAmountError,
    NoRuleInForceError,
    Rules,
    bundled_rules_dir,
    calculate,
    check_rules,
    claim_from_text,
    load_rules,
)
from arvode.rules.belopp import Formula, Rounding
from arvode.rules.compiled import Compiled
from arvode.rules.params import DatedValue, Parameter

ROOT = Path(__file__).resolve().parents[1]
ARVODE = [sys.executable, "-m", "arvode"]
SETS = ("hudiksvall", "monsteras", "pitea", "umea")


@pytest.fixture(scope="module")
def sets() -> dict[str, Rules]:
    return {name: load_rules(bundled_rules_dir(name)) for name in SETS}


def claim(rules: Rules, data: dict[str, Any]) -> Any:
    return claim_from_text(yaml.safe_dump(data, allow_unicode=True), rules, "test.yaml")


def meeting(day: str, organ: str, span: str, **more: Any) -> dict[str, Any]:
    return {"date": day, "organ": organ, "kind": more.pop("kind", "sammantrade"), "called": span,
            "attended": span, **more}


# ---------------------------------------------------------------------------- the bundled sets
@pytest.mark.parametrize("name", SETS)
def test_each_bundled_set_checks_clean_and_lists_its_gaps(name: str) -> None:
    report = check_rules(bundled_rules_dir(name))
    assert report.ok, [str(p) for p in report.problems]
    if name == DEFAULT_RULES:
        # Piteå gives every parameter but the two timkostnader Bilaga 1 leaves empty (5.2, 5.3) and
        # the rounding of a share 2.1.1 never pays.
        assert set(report.gaps) == {"timkostnad_barntillsyn", "timkostnad_vard_och_tillsyn",
                                    "ersattare_ej_tjanstgorande.avrundning_steg"}
    else:
        assert "flera_sammantraden_samma_dag" in report.gaps  # no set but Piteå's says how


def test_no_python_file_names_a_municipality(sets: dict[str, Rules]) -> None:
    """Only the default set's name, once: a municipality is data, never code."""
    names = set(SETS)
    for rules in sets.values():
        names.add(str(rules.meta["municipality"]).split(" ")[0])  # Piteå, Hudiksvalls, Umeå, Mönsterås
    names |= {"Hudiksvall", "Mönsterås", "Umeå", "Piteå"}
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names)), re.IGNORECASE)
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "arvode").rglob("*"))
        if path.suffix in {".py", ".html", ".css", ".js"}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert found == [f"arvode/rules/load.py:{_default_line()}: DEFAULT_RULES = \"{DEFAULT_RULES}\""]


def _default_line() -> int:
    lines = (ROOT / "arvode" / "rules" / "load.py").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith("DEFAULT_RULES ="))


def test_a_bundled_set_by_name_on_the_command_line(tmp_path: Path) -> None:
    # Umeå's own example: 15:00–17:20 in 2024 = grundarvode 738 + 2 × 123 + 123 = 1 107 kr
    path = tmp_path / "umea.yaml"
    path.write_text(yaml.safe_dump({"official": {"id": "u-1"}, "period": "2024-03", "events": [
        meeting("2024-03-13", "individ_och_familjenamnden", "15:00-17:20")]}), encoding="utf-8")
    done = subprocess.run([*ARVODE, "check", "--json", "--rules", "umea", str(path)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert '"total": "1107.00"' in done.stdout
    # The same claim under the default set: Umeå's organ is not Piteå's, refused with its place
    refused = subprocess.run([*ARVODE, "check", str(path)], capture_output=True, text=True, check=False)
    assert refused.returncode == 2
    assert refused.stderr.startswith(f"{path}:")


@pytest.mark.parametrize(("name", "day", "shown"), [
    # Hudiksvall 2023: KF 1,6 % × 73 000 = 1 168; heldag 1,3 % × 73 000 = 949
    ("hudiksvall", "2023-06-01", ["1 168 kr", "949 kr", "657 kr", "329 kr"]),
    # Umeå 2024: timarvode 246, grundarvode 3 × 246 = 738, half hour 123
    ("umea", "2024-03-01", ["246 kr", "738 kr", "123 kr"]),
    # Mönsterås 2023: 0,8 % × 73 000 = 584 → 580; 40 % × 584 = 233,60 → 230; KF 50 % × 584 = 292 → 290
    ("monsteras", "2023-10-01", ["580 kr", "230 kr", "290 kr", "510 kr"]),
])
def test_bilaga_works_for_each_set(name: str, day: str, shown: list[str]) -> None:
    done = subprocess.run([*ARVODE, "bilaga", "--rules", name, "--date", day], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    for amount in shown:
        assert f"| {amount} |" in done.stdout


# ---------------------------------------------------------------------------- computed values
def _parameter(name: str, *values: DatedValue[Any]) -> Parameter:
    return Parameter(name=name, description=name, unit="kr", section="t", values=values)


def _dated(name: str, value: Any = None, formula: Formula | None = None, missing: bool = False,
           day: str = "2025-01-01") -> DatedValue[Any]:
    return DatedValue(name, value, dt.date.fromisoformat(day), "test", formula=formula, missing=missing)


HALF_UP = Rounding(Decimal(1), "ROUND_HALF_UP")


def test_a_computed_value_rounds_as_its_rule_says_and_may_use_the_unrounded_base() -> None:
    base = _parameter("bas", _dated("bas", Decimal(1000)))
    # 0,45 % × 1 000 = 4,50 → 5 (whole kronor, halves up)
    a = _parameter("a", _dated("a", formula=Formula("bas", Fraction(45, 10000), "0,45 %", HALF_UP)))
    # ½ × 4,50 (unrounded) = 2,25 → 2;  ½ × 5 (rounded) = 2,50 → 3
    b = _parameter("b", _dated("b", formula=Formula("a", Fraction(1, 2), "1/2", HALF_UP, unrounded=True)))
    c = _parameter("c", _dated("c", formula=Formula("a", Fraction(1, 2), "1/2", HALF_UP)))
    compiled = Compiled({p.name: p for p in (base, a, b, c)})
    day = dt.date(2025, 6, 1)
    assert compiled.value("a", day).value == Decimal(5)
    assert compiled.value("b", day).value == Decimal(2)
    assert compiled.value("c", day).value == Decimal(3)
    found = compiled.value("b", day)
    assert found.derivation == "1/2 × a 4,50 kr (oavrundat) = 2,25 kr, avrundat till hel krona (halva uppåt): 2,00 kr"
    assert [v.name for v in found.basis] == ["a"]


def test_a_computed_value_follows_its_base_to_each_new_date() -> None:
    base = _parameter("bas", _dated("bas", Decimal(73000), day="2023-01-01"),
                      _dated("bas", Decimal(75500), day="2024-01-01"))
    # 1,3 % × 73 000 = 949; 1,3 % × 75 500 = 981,50 → 982
    fee = _parameter("fee", _dated("fee", formula=Formula("bas", Fraction(13, 1000), "1,3 %", HALF_UP),
                                   day="2023-01-01"))
    compiled = Compiled({"bas": base, "fee": fee})
    assert compiled.value("fee", dt.date(2023, 12, 31)).value == Decimal(949)
    assert compiled.value("fee", dt.date(2024, 1, 1)).value == Decimal(982)
    assert compiled.value("fee", dt.date(2024, 1, 1)).valid_from == dt.date(2024, 1, 1)
    assert compiled.change_days("fee") == (dt.date(2023, 1, 1), dt.date(2024, 1, 1))


def test_a_missing_value_and_what_is_computed_from_it_refuse_naming_the_root() -> None:
    base = _parameter("grundbelopp", _dated("grundbelopp", Decimal(942521), day="2023-01-01"),
                      _dated("grundbelopp", missing=True, day="2024-01-01"))
    derived = _parameter("arsarvode", _dated("arsarvode", formula=Formula("grundbelopp", Fraction(1), "1"),
                                             day="2023-01-01"))
    compiled = Compiled({"grundbelopp": base, "arsarvode": derived})
    assert compiled.value("arsarvode", dt.date(2023, 6, 1)).value == Decimal(942521)
    with pytest.raises(MissingAmountError, match=r"arsarvode räknas fram ur grundbelopp: .*grundbelopp.* 2024-02-01"):
        compiled.value("arsarvode", dt.date(2024, 2, 1))
    # read from the version's table of values, as pricing does: the same refusal, without the day
    with pytest.raises(MissingAmountError, match="grundbelopp"):
        _ = compiled.version(dt.date(2024, 2, 1)).get("arsarvode").value


def test_rules_check_finds_a_circle_of_computed_values(tmp_path: Path) -> None:
    folder = tmp_path / "monsteras"
    shutil.copytree(bundled_rules_dir("monsteras"), folder)
    text = (folder / "belopp.yaml").read_text(encoding="utf-8")
    text = text.replace("percent: \"0.8\"\n        of: riksdagsarvode", "percent: \"0.8\"\n        of: timarvode")
    (folder / "belopp.yaml").write_text(text, encoding="utf-8")
    report = check_rules(folder)
    assert any("räknas fram ur sig själv (grundarvode → timarvode → grundarvode)" in str(p)
               for p in report.problems), [str(p) for p in report.problems]


def test_rules_check_finds_a_scheme_naming_what_the_set_lacks(tmp_path: Path) -> None:
    folder = tmp_path / "umea"
    shutil.copytree(bundled_rules_dir("umea"), folder)
    text = (folder / "moten.yaml").read_text(encoding="utf-8")
    (folder / "moten.yaml").write_text(text.replace("amount: halvtimmesarvode", "amount: halvtimarvode"),
                                       encoding="utf-8")
    problems = [str(p) for p in check_rules(folder).problems]
    assert any("fee_schemes.timarvode: anger parametern 'halvtimarvode', som regelsamlingen inte har" in p
               for p in problems), problems


def test_a_declared_parameter_may_be_left_out_only_under_meta_gaps(tmp_path: Path) -> None:
    folder = tmp_path / "umea"
    shutil.copytree(bundled_rules_dir("umea"), folder)
    text = (folder / "luckor.yaml").read_text(encoding="utf-8")
    (folder / "luckor.yaml").write_text(re.sub(r"    maxbelopp: .*\n", "", text), encoding="utf-8")
    problems = [str(p) for p in check_rules(folder).problems]
    assert any("parameters.maxbelopp: saknas: arvode läser maxbelopp" in p for p in problems), problems


# ---------------------------------------------------------------------------- Hudiksvall
def test_hudiksvall_oppositionsrad_by_seats_and_the_40_percent_threshold(sets: dict[str, Rules]) -> None:
    rules = sets["hudiksvall"]
    event = meeting("2023-05-09", "byggnadsnamnden", "13:00-16:00")
    # 5 seats: 30 % (3–5 seats) < 40 %: begränsat arvode, the meeting pays a halvdag 657 (3 h ≤ 4 h);
    # årsarvode 30 % × 12 × 73 000 = 262 800 per year, 21 900 per month
    five = calculate(claim(rules, {"official": {"id": "h-1", "assignments": [
        {"role": "oppositionsrad", "from": "2023-01-01", "seats": 5}]}, "period": "2023-05", "events": [event]}),
        rules)
    assert five.totals == {"sammantradesersattning": Decimal("657.00"), "arsarvode": Decimal("21900.00"),
                           "total": Decimal("22557.00")}
    # 6 seats: exactly 40 %: "minst 40 procent" is årsarvoderad, the meeting pays 0,00;
    # 40 % × 876 000 / 12 = 29 200
    six = calculate(claim(rules, {"official": {"id": "h-1", "assignments": [
        {"role": "oppositionsrad", "from": "2023-01-01", "seats": 6}]}, "period": "2023-05", "events": [event]}),
        rules)
    assert six.totals == {"sammantradesersattning": Decimal("0.00"), "arsarvode": Decimal("29200.00"),
                          "total": Decimal("29200.00")}
    assert "minst 40 procent" in six.lines[0].text
    # 10 seats: 45 % + (10 − 9) × 5 % = 50 %; 50 % × 876 000 / 12 = 36 500
    ten = calculate(claim(rules, {"official": {"id": "h-1", "assignments": [
        {"role": "oppositionsrad", "from": "2023-01-01", "seats": 10}]}, "period": "2023-05", "events": []}),
        rules)
    assert ten.total == Decimal("36500.00")
    assert "10 platser i fullmäktige: 45 % från 9 platser + 1 × 5 % = 50 %" in ten.lines[0].text


def test_hudiksvall_oppositionsrad_gets_no_fee_for_ks_meetings_below_40_percent(sets: dict[str, Rules]) -> None:
    rules = sets["hudiksvall"]
    # 5 seats: 30 %, begränsat arvode. § 10: «sammanträdesarvode inte utgår till oppositionsråd för
    # sammanträde med kommunstyrelsen»: the KS meeting pays 0,00 with the reason; a byggnadsnämnd
    # meeting still pays its halvdag 657 (3 h ≤ 4 h). Lost income for the KS meeting is still paid:
    # 3 h × 400 = 1 200 (under the hour cap 456).
    ks = dict(meeting("2023-05-09", "kommunstyrelsen", "09:00-12:00"),
              lost_income={"hours": "3"})
    bn = meeting("2023-05-10", "byggnadsnamnden", "13:00-16:00")
    result = calculate(claim(rules, {"official": {"id": "h-1", "income": {"hourly": "400"}, "assignments": [
        {"role": "oppositionsrad", "from": "2023-01-01", "seats": 5}]}, "period": "2023-05", "events": [ks, bn]}),
        rules)
    fees = [line for line in result.lines if line.type == "sammantradesersattning"]
    assert [(line.date.isoformat(), line.amount) for line in fees] == [
        ("2023-05-09", Decimal("0.00")), ("2023-05-10", Decimal("657.00"))]
    assert fees[0].rule == "§ 10"
    assert "oppositionsråd" in fees[0].text
    assert "Kommunstyrelsen" in fees[0].text
    assert result.totals["forlorad_arbetsinkomst"] == Decimal("1200.00")
    # Another official (no oppositionsråd role) is paid for the same KS meeting: halvdag 657.
    other = calculate(claim(rules, {"official": {"id": "h-9"}, "period": "2023-05", "events": [meeting(
        "2023-05-09", "kommunstyrelsen", "09:00-12:00")]}), rules)
    assert other.total == Decimal("657.00")


def _problems_after(tmp_path: Path, name: str, file: str, old: str, new: str) -> list[str]:
    """``rules check`` of a copy of bundled set ``name`` with ``old`` replaced by ``new`` in ``file``."""
    folder = tmp_path / name
    shutil.copytree(bundled_rules_dir(name), folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return [str(p) for p in check_rules(folder).problems]


def test_hudiksvall_oppositionsrad_bar_holds_as_a_substitute_and_not_at_0_percent(sets: dict[str, Rules]) -> None:
    rules = sets["hudiksvall"]
    ks = meeting("2023-05-09", "kommunstyrelsen", "09:00-12:00", serving=False)

    def total(seats: int) -> Decimal:
        return calculate(claim(rules, {"official": {"id": "h-1", "assignments": [
            {"role": "oppositionsrad", "from": "2023-01-01", "seats": seats}]}, "period": "2023-05",
            "events": [ks]}), rules).totals.get("sammantradesersattning", Decimal(0))
    # 5 seats (30 %): attending KS as a present substitute (§ 2 a) still pays no fee (§ 10)
    assert total(5) == Decimal("0.00")
    # 2 seats: 0 %, no oppositionsråd is paid, so the bar does not apply: halvdag 657
    assert total(2) == Decimal("657.00")


def test_no_fee_at_names_known_organs_and_kinds(tmp_path: Path) -> None:
    problems = _problems_after(tmp_path, "hudiksvall", "roller.yaml", "organs: [kommunstyrelsen]",
                               "organs: [kommunstyrelsn]")
    assert any("roles.oppositionsrad.no_fee_at" in p and "'kommunstyrelsn' finns inte" in p for p in problems), problems


def test_hudiksvall_pays_a_specially_called_substitute_as_a_present_one(sets: dict[str, Rules]) -> None:
    rules = sets["hudiksvall"]
    # § 2 a pays every «närvarande ersättare»: 3 h ≤ 4 h, halvdag 0,9 % × 73 000 = 657 (2023),
    # the same whether or not the substitute was specially called
    for called in (True, False):
        event = meeting("2023-05-10", "byggnadsnamnden", "13:00-16:00", serving=False, specially_called=called)
        result = calculate(claim(rules, {"official": {"id": "h-8"}, "period": "2023-05", "events": [event]}), rules)
        assert result.total == Decimal("657.00")


@pytest.mark.parametrize("name", ["umea", "monsteras"])
def test_a_specially_called_substitute_is_refused_where_the_sources_are_silent(
        name: str, sets: dict[str, Rules]) -> None:
    rules = sets[name]
    organ = next(key for key in rules.organs if key != "kommunfullmaktige")
    event = meeting("2024-04-03", organ, "09:00-10:00", serving=False, specially_called=True)
    with pytest.raises(MissingAmountError, match="sarskilt_kallad"):
        calculate(claim(rules, {"official": {"id": "s-1"}, "period": "2024-04", "events": [event]}), rules)


def test_pitea_pays_a_specially_called_substitute_as_serving(sets: dict[str, Rules]) -> None:
    rules = sets["pitea"]
    # 2.1.1: «övriga ersättare som särskilt kallas» have the fee: 2 h > 1 h, a whole
    # sammanträdesersättning 1 173 (2025); not called specially: 0,00, travel only.
    called = meeting("2025-04-03", "socialnamnden", "09:00-11:00", serving=False, specially_called=True)
    plain = meeting("2025-04-03", "socialnamnden", "09:00-11:00", serving=False)
    assert calculate(claim(rules, {"official": {"id": "s-1"}, "period": "2025-04", "events": [called]}),
                     rules).total == Decimal("1173.00")
    assert calculate(claim(rules, {"official": {"id": "s-1"}, "period": "2025-04", "events": [plain]}),
                     rules).total == Decimal("0.00")


def test_monsteras_kf_substitute_not_serving_is_refused_but_a_namnd_substitute_is_paid(
        sets: dict[str, Rules]) -> None:
    rules = sets["monsteras"]
    kf = dict(meeting("2021-06-14", "kommunfullmaktige", "18:00-21:00", serving=False))
    with pytest.raises(MissingAmountError, match=r"arvodesmodellen kf .*punkt 1–3"):
        calculate(claim(rules, {"official": {"id": "m-1"}, "period": "2021-06", "events": [kf]}), rules)
    organ = next(key for key in rules.organs if key != "kommunfullmaktige")
    # § 6: 75 % of the member's fee to 10 kr; 2 h (2021): 560 + 220 = 780; 0,75 × 780 = 585 → 590
    namnd = meeting("2021-06-15", organ, "09:00-11:00", serving=False)
    assert calculate(claim(rules, {"official": {"id": "m-1"}, "period": "2021-06", "events": [namnd]}),
                     rules).total == Decimal("590.00")


def test_a_lost_vacation_day_is_refused_by_the_missing_rule_not_the_missing_deadline(sets: dict[str, Rules]) -> None:
    rules = sets["umea"]
    # Umeå has no deadline (nothing is late) and no 3.2 b rule: the refusal names the latter.
    event = dict(meeting("2024-04-03", "individ_och_familjenamnden", "09:00-12:00"), lost_vacation_days=1)
    with pytest.raises(MissingAmountError, match=r"forlorad_semesterdag\.tak_andel"):
        calculate(claim(rules, {"official": {"id": "u-1", "income": {"hourly": "300"}}, "period": "2024-04",
                                "events": [event]}), rules)


def test_plausibility_refusals_cite_the_sets_own_section(sets: dict[str, Rules]) -> None:
    event = meeting("2024-04-03", "individ_och_familjenamnden", "00:00-23:59")
    event["lost_income"] = {"hours": "25"}
    umea = calculate(claim(sets["umea"], {"official": {"id": "u-1", "income": {"hourly": "300"}},
                                          "period": "2024-04", "events": [event]}), sets["umea"])
    assert [(r.rule, r.reason.split(":")[0]) for r in umea.rejected] == [("rimlighet", "orimligt")]
    pitea_event = meeting("2025-04-03", "socialnamnden", "00:00-23:59", lost_income={"hours": "25"})
    pitea = calculate(claim(sets["pitea"], {"official": {"id": "p-1", "income": {"hourly": "300"}},
                                            "period": "2025-04", "events": [pitea_event]}), sets["pitea"])
    assert [r.rule for r in pitea.rejected] == ["6.1"]


def test_hudiksvall_seats_are_needed_for_a_role_by_seats(sets: dict[str, Rules]) -> None:
    rules = sets["hudiksvall"]
    with pytest.raises(Exception, match="ange seats i uppdraget"):
        calculate(claim(rules, {"official": {"id": "h-1", "assignments": [
            {"role": "oppositionsrad", "from": "2023-01-01"}]}, "period": "2023-05", "events": []}), rules)


def test_hudiksvall_the_85_percent_cap_spares_the_ks_ordforande(sets: dict[str, Rules]) -> None:
    rules = sets["hudiksvall"]
    # 2022, riksdagsarvode 71 500. KS 1:e vice 85 % (60 775 a month) and KF ordförande 18 % (12 870):
    # 103 % > 85 %, so 18 % is cut: −18 % × 858 000 / 12 = −12 870; the month pays 60 775
    vice = calculate(claim(rules, {"official": {"id": "h-2", "assignments": [
        {"role": "kommunstyrelsen.forste_vice_ordforande", "from": "2022-01-01"},
        {"role": "kommunfullmaktige.ordforande", "from": "2022-01-01"}]}, "period": "2022-10", "events": []}),
        rules)
    assert vice.total == Decimal("60775.00")
    assert any(line.amount == Decimal("-12870.00") and "får inte överstiga 85 %" in line.text
               for line in vice.lines)
    # KS ordförande 100 % stands above the 85 % cap, but no one's total exceeds it: with KF
    # ordförande 18 % the sum is 118 % > 100 %, so 18 % is cut: 71 500 + 12 870 − 12 870 = 71 500
    chair = calculate(claim(rules, {"official": {"id": "h-3", "assignments": [
        {"role": "kommunstyrelsen.ordforande", "from": "2022-01-01"},
        {"role": "kommunfullmaktige.ordforande", "from": "2022-01-01"}]}, "period": "2022-10", "events": []}),
        rules)
    assert chair.total == Decimal("71500.00")
    assert any(line.amount == Decimal("-12870.00") and "får inte överstiga 100 %" in line.text
               for line in chair.lines)
    # KS ordförande alone: 100 % is paid whole (71 500), no cut
    alone = calculate(claim(rules, {"official": {"id": "h-3", "assignments": [
        {"role": "kommunstyrelsen.ordforande", "from": "2022-01-01"}]}, "period": "2022-10", "events": []}),
        rules)
    assert [line.amount for line in alone.lines] == [Decimal("71500.00")]


def test_hudiksvall_gaps_are_refused_with_their_names(sets: dict[str, Rules]) -> None:
    rules = sets["hudiksvall"]
    # 2021: the riksdagsarvode is only partly read, so nothing computed from it can be paid
    with pytest.raises(MissingAmountError, match="riksdagsarvode"):
        calculate(claim(rules, {"official": {"id": "h-4", "assignments": [
            {"role": "kommunstyrelsen.ordforande", "from": "2021-01-01"}]}, "period": "2021-03", "events": []}),
            rules)
    # 2022: Bilaga 3's amounts start 2023-01-01
    with pytest.raises(NoRuleInForceError, match=r"events\[0\]\.date: inga regler gäller före 2023-01-01: halvdag"):
        calculate(claim(rules, {"official": {"id": "h-4"}, "period": "2022-05",
                                "events": [meeting("2022-05-10", "tekniska_namnden", "13:00-16:00")]}), rules)


def test_hudiksvall_has_no_deadline_and_no_pension_share(sets: dict[str, Rules]) -> None:
    rules = sets["hudiksvall"]
    # reported two years late: no deadline is known, so nothing is refused for lateness;
    # 8 h × 500 = 4 000, capped at 8 × 456 = 3 648 (2023); heldag 949
    result = calculate(claim(rules, {"official": {"id": "h-5", "income": {"hourly": "500"}}, "period": "2023-03",
                                     "events": [meeting("2023-03-14", "tekniska_namnden", "08:00-16:00",
                                                        lost_income={"hours": "8"}, reported="2025-06-01")]}),
                       rules)
    assert result.rejected == ()
    assert result.totals == {"sammantradesersattning": Decimal("949.00"),
                             "forlorad_arbetsinkomst": Decimal("3648.00"), "total": Decimal("4597.00")}
    assert [w.text for w in result.warnings] == [
        "regelsamlingen ger ingen procentsats för förlorad pensionsförmån på förlorad arbetsinkomst "
        "(forlorad_pensionsforman.procent): ingen sådan rad är beräknad"]


# ---------------------------------------------------------------------------- Umeå and Mönsterås
def test_umea_kommunalrad_get_the_published_kronor(sets: dict[str, Rules]) -> None:
    rules = sets["umea"]
    # Kommunalråd 1: the source publishes 1 178 156 kr (not 942 521 × 125 % = 1 178 151,25):
    # May 2023 = 1 178 156 / 12 = 98 179,666… → 98 179,67. Kommunalråd 3 has no published amount:
    # 942 521 × 110 % = 1 036 773,10 / 12 = 86 397,758… → 86 397,76.
    def month(role: str) -> Decimal:
        return calculate(claim(rules, {"official": {"id": "u-1", "assignments": [
            {"role": role, "from": "2023-01-01"}]}, "period": "2023-05", "events": []}), rules).total
    assert month("kommunstyrelsen.kommunalrad_1") == Decimal("98179.67")
    assert month("kommunstyrelsen.kommunalrad_2") == Decimal("86398.25")  # 1 036 779 / 12 = 86 398,25
    assert month("kommunstyrelsen.kommunalrad_3") == Decimal("86397.76")


def test_yearly_kr_needs_a_percent_and_a_positive_amount(tmp_path: Path) -> None:
    problems = _problems_after(tmp_path, "umea", "roller.yaml", 'yearly_kr: "1178156"', 'yearly_kr: "0"')
    assert any("yearly_kr 0 ska vara ett positivt belopp" in p for p in problems), problems


def test_umea_gaps_are_refused_with_their_names(sets: dict[str, Rules]) -> None:
    rules = sets["umea"]
    substitute = meeting("2024-04-03", "individ_och_familjenamnden", "09:00-10:00", serving=False)
    with pytest.raises(MissingAmountError, match="ersattare_ej_tjanstgorande"):
        calculate(claim(rules, {"official": {"id": "u-1"}, "period": "2024-04", "events": [substitute]}), rules)
    # 2025: the timarvode's uprating is unknown, so 2025 is not computed from 2024's
    with pytest.raises(MissingAmountError, match="timarvode"):
        calculate(claim(rules, {"official": {"id": "u-1"}, "period": "2025-04", "events": [
            meeting("2025-04-03", "individ_och_familjenamnden", "09:00-10:00")]}), rules)


def test_monsteras_substitute_share_is_rounded_to_ten_kronor(sets: dict[str, Rules]) -> None:
    rules = sets["monsteras"]
    # 2021, 2 h: 560 + 220 = 780; a substitute who does not serve gets 75 % × 780 = 585 → 590
    result = calculate(claim(rules, {"official": {"id": "m-1"}, "period": "2021-10", "events": [
        meeting("2021-10-05", "socialnamnden", "13:00-15:00", serving=False)]}), rules)
    assert result.totals == {"sammantradesersattning": Decimal("590.00"), "total": Decimal("590.00")}
    assert "75 % av" in result.lines[0].text
    assert "avrundat till närmaste 10 kr (halva uppåt): 590,00 kr" in result.lines[0].text


def test_monsteras_inlasning_only_in_the_three_arbetsutskott_and_only_serving(sets: dict[str, Rules]) -> None:
    rules = sets["monsteras"]
    # KF is not one of KS, BUN and SN: a KF utskott pays its timarvode only (1 h: 560);
    # a substitute in SN's utskott who does not serve gets 75 % × 560 = 420 and no inläsning
    result = calculate(claim(rules, {"official": {"id": "m-2"}, "period": "2021-09", "events": [
        meeting("2021-09-07", "kommunfullmaktige", "08:00-09:00", kind="utskott"),
        meeting("2021-09-14", "socialnamnden", "13:00-14:00", kind="utskott", serving=False)]}), rules)
    assert result.totals == {"sammantradesersattning": Decimal("980.00"), "total": Decimal("980.00")}
