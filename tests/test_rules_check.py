"""`arvode rules check`: every problem of a rules set, each as `file:line: field: problem`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from arvode import RulesError, bundled_rules_dir, load_rules
from arvode.rules.check import check_rules

ARVODE = Path(sys.executable).parent / "arvode"


def arvode(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ARVODE), *map(str, args)], capture_output=True, text=True)


class Broken:
    """A copy of the bundled rules with problems planted at known lines."""

    def __init__(self, directory: Path) -> None:
        shutil.copytree(bundled_rules_dir(), directory)
        self.directory = directory
        self.expected: list[str] = []

    def plant(self, file: str, old: str, new: str, field: str, problem: str) -> None:
        """Replace ``old`` (once) by ``new``; expect ``problem`` where they first differ."""
        path = self.directory / file
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        same = next(i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b)
        line = text[: text.index(old) + same].count("\n") + 1
        path.write_text(text.replace(old, new), encoding="utf-8")
        self.expected.append(f"{path}:{line}: {field}: {problem}")


@pytest.fixture
def broken(tmp_path: Path) -> Broken:
    rules = Broken(tmp_path / "broken")
    rules.plant(
        "bilaga1.yaml",
        '2025-01-01: {value: "1173", reference: "Bilaga 1, uppräkningsdatum 2024-11-25"}',
        '2025-01-01: {value: "1173"}',
        "parameters.sammantradesersattning.values.2025-01-01.reference",
        "obligatoriskt fält saknas",
    )
    rules.plant(
        "bilaga1.yaml",
        '{value: "2.90", reference',
        "{value: 2.90, reference",
        "parameters.reseersattning_per_km.values.2025-01-01.value",
        "2.90 är ett flyttal",  # as written: the number is never converted to a float
    )
    rules.plant(
        "bilaga1.yaml",
        "    description: Traktamente heldag (grund innan ev. avdrag)\n",
        "    beskrivning: Traktamente\n"
        "    description: Traktamente heldag (grund innan ev. avdrag)\n",
        "parameters.traktamente_heldag.beskrivning",
        "okänt fält",
    )
    rules.plant(
        "basbelopp.yaml",
        '2024-01-01: {value: "57300"',
        'pbb-2024: {value: "57300"',
        "parameters.prisbasbelopp.values.pbb-2024",
        "'pbb-2024' är inte ett datum ÅÅÅÅ-MM-DD",
    )
    rules.plant(
        "basbelopp.yaml",
        '2026-01-01: {value: "59200"',
        '2025-01-01: {value: "59200"',
        "parameters.prisbasbelopp.values.2025-01-01",
        "nyckeln finns två gånger",
    )
    rules.plant(
        "basbelopp.yaml",
        '2026-01-01: {value: "83400"',
        '2026-02-30: {value: "83400"',
        "parameters.inkomstbasbelopp.values.2026-02-30",
        "'2026-02-30' är inte ett datum",
    )
    rules.plant(
        "roller.yaml",
        'Kommunfullmäktige, ordförande\n    values:\n      2025-01-01: {percent: "17", level: 3',
        'Kommunfullmäktige, ordförande\n    values:\n      2025-01-01: {percent: "17", level: 7',
        "roles.kommunfullmaktige.ordforande.values.2025-01-01",
        "okänd nivå 7 (nivåer: 1, 2, 3, 4)",
    )
    rules.plant(
        "roller.yaml",
        "{derived_from: kommunfullmaktige.ordforande, share",
        "{derived_from: kommunfullmaktige.ordf, share",
        "roles.kommunfullmaktige.vice_ordforande.values.2025-01-01",
        "derived_from 'kommunfullmaktige.ordf' är inget uppdrag i regelsamlingen",
    )
    rules.plant(
        "roller.yaml",
        "includes: [socialnamnden.utskott_ledamot]",
        "includes: [socialnamnden.utskott]",
        "roles.socialnamnden.vice_ordforande.values.2025-01-01",
        "includes 'socialnamnden.utskott' är inget uppdrag i regelsamlingen",
    )
    rules.plant(
        "roller.yaml",
        "    organ: kommunstyrelsen\n    title: Kommunstyrelse, 2:e vice ordförande",
        "    organ: kommunstyrelse\n    title: Kommunstyrelse, 2:e vice ordförande",
        "roles.kommunstyrelsen.andre_vice_ordforande.organ",
        "organet 'kommunstyrelse' finns inte i regelsamlingen",
    )
    rules.plant(
        "roller.yaml",
        '2025-01-01: {percent: "57", level: 2, reference: "2.3.2"}',
        '2025-01-01: {percent: "57", niva: 2, level: 2, reference: "2.3.2"}',
        "roles.socialnamnden.ordforande.values.2025-01-01.niva",
        "okänt fält",
    )
    rules.plant(
        "moten.yaml",
        "amount: {share: protokolljustering.andel, of: forrattningsersattning}",
        "amount: {share: protokolljustering.andelen, of: forrattningsersattning}",
        "fee_schemes.protokolljustering",
        "anger parametern 'protokolljustering.andelen', som regelsamlingen inte har",
    )
    rules.plant(
        "organ.yaml",
        '  valnamnden: {name: Valnämnden, from',
        '  valnamnden: {name: Valnämnden, namn: Valnämnd, from',
        "organs.valnamnden.namn",
        "okänt fält",
    )
    rules.plant(
        "rules.yaml",
        "meta:\n",
        "metadata: {}\nmeta:\n",
        "metadata",
        "okänt avsnitt",
    )
    return rules


def test_every_planted_problem_is_reported_with_its_line(broken: Broken) -> None:
    report = check_rules(broken.directory)
    lines = [str(p) for p in report.problems]
    for expected in broken.expected:
        assert any(line.startswith(expected) for line in lines), (expected, lines)
    assert len(lines) == len(broken.expected), lines  # and nothing else
    assert not report.ok
    # load_rules stays fail-fast: it stops at the first of them
    with pytest.raises(RulesError):
        load_rules(broken.directory)


def test_cli_prints_each_problem_and_exits_2(broken: Broken) -> None:
    done = arvode("rules", "check", broken.directory)
    assert done.returncode == 2
    printed = done.stdout.splitlines()
    assert len(printed) == len(broken.expected)
    for expected in broken.expected:
        assert any(line.startswith(expected) for line in printed), expected
    assert printed == sorted(printed, key=lambda s: (s.split(":")[0], int(s.split(":")[1])))
    assert f"{len(broken.expected)} fel i" in done.stderr
    assert "Traceback" not in done.stderr


def test_bundled_rules_are_ok() -> None:
    rules = load_rules()
    done = arvode("rules", "check")
    assert done.returncode == 0, done.stdout
    assert done.stdout.startswith(
        f"inga fel: {len(rules.parameters)} parametrar, {len(rules.roles)} uppdrag, "
        f"{len(rules.organs)} organ, {len(rules.kinds)} typer av möten, {len(rules.levels)} nivåer"
    )


def test_one_parameter_with_several_problems_reports_each(tmp_path: Path) -> None:
    broken = Broken(tmp_path / "rules")
    path = broken.directory / "bilaga1.yaml"
    text = path.read_text(encoding="utf-8")
    old = (
        "  maxbelopp:\n"
        "    description: Förlorad arbetsförtjänst, maxbelopp per dag\n"
        '    section: "2.2.2; 6.5"\n'
    )
    assert old in text
    first = text[: text.index(old)].count("\n") + 1
    text = text.replace(old, '  maxbelopp:\n    section: "2.2.2; 6.5"\n    foo: 1\n')
    text = text.replace('{value: "3360", reference', '{value: 3360.0, reference')
    path.write_text(text, encoding="utf-8")
    lines = [str(p) for p in check_rules(broken.directory).problems]
    assert lines == [
        f"{path}:{first + 1}: parameters.maxbelopp.description: obligatoriskt fält saknas",
        f"{path}:{first + 2}: parameters.maxbelopp.foo: okänt fält (ett av: "
        "description, note, omrakning, section, unit, values)",
        f"{path}:{first + 6}: parameters.maxbelopp.values.2025-01-01.value: 3360.0 är ett flyttal; "
        'skriv talet inom citattecken, t.ex. "3360.0"',
    ]


def test_each_dated_term_of_a_role_is_checked(tmp_path: Path) -> None:
    broken = Broken(tmp_path / "rules")
    path = broken.directory / "roller.yaml"
    text = path.read_text(encoding="utf-8")
    old = '      2025-01-01: {percent: "22", level: 3, reference: "2.3.3"}\n'
    line = text[: text.index(old)].count("\n") + 1
    text = text.replace(old, (
        '      2025-01-01: {percent: "22", level: 3}\n'
        '      2026-01-01: {percent: "23", level: 9, reference: "KF 2025-12-01 § 1"}\n'
    ))
    path.write_text(text, encoding="utf-8")
    lines = [str(p) for p in check_rules(broken.directory).problems]
    assert lines == [
        f"{path}:{line}: roles.kultur_och_fritidsnamnden.ordforande.values.2025-01-01.reference: "
        "obligatoriskt fält saknas",
        f"{path}:{line + 1}: roles.kultur_och_fritidsnamnden.ordforande.values.2026-01-01: "
        "okänd nivå 9 (nivåer: 1, 2, 3, 4)",
    ]


def test_a_circle_of_derivations_is_reported(tmp_path: Path) -> None:
    # load_rules accepts it, but role_percent would never finish: 2.3.5 needs an ordförande.
    broken = Broken(tmp_path / "rules")
    path = broken.directory / "roller.yaml"
    text = path.read_text(encoding="utf-8")
    old = '2025-01-01: {percent: "17", level: 3, reference: "2.3.3"}'
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, (
        '2025-01-01: {derived_from: kommunfullmaktige.vice_ordforande, share: "20", '
        'level: 3, reference: "2.3.3"}'
    ), 1), encoding="utf-8")
    lines = [str(p) for p in check_rules(broken.directory).problems]
    assert lines == [
        f"{path}:{line}: roles.kommunfullmaktige.ordforande: derived_from går runt i en cirkel "
        "(kommunfullmaktige.ordforande → kommunfullmaktige.vice_ordforande → "
        "kommunfullmaktige.ordforande): 2.3.5 behöver en ordförande med egen procentsats",
    ]


def test_a_yaml_syntax_error_spoils_only_its_file(tmp_path: Path) -> None:
    broken = Broken(tmp_path / "rules")
    (broken.directory / "organ.yaml").write_text("organs: [unclosed\n", encoding="utf-8")
    lines = [str(p) for p in check_rules(broken.directory).problems]
    assert any("organ.yaml" in line and "ogiltig YAML" in line for line in lines)
    # its organs are missing, so every role naming one is reported too; no traceback
    assert any("finns inte i regelsamlingen" in line for line in lines)


def test_not_a_folder(tmp_path: Path) -> None:
    done = arvode("rules", "check", tmp_path / "missing")
    assert done.returncode == 2
    assert "inte en mapp med regler" in done.stdout
