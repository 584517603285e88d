"""The committee's test cases (``tests/cases/KOMMUN/*.yaml``), each one a test, and their checker.

Every case was computed by hand from the regulation and Bilaga 1 (its
``arithmetic``); a case agrees when the engine gives its totals exactly and
every line and refusal it lists. A case for a rules set that does not ship yet
(Hudiksvall, Umeå, Mönsterås) is skipped with the reason, and runs by itself
the day that set is bundled.
"""

from __future__ import annotations

import shutil
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

import arvode.testfall
from arvode import (
    ClaimError,
    Rules,
    bundled_rules_dir,
    check_case,
    find_cases,
    load_case,
    load_rules,
    missing_rules_reason,
    rules_for_case,
    run_case,
)

CASES = Path(__file__).resolve().parent / "cases"
ALL = find_cases([CASES])


@pytest.mark.parametrize("path", ALL, ids=[f"{p.parent.name}/{p.stem}" for p in ALL])
def test_case(path: Path) -> None:
    case = load_case(path)
    outcome = run_case(case)
    if outcome.skipped:
        pytest.skip(outcome.skipped)
    assert outcome.agrees, "\n".join([f"{case.id}: {case.name}", *outcome.differences])


def test_the_cases_are_there() -> None:
    # at least ten hand-computed cases for the bundled set (issue 14, "Done when")
    pitea = [p for p in ALL if p.parent.name == "pitea"]
    assert len(pitea) >= 10
    assert all(load_case(p).arithmetic.strip() for p in ALL)


def test_a_missing_set_skips_with_its_name_until_it_exists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Hudiksvall's case, written for a municipality whose set is not bundled (yet)
    text = (CASES / "hudiksvall" / "01-halvdag-exakt-fyra-timmar.yaml").read_text(encoding="utf-8")
    path = tmp_path / "cases" / "ovanaker.yaml"
    path.parent.mkdir()
    path.write_text(text.replace("rules: hudiksvall", "rules: ovanaker"), encoding="utf-8")
    case = load_case(path)
    outcome = run_case(case)
    assert outcome.skipped == "regelsamlingen ovanaker finns inte ännu" == missing_rules_reason("ovanaker")
    # The day a bundled set of that name exists, the case runs (here: a copy of Hudiksvall's under the name).
    shutil.copytree(bundled_rules_dir("hudiksvall"), tmp_path / "ovanaker")
    meta = tmp_path / "ovanaker" / "regler.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("name: hudiksvall", "name: ovanaker"), encoding="utf-8")
    monkeypatch.setattr(arvode.testfall, "bundled_rules_dir", lambda name: tmp_path / name)
    arvode.testfall._bundled.cache_clear()
    try:
        ran = run_case(case)
    finally:
        arvode.testfall._bundled.cache_clear()
    assert ran.skipped is None
    assert ran.agrees, ran.differences


def test_given_rules_apply_to_the_cases_of_their_name(rules: Rules) -> None:
    pitea = load_case(CASES / "pitea" / "01-sammantrade-en-timme-gransen.yaml")
    other = load_case(CASES / "umea" / "01-kallans-exempel-1500-1720.yaml")
    assert rules_for_case(pitea, rules) is rules
    found = rules_for_case(other, rules)  # not Piteå's rules for Umeå's case: Umeå's bundled set
    assert found is not None
    assert found is not rules
    assert found.name == "umea"


CASE = """\
name: Ett sammanträde på 3 timmar
rules: pitea
source: "2.2.1"
arithmetic: |
  1/1 × 1 173 = 1 173,00
claim:
  official: {id: p-1}
  period: 2025-03
  events:
    - {date: 2025-03-12, organ: socialnamnden, kind: sammantrade, called: "13:00-16:00"}
expect:
"""


def case_file(tmp_path: Path, expect: str) -> Path:
    path = tmp_path / "fall.yaml"
    path.write_text(CASE + textwrap.indent(textwrap.dedent(expect), "  "), encoding="utf-8")
    return path


def test_an_agreeing_case(tmp_path: Path, rules: Rules) -> None:
    case = load_case(case_file(tmp_path, """\
        totals: {sammantradesersattning: "1173.00", total: "1173.00"}
        lines: [{event: 1, type: sammantradesersattning, amount: "1173.00", rule: "2.2.1", text: "över 1 timme"}]
        rejected: []
    """))
    assert case.totals == {"sammantradesersattning": Decimal("1173.00"), "total": Decimal("1173.00")}
    outcome = check_case(case, rules)
    assert outcome.agrees, outcome.differences


def test_every_difference_is_named_in_swedish(tmp_path: Path, rules: Rules) -> None:
    case = load_case(case_file(tmp_path, """\
        totals: {sammantradesersattning: "586.50", total: "586.50"}
        lines: [{event: 1, type: sammantradesersattning, amount: "586.50"}]
        rejected: [{event: 1, rule: "6.1"}]
    """))
    outcome = check_case(case, rules)
    assert not outcome.agrees
    assert outcome.differences == (
        "summa Sammanträdesersättning: väntat 586,50 kr, beräknat 1 173,00 kr",
        "summa: väntat 586,50 kr, beräknat 1 173,00 kr",
        "rad saknas: händelse 1: Sammanträdesersättning 586,50 kr (beräknat där: Sammanträdesersättning 1 173,00 kr)",
        "avvisning saknas: händelse 1 (avsnitt 6.1)",
    )


def test_a_total_the_case_does_not_list_is_a_difference(tmp_path: Path, rules: Rules) -> None:
    case = load_case(case_file(tmp_path, 'totals: {total: "1173.00"}\n'))
    outcome = check_case(case, rules)
    assert outcome.differences == ("summa Sammanträdesersättning: väntat ingen, beräknat 1 173,00 kr",)


def test_an_expected_error(tmp_path: Path, rules: Rules) -> None:
    path = case_file(tmp_path, 'error: "timkostnad_barntillsyn"\n')
    path.write_text(path.read_text(encoding="utf-8").replace('called: "13:00-16:00"}',
                                                             'called: "13:00-16:00", childcare_hours: "2"}'),
                    encoding="utf-8")
    assert check_case(load_case(path), rules).agrees
    other = path.read_text(encoding="utf-8").replace('error: "timkostnad_barntillsyn"', 'error: "maxbelopp"')
    path.write_text(other, encoding="utf-8")
    outcome = check_case(load_case(path), rules)
    assert not outcome.agrees
    assert outcome.differences[0].startswith("felet nämner inte 'maxbelopp': ")


def test_an_expected_error_that_does_not_come(tmp_path: Path, rules: Rules) -> None:
    outcome = check_case(load_case(case_file(tmp_path, 'error: "maxbelopp"\n')), rules)
    assert outcome.differences == ("väntade ett fel som nämner 'maxbelopp', men beräkningen gick igenom "
                                   "(summa 1 173,00 kr)",)


def test_the_file_name_is_no_evidence_of_an_error(tmp_path: Path, rules: Rules) -> None:
    # "sammantrade" is in the file's path and in its field path, not in what went wrong
    folder = tmp_path / "maxbelopp"
    folder.mkdir()
    path = case_file(folder, 'error: "maxbelopp"\n')
    path.write_text(path.read_text(encoding="utf-8").replace("organ: socialnamnden", "organ: nowhere"),
                    encoding="utf-8")
    assert not check_case(load_case(path), rules).agrees


@pytest.mark.parametrize(("expect", "line", "field", "problem"), [
    ("", 11, "expect", "expect behöver totals, lines, rejected eller error"),
    ('error: "x"\ntotals: {total: "1.00"}\n', 12, "expect.error", "error står ensamt"),
    ('lines: [{event: 2, type: arsarvode, amount: "1.00"}]\n', 12, "expect.lines[0].event",
     "händelse 2 finns inte: rapporten har 1 händelse (räknas från 1)"),
    ('lines: [{type: Årsarvode, amount: "1.00"}]\n', 12, "expect.lines[0].type", "'Årsarvode' är ingen radtyp"),
    ('totals: {total: 12.5}\n', 12, "expect.totals.total", ""),
    ('later: 1\n', 12, "expect.later", "okänt fält i expect"),
])
def test_a_bad_case_file_is_one_located_error(tmp_path: Path, expect: str, line: int, field: str,
                                              problem: str) -> None:
    path = case_file(tmp_path, expect)
    if not expect:
        path.write_text(CASE.replace("expect:\n", "expect: {}\n"), encoding="utf-8")
    with pytest.raises(ClaimError) as caught:
        load_case(path)
    assert caught.value.location is not None
    assert (caught.value.location.line, caught.value.location.field) == (line, field)
    assert problem in caught.value.problem


def test_find_cases_refuses_what_is_not_there(tmp_path: Path) -> None:
    with pytest.raises(ClaimError, match="finns inte"):
        find_cases([tmp_path / "saknas"])
    with pytest.raises(ClaimError, match="inga testfall"):
        find_cases([tmp_path])


def test_the_bundled_rules_are_the_cases_pitea() -> None:
    assert load_rules().name == "pitea"
